//! A source -> processor -> consumer run. The source's checkpoints travel as barriers through the
//! processor to the consumer; a checkpoint counts only once the consumer committed it, and only
//! then does the source hear `checkpoint_committed`. When any stage's connection or stream drops,
//! every stream is abandoned and the whole pipeline resumes, after a backoff, from the last
//! committed checkpoint: records after it are read again, and the consumer (told the resume
//! point in `WriteStart`) drops its uncommitted tail, so its output holds each record once.

use std::collections::{BTreeMap, HashSet, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use flow_proto::common::v1::{Checkpoint, Credit, Payload, Record, RecordBatch};
use flow_proto::consumer::v1::{TargetStream, WriteStart};
use flow_proto::processor::v1::{InputStream, ProcessStart};
use flow_proto::source::v1::{ReadStart, StreamSelection};
use flow_proto::wkt::Struct;

use crate::dial::connection::{ConnectOptions, connect_with};
use crate::dial::consumer_session::{ConsumerEvent, ConsumerSession};
use crate::dial::credit::CreditUsage;
use crate::dial::error::{CoreError, Result, Stage};
use crate::dial::processor_session::{ProcessorEvent, ProcessorSession};
use crate::dial::source_session::{SourceEvent, SourceSession};
use flow_backoff::{Backoff, BackoffConfig};

/// Extracts a record's sequence number, so that the stats can count duplicates and losses.
pub type SequenceOf = Arc<dyn Fn(&Record) -> Option<u64> + Send + Sync>;

/// A checkpoint the consumer committed, as [`PipelineConfig::on_commit`] hears of it: the facts
/// a caller needs for its own statistics (the demo's latency percentiles live in `flow-demo`).
#[derive(Debug, Clone, Copy)]
pub struct CommittedCheckpoint<'a> {
    pub seq: u64,
    /// When the source emitted it.
    pub emitted: Instant,
    /// When core stored it as committed.
    pub committed: Instant,
    /// The source batches it covers: when each reached core, with its record count.
    pub batch_arrivals: &'a [(Instant, u64)],
}

