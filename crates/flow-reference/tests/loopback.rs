//! The reference services over real gRPC on 127.0.0.1, through the SDK's stream adapters.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use flow_proto::common::v1::{Checkpoint, Credit, Payload, Record, RecordBatch};
use flow_proto::consumer::v1::consumer_service_client::ConsumerServiceClient;
use flow_proto::consumer::v1::{WriteRequest, WriteStart, write_request, write_response};
use flow_proto::processor::v1::processor_service_client::ProcessorServiceClient;
use flow_proto::processor::v1::{
    Barrier, ProcessRequest, ProcessStart, process_request, process_response,
};
use flow_proto::runtime::v1::runtime_service_client::RuntimeServiceClient;
use flow_proto::runtime::v1::{HandshakeRequest, ProtocolVersion};
use flow_proto::source::v1::source_service_client::SourceServiceClient;
use flow_proto::source::v1::{
    ReadRequest, ReadStart, StreamSelection, read_request, read_response,
};
use flow_reference::cli::Served;
use flow_reference::consumer::{FileConsumer, read_lines};
use flow_reference::processor::{CaseProcessor, Mode};
use flow_reference::source::{CountingSource, STREAM};
use flow_sdk::stream::ConsumerAdapter;
use flow_sdk::{FlowServer, Service};
use tokio::sync::mpsc;
use tokio_stream::wrappers::ReceiverStream;
use tonic::transport::Channel;
use tonic::{Code, Streaming};

const STEP: Duration = Duration::from_secs(10);

async fn serve(
    component: flow_sdk::Component,
    add: impl FnOnce(FlowServer) -> FlowServer,
) -> (SocketAddr, tokio::task::JoinHandle<()>) {
    let service = Service::builder("ref", "0.1.0")
        .component(component)
        .build()
        .unwrap();
    let bound = add(FlowServer::new(service))
        .bind("127.0.0.1:0".parse().unwrap())
        .await
        .unwrap();
    let addr = bound.local_addr();
    let task = tokio::spawn(async move {
        let _ = bound.serve().await;
    });
    (addr, task)
}

/// A channel (one connection) that has handshaken.
async fn handshaken(addr: SocketAddr) -> Channel {
    let channel = Channel::from_shared(format!("http://{addr}"))
        .unwrap()
        .connect()
        .await
        .unwrap();
    RuntimeServiceClient::new(channel.clone())
        .handshake(HandshakeRequest {
            supported_versions: vec![ProtocolVersion { major: 1, minor: 0 }],
            ..Default::default()
        })
        .await
        .unwrap();
    channel
}

/// Opens a bidirectional stream with `start` queued first: the sender for the requests that
/// follow, and the responses.
async fn open<Req, Resp, Fut>(
    start: Req,
    call: impl FnOnce(ReceiverStream<Req>) -> Fut,
) -> (mpsc::Sender<Req>, Streaming<Resp>)
where
    Fut: Future<Output = Result<tonic::Response<Streaming<Resp>>, tonic::Status>>,
{
    let (tx, rx) = mpsc::channel(16);
    tx.send(start).await.unwrap();
    let responses = call(ReceiverStream::new(rx)).await.unwrap().into_inner();
    (tx, responses)
}

async fn next<T>(stream: &mut Streaming<T>) -> Option<T> {
    tokio::time::timeout(STEP, stream.message())
        .await
        .expect("a message in time")
        .expect("no error status")
}

async fn source_server(records: u64) -> (SocketAddr, tokio::task::JoinHandle<()>) {
    let source = CountingSource {
        records,
        batch_size: 3,
        checkpoint_every: 1,
    };
    serve(CountingSource::component(), move |server| {
        source.add_to(server)
    })
    .await
}

/// A processor served the way `flow-ref-processor` serves it.
async fn processor_server(mode: Mode) -> (SocketAddr, tokio::task::JoinHandle<()>) {
    serve(CaseProcessor::component(), move |server| {
        CaseProcessor { mode }.add_to(server)
    })
    .await
}

