#pragma once

namespace recordlock {

class Clock;
class RecordStore;
class UserStore;

/// The demo accounts and records a fresh server starts with.
class DemoData
{
public:
    /// Seeds users alice, bob (editors) and carol (admin), password = user name, plus 25
    /// customers and 25 claims, but only into an empty installation (no users and no records).
    /// With generatedRecords > 0 (recordlockd --demo-records, for load tests) that many
    /// generated records replace the 50 hand-written ones. True if seeded or nothing to do;
    /// false if a write failed. The caller should wrap it in one transaction for speed.
    static bool seed(UserStore &users, RecordStore &records, const Clock &clock, int generatedRecords = 0);
};

} // namespace recordlock
