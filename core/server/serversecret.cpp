#include "server/serversecret.h"

#include <sodium.h>
#include <unistd.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include "server/serverlogging.h"

using namespace Qt::StringLiterals;

namespace recordlock {

namespace {

constexpr QFileDevice::Permissions OwnerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
constexpr QFileDevice::Permissions GroupOrOthers = QFileDevice::ReadGroup | QFileDevice::WriteGroup
    | QFileDevice::ExeGroup | QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther;

std::optional<QByteArray> failure(QString *error, const QString &message)
{
    qCWarning(lcIdentity).noquote() << message;
    if (error)
        *error = message;
    return std::nullopt;
}

enum class CreateResult { Created, Exists, Failed };

// NewOnly (O_EXCL) with the mode given at creation: the key is never readable by others, not even
// for the moment a chmod afterwards would leave open, and two servers starting at once cannot
// both write a key.
CreateResult create(const QString &path, QByteArray *key, QString *message)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly, OwnerOnly)) {
        if (QFileInfo::exists(path))
            return CreateResult::Exists;
        *message = u"cannot create server secret "_s + path + u": "_s + file.errorString();
        return CreateResult::Failed;
    }
    QByteArray bytes(ServerSecret::KeySize, Qt::Uninitialized);
    randombytes_buf(bytes.data(), std::size_t(bytes.size()));
    if (file.write(bytes) != bytes.size() || !file.flush() || ::fsync(file.handle()) != 0) {
        *message = u"cannot write server secret "_s + path + u": "_s + file.errorString();
        file.close();
        file.remove();
        return CreateResult::Failed;
    }
    *key = bytes;
    return CreateResult::Created;
}

} // namespace

std::optional<QByteArray> ServerSecret::loadOrCreate(const QString &path, QString *error)
{
    if (sodium_init() < 0)
        return failure(error, u"libsodium could not be initialised"_s);

    const QFileInfo info(path);
    if (!info.exists()) {
        if (!QDir().mkpath(info.absolutePath()))
            return failure(error, u"cannot create directory "_s + info.absolutePath());
        QByteArray key;
        QString message;
        switch (create(path, &key, &message)) {
        case CreateResult::Created:
            qCInfo(lcIdentity) << "created a new server secret in" << path;
            return key;
        case CreateResult::Failed:
            return failure(error, message);
        case CreateResult::Exists:
            break; // another process won the race; read its key
        }
    }

    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return failure(error, u"cannot read server secret "_s + path + u": "_s + file.errorString());
    // Checked on the open file, so what is read is what was checked.
    if (file.permissions() & GroupOrOthers)
        return failure(error,
                       u"server secret "_s + path
                           + u" is accessible by group or others; make it private (chmod 600) or delete it"_s);
    if (file.size() != KeySize)
        return failure(error, u"server secret %1 has %2 bytes, expected %3"_s.arg(path).arg(file.size()).arg(KeySize));
    const QByteArray key = file.read(KeySize + 1);
    if (key.size() != KeySize)
        return failure(error, u"cannot read server secret "_s + path + u": "_s + file.errorString());
    return key;
}

} // namespace recordlock
