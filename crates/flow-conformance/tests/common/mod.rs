//! Test helpers: starting the real reference services as child processes, and an in-process fake
//! Flow service (fake.rs) that is correct unless told to break one rule.

#![allow(dead_code)] // each test binary uses a different part

/// One `#[tokio::test]` per broken rule: `$name`, a fake (of fault type `$faults`) that breaks
/// only the rule of fault `$fault`, makes the kit FAIL exactly the checks `$failed`. The test
/// file supplies `failed_checks($faults) -> Vec<String>`, which runs the kit against that fake.
#[allow(unused_macros)] // used by the test binaries that break rules, not by every one
macro_rules! breaking_one_rule {
    (
        $faults:ident;
        $($(#[$doc:meta])* $name:ident: $fault:ident => [$($failed:literal),+ $(,)?];)+
    ) => {$(
        $(#[$doc])*
        #[tokio::test]
        async fn $name() {
            let faults = $faults {
                $fault: true,
                ..$faults::default()
            };
            assert_eq!(failed_checks(faults).await, [$($failed),+]);
        }
    )+};
}

pub mod fake;
pub mod fake_core;
pub mod fake_worker;

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

/// The repository root (two levels above this crate).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("repository root")
}

/// A service child process, killed when dropped so a failing test leaves nothing behind.
pub struct Service {
    child: Child,
    /// `http://host:port`, from the child's `listening on host:port` line.
    pub endpoint: String,
}

impl Service {
    /// Starts `cmd` and waits (bounded) for its `listening on ADDR` line on stdout.
    pub async fn start(mut cmd: Command) -> Service {
        cmd.stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .kill_on_drop(true);
        let mut child = cmd.spawn().expect("spawning the service");
        let stdout = child.stdout.take().expect("piped stdout");
        let mut lines = BufReader::new(stdout).lines();
        let line = tokio::time::timeout(Duration::from_secs(20), lines.next_line())
            .await
            .expect("the service printed nothing within 20s")
            .expect("reading the service's stdout")
            .expect("the service exited before printing its address");
        let addr = line
            .strip_prefix("listening on ")
            .unwrap_or_else(|| panic!("unexpected first line {line:?}"));
        // Keep draining stdout so the child never blocks on a full pipe.
        tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
        Service {
            endpoint: format!("http://{}", addr.trim()),
            child,
        }
    }
}

impl Drop for Service {
    fn drop(&mut self) {
        let _ = self.child.start_kill();
    }
}

/// A temporary directory removed on drop.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(tag: &str) -> TempDir {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos();
        let dir = std::env::temp_dir().join(format!(
            "flow-conformance-test-{tag}-{}-{nanos}",
            std::process::id()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Prints the report, so a failing assertion comes with every check's detail.
pub fn show(report: &flow_conformance::Report) {
    eprintln!("{}", report.to_text());
}

/// Asserts that each of `ids` ran with outcome `want`.
pub fn assert_outcomes<'a>(
    report: &flow_conformance::Report,
    ids: impl IntoIterator<Item = &'a str>,
    want: flow_conformance::Outcome,
) {
    for id in ids {
        assert_eq!(report.get(id).map(|c| c.outcome), Some(want), "{id}");
    }
}
