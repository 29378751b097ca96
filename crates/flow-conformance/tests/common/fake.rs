//! An in-process Flow service (a processor, a consumer and a source component) that follows the
//! contract unless a [`Faults`] flag makes it break exactly one rule. The kit must FAIL exactly
//! the check for that rule.

use std::collections::{BTreeMap, VecDeque};
use std::sync::{Arc, Mutex};

use flow_proto::common::v1::{
    AttributePath, Checkpoint, Credit, Diagnostic, Failure, Payload, Record, RecordBatch, Role,
    Severity, attribute_path,
};
use flow_proto::consumer::v1::consumer_service_server::{ConsumerService, ConsumerServiceServer};
use flow_proto::consumer::v1::{
    BatchAck, CheckpointCommitted, WriteRequest, WriteResponse, write_request, write_response,
};
use flow_proto::processor::v1::processor_service_server::{
    ProcessorService, ProcessorServiceServer,
};
use flow_proto::processor::v1::{
    BarrierAck, ProcessOutput, ProcessRequest, ProcessResponse, process_request, process_response,
};
use flow_proto::runtime::v1::runtime_service_server::{RuntimeService, RuntimeServiceServer};
use flow_proto::runtime::v1::*;
use flow_proto::source::v1::source_service_server::{SourceService, SourceServiceServer};
use flow_proto::source::v1::{
    CatalogStream, DiscoverRequest, DiscoverResponse, EndOfInput, ReadRequest, ReadResponse,
    SyncMode, read_request, read_response,
};
use flow_proto::wkt::{Struct, value::Kind};
use tokio::sync::mpsc;
use tokio_stream::wrappers::{ReceiverStream, TcpListenerStream};
use tonic::{Request, Response, Status, Streaming};

/// Which rule the fake breaks. All false: a conforming service.
#[derive(Clone, Copy, Debug, Default)]
pub struct Faults {
    /// The processor sends each batch's whole output at once, ignoring output credit.
    pub over_credit: bool,
    /// The processor acknowledges a barrier as soon as it arrives.
    pub early_barrier_ack: bool,
    /// The consumer echoes barriers at once but acknowledges batches only at drain.
    pub early_checkpoint: bool,
    /// A handshake with no common version is a gRPC error instead of a Failure.
    pub handshake_transport_error: bool,
    /// Health reports NOT_SERVING.
    pub not_serving: bool,
    /// The processor never ends its stream after drain (a hung service).
    pub hang_after_drain: bool,
    /// The source sends whole batches of [`SOURCE_BATCH`] records, ignoring credit.
    pub source_over_credit: bool,
    /// The source numbers every checkpoint seq 1.
    pub source_repeated_seq: bool,
}

/// A running fake; stops when dropped.
pub struct Fake {
    pub endpoint: String,
    _stop: tokio::sync::oneshot::Sender<()>,
}

/// Serves the fake on 127.0.0.1 with a free port.
pub async fn serve(faults: Faults) -> Fake {
    serve_tls(faults, None).await
}

/// Serves the fake, over TLS when `tls` is given (the endpoint is then `https://localhost:PORT`).
pub async fn serve_tls(faults: Faults, tls: Option<tonic::transport::ServerTlsConfig>) -> Fake {
    serve_as(faults, tls, false).await
}

/// Serves the runtime endpoint of a worker (fake_worker.rs): only the runtime service, health and
/// reflection, with `ROLE_WORKER` and one worker component, [`WORKER_COMPONENT`].
pub async fn serve_worker() -> Fake {
    serve_as(Faults::default(), None, true).await
}

