#include "WhatsAppNumberDto.h"

using namespace Qt::StringLiterals;

namespace Conversa {

WhatsAppNumberDto WhatsAppNumberDto::fromJson(const QJsonObject &json)
{
    WhatsAppNumberDto x;
    const Json::Reader r(json, x.wireKeys);
    x.id = r.integer(u"id"_s);
    x.phoneNumber = r.string(u"phone_number"_s);
    x.displayName = r.string(u"display_name"_s);
    x.provider = r.string(u"provider"_s);
    x.status = r.string(u"status"_s);
    x.connectionStatus = r.string(u"connection_status"_s);
    x.lastConnectedAt = r.time(u"last_connected_at"_s);
    x.lastError = r.optString(u"last_error"_s);
    x.dailyMessageLimit = r.integer(u"daily_message_limit"_s);
    x.rateLimitPerMinute = r.integer(u"rate_limit_per_minute"_s);
    x.totalMessagesSent = r.integer(u"total_messages_sent"_s);
    x.totalMessagesReceived = r.integer(u"total_messages_received"_s);
    x.metaPhoneNumberId = r.optString(u"meta_phone_number_id"_s);
    x.metaBusinessAccountId = r.optString(u"meta_business_account_id"_s);
    x.wppconnectSessionName = r.optString(u"wppconnect_session_name"_s);
    x.wppconnectServerUrl = r.optString(u"wppconnect_server_url"_s);
    x.hasMetaAccessToken = r.boolean(u"has_meta_access_token"_s);
    x.hasMetaAppSecret = r.boolean(u"has_meta_app_secret"_s);
    x.hasWebhookVerifyToken = r.boolean(u"has_webhook_verify_token"_s);
    x.hasWppconnectApiKey = r.boolean(u"has_wppconnect_api_key"_s);
    x.webhookUrl = r.optString(u"webhook_url"_s);
    x.campaigns = r.list<IdNameDto>(u"campaigns"_s);
    x.createdAt = r.time(u"created_at"_s);
    x.updatedAt = r.time(u"updated_at"_s);
    return x;
}

QJsonObject WhatsAppNumberDto::toJson() const
{
    Json::Writer w(wireKeys);
    w.put(u"id"_s, id);
    w.put(u"phone_number"_s, phoneNumber);
    w.put(u"display_name"_s, displayName);
    w.put(u"provider"_s, provider);
    w.put(u"status"_s, status);
    w.put(u"connection_status"_s, connectionStatus);
    w.put(u"last_connected_at"_s, lastConnectedAt);
    w.put(u"last_error"_s, lastError);
    w.put(u"daily_message_limit"_s, dailyMessageLimit);
    w.put(u"rate_limit_per_minute"_s, rateLimitPerMinute);
    w.put(u"total_messages_sent"_s, totalMessagesSent);
    w.put(u"total_messages_received"_s, totalMessagesReceived);
    w.put(u"meta_phone_number_id"_s, metaPhoneNumberId);
    w.put(u"meta_business_account_id"_s, metaBusinessAccountId);
    w.put(u"wppconnect_session_name"_s, wppconnectSessionName);
    w.put(u"wppconnect_server_url"_s, wppconnectServerUrl);
    w.put(u"has_meta_access_token"_s, hasMetaAccessToken);
    w.put(u"has_meta_app_secret"_s, hasMetaAppSecret);
    w.put(u"has_webhook_verify_token"_s, hasWebhookVerifyToken);
    w.put(u"has_wppconnect_api_key"_s, hasWppconnectApiKey);
    w.put(u"webhook_url"_s, webhookUrl);
    w.putList(u"campaigns"_s, campaigns);
    w.put(u"created_at"_s, createdAt);
    w.put(u"updated_at"_s, updatedAt);
    return w.result();
}

}   // namespace Conversa
