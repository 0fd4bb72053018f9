#pragma once

#include "core/AuthUser.h"
#include "core/Result.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace Conversa::Server {

class Database;

// One row of GET /v1/users: the list columns only.
struct UserListItem {
    qint64 id = 0;
    QString email;
    QString firstName;
    QString lastName;
    QString phone;
    QString avatarUrl;
    qint64 roleId = 0;
    QString status;
    QString agentStatus;
    int maxConcurrentChats = 0;
    qint64 createdAt = 0;
    qint64 lastLoginAt = 0;
};

struct UserFilter {
    qint64 roleId = 0;   // 0: any role
    QString status;      // empty: any status
    QString search;      // name or email fragment, any case and accents; empty: no search
    int limit = 20;
    qint64 offset = 0;
};

struct UserPage {
    QList<UserListItem> rows;
    qint64 total = 0;
};

// SQL for the users aggregate. A user's full record is an AuthUser (AuthService::loadUser reads
// it); this store writes it and answers the list. Every write keeps search_text in sync.
class UserStore {
public:
    explicit UserStore(Database &db) : m_db(db) {}

    // Live (not deleted) users matching the filter, ordered by id: one COUNT and one page query.
    Result<UserPage> list(const UserFilter &filter);

    // Whether a live user other than exceptId has this (lower-case) email.
    Result<bool> emailTaken(const QString &email, qint64 exceptId = 0);

    // Inserts the user (email, names, phone, avatar, role, status, capacity, auto-assign);
    // 409 when the email is taken. Returns the new id.
    Result<qint64> insert(const AuthUser &user, const QByteArray &passwordHash, qint64 now);

    // Writes every editable column of `user` (looked up by id); 409 when the email is taken.
    Result<Ok> update(const AuthUser &user, qint64 now);

    // Live, active users of the role other than exceptId. Call lockAdminChanges() first.
    Result<qint64> countActive(qint64 roleId, qint64 exceptId);

    // Serialises requests that may remove the last active admin (PostgreSQL runs them
    // concurrently; SQLite transactions already hold the write lock).
    Result<Ok> lockAdminChanges();

    // Soft delete: deleted_at set, agent status closed as offline, every login revoked.
    Result<Ok> softDelete(qint64 userId, qint64 now);

    // Ends every live login of the user (their access tokens stop working at once).
    Result<Ok> revokeSessions(qint64 userId, const QString &reason, qint64 now);

    // Sets the agent status; a different status or reason closes the open history row and opens a new one.
    Result<Ok> setAgentStatus(qint64 userId, const QString &status, const QString &reason, bool statusChanged,
                              bool reasonChanged, qint64 changedBy, qint64 now);

private:
    Result<Ok> closeAgentStatusHistory(qint64 userId, qint64 now);

    Database &m_db;
};

}   // namespace Conversa::Server
