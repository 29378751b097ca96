//! `ExecutionService`: a task queue that workers pull from. Executions enter through
//! [`TaskQueue`] (the Rust API; the job service builds on it); core dispatches each attempt as a
//! task to one worker whose handlers and queues match, on the worker's `StreamTasks` stream, at
//! most `max_concurrent` at a time. Delivery is at least once: an attempt ends when the worker
//! completes it, when a deadline passes (heartbeat, start-to-close, schedule-to-close) or when a
//! forced cancellation terminates it; what follows is the retry policy's call ([`retry`]).
//!
//! - [`hub`]: which stream holds which task;
//! - [`stream`]: the driver of one worker's stream;
//! - [`queue`]: the Rust API that enqueues and awaits executions;
//! - [`retry`]: the contract's retry policy.
//!
//! A task token is `t1:` and the task id: opaque to workers, enough for any core sharing the
//! store to find the attempt.

pub mod hub;
pub mod queue;
pub mod retry;
mod stream;

use std::sync::Arc;
use std::time::Duration;

use flow_proto::common::v1::outcome::{self, Outcome as Kind};
use flow_proto::common::v1::{CancellationMode, Outcome, TimeoutKind};
use flow_proto::execution::v1::execution_service_server::ExecutionService;
use flow_proto::execution::v1::stream_tasks_response::CancelTask;
use flow_proto::execution::v1::{
    CancelExecutionRequest, CancelExecutionResponse, CompleteTaskRequest, CompleteTaskResponse,
    RecordHeartbeatRequest, RecordHeartbeatResponse, StreamTasksRequest, StreamTasksResponse,
};
use flow_proto::failure::FailureExt;
use tokio::sync::watch;
use tokio_stream::wrappers::ReceiverStream;
use tonic::Status;

use super::status::{InvalidField, duration_field, id_field};
use super::unary::unary_rpcs;
use crate::store::{
    self, AttemptEnd, AttemptState, Beat, CancelAsked, CancelState, Cancelled, EndReason,
    ExecutionStore, Finish, Next, Overdue, StoreResult,
};
use hub::WorkerHub;
pub use queue::{EnqueueError, ExecutionSpec, TaskQueue};
use retry::EffectivePolicy;

/// How `ExecutionService` runs its queue.
#[derive(Debug, Clone)]
pub struct ExecutionConfig {
    /// How often an idle `StreamTasks` stream gets a `Ping`.
    pub ping_interval: Duration,
    /// How often deadlines (timeouts, forced cancellations) are checked: the precision of every
    /// timeout.
    pub sweep_interval: Duration,
    /// The start-to-close timeout of an execution that sets no timeout at all, so that the task
    /// of a worker that died is re-offered some day.
    pub default_start_to_close: Duration,
    /// The most tasks one stream may hold (`StreamTasksRequest.max_concurrent` is capped to it).
    pub max_concurrent_cap: u32,
    /// The queue of `StreamTasksRequest.queues` left empty, and of executions that name none.
    pub default_queue: String,
}

impl Default for ExecutionConfig {
    fn default() -> Self {
        Self {
            ping_interval: Duration::from_secs(15),
            sweep_interval: Duration::from_millis(100),
            default_start_to_close: Duration::from_secs(600),
            max_concurrent_cap: 1024,
            default_queue: "default".into(),
        }
    }
}

/// The most handlers and queues one stream may name.
pub const MAX_STREAM_NAMES: usize = 256;

/// `ExecutionService` over an [`ExecutionStore`]. Cheap to clone: clones share one queue.
pub struct ExecutionServer<S>(Arc<QueueState<S>>);

impl<S> Clone for ExecutionServer<S> {
    fn clone(&self) -> Self {
        Self(Arc::clone(&self.0))
    }
}

impl<S> std::ops::Deref for ExecutionServer<S> {
    type Target = QueueState<S>;

    fn deref(&self) -> &QueueState<S> {
        &self.0
    }
}

