#!/usr/bin/env python3
"""Helpers for bench/run-reports (bench/README.md, "Reports").

  reports_bench.py period --end-date D --days N --timezone TZ
      "FROM_DATE TO_DATE FROM_UTC TO_UTC": the last N local days up to D, and their UTC bounds
      [local midnight of FROM_DATE, local midnight after TO_DATE), as the server's ReportPeriod.
  reports_bench.py check ANSWER.json EXPECTED.tsv
      compares the answer's fields (EXPECTED: "dotted.path<TAB>value" lines, worked out by SQL);
      prints "ok: …" or "invalid: …" and exits 1 when any differs.
  reports_bench.py trend ANSWER.json EXPECTED
      the samples of the trend's points (each the chats it counts) must add up to EXPECTED chats.
  reports_bench.py rows FILE EXPECTED
      an export must hold one row per conversation: the largest sheet of an XLSX (or the lines of
      a CSV) has at least EXPECTED rows and at most EXPECTED + 200 (headings, the report's own
      figures). A PDF must start with %PDF- and end with %%EOF.
  reports_bench.py table OUT_DIR DRY(0|1) ENGINE...
      the Markdown table of a run.
"""
import datetime
import json
import os
import re
import sys
import zipfile
import zoneinfo


def period(args):
    end, days, tz = datetime.date.fromisoformat(args[args.index("--end-date") + 1]), int(args[args.index("--days") + 1]), \
        zoneinfo.ZoneInfo(args[args.index("--timezone") + 1])
    start = end - datetime.timedelta(days=days - 1)

    def midnight(d):
        return int(datetime.datetime.combine(d, datetime.time(0), tz).timestamp())

    print(start.isoformat(), end.isoformat(), midnight(start), midnight(end + datetime.timedelta(days=1)))


def field(doc, path):
    for part in path.split("."):
        if not isinstance(doc, dict) or part not in doc:
            return None
        doc = doc[part]
    return doc


def check(answer, expected):
    try:
        doc = json.load(open(answer, encoding="utf-8"))
    except (OSError, ValueError) as e:
        print("invalid: the answer is not JSON (%s)" % e)
        return 1
    seen, bad = [], []
    for line in open(expected, encoding="utf-8"):
        if not line.strip():
            continue
        path, want = line.rstrip("\n").split("\t")
        got = field(doc, path)
        want = int(want or 0)
        (seen if got == want else bad).append("%s %s%s" % (path, got, "" if got == want else " (SQL: %d)" % want))
    if bad:
        print("invalid: " + "; ".join(bad))
        return 1
    print("ok: " + ", ".join(seen) + " (= SQL)")
    return 0


def trend(answer, expected):
    expected = int(expected)
    try:
        doc = json.load(open(answer, encoding="utf-8"))
        points = doc["data"]
        samples = [int(p["sample"]) for p in points]
    except (OSError, ValueError, KeyError, TypeError) as e:
        print("invalid: no data[{timestamp, value, sample}] in the answer (%s)" % e)
        return 1
    total = sum(samples)
    if total == expected:
        print("ok: %d points whose samples add up to %d chats (= SQL)" % (len(points), expected))
        return 0
    print("invalid: %d points whose samples add up to %d, SQL counts %d chats" % (len(points), total, expected))
    return 1


def count_rows(path, expected):
    expected = int(expected)
    with open(path, "rb") as f:
        head = f.read(8)
    if head.startswith(b"%PDF-"):
        size = os.path.getsize(path)
        with open(path, "rb") as f:
            f.seek(max(0, size - 1024))
            ok = b"%%EOF" in f.read()
        print(("ok: a PDF of %d bytes" if ok else "invalid: a PDF of %d bytes without %%%%EOF") % size)
        return 0 if ok else 1
    if expected < 0:
        print("invalid: not a PDF (starts with %r)" % head)
        return 1
    if head.startswith(b"PK"):
        best, rows = None, 0
        with zipfile.ZipFile(path) as z:
            for name in z.namelist():
                if not re.match(r"xl/worksheets/sheet\d+\.xml$", name):
                    continue
                n, tail = 0, b""
                with z.open(name) as s:
                    while True:
                        chunk = s.read(1 << 20)
                        if not chunk:
                            break
                        n += sum((tail + chunk).count(t) - tail.count(t) for t in (b"<row ", b"<row>"))
                        tail = chunk[-8:]
                if n > rows:
                    best, rows = name, n
        what = "%s: %d rows" % (best, rows)
    else:
        with open(path, "rb") as f:
            rows = sum(1 for _ in f)
        what = "%d lines" % rows
    if expected <= rows <= expected + 200:
        print("ok: %s for %d conversations (SQL)" % (what, expected))
        return 0
    print("invalid: %s, SQL counts %d conversations" % (what, expected))
    return 1


# --- the table ----------------------------------------------------------------------------------

def kv(path):
    try:
        return dict(l.split(": ", 1) for l in open(path, encoding="utf-8").read().split("\n") if ": " in l)
    except OSError:
        return {}


def ms(t):
    m = re.fullmatch(r"([\d.]+)(us|ms|s)", t or "")
    return float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[m.group(2)] if m else None


def fmt_ms(x):
    return "—" if x is None else ("%.1f ms" % x if x < 1000 else "%.2f s" % (x / 1000))


