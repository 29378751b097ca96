//! The worker's side of `StreamTasks`: open the stream, reconnect with backoff when it breaks or
//! falls silent for two ping intervals, start an attempt per task, route cancellations, and on
//! shutdown drain the running attempts within their grace.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use flow_backoff::Backoff;
use flow_proto::common::v1::CancellationMode;
use flow_proto::execution::v1::{StreamTasksResponse, stream_tasks_response};
use tokio::task::JoinSet;
use tokio::time::Instant;
use tokio_util::sync::CancellationToken;

use super::Worker;
use super::attempt::{self, AttemptEnv};
use super::control::AttemptControl;

/// The attempts running now, by task id, so that a `CancelTask` finds its attempt.
#[derive(Clone, Default)]
struct Running(Arc<Mutex<HashMap<String, Arc<AttemptControl>>>>);

impl Running {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Arc<AttemptControl>>> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Runs until `drain` is cancelled and the attempts are drained.
pub(crate) async fn run(worker: Worker, env: AttemptEnv, drain: CancellationToken) {
    let running = Running::default();
    let mut attempts = JoinSet::new();
    let mut backoff = Backoff::new(worker.reconnect);
    let mut client = env.client.clone();
    'connect: while !drain.is_cancelled() {
        let opened = tokio::select! {
            opened = client.stream_tasks(worker.request.clone()) => opened,
            () = drain.cancelled() => break,
        };
        match opened {
            Ok(response) => {
                tracing::info!("task stream open");
                backoff.reset();
                let mut stream = response.into_inner();
                // Twice the ping interval core announced; no watchdog before the first ping.
                let mut silence_limit: Option<Duration> = None;
                loop {
                    while attempts.try_join_next().is_some() {}
                    let event = tokio::select! {
                        event = stream.message() => event,
                        () = sleep_for(silence_limit) => {
                            tracing::warn!("no message from core for two ping intervals; reconnecting");
                            break;
                        }
                        () = drain.cancelled() => break 'connect,
                    };
                    match event {
                        Ok(Some(event)) => {
                            if let Some(limit) =
                                on_event(&worker, &env, &running, &mut attempts, event)
                            {
                                silence_limit = Some(limit);
                            }
                        }
                        Ok(None) => {
                            tracing::info!("core ended the task stream");
                            break;
                        }
                        Err(status) => {
                            tracing::warn!(code = ?status.code(), message = status.message(), "task stream broke");
                            break;
                        }
                    }
                }
            }
            Err(status) => {
                tracing::warn!(code = ?status.code(), message = status.message(), "cannot open the task stream");
            }
        }
        let delay = backoff.next_delay();
        tracing::info!(
            retry_in_ms = delay.as_millis() as u64,
            "reconnecting the task stream"
        );
        tokio::select! {
            () = tokio::time::sleep(delay) => {}
            () = drain.cancelled() => break,
        }
    }
    drain_attempts(&worker, &env, &running, attempts).await;
}

/// Handles one message from core; returns the new silence limit when it was a ping.
fn on_event(
    worker: &Worker,
    env: &AttemptEnv,
    running: &Running,
    attempts: &mut JoinSet<()>,
    event: StreamTasksResponse,
) -> Option<Duration> {
    match event.event {
        Some(stream_tasks_response::Event::Task(task)) => {
            let control = Arc::new(AttemptControl::new());
            {
                let mut map = running.lock();
                if map.contains_key(&task.task_id) {
                    // Sent again after a reconnect: the attempt is already running.
                    tracing::debug!(task_id = task.task_id, "task already running");
                    return None;
                }
                if map.len() >= worker.max_concurrent() {
                    // Core's fault; refusing the task would lose it, so run it anyway.
                    tracing::warn!(
                        running = map.len(),
                        max_concurrent = worker.max_concurrent(),
                        "core sent more tasks than max_concurrent"
                    );
                }
                map.insert(task.task_id.clone(), control.clone());
            }
            let running = running.clone();
            let env = env.clone();
            let task = Arc::new(task);
            attempts.spawn(async move {
                attempt::run(env, task.clone(), control).await;
                running.lock().remove(&task.task_id);
            });
            None
        }
        Some(stream_tasks_response::Event::CancelTask(cancel)) => {
            match running.lock().get(&cancel.task_id) {
                Some(control) => {
                    tracing::info!(task_id = cancel.task_id, reason = cancel.reason, mode = ?cancel.mode(), "cancellation requested");
                    control.cancel(
                        cancel.mode(),
                        &cancel.reason,
                        cancel.force_deadline.as_ref(),
                    );
                }
                None => tracing::debug!(task_id = cancel.task_id, "cancel for a task not running"),
            }
            None
        }
        Some(stream_tasks_response::Event::Ping(ping)) => ping
            .interval
            .and_then(|d| Duration::try_from(d).ok())
            .filter(|d| !d.is_zero())
            .map(|d| d * 2),
        None => {
            tracing::warn!("core sent a task stream message with no event (a newer core?)");
            None
        }
    }
}

async fn sleep_for(limit: Option<Duration>) {
    match limit {
        Some(d) => tokio::time::sleep(d).await,
        None => std::future::pending().await,
    }
}

/// Lets running attempts finish within the drain grace, then cancels them gracefully and gives
/// them the cancel grace to report it, then stops them.
async fn drain_attempts(
    worker: &Worker,
    env: &AttemptEnv,
    running: &Running,
    mut attempts: JoinSet<()>,
) {
    let n = attempts.len();
    if n > 0 {
        tracing::info!(running = n, "draining: waiting for running tasks");
    }
    let grace_end = Instant::now() + worker.drain_grace;
    if join_all_until(&mut attempts, grace_end).await {
        return;
    }
    tracing::warn!(
        running = attempts.len(),
        "drain grace over: cancelling the running tasks"
    );
    for control in running.lock().values() {
        control.cancel(
            CancellationMode::Graceful,
            "the worker is shutting down",
            None,
        );
    }
    if join_all_until(&mut attempts, Instant::now() + worker.cancel_grace).await {
        return;
    }
    env.hard_stop.cancel();
    while attempts.join_next().await.is_some() {}
}

/// Joins every attempt, or stops at `until`; true when all ended.
async fn join_all_until(attempts: &mut JoinSet<()>, until: Instant) -> bool {
    loop {
        tokio::select! {
            joined = attempts.join_next() => if joined.is_none() { return true },
            () = tokio::time::sleep_until(until) => return false,
        }
    }
}
