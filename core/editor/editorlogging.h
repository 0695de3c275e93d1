#pragma once

#include <QLoggingCategory>

namespace recordlock {

/// Editor controller: modes, lock requests, saves.
Q_DECLARE_LOGGING_CATEGORY(lcEditor)
/// Drafts on disk.
Q_DECLARE_LOGGING_CATEGORY(lcEditorDrafts)
/// The record list model.
Q_DECLARE_LOGGING_CATEGORY(lcEditorList)

} // namespace recordlock
