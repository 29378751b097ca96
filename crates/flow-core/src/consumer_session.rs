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

use crate::credit::{CreditBudget, CreditUsage, admit_core_batch};
use crate::duplex::{Duplex, new_instruction_id};
use crate::error::{CoreError, Result, Stage};

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

impl ConsumerSession {
    /// Opens the stream. `start.resume_checkpoint_id`/`resume_seq` name the committed
    /// checkpoint core resumes from (empty/0 for a fresh start).
    pub async fn start(
        client: &mut ConsumerServiceClient<Channel>,
        start: WriteStart,
    ) -> Result<Self> {
        let id = new_instruction_id("write");
        let last_seq = start.resume_seq;
        let start = WriteRequest {
            instruction_id: id.clone(),
            kind: Some(Req::Start(start)),
        };
        let io = Duplex::open(STAGE, "Write", id, start, |requests| client.write(requests)).await?;
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
        loop {
            let Some(msg) = self.io.recv().await? else {
                if !self.draining {
                    return Err(CoreError::StreamEnded {
                        stage: STAGE,
                        detail: "Write ended without drain".into(),
                    });
                }
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
                return Ok(None);
            };
            self.io.check_id(&msg.instruction_id)?;
            match msg.kind {
                Some(Resp::BatchAck(ack)) => {
                    if !self.unacked.remove(&ack.batch_id) {
                        return Err(CoreError::violation(
                            STAGE,
                            format!(
                                "batch_ack for batch {} that is not awaiting one",
                                ack.batch_id
                            ),
                        ));
                    }
                    return Ok(Some(ConsumerEvent::BatchAck(ack)));
                }
                Some(Resp::CheckpointCommitted(c)) => return self.on_committed(c).map(Some),
                Some(Resp::Credit(c)) => {
                    self.credit.add(&c);
                    return Ok(Some(ConsumerEvent::Credit));
                }
                Some(Resp::Failure(failure)) => {
                    return Err(CoreError::StageFailure {
                        stage: STAGE,
                        failure: Box::new(failure),
                    });
                }
                Some(Resp::Progress(_)) | Some(Resp::Log(_)) => {}
                None => return Err(CoreError::violation(STAGE, "WriteResponse with no kind")),
            }
        }
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
        let msg = WriteRequest {
            instruction_id: self.io.instruction_id.clone(),
            kind: Some(kind),
        };
        self.io.send(msg).await
    }
}
