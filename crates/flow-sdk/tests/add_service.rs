//! A service added with `FlowServer::add_service` is routed, reflected, health-reported, and can
//! refuse calls before the handshake through `Sessions`.

mod common;

use std::sync::Arc;
use std::sync::atomic::AtomicUsize;

use common::*;
use flow_proto::consumer::v1::consumer_service_client::ConsumerServiceClient;
use flow_proto::consumer::v1::consumer_service_server::{ConsumerService, ConsumerServiceServer};
use flow_proto::consumer::v1::{WriteRequest, WriteResponse};
use flow_sdk::{FlowServer, Sessions};
use tonic::{Code, Request, Response, Status, Streaming};
use tonic_health::pb::HealthCheckRequest;
use tonic_health::pb::health_check_response::ServingStatus;
use tonic_health::pb::health_client::HealthClient;

/// Checks the handshake, then answers with an empty stream: enough to test the plumbing.
struct Consumer {
    sessions: Sessions,
}

#[tonic::async_trait]
impl ConsumerService for Consumer {
    type WriteStream = tokio_stream::Empty<Result<WriteResponse, Status>>;

    async fn write(
        &self,
        request: Request<Streaming<WriteRequest>>,
    ) -> Result<Response<Self::WriteStream>, Status> {
        self.sessions.require(&request)?;
        Ok(Response::new(tokio_stream::empty()))
    }
}

#[tokio::test]
async fn added_service_is_served_and_gated_by_the_handshake() {
    let configured = Arc::new(AtomicUsize::new(0));
    let server = FlowServer::new(toy_service(configured.clone()));
    let consumer = ConsumerServiceServer::new(Consumer {
        sessions: server.sessions(),
    })
    .max_decoding_message_size(server.current_limits().max_decoding_message_size);
    let server = start_with(server.add_service(consumer), configured).await;

    let mut health = HealthClient::new(channel(server.addr).await);
    let status = health
        .check(HealthCheckRequest {
            service: "flow.consumer.v1.ConsumerService".into(),
        })
        .await
        .unwrap()
        .into_inner()
        .status();
    assert_eq!(status, ServingStatus::Serving);

    let mut before = ConsumerServiceClient::new(channel(server.addr).await);
    let status = before.write(tokio_stream::empty()).await.unwrap_err();
    assert_eq!(status.code(), Code::FailedPrecondition);

    // Handshake and write on one connection (the channel is shared by both clients).
    let channel = channel(server.addr).await;
    let mut runtime =
        flow_proto::runtime::v1::runtime_service_client::RuntimeServiceClient::new(channel.clone());
    runtime
        .handshake(flow_proto::runtime::v1::HandshakeRequest {
            supported_versions: vec![v(1, 0)],
            ..Default::default()
        })
        .await
        .unwrap();
    let mut after = ConsumerServiceClient::new(channel);
    let mut responses = after
        .write(tokio_stream::empty())
        .await
        .unwrap()
        .into_inner();
    assert!(responses.message().await.unwrap().is_none());
}
