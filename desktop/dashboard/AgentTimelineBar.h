#pragma once

#include <QDateTime>
#include <QQuickPaintedItem>
#include <QVariantList>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

// One agent's day as one painted bar: each interval (DashboardAgentModel's `intervals`) a stretch
// in its status' colour, from `dayStart` to `dayStart` + 24 h, the running one up to `now`. One
// item per agent rather than one per interval keeps a wall of 200 agents cheap to redraw.
class AgentTimelineBar : public QQuickPaintedItem {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QVariantList intervals READ intervals WRITE setIntervals NOTIFY intervalsChanged)
    Q_PROPERTY(QDateTime now READ now WRITE setNow NOTIFY nowChanged)
    Q_PROPERTY(QVariantMap statusColors READ statusColors WRITE setStatusColors NOTIFY statusColorsChanged)
    Q_PROPERTY(QColor background READ background WRITE setBackground NOTIFY backgroundChanged)
public:
    explicit AgentTimelineBar(QQuickItem *parent = nullptr);

    QVariantList intervals() const { return m_intervals; }
    void setIntervals(const QVariantList &intervals);
    QDateTime now() const { return m_now; }
    void setNow(const QDateTime &now);
    QVariantMap statusColors() const { return m_colors; }
    void setStatusColors(const QVariantMap &colors);
    QColor background() const { return m_background; }
    void setBackground(const QColor &color);

    void paint(QPainter *painter) override;
    // The interval under x (for a tooltip): {status, reason, from, to}, empty when none.
    Q_INVOKABLE QVariantMap intervalAt(qreal x) const;

signals:
    void intervalsChanged();
    void nowChanged();
    void statusColorsChanged();
    void backgroundChanged();

private:
    qint64 dayStartMs() const;
    qreal xOf(qint64 ms) const;

    QVariantList m_intervals;
    QDateTime m_now;
    QVariantMap m_colors;
    QColor m_background = Qt::transparent;
};
