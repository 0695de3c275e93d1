#pragma once

#include <QString>
#include <QUrl>

#include "client/connection.h"
#include "client/lockevents.h"
#include "client/lockrenewer.h"
#include "client/lockservice.h"
#include "client/recordservice.h"
#include "common/clock.h"
#include "editor/draftstore.h"

namespace recordlock::test {

/// What one desktop window builds the editor on: its own connection (session), services and drafts.
struct EditorWindow
{
    /// clock drives the connection; drafts live under draftDir.
    EditorWindow(const Clock &clock, const QString &draftDir);

    /// Opens url and logs in as user (password = user name); true once Online within 5 s.
    bool signIn(const QUrl &url, const QString &user);

    Connection connection;
    LockEvents events;
    LockService locks;
    RecordService records;
    LockRenewer renewer;
    DraftStore drafts;
};

} // namespace recordlock::test
