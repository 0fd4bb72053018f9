#!/usr/bin/env python3
"""Loads the reports benchmark's data set (bench/README.md, "Reports") straight into a database the
server has already migrated (`conversa-server create-admin` made user 1 and the schema), in one
transaction, and prints the row counts.

Deterministic for a given --seed: --days local days of --timezone ending on --end-date (a fixed
date, so every run has the same data), with
  - 3 supervisors and --agents agents over 5 campaigns (campaign_agents; a fifth of them in a
    second campaign) and 3 WhatsApp numbers (campaign_numbers: the numbers are shared);
  - per agent, the agent_status_history of the whole period: a shift (07-15, 09-17 or 12-20
    local time) on five or six days a week, some days off; in a shift `available` and `busy`
    in turns, paused for "Descanso", "Almuerzo" (sometimes a "Reunión" right after: same
    status, new reason), "Pausa activa", "Baño", now and then "Capacitación"; offline between
    shifts; the last row still open;
  - --chats chats (one client each) opened over the period by weekday and hour of day; the two
    bot campaigns' chats start in a published bot flow (bot_sessions: completed, timed out,
    handed over, or still active at the end), the others are queued at once; each queued
    chat is taken by an agent of its campaign who is on shift (available or busy) at that
    moment after a wait, or abandoned when the client's patience runs out first; the first
    agent message (first_response_at, first_response_agent_id), a transfer to another agent on
    shift for some (chat_events 'transfer', with the first response credited to whoever sent
    it), a close with close_reason, outcome and outcome_value (the sales' revenue), and a CSAT
    score for some closed chats of the campaigns that ask for it; chats still open at the end
    are queued, assigned, active or pending; chat_events 'created', 'assign', 'transfer',
    'close';
  - exactly --messages messages: the client's, the bot's (is_bot_message), the agents' (user_id:
    the agent holding the chat at that moment), the CSAT survey and its answer; outbound ones
    with sent/delivered/read times and statuses (some failed); each chat's message_count,
    last_message_id, last_message_at and last_inbound_at agree with them;
  - per number, the connection changes of the period (whatsapp_number_connections): a
    disconnect every one to three weeks, reconnecting within minutes.

SQLite is loaded with Python's sqlite3 (executemany, one transaction), PostgreSQL with COPY …
FROM STDIN through one psql, one transaction. Rows carry explicit ids where other rows point at
them; PostgreSQL's sequences are moved past them. The caller runs VACUUM/ANALYZE afterwards.

usage: seed_reports.py --engine sqlite --db FILE | --engine postgresql --url URL
                       --hash-file FILE [--chats 100000] [--messages 1000000] [--agents 50]
                       [--days 90] [--end-date 2026-11-29] [--timezone America/Bogota] [--seed N]
"""
import argparse
import bisect
import datetime
import math
import random
import sqlite3
import subprocess
import sys
import time
import zoneinfo

from seed_users import FIRST_NAMES, LAST_NAMES, ascii_slug, normalize

DAY = 86400
HOUR = 3600

# name, code, share of the chats, number, bot flow, CSAT survey, SLA first response / resolution (s), outcomes
CAMPAIGNS = [
    ("Ventas Hogar", "VENTAS", 0.34, 1, True, True, 120, 4 * HOUR,
     [("sale", 0.22), ("no_sale", 0.40), ("information", 0.25), ("callback", 0.13)]),
    ("Soporte Técnico", "SOPORTE", 0.26, 2, True, True, 300, 24 * HOUR,
     [("resolved", 0.55), ("information", 0.20), ("complaint", 0.12), ("callback", 0.13)]),
    ("Cobranza", "COBRANZA", 0.18, 3, False, False, 600, 24 * HOUR,
     # a payment collected counts as a sale (its value is revenue)
     [("sale", 0.30), ("payment_promise", 0.30), ("no_sale", 0.25), ("callback", 0.15)]),
    ("Postventa", "POSTVENTA", 0.13, 2, False, True, 300, 8 * HOUR,
     [("information", 0.50), ("complaint", 0.20), ("sale", 0.10), ("callback", 0.20)]),
    ("Fidelización", "FIDELIZA", 0.09, 1, False, True, 180, 4 * HOUR,
     [("sale", 0.30), ("no_sale", 0.50), ("information", 0.20)]),
]
NUMBERS = [("+576015550101", "Contacto Sur Ventas"), ("+576015550102", "Contacto Sur Servicio"),
           ("+576015550103", "Contacto Sur Cobranza")]
