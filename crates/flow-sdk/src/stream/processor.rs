//! `flow.processor.v1.ProcessorService` around a [`Processor`].

use std::collections::VecDeque;

use flow_proto::common::v1::{Credit, Failure, Payload, Progress, RecordBatch, RecordError};
use flow_proto::failure::FailureExt;
use flow_proto::processor::v1::processor_service_server::{
    ProcessorService, ProcessorServiceServer,
};
use flow_proto::processor::v1::{
    BarrierAck, ProcessOutput, ProcessRequest, ProcessResponse, ProcessStart, process_request,
    process_response,
};
use tonic::Status;

use super::adapter::{StreamAdapter, StreamTask, stream_service};
use super::credit::{Chunker, CreditBudget, CreditUsage};
use super::protocol::{Ascending, ProcessorRole, Responder, StreamProtocol, take_input_credit};
use super::{RECORD_TOO_LARGE, fault, ticker};

/// The results of one input batch.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Processed {
    /// Output records per stream, in order. Their `batch_id`s are ignored: the SDK cuts them to
    /// the credit and limits and numbers the batches it sends.
    pub batches: Vec<RecordBatch>,
    /// Input records that could not be processed.
    pub errors: Vec<RecordError>,
}

/// A processor component: opens one [`ProcessorRun`] per `Process` stream.
#[tonic::async_trait]
pub trait Processor: Send + Sync + 'static {
    /// The state of one stream.
    type Run: ProcessorRun;

    /// Prepares a stream from its `start` (configuration, `resume_state`). An `Err` is sent as
    /// the stream's terminal `failure` (use type `config.invalid` for a bad configuration).
    async fn start(&self, start: &ProcessStart) -> Result<Self::Run, Failure>;
}

/// One `Process` stream. Batches come in order, one at a time.
#[tonic::async_trait]
pub trait ProcessorRun: Send + 'static {
    /// Transforms one input batch. An `Err` is terminal (sent as `failure`); per-record problems
    /// go in [`Processed::errors`].
    async fn process(&mut self, batch: RecordBatch) -> Result<Processed, Failure>;

    /// The state to store with a checkpoint, as of every batch before the barrier (and none
    /// after): returned to a later run in `ProcessStart.resume_state`. Stateless: `None`.
    async fn barrier(
        &mut self,
        _checkpoint_id: &str,
        _seq: u64,
    ) -> Result<Option<Payload>, Failure> {
        Ok(None)
    }
}

stream_service!(
    ProcessorRole, Processor, ProcessorService, ProcessorServiceServer,
    ProcessStream, process(ProcessRequest) -> ProcessResponse {}
);

/// What arrived and is not fully answered, in arrival order. Answering strictly from the head
/// gives the ordering rules: outputs in input order, each `barrier_ack` exactly between the
/// outputs of the batches before and after its barrier.
enum Item {
    Output {
        input_batch_id: u64,
        chunks: VecDeque<Chunker>,
        errors: Vec<RecordError>,
        input_records: u64,
        input_bytes: u64,
    },
    BarrierAck(BarrierAck),
}

struct Run {
    out: Responder<ProcessorRole>,
    /// Output credit core granted.
    credit: CreditBudget,
    /// Input credit we granted and core has not used.
    input: CreditBudget,
    max_records: u32,
    max_bytes: u64,
    next_batch_id: u64,
    queue: VecDeque<Item>,
    draining: bool,
    /// The server is shutting down: no more input credit; the stream ends once the queue is
    /// empty.
    shutting_down: bool,
    progress: Progress,
}

impl Run {
    async fn grant(&mut self, records: u64, bytes: u64) -> Result<(), Status> {
        let credit = Credit {
            records: u32::try_from(records).unwrap_or(u32::MAX),
            bytes,
        };
        self.input.add(&credit);
        self.out.send(process_response::Kind::Credit(credit)).await
    }

