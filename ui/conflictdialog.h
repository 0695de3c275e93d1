#pragma once

#include <QDialog>
#include <QList>
#include <QMap>
#include <QString>

#include "editor/fieldconflict.h"

class QButtonGroup;

namespace recordlock {

/// Shows each field that both the user and someone else changed, "mine" next to "theirs", and lets
/// the user pick per field. Keyboard-operable: Tab moves between fields, arrow keys pick.
class ConflictDialog : public QDialog
{
    Q_OBJECT

public:
    /// type is the record type (for field labels); theirsBy names who saved "theirs", may be empty.
    ConflictDialog(const QString &type, const QList<FieldConflict> &conflicts, const QString &theirsBy,
                   QWidget *parent = nullptr);

    /// The choice per field: true keeps mine, false takes theirs (for EditorController::resolveConflicts()).
    QMap<QString, bool> choices() const;
    /// Sets every field to mine (true) or theirs (false).
    void chooseAll(bool mine);

private:
    QList<FieldConflict> m_conflicts;
    /// Per conflict: button id 1 = mine, 0 = theirs.
    QMap<QString, QButtonGroup *> m_groups;
};

} // namespace recordlock