# Local shifts (minutes after midnight)
SHIFTS = [(7 * 60, 15 * 60), (9 * 60, 17 * 60), (12 * 60, 20 * 60)]
# Chats opened per local hour of the day (relative) and per weekday (Monday first)
HOUR_WEIGHTS = [0.2, 0.1, 0.1, 0.1, 0.1, 0.2, 0.5, 1.5, 3, 5, 6, 6, 4.5, 4, 5, 5.5, 5, 4, 3, 2.5, 2, 1.5, 1, 0.5]
WEEKDAY_WEIGHTS = [1.0, 1.0, 0.95, 1.0, 0.95, 0.6, 0.3]
PRIORITIES = [("normal", 0.78), ("high", 0.14), ("low", 0.05), ("urgent", 0.03)]
CSAT_SCORES = [(5, 0.47), (4, 0.30), (3, 0.12), (2, 0.05), (1, 0.06)]
CITIES = ["Bogotá", "Medellín", "Cali", "Barranquilla", "Cartagena", "Bucaramanga", "Pereira", "Manizales"]
INBOUND = ["Hola, buenas tardes", "¿Tienen disponible el producto?", "Quisiera saber el precio del envío",
           "Mi pedido no ha llegado todavía", "¿Cuál es el horario de atención?", "Gracias por la información",
           "Necesito cambiar la dirección de entrega", "¿Aceptan pago con tarjeta?", "Ya realicé la transferencia",
           "El técnico no vino ayer", "¿Me pueden enviar la factura?", "Perfecto, quedo atento", "¿Hola? ¿Alguien?",
           "Sí, es correcto", "No, gracias", "¿Cuánto sería en total?"]
OUTBOUND = ["¡Hola! Con gusto le ayudamos", "Permítame un momento, reviso su pedido",
            "El envío tarda de 2 a 3 días hábiles", "Le comparto el enlace de pago", "Su caso quedó registrado",
            "¿Hay algo más en lo que le podamos ayudar?", "Sí, aceptamos tarjeta débito y crédito",
            "Le confirmo que la factura fue enviada a su correo", "Que tenga un excelente día",
            "¿Me confirma su número de documento, por favor?"]
BOT = ["¡Hola! Soy el asistente virtual de Contacto Sur. Elige una opción: 1. Ventas 2. Soporte 3. Otro",
       "Cuéntanos brevemente tu consulta", "Te comunicamos con un asesor, un momento por favor",
       "Aquí tienes la información solicitada. ¿Te ayudamos con algo más?", "¡Gracias por escribirnos!"]
CSAT_QUESTION = "¿Cómo calificarías la atención recibida? Responde de 1 a 5"


def pick(rng, weighted):
    r = rng.random()
    for value, weight in weighted:
        r -= weight
        if r < 0:
            return value
    return weighted[-1][0]


def lognormal(rng, median, sigma):
    return median * math.exp(rng.gauss(0.0, sigma))


# --- output: one loader per engine ------------------------------------------------------------

def copy_text(v):
    if v is None:
        return "\\N"
    if isinstance(v, bool):
        return "t" if v else "f"
    if isinstance(v, int):
        return str(v)
    return v.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


class SqliteLoader:
    def __init__(self, path):
        self.db = sqlite3.connect(path, isolation_level=None)
        self.db.execute("PRAGMA synchronous = OFF")
        self.db.execute("PRAGMA cache_size = -262144")   # 256 MiB for the load's index writes
        self.db.execute("BEGIN")

    def table(self, name, columns, rows):
        sql = "INSERT INTO %s (%s) VALUES (%s)" % (name, ", ".join(columns), ", ".join("?" * len(columns)))
        self.db.executemany(sql, rows)

    def finish(self):
        self.db.execute("COMMIT")

    def count(self, table):
        return self.db.execute("SELECT COUNT(*) FROM %s" % table).fetchone()[0]


class PostgresLoader:
    def __init__(self, url):
        self.url = url
        self.psql = subprocess.Popen(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", url], stdin=subprocess.PIPE,
                                     stdout=subprocess.DEVNULL)
        self.out = self.psql.stdin
        self.ids = []
        self.write("BEGIN;\n")

    def write(self, text):
        self.out.write(text.encode("utf-8"))

    def table(self, name, columns, rows):
        self.write("COPY %s (%s) FROM STDIN;\n" % (name, ", ".join(columns)))
        buf = []
        for r in rows:
            buf.append("\t".join(copy_text(v) for v in r))
            if len(buf) == 5000:
                self.write("\n".join(buf) + "\n")
                buf = []
        if buf:
            self.write("\n".join(buf) + "\n")
        self.write("\\.\n")
        if "id" in columns:
            self.ids.append(name)

    def finish(self):
        for name in self.ids:
            self.write("SELECT setval(pg_get_serial_sequence('%s', 'id'), (SELECT MAX(id) FROM %s));\n" % (name, name))
        self.write("COMMIT;\n")
        self.out.close()
        if self.psql.wait() != 0:
            raise SystemExit("seed_reports.py: psql failed")

    def count(self, table):
        return int(subprocess.run(["psql", "-X", "-q", "-t", "-A", self.url, "-c", "SELECT COUNT(*) FROM %s" % table],
                                  check=True, capture_output=True, text=True).stdout.strip())


