//! `flow.discovery.v1.DiscoveryService` (discovery.proto): the kit registers as a Flow service
//! would, under names unique to the run, and checks the lease rules: a registration is listed with
//! its endpoint; registering the same instance again replaces it (one entry, a new lease); renewing
//! extends the lease; an unrenewed lease expires and leaves the list; deregistering removes at
//! once and is idempotent; an unknown lease renews with `NOT_FOUND`; bad requests are
//! `INVALID_ARGUMENT`.

use std::time::Duration;

use flow_proto::discovery::v1::discovery_service_client::DiscoveryServiceClient;
use flow_proto::discovery::v1::*;
use flow_proto::runtime::v1::ServiceInfo;
use tokio::time::Instant;
use tonic::Code;
use tonic::transport::Channel;

use super::{RunIds, SHORT_LEASE, SLACK, nanos, secs, status_text, std_duration};
use crate::Check;
use crate::rpc::{CallError, Ctx};

/// The ids of the discovery checks, in run order.
pub const IDS: [&str; 7] = [
    "core.discovery.register",
    "core.discovery.reregister",
    "core.discovery.renew",
    "core.discovery.lease_expiry",
    "core.discovery.deregister",
    "core.discovery.unknown_lease",
    "core.discovery.invalid_argument",
];

/// How long after its granted TTL an expired lease may still be listed (core sweeps expired
/// leases periodically, typically every second).
pub const EXPIRY_SLACK: Duration = Duration::from_millis(1500);

struct Discovery<'a> {
    ctx: &'a Ctx,
    client: DiscoveryServiceClient<Channel>,
    /// `ServiceInfo.name` of every registration of this run.
    name: String,
}

fn registration(name: &str, instance: &str, endpoint: &str) -> RegisterServiceRequest {
    RegisterServiceRequest {
        service: Some(ServiceInfo {
            name: name.into(),
            instance_id: instance.into(),
            version: "0.0.0-conformance".into(),
            ..Default::default()
        }),
        endpoint: endpoint.into(),
        ..Default::default()
    }
}

impl Discovery<'_> {
    async fn register(
        &mut self,
        request: RegisterServiceRequest,
    ) -> Result<RegisterServiceResponse, CallError> {
        let req = self.ctx.request(request);
        self.ctx.call(self.client.register_service(req)).await
    }

    async fn renew(&mut self, lease_id: &str) -> Result<RenewLeaseResponse, CallError> {
        let req = self.ctx.request(RenewLeaseRequest {
            lease_id: lease_id.into(),
        });
        self.ctx.call(self.client.renew_lease(req)).await
    }

    async fn deregister(&mut self, lease_id: &str) -> Result<(), CallError> {
        let req = self.ctx.request(DeregisterServiceRequest {
            lease_id: lease_id.into(),
            reason: "flow-conformance".into(),
        });
        self.ctx.call(self.client.deregister_service(req)).await?;
        Ok(())
    }

    /// The live registrations named `name` (first page of up to 1000).
    async fn list(&mut self, name: &str) -> Result<Vec<RegisteredService>, CallError> {
        let req = self.ctx.request(ListServicesRequest {
            name: name.into(),
            page_size: 1000,
            ..Default::default()
        });
        Ok(self
            .ctx
            .call(self.client.list_services(req))
            .await?
            .services)
    }

    /// The entries of `instance` among this run's registrations.
    async fn entries(&mut self, instance: &str) -> Result<Vec<RegisteredService>, CallError> {
        let name = self.name.clone();
        Ok(self
            .list(&name)
            .await?
            .into_iter()
            .filter(|s| {
                s.service
                    .as_ref()
                    .is_some_and(|i| i.instance_id == instance)
            })
            .collect())
    }
}

