//! `DiscoveryService` as served by the real `flow-core serve` binary over loopback gRPC, its
//! state in a real SQLite file: leases granted within bounds, renewed, expired, replaced and
//! removed; lists filtered and paged; bad requests refused with the field named; the state
//! surviving `kill -9`.

mod common;

use std::time::Duration;

use common::assert_invalid;
use common::core_under_test::{CoreUnderTest, NEGATIVE, answered, refused};
use flow_proto::common::v1::Role;
use flow_proto::discovery::v1::discovery_service_client::DiscoveryServiceClient;
use flow_proto::discovery::v1::*;
use flow_proto::runtime::v1::ServiceInfo;
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

type Core = CoreUnderTest<DiscoveryServiceClient<Channel>>;

impl Core {
    async fn register(&mut self, request: RegisterServiceRequest) -> RegisterServiceResponse {
        let response = self.client.register_service(request).await;
        response.expect("registered").into_inner()
    }

    async fn renew(&mut self, lease_id: &str) -> Result<RenewLeaseResponse, tonic::Status> {
        let request = RenewLeaseRequest {
            lease_id: lease_id.into(),
        };
        Ok(self.client.renew_lease(request).await?.into_inner())
    }

    async fn deregister(&mut self, lease_id: &str) {
        let request = DeregisterServiceRequest {
            lease_id: lease_id.into(),
            reason: "shutdown".into(),
        };
        self.client.deregister_service(request).await.unwrap();
    }

    async fn listed(&mut self, request: ListServicesRequest) -> ListServicesResponse {
        answered(self.client.list_services(request).await)
    }

    async fn refused_list(&mut self, request: ListServicesRequest) -> tonic::Status {
        refused(self.client.list_services(request).await)
    }

    /// The instance ids of one page, and the next page's token.
    async fn list(&mut self, request: ListServicesRequest) -> (Vec<String>, String) {
        let response = self.listed(request).await;
        let ids = response
            .services
            .iter()
            .map(|s| s.service.as_ref().unwrap().instance_id.clone())
            .collect();
        (ids, response.next_page_token)
    }

    async fn all(&mut self) -> Vec<String> {
        self.list(ListServicesRequest::default()).await.0
    }
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
    let mut core = Core::start(&[], DiscoveryServiceClient::new).await;
    let lease = core
        .register(registration("orders", "i-1", &[Role::Source]))
        .await;
    assert_eq!(uuid_version(&lease.lease_id), 7);
    assert_eq!(seconds(&lease.granted_ttl), 30.0, "the default TTL");
    assert_eq!(seconds(&lease.renew_interval), 10.0, "a third of the TTL");

    let listed = core.listed(ListServicesRequest::default()).await;
    assert_eq!(listed.services.len(), 1);
    let entry = &listed.services[0];
    assert_eq!(entry.endpoint, "dns:///i-1.local:50051");
    assert_eq!(entry.service.as_ref().unwrap().name, "orders");
    assert_eq!(entry.register_time, entry.last_renew_time);
    assert_eq!(entry.expire_time, lease.expire_time);

    tokio::time::sleep(Duration::from_millis(20)).await;
    let renewed = core.renew(&lease.lease_id).await.unwrap();
    assert!(millis(&renewed.expire_time) > millis(&lease.expire_time));
    let after = core.listed(ListServicesRequest::default()).await;
    let entry = &after.services[0];
    assert!(millis(&entry.last_renew_time) > millis(&entry.register_time));
    assert_eq!(entry.expire_time, renewed.expire_time);

    core.deregister(&lease.lease_id).await;
    assert!(core.all().await.is_empty());
    // Idempotent: the lease is gone, deregistering again still succeeds.
    core.deregister(&lease.lease_id).await;
    let gone = core.renew(&lease.lease_id).await.unwrap_err();
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
    let mut core = Core::start(SHORT_LEASES, DiscoveryServiceClient::new).await;
    for (asked, granted) in [(0.01, 1.0), (5.0, 5.0), (3600.0, 60.0)] {
        let request = with_ttl(
            registration("svc", "i-1", &[]),
            Duration::from_secs_f64(asked),
        );
        let lease = core.register(request).await;
        assert_eq!(seconds(&lease.granted_ttl), granted, "asked for {asked} s");
    }
}

#[tokio::test]
async fn an_unrenewed_lease_expires_and_a_renewed_one_stays() {
    let mut core = Core::start(SHORT_LEASES, DiscoveryServiceClient::new).await;
    let forgotten = core.register(registration("svc", "forgotten", &[])).await;
    let kept = core.register(registration("svc", "kept", &[])).await;
    assert_eq!(core.all().await, ["forgotten", "kept"]);

    // Renew `kept` every 250 ms for 2 s: twice its 1 s TTL.
    for _ in 0..8 {
        tokio::time::sleep(Duration::from_millis(250)).await;
        core.renew(&kept.lease_id).await.unwrap();
    }
    assert_eq!(core.all().await, ["kept"]);
    let expired = core.renew(&forgotten.lease_id).await.unwrap_err();
    assert_eq!(expired.code(), Code::NotFound);
    assert!(expired.message().contains("register again"), "{expired:?}");
}

