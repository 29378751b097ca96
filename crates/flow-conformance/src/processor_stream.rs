//! The `flow.processor.v1.ProcessorService.Process` protocol, played as core: start with a small
//! output credit, batches only within the processor's input credit, two barriers, then drain.
//! Each rule of processor.proto is its own check, judged on the same run.

use std::collections::VecDeque;

use flow_proto::common::v1::Credit;
use flow_proto::processor::v1::process_request::Kind as Req;
use flow_proto::processor::v1::process_response::Kind as Resp;
use flow_proto::processor::v1::processor_service_client::ProcessorServiceClient;
use flow_proto::processor::v1::{
    Barrier, Drain, ProcessOutput, ProcessRequest, ProcessResponse, ProcessStart,
};
use tokio::sync::mpsc;
use tokio::time::Instant;
use tokio_stream::wrappers::ReceiverStream;

use crate::stream::{
    CreditBudget, CreditUsage, End, batch_within, instruction_id, next_or_end, show_failure,
    verdict,
};
use crate::{Check, Target, config, rpc::Ctx};

/// Output credit granted with the start: small, so that outputs must be split and wait for more.
pub const OUTPUT_CREDIT_RECORDS: u32 = 2;
const OUTPUT_CREDIT_BYTES: u64 = 1 << 20;
const MAX_BATCH_BYTES: u64 = 64 << 10;
const STREAM: &str = "flow-conformance";

/// The ids of the checks this module reports, in order.
pub const IDS: [&str; 7] = [
    "processor.before_start",
    "processor.input_credit",
    "processor.output_credit",
    "processor.output_order",
    "processor.barrier_ack",
    "processor.drain",
    "processor.instruction_id",
];

use crate::stream::{PLAN, Step, checkpoint_id};

/// Runs the processor checks with `target`'s component and configuration.
pub async fn checks(ctx: &Ctx, target: &Target) -> Vec<Check> {
    let mut checks = vec![before_start(ctx).await];
    match &target.config {
        Ok(cfg) => checks.extend(scenario(ctx, target, cfg).await),
        Err(why) => checks.extend(IDS[1..].iter().map(|id| Check::skip(id, why.clone()))),
    }
    checks
}