/// What every clone of an [`ExecutionServer`] shares.
pub struct QueueState<S> {
    store: Arc<S>,
    config: ExecutionConfig,
    hub: WorkerHub,
    /// Bumped when work may have become available to claim (an enqueue, a retry queued).
    work: watch::Sender<u64>,
    /// Bumped when an execution is done, for [`TaskQueue::wait`].
    done: watch::Sender<u64>,
}

/// Wakes whoever watches `channel`.
fn bump(channel: &watch::Sender<u64>) {
    channel.send_modify(|n| *n = n.wrapping_add(1));
}

const TOKEN_PREFIX: &str = "t1:";

fn token_of(task_id: &str) -> Vec<u8> {
    format!("{TOKEN_PREFIX}{task_id}").into_bytes()
}

/// The task id in a token; a malformed one is refused naming the field.
fn task_id_of(token: &[u8]) -> Result<String, InvalidField> {
    let malformed = || InvalidField::new("task_token", "is not a task token core issued");
    let token = std::str::from_utf8(token).map_err(|_| malformed())?;
    let task_id = token.strip_prefix(TOKEN_PREFIX).ok_or_else(malformed)?;
    crate::ids::check_id(task_id).map_err(|_| malformed())?;
    Ok(task_id.to_owned())
}

fn unknown_token() -> Status {
    InvalidField::new("task_token", "names no task attempt core knows").into()
}

fn cancelled(mode: i32, reason: &str) -> Outcome {
    Outcome {
        outcome: Some(Kind::Cancelled(outcome::Cancelled {
            mode,
            details: None,
            reason: reason.to_owned(),
        })),
    }
}

impl<S: ExecutionStore> ExecutionServer<S> {
    pub fn new(store: Arc<S>, config: ExecutionConfig) -> Self {
        Self(Arc::new(QueueState {
            store,
            config,
            hub: WorkerHub::default(),
            work: watch::Sender::new(0),
            done: watch::Sender::new(0),
        }))
    }

    /// The Rust API of this queue.
    pub fn queue(&self) -> TaskQueue<S> {
        TaskQueue::new(self.clone())
    }

    /// What follows the attempt's end with `outcome`: nothing once a cancellation was asked.
    fn next_after(&self, attempt: &AttemptState, outcome: &Outcome) -> Next {
        if attempt.cancel.is_some() {
            return Next::Done;
        }
        // The policy was checked at enqueue; a stored one that no longer passes means no retry.
        match EffectivePolicy::of("retry_policy", attempt.retry_policy.as_ref()) {
            Ok(policy) => retry::next_after(
                outcome,
                &policy,
                attempt.counted_attempts,
                &attempt.worker_id,
                store::now(),
            ),
            Err(_) => Next::Done,
        }
    }

    /// Ends the attempt and tells whoever waits: its stream, claimers, awaiters.
    async fn finish(
        &self,
        attempt: &AttemptState,
        outcome: Outcome,
        reason: EndReason,
    ) -> StoreResult<Finish> {
        let next = self.next_after(attempt, &outcome);
        let retried = matches!(next, Next::Retry { .. });
        let end = AttemptEnd {
            task_id: attempt.task_id.clone(),
            outcome,
            reason,
            next,
        };
        let finish = self.store.finish(end, store::now()).await?;
        if finish == Finish::Recorded {
            self.hub.ended(&attempt.task_id);
            if retried {
                bump(&self.work);
            } else {
                bump(&self.done);
            }
        }
        Ok(finish)
    }

    /// Ends the attempt `task_id` as a forced cancellation does; false when it had ended.
    async fn terminate(&self, task_id: &str) -> StoreResult<bool> {
        let Some(attempt) = self.store.attempt(task_id).await? else {
            return Ok(false);
        };
        let reason = attempt.cancel.as_ref().map(|c| c.reason.as_str());
        let outcome = cancelled(CancellationMode::Force as i32, reason.unwrap_or(""));
        let finish = self
            .finish(&attempt, outcome, EndReason::Terminated)
            .await?;
        if finish == Finish::Recorded {
            tracing::info!(task_id, "task terminated after a forced cancellation");
        }
        Ok(finish == Finish::Recorded)
    }

