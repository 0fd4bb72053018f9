#!/usr/bin/env python3
"""Signed Meta webhook bodies for bench/run-webhooks.

Each line of the output is "<X-Hub-Signature-256 value>\\t<body>": one inbound text message in
Meta's notification envelope (docs/PROVIDERS.md#meta-webhooks) with its own wamid, signed with
the app secret over the exact bytes (HMAC-SHA256, hex). wrk's Lua has no HMAC, so the bodies are made
here and webhooks.lua cycles through them.

  --mode existing: one message from each of the --clients known senders (creates their client and
      chat; the set-up step)
  --mode mix: --count messages, --existing-share of them from the known senders (existing chats),
      the rest from phone numbers never seen before (new client and chat each)
  --mode cycle: --count messages from the known senders in turn (message i from sender i mod
      --clients), so a sender's messages are --clients apart (run-botflows: one chat's steps
      never overlap)
  --first-client N: the known senders are N, N+1… (another set of chats, e.g. run-botflows' probes)
  --texts answers: the texts are bot_flows.py's ANSWERS (valid at its loop flow's menu and inputs)
Deterministic for a given --seed; wamids carry --tag so runs never collide.

usage: webhook_bodies.py --secret S --phone-number-id ID --mode existing|mix|cycle [--count N]
                         [--clients 5000] [--first-client 0] [--existing-share 0.8] [--texts chat|answers]
                         [--tag T] [--seed 1] > FILE
"""
import argparse
import hashlib
import hmac
import json
import random
import sys
import time


def existing_phone(i):
    return "57300%07d" % i          # +57 300 …: the known senders


def new_phone(i):
    return "57311%07d" % i          # +57 311 …: never seen before


def body(phone_number_id, sender, name, wamid, ts, text):
    env = {
        "object": "whatsapp_business_account",
        "entry": [{
            "id": "102290129340398",
            "changes": [{
                "value": {
                    "messaging_product": "whatsapp",
                    "metadata": {"display_phone_number": "15550783881", "phone_number_id": phone_number_id},
                    "contacts": [{"profile": {"name": name}, "wa_id": sender}],
                    "messages": [{"from": sender, "id": wamid, "timestamp": str(ts), "type": "text",
                                  "text": {"body": text}}],
                },
                "field": "messages",
            }],
        }],
    }
    return json.dumps(env, separators=(",", ":"), ensure_ascii=False).encode()


NAMES = ["María Gómez", "Juan Pérez", "Ana Martínez", "Carlos Rodríguez", "Lucía Fernández", "Andrés Castaño",
         "Valentina Ríos", "Santiago Muñoz", "Camila Herrera", "Mateo Vargas"]
TEXTS = ["Hola, quiero información del plan", "¿Cuál es el horario de atención?", "Buenas tardes",
         "Necesito ayuda con mi pedido", "Gracias!", "¿Tienen envío a Medellín?", "Quiero cancelar",
         "Me llegó la factura duplicada", "ok", "¿Me pueden llamar?"]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--secret", required=True)
    p.add_argument("--phone-number-id", required=True)
    p.add_argument("--mode", choices=["existing", "mix", "cycle"], required=True)
    p.add_argument("--count", type=int, default=0)
    p.add_argument("--clients", type=int, default=5000)
    p.add_argument("--first-client", type=int, default=0)
    p.add_argument("--texts", choices=["chat", "answers"], default="chat")
    p.add_argument("--existing-share", type=float, default=0.8)
    p.add_argument("--new-offset", type=int, default=0, help="first index of the new senders")
    p.add_argument("--tag", default="b")
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args()
    rnd = random.Random(a.seed)
    secret = a.secret.encode()
    now = int(time.time())
    out = sys.stdout.buffer
    new_i = a.new_offset
    n = a.clients if a.mode == "existing" else a.count
    texts = TEXTS
    if a.texts == "answers":
        from bot_flows import ANSWERS
        texts = ANSWERS
    for i in range(n):
        if a.mode == "existing":
            sender = existing_phone(a.first_client + i)
        elif a.mode == "cycle":
            sender = existing_phone(a.first_client + i % a.clients)
        elif rnd.random() < a.existing_share:
            sender = existing_phone(a.first_client + rnd.randrange(a.clients))
        else:
            sender = new_phone(new_i)
            new_i += 1
        wamid = "wamid.BENCH%s%09d" % (a.tag, i)
        b = body(a.phone_number_id, sender, rnd.choice(NAMES), wamid, now - 60 + i % 60, rnd.choice(texts))
        sig = "sha256=" + hmac.new(secret, b, hashlib.sha256).hexdigest()
        out.write(sig.encode() + b"\t" + b + b"\n")


if __name__ == "__main__":
    main()
