#pragma once

#include "core/Translator.h"
#include "core/AuthUser.h"

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QJsonObject>
#include <QSet>
#include <QString>
#include <QUrlQuery>

#include <functional>
#include <optional>
#include <utility>
#include <vector>

namespace Conversa::Server {

// What the router records in the audit log for this request; handlers fill in details.
struct AuditEntry {
    QString action;       // "<entity>.<verb>", e.g. "user.create"
    QString entityType;   // "User"
    qint64 entityId = 0;
    QJsonObject changes;   // {"field": {"from": …, "to": …}}, secrets masked
    qint64 userId = 0;     // overrides the caller (e.g. login, where there is no caller yet)
    bool skip = false;     // e.g. a webhook that audits differently
};

// Everything a handler may know about the request. Handlers never see QHttpServerRequest.
class RequestContext {
public:
    QByteArray method;
    QString path;
    QHash<QString, QString> params;   // path parameters by name
    QUrlQuery query;
    QHash<QByteArray, QByteArray> headers;   // lower-case names
    QByteArray rawBody;
    QJsonObject body;   // parsed when the content type is JSON
    QString ip;          // the client's, through trusted proxies (core/TrustedProxies)
    QString scheme = QStringLiteral("http");   // as the client connected (X-Forwarded-Proto from a trusted proxy)
    QString userAgent;
    QByteArray requestId;
    Language language = Language::Spanish;
    std::optional<AuthUser> user;
    AuditEntry audit;

    // Runs `f` once the request's changes are committed (never if they roll back): for work
    // that must see them, such as waking the routing worker.
    void afterCommit(std::function<void()> f) { m_afterCommit.push_back(std::move(f)); }
    void runAfterCommit()
    {
        for (const auto &f : std::exchange(m_afterCommit, {}))
            f();
    }

    QByteArray header(const QByteArray &lowerName) const { return headers.value(lowerName); }
    QString queryValue(const QString &name) const { return query.queryItemValue(name, QUrl::FullyDecoded); }
    bool hasQuery(const QString &name) const { return query.hasQueryItem(name); }
    qint64 idParam(const QString &name = QStringLiteral("id")) const { return params.value(name).toLongLong(); }
    qint64 userId() const { return user ? user->id : 0; }
    // A message in the caller's language (named so lupdate does not take it for QObject::tr).
    QString text(const char *source, const QStringList &args = {}) const
    {
        return translated(language, "Api", source, args);
    }

private:
    std::vector<std::function<void()>> m_afterCommit;
};

}   // namespace Conversa::Server
