//! What an operator sees with a generic tool: the real `buf curl` against `flow-core serve`,
//! schemas from server reflection only. Registers a service, sees it listed, watches its lease
//! expire, and reads health. Skipped (with a message) when buf is not installed (`npm ci` at the
//! repository root, which `make test` runs first).

mod common;

use std::time::Duration;

use common::{ServiceProcess, repo_root, start_core};
use serde_json::{Value, json};

/// `buf curl` of `method` with `body` as JSON; the JSON it printed.
fn buf_curl(core: &ServiceProcess, method: &str, body: Value) -> Value {
    let buf = repo_root().join("node_modules/@bufbuild/buf-linux-x64/bin/buf");
    let output = std::process::Command::new(buf)
        .args([
            "curl",
            "--protocol",
            "grpc",
            "--http2-prior-knowledge",
            "-d",
        ])
        .arg(body.to_string())
        .arg(format!("http://{}/{method}", core.addr))
        .output()
        .expect("run buf curl");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "buf curl {method}: {}{stdout}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_str(&stdout).unwrap_or_else(|err| panic!("{method} printed {stdout}: {err}"))
}

#[tokio::test]
async fn buf_curl_registers_a_service_and_watches_its_lease_expire() {
    if !repo_root()
        .join("node_modules/@bufbuild/buf-linux-x64/bin/buf")
        .is_file()
    {
        eprintln!("SKIP: buf not installed: run `npm ci` at the repository root");
        return;
    }
    let data = tempfile::tempdir().unwrap();
    let core = start_core(data.path(), &["--min-lease-ttl", "1s"]).await;
    const DISCOVERY: &str = "flow.discovery.v1.DiscoveryService";

    let health = buf_curl(
        &core,
        "grpc.health.v1.Health/Check",
        json!({"service": DISCOVERY}),
    );
    assert_eq!(health, json!({"status": "SERVING"}));

    let lease = buf_curl(
        &core,
        &format!("{DISCOVERY}/RegisterService"),
        json!({
            "service": {"name": "orders-sink", "instanceId": "i-1", "roles": ["ROLE_CONSUMER"]},
            "endpoint": "127.0.0.1:7001",
            "leaseTtl": "1s"
        }),
    );
    assert_eq!(lease["grantedTtl"], "1s");
    assert!(lease["leaseId"].as_str().is_some_and(|id| id.len() == 36));

    let listed = buf_curl(
        &core,
        &format!("{DISCOVERY}/ListServices"),
        json!({"roles": ["ROLE_CONSUMER"]}),
    );
    assert_eq!(listed["services"][0]["service"]["name"], "orders-sink");
    assert_eq!(listed["services"][0]["endpoint"], "127.0.0.1:7001");

    tokio::time::sleep(Duration::from_millis(1500)).await;
    let after = buf_curl(&core, &format!("{DISCOVERY}/ListServices"), json!({}));
    assert_eq!(after, json!({}), "the unrenewed lease expired");
}
