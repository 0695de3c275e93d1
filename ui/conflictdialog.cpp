#include "ui/conflictdialog.h"

#include <algorithm>

#include <QButtonGroup>
#include <QDialogButtonBox>
#include <QGridLayout>
#include <QGroupBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QScrollArea>
#include <QVBoxLayout>

#include "ui/fieldcatalog.h"

using namespace Qt::StringLiterals;

namespace recordlock {

namespace {

constexpr int MineId = 1;
constexpr int TheirsId = 0;

QPlainTextEdit *valueView(const QString &text, const QString &accessibleName, QWidget *parent)
{
    auto *view = new QPlainTextEdit(text, parent);
    view->setReadOnly(true);
    view->setTabChangesFocus(true);
    view->setAccessibleName(accessibleName);
    view->setMaximumHeight(view->fontMetrics().lineSpacing() * 5);
    view->setFocusPolicy(Qt::ClickFocus);
    return view;
}

} // namespace

ConflictDialog::ConflictDialog(const QString &type, const QList<FieldConflict> &conflicts, const QString &theirsBy,
                               QWidget *parent)
    : QDialog(parent)
    , m_conflicts(conflicts)
{
    setObjectName(u"conflictDialog"_s);
    setWindowTitle(tr("Resolve conflicting changes"));
    const QString theirsLabel = theirsBy.isEmpty() ? tr("Theirs (saved on the server)") : tr("Theirs (saved by %1)").arg(theirsBy);

    auto *intro = new QLabel(tr("Someone else saved changes to fields you also changed. For each field, choose "
                                "which value to keep. Nothing is saved until you press Save in the editor."),
                             this);
    intro->setWordWrap(true);

    auto *content = new QWidget;
    auto *fieldsLayout = new QVBoxLayout(content);
    for (const FieldConflict &conflict : conflicts) {
        const QString label = FieldCatalog::label(type, conflict.field);
        auto *box = new QGroupBox(label, content);
        auto *grid = new QGridLayout(box);
        auto *mine = new QRadioButton(tr("Keep mine"), box);
        mine->setObjectName(u"mine_"_s + conflict.field);
        mine->setAccessibleDescription(tr("%1, mine: %2").arg(label, conflict.mine));
        auto *theirs = new QRadioButton(tr("Take theirs"), box);
        theirs->setObjectName(u"theirs_"_s + conflict.field);
        theirs->setAccessibleDescription(tr("%1, %2: %3").arg(label, theirsLabel, conflict.theirs));
        auto *group = new QButtonGroup(box);
        group->addButton(mine, MineId);
        group->addButton(theirs, TheirsId);
        mine->setChecked(true);
        m_groups.insert(conflict.field, group);

        grid->addWidget(new QLabel(tr("Mine"), box), 0, 0);
        grid->addWidget(new QLabel(theirsLabel, box), 0, 1);
        grid->addWidget(valueView(conflict.mine, tr("%1, mine").arg(label), box), 1, 0);
        grid->addWidget(valueView(conflict.theirs, tr("%1, theirs").arg(label), box), 1, 1);
        grid->addWidget(mine, 2, 0);
        grid->addWidget(theirs, 2, 1);
        if (conflict.baseKnown) {
            auto *base = new QLabel(tr("Before both changes: %1").arg(conflict.base.isEmpty() ? tr("(empty)") : conflict.base), box);
            base->setWordWrap(true);
            base->setTextFormat(Qt::PlainText);
            grid->addWidget(base, 3, 0, 1, 2);
        }
        fieldsLayout->addWidget(box);
    }
    fieldsLayout->addStretch(1);

    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setWidget(content);
    scroll->setFrameShape(QFrame::NoFrame);

    auto *buttons = new QDialogButtonBox(this);
    QPushButton *apply = buttons->addButton(tr("&Apply choices"), QDialogButtonBox::AcceptRole);
    apply->setDefault(true);
    QPushButton *allMine = buttons->addButton(tr("Keep all m&ine"), QDialogButtonBox::ActionRole);
    QPushButton *allTheirs = buttons->addButton(tr("Take all t&heirs"), QDialogButtonBox::ActionRole);
    buttons->addButton(tr("Decide later"), QDialogButtonBox::RejectRole);
    connect(allMine, &QPushButton::clicked, this, [this] { chooseAll(true); });
    connect(allTheirs, &QPushButton::clicked, this, [this] { chooseAll(false); });
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(scroll, 1);
    layout->addWidget(buttons);
    resize(640, std::min(160 + 190 * int(conflicts.size()), 640));
}

QMap<QString, bool> ConflictDialog::choices() const
{
    QMap<QString, bool> result;
    for (auto it = m_groups.cbegin(); it != m_groups.cend(); ++it)
        result.insert(it.key(), it.value()->checkedId() == MineId);
    return result;
}

void ConflictDialog::chooseAll(bool mine)
{
    for (QButtonGroup *group : std::as_const(m_groups))
        group->button(mine ? MineId : TheirsId)->setChecked(true);
}

} // namespace recordlock
