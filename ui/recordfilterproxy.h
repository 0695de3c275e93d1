#pragma once

#include <QSortFilterProxyModel>
#include <QString>

namespace recordlock {

/// Filters the record list as the user types (by record type and by a text found in the id or
/// title) and words the lock column the way the lock banner does ("Bob Baker, until 14:05").
///
/// Filtering happens in the client, over the rows already loaded (10,000 rows filter in a few
/// milliseconds), so a keystroke never waits for the server and the lock column stays live.
class RecordFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    /// An empty filter (everything shown).
    explicit RecordFilterProxy(QObject *parent = nullptr);

    /// Case-insensitive text to look for in the id and title; empty shows all.
    void setSearchText(const QString &text);
    /// The search text.
    QString searchText() const { return m_text; }
    /// "customer", "claim" or empty for both.
    void setRecordType(const QString &type);
    /// The record type filter.
    QString recordType() const { return m_type; }

    /// The lock column's text (display, tool tip and accessible text) in the banner's words and times.
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    QString m_text;
    QString m_type;
};

} // namespace recordlock
