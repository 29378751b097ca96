//! # flow-core
//!
//! Flow core's reference implementation, in three parts:
//!
//! - [`dial`]: the side that dials Flow services: connect with backoff and handshake, drive the
//!   Read/Process/Write streams with the service's rules checked, and run a resumable
//!   source -> processor -> consumer pipeline;
//! - [`serve`]: the services core serves (`DiscoveryService`, `DurableService`,
//!   `EnvironmentService`, with gRPC health and reflection), run by the `flow-core serve` binary;
//! - [`store`]: where the servers keep their state, behind one trait per service, with
//!   [`store::SqliteStore`] as the embedded implementation.
//!
//! [`ids`] holds the one rule for ids, those core makes and those callers supply.

pub mod dial;
pub mod ids;
pub mod serve;
pub mod store;

pub use dial::connection::{ConnectOptions, ServiceConnection, connect, connect_with};
pub use dial::consumer_session::{ConsumerEvent, ConsumerSession};
pub use dial::error::{CoreError, Result, Stage};
pub use dial::new_instruction_id;
pub use dial::pipeline::{
    CommittedCheckpoint, OnCommit, Pipeline, PipelineConfig, PipelineStats, SequenceOf, StageSpec,
};
pub use dial::processor_session::{ProcessorEvent, ProcessorSession};
pub use dial::source_session::{SourceEvent, SourceSession};
/// Reconnection backoff, from `flow-backoff` (shared with the SDK's workers).
pub use flow_backoff::{Backoff, BackoffConfig, JitterSource, SystemJitter};
