//! What can go wrong reading or writing frames.

use crate::common::v1::Failure;
use crate::failure::{FailureExt, types};
use crate::{DecodeError, JsonError};

/// A frame could not be read from or written to a byte stream.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum FrameError {
    /// The declared (when reading) or encoded (when writing) length is over the limit. When
    /// reading, nothing was consumed or allocated and the connection must be closed.
    #[error("frame of {declared} bytes is over the limit of {max} bytes")]
    TooLarge {
        /// The frame's length in bytes, without the 4-byte prefix.
        declared: usize,
        /// The configured maximum.
        max: usize,
    },
    /// The stream ended inside a frame (in its length prefix or its body).
    #[error("stream ended inside a frame: got {received} of {expected} bytes")]
    Truncated {
        /// Bytes the frame needs, prefix included (4 when the prefix itself is cut).
        expected: usize,
        /// Bytes that arrived.
        received: usize,
    },
    /// The message encodes to zero bytes in protobuf, and a zero length means keepalive: the
    /// receiver would drop it. Send [`Keepalive`](super::Keepalive) for a keepalive.
    #[error("cannot frame an empty {message}: a zero length is a keepalive")]
    Empty {
        /// Fully qualified message name.
        message: String,
    },
    /// The frame's bytes are not valid protobuf for the message. The frame was consumed.
    #[error(transparent)]
    Decode(#[from] DecodeError),
    /// The frame's bytes are not valid JSON for the message, or the message cannot be written as
    /// JSON. When reading, the frame was consumed.
    #[error(transparent)]
    Json(#[from] JsonError),
    /// The underlying stream failed.
    #[error("frame I/O failed: {0}")]
    Io(#[from] std::io::Error),
}

impl FrameError {
    /// The failure to send the peer before closing, as `frame.proto` describes: type
    /// `frame.too_large` for [`FrameError::TooLarge`], `frame.invalid` otherwise; non-retryable
    /// except for I/O faults, which a new connection may not meet again.
    pub fn to_failure(&self) -> Failure {
        let r#type = match self {
            FrameError::TooLarge { .. } => types::FRAME_TOO_LARGE,
            _ => types::FRAME_INVALID,
        };
        Failure::from_error(self)
            .with_type(r#type)
            .with_non_retryable(!matches!(self, FrameError::Io(_)))
    }
}
