#pragma once

#include <Conversa/dto/LiveAnalyticsDto.h>

#include <QAbstractListModel>
#include <QPointer>
#include <QSettings>
#include <QtQml/qqmlregistration.h>

// The dashboard's figures (docs/REPORTS.md, live dashboard), one row per tile in a fixed order,
// refreshed from each GET /v1/analytics/live answer or `analytics.update` event; only the tiles
// whose value changed get a dataChanged. Each tile may have an amber and a red threshold, kept per
// user in the app's settings; crossing them sets `level`. The tiles' titles are the page's (qsTr),
// keyed by `key`.
class DashboardTileModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by DashboardController")
public:
    enum Role {
        KeyRole = Qt::UserRole + 1,   // "waiting", "longest_wait", … (kTiles in the .cpp)
        ValueRole,                    // a number, or null when there is nothing to measure
        KindRole,                     // "count", "seconds" or "percent": how to show the value
        SampleRole,                   // the count the value stands on; -1 when the server gives none
        LevelRole,                    // "normal", "amber" or "red"
        AmberRole,                    // the thresholds, null when not set
        RedRole,
        HigherIsWorseRole,   // true: a value at or above a threshold crosses it; false: at or below
    };
    Q_ENUM(Role)

    explicit DashboardTileModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Where the thresholds are kept (`prefix` names the user), and reads them.
    void setSettings(QSettings *settings, const QString &prefix);
    void setLive(const Conversa::LiveAnalyticsDto &live);

    int rowOf(const QString &key) const;
    QVariant value(const QString &key) const;
    QString level(const QString &key) const;
    // A null or non-numeric amber or red clears that threshold.
    Q_INVOKABLE void setThresholds(const QString &key, const QVariant &amber, const QVariant &red);

signals:
    void turnedRed(const QString &key);   // a tile's level became red

private:
    struct Tile {
        QString key;
        QString kind;
        bool higherIsWorse = true;
        QVariant value;
        qint64 sample = -1;
        QVariant amber;
        QVariant red;
        QString level = QStringLiteral("normal");
    };
    QString levelOf(const Tile &tile) const;
    void update(int row, const QVariant &value, qint64 sample = -1);

    QList<Tile> m_tiles;
    QPointer<QSettings> m_settings;
    QString m_prefix;
};
