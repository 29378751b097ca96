//! Where core keeps what it must not forget: one interface per service's state, so that the
//! servers never see SQL, and [`SqliteStore`], the embedded implementation `flow-core serve`
//! uses.
//!
//! A deployment that outgrows one machine implements these traits over a shared database (for
//! example PostgreSQL, with the same tables and `SELECT ... FOR UPDATE SKIP LOCKED` for the task
//! queue); the servers and their tests stay as they are.
//!
//! Every method is one transaction: when it returns `Ok`, what it wrote is durable (SQLite in
//! WAL mode with `synchronous = FULL`), so a server may acknowledge it.

mod discovery;
mod durable;
mod environment;
mod execution;
mod migrations;
mod sqlite;

use std::error::Error;
use std::time::{Duration, SystemTime};

pub use discovery::{DiscoveryStore, NewRegistration, RegistrationQuery};
pub use durable::{DurableStore, Registration, Save, SignalSent};
pub use environment::{EnvironmentStore, ImagePut, InstanceQuery, SupervisedInstance};
pub use execution::{
    AttemptEnd, AttemptState, Beat, CancelAsked, CancelState, Cancelled, Claim, EndReason,
    Enqueued, ExecutionStatus, ExecutionStore, Finish, NewExecution, Next, Overdue,
};
pub use migrations::{MIGRATIONS, MigrationError};
pub use sqlite::{OpenError, SqliteOptions, SqliteStore};

/// Core's clock, at the precision the store keeps times in (milliseconds): a time a server
/// answers with is then exactly the one a later read of the store gives back.
pub fn now() -> SystemTime {
    let since = SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    std::time::UNIX_EPOCH + Duration::from_millis(since.as_millis() as u64)
}

/// Every service's state: what [`crate::serve::CoreServer`] serves from.
pub trait CoreStore: DiscoveryStore + DurableStore + EnvironmentStore + ExecutionStore {}

impl<S: DiscoveryStore + DurableStore + EnvironmentStore + ExecutionStore> CoreStore for S {}

/// Why a store call failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database cannot take the call now (disk full, locked by another process, an I/O
    /// error). Nothing was written; the caller may retry later (gRPC `UNAVAILABLE`).
    #[error("storage unavailable: {0}")]
    Unavailable(#[source] Box<dyn Error + Send + Sync>),
    /// The database or its contents are not what this core expects (a bug or a corrupt file).
    #[error("storage failed: {0}")]
    Internal(#[source] Box<dyn Error + Send + Sync>),
}

/// Results of store calls.
pub type StoreResult<T> = Result<T, StoreError>;
