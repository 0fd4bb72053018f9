#pragma once

#include "http/RouteModule.h"

namespace Conversa::Server {

// The REST modules' name for an HTTP module; realtime, below api/, uses RouteModule itself.
using ApiModule = RouteModule;

}   // namespace Conversa::Server
