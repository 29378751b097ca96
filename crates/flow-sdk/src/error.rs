//! The typed errors of the SDK: one enum for a bad service description, one for serving.

use std::net::SocketAddr;

/// A [`Service`](crate::Service) description that cannot be served as given.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BuildError {
    /// `ServiceInfo.name` is what core matches deployments on: it cannot be empty.
    #[error("the service name is empty")]
    EmptyServiceName,
    /// Components are addressed by name in every later RPC.
    #[error("a component has an empty name")]
    EmptyComponentName,
    /// Two components with one name would make `ValidateConfig`/`Configure` ambiguous.
    #[error("component `{0}` is declared twice")]
    DuplicateComponent(String),
    /// `ROLE_UNSPECIFIED` is invalid in the contract.
    #[error("component `{0}` has no role (ROLE_UNSPECIFIED)")]
    UnspecifiedRole(String),
    /// The handshake needs at least one version to offer.
    #[error("the service supports no protocol version")]
    NoProtocolVersion,
    /// Capabilities are matched by name; an empty name matches nothing useful.
    #[error("a capability has an empty name")]
    EmptyCapabilityName,
    /// The service's descriptor set is not an encoded `google.protobuf.FileDescriptorSet`.
    #[error("invalid file descriptor set: {0}")]
    InvalidDescriptorSet(String),
    /// `StreamTasksRequest.worker_id` is how core hands tasks back after a reconnect.
    #[error("the worker id is empty")]
    EmptyWorkerId,
    /// A worker without handlers would be sent no task.
    #[error("the worker has no handler")]
    NoHandler,
    /// `Task.handler` names a handler; an empty name matches no task.
    #[error("a handler has an empty name")]
    EmptyHandlerName,
}

/// Serving failed: a limit is out of range, a descriptor set is malformed, the address cannot
/// be bound, or the transport failed.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// A [`Limits`](crate::Limits) field is out of its documented range.
    #[error("invalid limit `{name}`: {reason}")]
    InvalidLimit {
        /// The field of [`Limits`](crate::Limits).
        name: &'static str,
        /// What is wrong with its value.
        reason: String,
    },
    /// A descriptor set given for reflection does not decode.
    #[error("cannot build the reflection service")]
    Reflection(#[from] tonic_reflection::server::Error),
    /// The listen address cannot be bound.
    #[error("cannot listen on {addr}")]
    Bind {
        /// The address asked for.
        addr: SocketAddr,
        /// The operating system's reason.
        #[source]
        source: std::io::Error,
    },
    /// The TLS configuration cannot be used (an unreadable certificate or key, a key that does
    /// not match the certificate, an unusable client CA).
    #[error("invalid TLS configuration")]
    Tls(#[source] tonic::transport::Error),
    /// The HTTP/2 server failed while running.
    #[error("the gRPC server failed")]
    Transport(#[from] tonic::transport::Error),
}
