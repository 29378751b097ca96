//! The worker checks, run in order against one worker through [`KitCore`]. Each rule of
//! execution.proto is its own check; see the module docs of [`crate::worker`].

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use flow_proto::common::v1::outcome::Outcome as Kind;
use flow_proto::common::v1::{CancellationMode, Outcome, Payload, TraceContext};
use flow_proto::execution::v1::stream_tasks_response::{CancelTask, Event as Push, Ping};
use flow_proto::execution::v1::{StreamTasksRequest, Task};
use flow_proto::wkt::Timestamp;
use prost::bytes::Bytes;
use tokio::time::Instant;

use super::core::{Answer, Event, HeartbeatCancel, KitCore};
use super::{HEARTBEAT_TIMEOUT, IDS, LONG_CHECKS, NO_SUCH_HANDLER, SLACK, WorkerOptions};
use crate::Check;

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
    let mut s = Session {
        core,
        timeout,
        opts,
        handler: String::new(),
        worker_id: String::new(),
        max_concurrent: 1,
        streams: Vec::new(),
        tasks: HashMap::new(),
        unknown: Vec::new(),
        abandoned: HashSet::new(),
        seq: 0,
    };
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

    let c = s.task_complete().await;
    out.push(s.settle(c).await);
    let c = s.handler_not_found().await;
    out.push(s.settle(c).await);
    let c = s.complete_retry().await;
    out.push(s.settle(c).await);

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
        let c = s.cancel_heartbeat().await;
        out.push(s.settle(c).await);
        let c = s.cancel_force().await;
        out.push(s.settle(c).await);
        let c = s.deadline().await;
        out.push(s.settle(c).await);
        let c = s.reconnect().await;
        out.push(s.settle(c).await);
        let c = s.concurrency().await;
        out.push(s.settle(c).await);
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

/// A completion as the kit saw and answered it.
#[derive(Clone, Debug)]
struct Completion {
    at: Instant,
    outcome: Option<Outcome>,
    answer: Answer,
}

/// What the kit sent and saw for one task.
#[derive(Debug)]
struct TaskLog {
    task_id: String,
    execution_id: String,
    sent: Instant,
    /// The task deadline, or the force deadline once one was set: the worker must stop by then.
    stop_at: Instant,
    heartbeats: Vec<Instant>,
    completions: Vec<Completion>,
}

impl TaskLog {
    /// The first completion that was answered (not failed with UNAVAILABLE).
    fn answered(&self) -> Option<&Completion> {
        self.completions
            .iter()
            .find(|c| c.answer != Answer::Unavailable)
    }

    /// Whether the attempt is over: an answered completion, or silence well after its
    /// deadline or force deadline.
    fn ended(&self, now: Instant) -> bool {
        let quiet_from = self.stop_at + DEADLINE_GRACE;
        self.answered().is_some()
            || (now >= quiet_from + HEARTBEAT_TIMEOUT + SLACK
                && !self.heartbeats.iter().any(|h| *h > quiet_from))
    }

    fn heartbeats_after(&self, t: Instant) -> usize {
        self.heartbeats.iter().filter(|h| **h > t).count()
    }

    /// The longest time without a heartbeat between `from` and `to`.
    fn longest_gap(&self, from: Instant, to: Instant) -> Duration {
        let mut last = from;
        let mut longest = Duration::ZERO;
        for h in self.heartbeats.iter().filter(|h| **h > from && **h <= to) {
            longest = longest.max(*h - last);
            last = *h;
        }
        longest.max(to.saturating_duration_since(last))
    }
}

struct Opened {
    at: Instant,
    request: StreamTasksRequest,
}

/// What to send.
struct Spec {
    handler: String,
    input: String,
    heartbeat: Option<Duration>,
    deadline: Duration,
}

struct Session<'a> {
    core: &'a mut KitCore,
    timeout: Duration,
    opts: &'a WorkerOptions,
    handler: String,
    worker_id: String,
    max_concurrent: u32,
    streams: Vec<Opened>,
    tasks: HashMap<Bytes, TaskLog>,
    /// RPCs with a token the kit never issued, since the last check finished.
    unknown: Vec<&'static str>,
    /// Tasks a graceful cancellation did not end: not cancelled again, but still counted
    /// against `max_concurrent` until they end.
    abandoned: HashSet<Bytes>,
    seq: u64,
}

fn ms(d: Duration) -> u128 {
    d.as_millis()
}

