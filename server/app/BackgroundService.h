#pragma once

#include "core/Result.h"

#include <QString>

#include <functional>
#include <memory>
#include <vector>

namespace Conversa::Server {

// Something the server runs beside answering requests (a relay, a scheduler, a queue thread):
// started once by ServerApp::start() and stopped by ServerApp::stop().
class BackgroundService {
public:
    virtual ~BackgroundService() = default;
    virtual QString name() const = 0;   // for the log
    // An error leaves the service stopped and makes the server's start fail.
    virtual Result<Ok> start() = 0;
    virtual void stop() = 0;   // only called on a started service
};

// A service that is one object with start() and stop() (a thread, a timer, a scheduler), made
// and wired by its factory (BackgroundServices.h). The object stays until the service goes, so
// tests can reach it through ServerApp's accessors.
template <typename T>
class OwnedService final : public BackgroundService {
public:
    OwnedService(QString name, std::unique_ptr<T> object) : m_name(std::move(name)), m_object(std::move(object)) {}

    T *get() const { return m_object.get(); }
    QString name() const override { return m_name; }
    Result<Ok> start() override
    {
        m_object->start();
        return Ok{};
    }
    void stop() override { m_object->stop(); }

private:
    QString m_name;
    std::unique_ptr<T> m_object;
};

// A service whose start and stop are functions of its owner (ServerApp's HTTP threads).
class FunctionService final : public BackgroundService {
public:
    FunctionService(QString name, std::function<Result<Ok>()> start, std::function<void()> stop)
        : m_name(std::move(name)), m_start(std::move(start)), m_stop(std::move(stop))
    {}

    QString name() const override { return m_name; }
    Result<Ok> start() override { return m_start(); }
    void stop() override { m_stop(); }

private:
    QString m_name;
    std::function<Result<Ok>()> m_start;
    std::function<void()> m_stop;
};

// The server's background services in start order. They start in that order and stop in the
// reverse, so a service may rely on every one added before it running for its whole life
// (the realtime relay is added before the HTTP threads that publish through it).
class ServiceList {
public:
    ServiceList() = default;
    ServiceList(const ServiceList &) = delete;
    ServiceList &operator=(const ServiceList &) = delete;
    ~ServiceList() { stop(); }

    // Appends `service` (a null one, a service switched off by its settings, is skipped) and
    // returns it, for the owner's accessors.
    template <typename S>
    S *add(std::unique_ptr<S> service)
    {
        S *added = service.get();
        if (service)
            m_services.push_back(std::move(service));
        return added;
    }

    // Starts the services not started yet, in order; stops at the first that fails (those
    // started stay so until stop()).
    Result<Ok> start();
    // Stops the started services, the last started first.
    void stop();

private:
    std::vector<std::unique_ptr<BackgroundService>> m_services;
    std::size_t m_started = 0;   // the first m_started of m_services are running
};

}   // namespace Conversa::Server
