#pragma once

#include "FlowDefinition.h"

#include <QHash>
#include <QMutex>
#include <QPair>

#include <memory>

namespace Conversa::Server::BotFlow {

// Parsed flow definitions by a key that names exactly one content: (flow id, version) for a
// published version, which never changes, or (flow id, -revision) for a draft, which changes only
// by a save that gives it a new revision. So an entry is never stale; the cache is only bounded.
// Thread-safe: REST modules and the bot engine serve several threads.
class DefinitionCache {
public:
    using Key = QPair<qint64, qint64>;
    static Key version(qint64 flowId, qint64 version) { return {flowId, version}; }
    static Key draft(qint64 flowId, qint64 revision) { return {flowId, -revision}; }

    std::shared_ptr<const Definition> find(const Key &key) const
    {
        QMutexLocker locked(&m_lock);
        return m_entries.value(key);
    }
    void insert(const Key &key, std::shared_ptr<const Definition> definition)
    {
        QMutexLocker locked(&m_lock);
        if (m_entries.size() >= kMaxEntries)
            m_entries.clear();   // rare: more live flows than entries; they load again
        m_entries.insert(key, std::move(definition));
    }

private:
    static constexpr qsizetype kMaxEntries = 256;
    mutable QMutex m_lock;
    QHash<Key, std::shared_ptr<const Definition>> m_entries;
};

}   // namespace Conversa::Server::BotFlow
