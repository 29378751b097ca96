//! Test helpers: the real reference services as child processes, and in-process tonic servers
//! (a RuntimeService with chosen versions, a sequence-numbered SourceService).
#![allow(dead_code)]

pub mod core_under_test;
pub mod prerequisites;
pub mod source;

pub use prerequisites::{go_processor_binary, repo_root, ts_consumer_ready};

use std::path::{Path, PathBuf};

use flow_proto::common::v1::Failure;
use flow_proto::diagnostic::AttributePathExt as _;
use flow_proto::failure::FailureExt as _;
use flow_proto::runtime::v1::handshake_response::Negotiation;
use flow_proto::runtime::v1::runtime_service_server::{RuntimeService, RuntimeServiceServer};
use flow_proto::runtime::v1::*;
use tokio::net::TcpListener;
use tokio::process::Command;
use tokio_stream::wrappers::TcpListenerStream;
use tonic::{Request, Response, Status};

pub use flow_test_support::{ServiceProcess, spawn_listening};

/// `flow-core serve` on a free port with its state in `data`, and `extra` flags.
pub async fn start_core(data: &Path, extra: &[&str]) -> ServiceProcess {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_flow-core"));
    cmd.arg("serve")
        .args(["--listen", "127.0.0.1:0", "--data"])
        .arg(data)
        .args(extra);
    spawn_listening(cmd).await
}

pub async fn start_go_processor(listen: &str) -> Option<ServiceProcess> {
    let bin = go_processor_binary()?;
    let mut cmd = Command::new(bin);
    cmd.args(["--listen", listen]);
    Some(spawn_listening(cmd).await)
}

/// Starts the TS consumer; `None` (with a message) when node or the built JS is missing.
pub async fn start_ts_consumer() -> Option<ServiceProcess> {
    let root = repo_root();
    if !ts_consumer_ready(&root) {
        return None;
    }
    let main = root.join("services/ts-consumer/dist/main.js");
    let mut cmd = Command::new("node");
    cmd.arg(main)
        .args(["--listen", "127.0.0.1:0"])
        .current_dir(&root);
    Some(spawn_listening(cmd).await)
}

/// `INVALID_ARGUMENT`, a non-retryable Failure, and a Diagnostic whose path is `field`.
pub fn assert_invalid(status: &tonic::Status, field: &str) {
    assert_eq!(status.code(), tonic::Code::InvalidArgument, "{status:?}");
    assert!(status.message().starts_with(field), "{}", status.message());
    let failure = flow_proto::status::failure_from_status(status);
    assert!(failure.non_retryable);
    let diagnostic = failure
        .details_of::<flow_proto::common::v1::Diagnostic>()
        .next()
        .expect("a Diagnostic detail")
        .unwrap();
    assert_eq!(
        diagnostic.attribute.unwrap().display().to_string(),
        field,
        "{status:?}"
    );
}

/// A free loopback port (bound and released: a small race, fine for tests).
pub async fn free_addr() -> String {
    let l = TcpListener::bind("127.0.0.1:0").await.unwrap();
    l.local_addr().unwrap().to_string()
}

/// An `#[tonic::async_trait]` impl of the methods given, plus the RPCs a mock does not serve,
/// each answering `UNIMPLEMENTED`. (The attribute must see the expanded methods, so the macro
/// writes the whole impl.)
macro_rules! runtime_service_with_unimplemented {
    (
        impl $trait:ident for $mock:ty { $($served:item)* }
        unimplemented { $($rpc:ident($request:ty) -> $response:ty;)* }
    ) => {
        #[tonic::async_trait]
        impl $trait for $mock {
            $($served)*
            $(
                async fn $rpc(&self, _: Request<$request>) -> Result<Response<$response>, Status> {
                    Err(Status::unimplemented("mock"))
                }
            )*
        }
    };
}

/// A RuntimeService that speaks `versions` and knows nothing else.
#[derive(Clone)]
pub struct MockRuntime {
    pub versions: Vec<ProtocolVersion>,
}

runtime_service_with_unimplemented! {
    impl RuntimeService for MockRuntime {
        async fn get_service_info(
            &self,
            _: Request<GetServiceInfoRequest>,
        ) -> Result<Response<GetServiceInfoResponse>, Status> {
            Ok(Response::new(GetServiceInfoResponse {
                info: Some(ServiceInfo {
                    name: "mock".into(),
                    language: "rust".into(),
                    ..Default::default()
                }),
            }))
        }
        async fn handshake(
            &self,
            req: Request<HandshakeRequest>,
        ) -> Result<Response<HandshakeResponse>, Status> {
            let req = req.into_inner();
            let best = self
                .versions
                .iter()
                .filter(|v| req.supported_versions.contains(v))
                .max_by_key(|v| (v.major, v.minor))
                .cloned();
            let negotiation = match best {
                Some(v) => Negotiation::SelectedVersion(v),
                None => Negotiation::Failure(Failure {
                    message: "no common protocol version".into(),
                    r#type: "protocol.version_unsupported".into(),
                    non_retryable: true,
                    ..Default::default()
                }),
            };
            Ok(Response::new(HandshakeResponse {
                server_capabilities: vec![],
                server_supported_versions: self.versions.clone(),
                negotiation: Some(negotiation),
            }))
        }
    }
    unimplemented {
        get_schema(GetSchemaRequest) -> GetSchemaResponse;
        validate_config(ValidateConfigRequest) -> ValidateConfigResponse;
        configure(ConfigureRequest) -> ConfigureResponse;
        shutdown(ShutdownRequest) -> ShutdownResponse;
    }
}

pub fn v(major: u32, minor: u32) -> ProtocolVersion {
    ProtocolVersion { major, minor }
}

/// Serves `MockRuntime` (plus `extra`, e.g. a source) on `listener` in the background.
pub fn serve_runtime(
    listener: TcpListener,
    versions: Vec<ProtocolVersion>,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        tonic::transport::Server::builder()
            .add_service(RuntimeServiceServer::new(MockRuntime { versions }))
            .serve_with_incoming(TcpListenerStream::new(listener))
            .await
            .unwrap();
    })
}

/// `{"path": path}`, the TS consumer's configuration.
pub fn path_config(path: &Path) -> flow_proto::wkt::Struct {
    flow_proto::wkt::Struct {
        fields: [("path".to_string(), path.to_string_lossy().as_ref().into())].into(),
    }
}

/// A fresh output path under the test target dir.
pub fn out_path(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(flow_core::new_instruction_id(name));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join("out.jsonl")
}

/// The record keys (decoded from base64, as numbers) of every line of a consumer output file.
pub fn output_sequence(path: &Path) -> Vec<u64> {
    use base64::Engine;
    let text = std::fs::read_to_string(path).unwrap_or_default();
    text.lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            let key = base64::engine::general_purpose::STANDARD
                .decode(v["key"].as_str().unwrap())
                .unwrap();
            String::from_utf8(key).unwrap().parse().unwrap()
        })
        .collect()
}
