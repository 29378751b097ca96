//! The checks of the task stream itself: the worker opens it and says who it is, honours the
//! `max_concurrent` it advertised, reconnects when the stream is lost, and reconnects when pings
//! stop.

use std::time::SystemTime;

use flow_proto::common::v1::CancellationMode;
use flow_proto::execution::v1::stream_tasks_response::{Event as Push, Ping};
use tokio::time::Instant;

use super::cancellation::cancelled_problems;
use super::format::ms;
use super::session::Session;
use super::wire::timestamp;
use super::{MAX_PARALLEL, PARALLEL_HEARTBEAT, PING_INTERVAL};
use crate::Check;
use crate::worker::{HEARTBEAT_TIMEOUT, SLACK};

impl Session<'_> {
    pub(super) async fn stream_tasks(&mut self) -> Check {
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

    pub(super) async fn reconnect(&mut self) -> Check {
        const ID: &str = "worker.reconnect";
        let token = or_verdict!(self.start_long(ID));
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
        match self.answer_after(&token, Instant::now()).await {
            None => problems.push(format!(
                "no CompleteTask within {:?} after CancelTask (GRACEFUL) on the new stream for the task sent on the old one",
                self.timeout
            )),
            Some(done) => problems.extend(cancelled_problems(
                done.outcome.as_ref(),
                CancellationMode::Graceful,
            )),
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

    pub(super) async fn concurrency(&mut self) -> Check {
        const ID: &str = "worker.concurrency";
        or_verdict!(self.needs_stream(ID));
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

    pub(super) async fn ping_timeout(&mut self) -> Check {
        const ID: &str = "worker.ping_timeout";
        or_verdict!(self.needs_stream(ID));
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
