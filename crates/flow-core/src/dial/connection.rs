//! Connecting to a Flow service as core: dial with backoff, then `GetServiceInfo` and
//! `Handshake` on that connection (services gate every other Flow RPC on a handshake made on the
//! same connection, so one `ServiceConnection` is one HTTP/2 connection with its agreement).

use std::time::Duration;

use flow_proto::common::v1::Capability;
use flow_proto::consumer::v1::consumer_service_client::ConsumerServiceClient;
use flow_proto::processor::v1::processor_service_client::ProcessorServiceClient;
use flow_proto::runtime::v1::handshake_response::Negotiation;
use flow_proto::runtime::v1::runtime_service_client::RuntimeServiceClient;
use flow_proto::runtime::v1::{
    GetServiceInfoRequest, HandshakeRequest, ProtocolVersion, ServiceInfo,
};
use flow_proto::source::v1::source_service_client::SourceServiceClient;
use tonic::transport::{Channel, Endpoint};

use crate::dial::error::{CoreError, Result, Stage};
use flow_backoff::Backoff;

/// 8 MiB stream and connection windows: with tonic's defaults the receive window stalls
/// streams at a tenth of the link's speed (docs/performance).
const WINDOW: u32 = 8 << 20;

/// What core offers in the handshake, and how patient it is.
#[derive(Debug, Clone)]
pub struct ConnectOptions {
    /// Every protocol version core speaks.
    pub supported_versions: Vec<ProtocolVersion>,
    pub core_version: String,
    pub capabilities: Vec<Capability>,
    pub core_instance_id: String,
    /// Deadline of each unary call, sent as `grpc-timeout` (`Request::set_timeout`; the
    /// endpoint's own timeout is not sent to the server).
    pub rpc_timeout: Duration,
    pub connect_timeout: Duration,
    /// Attempts before giving up; `None` retries for ever.
    pub max_attempts: Option<u32>,
}

impl Default for ConnectOptions {
    fn default() -> Self {
        Self {
            supported_versions: vec![ProtocolVersion { major: 1, minor: 0 }],
            core_version: env!("CARGO_PKG_VERSION").into(),
            capabilities: Vec::new(),
            core_instance_id: String::new(),
            rpc_timeout: Duration::from_secs(10),
            connect_timeout: Duration::from_secs(5),
            max_attempts: None,
        }
    }
}

/// A connected, handshaken service.
#[derive(Debug, Clone)]
pub struct ServiceConnection {
    pub endpoint: String,
    pub channel: Channel,
    pub info: ServiceInfo,
    /// The version the service selected: the highest both sides list.
    pub version: ProtocolVersion,
    /// The capabilities in effect: the service's, restricted to those core offered.
    pub capabilities: Vec<Capability>,
    /// Every version the service speaks, for messages.
    pub server_versions: Vec<ProtocolVersion>,
}

impl ServiceConnection {
    pub fn uses(&self, capability: &str) -> bool {
        self.capabilities.iter().any(|c| c.name == capability)
    }
    pub fn processor(&self) -> ProcessorServiceClient<Channel> {
        ProcessorServiceClient::new(self.channel.clone())
    }
    pub fn consumer(&self) -> ConsumerServiceClient<Channel> {
        ConsumerServiceClient::new(self.channel.clone())
    }
    pub fn source(&self) -> SourceServiceClient<Channel> {
        SourceServiceClient::new(self.channel.clone())
    }
    pub fn runtime(&self) -> RuntimeServiceClient<Channel> {
        RuntimeServiceClient::new(self.channel.clone())
    }
}

/// Connects with the default options and backoff, retrying for ever on transport errors.
pub async fn connect(endpoint: &str) -> Result<ServiceConnection> {
    connect_with(
        endpoint,
        &ConnectOptions::default(),
        &mut Backoff::default(),
    )
    .await
}

