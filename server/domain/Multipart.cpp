#include "Multipart.h"

#include <QByteArrayView>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace Conversa::Server {

namespace Multipart {

namespace {

constexpr qsizetype kMaxHeaderBlock = 8 * 1024;
constexpr int kMaxParts = 32;

bool isTokenChar(char c)
{
    // RFC 2045 token: any printable ASCII but space and tspecials.
    return c > 0x20 && c < 0x7f && !QByteArrayView("()<>@,;:\\\"/[]?=").contains(c);
}

// Splits "type; a=b; c=\"d;e\"" into the type and its parameters (lower-case names), honouring
// quoted strings. False on a malformed parameter list.
bool parseParameters(QByteArrayView header, QByteArray *type, QList<QPair<QByteArray, QByteArray>> *params)
{
    qsizetype i = 0;
    const qsizetype n = header.size();
    auto skipSpace = [&] {
        while (i < n && (header[i] == ' ' || header[i] == '\t'))
            ++i;
    };
    skipSpace();
    const qsizetype typeStart = i;
    while (i < n && header[i] != ';')
        ++i;
    *type = header.sliced(typeStart, i - typeStart).trimmed().toByteArray().toLower();
    while (i < n) {
        ++i;   // ';'
        skipSpace();
        if (i == n)
            break;   // a trailing ';' is tolerated
        const qsizetype nameStart = i;
        while (i < n && isTokenChar(header[i]))
            ++i;
        const QByteArray name = header.sliced(nameStart, i - nameStart).toByteArray().toLower();
        skipSpace();
        if (name.isEmpty() || i == n || header[i] != '=')
            return false;
        ++i;
        skipSpace();
        QByteArray value;
        if (i < n && header[i] == '"') {
            ++i;
            bool closed = false;
            while (i < n) {
                const char c = header[i++];
                if (c == '"') {
                    closed = true;
                    break;
                }
                // Only \" and \\ are escapes: browsers send Windows paths unescaped.
                if (c == '\\' && i < n && (header[i] == '"' || header[i] == '\\'))
                    value += header[i++];
                else
                    value += c;
            }
            if (!closed)
                return false;
        } else {
            const qsizetype valueStart = i;
            while (i < n && header[i] != ';' && header[i] != ' ' && header[i] != '\t')
                ++i;
            value = header.sliced(valueStart, i - valueStart).toByteArray();
        }
        skipSpace();
        if (i < n && header[i] != ';')
            return false;
        params->append({name, value});
    }
    return true;
}

// RFC 5987 ext-value: charset'language'percent-encoded. Only UTF-8 (and its ASCII subset) is read.
std::optional<QString> decodeExtValue(const QByteArray &value)
{
    const qsizetype first = value.indexOf('\'');
    const qsizetype second = first < 0 ? -1 : value.indexOf('\'', first + 1);
    if (second < 0)
        return std::nullopt;
    const QByteArray charset = value.left(first).toLower();
    if (charset != "utf-8" && charset != "us-ascii")
        return std::nullopt;
    return QString::fromUtf8(QByteArray::fromPercentEncoding(value.mid(second + 1)));
}

bool parseHeaders(QByteArrayView block, Part *part)
{
    if (block.isEmpty())
        return true;
    for (const QByteArray &line : block.toByteArray().split('\n')) {
        QByteArrayView l = line;
        if (l.endsWith('\r'))
            l.chop(1);
        if (l.contains('\r') || l.isEmpty())
            return false;
        const qsizetype colon = l.indexOf(':');
        if (colon <= 0)
            return false;
        const QByteArray name = l.first(colon).toByteArray().toLower();
        for (const char c : name) {
            if (!isTokenChar(c))
                return false;
        }
        part->headers.insert(name, l.sliced(colon + 1).trimmed().toByteArray());
    }
    return true;
}

bool readDisposition(Part *part)
{
    const auto it = part->headers.constFind("content-disposition");
    if (it == part->headers.cend())
        return false;
    QByteArray type;
    QList<QPair<QByteArray, QByteArray>> params;
    if (!parseParameters(*it, &type, &params) || type != "form-data")
        return false;
    bool hasName = false;
    std::optional<QString> extended;
    for (const auto &[name, value] : params) {
        if (name == "name") {
            part->name = QString::fromUtf8(value);
            hasName = true;
        } else if (name == "filename") {
            part->filename = QString::fromUtf8(value);
            part->hasFilename = true;
        } else if (name == "filename*") {
            extended = decodeExtValue(value);
            part->hasFilename = true;
        }
    }
    if (extended)
        part->filename = *extended;
    return hasName;
}

}   // namespace

std::optional<QByteArray> boundaryOf(const QByteArray &contentType)
{
    QByteArray type;
    QList<QPair<QByteArray, QByteArray>> params;
    if (!parseParameters(contentType, &type, &params) || type != "multipart/form-data")
        return std::nullopt;
    for (const auto &[name, value] : params) {
        if (name != "boundary")
            continue;
        // RFC 2046 §5.1.1: 1-70 characters, not ending in a space.
        if (value.isEmpty() || value.size() > 70 || value.endsWith(' '))
            return std::nullopt;
        for (const char c : value) {
            if (c < 0x20 || c > 0x7e)
                return std::nullopt;
        }
        return value;
    }
    return std::nullopt;
}

std::optional<QList<Part>> parse(const QByteArray &body, const QByteArray &boundary)
{
    if (boundary.isEmpty())
        return std::nullopt;
    const QByteArray dashBoundary = "--" + boundary;
    const QByteArray delimiter = "\r\n" + dashBoundary;

    // The first delimiter opens the body or follows a preamble line.
    qsizetype pos = 0;
    if (!body.startsWith(dashBoundary)) {
        pos = body.indexOf(delimiter);
        if (pos < 0)
            return std::nullopt;
        pos += 2;
    }
    pos += dashBoundary.size();

    QList<Part> parts;
    while (true) {
        if (QByteArrayView(body).sliced(pos).startsWith("--"))
            return parts;   // close delimiter; the epilogue is ignored
        // Transport padding, then CRLF.
        while (pos < body.size() && (body[pos] == ' ' || body[pos] == '\t'))
            ++pos;
        if (!QByteArrayView(body).sliced(pos).startsWith("\r\n"))
            return std::nullopt;
        pos += 2;
        if (parts.size() == kMaxParts)
            return std::nullopt;

        Part part;
        qsizetype bodyStart = pos;
        if (QByteArrayView(body).sliced(pos).startsWith("\r\n")) {
            bodyStart = pos + 2;   // no headers at all
        } else {
            const qsizetype headerEnd = body.indexOf("\r\n\r\n", pos);
            if (headerEnd < 0 || headerEnd - pos > kMaxHeaderBlock)
                return std::nullopt;
            if (!parseHeaders(QByteArrayView(body).sliced(pos, headerEnd - pos), &part))
                return std::nullopt;
            bodyStart = headerEnd + 4;
        }
        if (!readDisposition(&part))
            return std::nullopt;
        const qsizetype next = body.indexOf(delimiter, bodyStart);
        if (next < 0)
            return std::nullopt;   // no closing delimiter: truncated
        part.body = body.mid(bodyStart, next - bodyStart);
        parts.append(std::move(part));
        pos = next + delimiter.size();
    }
}

QString displayName(const QString &clientName)
{
    // The last segment of either kind of path: "C:\\x\\a.txt" and "../../a.txt" are "a.txt".
    QString name = clientName;
    const qsizetype slash = qMax(name.lastIndexOf(u'/'), name.lastIndexOf(u'\\'));
    if (slash >= 0)
        name = name.mid(slash + 1);
    QString out;
    out.reserve(name.size());
    for (const QChar c : std::as_const(name)) {
        // Control and format characters (including bidi overrides that disguise an extension).
        const QChar::Category cat = c.category();
        if (cat == QChar::Other_Control || cat == QChar::Other_Format || c == u'"')
            continue;
        out += c;
    }
    out = out.trimmed();
    if (out.size() > 255)
        out = out.left(out.at(254).isHighSurrogate() ? 254 : 255);
    if (out.isEmpty() || out == "."_L1 || out == ".."_L1)
        return u"file"_s;
    return out;
}

}   // namespace Multipart

}   // namespace Conversa::Server
