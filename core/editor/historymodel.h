#pragma once

#include <QAbstractTableModel>
#include <QList>
#include <QString>

#include "client/historyentry.h"
#include "client/historyquery.h"
#include "protocol/protocolerror.h"

namespace recordlock {

class Connection;

/// A record's lock history for administrators, newest first, loaded a page at a time (get_history).
///
/// load() replaces the rows with the newest page; loadOlder() appends the next older page while
/// hasMore(). Replies for an earlier load() (or another record) are dropped.
class HistoryModel : public QAbstractTableModel
{
    Q_OBJECT
    Q_PROPERTY(bool loading READ isLoading NOTIFY loadingChanged)

public:
    /// The columns, left to right.
    enum Column { TimeColumn, ActionColumn, ActorColumn, SubjectColumn, ReasonColumn, ColumnCount };
    Q_ENUM(Column)

    /// Extra roles, on every column.
    enum Role {
        EntryIdRole = Qt::UserRole + 1, ///< qint64, the entry's id
        AtRole,                         ///< qint64 server time
        ActionRole,                     ///< QString, the wire action ("overridden", ...)
        TokenRole,                      ///< qint64 fencing token
    };
    Q_ENUM(Role)

    /// connection must outlive the model.
    explicit HistoryModel(Connection *connection, QObject *parent = nullptr);

    /// Entries per request (1..500, default 100).
    void setPageSize(int pageSize);
    /// Entries per request.
    int pageSize() const { return m_pageSize; }

    /// Loads the newest page of recordId's history, replacing the rows when it arrives.
    void load(const QString &recordId);
    /// Loads the page before the oldest row; nothing while loading or without hasMore().
    void loadOlder();
    /// The record shown.
    QString recordId() const { return m_recordId; }
    /// True while a page is being fetched.
    bool isLoading() const { return m_loading; }
    /// Older entries exist on the server.
    bool hasMore() const { return m_more; }
    /// True once the first page arrived (even when it was empty).
    bool isLoaded() const { return m_loaded; }
    /// The last failure (forbidden, not_found, unavailable, ...); code Internal and empty message if none.
    const ProtocolError &lastError() const { return m_lastError; }
    /// The entry of row (a default entry when out of range).
    HistoryEntry entryAt(int row) const;
    /// The action as the user reads it ("Taken over", "Started editing", ...).
    static QString actionText(const QString &action);

    /// Rows (entries).
    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    /// ColumnCount.
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    /// Display texts, tool tips and the extra roles.
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    /// Column titles.
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    /// isLoading() changed.
    void loadingChanged(bool loading);
    /// A page arrived (the first replaced the rows, later ones were appended).
    void pageLoaded();
    /// A page could not be loaded; the rows are unchanged.
    void loadFailed(const recordlock::ProtocolError &error);

private:
    void fetch(qint64 before);
    void onPage(bool first, const HistoryPage &page);
    void setLoading(bool loading);

    HistoryQuery m_query;
    QString m_recordId;
    QList<HistoryEntry> m_entries;
    ProtocolError m_lastError{ErrorCode::Internal, {}, {}};
    int m_pageSize = 100;
    /// Counts load() calls, so pages of an earlier one are recognised and dropped.
    quint64 m_generation = 0;
    bool m_loading = false;
    bool m_more = false;
    bool m_loaded = false;
};

} // namespace recordlock
