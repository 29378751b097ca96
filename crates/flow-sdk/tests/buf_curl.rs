//! The real `buf curl` against a running server, through reflection: what an operator or a
//! generic tool sees. Skipped (with a message) when buf is not installed (`npm ci` at the root).

mod common;

use std::path::PathBuf;
use std::process::Stdio;

use common::*;
use serde_json::Value;

fn buf() -> Option<PathBuf> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../node_modules/@bufbuild/buf-linux-x64/bin/buf");
    path.is_file().then_some(path)
}

async fn curl(buf: &PathBuf, addr: std::net::SocketAddr, method: &str, data: &str) -> Value {
    let output = tokio::time::timeout(
        STEP * 3,
        tokio::process::Command::new(buf)
            .args([
                "curl",
                "--protocol",
                "grpc",
                "--http2-prior-knowledge",
                "-d",
                data,
            ])
            .arg(format!("http://{addr}/{method}"))
            .stdin(Stdio::null())
            .kill_on_drop(true)
            .output(),
    )
    .await
    .expect("buf curl finished in time")
    .expect("buf curl ran");
    assert!(
        output.status.success(),
        "buf curl {method} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "buf curl printed no JSON ({e}): {}",
            String::from_utf8_lossy(&output.stdout)
        )
    })
}

#[tokio::test]
async fn buf_curl_reads_service_info_and_health_through_reflection() {
    let Some(buf) = buf() else {
        eprintln!(
            "SKIPPED: buf not found at node_modules/@bufbuild/buf-linux-x64/bin/buf; run `npm ci` at the repository root"
        );
        return;
    };
    let server = start().await;

    let info = curl(
        &buf,
        server.addr,
        "flow.runtime.v1.RuntimeService/GetServiceInfo",
        "{}",
    )
    .await;
    let info = &info["info"];
    assert_eq!(info["name"], "toy", "{info}");
    assert_eq!(info["version"], "0.1.0");
    assert_eq!(info["sdkName"], "flow-sdk-rust");
    assert_eq!(info["language"], "rust");
    assert_eq!(info["roles"], serde_json::json!(["ROLE_CONSUMER"]));

    let health = curl(&buf, server.addr, "grpc.health.v1.Health/Check", "{}").await;
    assert_eq!(health, serde_json::json!({"status": "SERVING"}));
}
