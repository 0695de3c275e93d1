#include "editor/historymodel.h"

#include <algorithm>

#include <QDateTime>
#include <QLocale>

#include "editor/editorlogging.h"

using namespace Qt::StringLiterals;

namespace recordlock {

namespace {

/// A server instant as local date and time with seconds: an audit trail is read to the second.
QString dateTime(qint64 serverTimeMs)
{
    const QDateTime local = QDateTime::fromMSecsSinceEpoch(serverTimeMs).toLocalTime();
    const QLocale locale;
    return locale.toString(local.date(), QLocale::ShortFormat) + u' ' + locale.toString(local.time(), u"HH:mm:ss"_s);
}

} // namespace

HistoryModel::HistoryModel(Connection *connection, QObject *parent)
    : QAbstractTableModel(parent)
    , m_query(connection)
{
}

void HistoryModel::setPageSize(int pageSize)
{
    m_pageSize = std::clamp(pageSize, 1, HistoryQuery::MaxLimit);
}

void HistoryModel::load(const QString &recordId)
{
    ++m_generation;
    if (recordId != m_recordId) {
        beginResetModel();
        m_entries.clear();
        m_recordId = recordId;
        m_more = false;
        m_loaded = false;
        endResetModel();
    }
    fetch(0);
}

void HistoryModel::loadOlder()
{
    if (m_loading || !m_more || m_entries.isEmpty())
        return;
    fetch(m_entries.constLast().id);
}

void HistoryModel::fetch(qint64 before)
{
    if (m_recordId.isEmpty())
        return;
    const quint64 generation = m_generation;
    const bool first = before == 0;
    setLoading(true);
    m_query.fetch(m_recordId, before, m_pageSize, this,
                  [this, generation, first](const std::variant<HistoryPage, ProtocolError> &result) {
                      if (generation != m_generation)
                          return;
                      setLoading(false);
                      if (const auto *error = std::get_if<ProtocolError>(&result)) {
                          m_lastError = *error;
                          emit loadFailed(*error);
                          return;
                      }
                      onPage(first, std::get<HistoryPage>(result));
                  });
}

void HistoryModel::onPage(bool first, const HistoryPage &page)
{
    m_lastError = ProtocolError{ErrorCode::Internal, {}, {}};
    if (first) {
        beginResetModel();
        m_entries = page.entries;
        endResetModel();
    } else if (!page.entries.isEmpty()) {
        const int firstRow = int(m_entries.size());
        beginInsertRows({}, firstRow, firstRow + int(page.entries.size()) - 1);
        m_entries.append(page.entries);
        endInsertRows();
    }
    // An empty older page ends the paging even if the server said more before.
    m_more = page.more && (first || !page.entries.isEmpty());
    m_loaded = true;
    qCDebug(lcEditor) << m_recordId << "history rows:" << m_entries.size() << "more:" << m_more;
    emit pageLoaded();
}

void HistoryModel::setLoading(bool loading)
{
    if (m_loading == loading)
        return;
    m_loading = loading;
    emit loadingChanged(loading);
}

HistoryEntry HistoryModel::entryAt(int row) const
{
    return row >= 0 && row < m_entries.size() ? m_entries.at(row) : HistoryEntry{};
}

QString HistoryModel::actionText(const QString &action)
{
    if (action == HistoryEntry::Acquired)
        return tr("Started editing");
    if (action == HistoryEntry::Released)
        return tr("Stopped editing");
    if (action == HistoryEntry::Logout)
        return tr("Signed out");
    if (action == HistoryEntry::Switched)
        return tr("Moved to another window");
    if (action == HistoryEntry::Expired)
        return tr("Lock expired");
    if (action == HistoryEntry::Disconnected)
        return tr("Connection lost, lock freed");
    if (action == HistoryEntry::Overridden)
        return tr("Taken over");
    if (action == HistoryEntry::Saved)
        return tr("Saved");
    return action;
}

int HistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int HistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant HistoryModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_entries.size())
        return {};
    const HistoryEntry &entry = m_entries.at(index.row());
    switch (role) {
    case EntryIdRole:
        return entry.id;
    case AtRole:
        return entry.at;
    case ActionRole:
        return entry.action;
    case TokenRole:
        return entry.token;
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        break;
    default:
        return {};
    }
    switch (index.column()) {
    case TimeColumn:
        return dateTime(entry.at);
    case ActionColumn:
        return actionText(entry.action);
    case ActorColumn:
        // The server itself ends locks by expiry and orphan grace.
        return entry.actor.isEmpty() ? tr("(automatic)") : entry.actor;
    case SubjectColumn:
        return entry.subject;
    case ReasonColumn:
        return entry.reason;
    default:
        return {};
    }
}

QVariant HistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case ActionColumn:
        return tr("Action");
    case ActorColumn:
        return tr("By");
    case SubjectColumn:
        return tr("Holder affected");
    case ReasonColumn:
        return tr("Reason");
    default:
        return {};
    }
}

} // namespace recordlock
