//! The `flow.consumer.v1.ConsumerService.Write` protocol, played as core: start, batches only
//! within the consumer's credit, two barriers, then drain. Each rule of consumer.proto is its own
//! check, judged on the same run.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use flow_proto::consumer::v1::consumer_service_client::ConsumerServiceClient;
use flow_proto::consumer::v1::write_request::Kind as Req;
use flow_proto::consumer::v1::write_response::Kind as Resp;
use flow_proto::consumer::v1::{Barrier, Drain, WriteRequest, WriteResponse, WriteStart};
use tokio::sync::mpsc;
use tokio::time::Instant;
use tokio_stream::wrappers::ReceiverStream;

use crate::stream::{
    CreditBudget, CreditUsage, End, batch_within, instruction_id, next_or_end, show_failure,
    verdict,
};
use crate::{Check, Target, config, rpc::Ctx};

const STREAM: &str = "flow-conformance";

/// The ids of the checks this module reports, in order.
pub const IDS: [&str; 6] = [
    "consumer.before_start",
    "consumer.input_credit",
    "consumer.batch_ack",
    "consumer.checkpoint_committed",
    "consumer.drain",
    "consumer.instruction_id",
];

use crate::stream::{PLAN, Step, checkpoint_id};

/// Runs the consumer checks with `target`'s component and configuration.
pub async fn checks(ctx: &Ctx, target: &Target) -> Vec<Check> {
    let mut checks = vec![before_start(ctx).await];
    match &target.config {
        Ok(cfg) => checks.extend(scenario(ctx, target, cfg).await),
        Err(why) => checks.extend(IDS[1..].iter().map(|id| Check::skip(id, why.clone()))),
    }
    checks
}

fn kind_name(msg: &WriteResponse) -> &'static str {
    match msg.kind {
        Some(Resp::BatchAck(_)) => "batch_ack",
        Some(Resp::CheckpointCommitted(_)) => "checkpoint_committed",
        Some(Resp::Credit(_)) => "credit",
        Some(Resp::Progress(_)) => "progress",
        Some(Resp::Log(_)) => "log",
        Some(Resp::Failure(_)) => "failure",
        None => "empty",
    }
}

/// A batch as the first message is a protocol fault: the RPC must end with FAILED_PRECONDITION.
async fn before_start(ctx: &Ctx) -> Check {
    const ID: &str = "consumer.before_start";
    let (tx, rx) = mpsc::channel(4);
    let batch = batch_within(
        1,
        STREAM,
        &CreditBudget {
            records: 1,
            bytes: u64::MAX,
        },
    );
    let _ = tx
        .send(WriteRequest {
            instruction_id: instruction_id("consumer"),
            kind: batch.map(Req::Batch),
        })
        .await;
    let mut client = ConsumerServiceClient::new(ctx.channel.clone());
    let run = async {
        let mut stream = client
            .write(ctx.request(ReceiverStream::new(rx)))
            .await?
            .into_inner();
        let mut answered = Vec::new();
        while let Some(msg) = stream.message().await? {
            answered.push(kind_name(&msg));
        }
        Ok::<_, tonic::Status>(answered)
    };
    let result = tokio::time::timeout(ctx.timeout, run).await;
    drop(tx);
    crate::stream::protocol_fault_verdict(ID, "batch before start", ctx.timeout, result)
}

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
    id_violations: Vec<String>,
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

