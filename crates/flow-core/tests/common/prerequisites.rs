//! The other-language services the end-to-end tests run: the Go processor built once per test
//! binary, the TS consumer's build checked, each with a `SKIP:` message when it cannot be had.
//! Only `std`: flow-demo's test includes this file too (`#[path]`), so both skip alike.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Builds the Go processor once per test binary; `None` (with a message) when Go is missing.
pub fn go_processor_binary() -> Option<PathBuf> {
    static BIN: OnceLock<Option<PathBuf>> = OnceLock::new();
    BIN.get_or_init(|| {
        let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("flow-go-processor");
        let status = std::process::Command::new("go")
            .args(["build", "-o"])
            .arg(&out)
            .arg("./cmd/flow-go-processor")
            .current_dir(repo_root().join("services/go-processor"))
            .status();
        match status {
            Ok(s) if s.success() => Some(out),
            other => {
                eprintln!("SKIP: cannot build the Go processor (go build: {other:?})");
                None
            }
        }
    })
    .clone()
}

/// Whether the TS consumer under `root` is built and node runs; `false` with a message if not.
pub fn ts_consumer_ready(root: &Path) -> bool {
    let main = root.join("services/ts-consumer/dist/main.js");
    let contract = root.join("gen/ts/dist/index.js");
    if !main.exists() || !contract.exists() {
        eprintln!(
            "SKIP: TS consumer not built ({} / {}): run `make build-ts`",
            main.display(),
            contract.display()
        );
        return false;
    }
    if std::process::Command::new("node")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("SKIP: node not found");
        return false;
    }
    true
}
