//! The state of `ExecutionService`: a task queue of executions (units of work across all their
//! attempts) and the attempts dispatched to workers. The store keeps the rules a transaction must
//! guard (an attempt ends once; a claimed execution goes to one worker); what happens next
//! (retry or not, after how long) is decided by the server and passed in.

use std::time::{Duration, SystemTime};

use flow_proto::common::v1::{Outcome, Payload, RetryPolicy};
use flow_proto::execution::v1::Task;

use super::StoreResult;

/// An execution to enqueue.
#[derive(Debug, Clone, PartialEq)]
pub struct NewExecution {
    pub execution_id: String,
    pub queue: String,
    /// What every attempt carries: `handler`, `input`, `headers`, `retry_policy`,
    /// `heartbeat_timeout`, `trace`, `job_id`, `step_id`; the attempt's own fields are filled
    /// in at dispatch.
    pub template: Task,
    /// How long one attempt may run.
    pub start_to_close: Option<Duration>,
    /// How long the execution may take, queueing and retries included.
    pub schedule_to_close: Option<Duration>,
}

/// What [`ExecutionStore::enqueue`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Enqueued {
    Created,
    /// An execution with this id exists: nothing changed (enqueueing is idempotent).
    Exists,
}

/// Which executions a worker's stream may take.
#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    pub worker_id: String,
    pub handlers: Vec<String>,
    pub queues: Vec<String>,
    pub limit: usize,
}

/// How an attempt ended, as `CompleteTaskResponse.reason` names it for a late completion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EndReason {
    /// The worker reported its outcome.
    Completed,
    /// Core recorded a timeout.
    TimedOut,
    /// Core ended it after a forced cancellation.
    Terminated,
}

impl EndReason {
    pub fn as_str(self) -> &'static str {
        match self {
            EndReason::Completed => "ALREADY_COMPLETED",
            EndReason::TimedOut => "TIMED_OUT",
            EndReason::Terminated => "TERMINATED",
        }
    }

    pub fn parse(stored: &str) -> Option<Self> {
        [Self::Completed, Self::TimedOut, Self::Terminated]
            .into_iter()
            .find(|reason| reason.as_str() == stored)
    }
}

/// A cancellation that was asked for.
#[derive(Debug, Clone, PartialEq)]
pub struct CancelState {
    /// A `flow.common.v1.CancellationMode`.
    pub mode: i32,
    pub reason: String,
    /// When a running attempt is terminated; `None`: never (graceful, no escalation).
    pub force_deadline: Option<SystemTime>,
}

/// One attempt, with what the server needs to answer for it and decide what follows.
#[derive(Debug, Clone, PartialEq)]
pub struct AttemptState {
    pub task_id: String,
    pub execution_id: String,
    pub worker_id: String,
    pub handler: String,
    pub attempt: u32,
    /// Attempts so far that count against `RetryPolicy.maximum_attempts` (this one included).
    pub counted_attempts: u32,
    pub retry_policy: Option<RetryPolicy>,
    /// `Some` once the attempt ended.
    pub ended: Option<EndReason>,
    pub cancel: Option<CancelState>,
    pub last_heartbeat: Option<Payload>,
    /// The execution's schedule-to-close deadline.
    pub schedule_deadline: Option<SystemTime>,
}

/// What follows an attempt's end.
#[derive(Debug, Clone, PartialEq)]
pub enum Next {
    /// Queue the execution again, due at `due`; `counted` when the next attempt counts against
    /// `maximum_attempts`; `avoid_worker` keeps it from the worker that lacked the handler.
    Retry {
        due: SystemTime,
        counted: bool,
        avoid_worker: Option<String>,
    },
    /// The execution is done with the attempt's outcome.
    Done,
}

/// How an attempt ended, and what follows: [`ExecutionStore::finish`]'s request.
#[derive(Debug, Clone, PartialEq)]
pub struct AttemptEnd {
    pub task_id: String,
    pub outcome: Outcome,
    pub reason: EndReason,
    pub next: Next,
}

/// A cancellation to record: [`ExecutionStore::cancel`]'s request.
#[derive(Debug, Clone, PartialEq)]
pub struct CancelAsked {
    pub execution_id: String,
    pub cancel: CancelState,
    pub requested_by: String,
    /// The outcome of the execution when it was queued, not running.
    pub queued_outcome: Outcome,
}

