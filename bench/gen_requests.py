"""Writes N browser requests (the `cors test --requests` JSON Lines format) to FILE: a fixed,
repeating mix of origins, methods, headers and credentials against bench/rules.xml (allowed and
blocked, with and without preflights), so runs are comparable.

Usage: gen_requests.py N FILE
"""
import itertools
import json
import sys

ORIGINS = ["https://app.example.com", "https://a.example.org", "https://b.c.example.org",
           "https://evil.test", "http://app.example.com", "https://app.example.com:8443"]
METHODS = ["GET", "PUT", "POST", "DELETE", "HEAD"]
HEADERS = [[], ["Content-Type: application/json"], ["X-Trace: 1"], ["Range: bytes=0-99"],
           ["Content-Type: text/plain", "X-Requested-With: fetch"]]
PATHS = ["/obj.bin", "/dir/a%20b.txt", "/"]

lines = []
for origin, method, headers, cred, path in itertools.product(
        ORIGINS, METHODS, HEADERS, (False, True), PATHS):
    spec = {"origin": origin, "method": method, "path": path}
    if headers:
        spec["headers"] = headers
    if cred:
        spec["credentials"] = True
    lines.append(json.dumps(spec, separators=(",", ":")) + "\n")

n, path = int(sys.argv[1]), sys.argv[2]
with open(path, "w", encoding="utf-8") as f:
    full, rest = divmod(n, len(lines))
    block = "".join(lines)
    for _ in range(full):
        f.write(block)
    f.write("".join(lines[:rest]))
