#!/usr/bin/env python3
"""Helpers of bench/run-desktop (bench/README.md, "Desktop").

  seed --engine E --number ID --agent ID --chats N --long-messages M > chats.sql
      N clients and N open chats (status active) assigned to the agent, each with two messages,
      chat 1 with M messages instead (the long chat of case b). Explicit ids; activity times put
      chat 1 first, then 2, 3… in the inbox. One transaction.
  launch EXEC_FILE PROGRAM ARGS...
      writes the wall-clock time in microseconds to EXEC_FILE, then exec()s the program: the start
      the app is measured from.
  webhooks --base URL --path P --secret S --meta-id ID --open-phone P --other-phone P --count N
           --rate R --out FILE
      2N signed Meta webhooks paced at R/s, alternating the open chat's client and another's;
      writes one JSON line per POST: text, kind (open/inbox), sent_us (just before the request is
      written), status.
  summarize --case startup|scroll|latency ...   (see each function)
"""
import argparse
import hashlib
import hmac
import http.client
import json
import os
import statistics
import sys
import time
import urllib.parse

TEXTS = [
    "Hola, buenas tardes. Quisiera saber el estado de mi pedido, lo hice hace tres días y todavía no me llega.",
    "Claro que sí, con gusto le ayudo. ¿Me confirma el número de pedido, por favor?",
    "Es el 48213. Lo pagué con tarjeta.",
    "Gracias. Veo que salió de la bodega de Medellín ayer y debería llegar mañana antes de las 6 p. m.",
    "Perfecto, muchas gracias 🙏",
    "¿Tienen envío a Cali? Y otra pregunta: ¿cuánto cuesta el plan familiar con 4 líneas?",
    "Sí, enviamos a todo el país. El plan familiar con 4 líneas cuesta $189.900 al mes, con 40 GB por línea.",
    "ok",
    "Me llegó la factura duplicada este mes, ¿me pueden revisar?",
    "Ya revisé su cuenta: el cobro duplicado se reversa en 3 a 5 días hábiles. Le envío el soporte por correo.",
]


def now_us():
    return time.time_ns() // 1000


def sql_str(s):
    return "'" + s.replace("'", "''") + "'"


def seed(a):
    now = int(time.time())
    out = sys.stdout
    out.write("BEGIN;\n")
    rows = []
    for i in range(1, a.chats + 1):
        rows.append("(%d, '+57300%07d', 'Cliente', %s, %d, %d)" % (i, i, sql_str("Bench %d" % i), now, now))
    out.write("INSERT INTO clients (id, phone_number, first_name, last_name, created_at, updated_at) VALUES\n"
              + ",\n".join(rows) + ";\n")
    rows = []
    for i in range(1, a.chats + 1):
        at = now - 60 * i   # chat 1 newest
        created = at - 30 * (a.long_messages if i == 1 else 2) - 600
        rows.append("(%d, %d, (SELECT id FROM campaigns WHERE code = 'BENCH'), %d, %d, 'active', %d, %d, %d, %d, %d)"
                    % (i, i, a.number, a.agent, created, created + 60, at, at, at))
    out.write("INSERT INTO chats (id, client_id, campaign_id, whatsapp_number_id, assigned_agent_id, status, created_at, "
              "assigned_at, last_message_at, last_activity_at, last_inbound_at) VALUES\n" + ",\n".join(rows) + ";\n")
    # Messages: oldest first, alternating client and agent; chat 1 has --long-messages of them.
    batch = []

    def flush():
        if batch:
            out.write("INSERT INTO messages (chat_id, whatsapp_number_id, direction, message_type, content, status, "
                      "user_id, created_at, sent_at) VALUES\n" + ",\n".join(batch) + ";\n")
            batch.clear()

    for i in range(1, a.chats + 1):
        count = a.long_messages if i == 1 else 2
        last = now - 60 * i
        for m in range(count):
            at = last - (count - 1 - m) * 30
            inbound = m % 2 == 0
            text = TEXTS[m % len(TEXTS)] if i != 1 else "%s (%d)" % (TEXTS[m % len(TEXTS)], m + 1)
            batch.append("(%d, %d, '%s', 'text', %s, '%s', %s, %d, %s)" % (
                i, a.number, "inbound" if inbound else "outbound", sql_str(text), "read" if inbound else "delivered",
                "NULL" if inbound else str(a.agent), at, "NULL" if inbound else str(at)))
            if len(batch) >= 500:
                flush()
    flush()
    out.write("UPDATE chats SET message_count = (SELECT COUNT(*) FROM messages m WHERE m.chat_id = chats.id), "
              "last_message_id = (SELECT MAX(id) FROM messages m WHERE m.chat_id = chats.id);\n")
    if a.engine == "postgresql":
        for table in ("clients", "chats"):
            out.write("SELECT setval(pg_get_serial_sequence('%s', 'id'), (SELECT MAX(id) FROM %s));\n" % (table, table))
    out.write("COMMIT;\n")