impl Session<'_> {
    // ----- events -----

    /// Takes in at most one event, waiting until `until` at the latest.
    async fn pump(&mut self, until: Instant) -> bool {
        let Some(event) = self.core.next_event(until).await else {
            return false;
        };
        match event {
            Event::StreamOpened { request, at, .. } => self.streams.push(Opened { at, request }),
            Event::Heartbeat { token, at, .. } => {
                if let Some(t) = self.tasks.get_mut(&token) {
                    t.heartbeats.push(at);
                }
            }
            Event::Completion {
                token,
                outcome,
                at,
                answer,
            } => {
                if let Some(t) = self.tasks.get_mut(&token) {
                    t.completions.push(Completion {
                        at,
                        outcome,
                        answer,
                    });
                }
            }
            Event::UnknownToken { rpc, .. } => self.unknown.push(rpc),
        }
        true
    }

    /// Takes in events until `cond` holds (true) or `until` passes (false).
    async fn wait_for(&mut self, until: Instant, cond: impl Fn(&Self) -> bool) -> bool {
        loop {
            if cond(self) {
                return true;
            }
            let now = Instant::now();
            if now >= until {
                return false;
            }
            self.pump((now + TICK).min(until)).await;
        }
    }

    /// Takes in every event until `until`.
    async fn watch(&mut self, until: Instant) {
        self.wait_for(until, |_| false).await;
    }

    fn log(&self, token: &Bytes) -> &TaskLog {
        &self.tasks[token]
    }

    fn answered(&self, token: &Bytes) -> bool {
        self.log(token).answered().is_some()
    }

    // ----- tasks -----

    fn outstanding(&self) -> usize {
        let now = Instant::now();
        self.tasks.values().filter(|t| !t.ended(now)).count()
    }

    /// Why `n` more tasks cannot be sent without going over `max_concurrent`, if so.
    fn no_room(&self, n: usize) -> Option<String> {
        let max = self.max_concurrent.max(1) as usize;
        let busy = self.outstanding();
        (busy + n > max).then(|| {
            format!(
                "the worker still runs {busy} task(s) the kit could not end (max_concurrent {max})"
            )
        })
    }

    /// Builds, registers and sends a task; `arm` sets the kit's answers for its token before
    /// the worker can see it.
    fn send_task(
        &mut self,
        spec: &Spec,
        arm: impl FnOnce(&KitCore, &Bytes),
    ) -> Result<Bytes, String> {
        self.seq += 1;
        let pid = std::process::id();
        let token = Bytes::from(random_bytes::<16>().to_vec());
        let now = SystemTime::now();
        let task = Task {
            task_id: format!("flow-conformance-{pid}-task-{}", self.seq),
            execution_id: format!("flow-conformance-{pid}-execution-{}", self.seq),
            handler: spec.handler.clone(),
            attempt: 1,
            deadline: Some(timestamp(now + spec.deadline)),
            heartbeat_timeout: spec.heartbeat.map(Into::into),
            input: Some(json_payload(&spec.input)),
            trace: Some(TraceContext {
                traceparent: traceparent(),
                tracestate: String::new(),
            }),
            task_token: token.clone(),
            enqueue_time: Some(timestamp(now)),
            ..Default::default()
        };
        let sent = Instant::now();
        self.core.register(token.clone());
        self.core
            .reject_after(&token, sent + spec.deadline, "TIMED_OUT");
        arm(&*self.core, &token);
        self.tasks.insert(
            token.clone(),
            TaskLog {
                task_id: task.task_id.clone(),
                execution_id: task.execution_id.clone(),
                sent,
                stop_at: sent + spec.deadline,
                heartbeats: Vec::new(),
                completions: Vec::new(),
            },
        );
        if let Err(e) = self.core.send(Push::Task(task)) {
            self.tasks.remove(&token);
            return Err(format!("cannot send the task: {e}"));
        }
        Ok(token)
    }

    fn short(&self) -> Spec {
        Spec {
            handler: self.handler.clone(),
            input: self.opts.input.clone(),
            heartbeat: None,
            deadline: TASK_DEADLINE,
        }
    }

    fn long(&self) -> Spec {
        Spec {
            handler: self.handler.clone(),
            input: self.opts.long_input.clone().unwrap_or_default(),
            heartbeat: Some(HEARTBEAT_TIMEOUT),
            deadline: TASK_DEADLINE,
        }
    }

    fn cancel_task(&self, token: &Bytes, mode: CancellationMode, reason: &str) -> CancelTask {
        let log = self.log(token);
        CancelTask {
            task_id: log.task_id.clone(),
            execution_id: log.execution_id.clone(),
            mode: mode as i32,
            reason: reason.into(),
            force_deadline: None,
        }
    }

    /// Asks the worker to stop `token` gracefully, on its stream and on its heartbeats, as core
    /// does.
    fn cancel_gracefully(&self, token: &Bytes, reason: &str) -> Result<(), String> {
        self.core.cancel_heartbeats(
            token,
            HeartbeatCancel {
                mode: CancellationMode::Graceful,
                reason: reason.into(),
                force_deadline: None,
            },
        );
        self.core.send(Push::CancelTask(self.cancel_task(
            token,
            CancellationMode::Graceful,
            reason,
        )))
    }

    /// Ends every task still running (cancelling it gracefully), then adds what went wrong on
    /// the way to `check`.
    async fn settle(&mut self, check: Check) -> Check {
        let now = Instant::now();
        let running: Vec<Bytes> = self
            .tasks
            .iter()
            .filter(|(k, t)| !t.ended(now) && !self.abandoned.contains(*k))
            .map(|(k, _)| k.clone())
            .collect();
        let mut notes = Vec::new();
        if !running.is_empty() {
            for token in &running {
                let _ = self.cancel_gracefully(token, "flow-conformance: ending the check's task");
            }
            let until = Instant::now() + self.timeout;
            let tokens = running.clone();
            self.wait_for(until, move |s| {
                let now = Instant::now();
                tokens.iter().all(|t| s.log(t).ended(now))
            })
            .await;
            let now = Instant::now();
            for token in &running {
                let log = &self.tasks[token];
                if !log.ended(now) {
                    notes.push(format!(
                        "note: task {} did not end within {:?} of a graceful cancellation and may still be running",
                        log.task_id, self.timeout
                    ));
                    self.abandoned.insert(token.clone());
                }
            }
        }
        let mut check = self.finish(check);
        if !notes.is_empty() {
            check.detail = format!("{}; {}", check.detail, notes.join("; "));
        }
        check
    }

    /// Fails `check` when the worker used a token the kit never issued.
    fn finish(&mut self, mut check: Check) -> Check {
        if !self.unknown.is_empty() {
            let rpcs = std::mem::take(&mut self.unknown);
            let problem = format!(
                "unknown task token in {} (answered INVALID_ARGUMENT)",
                rpcs.join(", ")
            );
            check = match check.outcome {
                crate::Outcome::Fail => {
                    Check::fail(&check.id, format!("{}; {problem}", check.detail))
                }
                _ => Check::fail(&check.id, problem),
            };
        }
        check
    }

    // ----- the checks -----

    async fn stream_tasks(&mut self) -> Check {
        const ID: &str = "worker.stream_tasks";
        let until = Instant::now() + self.timeout;
        if !self.wait_for(until, |s| !s.streams.is_empty()).await {
            return Check::fail(
                ID,
                format!(
                    "the worker opened no StreamTasks within {:?} (it must dial {})",
                    self.timeout,
                    self.core.local_addr()
                ),
            );
        }
        // A worker that reconnected at once: judge its latest stream.
        while self.pump(Instant::now()).await {}
        let req = self
            .streams
            .last()
            .map(|o| o.request.clone())
            .unwrap_or_default();
        self.worker_id = req.worker_id.clone();
        self.max_concurrent = req.max_concurrent;
        let mut problems = Vec::new();
        if req.worker_id.is_empty() {
            problems.push("StreamTasksRequest.worker_id is empty".to_owned());
        }
        if req.handlers.is_empty() {
            problems.push("StreamTasksRequest.handlers is empty".to_owned());
        }
        if req.handlers.iter().any(String::is_empty) {
            problems.push("StreamTasksRequest.handlers has an empty name".to_owned());
        }
        Check::from_problems(
            ID,
            format!(
                "worker {:?}: handlers {:?}, max_concurrent {}",
                req.worker_id, req.handlers, req.max_concurrent
            ),
            &problems,
        )
    }

    async fn task_complete(&mut self) -> Check {
        const ID: &str = "worker.task.complete";
        if let Some(why) = self.no_room(1) {
            return Check::skip(ID, why);
        }
        let spec = self.short();
        let token = match self.send_task(&spec, |_, _| {}) {
            Ok(t) => t,
            Err(e) => return Check::fail(ID, e),
        };
        let handler = self.handler.clone();
        let until = Instant::now() + self.timeout;
        let t = token.clone();
        if !self.wait_for(until, |s| s.answered(&t)).await {
            return Check::fail(
                ID,
                format!(
                    "no CompleteTask within {:?} for a {handler:?} task with input {}",
                    self.timeout, self.opts.input
                ),
            );
        }
        self.watch(Instant::now() + DUPLICATE_WATCH).await;
        let log = self.log(&token);
        let mut problems = Vec::new();
        let first = &log.completions[0];
        let shown = show_outcome(first.outcome.as_ref());
        match first.outcome.as_ref().and_then(|o| o.outcome.as_ref()) {
            Some(Kind::Success(_) | Kind::Failure(_) | Kind::RetryAfter(_)) => {}
            Some(Kind::HandlerNotFound(_)) => problems.push(format!(
                "outcome handler_not_found for {handler:?}, a handler the worker lists"
            )),
            Some(Kind::Cancelled(_) | Kind::Timeout(_)) => problems.push(format!(
                "outcome {shown} for a task nobody cancelled (expected success, failure or retry_after)"
            )),
            None => problems.push("CompleteTaskRequest.outcome has no result set".to_owned()),
        }
        if log.completions.len() > 1 {
            problems.push(format!(
                "CompleteTask called {} times for one task (once per task)",
                log.completions.len()
            ));
        }
        Check::from_problems(
            ID,
            format!(
                "{handler:?} completed in {} ms: {shown}",
                ms(first.at - log.sent)
            ),
            &problems,
        )
    }

    async fn handler_not_found(&mut self) -> Check {
        const ID: &str = "worker.handler_not_found";
        if let Some(why) = self.no_room(1) {
            return Check::skip(ID, why);
        }
        let spec = Spec {
            handler: NO_SUCH_HANDLER.into(),
            ..self.short()
        };
        let token = match self.send_task(&spec, |_, _| {}) {
            Ok(t) => t,
            Err(e) => return Check::fail(ID, e),
        };
        let until = Instant::now() + self.timeout;
        let t = token.clone();
        if !self.wait_for(until, |s| s.answered(&t)).await {
            return Check::fail(
                ID,
                format!(
                    "no CompleteTask within {:?} for a task with handler {NO_SUCH_HANDLER:?}",
                    self.timeout
                ),
            );
        }
        let log = self.log(&token);
        let first = &log.completions[0];
        match first.outcome.as_ref().and_then(|o| o.outcome.as_ref()) {
            Some(Kind::HandlerNotFound(h)) => {
                let mut problems = Vec::new();
                if h.handler != NO_SUCH_HANDLER {
                    problems.push(format!(
                        "handler_not_found.handler is {:?}, expected {NO_SUCH_HANDLER:?}",
                        h.handler
                    ));
                }
                if h.available_handlers.is_empty() {
                    problems.push("handler_not_found.available_handlers is empty".to_owned());
                }
                Check::from_problems(
                    ID,
                    format!(
                        "handler_not_found {:?}, available {:?}",
                        h.handler, h.available_handlers
                    ),
                    &problems,
                )
            }
            _ => Check::fail(
                ID,
                format!(
                    "handler {NO_SUCH_HANDLER:?} completed with {}, expected handler_not_found",
                    show_outcome(first.outcome.as_ref())
                ),
            ),
        }
    }

    async fn complete_retry(&mut self) -> Check {
        const ID: &str = "worker.complete.retry";
        if let Some(why) = self.no_room(1) {
            return Check::skip(ID, why);
        }
        let spec = self.short();
        let token = match self.send_task(&spec, |core, t| core.fail_next_completion(t)) {
            Ok(t) => t,
            Err(e) => return Check::fail(ID, e),
        };
        let t = token.clone();
        let until = Instant::now() + self.timeout;
        if !self
            .wait_for(until, |s| !s.log(&t).completions.is_empty())
            .await
        {
            return Check::fail(ID, format!("no CompleteTask within {:?}", self.timeout));
        }
        let failed_at = self.log(&token).completions[0].at;
        let until = failed_at + self.timeout;
        if !self.wait_for(until, |s| s.answered(&t)).await {
            return Check::fail(
                ID,
                format!(
                    "the kit answered CompleteTask with UNAVAILABLE; the worker did not retry within {:?}",
                    self.timeout
                ),
            );
        }
        let log = self.log(&token);
        let (first, retry) = (&log.completions[0], &log.completions[1]);
        if first.outcome == retry.outcome {
            Check::pass(
                ID,
                format!(
                    "retried {} ms after UNAVAILABLE with the same outcome ({})",
                    ms(retry.at - first.at),
                    show_outcome(retry.outcome.as_ref())
                ),
            )
        } else {
            Check::fail(
                ID,
                format!(
                    "the retry carried a different outcome: {} first, then {}",
                    show_outcome(first.outcome.as_ref()),
                    show_outcome(retry.outcome.as_ref())
                ),
            )
        }
    }

    /// Also returns the task (still running when the check passes) for the graceful
    /// cancellation check.
    async fn heartbeat(&mut self) -> (Check, Option<Bytes>) {
        const ID: &str = "worker.heartbeat";
        if let Some(why) = self.no_room(1) {
            return (Check::skip(ID, why), None);
        }
        let spec = self.long();
        let token = match self.send_task(&spec, |_, _| {}) {
            Ok(t) => t,
            Err(e) => return (Check::fail(ID, e), None),
        };
        let limit = HEARTBEAT_TIMEOUT + SLACK;
        let sent = self.log(&token).sent;
        let problem = loop {
            let log = self.log(&token);
            let n = log.heartbeats.len();
            if n >= 3 {
                break None;
            }
            if let Some(c) = log.answered() {
                break Some(format!(
                    "the long task completed ({}) after {n} heartbeat(s); --long-task-input must keep it running for ~30 s",
                    show_outcome(c.outcome.as_ref())
                ));
            }
            let last = log.heartbeats.last().copied().unwrap_or(sent);
            let t = token.clone();
            let more = self
                .wait_for(last + limit, |s| {
                    let log = s.log(&t);
                    log.heartbeats.len() > n || log.answered().is_some()
                })
                .await;
            if !more {
                break Some(match n {
                    0 => format!(
                        "no RecordHeartbeat within {} ms of the task (heartbeat_timeout {} ms)",
                        ms(limit),
                        ms(HEARTBEAT_TIMEOUT)
                    ),
                    _ => format!(
                        "no RecordHeartbeat for {} ms after heartbeat {n} (heartbeat_timeout {} ms)",
                        ms(limit),
                        ms(HEARTBEAT_TIMEOUT)
                    ),
                });
            }
        };
        let log = self.log(&token);
        let gaps: Vec<u128> = std::iter::once(sent)
            .chain(log.heartbeats.iter().copied())
            .collect::<Vec<_>>()
            .windows(2)
            .map(|w| ms(w[1] - w[0]))
            .collect();
        let check = match problem {
            Some(p) => Check::fail(ID, p),
            None => Check::pass(
                ID,
                format!(
                    "3 heartbeats, {gaps:?} ms apart (heartbeat_timeout {} ms)",
                    ms(HEARTBEAT_TIMEOUT)
                ),
            ),
        };
        (check, Some(token))
    }

    async fn cancel_graceful(&mut self, carried: Option<Bytes>) -> Check {
        const ID: &str = "worker.cancel.graceful";
        let token = match carried {
            None => return Check::skip(ID, "no long task (see worker.heartbeat)"),
            Some(t) if self.answered(&t) => {
                return Check::skip(ID, "the long task already completed (see worker.heartbeat)");
            }
            Some(t) => t,
        };
        let reason = "flow-conformance: graceful cancellation check";
        let cancel = self.cancel_task(&token, CancellationMode::Graceful, reason);
        if let Err(e) = self.core.send(Push::CancelTask(cancel)) {
            return Check::fail(ID, format!("cannot send CancelTask: {e}"));
        }
        let asked = Instant::now();
        let t = token.clone();
        if !self
            .wait_for(asked + self.timeout, |s| s.answered(&t))
            .await
        {
            return Check::fail(
                ID,
                format!(
                    "no CompleteTask within {:?} after CancelTask (GRACEFUL) on the stream",
                    self.timeout
                ),
            );
        }
        let done = self.log(&token).answered().cloned();
        let Some(done) = done else {
            return Check::fail(ID, "no completion");
        };
        self.watch(done.at + WATCH).await;
        let mut problems = cancelled_problems(done.outcome.as_ref(), CancellationMode::Graceful);
        let late = self.log(&token).heartbeats_after(done.at);
        if late > 0 {
            problems.push(format!(
                "{late} RecordHeartbeat(s) after the task completed"
            ));
        }
        Check::from_problems(
            ID,
            format!(
                "{} {} ms after CancelTask; no heartbeat after it",
                show_outcome(done.outcome.as_ref()),
                ms(done.at - asked)
            ),
            &problems,
        )
    }

    async fn cancel_heartbeat(&mut self) -> Check {
        const ID: &str = "worker.cancel.heartbeat";
        if let Some(why) = self.no_room(1) {
            return Check::skip(ID, why);
        }
        let reason = "flow-conformance: cancel_requested check";
        let spec = self.long();
        let token = match self.send_task(&spec, |core, t| {
            core.cancel_from_heartbeat(
                t,
                2,
                HeartbeatCancel {
                    mode: CancellationMode::Graceful,
                    reason: reason.into(),
                    force_deadline: None,
                },
            );
        }) {
            Ok(t) => t,
            Err(e) => return Check::fail(ID, e),
        };
        let sent = self.log(&token).sent;
        let t = token.clone();
        let until = sent + 2 * (HEARTBEAT_TIMEOUT + SLACK);
        if !self
            .wait_for(until, |s| s.log(&t).heartbeats.len() >= 2 || s.answered(&t))
            .await
        {
            return Check::fail(
                ID,
                format!(
                    "{} heartbeat(s) within {} ms; the kit answers the 2nd with cancel_requested",
                    self.log(&token).heartbeats.len(),
                    ms(until - sent)
                ),
            );
        }
        let log = self.log(&token);
        if let Some(c) = log.answered()
            && log.heartbeats.len() < 2
        {
            return Check::fail(
                ID,
                format!(
                    "the long task completed ({}) before its 2nd heartbeat",
                    show_outcome(c.outcome.as_ref())
                ),
            );
        }
        let asked = log.heartbeats[1];
        if !self
            .wait_for(asked + self.timeout, |s| s.answered(&t))
            .await
        {
            return Check::fail(
                ID,
                format!(
                    "no CompleteTask within {:?} after a heartbeat answered cancel_requested (GRACEFUL)",
                    self.timeout
                ),
            );
        }
        let Some(done) = self.log(&token).answered().cloned() else {
            return Check::fail(ID, "no completion");
        };
        let problems = cancelled_problems(done.outcome.as_ref(), CancellationMode::Graceful);
        Check::from_problems(
            ID,
            format!(
                "{} {} ms after the heartbeat answered cancel_requested",
                show_outcome(done.outcome.as_ref()),
                ms(done.at - asked)
            ),
            &problems,
        )
    }

    async fn cancel_force(&mut self) -> Check {
        const ID: &str = "worker.cancel.force";
        if let Some(why) = self.no_room(1) {
            return Check::skip(ID, why);
        }
        let spec = self.long();
        let token = match self.send_task(&spec, |_, _| {}) {
            Ok(t) => t,
            Err(e) => return Check::fail(ID, e),
        };
        let sent = self.log(&token).sent;
        let t = token.clone();
        // After the first heartbeat (or its timeout: forced cancellation is this check's subject).
        self.wait_for(sent + HEARTBEAT_TIMEOUT + SLACK, |s| {
            !s.log(&t).heartbeats.is_empty() || s.answered(&t)
        })
        .await;
        if let Some(c) = self.log(&token).answered() {
            return Check::fail(
                ID,
                format!(
                    "the long task completed ({}) before the kit could cancel it",
                    show_outcome(c.outcome.as_ref())
                ),
            );
        }
        let reason = "flow-conformance: forced cancellation check";
        let deadline = Instant::now() + FORCE_AFTER;
        let force_deadline = Some(timestamp(SystemTime::now() + FORCE_AFTER));
        self.core.reject_after(&token, deadline, "TERMINATED");
        self.core.cancel_heartbeats(
            &token,
            HeartbeatCancel {
                mode: CancellationMode::Force,
                reason: reason.into(),
                force_deadline,
            },
        );
        if let Some(log) = self.tasks.get_mut(&token) {
            log.stop_at = deadline;
        }
        let cancel = CancelTask {
            force_deadline,
            ..self.cancel_task(&token, CancellationMode::Force, reason)
        };
        if let Err(e) = self.core.send(Push::CancelTask(cancel)) {
            return Check::fail(ID, format!("cannot send CancelTask: {e}"));
        }
        self.judge_stop(ID, &token, deadline, FORCE_GRACE, "the force deadline")
            .await
    }

    async fn deadline(&mut self) -> Check {
        const ID: &str = "worker.deadline";
        if let Some(why) = self.no_room(1) {
            return Check::skip(ID, why);
        }
        let spec = Spec {
            deadline: SHORT_DEADLINE,
            ..self.long()
        };
        let token = match self.send_task(&spec, |_, _| {}) {
            Ok(t) => t,
            Err(e) => return Check::fail(ID, e),
        };
        let deadline = self.log(&token).sent + SHORT_DEADLINE;
        self.judge_stop(ID, &token, deadline, DEADLINE_GRACE, "the task deadline")
            .await
    }

    /// The worker must stop `token` by `deadline` (+ `grace`): no heartbeat after it, and a late
    /// completion (answered `accepted = false`) is not retried.
    async fn judge_stop(
        &mut self,
        id: &str,
        token: &Bytes,
        deadline: Instant,
        grace: Duration,
        what: &str,
    ) -> Check {
        let quiet_from = deadline + grace;
        self.watch(quiet_from + WATCH).await;
        // A late completion near the end of the watch: watch on after it too.
        let rejected_at = self
            .log(token)
            .completions
            .iter()
            .find(|c| matches!(c.answer, Answer::Rejected(_)))
            .map(|c| c.at);
        if let Some(at) = rejected_at {
            self.watch(at + WATCH).await;
        }
        let log = self.log(token);
        let mut problems = Vec::new();
        let late = log.heartbeats_after(quiet_from);
        if late > 0 {
            problems.push(format!(
                "{late} RecordHeartbeat(s) more than {} ms after {what}",
                ms(grace)
            ));
        }
        let answered: Vec<&Completion> = log
            .completions
            .iter()
            .filter(|c| c.answer != Answer::Unavailable)
            .collect();
        if let [first, again @ ..] = answered.as_slice()
            && !again.is_empty()
        {
            problems.push(format!(
                "CompleteTask called {} more time(s) after it was answered {}",
                again.len(),
                show_answer(&first.answer)
            ));
        }
        let ended = match answered.first() {
            None => format!("stopped without completing (no heartbeat after {what})"),
            Some(c) => format!(
                "completed {} {} ms {} {what}, answered {}",
                show_outcome(c.outcome.as_ref()),
                ms(if c.at >= deadline {
                    c.at - deadline
                } else {
                    deadline - c.at
                }),
                if c.at >= deadline { "after" } else { "before" },
                show_answer(&c.answer)
            ),
        };
        Check::from_problems(id, ended, &problems)
    }

    async fn reconnect(&mut self) -> Check {
        const ID: &str = "worker.reconnect";
        if let Some(why) = self.no_room(1) {
            return Check::skip(ID, why);
        }
        let spec = self.long();
        let token = match self.send_task(&spec, |_, _| {}) {
            Ok(t) => t,
            Err(e) => return Check::fail(ID, e),
        };
        let limit = HEARTBEAT_TIMEOUT + SLACK;
        let sent = self.log(&token).sent;
        let t = token.clone();
        if !self
            .wait_for(sent + limit, |s| !s.log(&t).heartbeats.is_empty())
            .await
        {
            return Check::fail(
                ID,
                format!(
                    "the task sent no heartbeat within {} ms, so keeping it alive through an outage cannot be checked",
                    ms(limit)
                ),
            );
        }
        let first_heartbeat = self.log(&token).heartbeats[0];
        let before = self.streams.len();
        if let Err(e) = self.core.end_stream(tonic::Status::unavailable(
            "flow-conformance: ending the task stream to test reconnection",
        )) {
            return Check::fail(ID, format!("cannot end the task stream: {e}"));
        }
        let ended = Instant::now();
        let mut problems = Vec::new();
        let reopened = self
            .wait_for(ended + self.timeout, |s| s.streams.len() > before)
            .await;
        // Through the outage and up to the task's first heartbeat after it (or its absence).
        let back = Instant::now();
        let t = token.clone();
        self.wait_for(back + limit, |s| s.log(&t).heartbeats_after(back) > 0)
            .await;
        let gap = self
            .log(&token)
            .longest_gap(first_heartbeat, Instant::now());
        if gap > limit {
            problems.push(format!(
                "the running task went {} ms without a heartbeat during the outage (heartbeat_timeout {} ms)",
                ms(gap),
                ms(HEARTBEAT_TIMEOUT)
            ));
        }
        if !reopened {
            problems.insert(
                0,
                format!(
                    "no new StreamTasks within {:?} after the kit ended the stream with UNAVAILABLE",
                    self.timeout
                ),
            );
            return Check::fail(ID, problems.join("; "));
        }
        let opened = &self.streams[before];
        let after = opened.at - ended;
        if opened.request.worker_id != self.worker_id {
            problems.push(format!(
                "the new stream has worker_id {:?}, the first had {:?}",
                opened.request.worker_id, self.worker_id
            ));
        }
        // The task sent on the old stream is cancelled through the new one.
        let reason = "flow-conformance: cancelled through the new stream";
        let cancel = self.cancel_task(&token, CancellationMode::Graceful, reason);
        if let Err(e) = self.core.send(Push::CancelTask(cancel)) {
            problems.push(format!("cannot send CancelTask on the new stream: {e}"));
            return Check::fail(ID, problems.join("; "));
        }
        let asked = Instant::now();
        if !self
            .wait_for(asked + self.timeout, |s| s.answered(&t))
            .await
        {
            problems.push(format!(
                "no CompleteTask within {:?} after CancelTask (GRACEFUL) on the new stream for the task sent on the old one",
                self.timeout
            ));
        } else if let Some(done) = self.log(&token).answered() {
            problems.extend(cancelled_problems(
                done.outcome.as_ref(),
                CancellationMode::Graceful,
            ));
        }
        Check::from_problems(
            ID,
            format!(
                "reconnected {} ms after UNAVAILABLE; the task heartbeat throughout (longest gap {} ms) and was cancelled through the new stream",
                ms(after),
                ms(gap)
            ),
            &problems,
        )
    }

    async fn concurrency(&mut self) -> Check {
        const ID: &str = "worker.concurrency";
        if !self.core.has_stream() {
            return Check::skip(
                ID,
                "the worker has no open task stream (see worker.reconnect)",
            );
        }
        let max = self.max_concurrent.max(1) as usize;
        if max < 2 {
            return Check::pass(ID, "max_concurrent is 1");
        }
        // Tasks the kit could not end still count against max_concurrent.
        let n = max
            .min(MAX_PARALLEL as usize)
            .min(max.saturating_sub(self.outstanding()));
        if n < 2 {
            return Check::skip(ID, self.no_room(2).unwrap_or_default());
        }
        let mut tokens = Vec::new();
        for _ in 0..n {
            let spec = self.long();
            match self.send_task(&spec, |_, _| {}) {
                Ok(t) => tokens.push(t),
                Err(e) => return Check::fail(ID, e),
            }
        }
        let sent = Instant::now();
        let ts = tokens.clone();
        self.wait_for(sent + PARALLEL_HEARTBEAT, |s| {
            ts.iter().all(|t| !s.log(t).heartbeats.is_empty())
        })
        .await;
        let mut problems = Vec::new();
        let silent = tokens
            .iter()
            .filter(|t| self.log(t).heartbeats.is_empty())
            .count();
        if silent > 0 {
            problems.push(format!(
                "{silent} of {n} tasks sent no heartbeat within {} ms: the worker does not run {n} tasks at once (max_concurrent {})",
                ms(PARALLEL_HEARTBEAT),
                self.max_concurrent
            ));
        }
        let reason = "flow-conformance: concurrency check";
        for t in &tokens {
            if let Err(e) = self.cancel_gracefully(t, reason) {
                problems.push(format!("cannot send CancelTask: {e}"));
                return Check::fail(ID, problems.join("; "));
            }
        }
        let asked = Instant::now();
        let ts = tokens.clone();
        self.wait_for(asked + self.timeout, |s| ts.iter().all(|t| s.answered(t)))
            .await;
        let mut cancelled = 0;
        for t in &tokens {
            match self.log(t).answered() {
                None => {}
                Some(c) => {
                    let p = cancelled_problems(c.outcome.as_ref(), CancellationMode::Graceful);
                    if p.is_empty() {
                        cancelled += 1;
                    }
                }
            }
        }
        if cancelled < n {
            problems.push(format!(
                "{cancelled} of {n} tasks completed cancelled within {:?} of a graceful cancellation",
                self.timeout
            ));
        }
        let limited = if n < max.min(MAX_PARALLEL as usize) {
            " (fewer: tasks the kit could not end still count against max_concurrent)"
        } else {
            ""
        };
        Check::from_problems(
            ID,
            format!("{n} tasks heartbeat at once{limited}; all {n} cancelled"),
            &problems,
        )
    }

    async fn ping_timeout(&mut self) -> Check {
        const ID: &str = "worker.ping_timeout";
        if !self.core.has_stream() {
            return Check::skip(
                ID,
                "the worker has no open task stream (see worker.reconnect)",
            );
        }
        let before = self.streams.len();
        let ping = Ping {
            sent_time: Some(timestamp(SystemTime::now())),
            interval: Some(PING_INTERVAL.into()),
        };
        if let Err(e) = self.core.send(Push::Ping(ping)) {
            return Check::fail(ID, format!("cannot send Ping: {e}"));
        }
        let pinged = Instant::now();
        if !self
            .wait_for(pinged + self.timeout, |s| s.streams.len() > before)
            .await
        {
            return Check::fail(
                ID,
                format!(
                    "after a Ping with interval {} ms the stream stayed silent, and the worker opened no new StreamTasks within {:?} (expected after about {} ms)",
                    ms(PING_INTERVAL),
                    self.timeout,
                    ms(2 * PING_INTERVAL)
                ),
            );
        }
        let after = self.streams[before].at - pinged;
        Check::pass(
            ID,
            format!(
                "a new StreamTasks {} ms after a Ping (interval {} ms) and silence",
                ms(after),
                ms(PING_INTERVAL)
            ),
        )
    }
}

