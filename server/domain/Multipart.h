#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>

#include <optional>

namespace Conversa::Server {

// A small, strict multipart/form-data reader (RFC 7578) for uploads held in memory. It only
// splits and labels parts: the client's filename is returned for display and is never a path.
namespace Multipart {

struct Part {
    QHash<QByteArray, QByteArray> headers;   // lower-case names, values trimmed
    QString name;                            // Content-Disposition name
    QString filename;                        // Content-Disposition filename (filename* wins); may be empty
    bool hasFilename = false;                // a file part, even when the filename is empty
    QByteArray body;
};

// The boundary parameter of a multipart/form-data Content-Type (quoted or not); nullopt when the
// type is not multipart/form-data or the boundary is missing or invalid (RFC 2046: 1-70 chars).
std::optional<QByteArray> boundaryOf(const QByteArray &contentType);

// The parts of body; nullopt when it is not well-formed multipart (no closing delimiter, a part
// without Content-Disposition: form-data, malformed headers).
std::optional<QList<Part>> parse(const QByteArray &body, const QByteArray &boundary);

// A filename fit for display and for Content-Disposition: the last path segment only, control
// characters and path separators removed, at most 255 characters; "file" when nothing is left.
QString displayName(const QString &clientName);

}   // namespace Multipart

}   // namespace Conversa::Server
