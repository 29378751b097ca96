//! The stream adapters during a server shutdown, over real loopback gRPC: each finishes what it
//! holds, lets core commit what it can, then ends its stream with `UNAVAILABLE` "server shutting
//! down" (see the `flow_sdk::stream` docs), well before the hard deadline.

mod common;

use std::time::{Duration, Instant};

use common::{STEP, channel, ok, v};
use flow_proto::common::v1::{
    Checkpoint, Credit, Failure, Payload, Record, RecordBatch, RecordError, Role,
};
use flow_proto::consumer::v1::consumer_service_client::ConsumerServiceClient;
use flow_proto::consumer::v1::{WriteRequest, WriteStart, write_request, write_response};
use flow_proto::processor::v1::processor_service_client::ProcessorServiceClient;
use flow_proto::processor::v1::{
    ProcessRequest, ProcessResponse, ProcessStart, process_request, process_response,
};
use flow_proto::runtime::v1::HandshakeRequest;
use flow_proto::runtime::v1::runtime_service_client::RuntimeServiceClient;
use flow_proto::source::v1::source_service_client::SourceServiceClient;
use flow_proto::source::v1::{
    CheckpointCommitted, DiscoverRequest, DiscoverResponse, Drain, ReadRequest, ReadResponse,
    ReadStart, StreamSelection, read_request, read_response,
};
use flow_sdk::stream::{
    Consumer, ConsumerAdapter, ConsumerWriter, Processed, Processor, ProcessorAdapter,
    ProcessorRun, ReadContext, Source, SourceAdapter, SourceEvent, SourceEvents, WriteError,
};
use flow_sdk::{Component, FlowServer, Service};
use tokio::sync::mpsc;
use tokio_stream::wrappers::ReceiverStream;
use tonic::transport::Channel;
use tonic::{Code, Status, Streaming};

/// Far beyond every step: a stream still open at the end of a test was not ended by the adapter.
const GRACE: Duration = Duration::from_secs(60);

/// Reads forever, one record every 5 ms, until drained; then a final checkpoint, as the
/// `ReadContext::drain_token` docs ask.
struct Endless;

#[tonic::async_trait]
impl Source for Endless {
    async fn discover(&self, _: DiscoverRequest) -> Result<DiscoverResponse, Status> {
        Ok(DiscoverResponse::default())
    }

    async fn read(&self, read: ReadContext) -> Result<SourceEvents, Failure> {
        let drain = read.drain_token();
        let (tx, rx) = mpsc::channel(1);
        tokio::spawn(async move {
            let mut n = 0u64;
            while !drain.is_cancelled() {
                let record = Record {
                    key: n.to_string().into_bytes().into(),
                    ..Default::default()
                };
                let batch = SourceEvent::Batch {
                    stream: "s".into(),
                    records: vec![record],
                };
                if tx.send(Ok(batch)).await.is_err() {
                    return;
                }
                n += 1;
                tokio::select! {
                    () = tokio::time::sleep(Duration::from_millis(5)) => {}
                    () = drain.cancelled() => {}
                }
            }
            let state = Payload {
                data: n.to_string().into_bytes().into(),
                ..Default::default()
            };
            let _ = tx
                .send(Ok(SourceEvent::Checkpoint(Checkpoint {
                    state: Some(state),
                    ..Default::default()
                })))
                .await;
        });
        Ok(Box::pin(ReceiverStream::new(rx)))
    }
}

/// A Processor or Consumer that starts every stream with a clone of the one run or writer.
struct EveryStream<R>(R);

#[tonic::async_trait]
impl<R: ProcessorRun + Clone + Sync> Processor for EveryStream<R> {
    type Run = R;

    async fn start(&self, _: &ProcessStart) -> Result<R, Failure> {
        Ok(self.0.clone())
    }
}

#[tonic::async_trait]
impl<W: ConsumerWriter + Clone + Sync> Consumer for EveryStream<W> {
    type Writer = W;

    async fn start(&self, _: &WriteStart) -> Result<W, Failure> {
        Ok(self.0.clone())
    }
}

