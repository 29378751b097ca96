//! The stream adapters during a server shutdown, over real loopback gRPC: each finishes what it
//! holds, lets core commit what it can, then ends its stream with `UNAVAILABLE` "server shutting
//! down" (see the `flow_sdk::stream` docs), well before the hard deadline.

mod common;

use std::time::{Duration, Instant};

use common::{STEP, channel, v};
use flow_proto::common::v1::{
    Checkpoint, Credit, Failure, Payload, Record, RecordBatch, RecordError, Role,
};
use flow_proto::consumer::v1::consumer_service_client::ConsumerServiceClient;
use flow_proto::consumer::v1::{
    WriteRequest, WriteResponse, WriteStart, write_request, write_response,
};
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

/// Passes batches through; tells the test when a batch arrives.
struct Echo(mpsc::UnboundedSender<u64>);

#[tonic::async_trait]
impl Processor for Echo {
    type Run = EchoRun;

    async fn start(&self, _: &ProcessStart) -> Result<EchoRun, Failure> {
        Ok(EchoRun(self.0.clone()))
    }
}

struct EchoRun(mpsc::UnboundedSender<u64>);

#[tonic::async_trait]
impl ProcessorRun for EchoRun {
    async fn process(&mut self, batch: RecordBatch) -> Result<Processed, Failure> {
        let _ = self.0.send(batch.batch_id);
        Ok(Processed {
            batches: vec![batch],
            errors: Vec::new(),
        })
    }
}

/// Accepts everything; a commit tells the test it started, then takes 300 ms.
struct SlowCommit(mpsc::UnboundedSender<u64>);

#[tonic::async_trait]
impl Consumer for SlowCommit {
    type Writer = SlowWriter;

    async fn start(&self, _: &WriteStart) -> Result<SlowWriter, Failure> {
        Ok(SlowWriter(self.0.clone()))
    }
}

struct SlowWriter(mpsc::UnboundedSender<u64>);

