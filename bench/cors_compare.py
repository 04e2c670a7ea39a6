#!/usr/bin/env python3
"""Compares how servers answer browser CORS requests with what `ossctl cors test` predicts.

For every request in PROBES (the `cors test --requests` JSON Lines format) it asks
`ossctl cors test -f RULES --requests PROBES --output json` for OSS's answer, then sends the
browser's own requests to each server: the preflight (OPTIONS with Origin,
Access-Control-Request-Method/-Headers) when the browser would send one, and the actual GET
with Origin when the browser would send it. It reports, per server and leg, the status and
every Access-Control-* header that differs from the prediction.

Usage: cors_compare.py --ossctl BIN --rules FILE --probes FILE --out FILE.md \
           [--results RESULTS.jsonl] NAME=http://127.0.0.1:PORT/BUCKET ...
Loopback only. Standard library only.
"""
import argparse
import http.client
import json
import subprocess
import sys
from urllib.parse import urlsplit

CORS = (
    "access-control-allow-origin",
    "access-control-allow-methods",
    "access-control-allow-headers",
    "access-control-expose-headers",
    "access-control-max-age",
    "access-control-allow-credentials",
)


def predictions(ossctl, rules, probes):
    proc = subprocess.run(
        [ossctl, "cors", "test", "-f", rules, "--requests", probes, "--output", "json"],
        capture_output=True, text=True, check=False)
    if proc.returncode not in (0, 1):
        sys.exit(f"cors_compare: ossctl cors test failed ({proc.returncode}): {proc.stderr}")
    return [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]


def send(base, method, path, headers):
    parts = urlsplit(base)
    if parts.hostname not in ("127.0.0.1", "localhost", "::1"):
        sys.exit(f"cors_compare: refusing non-loopback server {base}")
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        conn.request(method, parts.path.rstrip("/") + path, headers=headers)
        resp = conn.getresponse()
        resp.read()
        got = {}
        for name, value in resp.getheaders():
            name = name.lower()
            if name in CORS:
                got[name] = (got[name] + ", " + value) if name in got else value
        return resp.status, got
    finally:
        conn.close()


def norm(name, value):
    if name in ("access-control-allow-methods", "access-control-allow-headers",
                "access-control-expose-headers"):
        return ", ".join(sorted(v.strip().lower() for v in value.split(",") if v.strip()))
    return value.strip()


def diff(expected, got):
    out = []
    for name in CORS:
        e, g = expected.get(name), got.get(name)
        if e is None and g is None:
            continue
        if e is None:
            out.append(f"extra `{name}: {g}`")
        elif g is None:
            out.append(f"missing `{name}: {e}`")
        elif norm(name, e) != norm(name, g):
            out.append(f"`{name}`: `{g}` (expected `{e}`)")
    return out


def describe(sim):
    req = sim["request"]
    hdrs = ",".join(h[0] for h in req.get("headers") or [])
    cred = " +credentials" if req.get("credentials") else ""
    return f"{req['method']} from {req['origin']}" + (f" [{hdrs}]" if hdrs else "") + cred


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ossctl", required=True)
    ap.add_argument("--rules", required=True)
    ap.add_argument("--probes", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--results", help="append one JSON record per server to this file")
    ap.add_argument("servers", nargs="+", help="NAME=http://127.0.0.1:PORT/BUCKET")
    args = ap.parse_args()
    sims = predictions(args.ossctl, args.rules, args.probes)
    lines = ["| server | request | leg | expected (ossctl cors test) | answer | differences |",
             "|---|---|---|---|---|---|"]
    summary = {}
    for spec in args.servers:
        name, base = spec.split("=", 1)
        wrong = 0
        legs = 0
        for sim in sims:
            req = sim["request"]
            path = req.get("path") or "/"
            pf = sim["preflight"]
            if pf["needed"]:
                headers = {"Origin": req["origin"],
                           "Access-Control-Request-Method": pf["request_method"]}
                if pf.get("request_headers"):
                    headers["Access-Control-Request-Headers"] = pf["request_headers"]
                status, got = send(base, "OPTIONS", path, headers)
                expected = {k.lower(): v for k, v in pf["headers"]}
                d = diff(expected, got)
                if status != pf["status"]:
                    d.insert(0, f"status {status} (expected {pf['status']})")
                legs += 1
                wrong += bool(d)
                lines.append(f"| {name} | {describe(sim)} | preflight | {pf['status']} | "
                             f"{status} | {'; '.join(d) or 'same'} |")
            rs = sim["response"]
            if rs["sent"] and req["method"] in ("GET", "HEAD"):
                headers = {"Origin": req["origin"]}
                for h in req.get("headers") or []:
                    headers[h[0]] = h[1] if h[1] is not None else "1"
                status, got = send(base, req["method"], path, headers)
                expected = {k.lower(): v for k, v in rs["headers"]}
                d = diff(expected, got)
                legs += 1
                wrong += bool(d)
                lines.append(f"| {name} | {describe(sim)} | actual | CORS headers | "
                             f"{status} | {'; '.join(d) or 'same'} |")
        summary[name] = (wrong, legs)
    with open(args.out, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    for name, (wrong, legs) in summary.items():
        print(f"cors answers: {name}: {legs - wrong}/{legs} legs as OSS answers (ossctl cors test)")
    if args.results:
        with open(args.results, "a", encoding="utf-8") as f:
            for name, (wrong, legs) in summary.items():
                f.write(json.dumps(dict(kind="cors", server=name, differ=wrong, legs=legs,
                                        table=args.out)) + "\n")


if __name__ == "__main__":
    main()
