//! Workers (`ROLE_WORKER`): the kit plays core's `flow.execution.v1.ExecutionService`, which the
//! worker dials ([`KitCore`], on `--core-listen`), drives scripted tasks through it and judges what
//! the worker does with them (execution.proto, outcome.proto). The worker's own endpoint serves
//! only the runtime service, health and reflection, checked like any other service's.
//!
//! The checks run one after another, one fresh task each (the graceful cancellation reuses the
//! heartbeat check's task), never more tasks outstanding than the worker's `max_concurrent`. After
//! each check the kit makes sure its task has ended (completed, cancelled, or stopped at a
//! deadline), cancelling it gracefully if needed, so a worker that ignores cancellation cannot
//! starve the next check; a task that cannot be ended is noted in the next check's detail.

mod checks;
pub mod core;

use std::time::Duration;

pub use self::core::KitCore;
pub use checks::{checks, skipped, unavailable};

/// The ids of the worker checks, in run order.
pub const IDS: [&str; 12] = [
    "worker.stream_tasks",
    "worker.task.complete",
    "worker.handler_not_found",
    "worker.complete.retry",
    "worker.heartbeat",
    "worker.cancel.graceful",
    "worker.cancel.heartbeat",
    "worker.cancel.force",
    "worker.deadline",
    "worker.reconnect",
    "worker.concurrency",
    "worker.ping_timeout",
];

/// The checks that need a long-running task (`--long-task-input`): the run of [`IDS`] from
/// `worker.heartbeat` to `worker.concurrency`, taken from it so the two cannot drift apart.
pub const LONG_CHECKS: [&str; 7] = match IDS.split_at(4).1.first_chunk::<7>() {
    Some(long) => *long,
    None => panic!("IDS lists the seven long checks from its fifth on"),
};

/// The handler name the kit sends to test `handler_not_found`; no worker should have it.
pub const NO_SUCH_HANDLER: &str = "flow-conformance.no-such-handler";

/// The heartbeat timeout of the kit's long tasks.
pub const HEARTBEAT_TIMEOUT: Duration = Duration::from_secs(1);

/// Scheduling slack on every heartbeat gap and deadline the kit measures.
pub const SLACK: Duration = Duration::from_millis(250);

/// How the kit drives a worker.
#[derive(Clone, Debug)]
pub struct WorkerOptions {
    /// Where the kit serves `ExecutionService` (`127.0.0.1:7233`); the worker must be configured
    /// to dial it. `None`: the worker checks are skipped.
    pub core_listen: Option<String>,
    /// The handler the tasks name; `None` takes the first one the worker lists in
    /// `StreamTasksRequest.handlers`.
    pub handler: Option<String>,
    /// The short task's input (JSON text, sent as `json/plain`): the handler should finish at
    /// once.
    pub input: String,
    /// An input that keeps the handler running for at least ~30 s unless cancelled; `None`: the
    /// checks needing a long task are skipped.
    pub long_input: Option<String>,
}

impl Default for WorkerOptions {
    fn default() -> Self {
        Self {
            core_listen: None,
            handler: None,
            input: "{}".into(),
            long_input: None,
        }
    }
}
