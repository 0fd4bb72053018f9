#include "Fixtures.h"

#include "core/Clock.h"
#include "store/Database.h"

#include <QBuffer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QColor>
#include <QImage>

using namespace Conversa::Server;

using namespace Qt::StringLiterals;

qint64 insertReturningId(Database &db, const char *sql, std::initializer_list<QVariant> values)
{
    SqlQuery q(db, sql, values);
    if (!q.exec() || !q.next()) {
        qWarning("fixture insert failed: %s", sql);
        return 0;
    }
    return q.integer(0);
}

QByteArray pngBytes()
{
    QImage image(8, 6, QImage::Format_RGB32);
    image.fill(QColor(20, 120, 200));
    QByteArray out;
    QBuffer buffer(&out);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return out;
}

ApiResponse uploadFile(TestServer &server, const QByteArray &token, const QByteArray &boundary,
                       const QByteArray &fileName, const QByteArray &mimeType, const QByteArray &bytes)
{
    const QByteArray form = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" +
        fileName + "\"\r\nContent-Type: " + mimeType + "\r\n\r\n" + bytes + "\r\n--" + boundary + "--\r\n";
    return server.requestRaw("POST", u"/v1/files"_s, form, "multipart/form-data; boundary=" + boundary, token);
}

QByteArray metaTextWebhook(const QString &phoneNumberId, const QString &displayPhone, const QString &waId,
                           const QString &name, const QString &wamid, const QString &text)
{
    using namespace Qt::StringLiterals;
    const QJsonObject message{{u"from"_s, waId},
                              {u"id"_s, wamid},
                              {u"timestamp"_s, QString::number(nowSeconds())},
                              {u"type"_s, u"text"_s},
                              {u"text"_s, QJsonObject{{u"body"_s, text}}}};
    const QJsonObject value{
        {u"messaging_product"_s, u"whatsapp"_s},
        {u"metadata"_s, QJsonObject{{u"display_phone_number"_s, displayPhone}, {u"phone_number_id"_s, phoneNumberId}}},
        {u"contacts"_s, QJsonArray{QJsonObject{{u"profile"_s, QJsonObject{{u"name"_s, name}}}, {u"wa_id"_s, waId}}}},
        {u"messages"_s, QJsonArray{message}}};
    return QJsonDocument(QJsonObject{{u"object"_s, u"whatsapp_business_account"_s},
                                     {u"entry"_s,
                                      QJsonArray{QJsonObject{{u"id"_s, u"1"_s},
                                                             {u"changes"_s,
                                                              QJsonArray{QJsonObject{{u"value"_s, value},
                                                                                     {u"field"_s, u"messages"_s}}}}}}}})
        .toJson(QJsonDocument::Compact);
}

qint64 campaignWithNumber(Conversa::Server::Database &db, const QString &name, const QString &code, qint64 numberId)
{
    const qint64 now = Conversa::Server::nowSeconds();
    const qint64 campaign =
        insertReturningId(db,
                          "INSERT INTO campaigns (name, code, created_at, updated_at) VALUES (?, ?, ?, ?) RETURNING id",
                          {name, code, now, now});
    if (campaign <= 0)
        return 0;
    Conversa::Server::SqlQuery
        link(db, "INSERT INTO campaign_numbers (campaign_id, number_id, is_primary, created_at) VALUES (?, ?, TRUE, ?)",
             {campaign, numberId, now});
    return link.exec() ? campaign : 0;
}
