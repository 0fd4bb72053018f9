#pragma once

// Flows the flow editor's tests share, as the server's JSON (docs/BOT_FLOWS.md#node-types).
#include <QJsonArray>
#include <QJsonObject>
#include <QString>

namespace FlowSamples {

using namespace Qt::StringLiterals;

inline QJsonObject node(const QString &key, const QString &type, const QJsonObject &config, int x = 0, int y = 0)
{
    return {{u"node_key"_s, key},
            {u"node_type"_s, type},
            {u"config"_s, config},
            {u"position_x"_s, x},
            {u"position_y"_s, y}};
}

inline QJsonObject option(const QString &label, const QString &next)
{
    QJsonObject o{{u"label"_s, label}, {u"value"_s, label.toLower()}};
    if (!next.isEmpty())
        o.insert(u"next"_s, next);
    return o;
}

inline QJsonObject rule(const QString &variable, const QString &op, const QJsonValue &value, const QString &next)
{
    QJsonObject r{{u"variable"_s, variable}, {u"operator"_s, op}, {u"next"_s, next}};
    if (!value.isUndefined())
        r.insert(u"value"_s, value);
    return r;
}

// Every node type, publishable, every node reachable:
// welcome → menu → (sales | ask → route → (agent | bye) | lookup → (tagit → setv → upd → wait → bye | bye)).
// Config fields the editor does not know (x_editor, a rule's note) ride along.
inline QJsonArray allTypes()
{
    return {
        node(u"welcome"_s, u"message"_s,
             {{u"content"_s, u"¡Hola! Bienvenido a {{company_name}}"_s},
              {u"next"_s, u"menu"_s},
              {u"x_editor"_s, QJsonObject{{u"color"_s, u"#ffcc00"_s}, {u"collapsed"_s, true}}}},
             0, 0),
        node(u"menu"_s, u"menu"_s,
             {{u"content"_s, u"Selecciona una opción:"_s},
              {u"options"_s,
               QJsonArray{option(u"Ventas"_s, u"sales"_s), option(u"Soporte"_s, u"ask"_s),
                          option(u"Pedido"_s, u"lookup"_s)}},
              {u"invalid_message"_s, u"No entendí"_s}},
             300, 0),
        node(u"ask"_s, u"input"_s,
             {{u"content"_s, u"Número de pedido"_s},
              {u"variable"_s, u"order"_s},
              {u"validation"_s, u"number"_s},
              {u"next"_s, u"route"_s}},
             600, 0),
        node(u"route"_s, u"condition"_s,
             {{u"rules"_s,
               QJsonArray{QJsonObject{{u"variable"_s, u"order"_s},
                                      {u"operator"_s, u"gt"_s},
                                      {u"value"_s, 100},
                                      {u"next"_s, u"agent"_s},
                                      {u"note"_s, u"big orders"_s}}}},
              {u"default"_s, u"bye"_s}},
             900, 0),
        node(u"lookup"_s, u"http_request"_s,
             {{u"method"_s, u"GET"_s},
              {u"url"_s, u"https://crm.example.com/orders/{{order}}"_s},
              {u"headers"_s, QJsonObject{{u"Authorization"_s, u"Bearer x"_s}}},
              {u"timeout_ms"_s, 5000},
              {u"save"_s, QJsonObject{{u"status"_s, u"$.status"_s}}},
              {u"next"_s, u"tagit"_s},
              {u"on_error"_s, u"bye"_s}},
             600, 300),
        node(u"tagit"_s, u"tag"_s,
             {{u"chat_tags"_s, QJsonArray{u"pedido"_s}}, {u"client_tags"_s, QJsonArray{}}, {u"next"_s, u"setv"_s}}, 900,
             300),
        node(u"setv"_s, u"set_variable"_s,
             {{u"assign"_s, QJsonObject{{u"greeting"_s, u"Hola {{client.first_name}}"_s}}}, {u"next"_s, u"upd"_s}},
             1200, 300),
        node(u"upd"_s, u"update_client"_s,
             {{u"fields"_s, QJsonObject{{u"lead_status"_s, u"contacted"_s}}}, {u"next"_s, u"wait"_s}}, 1500, 300),
        node(u"wait"_s, u"delay"_s, {{u"seconds"_s, 5}, {u"next"_s, u"bye"_s}}, 1800, 300),
        node(u"sales"_s, u"transfer"_s, {{u"target_type"_s, u"queue"_s}, {u"skills"_s, QJsonArray{u"ventas"_s}}}, 600,
             -300),
        node(u"agent"_s, u"transfer"_s, {{u"target_type"_s, u"queue"_s}}, 1200, 0),
        node(u"bye"_s, u"end"_s,
             {{u"content"_s, u"¡Gracias!"_s},
              {u"close"_s, QJsonObject{{u"close_reason"_s, u"bot"_s}, {u"outcome"_s, u"resolved"_s}}}},
             2100, 0),
    };
}

// 12 options, all to bye: two over WhatsApp's limit.
inline QJsonArray options12()
{
    QJsonArray out;
    for (int i = 1; i <= 12; ++i)
        out.append(option(u"Opción %1"_s.arg(i), u"bye"_s));
    return out;
}

// A flow's JSON; an empty start is null, as a draft without one says.
inline QJsonObject flow(const QJsonArray &nodes, const QString &start = u"welcome"_s)
{
    return {{u"name"_s, u"Flujo de prueba"_s},
            {u"start_node_id"_s, start.isEmpty() ? QJsonValue() : QJsonValue(start)},
            {u"variables"_s, QJsonObject{{u"company_name"_s, u"MiEmpresa"_s}}},
            {u"nodes"_s, nodes}};
}

// The nodes with one node's config key replaced (or removed, with an undefined value).
inline QJsonArray withConfig(QJsonArray nodes, const QString &key, const QString &field, const QJsonValue &value)
{
    for (qsizetype i = 0; i < nodes.size(); ++i) {
        QJsonObject n = nodes.at(i).toObject();
        if (n.value(u"node_key"_s).toString() != key)
            continue;
        QJsonObject config = n.value(u"config"_s).toObject();
        if (value.isUndefined())
            config.remove(field);
        else
            config.insert(field, value);
        n.insert(u"config"_s, config);
        nodes.replace(i, n);
    }
    return nodes;
}

}   // namespace FlowSamples