    /// Ends what is past a deadline; returns how many pieces of work it ended.
    pub async fn sweep(&self) -> StoreResult<usize> {
        let overdue = self.store.overdue(store::now(), 256).await?;
        let mut ended = 0;
        for item in overdue {
            match item {
                Overdue::Forced { task_id } => {
                    if self.terminate(&task_id).await? {
                        ended += 1;
                    }
                }
                Overdue::Attempt { task_id, kind } => {
                    let Some(attempt) = self.store.attempt(&task_id).await? else {
                        continue;
                    };
                    let outcome = Outcome {
                        outcome: Some(Kind::Timeout(outcome::Timeout {
                            kind,
                            last_heartbeat: attempt.last_heartbeat.clone(),
                        })),
                    };
                    if self.finish(&attempt, outcome, EndReason::TimedOut).await?
                        == Finish::Recorded
                    {
                        tracing::info!(task_id, kind, "task attempt timed out");
                        ended += 1;
                    }
                }
                Overdue::Queued { execution_id } => {
                    let outcome = Outcome {
                        outcome: Some(Kind::Timeout(outcome::Timeout {
                            kind: TimeoutKind::ScheduleToClose as i32,
                            last_heartbeat: None,
                        })),
                    };
                    let store = &self.store;
                    if store
                        .expire_queued(&execution_id, outcome, store::now())
                        .await?
                    {
                        bump(&self.done);
                        ended += 1;
                    }
                }
            }
        }
        Ok(ended)
    }