/// Called for every committed checkpoint, in commit order.
pub type OnCommit = Arc<dyn Fn(&CommittedCheckpoint<'_>) + Send + Sync>;

/// One service of the pipeline and the component it runs there.
#[derive(Debug, Clone, Default)]
pub struct StageSpec {
    pub endpoint: String,
    pub component: String,
    pub config: Option<Struct>,
}

#[derive(Clone)]
pub struct PipelineConfig {
    pub source: StageSpec,
    pub streams: Vec<StreamSelection>,
    pub processor: StageSpec,
    pub consumer: StageSpec,
    pub targets: Vec<TargetStream>,
    pub connect: ConnectOptions,
    pub backoff: BackoffConfig,
    /// Credit the source starts with; each batch's usage is granted back once it has gone on
    /// to the processor.
    pub source_credit: Credit,
    /// Output credit the processor starts with; granted back as outputs go on to the consumer.
    pub processor_credit: Credit,
    pub max_batch_bytes: u64,
    /// Restarts before giving up; `None` for ever.
    pub max_restarts: Option<u32>,
    /// How long the final drain of each stage may take.
    pub drain_timeout: Duration,
    pub sequence_of: Option<SequenceOf>,
    pub on_commit: Option<OnCommit>,
}

impl PipelineConfig {
    pub fn new(source: StageSpec, processor: StageSpec, consumer: StageSpec) -> Self {
        Self {
            source,
            streams: Vec::new(),
            processor,
            consumer,
            targets: Vec::new(),
            connect: ConnectOptions::default(),
            backoff: BackoffConfig::default(),
            source_credit: Credit {
                records: 1024,
                bytes: 4 << 20,
            },
            processor_credit: Credit {
                records: 4096,
                bytes: 8 << 20,
            },
            max_batch_bytes: 1 << 20,
            max_restarts: None,
            drain_timeout: Duration::from_secs(30),
            sequence_of: None,
            on_commit: None,
        }
    }
}

/// What a run did. Duplicates and losses are counted over the records of committed
/// checkpoints, by `PipelineConfig::sequence_of`.
#[derive(Debug, Clone, Default)]
pub struct PipelineStats {
    /// Records the consumer committed (under a checkpoint core stored).
    pub records: u64,
    pub checkpoints: u64,
    pub restarts: u32,
    /// Committed records whose sequence number was committed before.
    pub duplicates: u64,
    /// Sequence numbers missing between the lowest and highest committed.
    pub losses: u64,
    /// Per checkpoint: from the source emitting it to the consumer committing it. Finer
    /// accounts (per record) belong to the caller: see [`PipelineConfig::on_commit`].
    pub latencies: Vec<Duration>,
    pub last_error: Option<String>,
    min_seq: Option<u64>,
    max_seq: Option<u64>,
    seen: HashSet<u64>,
}

impl PipelineStats {
    fn commit_sequences(&mut self, seqs: &[u64]) {
        for &s in seqs {
            if !self.seen.insert(s) {
                self.duplicates += 1;
            }
            self.min_seq = Some(self.min_seq.map_or(s, |m| m.min(s)));
            self.max_seq = Some(self.max_seq.map_or(s, |m| m.max(s)));
        }
        if let (Some(lo), Some(hi)) = (self.min_seq, self.max_seq) {
            self.losses = (hi - lo + 1) - self.seen.len() as u64;
        }
    }
}

/// The last committed checkpoint and the processor's state at it.
#[derive(Debug, Clone, Default)]
struct Resume {
    checkpoint: Option<Checkpoint>,
    processor_state: Option<Payload>,
}

pub struct Pipeline {
    config: PipelineConfig,
    stats: Arc<Mutex<PipelineStats>>,
    resume: Resume,
}

impl Pipeline {
    pub fn new(config: PipelineConfig) -> Self {
        Self {
            config,
            stats: Arc::default(),
            resume: Resume::default(),
        }
    }

    /// A live view of the stats, readable while the pipeline runs.
    pub fn stats_handle(&self) -> Arc<Mutex<PipelineStats>> {
        self.stats.clone()
    }

    pub fn stats(&self) -> PipelineStats {
        lock(&self.stats).clone()
    }

    /// Runs until the source's input ends and its final checkpoint is committed, restarting on
    /// retryable errors.
    pub async fn run(&mut self) -> Result<PipelineStats> {
        let mut backoff = Backoff::new(self.config.backoff);
        loop {
            let before = lock(&self.stats).checkpoints;
            match self.run_once(&mut backoff).await {
                Ok(()) => return Ok(self.stats()),
                Err(e) => {
                    // Decided in a block: the stats lock must not be held across the sleep.
                    let (give_up, progressed) = {
                        let mut stats = lock(&self.stats);
                        stats.last_error = Some(e.to_string());
                        let give_up = !e.is_retryable()
                            || self
                                .config
                                .max_restarts
                                .is_some_and(|m| stats.restarts >= m);
                        if !give_up {
                            stats.restarts += 1;
                        }
                        (give_up, stats.checkpoints > before)
                    };
                    if give_up {
                        return Err(e);
                    }
                    if progressed {
                        // The attempt made progress: start the delays over.
                        backoff.reset();
                    }
                    let delay = backoff.next_delay();
                    tracing::warn!(error = %e, ?delay, "pipeline attempt failed; resuming from the last committed checkpoint");
                    tokio::time::sleep(delay).await;
                }
            }
        }
    }

    async fn run_once(&mut self, backoff: &mut Backoff) -> Result<()> {
        let c = &self.config;
        let src = connect_with(&c.source.endpoint, &c.connect, backoff).await?;
        let prc = connect_with(&c.processor.endpoint, &c.connect, backoff).await?;
        let con = connect_with(&c.consumer.endpoint, &c.connect, backoff).await?;
        let resume = self.resume.clone();
        let resume_id = resume
            .checkpoint
            .as_ref()
            .map(|cp| cp.checkpoint_id.clone())
            .unwrap_or_default();
        let resume_seq = resume.checkpoint.as_ref().map_or(0, |cp| cp.seq);

        // The three starts first, then the streams in order: the consumer and processor are
        // ready before the source produces.
        let write_start = WriteStart {
            component: c.consumer.component.clone(),
            config: c.consumer.config.clone(),
            streams: c.targets.clone(),
            resume_checkpoint_id: resume_id.clone(),
            resume_seq,
            ..Default::default()
        };
        let process_start = ProcessStart {
            component: c.processor.component.clone(),
            config: c.processor.config.clone(),
            initial_credit: Some(c.processor_credit),
            input_streams: c
                .streams
                .iter()
                .map(|s| InputStream {
                    stream: s.stream.clone(),
                    ..Default::default()
                })
                .collect(),
            resume_checkpoint_id: resume_id,
            resume_state: resume.processor_state,
            max_batch_bytes: c.max_batch_bytes,
            ..Default::default()
        };
        let read_start = ReadStart {
            component: c.source.component.clone(),
            config: c.source.config.clone(),
            streams: c.streams.clone(),
            resume_from: resume.checkpoint,
            initial_credit: Some(c.source_credit),
            max_batch_bytes: c.max_batch_bytes,
            ..Default::default()
        };
        let mut consumer = ConsumerSession::start(&mut con.consumer(), write_start).await?;
        let mut processor = ProcessorSession::start(&mut prc.processor(), process_start).await?;
        let mut source = SourceSession::start(&mut src.source(), read_start).await?;

        let mut run = Run {
            sequence_of: c.sequence_of.clone(),
            on_commit: c.on_commit.clone(),
            stats: self.stats.clone(),
            resume: &mut self.resume,
            to_processor: VecDeque::new(),
            to_consumer: VecDeque::new(),
            checkpoints: BTreeMap::new(),
            source_batches: Vec::new(),
            arrivals: Vec::new(),
            epoch_seqs: Vec::new(),
            next_consumer_batch: 1,
            final_seq: None,
            committed_seq: resume_seq,
        };
        run.steady(&mut source, &mut processor, &mut consumer)
            .await?;
        finish(&mut source, &mut processor, &mut consumer, c.drain_timeout).await;
        Ok(())
    }
}

fn lock(stats: &Mutex<PipelineStats>) -> std::sync::MutexGuard<'_, PipelineStats> {
    stats.lock().unwrap_or_else(|p| p.into_inner())
}

