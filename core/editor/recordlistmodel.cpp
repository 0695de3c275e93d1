#include "editor/recordlistmodel.h"

#include <algorithm>

#include <QCoreApplication>
#include <QDateTime>
#include <QLocale>

#include "client/connection.h"
#include "client/lockservice.h"
#include "client/recordservice.h"
#include "editor/editorlogging.h"

using namespace Qt::StringLiterals;

namespace recordlock {

namespace {

constexpr int MaxPageSize = 10'000;

/// A server time as the user's local time of day; the instant comes from the server's clock.
QString timeOfDay(qint64 serverTimeMs)
{
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(serverTimeMs).time(), QLocale::ShortFormat);
}

} // namespace

RecordListModel::RecordListModel(RecordService *records, LockService *locks, QObject *parent)
    : QAbstractTableModel(parent)
    , m_records(records)
    , m_locks(locks)
{
    connect(records, &RecordService::recordUpdated, this, &RecordListModel::onRecordUpdated);
    // Saves made while the connection was down reached nobody here: load the list again. (Locks
    // need nothing: the LockService subscribes again and takes the replies as baselines.)
    connect(locks->connection(), &Connection::reconnected, this, [this] {
        if (!m_rows.isEmpty() || m_loading)
            refresh();
    });
}

RecordListModel::~RecordListModel() = default;

void RecordListModel::setQuery(const RecordQuery &query)
{
    m_query = query;
}

void RecordListModel::setPageSize(int pageSize)
{
    m_pageSize = std::clamp(pageSize, 1, MaxPageSize);
}

void RecordListModel::refresh()
{
    if (!m_records)
        return;
    ++m_generation;
    m_loadingList = RecordList{};
    if (!m_loading) {
        m_loading = true;
        emit loadingChanged(true);
    }
    fetchPage(m_generation, 0);
}

void RecordListModel::fetchPage(quint64 generation, qint64 offset)
{
    RecordQuery page = m_query;
    page.offset = offset;
    page.limit = m_pageSize;
    m_records->list(page, this, [this, generation](const std::variant<RecordList, ProtocolError> &result) {
        // A newer refresh() started meanwhile: its pages replace these.
        if (generation != m_generation)
            return;
        if (const auto *error = std::get_if<ProtocolError>(&result)) {
            qCInfo(lcEditorList) << "list_records failed:" << errorCodeName(error->code) << error->message;
            finishLoading();
            emit refreshFailed(*error);
            return;
        }
        onPage(generation, std::get<RecordList>(result));
    });
}

void RecordListModel::onPage(quint64 generation, const RecordList &page)
{
    m_loadingList.entries.append(page.entries);
    m_loadingList.total = page.total;
    const qint64 loaded = m_loadingList.entries.size();
    // An empty page ends the loop even if total promised more (records deleted meanwhile).
    if (!page.entries.isEmpty() && loaded < page.total) {
        fetchPage(generation, loaded);
        return;
    }
    setRecords(m_loadingList);
    m_loadingList = RecordList{};
    finishLoading();
    emit refreshed();
}

void RecordListModel::finishLoading()
{
    if (m_loading) {
        m_loading = false;
        emit loadingChanged(false);
    }
}

void RecordListModel::setRecords(const RecordList &list)
{
    beginResetModel();
    m_rows.clear();
    m_rowById.clear();
    m_rows.reserve(list.entries.size());
    m_rowById.reserve(list.entries.size());
    QStringList ids;
    ids.reserve(list.entries.size());
    for (const RecordList::Entry &entry : list.entries) {
        if (entry.record.id.isEmpty() || m_rowById.contains(entry.record.id))
            continue;
        LockState *state = m_locks ? m_locks->state(entry.record.id) : nullptr;
        if (state) {
            // The list's lock is a sequenced snapshot; a state waiting for this window's own
            // acquire keeps showing that until its answer comes.
            if (entry.lock.recordId == entry.record.id && !(entry.lock.seq == 0 && !entry.lock.held)
                && state->status() != LockState::Status::Pending)
                state->applySnapshot(entry.lock);
            trackState(state);
        }
        m_rowById.insert(entry.record.id, int(m_rows.size()));
        m_rows.append(Row{entry.record, state});
        ids.append(entry.record.id);
    }
    endResetModel();
    if (m_locks)
        m_locks->watchAll(ids);
}

