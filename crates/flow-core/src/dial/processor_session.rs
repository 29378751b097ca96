//! `ProcessorService.Process` as core speaks it: start, output credit for the processor, input
//! batches only within the credit the processor granted, barriers and their acknowledgements in
//! order, drain. Every rule the processor must keep is checked and broken ones become
//! [`CoreError::ProtocolViolation`].

use std::collections::VecDeque;

use flow_proto::common::v1::{Credit, RecordBatch};
use flow_proto::processor::v1::process_request::Kind as Req;
use flow_proto::processor::v1::process_response::Kind as Resp;
use flow_proto::processor::v1::processor_service_client::ProcessorServiceClient;
use flow_proto::processor::v1::{
    Barrier, BarrierAck, Drain, ProcessOutput, ProcessRequest, ProcessResponse, ProcessStart,
};
use tonic::transport::Channel;

use crate::dial::credit::{CreditBudget, CreditUsage, admit_core_batch, initial_budget};
use crate::dial::duplex::Duplex;
use crate::dial::error::{CoreError, Result, Stage};
use crate::dial::session::{self, SessionRole, stream_plumbing};

const STAGE: Stage = Stage::Processor;

/// What the processor said, as the caller needs it. Credit, progress and logs are handled here.
#[derive(Debug, Clone, PartialEq)]
pub enum ProcessorEvent {
    /// (Part of) the results of an input batch; `complete` on the last.
    Output(ProcessOutput),
    /// A barrier passed: every output before it has been delivered.
    BarrierAck(BarrierAck),
    /// The processor granted input credit; queued batches may now fit.
    Credit,
}

/// What core sent and the processor has not answered yet, in order.
#[derive(Debug)]
enum Sent {
    Batch(u64),
    Barrier(u64),
}

pub struct ProcessorSession {
    io: Duplex<ProcessRequest, ProcessResponse>,
    /// Credit the processor granted core for input.
    input: CreditBudget,
    /// Credit core granted the processor for output.
    output: CreditBudget,
    unanswered: VecDeque<Sent>,
    last_batch_id: Option<u64>,
    last_barrier_seq: Option<u64>,
    draining: bool,
}

stream_plumbing! {
    ProcessorSession => ProcessorEvent, STAGE, "Process", ids "process",
    ends after "drain", ProcessRequest(Req) -> ProcessResponse(Resp)
}

impl ProcessorSession {
    /// Opens the stream with `start` (its `initial_credit` counts as output credit) under a
    /// freshly generated instruction id.
    pub async fn start(
        client: &mut ProcessorServiceClient<Channel>,
        start: ProcessStart,
    ) -> Result<Self> {
        let output = initial_budget(start.initial_credit.as_ref());
        let io =
            session::open::<Self, _, _>(Req::Start(start), |requests| client.process(requests))
                .await?;
        Ok(Self {
            io,
            input: CreditBudget::default(),
            output,
            unanswered: VecDeque::new(),
            last_batch_id: None,
            last_barrier_seq: None,
            draining: false,
        })
    }

    pub fn instruction_id(&self) -> &str {
        &self.io.instruction_id
    }

    /// Input credit left.
    pub fn input_credit(&self) -> CreditBudget {
        self.input
    }

    /// Whether `batch` fits in the input credit left right now.
    pub fn fits(&self, batch: &RecordBatch) -> bool {
        self.input.fits(CreditUsage::of(batch))
    }

    /// Sends an input batch. It must fit the input credit (check [`Self::fits`], or wait for a
    /// [`ProcessorEvent::Credit`]); `batch_id` must increase.
    pub async fn send_batch(&mut self, batch: RecordBatch) -> Result<()> {
        if self.draining {
            return Err(CoreError::StreamEnded {
                stage: STAGE,
                detail: "batch after drain".into(),
            });
        }
        admit_core_batch(
            &batch,
            &mut self.last_batch_id,
            &mut self.input,
            "processor's input",
        )?;
        self.unanswered.push_back(Sent::Batch(batch.batch_id));
        self.send(Req::Batch(batch)).await
    }

