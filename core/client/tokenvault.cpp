#include "client/tokenvault.h"

#include <QLoggingCategory>

#include <qt6keychain/keychain.h>

using namespace Qt::StringLiterals;

namespace recordlock {

namespace {

Q_LOGGING_CATEGORY(lcKeychain, "recordlock.client.keychain")

/// An entry name that no account can have (accounts contain '@'): reading it tells only whether
/// the keychain answers.
const QString ProbeAccount = u"availability-probe"_s;

TokenVault::Status statusFor(QKeychain::Error error)
{
    switch (error) {
    case QKeychain::NoError:
        return TokenVault::Status::Ok;
    case QKeychain::EntryNotFound:
        return TokenVault::Status::NotFound;
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
    // On Linux every D-Bus failure ends up here: no session bus ("Cannot autolaunch D-Bus without
    // X11 $DISPLAY"), a bus that is gone ("Could not connect: ..."), no Secret Service on it.
    case QKeychain::OtherError:
        return TokenVault::Status::Unavailable;
    case QKeychain::CouldNotDeleteEntry:
    case QKeychain::AccessDeniedByUser:
    case QKeychain::AccessDenied:
        break;
    }
    return TokenVault::Status::Failed;
}

} // namespace

TokenVault::TokenVault(QObject *parent)
    : QObject(parent)
{
}

TokenVault::~TokenVault() = default;

QString TokenVault::serviceName()
{
    return u"RecordLock"_s;
}

QString TokenVault::account(const QUrl &server, const QString &user)
{
    return user + u'@' + server.toString(QUrl::RemoveUserInfo | QUrl::NormalizePathSegments);
}

void TokenVault::storeToken(const QUrl &server, const QString &user, const QString &token)
{
    start(JobKind::Store, account(server, user), token);
}

void TokenVault::readToken(const QUrl &server, const QString &user)
{
    start(JobKind::Read, account(server, user), {});
}

void TokenVault::forgetToken(const QUrl &server, const QString &user)
{
    start(JobKind::Forget, account(server, user), {});
}

void TokenVault::probe()
{
    start(JobKind::Probe, ProbeAccount, {});
}

void TokenVault::start(JobKind kind, const QString &account, const QString &token)
{
    // Jobs have no parent and delete themselves when done: QtKeychain's libsecret backend calls
    // back into a job after the D-Bus reply, so a job must never be deleted while it runs. If the
    // vault goes first, the connection below just drops the result.
    QKeychain::Job *job = nullptr;
    switch (kind) {
    case JobKind::Store: {
        auto *write = new QKeychain::WritePasswordJob(serviceName());
        write->setTextData(token);
        job = write;
        break;
    }
    case JobKind::Read:
    case JobKind::Probe:
        job = new QKeychain::ReadPasswordJob(serviceName());
        break;
    case JobKind::Forget:
        job = new QKeychain::DeletePasswordJob(serviceName());
        break;
    }
    job->setKey(account);
    // Never a plain file: where no keychain exists, nothing is remembered.
    job->setInsecureFallback(false);
    job->setAutoDelete(true);
    connect(job, &QKeychain::Job::finished, this, [this, kind, account](QKeychain::Job *done) {
        Result result;
        result.status = statusFor(done->error());
        result.account = account;
        if (result.status != Status::Ok && result.status != Status::NotFound)
            result.errorText = done->errorString();
        if (result.status == Status::Ok && kind == JobKind::Read)
            result.token = static_cast<QKeychain::ReadPasswordJob *>(done)->textData();
        if (result.errorText.isEmpty())
            qCDebug(lcKeychain) << "job" << int(kind) << "for" << account << "finished:" << result.status;
        else
            qCInfo(lcKeychain) << "job" << int(kind) << "for" << account << "finished:" << result.status
                               << result.errorText;
        noteAvailability(result.status);
        switch (kind) {
        case JobKind::Store:
            emit tokenStored(result);
            break;
        case JobKind::Read:
            emit tokenRead(result);
            break;
        case JobKind::Forget:
            emit tokenForgotten(result);
            break;
        case JobKind::Probe:
            break; // availabilityChanged() was the answer
        }
    });
    job->start();
}

void TokenVault::noteAvailability(Status status)
{
    const Availability now = status == Status::Unavailable ? Availability::Unavailable : Availability::Available;
    if (now == m_availability)
        return;
    m_availability = now;
    emit availabilityChanged(now);
}

} // namespace recordlock
