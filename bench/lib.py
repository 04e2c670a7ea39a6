#!/usr/bin/env python3
"""Helpers for scripts/bench (standard library only): turn tool output into JSON lines in
RESULTS (one record per measurement) and print the final report with ratios and targets.

  lib.py hyperfine RESULTS KIND JSON [key=value ...]   hyperfine --export-json → records
  lib.py wrk RESULTS OUTPUT key=value ...               wrk --latency output → one record
  lib.py criterion RESULTS OUTPUT                       criterion output → thrpt records
  lib.py record RESULTS key=value ...                   one record as given (numbers parsed)
  lib.py probe OUT_JSON PID                              load, CPU counters, busiest others
  lib.py section RESULTS NAME ATTEMPT START END MAX       one section attempt: noisy or not
  lib.py section-summary RESULTS                        that attempt's load, in one line
  lib.py report RESULTS                                 the tables (markdown) on stdout
"""
import json
import os
import re
import sys
import time


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


# ------------------------------------------------------------------ load

HZ = os.sysconf("SC_CLK_TCK")


def proc_stat(pid):
    """(ppid, utime+stime, cutime+cstime, name) of a process, in clock ticks."""
    with open(f"/proc/{pid}/stat", encoding="utf-8", errors="replace") as f:
        text = f.read()
    name = text[text.index("(") + 1:text.rindex(")")]
    fields = text[text.rindex(")") + 2:].split()
    return int(fields[1]), int(fields[11]) + int(fields[12]), int(fields[13]) + int(fields[14]), name


def all_procs():
    out = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                out[int(entry)] = proc_stat(entry)
            except (OSError, ValueError, IndexError):
                pass
    return out


def tree(procs, root):
    """`root` and its descendants."""
    children = {}
    for pid, (ppid, *_rest) in procs.items():
        children.setdefault(ppid, []).append(pid)
    seen, todo = set(), [root]
    while todo:
        pid = todo.pop()
        if pid not in seen:
            seen.add(pid)
            todo.extend(children.get(pid, []))
    return seen


def busy_ticks():
    with open("/proc/stat", encoding="utf-8") as f:
        cpu = [int(x) for x in f.readline().split()[1:]]
    return sum(cpu) - cpu[3] - cpu[4]  # all but idle and iowait


def cmd_probe(out, pid):
    """The 1-minute load average, the machine's busy CPU ticks, the CPU ticks of the bench
    script and everything it waited for, and the 5 busiest other processes over one second."""
    pid = int(pid)
    before = all_procs()
    time.sleep(1.0)
    after = all_procs()
    ours = tree(after, pid) | tree(before, pid)
    others = []
    for p, (_ppid, cpu, _c, name) in after.items():
        if p in ours or p not in before:
            continue
        used = (cpu - before[p][1]) / HZ
        if used > 0.02:
            others.append((used, p, name))
    others.sort(reverse=True)
    _ppid, own, waited, _name = proc_stat(pid)
    with open("/proc/loadavg", encoding="utf-8") as f:
        load = float(f.read().split()[0])
    json.dump(dict(time=time.time(), load1=load, busy=busy_ticks(), ours=own + waited,
                   busiest=[f"{name} ({p}) {used:.0%}" for used, p, name in others[:5]]),
              open(out, "w", encoding="utf-8"))


def cmd_section(results, name, attempt, start, end, max_load):
    """Judges one attempt of a section from the probes at its start and end: the load
    average at the start (before the section's own work), and the CPU the other processes
    used during it (machine busy time minus the bench script's own, in cores). Prints
    `noisy` or `quiet`."""
    a = json.load(open(start, encoding="utf-8"))
    b = json.load(open(end, encoding="utf-8"))
    seconds = b["time"] - a["time"]
    others = max(0.0, (b["busy"] - a["busy"]) - (b["ours"] - a["ours"])) / HZ / max(seconds, 1e-9)
    max_load = float(max_load)
    noisy = a["load1"] > max_load or others > max_load
    append(results, dict(kind="section", section=name, attempt=int(attempt), seconds=seconds,
                         load_start=a["load1"], load_end=b["load1"], others_cores=others,
                         busiest_start=a["busiest"], busiest_end=b["busiest"], noisy=noisy,
                         max_load=max_load))
    print("noisy" if noisy else "quiet")


