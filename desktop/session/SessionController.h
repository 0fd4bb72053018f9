#pragma once

#include "TokenStore.h"

#include <Conversa/dto/AuthDto.h>
#include <Conversa/dto/UserDto.h>

#include <QObject>
#include <QStringList>
#include <QtQml/qqmlregistration.h>

class AppContext;

// Sign-in and the signed-in user: login with an optional second factor (TOTP or backup code),
// "remember me" (the refresh token in the OS keychain, see TokenStore), auto-login from it,
// logout, change of password, turning 2FA on, and the agent's own status. The API client refreshes
// the access token itself (on a 401); this keeps the keychain's refresh token the newest one
// (tokensChanged) and goes back to the login page when the refresh is refused (sessionExpired).
// A user whose role requires 2FA they have not turned on is held at TwoFactorSetupRequired (the
// server refuses them everything else, the socket included) until they turn it on, then signed in.
// The socket is opened on sign-in and closed on sign-out.
class SessionController : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by AppContext")
    Q_PROPERTY(Stage stage READ stage NOTIFY stageChanged)
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
    Q_PROPERTY(QString errorMessage READ errorMessage NOTIFY errorMessageChanged)
    Q_PROPERTY(QString notice READ notice NOTIFY noticeChanged)
    Q_PROPERTY(QString serverUrl READ serverUrl NOTIFY settingsChanged)
    Q_PROPERTY(QString email READ email NOTIFY settingsChanged)
    Q_PROPERTY(bool rememberMe READ rememberMe NOTIFY settingsChanged)
    Q_PROPERTY(bool remembered READ remembered NOTIFY rememberedChanged)
    Q_PROPERTY(qint64 userId READ userId NOTIFY userChanged)
    Q_PROPERTY(QString userName READ userName NOTIFY userChanged)
    Q_PROPERTY(QString role READ role NOTIFY userChanged)
    Q_PROPERTY(bool isSupervisor READ isSupervisor NOTIFY userChanged)
    Q_PROPERTY(QString roleText READ roleText NOTIFY userChanged)   // the role's name in the UI's language
    Q_PROPERTY(QStringList permissions READ permissions NOTIFY userChanged)   // "bot_flows.read", …
    Q_PROPERTY(bool twoFactorEnabled READ twoFactorEnabled NOTIFY userChanged)
    Q_PROPERTY(QString agentStatus READ agentStatus NOTIFY userChanged)
    Q_PROPERTY(QString agentStatusReason READ agentStatusReason NOTIFY userChanged)
    Q_PROPERTY(QString twoFactorQrCode READ twoFactorQrCode NOTIFY twoFactorSetupChanged)
    Q_PROPERTY(QString twoFactorSecret READ twoFactorSecret NOTIFY twoFactorSetupChanged)
    Q_PROPERTY(QStringList twoFactorBackupCodes READ twoFactorBackupCodes NOTIFY twoFactorSetupChanged)
public:
    enum Stage { SignedOut, TwoFactorRequired, SignedIn, TwoFactorSetupRequired };
    Q_ENUM(Stage)

    explicit SessionController(AppContext &app, QObject *parent = nullptr);

    Stage stage() const { return m_stage; }
    bool busy() const { return m_busy > 0; }
    QString errorMessage() const { return m_error; }
    QString notice() const { return m_notice; }
    QString serverUrl() const;
    QString email() const;
    bool rememberMe() const;
    bool remembered() const { return m_remembered; }
    QString keychainKey() const;   // where the keychain keeps this login's refresh token
    qint64 userId() const { return m_user.id; }
    QString userName() const { return QString(m_user.firstName + u' ' + m_user.lastName).trimmed(); }
    QString role() const { return m_user.role.name; }
    QString roleText() const;
    bool isSupervisor() const { return role() == QStringLiteral("supervisor") || role() == QStringLiteral("admin"); }
    QStringList permissions() const { return m_user.permissions; }
    bool twoFactorEnabled() const { return m_user.twoFactorEnabled; }
    QString agentStatus() const { return m_user.agentStatus; }
    QString agentStatusReason() const { return m_user.agentStatusReason.value_or(QString()); }
    QString twoFactorQrCode() const { return m_setup.qrCode; }
    QString twoFactorSecret() const { return m_setup.secret; }
    QStringList twoFactorBackupCodes() const { return m_setup.backupCodes; }
    QByteArray accessToken() const;

    Q_INVOKABLE void login(const QString &serverUrl, const QString &email, const QString &password, bool rememberMe);
    Q_INVOKABLE void verifyTwoFactor(const QString &code);   // TOTP or backup code
    Q_INVOKABLE void cancelTwoFactor();
    Q_INVOKABLE bool tryAutoLogin();   // false when nothing is remembered
    Q_INVOKABLE void logout();
    Q_INVOKABLE void changePassword(const QString &current, const QString &next);
    Q_INVOKABLE void beginTwoFactorSetup(const QString &password);
    Q_INVOKABLE void confirmTwoFactorSetup(const QString &code);
    Q_INVOKABLE void setAgentStatus(const QString &status, const QString &reason = {});
    Q_INVOKABLE void clearError() { setError({}); }
    void refreshNow();   // on a refused socket CONNECT
    // A restore of a backup ends every login (docs/BACKUPS.md). While it runs, a refused refresh or
    // socket is not taken for the end of this session; endRestore() then carries on with the login
    // the restore's answer holds (true), or signs out with why (false). An empty answer: the restore
    // failed and changed nothing.
    void beginRestore();
    bool endRestore(const QJsonObject &answer);

signals:
    void stageChanged();
    void busyChanged();
    void errorMessageChanged();
    void noticeChanged();
    void settingsChanged();
    void rememberedChanged();
    void userChanged();
    void twoFactorSetupChanged();
    void signedIn();
    void signedOut();
    void autoLoginFinished(bool signedIn);
    void passwordChanged();
    void twoFactorEnabledNow();

private:
    // Signed in: a login, 2FA or auto-login; `setupRequired` as the login answer says (or the profile).
    void accept(const std::optional<Conversa::UserDto> &user, bool setupRequired = false);
    void enter();
    void onTokens(const QByteArray &refreshToken);
    void onSessionExpired();
    void remember(const QByteArray &refreshToken);
    void forget();
    void signOutLocally();
    void setStage(Stage stage);
    void setError(const QString &error);
    void setNotice(const QString &notice);
    void setBusy(bool busy);

    AppContext &m_app;
    TokenStore m_tokens;
    Stage m_stage = SignedOut;
    int m_busy = 0;
    QString m_error;
    QString m_notice;
    bool m_remembered = false;
    bool m_autoLogin = false;         // an auto-login waits for the profile
    bool m_pendingRemember = false;   // keep the refresh tokens of this login in the keychain
    QString m_twoFactorToken;
    Conversa::UserDto m_user;
    Conversa::TwoFactorSetupDto m_setup;
    qint64 m_lastSocketRefresh = 0;
    int m_forgetGeneration = 0;   // keychain writes that finish after a forget() are undone
    bool m_restoring = false;
    bool m_expiredDuringRestore = false;
};
