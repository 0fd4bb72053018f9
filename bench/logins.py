#!/usr/bin/env python3
"""Logins for the benchmark, through the real POST /v1/auth/login.

  pool  --url U --users TSV --password P --privileged N --agents M --out-dir D
        Logs in N active admins/supervisors and M active agents; writes D/tokens-all.txt (every
        token) and D/tokens-list.txt (only those allowed GET /v1/users), one access token a line,
        and D/used-emails.txt so the storm picks other users.
  storm --url U --users TSV --password P --rate R --seconds S --skip FILE --out FILE
        Starts R logins a second for S seconds (paced, one thread and one new connection per
        login, as separate clients would), each with a different user, waits for them (bounded)
        and writes a JSON summary: attempted, succeeded, statuses, latency p50/p99/max.

Each process logs in from several loopback source addresses (127.0.1.x for the pool, 127.0.2.x
for the storm), at most PER_IP logins each, so the per-IP login limit (50 per 15 minutes by
default) is never what is measured. Every loop is bounded in count and time.
"""
import argparse
import http.client
import json
import sys
import threading
import time

PER_IP = 40
TIMEOUT = 30.0


def read_users(path, skip=()):
    users = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            email, role, status = line.rstrip("\n").split("\t")
            if status == "active" and email not in skip:
                users.append((email, role))
    return users


def login(host, port, email, password, source_ip):
    """One login on its own connection: (status, access_token or None, seconds)."""
    body = json.dumps({"email": email, "password": password})
    started = time.monotonic()
    conn = http.client.HTTPConnection(host, port, timeout=TIMEOUT, source_address=(source_ip, 0))
    try:
        conn.request("POST", "/v1/auth/login", body=body, headers={"Content-Type": "application/json"})
        resp = conn.getresponse()
        data = resp.read()
        token = None
        if resp.status == 200:
            token = json.loads(data).get("access_token")
        return resp.status, token, time.monotonic() - started
    except (OSError, http.client.HTTPException, ValueError) as e:
        return "error: %s" % type(e).__name__, None, time.monotonic() - started
    finally:
        conn.close()


def source_ip(block, index):
    return "127.0.%d.%d" % (block, 1 + index // PER_IP)


def percentile(sorted_values, p):
    if not sorted_values:
        return None
    k = min(len(sorted_values) - 1, max(0, int(round(p / 100.0 * len(sorted_values) + 0.5)) - 1))
    return sorted_values[k]


def split_url(url):
    hostport = url.split("://", 1)[1].rstrip("/")
    host, port = hostport.rsplit(":", 1)
    return host, int(port)


def cmd_pool(args):
    host, port = split_url(args.url)
    users = read_users(args.users)
    privileged = [u for u in users if u[1] in ("admin", "supervisor")][:args.privileged]
    agents = [u for u in users if u[1] == "agent"][:args.agents]
    chosen = privileged + agents
    if len(privileged) < args.privileged or len(agents) < args.agents:
        sys.exit("logins.py: not enough active users for the pool")

    results = [None] * len(chosen)
    next_index = [0]
    lock = threading.Lock()
    deadline = time.monotonic() + args.max_seconds

    def worker():
        while time.monotonic() < deadline:
            with lock:
                i = next_index[0]
                next_index[0] += 1
            if i >= len(chosen):
                return
            results[i] = login(host, port, chosen[i][0], args.password, source_ip(1, i))

    threads = [threading.Thread(target=worker) for _ in range(args.concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    failed = [(chosen[i][0], r[0] if r else "not attempted") for i, r in enumerate(results)
              if not r or r[0] != 200 or not r[1]]
    if failed:
        sys.exit("logins.py: %d of %d pool logins failed, e.g. %s" % (len(failed), len(chosen), failed[:3]))
    with open(args.out_dir + "/tokens-all.txt", "w") as f:
        f.write("\n".join(r[1] for r in results) + "\n")
    with open(args.out_dir + "/tokens-list.txt", "w") as f:
        f.write("\n".join(r[1] for r in results[:len(privileged)]) + "\n")
    with open(args.out_dir + "/used-emails.txt", "w") as f:
        f.write("\n".join(u[0] for u in chosen) + "\n")
    seconds = sorted(r[2] for r in results)
    print("pool: %d logins (%d admin/supervisor, %d agents), p50 %.0f ms, max %.0f ms"
          % (len(chosen), len(privileged), len(agents), percentile(seconds, 50) * 1000, seconds[-1] * 1000))


def cmd_storm(args):
    host, port = split_url(args.url)
    skip = set()
    if args.skip:
        with open(args.skip, encoding="utf-8") as f:
            skip = {line.strip() for line in f if line.strip()}
    total = int(args.rate * args.seconds)
    users = read_users(args.users, skip)
    if len(users) < total:
        sys.exit("logins.py: %d unused active users, the storm needs %d" % (len(users), total))

    results = [None] * total
    lateness = [0.0] * total

    def one(i, due):
        lateness[i] = time.monotonic() - due
        results[i] = login(host, port, users[i][0], args.password, source_ip(2, i))

    threads = []
    start = time.monotonic() + 0.05
    for i in range(total):
        due = start + i / args.rate
        delay = due - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        t = threading.Thread(target=one, args=(i, due), daemon=True)
        t.start()
        threads.append(t)
    hard_stop = time.monotonic() + TIMEOUT + 5
    for t in threads:
        t.join(max(0.0, hard_stop - time.monotonic()))

    statuses = {}
    ok_seconds = []
    for r in results:
        key = "unfinished" if r is None else str(r[0])
        statuses[key] = statuses.get(key, 0) + 1
        if r and r[0] == 200 and r[1]:
            ok_seconds.append(r[2])
    ok_seconds.sort()
    summary = {
        "rate": args.rate, "seconds": args.seconds, "attempted": total,
        "succeeded": len(ok_seconds), "statuses": statuses,
        "p50_ms": round(percentile(ok_seconds, 50) * 1000, 1) if ok_seconds else None,
        "p99_ms": round(percentile(ok_seconds, 99) * 1000, 1) if ok_seconds else None,
        "max_ms": round(ok_seconds[-1] * 1000, 1) if ok_seconds else None,
        "max_start_lateness_ms": round(max(lateness) * 1000, 1),
    }
    with open(args.out, "w") as f:
        json.dump(summary, f, indent=1)
    print("storm: %(succeeded)d of %(attempted)d logins succeeded, p50 %(p50_ms)s ms, p99 %(p99_ms)s ms" % summary)


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="command", required=True)
    for name in ("pool", "storm"):
        p = sub.add_parser(name)
        p.add_argument("--url", required=True)
        p.add_argument("--users", required=True)
        p.add_argument("--password", required=True)
    pool = sub.choices["pool"]
    pool.add_argument("--privileged", type=int, required=True)
    pool.add_argument("--agents", type=int, required=True)
    pool.add_argument("--out-dir", required=True)
    pool.add_argument("--concurrency", type=int, default=8)
    pool.add_argument("--max-seconds", type=float, default=600)
    storm = sub.choices["storm"]
    storm.add_argument("--rate", type=float, required=True)
    storm.add_argument("--seconds", type=float, required=True)
    storm.add_argument("--skip")
    storm.add_argument("--out", required=True)
    args = ap.parse_args()
    cmd_pool(args) if args.command == "pool" else cmd_storm(args)


if __name__ == "__main__":
    main()
