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

use crate::credit::{CreditBudget, CreditUsage};
use crate::duplex::{Duplex, new_instruction_id};
use crate::error::{CoreError, Result, Stage};

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

impl SourceSession {
    pub async fn start(
        client: &mut SourceServiceClient<Channel>,
        start: ReadStart,
    ) -> Result<Self> {
        let id = new_instruction_id("read");
        let mut credit = CreditBudget::default();
        if let Some(c) = &start.initial_credit {
            credit.add(c);
        }
        let last_seq = start.resume_from.as_ref().map_or(0, |c| c.seq);
        let start = ReadRequest {
            instruction_id: id.clone(),
            kind: Some(Req::Start(start)),
        };
        let io = Duplex::open(STAGE, "Read", id, start, |requests| client.read(requests)).await?;
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
        loop {
            let Some(msg) = self.io.recv().await? else {
                if !self.ended {
                    return Err(CoreError::StreamEnded {
                        stage: STAGE,
                        detail: "Read ended without end_of_input".into(),
                    });
                }
                return Ok(None);
            };
            self.io.check_id(&msg.instruction_id)?;
            if self.ended {
                return Err(CoreError::violation(STAGE, "message after end_of_input"));
            }
            match msg.kind {
                Some(Resp::Batch(b)) => return self.on_batch(b).map(Some),
                Some(Resp::Checkpoint(c)) => {
                    if c.seq <= self.last_seq {
                        return Err(CoreError::violation(
                            STAGE,
                            format!("checkpoint seq {} is not above {}", c.seq, self.last_seq),
                        ));
                    }
                    self.last_seq = c.seq;
                    return Ok(Some(SourceEvent::Checkpoint(c)));
                }
                Some(Resp::EndOfInput(end)) => {
                    self.ended = true;
                    if let Some(failure) = end.failure {
                        return Err(CoreError::StageFailure {
                            stage: STAGE,
                            failure: Box::new(failure),
                        });
                    }
                    return Ok(Some(SourceEvent::EndOfInput(end)));
                }
                Some(Resp::Progress(_)) | Some(Resp::Log(_)) => {}
                None => return Err(CoreError::violation(STAGE, "ReadResponse with no kind")),
            }
        }
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
        let msg = ReadRequest {
            instruction_id: self.io.instruction_id.clone(),
            kind: Some(kind),
        };
        self.io.send(msg).await
    }
}