async fn serve_as(
    faults: Faults,
    tls: Option<tonic::transport::ServerTlsConfig>,
    worker: bool,
) -> Fake {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let endpoint = match tls {
        Some(_) => format!("https://localhost:{port}"),
        None => format!("http://127.0.0.1:{port}"),
    };
    let (health, health_service) = tonic_health::server::health_reporter();
    if faults.not_serving {
        health
            .set_service_status("", tonic_health::ServingStatus::NotServing)
            .await;
    }
    let reflection = |b: tonic_reflection::server::Builder<'static>| {
        b.register_encoded_file_descriptor_set(flow_proto::FILE_DESCRIPTOR_SET)
            .register_encoded_file_descriptor_set(tonic_health::pb::FILE_DESCRIPTOR_SET)
    };
    let v1 = reflection(tonic_reflection::server::Builder::configure())
        .build_v1()
        .unwrap();
    let v1alpha = reflection(tonic_reflection::server::Builder::configure())
        .build_v1alpha()
        .unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let mut builder = tonic::transport::Server::builder();
    if let Some(tls) = tls {
        builder = builder.tls_config(tls).unwrap();
    }
    let mut router = builder
        .add_service(health_service)
        .add_service(v1)
        .add_service(v1alpha)
        .add_service(RuntimeServiceServer::new(Runtime {
            faults,
            applied: Mutex::default(),
            worker,
        }));
    if !worker {
        router = router
            .add_service(ProcessorServiceServer::new(Processor { faults }))
            .add_service(ConsumerServiceServer::new(Consumer { faults }))
            .add_service(SourceServiceServer::new(Source { faults }));
    }
    tokio::spawn(async move {
        let _ = router
            .serve_with_incoming_shutdown(TcpListenerStream::new(listener), async {
                let _ = stopped.await;
            })
            .await;
    });
    Fake {
        endpoint,
        _stop: stop,
    }
}

const PROCESSOR: &str = "upper";
const CONSUMER: &str = "sink";
const SOURCE: &str = "counter";
/// The worker endpoint's one component (the worker's handler, fake_worker.rs).
pub const WORKER_COMPONENT: &str = "sleep";
/// The fake source's one stream: records 0..SOURCE_RECORDS, key = decimal seq, position = seq
/// big-endian; a checkpoint (state = next seq) after every two batches.
const SOURCE_STREAM: &str = "numbers";
const SOURCE_RECORDS: u64 = 30;
/// The most records the fake source puts in one batch.
pub const SOURCE_BATCH: u64 = 3;

fn schema() -> Struct {
    let json = serde_json::json!({
        "type": "object",
        "additionalProperties": false,
        "properties": {"mode": {"type": "string"}},
    });
    flow_conformance::config::to_struct(&json).unwrap()
}

fn error_at(attr: &str, reason: &str, summary: String) -> Diagnostic {
    Diagnostic {
        severity: Severity::Error as i32,
        summary,
        reason: reason.into(),
        attribute: Some(AttributePath {
            steps: vec![attribute_path::Step {
                selector: Some(attribute_path::step::Selector::AttributeName(attr.into())),
            }],
        }),
        ..Default::default()
    }
}

fn check_config(config: Option<&Struct>) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    for (name, value) in config.map(|c| &c.fields).into_iter().flatten() {
        match (name.as_str(), &value.kind) {
            ("mode", Some(Kind::StringValue(_))) => {}
            ("mode", _) => diags.push(error_at(
                name,
                "INVALID_TYPE",
                "mode must be a string".into(),
            )),
            _ => diags.push(error_at(
                name,
                "UNKNOWN_ATTRIBUTE",
                format!("unknown attribute {name:?}"),
            )),
        }
    }
    diags
}

struct Runtime {
    faults: Faults,
    applied: Mutex<BTreeMap<(String, String), u64>>,
    /// Plays a worker's runtime endpoint instead of the processor/consumer/source service.
    worker: bool,
}

