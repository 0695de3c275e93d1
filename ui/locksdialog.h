#pragma once

#include <QDialog>
#include <QString>

class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QTreeView;

namespace recordlock {

class Connection;
class HeldLocksModel;
class LockService;
class RecordListModel;

/// An administrator's view of every current lock (record, holder, since, expires, connected),
/// live: it shows the window's own lock states, which subscribe_all keeps up to date. "Take over…"
/// asks to take the selected record's lock (takeOverRequested()); the window opens the record and
/// the override dialog for it.
class LocksDialog : public QDialog
{
    Q_OBJECT

public:
    /// locks must outlive the dialog; titles (may be null) names the records.
    LocksDialog(LockService *locks, RecordListModel *titles, QWidget *parent = nullptr);

    /// The held locks (one row per locked record).
    HeldLocksModel *model() const { return m_model; }
    /// The table.
    QTreeView *view() const { return m_view; }
    /// "Take over…".
    QPushButton *takeOverButton() const { return m_takeOver; }
    /// The record of the selected row; empty when none.
    QString selectedRecordId() const;
    /// Selects recordId's row; false when it is not listed.
    bool selectRecord(const QString &recordId);
    /// The summary line ("3 records are being edited.").
    QString summaryText() const;

signals:
    /// "Take over…" for recordId (held by someone else).
    void takeOverRequested(const QString &recordId);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void updateState();

    Connection *m_connection;
    HeldLocksModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QLabel *m_summary;
    QTreeView *m_view;
    QPushButton *m_takeOver;
    QPushButton *m_close;
};

} // namespace recordlock
