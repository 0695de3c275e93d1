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
    /// True if seeded or nothing to do; false if a write failed.
    static bool seed(UserStore &users, RecordStore &records, const Clock &clock);
};

} // namespace recordlock
