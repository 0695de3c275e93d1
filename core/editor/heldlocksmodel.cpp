#include "editor/heldlocksmodel.h"

#include <algorithm>

#include <QDateTime>
#include <QLocale>

#include "client/lockservice.h"
#include "editor/recordlistmodel.h"

using namespace Qt::StringLiterals;

namespace recordlock {

namespace {

/// A server instant as the user's local time of day; the date, too, in the tool tip.
QString timeOfDay(qint64 serverTimeMs)
{
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(serverTimeMs).toLocalTime().time(), u"HH:mm"_s);
}

QString fullTime(qint64 serverTimeMs)
{
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(serverTimeMs).toLocalTime(), QLocale::LongFormat);
}

} // namespace

HeldLocksModel::HeldLocksModel(LockService *locks, RecordListModel *titles, QObject *parent)
    : QAbstractTableModel(parent)
    , m_titles(titles)
{
    const QList<LockState *> states = locks->states();
    for (LockState *state : states)
        track(state);
    connect(locks, &LockService::stateCreated, this, &HeldLocksModel::track);
    if (titles) {
        const auto titlesChanged = [this] {
            if (!m_rows.isEmpty())
                emit dataChanged(index(0, TitleColumn), index(int(m_rows.size()) - 1, TitleColumn));
        };
        connect(titles, &QAbstractItemModel::modelReset, this, titlesChanged);
        connect(titles, &QAbstractItemModel::dataChanged, this, titlesChanged);
    }
}

void HeldLocksModel::track(LockState *state)
{
    if (!state || m_tracked.contains(state))
        return;
    m_tracked.insert(state);
    connect(state, &LockState::changed, this, [this, state] { onStateChanged(state); });
    connect(state, &QObject::destroyed, this, [this, state] {
        m_tracked.remove(state);
        // The QPointer in the row is null by now: drop every such row.
        for (int row = int(m_rows.size()) - 1; row >= 0; --row) {
            if (!m_rows.at(row))
                removeRow(row);
        }
    });
    onStateChanged(state);
}

void HeldLocksModel::onStateChanged(LockState *state)
{
    const int row = rowOf(state->recordId());
    const bool listed = isListed(state);
    if (listed && row < 0) {
        const int last = int(m_rows.size());
        beginInsertRows({}, last, last);
        m_rows.append(state);
        endInsertRows();
    } else if (!listed && row >= 0) {
        removeRow(row);
    } else if (listed) {
        emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
    }
}

void HeldLocksModel::removeRow(int row)
{
    beginRemoveRows({}, row, row);
    m_rows.removeAt(row);
    endRemoveRows();
}

bool HeldLocksModel::isListed(const LockState *state)
{
    // Pending and Offline keep the last known lock, so a row does not blink while a request runs.
    return state->status() != LockState::Status::Unknown && state->lock().held;
}

QString HeldLocksModel::recordIdAt(int row) const
{
    const LockState *state = stateAt(row);
    return state ? state->recordId() : QString();
}

int HeldLocksModel::rowOf(const QString &recordId) const
{
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row) && m_rows.at(row)->recordId() == recordId)
            return row;
    }
    return -1;
}

LockState *HeldLocksModel::stateAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).data() : nullptr;
}

int HeldLocksModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int HeldLocksModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant HeldLocksModel::data(const QModelIndex &index, int role) const
{
    const LockState *state = index.isValid() ? stateAt(index.row()) : nullptr;
    if (!state)
        return {};
    const LockInfo &lock = state->lock();
    switch (role) {
    case RecordIdRole:
        return state->recordId();
    case LockStatusRole:
        return int(state->status());
    case HolderHandleRole:
        return lock.holderHandle;
    case SortRole:
        switch (index.column()) {
        case SinceColumn:
            return lock.since;
        case ExpiresColumn:
            return lock.expiresAt;
        case ConnectedColumn:
            return lock.connected;
        default:
            return data(index, Qt::DisplayRole);
        }
    case Qt::ToolTipRole:
        if (index.column() == SinceColumn)
            return fullTime(lock.since);
        if (index.column() == ExpiresColumn)
            return fullTime(lock.expiresAt);
        break;
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (index.column()) {
    case RecordColumn:
        return state->recordId();
    case TitleColumn:
        return titleOf(state->recordId());
    case HolderColumn:
        return holderText(state);
    case SinceColumn:
        return timeOfDay(lock.since);
    case ExpiresColumn:
        return timeOfDay(lock.expiresAt);
    case ConnectedColumn:
        return connectedText(state);
    default:
        return {};
    }
}

QVariant HeldLocksModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case RecordColumn:
        return tr("Record");
    case TitleColumn:
        return tr("Title");
    case HolderColumn:
        return tr("Holder");
    case SinceColumn:
        return tr("Since");
    case ExpiresColumn:
        return tr("Expires");
    case ConnectedColumn:
        return tr("Connected");
    default:
        return {};
    }
}

QString HeldLocksModel::titleOf(const QString &recordId) const
{
    if (!m_titles)
        return {};
    return m_titles->recordAt(m_titles->rowOf(recordId)).title();
}

QString HeldLocksModel::holderText(const LockState *state) const
{
    const LockInfo &lock = state->lock();
    if (lock.sameSession)
        return tr("%1 (you, this window)").arg(lock.holderName);
    if (lock.sameUser)
        return tr("%1 (you, another window)").arg(lock.holderName);
    return lock.holderName;
}

QString HeldLocksModel::connectedText(const LockState *state) const
{
    const LockInfo &lock = state->lock();
    if (lock.connected)
        return tr("Yes");
    const qint64 freedAt = lock.orphanDeadline > 0 ? std::min(lock.orphanDeadline, lock.expiresAt) : lock.expiresAt;
    return tr("No, freed at %1").arg(timeOfDay(freedAt));
}

} // namespace recordlock
