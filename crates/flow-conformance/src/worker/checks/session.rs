//! The bookkeeping every check shares: what the kit sent and saw per task ([`TaskLog`]), sending
//! tasks, taking in the worker's calls, and ending a check's tasks before the next check.

use std::collections::{HashMap, HashSet};
use std::time::{Duration, SystemTime};

use flow_proto::common::v1::{CancellationMode, Outcome, TraceContext};
use flow_proto::execution::v1::stream_tasks_response::{CancelTask, Event as Push};
use flow_proto::execution::v1::{StreamTasksRequest, Task};
use prost::bytes::Bytes;
use tokio::time::Instant;

use super::wire::{json_payload, random_bytes, timestamp, traceparent};
use super::{DEADLINE_GRACE, TASK_DEADLINE, TICK};
use crate::Check;
use crate::worker::core::{Answer, Event, HeartbeatCancel, KitCore};
use crate::worker::{HEARTBEAT_TIMEOUT, SLACK, WorkerOptions};

/// A completion as the kit saw and answered it.
#[derive(Clone, Debug)]
pub(super) struct Completion {
    pub(super) at: Instant,
    pub(super) outcome: Option<Outcome>,
    pub(super) answer: Answer,
}

/// What the kit sent and saw for one task.
#[derive(Debug)]
pub(super) struct TaskLog {
    pub(super) task_id: String,
    pub(super) execution_id: String,
    pub(super) sent: Instant,
    /// The task deadline, or the force deadline once one was set: the worker must stop by then.
    pub(super) stop_at: Instant,
    pub(super) heartbeats: Vec<Instant>,
    pub(super) completions: Vec<Completion>,
}

impl TaskLog {
    /// The first completion that was answered (not failed with UNAVAILABLE).
    pub(super) fn answered(&self) -> Option<&Completion> {
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

    pub(super) fn heartbeats_after(&self, t: Instant) -> usize {
        self.heartbeats.iter().filter(|h| **h > t).count()
    }

    /// The longest time without a heartbeat between `from` and `to`.
    pub(super) fn longest_gap(&self, from: Instant, to: Instant) -> Duration {
        let mut last = from;
        let mut longest = Duration::ZERO;
        for h in self.heartbeats.iter().filter(|h| **h > from && **h <= to) {
            longest = longest.max(*h - last);
            last = *h;
        }
        longest.max(to.saturating_duration_since(last))
    }
}

pub(super) struct Opened {
    pub(super) at: Instant,
    pub(super) request: StreamTasksRequest,
}

/// What to send.
pub(super) struct Spec {
    pub(super) handler: String,
    pub(super) input: String,
    pub(super) heartbeat: Option<Duration>,
    pub(super) deadline: Duration,
}

pub(super) struct Session<'a> {
    pub(super) core: &'a mut KitCore,
    pub(super) timeout: Duration,
    pub(super) opts: &'a WorkerOptions,
    pub(super) handler: String,
    pub(super) worker_id: String,
    pub(super) max_concurrent: u32,
    pub(super) streams: Vec<Opened>,
    pub(super) tasks: HashMap<Bytes, TaskLog>,
    /// RPCs with a token the kit never issued, since the last check finished.
    unknown: Vec<&'static str>,
    /// Tasks a graceful cancellation did not end: not cancelled again, but still counted
    /// against `max_concurrent` until they end.
    abandoned: HashSet<Bytes>,
    seq: u64,
}

impl<'a> Session<'a> {
    /// A session on `core` that has seen nothing yet.
    pub(super) fn new(core: &'a mut KitCore, opts: &'a WorkerOptions, timeout: Duration) -> Self {
        Self {
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
        }
    }

    // ----- events -----