/// Reads the whole stream granting one record at a time; returns the records' keys and the
/// checkpoints.
async fn read_one_at_a_time(
    addr: SocketAddr,
    resume_from: Option<Checkpoint>,
) -> (Vec<String>, Vec<Checkpoint>) {
    let mut client = SourceServiceClient::new(handshaken(addr).await);
    let id = "read-1".to_string();
    let one = Credit {
        records: 1,
        bytes: 1 << 20,
    };
    let start = ReadRequest {
        instruction_id: id.clone(),
        kind: Some(read_request::Kind::Start(ReadStart {
            component: "counter".into(),
            streams: vec![StreamSelection {
                stream: STREAM.into(),
                ..Default::default()
            }],
            resume_from,
            initial_credit: Some(one),
            ..Default::default()
        })),
    };
    let (tx, mut responses) = open(start, |requests| client.read(requests)).await;
    let (mut keys, mut checkpoints, mut last_batch) = (Vec::new(), Vec::new(), 0);
    loop {
        let response = next(&mut responses).await.expect("end_of_input first");
        assert_eq!(response.instruction_id, id);
        match response.kind.unwrap() {
            read_response::Kind::Batch(batch) => {
                assert_eq!(
                    batch.records.len(),
                    1,
                    "never more than the one record granted"
                );
                assert!(batch.batch_id > last_batch);
                last_batch = batch.batch_id;
                keys.extend(
                    batch
                        .records
                        .iter()
                        .map(|r| String::from_utf8(r.key.to_vec()).unwrap()),
                );
                // Grant the next record only after this one arrived.
                tx.send(ReadRequest {
                    instruction_id: id.clone(),
                    kind: Some(read_request::Kind::Credit(one)),
                })
                .await
                .unwrap();
            }
            read_response::Kind::Checkpoint(c) => checkpoints.push(c),
            read_response::Kind::EndOfInput(end) => {
                assert_eq!(end.reason, "completed");
                assert_eq!(end.final_checkpoint_seq, checkpoints.last().unwrap().seq);
                break;
            }
            _ => {}
        }
    }
    drop(tx);
    assert!(next(&mut responses).await.is_none(), "OK after core closes");
    (keys, checkpoints)
}

#[tokio::test]
async fn source_respects_credit_and_resumes_exactly_after_a_checkpoint() {
    let (addr, _task) = source_server(10).await;
    let (keys, checkpoints) = read_one_at_a_time(addr, None).await;
    let all: Vec<String> = (0..10).map(|i| i.to_string()).collect();
    assert_eq!(keys, all);
    // Batches of 3: checkpoints after 3, 6, 9 and 10 records, seq 1..=4.
    assert_eq!(
        checkpoints.iter().map(|c| c.seq).collect::<Vec<_>>(),
        [1, 2, 3, 4]
    );
    let (resumed, more) = read_one_at_a_time(addr, Some(checkpoints[1].clone())).await;
    assert_eq!(resumed, all[6..]);
    assert!(
        more[0].seq > checkpoints[1].seq,
        "seq continues after the resumed one"
    );
}

#[tokio::test]
async fn source_refuses_reads_before_the_handshake() {
    let (addr, _task) = source_server(1).await;
    let channel = Channel::from_shared(format!("http://{addr}"))
        .unwrap()
        .connect()
        .await
        .unwrap();
    let status = SourceServiceClient::new(channel)
        .read(tokio_stream::empty())
        .await
        .unwrap_err();
    assert_eq!(status.code(), Code::FailedPrecondition);
}

fn text_record(key: &str, value: &str) -> Record {
    Record {
        key: key.as_bytes().to_vec().into(),
        value: Some(Payload {
            data: value.as_bytes().to_vec().into(),
            ..Default::default()
        }),
        ..Default::default()
    }
}

#[tokio::test]
async fn processor_acks_a_barrier_between_the_outputs_it_splits() {
    let (addr, _task) = processor_server(Mode::Uppercase).await;
    let mut client = ProcessorServiceClient::new(handshaken(addr).await);
    let id = "p-1".to_string();
    let send = |kind| ProcessRequest {
        instruction_id: id.clone(),
        kind: Some(kind),
    };
    let start = send(process_request::Kind::Start(ProcessStart {
        component: "case".into(),
        initial_credit: Some(Credit {
            records: 100,
            bytes: 1 << 20,
        }),
        ..Default::default()
    }));
    let (tx, mut responses) = open(start, |requests| client.process(requests)).await;
    let first = next(&mut responses).await.unwrap();
    assert!(
        matches!(first.kind, Some(process_response::Kind::Credit(_))),
        "{first:?}"
    );
    let batch = |id, value: &str| {
        process_request::Kind::Batch(RecordBatch {
            batch_id: id,
            stream: "s".into(),
            records: vec![text_record("k", value), text_record("k2", value)],
        })
    };
    tx.send(send(batch(1, "one"))).await.unwrap();
    tx.send(send(process_request::Kind::Barrier(Barrier {
        checkpoint_id: "c1".into(),
        seq: 1,
    })))
    .await
    .unwrap();
    tx.send(send(batch(2, "two"))).await.unwrap();
    tx.send(send(process_request::Kind::Drain(Default::default())))
        .await
        .unwrap();
    let mut order = Vec::new();
    while let Some(response) = next(&mut responses).await {
        match response.kind.unwrap() {
            process_response::Kind::Output(out) => {
                assert!(out.complete);
                let values: Vec<_> = out.batches[0]
                    .records
                    .iter()
                    .map(|r| String::from_utf8(r.value.clone().unwrap().data.to_vec()).unwrap())
                    .collect();
                order.push(format!(
                    "output {} {}",
                    out.input_batch_id,
                    values.join(",")
                ));
            }
            process_response::Kind::BarrierAck(ack) => order.push(format!("ack {}", ack.seq)),
            _ => {}
        }
    }
    assert_eq!(order, ["output 1 ONE,ONE", "ack 1", "output 2 TWO,TWO"]);
}

