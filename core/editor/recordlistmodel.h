#pragma once

#include "client/lockstate.h"
#include "client/recordlist.h"
#include "client/recordquery.h"
#include "protocol/protocolerror.h"
#include "protocol/recorddata.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QPointer>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QTimer>

namespace recordlock {

class LockService;
class RecordService;

/// The record list of the main window: every record matching a query, with a live lock column.
///
/// Rows whose record has no LockState (free in the list, not locked since) show Free while
/// online and Offline otherwise; a row gets its state as soon as the LockService creates one.
///
/// refresh() loads all matches page by page (list_records with offset/limit). Into an empty list
/// (the first load after sign-in) each page is appended as it arrives, so the first rows show
/// after one round trip; rows already shown are replaced at once when every page is in. Lock
/// cells follow the LockService's states (watchAll, so events of every record arrive); a lock
/// change emits dataChanged for that one cell, a record_updated for that row's title, never a
/// reset. Further lock changes in the same pass of the event loop (a subscribe_all baseline
/// touches every row) are announced once, as one range, when the pass ends: a view looks up
/// each changed index, and a QTreeView does so in O(rows). data() and rowOf() are O(1), for
/// lists of 100,000 and more.
/// After an automatic reconnect (Connection::reconnected) a loaded list refreshes itself, since
/// saves made meanwhile were not heard; the first load after sign-in is the caller's refresh().
class RecordListModel : public QAbstractTableModel
{
    Q_OBJECT
    Q_PROPERTY(bool loading READ isLoading NOTIFY loadingChanged)

public:
    /// The columns, left to right.
    enum Column { IdColumn, TypeColumn, TitleColumn, LockColumn, ColumnCount };
    Q_ENUM(Column)

    /// Extra roles: the lock roles on the Lock column, the record roles on every column.
    enum Role {
        LockStatusRole = Qt::UserRole + 1, ///< LockState::Status (QVariant::fromValue; toInt() works too)
        HolderNameRole,                    ///< QString, empty when free
        ExpiresAtRole,                     ///< qint64 server time, 0 when free
        HolderConnectedRole,               ///< bool, false while the holder's connection is gone
        SinceRole,                         ///< qint64 server time the holder got the lock, 0 when free
        OrphanDeadlineRole,                ///< qint64 server time an orphaned lock is freed, else 0
        RecordIdRole,                      ///< QString
        RecordTypeRole,                    ///< QString, "customer" or "claim"
        VersionRole,                       ///< qint64
    };
    Q_ENUM(Role)

    /// records and locks must outlive the model.
    RecordListModel(RecordService *records, LockService *locks, QObject *parent = nullptr);
    ~RecordListModel() override;

    /// The query refresh() uses (type and text; offset and limit are managed by the model).
    RecordQuery query() const { return m_query; }
    /// Sets the query; call refresh() to apply it.
    void setQuery(const RecordQuery &query);
    /// Records asked for by a refresh's first list_records request (1..10000, default 1000);
    /// later requests ask for PageGrowth times as many (at most 10,000): few round trips for long lists.
    void setPageSize(int pageSize);
    /// Records of a refresh's first list_records request.
    int pageSize() const { return m_pageSize; }
    /// How many times pageSize() the requests after the first ask for.
    static constexpr int PageGrowth = 5;

    /// Loads every record matching query() (all pages), then replaces the rows; refreshed() or refreshFailed().
    void refresh();
    /// True while refresh() runs.
    bool isLoading() const { return m_loading; }
    /// Replaces the rows with list's entries (refresh() uses it too) and watches their locks.
    void setRecords(const RecordList &list);
    /// The record id of row, or empty when out of range.
    QString recordIdAt(int row) const;
    /// The row of recordId, or -1.
    int rowOf(const QString &recordId) const;
    /// The summary (no fields) of recordId's row; an empty record when absent.
    RecordData recordAt(int row) const;
    /// Text for a lock state as the Lock column shows it ("Bob Smith, until 14:05").
    static QString lockText(const LockState *state);

    /// Rows (records).
    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    /// ColumnCount.
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    /// Display texts, tool tips and the custom roles.
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    /// Column titles.
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    /// Role names for the custom roles (QML and debugging).
    QHash<int, QByteArray> roleNames() const override;

signals:
    /// loading changed.
    void loadingChanged(bool loading);
    /// A refresh finished and the rows show its result.
    void refreshed();
    /// A refresh failed; the rows are unchanged.
    void refreshFailed(const recordlock::ProtocolError &error);

private:
    struct Row
    {
        RecordData record;
        QPointer<LockState> lock;
    };

    void fetchPage(quint64 generation, qint64 offset, int limit);
    void onPage(quint64 generation, const RecordList &page);
    /// The entries of list whose ids are not empty, not listed yet and not repeated in list.
    QList<RecordList::Entry> newEntries(const QList<RecordList::Entry> &list) const;
    void appendEntries(const QList<RecordList::Entry> &entries);
    /// A row for entry, its lock state given the list's snapshot and tracked.
    Row makeRow(const RecordList::Entry &entry);
    void watchRows();
    void attachState(LockState *state);
    /// What a row without a LockState shows: Free while online (the list said so), else Offline.
    LockState::Status statelessStatus() const;
    void flushLockChanges();
    void finishLoading();
    void trackState(LockState *state);
    void onLockChanged(const QString &recordId);
    void onRecordUpdated(const RecordData &changedOnly, const QStringList &changedFields);

    QPointer<RecordService> m_records;
    QPointer<LockService> m_locks;
    RecordQuery m_query;
    int m_pageSize = 1000;
    QList<Row> m_rows;
    QHash<QString, int> m_rowById;
    /// States already connected to onLockChanged (states live as long as the LockService).
    QSet<const LockState *> m_tracked;
    /// Pages of the refresh in progress (when it replaces shown rows).
    RecordList m_loadingList;
    /// Entries received by the refresh in progress (the next page's offset).
    qint64 m_received = 0;
    /// The refresh in progress appends each page to the (initially empty) rows.
    bool m_appending = false;
    /// Runs at the end of a pass of the event loop in which a lock cell changed.
    QTimer m_lockChangePass;
    /// Lock rows changed in this pass after the first (announced by flushLockChanges()), or -1.
    int m_changedFirst = -1;
    int m_changedLast = -1;
    quint64 m_generation = 0;
    bool m_loading = false;
};

} // namespace recordlock