#[tokio::test]
async fn registering_the_same_instance_again_replaces_it() {
    let mut core = Core::start(&[], DiscoveryServiceClient::new).await;
    let first = core
        .register(registration("svc", "i-1", &[Role::Processor]))
        .await;
    let mut again = registration("svc", "i-1", &[Role::Consumer]);
    again.endpoint = "10.0.0.9:7000".into();
    let second = core.register(again).await;
    assert_ne!(first.lease_id, second.lease_id);

    let listed = core.listed(ListServicesRequest::default()).await;
    assert_eq!(listed.services.len(), 1);
    assert_eq!(listed.services[0].endpoint, "10.0.0.9:7000");
    // The roles were replaced too: no stale processor role is left behind.
    let processors = ListServicesRequest {
        roles: vec![Role::Processor as i32],
        ..Default::default()
    };
    assert!(core.list(processors).await.0.is_empty());
    let old = core.renew(&first.lease_id).await.unwrap_err();
    assert_eq!(old.code(), Code::NotFound, "the replaced lease is gone");
    core.renew(&second.lease_id).await.unwrap();
}

#[tokio::test]
async fn lists_filter_by_role_and_name_and_page_in_order() {
    let mut core = Core::start(&[], DiscoveryServiceClient::new).await;
    for (name, instance, roles) in [
        ("sink", "s-2", &[Role::Consumer][..]),
        ("sink", "s-1", &[Role::Consumer]),
        ("etl", "e-1", &[Role::Source, Role::Consumer]),
        ("upper", "u-1", &[Role::Processor]),
        ("upper", "u-2", &[Role::Processor]),
    ] {
        core.register(registration(name, instance, roles)).await;
    }
    assert_eq!(core.all().await, ["e-1", "s-1", "s-2", "u-1", "u-2"]);

    let consumers = |page_token: String| ListServicesRequest {
        roles: vec![Role::Consumer as i32],
        page_size: 2,
        page_token,
        ..Default::default()
    };
    let (page, token) = core.list(consumers(String::new())).await;
    assert_eq!(page, ["e-1", "s-1"]);
    assert!(!token.is_empty());
    let (page, token) = core.list(consumers(token)).await;
    assert_eq!(page, ["s-2"]);
    assert!(token.is_empty(), "the last page has no token");

    let named = |page_token: String| ListServicesRequest {
        name: "upper".into(),
        page_size: 1,
        page_token,
        ..Default::default()
    };
    let (page, token) = core.list(named(String::new())).await;
    assert_eq!(page, ["u-1"]);
    let (page, last) = core.list(named(token.clone())).await;
    assert_eq!(page, ["u-2"]);
    assert!(last.is_empty());

    // A token is bound to the filters it was made with.
    let mismatch = core
        .refused_list(ListServicesRequest {
            name: "sink".into(),
            ..named(token)
        })
        .await;
    assert_invalid(&mismatch, "page_token");
}

#[tokio::test]
async fn bad_requests_are_refused_with_the_field_named() {
    let mut core = Core::start(&[], DiscoveryServiceClient::new).await;

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
        (changed(|r| r.lease_ttl = Some(NEGATIVE)), "lease_ttl"),
        (
            changed(|r| r.service.as_mut().unwrap().version = "v".repeat(100 * 1024)),
            "service",
        ),
    ];
    for (request, field) in cases {
        let refused = core.client.register_service(request).await.unwrap_err();
        assert_invalid(&refused, field);
    }
    assert!(core.all().await.is_empty(), "nothing was registered");

    let empty_lease = core.renew("").await.unwrap_err();
    assert_invalid(&empty_lease, "lease_id");
    let negative_page = core
        .refused_list(ListServicesRequest {
            page_size: -1,
            ..Default::default()
        })
        .await;
    assert_invalid(&negative_page, "page_size");
    let garbage = core
        .refused_list(ListServicesRequest {
            page_token: "not a token".into(),
            ..Default::default()
        })
        .await;
    assert_invalid(&garbage, "page_token");
}

#[tokio::test]
async fn registrations_survive_kill_9() {
    let mut core = Core::start(&[], DiscoveryServiceClient::new).await;
    let lease = core
        .register(registration("svc", "i-1", &[Role::Source]))
        .await;
    // SIGKILL: no shutdown code runs; only what was committed before the answer remains.
    core.crash_and_restart().await;
    assert_eq!(core.all().await, ["i-1"]);
    core.renew(&lease.lease_id)
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
