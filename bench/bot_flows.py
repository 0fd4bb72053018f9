#!/usr/bin/env python3
"""Bot flows and simulation bodies for bench/run-botflows (bench/README.md, "Bot flows").

  bot_flows.py loop
      the load's flow: a menu of three options, each to an input whose answer leads back to the
      menu. A conversation on it never ends, so every customer message is a bot step: a menu
      answer (the bot asks the option's question) or an input answer (the bot sends the menu again).
  bot_flows.py big [--segments 40]
      the simulate case's flow: --segments runs of five nodes (message, set_variable, condition,
      menu, input; 200 nodes for 40), the last input leading back to the first message.
  bot_flows.py simulate [--segments 40]
      the simulate request for `big`: two customer messages per segment (a menu choice, then an
      answer the segment's input accepts), so one request walks every node once; Meta rendering
      (interactive menus), an example client.

Every answer this benchmark sends (ANSWERS) is valid at the loop's menu *and* at its inputs, so a
chat whose messages arrived out of order still never leaves its flow.
"""
import argparse
import json
import sys

# An option's number, label or value (docs/BOT_FLOWS.md#reply-matching), all non-blank text.
ANSWERS = ["1", "2", "3", "Ventas", "soporte", "PEDIDOS", "2.", "ventas"]


def node(key, kind, config):
    return {"node_key": key, "node_type": kind, "config": config}


def loop_flow():
    options = [{"label": "Ventas", "value": "ventas", "next": "ask_sales"},
               {"label": "Soporte", "value": "soporte", "next": "ask_support"},
               {"label": "Pedidos", "value": "pedidos", "next": "ask_order"}]
    nodes = [node("menu", "menu", {"content": "Hola {{client.first_name}}, ¿en qué te ayudamos?",
                                   "invalid_message": "Elige una opción, por favor", "options": options})]
    for key, question, var in (("ask_sales", "¿Qué producto te interesa?", "producto"),
                               ("ask_support", "Cuéntanos qué pasó", "problema"),
                               ("ask_order", "¿Cuál es tu número de pedido?", "pedido")):
        nodes.append(node(key, "input", {"content": question, "variable": var, "validation": "text",
                                         "invalid_message": "No entendí tu respuesta", "next": "menu"}))
    return {"name": "Bench: menú sin fin", "start_node_id": "menu", "timeout_seconds": 3600,
            "max_invalid_attempts": 3, "nodes": nodes}


VALIDATIONS = [("email", "cliente{i}@ejemplo.com"), ("number", "4{i}"), ("text", "Respuesta número {i}")]


def big_flow(segments):
    nodes = []
    for i in range(segments):
        nxt = "m%d" % ((i + 1) % segments)
        validation, _ = VALIDATIONS[i % len(VALIDATIONS)]
        nodes += [
            node("m%d" % i, "message", {"content": "Paso %d de %d, {{client.first_name}}" % (i + 1, segments),
                                        "next": "s%d" % i}),
            node("s%d" % i, "set_variable", {"assign": {"paso": str(i), "nombre": "{{client.first_name}}"},
                                             "next": "c%d" % i}),
            node("c%d" % i, "condition", {"rules": [{"variable": "paso", "operator": "eq", "value": str(i),
                                                     "next": "menu%d" % i}],
                                          "default": "menu%d" % i}),
            node("menu%d" % i, "menu", {"content": "¿Seguimos con el paso %d?" % (i + 1),
                                        "invalid_message": "Elige una opción",
                                        "options": [{"label": "Sí", "value": "si", "next": "in%d" % i},
                                                    {"label": "No", "value": "no", "next": "in%d" % i},
                                                    {"label": "Más tarde", "value": "luego", "next": "in%d" % i}]}),
            node("in%d" % i, "input", {"content": "Escribe tu dato %d" % (i + 1), "variable": "dato%d" % i,
                                       "validation": validation, "invalid_message": "Ese dato no sirve",
                                       "next": nxt}),
        ]
    return {"name": "Bench: flujo de %d nodos" % len(nodes), "start_node_id": "m0", "timeout_seconds": 300,
            "max_invalid_attempts": 3, "nodes": nodes}


def simulate_body(segments):
    messages = []
    for i in range(segments):
        messages.append(str(1 + i % 3))
        messages.append(VALIDATIONS[i % len(VALIDATIONS)][1].format(i=i))
    return {"messages": messages, "client": {"first_name": "Ana", "last_name": "Gómez"}, "interactive": True}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("what", choices=["loop", "big", "simulate", "answers"])
    p.add_argument("--segments", type=int, default=40)
    a = p.parse_args()
    if a.what == "answers":
        print("\n".join(ANSWERS))
        return
    doc = {"loop": loop_flow, "big": lambda: big_flow(a.segments), "simulate": lambda: simulate_body(a.segments)}[a.what]()
    json.dump(doc, sys.stdout, ensure_ascii=False, separators=(",", ":"))
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