    async fn send_progress(&self) -> Result<(), Status> {
        self.out.send_progress(&self.progress).await
    }

    /// Answers queued items from the head as far as the output credit allows.
    async fn pump(&mut self) -> Result<(), Status> {
        while let Some(head) = self.queue.front_mut() {
            match head {
                Item::BarrierAck(ack) => {
                    let ack = ack.clone();
                    self.out
                        .send(process_response::Kind::BarrierAck(ack))
                        .await?;
                    self.queue.pop_front();
                }
                Item::Output {
                    input_batch_id,
                    chunks,
                    errors,
                    input_records,
                    input_bytes,
                } => {
                    let (input_batch_id, input_records, input_bytes) =
                        (*input_batch_id, *input_records, *input_bytes);
                    let mut complete = false;
                    loop {
                        while chunks.front().is_some_and(Chunker::is_empty) {
                            chunks.pop_front();
                        }
                        let mut batches = Vec::new();
                        if let Some(chunk) = chunks.front_mut() {
                            let Some((records, _)) =
                                chunk.take(&mut self.credit, self.max_records, self.max_bytes)
                            else {
                                break; // wait for output credit
                            };
                            self.next_batch_id += 1;
                            batches.push(RecordBatch {
                                batch_id: self.next_batch_id,
                                stream: chunk.stream.clone(),
                                records,
                            });
                            while chunks.front().is_some_and(Chunker::is_empty) {
                                chunks.pop_front();
                            }
                        }
                        complete = chunks.is_empty();
                        let output = ProcessOutput {
                            input_batch_id,
                            batches,
                            errors: std::mem::take(errors),
                            complete,
                        };
                        self.out
                            .send(process_response::Kind::Output(output))
                            .await?;
                        if complete {
                            break;
                        }
                    }
                    if !complete {
                        return Ok(());
                    }
                    self.queue.pop_front();
                    self.progress.records += input_records;
                    self.progress.bytes += input_bytes;
                    self.progress.batches += 1;
                    // The batch has left our buffer: give its room back, unless no more input
                    // may come.
                    if !self.draining
                        && !self.shutting_down
                        && (input_records > 0 || input_bytes > 0)
                    {
                        self.grant(input_records, input_bytes).await?;
                    }
                }
            }
        }
        Ok(())
    }
}

enum Next {
    Continue,
    /// A terminal failure was sent: end with status OK.
    Failed,
}

