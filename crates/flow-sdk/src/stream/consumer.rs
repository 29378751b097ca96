//! `flow.consumer.v1.ConsumerService` around a [`Consumer`].
//!
//! Messages are handled one at a time, in order, so every batch before a barrier has been
//! written and acknowledged before the barrier's commit starts, and `checkpoint_committed` is
//! sent only after [`ConsumerWriter::commit`] returned.

use std::sync::Arc;

use flow_proto::common::v1::{Credit, Failure, Progress, RecordBatch, RecordError};
use flow_proto::consumer::v1::consumer_service_server::{ConsumerService, ConsumerServiceServer};
use flow_proto::consumer::v1::{
    BatchAck, CheckpointCommitted, WriteRequest, WriteResponse, WriteStart, write_request,
    write_response,
};
use tokio_stream::StreamExt as _;
use tokio_stream::wrappers::ReceiverStream;
use tokio_util::sync::CancellationToken;
use tonic::{Request, Response, Status, Streaming};

use super::credit::{CreditBudget, CreditUsage};
use super::outbox::Outbox;
use super::{Admission, StreamOptions, fault, now, ticker};
use crate::{Sessions, ShutdownHandle};

const SERVICE: &str = "flow.consumer.v1";

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

/// Serves a [`Consumer`] as `flow.consumer.v1.ConsumerService`.
pub struct ConsumerAdapter<C> {
    consumer: Arc<C>,
    admission: Admission,
    options: StreamOptions,
}

impl<C: Consumer> ConsumerAdapter<C> {
    /// Refuses calls on connections without a handshake (pass [`crate::FlowServer::sessions`]).
    pub fn new(consumer: C, sessions: Sessions) -> Self {
        ConsumerAdapter {
            consumer: Arc::new(consumer),
            admission: Admission::new(sessions),
            options: StreamOptions::default(),
        }
    }

    /// Ends open streams when the server shuts down, as the [module docs](super) describe, and
    /// refuses new ones with `UNAVAILABLE` (pass [`crate::FlowServer::shutdown_handle`]).
    /// Automatic for adapters built from [`crate::FlowServer::sessions`]; without a handle a
    /// shutdown leaves open streams running until its hard deadline cuts them.
    pub fn watch_shutdown(mut self, shutdown: ShutdownHandle) -> Self {
        self.admission.watch(shutdown);
        self
    }

    /// Replaces the [`StreamOptions`].
    pub fn options(mut self, options: StreamOptions) -> Self {
        self.options = options;
        self
    }

    /// The generated server, accepting messages up to `max_decoding_message_size`.
    pub fn into_server(self, max_decoding_message_size: usize) -> ConsumerServiceServer<Self> {
        ConsumerServiceServer::new(self).max_decoding_message_size(max_decoding_message_size)
    }
}

#[tonic::async_trait]
impl<C: Consumer> ConsumerService for ConsumerAdapter<C> {
    type WriteStream = ReceiverStream<Result<WriteResponse, Status>>;

    async fn write(
        &self,
        request: Request<Streaming<WriteRequest>>,
    ) -> Result<Response<Self::WriteStream>, Status> {
        let shutdown = self.admission.admit(&request)?;
        let consumer = self.consumer.clone();
        let options = self.options;
        let inbound = request.into_inner();
        Ok(Response::new(Outbox::spawn(move |out| {
            drive(consumer, options, inbound, out, shutdown)
        })))
    }
}