/// What [`ExecutionStore::finish`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Finish {
    Recorded,
    /// The attempt had already ended: nothing changed.
    AlreadyEnded(EndReason),
    NotFound,
}

/// What [`ExecutionStore::heartbeat`] found.
#[derive(Debug, Clone, PartialEq)]
pub enum Beat {
    /// Recorded; the heartbeat deadline moved on.
    Alive {
        cancel: Option<CancelState>,
    },
    AlreadyEnded(EndReason),
    NotFound,
}

/// What [`ExecutionStore::cancel`] did.
#[derive(Debug, Clone, PartialEq)]
pub enum Cancelled {
    NotFound,
    /// The execution was done before: nothing changed.
    AlreadyTerminal,
    /// It was queued, not running: it is now done, with `outcome`.
    WhileQueued,
    /// It is running: the cancellation is recorded against attempt `task_id` of `worker_id`.
    WhileRunning {
        task_id: String,
        worker_id: String,
    },
}

/// Work the sweeper must end, found by [`ExecutionStore::overdue`].
#[derive(Debug, Clone, PartialEq)]
pub enum Overdue {
    /// An open attempt past a deadline; `kind` is a `flow.common.v1.TimeoutKind`.
    Attempt { task_id: String, kind: i32 },
    /// An open attempt whose execution's forced cancellation is due.
    Forced { task_id: String },
    /// A queued execution past its schedule-to-close deadline.
    Queued { execution_id: String },
}

/// An execution as the Rust API reports it.
#[derive(Debug, Clone, PartialEq)]
pub struct ExecutionStatus {
    pub execution_id: String,
    /// `queued`, `running` or `done`.
    pub state: String,
    pub attempts: u32,
    /// The final outcome once done.
    pub outcome: Option<Outcome>,
}

/// The state of `ExecutionService`.
#[tonic::async_trait]
pub trait ExecutionStore: Send + Sync + 'static {
    /// Adds the execution, due now; idempotent by `execution_id`.
    async fn enqueue(&self, execution: NewExecution, now: SystemTime) -> StoreResult<Enqueued>;

    /// Takes up to `claim.limit` due executions the worker can run, oldest due first, and opens
    /// an attempt of each for the worker: the tasks to send (without their token).
    async fn claim(&self, claim: Claim, now: SystemTime) -> StoreResult<Vec<Task>>;

    /// The open attempts of `worker_id`, to hand back to it when it reconnects.
    async fn open_tasks(&self, worker_id: &str) -> StoreResult<Vec<Task>>;

    /// The attempt `task_id`, open or ended.
    async fn attempt(&self, task_id: &str) -> StoreResult<Option<AttemptState>>;

    /// Records a heartbeat of an open attempt: `progress` (when given) becomes the execution's
    /// last heartbeat, and the heartbeat deadline moves to `now` + the attempt's timeout.
    async fn heartbeat(
        &self,
        task_id: &str,
        progress: Option<Payload>,
        now: SystemTime,
    ) -> StoreResult<Beat>;

    /// Ends the attempt with its outcome when it is still open, then queues the execution again or
    /// records it done, as `next` says.
    async fn finish(&self, end: AttemptEnd, now: SystemTime) -> StoreResult<Finish>;

    /// Records a cancellation (the first one asked wins; a later one may only bring the force
    /// deadline forward). A queued execution is done at once with `queued_outcome`.
    async fn cancel(&self, asked: CancelAsked, now: SystemTime) -> StoreResult<Cancelled>;

    /// Up to `limit` pieces of work past a deadline at `now`.
    async fn overdue(&self, now: SystemTime, limit: usize) -> StoreResult<Vec<Overdue>>;

    /// Ends a queued execution (past its schedule-to-close deadline) with `outcome`; false when
    /// it was no longer queued.
    async fn expire_queued(
        &self,
        execution_id: &str,
        outcome: Outcome,
        now: SystemTime,
    ) -> StoreResult<bool>;

    /// The earliest time a queued execution becomes due after `now`, to sleep until.
    async fn next_due(&self, now: SystemTime) -> StoreResult<Option<SystemTime>>;

    async fn execution(&self, execution_id: &str) -> StoreResult<Option<ExecutionStatus>>;
}