#[tonic::async_trait]
impl RuntimeService for Runtime {
    async fn get_service_info(
        &self,
        _: Request<GetServiceInfoRequest>,
    ) -> Result<Response<GetServiceInfoResponse>, Status> {
        Ok(Response::new(GetServiceInfoResponse {
            info: Some(ServiceInfo {
                name: "fake".into(),
                version: "0.0.1".into(),
                language: "rust".into(),
                roles: if self.worker {
                    vec![Role::Worker as i32]
                } else {
                    vec![
                        Role::Processor as i32,
                        Role::Consumer as i32,
                        Role::Source as i32,
                    ]
                },
                ..Default::default()
            }),
        }))
    }

    async fn handshake(
        &self,
        req: Request<HandshakeRequest>,
    ) -> Result<Response<HandshakeResponse>, Status> {
        let ours = ProtocolVersion { major: 1, minor: 0 };
        let negotiation = if req.get_ref().supported_versions.contains(&ours) {
            handshake_response::Negotiation::SelectedVersion(ours)
        } else if self.faults.handshake_transport_error {
            return Err(Status::invalid_argument("no common protocol version"));
        } else {
            handshake_response::Negotiation::Failure(Failure {
                message: "no common protocol version".into(),
                r#type: "protocol.version_unsupported".into(),
                non_retryable: true,
                ..Default::default()
            })
        };
        Ok(Response::new(HandshakeResponse {
            server_capabilities: Vec::new(),
            server_supported_versions: vec![ours],
            negotiation: Some(negotiation),
        }))
    }

    async fn get_schema(
        &self,
        _: Request<GetSchemaRequest>,
    ) -> Result<Response<GetSchemaResponse>, Status> {
        let component = |name: &str, role: Role| ComponentSchema {
            name: name.into(),
            role: role as i32,
            config_schema: Some(schema()),
            ..Default::default()
        };
        Ok(Response::new(GetSchemaResponse {
            components: if self.worker {
                vec![component(WORKER_COMPONENT, Role::Worker)]
            } else {
                vec![
                    component(PROCESSOR, Role::Processor),
                    component(CONSUMER, Role::Consumer),
                    component(SOURCE, Role::Source),
                ]
            },
            file_descriptor_set: flow_proto::FILE_DESCRIPTOR_SET.to_vec().into(),
        }))
    }

    async fn validate_config(
        &self,
        req: Request<ValidateConfigRequest>,
    ) -> Result<Response<ValidateConfigResponse>, Status> {
        Ok(Response::new(ValidateConfigResponse {
            diagnostics: check_config(req.get_ref().config.as_ref()),
        }))
    }

    async fn configure(
        &self,
        req: Request<ConfigureRequest>,
    ) -> Result<Response<ConfigureResponse>, Status> {
        let req = req.into_inner();
        let mut applied = self.applied.lock().unwrap();
        let current = applied
            .entry((req.component.clone(), req.config_id.clone()))
            .or_default();
        let mut diagnostics = check_config(req.config.as_ref());
        if req.generation < *current {
            diagnostics.push(Diagnostic {
                severity: Severity::Error as i32,
                summary: "stale generation".into(),
                reason: "STALE_GENERATION".into(),
                ..Default::default()
            });
        } else if diagnostics.is_empty() {
            *current = req.generation;
        }
        Ok(Response::new(ConfigureResponse {
            diagnostics,
            applied_generation: *current,
        }))
    }

    async fn shutdown(
        &self,
        _: Request<ShutdownRequest>,
    ) -> Result<Response<ShutdownResponse>, Status> {
        Ok(Response::new(ShutdownResponse {}))
    }
}

type Out<T> = mpsc::Sender<Result<T, Status>>;

/// Answers a streaming call: `run` plays the fake's side of it in a task of its own.
fn serve_stream<Req, Resp, F>(
    req: Request<Streaming<Req>>,
    faults: Faults,
    run: impl FnOnce(Streaming<Req>, Out<Resp>, Faults) -> F,
) -> Result<Response<ReceiverStream<Result<Resp, Status>>>, Status>
where
    F: Future<Output = ()> + Send + 'static,
{
    let (tx, rx) = mpsc::channel(64);
    tokio::spawn(run(req.into_inner(), tx, faults));
    Ok(Response::new(ReceiverStream::new(rx)))
}

