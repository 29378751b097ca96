//! The typed errors of core's side of the protocol, each saying whether retrying can help.

use flow_proto::common::v1::Failure;

/// Which service a problem came from, for messages and retry decisions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    Source,
    Processor,
    Consumer,
    Runtime,
}

impl std::fmt::Display for Stage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Stage::Source => "source",
            Stage::Processor => "processor",
            Stage::Consumer => "consumer",
            Stage::Runtime => "runtime",
        })
    }
}

/// Everything that can go wrong talking to a Flow service.
#[derive(Debug, thiserror::Error)]
// Failures and statuses are boxed: they are large, and every `Result` carries this type.
pub enum CoreError {
    /// The endpoint string is not a valid URI.
    #[error("invalid endpoint {endpoint:?}: {reason}")]
    InvalidEndpoint { endpoint: String, reason: String },
    /// No connection could be made (nothing listening yet, network down).
    #[error("connecting to {endpoint}: {source}")]
    Connect {
        endpoint: String,
        #[source]
        source: tonic::transport::Error,
    },
    /// Gave up connecting after the configured number of attempts.
    #[error("gave up connecting to {endpoint} after {attempts} attempts: {last}")]
    ConnectExhausted {
        endpoint: String,
        attempts: u32,
        last: Box<CoreError>,
    },
    /// An RPC (or a stream) ended with a gRPC status.
    #[error("{stage} {rpc}: {status}")]
    Rpc {
        stage: Stage,
        rpc: &'static str,
        status: Box<tonic::Status>,
    },
    /// The service shares no protocol version with core (`protocol.version_unsupported`).
    /// Never retried: core does not use the service until a compatible version is deployed.
    #[error("handshake rejected ({}): {}", failure.r#type, failure.message)]
    HandshakeRejected { failure: Box<Failure> },
    /// The service broke a rule of the stream protocol (more output than credit, an
    /// acknowledgement out of order, a wrong `instruction_id`).
    #[error("protocol violation by the {stage}: {detail}")]
    ProtocolViolation { stage: Stage, detail: String },
    /// The service sent a terminal `failure` (or `end_of_input` with one).
    #[error("{stage} failed ({}): {}", failure.r#type, failure.message)]
    StageFailure { stage: Stage, failure: Box<Failure> },
    /// The stream ended before the protocol said it may.
    #[error("{stage} stream ended unexpectedly: {detail}")]
    StreamEnded { stage: Stage, detail: String },
    /// Waiting for the service took longer than allowed.
    #[error("timed out waiting for the {stage}: {detail}")]
    Timeout { stage: Stage, detail: String },
}

impl CoreError {
    /// Whether reconnecting and resuming can help. Handshake rejections, non-retryable
    /// failures and bad endpoints cannot; transport faults, dropped streams and even protocol
    /// violations (a restarted replica may behave) can.
    pub fn is_retryable(&self) -> bool {
        match self {
            CoreError::InvalidEndpoint { .. } | CoreError::HandshakeRejected { .. } => false,
            CoreError::ConnectExhausted { .. } => false,
            CoreError::StageFailure { failure, .. } => !failure.non_retryable,
            CoreError::Rpc { status, .. } => !matches!(
                status.code(),
                tonic::Code::Unimplemented | tonic::Code::InvalidArgument
            ),
            _ => true,
        }
    }

    pub(crate) fn violation(stage: Stage, detail: impl Into<String>) -> Self {
        CoreError::ProtocolViolation {
            stage,
            detail: detail.into(),
        }
    }

    pub(crate) fn stage_failure(stage: Stage, failure: Failure) -> Self {
        CoreError::StageFailure {
            stage,
            failure: Box::new(failure),
        }
    }
}

pub type Result<T, E = CoreError> = std::result::Result<T, E>;