# --- the agents' days ---------------------------------------------------------------------------

class Agent:
    __slots__ = ("id", "first", "last", "rows", "starts", "ends", "campaigns")

    def __init__(self, uid, first, last):
        self.id, self.first, self.last = uid, first, last
        self.rows = []        # (status, reason, started_at): consecutive, each ends where the next starts
        self.starts = []      # the on-shift intervals (available or busy), for routing
        self.ends = []
        self.campaigns = []

    def on_shift(self, t):
        i = bisect.bisect_right(self.starts, t) - 1
        return i >= 0 and t < self.ends[i]

    def next_start(self, t):
        i = bisect.bisect_right(self.starts, t)
        return self.starts[i] if i < len(self.starts) else None

    def add(self, status, reason, at):
        if self.rows and (self.rows[-1][0], self.rows[-1][1]) == (status, reason):
            return
        if self.rows and self.rows[-1][2] >= at:   # never out of order: drop what would overlap
            return
        self.rows.append((status, reason, at))


def shift_day(rng, agent, start, end):
    """One working day: rows from start to end, then offline."""
    pauses = [(start + 2 * HOUR + rng.randint(-1200, 1200), rng.randint(12, 18) * 60, "Descanso")]
    lunch = start + 4 * HOUR + rng.randint(-1800, 1800)
    lunch_len = rng.randint(40, 60) * 60
    pauses.append((lunch, lunch_len, "Almuerzo"))
    if rng.random() < 0.15:
        pauses.append((lunch + lunch_len, rng.randint(20, 40) * 60, "Reunión"))
    if rng.random() < 0.7:
        pauses.append((start + 6 * HOUR + 1800 + rng.randint(-900, 900), 600, "Pausa activa"))
    for _ in range(rng.choice([0, 1, 1, 2])):
        pauses.append((rng.randint(start + 1800, end - 1800), rng.randint(4, 8) * 60, "Baño"))
    if rng.random() < 0.08:
        pauses.append((start + rng.randint(1, 3) * HOUR, HOUR, "Capacitación"))
    pauses.sort()
    kept, last_end = [], start + 600
    for at, length, reason in pauses:
        if at >= last_end and at + length <= end - 600:
            kept.append((at, length, reason))
            last_end = at + length
    t, status = start, "available"
    for at, length, reason in kept + [(end, 0, None)]:
        while t < at:   # available and busy in turns until the pause
            agent.add(status, None, t)
            agent.starts.append(t)
            span = min(at, t + (rng.randint(8, 45) if status == "available" else rng.randint(5, 25)) * 60)
            agent.ends.append(span)
            t = span
            status = "busy" if status == "available" and rng.random() < 0.45 else "available"
        if reason:
            agent.add("paused", reason, at)
            t = at + length
    agent.add("offline", None, end)


def build_agents(rng, agents, days, day_start):
    for i, a in enumerate(agents):
        a.add("offline", None, day_start[0] - 7 * DAY)
        shift = SHIFTS[i % len(SHIFTS)]
        sunday_worker = i % 4 == 0
        for d, date in enumerate(days):
            wd = date.weekday()
            off = (wd == i % 6) if sunday_worker else (wd == 6 or wd == i % 6)
            if off or rng.random() < 0.03:   # day off, sick or on leave
                continue
            start = day_start[d] + shift[0] * 60 + rng.randint(-600, 300)
            end = day_start[d] + shift[1] * 60 + rng.randint(-300, 1200)
            shift_day(rng, a, start, end)
        # merge touching intervals (available then busy is one stretch on shift)
        starts, ends = [], []
        for s, e in zip(a.starts, a.ends):
            if ends and s <= ends[-1]:
                ends[-1] = max(ends[-1], e)
            else:
                starts.append(s)
                ends.append(e)
        a.starts, a.ends = starts, ends


# --- the chats ----------------------------------------------------------------------------------