#[tonic::async_trait]
impl ConsumerWriter for SlowWriter {
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
    let processor = ProcessorAdapter::new(Echo(processed_tx), server.sessions()).into_server(max);
    let consumer = ConsumerAdapter::new(SlowCommit(commits_tx), server.sessions()).into_server(max);
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

/// Asserts the stream ended with UNAVAILABLE "server shutting down".
fn assert_shutting_down<T: std::fmt::Debug>(end: Result<Option<T>, Status>) {
    match end {
        Err(status) => {
            assert_eq!(status.code(), Code::Unavailable, "{status:?}");
            assert_eq!(status.message(), "server shutting down");
        }
        Ok(other) => panic!("expected UNAVAILABLE, got {other:?}"),
    }
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

fn read_msg(kind: read_request::Kind) -> ReadRequest {
    ReadRequest {
        instruction_id: "r1".into(),
        kind: Some(kind),
    }
}

/// Opens a read with plenty of credit and waits for its first batch.
async fn open_read(h: &Harness) -> (mpsc::Sender<ReadRequest>, Streaming<ReadResponse>) {
    let (tx, rx) = mpsc::channel(16);
    tx.send(read_msg(read_request::Kind::Start(ReadStart {
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
    .await
    .unwrap();
    let mut responses = SourceServiceClient::new(h.channel.clone())
        .read(ReceiverStream::new(rx))
        .await
        .expect("read opens")
        .into_inner();
    loop {
        let msg = next(&mut responses).await.unwrap().expect("a message");
        if let Some(read_response::Kind::Batch(_)) = msg.kind {
            break;
        }
    }
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
        let msg = next(responses).await.unwrap().expect("a message");
        match msg.kind {
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

#[tokio::test]
async fn a_read_stops_sends_its_final_checkpoint_and_ends_unavailable_once_it_is_committed() {
    let h = harness().await;
    let (tx, mut responses) = open_read(&h).await;
    let started = shut_down(&h).await;
    let (seq, _) = until_final_checkpoint(&mut responses).await;
    assert_eq!(seq, 1, "the read's only checkpoint");

    // Not ended yet: core may still commit the final checkpoint.
    let early = tokio::time::timeout(Duration::from_millis(300), responses.message()).await;
    match early {
        Err(_) => {}
        Ok(Ok(Some(ReadResponse {
            kind: Some(read_response::Kind::Progress(_)),
            ..
        }))) => {}
        Ok(other) => panic!("the read ended before its checkpoint was committed: {other:?}"),
    }

    tx.send(read_msg(read_request::Kind::CheckpointCommitted(
        CheckpointCommitted {
            checkpoint_id: "1".into(),
            seq,
        },
    )))
    .await
    .unwrap();
    let end = loop {
        match next(&mut responses).await {
            Ok(Some(ReadResponse {
                kind: Some(read_response::Kind::Progress(_)),
                ..
            })) => continue,
            other => break other,
        }
    };
    assert_shutting_down(end);
    drop(tx);
    assert_stops_early(&h, started).await;
}

#[tokio::test]
async fn a_drain_from_core_during_the_shutdown_ends_the_read_as_drained() {
    let h = harness().await;
    let (tx, mut responses) = open_read(&h).await;
    let started = shut_down(&h).await;
    let (seq, _) = until_final_checkpoint(&mut responses).await;
    tx.send(read_msg(read_request::Kind::Drain(Drain {
        reason: "stop".into(),
        ..Default::default()
    })))
    .await
    .unwrap();
    let end = loop {
        let msg = next(&mut responses).await.unwrap().expect("end_of_input");
        if let Some(read_response::Kind::EndOfInput(end)) = msg.kind {
            break end;
        }
    };
    assert_eq!(end.reason, "drained");
    assert_eq!(end.final_checkpoint_seq, seq);
    // Core commits, then closes its side: the read ends with OK, as source.proto says.
    tx.send(read_msg(read_request::Kind::CheckpointCommitted(
        CheckpointCommitted {
            checkpoint_id: "1".into(),
            seq,
        },
    )))
    .await
    .unwrap();
    drop(tx);
    loop {
        match next(&mut responses).await {
            Ok(Some(_)) => continue,
            Ok(None) => break,
            Err(status) => panic!("expected OK after end_of_input, got {status:?}"),
        }
    }
    assert_stops_early(&h, started).await;
}

fn process_msg(kind: process_request::Kind) -> ProcessRequest {
    ProcessRequest {
        instruction_id: "p1".into(),
        kind: Some(kind),
    }
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

#[tokio::test]
async fn a_process_stream_answers_what_it_holds_grants_no_more_and_ends_unavailable() {
    let mut h = harness().await;
    let (tx, rx) = mpsc::channel(16);
    // No output credit: the batch's output stays queued until the test grants some.
    tx.send(process_msg(process_request::Kind::Start(ProcessStart {
        component: "echo".into(),
        ..Default::default()
    })))
    .await
    .unwrap();
    let mut responses = ProcessorServiceClient::new(h.channel.clone())
        .process(ReceiverStream::new(rx))
        .await
        .expect("process opens")
        .into_inner();
    let first = next(&mut responses)
        .await
        .unwrap()
        .expect("the input credit");
    assert!(matches!(
        first.kind,
        Some(process_response::Kind::Credit(_))
    ));
    tx.send(process_msg(process_request::Kind::Batch(batch(1))))
        .await
        .unwrap();
    tx.send(process_msg(process_request::Kind::Barrier(
        flow_proto::processor::v1::Barrier {
            checkpoint_id: "c1".into(),
            seq: 1,
        },
    )))
    .await
    .unwrap();
    let processed = tokio::time::timeout(STEP, h.processed.recv()).await;
    assert_eq!(processed.unwrap(), Some(1));

    let started = shut_down(&h).await;
    // The output waits for credit: the stream stays open meanwhile.
    let early = tokio::time::timeout(Duration::from_millis(300), responses.message()).await;
    match early {
        Err(_) => {}
        Ok(Ok(Some(ProcessResponse {
            kind: Some(process_response::Kind::Progress(_)),
            ..
        }))) => {}
        Ok(other) => panic!("the stream did not wait for its queued output: {other:?}"),
    }
    tx.send(process_msg(process_request::Kind::Credit(Credit {
        records: 10,
        bytes: 1 << 20,
    })))
    .await
    .unwrap();

    let mut seen = Vec::new();
    let end = loop {
        match next(&mut responses).await {
            Ok(Some(msg)) => match msg.kind {
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
            },
            other => break other,
        }
    };
    assert_eq!(seen, ["output", "barrier_ack"]);
    assert_shutting_down(end);
    drop(tx);
    assert_stops_early(&h, started).await;
}

fn write_msg(kind: write_request::Kind) -> WriteRequest {
    WriteRequest {
        instruction_id: "w1".into(),
        kind: Some(kind),
    }
}

#[tokio::test]
async fn a_write_stream_finishes_the_commit_in_progress_and_ends_unavailable() {
    let mut h = harness().await;
    let (tx, rx) = mpsc::channel(16);
    tx.send(write_msg(write_request::Kind::Start(WriteStart {
        component: "slow".into(),
        ..Default::default()
    })))
    .await
    .unwrap();
    let mut responses = ConsumerServiceClient::new(h.channel.clone())
        .write(ReceiverStream::new(rx))
        .await
        .expect("write opens")
        .into_inner();
    let first = next(&mut responses).await.unwrap().expect("the credit");
    assert!(matches!(first.kind, Some(write_response::Kind::Credit(_))));
    tx.send(write_msg(write_request::Kind::Batch(batch(1))))
        .await
        .unwrap();
    tx.send(write_msg(write_request::Kind::Barrier(
        flow_proto::consumer::v1::Barrier {
            checkpoint_id: "c1".into(),
            seq: 1,
        },
    )))
    .await
    .unwrap();
    // The shutdown starts while the commit is running.
    let commit = tokio::time::timeout(STEP, h.commits.recv()).await;
    assert_eq!(commit.unwrap(), Some(1));
    let started = shut_down(&h).await;

    let mut seen = Vec::new();
    let end = loop {
        match next(&mut responses).await {
            Ok(Some(WriteResponse {
                kind: Some(kind), ..
            })) => match kind {
                write_response::Kind::BatchAck(ack) => {
                    assert_eq!((ack.batch_id, ack.failure), (1, None));
                    seen.push("batch_ack");
                }
                write_response::Kind::CheckpointCommitted(c) => {
                    assert_eq!(c.seq, 1);
                    seen.push("checkpoint_committed");
                }
                _ => {}
            },
            other => break other,
        }
    };
    assert_eq!(seen, ["batch_ack", "checkpoint_committed"]);
    assert_shutting_down(end);
    drop(tx);
    assert_stops_early(&h, started).await;
}

#[tokio::test]
async fn streams_opened_while_shutting_down_are_refused_unavailable() {
    let h = harness().await;
    // An open read keeps the server (and this connection) up during the shutdown.
    let (_tx, _responses) = open_read(&h).await;
    let _started = shut_down(&h).await;
    let (tx, rx) = mpsc::channel(16);
    tx.send(write_msg(write_request::Kind::Start(WriteStart {
        component: "slow".into(),
        ..Default::default()
    })))
    .await
    .unwrap();
    let refused = ConsumerServiceClient::new(h.channel.clone())
        .write(ReceiverStream::new(rx))
        .await;
    let status = refused.expect_err("a new stream during the shutdown");
    assert_eq!(status.code(), Code::Unavailable, "{status:?}");
}