    /// Grants the processor more output credit.
    pub async fn grant(&mut self, credit: Credit) -> Result<()> {
        self.output.add(&credit);
        self.send(Req::Credit(credit)).await
    }

    pub async fn send_barrier(&mut self, checkpoint_id: String, seq: u64) -> Result<()> {
        if self.last_barrier_seq.is_some_and(|last| seq <= last) {
            return Err(CoreError::violation(
                Stage::Runtime,
                format!("core's barrier seq {seq} does not increase"),
            ));
        }
        self.last_barrier_seq = Some(seq);
        self.unanswered.push_back(Sent::Barrier(seq));
        self.send(Req::Barrier(Barrier { checkpoint_id, seq }))
            .await
    }

    /// Asks the processor to finish; then read events until `None`.
    pub async fn drain(&mut self, reason: &str, flush: bool) -> Result<()> {
        self.draining = true;
        self.send(Req::Drain(Drain {
            grace_period: None,
            reason: reason.into(),
            flush,
        }))
        .await?;
        self.io.close_send();
        Ok(())
    }

    /// The next event; `None` once the processor ended the RPC with status OK after a drain.
    /// Cancel-safe, so it can sit in a `select!`.
    pub async fn next_event(&mut self) -> Result<Option<ProcessorEvent>> {
        session::next_event(self).await
    }

    fn on_output(&mut self, out: ProcessOutput) -> Result<ProcessorEvent> {
        match self.unanswered.front() {
            Some(Sent::Batch(id)) if *id == out.input_batch_id => {}
            other => {
                return Err(CoreError::violation(
                    STAGE,
                    format!(
                        "output for input batch {} while core expects {other:?}",
                        out.input_batch_id
                    ),
                ));
            }
        }
        let usage = out
            .batches
            .iter()
            .fold(CreditUsage::default(), |u, b| u.plus(CreditUsage::of(b)));
        if !self.output.take(usage) {
            return Err(CoreError::violation(
                STAGE,
                format!(
                    "output of {} records / {} bytes exceeds the credit core granted ({} records / {} bytes left)",
                    usage.records, usage.bytes, self.output.records, self.output.bytes
                ),
            ));
        }
        if out.complete {
            self.unanswered.pop_front();
        }
        Ok(ProcessorEvent::Output(out))
    }

    fn on_barrier_ack(&mut self, ack: BarrierAck) -> Result<ProcessorEvent> {
        match self.unanswered.front() {
            Some(Sent::Barrier(seq)) if *seq == ack.seq => {
                self.unanswered.pop_front();
                Ok(ProcessorEvent::BarrierAck(ack))
            }
            other => Err(CoreError::violation(
                STAGE,
                format!("barrier_ack seq {} while core expects {other:?}", ack.seq),
            )),
        }
    }

    async fn send(&mut self, kind: Req) -> Result<()> {
        session::send(self, kind).await
    }
}

impl SessionRole for ProcessorSession {
    fn may_end(&self) -> bool {
        self.draining
    }

    fn on_end(&self) -> Result<()> {
        match self.unanswered.front() {
            Some(left) => Err(CoreError::violation(
                STAGE,
                format!("Process ended after drain with {left:?} unanswered"),
            )),
            None => Ok(()),
        }
    }

    fn on_message(&mut self, kind: Resp) -> Result<Option<ProcessorEvent>> {
        match kind {
            Resp::Output(out) => self.on_output(out).map(Some),
            Resp::BarrierAck(ack) => self.on_barrier_ack(ack).map(Some),
            Resp::Credit(c) => {
                self.input.add(&c);
                Ok(Some(ProcessorEvent::Credit))
            }
            Resp::Failure(failure) => Err(CoreError::stage_failure(STAGE, failure)),
            Resp::Progress(_) | Resp::Log(_) => Ok(None),
        }
    }
}
