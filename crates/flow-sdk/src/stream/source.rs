//! `flow.source.v1.SourceService` around a [`Source`].

use std::pin::Pin;

use flow_proto::common::v1::{Checkpoint, Failure, LogEntry, Progress, Record, RecordBatch};
use flow_proto::failure::FailureExt;
use flow_proto::source::v1::source_service_server::{SourceService, SourceServiceServer};
use flow_proto::source::v1::{
    CheckpointCommitted, DiscoverRequest, DiscoverResponse, EndOfInput, ReadRequest, ReadResponse,
    ReadStart, StreamSelection, read_request, read_response,
};
use tokio::sync::watch;
use tokio_stream::{Stream, StreamExt as _};
use tokio_util::sync::CancellationToken;
use tonic::{Request, Response, Status};

use super::adapter::{StreamAdapter, StreamTask, stream_service};
use super::credit::{Chunker, CreditBudget};
use super::protocol::{Responder, SourceRole, StreamProtocol};
use super::{RECORD_TOO_LARGE, fault, ticker};

/// What a source's read produces, in order.
#[derive(Clone, Debug, PartialEq)]
pub enum SourceEvent {
    /// Records of one stream. The SDK cuts them into batches that fit the credit and
    /// `max_batch_records`/`max_batch_bytes`, and numbers the batches.
    Batch {
        /// The stream (`CatalogStream.id`).
        stream: String,
        /// The records, in order.
        records: Vec<Record>,
    },
    /// A resume point covering every record produced before it. Leave `seq` at 0 and
    /// `checkpoint_id` empty to let the SDK number it (one above the previous, starting after
    /// the resumed checkpoint's); a `seq` set by the source must be strictly increasing.
    Checkpoint(Checkpoint),
    /// A log line for core.
    Log(LogEntry),
}

/// The events of one read. A `Failure` ends the read (`end_of_input` with reason `failed`).
pub type SourceEvents = Pin<Box<dyn Stream<Item = Result<SourceEvent, Failure>> + Send>>;

/// One read, as the source sees it.
#[derive(Debug)]
pub struct ReadContext {
    /// The `start` message, with the configuration and the limits.
    pub start: ReadStart,
    drain: CancellationToken,
    committed: watch::Receiver<Option<CheckpointCommitted>>,
}

impl ReadContext {
    /// The streams to read.
    pub fn streams(&self) -> &[StreamSelection] {
        &self.start.streams
    }

    /// The checkpoint to resume after; `None` for a fresh read.
    pub fn resume_from(&self) -> Option<&Checkpoint> {
        self.start.resume_from.as_ref()
    }

    /// Cancelled when core asked to drain, or when the server starts shutting down (see
    /// [`StreamAdapter::watch_shutdown`](super::StreamAdapter::watch_shutdown)): stop reading, produce a final checkpoint covering
    /// everything produced, and end the event stream.
    pub fn drain_token(&self) -> CancellationToken {
        self.drain.clone()
    }

    /// The latest checkpoint core reported committed: only then may the origin be told
    /// (queue offsets committed, replication slot advanced).
    pub fn committed(&self) -> watch::Receiver<Option<CheckpointCommitted>> {
        self.committed.clone()
    }
}

/// A source component. The SDK runs the `Read` protocol around it.
#[tonic::async_trait]
pub trait Source: Send + Sync + 'static {
    /// The catalog for a configuration (`SourceService.Discover`).
    async fn discover(&self, request: DiscoverRequest) -> Result<DiscoverResponse, Status>;

    /// Starts a read. The events must resume exactly after `read.resume_from()` when set. An
    /// `Err` ends the read at once (`end_of_input` with reason `failed`).
    async fn read(&self, read: ReadContext) -> Result<SourceEvents, Failure>;
}

stream_service!(
    SourceRole, Source, SourceService, SourceServiceServer,
    ReadStream, read(ReadRequest) -> ReadResponse {
        async fn discover(
            &self,
            request: Request<DiscoverRequest>,
        ) -> Result<Response<DiscoverResponse>, Status> {
            self.admission.sessions().require(&request)?;
            Ok(Response::new(
                self.component.discover(request.into_inner()).await?,
            ))
        }
    }
);

