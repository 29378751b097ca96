//! A processor that breaks the stream rules: more output than core granted, and a wrong
//! instruction id. Both must surface as `CoreError::ProtocolViolation`.

mod common;

use std::time::Duration;

use common::{MockRuntime, v};
use flow_core::{
    Backoff, ConnectOptions, CoreError, ProcessorEvent, ProcessorSession, Stage, connect_with,
};
use flow_proto::common::v1::{Credit, Record, RecordBatch};
use flow_proto::processor::v1::process_request::Kind as Req;
use flow_proto::processor::v1::process_response::Kind as Resp;
use flow_proto::processor::v1::processor_service_server::{
    ProcessorService, ProcessorServiceServer,
};
use flow_proto::processor::v1::*;
use flow_proto::runtime::v1::runtime_service_server::RuntimeServiceServer;
use tokio::net::TcpListener;
use tokio::sync::mpsc;
use tokio_stream::wrappers::{ReceiverStream, TcpListenerStream};
use tonic::{Request, Response, Status, Streaming};

/// Grants input credit, then answers every batch with twice its records, under `reply_id`
/// (the start's id when empty).
struct Greedy {
    reply_id: &'static str,
}

#[tonic::async_trait]
impl ProcessorService for Greedy {
    type ProcessStream = ReceiverStream<Result<ProcessResponse, Status>>;
    async fn process(
        &self,
        req: Request<Streaming<ProcessRequest>>,
    ) -> Result<Response<Self::ProcessStream>, Status> {
        let mut inbound = req.into_inner();
        let (tx, rx) = mpsc::channel(8);
        let reply_id = self.reply_id;
        tokio::spawn(async move {
            let mut id = String::new();
            while let Ok(Some(msg)) = inbound.message().await {
                if id.is_empty() {
                    id = if reply_id.is_empty() {
                        msg.instruction_id.clone()
                    } else {
                        reply_id.into()
                    };
                }
                let kind = match msg.kind {
                    Some(Req::Start(_)) => Resp::Credit(Credit {
                        records: 100,
                        bytes: 1 << 20,
                    }),
                    Some(Req::Batch(b)) => {
                        let mut records = b.records.clone();
                        records.extend(b.records);
                        Resp::Output(ProcessOutput {
                            input_batch_id: b.batch_id,
                            batches: vec![RecordBatch {
                                batch_id: 1,
                                stream: b.stream,
                                records,
                            }],
                            errors: vec![],
                            complete: true,
                        })
                    }
                    _ => continue,
                };
                let _ = tx
                    .send(Ok(ProcessResponse {
                        instruction_id: id.clone(),
                        kind: Some(kind),
                    }))
                    .await;
            }
        });
        Ok(Response::new(ReceiverStream::new(rx)))
    }
}

/// The output credit core grants: 3 records, so a doubled batch of 2 overruns it.
const OUTPUT_CREDIT: Credit = Credit {
    records: 3,
    bytes: 1 << 20,
};

async fn session_against(reply_id: &'static str) -> ProcessorSession {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    tokio::spawn(async move {
        tonic::transport::Server::builder()
            .add_service(RuntimeServiceServer::new(MockRuntime {
                versions: vec![v(1, 0)],
            }))
            .add_service(ProcessorServiceServer::new(Greedy { reply_id }))
            .serve_with_incoming(TcpListenerStream::new(listener))
            .await
            .unwrap();
    });
    let conn = connect_with(&addr, &ConnectOptions::default(), &mut Backoff::default())
        .await
        .unwrap();
    ProcessorSession::start(
        &mut conn.processor(),
        ProcessStart {
            component: "greedy".into(),
            initial_credit: Some(OUTPUT_CREDIT),
            ..Default::default()
        },
    )
    .await
    .unwrap()
}

fn batch() -> RecordBatch {
    RecordBatch {
        batch_id: 1,
        stream: "s".into(),
        records: vec![Record::default(); 2],
    }
}

#[tokio::test]
async fn more_output_than_credit_is_a_protocol_violation() {
    tokio::time::timeout(Duration::from_secs(10), async {
        let mut s = session_against("").await;
        assert_eq!(s.next_event().await.unwrap(), Some(ProcessorEvent::Credit));
        s.send_batch(batch()).await.unwrap();
        // 4 output records against a grant of 3.
        let err = s.next_event().await.unwrap_err();
        assert!(
            matches!(&err, CoreError::ProtocolViolation { stage: Stage::Processor, detail } if detail.contains("exceeds the credit")),
            "{err:?}"
        );
    })
    .await
    .unwrap();
}

#[tokio::test]
async fn a_wrong_instruction_id_is_a_protocol_violation() {
    tokio::time::timeout(Duration::from_secs(10), async {
        let mut s = session_against("someone-else").await;
        let err = s.next_event().await.unwrap_err();
        assert!(
            matches!(&err, CoreError::ProtocolViolation { detail, .. } if detail.contains("instruction_id")),
            "{err:?}"
        );
    })
    .await
    .unwrap();
}
