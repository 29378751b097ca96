//! An in-process Flow service (one processor and one consumer component) that follows the
//! contract unless a [`Faults`] flag makes it break exactly one rule. The kit must FAIL exactly
//! the check for that rule.

use std::collections::{BTreeMap, VecDeque};
use std::sync::{Arc, Mutex};

use flow_proto::common::v1::{
    AttributePath, Credit, Diagnostic, Failure, Record, RecordBatch, Role, Severity, attribute_path,
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
}

/// A running fake; stops when dropped.
pub struct Fake {
    pub endpoint: String,
    _stop: tokio::sync::oneshot::Sender<()>,
}

/// Serves the fake on 127.0.0.1 with a free port.
pub async fn serve(faults: Faults) -> Fake {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let endpoint = format!("http://{}", listener.local_addr().unwrap());
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
    let router = tonic::transport::Server::builder()
        .add_service(health_service)
        .add_service(v1)
        .add_service(v1alpha)
        .add_service(RuntimeServiceServer::new(Runtime {
            faults,
            applied: Mutex::default(),
        }))
        .add_service(ProcessorServiceServer::new(Processor { faults }))
        .add_service(ConsumerServiceServer::new(Consumer { faults }));
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
                roles: vec![Role::Processor as i32, Role::Consumer as i32],
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
            components: vec![
                component(PROCESSOR, Role::Processor),
                component(CONSUMER, Role::Consumer),
            ],
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

struct Processor {
    faults: Faults,
}

#[tonic::async_trait]
impl ProcessorService for Processor {
    type ProcessStream = ReceiverStream<Result<ProcessResponse, Status>>;

    async fn process(
        &self,
        req: Request<Streaming<ProcessRequest>>,
    ) -> Result<Response<Self::ProcessStream>, Status> {
        let (tx, rx) = mpsc::channel(64);
        tokio::spawn(run_processor(req.into_inner(), tx, self.faults));
        Ok(Response::new(ReceiverStream::new(rx)))
    }
}

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
    let first = inbound.message().await;
    let (id, start) = match first {
        Ok(Some(ProcessRequest {
            instruction_id,
            kind: Some(process_request::Kind::Start(s)),
        })) => (instruction_id, s),
        _ => {
            let _ = tx
                .send(Err(Status::failed_precondition(
                    "first message must be start",
                )))
                .await;
            return;
        }
    };
    let send = |kind| ProcessResponse {
        instruction_id: id.clone(),
        kind: Some(kind),
    };
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
                let _ = tx
                    .send(Err(Status::failed_precondition("unexpected message")))
                    .await;
                return;
            }
        }
    }
}

struct Consumer {
    faults: Faults,
}

#[tonic::async_trait]
impl ConsumerService for Consumer {
    type WriteStream = ReceiverStream<Result<WriteResponse, Status>>;

    async fn write(
        &self,
        req: Request<Streaming<WriteRequest>>,
    ) -> Result<Response<Self::WriteStream>, Status> {
        let (tx, rx) = mpsc::channel(64);
        tokio::spawn(run_consumer(req.into_inner(), tx, self.faults));
        Ok(Response::new(ReceiverStream::new(rx)))
    }
}

async fn run_consumer(
    mut inbound: Streaming<WriteRequest>,
    tx: Out<WriteResponse>,
    faults: Faults,
) {
    let id = match inbound.message().await {
        Ok(Some(WriteRequest {
            instruction_id,
            kind: Some(write_request::Kind::Start(_)),
        })) => instruction_id,
        _ => {
            let _ = tx
                .send(Err(Status::failed_precondition(
                    "first message must be start",
                )))
                .await;
            return;
        }
    };
    let send = |kind| WriteResponse {
        instruction_id: id.clone(),
        kind: Some(kind),
    };
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
                let _ = tx
                    .send(Err(Status::failed_precondition("unexpected message")))
                    .await;
                return;
            }
        }
    }
}
