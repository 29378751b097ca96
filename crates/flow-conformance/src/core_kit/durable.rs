//! `flow.durable.v1.DurableService` (durable.proto): the kit plays a durable instance's program,
//! on an instance id unique to the run, and checks: registering again resumes from the last
//! checkpoint; a stale `expected_seq` is a conflict and writes nothing; signals with one
//! idempotency key are stored once; `PollSignals` long-polls (an empty poll returns after its
//! `wait`, a signal sent meanwhile ends it early); `CompleteInstance` is accepted once.

use std::time::Duration;

use flow_proto::common::v1::{Outcome, Payload, outcome};
use flow_proto::durable::v1::durable_service_client::DurableServiceClient;
use flow_proto::durable::v1::*;
use tokio::time::Instant;
use tonic::Code;
use tonic::transport::Channel;

use super::{RunIds, SLACK, secs, status_text};
use crate::Check;
use crate::rpc::{CallError, Ctx};

/// The ids of the durable checks, in run order.
pub const IDS: [&str; 7] = [
    "core.durable.register_resume",
    "core.durable.checkpoint_conflict",
    "core.durable.signal_dedup",
    "core.durable.poll_wait",
    "core.durable.poll_wakes",
    "core.durable.complete_once",
    "core.durable.invalid_argument",
];

/// The `wait` of the empty long poll (at most half the call deadline).
pub const POLL_WAIT: Duration = Duration::from_secs(1);

/// How soon after it is sent a signal must end a long poll that waits for it (at most half the
/// poll's `wait`).
pub const WAKE_WITHIN: Duration = Duration::from_secs(1);

/// The `wait` of the long poll a signal should end early (at most half the call deadline).
pub const WAKE_POLL_WAIT: Duration = Duration::from_secs(5);

const HANDLER: &str = "flow-conformance.durable";

#[derive(Clone)]
struct Durable<'a> {
    ctx: &'a Ctx,
    client: DurableServiceClient<Channel>,
    instance: String,
    key: String,
}

fn payload(text: &str) -> Payload {
    Payload {
        data: text.as_bytes().to_vec().into(),
        ..Default::default()
    }
}

fn text(payload: &Option<Payload>) -> String {
    payload
        .as_ref()
        .map(|p| String::from_utf8_lossy(&p.data).into_owned())
        .unwrap_or_else(|| "<unset>".into())
}

fn success(result: &str) -> Outcome {
    Outcome {
        outcome: Some(outcome::Outcome::Success(outcome::Success {
            result: Some(payload(result)),
        })),
    }
}

impl Durable<'_> {
    async fn register(&mut self) -> Result<RegisterInstanceResponse, CallError> {
        let req = self.ctx.request(RegisterInstanceRequest {
            instance_id: self.instance.clone(),
            idempotency_key: self.key.clone(),
            handler: HANDLER.into(),
            input: Some(payload("input")),
            ..Default::default()
        });
        self.ctx.call(self.client.register_instance(req)).await
    }

    async fn save(
        &mut self,
        expected_seq: u64,
        state: &str,
    ) -> Result<SaveCheckpointResponse, CallError> {
        let req = self.ctx.request(SaveCheckpointRequest {
            instance_id: self.instance.clone(),
            expected_seq,
            state: Some(payload(state)),
            signal_cursor: 0,
        });
        self.ctx.call(self.client.save_checkpoint(req)).await
    }

    async fn signal(&mut self, name: &str, key: &str) -> Result<SignalInstanceResponse, CallError> {
        let req = self.ctx.request(SignalInstanceRequest {
            instance_id: self.instance.clone(),
            name: name.into(),
            payload: Some(payload(name)),
            idempotency_key: key.into(),
            sender: "flow-conformance".into(),
            ..Default::default()
        });
        self.ctx.call(self.client.signal_instance(req)).await
    }

    async fn poll(&mut self, after: u64, wait: Duration) -> Result<PollSignalsResponse, CallError> {
        let req = self.ctx.request(PollSignalsRequest {
            instance_id: self.instance.clone(),
            after,
            wait: Some(wait.into()),
            max_signals: 0,
        });
        self.ctx.call(self.client.poll_signals(req)).await
    }

    async fn complete(
        &mut self,
        expected_seq: u64,
        result: &str,
    ) -> Result<CompleteInstanceResponse, CallError> {
        let req = self.ctx.request(CompleteInstanceRequest {
            instance_id: self.instance.clone(),
            outcome: Some(success(result)),
            expected_seq,
        });
        self.ctx.call(self.client.complete_instance(req)).await
    }

    /// The cursor after every signal sent so far.
    async fn latest_signal(&mut self) -> Result<u64, CallError> {
        let mut after = 0;
        loop {
            let polled = self.poll(after, Duration::ZERO).await?;
            if polled.signals.is_empty() {
                return Ok(after);
            }
            after = polled.signals.iter().map(|s| s.seq).max().unwrap_or(after);
        }
    }
}

