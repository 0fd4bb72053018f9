#include "TemplateDto.h"

using namespace Qt::StringLiterals;

namespace Conversa {

MessageTemplateDto MessageTemplateDto::fromJson(const QJsonObject &json)
{
    MessageTemplateDto x;
    const Json::Reader r(json, x.wireKeys);
    x.name = r.string(u"name"_s);
    x.language = r.string(u"language"_s);
    x.category = r.string(u"category"_s);
    x.header = r.optString(u"header"_s);
    x.body = r.string(u"body"_s);
    x.footer = r.optString(u"footer"_s);
    x.variables = r.strings(u"variables"_s);
    return x;
}

QJsonObject MessageTemplateDto::toJson() const
{
    Json::Writer w(wireKeys);
    w.put(u"name"_s, name);
    w.put(u"language"_s, language);
    w.put(u"category"_s, category);
    w.put(u"header"_s, header);
    w.put(u"body"_s, body);
    w.put(u"footer"_s, footer);
    w.put(u"variables"_s, variables);
    return w.result();
}

MessageTemplateListDto MessageTemplateListDto::fromJson(const QJsonObject &json)
{
    MessageTemplateListDto x;
    const Json::Reader r(json, x.wireKeys);
    x.data = r.list<MessageTemplateDto>(u"data"_s);
    return x;
}

QJsonObject MessageTemplateListDto::toJson() const
{
    Json::Writer w(wireKeys);
    w.putList(u"data"_s, data);
    return w.result();
}

}   // namespace Conversa