/// Passes batches through; tells the test when a batch arrives.
#[derive(Clone)]
struct Echo(mpsc::UnboundedSender<u64>);

#[tonic::async_trait]
impl ProcessorRun for Echo {
    async fn process(&mut self, batch: RecordBatch) -> Result<Processed, Failure> {
        let _ = self.0.send(batch.batch_id);
        Ok(Processed {
            batches: vec![batch],
            errors: Vec::new(),
        })
    }
}

/// Accepts everything; a commit tells the test it started, then takes 300 ms.
#[derive(Clone)]
struct SlowCommit(mpsc::UnboundedSender<u64>);

#[tonic::async_trait]
impl ConsumerWriter for SlowCommit {
    async fn write(&mut self, _: &RecordBatch) -> Result<Vec<RecordError>, WriteError> {
        Ok(Vec::new())
    }

    async fn commit(&mut self, _: &str, seq: u64) -> Result<(), Failure> {
        let _ = self.0.send(seq);
        tokio::time::sleep(Duration::from_millis(300)).await;
        Ok(())
    }
}

struct Harness {
    server: common::TestServer,
    channel: Channel,
    /// Batch ids the processor saw.
    processed: mpsc::UnboundedReceiver<u64>,
    /// Seqs whose commit started.
    commits: mpsc::UnboundedReceiver<u64>,
}

/// One server with the three adapters watching its shutdown, and a handshaken connection.
async fn harness() -> Harness {
    let service = Service::builder("streams", "0.1.0")
        .component(Component::new("endless", Role::Source))
        .component(Component::new("echo", Role::Processor))
        .component(Component::new("slow", Role::Consumer))
        .build()
        .unwrap();
    let server = FlowServer::new(service);
    let (processed_tx, processed) = mpsc::unbounded_channel();
    let (commits_tx, commits) = mpsc::unbounded_channel();
    let max = server.current_limits().max_decoding_message_size;
    // No `watch_shutdown`: adapters built from a FlowServer's sessions watch its shutdown.
    let source = SourceAdapter::new(Endless, server.sessions()).into_server(max);
    let processor =
        ProcessorAdapter::new(EveryStream(Echo(processed_tx)), server.sessions()).into_server(max);
    let consumer = ConsumerAdapter::new(EveryStream(SlowCommit(commits_tx)), server.sessions())
        .into_server(max);
    let server = server
        .add_service(source)
        .add_service(processor)
        .add_service(consumer);
    let server = common::start_with(server, Default::default()).await;
    let channel = channel(server.addr).await;
    RuntimeServiceClient::new(channel.clone())
        .handshake(HandshakeRequest {
            supported_versions: vec![v(1, 0)],
            core_version: "test".into(),
            ..Default::default()
        })
        .await
        .expect("handshake");
    Harness {
        server,
        channel,
        processed,
        commits,
    }
}

/// The next id or seq a test component reports.
async fn reported(reports: &mut mpsc::UnboundedReceiver<u64>) -> u64 {
    tokio::time::timeout(STEP, reports.recv())
        .await
        .expect("a report in time")
        .expect("the component is alive")
}

/// Starts the server's shutdown with [`GRACE`]; returns when it started.
async fn shut_down(h: &Harness) -> Instant {
    let started = Instant::now();
    h.server.shutdown.shutdown(GRACE).await;
    started
}

/// The next message, or the status the stream ended with (`Ok(None)` for OK).
async fn next<T>(stream: &mut Streaming<T>) -> Result<Option<T>, Status> {
    tokio::time::timeout(STEP, stream.message())
        .await
        .expect("a message or the end in time")
}

/// The next message, which must come: `what` names it.
async fn message<T>(stream: &mut Streaming<T>, what: &str) -> T {
    next(stream).await.unwrap().expect(what)
}

/// Hands every message to `each` until the stream ends; returns how it ended.
async fn until_end<T>(stream: &mut Streaming<T>, mut each: impl FnMut(T)) -> Result<(), Status> {
    while let Some(msg) = next(stream).await? {
        each(msg);
    }
    Ok(())
}

