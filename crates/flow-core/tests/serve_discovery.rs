//! `DiscoveryService` as served by the real `flow-core serve` binary over loopback gRPC, its
//! state in a real SQLite file: leases granted within bounds, renewed, expired, replaced and
//! removed; lists filtered and paged; bad requests refused with the field named; the state
//! surviving `kill -9`.

mod common;

use std::time::Duration;

use common::{ServiceProcess, start_core};
use flow_proto::common::v1::{Diagnostic, Role};
use flow_proto::diagnostic::AttributePathExt;
use flow_proto::discovery::v1::discovery_service_client::DiscoveryServiceClient;
use flow_proto::discovery::v1::*;
use flow_proto::failure::FailureExt;
use flow_proto::runtime::v1::ServiceInfo;
use flow_proto::status::failure_from_status;
use tonic::Code;
use tonic::transport::Channel;

/// Short leases so that expiry is seen within a test: 1 s to 60 s, 1 s by default.
const SHORT_LEASES: &[&str] = &[
    "--min-lease-ttl",
    "1s",
    "--default-lease-ttl",
    "1s",
    "--max-lease-ttl",
    "60s",
];

async fn client(core: &ServiceProcess) -> DiscoveryServiceClient<Channel> {
    DiscoveryServiceClient::connect(format!("http://{}", core.addr))
        .await
        .expect("dial flow-core")
}

fn registration(name: &str, instance: &str, roles: &[Role]) -> RegisterServiceRequest {
    RegisterServiceRequest {
        service: Some(ServiceInfo {
            name: name.into(),
            instance_id: instance.into(),
            version: "1.0.0".into(),
            roles: roles.iter().map(|r| *r as i32).collect(),
            ..Default::default()
        }),
        endpoint: format!("dns:///{instance}.local:50051"),
        ..Default::default()
    }
}

fn with_ttl(mut request: RegisterServiceRequest, ttl: Duration) -> RegisterServiceRequest {
    request.lease_ttl = Some(ttl.into());
    request
}

async fn list(
    client: &mut DiscoveryServiceClient<Channel>,
    request: ListServicesRequest,
) -> (Vec<String>, String) {
    let response = client.list_services(request).await.unwrap().into_inner();
    let ids = response
        .services
        .iter()
        .map(|s| s.service.as_ref().unwrap().instance_id.clone())
        .collect();
    (ids, response.next_page_token)
}

async fn all(client: &mut DiscoveryServiceClient<Channel>) -> Vec<String> {
    list(client, ListServicesRequest::default()).await.0
}

fn millis(t: &Option<flow_proto::wkt::Timestamp>) -> i64 {
    let t = t.as_ref().unwrap();
    t.seconds * 1000 + i64::from(t.nanos) / 1_000_000
}

fn seconds(d: &Option<flow_proto::wkt::Duration>) -> f64 {
    let d = d.as_ref().unwrap();
    d.seconds as f64 + d.nanos as f64 / 1e9
}

#[tokio::test]
async fn register_list_renew_deregister() {
    let data = tempfile::tempdir().unwrap();
    let core = start_core(data.path(), &[]).await;
    let mut client = client(&core).await;

    let lease = client
        .register_service(registration("orders", "i-1", &[Role::Source]))
        .await
        .unwrap()
        .into_inner();
    assert_eq!(uuid_version(&lease.lease_id), 7);
    assert_eq!(seconds(&lease.granted_ttl), 30.0, "the default TTL");
    assert_eq!(seconds(&lease.renew_interval), 10.0, "a third of the TTL");

    let listed = client
        .list_services(ListServicesRequest::default())
        .await
        .unwrap()
        .into_inner();
    assert_eq!(listed.services.len(), 1);
    let entry = &listed.services[0];
    assert_eq!(entry.endpoint, "dns:///i-1.local:50051");
    assert_eq!(entry.service.as_ref().unwrap().name, "orders");
    assert_eq!(entry.register_time, entry.last_renew_time);
    assert_eq!(entry.expire_time, lease.expire_time);

    tokio::time::sleep(Duration::from_millis(20)).await;
    let renewed = client
        .renew_lease(RenewLeaseRequest {
            lease_id: lease.lease_id.clone(),
        })
        .await
        .unwrap()
        .into_inner();
    assert!(millis(&renewed.expire_time) > millis(&lease.expire_time));
    let after = client
        .list_services(ListServicesRequest::default())
        .await
        .unwrap()
        .into_inner();
    let entry = &after.services[0];
    assert!(millis(&entry.last_renew_time) > millis(&entry.register_time));
    assert_eq!(entry.expire_time, renewed.expire_time);

    client
        .deregister_service(DeregisterServiceRequest {
            lease_id: lease.lease_id.clone(),
            reason: "shutdown".into(),
        })
        .await
        .unwrap();
    assert!(all(&mut client).await.is_empty());
    // Idempotent: the lease is gone, deregistering again still succeeds.
    client
        .deregister_service(DeregisterServiceRequest {
            lease_id: lease.lease_id.clone(),
            reason: "retry".into(),
        })
        .await
        .unwrap();
    let gone = client
        .renew_lease(RenewLeaseRequest {
            lease_id: lease.lease_id,
        })
        .await
        .unwrap_err();
    assert_eq!(gone.code(), Code::NotFound);
}

