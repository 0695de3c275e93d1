#include "ui/fieldcatalog.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace recordlock {

QList<FieldCatalog::Field> FieldCatalog::fieldsFor(const QString &type)
{
    if (type == "customer"_L1) {
        return {
            {u"title"_s, tr("Name"), false},
            {u"company"_s, tr("Company"), false},
            {u"email"_s, tr("Email"), false},
            {u"phone"_s, tr("Phone"), false},
            {u"address"_s, tr("Address"), false},
            {u"segment"_s, tr("Segment"), false},
            {u"notes"_s, tr("Notes"), true},
        };
    }
    if (type == "claim"_L1) {
        return {
            {u"title"_s, tr("Title"), false},
            {u"claimNumber"_s, tr("Claim number"), false},
            {u"policyNumber"_s, tr("Policy number"), false},
            {u"claimant"_s, tr("Claimant"), false},
            {u"status"_s, tr("Status"), false},
            {u"amount"_s, tr("Amount"), false},
            {u"incidentDate"_s, tr("Incident date"), false},
            {u"adjuster"_s, tr("Adjuster"), false},
            {u"description"_s, tr("Description"), true},
        };
    }
    return {};
}

QList<FieldCatalog::Field> FieldCatalog::formFields(const QString &type, const QStringList &present)
{
    QList<Field> fields = fieldsFor(type);
    QStringList extra;
    for (const QString &name : present) {
        const bool known = std::any_of(fields.cbegin(), fields.cend(), [&name](const Field &f) { return f.name == name; });
        if (!known)
            extra.append(name);
    }
    extra.sort();
    for (const QString &name : std::as_const(extra))
        fields.append(Field{name, name, false});
    return fields;
}

QString FieldCatalog::label(const QString &type, const QString &field)
{
    const QList<Field> fields = fieldsFor(type);
    const auto it = std::find_if(fields.cbegin(), fields.cend(), [&field](const Field &f) { return f.name == field; });
    return it == fields.cend() ? field : it->label;
}

QString FieldCatalog::typeName(const QString &type)
{
    if (type == "customer"_L1)
        return tr("Customer");
    if (type == "claim"_L1)
        return tr("Claim");
    return type;
}

} // namespace recordlock
