#include "editor/draftstore.h"

#include <algorithm>

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QSaveFile>

#include "editor/editorlogging.h"

using namespace Qt::StringLiterals;

namespace recordlock {

namespace {

/// Largest draft file read back: a record has at most a few dozen fields of 16 KiB each.
constexpr qint64 MaxDraftFileBytes = 8 * 1024 * 1024;

/// A fixed-length, file-system-safe name for any text: no separators, dots or case issues.
QString hashName(const QString &text)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha256).toHex().left(40));
}

} // namespace

DraftStore::DraftStore(const QString &directory)
    : m_directory(directory)
{
}

QString DraftStore::scopeDir(const QString &server, const QString &userHandle) const
{
    // The separator cannot occur in a URL or handle, so ("a\nb", "c") and ("a", "b\nc") differ.
    return m_directory + u'/' + hashName(server + u'\x1f' + userHandle);
}

QString DraftStore::filePath(const QString &server, const QString &userHandle, const QString &recordId) const
{
    return scopeDir(server, userHandle) + u'/' + hashName(recordId) + u".json"_s;
}

bool DraftStore::save(const QString &server, const QString &userHandle, const Draft &draft)
{
    m_lastError.clear();
    if (draft.recordId.isEmpty()) {
        m_lastError = u"draft without a record id"_s;
        return false;
    }
    const QString dir = scopeDir(server, userHandle);
    if (!QDir().mkpath(dir)) {
        m_lastError = u"cannot create "_s + dir;
        qCWarning(lcEditorDrafts) << m_lastError;
        return false;
    }
    QJsonObject object = draft.toJson();
    object.insert(u"server"_s, server);
    object.insert(u"user"_s, userHandle);

    QSaveFile file(filePath(server, userHandle, draft.recordId));
    // Never write in place: without the temporary file a crash mid-write would destroy the old draft.
    file.setDirectWriteFallback(false);
    if (!file.open(QIODevice::WriteOnly)) {
        m_lastError = file.errorString();
        qCWarning(lcEditorDrafts) << "cannot write draft of" << draft.recordId << m_lastError;
        return false;
    }
    const QByteArray bytes = QJsonDocument(object).toJson(QJsonDocument::Compact);
    if (file.write(bytes) != bytes.size() || !file.commit()) {
        m_lastError = file.errorString();
        qCWarning(lcEditorDrafts) << "cannot write draft of" << draft.recordId << m_lastError;
        return false;
    }
    qCDebug(lcEditorDrafts) << "saved draft of" << draft.recordId << draft.edits.keys();
    return true;
}

std::optional<Draft> DraftStore::load(const QString &server, const QString &userHandle, const QString &recordId) const
{
    auto draft = readFile(filePath(server, userHandle, recordId), server, userHandle);
    if (draft && draft->recordId != recordId)
        return std::nullopt;
    return draft;
}

bool DraftStore::remove(const QString &server, const QString &userHandle, const QString &recordId)
{
    m_lastError.clear();
    QFile file(filePath(server, userHandle, recordId));
    if (!file.exists() || file.remove())
        return true;
    m_lastError = file.errorString();
    qCWarning(lcEditorDrafts) << "cannot remove draft of" << recordId << m_lastError;
    return false;
}

QList<Draft> DraftStore::list(const QString &server, const QString &userHandle) const
{
    const QDir dir(scopeDir(server, userHandle));
    QList<Draft> drafts;
    const QStringList files = dir.entryList({u"*.json"_s}, QDir::Files);
    for (const QString &name : files) {
        if (auto draft = readFile(dir.filePath(name), server, userHandle))
            drafts.append(*draft);
    }
    std::sort(drafts.begin(), drafts.end(),
              [](const Draft &a, const Draft &b) { return a.recordId < b.recordId; });
    return drafts;
}

std::optional<Draft> DraftStore::readFile(const QString &path, const QString &server, const QString &userHandle) const
{
    QFile file(path);
    if (!file.exists())
        return std::nullopt;
    if (file.size() > MaxDraftFileBytes || !file.open(QIODevice::ReadOnly)) {
        qCWarning(lcEditorDrafts) << "cannot read draft" << path;
        return std::nullopt;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (!doc.isObject()) {
        qCWarning(lcEditorDrafts) << "unreadable draft" << path << parseError.errorString();
        return std::nullopt;
    }
    const QJsonObject object = doc.object();
    if (object.value(u"server"_s).toString() != server || object.value(u"user"_s).toString() != userHandle)
        return std::nullopt;
    return Draft::fromJson(object);
}

} // namespace recordlock
