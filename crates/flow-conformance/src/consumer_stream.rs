//! The `flow.consumer.v1.ConsumerService.Write` protocol, played as core: start, batches only
//! within the consumer's credit, two barriers, then drain. Each rule of consumer.proto is its own
//! check, judged on the same run.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use flow_proto::common::v1::RecordBatch;
use flow_proto::consumer::v1::consumer_service_client::ConsumerServiceClient;
use flow_proto::consumer::v1::write_request::Kind as Req;
use flow_proto::consumer::v1::write_response::Kind as Resp;
use flow_proto::consumer::v1::{Barrier, Drain, WriteRequest, WriteResponse, WriteStart};

use crate::stream::{CreditBudget, CreditUsage, End, Step, checkpoint_id, show_failure, verdict};
use crate::stream_check::{
    InputSent, PlannedStream, StartFields, input_credit_check, planned_checks, start_message,
    stream_role,
};
use crate::{Check, Target, rpc::Ctx};

/// The ids of the checks this module reports, in order.
pub const IDS: [&str; 6] = [
    "consumer.before_start",
    "consumer.input_credit",
    "consumer.batch_ack",
    "consumer.checkpoint_committed",
    "consumer.drain",
    "consumer.instruction_id",
];

/// Runs the consumer checks with `target`'s component and configuration.
pub async fn checks(ctx: &Ctx, target: &Target) -> Vec<Check> {
    planned_checks::<Consumer>(ctx, target, &IDS).await
}

stream_role! {
    /// The consumer role: `Write`.
    struct Consumer;
    name: "consumer",
    rpc: "Write" via ConsumerServiceClient::write,
    request: WriteRequest of Req,
    response: WriteResponse of Resp {
        BatchAck => "batch_ack", CheckpointCommitted => "checkpoint_committed", Credit => "credit",
        Progress => "progress", Log => "log", Failure => "failure",
    }
}

impl PlannedStream for Consumer {
    type Observed = Observed;

    fn start(fields: StartFields, _: &mut Observed) -> Req {
        Req::Start(start_message!(WriteStart from fields, {}))
    }

    fn input_left(obs: &mut Observed) -> &mut CreditBudget {
        &mut obs.left
    }

    fn batch(batch: RecordBatch) -> Req {
        Req::Batch(batch)
    }

    fn sent(obs: &mut Observed, batch: &RecordBatch) {
        obs.sent.insert(batch.batch_id);
        obs.records_sent += CreditUsage::of(batch).records;
    }

    fn barrier(obs: &mut Observed, seq: u64) -> Req {
        obs.barriers
            .push_back((seq, obs.sent.iter().copied().collect()));
        Req::Barrier(Barrier {
            checkpoint_id: checkpoint_id(seq),
            seq,
        })
    }

    fn drain() -> Req {
        Req::Drain(Drain {
            grace_period: None,
            reason: "end-of-input".into(),
        })
    }

    fn waiting(obs: &Observed, next: Option<&Step>) -> String {
        match next {
            Some(Step::Batch(b)) => {
                format!("for credit to send batch {b} ({:?} left)", obs.left)
            }
            _ => "for the consumer to finish after drain".to_owned(),
        }
    }

    fn receive(
        obs: &mut Observed,
        resp: WriteResponse,
        failure: &mut Option<String>,
    ) -> Option<Req> {
        match resp.kind {
            Some(Resp::BatchAck(a)) => obs.ack(a.batch_id, a.failure.is_some()),
            Some(Resp::CheckpointCommitted(c)) => obs.committed(&c.checkpoint_id, c.seq),
            Some(Resp::Credit(c)) => {
                obs.granted.add(&c);
                obs.left.add(&c);
            }
            Some(Resp::Failure(f)) => *failure = Some(show_failure(&f)),
            Some(Resp::Progress(_) | Resp::Log(_)) | None => {}
        }
        None
    }

    fn judge(obs: &Observed, end: &End, next: usize) -> Vec<Check> {
        judge(obs, end, next)
    }
}

/// What the kit observed on the stream, judged after it ends.
#[derive(Default)]
struct Observed {
    granted: CreditBudget,
    left: CreditBudget,
    sent: BTreeSet<u64>,
    records_sent: u64,
    /// Acks per batch id.
    acks: BTreeMap<u64, u32>,
    failed_acks: u64,
    /// Barriers sent and not echoed: (seq, batches sent before it).
    barriers: VecDeque<(u64, Vec<u64>)>,
    echoes: u64,
    ack_violations: Vec<String>,
    commit_violations: Vec<String>,
}

impl Observed {
    fn ack(&mut self, batch_id: u64, failed: bool) {
        if !self.sent.contains(&batch_id) {
            self.ack_violations.push(format!(
                "batch_ack for batch {batch_id}, which the kit has not sent"
            ));
        }
        let n = self.acks.entry(batch_id).or_default();
        *n += 1;
        if *n == 2 {
            self.ack_violations
                .push(format!("batch {batch_id} acknowledged more than once"));
        }
        if failed {
            self.failed_acks += 1;
        }
    }

    fn committed(&mut self, checkpoint: &str, seq: u64) {
        self.echoes += 1;
        let Some((want, before)) = self.barriers.pop_front() else {
            self.commit_violations.push(format!(
                "checkpoint_committed seq {seq} for no outstanding barrier"
            ));
            return;
        };
        if seq != want || checkpoint != checkpoint_id(want) {
            self.commit_violations.push(format!(
                "checkpoint_committed ({checkpoint:?}, {seq}) but the oldest barrier not echoed is ({:?}, {want})",
                checkpoint_id(want)
            ));
        }
        let unacked: Vec<u64> = before
            .into_iter()
            .filter(|b| !self.acks.contains_key(b))
            .collect();
        if !unacked.is_empty() {
            self.commit_violations.push(format!(
                "checkpoint_committed seq {seq} before the batch_ack of batches {unacked:?} (sent before the barrier)"
            ));
        }
    }
}

fn judge(obs: &Observed, end: &End, next: usize) -> Vec<Check> {
    let sent = InputSent::of(next, obs.sent.len() as u64, obs.records_sent);
    let input = input_credit_check("consumer", "credit", sent, obs.granted, end);
    let unacked: Vec<String> = obs
        .sent
        .iter()
        .filter(|b| !obs.acks.contains_key(b))
        .map(|b| format!("batch {b} was never acknowledged"))
        .collect();
    let unechoed: Vec<String> = obs
        .barriers
        .iter()
        .map(|(s, _)| format!("barrier seq {s} was never echoed as checkpoint_committed"))
        .collect();
    let note = if obs.failed_acks > 0 {
        format!(" ({} with a batch failure)", obs.failed_acks)
    } else {
        String::new()
    };
    vec![
        input,
        verdict(
            "consumer.batch_ack",
            &obs.ack_violations,
            &unacked,
            end,
            format!(
                "each of {} batches acknowledged exactly once{note}",
                obs.sent.len()
            ),
        ),
        verdict(
            "consumer.checkpoint_committed",
            &obs.commit_violations,
            &unechoed,
            end,
            format!(
                "{} barriers echoed in order, each after the acks of the batches before it",
                obs.echoes
            ),
        ),
        end.drain_check("consumer.drain", "every batch acknowledged"),
    ]
}