/// The start of `$inbound`, whose first message must be a `$request` with kind `$start`, and
/// a fn making a `$response` of a kind under the start's instruction id; otherwise the stream
/// is refused and the enclosing fn returns.
macro_rules! start_or_refuse {
    ($inbound:ident, $tx:ident, $request:ident, $start:path => $response:ident) => {
        match $inbound.message().await {
            Ok(Some($request {
                instruction_id,
                kind: Some($start(start)),
            })) => (start, move |kind| $response {
                instruction_id: instruction_id.clone(),
                kind: Some(kind),
            }),
            _ => {
                refuse(&$tx, "first message must be start").await;
                return;
            }
        }
    };
}

/// Ends a stream with FAILED_PRECONDITION: the kit sent `why` out of protocol.
async fn refuse<T>(tx: &Out<T>, why: &str) {
    let _ = tx.send(Err(Status::failed_precondition(why))).await;
}

/// A streaming service of the fake whose one RPC, `$method`, `$run` plays.
macro_rules! stream_service {
    (
        $fake:ident: $service:ident {
            $stream:ident = $method:ident($request:ident) -> $response:ident by $run:ident
        }
    ) => {
        struct $fake {
            faults: Faults,
        }

        #[tonic::async_trait]
        impl $service for $fake {
            type $stream = ReceiverStream<Result<$response, Status>>;

            async fn $method(
                &self,
                req: Request<Streaming<$request>>,
            ) -> Result<Response<Self::$stream>, Status> {
                serve_stream(req, self.faults, $run)
            }
        }
    };
}

stream_service!(Processor: ProcessorService {
    ProcessStream = process(ProcessRequest) -> ProcessResponse by run_processor
});

enum Item {
    Batch {
        id: u64,
        stream: String,
        records: Vec<Record>,
        next: usize,
    },
    Barrier(BarrierAck),
}

async fn run_processor(
    mut inbound: Streaming<ProcessRequest>,
    tx: Out<ProcessResponse>,
    faults: Faults,
) {
    let (start, send) = start_or_refuse!(
        inbound,
        tx,
        ProcessRequest,
        process_request::Kind::Start => ProcessResponse
    );
    // Output credit in records only: the kit always grants plenty of bytes.
    let mut credit = u64::from(start.initial_credit.map(|c| c.records).unwrap_or(0));
    let window = Credit {
        records: 100,
        bytes: 1 << 20,
    };
    let _ = tx
        .send(Ok(send(process_response::Kind::Credit(window))))
        .await;
    let mut queue: VecDeque<Item> = VecDeque::new();
    let mut next_out = 1;
    let mut draining = false;
    loop {
        // Answer from the head of the queue while credit lasts.
        while let Some(item) = queue.front_mut() {
            match item {
                Item::Barrier(ack) => {
                    let _ = tx
                        .send(Ok(send(process_response::Kind::BarrierAck(ack.clone()))))
                        .await;
                    queue.pop_front();
                }
                Item::Batch {
                    id: input,
                    stream,
                    records,
                    next,
                } => {
                    let left = records.len() - *next;
                    let n = if faults.over_credit {
                        left
                    } else {
                        left.min(credit as usize)
                    };
                    if n == 0 {
                        break;
                    }
                    let out = records[*next..*next + n].to_vec();
                    *next += n;
                    credit = credit.saturating_sub(n as u64);
                    let complete = *next == records.len();
                    let output = ProcessOutput {
                        input_batch_id: *input,
                        batches: vec![RecordBatch {
                            batch_id: next_out,
                            stream: stream.clone(),
                            records: out,
                        }],
                        errors: Vec::new(),
                        complete,
                    };
                    next_out += 1;
                    let _ = tx
                        .send(Ok(send(process_response::Kind::Output(output))))
                        .await;
                    if complete {
                        let grant = Credit {
                            records: records.len() as u32,
                            bytes: 0,
                        };
                        queue.pop_front();
                        if !draining {
                            let _ = tx
                                .send(Ok(send(process_response::Kind::Credit(grant))))
                                .await;
                        }
                    }
                }
            }
        }
        if draining && queue.is_empty() {
            if faults.hang_after_drain {
                // Keeps the response stream open: the kit must give up at its deadline.
                std::future::pending::<()>().await;
            }
            return; // status OK
        }
        let msg = match inbound.message().await {
            Ok(Some(m)) => m,
            _ => return,
        };
        match msg.kind {
            Some(process_request::Kind::Batch(b)) => queue.push_back(Item::Batch {
                id: b.batch_id,
                stream: b.stream,
                records: b.records,
                next: 0,
            }),
            Some(process_request::Kind::Credit(c)) => credit += u64::from(c.records),
            Some(process_request::Kind::Barrier(b)) => {
                let ack = BarrierAck {
                    checkpoint_id: b.checkpoint_id,
                    seq: b.seq,
                    state: None,
                };
                if faults.early_barrier_ack {
                    let _ = tx
                        .send(Ok(send(process_response::Kind::BarrierAck(ack))))
                        .await;
                } else {
                    queue.push_back(Item::Barrier(ack));
                }
            }
            Some(process_request::Kind::Drain(_)) => draining = true,
            _ => {
                refuse(&tx, "unexpected message").await;
                return;
            }
        }
    }
}

