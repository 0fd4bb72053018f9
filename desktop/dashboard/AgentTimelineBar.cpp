#include "AgentTimelineBar.h"

#include <QPainter>

using namespace Qt::StringLiterals;

namespace {
constexpr qint64 kDayMs = 24 * 3600 * 1000;
}

AgentTimelineBar::AgentTimelineBar(QQuickItem *parent) : QQuickPaintedItem(parent) {}

void AgentTimelineBar::setIntervals(const QVariantList &intervals)
{
    if (m_intervals == intervals)
        return;
    m_intervals = intervals;
    emit intervalsChanged();
    update();
}

void AgentTimelineBar::setNow(const QDateTime &now)
{
    if (m_now == now)
        return;
    m_now = now;
    emit nowChanged();
    update();
}

void AgentTimelineBar::setStatusColors(const QVariantMap &colors)
{
    if (m_colors == colors)
        return;
    m_colors = colors;
    emit statusColorsChanged();
    update();
}

void AgentTimelineBar::setBackground(const QColor &color)
{
    if (m_background == color)
        return;
    m_background = color;
    emit backgroundChanged();
    update();
}

void AgentTimelineBar::paint(QPainter *painter)
{
    painter->fillRect(boundingRect(), m_background);
    const qint64 nowMs = m_now.isValid() ? m_now.toMSecsSinceEpoch() : QDateTime::currentMSecsSinceEpoch();
    for (const QVariant &v : m_intervals) {
        const QVariantMap i = v.toMap();
        const qint64 to = i.value(u"to"_s).toLongLong();
        const qreal x0 = xOf(i.value(u"from"_s).toLongLong());
        const qreal x1 = xOf(to == 0 ? nowMs : to);
        if (x1 <= x0)
            continue;
        painter->fillRect(QRectF(x0, 0, x1 - x0, height()),
                          m_colors.value(i.value(u"status"_s).toString()).value<QColor>());
    }
}

QVariantMap AgentTimelineBar::intervalAt(qreal x) const
{
    const qint64 nowMs = m_now.isValid() ? m_now.toMSecsSinceEpoch() : QDateTime::currentMSecsSinceEpoch();
    for (const QVariant &v : m_intervals) {
        const QVariantMap i = v.toMap();
        const qint64 to = i.value(u"to"_s).toLongLong();
        if (x >= xOf(i.value(u"from"_s).toLongLong()) && x < xOf(to == 0 ? nowMs : to))
            return i;
    }
    return {};
}

qint64 AgentTimelineBar::dayStartMs() const
{
    const QDateTime now = m_now.isValid() ? m_now.toUTC() : QDateTime::currentDateTimeUtc();
    return QDateTime(now.date(), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
}

qreal AgentTimelineBar::xOf(qint64 ms) const
{
    const qint64 clipped = std::clamp(ms - dayStartMs(), qint64(0), kDayMs);
    return width() * qreal(clipped) / qreal(kDayMs);
}
