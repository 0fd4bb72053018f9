#include "TokenStore.h"

#include <qt6keychain/keychain.h>

void TokenStore::save(const QString &key, const QByteArray &secret, Done done)
{
    auto *job = new QKeychain::WritePasswordJob(m_service, this);
    job->setInsecureFallback(false);   // a clear-text file is no keychain
    job->setKey(key);
    job->setBinaryData(secret);
    connect(job, &QKeychain::Job::finished, this, [done = std::move(done)](QKeychain::Job *j) {
        if (done)
            done(j->error() == QKeychain::NoError, j->errorString());
    });
    job->start();
}

void TokenStore::load(const QString &key, std::function<void(bool, const QByteArray &, const QString &)> done)
{
    auto *job = new QKeychain::ReadPasswordJob(m_service, this);
    job->setInsecureFallback(false);
    job->setKey(key);
    connect(job, &QKeychain::Job::finished, this, [done = std::move(done)](QKeychain::Job *j) {
        auto *read = static_cast<QKeychain::ReadPasswordJob *>(j);
        const bool ok = j->error() == QKeychain::NoError;
        done(ok, ok ? read->binaryData() : QByteArray(), j->errorString());
    });
    job->start();
}

void TokenStore::remove(const QString &key, Done done)
{
    auto *job = new QKeychain::DeletePasswordJob(m_service, this);
    job->setInsecureFallback(false);
    job->setKey(key);
    connect(job, &QKeychain::Job::finished, this, [done = std::move(done)](QKeychain::Job *j) {
        if (done)
            done(j->error() == QKeychain::NoError || j->error() == QKeychain::EntryNotFound, j->errorString());
    });
    job->start();
}
