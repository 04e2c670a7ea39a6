"""Reads an `alicloud_oss_bucket_cors` resource block with python-hcl2 and prints its rules
in ossctl's JSON schema (the bucket name goes to stderr). Used by tests/it/pipelines.rs to
check that `ossctl cors convert --to terraform` converts back to the same rules.

python-hcl2 (8.x) returns string literals as written, quotes and escapes included, so they
are decoded here following HCL's native syntax: \\" \\\\ \\n \\r \\t \\uNNNN \\UNNNNNNNN, and
$${ / %%{ for a literal ${ / %{.
"""
import json
import re
import sys

import hcl2

ESCAPE = re.compile(r'\\(["\\nrt]|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8})|\$\$\{|%%\{')


def literal(v):
    if not (isinstance(v, str) and len(v) >= 2 and v[0] == v[-1] == '"'):
        return v

    def repl(m):
        t = m.group(0)
        if t == "$${":
            return "${"
        if t == "%%{":
            return "%{"
        e = m.group(1)
        simple = {'"': '"', "\\": "\\", "n": "\n", "r": "\r", "t": "\t"}
        return simple[e] if e in simple else chr(int(e[1:], 16))

    return ESCAPE.sub(repl, v[1:-1])


def main(path):
    with open(path) as f:
        doc = hcl2.load(f)
    [resources] = doc["resource"]
    [(kind, named)] = resources.items()
    assert literal(kind) == "alicloud_oss_bucket_cors", kind
    [(_, body)] = named.items()
    rules = []
    for r in body["cors_rule"]:
        rule = {
            "allowed_origins": [literal(x) for x in r["allowed_origins"]],
            "allowed_methods": [literal(x) for x in r["allowed_methods"]],
        }
        if "allowed_headers" in r:
            rule["allowed_headers"] = [literal(x) for x in r["allowed_headers"]]
        if "expose_header" in r:
            rule["expose_headers"] = [literal(x) for x in r["expose_header"]]
        if "max_age_seconds" in r:
            rule["max_age_seconds"] = int(r["max_age_seconds"])
        rules.append(rule)
    out = {"rules": rules}
    if "response_vary" in body:
        out["response_vary"] = body["response_vary"] in (True, "true")
    print(literal(body["bucket"]), file=sys.stderr)
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1])
