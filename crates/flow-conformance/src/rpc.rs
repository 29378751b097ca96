//! The kit's one connection and its deadlines. Every unary call sends `grpc-timeout` (so the
//! service can give up too) and is also bounded locally, so a service that ignores the header or
//! never answers is reported as a FAIL instead of hanging the kit.

use std::future::Future;
use std::time::Duration;

use tonic::transport::{Certificate, Channel, ClientTlsConfig, Endpoint, Identity};
use tonic::{Request, Response, Status};

/// Why a call produced no response.
#[derive(Debug, thiserror::Error)]
pub enum CallError {
    /// The service (or the transport) answered with a non-OK status.
    #[error("gRPC status {code:?}: {message}", code = .0.code(), message = .0.message())]
    Status(Status),
    /// Nothing came back within the deadline.
    #[error("no answer within {0:?}")]
    TimedOut(Duration),
}

/// Why the kit could not connect.
#[derive(Debug, thiserror::Error)]
pub enum ConnectError {
    /// The endpoint is not a valid URI.
    #[error("invalid endpoint: {0}")]
    Endpoint(#[source] tonic::transport::Error),
    /// The TLS options do not fit the endpoint (https needs a CA, http takes no TLS options), or
    /// tonic rejected them.
    #[error("TLS: {0}")]
    Tls(String),
    /// The TCP/HTTP2 connection failed (for https: including the TLS handshake).
    #[error("{0}")]
    Connect(#[source] tonic::transport::Error),
    /// The connection did not come up within the deadline.
    #[error("no connection within {0:?}")]
    TimedOut(Duration),
}

/// TLS for an `https` endpoint: the CA the service's certificate must chain to and, for mutual
/// TLS, the kit's own certificate and key (all PEM).
#[derive(Clone, Debug, Default)]
pub struct Tls {
    /// The CA certificate(s) to trust.
    pub ca_cert: Vec<u8>,
    /// The client certificate chain and private key, for services that require mutual TLS.
    pub identity: Option<(Vec<u8>, Vec<u8>)>,
    /// The name to verify the service's certificate against; default: the endpoint's host.
    pub server_name: Option<String>,
}

/// The kit's channel and deadline, shared by every check.
#[derive(Clone, Debug)]
pub struct Ctx {
    /// One HTTP/2 connection: the reference services keep the handshake per connection.
    pub channel: Channel,
    /// The deadline of every call.
    pub timeout: Duration,
}

impl Ctx {
    /// Connects eagerly, so that a wrong address fails the `connect` check rather than every
    /// later one.
    /// [`Self::connect`] as the first check of a run, named `id`: passed with the context, or
    /// failed (and no context: the run stops).
    pub async fn connect_checked(
        id: &'static str,
        endpoint: &str,
        timeout: Duration,
        tls: Option<&Tls>,
    ) -> (crate::Check, Option<Self>) {
        match Self::connect(endpoint, timeout, tls).await {
            Ok(ctx) => (
                crate::Check::pass(id, format!("connected to {endpoint}")),
                Some(ctx),
            ),
            Err(e) => (
                crate::Check::fail(id, format!("cannot connect to {endpoint}: {e}")),
                None,
            ),
        }
    }

    pub async fn connect(
        endpoint: &str,
        timeout: Duration,
        tls: Option<&Tls>,
    ) -> Result<Self, ConnectError> {
        let mut ep = Endpoint::from_shared(endpoint.to_owned())
            .map_err(ConnectError::Endpoint)?
            .connect_timeout(timeout);
        let https = ep.uri().scheme_str() == Some("https");
        match (https, tls) {
            (true, Some(tls)) => {
                let mut config =
                    ClientTlsConfig::new().ca_certificate(Certificate::from_pem(&tls.ca_cert));
                if let Some((cert, key)) = &tls.identity {
                    config = config.identity(Identity::from_pem(cert, key));
                }
                if let Some(name) = &tls.server_name {
                    config = config.domain_name(name.clone());
                }
                ep = ep
                    .tls_config(config)
                    .map_err(|e| ConnectError::Tls(format!("{e:?}")))?;
            }
            // The kit has no built-in roots: a CA must be named, so a Flow deployment's private
            // CA is never silently replaced by the system's.
            (true, None) => {
                return Err(ConnectError::Tls(
                    "an https endpoint needs --ca-cert (the CA of the service's certificate)"
                        .into(),
                ));
            }
            (false, Some(_)) => {
                return Err(ConnectError::Tls(
                    "TLS options given for a plaintext endpoint; use https://".into(),
                ));
            }
            (false, None) => {}
        }
        let channel = tokio::time::timeout(timeout, ep.connect())
            .await
            .map_err(|_| ConnectError::TimedOut(timeout))?
            .map_err(ConnectError::Connect)?;
        Ok(Self { channel, timeout })
    }

    /// Wraps a message in a request carrying the deadline.
    pub fn request<T>(&self, msg: T) -> Request<T> {
        let mut req = Request::new(msg);
        req.set_timeout(self.timeout);
        req
    }

    /// Awaits a unary call within the deadline.
    pub async fn call<T, F>(&self, fut: F) -> Result<T, CallError>
    where
        F: Future<Output = Result<Response<T>, Status>>,
    {
        match tokio::time::timeout(self.timeout, fut).await {
            Ok(Ok(resp)) => Ok(resp.into_inner()),
            Ok(Err(status)) => Err(CallError::Status(status)),
            Err(_) => Err(CallError::TimedOut(self.timeout)),
        }
    }
}
