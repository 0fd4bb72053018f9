#pragma once

#include <QHash>
#include <QJsonValue>
#include <QObject>
#include <QSet>
#include <QTimer>
#include <QUrl>
#include <QWebSocket>

#include <functional>

namespace Conversa {

// A Socket.IO v5 client over one WebSocket (Engine.IO v4, websocket transport only), for the
// desktop app and the server's tests: CONNECT with the access token, events in and out with
// acknowledgements, answers to the server's pings, and reconnection with backoff (1, 2, 4 … 30 s)
// after a lost connection, re-joining the chat rooms it had joined. A refused CONNECT (bad or
// expired token) is not retried: the owner refreshes the token and calls open() again. Events sent
// while the connection was down are lost: reconnected() tells the owner to fetch what it missed.
class SocketIoClient : public QObject {
    Q_OBJECT
public:
    enum class State { Closed, Connecting, Connected };
    Q_ENUM(State)

    explicit SocketIoClient(QObject *parent = nullptr);
    ~SocketIoClient() override;

    // baseUrl: the API's http(s) URL; the socket goes to ws(s)://…/socket.io/.
    void open(const QUrl &baseUrl, const QByteArray &accessToken);
    void close();
    void setAccessToken(const QByteArray &token) { m_token = token; }   // used by the next (re)connect
    State state() const { return m_state; }

    // Sends an event; `ack` (optional) receives the server's acknowledgement argument.
    void emitEvent(const QString &event, const QJsonValue &arg, std::function<void(const QJsonValue &)> ack = {});
    // chat.join with its acknowledgement; joined chats are joined again after a reconnect.
    void joinChat(qint64 chatId, std::function<void(bool ok, const QString &error)> done = {});
    void leaveChat(qint64 chatId);

    void setReconnectDelaysForTests(int firstMs, int maxMs)
    {
        m_firstDelayMs = firstMs;
        m_maxDelayMs = maxMs;
    }

signals:
    void connected();   // CONNECT accepted (again)
    // CONNECT accepted after the connection had been lost, also when the owner had to open() again
    // with a new token; not for the first CONNECT, nor the first after close(). Fetch what happened
    // meanwhile; the rooms are being re-joined.
    void reconnected();
    void disconnected();                         // the connection is gone; reconnecting unless closed
    void connectError(const QString &message);   // CONNECT refused: no retry
    void event(const QString &name, const QJsonValue &payload);
    void stateChanged(State state);

private:
    void connectSocket();
    void onText(const QString &frame);
    void onClosed();
    void scheduleReconnect();
    void setState(State s);

    QWebSocket m_socket;
    QUrl m_url;
    QByteArray m_token;
    State m_state = State::Closed;
    bool m_wanted = false;         // open() called and not close()d
    bool m_wasConnected = false;   // CONNECT accepted since the last close(): the next one is a reconnect
    QTimer m_reconnect;
    int m_attempt = 0;
    int m_firstDelayMs = 1000;
    int m_maxDelayMs = 30000;
    int m_nextAck = 0;
    QHash<int, std::function<void(const QJsonValue &)>> m_acks;
    QSet<qint64> m_chats;
};

}   // namespace Conversa