/// Runs the durable checks.
pub async fn checks(ctx: &Ctx, ids: &RunIds) -> Vec<Check> {
    let mut d = Durable {
        ctx,
        client: DurableServiceClient::new(ctx.channel.clone()),
        instance: ids.name("instance"),
        key: ids.name("start"),
    };
    let mut out = Vec::new();
    let resumed = register_resume(&mut d).await;
    let ok = resumed.outcome == crate::Outcome::Pass;
    out.push(resumed);
    if !ok {
        for id in &IDS[1..6] {
            out.push(Check::skip(id, "needs core.durable.register_resume"));
        }
    } else {
        out.push(checkpoint_conflict(&mut d).await);
        out.push(signal_dedup(&mut d, ids).await);
        out.push(poll_wait(&mut d).await);
        out.push(poll_wakes(&mut d).await);
        out.push(complete_once(&mut d).await);
    }
    out.push(invalid_argument(&mut d, ids).await);
    out
}

async fn register_resume(d: &mut Durable<'_>) -> Check {
    let id = IDS[0];
    let instance = d.instance.clone();
    let created = match d.register().await {
        Ok(r) => r,
        Err(e) => return Check::fail(id, format!("RegisterInstance({instance}): {e}")),
    };
    let mut problems = Vec::new();
    if created.resumed {
        problems.push("a new instance id was answered resumed = true".to_string());
    }
    if created.last_checkpoint.is_some() {
        problems.push("a new instance came with a last_checkpoint".into());
    }
    match d.save(0, "state-1").await {
        Ok(saved) if !saved.conflict && saved.seq == 1 => {}
        Ok(saved) => problems.push(format!(
            "the first SaveCheckpoint (expected_seq 0) answered seq {} conflict {}; want seq 1, no conflict",
            saved.seq, saved.conflict
        )),
        Err(e) => problems.push(format!("SaveCheckpoint(expected_seq 0): {e}")),
    }
    match d.register().await {
        Err(e) => problems.push(format!("RegisterInstance again (resume): {e}")),
        Ok(again) => {
            if !again.resumed {
                problems.push("registering the instance again was answered resumed = false".into());
            }
            match &again.last_checkpoint {
                Some(c) if c.seq == 1 && text(&c.state) == "state-1" => {}
                Some(c) => problems.push(format!(
                    "the resume returned checkpoint seq {} state {:?}; want the last one, seq 1 \"state-1\"",
                    c.seq,
                    text(&c.state)
                )),
                None => problems.push("the resume returned no last_checkpoint after one was saved".into()),
            }
            if text(&again.input) != "input" {
                problems.push(format!(
                    "the resume returned input {:?}, not the first one",
                    text(&again.input)
                ));
            }
        }
    }
    Check::from_problems(
        id,
        "created (resumed = false), checkpoint seq 1 saved, registering again resumed with that checkpoint",
        &problems,
    )
}

async fn checkpoint_conflict(d: &mut Durable<'_>) -> Check {
    let id = IDS[1];
    let mut problems = Vec::new();
    match d.save(0, "stale").await {
        Ok(r) if r.conflict => {
            if r.seq != 1 {
                problems.push(format!(
                    "the conflict named seq {}, not the latest checkpoint's (1)",
                    r.seq
                ));
            }
        }
        Ok(r) => problems.push(format!(
            "SaveCheckpoint with the stale expected_seq 0 (latest is 1) was accepted as seq {}",
            r.seq
        )),
        Err(e) => problems.push(format!(
            "SaveCheckpoint with a stale expected_seq: want conflict = true, got {e}"
        )),
    }
    match d.register().await {
        Ok(r) => match &r.last_checkpoint {
            Some(c) if c.seq == 1 && text(&c.state) == "state-1" => {}
            Some(c) => problems.push(format!(
                "after the conflict the last checkpoint is seq {} state {:?}: the stale save was written",
                c.seq,
                text(&c.state)
            )),
            None => problems.push("after the conflict there is no checkpoint at all".into()),
        },
        Err(e) => problems.push(format!("RegisterInstance (resume): {e}")),
    }
    Check::from_problems(
        id,
        "a save on a stale expected_seq answered conflict with the latest seq and wrote nothing",
        &problems,
    )
}

