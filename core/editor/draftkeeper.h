#pragma once

#include <QObject>
#include <QString>
#include <QTimer>

#include <optional>

#include "editor/draft.h"

namespace recordlock {

class Clock;
class DraftStore;
class EditBuffer;

/// Keeps the draft of one editor's EditBuffer on disk: debounced after typing, at once on demand.
///
/// Bound to the server and user the record was loaded from, so a draft written after sign-out
/// still lands where the next sign-in of that user will look.
class DraftKeeper : public QObject
{
    Q_OBJECT

public:
    /// store may be null (no drafts); buffer and clock must outlive the keeper.
    DraftKeeper(DraftStore *store, const EditBuffer &buffer, const Clock &clock, int delayMs,
                QObject *parent = nullptr);

    /// The debounce delay after the last keystroke.
    void setDelayMs(int delayMs);
    /// Where drafts of the buffer's record go from now on.
    void bind(const QString &server, const QString &userHandle);
    /// Forgets the binding and any scheduled write.
    void unbind();

    /// Writes the draft delayMs after the last call (restarting the delay), or removes a stale one.
    void schedule();
    /// Writes the buffer's edits now (removes the draft when there are none).
    void writeNow();
    /// Deletes the draft of the buffer's record.
    void remove();
    /// The stored draft of the buffer's record, if any.
    std::optional<Draft> load() const;
    /// True when the current edits are on disk.
    bool isStored() const { return m_stored; }
    /// True when a write is scheduled.
    bool isPending() const { return m_timer.isActive(); }
    /// Marks a loaded draft as the stored state of the edits.
    void setStored(bool stored) { m_stored = stored; }

private:
    bool usable() const;

    DraftStore *m_store;
    const EditBuffer &m_buffer;
    const Clock &m_clock;
    QTimer m_timer;
    QString m_server;
    QString m_user;
    bool m_stored = false;
};

} // namespace recordlock