/// Asserts the stream stays open for 300 ms with nothing but progress on it; `why` says what
/// it waits for.
async fn assert_stays_open<T: std::fmt::Debug>(
    stream: &mut Streaming<T>,
    is_progress: impl Fn(&T) -> bool,
    why: &str,
) {
    match tokio::time::timeout(Duration::from_millis(300), stream.message()).await {
        Err(_) => {}
        Ok(Ok(Some(msg))) if is_progress(&msg) => {}
        Ok(other) => panic!("{why}: {other:?}"),
    }
}

/// Asserts the stream ended with UNAVAILABLE "server shutting down".
fn assert_shutting_down(end: Result<(), Status>) {
    match end {
        Err(status) => {
            assert_eq!(status.code(), Code::Unavailable, "{status:?}");
            assert_eq!(status.message(), "server shutting down");
        }
        Ok(()) => panic!("expected UNAVAILABLE, got OK"),
    }
}

/// A stream's request channel with its first message queued, as the adapter's RPC takes it.
async fn requests<T>(first: T) -> (mpsc::Sender<T>, ReceiverStream<T>) {
    let (tx, rx) = mpsc::channel(16);
    send(&tx, first).await;
    (tx, ReceiverStream::new(rx))
}

async fn send<T>(tx: &mpsc::Sender<T>, msg: T) {
    if tx.send(msg).await.is_err() {
        panic!("the stream no longer takes requests");
    }
}

/// The common end of a stream test: the stream ended UNAVAILABLE "server shutting down", and once
/// core closes its side (drops `requests`) the server stops early.
async fn assert_ended_shutting_down<T>(
    h: &Harness,
    end: Result<(), Status>,
    requests: mpsc::Sender<T>,
    started: Instant,
) {
    assert_shutting_down(end);
    drop(requests);
    assert_stops_early(h, started).await;
}

