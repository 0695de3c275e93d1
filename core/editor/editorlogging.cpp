#include "editor/editorlogging.h"

namespace recordlock {

Q_LOGGING_CATEGORY(lcEditor, "recordlock.editor")
Q_LOGGING_CATEGORY(lcEditorDrafts, "recordlock.editor.drafts")
Q_LOGGING_CATEGORY(lcEditorList, "recordlock.editor.list")

} // namespace recordlock
