#pragma once

#include "TestServer.h"

#include <QByteArray>
#include <QVariant>

#include <initializer_list>

// Fixture helpers the server tests share.

// Runs an INSERT … RETURNING id; 0 (and a warning naming the statement) on failure.
qint64 insertReturningId(Conversa::Server::Database &db, const char *sql, std::initializer_list<QVariant> values);

// A campaign (name, code) with `numberId` as its primary number; its id, 0 on failure.
qint64 campaignWithNumber(Conversa::Server::Database &db, const QString &name, const QString &code, qint64 numberId);

// An 8×6 PNG, filled with one colour.
QByteArray pngBytes();

// POST /v1/files with a multipart/form-data body (this boundary) holding one "file" part.
ApiResponse uploadFile(TestServer &server, const QByteArray &token, const QByteArray &boundary,
                       const QByteArray &fileName, const QByteArray &mimeType, const QByteArray &bytes);

// A Meta webhook body (docs/PROVIDERS.md) carrying one inbound text message from `waId` (with its
// profile name) to the business number `phoneNumberId`.
QByteArray metaTextWebhook(const QString &phoneNumberId, const QString &displayPhone, const QString &waId,
                           const QString &name, const QString &wamid, const QString &text);
