#include "Metrics.h"

#include <QMutexLocker>

#include <map>

namespace Conversa::Server {

void Metrics::recordRequest(const QString &route, const QByteArray &method, int status, double seconds)
{
    const QString series = route + u'|' + QLatin1StringView(method);
    QMutexLocker lock(&m_mutex);
    ++m_requests[series + u'|' + QString::number(status)];
    Series &s = m_latency[series];
    ++s.count;
    s.sum += seconds;
    for (size_t i = 0; i < kBuckets.size(); ++i) {
        if (seconds <= kBuckets[i])
            ++s.buckets[i];
    }
}

void Metrics::setGauge(const QByteArray &name, std::function<double()> read, const QByteArray &help)
{
    QMutexLocker lock(&m_mutex);
    m_gauges.insert(name, Gauge{help, std::move(read)});
}

namespace {

// A label value as the exposition format writes it: backslash, quote and line feed escaped.
QByteArray labelValue(const QString &value)
{
    QByteArray out = value.toUtf8();
    out.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n");
    return out;
}

QByteArray labels(const QString &route, const QString &method)
{
    return "route=\"" + labelValue(route) + "\",method=\"" + labelValue(method) + '"';
}

}   // namespace

QByteArray Metrics::render() const
{
    QByteArray out;
    QMutexLocker lock(&m_mutex);
    // Sorted output keeps scrapes diffable.
    const std::map<QString, quint64> requests(m_requests.keyValueBegin(), m_requests.keyValueEnd());
    out += "# HELP conversa_http_requests_total HTTP requests by route, method and status.\n"
           "# TYPE conversa_http_requests_total counter\n";
    for (const auto &[key, count] : requests) {
        const QStringList p = key.split(u'|');
        out += "conversa_http_requests_total{" + labels(p[0], p[1]) + ",status=\"" + p[2].toUtf8() + "\"} " +
            QByteArray::number(count) + '\n';
    }
    const std::map<QString, Series> latency(m_latency.keyValueBegin(), m_latency.keyValueEnd());
    out += "# HELP conversa_http_request_duration_seconds Time from request parsed to response written.\n"
           "# TYPE conversa_http_request_duration_seconds histogram\n";
    for (const auto &[key, s] : latency) {
        const QStringList p = key.split(u'|');
        const QByteArray l = labels(p[0], p[1]);
        for (size_t i = 0; i < kBuckets.size(); ++i) {
            out += "conversa_http_request_duration_seconds_bucket{" + l + ",le=\"" + QByteArray::number(kBuckets[i]) +
                "\"} " + QByteArray::number(s.buckets[i]) + '\n';
        }
        out += "conversa_http_request_duration_seconds_bucket{" + l + ",le=\"+Inf\"} " + QByteArray::number(s.count) +
            '\n';
        out += "conversa_http_request_duration_seconds_sum{" + l + "} " + QByteArray::number(s.sum, 'g', 9) + '\n';
        out += "conversa_http_request_duration_seconds_count{" + l + "} " + QByteArray::number(s.count) + '\n';
    }
    const std::map<QByteArray, Gauge> gauges(m_gauges.keyValueBegin(), m_gauges.keyValueEnd());
    for (const auto &[name, gauge] : gauges) {
        out += "# HELP " + name + ' ' + gauge.help + "\n# TYPE " + name + " gauge\n" + name + ' ' +
            QByteArray::number(gauge.read(), 'g', 12) + '\n';
    }
    return out;
}

}   // namespace Conversa::Server
