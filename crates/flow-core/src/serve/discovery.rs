//! `DiscoveryService`: registrations that live as long as their lease.
//!
//! Leases are granted within [`LeasePolicy`]'s bounds and renewed at a third of their TTL, so
//! that one lost renewal does not expire them. A lease is live while `now < expire_time`; an
//! expired one is unknown to `RenewLease` at once, leaves `ListServices` at once, and is deleted by
//! [`DiscoveryServer::expire_leases`], which the server runs every second.

use std::sync::Arc;
use std::time::Duration;

use flow_proto::discovery::v1::discovery_service_server::DiscoveryService;
use flow_proto::discovery::v1::{
    DeregisterServiceRequest, DeregisterServiceResponse, ListServicesRequest, ListServicesResponse,
    RegisterServiceRequest, RegisterServiceResponse, RenewLeaseRequest, RenewLeaseResponse,
};
use prost::Message;
use serde::{Deserialize, Serialize};
use tonic::Status;

use super::page_token::{self, PageSize};
use super::status::{InvalidField, duration_field, id_field, length_field, optional_id_field};
use super::unary::unary_rpcs;
use crate::ids::new_id;
use crate::store::{self, DiscoveryStore, NewRegistration, RegistrationQuery, StoreResult};

/// The lease durations core grants.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeasePolicy {
    /// The shortest lease granted; shorter requests get this.
    pub min_ttl: Duration,
    /// The longest lease granted; longer requests get this.
    pub max_ttl: Duration,
    /// The lease granted when the request asks for none.
    pub default_ttl: Duration,
}

impl Default for LeasePolicy {
    fn default() -> Self {
        Self {
            min_ttl: Duration::from_secs(5),
            max_ttl: Duration::from_secs(300),
            default_ttl: Duration::from_secs(30),
        }
    }
}

impl LeasePolicy {
    /// The TTL granted for a request of `asked`.
    pub fn grant(&self, asked: Option<Duration>) -> Duration {
        asked
            .unwrap_or(self.default_ttl)
            .clamp(self.min_ttl, self.max_ttl)
    }

    /// How often a holder of a lease of `ttl` should renew it.
    pub fn renew_interval(ttl: Duration) -> Duration {
        ttl / 3
    }
}

/// `ListServices` pages: the default and the cap the proto names.
pub const PAGES: PageSize = PageSize {
    default: 100,
    max: 1000,
};
/// Longest endpoint accepted, in bytes.
pub const MAX_ENDPOINT_LEN: usize = 2048;
/// Largest `RegisterServiceRequest` accepted, encoded (the manifest and labels are free-form).
pub const MAX_REGISTRATION_BYTES: usize = 64 * 1024;

/// Core's `DiscoveryService` over a [`DiscoveryStore`].
pub struct DiscoveryServer<S> {
    store: Arc<S>,
    policy: LeasePolicy,
}

impl<S: DiscoveryStore> DiscoveryServer<S> {
    pub fn new(store: Arc<S>, policy: LeasePolicy) -> Self {
        Self { store, policy }
    }

    /// Deletes the registrations whose lease has expired; how many.
    pub async fn expire_leases(&self) -> StoreResult<usize> {
        self.store.expire_leases(store::now()).await
    }
}

/// What a `ListServices` page token holds: the filters it was made for and where the page ended.
/// JSON in URL-safe base64: opaque to callers, readable when debugging.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
struct PageToken {
    roles: Vec<i32>,
    name: String,
    after: (String, String),
}

fn check_registration(request: &RegisterServiceRequest) -> Result<Option<Duration>, InvalidField> {
    let Some(service) = &request.service else {
        return Err(InvalidField::new("service", "is required"));
    };
    id_field("service.name", &service.name)?;
    id_field("service.instance_id", &service.instance_id)?;
    if request.endpoint.is_empty() {
        return Err(InvalidField::new("endpoint", "is required"));
    }
    length_field("endpoint", &request.endpoint, MAX_ENDPOINT_LEN)?;
    let size = request.encoded_len();
    if size > MAX_REGISTRATION_BYTES {
        return Err(InvalidField::new(
            "service",
            format!("is {size} bytes encoded, more than the {MAX_REGISTRATION_BYTES} allowed"),
        ));
    }
    duration_field("lease_ttl", request.lease_ttl)
}

fn check_lease_id(lease_id: &str) -> Result<(), Status> {
    if lease_id.is_empty() {
        return Err(InvalidField::new("lease_id", "is required").into());
    }
    Ok(length_field("lease_id", lease_id, crate::ids::MAX_ID_LEN)?)
}

