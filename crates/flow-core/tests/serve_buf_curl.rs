//! What an operator sees with a generic tool: the real `buf curl` against `flow-core serve`,
//! schemas from server reflection only. Registers a service, sees it listed, watches its lease
//! expire, and reads health; saves a checkpoint, gets a conflict on a stale sequence number, and
//! resumes the instance after `kill -9` of core. Skipped (with a message) when buf is not
//! installed (`npm ci` at the repository root, which `make test` runs first).

mod common;

use std::time::Duration;

use common::start_core;
use flow_test_support::BufCurl;
use serde_json::json;

#[tokio::test]
async fn buf_curl_registers_a_service_and_watches_its_lease_expire() {
    let Some(buf) = BufCurl::find() else { return };
    let data = tempfile::tempdir().unwrap();
    let core = start_core(data.path(), &["--min-lease-ttl", "1s"]).await;
    const DISCOVERY: &str = "flow.discovery.v1.DiscoveryService";

    let health = buf
        .call(
            &core.addr,
            "grpc.health.v1.Health/Check",
            &json!({"service": DISCOVERY}).to_string(),
        )
        .await;
    assert_eq!(health, json!({"status": "SERVING"}));

    let lease = buf
        .call(
            &core.addr,
            &format!("{DISCOVERY}/RegisterService"),
            &json!({
                "service": {"name": "orders-sink", "instanceId": "i-1", "roles": ["ROLE_CONSUMER"]},
                "endpoint": "127.0.0.1:7001",
                "leaseTtl": "1s"
            })
            .to_string(),
        )
        .await;
    assert_eq!(lease["grantedTtl"], "1s");
    assert!(lease["leaseId"].as_str().is_some_and(|id| id.len() == 36));

    let listed = buf
        .call(
            &core.addr,
            &format!("{DISCOVERY}/ListServices"),
            &json!({"roles": ["ROLE_CONSUMER"]}).to_string(),
        )
        .await;
    assert_eq!(listed["services"][0]["service"]["name"], "orders-sink");
    assert_eq!(listed["services"][0]["endpoint"], "127.0.0.1:7001");

    tokio::time::sleep(Duration::from_millis(1500)).await;
    let after = buf
        .call(&core.addr, &format!("{DISCOVERY}/ListServices"), "{}")
        .await;
    assert_eq!(after, json!({}), "the unrenewed lease expired");
}

#[tokio::test]
async fn buf_curl_gets_a_checkpoint_conflict_and_resumes_an_instance_after_kill_9() {
    let Some(buf) = BufCurl::find() else { return };
    let data = tempfile::tempdir().unwrap();
    let mut core = start_core(data.path(), &[]).await;
    const DURABLE: &str = "flow.durable.v1.DurableService";
    let register = json!({"instanceId": "order-7", "handler": "order-workflow"}).to_string();

    let created = buf
        .call(
            &core.addr,
            &format!("{DURABLE}/RegisterInstance"),
            &register,
        )
        .await;
    assert_eq!(created["incarnation"], 1);
    let save = |expected: u64| {
        json!({
            "instanceId": "order-7",
            "expectedSeq": expected.to_string(),
            "state": {"data": "cmVzZXJ2ZWQ="}
        })
        .to_string()
    };
    let saved = buf
        .call(&core.addr, &format!("{DURABLE}/SaveCheckpoint"), &save(0))
        .await;
    assert_eq!(saved, json!({"seq": "1"}));
    let stale = buf
        .call(&core.addr, &format!("{DURABLE}/SaveCheckpoint"), &save(0))
        .await;
    assert_eq!(stale, json!({"seq": "1", "conflict": true}));

    // SIGKILL, then a new core on the same data directory.
    core.kill().await;
    let core = start_core(data.path(), &[]).await;
    let resumed = buf
        .call(
            &core.addr,
            &format!("{DURABLE}/RegisterInstance"),
            &register,
        )
        .await;
    assert_eq!(resumed["resumed"], true);
    assert_eq!(resumed["incarnation"], 2);
    assert_eq!(resumed["lastCheckpoint"]["seq"], "1");
    assert_eq!(resumed["lastCheckpoint"]["state"]["data"], "cmVzZXJ2ZWQ=");
}