/// The state of one `Read` stream after `start`.
struct Read {
    out: Responder<SourceRole>,
    credit: CreditBudget,
    max_records: u32,
    max_bytes: u64,
    next_batch_id: u64,
    /// The seq of the last checkpoint sent on this stream (0: none yet).
    sent_seq: u64,
    /// The seq numbering continues from (the resumed checkpoint's).
    last_seq: u64,
    progress: Progress,
}

impl Read {
    async fn end(&self, reason: &str, failure: Option<Failure>) -> Result<(), Status> {
        self.out
            .send(read_response::Kind::EndOfInput(EndOfInput {
                reason: reason.into(),
                final_checkpoint_seq: self.sent_seq,
                failure,
                diagnostics: Vec::new(),
            }))
            .await
    }

    /// Sends as much of `pending` as the credit allows.
    async fn pump(&mut self, pending: &mut Chunker) -> Result<(), Status> {
        while let Some((records, bytes)) =
            pending.take(&mut self.credit, self.max_records, self.max_bytes)
        {
            self.next_batch_id += 1;
            self.progress.records += records.len() as u64;
            self.progress.bytes += bytes;
            self.progress.batches += 1;
            let batch = RecordBatch {
                batch_id: self.next_batch_id,
                stream: pending.stream.clone(),
                records,
            };
            self.out.send(read_response::Kind::Batch(batch)).await?;
        }
        Ok(())
    }

    /// Numbers (or checks) a checkpoint and sends it. `Err(failure)` for a non-increasing seq.
    async fn checkpoint(&mut self, mut checkpoint: Checkpoint) -> Result<Option<Failure>, Status> {
        if checkpoint.seq == 0 {
            checkpoint.seq = self.last_seq + 1;
        } else if checkpoint.seq <= self.last_seq {
            return Ok(Some(
                Failure::new(format!(
                    "the source produced checkpoint seq {} after seq {}: seqs must increase",
                    checkpoint.seq, self.last_seq
                ))
                .with_type("source.checkpoint_order")
                .with_non_retryable(true),
            ));
        }
        if checkpoint.checkpoint_id.is_empty() {
            checkpoint.checkpoint_id = checkpoint.seq.to_string();
        }
        self.last_seq = checkpoint.seq;
        self.sent_seq = checkpoint.seq;
        self.out
            .send(read_response::Kind::Checkpoint(checkpoint))
            .await?;
        Ok(None)
    }

    async fn send_progress(&self) -> Result<(), Status> {
        self.out.send_progress(&self.progress).await
    }
}

async fn next_event(events: &mut Option<SourceEvents>) -> Option<Result<SourceEvent, Failure>> {
    match events {
        Some(events) => events.next().await,
        None => std::future::pending().await,
    }
}