#[tokio::test]
async fn processor_faults_when_the_first_message_is_not_start() {
    let (addr, _task) = processor_server(Mode::Identity).await;
    let mut client = ProcessorServiceClient::new(handshaken(addr).await);
    let credit = ProcessRequest {
        instruction_id: "x".into(),
        kind: Some(process_request::Kind::Credit(Credit::default())),
    };
    let mut responses = client
        .process(tokio_stream::iter([credit]))
        .await
        .unwrap()
        .into_inner();
    let status = tokio::time::timeout(STEP, responses.message())
        .await
        .unwrap()
        .unwrap_err();
    assert_eq!(status.code(), Code::FailedPrecondition, "{status:?}");
}

fn temp_path(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("flow-ref-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir.join("out.jsonl")
}

#[tokio::test]
async fn consumer_echoes_a_barrier_only_after_committing_and_faults_on_overrun() {
    let path = temp_path("consumer");
    let consumer_path = path.clone();
    let (addr, _task) = serve(FileConsumer::component(), move |server| {
        let c = ConsumerAdapter::new(
            FileConsumer {
                path: consumer_path,
            },
            server.sessions(),
        )
        .options(flow_sdk::StreamOptions {
            buffer_records: 2,
            ..Default::default()
        })
        .into_server(1 << 24);
        server.add_service(c)
    })
    .await;
    let mut client = ConsumerServiceClient::new(handshaken(addr).await);
    let id = "w-1".to_string();
    let send = |kind| WriteRequest {
        instruction_id: id.clone(),
        kind: Some(kind),
    };
    let start = send(write_request::Kind::Start(WriteStart {
        component: "file".into(),
        ..Default::default()
    }));
    let (tx, mut responses) = open(start, |requests| client.write(requests)).await;
    let credit = next(&mut responses).await.unwrap();
    assert!(matches!(credit.kind, Some(write_response::Kind::Credit(c)) if c.records == 2));
    let batch = |batch_id, keys: &[&str]| {
        write_request::Kind::Batch(RecordBatch {
            batch_id,
            stream: "s".into(),
            records: keys.iter().map(|k| text_record(k, "v")).collect(),
        })
    };
    tx.send(send(batch(1, &["a", "b"]))).await.unwrap();
    tx.send(send(write_request::Kind::Barrier(
        flow_proto::consumer::v1::Barrier {
            checkpoint_id: "c1".into(),
            seq: 1,
        },
    )))
    .await
    .unwrap();
    let mut acked = false;
    loop {
        match next(&mut responses).await.unwrap().kind.unwrap() {
            write_response::Kind::BatchAck(ack) => {
                assert_eq!(ack.batch_id, 1);
                acked = true;
            }
            write_response::Kind::CheckpointCommitted(c) => {
                assert!(acked, "the batch is acked before the barrier's echo");
                assert_eq!(c.seq, 1);
                // Durable by now: the checkpoint file names it and the lines are there.
                let history =
                    std::fs::read_to_string(flow_reference::consumer::checkpoint_path(&path))
                        .unwrap();
                assert!(history.contains("\"c1\""), "{history}");
                let keys: Vec<_> = read_lines(&path)
                    .unwrap()
                    .into_iter()
                    .map(|l| l.key)
                    .collect();
                assert_eq!(keys, ["a", "b"]);
                break;
            }
            _ => {}
        }
    }
    // Credit given back after batch 1 is 2 records: three is an overrun.
    tx.send(send(batch(2, &["c", "d", "e"]))).await.unwrap();
    let status = loop {
        match tokio::time::timeout(STEP, responses.message())
            .await
            .unwrap()
        {
            Ok(Some(_)) => continue,
            Ok(None) => panic!("the overrun must fail the stream"),
            Err(status) => break status,
        }
    };
    assert_eq!(status.code(), Code::FailedPrecondition, "{status:?}");
    let _ = std::fs::remove_dir_all(path.parent().unwrap());
}