enum ToProcessor {
    Batch(RecordBatch),
    Barrier(Checkpoint),
}

enum ToConsumer {
    Batch(RecordBatch),
    Barrier(String, u64),
}

/// A checkpoint on its way through the pipeline.
struct InFlight {
    checkpoint: Checkpoint,
    emitted: Instant,
    processor_state: Option<Payload>,
    source_batches: Vec<u64>,
    /// When each of `source_batches` arrived, with its record count.
    arrivals: Vec<(Instant, u64)>,
    /// Sequence numbers of the records it covers, known once its barrier reaches the consumer.
    seqs: Vec<u64>,
}

/// The state of one attempt.
struct Run<'a> {
    sequence_of: Option<SequenceOf>,
    on_commit: Option<OnCommit>,
    stats: Arc<Mutex<PipelineStats>>,
    resume: &'a mut Resume,
    to_processor: VecDeque<ToProcessor>,
    to_consumer: VecDeque<ToConsumer>,
    checkpoints: BTreeMap<u64, InFlight>,
    /// Source batches since the last checkpoint: acked when it commits.
    source_batches: Vec<u64>,
    /// When each of `source_batches` arrived, with its record count.
    arrivals: Vec<(Instant, u64)>,
    /// Sequence numbers of records sent to the consumer since its last barrier.
    epoch_seqs: Vec<u64>,
    next_consumer_batch: u64,
    final_seq: Option<u64>,
    committed_seq: u64,
}