/// Why `outcome` is not a `cancelled` outcome with `mode`.
fn cancelled_problems(outcome: Option<&Outcome>, mode: CancellationMode) -> Vec<String> {
    match outcome.and_then(|o| o.outcome.as_ref()) {
        Some(Kind::Cancelled(c)) if c.mode == mode as i32 => Vec::new(),
        Some(Kind::Cancelled(c)) => vec![format!(
            "cancelled outcome with mode {}, expected {}",
            mode_name(c.mode),
            mode.as_str_name()
        )],
        _ => vec![format!(
            "completed with {}, expected cancelled",
            show_outcome(outcome)
        )],
    }
}

fn mode_name(mode: i32) -> String {
    CancellationMode::try_from(mode)
        .map(|m| m.as_str_name().to_owned())
        .unwrap_or_else(|_| mode.to_string())
}

fn show_answer(answer: &Answer) -> String {
    match answer {
        Answer::Accepted => "accepted".into(),
        Answer::Rejected(reason) => format!("accepted=false {reason}"),
        Answer::Unavailable => "UNAVAILABLE".into(),
    }
}

/// The outcome's variant, with what identifies it.
fn show_outcome(outcome: Option<&Outcome>) -> String {
    match outcome.and_then(|o| o.outcome.as_ref()) {
        None if outcome.is_none() => "no outcome".into(),
        None => "an empty outcome".into(),
        Some(Kind::Success(_)) => "success".into(),
        Some(Kind::Failure(f)) => format!("failure {:?}: {}", f.r#type, f.message),
        Some(Kind::RetryAfter(_)) => "retry_after".into(),
        Some(Kind::Timeout(_)) => "timeout".into(),
        Some(Kind::Cancelled(c)) => format!("cancelled ({})", mode_name(c.mode)),
        Some(Kind::HandlerNotFound(h)) => format!("handler_not_found {:?}", h.handler),
    }
}

/// `text` as a `json/plain` payload (the convention of `--task-input`).
fn json_payload(text: &str) -> Payload {
    Payload {
        metadata: [("encoding".to_owned(), Bytes::from_static(b"json/plain"))]
            .into_iter()
            .collect(),
        data: Bytes::from(text.as_bytes().to_vec()),
    }
}

fn timestamp(t: SystemTime) -> Timestamp {
    let d = t.duration_since(UNIX_EPOCH).unwrap_or_default();
    Timestamp {
        seconds: i64::try_from(d.as_secs()).unwrap_or(i64::MAX),
        nanos: i32::try_from(d.subsec_nanos()).unwrap_or_default(),
    }
}

/// Random bytes from the standard library's randomly keyed hasher (tokens and trace ids need
/// to be unique, not secret).
fn random_bytes<const N: usize>() -> [u8; N] {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut out = [0u8; N];
    for chunk in out.chunks_mut(8) {
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
        h.write_u128(
            SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map(|d| d.as_nanos())
                .unwrap_or_default(),
        );
        let bytes = h.finish().to_le_bytes();
        chunk.copy_from_slice(&bytes[..chunk.len()]);
    }
    out
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A valid W3C `traceparent` (version 00, sampled) with fresh non-zero ids.
fn traceparent() -> String {
    let mut trace = random_bytes::<16>();
    let mut span = random_bytes::<8>();
    trace[0] |= 1;
    span[0] |= 1;
    format!("00-{}-{}-01", hex(&trace), hex(&span))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traceparent_is_w3c() {
        let tp = traceparent();
        let parts: Vec<&str> = tp.split('-').collect();
        assert_eq!(parts.len(), 4, "{tp}");
        assert_eq!(parts[0], "00");
        assert_eq!(parts[1].len(), 32);
        assert_eq!(parts[2].len(), 16);
        assert_ne!(parts[1], "0".repeat(32));
        assert_ne!(random_bytes::<16>(), random_bytes::<16>());
    }

    #[test]
    fn gaps_include_the_tail() {
        let t0 = Instant::now();
        let log = TaskLog {
            task_id: String::new(),
            execution_id: String::new(),
            sent: t0,
            stop_at: t0 + Duration::from_secs(60),
            heartbeats: vec![
                t0 + Duration::from_millis(500),
                t0 + Duration::from_millis(900),
            ],
            completions: Vec::new(),
        };
        assert_eq!(
            log.longest_gap(t0, t0 + Duration::from_millis(2000)),
            Duration::from_millis(1100)
        );
    }
}
