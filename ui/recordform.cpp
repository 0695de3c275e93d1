#include "ui/recordform.h"

#include <algorithm>

#include <QEvent>
#include <QFormLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTextBlock>

#include "ui/fieldcatalog.h"

using namespace Qt::StringLiterals;

namespace recordlock {

namespace {

/// Keys the editor uses as shortcuts even while a field has the focus (a line edit would take
/// Ctrl+E as "end of line" on X11).
bool isEditorShortcut(const QKeyEvent *event)
{
    const QKeyCombination combination = event->keyCombination();
    return combination == QKeyCombination(Qt::ControlModifier, Qt::Key_E)
        || combination == QKeyCombination(Qt::ControlModifier, Qt::Key_S);
}

} // namespace

RecordForm::RecordForm(QWidget *parent)
    : QWidget(parent)
    , m_layout(new QFormLayout(this))
{
    setObjectName(u"recordForm"_s);
    m_layout->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_layout->setRowWrapPolicy(QFormLayout::DontWrapRows);
    m_layout->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
}

void RecordForm::build(const QString &type, const QStringList &fieldNames)
{
    clear();
    m_type = type;
    const QList<FieldCatalog::Field> fields = FieldCatalog::formFields(type, fieldNames);
    QWidget *previous = nullptr;
    for (const FieldCatalog::Field &field : fields) {
        Row row;
        row.labelText = field.label;
        row.multiline = field.multiline;
        if (field.multiline) {
            auto *edit = new QPlainTextEdit(this);
            edit->setTabChangesFocus(true);
            edit->setMinimumHeight(edit->fontMetrics().lineSpacing() * 4);
            connect(edit, &QPlainTextEdit::textChanged, this, [this, edit, name = field.name] {
                if (!m_settingValue)
                    emit fieldEdited(name, edit->toPlainText());
            });
            row.editor = edit;
        } else {
            auto *edit = new QLineEdit(this);
            connect(edit, &QLineEdit::textEdited, this,
                    [this, name = field.name](const QString &text) { emit fieldEdited(name, text); });
            row.editor = edit;
        }
        row.editor->setObjectName(u"field_"_s + field.name);
        row.editor->setAccessibleName(field.label);
        row.editor->installEventFilter(this);
        row.label = new QLabel(this);
        row.label->setBuddy(row.editor);
        m_layout->addRow(row.label, row.editor);
        if (previous)
            setTabOrder(previous, row.editor);
        previous = row.editor;
        m_order.append(field.name);
        m_rows.insert(field.name, row);
        updateLabel(row);
        applyReadOnly(row);
    }
}

void RecordForm::setValue(const QString &field, const QString &value)
{
    const auto it = m_rows.constFind(field);
    if (it == m_rows.cend())
        return;
    m_settingValue = true;
    if (auto *line = qobject_cast<QLineEdit *>(it->editor)) {
        if (line->text() != value) {
            const int cursor = line->cursorPosition();
            line->setText(value);
            line->setCursorPosition(std::min(cursor, int(value.size())));
        }
    } else if (auto *text = qobject_cast<QPlainTextEdit *>(it->editor)) {
        if (text->toPlainText() != value) {
            const int cursor = text->textCursor().position();
            text->setPlainText(value);
            QTextCursor restored = text->textCursor();
            restored.setPosition(std::min(cursor, int(value.size())));
            text->setTextCursor(restored);
        }
    }
    m_settingValue = false;
}

QString RecordForm::value(const QString &field) const
{
    const auto it = m_rows.constFind(field);
    if (it == m_rows.cend())
        return {};
    if (auto *line = qobject_cast<QLineEdit *>(it->editor))
        return line->text();
    if (auto *text = qobject_cast<QPlainTextEdit *>(it->editor))
        return text->toPlainText();
    return {};
}

void RecordForm::setDirty(const QString &field, bool dirty)
{
    const auto it = m_rows.find(field);
    if (it == m_rows.end() || it->dirty == dirty)
        return;
    it->dirty = dirty;
    updateLabel(*it);
}

void RecordForm::setReadOnly(bool readOnly)
{
    if (m_readOnly == readOnly)
        return;
    m_readOnly = readOnly;
    for (const Row &row : std::as_const(m_rows))
        applyReadOnly(row);
}

QWidget *RecordForm::editor(const QString &field) const
{
    return m_rows.value(field).editor;
}

void RecordForm::focusFirstField()
{
    if (!m_order.isEmpty())
        m_rows.value(m_order.first()).editor->setFocus(Qt::ShortcutFocusReason);
}

bool RecordForm::eventFilter(QObject *watched, QEvent *event)
{
    switch (event->type()) {
    case QEvent::ShortcutOverride:
        if (isEditorShortcut(static_cast<QKeyEvent *>(event))) {
            // Left unaccepted, so the window's shortcut wins over the field's own key binding.
            event->ignore();
            return true;
        }
        break;
    case QEvent::FocusIn:
    case QEvent::MouseButtonPress:
    case QEvent::Wheel:
    case QEvent::KeyPress:
        emit activity();
        break;
    default:
        break;
    }
    return QWidget::eventFilter(watched, event);
}

void RecordForm::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        for (const Row &row : std::as_const(m_rows))
            applyReadOnly(row);
    }
}

void RecordForm::clear()
{
    for (const Row &row : std::as_const(m_rows)) {
        row.editor->removeEventFilter(this);
    }
    while (m_layout->rowCount() > 0)
        m_layout->removeRow(0);
    m_rows.clear();
    m_order.clear();
    m_type.clear();
}

void RecordForm::applyReadOnly(const Row &row)
{
    if (auto *line = qobject_cast<QLineEdit *>(row.editor))
        line->setReadOnly(m_readOnly);
    else if (auto *text = qobject_cast<QPlainTextEdit *>(row.editor))
        text->setReadOnly(m_readOnly);
    // Read-only fields take the window's colour, so "you cannot type here" shows before anyone tries.
    QPalette fieldPalette = palette();
    if (m_readOnly)
        fieldPalette.setColor(QPalette::Base, palette().color(QPalette::Window));
    row.editor->setPalette(fieldPalette);
    row.editor->setAccessibleDescription(row.dirty ? tr("Changed, not saved yet")
                                                   : (m_readOnly ? tr("Read-only") : QString()));
}

void RecordForm::updateLabel(const Row &row)
{
    // The mark is text, not just colour or weight, so it survives any theme and screen reader.
    row.label->setText(row.dirty ? tr("%1 (changed):").arg(row.labelText) : tr("%1:").arg(row.labelText));
    QFont font = row.label->font();
    font.setBold(row.dirty);
    row.label->setFont(font);
    applyReadOnly(row);
}

} // namespace recordlock