def cmd_section_summary(results):
    """The last section record of RESULTS: how noisy it was (a number to compare attempts
    by), then a one-line summary."""
    r = json.loads(open(results, encoding="utf-8").read().splitlines()[-1])
    print(f"{max(r['load_start'], r['others_cores'])} load {r['load_start']:.2f} at start, "
          f"{r['load_end']:.2f} at end; other processes {r['others_cores']:.2f} cores; "
          f"{r['seconds']:.0f} s")


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
    sections = by("section")
    noisy_sections = {r["section"] for r in sections if r.get("kept") and r["noisy"]}
    # Which section each kind of record comes from, to mark targets measured while noisy.
    section_of = {"get": "get", "load": "load", "scale": "scale", "tls": "tls",
                  "criterion": "sim", "requests": "sim", "size": "size"}
    if sections:
        limit = sections[0]["max_load"]
        settings = next(iter(by("settings")), {})
        attempts = settings.get("attempts", "?")
        p("### Load during the run\n")
        p(f"A section is noisy when the 1-minute load average at its start, or the CPU other "
          f"processes used during it (in cores), is above {limit}; a noisy section is run "
          f"again (this run: up to {attempts} attempt{'' if attempts == 1 else 's'}, after "
          f"waiting up to {settings.get('settle', '?')} s for the load to settle) and the "
          f"quietest attempt is kept. The load at the end includes the section's own work.\n")
        p("| section | attempt | s | load at start | load at end | others' CPU (cores) | "
          "busiest other processes (start; end) | verdict |")
        p("|---|---:|---:|---:|---:|---:|---|---|")
        for r in sections:
            busy = "; ".join(", ".join(r[k]) or "none" for k in ("busiest_start", "busiest_end"))
            verdict = ("**noisy**" if r["noisy"] else "quiet") + (" (kept)" if r.get("kept") else "")
            p(f"| {r['section']} | {r['attempt']} | {r['seconds']:.0f} | {r['load_start']:.2f} | "
              f"{r['load_end']:.2f} | {r['others_cores']:.2f} | {busy} | {verdict} |")
        times = by("section_time")
        total = next(iter(by("total_time")), None)
        p("\nTime per section (all attempts, with the settling waits): " + ", ".join(
            f"{t['section']} {t['seconds']} s" for t in times)
          + (f"; total {total['seconds']} s." if total else ".") + "\n")
        if noisy_sections:
            p("**Sections that stayed noisy after every attempt: "
              + ", ".join(sorted(noisy_sections)) + ".** Their figures are pessimistic.\n")
        else:
            p("No section stayed noisy.\n")

    gets = [g for g in by("get") if g["name"] not in ("hello-world (bench/hello-world)",
                                                      "ossctl --version")]
    starts = [g for g in by("get") if g not in gets]
    if len(starts) == 2:
        hello, version = starts
        r = ratio(version["median_s"], hello["median_s"])
        p("### 1a. Start-up: `ossctl --version` beside a Rust hello-world (hyperfine)\n")
        p("| program | median ms | p10–p90 ms | mean ± σ ms | peak RSS MB |")
        p("|---|---:|---:|---:|---:|")
        for g in starts:
            p(f"| {g['name']} | {fmt_ms(g['median_s'])} | {fmt_ms(g['p10_s'])}–"
              f"{fmt_ms(g['p90_s'])} | {fmt_ms(g['mean_s'])} ± {fmt_ms(g['stddev_s'])} | "
              f"{fmt_mb(rss.get(g['name']))} |")
        p("")
        targets.append(("`ossctl --version` ≤ 1.3× a Rust hello-world", fmt_ratio(r),
                        r is not None and r <= 1.3, "get"))
    if gets:
        base = next((g for g in gets if g["name"] == "ossctl cors get"), None)
        floor = next((g for g in gets if g["name"].startswith("floor")), None)
        p("### 1b. One-shot `cors get oss://bench` (whole process, hyperfine)\n")
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
            targets.append(("`cors get` ≤ 1.25× the reqwest floor", f"{fmt_ratio(r)}",
                            r is not None and r <= 1.25, "get"))
        for g in gets:
            if g["name"].startswith(("oss2", "alibabacloud-oss-v2")) and base:
                r = ratio(g["median_s"], base["median_s"])
                targets.append((f"`cors get` ≥ 50× faster than {g['name'].split()[0]}",
                                f"{fmt_ratio(r, 1)}", r is not None and r >= 50, "get"))

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
                        targets.append(("preflights ≥ 85% of the fixed-header ceiling at 16 conns",
                                        f"{r * 100:.0f}%", r >= 0.85, "load"))
                    s3 = at16.get("s3rver")
                    if s3:
                        r = ratio(serve, s3)
                        targets.append(("preflights ≥ 20× s3rver at 16 conns", fmt_ratio(r, 1),
                                        r >= 20, "load"))
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
                                fmt_ratio(r, 1), r >= 8, "scale"))
        p("")

    tls = by("tls")
    if tls:
        p("### 4. `cors put --force` to N buckets, https vs http (virtual-hosted: "
          "`<bucket>.oss.localhost`, wall time, median)\n")
        p("| buckets | jobs | http s | https s | http ms/bucket | https ms/bucket | "
          "TLS cost ms/bucket |")
        p("|---:|---:|---:|---:|---:|---:|---:|")
        for n in sorted(set(r["buckets"] for r in tls)):
            for j in sorted(set(r["jobs"] for r in tls)):
                h = next((r for r in tls if (r["buckets"], r["jobs"], r["scheme"]) == (n, j, "http")), None)
                s_ = next((r for r in tls if (r["buckets"], r["jobs"], r["scheme"]) == (n, j, "https")), None)
                if not (h and s_):
                    continue
                p(f"| {n} | {j} | {h['median_s']:.3f} | {s_['median_s']:.3f} | "
                  f"{h['median_s'] * 1000 / n:.2f} | {s_['median_s'] * 1000 / n:.2f} | "
                  f"{(s_['median_s'] - h['median_s']) * 1000 / n:.2f} |")
        p("\nEvery bucket is its own host name (`<bucket>.oss.localhost`, a wildcard "
          "certificate), so each costs one TCP connection and one full TLS handshake (a TLS "
          "session is resumed only for the same server name); requests to the same host share "
          "one connection (`tests/it/perf.rs` counts the handshakes).\n")

    crit = by("criterion")
    reqs = by("requests")
    if crit or reqs:
        p("### 5. Simulator\n")
        if crit:
            p("| criterion bench (`benches/simulator.rs`, 100k mixed requests) | evaluations/s |")
            p("|---|---:|")
            for c in crit:
                unit = " (per CPU-second)" if c.get("cpu") else " (wall clock)"
                p(f"| {c['bench']}{unit} | {c['per_s']:,.0f} |")
            p("")
        if reqs:
            p("| `cors test -f rules.xml --requests FILE` (text output to /dev/null) | lines | "
              "jobs | round | wall s | CPU s | lines/s | peak RSS MB |")
            p("|---|---:|---:|---:|---:|---:|---:|---:|")
            for r in reqs:
                what = ("ceiling: separate `--jobs 1` processes, 1/N of the file each"
                        if r.get("mode") == "processes" else "")
                rss_mb = fmt_mb(r["rss_kb"]) if r.get("rss_kb") else "—"
                p(f"| {what} | {r['lines']:,} | {r.get('jobs', 1)} | {r.get('round', 1)} | "
                  f"{r['seconds']:.2f} | {r.get('cpu_s', 0):.2f} | {r['rps']:,.0f} | {rss_mb} |")
            p("")
            threads = [r for r in reqs if r.get("mode", "threads") == "threads"]
            most = max(r.get("jobs", 1) for r in threads)
            big_n = max(r["lines"] for r in threads)
            small_n = min(r["lines"] for r in threads)

            def median_rps(rows):
                rows = sorted(r["rps"] for r in rows)
                return rows[len(rows) // 2] if rows else None

            one = median_rps([r for r in threads if r["lines"] == big_n and r.get("jobs", 1) == 1])
            all_ = median_rps([r for r in threads if r["lines"] == big_n and r.get("jobs", 1) == most])
            split = median_rps([r for r in reqs if r.get("mode") == "processes"
                                and r["lines"] == big_n])

            # Rounds are interleaved (--jobs 1, --jobs N, N processes), so each round's ratio
            # compares runs made a few seconds apart; the target takes the median of those.
            def by_round(jobs, mode):
                return {r.get("round", 1): r["rps"] for r in reqs
                        if r["lines"] == big_n and r.get("jobs", 1) == jobs
                        and r.get("mode", "threads") == mode}

            ones, alls, splits = by_round(1, "threads"), by_round(most, "threads"), \
                by_round(most, "processes")
            paired = sorted(alls[k] / ones[k] for k in alls if k in ones)
            g = paired[len(paired) // 2] if paired else None
            if one and all_ and most > 1:
                rounds = ", ".join(f"{alls[k] / ones[k]:.2f}×" for k in sorted(alls) if k in ones)
                ceil = ", ".join(f"{splits[k] / ones[k]:.2f}×" for k in sorted(splits) if k in ones)
                p(f"Over {big_n:,} lines, per round (interleaved): `--jobs {most}` vs `--jobs 1` "
                  f"{rounds}; {most} separate `--jobs 1` processes vs `--jobs 1` {ceil or '—'} "
                  f"(what {most} cores give work that shares nothing, on this machine). Medians: "
                  f"`--jobs 1` {one:,.0f} lines/s, `--jobs {most}` {all_:,.0f} lines/s, "
                  f"{most} processes {split or 0:,.0f} lines/s.\n")
                note = f", median of {len(paired)} interleaved rounds" if len(paired) > 1 else ""
                targets.append((f"`--requests --jobs {most}` ≥ 1.8× `--jobs 1` ({big_n:,} lines"
                                f"{note})", fmt_ratio(g), g is not None and g >= 1.8, "requests"))
            if all_:
                targets.append((f"`--requests` ≥ 1,000,000 lines/s ({big_n:,} lines, "
                                f"--jobs {most})", f"{all_:,.0f}/s",
                                all_ >= 1_000_000, "requests"))
            big = next((r for r in threads if r["lines"] == big_n and r.get("jobs", 1) == most), None)
            small = next((r for r in threads if r["lines"] == small_n and r.get("jobs", 1) == most), None)
            if big and small and small is not big:
                g = ratio(big["rss_kb"], small["rss_kb"])
                targets.append((f"`--requests --jobs {most}` memory flat ({small_n:,} → "
                                f"{big_n:,} lines)", f"{fmt_ratio(g)} RSS",
                                g is not None and g <= 1.10, "requests"))

    sizes = by("size")
    if sizes or rss:
        p("### 6. Size and peak RSS\n")
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
        for name, got, ok, kind in targets:
            noisy = section_of.get(kind, kind) in noisy_sections
            p(f"| {name} | {got} | {'met' if ok else '**not met**'}"
              f"{' (noisy section)' if noisy else ''} |")
        p("")
    print("\n".join(out))


def main():
    cmd, *args = sys.argv[1:]
    {"hyperfine": cmd_hyperfine, "wrk": cmd_wrk, "criterion": cmd_criterion,
     "record": cmd_record, "report": cmd_report, "probe": cmd_probe,
     "section": cmd_section, "section-summary": cmd_section_summary}[cmd](*args)


if __name__ == "__main__":
    main()
