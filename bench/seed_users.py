#!/usr/bin/env python3
"""Writes the SQL that bulk-inserts the benchmark's users, and a TSV listing them.

Every user gets the same password hash (made once by `conversa-server create-admin`): hashing
10,000 passwords with Argon2id would take minutes. search_text is filled the way the server does
(server/store/SearchText.cpp: NFKD, non-spacing marks dropped, lower case, whitespace simplified,
of "first last email"). The output is deterministic for a given --count and --seed.

usage: seed_users.py --count N --hash-file FILE --sql OUT.sql --users OUT.tsv
"""
import argparse
import random
import time
import unicodedata

FIRST_NAMES = [
    "María", "José", "Juan", "Ana", "Luis", "Carmen", "Jesús", "Andrés", "Sofía", "Valentina",
    "Camila", "Sebastián", "Martín", "Mateo", "Lucía", "Isabel", "Álvaro", "Ángela", "Mónica",
    "Raúl", "Julián", "Víctor", "Héctor", "Inés", "Marta", "Mario", "Marcos", "Mariana", "Marisol",
    "Ramón", "Iván", "Óscar", "Germán", "Rubén", "Nicolás", "Tomás", "Joaquín", "Agustín",
    "Beatriz", "Rocío", "Begoña", "Nuria", "Elena", "Paula", "Daniela", "Gabriela", "Natalia",
    "Patricia", "Laura", "Fernando", "Francisco", "Javier", "Diego", "Alejandro", "Carlos", "Pedro",
    "Pablo", "Jorge", "Sergio", "Manuel", "Antonio", "David", "Miguel", "Rafael", "Emilio", "Adrián",
    "Alicia", "Ximena", "Renata", "Jimena", "Simón", "Noemí", "Zoe", "Íñigo", "Asunción", "Ernesto",
    "Gonzalo", "Hugo", "Irene", "Julia", "Lorena", "Esteban", "Omar", "Yolanda", "Verónica", "Susana",
]
LAST_NAMES = [
    "García", "Rodríguez", "González", "Fernández", "López", "Martínez", "Sánchez", "Pérez", "Gómez",
    "Martín", "Jiménez", "Ruiz", "Hernández", "Díaz", "Moreno", "Muñoz", "Álvarez", "Romero",
    "Alonso", "Gutiérrez", "Navarro", "Torres", "Domínguez", "Vázquez", "Ramos", "Gil", "Ramírez",
    "Serrano", "Blanco", "Molina", "Morales", "Suárez", "Ortega", "Delgado", "Castro", "Ortiz",
    "Rubio", "Marín", "Sanz", "Núñez", "Iglesias", "Medina", "Garrido", "Cortés", "Castillo",
    "Santos", "Lozano", "Guerrero", "Cano", "Prieto", "Méndez", "Cruz", "Calvo", "Gallego", "Vidal",
    "León", "Márquez", "Herrera", "Peña", "Flores", "Cabrera", "Campos", "Vega", "Fuentes",
    "Carrasco", "Caballero", "Reyes", "Nieto", "Aguilar", "Pascual", "Santana", "Herrero", "Lorenzo",
    "Montero", "Hidalgo", "Giménez", "Ibáñez", "Ferrer", "Durán", "Benítez", "Mora", "Vicente",
    "Vargas", "Arias", "Carmona", "Crespo", "Román", "Pastor", "Soto", "Sáez", "Velasco", "Moya",
    "Soler", "Parra", "Esteban", "Bravo", "Gallardo", "Rojas", "Quiñones", "Ocaña", "Zúñiga",
]
# No domain contains "mar", so a search for it matches names only.
DOMAINS = ["contacto-sur.example.com", "ventas.example.co", "atencion.example.com.co", "crm.example.es"]
ROLES = [((1, "admin"), 0.02), ((2, "supervisor"), 0.08), ((3, "agent"), 0.90)]   # role ids as RoleStore seeds them
STATUSES = [("active", 0.95), ("inactive", 0.03), ("suspended", 0.02)]
AGENT_STATUSES = [("available", 0.35), ("busy", 0.20), ("paused", 0.10), ("offline", 0.35)]


