#include "ui/historydialog.h"

#include <QDialogButtonBox>
#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeView>
#include <QVBoxLayout>

#include "editor/historymodel.h"

using namespace Qt::StringLiterals;

namespace recordlock {

HistoryDialog::HistoryDialog(Connection *connection, const QString &recordId, const QString &title, QWidget *parent)
    : QDialog(parent)
    , m_model(new HistoryModel(connection, this))
    , m_recordId(recordId)
    , m_title(title)
    , m_intro(new QLabel(this))
    , m_view(new QTreeView(this))
    , m_status(new QLabel(this))
{
    setObjectName(u"historyDialog"_s);
    m_intro->setWordWrap(true);
    m_intro->setTextFormat(Qt::PlainText);
    m_view->setObjectName(u"historyView"_s);
    m_view->setModel(m_model);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setWordWrap(false);
    m_view->header()->setStretchLastSection(true);
    m_intro->setBuddy(m_view);
    m_status->setObjectName(u"historyStatus"_s);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);

    auto *buttons = new QDialogButtonBox(this);
    m_loadOlder = buttons->addButton(QString(), QDialogButtonBox::ActionRole);
    m_loadOlder->setObjectName(u"loadOlderButton"_s);
    m_reload = buttons->addButton(QString(), QDialogButtonBox::ActionRole);
    m_reload->setObjectName(u"reloadHistoryButton"_s);
    m_close = buttons->addButton(QDialogButtonBox::Close);
    for (QPushButton *button : {m_loadOlder, m_reload})
        button->setAutoDefault(false);
    connect(m_loadOlder, &QPushButton::clicked, m_model, &HistoryModel::loadOlder);
    connect(m_reload, &QPushButton::clicked, this, &HistoryDialog::reload);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_status);
    layout->addWidget(buttons);

    connect(m_model, &HistoryModel::loadingChanged, this, &HistoryDialog::updateStatus);
    connect(m_model, &HistoryModel::pageLoaded, this, [this] {
        m_error.clear();
        for (int column = 0; column < HistoryModel::ReasonColumn; ++column)
            m_view->resizeColumnToContents(column);
        updateStatus();
    });
    connect(m_model, &HistoryModel::loadFailed, this, &HistoryDialog::onFailed);

    retranslate();
    resize(820, 420);
    reload();
}

QString HistoryDialog::statusText() const
{
    return m_status->text();
}

void HistoryDialog::reload()
{
    m_error.clear();
    m_model->load(m_recordId);
    updateStatus();
}

void HistoryDialog::changeEvent(QEvent *event)
{
    QDialog::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        retranslate();
}

void HistoryDialog::retranslate()
{
    const QString record = m_title.isEmpty() ? m_recordId : m_recordId + u' ' + m_title;
    setWindowTitle(tr("Lock history — %1").arg(record));
    m_intro->setText(tr("&Who held the lock of %1 and when, newest first. Times are your local time.").arg(m_recordId));
    m_view->setAccessibleName(tr("Lock history of %1").arg(m_recordId));
    m_loadOlder->setText(tr("Load &older"));
    m_loadOlder->setToolTip(tr("Show the next older entries"));
    m_reload->setText(tr("&Refresh"));
    m_close->setText(tr("Close"));
    updateStatus();
}

void HistoryDialog::updateStatus()
{
    m_loadOlder->setEnabled(m_model->hasMore() && !m_model->isLoading());
    QString text;
    if (!m_error.isEmpty())
        text = m_error;
    else if (m_model->isLoading())
        text = tr("Loading…");
    else if (m_model->isLoaded() && m_model->rowCount() == 0)
        text = tr("No lock history for this record yet.");
    else if (m_model->isLoaded())
        text = m_model->hasMore() ? tr("%n entries shown; older ones exist.", nullptr, m_model->rowCount())
                                  : tr("%n entries shown; this is the whole history.", nullptr, m_model->rowCount());
    m_status->setText(text);
    m_status->setAccessibleName(text);
}

void HistoryDialog::onFailed(const ProtocolError &error)
{
    switch (error.code) {
    case ErrorCode::Forbidden:
        m_error = tr("Only administrators can see the lock history.");
        break;
    case ErrorCode::NotFound:
        m_error = tr("This record no longer exists.");
        break;
    case ErrorCode::Unavailable:
        m_error = tr("The history cannot be loaded while the server is unreachable. Try Refresh when reconnected.");
        break;
    default:
        m_error = tr("The history could not be loaded because of a problem on the server.");
        break;
    }
    updateStatus();
}

} // namespace recordlock
