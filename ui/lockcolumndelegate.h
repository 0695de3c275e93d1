#pragma once

#include <QHash>
#include <QIcon>
#include <QStyledItemDelegate>

#include "ui/statusicons.h"

namespace recordlock {

/// Paints the record list's lock cell: a state icon plus the model's text ("Bob Baker, until 14:05",
/// "You, until 14:07"); a disconnected holder is shown with its own icon and in italics, free
/// records dimmed. Painting only, no per-row widgets, so 10,000 rows scroll smoothly.
class LockColumnDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    /// A delegate for the Lock column.
    explicit LockColumnDelegate(QObject *parent = nullptr);

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;

private:
    QIcon icon(StatusIcon which) const;

    /// One QIcon per state, so its rendered pixmaps are reused across rows and repaints.
    mutable QHash<StatusIcon, QIcon> m_icons;
};

} // namespace recordlock
