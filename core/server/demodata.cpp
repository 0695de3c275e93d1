#include "server/demodata.h"

#include "common/clock.h"
#include "server/recordstore.h"
#include "server/serverlogging.h"
#include "server/userstore.h"

using namespace Qt::StringLiterals;

namespace recordlock {

namespace {

struct CustomerRow
{
    const char *title, *company, *email, *phone, *address, *segment, *notes;
};

struct ClaimRow
{
    const char *title, *policyNumber, *claimant, *status, *amount, *incidentDate, *adjuster, *description;
};

// clang-format off
const CustomerRow Customers[] = {
    {"Hannah Schulz", "Schulz Bäckerei GmbH", "hannah.schulz@schulz-baeckerei.example", "+49 30 5550 1842",
     "Lindenstraße 14, 10969 Berlin", "SME", "Bakery chain with four shops. Prefers calls before 10:00."},
    {"Liam O'Connor", "O'Connor Logistics Ltd", "liam@oconnor-logistics.example", "+353 1 555 0192",
     "7 Harbour Road, Dublin 4", "Corporate", "Fleet policy renews in March; ask about the new depot in Cork."},
    {"Sofia Rossi", "Rossi & Figli S.r.l.", "s.rossi@rossiefigli.example", "+39 02 5550 7731",
     "Via Tortona 22, 20144 Milano", "SME", "Family business, furniture import. English is fine by email."},
    {"Jan de Vries", "De Vries Installatietechniek BV", "jan@devries-installatie.example", "+31 20 555 0418",
     "Prinsengracht 301, 1016 GW Amsterdam", "SME", "Plumbing contractor; liability cover for three vans."},
    {"Margaret Collins", "Private household", "margaret.collins@mailbox.example", "+44 161 555 0147",
     "12 Elm Street, Manchester M14 5RT", "Private", "Home policy holder since 2011. Hard of hearing: email first."},
    {"Ahmed El-Sayed", "Nile Trading Company", "a.elsayed@niletrading.example", "+49 40 5550 2290",
     "Großer Burstah 31, 20457 Hamburg", "Corporate", "Import and export; cargo and warehouse contents cover."},
    {"Claire Dubois", "Atelier Dubois", "claire@atelier-dubois.example", "+33 1 55 50 12 34",
     "18 rue des Martyrs, 75009 Paris", "SME", "Interior design studio with valuable fabric samples on site."},
    {"Mateusz Kowalski", "Kowalski Transport Sp. z o.o.", "biuro@kowalski-transport.example", "+48 22 555 0163",
     "ul. Puławska 145, 02-715 Warszawa", "Corporate", "40 trucks. Monthly premium by direct debit."},
    {"Emma Lindqvist", "Lindqvist Design AB", "emma@lindqvistdesign.example", "+46 8 555 018 42",
     "Hornsgatan 64, 118 21 Stockholm", "SME", "Asked for a quote on cyber insurance in January."},
    {"Thomas Müller", "Private household", "thomas.mueller@posteo.example", "+49 89 5550 3317",
     "Schleißheimer Str. 88, 80797 München", "Private", "Home and contents. Two small claims in 2024."},
    {"Aisha Rahman", "Rahman Pharmacy", "aisha@rahmanpharmacy.example", "+44 20 5550 6612",
     "221 Mile End Road, London E1 4AA", "Retail", "Cold-storage equipment covered under a separate rider."},
    {"Pedro Alves", "Alves Construções Lda", "pedro.alves@alvesconstrucoes.example", "+351 21 555 0287",
     "Rua Augusta 120, 1100-053 Lisboa", "Corporate", "Construction all-risk for the Alcântara site until 2027."},
    {"Greta Hoffmann", "Stadtwerke Kleinbach", "g.hoffmann@stadtwerke-kleinbach.example", "+49 6221 555 041",
     "Am Wasserturm 2, 69117 Heidelberg", "Public sector", "Public tender contract: every change needs written confirmation."},
    {"Noah Becker", "Becker Fahrräder", "noah@becker-fahrraeder.example", "+49 221 5550 7781",
     "Venloer Str. 210, 50823 Köln", "Retail", "Bike shop; theft cover for showroom stock up to 60,000 EUR."},
    {"Isabella García", "García Viajes S.L.", "isabella@garciaviajes.example", "+34 91 555 0344",
     "Calle de Alcalá 85, 28009 Madrid", "SME", "Travel agency with business interruption cover."},
    {"Oliver Grant", "Grant & Partners Solicitors", "ogrant@grantpartners.example", "+44 131 555 0128",
     "4 Charlotte Square, Edinburgh EH2 4DR", "Corporate", "Professional indemnity. Renewal meeting planned for May."},
    {"Yuki Tanaka", "Tanaka Sushi Bar", "yuki@tanaka-sushi.example", "+49 211 5550 9921",
     "Immermannstraße 41, 40210 Düsseldorf", "Retail", "Restaurant: fire, kitchen equipment and loss of income."},
    {"Fatima Haddad", "Private household", "fatima.haddad@webmail.example", "+33 4 55 50 67 89",
     "9 avenue Jean Médecin, 06000 Nice", "Private", "Holiday flat, occupied June to September only."},
    {"Lukas Novák", "Novák Engineering s.r.o.", "lukas.novak@novak-eng.example", "+420 2 5550 1947",
     "Vinohradská 112, 130 00 Praha 3", "Corporate", "Machinery breakdown policy for the CNC workshop."},
    {"Chloe Martin", "Martin Florist", "chloe@martinflorist.example", "+44 117 555 0193",
     "33 Park Street, Bristol BS1 5NH", "Retail", "Delivery van added to the policy last year."},
    {"Henrik Larsen", "Larsen Marine ApS", "henrik@larsenmarine.example", "+45 33 55 50 12",
     "Nyhavn 17, 1051 København K", "Corporate", "Marine cargo only; the vessels are insured elsewhere."},
    {"Anna Kowalczyk", "Private household", "anna.kowalczyk@poczta.example", "+48 12 555 0421",
     "ul. Długa 7, 31-147 Kraków", "Private", "Prefers a Polish-speaking adjuster."},
    {"Marco Bianchi", "Bianchi Auto Service", "marco@bianchiauto.example", "+39 011 555 0876",
     "Corso Francia 200, 10143 Torino", "SME", "Garage; customer vehicles stay on the premises overnight."},
    {"Sarah Whitfield", "Whitfield Primary School", "bursar@whitfield-primary.example", "+44 113 555 0239",
     "Church Lane, Leeds LS6 3AB", "Public sector", "Buildings cover through the county framework agreement."},
    {"Daniel Weber", "Weber IT Consulting", "daniel@weber-it.example", "+49 711 5550 4410",
     "Königstraße 28, 70173 Stuttgart", "SME", "Cyber and professional liability bundle, 10% discount agreed."},
};

const ClaimRow Claims[] = {
    {"Water damage, 12 Elm Street", "POL-HH-448812", "Margaret Collins", "Open", "4,250.00 EUR", "2026-01-14",
     "Priya Nair", "A burst pipe in the upstairs bathroom soaked the kitchen ceiling. A drying company has been on site since 15 January."},
    {"Storm damage to roof, Lindenstraße 14", "POL-BU-102934", "Schulz Bäckerei GmbH", "In review", "12,800.00 EUR",
     "2026-01-03", "Tom Fischer", "The storm tore off roof tiles above the storage room. Part of the flour stock was spoiled by rain."},
    {"Stolen delivery van, 7 Harbour Road", "POL-FL-550217", "O'Connor Logistics Ltd", "Approved", "31,500.00 EUR",
     "2025-12-19", "Marcus Reed", "A delivery van was stolen from the depot overnight. The police report is attached."},
    {"Kitchen fire, Immermannstraße 41", "POL-BU-667310", "Tanaka Sushi Bar", "Paid", "18,740.00 EUR", "2025-11-28",
     "Lena Vogel", "A grease fire in the fryer spread to the extractor hood. The restaurant was closed for nine days."},
    {"Burglary, Venloer Str. 210", "POL-RT-230871", "Becker Fahrräder", "Open", "9,960.00 EUR", "2026-02-02",
     "Tom Fischer", "The showroom window was smashed and eleven e-bikes were taken. CCTV footage has been requested."},
    {"Cargo water ingress, Nyhavn 17", "POL-MC-771045", "Larsen Marine ApS", "In review", "22,300.00 EUR", "2026-01-21",
     "Marcus Reed", "A container of electronics arrived with water damage after heavy seas. The surveyor's report is pending."},
    {"Slip and fall, 221 Mile End Road", "POL-RT-318266", "Aisha Rahman", "In review", "6,500.00 EUR", "2025-12-08",
     "Priya Nair", "A customer slipped on the wet floor near the entrance and broke a wrist."},
    {"Broken shop window, 33 Park Street", "POL-RT-402117", "Martin Florist", "Paid", "1,180.00 EUR", "2025-11-14",
     "Lena Vogel", "The front window was cracked by a stone thrown up by a passing lawnmower."},
    {"Flooded basement, Schleißheimer Str. 88", "POL-HH-129904", "Thomas Müller", "Rejected", "7,420.00 EUR",
     "2025-10-30", "Tom Fischer", "Groundwater entered the basement during heavy rain. Flood cover was not part of the policy."},
    {"Machinery breakdown, Vinohradská 112", "POL-EN-880342", "Novák Engineering s.r.o.", "Approved", "27,950.00 EUR",
     "2026-01-09", "Marcus Reed", "The spindle motor of the five-axis CNC mill failed. The manufacturer's technician will repair it."},
    {"Laptop theft, Königstraße 28", "POL-CY-560013", "Weber IT Consulting", "Open", "2,340.00 EUR", "2026-02-11",
     "Priya Nair", "Two laptops were stolen from a locked car in a public car park."},
    {"Hail damage to vehicles, Corso Francia 200", "POL-MT-345590", "Bianchi Auto Service", "In review",
     "14,600.00 EUR", "2026-01-27", "Lena Vogel", "Hail dented six customer cars parked in the yard overnight."},
    {"Water damage, 9 avenue Jean Médecin", "POL-HH-702281", "Fatima Haddad", "Open", "3,875.00 EUR", "2026-02-06",
     "Priya Nair", "The neighbour's washing machine leaked through the ceiling while the flat was empty."},
    {"Scaffolding collapse, Rua Augusta 120", "POL-CA-913407", "Alves Construções Lda", "In review", "48,200.00 EUR",
     "2026-01-16", "Marcus Reed", "A section of scaffolding collapsed in high wind. Nobody was hurt, but the adjacent façade was damaged."},
    {"Power surge, 18 rue des Martyrs", "POL-BU-277158", "Atelier Dubois", "Paid", "2,960.00 EUR", "2025-12-02",
     "Lena Vogel", "A surge after a lightning strike destroyed a plotter and two monitors."},
    {"Frozen pipes, Church Lane", "POL-PS-600724", "Whitfield Primary School", "Approved", "11,300.00 EUR",
     "2026-01-07", "Tom Fischer", "Pipes froze during the holidays and burst in two classrooms."},
    {"Business interruption, Calle de Alcalá 85", "POL-BU-845016", "García Viajes S.L.", "Rejected", "19,000.00 EUR",
     "2025-12-15", "Priya Nair", "The office was closed for a week after a nearby gas leak. Closures ordered by the authorities are excluded."},
    {"Rear-end collision, A2 near Poznań", "POL-FL-193385", "Kowalski Transport Sp. z o.o.", "Open", "8,150.00 EUR",
     "2026-02-09", "Marcus Reed", "A truck was hit from behind in a traffic jam; the trailer doors and rear lights are damaged."},
    {"Warehouse roof leak, Großer Burstah 31", "POL-MC-508839", "Nile Trading Company", "In review", "16,420.00 EUR",
     "2026-01-30", "Tom Fischer", "A roof leak soaked pallets of textiles. The quantity of damaged goods is still being counted."},
    {"Ransomware attack, Hornsgatan 64", "POL-CY-412290", "Lindqvist Design AB", "Open", "5,600.00 EUR", "2026-02-13",
     "Lena Vogel", "Ransomware encrypted the file server. Data was restored from backup; forensic costs are claimed."},
    {"Van accident, Prinsengracht 301", "POL-MT-736651", "De Vries Installatietechniek BV", "Paid", "4,090.00 EUR",
     "2025-11-21", "Marcus Reed", "A service van scraped a bridge railing while turning."},
    {"Professional indemnity, 4 Charlotte Square", "POL-PI-250478", "Grant & Partners Solicitors", "In review",
     "25,000.00 EUR", "2025-10-17", "Priya Nair", "A client alleges that a missed filing deadline cost them a contract. External counsel is reviewing the file."},
    {"Burst boiler, ul. Długa 7", "POL-HH-981136", "Anna Kowalczyk", "Approved", "2,780.00 EUR", "2026-01-11",
     "Tom Fischer", "The boiler's pressure valve failed and flooded the hallway."},
    {"Tree fall on service car, Am Wasserturm 2", "POL-PS-127703", "Stadtwerke Kleinbach", "Paid", "3,350.00 EUR",
     "2025-11-05", "Lena Vogel", "A tree fell on a parked service car during a storm."},
    {"Stock spoilage, 221 Mile End Road", "POL-RT-318266", "Aisha Rahman", "Rejected", "7,980.00 EUR", "2026-02-15",
     "Priya Nair", "A refrigerator failed overnight and spoiled temperature-sensitive medicines. The rider excludes failures without an alarm."},
};
// clang-format on

const QString SeededBy = u"RecordLock demo"_s;

QString str(const char *utf8)
{
    return QString::fromUtf8(utf8);
}

RecordData customer(int index, const CustomerRow &row, qint64 now)
{
    RecordData record;
    record.id = u"C-%1"_s.arg(1001 + index);
    record.type = u"customer"_s;
    record.version = 1;
    record.updatedAt = now;
    record.updatedBy = SeededBy;
    record.fields = {
        {u"title"_s, str(row.title)},     {u"company"_s, str(row.company)}, {u"email"_s, str(row.email)},
        {u"phone"_s, str(row.phone)},     {u"address"_s, str(row.address)}, {u"segment"_s, str(row.segment)},
        {u"notes"_s, str(row.notes)},
    };
    return record;
}

RecordData claim(int index, const ClaimRow &row, qint64 now)
{
    RecordData record;
    record.id = u"CL-2026-%1"_s.arg(index + 1, 4, 10, QChar(u'0'));
    record.type = u"claim"_s;
    record.version = 1;
    record.updatedAt = now;
    record.updatedBy = SeededBy;
    record.fields = {
        {u"title"_s, str(row.title)},
        {u"claimNumber"_s, record.id},
        {u"policyNumber"_s, str(row.policyNumber)},
        {u"claimant"_s, str(row.claimant)},
        {u"status"_s, str(row.status)},
        {u"amount"_s, str(row.amount)},
        {u"incidentDate"_s, str(row.incidentDate)},
        {u"adjuster"_s, str(row.adjuster)},
        {u"description"_s, str(row.description)},
    };
    return record;
}

/// Generated record number index (0-based): alternately a customer and a claim, ids
/// BENCH-C-000001 / BENCH-CL-000002, so load tests rarely collide on one record.
RecordData generated(int index, qint64 now)
{
    RecordData record;
    const QString number = u"%1"_s.arg(index + 1, 6, 10, QChar(u'0'));
    record.version = 1;
    record.updatedAt = now;
    record.updatedBy = SeededBy;
    if (index % 2 == 0) {
        record.id = u"BENCH-C-"_s + number;
        record.type = u"customer"_s;
        record.fields = {{u"title"_s, u"Generated customer "_s + number}, {u"company"_s, u"Load Test Ltd"_s},
                         {u"segment"_s, u"SME"_s}};
    } else {
        record.id = u"BENCH-CL-"_s + number;
        record.type = u"claim"_s;
        record.fields = {{u"title"_s, u"Generated claim "_s + number}, {u"claimNumber"_s, record.id},
                         {u"status"_s, u"Open"_s}};
    }
    return record;
}

} // namespace

bool DemoData::seed(UserStore &users, RecordStore &records, const Clock &clock, int generatedRecords)
{
    if (users.count() > 0 || records.count() > 0)
        return true;
    qCInfo(lcStorage) << "empty installation: seeding demo users and records";

    struct Account
    {
        QString name, displayName, role;
    };
    const Account accounts[] = {
        {u"alice"_s, u"Alice Archer"_s, u"editor"_s},
        {u"bob"_s, u"Bob Baker"_s, u"editor"_s},
        {u"carol"_s, u"Carol White"_s, u"admin"_s},
    };
    for (const Account &account : accounts) {
        if (!users.add(account.name, account.displayName, account.role, account.name))
            return false;
    }

    const qint64 now = clock.nowMs();
    if (generatedRecords > 0) {
        for (int i = 0; i < generatedRecords; ++i) {
            if (!records.create(generated(i, now)))
                return false;
        }
        return true;
    }
    int index = 0;
    for (const CustomerRow &row : Customers) {
        if (!records.create(customer(index++, row, now)))
            return false;
    }
    index = 0;
    for (const ClaimRow &row : Claims) {
        if (!records.create(claim(index++, row, now)))
            return false;
    }
    return true;
}

} // namespace recordlock
