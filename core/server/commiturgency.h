#pragma once

namespace recordlock {

/// How soon the durable writes of a request must commit (GroupCommit::schedule()).
enum class CommitUrgency {
    Prompt,  ///< at the end of the loop pass that wrote them (every op by default)
    Relaxed, ///< within GroupCommit::RelaxedCommitMs, sharing a transaction with later writes
};

} // namespace recordlock
