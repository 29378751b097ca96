//! Real, generic clients against the real `flow-ref-source` binary: the pinned `buf curl`
//! (through server reflection, with no Flow-specific code) reads `GetServiceInfo` and the gRPC
//! health check. Skipped (with a message) when buf is not installed (`npm ci` at the root).

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use flow_test_support::BufCurl;
use serde_json::json;

/// Every wait is bounded by this.
const STEP: Duration = Duration::from_secs(30);

/// A running reference binary, killed when dropped.
struct Running {
    child: Child,
    addr: SocketAddr,
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `bin` on a free loopback port and waits for its `listening on ADDR` line.
fn start(bin: &str) -> Running {
    let mut child = Command::new(bin)
        .args(["--listen", "127.0.0.1:0"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap_or_else(|e| panic!("starting {bin}: {e}"));
    let stdout = child.stdout.take().expect("piped stdout");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { return };
            if let Some(addr) = line.strip_prefix("listening on ") {
                let _ = tx.send(addr.trim().to_owned());
            }
        }
    });
    match rx.recv_timeout(STEP) {
        Ok(addr) => Running {
            child,
            addr: addr.parse().expect("`listening on` names a socket address"),
        },
        Err(e) => {
            let _ = child.kill();
            panic!("{bin} printed no `listening on ADDR` within {STEP:?}: {e}");
        }
    }
}

#[tokio::test]
async fn buf_curl_reads_the_source_binarys_service_info_and_health_through_reflection() {
    let Some(buf) = BufCurl::find() else { return };
    let source = start(env!("CARGO_BIN_EXE_flow-ref-source"));

    let info = buf
        .call(
            source.addr,
            "flow.runtime.v1.RuntimeService/GetServiceInfo",
            "{}",
        )
        .await;
    let info = &info["info"];
    assert_eq!(info["name"], "flow-ref-source", "{info}");
    assert_eq!(info["version"], env!("CARGO_PKG_VERSION"), "{info}");
    assert_eq!(info["language"], "rust", "{info}");
    assert_eq!(info["roles"], json!(["ROLE_SOURCE"]), "{info}");

    // The whole server, and the source service by name (the SDK reports each added service).
    let health = buf
        .call(source.addr, "grpc.health.v1.Health/Check", "{}")
        .await;
    assert_eq!(health, json!({"status": "SERVING"}));
    let health = buf
        .call(
            source.addr,
            "grpc.health.v1.Health/Check",
            r#"{"service": "flow.source.v1.SourceService"}"#,
        )
        .await;
    assert_eq!(health, json!({"status": "SERVING"}));
}
