#include "ui/recordlistview.h"

#include <algorithm>

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QStyle>
#include <QTreeView>
#include <QVBoxLayout>

#include "editor/recordlistmodel.h"
#include "ui/fieldcatalog.h"
#include "ui/lockcolumndelegate.h"
#include "ui/recordfilterproxy.h"

using namespace Qt::StringLiterals;

namespace recordlock {

RecordListView::RecordListView(RecordListModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_proxy(new RecordFilterProxy(this))
    , m_search(new QLineEdit(this))
    , m_type(new QComboBox(this))
    , m_view(new QTreeView(this))
    , m_count(new QLabel(this))
{
    setObjectName(u"recordList"_s);
    m_proxy->setSourceModel(m_model);

    m_search->setObjectName(u"searchField"_s);
    m_search->setClearButtonEnabled(true);
    m_search->installEventFilter(this);
    connect(m_search, &QLineEdit::textChanged, m_proxy, &RecordFilterProxy::setSearchText);
    connect(m_search, &QLineEdit::textChanged, this, &RecordListView::updateCount);
    m_type->setObjectName(u"typeFilter"_s);
    connect(m_type, &QComboBox::currentIndexChanged, this, [this] {
        m_proxy->setRecordType(m_type->currentData().toString());
        updateCount();
    });

    m_view->setObjectName(u"recordView"_s);
    m_view->setModel(m_proxy);
    m_view->setRootIsDecorated(false);
    m_view->setItemsExpandable(false);
    m_view->setUniformRowHeights(true);
    m_view->setAllColumnsShowFocus(true);
    m_view->setAlternatingRowColors(true);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(RecordListModel::IdColumn, Qt::AscendingOrder);
    m_view->setItemDelegateForColumn(RecordListModel::LockColumn, new LockColumnDelegate(m_view));
    m_view->installEventFilter(this);
    QHeaderView *header = m_view->header();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(RecordListModel::TitleColumn, QHeaderView::Stretch);
    header->setMinimumSectionSize(40);

    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { onCurrentChanged(current); });
    connect(m_view, &QTreeView::activated, this, [this](const QModelIndex &index) {
        emit recordActivated(index.data(RecordListModel::RecordIdRole).toString());
    });
    connect(m_model, &RecordListModel::modelReset, this, &RecordListView::updateCount);
    connect(m_model, &RecordListModel::rowsInserted, this, &RecordListView::updateCount);
    connect(m_model, &RecordListModel::rowsRemoved, this, &RecordListView::updateCount);
    connect(m_model, &RecordListModel::loadingChanged, this, &RecordListView::updateCount);
    connect(m_model, &RecordListModel::refreshed, this, [this] {
        m_error.clear();
        // Sorting is not dynamic (rows must not jump on lock renewals): apply it to the new rows.
        m_proxy->sort(m_view->header()->sortIndicatorSection(), m_view->header()->sortIndicatorOrder());
        updateCount();
    });
    connect(m_model, &RecordListModel::refreshFailed, this, &RecordListView::onRefreshFailed);

    m_count->setObjectName(u"recordCount"_s);
    m_count->setForegroundRole(QPalette::PlaceholderText);

    auto *filters = new QHBoxLayout;
    filters->addWidget(m_search, 1);
    filters->addWidget(m_type);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(filters);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_count);
    setFocusProxy(m_view);
    retranslate();
}

QString RecordListView::currentRecordId() const
{
    return m_view->currentIndex().data(RecordListModel::RecordIdRole).toString();
}

bool RecordListView::selectRecord(const QString &recordId)
{
    const int sourceRow = m_model->rowOf(recordId);
    if (sourceRow < 0)
        return false;
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(sourceRow, 0));
    return index.isValid() && selectRow(index.row());
}

bool RecordListView::selectNext()
{
    const int row = m_view->currentIndex().isValid() ? m_view->currentIndex().row() + 1 : 0;
    return selectRow(row);
}

