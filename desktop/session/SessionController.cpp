#include "SessionController.h"

#include "AppContext.h"

#include <QDateTime>
#include <QLoggingCategory>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcSession, "conversa.desktop.session")

SessionController::SessionController(AppContext &app, QObject *parent)
    : QObject(parent), m_app(app), m_tokens(app.options().keychainService)
{
    connect(&m_app, &AppContext::languageChanged, this, &SessionController::userChanged);   // roleText
    // A refused CONNECT means the access token is no longer good: refresh it, which reopens.
    connect(&m_app.socket(), &Conversa::SocketIoClient::connectError, this, [this](const QString &message) {
        qCInfo(lcSession) << "socket refused:" << message;
        // At most once a minute, so that a server refusing fresh tokens too is not hammered.
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        if (m_stage == SignedIn && !m_restoring && now - m_lastSocketRefresh > 60000) {
            m_lastSocketRefresh = now;
            refreshNow();
        }
    });
    connect(&m_app.api(), &Conversa::ApiClient::tokensChanged, this,
            [this](const QByteArray &access, const QByteArray &refresh) {
                m_app.socket().setAccessToken(access);   // for its next (re)connect
                onTokens(refresh);
            });
    connect(&m_app.api(), &Conversa::ApiClient::sessionExpired, this, &SessionController::onSessionExpired);
    if (!serverUrl().isEmpty())
        m_app.api().setBaseUrl(QUrl(serverUrl()));
}

QString SessionController::serverUrl() const
{
    return m_app.settings().value(u"session/server_url"_s).toString();
}
QString SessionController::email() const
{
    return m_app.settings().value(u"session/email"_s).toString();
}
bool SessionController::rememberMe() const
{
    return m_app.settings().value(u"session/remember"_s).toBool();
}
QByteArray SessionController::accessToken() const
{
    return m_app.api().accessToken();
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
    m_app.api().setTokens({}, {});
    m_pendingRemember = rememberMe;
    setError({});
    setBusy(true);
    m_app.api().login(email.trimmed(), password, this, [this](const Conversa::ApiResult<Conversa::LoginResultDto> &r) {
        setBusy(false);
        if (!r) {
            setError(AppContext::errorText(r.error()));
            return;
        }
        if (r->twoFactorRequired) {
            m_twoFactorToken = r->twoFactorToken;
            setStage(TwoFactorRequired);
            return;
        }
        accept(r->user, r->twoFactorSetupRequired);
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
    m_app.api().verifyTwoFactor(m_twoFactorToken, code.trimmed(), this,
                                [this](const Conversa::ApiResult<Conversa::LoginResultDto> &r) {
                                    setBusy(false);
                                    if (r) {
                                        m_twoFactorToken.clear();
                                        accept(r->user);
                                    } else if (r.error().httpStatus == 401
                                               && r.error().fields().contains(u"code"_s)) {
                                        // A wrong code: the step stays open for another one.
                                        setError(AppContext::errorText(r.error()));
                                    } else if (r.error().httpStatus == 401) {
                                        // The second-step token died (expired, used, or too many wrong codes).
                                        m_twoFactorToken.clear();
                                        setStage(SignedOut);
                                        setError(tr("The verification expired. Sign in again."));
                                    } else {
                                        setError(AppContext::errorText(r.error()));
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
        m_app.api().setTokens({}, token);
        m_pendingRemember = true;   // the rotated token replaces the saved one (tokensChanged)
        m_app.api().refresh(this, [this](const Conversa::ApiResult<Conversa::AuthTokensDto> &r) {
            setBusy(false);
            if (r) {
                m_autoLogin = true;   // finished once the profile is in (enter())
                accept(std::nullopt);
                return;
            }
            if (r.error().httpStatus == 401)
                forget();
            setError(r.error().httpStatus == 401 ? tr("Your saved login has expired. Sign in again.")
                                                 : AppContext::errorText(r.error()));
            emit autoLoginFinished(false);
        });
    });
    return true;
}

void SessionController::onTokens(const QByteArray &refreshToken)
{
    // Refresh tokens are single use: the keychain keeps the newest, or the next start fails.
    if (!refreshToken.isEmpty() && m_pendingRemember)
        remember(refreshToken);
}

void SessionController::accept(const std::optional<Conversa::UserDto> &user, bool setupRequired)
{
    if (!m_pendingRemember && (m_remembered || rememberMe()))
        forget();
    if (user) {
        m_user = *user;
        emit userChanged();
    }
    // The full profile (a refresh answer has no user; the inbox's tab depends on the role).
    setBusy(true);
    const bool known = user.has_value();
    m_app.api().me(this, [this, known, setupRequired](const Conversa::ApiResult<Conversa::UserDto> &r) {
        setBusy(false);
        if (r) {
            m_user = *r;
            emit userChanged();
        } else if (!known) {
            setError(AppContext::errorText(r.error()));
        }
        if (r ? r->twoFactorSetupRequired : known && setupRequired) {
            setStage(TwoFactorSetupRequired);   // the server allows nothing else yet
            if (std::exchange(m_autoLogin, false))
                emit autoLoginFinished(true);
        } else if (r || known) {
            enter();
        } else if (std::exchange(m_autoLogin, false)) {
            emit autoLoginFinished(false);
        }
    });
}

void SessionController::enter()
{
    if (m_stage == SignedIn)
        return;
    // Opened only now: the server refuses the socket of a user who must turn 2FA on first.
    if (m_app.socket().state() == Conversa::SocketIoClient::State::Closed)
        m_app.socket().open(m_app.api().baseUrl(), m_app.api().accessToken());
    setStage(SignedIn);
    emit signedIn();
    if (std::exchange(m_autoLogin, false))
        emit autoLoginFinished(true);
}

void SessionController::refreshNow()
{
    if (m_app.api().refreshToken().isEmpty())
        return;
    m_app.api().refresh(this, [this](const Conversa::ApiResult<Conversa::AuthTokensDto> &r) {
        if (r && m_stage == SignedIn)
            m_app.socket().open(m_app.api().baseUrl(), m_app.api().accessToken());
        // A refused refresh ends in sessionExpired(); no answer: the next 401 or CONNECT tries again.
    });
}

void SessionController::onSessionExpired()
{
    if (m_stage != SignedIn && m_stage != TwoFactorSetupRequired)
        return;   // a refused auto-login says so itself
    if (m_restoring) {
        m_expiredDuringRestore = true;   // the restore's answer decides
        return;
    }
    qCInfo(lcSession) << "session expired";
    forget();
    signOutLocally();
    setError(tr("Your session has ended. Sign in again."));
}

void SessionController::beginRestore()
{
    m_restoring = true;
    m_expiredDuringRestore = false;
}

bool SessionController::endRestore(const QJsonObject &answer)
{
    m_restoring = false;
    const bool expired = std::exchange(m_expiredDuringRestore, false);
    if (m_stage != SignedIn)
        return false;
    if (!answer.value(u"restored"_s).toBool()) {
        if (expired)
            onSessionExpired();
        return m_stage == SignedIn;
    }
    if (m_app.api().adoptTokens(answer)) {
        qCInfo(lcSession) << "restored: carrying on with the login the restore handed back";
        // The server closed every socket: connected again at once with the new login, as a
        // reconnection (not close() first), so that every screen fetches the restored data again.
        // The account is the restored database's (its id, role and permissions may differ).
        m_app.socket().open(m_app.api().baseUrl(), m_app.api().accessToken());
        setBusy(true);
        m_app.api().me(this, [this](const Conversa::ApiResult<Conversa::UserDto> &r) {
            setBusy(false);
            if (r) {
                m_user = *r;
                emit userChanged();
            }
        });
        return true;
    }
    qCInfo(lcSession) << "restored: no login in the restored data";
    forget();
    signOutLocally();
    setError(tr("The backup has been restored and every session has ended. Sign in again with an account of the "
                "restored data."));
    return false;
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
                         "you will sign in again next time.")
                          .arg(error));
        }
    });
}

