#include "ProviderRegistry.h"

#include "meta/MetaCloudProvider.h"
#include "wppconnect/WppConnectProvider.h"

namespace Conversa::Server {

ProviderRegistry::ProviderRegistry()
{
    // One line per provider.
    add<MetaCloudProvider>();
    add<WppConnectProvider>();
}

const ProviderRegistry &ProviderRegistry::builtIn()
{
    static const ProviderRegistry registry;
    return registry;
}

QStringList ProviderRegistry::names() const
{
    QStringList names;
    for (const auto &p : m_providers)
        names.append(p->name());
    return names;
}

const WhatsAppProvider *ProviderRegistry::find(const QString &name) const
{
    for (const auto &p : m_providers) {
        if (p->name() == name)
            return p.get();
    }
    return nullptr;
}

QList<const WhatsAppProvider *> ProviderRegistry::all() const
{
    QList<const WhatsAppProvider *> list;
    for (const auto &p : m_providers)
        list.append(p.get());
    return list;
}

QStringList ProviderRegistry::namesWith(bool ProviderCapabilities::*capability) const
{
    QStringList names;
    for (const auto &p : m_providers) {
        if (p->capabilities().*capability)
            names.append(p->name());
    }
    return names;
}

}   // namespace Conversa::Server
