#pragma once

#include <QtGlobal>

namespace Conversa::Server {

// The wall clock in seconds since the epoch, as every table stores time.
qint64 nowSeconds();

}   // namespace Conversa::Server