class Chat:
    __slots__ = ("id", "k", "created", "status", "priority", "bot", "bot_end", "fq", "fa", "agent_a", "fr",
                 "fr_agent", "ft", "agent_b", "closed", "close_reason", "outcome", "value", "csat", "csat_sent",
                 "csat_answered", "skeleton", "extras", "window")

    def __init__(self, created, k):
        self.created, self.k = created, k
        self.status = "closed"
        self.bot = self.bot_end = self.fq = self.fa = self.agent_a = self.fr = self.fr_agent = None
        self.ft = self.agent_b = self.closed = self.close_reason = self.outcome = self.value = None
        self.csat = self.csat_sent = self.csat_answered = None
        self.skeleton = []   # (time, kind, user): kind in|bot|agent|survey|csat (the client's score)
        self.extras = 0
        self.window = None   # (from, to, kind of extras: "talk" alternates in/agent, "in" only inbound)


def on_shift_agent(rng, candidates, t, exclude=None):
    on = [a for a in candidates if a is not exclude and a.on_shift(t)]
    return rng.choice(on) if on else None


def next_on_shift(candidates, t):
    starts = [s for s in (a.next_start(t) for a in candidates) if s is not None]
    return min(starts) if starts else None


def plan_chat(rng, c, campaign_agents, end, hour_load):
    name, code, _, _, has_bot, has_csat, _, _, outcomes = CAMPAIGNS[c.k - 1]
    agents = campaign_agents[c.k]
    c.priority = pick(rng, PRIORITIES)
    t0 = c.created
    c.skeleton.append((t0, "in", None))
    queued = t0 + rng.randint(1, 4)
    if has_bot:
        c.skeleton.append((t0 + 2, "bot", None))
        answer = t0 + rng.randint(10, 90)
        c.skeleton.append((answer, "in", None))
        c.skeleton.append((answer + 2, "bot", None))
        r = rng.random()
        done = answer + rng.randint(30, 300) if r < 0.28 else answer + 300
        handover = answer + rng.randint(20, 180)
        if (end - t0 < 1800 and r < 0.5) or max(done, handover) + 2 >= end:
            # opened in the last minutes: may still be talking to the bot
            c.skeleton = [m for m in c.skeleton if m[0] < end]
            c.bot, c.status, c.closed = "active", "bot", None
            c.window = None
            return
        if r < 0.33:   # resolved by the bot (completed), or the client stopped answering (timed out)
            c.bot = "completed" if r < 0.28 else "timed_out"
            if c.bot == "completed":
                c.skeleton.append((done - 20, "in", None))
                c.skeleton.append((done, "bot", None))
            c.bot_end = c.closed = min(done + 1, end - 1)
            c.close_reason = "bot_resolved" if c.bot == "completed" else "bot_timeout"
            c.window = (answer + 3, done - 21, "in") if c.bot == "completed" else None
            c.extras = rng.randint(0, 2) if c.bot == "completed" else 0
            return
        c.bot = "transferred"
        queued = handover
        c.skeleton.append((queued, "bot", None))
        c.bot_end = queued
    c.fq = queued
    # Waiting: someone of the campaign on shift takes it after a wait that grows with the load.
    base = queued if any(a.on_shift(queued) for a in agents) else next_on_shift(agents, queued)
    patience = rng.expovariate(1 / 900.0) + 60 if rng.random() < 0.7 else DAY
    taken = None
    if base is not None:
        taken = int(base + lognormal(rng, 40, 1.0) * hour_load(base))
        agent = on_shift_agent(rng, agents, taken)
        if agent is None:
            later = next_on_shift(agents, taken)
            taken = later + rng.randint(5, 120) if later is not None else None
            agent = on_shift_agent(rng, agents, taken) if taken is not None else None
        if agent is None:
            taken = None
    if taken is None or taken - queued > patience or taken >= end:
        gone = queued + int(patience)
        if gone < end and (taken is None or taken - queued > patience):   # abandoned in the queue
            c.closed, c.close_reason = gone, "no_response"
            c.window = (t0 + 5, gone - 1, "in")
            c.extras = rng.randint(0, 2)
        else:   # still waiting at the end
            c.status, c.closed = "queued", None
            c.window = (t0 + 5, end - 1, "in")
            c.extras = rng.randint(0, 2)
        return
    c.fa, c.agent_a = taken, agent
    handling = int(lognormal(rng, 720, 0.8)) + 60
    close = taken + handling
    # the first response, perhaps after a transfer to another agent on shift
    transfer = rng.random() < 0.07
    a_answers = not transfer or rng.random() < 0.6
    if a_answers:
        c.fr, c.fr_agent = taken + int(lognormal(rng, 35, 0.9)) + 3, agent
    if transfer:
        ft = (c.fr or taken) + rng.randint(120, 1200)
        other = on_shift_agent(rng, agents, ft, exclude=agent)
        if other is not None and ft < close - 60 and ft < end:
            c.ft, c.agent_b = ft, other
            if c.fr is None:
                c.fr, c.fr_agent = ft + int(lognormal(rng, 30, 0.9)) + 3, other
        elif c.fr is None:
            c.fr, c.fr_agent = taken + int(lognormal(rng, 35, 0.9)) + 3, agent
    close = max(close, c.fr + 30)
    if c.fr >= end:   # assigned, not answered by the end
        c.fr = c.fr_agent = None
        c.ft = c.agent_b = None
        c.status, c.closed = "assigned", None
        c.window = (taken + 1, end - 1, "in")
        c.extras = rng.randint(0, 1)
        return
    c.skeleton.append((c.fr, "agent", c.fr_agent.id))
    talk = max(4, int(lognormal(rng, 9, 0.45)))
    if close >= end or rng.random() < 0.01:   # still open at the end (a few wait on the client for long)
        c.status, c.closed = ("pending" if rng.random() < 0.25 else "active"), None
        c.window = (min(c.fr + 1, end - 1), min(close, end - 1), "talk")
        c.extras = talk
        return
    c.closed = close
    c.close_reason = "resolved"
    c.outcome = pick(rng, outcomes)
    if c.outcome == "sale":
        c.value = rng.randint(80, 3500) * 1000   # pesos
    c.window = (c.fr + 1, close - 1, "talk")
    c.extras = talk
    if has_csat and rng.random() < 0.85:
        c.csat_sent = close + 5
        if c.csat_sent < end:
            c.skeleton.append((c.csat_sent, "survey", None))
            if rng.random() < 0.45:
                answered = c.csat_sent + rng.randint(20, 1800)
                if answered < end:
                    c.csat, c.csat_answered = pick(rng, CSAT_SCORES), answered
                    c.skeleton.append((answered, "csat", None))
        else:
            c.csat_sent = None


