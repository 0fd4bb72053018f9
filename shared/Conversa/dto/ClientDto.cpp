#include "ClientDto.h"

using namespace Qt::StringLiterals;

namespace Conversa {

ClientChatRefDto ClientChatRefDto::fromJson(const QJsonObject &json)
{
    ClientChatRefDto x;
    const Json::Reader r(json, x.wireKeys);
    x.id = r.integer(u"id"_s);
    x.status = r.string(u"status"_s);
    x.createdAt = r.time(u"created_at"_s);
    return x;
}

QJsonObject ClientChatRefDto::toJson() const
{
    Json::Writer w(wireKeys);
    w.put(u"id"_s, id);
    w.put(u"status"_s, status);
    w.put(u"created_at"_s, createdAt);
    return w.result();
}

ClientTaskRefDto ClientTaskRefDto::fromJson(const QJsonObject &json)
{
    ClientTaskRefDto x;
    const Json::Reader r(json, x.wireKeys);
    x.id = r.integer(u"id"_s);
    x.title = r.string(u"title"_s);
    x.dueDate = r.time(u"due_date"_s);
    x.status = r.string(u"status"_s);
    return x;
}

QJsonObject ClientTaskRefDto::toJson() const
{
    Json::Writer w(wireKeys);
    w.put(u"id"_s, id);
    w.put(u"title"_s, title);
    w.put(u"due_date"_s, dueDate);
    w.put(u"status"_s, status);
    return w.result();
}

ClientDto ClientDto::fromJson(const QJsonObject &json)
{
    ClientDto x;
    const Json::Reader r(json, x.wireKeys);
    x.id = r.integer(u"id"_s);
    x.phoneNumber = r.string(u"phone_number"_s);
    x.firstName = r.optString(u"first_name"_s);
    x.lastName = r.optString(u"last_name"_s);
    x.email = r.optString(u"email"_s);
    x.company = r.optString(u"company"_s);
    x.city = r.optString(u"city"_s);
    x.country = r.optString(u"country"_s);
    x.address = r.optString(u"address"_s);
    x.avatarUrl = r.optString(u"avatar_url"_s);
    x.leadStatus = r.string(u"lead_status"_s);
    x.leadScore = r.integer(u"lead_score"_s);
    x.segment = r.optString(u"segment"_s);
    x.tags = r.strings(u"tags"_s);
    x.totalChats = r.integer(u"total_chats"_s);
    x.ltv = r.integer(u"ltv"_s);
    x.totalPurchases = r.integer(u"total_purchases"_s);
    x.lastPurchaseAt = r.time(u"last_purchase_at"_s);
    x.customFields = r.object(u"custom_fields"_s);
    x.notes = r.optString(u"notes"_s);
    x.isBlocked = r.boolean(u"is_blocked"_s);
    x.optIn = r.boolean(u"opt_in"_s);
    x.chats = r.list<ClientChatRefDto>(u"chats"_s);
    x.tasks = r.list<ClientTaskRefDto>(u"tasks"_s);
    x.lastContactAt = r.time(u"last_contact_at"_s);
    x.createdAt = r.time(u"created_at"_s);
    x.updatedAt = r.time(u"updated_at"_s);
    return x;
}

QJsonObject ClientDto::toJson() const
{
    Json::Writer w(wireKeys);
    w.put(u"id"_s, id);
    w.put(u"phone_number"_s, phoneNumber);
    w.put(u"first_name"_s, firstName);
    w.put(u"last_name"_s, lastName);
    w.put(u"email"_s, email);
    w.put(u"company"_s, company);
    w.put(u"city"_s, city);
    w.put(u"country"_s, country);
    w.put(u"address"_s, address);
    w.put(u"avatar_url"_s, avatarUrl);
    w.put(u"lead_status"_s, leadStatus);
    w.put(u"lead_score"_s, leadScore);
    w.put(u"segment"_s, segment);
    w.put(u"tags"_s, tags);
    w.put(u"total_chats"_s, totalChats);
    w.put(u"ltv"_s, ltv);
    w.put(u"total_purchases"_s, totalPurchases);
    w.put(u"last_purchase_at"_s, lastPurchaseAt);
    w.put(u"custom_fields"_s, customFields);
    w.put(u"notes"_s, notes);
    w.put(u"is_blocked"_s, isBlocked);
    w.put(u"opt_in"_s, optIn);
    w.putList(u"chats"_s, chats);
    w.putList(u"tasks"_s, tasks);
    w.put(u"last_contact_at"_s, lastContactAt);
    w.put(u"created_at"_s, createdAt);
    w.put(u"updated_at"_s, updatedAt);
    return w.result();
}

}   // namespace Conversa
