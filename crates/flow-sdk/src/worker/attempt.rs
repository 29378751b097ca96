//! One task attempt from dispatch to completion: run the handler, heartbeat while it runs, stop
//! it at the task's deadline or a forced cancellation's deadline, and report the outcome with
//! `CompleteTask`, retried while core is unreachable.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use flow_backoff::{Backoff, BackoffConfig};
use flow_proto::common::v1::{Failure, Outcome, outcome};
use flow_proto::execution::v1::execution_service_client::ExecutionServiceClient;
use flow_proto::execution::v1::{CompleteTaskRequest, RecordHeartbeatRequest, Task};
use flow_proto::failure::FailureExt;
use tokio::time::Instant;
use tokio_util::sync::CancellationToken;
use tonic::transport::Channel;
use tonic::{Code, Request};
use tracing::Instrument as _;

use super::control::{AttemptControl, instant_of};
use super::handler::{TaskContext, TaskError, TaskHandler};
use super::{PROGRESS_HEARTBEAT_INTERVAL, WORKER_HANDLER_PANICKED};
use crate::trace::TraceParent;

/// How long one `RecordHeartbeat` or `CompleteTask` call may take.
const CALL_TIMEOUT: Duration = Duration::from_secs(10);

/// Completion retries: quick at first (a restarting core is back in a second), capped low so a
/// completion lands soon after core returns.
const COMPLETE_BACKOFF: BackoffConfig = BackoffConfig {
    initial: Duration::from_millis(100),
    multiplier: 2.0,
    jitter: 0.2,
    max: Duration::from_secs(5),
};

/// What every attempt of one worker shares.
#[derive(Clone)]
pub(crate) struct AttemptEnv {
    pub(crate) client: ExecutionServiceClient<Channel>,
    pub(crate) handlers: Arc<BTreeMap<String, Arc<dyn TaskHandler>>>,
    /// Cancelled when the worker's drain runs out: attempts stop without reporting.
    pub(crate) hard_stop: CancellationToken,
}

/// Runs one attempt to its end. Never panics on a handler panic: that is a failed attempt.
pub(crate) async fn run(env: AttemptEnv, task: Arc<Task>, control: Arc<AttemptControl>) {
    let span = task_span(&task);
    async move {
        let Some(handler) = env.handlers.get(&task.handler).cloned() else {
            tracing::warn!("no such handler");
            let outcome = outcome::Outcome::HandlerNotFound(outcome::HandlerNotFound {
                handler: task.handler.clone(),
                available_handlers: env.handlers.keys().cloned().collect(),
            });
            complete(&env, &task, &control, outcome).await;
            return;
        };
        let ctx = TaskContext {
            task: task.clone(),
            control: control.clone(),
        };
        let mut running =
            tokio::spawn(async move { handler.run(ctx).await }.instrument(tracing::Span::current()));
        let deadline = task.deadline.as_ref().map(instant_of);
        let ended = tokio::select! {
            joined = &mut running => Some(joined),
            () = heartbeats(&env, &task, &control) => None,
            () = sleep_until(deadline) => {
                tracing::warn!("the task's deadline passed: stopped without reporting (core records the timeout)");
                None
            }
            () = control.force_deadline() => {
                tracing::warn!("forced cancellation deadline passed: stopped without reporting");
                None
            }
            () = env.hard_stop.cancelled() => {
                tracing::warn!("worker stopped before the task finished");
                None
            }
        };
        let Some(joined) = ended else {
            running.abort();
            return;
        };
        let outcome = match joined {
            Ok(Ok(result)) => outcome::Outcome::Success(outcome::Success {
                result: Some(result),
            }),
            Ok(Err(TaskError::Failed(failure))) => outcome::Outcome::Failure(failure),
            Ok(Err(TaskError::RetryAfter { delay, cause })) => {
                outcome::Outcome::RetryAfter(outcome::RetryAfter {
                    delay: Some(delay.into()),
                    cause,
                })
            }
            Ok(Err(TaskError::Cancelled { details })) => {
                let cancellation = control.cancellation();
                outcome::Outcome::Cancelled(outcome::Cancelled {
                    mode: cancellation.as_ref().map_or(0, |c| c.mode as i32),
                    details,
                    reason: cancellation.map(|c| c.reason).unwrap_or_default(),
                })
            }
            Err(join) => outcome::Outcome::Failure(
                Failure::new(format!("the handler panicked: {join}"))
                    .with_type(WORKER_HANDLER_PANICKED),
            ),
        };
        complete(&env, &task, &control, outcome).await;
    }
    .instrument(span)
    .await
}