/// Runs the discovery checks.
pub async fn checks(ctx: &Ctx, ids: &RunIds) -> Vec<Check> {
    let mut d = Discovery {
        ctx,
        client: DiscoveryServiceClient::new(ctx.channel.clone()),
        name: ids.name("svc"),
    };
    let mut out = Vec::new();
    let instance = ids.name("instance");
    let first_endpoint = "dns:///first.flow-conformance.invalid:50051";
    let second_endpoint = "second.flow-conformance.invalid:50052";

    let first = register(&mut d, &instance, first_endpoint).await;
    let first = match first {
        Ok(lease) => {
            out.push(Check::pass(
                IDS[0],
                format!("registered {instance} and found it listed with endpoint {first_endpoint}"),
            ));
            Some(lease)
        }
        Err(problem) => {
            out.push(Check::fail(IDS[0], problem));
            None
        }
    };

    let second = match &first {
        None => {
            out.push(Check::skip(IDS[1], "needs core.discovery.register"));
            None
        }
        Some(first) => {
            let (check, lease) = reregister(&mut d, &instance, first, second_endpoint).await;
            out.push(check);
            lease
        }
    };
    // The lease the renew and deregister checks use: the replacement's, else the first.
    let current = second.or(first);
    match &current {
        None => out.push(Check::skip(IDS[2], "needs core.discovery.register")),
        Some(lease) => out.push(renew(&mut d, lease).await),
    }
    out.push(lease_expiry(&mut d, ids).await);
    match &current {
        None => out.push(Check::skip(IDS[4], "needs core.discovery.register")),
        Some(lease) => out.push(deregister(&mut d, &instance, lease).await),
    }
    out.push(unknown_lease(&mut d, ids).await);
    out.push(invalid_argument(&mut d, ids).await);
    out
}

/// Registers `instance` at `endpoint`; the lease, once it is listed there.
async fn register(
    d: &mut Discovery<'_>,
    instance: &str,
    endpoint: &str,
) -> Result<RegisterServiceResponse, String> {
    let name = d.name.clone();
    let lease = d
        .register(registration(&name, instance, endpoint))
        .await
        .map_err(|e| format!("RegisterService({instance}): {e}"))?;
    if lease.lease_id.is_empty() {
        return Err("RegisterService answered an empty lease_id".into());
    }
    if std_duration(&lease.granted_ttl).is_none_or(|d| d.is_zero()) {
        return Err(format!(
            "RegisterService answered granted_ttl {:?}: a lease needs a positive TTL",
            lease.granted_ttl
        ));
    }
    let entries = d
        .entries(instance)
        .await
        .map_err(|e| format!("ListServices(name {name}): {e}"))?;
    match entries.as_slice() {
        [entry] if entry.endpoint == endpoint => Ok(lease),
        [entry] => Err(format!(
            "ListServices lists {instance} with endpoint {:?}, registered with {endpoint:?}",
            entry.endpoint
        )),
        [] => Err(format!(
            "ListServices(name {name}) does not list {instance} right after RegisterService"
        )),
        many => Err(format!(
            "ListServices lists {} entries for the one instance {instance}",
            many.len()
        )),
    }
}

async fn reregister(
    d: &mut Discovery<'_>,
    instance: &str,
    first: &RegisterServiceResponse,
    endpoint: &str,
) -> (Check, Option<RegisterServiceResponse>) {
    let id = IDS[1];
    let name = d.name.clone();
    let second = match d.register(registration(&name, instance, endpoint)).await {
        Ok(lease) => lease,
        Err(e) => {
            let detail = format!("RegisterService of {instance} again (new endpoint): {e}");
            return (Check::fail(id, detail), None);
        }
    };
    let mut problems = Vec::new();
    if second.lease_id.is_empty() || second.lease_id == first.lease_id {
        problems.push(format!(
            "registering the instance again answered the same (or an empty) lease_id, not a new lease{}",
            if second.lease_id.is_empty() { " (empty)" } else { "" }
        ));
    }
    match d.entries(instance).await {
        Err(e) => problems.push(format!("ListServices: {e}")),
        Ok(entries) => match entries.as_slice() {
            [entry] if entry.endpoint == endpoint => {}
            [entry] => problems.push(format!(
                "the entry kept endpoint {:?}; the new registration says {endpoint:?}",
                entry.endpoint
            )),
            [] => problems.push("the instance is no longer listed".into()),
            many => problems.push(format!(
                "{} entries for the one instance {instance}: registering again must replace, not add",
                many.len()
            )),
        },
    }
    if second.lease_id != first.lease_id {
        match d.renew(&first.lease_id).await {
            Err(CallError::Status(s)) if s.code() == Code::NotFound => {}
            Ok(_) => {
                problems
                    .push("the replaced lease still renews; it should be gone (NOT_FOUND)".into());
                // Leave nothing behind for the later checks.
                let _ = d.deregister(&first.lease_id).await;
            }
            Err(e) => problems.push(format!(
                "renewing the replaced lease: want NOT_FOUND, got {e}"
            )),
        }
    }
    let check = Check::from_problems(
        id,
        "registering the same instance again replaced it: one entry with the new endpoint, a new lease, the old lease gone",
        &problems,
    );
    (check, Some(second))
}

