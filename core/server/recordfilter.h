#pragma once

#include <QString>

namespace recordlock {

/// Filter and page of a record listing (list_records). Not the client's RecordQuery: the server
/// keeps its own type so the two libraries never define one name twice.
struct RecordFilter
{
    QString type;  ///< empty: all types
    QString query; ///< empty: no text filter; else case-insensitive substring of title or id
    qint64 offset = 0;
    qint64 limit = 1000;
};

} // namespace recordlock
