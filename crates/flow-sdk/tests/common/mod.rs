//! Shared by the integration tests: a toy service on 127.0.0.1:0 and clients for it.
#![allow(dead_code)] // each test binary uses its own subset

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use flow_proto::common::v1::{AttributePath, Capability, Diagnostic, Role};
use flow_proto::diagnostic::{AttributePathExt, DiagnosticExt};
use flow_proto::runtime::v1::runtime_service_client::RuntimeServiceClient;
use flow_proto::runtime::v1::{HandshakeRequest, ProtocolVersion};
use flow_proto::wkt::{Struct, Value, value::Kind};
use flow_sdk::{
    BoundServer, Component, ConfigInput, FlowServer, ServeError, Service, Sessions, ShutdownHandle,
};
use tokio::task::JoinHandle;
use tonic::transport::Channel;
use tonic::{Code, Response, Status};

/// Every test step is bounded by this.
pub const STEP: Duration = Duration::from_secs(10);

pub struct TestServer {
    pub addr: SocketAddr,
    pub shutdown: ShutdownHandle,
    pub sessions: Sessions,
    pub task: JoinHandle<Result<(), ServeError>>,
    /// How many times the `sink` component's configure callback ran.
    pub configured: Arc<AtomicUsize>,
}

impl TestServer {
    pub fn configure_calls(&self) -> usize {
        self.configured.load(Ordering::SeqCst)
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

pub fn cap(name: &str) -> Capability {
    Capability {
        name: name.into(),
        ..Default::default()
    }
}

pub fn v(major: u32, minor: u32) -> ProtocolVersion {
    ProtocolVersion { major, minor }
}

pub fn number(n: f64) -> Value {
    Value {
        kind: Some(Kind::NumberValue(n)),
    }
}

pub fn config(fields: &[(&str, Value)]) -> Struct {
    let mut config = Struct::default();
    for (name, value) in fields {
        config.fields.insert((*name).into(), value.clone());
    }
    config
}

/// `sink` needs `port` in 1..=65535 (reported at `port`); speaks 1.0 and 1.1; offers
/// capabilities `a` and `b`.
pub fn toy_service(configured: Arc<AtomicUsize>) -> Service {
    let validate = |input: ConfigInput| async move {
        let at = AttributePath::root().attr("port");
        match input
            .config
            .fields
            .get("port")
            .and_then(|v| v.kind.as_ref())
        {
            Some(Kind::NumberValue(p)) if (1.0..=65535.0).contains(p) => vec![],
            _ => vec![
                Diagnostic::error("port must be between 1 and 65535")
                    .at(at)
                    .with_reason("VALUE_OUT_OF_RANGE"),
            ],
        }
    };
    Service::builder("toy", "0.1.0")
        .protocol_version(1, 0)
        .protocol_version(1, 1)
        .capability(cap("a"))
        .capability(cap("b"))
        .component(
            Component::new("sink", Role::Consumer)
                .sensitive_path(AttributePath::root().attr("password"))
                .validator(validate)
                .on_configure(move |_| {
                    let configured = configured.clone();
                    async move {
                        configured.fetch_add(1, Ordering::SeqCst);
                        vec![Diagnostic::info("applied")]
                    }
                }),
        )
        .build()
        .expect("valid description")
}

pub async fn start() -> TestServer {
    let configured = Arc::new(AtomicUsize::new(0));
    start_with(FlowServer::new(toy_service(configured.clone())), configured).await
}

pub async fn start_with(server: FlowServer, configured: Arc<AtomicUsize>) -> TestServer {
    let bound: BoundServer = server
        .bind("127.0.0.1:0".parse().unwrap())
        .await
        .expect("bind loopback");
    let addr = bound.local_addr();
    let shutdown = bound.shutdown_handle();
    let sessions = bound.sessions();
    let task = tokio::spawn(bound.serve());
    TestServer {
        addr,
        shutdown,
        sessions,
        task,
        configured,
    }
}

pub async fn channel(addr: SocketAddr) -> Channel {
    tokio::time::timeout(
        STEP,
        Channel::from_shared(format!("http://{addr}"))
            .unwrap()
            .connect(),
    )
    .await
    .expect("connect in time")
    .expect("connect")
}

/// A runtime client on its own connection, already handshaken at version 1.x.
pub async fn handshaken(addr: SocketAddr) -> RuntimeServiceClient<Channel> {
    let mut client = RuntimeServiceClient::new(channel(addr).await);
    let response = client
        .handshake(HandshakeRequest {
            supported_versions: vec![v(1, 0), v(1, 1)],
            core_version: "test".into(),
            ..Default::default()
        })
        .await
        .expect("handshake")
        .into_inner();
    assert!(response.negotiation.is_some());
    client
}

/// A fresh server and a client already handshaken with it.
pub async fn start_handshaken() -> (TestServer, RuntimeServiceClient<Channel>) {
    let server = start().await;
    let client = handshaken(server.addr).await;
    (server, client)
}

/// The answer of a unary call that must succeed.
pub async fn ok<T>(call: impl Future<Output = Result<Response<T>, Status>>) -> T {
    call.await.expect("the call succeeds").into_inner()
}

/// The status code of a unary call that must fail.
pub async fn refused<T: std::fmt::Debug>(
    call: impl Future<Output = Result<Response<T>, Status>>,
) -> Code {
    call.await.expect_err("the call is refused").code()
}
