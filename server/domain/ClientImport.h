#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace Conversa::Server {

class ClientStore;

// POST /v1/clients/import (operation importClients in the OpenAPI document): the uploaded CSV,
// read and applied row by row.
//
// The file: UTF-8 (a BOM is tolerated), comma- or semicolon-separated (whichever the header line
// holds more of), RFC 4180 quoting (cells may hold separators, quotes and line breaks). The
// header names the columns: phone_number (required), first_name, last_name, email, company,
// city, country, address, lead_status, segment, notes, tags (several separated by | or ;).
// Columns that GET /v1/clients/export writes but an import does not set (id, lead_score, ltv,
// …) are ignored; any other column becomes a custom field named as its header.
//
// Rules: a row is applied whole or not at all; a bad row is reported as {row, field, error} with
// `row` the file line on which the record starts (the header is line 1). A row whose phone
// number belongs to a live client updates that client: its non-empty cells overwrite, tags are
// added, custom fields merged; nothing is ever erased. Blank lines are ignored.
namespace ClientImport {

struct RowError {
    int row = 0;
    QString field;
    const char *message = nullptr;   // QT_TRANSLATE_NOOP("Api", …)
    QStringList args;
};

struct Summary {
    qint64 imported = 0;   // new clients
    qint64 updated = 0;    // existing clients that changed
    qint64 skipped = 0;    // rows that changed nothing: errors, or nothing new for an existing client
    QList<RowError> errors;
};

struct Record {
    int line = 0;
    QStringList cells;
};

struct Table {
    QStringList header;      // normalised names ("first name" -> "first_name")
    QStringList rawHeader;   // as written, for custom field names
    QList<Record> records;   // without the header; blank lines left out
};

// The CSV inside a request body: the `file` part of multipart/form-data, or a text/csv body as is.
Result<QByteArray> extractFile(const QByteArray &contentType, const QByteArray &body);

// Decodes and splits the file; 422 (field "file") when it is not UTF-8, has no header or no
// phone_number column. With headerOnly, only the header is read (a cheap early check).
Result<Table> parse(const QByteArray &csv, bool headerOnly = false);

// Applies every record through the store, in the caller's transaction. Database failures end
// the import (the caller rolls back); row problems are collected in the summary.
Result<Summary> run(ClientStore &store, const Table &table, const QString &defaultRegion, qint64 now);

}   // namespace ClientImport

}   // namespace Conversa::Server
