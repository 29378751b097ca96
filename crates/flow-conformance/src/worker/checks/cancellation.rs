//! The checks of a running task's life: it heartbeats, and it stops when cancelled (gracefully on
//! its stream or through a heartbeat answer, by force) or when its deadline passes.

use std::time::{Duration, SystemTime};

use flow_proto::common::v1::outcome::Outcome as Kind;
use flow_proto::common::v1::{CancellationMode, Outcome};
use flow_proto::execution::v1::stream_tasks_response::{CancelTask, Event as Push};
use prost::bytes::Bytes;
use tokio::time::Instant;

use super::format::{mode_name, ms, show_answer, show_outcome};
use super::session::{Completion, Session, Spec};
use super::wire::timestamp;
use super::{DEADLINE_GRACE, FORCE_AFTER, FORCE_GRACE, SHORT_DEADLINE, WATCH};
use crate::Check;
use crate::worker::core::{Answer, HeartbeatCancel};
use crate::worker::{HEARTBEAT_TIMEOUT, SLACK};

impl Session<'_> {
    /// Also returns the task (still running when the check passes) for the graceful
    /// cancellation check.
    pub(super) async fn heartbeat(&mut self) -> (Check, Option<Bytes>) {
        const ID: &str = "worker.heartbeat";
        let token = match self.start_long(ID) {
            Ok(t) => t,
            Err(check) => return (check, None),
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

    pub(super) async fn cancel_graceful(&mut self, carried: Option<Bytes>) -> Check {
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
        let done = or_verdict!(
            self.answer_or_fail(
                ID,
                &token,
                asked,
                "after CancelTask (GRACEFUL) on the stream"
            )
            .await
        );
        self.watch(done.at + WATCH).await;
        let mut problems = cancelled_problems(done.outcome.as_ref(), CancellationMode::Graceful);
        let late = self.log(&token).heartbeats_after(done.at);
        if late > 0 {
            problems.push(format!(
                "{late} RecordHeartbeat(s) after the task completed"
            ));
        }
        cancelled_verdict(
            ID,
            &done,
            asked,
            "CancelTask; no heartbeat after it",
            &problems,
        )
    }

    pub(super) async fn cancel_heartbeat(&mut self) -> Check {
        const ID: &str = "worker.cancel.heartbeat";
        let reason = "flow-conformance: cancel_requested check";
        let spec = self.long();
        let token = or_verdict!(self.start(ID, &spec, |core, t| {
            core.cancel_from_heartbeat(
                t,
                2,
                HeartbeatCancel {
                    mode: CancellationMode::Graceful,
                    reason: reason.into(),
                    force_deadline: None,
                },
            );
        }));
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
        let done = or_verdict!(
            self.answer_or_fail(
                ID,
                &token,
                asked,
                "after a heartbeat answered cancel_requested (GRACEFUL)"
            )
            .await
        );
        let problems = cancelled_problems(done.outcome.as_ref(), CancellationMode::Graceful);
        cancelled_verdict(
            ID,
            &done,
            asked,
            "the heartbeat answered cancel_requested",
            &problems,
        )
    }

    pub(super) async fn cancel_force(&mut self) -> Check {
        const ID: &str = "worker.cancel.force";
        let token = or_verdict!(self.start_long(ID));
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

    pub(super) async fn deadline(&mut self) -> Check {
        const ID: &str = "worker.deadline";
        let spec = Spec {
            deadline: SHORT_DEADLINE,
            ..self.long()
        };
        let token = or_verdict!(self.start(ID, &spec, |_, _| {}));
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
}

/// The verdict of a cancellation asked for at `asked` and answered with `done`: its outcome and
/// how soon it came after `after`, or the `problems`.
fn cancelled_verdict(
    id: &str,
    done: &Completion,
    asked: Instant,
    after: &str,
    problems: &[String],
) -> Check {
    Check::from_problems(
        id,
        format!(
            "{} {} ms after {after}",
            show_outcome(done.outcome.as_ref()),
            ms(done.at - asked)
        ),
        problems,
    )
}

/// Why `outcome` is not a `cancelled` outcome with `mode`.
pub(super) fn cancelled_problems(outcome: Option<&Outcome>, mode: CancellationMode) -> Vec<String> {
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