/// The server stops (its last stream ended) long before the hard deadline.
async fn assert_stops_early(h: &Harness, started: Instant) {
    tokio::time::timeout(STEP, async {
        while !h.server.task.is_finished() {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    })
    .await
    .expect("the server stopped once its streams ended, not at the hard deadline");
    assert!(started.elapsed() < STEP, "{:?}", started.elapsed());
}

/// `$name(kind)`: a `$request` of instruction `$id`, one builder per stream.
macro_rules! request_builder {
    ($name:ident, $request:ident, $kind:ty, $id:literal) => {
        fn $name(kind: $kind) -> $request {
            $request {
                instruction_id: $id.into(),
                kind: Some(kind),
            }
        }
    };
}

request_builder!(read_msg, ReadRequest, read_request::Kind, "r1");
request_builder!(process_msg, ProcessRequest, process_request::Kind, "p1");
request_builder!(write_msg, WriteRequest, write_request::Kind, "w1");

/// Core's word that the read's checkpoint `seq` is committed.
fn committed(seq: u64) -> ReadRequest {
    read_msg(read_request::Kind::CheckpointCommitted(
        CheckpointCommitted {
            checkpoint_id: "1".into(),
            seq,
        },
    ))
}

/// Opens a read with plenty of credit and waits for its first batch.
async fn open_read(h: &Harness) -> (mpsc::Sender<ReadRequest>, Streaming<ReadResponse>) {
    let (tx, rx) = requests(read_msg(read_request::Kind::Start(ReadStart {
        component: "endless".into(),
        streams: vec![StreamSelection {
            stream: "s".into(),
            ..Default::default()
        }],
        initial_credit: Some(Credit {
            records: 1_000_000,
            bytes: 1 << 30,
        }),
        ..Default::default()
    })))
    .await;
    let mut responses = ok(SourceServiceClient::new(h.channel.clone()).read(rx)).await;
    while !matches!(
        message(&mut responses, "a message").await.kind,
        Some(read_response::Kind::Batch(_))
    ) {}
    (tx, responses)
}

/// Reads up to the final checkpoint; asserts there is no `end_of_input` before it. Returns its
/// seq and the number of records sent.
async fn until_final_checkpoint(responses: &mut Streaming<ReadResponse>) -> (u64, u64) {
    tokio::time::timeout(STEP, final_checkpoint(responses))
        .await
        .expect("the read stopped and sent its final checkpoint in time")
}

async fn final_checkpoint(responses: &mut Streaming<ReadResponse>) -> (u64, u64) {
    let mut records = 1; // the first batch, read by `open_read`
    loop {
        match message(responses, "a message").await.kind {
            Some(read_response::Kind::Batch(b)) => records += b.records.len() as u64,
            Some(read_response::Kind::Checkpoint(c)) => {
                let state = c.state.expect("state").data;
                assert_eq!(std::str::from_utf8(&state).unwrap(), records.to_string());
                return (c.seq, records);
            }
            Some(read_response::Kind::EndOfInput(e)) => {
                panic!("end_of_input ({e:?}) before the final checkpoint")
            }
            _ => {}
        }
    }
}

/// A read open when the shutdown started, up to its final checkpoint.
struct StoppedRead {
    tx: mpsc::Sender<ReadRequest>,
    responses: Streaming<ReadResponse>,
    /// When the shutdown started.
    started: Instant,
    /// The final checkpoint's seq.
    seq: u64,
}

async fn open_read_then_shut_down(h: &Harness) -> StoppedRead {
    let (tx, mut responses) = open_read(h).await;
    let started = shut_down(h).await;
    let (seq, _) = until_final_checkpoint(&mut responses).await;
    StoppedRead {
        tx,
        responses,
        started,
        seq,
    }
}

#[tokio::test]
async fn a_read_stops_sends_its_final_checkpoint_and_ends_unavailable_once_it_is_committed() {
    let h = harness().await;
    let mut read = open_read_then_shut_down(&h).await;
    assert_eq!(read.seq, 1, "the read's only checkpoint");

    let is_progress =
        |msg: &ReadResponse| matches!(msg.kind, Some(read_response::Kind::Progress(_)));
    // Not ended yet: core may still commit the final checkpoint.
    assert_stays_open(
        &mut read.responses,
        is_progress,
        "the read ended before its checkpoint was committed",
    )
    .await;

    send(&read.tx, committed(read.seq)).await;
    let end = until_end(&mut read.responses, |msg| {
        assert!(is_progress(&msg), "only progress before the end: {msg:?}")
    })
    .await;
    assert_ended_shutting_down(&h, end, read.tx, read.started).await;
}

#[tokio::test]
async fn a_drain_from_core_during_the_shutdown_ends_the_read_as_drained() {
    let h = harness().await;
    let mut read = open_read_then_shut_down(&h).await;
    let drain = Drain {
        reason: "stop".into(),
        ..Default::default()
    };
    send(&read.tx, read_msg(read_request::Kind::Drain(drain))).await;
    let end = loop {
        let msg = message(&mut read.responses, "end_of_input").await;
        if let Some(read_response::Kind::EndOfInput(end)) = msg.kind {
            break end;
        }
    };
    assert_eq!(end.reason, "drained");
    assert_eq!(end.final_checkpoint_seq, read.seq);
    // Core commits, then closes its side: the read ends with OK, as source.proto says.
    send(&read.tx, committed(read.seq)).await;
    drop(read.tx);
    let end = until_end(&mut read.responses, |_| {}).await;
    assert!(end.is_ok(), "expected OK after end_of_input, got {end:?}");
    assert_stops_early(&h, read.started).await;
}

fn batch(id: u64) -> RecordBatch {
    RecordBatch {
        batch_id: id,
        stream: "s".into(),
        records: vec![Record {
            key: id.to_string().into_bytes().into(),
            ..Default::default()
        }],
    }
}

/// Core closes checkpoint `c1` at `seq`.
fn process_barrier(seq: u64) -> ProcessRequest {
    process_msg(process_request::Kind::Barrier(
        flow_proto::processor::v1::Barrier {
            checkpoint_id: "c1".into(),
            seq,
        },
    ))
}

#[tokio::test]
async fn a_process_stream_answers_what_it_holds_grants_no_more_and_ends_unavailable() {
    let mut h = harness().await;
    // No output credit: the batch's output stays queued until the test grants some.
    let start = ProcessStart {
        component: "echo".into(),
        ..Default::default()
    };
    let (tx, rx) = requests(process_msg(process_request::Kind::Start(start))).await;
    let mut responses = ok(ProcessorServiceClient::new(h.channel.clone()).process(rx)).await;
    let first = message(&mut responses, "the input credit").await;
    assert!(matches!(
        first.kind,
        Some(process_response::Kind::Credit(_))
    ));
    send(&tx, process_msg(process_request::Kind::Batch(batch(1)))).await;
    send(&tx, process_barrier(1)).await;
    assert_eq!(reported(&mut h.processed).await, 1);

    let started = shut_down(&h).await;
    // The output waits for credit: the stream stays open meanwhile.
    assert_stays_open(
        &mut responses,
        |msg: &ProcessResponse| matches!(msg.kind, Some(process_response::Kind::Progress(_))),
        "the stream did not wait for its queued output",
    )
    .await;
    let credit = Credit {
        records: 10,
        bytes: 1 << 20,
    };
    send(&tx, process_msg(process_request::Kind::Credit(credit))).await;

    let mut seen = Vec::new();
    let end = until_end(&mut responses, |msg| match msg.kind {
        Some(process_response::Kind::Output(out)) => {
            assert!(out.complete);
            assert_eq!(out.batches.len(), 1);
            seen.push("output");
        }
        Some(process_response::Kind::BarrierAck(ack)) => {
            assert_eq!(ack.seq, 1);
            seen.push("barrier_ack");
        }
        Some(process_response::Kind::Credit(c)) => {
            panic!("input credit granted while shutting down: {c:?}")
        }
        _ => {}
    })
    .await;
    assert_eq!(seen, ["output", "barrier_ack"]);
    assert_ended_shutting_down(&h, end, tx, started).await;
}

/// Core closes checkpoint `c1` at `seq`.
fn write_barrier(seq: u64) -> WriteRequest {
    write_msg(write_request::Kind::Barrier(
        flow_proto::consumer::v1::Barrier {
            checkpoint_id: "c1".into(),
            seq,
        },
    ))
}

/// Opens a write to the slow consumer.
fn write_start() -> WriteRequest {
    write_msg(write_request::Kind::Start(WriteStart {
        component: "slow".into(),
        ..Default::default()
    }))
}

#[tokio::test]
async fn a_write_stream_finishes_the_commit_in_progress_and_ends_unavailable() {
    let mut h = harness().await;
    let (tx, rx) = requests(write_start()).await;
    let mut responses = ok(ConsumerServiceClient::new(h.channel.clone()).write(rx)).await;
    let first = message(&mut responses, "the credit").await;
    assert!(matches!(first.kind, Some(write_response::Kind::Credit(_))));
    send(&tx, write_msg(write_request::Kind::Batch(batch(1)))).await;
    send(&tx, write_barrier(1)).await;
    // The shutdown starts while the commit is running.
    assert_eq!(reported(&mut h.commits).await, 1);
    let started = shut_down(&h).await;

    let mut seen = Vec::new();
    let end = until_end(&mut responses, |msg| match msg.kind {
        Some(write_response::Kind::BatchAck(ack)) => {
            assert_eq!((ack.batch_id, ack.failure), (1, None));
            seen.push("batch_ack");
        }
        Some(write_response::Kind::CheckpointCommitted(c)) => {
            assert_eq!(c.seq, 1);
            seen.push("checkpoint_committed");
        }
        _ => {}
    })
    .await;
    assert_eq!(seen, ["batch_ack", "checkpoint_committed"]);
    assert_ended_shutting_down(&h, end, tx, started).await;
}

#[tokio::test]
async fn streams_opened_while_shutting_down_are_refused_unavailable() {
    let h = harness().await;
    // An open read keeps the server (and this connection) up during the shutdown.
    let (_tx, _responses) = open_read(&h).await;
    let _started = shut_down(&h).await;
    let (_tx, rx) = requests(write_start()).await;
    let refused = ConsumerServiceClient::new(h.channel.clone())
        .write(rx)
        .await;
    let status = refused.expect_err("a new stream during the shutdown");
    assert_eq!(status.code(), Code::Unavailable, "{status:?}");
}
