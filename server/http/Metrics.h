#pragma once

#include <QByteArray>
#include <QHash>
#include <QMutex>
#include <QString>

#include <array>
#include <atomic>
#include <functional>

namespace Conversa::Server {

// Prometheus counters and a latency histogram, shared by every HTTP thread. Updates take one
// short uncontended lock; the text is rendered only when /metrics is scraped.
class Metrics {
public:
    void recordRequest(const QString &route, const QByteArray &method, int status, double seconds);
    void setGauge(const QByteArray &name, std::function<double()> read, const QByteArray &help);
    QByteArray render() const;

    static constexpr std::array<double, 12> kBuckets{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                     0.05,   0.1,   0.25,   0.5,   1.0,  2.5};

private:
    struct Series {
        quint64 count = 0;
        double sum = 0;
        std::array<quint64, kBuckets.size()> buckets{};
    };
    struct Gauge {
        QByteArray help;
        std::function<double()> read;
    };

    mutable QMutex m_mutex;
    QHash<QString, quint64> m_requests;   // "route|method|status" -> count
    QHash<QString, Series> m_latency;     // "route|method" -> histogram
    QHash<QByteArray, Gauge> m_gauges;
};

}   // namespace Conversa::Server
