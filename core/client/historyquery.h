#pragma once

#include <functional>
#include <variant>

#include <QString>

#include "client/historypage.h"
#include "protocol/protocolerror.h"

class QObject;

namespace recordlock {

class Connection;

/// Reads a record's lock history (get_history, admins only) one page at a time.
///
/// Each callback runs exactly once (unless its context is destroyed first) with the page or the
/// error: forbidden for a non-admin, not_found, unavailable while offline.
class HistoryQuery
{
public:
    /// Receives a page or the error.
    using Callback = std::function<void(const std::variant<HistoryPage, ProtocolError> &)>;
    /// The protocol's largest page.
    static constexpr int MaxLimit = 500;

    /// connection must outlive the query.
    explicit HistoryQuery(Connection *connection);

    /// Fetches up to limit entries (1..500) of recordId, newest first, with id < before (0: the newest).
    void fetch(const QString &recordId, qint64 before, int limit, QObject *context, Callback callback) const;

private:
    Connection *m_connection;
};

} // namespace recordlock
