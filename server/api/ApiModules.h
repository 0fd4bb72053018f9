#pragma once

#include <QList>

class RouteModule;
using ApiModule = RouteModule;   // api/ApiModule.h
class ProviderRegistry;
struct ServerContext;

// Creates every REST module of /v1 (one line each in ApiModules.cpp).
void registerApiModules(ServerContext &context, const ProviderRegistry &providers, QList<ApiModule *> &modules);
