#include "ui/recordheader.h"

#include <QLabel>
#include <QVBoxLayout>

#include "protocol/recorddata.h"
#include "ui/editormessagetext.h"

using namespace Qt::StringLiterals;

namespace recordlock {

RecordHeader::RecordHeader(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_summary(new QLabel(this))
{
    setObjectName(u"recordHeader"_s);
    m_title->setObjectName(u"recordTitle"_s);
    m_title->setTextFormat(Qt::PlainText);
    m_title->setWordWrap(true);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.35);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_summary->setObjectName(u"recordSummary"_s);
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setForegroundRole(QPalette::PlaceholderText);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_title);
    layout->addWidget(m_summary);
}

void RecordHeader::setRecord(const RecordData &record)
{
    m_title->setText(record.title().isEmpty() ? record.id : record.title());
    m_summary->setText(EditorMessageText::recordSummary(record));
}

QString RecordHeader::title() const
{
    return m_title->text();
}

QString RecordHeader::summary() const
{
    return m_summary->text();
}

} // namespace recordlock
