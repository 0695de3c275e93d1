#pragma once

#include <QHash>
#include <QString>
#include <QStringList>
#include <QWidget>

class QFormLayout;
class QLabel;

namespace recordlock {

/// The fields of one record as a form: a QLineEdit or QPlainTextEdit per field, labelled in the
/// user's language, read-only or editable as a whole, with unsaved fields marked.
///
/// The form only shows and reports: fieldEdited() for the user's typing (never for setValue()),
/// activity() for any other input, so the editor can keep the idle timer honest.
class RecordForm : public QWidget
{
    Q_OBJECT

public:
    /// An empty form.
    explicit RecordForm(QWidget *parent = nullptr);

    /// Builds the rows for a record type and its field names (known fields first, in form order).
    void build(const QString &type, const QStringList &fieldNames);
    /// The record type the form was built for.
    QString type() const { return m_type; }
    /// Field names in form order.
    QStringList fieldNames() const { return m_order; }
    /// Shows value in field without reporting it as an edit; keeps the cursor where it was if possible.
    void setValue(const QString &field, const QString &value);
    /// The text of field's editor.
    QString value(const QString &field) const;
    /// Marks a field as changed-but-not-saved (label and accessible description).
    void setDirty(const QString &field, bool dirty);
    /// Read-only shows the values but takes no typing.
    void setReadOnly(bool readOnly);
    /// True while read-only.
    bool isReadOnly() const { return m_readOnly; }
    /// The editor widget of field, or nullptr.
    QWidget *editor(const QString &field) const;
    /// Puts the keyboard focus into the first field.
    void focusFirstField();

signals:
    /// The user changed field's text.
    void fieldEdited(const QString &field, const QString &value);
    /// The user did something in the form other than typing (focus, click, scroll).
    void activity();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    struct Row
    {
        QLabel *label = nullptr;
        QWidget *editor = nullptr;
        QString labelText;
        bool multiline = false;
        bool dirty = false;
    };

    void clear();
    void applyReadOnly(const Row &row);
    void updateLabel(const Row &row);

    QFormLayout *m_layout;
    QString m_type;
    QStringList m_order;
    QHash<QString, Row> m_rows;
    bool m_readOnly = true;
    /// Set while setValue() writes a widget, so its change signal is not taken for typing.
    bool m_settingValue = false;
};

} // namespace recordlock