stream_service!(Consumer: ConsumerService {
    WriteStream = write(WriteRequest) -> WriteResponse by run_consumer
});

async fn run_consumer(
    mut inbound: Streaming<WriteRequest>,
    tx: Out<WriteResponse>,
    faults: Faults,
) {
    let (_, send) = start_or_refuse!(
        inbound,
        tx,
        WriteRequest,
        write_request::Kind::Start => WriteResponse
    );
    let _ = tx
        .send(Ok(send(write_response::Kind::Credit(Credit {
            records: 100,
            bytes: 1 << 20,
        }))))
        .await;
    let held = Arc::new(Mutex::new(Vec::new()));
    while let Ok(Some(msg)) = inbound.message().await {
        match msg.kind {
            Some(write_request::Kind::Batch(b)) => {
                let ack = BatchAck {
                    batch_id: b.batch_id,
                    failure: None,
                    record_errors: Vec::new(),
                };
                if faults.early_checkpoint {
                    held.lock().unwrap().push(ack);
                } else {
                    let _ = tx.send(Ok(send(write_response::Kind::BatchAck(ack)))).await;
                }
            }
            Some(write_request::Kind::Barrier(b)) => {
                let echo = CheckpointCommitted {
                    checkpoint_id: b.checkpoint_id,
                    seq: b.seq,
                };
                let _ = tx
                    .send(Ok(send(write_response::Kind::CheckpointCommitted(echo))))
                    .await;
            }
            Some(write_request::Kind::Drain(_)) => {
                let acks: Vec<BatchAck> = std::mem::take(&mut *held.lock().unwrap());
                for ack in acks {
                    let _ = tx.send(Ok(send(write_response::Kind::BatchAck(ack)))).await;
                }
                return;
            }
            _ => {
                refuse(&tx, "unexpected message").await;
                return;
            }
        }
    }
}

struct Source {
    faults: Faults,
}

#[tonic::async_trait]
impl SourceService for Source {
    async fn discover(
        &self,
        _: Request<DiscoverRequest>,
    ) -> Result<Response<DiscoverResponse>, Status> {
        Ok(Response::new(DiscoverResponse {
            streams: vec![CatalogStream {
                id: SOURCE_STREAM.into(),
                name: SOURCE_STREAM.into(),
                supported_sync_modes: vec![SyncMode::FullRefresh as i32],
                ..Default::default()
            }],
            ..Default::default()
        }))
    }

    type ReadStream = ReceiverStream<Result<ReadResponse, Status>>;

