#include "SessionController.h"

#include "AppContext.h"

#include <QDateTime>
#include <QJsonArray>
#include <QLoggingCategory>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcSession, "conversa.desktop.session")

SessionController::SessionController(AppContext &app, QObject *parent)
    : QObject(parent), m_app(app), m_tokens(app.options().keychainService)
{
    m_refreshTimer.setSingleShot(true);
    connect(&m_refreshTimer, &QTimer::timeout, this, &SessionController::refreshNow);
    // A refused CONNECT means the access token is no longer good: refresh it, which reopens.
    connect(&m_app.socket(), &Conversa::SocketIoClient::connectError, this, [this](const QString &message) {
        qCInfo(lcSession) << "socket refused:" << message;
        // At most once a minute, so that a server refusing fresh tokens too is not hammered.
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        if (m_stage == SignedIn && now - m_lastSocketRefresh > 60000) {
            m_lastSocketRefresh = now;
            refreshNow();
        }
    });
    if (!serverUrl().isEmpty())
        m_app.api().setBaseUrl(QUrl(serverUrl()));
}

QString SessionController::serverUrl() const { return m_app.settings().value(u"session/server_url"_s).toString(); }
QString SessionController::email() const { return m_app.settings().value(u"session/email"_s).toString(); }
bool SessionController::rememberMe() const { return m_app.settings().value(u"session/remember"_s).toBool(); }

QString SessionController::userName() const
{
    return QString(m_user.value(u"first_name"_s).toString() + u' ' + m_user.value(u"last_name"_s).toString()).trimmed();
}

QString SessionController::role() const
{
    return m_user.value(u"role"_s).toObject().value(u"name"_s).toString();
}

QStringList SessionController::twoFactorBackupCodes() const
{
    QStringList codes;
    for (const QJsonValue &c : m_setup.value(u"backup_codes"_s).toArray())
        codes.append(c.toString());
    return codes;
}

QString SessionController::keychainKey() const
{
    return u"refresh-token:%1@%2"_s.arg(email(), serverUrl());
}

void SessionController::login(const QString &serverUrl, const QString &email, const QString &password, bool rememberMe)
{
    const QUrl url = QUrl::fromUserInput(serverUrl.trimmed());
    if (!url.isValid() || url.host().isEmpty() || !url.scheme().startsWith(u"http"_s)) {
        setError(tr("Enter the server's address, for example https://conversa.example.com"));
        return;
    }
    if (email.trimmed().isEmpty() || password.isEmpty()) {
        setError(tr("Enter your email and password."));
        return;
    }
    QUrl base = url;
    base.setPath(QString());
    m_app.settings().setValue(u"session/server_url"_s, base.toString());
    m_app.settings().setValue(u"session/email"_s, email.trimmed());
    emit settingsChanged();
    m_app.api().setBaseUrl(base);
    m_app.api().setAccessToken({});
    m_pendingRemember = rememberMe;
    setError({});
    setBusy(true);
    m_app.request("POST", u"/v1/auth/login"_s, {{u"email"_s, email.trimmed()}, {u"password"_s, password}}, this,
                  [this](const Conversa::ApiResponse &r) {
                      setBusy(false);
                      if (r.status != 200) {
                          setError(AppContext::errorText(r));
                          return;
                      }
                      const QJsonObject body = r.object();
                      if (body.value(u"two_factor_required"_s).toBool()) {
                          m_twoFactorToken = body.value(u"two_factor_token"_s).toString();
                          setStage(TwoFactorRequired);
                          return;
                      }
                      accept(body, m_pendingRemember);
                  });
}

void SessionController::verifyTwoFactor(const QString &code)
{
    if (m_stage != TwoFactorRequired)
        return;
    if (code.trimmed().isEmpty()) {
        setError(tr("Enter the code from your authenticator app or a backup code."));
        return;
    }
    setError({});
    setBusy(true);
    m_app.request("POST", u"/v1/auth/2fa/verify"_s,
                  {{u"two_factor_token"_s, m_twoFactorToken}, {u"code"_s, code.trimmed()}}, this,
                  [this](const Conversa::ApiResponse &r) {
                      setBusy(false);
                      if (r.status == 200) {
                          m_twoFactorToken.clear();
                          accept(r.object(), m_pendingRemember);
                      } else if (r.status == 401) {
                          // The second-step token died (expired, used, or too many wrong codes).
                          m_twoFactorToken.clear();
                          setStage(SignedOut);
                          setError(tr("The verification expired. Sign in again."));
                      } else {
                          setError(AppContext::errorText(r));
                      }
                  });
}

