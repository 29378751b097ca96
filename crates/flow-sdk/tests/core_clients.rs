//! `flow_sdk::discovery` and `flow_sdk::durable` against Flow's reference core (`flow-core`,
//! in this process) over real loopback gRPC, its state in a real SQLite file: a registration
//! renews past its TTL, registers again when its lease was lost, disappears when deregistered or
//! abandoned; a durable instance checkpoints, conflicts when stale, gets each signal once, and
//! resumes after core restarts on the same database.

use std::time::Duration;

use flow_core::serve::{CoreConfig, LocalCore};
use flow_proto::common::v1::outcome::{Outcome as Kind, Success};
use flow_proto::common::v1::{Outcome, Payload, Role};
use flow_proto::discovery::v1::discovery_service_client::DiscoveryServiceClient;
use flow_proto::discovery::v1::{
    DeregisterServiceRequest, ListServicesRequest, RegisterServiceRequest,
};
use flow_proto::durable::v1::durable_service_client::DurableServiceClient;
use flow_proto::durable::v1::{RegisterInstanceRequest, SignalInstanceRequest};
use flow_proto::runtime::v1::ServiceInfo;
use flow_sdk::discovery::Registration;
use flow_sdk::durable::{DurableError, Instance};
use tonic::transport::{Channel, Endpoint};

/// `flow-core`'s servers in this process on a loopback port, over `data`; 1 s leases.
struct Core {
    channel: Channel,
    local: LocalCore,
}

impl Core {
    async fn start(data: &std::path::Path) -> Self {
        let local = LocalCore::start(data, CoreConfig::quick()).await.unwrap();
        let channel = Endpoint::from_shared(local.url().to_owned())
            .unwrap()
            .connect()
            .await
            .unwrap();
        Self { channel, local }
    }

    /// Stops serving and closes the database (what a crash leaves is what was committed).
    async fn stop(self) {
        self.local.stop().await;
    }

    async fn register(&self, instance_id: &str) -> Registration {
        let request = registration_request(instance_id);
        let registration = Registration::register(self.channel.clone(), request).await;
        registration.expect("registered")
    }

    async fn listed(&self) -> Vec<String> {
        let mut client = DiscoveryServiceClient::new(self.channel.clone());
        let listed = client
            .list_services(ListServicesRequest::default())
            .await
            .unwrap()
            .into_inner();
        listed
            .services
            .into_iter()
            .map(|s| s.service.unwrap().instance_id)
            .collect()
    }
}

fn registration_request(instance_id: &str) -> RegisterServiceRequest {
    RegisterServiceRequest {
        service: Some(ServiceInfo {
            name: "resizer".into(),
            instance_id: instance_id.into(),
            version: "1.0.0".into(),
            roles: vec![Role::Processor as i32],
            ..Default::default()
        }),
        endpoint: "http://127.0.0.1:1".into(),
        ..Default::default()
    }
}

#[tokio::test]
async fn a_registration_renews_past_its_ttl_and_is_gone_once_deregistered() {
    let data = tempfile::tempdir().unwrap();
    let core = Core::start(data.path()).await;
    let registration = core.register("r-1").await;
    // Three TTLs later it is still there: the lease was renewed.
    tokio::time::sleep(Duration::from_millis(3200)).await;
    assert_eq!(core.listed().await, ["r-1"]);
    assert_eq!(registration.registered_again(), 0);
    registration.deregister().await.unwrap();
    assert!(core.listed().await.is_empty());
    core.stop().await;
}

#[tokio::test]
async fn a_lost_lease_is_registered_again_and_an_abandoned_one_expires() {
    let data = tempfile::tempdir().unwrap();
    let core = Core::start(data.path()).await;
    let registration = core.register("r-2").await;
    let lost = registration.lease_id();
    // Someone else removes the lease: the next renewal hears NOT_FOUND.
    DiscoveryServiceClient::new(core.channel.clone())
        .deregister_service(DeregisterServiceRequest {
            lease_id: lost.clone(),
            reason: "test".into(),
        })
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(800)).await;
    assert_eq!(registration.registered_again(), 1);
    assert_ne!(registration.lease_id(), lost);
    assert_eq!(core.listed().await, ["r-2"]);

    // Dropped without deregistering (a crashed service): no renewals, the lease runs out.
    drop(registration);
    tokio::time::sleep(Duration::from_millis(1600)).await;
    assert!(core.listed().await.is_empty());
    core.stop().await;
}

