//! The worker checks, run in order against one worker through [`KitCore`]. Each rule of
//! execution.proto is its own check; see the module docs of [`crate::worker`].
//!
//! This module holds the run order ([`checks`]), the skip helpers and the timing constants; the
//! checks themselves are `Session` methods in the sibling files:
//! - `session`: the bookkeeping every check shares (sending tasks, taking in the worker's calls,
//!   ending tasks after a check);
//! - `completion`: `worker.task.complete`, `worker.handler_not_found`, `worker.complete.retry`;
//! - `cancellation`: `worker.heartbeat`, `worker.cancel.*`, `worker.deadline`;
//! - `connection`: the task stream itself: `worker.stream_tasks`, `worker.reconnect`,
//!   `worker.concurrency` (what the stream advertised), `worker.ping_timeout`;
//! - `format`: the text of check details;
//! - `wire`: the values the kit puts on the wire (payloads, timestamps, tokens, traceparents).

/// The `Ok` value of `$step`, or its `Err` check returned from the enclosing check: a check
/// that cannot get past a step (start a task, get its completion) ends with that step's verdict.
macro_rules! or_verdict {
    ($step:expr) => {
        match $step {
            Ok(value) => value,
            Err(check) => return check,
        }
    };
}

mod cancellation;
mod completion;
mod connection;
mod format;
mod session;
mod wire;

use std::time::Duration;

use super::core::KitCore;
use super::{IDS, LONG_CHECKS, WorkerOptions};
use crate::Check;
use session::Session;

/// How long the kit keeps watching for calls that must not come (a heartbeat after a
/// cancellation, a second CompleteTask after a rejection).
const WATCH: Duration = Duration::from_millis(1500);
/// How long the kit looks for a duplicate CompleteTask after an accepted one.
const DUPLICATE_WATCH: Duration = Duration::from_millis(250);
/// How long after its deadline a task may still heartbeat (the worker notices it late).
const DEADLINE_GRACE: Duration = Duration::from_millis(500);
/// How long after a force deadline a task may still heartbeat.
const FORCE_GRACE: Duration = Duration::from_millis(300);
/// The force cancellation's grace period.
const FORCE_AFTER: Duration = Duration::from_secs(1);
/// The deadline of the deadline check's task.
const SHORT_DEADLINE: Duration = Duration::from_millis(1500);
/// The deadline of every other task.
const TASK_DEADLINE: Duration = Duration::from_secs(60);
/// The ping interval of the ping check.
const PING_INTERVAL: Duration = Duration::from_millis(500);
/// The most tasks the concurrency check runs at once.
const MAX_PARALLEL: u32 = 4;
/// How soon each of the concurrency check's tasks must heartbeat.
const PARALLEL_HEARTBEAT: Duration = Duration::from_secs(2);
/// How often waits re-evaluate their condition when no call arrives.
const TICK: Duration = Duration::from_millis(50);

/// Runs every worker check through `core`, the `ExecutionService` the worker dials.
pub async fn checks(core: &mut KitCore, opts: &WorkerOptions, timeout: Duration) -> Vec<Check> {
    let mut s = Session::new(core, opts, timeout);
    let mut out = Vec::new();
    let first = s.stream_tasks().await;
    let opened = !s.streams.is_empty();
    out.push(s.finish(first));
    if !opened {
        out.extend(skip_from(1, "no task stream (see worker.stream_tasks)"));
        return out;
    }
    let last = s
        .streams
        .last()
        .map(|o| o.request.clone())
        .unwrap_or_default();
    let handler = opts
        .handler
        .clone()
        .or_else(|| last.handlers.first().cloned());
    let Some(handler) = handler else {
        out.extend(skip_from(
            1,
            "the worker lists no handler to send tasks to; pass --task-handler",
        ));
        return out;
    };
    s.handler = handler;

    out.push(s.settled(Session::task_complete).await);
    out.push(s.settled(Session::handler_not_found).await);
    out.push(s.settled(Session::complete_retry).await);

    if opts.long_input.is_none() {
        for id in LONG_CHECKS {
            out.push(Check::skip(
                id,
                "needs a long-running task: pass --long-task-input (an input that keeps the handler running for at least ~30 s)",
            ));
        }
    } else {
        let (c, carried) = s.heartbeat().await;
        out.push(s.finish(c));
        let c = s.cancel_graceful(carried).await;
        out.push(s.settle(c).await);
        out.push(s.settled(Session::cancel_heartbeat).await);
        out.push(s.settled(Session::cancel_force).await);
        out.push(s.settled(Session::deadline).await);
        out.push(s.settled(Session::reconnect).await);
        out.push(s.settled(Session::concurrency).await);
    }
    // Last: it leaves a stream the kit no longer pings.
    let c = s.ping_timeout().await;
    out.push(s.finish(c));
    // Keep IDS and the run order in step.
    debug_assert_eq!(
        out.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(),
        IDS.to_vec()
    );
    out
}

/// The worker checks, every one skipped with `why`: no `--core-listen`, or it could not listen.
pub fn skipped(why: &str) -> Vec<Check> {
    IDS.iter().map(|id| Check::skip(id, why)).collect()
}

/// The worker checks when the kit could not serve `ExecutionService` (`why`).
pub fn unavailable(why: &str) -> Vec<Check> {
    let mut out = vec![Check::fail(IDS[0], why)];
    out.extend(skip_from(1, "the kit serves no ExecutionService"));
    out
}

fn skip_from(first: usize, why: &str) -> Vec<Check> {
    IDS[first..].iter().map(|id| Check::skip(id, why)).collect()
}
