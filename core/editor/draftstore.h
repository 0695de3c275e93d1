#pragma once

#include "editor/draft.h"

#include <QList>
#include <QString>

#include <optional>

namespace recordlock {

/// Drafts as small JSON files, one per (server, user handle, record id), under one directory.
///
/// The app passes QStandardPaths::AppDataLocation + "/drafts", tests a QTemporaryDir. File and
/// folder names are hashes, so any server URL, handle or record id is safe on disk; the file
/// also names its owner, so a hash collision cannot hand one user another's draft. Writes go
/// through QSaveFile: a failed write leaves the previous draft intact.
class DraftStore
{
public:
    /// directory is created on the first save.
    explicit DraftStore(const QString &directory);

    /// The root directory given to the constructor.
    QString directory() const { return m_directory; }

    /// Writes (replaces) the draft of draft.recordId; false (see lastError()) when it failed.
    bool save(const QString &server, const QString &userHandle, const Draft &draft);
    /// The draft of recordId, or nullopt when there is none or it cannot be read.
    std::optional<Draft> load(const QString &server, const QString &userHandle, const QString &recordId) const;
    /// Deletes the draft of recordId; true when none is left.
    bool remove(const QString &server, const QString &userHandle, const QString &recordId);
    /// Every readable draft of this server and user, ordered by record id.
    QList<Draft> list(const QString &server, const QString &userHandle) const;
    /// The file a draft is (or would be) stored in.
    QString filePath(const QString &server, const QString &userHandle, const QString &recordId) const;
    /// Why the last save or remove failed; empty after a success.
    QString lastError() const { return m_lastError; }

private:
    QString scopeDir(const QString &server, const QString &userHandle) const;
    std::optional<Draft> readFile(const QString &path, const QString &server, const QString &userHandle) const;

    QString m_directory;
    QString m_lastError;
};

} // namespace recordlock
