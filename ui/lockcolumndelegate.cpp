#include "ui/lockcolumndelegate.h"

#include <QPalette>

#include "client/lockstate.h"
#include "editor/recordlistmodel.h"

namespace recordlock {

namespace {

StatusIcon iconFor(LockState::Status status, bool holderConnected)
{
    switch (status) {
    case LockState::Status::HeldByOther:
        return holderConnected ? StatusIcon::HeldByOther : StatusIcon::HolderDisconnected;
    case LockState::Status::HeldByMe:
        return StatusIcon::HeldByMe;
    case LockState::Status::HeldByMeElsewhere:
        return StatusIcon::HeldElsewhere;
    case LockState::Status::Pending:
        return StatusIcon::Pending;
    case LockState::Status::Offline:
        return StatusIcon::Offline;
    case LockState::Status::Free:
    case LockState::Status::Unknown:
        break;
    }
    return StatusIcon::Free;
}

} // namespace

LockColumnDelegate::LockColumnDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{
}

void LockColumnDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    // The standard item painting does the rest (selection, focus, elision) from the decoration set here.
    QStyledItemDelegate::initStyleOption(option, index);
    const auto status = LockState::Status(index.data(RecordListModel::LockStatusRole).toInt());
    if (status == LockState::Status::Unknown)
        return;
    const bool connected = index.data(RecordListModel::HolderConnectedRole).toBool();
    option->features |= QStyleOptionViewItem::HasDecoration;
    option->icon = icon(iconFor(status, connected));
    if (status == LockState::Status::Free) {
        // Dimmed but not invisible: "Available" still reads, held rows stand out.
        option->palette.setColor(QPalette::Text, option->palette.color(QPalette::PlaceholderText));
    } else if (status == LockState::Status::HeldByOther && !connected) {
        option->font.setItalic(true);
    } else if (status == LockState::Status::HeldByMe) {
        option->font.setBold(true);
    }
}

QIcon LockColumnDelegate::icon(StatusIcon which) const
{
    auto it = m_icons.find(which);
    if (it == m_icons.end())
        it = m_icons.insert(which, statusIcon(which));
    return *it;
}

} // namespace recordlock
