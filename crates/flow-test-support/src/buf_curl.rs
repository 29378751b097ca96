//! [`BufCurl`]: calls a gRPC method with the pinned `buf curl` and returns the JSON it printed.

use std::fmt::Display;
use std::path::PathBuf;
use std::process::Stdio;
use std::time::Duration;

use serde_json::Value;

/// How long one call may take: a hung buf fails the test instead of hanging it.
const CALL_TIMEOUT: Duration = Duration::from_secs(30);

/// The buf binary `npm ci` installs at the repository root.
#[derive(Debug, Clone)]
pub struct BufCurl {
    bin: PathBuf,
}

impl BufCurl {
    /// The pinned buf, or `None` after printing a `SKIP:` line when it is not installed (run
    /// `npm ci` at the repository root; `make test` does).
    pub fn find() -> Option<Self> {
        let bin = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../../node_modules/@bufbuild/buf-linux-x64/bin/buf");
        if bin.is_file() {
            Some(Self { bin })
        } else {
            eprintln!(
                "SKIP: buf not found at {}: run `npm ci` at the repository root",
                bin.display()
            );
            None
        }
    }

    /// Calls `method` (`package.Service/Method`) on the plaintext HTTP/2 server at `addr` with
    /// the JSON `body`, the schema from server reflection; the JSON response. Panics, naming the
    /// method and buf's error, when the call fails or prints no JSON.
    pub async fn call(&self, addr: impl Display, method: &str, body: &str) -> Value {
        let run = tokio::process::Command::new(&self.bin)
            .args([
                "curl",
                "--protocol",
                "grpc",
                "--http2-prior-knowledge",
                "--reflect",
            ])
            .args(["-d", body])
            .arg(format!("http://{addr}/{method}"))
            .stdin(Stdio::null())
            .kill_on_drop(true)
            .output();
        let output = tokio::time::timeout(CALL_TIMEOUT, run)
            .await
            .unwrap_or_else(|_| panic!("buf curl {method} did not finish within {CALL_TIMEOUT:?}"))
            .expect("buf curl ran");
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(
            output.status.success(),
            "buf curl {method} failed ({}): {}{stdout}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        );
        serde_json::from_str(&stdout)
            .unwrap_or_else(|err| panic!("buf curl {method} printed no JSON ({err}): {stdout}"))
    }
}
