#pragma once

// Lock rows that carry only a seq, and the seq another SQLite connection reads back: what the
// transaction and group-commit tests compare to see whether a write is durable yet.

#include <QSqlQuery>
#include <QString>

#include "server/database.h"
#include "server/lockrow.h"

namespace recordlock::storagetest {

using namespace Qt::StringLiterals;

/// A free lock row of recordId with the given seq.
inline LockRow seqRow(const QString &recordId, qint64 seq)
{
    LockRow row;
    row.recordId = recordId;
    row.seq = seq;
    return row;
}

/// The stored seq of a record as another SQLite connection sees it; -1 if there is no row.
inline qint64 storedSeq(Database &reader, const QString &recordId)
{
    QSqlQuery query(reader.db());
    query.prepare(u"SELECT seq FROM lock_state WHERE record_id = ?"_s);
    query.addBindValue(recordId);
    if (!query.exec() || !query.next())
        return -1;
    return query.value(0).toLongLong();
}

} // namespace recordlock::storagetest
