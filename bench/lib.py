#!/usr/bin/env python3
"""Helpers for scripts/bench (standard library only): turn tool output into JSON lines in
RESULTS (one record per measurement) and print the final report with ratios and targets.

  lib.py hyperfine RESULTS KIND JSON [key=value ...]   hyperfine --export-json → records
  lib.py wrk RESULTS OUTPUT key=value ...               wrk --latency output → one record
  lib.py criterion RESULTS OUTPUT                       criterion output → thrpt records
  lib.py record RESULTS key=value ...                   one record as given (numbers parsed)
  lib.py report RESULTS                                 the tables (markdown) on stdout
"""
import json
import re
import sys


def value(v):
    for cast in (int, float):
        try:
            return cast(v)
        except ValueError:
            pass
    return v


def kv(pairs):
    out = {}
    for p in pairs:
        k, v = p.split("=", 1)
        out[k] = value(v)
    return out


def append(results, record):
    with open(results, "a", encoding="utf-8") as f:
        f.write(json.dumps(record) + "\n")


def cmd_hyperfine(results, kind, path, *pairs):
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    extra = kv(pairs)
    for r in data["results"]:
        times = sorted(r["times"])
        append(results, dict(kind=kind, name=r["command"], median_s=r["median"],
                             mean_s=r["mean"], stddev_s=r["stddev"] or 0.0, min_s=r["min"],
                             max_s=r["max"], runs=len(times),
                             p10_s=times[len(times) // 10], p90_s=times[(len(times) * 9) // 10],
                             **extra))


UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 60e3}


def ms(text):
    m = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text)
    return float(m.group(1)) * UNITS[m.group(2)] if m else None


def cmd_wrk(results, path, *pairs):
    text = open(path, encoding="utf-8").read()
    rec = dict(kind="load", **kv(pairs))
    m = re.search(r"Requests/sec:\s+([\d.]+)", text)
    rec["rps"] = float(m.group(1)) if m else 0.0
    for pct in ("50", "99"):
        m = re.search(rf"^\s+{pct}%\s+(\S+)", text, re.M)
        rec[f"p{pct}_ms"] = ms(m.group(1)) if m else None
    m = re.search(r"(\d+) requests in", text)
    rec["requests"] = int(m.group(1)) if m else 0
    m = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
    rec["non2xx"] = int(m.group(1)) if m else 0
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    rec["socket_errors"] = sum(int(x) for x in m.groups()) if m else 0
    append(results, rec)


def cmd_criterion(results, path):
    name = None
    for line in open(path, encoding="utf-8"):
        m = re.match(r"^(\S+/\S+)\s+time:", line) or re.match(r"^(\S+/\S+)\s*$", line)
        if m:
            name = m.group(1)
        # `Melem/s` (wall clock) or `Melem/cpu-s` (the bench's on-CPU measurement).
        m = re.search(r"thrpt:\s+\[\S+ \S+ ([\d.]+) (\w+)/(cpu-)?s", line)
        if m and name:
            scale = {"elem": 1, "Kelem": 1e3, "Melem": 1e6, "Gelem": 1e9}.get(m.group(2), 1)
            append(results, dict(kind="criterion", bench=name, cpu=bool(m.group(3)),
                                 per_s=float(m.group(1)) * scale))


def cmd_record(results, *pairs):
    append(results, kv(pairs))


# ------------------------------------------------------------------ report

def fmt_ms(s):
    return f"{s * 1000:.1f}" if s is not None else "—"


def fmt_mb(kb):
    return f"{kb / 1024:.1f}" if kb else "—"


def ratio(a, b):
    return a / b if a and b else None


def fmt_ratio(r, digits=2):
    return f"{r:.{digits}f}×" if r is not None else "—"


