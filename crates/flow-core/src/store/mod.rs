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

mod migrations;
mod sqlite;

use std::error::Error;
use std::time::{Duration, SystemTime};

use flow_proto::discovery::v1::{RegisterServiceRequest, RegisteredService};

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

/// One registration as the discovery server writes it.
#[derive(Debug, Clone, PartialEq)]
pub struct NewRegistration {
    /// The lease's secret id.
    pub lease_id: String,
    /// What the service sent; `lease_ttl` is ignored (the granted one is `ttl`).
    pub request: RegisterServiceRequest,
    /// The lease duration granted.
    pub ttl: Duration,
    /// Registration time; the lease expires at `now + ttl` unless renewed.
    pub now: SystemTime,
}

/// Which live registrations [`DiscoveryStore::list_registrations`] returns.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RegistrationQuery {
    /// Only registrations playing at least one of these roles (`flow.common.v1.Role` values);
    /// empty means all.
    pub roles: Vec<i32>,
    /// Only registrations with exactly this service name.
    pub name: Option<String>,
    /// Only registrations after this `(name, instance_id)` in list order (the page cursor).
    pub after: Option<(String, String)>,
    /// At most this many.
    pub limit: usize,
}

/// The state of `DiscoveryService`: registrations and their leases.
#[tonic::async_trait]
pub trait DiscoveryStore: Send + Sync + 'static {
    /// Writes `registration` in place of any registration of the same instance id (whose lease
    /// stops being valid).
    async fn put_registration(&self, registration: NewRegistration) -> StoreResult<()>;

    /// Extends the live lease `lease_id` to expire `ttl` (its granted TTL) after `now`; the new
    /// expiry, or `None` when the lease is unknown or expired.
    async fn renew_lease(&self, lease_id: &str, now: SystemTime)
    -> StoreResult<Option<SystemTime>>;

    /// Removes the registration of `lease_id`, if any; whether there was one.
    async fn remove_lease(&self, lease_id: &str) -> StoreResult<bool>;

    /// The registrations live at `now` that match `query`, ordered by service name then instance
    /// id.
    async fn list_registrations(
        &self,
        query: RegistrationQuery,
        now: SystemTime,
    ) -> StoreResult<Vec<RegisteredService>>;

    /// Deletes every registration whose lease expired before `now`; how many.
    async fn expire_leases(&self, now: SystemTime) -> StoreResult<usize>;
}
