#include "ui/locksdialog.h"

#include <QDialogButtonBox>
#include <QEvent>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTreeView>
#include <QVBoxLayout>

#include "client/connection.h"
#include "client/lockservice.h"
#include "editor/heldlocksmodel.h"

using namespace Qt::StringLiterals;

namespace recordlock {

LocksDialog::LocksDialog(LockService *locks, RecordListModel *titles, QWidget *parent)
    : QDialog(parent)
    , m_connection(locks->connection())
    , m_model(new HeldLocksModel(locks, titles, this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_summary(new QLabel(this))
    , m_view(new QTreeView(this))
{
    setObjectName(u"locksDialog"_s);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(HeldLocksModel::SortRole);
    m_proxy->setSortCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setDynamicSortFilter(true);
    m_view->setObjectName(u"locksView"_s);
    m_view->setModel(m_proxy);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(HeldLocksModel::RecordColumn, Qt::AscendingOrder);
    m_view->header()->setStretchLastSection(true);
    m_view->header()->resizeSection(HeldLocksModel::RecordColumn, 115);
    m_view->header()->resizeSection(HeldLocksModel::TitleColumn, 250);
    m_view->header()->resizeSection(HeldLocksModel::HolderColumn, 240);
    m_view->header()->resizeSection(HeldLocksModel::SinceColumn, 65);
    m_view->header()->resizeSection(HeldLocksModel::ExpiresColumn, 70);
    m_summary->setObjectName(u"locksSummary"_s);
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setWordWrap(true);
    m_summary->setBuddy(m_view);

    auto *buttons = new QDialogButtonBox(this);
    m_takeOver = buttons->addButton(QString(), QDialogButtonBox::ActionRole);
    m_takeOver->setObjectName(u"locksTakeOverButton"_s);
    m_takeOver->setAutoDefault(false);
    m_close = buttons->addButton(QDialogButtonBox::Close);
    connect(m_takeOver, &QPushButton::clicked, this, [this] {
        const QString recordId = selectedRecordId();
        if (!recordId.isEmpty() && m_takeOver->isEnabled())
            emit takeOverRequested(recordId);
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_view, 1);
    layout->addWidget(buttons);

    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &LocksDialog::updateState);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &LocksDialog::updateState);
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_model, signal, this, &LocksDialog::updateState);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &LocksDialog::updateState);
    connect(m_connection, &Connection::stateChanged, this, &LocksDialog::updateState);

    retranslate();
    resize(960, 380);
}

QString LocksDialog::selectedRecordId() const
{
    const QModelIndex current = m_view->selectionModel()->currentIndex();
    if (!current.isValid() || !m_view->selectionModel()->isRowSelected(current.row(), current.parent()))
        return {};
    return current.data(HeldLocksModel::RecordIdRole).toString();
}

bool LocksDialog::selectRecord(const QString &recordId)
{
    const int row = m_model->rowOf(recordId);
    if (row < 0)
        return false;
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
    m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    return true;
}

QString LocksDialog::summaryText() const
{
    return m_summary->text();
}

void LocksDialog::changeEvent(QEvent *event)
{
    QDialog::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        retranslate();
}

void LocksDialog::retranslate()
{
    setWindowTitle(tr("All current locks"));
    m_view->setAccessibleName(tr("Current locks"));
    m_takeOver->setText(tr("&Take over…"));
    m_takeOver->setToolTip(tr("Open the selected record and take over its lock"));
    m_close->setText(tr("Close"));
    updateState();
}

void LocksDialog::updateState()
{
    const int count = m_model->rowCount();
    QString summary;
    if (!m_connection->isOnline())
        summary = tr("Offline: showing the locks as last known. The list updates again once reconnected.");
    else if (count == 0)
        summary = tr("Nobody is editing any record right now.");
    else
        summary = tr("Locked records: %1. The list updates live; select one and choose Take over to edit it "
                     "yourself.").arg(count);
    m_summary->setText(summary);

    const QString recordId = selectedRecordId();
    const int row = m_model->rowOf(recordId);
    const auto status = row >= 0 ? LockState::Status(m_model->index(row, 0).data(HeldLocksModel::LockStatusRole).toInt())
                                 : LockState::Status::Unknown;
    // The server decides in the end; the button only hides what makes no sense (own or free locks).
    m_takeOver->setEnabled(m_connection->isOnline() && m_connection->session().isAdmin()
                           && status == LockState::Status::HeldByOther);
}

} // namespace recordlock