    /// Runs [`Self::sweep`] every `sweep_interval`, for as long as the future is polled.
    pub async fn sweep_forever(self) {
        let mut ticks = tokio::time::interval(self.config.sweep_interval);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticks.tick().await;
            if let Err(err) = self.sweep().await {
                tracing::warn!(error = %err, "cannot sweep the task queue's deadlines");
            }
        }
    }

    async fn record_heartbeat(
        &self,
        request: RecordHeartbeatRequest,
    ) -> Result<RecordHeartbeatResponse, Status> {
        let task_id = task_id_of(&request.task_token)?;
        let beat = self
            .store
            .heartbeat(&task_id, request.progress, store::now())
            .await?;
        match beat {
            Beat::Alive { cancel: None } => Ok(RecordHeartbeatResponse::default()),
            Beat::Alive {
                cancel: Some(cancel),
            } => Ok(RecordHeartbeatResponse {
                cancel_requested: true,
                cancel_mode: cancel.mode,
                cancel_reason: cancel.reason,
                force_deadline: cancel.force_deadline.map(Into::into),
            }),
            Beat::AlreadyEnded(reason) => Err(flow_proto::status::failure_to_status(
                &flow_proto::common::v1::Failure::new(format!(
                    "the task attempt has ended ({}): stop working on it",
                    reason.as_str()
                ))
                .with_type("execution.attempt_ended")
                .with_non_retryable(true),
            )),
            Beat::NotFound => Err(unknown_token()),
        }
    }

    async fn complete_task(
        &self,
        request: CompleteTaskRequest,
    ) -> Result<CompleteTaskResponse, Status> {
        let task_id = task_id_of(&request.task_token)?;
        let Some(outcome) = request.outcome.filter(|o| o.outcome.is_some()) else {
            return Err(InvalidField::new("outcome", "is required (one of its results)").into());
        };
        let Some(attempt) = self.store.attempt(&task_id).await? else {
            return Err(unknown_token());
        };
        let refused = |reason: EndReason| CompleteTaskResponse {
            accepted: false,
            reason: reason.as_str().into(),
        };
        if let Some(reason) = attempt.ended {
            return Ok(refused(reason));
        }
        match self.finish(&attempt, outcome, EndReason::Completed).await? {
            Finish::Recorded => Ok(CompleteTaskResponse {
                accepted: true,
                reason: String::new(),
            }),
            Finish::AlreadyEnded(reason) => Ok(refused(reason)),
            Finish::NotFound => Err(unknown_token()),
        }
    }

    async fn cancel_execution(
        &self,
        request: CancelExecutionRequest,
    ) -> Result<CancelExecutionResponse, Status> {
        id_field("execution_id", &request.execution_id)?;
        let grace = duration_field("grace_period", request.grace_period)?;
        let mode = match CancellationMode::try_from(request.mode) {
            Ok(CancellationMode::Force) => CancellationMode::Force,
            Ok(_) => CancellationMode::Graceful,
            Err(_) => {
                return Err(InvalidField::new("mode", "is not a CancellationMode").into());
            }
        };
        let now = store::now();
        // Forced: terminate after the grace period (at once without one). Graceful: escalate
        // after the grace period, or never without one.
        let force_deadline = match mode {
            CancellationMode::Force => Some(now + grace.unwrap_or_default()),
            _ => grace.filter(|g| !g.is_zero()).map(|g| now + g),
        };
        let asked = CancelAsked {
            execution_id: request.execution_id.clone(),
            cancel: CancelState {
                mode: mode as i32,
                reason: request.reason.clone(),
                force_deadline,
            },
            requested_by: request.requested_by.clone(),
            queued_outcome: cancelled(mode as i32, &request.reason),
        };
        let cancelled_as = self.store.cancel(asked, now).await?;
        let response = |already_terminal| CancelExecutionResponse {
            already_terminal,
            force_deadline: force_deadline.map(Into::into),
        };
        match cancelled_as {
            Cancelled::NotFound => Err(Status::not_found(format!(
                "no execution {:?}",
                request.execution_id
            ))),
            Cancelled::AlreadyTerminal => Ok(CancelExecutionResponse {
                already_terminal: true,
                force_deadline: None,
            }),
            Cancelled::WhileQueued => {
                bump(&self.done);
                Ok(response(false))
            }
            Cancelled::WhileRunning { task_id, worker_id } => {
                let reached = self.hub.cancel(CancelTask {
                    task_id: task_id.clone(),
                    execution_id: request.execution_id.clone(),
                    mode: mode as i32,
                    reason: request.reason.clone(),
                    force_deadline: force_deadline.map(Into::into),
                });
                tracing::info!(
                    execution_id = %request.execution_id,
                    worker_id,
                    reached,
                    force = mode == CancellationMode::Force,
                    "execution cancel requested"
                );
                // Only a forced cancel without grace has its deadline now.
                if force_deadline.is_some_and(|d| d <= now) {
                    self.terminate(&task_id).await?;
                }
                Ok(response(false))
            }
        }
    }
}

unary_rpcs! {
    impl<S: ExecutionStore> ExecutionService for ExecutionServer<S> {
        record_heartbeat(RecordHeartbeatRequest) -> RecordHeartbeatResponse;
        complete_task(CompleteTaskRequest) -> CompleteTaskResponse;
        cancel_execution(CancelExecutionRequest) -> CancelExecutionResponse;
    }
    streaming {
        type StreamTasksStream = ReceiverStream<Result<StreamTasksResponse, Status>>;

        async fn stream_tasks(
            &self,
            request: tonic::Request<StreamTasksRequest>,
        ) -> Result<tonic::Response<Self::StreamTasksStream>, Status> {
            let worker = stream::WorkerStream::check(request.into_inner(), &self.config)?;
            let (tx, rx) = tokio::sync::mpsc::channel(16);
            tokio::spawn(stream::drive(self.clone(), worker, tx));
            Ok(tonic::Response::new(ReceiverStream::new(rx)))
        }
    }
}
