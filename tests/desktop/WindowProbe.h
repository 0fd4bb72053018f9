#pragma once

// What the tests driving the app's real window share: finding an item by objectName in the visual
// tree, and saving a frame as a CI artifact.
#include "AppContext.h"

#include <QDir>
#include <QImage>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QSet>
#include <QTest>

#include <cstdio>
#include <memory>

// The app's main window over `app`, loaded as main.cpp loads it (the static modules under qrc:/).
inline std::unique_ptr<QQmlApplicationEngine> loadMainWindow(AppContext *app)
{
    auto engine = std::make_unique<QQmlApplicationEngine>();
    engine->addImportPath(QStringLiteral("qrc:/"));
    engine->setInitialProperties({{QStringLiteral("app"), QVariant::fromValue(app)}});
    engine->load(QUrl(QStringLiteral("qrc:/Conversa/App/Main.qml")));
    return engine;
}

// By the visual tree: what a Repeater or a ListView makes has no QObject parent to find.
inline QQuickItem *findItem(QQuickItem *from, const QString &name)
{
    if (from->objectName() == name)
        return from;
    for (QQuickItem *child : from->childItems()) {
        if (QQuickItem *found = findItem(child, name))
            return found;
    }
    return nullptr;
}

// A user's click on `item` (named `name` in a failure): the mouse where it shows, or Space on its
// focus when it lies below the fold of a scrolled form, as a user may.
inline void clickItem(QQuickWindow *window, QQuickItem *item, const QString &name)
{
    QVERIFY2(item && item->isVisible(), qPrintable(name));
    const QPoint centre = item->mapToScene(QPointF(item->width() / 2, item->height() / 2)).toPoint();
    if (QRect(QPoint(), window->size()).contains(centre)) {
        QTest::mouseClick(window, Qt::LeftButton, {}, centre);
    } else {
        item->forceActiveFocus();
        QTest::keyClick(window, Qt::Key_Space);
    }
}

// Types `text` into the field `item` (named `name` in a failure), replacing what it held, key by key.
inline void typeInto(QQuickWindow *window, QQuickItem *item, const QString &name, const QString &text)
{
    QVERIFY2(item, qPrintable(name));
    item->forceActiveFocus();
    QMetaObject::invokeMethod(item, "selectAll");
    for (const QChar c : text)   // QTest::keyClicks takes only widgets here (Qt 6.4)
        QTest::keyClick(window, c.toLatin1());
    QCOMPARE(item->property("text").toString(), text);
}

// Grabs a frame of `window` after the last change and saves it as <dir>/<fileName>.png, printing
// the path into the test's output; false and *why on a frame that is empty or blank (a page has
// text, fields and colours) or cannot be saved.
inline bool saveScreenshot(QQuickWindow *window, const QString &dir, const QString &fileName, QString *why)
{
    QTest::qWait(150);
    const QImage image = window->grabWindow();
    if (image.isNull()) {
        *why = QStringLiteral("no frame");
        return false;
    }
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 7) {
        for (int x = 0; x < image.width(); x += 7)
            colours.insert(image.pixel(x, y));
    }
    if (colours.size() <= 8) {
        *why = QStringLiteral("a blank frame: %1 colours").arg(colours.size());
        return false;
    }
    const QString path = dir + QLatin1Char('/') + fileName + QStringLiteral(".png");
    if (!QDir().mkpath(dir) || !image.save(path)) {
        *why = QStringLiteral("cannot save ") + path;
        return false;
    }
    std::printf("screenshot: %s\n", qPrintable(path));
    return true;
}
