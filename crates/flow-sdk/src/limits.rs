//! Explicit transport limits, so that no Flow service silently inherits a library default that
//! does not fit a data plane.
//!
//! ```
//! use std::time::Duration;
//! use flow_sdk::Limits;
//!
//! let limits = Limits {
//!     max_decoding_message_size: 32 * 1024 * 1024,
//!     ..Limits::default()
//! };
//! assert_eq!(limits.initial_stream_window_size, 8 * 1024 * 1024);
//! assert!(limits.validate().is_ok());
//! assert!(Limits { http2_keepalive_timeout: Duration::ZERO, ..limits }.validate().is_err());
//! ```

use std::time::Duration;

use crate::ServeError;

const MIB: u32 = 1024 * 1024;
/// The largest HTTP/2 flow-control window (RFC 9113, 6.9.1).
const MAX_WINDOW: u32 = (1 << 31) - 1;

/// Transport limits of a [`crate::FlowServer`]. Every field has a documented default.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// The largest message the server accepts, in bytes. Larger ones fail with `OUT_OF_RANGE`
    /// (tonic's code for it). Default 16 MiB: four times tonic's 4 MiB so that a batch of
    /// a few thousand 1 KiB records fits; Flow's credit, not this limit, bounds memory.
    /// Applied to the services the SDK serves; apply it to services you add with
    /// `max_decoding_message_size(limits.max_decoding_message_size)`.
    pub max_decoding_message_size: usize,
    /// Concurrent HTTP/2 streams per connection. Default 256: a core opens one stream per
    /// pipeline node and a few unary calls; this bounds a misbehaving client.
    pub max_concurrent_streams: u32,
    /// Interval between HTTP/2 pings on an idle connection. Default 30 s: finds a dead core
    /// (or a silently dropped NAT mapping) within a minute instead of at the TCP timeout.
    pub http2_keepalive_interval: Duration,
    /// How long to wait for a ping's answer before closing the connection. Default 10 s.
    pub http2_keepalive_timeout: Duration,
    /// The HTTP/2 receive window per stream, in bytes. Default 8 MiB: with the 64 KiB default a
    /// record stream stalls at about a tenth of what the link carries (`performance.md`).
    pub initial_stream_window_size: u32,
    /// The HTTP/2 receive window per connection, in bytes. Default 8 MiB, for the same reason.
    pub initial_connection_window_size: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_decoding_message_size: 16 * MIB as usize,
            max_concurrent_streams: 256,
            http2_keepalive_interval: Duration::from_secs(30),
            http2_keepalive_timeout: Duration::from_secs(10),
            initial_stream_window_size: 8 * MIB,
            initial_connection_window_size: 8 * MIB,
        }
    }
}

impl Limits {
    /// Checks every field against its range: sizes, counts and durations above zero, windows
    /// at most 2^31 - 1 (HTTP/2's limit).
    pub fn validate(&self) -> Result<(), ServeError> {
        let invalid = |name, reason: &str| {
            Err(ServeError::InvalidLimit {
                name,
                reason: reason.into(),
            })
        };
        if self.max_decoding_message_size == 0 {
            return invalid("max_decoding_message_size", "must be above zero");
        }
        if self.max_concurrent_streams == 0 {
            return invalid("max_concurrent_streams", "must be above zero");
        }
        if self.http2_keepalive_interval.is_zero() {
            return invalid("http2_keepalive_interval", "must be above zero");
        }
        if self.http2_keepalive_timeout.is_zero() {
            return invalid("http2_keepalive_timeout", "must be above zero");
        }
        for (name, window) in [
            (
                "initial_stream_window_size",
                self.initial_stream_window_size,
            ),
            (
                "initial_connection_window_size",
                self.initial_connection_window_size,
            ),
        ] {
            if window == 0 || window > MAX_WINDOW {
                return invalid(name, "must be between 1 and 2^31 - 1 bytes");
            }
        }
        Ok(())
    }

    /// Applies the connection-level limits to a tonic server builder.
    pub(crate) fn apply<L>(
        &self,
        server: tonic::transport::Server<L>,
    ) -> tonic::transport::Server<L> {
        server
            .max_concurrent_streams(self.max_concurrent_streams)
            .http2_keepalive_interval(Some(self.http2_keepalive_interval))
            .http2_keepalive_timeout(Some(self.http2_keepalive_timeout))
            .initial_stream_window_size(self.initial_stream_window_size)
            .initial_connection_window_size(self.initial_connection_window_size)
            // Adaptive windows were measured unstable (59-440 MB/s): keep the fixed ones.
            .http2_adaptive_window(Some(false))
    }
}