async fn drive<C: Consumer>(
    consumer: Arc<C>,
    options: StreamOptions,
    mut inbound: Streaming<WriteRequest>,
    out: Outbox<WriteResponse>,
    shutdown: CancellationToken,
) -> Result<(), Status> {
    let first = match inbound.next().await {
        None => return Err(fault(SERVICE, "stream closed before start")),
        Some(message) => message?,
    };
    let Some(write_request::Kind::Start(start)) = first.kind else {
        return Err(fault(SERVICE, "the first message must be start"));
    };
    let id = first.instruction_id;
    if id.is_empty() {
        return Err(fault(SERVICE, "start has an empty instruction_id"));
    }
    let send = |kind| {
        out.send(WriteResponse {
            instruction_id: id.clone(),
            kind: Some(kind),
        })
    };
    let mut writer = match consumer.start(&start).await {
        Ok(writer) => writer,
        Err(failure) => return send(write_response::Kind::Failure(failure)).await,
    };
    let mut credit = CreditBudget::default();
    let grant = Credit {
        records: options.buffer_records,
        bytes: options.buffer_bytes,
    };
    credit.add(&grant);
    send(write_response::Kind::Credit(grant)).await?;

    let mut progress = Progress::default();
    let progress_now = |progress: &Progress| {
        let mut progress = progress.clone();
        progress.fraction_complete = -1.0;
        progress.observed_at = Some(now());
        write_response::Kind::Progress(progress)
    };
    let mut last_batch: Option<u64> = None;
    let mut last_seq = start.resume_seq;
    let mut tick = ticker(options.progress_interval);
    loop {
        tokio::select! {
            message = inbound.next() => {
                // Core hung up without drain: barriers not echoed count as uncommitted.
                let Some(message) = message else { return Ok(()) };
                let message = message?;
                if message.instruction_id != id {
                    return Err(fault(SERVICE, format!(
                        "instruction_id {:?} does not match the start's {id:?}",
                        message.instruction_id
                    )));
                }
                match message.kind {
                    Some(write_request::Kind::Start(_)) => {
                        return Err(fault(SERVICE, "a second start on the stream"));
                    }
                    Some(write_request::Kind::Batch(batch)) => {
                        if last_batch.is_some_and(|last| batch.batch_id <= last) {
                            return Err(fault(SERVICE, format!(
                                "batch_id {} not greater than the previous {}",
                                batch.batch_id, last_batch.unwrap_or_default()
                            )));
                        }
                        last_batch = Some(batch.batch_id);
                        let usage = CreditUsage::of(&batch);
                        let CreditUsage { records, bytes } = usage;
                        if !credit.take(usage) {
                            return Err(fault(SERVICE, format!(
                                "batch {} ({records} records, {bytes} bytes) exceeds the credit left ({} records, {} bytes)",
                                batch.batch_id, credit.records, credit.bytes
                            )));
                        }
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
                                return send(write_response::Kind::Failure(failure)).await;
                            }
                        };
                        progress.records += records;
                        progress.bytes += bytes;
                        progress.batches += 1;
                        send(write_response::Kind::BatchAck(ack)).await?;
                        // The batch is out of our hands: there is room for as much again.
                        if records > 0 || bytes > 0 {
                            let grant = Credit {
                                records: u32::try_from(records).unwrap_or(u32::MAX),
                                bytes,
                            };
                            credit.add(&grant);
                            send(write_response::Kind::Credit(grant)).await?;
                        }
                    }
                    Some(write_request::Kind::Barrier(barrier)) => {
                        if barrier.seq <= last_seq {
                            return Err(fault(SERVICE, format!(
                                "barrier seq {} not greater than the previous {last_seq}",
                                barrier.seq
                            )));
                        }
                        last_seq = barrier.seq;
                        if let Err(failure) = writer.commit(&barrier.checkpoint_id, barrier.seq).await {
                            return send(write_response::Kind::Failure(failure)).await;
                        }
                        send(write_response::Kind::CheckpointCommitted(CheckpointCommitted {
                            checkpoint_id: barrier.checkpoint_id,
                            seq: barrier.seq,
                        })).await?;
                    }
                    Some(write_request::Kind::Drain(d)) => {
                        // Every batch is acknowledged and every barrier echoed as they arrive.
                        tracing::info!(reason = d.reason, "drained the write stream");
                        return send(progress_now(&progress)).await;
                    }
                    None => return Err(fault(SERVICE, "a message with no kind set")),
                }
            }
            _ = tick.tick() => send(progress_now(&progress)).await?,
            () = shutdown.cancelled() => {
                // Every batch received is acknowledged and every barrier committed (messages
                // are handled whole, one at a time): nothing is in flight.
                tracing::info!("server shutting down: ending the write stream");
                send(progress_now(&progress)).await?;
                return Err(super::shutting_down());
            }
            () = out.closed() => return Ok(()),
        }
    }
}
