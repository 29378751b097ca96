//! Real, generic clients against the real `flow-ref-source` binary: the pinned `buf curl`
//! (through server reflection, with no Flow-specific code) reads `GetServiceInfo` and the gRPC
//! health check. Skipped (with a message) when buf is not installed (`npm ci` at the root).

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use serde_json::{Value, json};

/// Every wait is bounded by this.
const STEP: Duration = Duration::from_secs(30);

/// The buf binary `npm ci` installs (pinned in the root package.json), as flow-sdk's
/// `tests/buf_curl.rs` finds it.
fn buf() -> Option<PathBuf> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../node_modules/@bufbuild/buf-linux-x64/bin/buf");
    path.is_file().then_some(path)
}

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

/// `buf curl` over plaintext HTTP/2 with the schema from server reflection; returns its JSON.
fn curl(buf: &PathBuf, addr: SocketAddr, method: &str, data: &str) -> Value {
    let mut child = Command::new(buf)
        .args([
            "curl",
            "--protocol",
            "grpc",
            "--http2-prior-knowledge",
            "--reflect",
            "-d",
            data,
        ])
        .arg(format!("http://{addr}/{method}"))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("buf curl ran");
    // Bounded: a hung buf must fail the test, not hang it.
    let deadline = std::time::Instant::now() + STEP;
    while child.try_wait().expect("waiting for buf curl").is_none() {
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("buf curl {method} did not finish within {STEP:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let output = child.wait_with_output().expect("buf curl output");
    assert!(
        output.status.success(),
        "buf curl {method} failed ({}): {}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "buf curl {method} printed no JSON ({e}): {}",
            String::from_utf8_lossy(&output.stdout)
        )
    })
}

#[test]
fn buf_curl_reads_the_source_binarys_service_info_and_health_through_reflection() {
    let Some(buf) = buf() else {
        eprintln!(
            "SKIPPED: buf not found at node_modules/@bufbuild/buf-linux-x64/bin/buf; run `npm ci` at the repository root"
        );
        return;
    };
    let source = start(env!("CARGO_BIN_EXE_flow-ref-source"));

    let info = curl(
        &buf,
        source.addr,
        "flow.runtime.v1.RuntimeService/GetServiceInfo",
        "{}",
    );
    let info = &info["info"];
    assert_eq!(info["name"], "flow-ref-source", "{info}");
    assert_eq!(info["version"], env!("CARGO_PKG_VERSION"), "{info}");
    assert_eq!(info["language"], "rust", "{info}");
    assert_eq!(info["roles"], json!(["ROLE_SOURCE"]), "{info}");

    // The whole server, and the source service by name (the SDK reports each added service).
    let health = curl(&buf, source.addr, "grpc.health.v1.Health/Check", "{}");
    assert_eq!(health, json!({"status": "SERVING"}));
    let health = curl(
        &buf,
        source.addr,
        "grpc.health.v1.Health/Check",
        r#"{"service": "flow.source.v1.SourceService"}"#,
    );
    assert_eq!(health, json!({"status": "SERVING"}));
}