def quantile(values, p):
    v = sorted(values)
    return v[max(0, -(-len(v) * p // 100) - 1)] if v else None


def cores(cpu, engine):
    if not cpu:
        return ""
    s = "%s / %s / %s / %s" % (cpu.get("server"), cpu.get("database") if engine == "postgresql" else "—",
                               cpu.get("load"), cpu.get("other"))
    return s + (" (**noisy**)" if float(cpu.get("other", 0)) > 0.15 else "")


def table(out, dry, engines):
    cases = ["campaign", "agent", "number", "summary", "trend", "export", "pdf"]
    print("| engine | case | request | result | target | met? | cores: server / database / load tool / other | check |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    prefix = "(dry run) " if dry else ""
    for e in engines:
        for c in cases:
            d = os.path.join(out, e, c)
            meta = kv(os.path.join(d, "meta.txt"))
            if not meta:
                continue
            cpu = kv(os.path.join(d, "cpu.txt"))
            state, target, request = meta.get("state"), meta.get("target", ""), meta.get("request", "")
            check_text = meta.get("check", "")
            if state == "skipped":
                print("| %s | %s | %s | skipped: %s | %s | — | | |" % (e, c, request, check_text, target))
                continue
            if state != "ok":
                print("| %s | %s | %s | **invalid** | %s | — | %s | %s |" % (e, c, request, target, cores(cpu, e), check_text))
                continue
            if meta.get("kind") == "json":
                w = open(os.path.join(d, "wrk.txt"), encoding="utf-8").read()
                p50 = re.search(r"^\s+50%\s+(\S+)", w, re.M)
                p99 = re.search(r"^\s+99%\s+(\S+)", w, re.M)
                n = re.search(r"^\s*(\d+) requests in", w, re.M)
                errors = re.search(r"Non-2xx|Socket errors", w)
                p50, p99 = ms(p50.group(1)) if p50 else None, ms(p99.group(1)) if p99 else None
                n = int(n.group(1)) if n else 0
                if errors or not n:
                    print("| %s | %s | %s | **invalid**: %s | %s | — | %s | %s |" % (
                        e, c, request, "non-200 answers or socket errors (wrk.txt)" if errors else "no request completed",
                        target, cores(cpu, e), check_text))
                    continue
                try:
                    own = [float(l.split()[1]) for l in open(os.path.join(d, "server-times.txt")) if l.split()[:1] == ["200"]]
                except OSError:
                    own = []
                secs = float(cpu.get("seconds", 0) or 0)
                per = ""
                if n and secs:
                    per = "; CPU per request: server %.1f ms%s" % (
                        float(cpu.get("server", 0)) * secs * 1000 / n,
                        ", database %.1f ms" % (float(cpu.get("database", 0)) * secs * 1000 / n) if e == "postgresql" else "")
                result = "p50 %s, p99 %s over %d requests (server's own p99 %s%s)" % (
                    fmt_ms(p50), fmt_ms(p99), n, fmt_ms(quantile(own, 99)), per)
                limit = float(meta.get("limit_ms", 100))
                met = prefix + ("met" if p99 is not None and p99 <= limit else "**missed**")
            elif meta.get("kind") == "export":
                runs = [l.split("\t") for l in open(os.path.join(d, "runs.tsv"), encoding="utf-8").read().split("\n")[1:] if l]
                secs = [float(r[1]) for r in runs]
                growth = [(int(r[4]) - int(r[3])) * 1024 / 1e6 for r in runs]   # VmHWM during − VmRSS before, kB
                after = int(runs[-1][5]) * 1024 / 1e6 if runs else 0
                size = int(runs[0][2]) / 1e6 if runs else 0
                result = "%s to the last byte (%s over %d runs), %.1f MB; RSS growth %s MB (peak − before, per run), %.0f MB after" % (
                    "%.2f s" % max(secs), ", ".join("%.2f" % s for s in secs), len(runs), size,
                    " / ".join("%.1f" % g for g in growth), after)
                met = prefix + ("met" if secs and max(secs) <= float(meta.get("limit_s", 15)) and
                                max(growth) <= float(meta.get("limit_mb", 100)) else "**missed**")
            else:   # pdf
                runs = [l.split("\t") for l in open(os.path.join(d, "runs.tsv"), encoding="utf-8").read().split("\n")[1:] if l]
                secs = [float(r[1]) for r in runs]
                result = "p50 %.2f s, max %.2f s over %d (%.0f KB)" % (quantile(secs, 50), max(secs), len(secs),
                                                                     int(runs[0][2]) / 1e3)
                met = prefix + ("met" if max(secs) <= float(meta.get("limit_s", 2)) else "**missed**")
            print("| %s | %s | %s | %s | %s | %s | %s | %s |" % (e, c, request, result, target, met, cores(cpu, e), check_text))


def main():
    a = sys.argv[1:]
    if not a:
        sys.exit(__doc__)
    if a[0] == "period":
        period(a[1:])
    elif a[0] == "check":
        sys.exit(check(a[1], a[2]))
    elif a[0] == "trend":
        sys.exit(trend(a[1], a[2]))
    elif a[0] == "rows":
        sys.exit(count_rows(a[1], a[2]))
    elif a[0] == "table":
        table(a[1], a[2] == "1", a[3:])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