impl Run<'_> {
    async fn steady(
        &mut self,
        source: &mut SourceSession,
        processor: &mut ProcessorSession,
        consumer: &mut ConsumerSession,
    ) -> Result<()> {
        loop {
            self.flush(source, processor, consumer).await?;
            if let Some(last) = self.final_seq
                && self.committed_seq >= last
                && self.to_processor.is_empty()
                && self.to_consumer.is_empty()
            {
                return Ok(());
            }
            tokio::select! {
                ev = source.next_event(), if !source.ended() => match ev? {
                    Some(ev) => self.on_source(ev),
                    None => return Err(CoreError::StreamEnded { stage: Stage::Source, detail: "Read ended early".into() }),
                },
                ev = processor.next_event() => match ev? {
                    Some(ev) => self.on_processor(ev)?,
                    None => return Err(CoreError::StreamEnded { stage: Stage::Processor, detail: "Process ended before drain".into() }),
                },
                ev = consumer.next_event() => match ev? {
                    Some(ev) => self.on_consumer(ev, source).await?,
                    None => return Err(CoreError::StreamEnded { stage: Stage::Consumer, detail: "Write ended before drain".into() }),
                },
            }
        }
    }

    /// Sends whatever the queues hold and the credit allows, in order.
    async fn flush(
        &mut self,
        source: &mut SourceSession,
        processor: &mut ProcessorSession,
        consumer: &mut ConsumerSession,
    ) -> Result<()> {
        while let Some(front) = self.to_processor.front() {
            match front {
                ToProcessor::Batch(b) if !processor.fits(b) => break,
                _ => {}
            }
            match self.to_processor.pop_front() {
                Some(ToProcessor::Batch(b)) => {
                    let usage = CreditUsage::of(&b);
                    processor.send_batch(b).await?;
                    // The batch has left core's queue: the source may send as much again.
                    source.grant(usage.as_credit()).await?;
                }
                Some(ToProcessor::Barrier(cp)) => {
                    processor
                        .send_barrier(cp.checkpoint_id.clone(), cp.seq)
                        .await?
                }
                None => break,
            }
        }
        while let Some(front) = self.to_consumer.front() {
            match front {
                ToConsumer::Batch(b) if !consumer.fits(b) => break,
                _ => {}
            }
            match self.to_consumer.pop_front() {
                Some(ToConsumer::Batch(b)) => {
                    let usage = CreditUsage::of(&b);
                    if let Some(f) = &self.sequence_of {
                        self.epoch_seqs
                            .extend(b.records.iter().filter_map(|r| f(r)));
                    }
                    consumer.send_batch(b).await?;
                    processor.grant(usage.as_credit()).await?;
                }
                Some(ToConsumer::Barrier(id, seq)) => {
                    if let Some(cp) = self.checkpoints.get_mut(&seq) {
                        cp.seqs = std::mem::take(&mut self.epoch_seqs);
                    }
                    consumer.send_barrier(id, seq).await?;
                }
                None => break,
            }
        }
        Ok(())
    }

    fn on_source(&mut self, ev: SourceEvent) {
        match ev {
            SourceEvent::Batch(b) => {
                self.source_batches.push(b.batch_id);
                self.arrivals.push((Instant::now(), b.records.len() as u64));
                self.to_processor.push_back(ToProcessor::Batch(b));
            }
            SourceEvent::Checkpoint(cp) => {
                self.checkpoints.insert(
                    cp.seq,
                    InFlight {
                        checkpoint: cp.clone(),
                        emitted: Instant::now(),
                        processor_state: None,
                        source_batches: std::mem::take(&mut self.source_batches),
                        arrivals: std::mem::take(&mut self.arrivals),
                        seqs: Vec::new(),
                    },
                );
                self.to_processor.push_back(ToProcessor::Barrier(cp));
            }
            SourceEvent::EndOfInput(end) => {
                self.final_seq = Some(end.final_checkpoint_seq);
            }
        }
    }

    fn on_processor(&mut self, ev: ProcessorEvent) -> Result<()> {
        match ev {
            ProcessorEvent::Output(out) => {
                if let Some(e) = out.errors.first() {
                    // No error policy yet: a record core cannot deliver fails the run for good,
                    // since silently skipping it would be a loss.
                    return Err(CoreError::StageFailure {
                        stage: Stage::Processor,
                        failure: Box::new(e.failure.clone().unwrap_or_default()),
                    });
                }
                for mut b in out.batches {
                    b.batch_id = self.next_consumer_batch;
                    self.next_consumer_batch += 1;
                    self.to_consumer.push_back(ToConsumer::Batch(b));
                }
            }
            ProcessorEvent::BarrierAck(ack) => {
                if let Some(cp) = self.checkpoints.get_mut(&ack.seq) {
                    cp.processor_state = ack.state;
                }
                self.to_consumer
                    .push_back(ToConsumer::Barrier(ack.checkpoint_id, ack.seq));
            }
            ProcessorEvent::Credit => {}
        }
        Ok(())
    }

    async fn on_consumer(&mut self, ev: ConsumerEvent, source: &mut SourceSession) -> Result<()> {
        match ev {
            ConsumerEvent::BatchAck(ack) => {
                if let Some(failure) = ack.failure.or_else(|| {
                    ack.record_errors
                        .into_iter()
                        .next()
                        .map(|e| e.failure.unwrap_or_default())
                }) {
                    return Err(CoreError::StageFailure {
                        stage: Stage::Consumer,
                        failure: Box::new(failure),
                    });
                }
            }
            ConsumerEvent::CheckpointCommitted(c) => {
                let Some(cp) = self.checkpoints.remove(&c.seq) else {
                    return Err(CoreError::violation(
                        Stage::Consumer,
                        format!("committed unknown checkpoint {}", c.seq),
                    ));
                };
                // Stored first: from here on a restart resumes after this checkpoint.
                self.resume.checkpoint = Some(cp.checkpoint.clone());
                self.resume.processor_state = cp.processor_state;
                self.committed_seq = c.seq;
                let now = Instant::now();
                {
                    let mut stats = lock(&self.stats);
                    stats.checkpoints += 1;
                    stats.records += cp.seqs.len() as u64;
                    stats.commit_sequences(&cp.seqs);
                    stats.latencies.push(now - cp.emitted);
                }
                if let Some(on_commit) = &self.on_commit {
                    on_commit(&CommittedCheckpoint {
                        seq: c.seq,
                        emitted: cp.emitted,
                        committed: now,
                        batch_arrivals: &cp.arrivals,
                    });
                }
                if !cp.source_batches.is_empty() {
                    source.ack(cp.source_batches).await?;
                }
                source
                    .checkpoint_committed(cp.checkpoint.checkpoint_id, c.seq)
                    .await?;
            }
            ConsumerEvent::Credit => {}
        }
        Ok(())
    }
}

/// Drains every stage once everything is committed. Failures here lose nothing (the run is
/// committed), so they are logged, not returned.
async fn finish(
    source: &mut SourceSession,
    processor: &mut ProcessorSession,
    consumer: &mut ConsumerSession,
    limit: Duration,
) {
    let drained = tokio::time::timeout(limit, async {
        processor.drain("end-of-input", true).await?;
        while processor.next_event().await?.is_some() {}
        consumer.drain("end-of-input").await?;
        while consumer.next_event().await?.is_some() {}
        source.close();
        while source.next_event().await?.is_some() {}
        Ok::<_, CoreError>(())
    })
    .await;
    match drained {
        Ok(Ok(())) => {}
        Ok(Err(e)) => tracing::warn!(error = %e, "draining a committed pipeline failed"),
        Err(_) => tracing::warn!(?limit, "draining a committed pipeline timed out"),
    }
}
