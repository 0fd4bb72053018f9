#pragma once

#include "WhatsAppProvider.h"

#include <QStringList>

#include <memory>
#include <vector>

namespace Conversa::Server {

// The WhatsApp providers the server speaks, by name (whatsapp_numbers.provider). A registry is
// immutable once built and cheap to copy (the providers are shared), so every thread may use it.
class ProviderRegistry {
public:
    // Every provider compiled in (ProviderRegistry.cpp lists them).
    ProviderRegistry();

    // The built-in providers, for code that is not handed a registry.
    static const ProviderRegistry &builtIn();

    QStringList names() const;   // in registration order
    // nullptr when no provider has this name.
    const WhatsAppProvider *find(const QString &name) const;
    QList<const WhatsAppProvider *> all() const;
    // The providers that have (or lack) a capability, by name (for SQL filters).
    QStringList namesWith(bool ProviderCapabilities::*capability) const;

private:
    template <typename Provider>
    void add()
    {
        m_providers.push_back(std::make_shared<const Provider>());
    }

    std::vector<std::shared_ptr<const WhatsAppProvider>> m_providers;
};

}   // namespace Conversa::Server
