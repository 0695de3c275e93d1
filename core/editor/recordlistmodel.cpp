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
/// Rows reserved up front from a first page's total (a bound against a bogus total).
constexpr qint64 MaxReservedRows = 2'000'000;

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
    m_lockChangePass.setSingleShot(true);
    m_lockChangePass.setInterval(0);
    connect(&m_lockChangePass, &QTimer::timeout, this, &RecordListModel::flushLockChanges);
    connect(records, &RecordService::recordUpdated, this, &RecordListModel::onRecordUpdated);
    // A row gets its LockState when one is created for its record (an event, a subscribe_all
    // baseline listing it, an acquire); until then it shows the list's free lock.
    connect(locks, &LockService::stateCreated, this, &RecordListModel::attachState);
    // Rows without a state show Offline while the connection is not online: announce them all.
    connect(locks->connection(), &Connection::stateChanged, this, [this] {
        if (!m_rows.isEmpty())
            emit dataChanged(index(0, LockColumn), index(int(m_rows.size()) - 1, LockColumn));
    });
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
    m_received = 0;
    // Into an empty list each page shows as it arrives; shown rows are replaced at once at the end.
    m_appending = m_rows.isEmpty();
    if (!m_loading) {
        m_loading = true;
        emit loadingChanged(true);
    }
    fetchPage(m_generation, 0, m_pageSize);
}

void RecordListModel::fetchPage(quint64 generation, qint64 offset, int limit)
{
    RecordQuery page = m_query;
    page.offset = offset;
    page.limit = limit;
    m_records->list(page, this, [this, generation](const std::variant<RecordList, ProtocolError> &result) {
        // A newer refresh() started meanwhile: its pages replace these.
        if (generation != m_generation)
            return;
        if (const auto *error = std::get_if<ProtocolError>(&result)) {
            qCInfo(lcEditorList) << "list_records failed:" << errorCodeName(error->code) << error->message;
            // Rows of the pages that did arrive are shown: their locks must still be watched.
            if (m_appending && !m_rows.isEmpty())
                watchRows();
            m_loadingList = RecordList{};
            finishLoading();
            emit refreshFailed(*error);
            return;
        }
        onPage(generation, std::get<RecordList>(result));
    });
}

void RecordListModel::onPage(quint64 generation, const RecordList &page)
{
    m_received += page.entries.size();
    if (m_appending) {
        // One allocation for the whole list: growing a QList of Rows copies every row.
        if (m_rows.isEmpty())
            m_rows.reserve(std::clamp<qint64>(page.total, 0, MaxReservedRows));
        appendEntries(page.entries);
    } else {
        m_loadingList.entries.append(page.entries);
        m_loadingList.total = page.total;
    }
    // An empty page ends the loop even if total promised more (records deleted meanwhile).
    if (!page.entries.isEmpty() && m_received < page.total) {
        fetchPage(generation, m_received, std::min(m_pageSize * PageGrowth, MaxPageSize));
        return;
    }
    if (m_appending)
        watchRows();
    else
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
    m_changedFirst = m_changedLast = -1;
    m_rows.reserve(list.entries.size());
    m_rowById.reserve(list.entries.size());
    for (const RecordList::Entry &entry : list.entries) {
        if (entry.record.id.isEmpty() || m_rowById.contains(entry.record.id))
            continue;
        Row row = makeRow(entry);
        m_rowById.insert(entry.record.id, int(m_rows.size()));
        m_rows.append(std::move(row));
    }
    endResetModel();
    watchRows();
}

QList<RecordList::Entry> RecordListModel::newEntries(const QList<RecordList::Entry> &list) const
{
    QList<RecordList::Entry> entries;
    entries.reserve(list.size());
    QSet<QString> seen;
    for (const RecordList::Entry &entry : list) {
        const QString &id = entry.record.id;
        if (id.isEmpty() || m_rowById.contains(id) || seen.contains(id))
            continue;
        seen.insert(id);
        entries.append(entry);
    }
    return entries;
}

void RecordListModel::appendEntries(const QList<RecordList::Entry> &list)
{
    const QList<RecordList::Entry> entries = newEntries(list);
    if (entries.isEmpty())
        return;
    const int first = int(m_rows.size());
    beginInsertRows(QModelIndex(), first, first + int(entries.size()) - 1);
    for (const RecordList::Entry &entry : entries) {
        Row row = makeRow(entry);
        m_rowById.insert(entry.record.id, int(m_rows.size()));
        m_rows.append(std::move(row));
    }
    endInsertRows();
}

RecordListModel::Row RecordListModel::makeRow(const RecordList::Entry &entry)
{
    // Called before the row is in m_rowById: the snapshot's change announces nothing. Only a
    // held lock needs a LockState at once; a free one shows as such without (100,000 rows would
    // otherwise cost 100,000 QObjects and their connections).
    LockState *state = nullptr;
    if (m_locks) {
        state = m_locks->existingState(entry.record.id);
        if (!state && entry.lock.recordId == entry.record.id && entry.lock.held)
            state = m_locks->state(entry.record.id);
    }
    if (state) {
        // The list's lock is a sequenced snapshot; a state waiting for this window's own
        // acquire keeps showing that until its answer comes.
        if (entry.lock.recordId == entry.record.id && !(entry.lock.seq == 0 && !entry.lock.held)
            && state->status() != LockState::Status::Pending)
            state->applySnapshot(entry.lock);
        trackState(state);
    }
    return Row{entry.record, state};
}

void RecordListModel::watchRows()
{
    // subscribe_all: its baseline creates states for the held locks (attachState()), and events
    // create them for records locked later.
    if (m_locks)
        m_locks->watchAll({});
}

void RecordListModel::attachState(LockState *state)
{
    const int row = rowOf(state->recordId());
    if (row < 0 || m_rows[row].lock)
        return;
    m_rows[row].lock = state;
    trackState(state);
    onLockChanged(state->recordId());
}

LockState::Status RecordListModel::statelessStatus() const
{
    return m_locks && m_locks->connection()->isOnline() ? LockState::Status::Free : LockState::Status::Offline;
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
    if (!m_lockChangePass.isActive()) {
        const QModelIndex cell = index(row, LockColumn);
        emit dataChanged(cell, cell);
        m_lockChangePass.start();
        return;
    }
    m_changedFirst = m_changedFirst < 0 ? row : std::min(m_changedFirst, row);
    m_changedLast = std::max(m_changedLast, row);
}

void RecordListModel::flushLockChanges()
{
    const int first = m_changedFirst;
    const int last = std::min(m_changedLast, int(m_rows.size()) - 1);
    m_changedFirst = m_changedLast = -1;
    if (first < 0 || first > last)
        return;
    emit dataChanged(index(first, LockColumn), index(last, LockColumn));
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
            if (!state)
                return statelessStatus() == LockState::Status::Free ? tr("Available") : tr("Unknown (offline)");
            return lockText(state);
        case LockStatusRole:
            return QVariant::fromValue(state ? state->status() : statelessStatus());
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