bool RecordListView::selectPrevious()
{
    const QModelIndex current = m_view->currentIndex();
    return current.isValid() && selectRow(current.row() - 1);
}

void RecordListView::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

void RecordListView::focusList()
{
    m_view->setFocus(Qt::ShortcutFocusReason);
    if (!m_view->currentIndex().isValid())
        selectRow(0);
}

bool RecordListView::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (watched == m_search && (key->key() == Qt::Key_Down || key->key() == Qt::Key_Return
                                    || key->key() == Qt::Key_Enter)) {
            // From the search field straight into the results, as in any search box.
            focusList();
            return true;
        }
        if (watched == m_view && key->key() == Qt::Key_Escape && !m_search->text().isEmpty()) {
            m_search->clear();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void RecordListView::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        retranslate();
}

void RecordListView::retranslate()
{
    m_search->setPlaceholderText(tr("Search by name or id (Ctrl+F)"));
    m_search->setAccessibleName(tr("Search records"));
    const int type = std::max(0, m_type->currentIndex());
    m_type->blockSignals(true);
    m_type->clear();
    m_type->addItem(tr("All records"), QString());
    m_type->addItem(tr("Customers"), u"customer"_s);
    m_type->addItem(tr("Claims"), u"claim"_s);
    m_type->setCurrentIndex(type);
    m_type->blockSignals(false);
    m_type->setAccessibleName(tr("Record type"));
    m_view->setAccessibleName(tr("Records"));
    fitColumns();
    updateCount();
}

void RecordListView::fitColumns()
{
    // Widths from the font, not from the rows: measuring 10,000 rows for ResizeToContents costs
    // time on every reset, and ids and type names have a known longest form.
    const QFontMetrics metrics = m_view->fontMetrics();
    const int padding = 2 * m_view->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, m_view) + 16;
    const int typeWidth = std::max({metrics.horizontalAdvance(FieldCatalog::typeName(u"customer"_s)),
                                    metrics.horizontalAdvance(FieldCatalog::typeName(u"claim"_s)),
                                    metrics.horizontalAdvance(m_model->headerData(RecordListModel::TypeColumn,
                                                                                  Qt::Horizontal).toString())});
    QHeaderView *header = m_view->header();
    header->resizeSection(RecordListModel::IdColumn, metrics.horizontalAdvance(u"CL-2026-00000"_s) + padding);
    header->resizeSection(RecordListModel::TypeColumn, typeWidth + padding);
    // Room for a typical holder ("Alice Archer, until 14:05") and the icon; longer names elide.
    const int iconWidth = m_view->style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, m_view) + 6;
    header->resizeSection(RecordListModel::LockColumn,
                          metrics.horizontalAdvance(u"Alice Archer, until 14:05"_s) * 11 / 10 + iconWidth + padding);
}

void RecordListView::onCurrentChanged(const QModelIndex &current)
{
    emit recordSelected(current.data(RecordListModel::RecordIdRole).toString());
}

void RecordListView::updateCount()
{
    QString text;
    if (!m_error.isEmpty())
        text = m_error;
    else if (m_model->isLoading() && m_model->rowCount() == 0)
        text = tr("Loading records…");
    else if (m_proxy->rowCount() == m_model->rowCount())
        text = tr("Records: %1").arg(m_model->rowCount());
    else
        text = tr("Showing %1 of %2 records").arg(m_proxy->rowCount()).arg(m_model->rowCount());
    m_count->setText(text);
}

void RecordListView::onRefreshFailed(const ProtocolError &error)
{
    m_error = error.code == ErrorCode::Unavailable ? tr("The record list cannot be loaded while offline.")
                                                   : tr("The record list could not be loaded.");
    updateCount();
}

bool RecordListView::selectRow(int row)
{
    if (row < 0 || row >= m_proxy->rowCount())
        return false;
    const QModelIndex index = m_proxy->index(row, 0);
    m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_view->scrollTo(index);
    return true;
}

} // namespace recordlock