async fn signal_dedup(d: &mut Durable<'_>, ids: &RunIds) -> Check {
    let id = IDS[2];
    let key = ids.name("signal");
    let first = match d.signal("approve", &key).await {
        Ok(r) => r,
        Err(e) => return Check::fail(id, format!("SignalInstance: {e}")),
    };
    let mut problems = Vec::new();
    if first.duplicate {
        problems
            .push("the first signal with a fresh key was answered duplicate = true".to_string());
    }
    match d.signal("approve", &key).await {
        Ok(r) if r.duplicate && r.seq == first.seq => {}
        Ok(r) => problems.push(format!(
            "the retried signal (same idempotency key) was answered seq {} duplicate {}; want seq {} duplicate true",
            r.seq, r.duplicate, first.seq
        )),
        Err(e) => problems.push(format!("the retried SignalInstance: {e}")),
    }
    match d.poll(0, Duration::ZERO).await {
        Ok(polled) => {
            let stored = polled
                .signals
                .iter()
                .filter(|s| s.idempotency_key == key)
                .count();
            if stored != 1 {
                problems.push(format!(
                    "PollSignals returns {stored} signals with the key; want exactly one"
                ));
            }
        }
        Err(e) => problems.push(format!("PollSignals: {e}")),
    }
    Check::from_problems(
        id,
        "a signal sent twice with one idempotency key was stored once (second: duplicate, same seq)",
        &problems,
    )
}

async fn poll_wait(d: &mut Durable<'_>) -> Check {
    let id = IDS[3];
    let after = match d.latest_signal().await {
        Ok(a) => a,
        Err(e) => return Check::fail(id, format!("PollSignals (wait 0): {e}")),
    };
    let wait = POLL_WAIT.min(d.ctx.timeout / 2);
    let started = Instant::now();
    let polled = match d.poll(after, wait).await {
        Ok(p) => p,
        Err(e) => {
            return Check::fail(
                id,
                format!("PollSignals(after {after}, wait {}): {e}", secs(wait)),
            );
        }
    };
    let took = started.elapsed();
    if !polled.signals.is_empty() {
        return Check::fail(
            id,
            format!(
                "PollSignals after the last signal returned {} signals",
                polled.signals.len()
            ),
        );
    }
    if polled.next_cursor != after {
        return Check::fail(
            id,
            format!(
                "an empty poll answered next_cursor {}, not the requested after {after}",
                polled.next_cursor
            ),
        );
    }
    if took + SLACK < wait {
        return Check::fail(
            id,
            format!(
                "PollSignals with wait {} and no signal returned after {}: it must hold the call up to wait (long poll)",
                secs(wait),
                secs(took)
            ),
        );
    }
    Check::pass(
        id,
        format!(
            "an empty poll with wait {} returned after {}",
            secs(wait),
            secs(took)
        ),
    )
}

