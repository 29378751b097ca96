//! `ConsumerService.Write` as core speaks it: start (with the checkpoint to resume from),
//! batches only within the consumer's credit, one `batch_ack` per batch, barriers echoed as
//! `checkpoint_committed` in order once every batch before them was acknowledged, drain.

use std::collections::{BTreeSet, VecDeque};

use flow_proto::common::v1::RecordBatch;
use flow_proto::consumer::v1::consumer_service_client::ConsumerServiceClient;
use flow_proto::consumer::v1::write_request::Kind as Req;
use flow_proto::consumer::v1::write_response::Kind as Resp;
use flow_proto::consumer::v1::{
    Barrier, BatchAck, CheckpointCommitted, Drain, WriteRequest, WriteResponse, WriteStart,
};
use tonic::transport::Channel;

use crate::dial::credit::{CreditBudget, CreditUsage, admit_core_batch};
use crate::dial::duplex::Duplex;
use crate::dial::error::{CoreError, Result, Stage};
use crate::dial::session::{self, SessionRole, stream_plumbing};

const STAGE: Stage = Stage::Consumer;

#[derive(Debug, Clone, PartialEq)]
pub enum ConsumerEvent {
    /// The outcome of one batch (check `failure` and `record_errors`).
    BatchAck(BatchAck),
    /// A barrier is durably committed.
    CheckpointCommitted(CheckpointCommitted),
    /// The consumer granted credit; queued batches may now fit.
    Credit,
}

pub struct ConsumerSession {
    io: Duplex<WriteRequest, WriteResponse>,
    credit: CreditBudget,
    unacked: BTreeSet<u64>,
    /// Barriers sent and not echoed: (seq, highest batch id sent before it).
    barriers: VecDeque<(u64, Option<u64>)>,
    last_batch_id: Option<u64>,
    last_seq: u64,
    draining: bool,
}

stream_plumbing! {
    ConsumerSession => ConsumerEvent, STAGE, "Write", ids "write",
    ends after "drain", WriteRequest(Req) -> WriteResponse(Resp)
}

impl ConsumerSession {
    /// Opens the stream. `start.resume_checkpoint_id`/`resume_seq` name the committed
    /// checkpoint core resumes from (empty/0 for a fresh start).
    pub async fn start(
        client: &mut ConsumerServiceClient<Channel>,
        start: WriteStart,
    ) -> Result<Self> {
        let last_seq = start.resume_seq;
        let io = session::open::<Self, _, _>(Req::Start(start), |requests| client.write(requests))
            .await?;
        Ok(Self {
            io,
            credit: CreditBudget::default(),
            unacked: BTreeSet::new(),
            barriers: VecDeque::new(),
            last_batch_id: None,
            last_seq,
            draining: false,
        })
    }

    pub fn instruction_id(&self) -> &str {
        &self.io.instruction_id
    }

    pub fn credit(&self) -> CreditBudget {
        self.credit
    }

    pub fn fits(&self, batch: &RecordBatch) -> bool {
        self.credit.fits(CreditUsage::of(batch))
    }

    /// Batches sent and not acknowledged yet.
    pub fn unacked(&self) -> usize {
        self.unacked.len()
    }

    /// Sends a batch; it must fit the credit left and its `batch_id` must increase.
    pub async fn send_batch(&mut self, batch: RecordBatch) -> Result<()> {
        admit_core_batch(
            &batch,
            &mut self.last_batch_id,
            &mut self.credit,
            "consumer's",
        )?;
        self.unacked.insert(batch.batch_id);
        self.send(Req::Batch(batch)).await
    }

    pub async fn send_barrier(&mut self, checkpoint_id: String, seq: u64) -> Result<()> {
        let last = self.barriers.back().map_or(self.last_seq, |b| b.0);
        if seq <= last {
            return Err(CoreError::violation(
                Stage::Runtime,
                format!("core's barrier seq {seq} is not above {last}"),
            ));
        }
        self.barriers.push_back((seq, self.last_batch_id));
        self.send(Req::Barrier(Barrier { checkpoint_id, seq }))
            .await
    }

    pub async fn drain(&mut self, reason: &str) -> Result<()> {
        self.draining = true;
        self.send(Req::Drain(Drain {
            grace_period: None,
            reason: reason.into(),
        }))
        .await?;
        self.io.close_send();
        Ok(())
    }

    /// The next event; `None` once the consumer ended the RPC with status OK after a drain.
    /// Cancel-safe.
    pub async fn next_event(&mut self) -> Result<Option<ConsumerEvent>> {
        session::next_event(self).await
    }

    fn on_committed(&mut self, c: CheckpointCommitted) -> Result<ConsumerEvent> {
        let Some(&(seq, covers)) = self.barriers.front() else {
            return Err(CoreError::violation(
                STAGE,
                format!(
                    "checkpoint_committed seq {} with no barrier outstanding",
                    c.seq
                ),
            ));
        };
        if seq != c.seq {
            return Err(CoreError::violation(
                STAGE,
                format!(
                    "checkpoint_committed seq {} while barrier {seq} is next",
                    c.seq
                ),
            ));
        }
        if let (Some(covers), Some(&oldest)) = (covers, self.unacked.first())
            && oldest <= covers
        {
            return Err(CoreError::violation(
                STAGE,
                format!(
                    "checkpoint {seq} committed before batch {oldest} it covers was acknowledged"
                ),
            ));
        }
        self.barriers.pop_front();
        self.last_seq = seq;
        Ok(ConsumerEvent::CheckpointCommitted(c))
    }

    async fn send(&mut self, kind: Req) -> Result<()> {
        session::send(self, kind).await
    }
}

impl SessionRole for ConsumerSession {
    fn may_end(&self) -> bool {
        self.draining
    }

    fn on_end(&self) -> Result<()> {
        if !self.unacked.is_empty() || !self.barriers.is_empty() {
            return Err(CoreError::violation(
                STAGE,
                format!(
                    "Write ended after drain with {} batches unacknowledged and {} barriers not echoed",
                    self.unacked.len(),
                    self.barriers.len()
                ),
            ));
        }
        Ok(())
    }

    fn on_message(&mut self, kind: Resp) -> Result<Option<ConsumerEvent>> {
        match kind {
            Resp::BatchAck(ack) => {
                if !self.unacked.remove(&ack.batch_id) {
                    return Err(CoreError::violation(
                        STAGE,
                        format!(
                            "batch_ack for batch {} that is not awaiting one",
                            ack.batch_id
                        ),
                    ));
                }
                Ok(Some(ConsumerEvent::BatchAck(ack)))
            }
            Resp::CheckpointCommitted(c) => self.on_committed(c).map(Some),
            Resp::Credit(c) => {
                self.credit.add(&c);
                Ok(Some(ConsumerEvent::Credit))
            }
            Resp::Failure(failure) => Err(CoreError::stage_failure(STAGE, failure)),
            Resp::Progress(_) | Resp::Log(_) => Ok(None),
        }
    }
}
