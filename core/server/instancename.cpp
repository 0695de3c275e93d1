#include "server/instancename.h"

#include <QFile>
#include <QSaveFile>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace recordlock {

std::optional<QString> InstanceName::loadOrCreate(const QString &path, QString *error)
{
    QFile existing(path);
    if (existing.open(QIODevice::ReadOnly)) {
        const QString name = QString::fromUtf8(existing.readAll()).trimmed();
        if (!name.isEmpty())
            return name;
    }
    const QString name = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(name.toUtf8() + '\n') < 0 || !file.commit()) {
        *error = u"cannot write the instance name to %1: %2"_s.arg(path, file.errorString());
        return std::nullopt;
    }
    return name;
}

} // namespace recordlock
