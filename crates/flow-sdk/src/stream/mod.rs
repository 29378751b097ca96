//! The streaming services: [`Source`], [`Processor`] and [`Consumer`] are small traits a service
//! implements; [`SourceAdapter`], [`ProcessorAdapter`] and [`ConsumerAdapter`] turn them into the
//! generated tonic services that [`crate::FlowServer::add_service`] accepts, and do everything
//! the stream protocols of `source.proto`, `processor.proto` and `consumer.proto` ask around them:
//! handshake gating, the `start` and `instruction_id` rules, credit in both directions (a batch
//! costs its record count and the sum of its records' serialized sizes), batch ids, barrier
//! ordering, drain, progress, and `FAILED_PRECONDITION` on protocol faults.
//!
//! Every stream runs in its own task that writes to a bounded channel; when core disconnects the
//! channel closes, the task ends and the user's code (the source's event stream, the processor's
//! or consumer's run) is dropped.
//!
//! # Server shutdown
//!
//! An adapter built from a [`crate::FlowServer`]'s sessions (or given a [`crate::ShutdownHandle`]
//! with `watch_shutdown`) ends its open streams itself when the server starts shutting down, instead of leaving them to be cut at the
//! hard deadline. `runtime.proto` gives the service the grace period "to finish in-flight work,
//! commit what it can and close its streams", but the stream protocols let only core end the
//! input (`drain`): so a stream stops taking new work, finishes what it holds, lets core commit
//! what it can, and then ends with gRPC status `UNAVAILABLE` ("server shutting down"), a
//! retryable transport-level status, so that core resumes the run from its last committed
//! checkpoint, on another replica. New streams are refused with the same status.
//!
//! - Source: the read stops reading new data (the [`ReadContext::drain_token`] is cancelled),
//!   sends what it has in flight (within credit) and its final checkpoint, and ends once core
//!   reported that checkpoint committed (at once when it sent none). It sends no `end_of_input`,
//!   since the input has not ended: to core that would mean the run is complete.
//! - Processor: no more input credit is granted; every batch received is answered (within
//!   output credit) and every barrier acknowledged, then the stream ends.
//! - Consumer: batches are acknowledged and barriers committed as they arrive, so the stream
//!   ends right after the message being handled; records after the last barrier are sent again
//!   by the next run, as after a drain.
//!
//! A `drain` from core during the shutdown is honoured as usual (ending with `end_of_input` or
//! status OK), and whatever is still open at the hard deadline is cut.

mod adapter;
mod consumer;
pub mod credit;
mod outbox;
mod processor;
mod protocol;
mod source;

use std::time::Duration;

pub use adapter::StreamAdapter;
pub use consumer::{Consumer, ConsumerWriter, WriteError};
pub use processor::{Processed, Processor, ProcessorRun};
pub use protocol::{ConsumerRole, ProcessorRole, SourceRole};
pub use source::{ReadContext, Source, SourceEvent, SourceEvents};

/// Serves a [`Source`] as `flow.source.v1.SourceService`.
pub type SourceAdapter<S> = StreamAdapter<SourceRole, S>;
/// Serves a [`Processor`] as `flow.processor.v1.ProcessorService`.
pub type ProcessorAdapter<P> = StreamAdapter<ProcessorRole, P>;
/// Serves a [`Consumer`] as `flow.consumer.v1.ConsumerService`.
pub type ConsumerAdapter<C> = StreamAdapter<ConsumerRole, C>;

/// `Failure.type` when a record can never be sent because it alone exceeds `max_batch_bytes`.
pub const RECORD_TOO_LARGE: &str = "record.too_large";

/// How the adapters size their buffers. Every field has a documented default.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StreamOptions {
    /// Input records granted to core at start and given back as batches are done (processor,
    /// consumer). Default 1024.
    pub buffer_records: u32,
    /// Input bytes granted likewise. Default 8 MiB: with the 16 MiB message limit, two batches
    /// of the default size fit.
    pub buffer_bytes: u64,
    /// The batch byte limit used when `start` leaves `max_batch_bytes` at 0 (source, processor
    /// output). Default 4 MiB, gRPC's usual message limit.
    pub default_max_batch_bytes: u64,
    /// How often a `progress` is sent while the stream is open (also a sign of life for core).
    /// Default 5 s.
    pub progress_interval: Duration,
}

impl Default for StreamOptions {
    fn default() -> Self {
        StreamOptions {
            buffer_records: 1024,
            buffer_bytes: 8 * 1024 * 1024,
            default_max_batch_bytes: 4 * 1024 * 1024,
            progress_interval: Duration::from_secs(5),
        }
    }
}

/// The status a stream ends with when the server shuts down (see the module docs).
pub(crate) fn shutting_down() -> tonic::Status {
    tonic::Status::unavailable("server shutting down")
}

/// A protocol fault: the stream protocols end the RPC with `FAILED_PRECONDITION`.
pub(crate) fn fault(service: &str, message: impl std::fmt::Display) -> tonic::Status {
    tonic::Status::failed_precondition(format!("{service} protocol fault: {message}"))
}

/// A progress ticker whose first tick is one period away (nothing is due at start).
pub(crate) fn ticker(period: Duration) -> tokio::time::Interval {
    let period = period.max(Duration::from_millis(10));
    let mut interval = tokio::time::interval_at(tokio::time::Instant::now() + period, period);
    interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    interval
}

/// Now, as a protobuf timestamp.
pub(crate) fn now() -> flow_proto::wkt::Timestamp {
    std::time::SystemTime::now().into()
}