def launch(a):
    with open(a.exec_file, "w") as f:
        f.write("%d\n" % now_us())
    os.execv(a.program[0], a.program)


def webhook_body(meta_id, sender, wamid, text):
    env = {"object": "whatsapp_business_account", "entry": [{"id": "102290129340398", "changes": [{"value": {
        "messaging_product": "whatsapp",
        "metadata": {"display_phone_number": "15550783881", "phone_number_id": meta_id},
        "contacts": [{"profile": {"name": "Cliente Bench"}, "wa_id": sender}],
        "messages": [{"from": sender, "id": wamid, "timestamp": str(int(time.time())), "type": "text",
                      "text": {"body": text}}]}, "field": "messages"}]}]}
    return json.dumps(env, separators=(",", ":"), ensure_ascii=False).encode()


def webhooks(a):
    base = urllib.parse.urlsplit(a.base)
    conn = http.client.HTTPConnection(base.hostname, base.port, timeout=10)
    secret = a.secret.encode()
    tag = "%x" % now_us()
    gap = 1.0 / a.rate
    start = time.monotonic()
    with open(a.out, "w") as out:
        for n in range(2 * a.count):
            kind = "open" if n % 2 == 0 else "inbox"
            sender = a.open_phone if kind == "open" else a.other_phone
            text = "Mensaje de prueba %s-%s-%d: ¿me confirman el horario?" % (tag, kind, n)
            body = webhook_body(a.meta_id, sender, "wamid.bench.%s.%d" % (tag, n), text)
            sig = "sha256=" + hmac.new(secret, body, hashlib.sha256).hexdigest()
            # Paced from the start, not from the previous answer: a slow answer does not slow the load.
            delay = start + n * gap - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            sent = now_us()
            conn.request("POST", a.path, body, {"Content-Type": "application/json", "X-Hub-Signature-256": sig})
            r = conn.getresponse()
            r.read()
            out.write(json.dumps({"text": text, "kind": kind, "sent_us": sent, "status": r.status,
                                  "answered_us": now_us()}) + "\n")
    print(json.dumps({"sent": 2 * a.count, "seconds": round(time.monotonic() - start, 1)}))


def events(path):
    try:
        with open(path) as f:
            return [json.loads(line) for line in f if line.strip()]
    except OSError:
        return []