    async fn read(
        &self,
        req: Request<Streaming<ReadRequest>>,
    ) -> Result<Response<Self::ReadStream>, Status> {
        serve_stream(req, self.faults, run_source)
    }
}

fn source_record(seq: u64) -> Record {
    Record {
        key: seq.to_string().into_bytes().into(),
        value: Some(Payload {
            data: format!("record {seq}").into_bytes().into(),
            ..Default::default()
        }),
        position: seq.to_be_bytes().to_vec().into(),
        ..Default::default()
    }
}

async fn run_source(mut inbound: Streaming<ReadRequest>, tx: Out<ReadResponse>, faults: Faults) {
    let (start, send) = start_or_refuse!(
        inbound,
        tx,
        ReadRequest,
        read_request::Kind::Start => ReadResponse
    );
    // Resume exactly after the checkpoint: its state is the next seq.
    let mut next: u64 = start
        .resume_from
        .as_ref()
        .and_then(|c| c.state.as_ref())
        .and_then(|s| std::str::from_utf8(&s.data).ok()?.parse().ok())
        .unwrap_or(0);
    let mut seq = start.resume_from.as_ref().map_or(0, |c| c.seq);
    // Credit in records only: the kit always grants plenty of bytes.
    let mut credit = u64::from(start.initial_credit.map_or(0, |c| c.records));
    let (mut batch_id, mut since_checkpoint, mut draining) = (0, 0, false);
    let checkpoint = |next: u64, seq: &mut u64| {
        *seq = if faults.source_repeated_seq {
            1
        } else {
            *seq + 1
        };
        read_response::Kind::Checkpoint(Checkpoint {
            checkpoint_id: format!("fake-{seq}"),
            seq: *seq,
            state: Some(Payload {
                data: next.to_string().into_bytes().into(),
                ..Default::default()
            }),
            ..Default::default()
        })
    };
    loop {
        // Send while credit lasts (or regardless, when told to overrun it).
        while next < SOURCE_RECORDS && !draining && (credit > 0 || faults.source_over_credit) {
            let n = if faults.source_over_credit {
                SOURCE_BATCH
            } else {
                SOURCE_BATCH.min(credit)
            }
            .min(SOURCE_RECORDS - next);
            batch_id += 1;
            let batch = RecordBatch {
                batch_id,
                stream: SOURCE_STREAM.into(),
                records: (next..next + n).map(source_record).collect(),
            };
            next += n;
            credit = credit.saturating_sub(n);
            let _ = tx.send(Ok(send(read_response::Kind::Batch(batch)))).await;
            since_checkpoint += 1;
            if since_checkpoint == 2 {
                since_checkpoint = 0;
                let _ = tx.send(Ok(send(checkpoint(next, &mut seq)))).await;
            }
        }
        if next == SOURCE_RECORDS || draining {
            if since_checkpoint > 0 {
                let _ = tx.send(Ok(send(checkpoint(next, &mut seq)))).await;
            }
            let end = EndOfInput {
                reason: if draining { "drained" } else { "completed" }.into(),
                final_checkpoint_seq: seq,
                ..Default::default()
            };
            let _ = tx
                .send(Ok(send(read_response::Kind::EndOfInput(end))))
                .await;
            // Then read core's messages until it closes its side; status OK.
            while let Ok(Some(_)) = inbound.message().await {}
            return;
        }
        match inbound.message().await {
            Ok(Some(m)) => match m.kind {
                Some(read_request::Kind::Credit(c)) => credit += u64::from(c.records),
                Some(read_request::Kind::Drain(_)) => draining = true,
                Some(
                    read_request::Kind::Ack(_)
                    | read_request::Kind::Nack(_)
                    | read_request::Kind::CheckpointCommitted(_),
                ) => {}
                _ => {
                    refuse(&tx, "unexpected message").await;
                    return;
                }
            },
            _ => return,
        }
    }
}
