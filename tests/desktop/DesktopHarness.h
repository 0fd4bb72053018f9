#pragma once

// What the desktop tests share: an AppContext (the app's real controllers) with its own settings
// file and keychain service, so that tests never touch the user's.
#include "AppContext.h"
#include "SessionController.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <memory>

inline std::unique_ptr<AppContext> makeContext(const QString &settingsFile, const QString &service)
{
    AppContext::Options options;
    options.settingsFile = settingsFile;
    options.keychainService = service;
    options.probeIntervalMs = 200;
    return std::make_unique<AppContext>(options);
}

inline QString uniqueService()
{
    return QStringLiteral("conversa-test-") + QUuid::createUuid().toString(QUuid::Id128);
}

// Signs in through the controller; true once SignedIn and the socket is connected.
inline bool signIn(AppContext &ctx, const QUrl &server, const QString &email, const QString &password,
                   bool remember = false)
{
    ctx.session()->login(server.toString(), email, password, remember);
    if (!QTest::qWaitFor([&] { return ctx.session()->stage() == SessionController::SignedIn; }, 10000))
        return false;
    return QTest::qWaitFor([&] { return ctx.socket().state() == Conversa::SocketIoClient::State::Connected; }, 10000);
}
