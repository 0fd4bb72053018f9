#pragma once

#include <QString>

namespace Conversa::Server {

// How one provider request (a send, a media download, a health or template look-up) ended,
// whatever the provider (the name is the Graph API's, where it began). Transient: try again
// later. Permanent: the message fails with the provider's code and text. Unknown: the request
// may have reached the provider (no answer): never repeated automatically, the message fails
// and a person decides (POST /messages/:id/retry).
struct GraphResult {
    enum class Outcome { Sent, Transient, Permanent, Unknown };
    Outcome outcome = Outcome::Permanent;
    QString providerMessageId;   // the provider's message id (Meta's wamid) on success
    QString errorCode;           // the provider's code as text, or ours: network, http_503, outcome_unknown…
    QString errorMessage;
};

}   // namespace Conversa::Server