void RecordListModel::trackState(LockState *state)
{
    if (m_tracked.contains(state))
        return;
    m_tracked.insert(state);
    const QString id = state->recordId();
    connect(state, &LockState::changed, this, [this, id] { onLockChanged(id); });
    connect(state, &QObject::destroyed, this, [this, state] { m_tracked.remove(state); });
}

void RecordListModel::onLockChanged(const QString &recordId)
{
    const int row = rowOf(recordId);
    if (row < 0)
        return;
    const QModelIndex cell = index(row, LockColumn);
    emit dataChanged(cell, cell);
}

void RecordListModel::onRecordUpdated(const RecordData &changedOnly, const QStringList &changedFields)
{
    const int row = rowOf(changedOnly.id);
    if (row < 0)
        return;
    RecordData &record = m_rows[row].record;
    if (changedOnly.version <= record.version)
        return;
    record.version = changedOnly.version;
    record.updatedAt = changedOnly.updatedAt;
    record.updatedBy = changedOnly.updatedBy;
    const QString title = u"title"_s;
    if (changedFields.contains(title) || changedOnly.fields.contains(title))
        record.fields.insert(title, changedOnly.fields.value(title));
    // Id and Type never change; the version roles live on every column, the title on its own.
    emit dataChanged(index(row, IdColumn), index(row, TitleColumn));
}

QString RecordListModel::recordIdAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).record.id : QString();
}

int RecordListModel::rowOf(const QString &recordId) const
{
    return m_rowById.value(recordId, -1);
}

RecordData RecordListModel::recordAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).record : RecordData{};
}

QString RecordListModel::lockText(const LockState *state)
{
    if (!state)
        return {};
    switch (state->status()) {
    case LockState::Status::Unknown:
        return {};
    case LockState::Status::Free:
        return tr("Available");
    case LockState::Status::Pending:
        return tr("Requesting…");
    case LockState::Status::HeldByMe:
        return tr("You, until %1").arg(timeOfDay(state->expiresAt()));
    case LockState::Status::HeldByMeElsewhere:
        return tr("You (another window), until %1").arg(timeOfDay(state->expiresAt()));
    case LockState::Status::HeldByOther:
        if (!state->isConnected())
            return tr("%1 (disconnected)").arg(state->holderName());
        return tr("%1, until %2").arg(state->holderName(), timeOfDay(state->expiresAt()));
    case LockState::Status::Offline:
        return tr("Unknown (offline)");
    }
    return {};
}

int RecordListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int RecordListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RecordListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size() || index.column() >= ColumnCount)
        return {};
    const Row &row = m_rows.at(index.row());
    switch (role) {
    case RecordIdRole:
        return row.record.id;
    case RecordTypeRole:
        return row.record.type;
    case VersionRole:
        return row.record.version;
    default:
        break;
    }
    if (index.column() == LockColumn) {
        const LockState *state = row.lock.data();
        switch (role) {
        case Qt::DisplayRole:
        case Qt::ToolTipRole:
            return lockText(state);
        case LockStatusRole:
            return QVariant::fromValue(state ? state->status() : LockState::Status::Unknown);
        case HolderNameRole:
            return state ? state->holderName() : QString();
        case ExpiresAtRole:
            return state ? state->expiresAt() : qint64(0);
        case HolderConnectedRole:
            return state ? state->isConnected() : true;
        case SinceRole:
            return state ? state->since() : qint64(0);
        case OrphanDeadlineRole:
            return state ? state->orphanDeadline() : qint64(0);
        default:
            return {};
        }
    }
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (index.column()) {
    case IdColumn:
        return row.record.id;
    case TypeColumn:
        return row.record.type == u"claim"_s ? tr("Claim") : row.record.type == u"customer"_s ? tr("Customer")
                                                                                            : row.record.type;
    case TitleColumn:
        return row.record.title();
    default:
        return {};
    }
}

QVariant RecordListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case IdColumn:
        return tr("Id");
    case TypeColumn:
        return tr("Type");
    case TitleColumn:
        return tr("Title");
    case LockColumn:
        return tr("Lock");
    default:
        return {};
    }
}

QHash<int, QByteArray> RecordListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(LockStatusRole, "lockStatus");
    names.insert(HolderNameRole, "holderName");
    names.insert(ExpiresAtRole, "expiresAt");
    names.insert(HolderConnectedRole, "holderConnected");
    names.insert(SinceRole, "since");
    names.insert(OrphanDeadlineRole, "orphanDeadline");
    names.insert(RecordIdRole, "recordId");
    names.insert(RecordTypeRole, "recordType");
    names.insert(VersionRole, "version");
    return names;
}

} // namespace recordlock