async fn drive<P: Processor>(mut task: StreamTask<ProcessorRole, P>) -> Result<(), Status> {
    let mut credit = CreditBudget::default();
    if let Some(initial) = &task.start.initial_credit {
        credit.add(initial);
    }
    let mut run = Run {
        out: task.out,
        credit,
        input: CreditBudget::default(),
        max_records: task.start.max_batch_records,
        max_bytes: match task.start.max_batch_bytes {
            0 => task.options.default_max_batch_bytes,
            n => n,
        },
        next_batch_id: 0,
        queue: VecDeque::new(),
        draining: false,
        shutting_down: false,
        progress: Progress::default(),
    };
    let mut user = match task.component.start(&task.start).await {
        Ok(user) => user,
        Err(failure) => {
            run.out
                .send(process_response::Kind::Failure(failure))
                .await?;
            return Ok(());
        }
    };
    run.grant(
        u64::from(task.options.buffer_records),
        task.options.buffer_bytes,
    )
    .await?;
    let mut batch_ids = Ascending::new("batch_id");
    let mut seqs = Ascending::new("barrier seq");
    let mut inbound_open = true;
    let mut tick = ticker(task.options.progress_interval);
    loop {
        run.pump().await?;
        if run.draining && run.queue.is_empty() {
            return run.send_progress().await;
        }
        if run.shutting_down && run.queue.is_empty() {
            // Everything received is answered; core resumes the rest elsewhere.
            run.send_progress().await?;
            return Err(super::shutting_down());
        }
        tokio::select! {
            message = task.inbound.next(), if inbound_open => {
                let Some(message) = message else {
                    if !run.draining {
                        return Err(fault(ProcessorRole::SERVICE, "stream closed by core without drain"));
                    }
                    inbound_open = false;
                    continue;
                };
                let next = match message? {
                    process_request::Kind::Start(_) => unreachable!("Inbound refuses a second start"),
                    process_request::Kind::Credit(c) => {
                        run.credit.add(&c);
                        Next::Continue
                    }
                    process_request::Kind::Batch(batch) => {
                        if run.draining {
                            return Err(fault(ProcessorRole::SERVICE, format!("batch {} after drain", batch.batch_id)));
                        }
                        batch_ids.advance::<ProcessorRole>(batch.batch_id)?;
                        let CreditUsage { records, bytes } =
                            take_input_credit::<ProcessorRole>(&mut run.input, &batch)?;
                        process(&mut run, &mut user, batch, records, bytes).await?
                    }
                    process_request::Kind::Barrier(barrier) => {
                        if run.draining {
                            return Err(fault(ProcessorRole::SERVICE, format!("barrier {} after drain", barrier.seq)));
                        }
                        seqs.advance::<ProcessorRole>(barrier.seq)?;
                        // Batches are processed as they arrive, so the run's state now is
                        // exactly that of the batches before the barrier.
                        match user.barrier(&barrier.checkpoint_id, barrier.seq).await {
                            Ok(state) => {
                                run.queue.push_back(Item::BarrierAck(BarrierAck {
                                    checkpoint_id: barrier.checkpoint_id,
                                    seq: barrier.seq,
                                    state,
                                }));
                                Next::Continue
                            }
                            Err(failure) => {
                                run.out.send(process_response::Kind::Failure(failure)).await?;
                                Next::Failed
                            }
                        }
                    }
                    process_request::Kind::Drain(d) => {
                        if run.draining {
                            return Err(fault(ProcessorRole::SERVICE, "a second drain"));
                        }
                        tracing::info!(reason = d.reason, flush = d.flush, "draining the process stream");
                        run.draining = true;
                        Next::Continue
                    }
                };
                if let Next::Failed = next {
                    return Ok(());
                }
            }
            _ = tick.tick() => run.send_progress().await?,
            () = task.shutdown.cancelled(), if !run.shutting_down && !run.draining => {
                tracing::info!(queued = run.queue.len(), "server shutting down: finishing the process stream");
                run.shutting_down = true;
            }
            () = run.out.closed() => return Ok(()),
        }
    }
}

async fn process<R: ProcessorRun>(
    run: &mut Run,
    user: &mut R,
    batch: RecordBatch,
    input_records: u64,
    input_bytes: u64,
) -> Result<Next, Status> {
    let input_batch_id = batch.batch_id;
    let processed = match user.process(batch).await {
        Ok(processed) => processed,
        Err(failure) => {
            run.out
                .send(process_response::Kind::Failure(failure))
                .await?;
            return Ok(Next::Failed);
        }
    };
    run.progress.errors += processed.errors.len() as u64;
    let mut chunks = VecDeque::with_capacity(processed.batches.len());
    for out in processed.batches {
        match Chunker::new(out.stream, out.records, run.max_bytes) {
            Ok(chunk) => chunks.push_back(chunk),
            Err((index, size)) => {
                let failure = Failure::new(format!(
                    "output record {index} for input batch {input_batch_id} is {size} bytes, over max_batch_bytes {}",
                    run.max_bytes
                ))
                .with_type(RECORD_TOO_LARGE)
                .with_non_retryable(true);
                run.out
                    .send(process_response::Kind::Failure(failure))
                    .await?;
                return Ok(Next::Failed);
            }
        }
    }
    run.queue.push_back(Item::Output {
        input_batch_id,
        chunks,
        errors: processed.errors,
        input_records,
        input_bytes,
    });
    Ok(Next::Continue)
}