/// The span of one attempt, a child of the task's trace context.
fn task_span(task: &Task) -> tracing::Span {
    let span = tracing::info_span!(
        "task",
        task_id = task.task_id.as_str(),
        execution_id = task.execution_id.as_str(),
        handler = task.handler.as_str(),
        attempt = task.attempt,
        trace_id = tracing::field::Empty,
        parent_span_id = tracing::field::Empty,
    );
    if let Some(parent) = task.trace.as_ref().and_then(TraceParent::from_context) {
        span.record("trace_id", parent.trace_id.as_str());
        span.record("parent_span_id", parent.parent_id.as_str());
    }
    span
}

async fn sleep_until(at: Option<Instant>) {
    match at {
        Some(at) => tokio::time::sleep_until(at).await,
        None => std::future::pending().await,
    }
}

/// Sends heartbeats until the attempt ends (never returns on its own): every
/// [`HEARTBEAT_FRACTION`] of `heartbeat_timeout` when the task has one, else whenever progress was recorded, at most once
/// per [`PROGRESS_HEARTBEAT_INTERVAL`]. An answer asking to cancel cancels the attempt.
async fn heartbeats(env: &AttemptEnv, task: &Task, control: &AttemptControl) {
    let timeout = task
        .heartbeat_timeout
        .and_then(|d| Duration::try_from(d).ok())
        .filter(|d| !d.is_zero());
    let mut client = env.client.clone();
    loop {
        match timeout {
            Some(t) => {
                let every = t.mul_f64(HEARTBEAT_FRACTION).max(Duration::from_millis(10));
                tokio::time::sleep(every).await;
            }
            None => {
                control.progressed().await;
                tokio::time::sleep(PROGRESS_HEARTBEAT_INTERVAL).await;
            }
        }
        let pending = control.take_pending();
        let mut request = Request::new(RecordHeartbeatRequest {
            task_token: task.task_token.clone(),
            progress: pending.progress.clone(),
            counters: pending.counters.clone(),
        });
        request.set_timeout(timeout.unwrap_or(CALL_TIMEOUT).min(CALL_TIMEOUT));
        match client.record_heartbeat(request).await {
            Ok(response) => {
                let answer = response.into_inner();
                if answer.cancel_requested {
                    tracing::info!(reason = answer.cancel_reason, "cancellation requested");
                    control.cancel(
                        answer.cancel_mode(),
                        &answer.cancel_reason,
                        answer.force_deadline.as_ref(),
                    );
                }
            }
            Err(status) => {
                tracing::warn!(code = ?status.code(), message = status.message(), "heartbeat failed");
                control.restore_pending(pending);
            }
        }
    }
}

/// The share of `Task.heartbeat_timeout` between two heartbeats: a third leaves room for two
/// more before core gives up on the attempt, so one lost heartbeat never times it out (the Go and
/// TypeScript workers use the same fraction).
pub const HEARTBEAT_FRACTION: f64 = 1.0 / 3.0;

/// Errors worth retrying a completion after: core or the network is briefly unavailable.
fn retryable(code: Code) -> bool {
    matches!(
        code,
        Code::Unavailable
            | Code::DeadlineExceeded
            | Code::ResourceExhausted
            | Code::Aborted
            | Code::Unknown
    )
}

/// Reports the outcome, retrying transient errors until core answers, the attempt's deadline
/// (or force deadline) passes, or the worker stops. Safe to retry: core answers a repeat with
/// `accepted = false`.
async fn complete(
    env: &AttemptEnv,
    task: &Task,
    control: &AttemptControl,
    outcome: outcome::Outcome,
) {
    let request = CompleteTaskRequest {
        task_token: task.task_token.clone(),
        outcome: Some(Outcome {
            outcome: Some(outcome),
        }),
    };
    let deadline = task.deadline.as_ref().map(instant_of);
    let mut client = env.client.clone();
    let mut backoff = Backoff::new(COMPLETE_BACKOFF);
    loop {
        let mut call = Request::new(request.clone());
        call.set_timeout(CALL_TIMEOUT);
        let status = match client.complete_task(call).await {
            Ok(response) => {
                let answer = response.into_inner();
                if answer.accepted {
                    tracing::debug!("completed");
                } else {
                    tracing::warn!(reason = answer.reason, "core did not record the outcome");
                }
                return;
            }
            Err(status) => status,
        };
        if !retryable(status.code()) {
            tracing::error!(code = ?status.code(), message = status.message(), "completion refused");
            return;
        }
        let delay = backoff.next_delay();
        if deadline.is_some_and(|d| Instant::now() + delay >= d) {
            tracing::warn!(
                message = status.message(),
                "deadline reached while retrying the completion"
            );
            return;
        }
        tracing::warn!(code = ?status.code(), retry_in_ms = delay.as_millis() as u64, "completion failed; retrying");
        tokio::select! {
            () = tokio::time::sleep(delay) => {}
            () = control.force_deadline() => return,
            () = env.hard_stop.cancelled() => return,
        }
    }
}
