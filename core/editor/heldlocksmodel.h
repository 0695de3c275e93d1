#pragma once

#include <QAbstractTableModel>
#include <QList>
#include <QPointer>
#include <QSet>
#include <QString>

#include "client/lockstate.h"

namespace recordlock {

class LockService;
class RecordListModel;

/// Every lock currently held, for the administrators' lock view: one row per held record.
///
/// A view onto the LockService's states, not a copy: rows come and go as states become held or
/// free (with subscribe_all, which the record list keeps on, every lock event reaches them), and
/// each cell reads its LockState. Titles come from the record list model when it knows the record.
/// While offline the last known locks stay listed.
class HeldLocksModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    /// The columns, left to right.
    enum Column { RecordColumn, TitleColumn, HolderColumn, SinceColumn, ExpiresColumn, ConnectedColumn, ColumnCount };
    Q_ENUM(Column)

    /// Extra roles, on every column.
    enum Role {
        RecordIdRole = Qt::UserRole + 1, ///< QString
        LockStatusRole,                  ///< LockState::Status as int
        HolderHandleRole,                ///< QString
        SortRole,                        ///< a value that sorts the column (times as numbers)
    };
    Q_ENUM(Role)

    /// locks must outlive the model; titles may be null.
    explicit HeldLocksModel(LockService *locks, RecordListModel *titles = nullptr, QObject *parent = nullptr);

    /// The record id of row, or empty.
    QString recordIdAt(int row) const;
    /// The row of recordId, or -1 when its lock is not held.
    int rowOf(const QString &recordId) const;
    /// The state of row, or nullptr.
    LockState *stateAt(int row) const;

    /// Rows (held locks).
    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    /// ColumnCount.
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    /// Display texts, tool tips and the extra roles.
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    /// Column titles.
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    void track(LockState *state);
    void onStateChanged(LockState *state);
    void removeRow(int row);
    QString titleOf(const QString &recordId) const;
    QString holderText(const LockState *state) const;
    QString connectedText(const LockState *state) const;
    static bool isListed(const LockState *state);

    QPointer<RecordListModel> m_titles;
    QList<QPointer<LockState>> m_rows;
    QSet<const LockState *> m_tracked;
};

} // namespace recordlock
