//! The real `buf curl` against a running server, through reflection: what an operator or a
//! generic tool sees. Skipped (with a message) when buf is not installed (`npm ci` at the root).

mod common;

use common::*;
use flow_test_support::BufCurl;

#[tokio::test]
async fn buf_curl_reads_service_info_and_health_through_reflection() {
    let Some(buf) = BufCurl::find() else { return };
    let server = start().await;

    let info = buf
        .call(
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

    let health = buf
        .call(server.addr, "grpc.health.v1.Health/Check", "{}")
        .await;
    assert_eq!(health, serde_json::json!({"status": "SERVING"}));
}