    /// Takes in at most one event, waiting until `until` at the latest.
    pub(super) async fn pump(&mut self, until: Instant) -> bool {
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
    pub(super) async fn wait_for(&mut self, until: Instant, cond: impl Fn(&Self) -> bool) -> bool {
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
    pub(super) async fn watch(&mut self, until: Instant) {
        self.wait_for(until, |_| false).await;
    }

    pub(super) fn log(&self, token: &Bytes) -> &TaskLog {
        &self.tasks[token]
    }

    pub(super) fn answered(&self, token: &Bytes) -> bool {
        self.log(token).answered().is_some()
    }

    // ----- tasks -----

    pub(super) fn outstanding(&self) -> usize {
        let now = Instant::now();
        self.tasks.values().filter(|t| !t.ended(now)).count()
    }

    /// Why `n` more tasks cannot be sent without going over `max_concurrent`, if so.
    pub(super) fn no_room(&self, n: usize) -> Option<String> {
        let max = self.max_concurrent.max(1) as usize;
        let busy = self.outstanding();
        (busy + n > max).then(|| {
            format!(
                "the worker still runs {busy} task(s) the kit could not end (max_concurrent {max})"
            )
        })
    }

    /// Starts check `id` with a task of `spec`: its verdict instead when it cannot run (SKIP
    /// with no room under `max_concurrent`, FAIL when the task cannot be sent).
    pub(super) fn start(
        &mut self,
        id: &str,
        spec: &Spec,
        arm: impl FnOnce(&KitCore, &Bytes),
    ) -> Result<Bytes, Check> {
        if let Some(why) = self.no_room(1) {
            return Err(Check::skip(id, why));
        }
        self.send_task(spec, arm).map_err(|e| Check::fail(id, e))
    }

    /// Starts check `id` with a long task the kit answers as core does (see [`Session::start`]).
    pub(super) fn start_long(&mut self, id: &str) -> Result<Bytes, Check> {
        let spec = self.long();
        self.start(id, &spec, |_, _| {})
    }

    /// Takes in events until `token`'s task has an answered completion, at most the deadline
    /// after `from` (when the kit asked for it): that completion, `None` when none came.
    pub(super) async fn answer_after(
        &mut self,
        token: &Bytes,
        from: Instant,
    ) -> Option<Completion> {
        let t = token.clone();
        if !self.wait_for(from + self.timeout, |s| s.answered(&t)).await {
            return None;
        }
        self.log(token).answered().cloned()
    }

    /// [`Session::answer_after`], or `id` failed for want of it: "no CompleteTask within the
    /// timeout `what`" (`what`: after what, or for which task).
    pub(super) async fn answer_or_fail(
        &mut self,
        id: &str,
        token: &Bytes,
        from: Instant,
        what: &str,
    ) -> Result<Completion, Check> {
        match self.answer_after(token, from).await {
            Some(done) => Ok(done),
            None => Err(Check::fail(
                id,
                format!("no CompleteTask within {:?} {what}", self.timeout),
            )),
        }
    }

    /// `id` skipped when the worker has no open task stream (a check before it lost it).
    pub(super) fn needs_stream(&self, id: &str) -> Result<(), Check> {
        if self.core.has_stream() {
            Ok(())
        } else {
            Err(Check::skip(
                id,
                "the worker has no open task stream (see worker.reconnect)",
            ))
        }
    }

    /// Runs `check`, then ends its tasks before the next check (see [`Session::settle`]).
    pub(super) async fn settled(&mut self, check: impl AsyncFnOnce(&mut Self) -> Check) -> Check {
        let c = check(self).await;
        self.settle(c).await
    }

    /// Builds, registers and sends a task; `arm` sets the kit's answers for its token before
    /// the worker can see it.
    pub(super) fn send_task(
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

    pub(super) fn short(&self) -> Spec {
        Spec {
            handler: self.handler.clone(),
            input: self.opts.input.clone(),
            heartbeat: None,
            deadline: TASK_DEADLINE,
        }
    }

    pub(super) fn long(&self) -> Spec {
        Spec {
            handler: self.handler.clone(),
            input: self.opts.long_input.clone().unwrap_or_default(),
            heartbeat: Some(HEARTBEAT_TIMEOUT),
            deadline: TASK_DEADLINE,
        }
    }

    pub(super) fn cancel_task(
        &self,
        token: &Bytes,
        mode: CancellationMode,
        reason: &str,
    ) -> CancelTask {
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
    pub(super) fn cancel_gracefully(&self, token: &Bytes, reason: &str) -> Result<(), String> {
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
    pub(super) async fn settle(&mut self, check: Check) -> Check {
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
    pub(super) fn finish(&mut self, mut check: Check) -> Check {
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
}

#[cfg(test)]
mod tests {
    use super::*;

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
