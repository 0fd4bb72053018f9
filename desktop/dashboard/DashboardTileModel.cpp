#include "DashboardTileModel.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

struct TileSpec {
    const char16_t *key;
    const char16_t *kind;
    bool higherIsWorse;
};

// The order the page shows them in.
constexpr TileSpec kTiles[] = {
    {u"waiting", u"count", true},
    {u"longest_wait", u"seconds", true},
    {u"in_bot", u"count", true},
    {u"active", u"count", true},
    {u"avg_wait", u"seconds", true},
    {u"avg_first_response", u"seconds", true},
    {u"sla_first_response", u"percent", false},
    {u"sla_resolution", u"percent", false},
    {u"sla_at_risk", u"count", true},
    {u"sla_breached", u"count", true},
    {u"agents_available", u"count", false},
    {u"agents_busy", u"count", true},
    {u"agents_paused", u"count", true},
    {u"agents_offline", u"count", true},
    {u"closed_today", u"count", false},
    {u"abandoned_today", u"count", true},
    {u"received_last_hour", u"count", true},
    {u"sent_last_hour", u"count", false},
};

QVariant number(const QVariant &v)
{
    bool ok = false;
    const double d = v.toDouble(&ok);
    return ok && v.isValid() && !v.isNull() && d == d ? QVariant(d) : QVariant();
}

template <class T>
QVariant optional(const std::optional<T> &v)
{
    return v ? QVariant::fromValue(*v) : QVariant();
}

}   // namespace

DashboardTileModel::DashboardTileModel(QObject *parent) : QAbstractListModel(parent)
{
    for (const TileSpec &spec : kTiles)
        m_tiles.append({QString::fromUtf16(spec.key), QString::fromUtf16(spec.kind), spec.higherIsWorse});
}

int DashboardTileModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_tiles.size());
}

QVariant DashboardTileModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Tile &t = m_tiles.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case KeyRole: return t.key;
    case ValueRole: return t.value;
    case KindRole: return t.kind;
    case SampleRole: return t.sample;
    case LevelRole: return t.level;
    case AmberRole: return t.amber;
    case RedRole: return t.red;
    case HigherIsWorseRole: return t.higherIsWorse;
    default: return {};
    }
}

QHash<int, QByteArray> DashboardTileModel::roleNames() const
{
    return {{KeyRole, "key"},     {ValueRole, "value"}, {KindRole, "kind"}, {SampleRole, "sample"},
            {LevelRole, "level"}, {AmberRole, "amber"}, {RedRole, "red"},   {HigherIsWorseRole, "higherIsWorse"}};
}

void DashboardTileModel::setSettings(QSettings *settings, const QString &prefix)
{
    m_settings = settings;
    m_prefix = prefix;
    for (int row = 0; row < m_tiles.size(); ++row) {
        Tile &t = m_tiles[row];
        t.amber = settings ? number(settings->value(m_prefix + t.key + u"/amber"_s)) : QVariant();
        t.red = settings ? number(settings->value(m_prefix + t.key + u"/red"_s)) : QVariant();
        t.level = levelOf(t);
    }
    if (!m_tiles.isEmpty())
        emit dataChanged(index(0), index(int(m_tiles.size()) - 1), {AmberRole, RedRole, LevelRole});
}

void DashboardTileModel::setLive(const Conversa::LiveAnalyticsDto &live)
{
    std::optional<qint64> longest;
    for (const Conversa::LiveQueueDto &q : live.queues) {
        if (q.oldestWaitingSeconds)
            longest = std::max(longest.value_or(0), *q.oldestWaitingSeconds);
    }
    update(rowOf(u"waiting"_s), live.chats.queued);
    update(rowOf(u"longest_wait"_s), optional(longest));
    update(rowOf(u"in_bot"_s), live.chats.inBot);
    update(rowOf(u"active"_s), live.chats.active);
    // Averages and shares with the number of chats they stand on.
    update(rowOf(u"avg_wait"_s), optional(live.chats.avgWaitTimeSeconds), live.chats.waitTimeSample);
    update(rowOf(u"avg_first_response"_s), optional(live.chats.avgFirstResponseTimeSeconds),
           live.chats.firstResponseSample);
    update(rowOf(u"sla_first_response"_s), optional(live.sla.firstResponseCompliance), live.sla.firstResponseSample);
    update(rowOf(u"sla_resolution"_s), optional(live.sla.resolutionCompliance), live.sla.resolutionSample);
    update(rowOf(u"sla_at_risk"_s), live.sla.atRisk);
    update(rowOf(u"sla_breached"_s), live.sla.breached);
    update(rowOf(u"agents_available"_s), live.agents.available, live.agents.total);
    update(rowOf(u"agents_busy"_s), live.agents.busy, live.agents.total);
    update(rowOf(u"agents_paused"_s), live.agents.paused, live.agents.total);
    update(rowOf(u"agents_offline"_s), live.agents.offline, live.agents.total);
    update(rowOf(u"closed_today"_s), live.chats.closedToday);
    update(rowOf(u"abandoned_today"_s), live.chats.abandonedToday);
    update(rowOf(u"received_last_hour"_s), live.messages.receivedLastHour);
    update(rowOf(u"sent_last_hour"_s), live.messages.sentLastHour);
}

int DashboardTileModel::rowOf(const QString &key) const
{
    for (int row = 0; row < m_tiles.size(); ++row) {
        if (m_tiles.at(row).key == key)
            return row;
    }
    return -1;
}

QVariant DashboardTileModel::value(const QString &key) const
{
    const int row = rowOf(key);
    return row < 0 ? QVariant() : m_tiles.at(row).value;
}

QString DashboardTileModel::level(const QString &key) const
{
    const int row = rowOf(key);
    return row < 0 ? QString() : m_tiles.at(row).level;
}

void DashboardTileModel::setThresholds(const QString &key, const QVariant &amber, const QVariant &red)
{
    const int row = rowOf(key);
    if (row < 0)
        return;
    Tile &t = m_tiles[row];
    t.amber = number(amber);
    t.red = number(red);
    if (m_settings) {
        for (const auto &[name, v] : {std::pair{u"/amber"_s, t.amber}, std::pair{u"/red"_s, t.red}}) {
            if (v.isValid())
                m_settings->setValue(m_prefix + key + name, v);
            else
                m_settings->remove(m_prefix + key + name);
        }
    }
    const QString before = t.level;
    t.level = levelOf(t);
    emit dataChanged(index(row), index(row), {AmberRole, RedRole, LevelRole});
    if (t.level == u"red" && before != u"red")
        emit turnedRed(key);
}

QString DashboardTileModel::levelOf(const Tile &tile) const
{
    if (!tile.value.isValid() || tile.value.isNull())
        return u"normal"_s;
    const double v = tile.value.toDouble();
    const auto crosses = [&](const QVariant &limit) {
        return limit.isValid() && (tile.higherIsWorse ? v >= limit.toDouble() : v <= limit.toDouble());
    };
    if (crosses(tile.red))
        return u"red"_s;
    if (crosses(tile.amber))
        return u"amber"_s;
    return u"normal"_s;
}

void DashboardTileModel::update(int row, const QVariant &value, qint64 sample)
{
    if (row < 0)
        return;
    Tile &t = m_tiles[row];
    const QVariant v = number(value);
    if (v == t.value && sample == t.sample)
        return;
    t.value = v;
    t.sample = sample;
    const QString before = t.level;
    t.level = levelOf(t);
    emit dataChanged(index(row), index(row), {ValueRole, SampleRole, LevelRole});
    if (t.level == u"red" && before != u"red")
        emit turnedRed(t.key);
}
