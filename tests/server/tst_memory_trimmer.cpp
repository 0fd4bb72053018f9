// MemoryTrimmer trims the heap only after the socket count has moved by its threshold since the
// last trim, whichever way, and not again until it moves that far once more.
#include "app/MemoryTrimmer.h"

#include <QTest>

using namespace Conversa::Server;

class tst_MemoryTrimmer : public QObject {
    Q_OBJECT

private slots:
    void trimsAfterBurstsOnly()
    {
        int sockets = 0;
        int checks = 0;   // how often the trimmer looked at the socket count
        MemoryTrimmer trimmer(
            [&] {
                ++checks;
                return sockets;
            },
            5, 100);
        // Until the trimmer has looked twice more: what a check would do has been done.
        const auto twoMoreChecks = [&checks] {
            const int until = checks + 2;
            return QTest::qWaitFor([&] { return checks >= until; }, 5000);
        };
        trimmer.start();
        QVERIFY(twoMoreChecks());
        QCOMPARE(trimmer.trims(), 0);   // nothing moved
        sockets = 99;
        QVERIFY(twoMoreChecks());
        QCOMPARE(trimmer.trims(), 0);   // under the threshold
        sockets = 150;
        QTRY_COMPARE(trimmer.trims(), 1);   // a burst of connections
        QVERIFY(twoMoreChecks());
        QCOMPARE(trimmer.trims(), 1);   // once per burst, not on every check
        sockets = 120;
        QVERIFY(twoMoreChecks());
        QCOMPARE(trimmer.trims(), 1);
        sockets = 40;
        QTRY_COMPARE(trimmer.trims(), 2);   // a burst of disconnections
    }
};

QTEST_GUILESS_MAIN(tst_MemoryTrimmer)
#include "tst_memory_trimmer.moc"
