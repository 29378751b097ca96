//! # flow-core
//!
//! Core's side of the Flow protocol as a library:
//!
//! - [`Backoff`]: reconnection delays (1 s, x1.6, +-20% jitter, 120 s cap), from `flow-backoff`,
//!   which the SDK's workers share;
//! - [`connection`]: dial with backoff, `GetServiceInfo`, `Handshake`;
//! - [`processor_session`], [`consumer_session`], [`source_session`]: each stream as core
//!   speaks it, with the service's side of the rules checked;
//! - [`pipeline`]: source -> processor -> consumer with checkpoints as barriers, resumed from
//!   the last committed checkpoint after any failure.

pub mod connection;
pub mod consumer_session;
pub mod credit;
mod duplex;
pub mod error;
pub mod pipeline;
pub mod processor_session;
mod session;
pub mod source_session;

pub use connection::{ConnectOptions, ServiceConnection, connect, connect_with};
pub use consumer_session::{ConsumerEvent, ConsumerSession};
pub use duplex::new_instruction_id;
pub use error::{CoreError, Result, Stage};
/// Reconnection backoff, from `flow-backoff` (shared with the SDK's workers).
pub use flow_backoff::{Backoff, BackoffConfig, JitterSource, SystemJitter};
pub use pipeline::{
    CommittedCheckpoint, OnCommit, Pipeline, PipelineConfig, PipelineStats, SequenceOf, StageSpec,
};
pub use processor_session::{ProcessorEvent, ProcessorSession};
pub use source_session::{SourceEvent, SourceSession};
