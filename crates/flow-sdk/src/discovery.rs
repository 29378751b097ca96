//! Registering with core's `DiscoveryService` and staying registered: core forgets a service
//! whose lease is not renewed within its TTL, so a service renews for as long as it runs and
//! deregisters when it stops.
//!
//! [`Registration::register`] returns once core granted the first lease (a refusal or an
//! unreachable core is an error, so that a misconfigured service learns so at start). A task
//! then renews at [`RENEW_FRACTION`] of the granted TTL (or core's shorter `renew_interval`),
//! backs off while core is unreachable, and registers again (the same request, so the same
//! instance id replaces any leftover) when core answers `NOT_FOUND` because the lease expired
//! meanwhile. [`Registration::deregister`] stops the task and deregisters; dropping a
//! registration only stops renewing, and the lease runs out on its own. The Go and TypeScript
//! clients (`services/go-processor/discovery`, `services/ts-consumer/src/discovery.ts`) behave
//! the same, with the same constants.
//!
//! ```no_run
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! use flow_proto::discovery::v1::RegisterServiceRequest;
//! use flow_proto::runtime::v1::ServiceInfo;
//! use flow_sdk::discovery::Registration;
//!
//! let core = tonic::transport::Endpoint::from_static("http://127.0.0.1:7233").connect_lazy();
//! let request = RegisterServiceRequest {
//!     service: Some(ServiceInfo { name: "resizer".into(), instance_id: "host-1".into(), ..Default::default() }),
//!     endpoint: "http://10.0.0.7:50051".into(),
//!     ..Default::default()
//! };
//! let registration = Registration::register(core, request).await?;
//! // ... serve ...
//! registration.deregister().await?;
//! # Ok(()) }
//! ```

use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use flow_backoff::{Backoff, BackoffConfig};
use flow_proto::discovery::v1::discovery_service_client::DiscoveryServiceClient;
use flow_proto::discovery::v1::{
    DeregisterServiceRequest, RegisterServiceRequest, RegisterServiceResponse, RenewLeaseRequest,
};
use tokio_util::sync::CancellationToken;
use tonic::Code;
use tonic::transport::Channel;

/// The share of the granted TTL after which the lease is renewed: a third leaves room for two
/// more attempts (with backoff) before the lease runs out, so one lost renewal never expires it.
pub const RENEW_FRACTION: f64 = 1.0 / 3.0;

/// Sent with `DeregisterService`, for core's logs.
pub const DEREGISTER_REASON: &str = "shutdown";

/// How renewals back off while core is unreachable: from 100 ms, x1.6, up to 5 s, +-20%
/// (the Go and TypeScript clients use the same numbers).
pub const RENEW_BACKOFF: BackoffConfig = BackoffConfig {
    initial: Duration::from_millis(100),
    multiplier: 1.6,
    jitter: 0.2,
    max: Duration::from_secs(5),
};

/// What the renewing task and the owner share.
#[derive(Debug, Default)]
struct Lease {
    lease_id: String,
    /// Renew after this long.
    interval: Duration,
    /// Times the lease was lost and the service registered again.
    registered_again: u32,
}

/// A live registration with core. Renews in the background until deregistered or dropped.
pub struct Registration {
    client: DiscoveryServiceClient<Channel>,
    lease: Arc<Mutex<Lease>>,
    stop: CancellationToken,
    renewing: tokio::task::JoinHandle<()>,
}

impl std::fmt::Debug for Registration {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Registration")
            .field("lease", &self.lease)
            .finish_non_exhaustive()
    }
}

/// When to renew a lease core granted.
fn renew_interval(response: &RegisterServiceResponse) -> Duration {
    let ttl = response
        .granted_ttl
        .and_then(|d| Duration::try_from(d).ok())
        .unwrap_or(Duration::from_secs(30));
    let ours = ttl.mul_f64(RENEW_FRACTION);
    let cores = response
        .renew_interval
        .and_then(|d| Duration::try_from(d).ok())
        .filter(|d| !d.is_zero());
    cores.map_or(ours, |cores| cores.min(ours))
}

fn lock(lease: &Mutex<Lease>) -> std::sync::MutexGuard<'_, Lease> {
    lease.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Registration {
    /// Registers `request` with core over `channel` and starts renewing.
    pub async fn register(
        channel: Channel,
        request: RegisterServiceRequest,
    ) -> Result<Self, tonic::Status> {
        let mut client = DiscoveryServiceClient::new(channel);
        let granted = client.register_service(request.clone()).await?.into_inner();
        let lease = Arc::new(Mutex::new(Lease {
            lease_id: granted.lease_id.clone(),
            interval: renew_interval(&granted),
            registered_again: 0,
        }));
        let stop = CancellationToken::new();
        let renewing = tokio::spawn(renew(
            client.clone(),
            request,
            Arc::clone(&lease),
            stop.clone(),
        ));
        Ok(Self {
            client,
            lease,
            stop,
            renewing,
        })
    }

    /// The current lease's id (it changes when the lease was lost and registered again).
    pub fn lease_id(&self) -> String {
        lock(&self.lease).lease_id.clone()
    }

    /// How many times the lease was lost (core restarted with an empty state, or renewals failed
    /// for longer than the TTL) and the service registered again.
    pub fn registered_again(&self) -> u32 {
        lock(&self.lease).registered_again
    }

    /// Stops renewing and deregisters.
    pub async fn deregister(mut self) -> Result<(), tonic::Status> {
        self.stop.cancel();
        let _ = (&mut self.renewing).await;
        let request = DeregisterServiceRequest {
            lease_id: self.lease_id(),
            reason: DEREGISTER_REASON.into(),
        };
        self.client.deregister_service(request).await?;
        Ok(())
    }
}

impl Drop for Registration {
    fn drop(&mut self) {
        self.stop.cancel();
        self.renewing.abort();
    }
}

/// Renews the lease until `stop`; registers again when core no longer knows it.
async fn renew(
    mut client: DiscoveryServiceClient<Channel>,
    request: RegisterServiceRequest,
    lease: Arc<Mutex<Lease>>,
    stop: CancellationToken,
) {
    let mut backoff = Backoff::new(RENEW_BACKOFF);
    let mut wait = lock(&lease).interval;
    loop {
        tokio::select! {
            () = stop.cancelled() => return,
            () = tokio::time::sleep(wait) => {}
        }
        let lease_id = lock(&lease).lease_id.clone();
        let renewed = client.renew_lease(RenewLeaseRequest { lease_id }).await;
        wait = match renewed {
            Ok(_) => {
                backoff.reset();
                lock(&lease).interval
            }
            Err(status) if status.code() == Code::NotFound => {
                match client.register_service(request.clone()).await {
                    Ok(granted) => {
                        let granted = granted.into_inner();
                        let mut lease = lock(&lease);
                        lease.lease_id = granted.lease_id.clone();
                        lease.interval = renew_interval(&granted);
                        lease.registered_again += 1;
                        tracing::warn!("discovery lease was lost; registered again");
                        backoff.reset();
                        lease.interval
                    }
                    Err(status) => {
                        tracing::warn!(%status, "cannot register again with core");
                        backoff.next_delay().min(lock(&lease).interval)
                    }
                }
            }
            Err(status) => {
                tracing::warn!(%status, "cannot renew the discovery lease");
                // Never wait longer than a renewal interval between tries.
                backoff.next_delay().min(lock(&lease).interval)
            }
        };
    }
}
