#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

namespace recordlock {

/// The fields of each record type in form order, with translated labels (docs/protocol.md, "Record").
class FieldCatalog
{
    Q_DECLARE_TR_FUNCTIONS(FieldCatalog)

public:
    /// How one field is shown.
    struct Field
    {
        QString name;
        QString label;
        /// Long text: a multi-line editor instead of a single line.
        bool multiline = false;
    };

    /// The known fields of type ("customer" or "claim") in form order; unknown types give none.
    static QList<Field> fieldsFor(const QString &type);
    /// The form's fields: the known ones in order, then any other names (sorted) with their raw name as label.
    static QList<Field> formFields(const QString &type, const QStringList &present);
    /// The translated label of field in type, or the field name when unknown.
    static QString label(const QString &type, const QString &field);
    /// "Customer" or "Claim", translated.
    static QString typeName(const QString &type);
};

} // namespace recordlock
