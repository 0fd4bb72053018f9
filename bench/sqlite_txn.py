#!/usr/bin/env python3
"""The minimal SQLite transaction anchor (issue 20): what one writer gets from SQLite on this machine.

Each transaction is the smallest shape of a stored inbound message, one writer, in a loop:

    BEGIN IMMEDIATE
    SELECT id FROM chats WHERE phone = ?                           -- find the sender's chat
    INSERT INTO messages (chat_id, wamid, content, created_at) ...  -- store the message
    UPDATE chats SET message_count = message_count + 1, last_message_id = ?, last_activity_at = ?
      WHERE id = ?                                                  -- and touch its chat
    COMMIT

Schema (the database is new, in --db; WAL, synchronous=NORMAL, as the server opens its file):

    chats(id INTEGER PRIMARY KEY, phone TEXT NOT NULL UNIQUE, message_count INTEGER NOT NULL,
          last_message_id INTEGER, last_activity_at INTEGER NOT NULL)
    messages(id INTEGER PRIMARY KEY, chat_id INTEGER NOT NULL REFERENCES chats(id),
             wamid TEXT NOT NULL UNIQUE, content TEXT NOT NULL, created_at INTEGER NOT NULL)
    INDEX messages(chat_id, id)

--chats chats exist before the loop; each transaction picks one at random (fixed seed). The loop
runs --warmup seconds unmeasured, then --seconds measured; every transaction's latency is taken
with a monotonic clock. Prints one JSON object: transactions, seconds, tps, p50_ms, p99_ms,
cpu_seconds (this process during the measured loop) and the settings.

usage: sqlite_txn.py --db FILE [--seconds 15] [--warmup 3] [--chats 5000]
"""
import argparse
import json
import random
import sqlite3
import time

SCHEMA = """
CREATE TABLE chats (id INTEGER PRIMARY KEY, phone TEXT NOT NULL UNIQUE, message_count INTEGER NOT NULL,
                    last_message_id INTEGER, last_activity_at INTEGER NOT NULL);
CREATE TABLE messages (id INTEGER PRIMARY KEY, chat_id INTEGER NOT NULL REFERENCES chats(id),
                       wamid TEXT NOT NULL UNIQUE, content TEXT NOT NULL, created_at INTEGER NOT NULL);
CREATE INDEX messages_chat ON messages (chat_id, id);
"""


def percentile(sorted_values, pct):
    if not sorted_values:
        return None
    return sorted_values[min(len(sorted_values) - 1, int(len(sorted_values) * pct / 100))]


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--db", required=True)
    p.add_argument("--seconds", type=float, default=15)
    p.add_argument("--warmup", type=float, default=3)
    p.add_argument("--chats", type=int, default=5000)
    args = p.parse_args()

    # Autocommit mode: the loop says BEGIN and COMMIT itself, as the server's Transaction does.
    db = sqlite3.connect(args.db, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute("PRAGMA foreign_keys=ON")
    db.executescript(SCHEMA)
    now = int(time.time())
    db.execute("BEGIN")
    db.executemany("INSERT INTO chats (phone, message_count, last_activity_at) VALUES (?, 0, ?)",
                   (("+5730%08d" % i, now) for i in range(args.chats)))
    db.execute("COMMIT")

    rng = random.Random(20)
    serial = 0

    def transaction():
        nonlocal serial
        serial += 1
        phone = "+5730%08d" % rng.randrange(args.chats)
        at = int(time.time())
        db.execute("BEGIN IMMEDIATE")
        (chat_id,) = db.execute("SELECT id FROM chats WHERE phone = ?", (phone,)).fetchone()
        message_id = db.execute("INSERT INTO messages (chat_id, wamid, content, created_at) VALUES (?, ?, ?, ?)",
                                (chat_id, "wamid.ANCHOR%d" % serial, "Hola, quisiera saber el estado de mi pedido",
                                 at)).lastrowid
        db.execute("UPDATE chats SET message_count = message_count + 1, last_message_id = ?, last_activity_at = ? "
                   "WHERE id = ?", (message_id, at, chat_id))
        db.execute("COMMIT")

    end = time.monotonic() + args.warmup
    while time.monotonic() < end:
        transaction()

    latencies = []
    cpu0, t0 = time.process_time(), time.monotonic()
    end = t0 + args.seconds
    while time.monotonic() < end:
        start = time.monotonic_ns()
        transaction()
        latencies.append(time.monotonic_ns() - start)
    seconds, cpu = time.monotonic() - t0, time.process_time() - cpu0
    db.close()

    latencies.sort()
    print(json.dumps({
        "transactions": len(latencies),
        "seconds": round(seconds, 3),
        "tps": round(len(latencies) / seconds, 1),
        "p50_ms": round(percentile(latencies, 50) / 1e6, 3),
        "p99_ms": round(percentile(latencies, 99) / 1e6, 3),
        "cpu_seconds": round(cpu, 3),
        "settings": {"journal_mode": "WAL", "synchronous": "NORMAL", "writers": 1, "chats": args.chats,
                     "warmup_seconds": args.warmup, "sqlite": sqlite3.sqlite_version},
    }))


if __name__ == "__main__":
    main()
