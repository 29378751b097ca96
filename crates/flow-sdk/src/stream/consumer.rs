//! `flow.consumer.v1.ConsumerService` around a [`Consumer`].
//!
//! Messages are handled one at a time, in order, so every batch before a barrier has been
//! written and acknowledged before the barrier's commit starts, and `checkpoint_committed` is
//! sent only after [`ConsumerWriter::commit`] returned.

use flow_proto::common::v1::{Credit, Failure, Progress, RecordBatch, RecordError};
use flow_proto::consumer::v1::consumer_service_server::{ConsumerService, ConsumerServiceServer};
use flow_proto::consumer::v1::{
    BatchAck, CheckpointCommitted, WriteRequest, WriteResponse, WriteStart, write_request,
    write_response,
};
use tonic::Status;

use super::adapter::{StreamAdapter, StreamTask, stream_service};
use super::credit::{CreditBudget, CreditUsage};
use super::protocol::{Ascending, ConsumerRole, take_input_credit};
use super::ticker;

/// Why a batch was not written.
#[derive(Clone, Debug, PartialEq)]
pub enum WriteError {
    /// The whole batch is rejected (its ack carries the failure); the stream goes on.
    Rejected(Failure),
    /// The consumer cannot go on: sent as the terminal `failure`.
    Fatal(Failure),
}

/// A consumer component: opens one [`ConsumerWriter`] per `Write` stream.
#[tonic::async_trait]
pub trait Consumer: Send + Sync + 'static {
    /// The state of one stream.
    type Writer: ConsumerWriter;

    /// Prepares the destination from `start` (configuration, streams, and the checkpoint the
    /// run resumes from: records after it arrive again). An `Err` is the terminal `failure`.
    async fn start(&self, start: &WriteStart) -> Result<Self::Writer, Failure>;
}

/// One `Write` stream. Calls come in order, one at a time.
#[tonic::async_trait]
pub trait ConsumerWriter: Send + 'static {
    /// Accepts a batch (written, or buffered for the next commit). `Ok` carries the records
    /// rejected individually.
    async fn write(&mut self, batch: &RecordBatch) -> Result<Vec<RecordError>, WriteError>;

    /// Makes everything accepted so far durable, with the checkpoint. The SDK echoes the
    /// barrier only after this returns `Ok`; an `Err` is the terminal `failure`.
    async fn commit(&mut self, checkpoint_id: &str, seq: u64) -> Result<(), Failure>;
}

stream_service!(
    ConsumerRole, Consumer, ConsumerService, ConsumerServiceServer,
    WriteStream, write(WriteRequest) -> WriteResponse {}
);

async fn drive<C: Consumer>(mut task: StreamTask<ConsumerRole, C>) -> Result<(), Status> {
    let mut writer = match task.component.start(&task.start).await {
        Ok(writer) => writer,
        Err(failure) => return task.out.send(write_response::Kind::Failure(failure)).await,
    };
    let mut credit = CreditBudget::default();
    let grant = Credit {
        records: task.options.buffer_records,
        bytes: task.options.buffer_bytes,
    };
    credit.add(&grant);
    task.out.send(write_response::Kind::Credit(grant)).await?;

    let mut progress = Progress::default();
    let mut batch_ids = Ascending::new("batch_id");
    let mut seqs = Ascending::after("barrier seq", task.start.resume_seq);
    let mut tick = ticker(task.options.progress_interval);
    loop {
        tokio::select! {
            message = task.inbound.next() => {
                // Core hung up without drain: barriers not echoed count as uncommitted.
                let Some(message) = message else { return Ok(()) };
                match message? {
                    write_request::Kind::Start(_) => unreachable!("Inbound refuses a second start"),
                    write_request::Kind::Batch(batch) => {
                        batch_ids.advance::<ConsumerRole>(batch.batch_id)?;
                        let CreditUsage { records, bytes } =
                            take_input_credit::<ConsumerRole>(&mut credit, &batch)?;
                        let ack = match writer.write(&batch).await {
                            Ok(record_errors) => {
                                progress.errors += record_errors.len() as u64;
                                BatchAck { batch_id: batch.batch_id, failure: None, record_errors }
                            }
                            Err(WriteError::Rejected(failure)) => {
                                progress.errors += records;
                                BatchAck { batch_id: batch.batch_id, failure: Some(failure), record_errors: Vec::new() }
                            }
                            Err(WriteError::Fatal(failure)) => {
                                return task.out.send(write_response::Kind::Failure(failure)).await;
                            }
                        };
                        progress.records += records;
                        progress.bytes += bytes;
                        progress.batches += 1;
                        task.out.send(write_response::Kind::BatchAck(ack)).await?;
                        // The batch is out of our hands: there is room for as much again.
                        if records > 0 || bytes > 0 {
                            let grant = Credit {
                                records: u32::try_from(records).unwrap_or(u32::MAX),
                                bytes,
                            };
                            credit.add(&grant);
                            task.out.send(write_response::Kind::Credit(grant)).await?;
                        }
                    }
                    write_request::Kind::Barrier(barrier) => {
                        seqs.advance::<ConsumerRole>(barrier.seq)?;
                        if let Err(failure) = writer.commit(&barrier.checkpoint_id, barrier.seq).await {
                            return task.out.send(write_response::Kind::Failure(failure)).await;
                        }
                        task.out.send(write_response::Kind::CheckpointCommitted(CheckpointCommitted {
                            checkpoint_id: barrier.checkpoint_id,
                            seq: barrier.seq,
                        })).await?;
                    }
                    write_request::Kind::Drain(d) => {
                        // Every batch is acknowledged and every barrier echoed as they arrive.
                        tracing::info!(reason = d.reason, "drained the write stream");
                        return task.out.send_progress(&progress).await;
                    }
                }
            }
            _ = tick.tick() => task.out.send_progress(&progress).await?,
            () = task.shutdown.cancelled() => {
                // Every batch received is acknowledged and every barrier committed (messages
                // are handled whole, one at a time): nothing is in flight.
                tracing::info!("server shutting down: ending the write stream");
                task.out.send_progress(&progress).await?;
                return Err(super::shutting_down());
            }
            () = task.out.closed() => return Ok(()),
        }
    }
}