def message_times(rng, window, n):
    lo, hi = window
    if n <= 0:
        return []
    if hi <= lo:
        return [lo] * n
    return sorted(rng.randint(lo, hi) for _ in range(n))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--engine", choices=["sqlite", "postgresql"], required=True)
    ap.add_argument("--db", help="the SQLite file (engine sqlite)")
    ap.add_argument("--url", help="the PostgreSQL URL (engine postgresql)")
    ap.add_argument("--hash-file", required=True)
    ap.add_argument("--chats", type=int, default=100000)
    ap.add_argument("--messages", type=int, default=1000000)
    ap.add_argument("--agents", type=int, default=50)
    ap.add_argument("--days", type=int, default=90)
    ap.add_argument("--end-date", default="2026-11-29", help="the last local day of the data")
    ap.add_argument("--timezone", default="America/Bogota")
    ap.add_argument("--seed", type=int, default=20261129)
    args = ap.parse_args()
    password_hash = open(args.hash_file, encoding="utf-8").read().strip()
    if not password_hash.startswith("$argon2id$"):
        raise SystemExit("seed_reports.py: %s does not hold an argon2id hash" % args.hash_file)
    if args.agents < len(CAMPAIGNS):
        raise SystemExit("seed_reports.py: at least %d agents (one per campaign)" % len(CAMPAIGNS))
    started = time.time()
    rng = random.Random(args.seed)
    tz = zoneinfo.ZoneInfo(args.timezone)
    last = datetime.date.fromisoformat(args.end_date)
    days = [last - datetime.timedelta(days=args.days - 1 - i) for i in range(args.days)]

    def midnight(d):
        return int(datetime.datetime.combine(d, datetime.time(0), tz).timestamp())

    day_start = [midnight(d) for d in days]
    begin, end = day_start[0], midnight(last + datetime.timedelta(days=1))
    setup = begin - 120 * DAY   # when users, campaigns and numbers were created

    # --- people ------------------------------------------------------------------------------
    people_rng = random.Random(args.seed + 1)
    users = []
    agents = []
    for n in range(3 + args.agents):
        uid = n + 2   # create-admin made 1
        first, last_name = people_rng.choice(FIRST_NAMES), people_rng.choice(LAST_NAMES)
        email = "%s.%s%d@contacto-sur.example.com" % (ascii_slug(first), ascii_slug(last_name), uid)
        role = 2 if n < 3 else 3
        users.append((uid, email, password_hash, first, last_name, role, "active", "offline",
                      normalize(" ".join([first, last_name, email])), setup, setup))
        if role == 3:
            agents.append(Agent(uid, first, last_name))
    # agents to campaigns by their share (at least one each), a fifth also in a second campaign
    counts = [max(1, round(c[2] * args.agents)) for c in CAMPAIGNS]
    while sum(counts) > args.agents:
        counts[counts.index(max(counts))] -= 1
    while sum(counts) < args.agents:
        counts[0] += 1
    campaign_agents = {k: [] for k in range(1, len(CAMPAIGNS) + 1)}
    i = 0
    for k, n in enumerate(counts, 1):
        for _ in range(n):
            campaign_agents[k].append(agents[i])
            agents[i].campaigns.append(k)
            i += 1
    for j, a in enumerate(agents):
        if j % 5 == 4:
            k = (a.campaigns[0] % len(CAMPAIGNS)) + 1
            campaign_agents[k].append(a)
            a.campaigns.append(k)
    build_agents(random.Random(args.seed + 2), agents, days, day_start)

    # --- chats -------------------------------------------------------------------------------
    growth = [1.0 + 0.15 * d / max(1, args.days - 1) for d in range(args.days)]
    day_weights = [WEEKDAY_WEIGHTS[d.weekday()] * growth[i] * (0.9 + 0.2 * rng.random()) for i, d in enumerate(days)]
    picked_days = rng.choices(range(args.days), weights=day_weights, k=args.chats)
    picked_hours = rng.choices(range(24), weights=HOUR_WEIGHTS, k=args.chats)
    created = sorted(day_start[d] + h * HOUR + rng.randint(0, HOUR - 1) for d, h in zip(picked_days, picked_hours))
    shares = [c[2] for c in CAMPAIGNS]
    ks = rng.choices(range(1, len(CAMPAIGNS) + 1), weights=shares, k=args.chats)
    peak = max(HOUR_WEIGHTS)

    def hour_load(t):   # queues are slower at busy hours
        h = datetime.datetime.fromtimestamp(t, tz).hour
        return 0.6 + HOUR_WEIGHTS[h] / peak

    chats = []
    for cid, (t, k) in enumerate(zip(created, ks), 1):
        c = Chat(t, k)
        c.id = cid
        plan_chat(rng, c, campaign_agents, end, hour_load)
        chats.append(c)

    # extras scaled so that the messages add up to exactly --messages
    skeleton = sum(len(c.skeleton) for c in chats)
    wanted = sum(c.extras for c in chats)
    room = args.messages - skeleton
    if room < 0:
        raise SystemExit("seed_reports.py: %d messages are fewer than the %d the chats need" % (args.messages, skeleton))
    scale = room / wanted if wanted else 0
    for c in chats:
        c.extras = int(round(c.extras * scale)) if c.window else 0
    diff = room - sum(c.extras for c in chats)
    talkers = [c for c in chats if c.window and c.window[2] == "talk"] or [c for c in chats if c.window]
    i = 0
    while diff != 0 and i < 50 * len(talkers):
        c = talkers[i % len(talkers)]
        step = 1 if diff > 0 else -1
        if c.extras + step >= 0:
            c.extras += step
            diff -= step
        i += 1
    if diff != 0:
        raise SystemExit("seed_reports.py: could not place %d messages" % diff)

    loader = SqliteLoader(args.db) if args.engine == "sqlite" else PostgresLoader(args.url)
    t_load = time.time()
    loader.table("users", ["id", "email", "password_hash", "first_name", "last_name", "role_id", "status",
                           "agent_status", "search_text", "created_at", "updated_at"], users)
    loader.table("whatsapp_numbers", ["id", "phone_number", "display_name", "provider", "status", "connection_status",
                                      "last_connected_at", "created_at", "updated_at"],
                 [(n, p, name, "meta", "active", "connected", end - DAY, setup, setup)
                  for n, (p, name) in enumerate(NUMBERS, 1)])
    flow_def = ('{"start_node_id":"menu","nodes":[{"node_key":"menu","node_type":"menu","config":{"content":"%s",'
                '"options":[{"label":"Ventas","value":"ventas","next":"ask"},{"label":"Soporte","value":"soporte",'
                '"next":"ask"}]}},{"node_key":"ask","node_type":"input","config":{"content":"%s","variable":"consulta",'
                '"next":"handover"}},{"node_key":"handover","node_type":"transfer","config":{}}]}') % (BOT[0], BOT[1])
    loader.table("bot_flows", ["id", "name", "start_node_key", "saved_by", "saved_at", "published_version",
                               "published_revision", "created_by", "created_at", "updated_at"],
                 [(1, "Bienvenida Contacto Sur", "menu", 1, setup, 1, 1, 1, setup, setup)])
    loader.table("bot_flow_versions", ["flow_id", "version", "definition", "published_by", "published_at"],
                 [(1, 1, flow_def, 1, setup)])
    loader.table("campaigns", ["id", "name", "code", "status", "timezone", "sla_first_response_seconds",
                               "sla_resolution_seconds", "bot_enabled", "bot_flow_id", "csat_enabled", "search_text",
                               "created_at", "updated_at"],
                 [(k, c[0], c[1], "active", args.timezone, c[6], c[7], c[4], 1 if c[4] else None, c[5],
                   normalize(c[0] + " " + c[1]), setup, setup) for k, c in enumerate(CAMPAIGNS, 1)])
    loader.table("campaign_numbers", ["campaign_id", "number_id", "is_primary", "created_at"],
                 [(k, c[3], True, setup) for k, c in enumerate(CAMPAIGNS, 1)])
    loader.table("campaign_agents", ["campaign_id", "user_id", "created_at"],
                 [(k, a.id, setup) for k in campaign_agents for a in campaign_agents[k]])

    # clients: one per chat
    crng = random.Random(args.seed + 3)
    phones = crng.sample(range(100000000, 999999999), args.chats)

    def clients():
        for c in chats:
            first = crng.choice(FIRST_NAMES)
            last_name = crng.choice(LAST_NAMES) + (" " + crng.choice(LAST_NAMES) if crng.random() < 0.5 else "")
            phone = "+573%09d" % phones[c.id - 1]
            email = "%s.%s%d@correo.example.com" % (ascii_slug(first), ascii_slug(last_name.split(" ")[0]), c.id) \
                if crng.random() < 0.5 else None
            search = normalize(" ".join(p for p in (first, last_name, phone, email) if p))
            yield (c.id, phone, first, last_name, email, crng.choice(CITIES), "CO", True, search, c.created - 5,
                   c.created - 5)

    loader.table("clients", ["id", "phone_number", "first_name", "last_name", "email", "city", "country", "opt_in",
                             "search_text", "created_at", "updated_at"], clients())

    # messages of each chat, in time order; generated twice (chats need their last message), so
    # from a per-chat seed
    mrng_seed = args.seed + 4

    def chat_messages(c):
        r = random.Random(mrng_seed * 1000003 + c.id)
        msgs = list(c.skeleton)
        if c.extras and c.window:
            lo, hi, kind = c.window
            for j, at in enumerate(message_times(r, (lo, hi), c.extras)):
                if kind == "talk" and j % 2 == 1:
                    holder = c.agent_b if c.ft is not None and at >= c.ft else c.agent_a
                    msgs.append((at, "agent", holder.id))
                else:
                    msgs.append((at, "in", None))
        msgs.sort(key=lambda m: m[0])
        return r, msgs

    last_info = {}
    mid = 0
    for c in chats:
        _, msgs = chat_messages(c)
        mid += len(msgs)
        last_in = max((m[0] for m in msgs if m[1] in ("in", "csat")), default=None)
        trailing = 0
        for m in reversed(msgs):
            if m[1] not in ("in", "csat"):
                break
            trailing += 1
        last_info[c.id] = (mid, msgs[-1][0], last_in, len(msgs), trailing)
    assert mid == args.messages, (mid, args.messages)

    def chat_rows():
        for c in chats:
            last_mid, last_at, last_in, count, trailing = last_info[c.id]
            holder = c.agent_b or c.agent_a
            activity = max(last_at, c.closed or 0)
            yield (c.id, c.id, c.k, CAMPAIGNS[c.k - 1][3], holder.id if holder else None, c.status, c.priority,
                   c.created, c.fq, c.fq, c.ft if c.ft else c.fa, c.fa, c.fr, c.fr_agent.id if c.fr_agent else None,
                   last_at, activity, c.closed, c.close_reason, c.outcome, c.value, c.csat, c.csat_sent,
                   c.csat_answered, count, trailing if c.status != "closed" else 0, last_mid, last_in)

    loader.table("chats", ["id", "client_id", "campaign_id", "whatsapp_number_id", "assigned_agent_id", "status",
                           "priority", "created_at", "queued_at", "first_queued_at", "assigned_at", "first_assigned_at",
                           "first_response_at", "first_response_agent_id", "last_message_at", "last_activity_at",
                           "closed_at", "close_reason", "outcome", "outcome_value", "csat_score", "csat_sent_at",
                           "csat_answered_at", "message_count", "unread_count", "last_message_id", "last_inbound_at"],
                 chat_rows())

    def message_rows():
        mid = 0
        for c in chats:
            r, msgs = chat_messages(c)
            number = CAMPAIGNS[c.k - 1][3]
            open_chat = c.status != "closed"
            for at, kind, user in msgs:
                mid += 1
                if kind in ("in", "csat"):
                    text = str(c.csat) if kind == "csat" else r.choice(INBOUND)
                    yield (mid, c.id, number, "inbound", "text", text, "delivered" if open_chat else "read",
                           "wamid.HBgMNTczMDA%010dFQIAERgS" % mid, None, False, at, None, None, None, None)
                    continue
                content = (r.choice(OUTBOUND) if kind == "agent" else CSAT_QUESTION if kind == "survey"
                           else r.choice(BOT))
                s = r.random()
                if s < 0.03:   # rejected by the provider
                    yield (mid, c.id, number, "outbound", "text", content, "failed", None, user, kind == "bot", at,
                           None, None, None, "131026")
                    continue
                sent = at + r.randint(0, 2)
                delivered = sent + max(1, int(lognormal(r, 2, 0.8)))
                read = delivered + int(lognormal(r, 90, 1.2))
                status = "sent" if s < 0.08 else "delivered" if s < 0.28 else "read"
                yield (mid, c.id, number, "outbound", "text", content, status,
                       "wamid.HBgMNTczMDA%010dFQIAERgS" % mid, user, kind == "bot", at, sent,
                       delivered if status != "sent" else None, read if status == "read" else None, None)

    loader.table("messages", ["id", "chat_id", "whatsapp_number_id", "direction", "message_type", "content", "status",
                              "provider_message_id", "user_id", "is_bot_message", "created_at", "sent_at",
                              "delivered_at", "read_at", "error_code"], message_rows())

    def session_rows():
        for c in chats:
            if c.bot is None:
                continue
            node = {"active": "ask", "completed": "menu", "timed_out": "ask", "transferred": "handover"}[c.bot]
            ended = c.bot_end if c.bot != "active" else None
            yield (c.id, 1, 1, c.bot, None if c.bot == "active" else c.bot, node,
                   "reply" if c.bot == "active" else None, c.created, ended or c.created + 3, ended)

    loader.table("bot_sessions", ["chat_id", "flow_id", "flow_version", "status", "end_reason", "node_key",
                                  "waiting_for", "started_at", "updated_at", "ended_at"], session_rows())

    def event_rows():
        for c in chats:
            first = "bot" if c.bot else "queued"
            yield (c.id, "created", None, first, None, None, c.k, None, None, c.created)
            if c.fa is not None:
                yield (c.id, "assign", "queued", "assigned", None, c.agent_a.id, c.k, "routing", None, c.fa)
            if c.ft is not None:
                yield (c.id, "transfer", "active", "assigned", c.agent_a.id, c.agent_b.id, None, "Caso especializado",
                       c.agent_a.id, c.ft)
            if c.closed is not None:
                holder = c.agent_b or c.agent_a
                yield (c.id, "close", "active" if holder else ("bot" if c.bot else "queued"), "closed", None, None,
                       None, c.close_reason, holder.id if holder else None, c.closed)

    loader.table("chat_events", ["chat_id", "event", "from_status", "to_status", "from_agent_id", "to_agent_id",
                                 "to_campaign_id", "reason", "user_id", "created_at"], event_rows())

    def status_rows():
        for a in agents:
            for j, (status, reason, at) in enumerate(a.rows):
                ended = a.rows[j + 1][2] if j + 1 < len(a.rows) else None
                yield (a.id, status, reason, a.id, at, ended)

    loader.table("agent_status_history", ["user_id", "agent_status", "reason", "changed_by", "started_at", "ended_at"],
                 status_rows())

    def connection_rows():
        nrng = random.Random(args.seed + 5)
        for n in range(1, len(NUMBERS) + 1):
            t = begin - 30 * DAY
            yield (n, "connected", None, t)
            while True:
                t += int(nrng.uniform(7, 21) * DAY)
                if t >= end:
                    break
                yield (n, "disconnected", "Sesión cerrada por el proveedor", t)
                t += nrng.randint(60, 1800)
                yield (n, "connecting", None, t)
                t += nrng.randint(5, 120)
                yield (n, "connected", None, t)

    loader.table("whatsapp_number_connections", ["whatsapp_number_id", "status", "detail", "created_at"],
                 connection_rows())
    loader.finish()
    loaded = time.time()

    tables = ["users", "campaigns", "campaign_agents", "whatsapp_numbers", "clients", "chats", "messages",
              "bot_sessions", "chat_events", "agent_status_history", "whatsapp_number_connections"]
    print("period: %s to %s (%s), %d days; generated and loaded in %.1f s (load %.1f s)" % (
        days[0], days[-1], args.timezone, args.days, loaded - started, loaded - t_load))
    print("rows: " + ", ".join("%s %d" % (t, loader.count(t)) for t in tables))


if __name__ == "__main__":
    main()
