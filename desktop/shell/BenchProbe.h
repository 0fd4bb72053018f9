#pragma once

#include <QJsonObject>
#include <QList>
#include <QMutex>
#include <QObject>
#include <QTimer>

#include <memory>

class QAbstractItemModel;
class QFile;
class QQuickItem;
class QQuickWindow;

// What bench/run-desktop measures, seen from inside the app (only created when --bench-report is
// given). It observes public things only, by the names QML uses: the window's frames, AppContext's
// session/inbox/conversation properties, the models' signals and role names, and the QML items by
// objectName. It appends one JSON object per line to the report:
//   interactive  the first frame swapped after the inbox model holds its first page
//   painted      the first frame swapped after a new message's row exists in the open conversation
//                ("open"), or after a chat's row moved to the top of the inbox ("inbox")
//   scrolled     every page of the open chat loaded by scrolling its ListView up, with VmRSS
// Times are wall-clock microseconds since the epoch (CLOCK_REALTIME), comparable with the bench's.
class BenchProbe : public QObject {
    Q_OBJECT
public:
    struct Options {
        QString reportFile;
        qint64 mainStartedUs = 0;   // when main() began
        qint64 openChatId = 0;      // opened once the inbox is interactive
        bool scrollToOldest = false;
    };
    // `app` is the AppContext handed to QML.
    BenchProbe(QObject &app, QQuickWindow &window, const Options &options, QObject *parent = nullptr);
    ~BenchProbe() override;

    static qint64 nowUs();

private slots:
    void checkInteractive();
    void checkChatLoaded();

private:
    // A state change waiting for the frame that shows it: stamped when that frame is swapped.
    struct Pending {
        QJsonObject event;
        qint64 changedUs = 0;
        qint64 swappedUs = 0;
    };
    void expectFrame(const QJsonObject &event);
    void afterSynchronizing();   // render thread, GUI thread blocked: what this frame shows
    void frameSwapped();         // render thread: stamp it
    void flushSwapped();         // GUI thread: write them
    void onInteractive();
    void watchNewRows();
    void scrollStep();
    void finishScroll();
    void notifyOn(QObject *object, const char *property, const char *slot);
    void write(QJsonObject event);
    QObject *child(const char *property) const;
    QAbstractItemModel *model(const char *owner, const char *property) const;
    static QVariant data(const QAbstractItemModel *model, int row, const QByteArray &roleName);
    static qint64 statusKb(const char *field);

    QObject &m_app;
    QQuickWindow &m_window;
    Options m_options;
    std::unique_ptr<QFile> m_report;
    QMutex m_mutex;             // guards the three lists below
    QList<Pending> m_pending;   // changed, not yet synchronized into a frame
    QList<Pending> m_inFrame;   // synchronized into the frame being rendered
    QList<Pending> m_swapped;   // on screen, not yet written
    qint64 m_signedInUs = 0;
    bool m_interactive = false;
    bool m_chatLoaded = false;
    bool m_scrolling = false;
    QTimer m_scroll;
    qint64 m_scrollStartUs = 0;
    int m_scrollSteps = 0;
    int m_scrollNudges = 0;
    int m_lastCount = 0;
    qint64 m_lastGrowthUs = 0;
};