void SessionController::cancelTwoFactor()
{
    m_twoFactorToken.clear();
    setError({});
    setStage(SignedOut);
}

bool SessionController::tryAutoLogin()
{
    if (!rememberMe() || serverUrl().isEmpty() || email().isEmpty() || m_stage != SignedOut)
        return false;
    setBusy(true);
    m_tokens.load(keychainKey(), [this](bool ok, const QByteArray &token, const QString &error) {
        if (!ok || token.isEmpty()) {
            setBusy(false);
            qCInfo(lcSession) << "no remembered login:" << error;
            m_app.settings().setValue(u"session/remember"_s, false);
            emit settingsChanged();
            setNotice(tr("The saved login could not be read from the system keychain (%1). Sign in again.").arg(error));
            emit autoLoginFinished(false);
            return;
        }
        m_app.api().setBaseUrl(QUrl(serverUrl()));
        m_app.request("POST", u"/v1/auth/refresh"_s, {{u"refresh_token"_s, QString::fromLatin1(token)}}, this,
                      [this](const Conversa::ApiResponse &r) {
                          setBusy(false);
                          if (r.status == 200) {
                              accept(r.object(), true);
                              emit autoLoginFinished(true);
                              return;
                          }
                          if (r.status == 401)
                              forget();
                          setError(r.status == 401 ? tr("Your saved login has expired. Sign in again.")
                                                   : AppContext::errorText(r));
                          emit autoLoginFinished(false);
                      });
    });
    return true;
}

void SessionController::accept(const QJsonObject &tokens, bool rememberMe)
{
    const bool wasSignedIn = m_stage == SignedIn;
    m_accessToken = tokens.value(u"access_token"_s).toString().toLatin1();
    m_refreshToken = tokens.value(u"refresh_token"_s).toString().toLatin1();
    m_app.api().setAccessToken(m_accessToken);
    m_app.socket().setAccessToken(m_accessToken);
    // Refresh well before the access token runs out (3600 s by default).
    const int expiresIn = tokens.value(u"expires_in"_s).toInt(3600);
    m_refreshTimer.start(std::max(30, expiresIn * 4 / 5) * 1000);
    if (rememberMe)
        remember(m_refreshToken);   // refresh tokens are single use: keep the newest
    else if (m_remembered || this->rememberMe())
        forget();
    if (tokens.contains(u"user"_s)) {
        m_user = tokens.value(u"user"_s).toObject();
        emit userChanged();
    }
    loadProfile();
    if (m_app.socket().state() == Conversa::SocketIoClient::State::Closed)
        m_app.socket().open(m_app.api().baseUrl(), m_accessToken);
    if (!wasSignedIn) {
        setStage(SignedIn);
        emit signedIn();
    }
}

void SessionController::loadProfile()
{
    m_app.request("GET", u"/v1/users/me"_s, {}, this, [this](const Conversa::ApiResponse &r) {
        if (r.status != 200)
            return;
        m_user = r.object();
        emit userChanged();
    });
}

void SessionController::refreshNow()
{
    if (m_refreshToken.isEmpty())
        return;
    m_app.request("POST", u"/v1/auth/refresh"_s, {{u"refresh_token"_s, QString::fromLatin1(m_refreshToken)}}, this,
                  [this](const Conversa::ApiResponse &r) {
                      if (r.status == 200) {
                          accept(r.object(), m_remembered);
                          m_app.socket().close();
                          m_app.socket().open(m_app.api().baseUrl(), m_accessToken);
                      } else if (r.status == 0) {
                          m_refreshTimer.start(10000);   // offline: try again soon
                      } else {
                          forget();
                          signOutLocally();
                          setError(tr("Your session has ended. Sign in again."));
                      }
                  });
}

void SessionController::remember(const QByteArray &refreshToken)
{
    const int generation = m_forgetGeneration;
    m_tokens.save(keychainKey(), refreshToken, [this, generation](bool ok, const QString &error) {
        if (generation != m_forgetGeneration) {
            // Forgotten (logout, or "remember me" off) while this write was under way.
            m_tokens.remove(keychainKey());
            return;
        }
        m_app.settings().setValue(u"session/remember"_s, ok);
        emit settingsChanged();
        if (m_remembered != ok) {
            m_remembered = ok;
            emit rememberedChanged();
        }
        if (!ok) {
            qCWarning(lcSession) << "keychain unavailable:" << error;
            setNotice(tr("No system keychain is available (%1), so this login is not remembered: "
                         "you will sign in again next time.").arg(error));
        }
    });
}