async fn poll_wakes(d: &mut Durable<'_>) -> Check {
    let id = IDS[4];
    let after = match d.latest_signal().await {
        Ok(a) => a,
        Err(e) => return Check::fail(id, format!("PollSignals (wait 0): {e}")),
    };
    let wait = WAKE_POLL_WAIT.min(d.ctx.timeout / 2);
    let within = WAKE_WITHIN.min(wait / 2);
    let mut sender = d.clone();
    let signal = async move {
        tokio::time::sleep(Duration::from_millis(200)).await;
        let sent = Instant::now();
        (sent, sender.signal("wake", "").await)
    };
    let started = Instant::now();
    let deadline = started + wait + SLACK;
    // Poll as a program would, again whenever a poll returns empty, until the signal arrives.
    let polling = async {
        let result = loop {
            match d.poll(after, wait).await {
                Err(e) => {
                    break Err(format!(
                        "PollSignals(after {after}, wait {}): {e}",
                        secs(wait)
                    ));
                }
                Ok(p) if !p.signals.is_empty() => break Ok(p),
                Ok(_) if Instant::now() >= deadline => {
                    break Err(format!("no signal came back within {}", secs(wait)));
                }
                Ok(_) => tokio::time::sleep(Duration::from_millis(10)).await,
            }
        };
        (Instant::now(), result)
    };
    let ((sent, signalled), (returned, result)) = tokio::join!(signal, polling);
    if let Err(e) = signalled {
        return Check::fail(id, format!("SignalInstance during the poll: {e}"));
    }
    match result {
        Err(problem) => Check::fail(id, problem),
        Ok(p) if p.signals.iter().any(|s| s.name == "wake") => {
            let late = returned.saturating_duration_since(sent);
            if late > within {
                Check::fail(
                    id,
                    format!(
                        "a signal sent during a long poll (wait {}) came back {} later: the poll must return when a signal arrives",
                        secs(wait),
                        secs(late)
                    ),
                )
            } else {
                Check::pass(
                    id,
                    format!(
                        "a signal sent during a long poll ended it {} later",
                        secs(late)
                    ),
                )
            }
        }
        Ok(p) => Check::fail(
            id,
            format!(
                "the poll returned signals {:?}, not the one sent during it",
                p.signals
                    .iter()
                    .map(|s| s.name.as_str())
                    .collect::<Vec<_>>()
            ),
        ),
    }
}

async fn complete_once(d: &mut Durable<'_>) -> Check {
    let id = IDS[5];
    let seq = match d.register().await {
        Ok(r) => r.last_checkpoint.map(|c| c.seq).unwrap_or(0),
        Err(e) => return Check::fail(id, format!("RegisterInstance (resume): {e}")),
    };
    match d.complete(seq, "done").await {
        Ok(r) if r.accepted => {}
        Ok(r) => {
            return Check::fail(
                id,
                format!(
                    "CompleteInstance(expected_seq {seq}, the latest) was not accepted: reason {:?}",
                    r.reason
                ),
            );
        }
        Err(e) => return Check::fail(id, format!("CompleteInstance: {e}")),
    }
    match d.complete(seq, "again").await {
        Ok(r) if r.accepted => Check::fail(
            id,
            "a second CompleteInstance was accepted: an instance has one outcome",
        ),
        Ok(r) => {
            let mut problems = Vec::new();
            if r.reason != "ALREADY_COMPLETED" {
                problems.push(format!(
                    "the second completion's reason is {:?}, want ALREADY_COMPLETED",
                    r.reason
                ));
            }
            if let Some(recorded) = &r.recorded_outcome
                && *recorded != success("done")
            {
                problems.push(format!(
                    "recorded_outcome {recorded:?} is not the first completion's"
                ));
            }
            Check::from_problems(
                id,
                "the first CompleteInstance was accepted, the second answered accepted = false (ALREADY_COMPLETED)",
                &problems,
            )
        }
        Err(e) => Check::fail(
            id,
            format!("the second CompleteInstance: want accepted = false, got {e}"),
        ),
    }
}

async fn invalid_argument(d: &mut Durable<'_>, ids: &RunIds) -> Check {
    let id = IDS[6];
    let mut problems = Vec::new();
    let cases = [
        (
            "an empty instance_id",
            RegisterInstanceRequest {
                handler: HANDLER.into(),
                ..Default::default()
            },
        ),
        (
            "an empty handler",
            RegisterInstanceRequest {
                instance_id: ids.name("no-handler"),
                ..Default::default()
            },
        ),
    ];
    for (what, request) in cases {
        let req = d.ctx.request(request);
        match d.ctx.call(d.client.register_instance(req)).await {
            Err(CallError::Status(s)) if s.code() == Code::InvalidArgument => {}
            Ok(_) => problems.push(format!("RegisterInstance with {what} was accepted")),
            Err(CallError::Status(s)) => problems.push(format!(
                "RegisterInstance with {what}: want INVALID_ARGUMENT, got {}",
                status_text(&s)
            )),
            Err(e) => problems.push(format!("RegisterInstance with {what}: {e}")),
        }
    }
    Check::from_problems(
        id,
        "RegisterInstance without instance_id or handler: INVALID_ARGUMENT",
        &problems,
    )
}
