//! The `flow.processor.v1.ProcessorService.Process` protocol, played as core: start with a small
//! output credit, batches only within the processor's input credit, two barriers, then drain.
//! Each rule of processor.proto is its own check, judged on the same run.

use std::collections::VecDeque;

use flow_proto::common::v1::{Credit, RecordBatch};
use flow_proto::processor::v1::process_request::Kind as Req;
use flow_proto::processor::v1::process_response::Kind as Resp;
use flow_proto::processor::v1::processor_service_client::ProcessorServiceClient;
use flow_proto::processor::v1::{
    Barrier, Drain, ProcessOutput, ProcessRequest, ProcessResponse, ProcessStart,
};

use crate::stream::{CreditBudget, CreditUsage, End, Step, checkpoint_id, show_failure, verdict};
use crate::stream_check::{
    InputSent, PlannedStream, StartFields, StreamRole, input_credit_check, planned_checks,
    start_message, stream_role,
};
use crate::{Check, Target, rpc::Ctx};

/// Output credit granted with the start: small, so that outputs must be split and wait for more.
pub const OUTPUT_CREDIT_RECORDS: u32 = 2;
const OUTPUT_CREDIT_BYTES: u64 = 1 << 20;
const MAX_BATCH_BYTES: u64 = 64 << 10;

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

/// Runs the processor checks with `target`'s component and configuration.
pub async fn checks(ctx: &Ctx, target: &Target) -> Vec<Check> {
    planned_checks::<Processor>(ctx, target, &IDS).await
}

stream_role! {
    /// The processor role: `Process`.
    struct Processor;
    name: "processor",
    rpc: "Process" via ProcessorServiceClient::process,
    request: ProcessRequest of Req,
    response: ProcessResponse of Resp {
        Output => "output", Credit => "credit", BarrierAck => "barrier_ack",
        Progress => "progress", Log => "log", Failure => "failure",
    }
}

impl PlannedStream for Processor {
    type Observed = Observed;

    fn start(fields: StartFields, obs: &mut Observed) -> Req {
        let initial = Credit {
            records: OUTPUT_CREDIT_RECORDS,
            bytes: OUTPUT_CREDIT_BYTES,
        };
        obs.output_left.add(&initial);
        Req::Start(start_message!(ProcessStart from fields, {
            initial_credit: Some(initial),
            max_batch_bytes: MAX_BATCH_BYTES,
        }))
    }

    fn input_left(obs: &mut Observed) -> &mut CreditBudget {
        &mut obs.input_left
    }

    fn batch(batch: RecordBatch) -> Req {
        Req::Batch(batch)
    }

    fn sent(obs: &mut Observed, batch: &RecordBatch) {
        obs.batches_sent += 1;
        obs.records_sent += CreditUsage::of(batch).records;
        obs.open.push_back(batch.batch_id);
    }

    fn barrier(obs: &mut Observed, seq: u64) -> Req {
        obs.barriers.push_back((seq, obs.batches_sent));
        Req::Barrier(Barrier {
            checkpoint_id: checkpoint_id(seq),
            seq,
        })
    }

    fn drain() -> Req {
        Req::Drain(Drain {
            grace_period: None,
            reason: "end-of-input".into(),
            flush: true,
        })
    }

    fn waiting(obs: &Observed, next: Option<&Step>) -> String {
        match next {
            Some(Step::Batch(b)) => format!(
                "for input credit to send batch {b} ({:?} left)",
                obs.input_left
            ),
            _ => "for the processor to finish after drain".to_owned(),
        }
    }

    fn receive(
        obs: &mut Observed,
        resp: ProcessResponse,
        failure: &mut Option<String>,
    ) -> Option<Req> {
        if failure.is_some() {
            obs.order_violations.push(format!(
                "{} after the terminal failure",
                Self::kind_name(&resp)
            ));
        }
        match resp.kind {
            Some(Resp::Output(o)) => {
                let grant = obs.output(&o);
                if grant.records > 0 || grant.bytes > 0 {
                    obs.output_left.add(&grant);
                    return Some(Req::Credit(grant));
                }
            }
            Some(Resp::Credit(c)) => {
                obs.input_granted.add(&c);
                obs.input_left.add(&c);
            }
            Some(Resp::BarrierAck(a)) => obs.barrier_ack(&a.checkpoint_id, a.seq),
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

fn judge(obs: &Observed, end: &End, next: usize) -> Vec<Check> {
    let sent = InputSent::of(next, obs.batches_sent, obs.records_sent);
    let input = input_credit_check("processor", "input credit", sent, obs.input_granted, end);
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
    ]
}
