#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace Conversa::Server {

// Meta's X-Hub-Signature-256 (docs/PROVIDERS.md#meta-webhooks): "sha256=" + lower-case hex of
// HMAC-SHA256(app secret, raw body bytes exactly as received). OpenSSL underneath.
namespace WebhookSignature {
QByteArray hmacSha256Hex(QByteArrayView key, QByteArrayView message);   // 64 lower-case hex digits
// Equal length and bytes, in time that does not depend on where they differ.
bool constantTimeEquals(QByteArrayView a, QByteArrayView b);
// Whether `header` is "sha256=<hex>" of `body` under `appSecret` (hex in any case). False for an
// empty secret or header.
bool verifyMeta(QByteArrayView header, QByteArrayView body, QByteArrayView appSecret);
}   // namespace WebhookSignature

}   // namespace Conversa::Server
