#!/usr/bin/env python3
"""Turns one run-foundation (or run-crm) output directory into Markdown tables (and results.json).

Each case directory OUT/<engine>/<case>/ holds wrk.txt (wrk's output, the command on its first
line), rss.txt (VmRSS and VmHWM of the server after the run, in kB) and, for the storm,
storm.json. A run with any non-2xx answer or socket error is invalid: it is reported as such,
never as a figure. When the run measured issue 20's anchors (--anchors: OUT/anchors/anchors.json,
written by run-anchors), the anchors' table comes first and each case gets a ratio column: its
req/s ÷ static nginx's req/s at 64 connections.

usage: report.py OUT_DIR
"""
import json
import os
import re
import sys

# (engine-independent) targets for this 2-core machine at 64 connections
CASES = [
    ("me", "GET /v1/users/me", 20000, 25.0),
    ("list", "GET /v1/users?limit=20", 5000, 25.0),
    ("list-search", "GET /v1/users?limit=20&search=mar", 5000, 25.0),
    ("storm", "GET /v1/users/me during 20 logins/s", None, 50.0),
]
NOISY_CORES = 0.15   # other processes' CPU during a run above which its figures are suspect
UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def to_ms(text):
    m = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text)
    return float(m.group(1)) * UNITS_MS[m.group(2)] if m else None


def parse_wrk(text):
    r = {"command": text.splitlines()[0].lstrip("# ").strip() if text.startswith("#") else ""}
    m = re.search(r"Requests/sec:\s+([\d.]+)", text)
    r["rps"] = float(m.group(1)) if m else None
    m = re.search(r"(\d+) requests in ([\d.]+\w+)", text)
    r["requests"] = int(m.group(1)) if m else None
    for pct in ("50", "75", "90", "99"):
        m = re.search(r"^\s+%s(?:\.000)?%%\s+([\d.]+\w+)" % pct, text, re.M)
        r["p" + pct] = to_ms(m.group(1)) if m else None
    m = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
    r["non2xx"] = int(m.group(1)) if m else 0
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    r["socket_errors"] = sum(int(g) for g in m.groups()) if m else 0
    r["valid"] = (r["rps"] is not None and r["p99"] is not None and r["requests"]
                  and r["non2xx"] == 0 and r["socket_errors"] == 0)
    return r


def read_rss(path):
    values = {}
    if os.path.exists(path):
        for line in open(path):
            key, _, value = line.partition(":")
            values[key.strip()] = int(value.split()[0])
    return values


def read_cpu(path):
    values = {}
    if os.path.exists(path):
        for line in open(path):
            key, _, value = line.partition(":")
            values[key.strip()] = float(value)
    return values


def fmt_ms(v):
    return "—" if v is None else ("%.2f ms" % v if v < 10 else "%.1f ms" % v)


def read_anchors(out):
    """run-anchors' results in this run's directory (anchors.json and its table), or None."""
    path = os.path.join(out, "anchors", "anchors.json")
    if not os.path.exists(path):
        return None
    anchors = json.load(open(path))
    md = os.path.join(out, "anchors", "anchors.md")
    anchors["table"] = open(md).read().strip() if os.path.exists(md) else ""
    return anchors


def ratio_text(rps, base, target_share=None, noisy_anchor=False):
    """req/s as a share of an anchor's figure, with issue 20's target share when there is one."""
    if not base or rps is None:
        return "—"
    text = "%.1f %%" % (100.0 * rps / base)
    text += " (target ≥ %g %%)" % target_share if target_share else ""
    # a share of a figure taken while other work ran is not a reference ratio
    return text + (" (anchor **noisy**)" if noisy_anchor else "")