def cmd_report(results):
    recs = [json.loads(line) for line in open(results, encoding="utf-8") if line.strip()]
    by = lambda k: [r for r in recs if r.get("kind") == k]  # noqa: E731
    rss = {r["what"]: r["kb"] for r in by("rss")}
    targets = []
    out = []
    p = out.append

    machine = next(iter(by("machine")), None)
    if machine:
        p(f"Machine: {machine.get('cpu', '?')}, {machine.get('nproc', '?')} cores; load "
          f"average at start {machine.get('load_start', '?')}, at end "
          f"{next((r['load'] for r in by('load_end')), '?')}.\n")

    gets = by("get")
    if gets:
        base = next((g for g in gets if g["name"] == "ossctl cors get"), None)
        floor = next((g for g in gets if g["name"].startswith("floor")), None)
        p("### 1. One-shot `cors get oss://bench` (whole process, hyperfine)\n")
        p("| client | median ms | p10–p90 ms | mean ± σ ms | peak RSS MB | time vs ossctl |")
        p("|---|---:|---:|---:|---:|---:|")
        for g in gets:
            r = ratio(g["median_s"], base["median_s"]) if base else None
            p(f"| {g['name']} | {fmt_ms(g['median_s'])} | {fmt_ms(g['p10_s'])}–"
              f"{fmt_ms(g['p90_s'])} | {fmt_ms(g['mean_s'])} ± {fmt_ms(g['stddev_s'])} | "
              f"{fmt_mb(rss.get(g['name']))} | {fmt_ratio(r)} |")
        p(f"\n{gets[0]['runs']} runs each after warm-up; medians compared.\n")
        if base and floor:
            r = ratio(base["median_s"], floor["median_s"])
            targets.append(("`cors get` ≤ 1.5× the reqwest floor", f"{fmt_ratio(r)}",
                            r is not None and r <= 1.5))
        for g in gets:
            if g["name"].startswith(("oss2", "alibabacloud-oss-v2")) and base:
                r = ratio(g["median_s"], base["median_s"])
                targets.append((f"`cors get` ≥ 50× faster than {g['name'].split()[0]}",
                                f"{fmt_ratio(r, 1)}", r is not None and r >= 50))

    loads = by("load")
    if loads:
        p("### 2. `serve` under load (wrk, loopback)\n")
        servers = list(dict.fromkeys(r["server"] for r in loads))
        for workload in ("preflight", "get"):
            rows = [r for r in loads if r["workload"] == workload]
            if not rows:
                continue
            conns = sorted(set(r["conns"] for r in rows))
            title = ("preflight `OPTIONS /bench/obj.bin` (Origin, ACRM PUT, ACRH content-type)"
                     if workload == "preflight" else "`GET /bench/obj.bin` (1 KiB) with Origin")
            p(f"**{title}**: requests/s (p50 / p99 ms)\n")
            p("| server | " + " | ".join(f"{c} conns" for c in conns) + " |")
            p("|---|" + "---:|" * len(conns))
            for s in servers:
                cells = []
                for c in conns:
                    r = next((x for x in rows if x["server"] == s and x["conns"] == c), None)
                    if not r:
                        cells.append("—")
                        continue
                    bad = ""
                    if r["non2xx"]:
                        bad += f" [{r['non2xx'] * 100 // max(r['requests'], 1)}% non-2xx]"
                    if r["socket_errors"]:
                        bad += f" [{r['socket_errors']} socket errors]"
                    cells.append(f"{r['rps']:,.0f} ({r['p50_ms']:.2f} / {r['p99_ms']:.2f})"
                                 + bad if r["p50_ms"] is not None else f"{r['rps']:,.0f}" + bad)
                if any(c != "—" for c in cells):
                    p(f"| {s} | " + " | ".join(cells) + " |")
            p("")
            at16 = {r["server"]: r["rps"] for r in rows if r["conns"] == 16}
            serve = at16.get("ossctl serve")
            if serve:
                p(f"At 16 connections, `ossctl serve` vs: " + ", ".join(
                    f"{s} {fmt_ratio(ratio(serve, v))}" for s, v in at16.items()
                    if s != "ossctl serve") + "\n")
                if workload == "preflight":
                    ceiling = at16.get("ceiling (fixed headers)")
                    if ceiling:
                        r = ratio(serve, ceiling)
                        targets.append(("preflights ≥ 70% of the fixed-header ceiling at 16 conns",
                                        f"{r * 100:.0f}%", r >= 0.70))
                    s3 = at16.get("s3rver")
                    if s3:
                        r = ratio(serve, s3)
                        targets.append(("preflights ≥ 20× s3rver at 16 conns", fmt_ratio(r, 1),
                                        r >= 20))
        cors = by("cors")
        if cors:
            p("How each server answers the browser's CORS requests, compared with what "
              "`ossctl cors test` predicts OSS answers (bench/probes.jsonl, bench/rules.xml): "
              + ", ".join(f"{c['server']} {c['legs'] - c['differ']}/{c['legs']} legs the same"
                          for c in cors) + ".\n")
            for c in cors:
                if c["differ"]:
                    rows = open(c["table"], encoding="utf-8").read().splitlines()
                    p("\n".join(rows[:2] + [r for r in rows[2:] if not r.endswith("| same |")]))
                    p("")
        srss = by("server_rss")
        if srss:
            p("Server peak RSS after its load runs (VmHWM): " + ", ".join(
                f"{r['server']} {fmt_mb(r['kb'])} MB" for r in srss) + "\n")

    scale = by("scale")
    if scale:
        p("### 3. `cors put` of one rule set to N buckets on `serve` (wall time, median)\n")
        p("| buckets | `--jobs 1` s | `--jobs 16` s | speed-up | ms per bucket (jobs 1 / 16) |")
        p("|---:|---:|---:|---:|---:|")
        ns = sorted(set(r["buckets"] for r in scale))
        for n in ns:
            j1 = next((r for r in scale if r["buckets"] == n and r["jobs"] == 1), None)
            j16 = next((r for r in scale if r["buckets"] == n and r["jobs"] == 16), None)
            if not (j1 and j16):
                continue
            r = ratio(j1["median_s"], j16["median_s"])
            p(f"| {n} | {j1['median_s']:.3f} | {j16['median_s']:.3f} | {fmt_ratio(r, 1)} | "
              f"{j1['median_s'] * 1000 / n:.2f} / {j16['median_s'] * 1000 / n:.2f} |")
            if n == max(ns):
                targets.append((f"`--jobs 16` ≥ 8× faster than `--jobs 1` at {n} buckets",
                                fmt_ratio(r, 1), r >= 8))
        p("")

    crit = by("criterion")
    reqs = by("requests")
    if crit or reqs:
        p("### 4. Simulator\n")
        if crit:
            p("| criterion bench (`benches/simulator.rs`, 100k mixed requests) | evaluations/s |")
            p("|---|---:|")
            for c in crit:
                unit = " (per CPU-second)" if c.get("cpu") else " (wall clock)"
                p(f"| {c['bench']}{unit} | {c['per_s']:,.0f} |")
            p("")
        if reqs:
            p("| `cors test -f rules.xml --requests FILE` (text output to /dev/null) | lines | "
              "wall s | requests/s | peak RSS MB |")
            p("|---|---:|---:|---:|---:|")
            for r in reqs:
                p(f"| | {r['lines']:,} | {r['seconds']:.2f} | {r['rps']:,.0f} | "
                  f"{fmt_mb(r['rss_kb'])} |")
            p("")
            big = max(reqs, key=lambda r: r["lines"])
            small = min(reqs, key=lambda r: r["lines"])
            targets.append((f"`--requests` ≥ 1,000,000 requests/s ({big['lines']:,} lines)",
                            f"{big['rps']:,.0f}/s", big["rps"] >= 1_000_000))
            if big is not small:
                g = ratio(big["rss_kb"], small["rss_kb"])
                targets.append((f"`--requests` memory flat ({small['lines']:,} → "
                                f"{big['lines']:,} lines)", f"{fmt_ratio(g)} RSS",
                                g is not None and g <= 1.10))

    sizes = by("size")
    if sizes or rss:
        p("### 5. Size and peak RSS\n")
        for s in sizes:
            p(f"- {s['what']}: {s['bytes'] / 1048576:.2f} MiB ({s['bytes']:,} bytes)")
        if rss:
            p("\n| command | peak RSS MB |")
            p("|---|---:|")
            for what, kb in rss.items():
                p(f"| {what} | {fmt_mb(kb)} |")
        p("")

    if targets:
        p("### Targets (ratios from this run)\n")
        p("| target | measured | met |")
        p("|---|---:|---|")
        for name, got, ok in targets:
            p(f"| {name} | {got} | {'yes' if ok else '**no**'} |")
        p("")
    print("\n".join(out))


def main():
    cmd, *args = sys.argv[1:]
    {"hyperfine": cmd_hyperfine, "wrk": cmd_wrk, "criterion": cmd_criterion,
     "record": cmd_record, "report": cmd_report}[cmd](*args)


if __name__ == "__main__":
    main()