fn uuid_version(id: &str) -> u32 {
    // 8-4-4-4-12 hex digits; the version is the first digit of the third group.
    let groups: Vec<&str> = id.split('-').collect();
    assert_eq!(groups.len(), 5, "{id} is not a UUID");
    groups[2][..1].parse().unwrap()
}

#[tokio::test]
async fn granted_ttl_stays_within_the_bounds() {
    let data = tempfile::tempdir().unwrap();
    let core = start_core(data.path(), SHORT_LEASES).await;
    let mut client = client(&core).await;
    for (asked, granted) in [(0.01, 1.0), (5.0, 5.0), (3600.0, 60.0)] {
        let lease = client
            .register_service(with_ttl(
                registration("svc", "i-1", &[]),
                Duration::from_secs_f64(asked),
            ))
            .await
            .unwrap()
            .into_inner();
        assert_eq!(seconds(&lease.granted_ttl), granted, "asked for {asked} s");
    }
}

#[tokio::test]
async fn an_unrenewed_lease_expires_and_a_renewed_one_stays() {
    let data = tempfile::tempdir().unwrap();
    let core = start_core(data.path(), SHORT_LEASES).await;
    let mut client = client(&core).await;
    let forgotten = client
        .register_service(registration("svc", "forgotten", &[]))
        .await
        .unwrap()
        .into_inner();
    let kept = client
        .register_service(registration("svc", "kept", &[]))
        .await
        .unwrap()
        .into_inner();
    assert_eq!(all(&mut client).await, ["forgotten", "kept"]);

    // Renew `kept` every 250 ms for 2 s, eight times its renew interval... and twice its TTL.
    for _ in 0..8 {
        tokio::time::sleep(Duration::from_millis(250)).await;
        client
            .renew_lease(RenewLeaseRequest {
                lease_id: kept.lease_id.clone(),
            })
            .await
            .unwrap();
    }
    assert_eq!(all(&mut client).await, ["kept"]);
    let expired = client
        .renew_lease(RenewLeaseRequest {
            lease_id: forgotten.lease_id,
        })
        .await
        .unwrap_err();
    assert_eq!(expired.code(), Code::NotFound);
    assert!(expired.message().contains("register again"), "{expired:?}");
}

#[tokio::test]
async fn registering_the_same_instance_again_replaces_it() {
    let data = tempfile::tempdir().unwrap();
    let core = start_core(data.path(), &[]).await;
    let mut client = client(&core).await;
    let first = client
        .register_service(registration("svc", "i-1", &[Role::Processor]))
        .await
        .unwrap()
        .into_inner();
    let mut again = registration("svc", "i-1", &[Role::Consumer]);
    again.endpoint = "10.0.0.9:7000".into();
    let second = client.register_service(again).await.unwrap().into_inner();
    assert_ne!(first.lease_id, second.lease_id);

    let listed = client
        .list_services(ListServicesRequest::default())
        .await
        .unwrap()
        .into_inner();
    assert_eq!(listed.services.len(), 1);
    assert_eq!(listed.services[0].endpoint, "10.0.0.9:7000");
    // The roles were replaced too: no stale processor role is left behind.
    let processors = list(
        &mut client,
        ListServicesRequest {
            roles: vec![Role::Processor as i32],
            ..Default::default()
        },
    )
    .await;
    assert!(processors.0.is_empty());
    let old = client
        .renew_lease(RenewLeaseRequest {
            lease_id: first.lease_id,
        })
        .await
        .unwrap_err();
    assert_eq!(old.code(), Code::NotFound, "the replaced lease is gone");
    client
        .renew_lease(RenewLeaseRequest {
            lease_id: second.lease_id,
        })
        .await
        .unwrap();
}