async fn scenario(ctx: &Ctx, target: &Target, cfg: &serde_json::Value) -> Vec<Check> {
    let id = instruction_id("consumer");
    let start = WriteStart {
        component: target.component.name.clone(),
        config: Some(
            config::to_struct(cfg).expect("run() admits only configurations that convert"),
        ),
        generation: target.generation,
        config_id: if target.generation > 0 {
            target.config_id.clone()
        } else {
            String::new()
        },
        ..Default::default()
    };
    let mut obs = Observed::default();
    let (tx, rx) = mpsc::channel(32);
    let msg = |kind| WriteRequest {
        instruction_id: id.clone(),
        kind: Some(kind),
    };
    let _ = tx.send(msg(Req::Start(start))).await;
    let deadline = Instant::now() + ctx.timeout;
    let mut client = ConsumerServiceClient::new(ctx.channel.clone());

    let mut next = 0;
    let end = 'run: {
        let opened =
            tokio::time::timeout_at(deadline, client.write(ctx.request(ReceiverStream::new(rx))))
                .await;
        let mut stream = match opened {
            Err(_) => break 'run End::TimedOut("waiting for the Write response headers".into()),
            Ok(Err(s)) => break 'run End::Status(s),
            Ok(Ok(r)) => r.into_inner(),
        };
        let mut failure = None;
        loop {
            while let Some(step) = PLAN.get(next) {
                let kind = match *step {
                    Step::Batch(b) => match batch_within(b, STREAM, &obs.left) {
                        None => break,
                        Some(batch) => {
                            let usage = CreditUsage::of(&batch);
                            obs.left.take_clamped(usage);
                            obs.sent.insert(b);
                            obs.records_sent += usage.records;
                            Req::Batch(batch)
                        }
                    },
                    Step::Barrier(seq) => {
                        obs.barriers
                            .push_back((seq, obs.sent.iter().copied().collect()));
                        Req::Barrier(Barrier {
                            checkpoint_id: checkpoint_id(seq),
                            seq,
                        })
                    }
                    Step::Drain => Req::Drain(Drain {
                        grace_period: None,
                        reason: "end-of-input".into(),
                    }),
                };
                let _ = tx.send(msg(kind)).await;
                next += 1;
            }
            let waiting = match PLAN.get(next) {
                Some(Step::Batch(b)) => {
                    format!("for credit to send batch {b} ({:?} left)", obs.left)
                }
                _ => "for the consumer to finish after drain".to_owned(),
            };
            let resp = match next_or_end(
                &mut stream,
                deadline,
                ctx.timeout,
                &waiting,
                &failure,
                next >= PLAN.len(),
            )
            .await
            {
                Ok(resp) => resp,
                Err(end) => break 'run end,
            };
            if resp.instruction_id != id {
                obs.id_violations.push(format!(
                    "{} carried instruction_id {:?}",
                    kind_name(&resp),
                    resp.instruction_id
                ));
            }
            match resp.kind {
                Some(Resp::BatchAck(a)) => obs.ack(a.batch_id, a.failure.is_some()),
                Some(Resp::CheckpointCommitted(c)) => obs.committed(&c.checkpoint_id, c.seq),
                Some(Resp::Credit(c)) => {
                    obs.granted.add(&c);
                    obs.left.add(&c);
                }
                Some(Resp::Failure(f)) => failure = Some(show_failure(&f)),
                Some(Resp::Progress(_) | Resp::Log(_)) | None => {}
            }
        }
    };
    drop(tx);
    judge(&obs, &end, next)
}

fn judge(obs: &Observed, end: &End, next: usize) -> Vec<Check> {
    let batches = PLAN.iter().filter(|s| matches!(s, Step::Batch(_))).count();
    let input = if next >= PLAN.len() || obs.sent.len() == batches {
        Check::pass(
            "consumer.input_credit",
            format!(
                "sent {} batches ({} records) within the {} records / {} bytes the consumer granted",
                obs.sent.len(),
                obs.records_sent,
                obs.granted.records,
                obs.granted.bytes
            ),
        )
    } else if let End::TimedOut(w) = end {
        Check::fail(
            "consumer.input_credit",
            format!("the consumer granted too little credit: timed out {w}"),
        )
    } else {
        Check::skip(
            "consumer.input_credit",
            "the stream ended before every batch was sent (see consumer.drain)",
        )
    };
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
        verdict(
            "consumer.instruction_id",
            &obs.id_violations,
            &[],
            end,
            "every response carried the start's instruction_id".into(),
        ),
    ]
}
