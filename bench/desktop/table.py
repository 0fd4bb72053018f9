#!/usr/bin/env python3
"""The Markdown table of bench/run-desktop: table.py OUT_DIR DRY_RUN(0|1) ENGINE..."""
import json
import os
import sys

out, dry, engines = sys.argv[1], sys.argv[2] == "1", sys.argv[3:]


def load(*parts):
    try:
        with open(os.path.join(out, *parts)) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def ms(x):
    return "miss" if x is None else ("%.0f ms" % x if x >= 10 else "%.1f ms" % x)


def verdict(ok):
    return ("(dry run) " if dry else "") + ("met" if ok else "**missed**")


def cores(cpu, engine):
    if not cpu:
        return "?"
    # As in the other benchmarks: more than 0.15 core of other work makes the run noisy.
    return "%.2f / %.2f / %s / %.2f%s" % (cpu["app"], cpu["server"], "%.2f" % cpu["database"] if engine == "postgresql" else "—",
                                          cpu["other"], " (**noisy**)" if cpu["other"] > 0.15 else "")


print("| engine | case | what | result | target | met? | cores: app / server / database / other |")
print("| --- | --- | --- | --- | --- | --- | --- |")
for e in engines:
    s = load(e, "startup", "summary.json")
    if s is not None:
        api = next((r.get("graphics_api") for r in s["runs"] if r.get("graphics_api")), "?")
        rows = next((r.get("rows") for r in s["runs"] if r.get("rows")), "?")
        what = "exec → first frame with the inbox's first page (%s rows), %d starts after 1 unmeasured; %s" % (
            rows, s["measured"], api)
        if s["failed"]:
            what += " (**%d starts failed**)" % s["failed"]
        res = "p50 %s (min %s, max %s); p50 of: main() %s, window %s, signed in %s, page in model %s" % (
            ms(s["p50_ms"]), ms(s["min_ms"]), ms(s["max_ms"]), ms(s["p50_main_ms"]), ms(s["p50_window_ms"]),
            ms(s["p50_signed_in_ms"]), ms(s["p50_first_page_ms"]))
        print("| %s | startup | %s | %s | ≤ 1.5 s | %s | %s |" % (
            e, what, res, verdict(s["p50_ms"] is not None and s["p50_ms"] <= 1500), cores(load(e, "startup", "cpu.json"), e)))
    s = load(e, "scroll", "summary.json")
    if s is not None:
        sc = s.get("scrolled")
        rss = {}
        try:
            for line in open(os.path.join(out, e, "scroll", "rss.txt")):
                k, v = line.split(":", 1)
                rss[k] = int(v.split()[0])
        except (OSError, ValueError):
            pass
        if sc is None:
            print("| %s | scroll | %s | failed (see %s/scroll) | ≤ 300 MB RSS | **missed** | %s |" % (
                e, "stuck" if s.get("stuck") else "no result", e, cores(load(e, "scroll", "cpu.json"), e)))
        else:
            kb = rss.get("VmRSS", sc["rss_kb"])
            res = "VmRSS %.0f MiB (peak %.0f MiB; %.0f MiB when the inbox was shown)" % (
                kb / 1024, rss.get("VmHWM", sc["hwm_kb"]) / 1024, s.get("rss_interactive_kb", 0) / 1024)
            what = "%d messages loaded by scrolling up in %.1f s (%d steps, %d nudges)%s" % (
                sc["rows"], sc["seconds"], sc["steps"], sc["nudges"], " (**stuck**)" if s.get("stuck") else "")
            print("| %s | scroll | %s | %s | ≤ 300 MB RSS | %s | %s |" % (
                e, what, res, verdict(kb / 1024 <= 300 and not s.get("stuck")), cores(load(e, "scroll", "cpu.json"), e)))
    s = load(e, "latency", "summary.json")
    if s is not None:
        for kind, label in (("open", "open chat: message row painted"), ("inbox", "other chat: inbox row moved, painted")):
            r = s[kind]
            what = "%s; %d webhooks, %d painted, %d misses%s; POST answered p50 %s" % (
                label, r["sent"], r["painted"], r["misses"], ", **%d non-200**" % r["non_200"] if r["non_200"] else "",
                ms(r["post_answer_p50_ms"]))
            res = "p50 %s, p99 %s, max %s (p50 %s to the model, %s more to the frame)" % (
                ms(r["p50_ms"]), ms(r["p99_ms"]), ms(r["max_ms"]), ms(r["to_model_p50_ms"]), ms(r["to_frame_p50_ms"]))
            print("| %s | latency | %s | %s | ≤ 100 ms | %s | %s |" % (
                e, what, res, verdict(r["p99_ms"] is not None and r["p99_ms"] <= 100 and not r["non_200"]),
                cores(load(e, "latency", "cpu.json"), e)))