#[tokio::test]
async fn lists_filter_by_role_and_name_and_page_in_order() {
    let data = tempfile::tempdir().unwrap();
    let core = start_core(data.path(), &[]).await;
    let mut client = client(&core).await;
    for (name, instance, roles) in [
        ("sink", "s-2", &[Role::Consumer][..]),
        ("sink", "s-1", &[Role::Consumer]),
        ("etl", "e-1", &[Role::Source, Role::Consumer]),
        ("upper", "u-1", &[Role::Processor]),
        ("upper", "u-2", &[Role::Processor]),
    ] {
        client
            .register_service(registration(name, instance, roles))
            .await
            .unwrap();
    }
    assert_eq!(all(&mut client).await, ["e-1", "s-1", "s-2", "u-1", "u-2"]);

    let consumers = |page_token: String| ListServicesRequest {
        roles: vec![Role::Consumer as i32],
        page_size: 2,
        page_token,
        ..Default::default()
    };
    let (page, token) = list(&mut client, consumers(String::new())).await;
    assert_eq!(page, ["e-1", "s-1"]);
    assert!(!token.is_empty());
    let (page, token) = list(&mut client, consumers(token)).await;
    assert_eq!(page, ["s-2"]);
    assert!(token.is_empty(), "the last page has no token");

    let named = ListServicesRequest {
        name: "upper".into(),
        page_size: 1,
        ..Default::default()
    };
    let (page, token) = list(&mut client, named.clone()).await;
    assert_eq!(page, ["u-1"]);
    let (page, token) = list(
        &mut client,
        ListServicesRequest {
            page_token: token,
            ..named.clone()
        },
    )
    .await;
    assert_eq!(page, ["u-2"]);
    assert!(token.is_empty());

    // A token is bound to the filters it was made with.
    let (_, token) = list(&mut client, named).await;
    let mismatch = client
        .list_services(ListServicesRequest {
            name: "sink".into(),
            page_token: token,
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert_invalid(&mismatch, "page_token");
}

/// `INVALID_ARGUMENT`, a non-retryable Failure, and a Diagnostic whose path is `field`.
fn assert_invalid(status: &tonic::Status, field: &str) {
    assert_eq!(status.code(), Code::InvalidArgument, "{status:?}");
    assert!(status.message().starts_with(field), "{}", status.message());
    let failure = failure_from_status(status);
    assert!(failure.non_retryable);
    let diagnostic = failure
        .details_of::<Diagnostic>()
        .next()
        .expect("a Diagnostic detail")
        .unwrap();
    assert_eq!(
        diagnostic.attribute.unwrap().display().to_string(),
        field,
        "{status:?}"
    );
}

#[tokio::test]
async fn bad_requests_are_refused_with_the_field_named() {
    let data = tempfile::tempdir().unwrap();
    let core = start_core(data.path(), &[]).await;
    let mut client = client(&core).await;

    /// A registration of `svc`/`i-1` with one change.
    fn changed(change: impl FnOnce(&mut RegisterServiceRequest)) -> RegisterServiceRequest {
        let mut request = registration("svc", "i-1", &[]);
        change(&mut request);
        request
    }
    let cases = [
        (RegisterServiceRequest::default(), "service"),
        (registration("", "i-1", &[]), "service.name"),
        (registration("svc", "", &[]), "service.instance_id"),
        (registration("svc", "has space", &[]), "service.instance_id"),
        (
            registration("svc", &"x".repeat(129), &[]),
            "service.instance_id",
        ),
        (changed(|r| r.endpoint.clear()), "endpoint"),
        (changed(|r| r.endpoint = "h".repeat(3000)), "endpoint"),
        (
            changed(|r| {
                r.lease_ttl = Some(flow_proto::wkt::Duration {
                    seconds: -1,
                    nanos: 0,
                })
            }),
            "lease_ttl",
        ),
        (
            changed(|r| r.service.as_mut().unwrap().version = "v".repeat(100 * 1024)),
            "service",
        ),
    ];
    for (request, field) in cases {
        let refused = client.register_service(request).await.unwrap_err();
        assert_invalid(&refused, field);
    }
    assert!(all(&mut client).await.is_empty(), "nothing was registered");

    let empty_lease = client
        .renew_lease(RenewLeaseRequest::default())
        .await
        .unwrap_err();
    assert_invalid(&empty_lease, "lease_id");
    let negative_page = client
        .list_services(ListServicesRequest {
            page_size: -1,
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert_invalid(&negative_page, "page_size");
    let garbage = client
        .list_services(ListServicesRequest {
            page_token: "not a token".into(),
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert_invalid(&garbage, "page_token");
}

#[tokio::test]
async fn registrations_survive_kill_9() {
    let data = tempfile::tempdir().unwrap();
    let mut core = start_core(data.path(), &[]).await;
    let mut first = client(&core).await;
    let lease = first
        .register_service(registration("svc", "i-1", &[Role::Source]))
        .await
        .unwrap()
        .into_inner();
    // SIGKILL: no shutdown code runs; only what was committed before the answer remains.
    core.kill().await;

    let core = start_core(data.path(), &[]).await;
    let mut second = client(&core).await;
    assert_eq!(all(&mut second).await, ["i-1"]);
    second
        .renew_lease(RenewLeaseRequest {
            lease_id: lease.lease_id,
        })
        .await
        .expect("the lease survived the restart");
}

#[tokio::test]
async fn a_database_from_a_newer_core_is_refused_at_start() {
    let data = tempfile::tempdir().unwrap();
    rusqlite::Connection::open(data.path().join("core.db"))
        .unwrap()
        .pragma_update(None, "user_version", 999)
        .unwrap();
    let output = tokio::process::Command::new(env!("CARGO_BIN_EXE_flow-core"))
        .args(["serve", "--listen", "127.0.0.1:0", "--data"])
        .arg(data.path())
        .output()
        .await
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("newer than this flow-core"), "{stderr}");
}
