#include "MessageTallyStore.h"

#include "Database.h"

namespace Conversa::Server {

Result<qint64> MessageTallyStore::fold(int batch)
{
    if (m_db.dialect() != SqlDialect::Postgres)
        return qint64(0);
    // Each INSERT sums its keys once and takes them in key order, so two folds never wait on
    // each other in opposite orders.
    return queryInteger(
        m_db,
        QStringLiteral("WITH moved AS (DELETE FROM message_tally_log WHERE id IN "
                       "(SELECT id FROM message_tally_log ORDER BY id LIMIT ?) "
                       "RETURNING whatsapp_number_id, quarter, direction, status, delay_seconds, delta), "
                       "counts AS (INSERT INTO message_tallies (whatsapp_number_id, quarter, direction, status, n) "
                       "SELECT whatsapp_number_id, quarter, direction, status, SUM(delta) FROM moved "
                       "GROUP BY whatsapp_number_id, quarter, direction, status "
                       "ORDER BY whatsapp_number_id, quarter, direction, status "
                       "ON CONFLICT (whatsapp_number_id, quarter, direction, status) "
                       "DO UPDATE SET n = message_tallies.n + excluded.n RETURNING 1), "
                       "delays AS (INSERT INTO message_delay_tallies (whatsapp_number_id, quarter, seconds, n) "
                       "SELECT whatsapp_number_id, quarter, delay_seconds, SUM(delta) FROM moved "
                       "WHERE delay_seconds IS NOT NULL GROUP BY whatsapp_number_id, quarter, delay_seconds "
                       "ORDER BY whatsapp_number_id, quarter, delay_seconds "
                       "ON CONFLICT (whatsapp_number_id, quarter, seconds) "
                       "DO UPDATE SET n = message_delay_tallies.n + excluded.n RETURNING 1) "
                       "SELECT COUNT(*) FROM moved"),
        {batch});
}

Result<qint64> MessageTallyStore::foldAll(int batch)
{
    qint64 total = 0;
    for (;;) {
        const Result<qint64> moved = fold(batch);
        if (!moved)
            return moved.error();
        total += *moved;
        if (*moved < batch)
            return total;
    }
}

}   // namespace Conversa::Server