/// A batch as the first message is a protocol fault: the RPC must end with FAILED_PRECONDITION.
async fn before_start(ctx: &Ctx) -> Check {
    const ID: &str = "processor.before_start";
    let (tx, rx) = mpsc::channel(4);
    let batch = crate::stream::batch_within(
        1,
        STREAM,
        &CreditBudget {
            records: 1,
            bytes: u64::MAX,
        },
    );
    let first = ProcessRequest {
        instruction_id: instruction_id("processor"),
        kind: batch.map(Req::Batch),
    };
    // Kept open until the verdict, so the service cannot mistake the test for a closed stream.
    let _ = tx.send(first).await;
    let mut client = ProcessorServiceClient::new(ctx.channel.clone());
    let run = async {
        let mut stream = client
            .process(ctx.request(ReceiverStream::new(rx)))
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

fn kind_name(msg: &ProcessResponse) -> &'static str {
    match msg.kind {
        Some(Resp::Output(_)) => "output",
        Some(Resp::Credit(_)) => "credit",
        Some(Resp::BarrierAck(_)) => "barrier_ack",
        Some(Resp::Progress(_)) => "progress",
        Some(Resp::Log(_)) => "log",
        Some(Resp::Failure(_)) => "failure",
        None => "empty",
    }
}

/// What the kit observed on the stream, judged after it ends.
#[derive(Default)]
struct Observed {
    input_granted: CreditBudget,
    input_left: CreditBudget,
    output_left: CreditBudget,
    /// Sent batches whose output is not complete yet, in order.
    open: VecDeque<u64>,
    /// Batches with complete output.
    completed: u64,
    /// The highest input batch that has had any output.
    highest_output: u64,
    last_output_batch_id: Option<u64>,
    batches_sent: u64,
    records_sent: u64,
    outputs: u64,
    /// Barriers sent and not acknowledged: (seq, batches sent before it).
    barriers: VecDeque<(u64, u64)>,
    acks: u64,
    credit_violations: Vec<String>,
    order_violations: Vec<String>,
    barrier_violations: Vec<String>,
    id_violations: Vec<String>,
}

impl Observed {
    fn output(&mut self, o: &ProcessOutput) -> Credit {
        self.outputs += 1;
        let mut usage = CreditUsage::default();
        for b in &o.batches {
            usage = usage.plus(CreditUsage::of(b));
            if self
                .last_output_batch_id
                .is_some_and(|last| b.batch_id <= last)
            {
                self.order_violations.push(format!(
                    "output batch_id {} not above the previous one",
                    b.batch_id
                ));
            }
            self.last_output_batch_id = Some(b.batch_id);
        }
        let CreditUsage { records, bytes } = usage;
        let left = self.output_left;
        if !self.output_left.take_clamped(usage) {
            self.credit_violations.push(format!(
                "output for input batch {} carried {records} records / {bytes} bytes with only {} records / {} bytes of output credit left",
                o.input_batch_id, left.records, left.bytes
            ));
        }
        match self.open.front() {
            Some(&head) if head == o.input_batch_id => {
                self.highest_output = self.highest_output.max(head);
                if o.complete {
                    self.open.pop_front();
                    self.completed += 1;
                }
            }
            head => self.order_violations.push(format!(
                "output for input batch {} while the oldest batch without complete output is {head:?}",
                o.input_batch_id
            )),
        }
        // Core consumes the output at once and grants the same room again: never more in flight
        // than the initial grant.
        Credit {
            records: u32::try_from(records).unwrap_or(u32::MAX),
            bytes,
        }
    }

    fn barrier_ack(&mut self, checkpoint: &str, seq: u64) {
        self.acks += 1;
        let Some((want_seq, before)) = self.barriers.pop_front() else {
            self.barrier_violations
                .push(format!("barrier_ack seq {seq} for no outstanding barrier"));
            return;
        };
        if seq != want_seq || checkpoint != checkpoint_id(want_seq) {
            self.barrier_violations.push(format!(
                "barrier_ack ({checkpoint:?}, {seq}) but the oldest unacknowledged barrier is ({:?}, {want_seq})",
                checkpoint_id(want_seq)
            ));
        }
        if self.completed < before {
            self.barrier_violations.push(format!(
                "barrier_ack seq {seq} before the complete output of batch {} (sent before the barrier)",
                self.completed + 1
            ));
        }
        if self.highest_output > before {
            self.barrier_violations.push(format!(
                "barrier_ack seq {seq} after output of batch {} (sent after the barrier)",
                self.highest_output
            ));
        }
    }
}

async fn scenario(ctx: &Ctx, target: &Target, cfg: &serde_json::Value) -> Vec<Check> {
    let id = instruction_id("processor");
    let initial = Credit {
        records: OUTPUT_CREDIT_RECORDS,
        bytes: OUTPUT_CREDIT_BYTES,
    };
    let start = ProcessStart {
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
        initial_credit: Some(initial),
        max_batch_bytes: MAX_BATCH_BYTES,
        ..Default::default()
    };
    let mut obs = Observed::default();
    obs.output_left.add(&initial);
    let (tx, rx) = mpsc::channel(32);
    let msg = |kind| ProcessRequest {
        instruction_id: id.clone(),
        kind: Some(kind),
    };
    let _ = tx.send(msg(Req::Start(start))).await;
    let deadline = Instant::now() + ctx.timeout;
    let mut client = ProcessorServiceClient::new(ctx.channel.clone());

    let mut next = 0;
    let end = 'run: {
        let opened = tokio::time::timeout_at(
            deadline,
            client.process(ctx.request(ReceiverStream::new(rx))),
        )
        .await;
        let mut stream = match opened {
            Err(_) => break 'run End::TimedOut("waiting for the Process response headers".into()),
            Ok(Err(s)) => break 'run End::Status(s),
            Ok(Ok(r)) => r.into_inner(),
        };
        let mut failure = None;
        loop {
            // Send everything the plan allows now: batches only within the input credit.
            while let Some(step) = PLAN.get(next) {
                let kind = match *step {
                    Step::Batch(b) => match batch_within(b, STREAM, &obs.input_left) {
                        None => break,
                        Some(batch) => {
                            let usage = CreditUsage::of(&batch);
                            obs.input_left.take_clamped(usage);
                            obs.batches_sent += 1;
                            obs.records_sent += usage.records;
                            obs.open.push_back(b);
                            Req::Batch(batch)
                        }
                    },
                    Step::Barrier(seq) => {
                        obs.barriers.push_back((seq, obs.batches_sent));
                        Req::Barrier(Barrier {
                            checkpoint_id: checkpoint_id(seq),
                            seq,
                        })
                    }
                    Step::Drain => Req::Drain(Drain {
                        grace_period: None,
                        reason: "end-of-input".into(),
                        flush: true,
                    }),
                };
                let _ = tx.send(msg(kind)).await;
                next += 1;
            }
            let waiting = match PLAN.get(next) {
                Some(Step::Batch(b)) => format!(
                    "for input credit to send batch {b} ({:?} left)",
                    obs.input_left
                ),
                _ => "for the processor to finish after drain".to_owned(),
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
            if failure.is_some() {
                obs.order_violations
                    .push(format!("{} after the terminal failure", kind_name(&resp)));
            }
            match resp.kind {
                Some(Resp::Output(o)) => {
                    let grant = obs.output(&o);
                    if grant.records > 0 || grant.bytes > 0 {
                        obs.output_left.add(&grant);
                        let _ = tx.send(msg(Req::Credit(grant))).await;
                    }
                }
                Some(Resp::Credit(c)) => {
                    obs.input_granted.add(&c);
                    obs.input_left.add(&c);
                }
                Some(Resp::BarrierAck(a)) => obs.barrier_ack(&a.checkpoint_id, a.seq),
                Some(Resp::Failure(f)) => failure = Some(show_failure(&f)),
                Some(Resp::Progress(_) | Resp::Log(_)) | None => {}
            }
        }
    };
    drop(tx);
    judge(&obs, &end, next)
}

fn judge(obs: &Observed, end: &End, next: usize) -> Vec<Check> {
    let batches = PLAN.iter().filter(|s| matches!(s, Step::Batch(_))).count() as u64;
    let input = if next >= PLAN.len() || obs.batches_sent == batches {
        Check::pass(
            "processor.input_credit",
            format!(
                "sent {} batches ({} records) within the {} records / {} bytes the processor granted",
                obs.batches_sent,
                obs.records_sent,
                obs.input_granted.records,
                obs.input_granted.bytes
            ),
        )
    } else if let End::TimedOut(w) = end {
        Check::fail(
            "processor.input_credit",
            format!("the processor granted too little input credit: timed out {w}"),
        )
    } else {
        Check::skip(
            "processor.input_credit",
            "the stream ended before every batch was sent (see processor.drain)",
        )
    };
    let open: Vec<String> = obs
        .open
        .iter()
        .map(|b| format!("batch {b} has no complete output"))
        .collect();
    let unacked: Vec<String> = obs
        .barriers
        .iter()
        .map(|(s, _)| format!("barrier seq {s} was never acknowledged"))
        .collect();
    vec![
        input,
        verdict(
            "processor.output_credit",
            &obs.credit_violations,
            &[],
            end,
            format!(
                "{} outputs, never beyond the {OUTPUT_CREDIT_RECORDS}-record window",
                obs.outputs
            ),
        ),
        verdict(
            "processor.output_order",
            &obs.order_violations,
            &open,
            end,
            format!(
                "{} batches answered in order, each ending with complete",
                obs.completed
            ),
        ),
        verdict(
            "processor.barrier_ack",
            &obs.barrier_violations,
            &unacked,
            end,
            format!(
                "{} barriers acknowledged in order, between the outputs they split",
                obs.acks
            ),
        ),
        end.drain_check("processor.drain", "every batch answered"),
        verdict(
            "processor.instruction_id",
            &obs.id_violations,
            &[],
            end,
            "every response carried the start's instruction_id".into(),
        ),
    ]
}