/// Dials `endpoint` (`http://127.0.0.1:50051`, or `127.0.0.1:50051`), retrying retryable errors
/// with `backoff`, then handshakes. A handshake `failure` ends at once with
/// [`CoreError::HandshakeRejected`].
pub async fn connect_with(
    endpoint: &str,
    opts: &ConnectOptions,
    backoff: &mut Backoff,
) -> Result<ServiceConnection> {
    let ep = endpoint_for(endpoint, opts)?;
    let mut attempts = 0u32;
    loop {
        attempts += 1;
        match attempt(endpoint, &ep, opts).await {
            Ok(conn) => {
                backoff.reset();
                return Ok(conn);
            }
            Err(e) if !e.is_retryable() => return Err(e),
            Err(e) => {
                if opts.max_attempts.is_some_and(|max| attempts >= max) {
                    return Err(CoreError::ConnectExhausted {
                        endpoint: endpoint.into(),
                        attempts,
                        last: Box::new(e),
                    });
                }
                let delay = backoff.next_delay();
                tracing::debug!(%endpoint, attempts, ?delay, error = %e, "connect failed; retrying");
                tokio::time::sleep(delay).await;
            }
        }
    }
}

fn endpoint_for(endpoint: &str, opts: &ConnectOptions) -> Result<Endpoint> {
    let uri = if endpoint.contains("://") {
        endpoint.to_string()
    } else {
        format!("http://{endpoint}")
    };
    let ep = Endpoint::from_shared(uri).map_err(|e| CoreError::InvalidEndpoint {
        endpoint: endpoint.into(),
        reason: e.to_string(),
    })?;
    Ok(ep
        .connect_timeout(opts.connect_timeout)
        .tcp_nodelay(true)
        .initial_stream_window_size(WINDOW)
        .initial_connection_window_size(WINDOW))
}

async fn attempt(
    endpoint: &str,
    ep: &Endpoint,
    opts: &ConnectOptions,
) -> Result<ServiceConnection> {
    let channel = ep.connect().await.map_err(|source| CoreError::Connect {
        endpoint: endpoint.into(),
        source,
    })?;
    let mut runtime = RuntimeServiceClient::new(channel.clone());
    let rpc_err = |rpc| {
        move |status| CoreError::Rpc {
            stage: Stage::Runtime,
            rpc,
            status: Box::new(status),
        }
    };

    let mut req = tonic::Request::new(GetServiceInfoRequest {});
    req.set_timeout(opts.rpc_timeout);
    let info = runtime
        .get_service_info(req)
        .await
        .map_err(rpc_err("GetServiceInfo"))?
        .into_inner()
        .info
        .unwrap_or_default();

    let mut req = tonic::Request::new(HandshakeRequest {
        supported_versions: opts.supported_versions.clone(),
        core_version: opts.core_version.clone(),
        client_capabilities: opts.capabilities.clone(),
        core_instance_id: opts.core_instance_id.clone(),
    });
    req.set_timeout(opts.rpc_timeout);
    let resp = runtime
        .handshake(req)
        .await
        .map_err(rpc_err("Handshake"))?
        .into_inner();
    let version = match resp.negotiation {
        Some(Negotiation::SelectedVersion(v)) => v,
        Some(Negotiation::Failure(failure)) => {
            return Err(CoreError::HandshakeRejected {
                failure: Box::new(failure),
            });
        }
        None => {
            return Err(CoreError::violation(
                Stage::Runtime,
                "HandshakeResponse has neither selected_version nor failure",
            ));
        }
    };
    if !opts.supported_versions.contains(&version) {
        return Err(CoreError::violation(
            Stage::Runtime,
            format!(
                "service selected version {}.{}, which core did not offer",
                version.major, version.minor
            ),
        ));
    }
    let capabilities = resp
        .server_capabilities
        .into_iter()
        .filter(|c| opts.capabilities.iter().any(|o| o.name == c.name))
        .collect();
    Ok(ServiceConnection {
        endpoint: endpoint.into(),
        channel,
        info,
        version,
        capabilities,
        server_versions: resp.server_supported_versions,
    })
}
