#pragma once

#include <QObject>
#include <QString>

#include <functional>

// The refresh token of a remembered login, in the OS keychain (Secret Service, KWallet, macOS
// Keychain, Windows Credential Store) through QtKeychain. Never on disk in clear: when no keychain
// answers (no D-Bus session, locked or missing daemon) the calls fail with QtKeychain's error
// text, and the session falls back to not remembering.
class TokenStore : public QObject {
    Q_OBJECT
public:
    explicit TokenStore(const QString &service, QObject *parent = nullptr) : QObject(parent), m_service(service) {}

    using Done = std::function<void(bool ok, const QString &error)>;
    void save(const QString &key, const QByteArray &secret, Done done);
    void load(const QString &key, std::function<void(bool ok, const QByteArray &secret, const QString &error)> done);
    void remove(const QString &key, Done done = {});

private:
    QString m_service;
};
