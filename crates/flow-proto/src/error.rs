//! Typed errors. Each says which message it was about, so that a log line alone is enough.

/// A protobuf binary input could not be decoded.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DecodeError {
    /// The bytes are not a valid encoding of the message (truncated, bad wire type, bad UTF-8).
    #[error("malformed {message}: {source}")]
    Malformed {
        /// Fully qualified message name.
        message: String,
        /// prost's description of the fault.
        #[source]
        source: prost::DecodeError,
    },
    /// The message type is not in the type registry (an `Any` with an unknown type URL).
    #[error("unknown message type `{0}`: register its descriptors with TypeRegistry")]
    UnknownType(String),
}

/// A JSON input could not be parsed, or a message could not be written as JSON.
#[cfg(feature = "json")]
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum JsonError {
    /// The input is not valid proto3 JSON for the message; `path` points at the offending value
    /// (`records[2].value.data`), empty when the fault is at the root or in the JSON syntax.
    #[error("invalid JSON for {message} at `{path}`: {reason}")]
    Invalid {
        /// Fully qualified message name.
        message: String,
        /// The JSON path of the offending value.
        path: String,
        /// What was wrong there.
        reason: String,
    },
    /// The message cannot be written as JSON (an `Any` whose type is not registered, a Timestamp
    /// or Duration out of the range JSON allows).
    #[error("cannot write {message} as JSON: {reason}")]
    Unrepresentable {
        /// Fully qualified message name.
        message: String,
        /// Why.
        reason: String,
    },
    /// The message type is not in the type registry.
    #[error("unknown message type `{0}`: register its descriptors with TypeRegistry")]
    UnknownType(String),
}