void SessionController::forget()
{
    ++m_forgetGeneration;
    m_pendingRemember = false;
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
    if (m_stage != SignedIn && m_stage != TwoFactorSetupRequired)
        return;
    // The request carries the token it was built with; sign out here without waiting.
    m_app.api().logout(nullptr, {});
    forget();
    signOutLocally();
}

void SessionController::signOutLocally()
{
    m_app.socket().close();
    m_app.api().setTokens({}, {});
    m_app.api().setUserId(0);
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
    m_app.api().changePassword(current, next, this, [this](const Conversa::ApiResult<QJsonObject> &r) {
        setBusy(false);
        if (!r) {
            setError(AppContext::errorText(r.error()));
            return;
        }
        setNotice(tr("Your password has been changed."));
        emit passwordChanged();
    });
}

void SessionController::beginTwoFactorSetup(const QString &password)
{
    setError({});
    setBusy(true);
    m_app.api().enableTwoFactor(password, this, [this](const Conversa::ApiResult<Conversa::TwoFactorSetupDto> &r) {
        setBusy(false);
        if (!r) {
            setError(AppContext::errorText(r.error()));
            return;
        }
        m_setup = *r;
        emit twoFactorSetupChanged();
    });
}

void SessionController::confirmTwoFactorSetup(const QString &code)
{
    setError({});
    setBusy(true);
    m_app.api().confirmTwoFactor(code.trimmed(), this,
                                 [this](const Conversa::ApiResult<Conversa::TwoFactorStatusDto> &r) {
                                     setBusy(false);
                                     if (!r || !r->enabled) {
                                         setError(r ? tr("Two-factor authentication could not be turned on.")
                                                    : AppContext::errorText(r.error()));
                                         return;
                                     }
                                     m_user.twoFactorEnabled = true;
                                     emit userChanged();
                                     setNotice(
                                         tr("Two-factor authentication is on. Keep your backup codes somewhere safe."));
                                     emit twoFactorEnabledNow();
                                     if (m_stage == TwoFactorSetupRequired) {
                                         m_user.twoFactorSetupRequired = false;
                                         enter();   // the server lets this user in now
                                     }
                                 });
}

QString SessionController::roleText() const
{
    if (role() == u"admin"_s)
        return tr("Administrator");
    if (role() == u"supervisor"_s)
        return tr("Supervisor");
    if (role() == u"agent"_s)
        return tr("Agent");
    return m_user.role.displayName.isEmpty() ? role() : m_user.role.displayName;
}

void SessionController::setAgentStatus(const QString &status, const QString &reason)
{
    if (m_stage != SignedIn)
        return;
    setError({});
    m_app.api().setMyStatus(status, reason.trimmed(), this,
                            [this](const Conversa::ApiResult<Conversa::AgentStatusDto> &r) {
                                if (!r) {
                                    setError(AppContext::errorText(r.error()));
                                    return;
                                }
                                m_user.agentStatus = r->agentStatus;
                                m_user.agentStatusReason = r->agentStatusReason;
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