def percentile(values, p, misses=0):
    """Nearest rank over values plus misses counted as infinitely late (None when it falls on one)."""
    n = len(values) + misses
    if n == 0:
        return None
    k = max(1, int(-(-p * n // 100)))   # ceil(p/100 * n)
    s = sorted(values)
    return s[k - 1] if k <= len(s) else None


def summarize(a):
    if a.case == "startup":
        # One directory per start: exec.txt (exec time) and report.jsonl (the probe's).
        runs = []
        for d in sorted(os.listdir(a.dir)):
            p = os.path.join(a.dir, d)
            if not d.startswith("start-"):
                continue
            try:
                t0 = int(open(os.path.join(p, "exec.txt")).read())
            except (OSError, ValueError):
                continue
            ev = {e["event"]: e for e in events(os.path.join(p, "report.jsonl"))}
            i = ev.get("interactive")
            r = {"start": d, "interactive_ms": None}
            if i:
                r.update(interactive_ms=(i["wall_us"] - t0) / 1000, main_ms=(i["main_us"] - t0) / 1000,
                         window_ms=(ev["started"]["probe_us"] - t0) / 1000,
                         signed_in_ms=(i["signed_in_us"] - t0) / 1000, first_page_ms=(i["changed_us"] - t0) / 1000,
                         rows=i["rows"], graphics_api=ev.get("renderer", {}).get("graphics_api"))
            runs.append(r)
        measured = [r for r in runs if r["start"] != "start-0"]
        ok = [r["interactive_ms"] for r in measured if r["interactive_ms"] is not None]
        res = {"runs": runs, "measured": len(measured), "failed": len(measured) - len(ok),
               "p50_ms": statistics.median(ok) if ok and len(ok) == len(measured) else None,
               "min_ms": min(ok) if ok else None, "max_ms": max(ok) if ok else None}
        for k in ("main_ms", "window_ms", "signed_in_ms", "first_page_ms"):
            v = [r[k] for r in measured if r.get(k) is not None]
            res["p50_" + k] = statistics.median(v) if v else None
        print(json.dumps(res))
    elif a.case == "scroll":
        ev = events(a.report)
        s = next((e for e in ev if e["event"] == "scrolled"), None)
        stuck = any(e["event"] == "scroll_stuck" for e in ev)
        shown = next((e for e in ev if e["event"] == "renderer"), {})
        print(json.dumps({"scrolled": s, "stuck": stuck, "rss_interactive_kb": shown.get("rss_kb", 0)}))
    elif a.case == "latency":
        sent = events(a.sent)
        painted = {}
        for e in events(a.report):
            if e["event"] == "painted":
                painted.setdefault((e["kind"], e["text"]), e)
        res = {}
        for kind in ("open", "inbox"):
            mine = [s for s in sent if s["kind"] == kind]
            hits = [(s, painted[(kind, s["text"])]) for s in mine if (kind, s["text"]) in painted]
            lat = [(p["wall_us"] - s["sent_us"]) / 1000 for s, p in hits]
            # Where the time goes: POST written → row in the model, then → the frame that shows it.
            to_model = [(p["changed_us"] - s["sent_us"]) / 1000 for s, p in hits]
            to_frame = [(p["wall_us"] - p["changed_us"]) / 1000 for s, p in hits]
            misses = len(mine) - len(lat)
            res[kind] = {"sent": len(mine), "painted": len(lat), "misses": misses,
                         "to_model_p50_ms": statistics.median(to_model) if to_model else None,
                         "to_frame_p50_ms": statistics.median(to_frame) if to_frame else None,
                         "non_200": sum(1 for s in mine if s["status"] != 200),
                         "p50_ms": percentile(lat, 50, misses), "p99_ms": percentile(lat, 99, misses),
                         "max_ms": max(lat) if lat else None,
                         "post_answer_p50_ms": statistics.median([(s["answered_us"] - s["sent_us"]) / 1000 for s in mine])
                         if mine else None}
        print(json.dumps(res))


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("seed")
    s.add_argument("--engine", required=True)
    s.add_argument("--number", type=int, required=True)
    s.add_argument("--agent", type=int, required=True)
    s.add_argument("--chats", type=int, default=1000)
    s.add_argument("--long-messages", type=int, default=10000)
    s = sub.add_parser("launch")
    s.add_argument("exec_file")
    s.add_argument("program", nargs=argparse.REMAINDER)
    s = sub.add_parser("webhooks")
    for o in ("--base", "--path", "--secret", "--meta-id", "--open-phone", "--other-phone", "--out"):
        s.add_argument(o, required=True)
    s.add_argument("--count", type=int, default=100)
    s.add_argument("--rate", type=float, default=5)
    s = sub.add_parser("summarize")
    s.add_argument("--case", choices=["startup", "scroll", "latency"], required=True)
    s.add_argument("--dir")
    s.add_argument("--report")
    s.add_argument("--sent")
    a = p.parse_args()
    {"seed": seed, "launch": launch, "webhooks": webhooks, "summarize": summarize}[a.cmd](a)


if __name__ == "__main__":
    main()
