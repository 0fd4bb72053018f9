#!/usr/bin/env python3
"""Writes (to stdout) the SQL that bulk-loads the CRM benchmark's data, in one transaction:
supervisors and agents, 5 WhatsApp numbers and 5 campaigns (10 agents each), 100,000 clients,
100,000 chats (one per client) and 1,000,000 messages; and a TSV of the users for logins.py.

Rows carry explicit ids (chats point at their last message, messages at their chat), so the
sequences are moved past them at the end. search_text is filled as the server does
(ClientStore::searchTextOf: first, last, phone, email, company, through SearchText::normalize).
PostgreSQL gets COPY blocks, SQLite multi-row INSERTs. Deterministic for a given --seed.

usage: seed_crm.py --engine sqlite|postgresql --hash-file FILE --users OUT.tsv
                   [--supervisors 200] [--agents 50] [--clients 100000] [--messages 1000000] > seed.sql
"""
import argparse
import random
import sys
import time

from seed_users import FIRST_NAMES, LAST_NAMES, ascii_slug, normalize

COMPANIES = ["Ferretería El Tornillo", "Panadería La Espiga", "Distribuciones Andina", "Café Quindío",
             "Transportes Rápidos del Sur", "Clínica Dental Sonrisa", "Inmobiliaria Montaña", "Óptica Visión",
             "Farmacia San José", "Librería Cervantes", "Muebles Hogar Feliz", "Agropecuaria Los Llanos"]
CITIES = [("Bogotá", "CO"), ("Medellín", "CO"), ("Cali", "CO"), ("Barranquilla", "CO"), ("Cartagena", "CO"),
          ("Bucaramanga", "CO"), ("Madrid", "ES"), ("Sevilla", "ES"), ("Ciudad de México", "MX"), ("Lima", "PE")]
SEGMENTS = ["minorista", "mayorista", "vip", "pyme", None]
LEADS = ["new", "contacted", "qualified", "proposal", "negotiation", "won", "lost"]
CAMPAIGNS = [("Ventas Hogar", "VENTAS"), ("Soporte Técnico", "SOPORTE"), ("Cobranza", "COBRANZA"),
             ("Postventa", "POSTVENTA"), ("Fidelización", "FIDELIZA")]
# (status, weight): most chats of a long-running CRM are closed
CHAT_STATUSES = [("closed", 0.60), ("active", 0.15), ("assigned", 0.10), ("queued", 0.08), ("pending", 0.05),
                 ("new", 0.02)]
PRIORITIES = [("normal", 0.75), ("high", 0.15), ("low", 0.07), ("urgent", 0.03)]
INBOUND = ["Hola, buenas tardes", "¿Tienen disponible el producto?", "Quisiera saber el precio del envío",
           "Mi pedido no ha llegado todavía", "¿Cuál es el horario de atención?", "Gracias por la información",
           "Necesito cambiar la dirección de entrega", "¿Aceptan pago con tarjeta?", "Ya realicé la transferencia",
           "El técnico no vino ayer", "¿Me pueden enviar la factura?", "Perfecto, quedo atento"]
OUTBOUND = ["¡Hola! Con gusto le ayudamos", "Permítame un momento, reviso su pedido",
            "El envío tarda de 2 a 3 días hábiles", "Le comparto el enlace de pago", "Su caso quedó registrado",
            "¿Hay algo más en lo que le podamos ayudar?", "Sí, aceptamos tarjeta débito y crédito",
            "Le confirmo que la factura fue enviada a su correo", "Que tenga un excelente día"]


def pick(rng, weighted):
    r = rng.random()
    for value, weight in weighted:
        r -= weight
        if r < 0:
            return value
    return weighted[-1][0]


class Writer:
    """Rows of one table as COPY (PostgreSQL) or 500-row INSERTs (SQLite). Values: None, bool, int, str."""

    def __init__(self, out, engine, table, columns):
        self.out, self.engine, self.table, self.columns = out, engine, table, columns
        self.batch = []
        if engine == "postgresql":
            out.write("COPY %s (%s) FROM stdin;\n" % (table, ", ".join(columns)))

    def row(self, *values):
        if self.engine == "postgresql":
            self.out.write("\t".join(copy_text(v) for v in values) + "\n")
            return
        self.batch.append("(" + ", ".join(sql_text(v) for v in values) + ")")
        if len(self.batch) == 500:
            self.flush()

    def flush(self):
        if self.batch:
            self.out.write("INSERT INTO %s (%s) VALUES\n%s;\n" % (self.table, ", ".join(self.columns),
                                                                 ",\n".join(self.batch)))
            self.batch = []

    def close(self):
        if self.engine == "postgresql":
            self.out.write("\\.\n")
        else:
            self.flush()