void SessionController::forget()
{
    ++m_forgetGeneration;
    m_tokens.remove(keychainKey());
    m_app.settings().setValue(u"session/remember"_s, false);
    emit settingsChanged();
    if (m_remembered) {
        m_remembered = false;
        emit rememberedChanged();
    }
}

void SessionController::logout()
{
    if (m_stage != SignedIn)
        return;
    // The request carries the token it was built with; sign out here without waiting.
    m_app.request("POST", u"/v1/auth/logout"_s, {}, this, {});
    forget();
    signOutLocally();
}

void SessionController::signOutLocally()
{
    m_refreshTimer.stop();
    m_app.socket().close();
    m_app.api().setAccessToken({});
    m_accessToken.clear();
    m_refreshToken.clear();
    m_user = {};
    m_setup = {};
    emit userChanged();
    emit twoFactorSetupChanged();
    setStage(SignedOut);
    emit signedOut();
}

void SessionController::changePassword(const QString &current, const QString &next)
{
    setError({});
    setBusy(true);
    m_app.request("PUT", u"/v1/auth/change-password"_s, {{u"current_password"_s, current}, {u"new_password"_s, next}},
                  this, [this](const Conversa::ApiResponse &r) {
                      setBusy(false);
                      if (r.status != 200) {
                          setError(AppContext::errorText(r));
                          return;
                      }
                      setNotice(tr("Your password has been changed."));
                      emit passwordChanged();
                  });
}

void SessionController::beginTwoFactorSetup()
{
    setError({});
    setBusy(true);
    m_app.request("POST", u"/v1/auth/2fa/enable"_s, {}, this, [this](const Conversa::ApiResponse &r) {
        setBusy(false);
        if (r.status != 200) {
            setError(AppContext::errorText(r));
            return;
        }
        m_setup = r.object();
        emit twoFactorSetupChanged();
    });
}

void SessionController::confirmTwoFactorSetup(const QString &code)
{
    setError({});
    setBusy(true);
    m_app.request("POST", u"/v1/auth/2fa/verify"_s, {{u"code"_s, code.trimmed()}}, this, [this](const Conversa::ApiResponse &r) {
        setBusy(false);
        if (r.status != 200 || !r.value(u"enabled"_s).toBool()) {
            setError(AppContext::errorText(r));
            return;
        }
        m_user.insert(u"two_factor_enabled"_s, true);
        emit userChanged();
        setNotice(tr("Two-factor authentication is on. Keep your backup codes somewhere safe."));
        emit twoFactorEnabledNow();
    });
}

void SessionController::setAgentStatus(const QString &status, const QString &reason)
{
    if (m_stage != SignedIn)
        return;
    QJsonObject body{{u"agent_status"_s, status}};
    if (!reason.trimmed().isEmpty())
        body.insert(u"agent_status_reason"_s, reason.trimmed());
    setError({});
    m_app.request("POST", u"/v1/users/%1/agent-status"_s.arg(userId()), body, this, [this](const Conversa::ApiResponse &r) {
        if (r.status != 200) {
            setError(AppContext::errorText(r));
            return;
        }
        const QJsonObject o = r.object();
        m_user.insert(u"agent_status"_s, o.value(u"agent_status"_s));
        m_user.insert(u"agent_status_reason"_s, o.value(u"agent_status_reason"_s));
        emit userChanged();
    });
}

void SessionController::setStage(Stage stage)
{
    if (m_stage == stage)
        return;
    m_stage = stage;
    emit stageChanged();
}

void SessionController::setError(const QString &error)
{
    if (m_error == error)
        return;
    m_error = error;
    emit errorMessageChanged();
}

void SessionController::setNotice(const QString &notice)
{
    if (m_notice == notice)
        return;
    m_notice = notice;
    emit noticeChanged();
}

void SessionController::setBusy(bool busy)
{
    const bool before = this->busy();
    m_busy += busy ? 1 : -1;
    if (before != this->busy())
        emit busyChanged();
}