async fn renew(d: &mut Discovery<'_>, lease: &RegisterServiceResponse) -> Check {
    let id = IDS[2];
    // Let core's clock move, so a later expiry is visible at millisecond precision.
    tokio::time::sleep(Duration::from_millis(50)).await;
    let renewed = match d.renew(&lease.lease_id).await {
        Ok(r) => r,
        Err(e) => return Check::fail(id, format!("RenewLease of a live lease: {e}")),
    };
    match (nanos(&lease.expire_time), nanos(&renewed.expire_time)) {
        (Some(before), Some(after)) if after > before => Check::pass(
            id,
            format!(
                "RenewLease moved expire_time {} ms later",
                (after - before) / 1_000_000
            ),
        ),
        (Some(_), Some(_)) => Check::fail(
            id,
            format!(
                "RenewLease 50 ms after RegisterService answered expire_time {:?}, not after the registration's {:?}",
                renewed.expire_time, lease.expire_time
            ),
        ),
        _ => Check::fail(
            id,
            format!(
                "expire_time unset (register {:?}, renew {:?})",
                lease.expire_time, renewed.expire_time
            ),
        ),
    }
}

async fn lease_expiry(d: &mut Discovery<'_>, ids: &RunIds) -> Check {
    let id = IDS[3];
    let instance = ids.name("expiring");
    let name = d.name.clone();
    let mut request = registration(&name, &instance, "expiring.flow-conformance.invalid:50053");
    request.lease_ttl = Some(SHORT_LEASE.into());
    let sent = Instant::now();
    let lease = match d.register(request).await {
        Ok(lease) => lease,
        Err(e) => return Check::fail(id, format!("RegisterService with lease_ttl 1s: {e}")),
    };
    let Some(granted) = std_duration(&lease.granted_ttl).filter(|g| !g.is_zero()) else {
        return Check::fail(
            id,
            format!(
                "granted_ttl {:?}: not a positive duration",
                lease.granted_ttl
            ),
        );
    };
    let budget = granted + EXPIRY_SLACK;
    if budget > d.ctx.timeout {
        let _ = d.deregister(&lease.lease_id).await;
        return Check::skip(
            id,
            format!(
                "asked for a 1s lease, core granted {}; waiting for it to expire would exceed --timeout {}",
                secs(granted),
                secs(d.ctx.timeout)
            ),
        );
    }
    loop {
        let elapsed = sent.elapsed();
        let listed = match d.entries(&instance).await {
            Ok(entries) => !entries.is_empty(),
            Err(e) => return Check::fail(id, format!("ListServices: {e}")),
        };
        if !listed {
            if elapsed + SLACK < granted {
                return Check::fail(
                    id,
                    format!(
                        "the registration left the list after {}, before its granted TTL {}",
                        secs(elapsed),
                        secs(granted)
                    ),
                );
            }
            return match d.renew(&lease.lease_id).await {
                Err(CallError::Status(s)) if s.code() == Code::NotFound => Check::pass(
                    id,
                    format!(
                        "a lease granted {} and never renewed left the list within {} and renews with NOT_FOUND",
                        secs(granted),
                        secs(elapsed)
                    ),
                ),
                Ok(_) => Check::fail(
                    id,
                    "the expired registration left the list but its lease still renews (want NOT_FOUND)",
                ),
                Err(e) => Check::fail(
                    id,
                    format!("renewing the expired lease: want NOT_FOUND, got {e}"),
                ),
            };
        }
        if elapsed > budget {
            let _ = d.deregister(&lease.lease_id).await;
            return Check::fail(
                id,
                format!(
                    "a lease granted {} and never renewed is still listed after {}",
                    secs(granted),
                    secs(elapsed)
                ),
            );
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn deregister(
    d: &mut Discovery<'_>,
    instance: &str,
    lease: &RegisterServiceResponse,
) -> Check {
    let id = IDS[4];
    if let Err(e) = d.deregister(&lease.lease_id).await {
        return Check::fail(id, format!("DeregisterService of a live lease: {e}"));
    }
    let mut problems = Vec::new();
    match d.entries(instance).await {
        Ok(entries) if entries.is_empty() => {}
        Ok(entries) => problems.push(format!(
            "still listed ({} entries) right after DeregisterService",
            entries.len()
        )),
        Err(e) => problems.push(format!("ListServices: {e}")),
    }
    if let Err(e) = d.deregister(&lease.lease_id).await {
        problems.push(format!(
            "deregistering a removed lease again must succeed (idempotent), got {e}"
        ));
    }
    Check::from_problems(
        id,
        "DeregisterService removed the registration at once; again it succeeds",
        &problems,
    )
}

async fn unknown_lease(d: &mut Discovery<'_>, ids: &RunIds) -> Check {
    let id = IDS[5];
    // UUID-shaped, like the leases cores hand out, but never handed out.
    let digits: String = format!("{:0>12}", ids.suffix_digits())
        .chars()
        .rev()
        .take(12)
        .collect();
    let lease = format!("00000000-0000-7000-8000-{digits}");
    match d.renew(&lease).await {
        Err(CallError::Status(s)) if s.code() == Code::NotFound => Check::pass(
            id,
            format!(
                "RenewLease of an unknown lease: NOT_FOUND ({})",
                s.message()
            ),
        ),
        Ok(_) => Check::fail(
            id,
            format!("RenewLease of the unknown lease {lease} succeeded; want NOT_FOUND"),
        ),
        Err(e) => Check::fail(
            id,
            format!("RenewLease of the unknown lease {lease}: want NOT_FOUND, got {e}"),
        ),
    }
}

async fn invalid_argument(d: &mut Discovery<'_>, ids: &RunIds) -> Check {
    let id = IDS[6];
    let name = ids.name("invalid");
    let endpoint = "invalid.flow-conformance.invalid:50054";
    let mut problems = Vec::new();
    let cases = [
        ("no service", {
            let mut r = registration(&name, "x", endpoint);
            r.service = None;
            r
        }),
        (
            "an empty service.name",
            registration("", &ids.name("unnamed"), endpoint),
        ),
        (
            "an empty service.instance_id",
            registration(&name, "", endpoint),
        ),
        (
            "an empty endpoint",
            registration(&name, &ids.name("no-endpoint"), ""),
        ),
        ("a negative lease_ttl", {
            let mut r = registration(&name, &ids.name("negative"), endpoint);
            r.lease_ttl = Some(flow_proto::wkt::Duration {
                seconds: -1,
                nanos: 0,
            });
            r
        }),
    ];
    for (what, request) in cases {
        match d.register(request).await {
            Err(CallError::Status(s)) if s.code() == Code::InvalidArgument => {}
            Ok(lease) => {
                let _ = d.deregister(&lease.lease_id).await;
                problems.push(format!("RegisterService with {what} was accepted"));
            }
            Err(CallError::Status(s)) => problems.push(format!(
                "RegisterService with {what}: want INVALID_ARGUMENT, got {}",
                status_text(&s)
            )),
            Err(e) => problems.push(format!("RegisterService with {what}: {e}")),
        }
    }
    match d.renew("").await {
        Err(CallError::Status(s)) if s.code() == Code::InvalidArgument => {}
        Ok(_) => problems.push("RenewLease with an empty lease_id succeeded".into()),
        Err(e) => problems.push(format!(
            "RenewLease with an empty lease_id: want INVALID_ARGUMENT, got {e}"
        )),
    }
    match d.list(&name).await {
        Ok(entries) if entries.is_empty() => {}
        Ok(entries) => problems.push(format!(
            "{} refused registrations are listed",
            entries.len()
        )),
        Err(e) => problems.push(format!("ListServices: {e}")),
    }
    Check::from_problems(
        id,
        "no service, empty name, instance id or endpoint, a negative TTL, an empty lease id: INVALID_ARGUMENT, nothing registered",
        &problems,
    )
}
