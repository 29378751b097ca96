//! `SourceService.Read` as core speaks it: start (with the checkpoint to resume from), credit,
//! batches and checkpoints from the source, acks and `checkpoint_committed` back, drain. The
//! source's rules (batches within credit, increasing ids and seqs, nothing after
//! `end_of_input`) are checked.

use flow_proto::common::v1::{Checkpoint, Credit, RecordBatch};
use flow_proto::source::v1::read_request::Kind as Req;
use flow_proto::source::v1::read_response::Kind as Resp;
use flow_proto::source::v1::source_service_client::SourceServiceClient;
use flow_proto::source::v1::{
    CheckpointCommitted, Drain, EndOfInput, ReadAck, ReadRequest, ReadResponse, ReadStart,
};
use tonic::transport::Channel;

use crate::dial::credit::{CreditBudget, CreditUsage, initial_budget};
use crate::dial::duplex::Duplex;
use crate::dial::error::{CoreError, Result, Stage};
use crate::dial::session::{self, SessionRole, stream_plumbing};

const STAGE: Stage = Stage::Source;

#[derive(Debug, Clone, PartialEq)]
pub enum SourceEvent {
    Batch(RecordBatch),
    Checkpoint(Checkpoint),
    /// The source's last message. A `failure` in it is reported as an error instead.
    EndOfInput(EndOfInput),
}

pub struct SourceSession {
    io: Duplex<ReadRequest, ReadResponse>,
    /// Credit core granted and the source has not used.
    credit: CreditBudget,
    last_batch_id: Option<u64>,
    last_seq: u64,
    ended: bool,
}

stream_plumbing! {
    SourceSession => SourceEvent, STAGE, "Read", ids "read",
    ends after "end_of_input", ReadRequest(Req) -> ReadResponse(Resp)
}

impl SourceSession {
    pub async fn start(
        client: &mut SourceServiceClient<Channel>,
        start: ReadStart,
    ) -> Result<Self> {
        let credit = initial_budget(start.initial_credit.as_ref());
        let last_seq = start.resume_from.as_ref().map_or(0, |c| c.seq);
        let io = session::open::<Self, _, _>(Req::Start(start), |requests| client.read(requests))
            .await?;
        Ok(Self {
            io,
            credit,
            last_batch_id: None,
            last_seq,
            ended: false,
        })
    }

    pub fn instruction_id(&self) -> &str {
        &self.io.instruction_id
    }

    pub fn ended(&self) -> bool {
        self.ended
    }

    pub async fn grant(&mut self, credit: Credit) -> Result<()> {
        self.credit.add(&credit);
        self.send(Req::Credit(credit)).await
    }

    pub async fn ack(&mut self, batch_ids: Vec<u64>) -> Result<()> {
        self.send(Req::Ack(ReadAck { batch_ids })).await
    }

    pub async fn checkpoint_committed(&mut self, checkpoint_id: String, seq: u64) -> Result<()> {
        self.send(Req::CheckpointCommitted(CheckpointCommitted {
            checkpoint_id,
            seq,
        }))
        .await
    }

    pub async fn drain(&mut self, reason: &str) -> Result<()> {
        self.send(Req::Drain(Drain {
            grace_period: None,
            reason: reason.into(),
        }))
        .await
    }

    /// Closes core's side; the source then ends the RPC.
    pub fn close(&mut self) {
        self.io.close_send();
    }

    /// The next event; `None` when the source ended the RPC with status OK after
    /// `end_of_input`. Cancel-safe.
    pub async fn next_event(&mut self) -> Result<Option<SourceEvent>> {
        session::next_event(self).await
    }

    fn on_batch(&mut self, batch: RecordBatch) -> Result<SourceEvent> {
        if self
            .last_batch_id
            .is_some_and(|last| batch.batch_id <= last)
        {
            return Err(CoreError::violation(
                STAGE,
                format!("batch_id {} does not increase", batch.batch_id),
            ));
        }
        let usage = CreditUsage::of(&batch);
        if !self.credit.take(usage) {
            return Err(CoreError::violation(
                STAGE,
                format!(
                    "batch {} of {} records / {} bytes exceeds the credit core granted ({} records / {} bytes left)",
                    batch.batch_id,
                    usage.records,
                    usage.bytes,
                    self.credit.records,
                    self.credit.bytes
                ),
            ));
        }
        self.last_batch_id = Some(batch.batch_id);
        Ok(SourceEvent::Batch(batch))
    }

    async fn send(&mut self, kind: Req) -> Result<()> {
        session::send(self, kind).await
    }
}

impl SessionRole for SourceSession {
    fn may_end(&self) -> bool {
        self.ended
    }

    /// `end_of_input` is the source's last message.
    fn admit(&self) -> Result<()> {
        if self.ended {
            return Err(CoreError::violation(STAGE, "message after end_of_input"));
        }
        Ok(())
    }

    fn on_message(&mut self, kind: Resp) -> Result<Option<SourceEvent>> {
        match kind {
            Resp::Batch(b) => self.on_batch(b).map(Some),
            Resp::Checkpoint(c) => {
                if c.seq <= self.last_seq {
                    return Err(CoreError::violation(
                        STAGE,
                        format!("checkpoint seq {} is not above {}", c.seq, self.last_seq),
                    ));
                }
                self.last_seq = c.seq;
                Ok(Some(SourceEvent::Checkpoint(c)))
            }
            Resp::EndOfInput(end) => {
                self.ended = true;
                if let Some(failure) = end.failure {
                    return Err(CoreError::stage_failure(STAGE, failure));
                }
                Ok(Some(SourceEvent::EndOfInput(end)))
            }
            Resp::Progress(_) | Resp::Log(_) => Ok(None),
        }
    }
}
