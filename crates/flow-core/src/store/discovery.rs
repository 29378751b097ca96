//! The state of `DiscoveryService`: registrations and their leases.

use std::time::{Duration, SystemTime};

use flow_proto::discovery::v1::{RegisterServiceRequest, RegisteredService};

use super::StoreResult;

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