def normalize(text):
    """SearchText::normalize: NFKD, drop non-spacing marks, lower case, simplify whitespace."""
    decomposed = unicodedata.normalize("NFKD", text)
    kept = "".join(c.lower() for c in decomposed if unicodedata.category(c) != "Mn")
    return " ".join(kept.split())


def ascii_slug(text):
    return normalize(text).replace(" ", "")


def pick(rng, weighted):
    """One value of [(value, weight), ...], weights summing to 1."""
    r = rng.random()
    for value, weight in weighted:
        r -= weight
        if r < 0:
            return value
    return weighted[-1][0]


def sql_text(value):
    return "NULL" if value is None else "'" + value.replace("'", "''") + "'"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, required=True)
    ap.add_argument("--hash-file", required=True)
    ap.add_argument("--sql", required=True)
    ap.add_argument("--users", required=True)
    ap.add_argument("--seed", type=int, default=20240601)
    args = ap.parse_args()

    password_hash = open(args.hash_file, encoding="utf-8").read().strip()
    if not password_hash.startswith("$argon2id$"):
        raise SystemExit("seed_users.py: %s does not hold an argon2id hash" % args.hash_file)

    rng = random.Random(args.seed)
    now = int(time.time())
    taken = set()
    rows, listing = [], []
    for _ in range(args.count):
        first = rng.choice(FIRST_NAMES)
        last = rng.choice(LAST_NAMES)
        if rng.random() < 0.35:   # many Spanish speakers use both surnames
            last += " " + rng.choice(LAST_NAMES)
        local = ascii_slug(first) + "." + ascii_slug(last.split(" ")[0])
        n = 1
        email = "%s@%s" % (local, rng.choice(DOMAINS))
        while email in taken:
            n += 1
            email = "%s%d@%s" % (local, n, email.split("@")[1])
        taken.add(email)
        role_id, role = pick(rng, ROLES)
        status = pick(rng, STATUSES)
        agent_status = pick(rng, AGENT_STATUSES) if role == "agent" and status == "active" else "offline"
        created = now - rng.randint(86400, 2 * 365 * 86400)
        updated = created + rng.randint(0, now - created)
        last_login = rng.randint(updated, now) if rng.random() < 0.8 else None
        phone = "+57 3%02d %07d" % (rng.randint(0, 24), rng.randint(0, 9999999))
        phone = phone.replace(" ", "")
        search = normalize(" ".join([first, last, email]))
        rows.append("(%s, %s, %s, %s, %s, %d, %s, %s, %s, %d, %s, %s, %d, %d, %s)" % (
            sql_text(email), sql_text(password_hash), sql_text(first), sql_text(last), sql_text(phone),
            role_id, sql_text(status), sql_text(agent_status), str(updated) if role == "agent" else "NULL",
            rng.choice([3, 5, 5, 5, 8]), "TRUE" if rng.random() < 0.9 else "FALSE", sql_text(search),
            created, updated, "NULL" if last_login is None else str(last_login)))
        listing.append("\t".join([email, role, status]))

    with open(args.sql, "w", encoding="utf-8") as out:
        out.write("BEGIN;\n")
        for i in range(0, len(rows), 500):
            out.write("INSERT INTO users (email, password_hash, first_name, last_name, phone, role_id, status, "
                      "agent_status, agent_status_changed_at, max_concurrent_chats, auto_assign_enabled, "
                      "search_text, created_at, updated_at, last_login_at) VALUES\n")
            out.write(",\n".join(rows[i:i + 500]))
            out.write(";\n")
        out.write("COMMIT;\n")
    with open(args.users, "w", encoding="utf-8") as out:
        out.write("\n".join(listing) + "\n")


if __name__ == "__main__":
    main()
