#pragma once

#include <QString>
#include <QWidget>

#include "protocol/protocolerror.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QModelIndex;
class QTreeView;

namespace recordlock {

class RecordFilterProxy;
class RecordListModel;

/// The searchable list of customers and claims with a live lock column.
///
/// Moving the selection (mouse, arrow keys, selectNext()/selectPrevious()) emits recordSelected();
/// Enter or a double click emits recordActivated() (open and go to the form). Built for 10,000 rows:
/// uniform row heights, a painting delegate, no widgets per row.
class RecordListView : public QWidget
{
    Q_OBJECT

public:
    /// model must outlive the view.
    explicit RecordListView(RecordListModel *model, QWidget *parent = nullptr);

    /// The id of the selected record, or empty.
    QString currentRecordId() const;
    /// Selects recordId if it is shown; false otherwise.
    bool selectRecord(const QString &recordId);
    /// Selects the next row (wraps at neither end); false at the end.
    bool selectNext();
    /// Selects the previous row; false at the start.
    bool selectPrevious();
    /// Moves the keyboard focus to the search field and selects its text.
    void focusSearch();
    /// Moves the keyboard focus to the list.
    void focusList();
    /// The list widget.
    QTreeView *view() const { return m_view; }
    /// The search field.
    QLineEdit *searchField() const { return m_search; }
    /// The filter between the model and the view.
    RecordFilterProxy *proxy() const { return m_proxy; }

signals:
    /// The selection moved to recordId (empty when nothing is selected).
    void recordSelected(const QString &recordId);
    /// The user chose recordId with Enter or a double click.
    void recordActivated(const QString &recordId);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void fitColumns();
    void onCurrentChanged(const QModelIndex &current);
    void updateCount();
    void onRefreshFailed(const ProtocolError &error);
    bool selectRow(int row);

    RecordListModel *m_model;
    RecordFilterProxy *m_proxy;
    QLineEdit *m_search;
    QComboBox *m_type;
    QTreeView *m_view;
    QLabel *m_count;
    QString m_error;
};

} // namespace recordlock