def sql_text(v):
    if v is None:
        return "NULL"
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, int):
        return str(v)
    return "'" + v.replace("'", "''") + "'"


def copy_text(v):
    if v is None:
        return "\\N"
    if isinstance(v, bool):
        return "t" if v else "f"
    if isinstance(v, int):
        return str(v)
    return v.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--engine", choices=["sqlite", "postgresql"], required=True)
    ap.add_argument("--hash-file", required=True)
    ap.add_argument("--users", required=True)
    ap.add_argument("--supervisors", type=int, default=200)
    ap.add_argument("--agents", type=int, default=50)
    ap.add_argument("--clients", type=int, default=100000)
    ap.add_argument("--messages", type=int, default=1000000)
    ap.add_argument("--seed", type=int, default=20240701)
    args = ap.parse_args()
    password_hash = open(args.hash_file, encoding="utf-8").read().strip()
    if not password_hash.startswith("$argon2id$"):
        raise SystemExit("seed_crm.py: %s does not hold an argon2id hash" % args.hash_file)

    rng = random.Random(args.seed)
    now = int(time.time())
    out = sys.stdout
    eng = args.engine
    out.write("BEGIN;\n")

    # --- users: ids from 2 (create-admin made 1) ----------------------------------------------
    users = Writer(out, eng, "users", ["id", "email", "password_hash", "first_name", "last_name", "role_id",
                                        "status", "agent_status", "search_text", "created_at", "updated_at"])
    listing, agent_ids = [], []
    uid = 1
    for n in range(args.supervisors + args.agents):
        uid += 1
        role_id, role = (2, "supervisor") if n < args.supervisors else (3, "agent")
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        email = "%s.%s%d@contacto-sur.example.com" % (ascii_slug(first), ascii_slug(last), uid)
        users.row(uid, email, password_hash, first, last, role_id, "active",
                  "available" if role == "agent" else "offline", normalize(" ".join([first, last, email])),
                  now - 400 * 86400, now - 400 * 86400)
        listing.append("\t".join([email, role, "active"]))
        if role == "agent":
            agent_ids.append(uid)
    users.close()

    # --- numbers, campaigns, their links: campaign k has number k and agents k, k+5, k+10, … ----
    numbers = Writer(out, eng, "whatsapp_numbers", ["id", "phone_number", "display_name", "provider", "status",
                                                     "connection_status", "created_at", "updated_at"])
    for k in range(1, 6):
        numbers.row(k, "+5760150000%02d" % k, CAMPAIGNS[k - 1][0], "meta", "active", "connected", now - 400 * 86400,
                    now - 400 * 86400)
    numbers.close()
    campaigns = Writer(out, eng, "campaigns", ["id", "name", "code", "status", "search_text", "created_at",
                                                "updated_at"])
    for k, (name, code) in enumerate(CAMPAIGNS, 1):
        campaigns.row(k, name, code, "active", normalize(name + " " + code), now - 400 * 86400, now - 400 * 86400)
    campaigns.close()
    links = Writer(out, eng, "campaign_numbers", ["campaign_id", "number_id", "is_primary", "created_at"])
    for k in range(1, 6):
        links.row(k, k, True, now - 400 * 86400)
    links.close()
    members = Writer(out, eng, "campaign_agents", ["campaign_id", "user_id", "created_at"])
    campaign_agents = {k: [] for k in range(1, 6)}
    for i, a in enumerate(agent_ids):
        campaign_agents[i % 5 + 1].append(a)
        members.row(i % 5 + 1, a, now - 400 * 86400)
    members.close()

    # --- clients -----------------------------------------------------------------------------
    clients = Writer(out, eng, "clients", ["id", "phone_number", "first_name", "last_name", "email", "company",
                                            "city", "country", "lead_status", "lead_score", "segment", "opt_in",
                                            "search_text", "created_at", "updated_at"])
    phones = rng.sample(range(100000000), args.clients)
    for cid in range(1, args.clients + 1):
        first = rng.choice(FIRST_NAMES)
        last = rng.choice(LAST_NAMES) + (" " + rng.choice(LAST_NAMES) if rng.random() < 0.5 else "")
        phone = "+573%09d" % phones[cid - 1]
        email = "%s.%s%d@correo.example.com" % (ascii_slug(first), ascii_slug(last.split(" ")[0]), cid) \
            if rng.random() < 0.6 else None
        company = rng.choice(COMPANIES) if rng.random() < 0.3 else None
        city, country = rng.choice(CITIES)
        created = now - rng.randint(86400, 365 * 86400)
        search = normalize(" ".join(p for p in (first, last, phone, email, company) if p))
        clients.row(cid, phone, first, last, email, company, city, country, rng.choice(LEADS), rng.randint(0, 100),
                    rng.choice(SEGMENTS), rng.random() < 0.7, search, created, created)
    clients.close()

    # --- chats and their messages: one chat per client; message counts 2..18, summing exactly ---
    n_chats = args.clients
    counts = [rng.randint(2, 18) for _ in range(n_chats)]
    diff = args.messages - sum(counts)
    step = 1 if diff > 0 else -1
    i = 0
    while diff != 0 and i < 40 * n_chats:   # bounded: nudges counts by one until the total is exact
        j = i % n_chats
        if 1 <= counts[j] + step <= 40:
            counts[j] += step
            diff -= step
        i += 1

    chats = Writer(out, eng, "chats", ["id", "client_id", "campaign_id", "whatsapp_number_id", "assigned_agent_id",
                                        "status", "priority", "created_at", "queued_at", "assigned_at",
                                        "first_response_at", "last_message_at", "last_activity_at", "closed_at",
                                        "close_reason", "message_count", "unread_count", "last_message_id"])
    mid = 0
    messages_plan = []   # (chat_id, number, agent, first message id, count, start, step)
    for chat_id in range(1, n_chats + 1):
        k = rng.randint(1, 5)
        status = pick(rng, CHAT_STATUSES)
        agent = None if status in ("new", "queued") else rng.choice(campaign_agents[k])
        created = now - rng.randint(600, 180 * 86400)
        gap = rng.randint(20, 900)
        first_id = mid + 1
        mid += counts[chat_id - 1]
        last_at = created + gap * (counts[chat_id - 1] - 1)
        if last_at > now:
            last_at = now
        messages_plan.append((chat_id, k, agent, first_id, counts[chat_id - 1], created, gap))
        chats.row(chat_id, chat_id, k, k, agent, status, pick(rng, PRIORITIES), created,
                  created if status != "new" else None, created + 30 if agent else None,
                  created + gap if agent else None, last_at, last_at,
                  last_at + 60 if status == "closed" else None, "resuelto" if status == "closed" else None,
                  counts[chat_id - 1], rng.randint(1, 3) if status in ("new", "queued", "active") else 0, mid)
    chats.close()

    msgs = Writer(out, eng, "messages", ["id", "chat_id", "whatsapp_number_id", "direction", "message_type",
                                          "content", "status", "user_id", "created_at", "sent_at"])
    for chat_id, k, agent, first_id, count, created, gap in messages_plan:
        for m in range(count):
            at = min(created + gap * m, now)
            inbound = m % 2 == 0 or agent is None
            msgs.row(first_id + m, chat_id, k, "inbound" if inbound else "outbound", "text",
                     rng.choice(INBOUND if inbound else OUTBOUND), "read" if inbound else "delivered",
                     None if inbound else agent, at, None if inbound else at)
    msgs.close()

    if eng == "postgresql":
        for table in ("users", "whatsapp_numbers", "campaigns", "clients", "chats", "messages"):
            out.write("SELECT setval(pg_get_serial_sequence('%s', 'id'), (SELECT MAX(id) FROM %s));\n"
                      % (table, table))
    out.write("COMMIT;\n")
    with open(args.users, "w", encoding="utf-8") as f:
        f.write("\n".join(listing) + "\n")


if __name__ == "__main__":
    main()