async fn drive<S: Source>(mut task: StreamTask<SourceRole, S>) -> Result<(), Status> {
    let mut credit = CreditBudget::default();
    if let Some(initial) = &task.start.initial_credit {
        credit.add(initial);
    }
    let max_bytes = match task.start.max_batch_bytes {
        0 => task.options.default_max_batch_bytes,
        n => n,
    };
    let drain = CancellationToken::new();
    let (committed_tx, committed) = watch::channel(None);
    let mut read = Read {
        out: task.out,
        credit,
        max_records: task.start.max_batch_records,
        max_bytes,
        next_batch_id: 0,
        sent_seq: 0,
        last_seq: task.start.resume_from.as_ref().map_or(0, |c| c.seq),
        progress: Progress::default(),
    };
    let context = ReadContext {
        start: task.start,
        drain: drain.clone(),
        committed,
    };
    let mut events = match task.component.read(context).await {
        Ok(events) => Some(events),
        Err(failure) => {
            read.end("failed", Some(failure)).await?;
            None
        }
    };
    let mut ended = events.is_none();
    let mut pending: Option<Chunker> = None;
    let mut tick = ticker(task.options.progress_interval);
    // Core sent `drain` (`drain` above is also cancelled by a server shutdown).
    let mut core_drained = false;
    // The server is shutting down: the events were asked to end.
    let mut shutting_down = false;
    // The events ended because of the shutdown; no `end_of_input` was sent (the input did not
    // end): the stream ends with UNAVAILABLE once its last checkpoint is committed.
    let mut stopped = false;
    let mut committed_seq = 0;
    loop {
        if stopped && committed_seq >= read.sent_seq {
            return Err(super::shutting_down());
        }
        if let Some(chunker) = &mut pending {
            read.pump(chunker).await?;
            if chunker.is_empty() {
                pending = None;
            }
        }
        let want_event = pending.is_none() && !ended;
        tokio::select! {
            message = task.inbound.next() => {
                let Some(message) = message else {
                    // Core closed its side: after end_of_input that is the normal end; before
                    // it, core gave up on the read and nothing more can be delivered.
                    return Ok(());
                };
                match message? {
                    read_request::Kind::Start(_) => unreachable!("Inbound refuses a second start"),
                    read_request::Kind::Credit(c) => read.credit.add(&c),
                    read_request::Kind::Ack(ack) => {
                        tracing::trace!(batches = ?ack.batch_ids, "acknowledged");
                    }
                    read_request::Kind::Nack(nack) => {
                        tracing::warn!(batch_id = nack.batch_id, failure = ?nack.failure, "batch not delivered");
                    }
                    read_request::Kind::CheckpointCommitted(c) => {
                        committed_seq = committed_seq.max(c.seq);
                        committed_tx.send_replace(Some(c));
                    }
                    read_request::Kind::Drain(d) => {
                        if core_drained {
                            return Err(fault(SourceRole::SERVICE, "a second drain"));
                        }
                        core_drained = true;
                        tracing::info!(reason = d.reason, "draining the read");
                        drain.cancel();
                        if stopped {
                            // Stopped for the shutdown, and now core drains: finish as asked.
                            stopped = false;
                            read.end("drained", None).await?;
                        }
                    }
                }
            }
            event = next_event(&mut events), if want_event => match event {
                None => {
                    events = None;
                    ended = true;
                    read.send_progress().await?;
                    if core_drained {
                        read.end("drained", None).await?;
                    } else if shutting_down {
                        // Not the end of the input: a later read resumes after the last
                        // checkpoint, which core may still commit.
                        tracing::info!(final_seq = read.sent_seq, "read stopped for the shutdown");
                        stopped = true;
                    } else {
                        read.end("completed", None).await?;
                    }
                }
                Some(Err(failure)) => {
                    events = None;
                    ended = true;
                    read.end("failed", Some(failure)).await?;
                }
                Some(Ok(SourceEvent::Batch { stream, records })) => {
                    match Chunker::new(stream, records, read.max_bytes) {
                        Ok(chunker) => pending = Some(chunker),
                        Err((index, size)) => {
                            events = None;
                            ended = true;
                            let failure = Failure::new(format!(
                                "record {index} of a batch is {size} bytes, over max_batch_bytes {}",
                                read.max_bytes
                            ))
                            .with_type(RECORD_TOO_LARGE)
                            .with_non_retryable(true);
                            read.end("failed", Some(failure)).await?;
                        }
                    }
                }
                Some(Ok(SourceEvent::Checkpoint(checkpoint))) => {
                    if let Some(failure) = read.checkpoint(checkpoint).await? {
                        events = None;
                        ended = true;
                        read.end("failed", Some(failure)).await?;
                    }
                }
                Some(Ok(SourceEvent::Log(entry))) => {
                    read.out.send(read_response::Kind::Log(entry)).await?;
                }
            },
            _ = tick.tick(), if !ended => read.send_progress().await?,
            () = task.shutdown.cancelled(), if !shutting_down => {
                shutting_down = true;
                if !ended {
                    tracing::info!("server shutting down: stopping the read");
                    drain.cancel();
                }
            }
            () = read.out.closed() => return Ok(()),
        }
    }
}