def main():
    out = sys.argv[1]
    # Another benchmark (run-crm) lists its own cases, per engine:
    # {"sqlite": [[case, label, min req/s or null, max p99 ms or null, (issue 20's target share of
    #  nginx's req/s in %, optional)], ...], "postgresql": [...]}
    own_cases = None
    if os.path.exists(os.path.join(out, "cases.json")):
        own_cases = json.load(open(os.path.join(out, "cases.json")))
    results = {}
    lines = []
    if os.path.exists(os.path.join(out, "DRY-RUN")):
        lines.append("**Dry run** (tooling check against /health, short runs): not figures for the README.")
    machine = os.path.join(out, "machine.txt")
    if os.path.exists(machine):
        text = open(machine).read()
        for line in text.splitlines():
            if line.startswith("non-default server settings"):
                lines.append("**Experiment** (%s): not the reference figures." % line)
    anchors = read_anchors(out)
    nginx = anchors.get("nginx_rps_c64") if anchors else None
    nginx_noisy = bool(anchors and anchors.get("runs", {}).get("nginx-c64", {}).get("noisy"))
    if anchors:
        lines += ["", "#### anchors (same window; ratio = req/s ÷ static nginx's req/s at 64 connections)", "",
                  anchors["table"]]
        if not nginx:
            lines += ["", "No valid nginx figure at 64 connections: no ratios."]
    for engine in ("sqlite", "postgresql"):
        if not os.path.isdir(os.path.join(out, engine)):
            continue
        ratio_head, ratio_rule = (" ÷ nginx (c64) |", " ---: |") if anchors else ("", "")
        lines += ["", "#### %s" % engine, "",
                  "| case | req/s | p50 | p99 |%s RSS after | cores: server / database / wrk / other | target | met? |"
                  % ratio_head,
                  "| --- | ---: | ---: | ---: |%s ---: | --- | --- | --- |" % ratio_rule]
        cases = [tuple(c) for c in own_cases.get(engine, [])] if own_cases else CASES
        for case, label, min_rps, max_p99, *share in cases:
            d = os.path.join(out, engine, case)
            if not os.path.exists(os.path.join(d, "wrk.txt")):
                continue
            r = parse_wrk(open(os.path.join(d, "wrk.txt")).read())
            rss = read_rss(os.path.join(d, "rss.txt"))
            r["rss_kb"], r["hwm_kb"] = rss.get("VmRSS"), rss.get("VmHWM")
            r["cpu"] = cpu = read_cpu(os.path.join(d, "cpu.txt"))
            r["noisy"] = cpu.get("other", 0) > NOISY_CORES
            cores = ("%.2f / %.2f / %.2f / %.2f" % (cpu.get("server", 0), cpu.get("database", 0), cpu.get("wrk", 0),
                                                   cpu.get("other", 0))) if cpu else "—"
            if r["noisy"]:
                cores += " (**noisy**)"
            target = ", ".join(([("≥ %s req/s" % format(min_rps, ","))] if min_rps else [])
                               + ([("p99 ≤ %g ms" % max_p99)] if max_p99 else [])) or "—"
            storm = None
            if os.path.exists(os.path.join(d, "storm.json")):
                storm = json.load(open(os.path.join(d, "storm.json")))
                r["storm"] = storm
            rss_text = "%.0f MiB" % (r["rss_kb"] / 1024) if r["rss_kb"] else "—"
            ratio = ""
            if anchors:
                r["ratio_nginx_c64"] = r["rps"] / nginx if (nginx and r["valid"]) else None
                ratio = " %s |" % (ratio_text(r["rps"], nginx, share[0] if share else None, nginx_noisy) if r["valid"] else "")
            if not r["valid"]:
                lines.append("| %s | **invalid**: %d non-2xx, %d socket errors | | |%s %s | %s | %s | — |"
                             % (label, r["non2xx"], r["socket_errors"], ratio, rss_text, cores, target))
            else:
                misses = []
                if min_rps and r["rps"] < min_rps:
                    misses.append("req/s")
                if max_p99 and r["p99"] > max_p99:
                    misses.append("p99")
                if storm and storm["succeeded"] != storm["attempted"]:
                    misses.append("logins failed")
                r["met"] = not misses
                verdict = ("met" if not misses else "**missed** (" + ", ".join(misses) + ")") \
                    if (min_rps or max_p99) else "—"
                lines.append("| %s | %s | %s | %s |%s %s | %s | %s | %s |" % (
                    label, format(round(r["rps"]), ","), fmt_ms(r["p50"]), fmt_ms(r["p99"]), ratio, rss_text,
                    cores, target, verdict))
            results.setdefault(engine, {})[case] = r
        for case in results.get(engine, {}):
            s = results[engine][case].get("storm")
            if s:
                lines.append("")
                lines.append("Logins during the storm (%s): %d of %d succeeded (statuses %s), latency p50 %s ms, "
                             "p99 %s ms, max %s ms; the pacer started logins at most %s ms late."
                             % (engine, s["succeeded"], s["attempted"], json.dumps(s["statuses"]),
                                s["p50_ms"], s["p99_ms"], s["max_ms"], s["max_start_lateness_ms"]))
        lines.append("")
        lines.append("Commands (%s):" % engine)
        lines.append("")
        for case in results.get(engine, {}):
            lines.append("    " + results[engine][case]["command"])
    text = "\n".join(lines).lstrip("\n") + "\n"
    with open(os.path.join(out, "results.md"), "w") as f:
        f.write(text)
    if anchors:
        results["anchors"] = {k: v for k, v in anchors.items() if k not in ("table", "runs")}
    with open(os.path.join(out, "results.json"), "w") as f:
        json.dump(results, f, indent=1)
    sys.stdout.write(text)
    invalid = [(e, c) for e in ("sqlite", "postgresql") for c in results.get(e, {}) if not results[e][c]["valid"]]
    sys.exit(1 if invalid else 0)


if __name__ == "__main__":
    main()
