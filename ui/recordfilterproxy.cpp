#include "ui/recordfilterproxy.h"

#include <algorithm>

#include "client/lockstate.h"
#include "editor/recordlistmodel.h"
#include "ui/timetext.h"

namespace recordlock {

RecordFilterProxy::RecordFilterProxy(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortCaseSensitivity(Qt::CaseInsensitive);
    setSortLocaleAware(true);
    // Lock changes arrive as dataChanged: re-sorting on every renewal would make rows jump.
    setDynamicSortFilter(false);
}

void RecordFilterProxy::setSearchText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_text)
        return;
    m_text = trimmed;
    invalidateFilter();
}

void RecordFilterProxy::setRecordType(const QString &type)
{
    if (type == m_type)
        return;
    m_type = type;
    invalidateFilter();
}

QVariant RecordFilterProxy::data(const QModelIndex &index, int role) const
{
    if (index.column() != RecordListModel::LockColumn
        || (role != Qt::DisplayRole && role != Qt::ToolTipRole && role != Qt::AccessibleTextRole))
        return QSortFilterProxyModel::data(index, role);
    const auto status = LockState::Status(index.data(RecordListModel::LockStatusRole).toInt());
    const QString holder = index.data(RecordListModel::HolderNameRole).toString();
    const qint64 expiresAt = index.data(RecordListModel::ExpiresAtRole).toLongLong();
    const qint64 orphanDeadline = index.data(RecordListModel::OrphanDeadlineRole).toLongLong();
    const bool connected = index.data(RecordListModel::HolderConnectedRole).toBool();
    const bool tip = role == Qt::ToolTipRole;
    switch (status) {
    case LockState::Status::Unknown:
        return QString();
    case LockState::Status::Free:
        return tip ? tr("Nobody is editing this record") : tr("Available");
    case LockState::Status::Pending:
        return tr("Requesting the lock…");
    case LockState::Status::HeldByMe:
        return tip ? tr("You are editing this record; the lock expires %1 unless renewed").arg(TimeText::clock(expiresAt))
                   : tr("You, until %1").arg(TimeText::clock(expiresAt));
    case LockState::Status::HeldByMeElsewhere:
        return tip ? tr("You are editing this record in another window")
                   : tr("You (other window), until %1").arg(TimeText::clock(expiresAt));
    case LockState::Status::HeldByOther:
        if (!connected) {
            const qint64 freedAt = orphanDeadline > 0 ? std::min(orphanDeadline, expiresAt) : expiresAt;
            return tip ? tr("%1 is disconnected; the lock is freed at %2 unless they return")
                             .arg(holder, TimeText::clock(freedAt))
                       : tr("%1 (disconnected), until %2").arg(holder, TimeText::clock(freedAt));
        }
        return tip ? tr("Being edited by %1; the lock expires %2 unless renewed").arg(holder, TimeText::clock(expiresAt))
                   : tr("%1, until %2").arg(holder, TimeText::clock(expiresAt));
    case LockState::Status::Offline:
        return tip ? tr("Offline: lock status unknown") : tr("Unknown (offline)");
    }
    return QString();
}

bool RecordFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QAbstractItemModel *source = sourceModel();
    const QModelIndex id = source->index(sourceRow, RecordListModel::IdColumn, sourceParent);
    if (!m_type.isEmpty() && source->data(id, RecordListModel::RecordTypeRole).toString() != m_type)
        return false;
    if (m_text.isEmpty())
        return true;
    if (source->data(id, Qt::DisplayRole).toString().contains(m_text, Qt::CaseInsensitive))
        return true;
    const QModelIndex title = source->index(sourceRow, RecordListModel::TitleColumn, sourceParent);
    return source->data(title, Qt::DisplayRole).toString().contains(m_text, Qt::CaseInsensitive);
}

bool RecordFilterProxy::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    if (left.column() == RecordListModel::LockColumn) {
        // Held records first, then by holder: "who is editing what" reads best grouped.
        const int leftStatus = left.data(RecordListModel::LockStatusRole).toInt();
        const int rightStatus = right.data(RecordListModel::LockStatusRole).toInt();
        if (leftStatus != rightStatus)
            return leftStatus > rightStatus;
    }
    return QSortFilterProxyModel::lessThan(left, right);
}

} // namespace recordlock
