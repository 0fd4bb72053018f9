#pragma once

#include "FlowDefinition.h"

#include <QHash>
#include <QMutex>
#include <QPair>

#include <atomic>
#include <memory>

namespace Conversa::Server::BotFlow {

// Parsed flow definitions by a key that names exactly one content: (flow id, version) for a
// published version, which never changes, or (flow id, -revision) for a draft, which changes only
// by a save that gives it a new revision. So an entry is never stale; the cache is only bounded.
// Except across a restore, which brings back other content under the same keys: forgetAll().
// Thread-safe: REST modules and the bot engine serve several threads.
class DefinitionCache {
public:
    using Key = QPair<qint64, qint64>;
    static Key version(qint64 flowId, qint64 version) { return {flowId, version}; }
    static Key draft(qint64 flowId, qint64 revision) { return {flowId, -revision}; }

    std::shared_ptr<const Definition> find(const Key &key) const
    {
        QMutexLocker locked(&m_lock);
        dropIfStale();
        return m_entries.value(key);
    }
    void insert(const Key &key, std::shared_ptr<const Definition> definition)
    {
        QMutexLocker locked(&m_lock);
        dropIfStale();
        if (m_entries.size() >= kMaxEntries)
            m_entries.clear();   // rare: more live flows than entries; they load again
        m_entries.insert(key, std::move(definition));
    }

    // A restore replaced the database: every cache of the process empties on its next use.
    static void forgetAll() { s_generation.fetch_add(1); }

private:
    void dropIfStale() const
    {
        const quint64 now = s_generation.load();
        if (m_generation != now) {
            m_entries.clear();
            m_generation = now;
        }
    }

    static constexpr qsizetype kMaxEntries = 256;
    static inline std::atomic<quint64> s_generation{0};
    mutable quint64 m_generation = 0;
    mutable QMutex m_lock;
    mutable QHash<Key, std::shared_ptr<const Definition>> m_entries;
};

}   // namespace Conversa::Server::BotFlow
