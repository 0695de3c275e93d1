#pragma once

#include <QWidget>

class QLabel;

namespace recordlock {

struct RecordData;

/// The open record's title in large type and, below it, its type, id, version and last save.
class RecordHeader : public QWidget
{
    Q_OBJECT

public:
    /// An empty header.
    explicit RecordHeader(QWidget *parent = nullptr);

    /// Shows record (its summary; the fields are not needed).
    void setRecord(const RecordData &record);
    /// The title line shown.
    QString title() const;
    /// The summary line shown.
    QString summary() const;

private:
    QLabel *m_title;
    QLabel *m_summary;
};

} // namespace recordlock