fn instance_request() -> RegisterInstanceRequest {
    RegisterInstanceRequest {
        instance_id: "order-1".into(),
        idempotency_key: "start-1".into(),
        handler: "order-workflow".into(),
        input: Some(payload("items: 3")),
        ..Default::default()
    }
}

fn payload(text: &str) -> Payload {
    Payload {
        data: text.as_bytes().to_vec().into(),
        ..Default::default()
    }
}

async fn signal(channel: &Channel, name: &str, key: &str) {
    DurableServiceClient::new(channel.clone())
        .signal_instance(SignalInstanceRequest {
            instance_id: "order-1".into(),
            name: name.into(),
            payload: Some(payload(name)),
            idempotency_key: key.into(),
            ..Default::default()
        })
        .await
        .unwrap();
}

#[tokio::test]
async fn an_instance_checkpoints_gets_each_signal_once_and_resumes_after_core_restarts() {
    let data = tempfile::tempdir().unwrap();
    let core = Core::start(data.path()).await;
    let mut order = Instance::register(core.channel.clone(), instance_request())
        .await
        .unwrap();
    assert!(!order.resumed());
    assert_eq!(order.input(), Some(&payload("items: 3")));
    assert_eq!(order.checkpoint(payload("reserved")).await.unwrap(), 1);

    // The same signal sent twice (one idempotency key), then another.
    signal(&core.channel, "approve", "approve-1").await;
    signal(&core.channel, "approve", "approve-1").await;
    signal(&core.channel, "ship", "ship-1").await;
    let unexpected = order.wait_signal("ship").await.unwrap_err();
    assert!(
        matches!(unexpected, DurableError::UnexpectedSignal { .. }),
        "{unexpected}"
    );
    assert_eq!(order.wait_signal("approve").await.unwrap().name, "approve");
    assert_eq!(order.checkpoint(payload("approved")).await.unwrap(), 2);

    // A stale copy of the program (registered before the last save) is refused.
    let mut zombie = Instance::register(core.channel.clone(), instance_request())
        .await
        .unwrap();
    assert_eq!(zombie.seq(), 2);
    assert_eq!(order.checkpoint(payload("approved")).await.unwrap(), 3);
    let conflict = zombie.checkpoint(payload("stale")).await.unwrap_err();
    assert!(
        matches!(
            conflict,
            DurableError::Conflict {
                expected_seq: 2,
                latest_seq: Some(3),
                ..
            }
        ),
        "{conflict}"
    );

    // Core goes away and comes back on the same database: the program resumes where it saved.
    core.stop().await;
    let core = Core::start(data.path()).await;
    let mut resumed = Instance::register(core.channel.clone(), instance_request())
        .await
        .unwrap();
    assert!(resumed.resumed());
    assert_eq!(resumed.seq(), 3);
    assert_eq!(resumed.state(), Some(&payload("approved")));
    assert_eq!(resumed.signal_cursor(), 1);
    // The approval was consumed before the checkpoint; the next signal is the shipment, once.
    let next = resumed.next_signal().await.unwrap();
    assert_eq!(next.name, "ship");

    let done = Outcome {
        outcome: Some(Kind::Success(Success {
            result: Some(payload("shipped")),
        })),
    };
    resumed.complete(done.clone()).await.unwrap();
    assert_eq!(resumed.outcome(), Some(&done));
    let after = resumed.next_signal().await.unwrap_err();
    assert!(matches!(after, DurableError::Complete { .. }), "{after}");
    let again = resumed.complete(done).await.unwrap_err();
    assert!(matches!(again, DurableError::Complete { .. }), "{again}");
    core.stop().await;
}