unary_rpcs! {
    impl<S: DiscoveryStore> DiscoveryService for DiscoveryServer<S> {
        register_service(RegisterServiceRequest) -> RegisterServiceResponse;
        renew_lease(RenewLeaseRequest) -> RenewLeaseResponse;
        deregister_service(DeregisterServiceRequest) -> DeregisterServiceResponse;
        list_services(ListServicesRequest) -> ListServicesResponse;
    }
}

/// The RPCs, on plain messages (see [`unary_rpcs!`]).
impl<S: DiscoveryStore> DiscoveryServer<S> {
    async fn register_service(
        &self,
        request: RegisterServiceRequest,
    ) -> Result<RegisterServiceResponse, Status> {
        let ttl = self.policy.grant(check_registration(&request)?);
        let now = store::now();
        let lease_id = new_id();
        self.store
            .put_registration(NewRegistration {
                lease_id: lease_id.clone(),
                request,
                ttl,
                now,
            })
            .await?;
        Ok(RegisterServiceResponse {
            lease_id,
            renew_interval: Some(LeasePolicy::renew_interval(ttl).into()),
            granted_ttl: Some(ttl.into()),
            expire_time: Some((now + ttl).into()),
        })
    }

    async fn renew_lease(&self, request: RenewLeaseRequest) -> Result<RenewLeaseResponse, Status> {
        let lease_id = request.lease_id;
        check_lease_id(&lease_id)?;
        let now = store::now();
        let Some(expire) = self.store.renew_lease(&lease_id, now).await? else {
            return Err(Status::not_found(
                "the lease is unknown or has expired; register again",
            ));
        };
        let ttl = expire.duration_since(now).unwrap_or_default();
        Ok(RenewLeaseResponse {
            expire_time: Some(expire.into()),
            renew_interval: Some(LeasePolicy::renew_interval(ttl).into()),
        })
    }

    async fn deregister_service(
        &self,
        request: DeregisterServiceRequest,
    ) -> Result<DeregisterServiceResponse, Status> {
        check_lease_id(&request.lease_id)?;
        // Unknown or expired leases succeed: the proto makes deregistering idempotent.
        if self.store.remove_lease(&request.lease_id).await? {
            tracing::info!(reason = %request.reason, "service deregistered");
        }
        Ok(DeregisterServiceResponse {})
    }

    async fn list_services(
        &self,
        request: ListServicesRequest,
    ) -> Result<ListServicesResponse, Status> {
        let limit = PAGES.of(request.page_size)?;
        optional_id_field("name", &request.name)?;
        let roles = page_token::filter_set(request.roles);
        let after = page_token::resume(
            &request.page_token,
            "ListServices",
            |token: &PageToken| token.roles == roles && token.name == request.name,
            "roles and name",
        )?
        .map(|token| token.after);
        // One more than the page, to know whether another page follows.
        let mut services = self
            .store
            .list_registrations(
                RegistrationQuery {
                    roles: roles.clone(),
                    name: (!request.name.is_empty()).then(|| request.name.clone()),
                    after,
                    limit: limit + 1,
                },
                store::now(),
            )
            .await?;
        let next_page_token = page_token::cut_page(&mut services, limit, |last| {
            let last = last.service.as_ref();
            let after = last.map(|s| (s.name.clone(), s.instance_id.clone()));
            page_token::encode(&PageToken {
                roles,
                name: request.name,
                after: after.unwrap_or_default(),
            })
        });
        Ok(ListServicesResponse {
            services,
            next_page_token,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leases_are_granted_within_bounds() {
        let policy = LeasePolicy {
            min_ttl: Duration::from_secs(2),
            max_ttl: Duration::from_secs(60),
            default_ttl: Duration::from_secs(10),
        };
        assert_eq!(policy.grant(None), Duration::from_secs(10));
        assert_eq!(
            policy.grant(Some(Duration::from_millis(1))),
            Duration::from_secs(2)
        );
        assert_eq!(
            policy.grant(Some(Duration::from_secs(3600))),
            Duration::from_secs(60)
        );
        assert_eq!(
            policy.grant(Some(Duration::from_secs(20))),
            Duration::from_secs(20)
        );
        assert_eq!(
            LeasePolicy::renew_interval(Duration::from_secs(30)),
            Duration::from_secs(10)
        );
    }
}
