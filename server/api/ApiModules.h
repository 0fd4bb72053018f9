#pragma once

#include <QList>

class RouteModule;
using ApiModule = RouteModule;   // api/ApiModule.h
struct ServerContext;

// Creates every REST module of /v1 (one line each in ApiModules.cpp).
void registerApiModules(ServerContext &context, QList<ApiModule *> &modules);
