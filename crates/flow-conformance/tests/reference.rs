//! The kit against the real reference services, built from this repository: the Go processor
//! (services/go-processor), the TypeScript consumer (services/ts-consumer) and the Rust source,
//! processor, consumer and worker (crates/flow-reference, built with cargo when missing or older than
//! their sources). The Go and TypeScript tests skip with a message when their toolchain or build
//! output is missing; every test passes only when every check passes, with none skipped. Also
//! checks the binary's exit status.

mod common;

use std::ffi::OsStr;
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, SystemTime};

use common::{Service, TempDir, assert_outcomes, repo_root};
use flow_conformance::{KitCore, Options, Outcome, Report, run, run_with_core};
use tokio::process::Command;

fn have(tool: &str) -> bool {
    std::process::Command::new(tool)
        .arg("version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok()
}

/// Builds and starts the Go processor, or `None` (with a message) when `go` is missing.
async fn go_processor(dir: &TempDir) -> Option<Service> {
    if !have("go") {
        eprintln!("SKIP: `go` is not on PATH; cannot build services/go-processor");
        return None;
    }
    let bin = dir.0.join("flow-go-processor");
    let status = Command::new("go")
        .args(["build", "-o"])
        .arg(&bin)
        .arg("./cmd/flow-go-processor")
        .current_dir(repo_root().join("services/go-processor"))
        .status()
        .await
        .expect("running go build");
    assert!(status.success(), "go build of services/go-processor failed");
    let mut cmd = Command::new(bin);
    cmd.args(["--listen", "127.0.0.1:0"]);
    Some(Service::start(cmd).await)
}

/// Starts the TypeScript consumer, or `None` (with a message) when it is not built or `node` is
/// missing.
async fn ts_consumer() -> Option<Service> {
    let main = repo_root().join("services/ts-consumer/dist/main.js");
    if !main.exists() {
        eprintln!(
            "SKIP: {} is missing; run `make build-ts` first",
            main.display()
        );
        return None;
    }
    if !have("node") {
        eprintln!("SKIP: `node` is not on PATH");
        return None;
    }
    let mut cmd = Command::new("node");
    cmd.arg(main).args(["--listen", "127.0.0.1:0"]);
    Some(Service::start(cmd).await)
}

/// The newest modification time of the files under `dir` (recursively).
fn newest_under(dir: &Path) -> Option<SystemTime> {
    let mut newest = None;
    for entry in std::fs::read_dir(dir).ok()?.flatten() {
        let path = entry.path();
        let time = if path.is_dir() {
            newest_under(&path)
        } else {
            entry.metadata().and_then(|m| m.modified()).ok()
        };
        newest = newest.max(time);
    }
    newest
}

/// Builds `flow-ref-*` binaries when `bin` is missing or older than the sources it is built
/// from (a stale binary would test old code).
fn build_reference(bin: &Path) {
    let root = repo_root();
    let built = std::fs::metadata(bin).and_then(|m| m.modified()).ok();
    let sources = [
        "crates/flow-reference/src",
        "crates/flow-sdk/src",
        "crates/flow-proto/src",
    ]
    .iter()
    .filter_map(|dir| newest_under(&root.join(dir)))
    .max();
    if built.is_some_and(|built| sources.is_none_or(|sources| sources <= built)) {
        return;
    }
    // Cargo is already running this test, so its toolchain is there: build only when needed
    // (a nested build waits for the outer build lock otherwise).
    let status = std::process::Command::new(env!("CARGO"))
        .args(["build", "-p", "flow-reference", "--bins"])
        .current_dir(&root)
        .status()
        .expect("running cargo build");
    assert!(status.success(), "cargo build of flow-reference failed");
}

/// Builds (when missing or stale) and starts a Rust reference binary with `args`.
async fn rust_reference(name: &str, args: &[&OsStr]) -> Service {
    let bin = repo_root().join("target/debug").join(name);
    build_reference(&bin);
    let mut cmd = Command::new(bin);
    cmd.args(["--listen", "127.0.0.1:0"]).args(args);
    Service::start(cmd).await
}

/// The Rust reference source, with its default settings.
async fn rust_source() -> Service {
    rust_reference("flow-ref-source", &[]).await
}

/// The Rust reference processor, with its default mode.
async fn rust_processor() -> Service {
    rust_reference("flow-ref-processor", &[]).await
}

/// The Rust reference consumer, writing to a file in `dir` unless the configuration names one.
async fn rust_consumer(dir: &TempDir) -> Service {
    let path = dir.0.join("flow-ref-consumer.jsonl");
    rust_reference("flow-ref-consumer", &["--path".as_ref(), path.as_os_str()]).await
}

fn opts(endpoint: &str) -> Options {
    let mut o = Options::new(endpoint);
    o.timeout = Duration::from_secs(10);
    o
}

fn assert_all_pass(report: &flow_conformance::Report, expect_prefix: &str) {
    common::show(report);
    assert!(report.ok(), "failed: {:?}", report.failed_ids());
    assert_eq!(report.count(Outcome::Skip), 0, "skipped checks");
    assert!(
        report
            .checks
            .iter()
            .any(|c| c.id.starts_with(expect_prefix)),
        "no {expect_prefix} checks ran"
    );
}

/// Runs the kit against `svc` and asserts that every check passed, some named `prefix`.
async fn assert_passes_every_check(svc: &Service, prefix: &str) -> Report {
    let report = run(&opts(&svc.endpoint)).await;
    assert_all_pass(&report, prefix);
    report
}

#[tokio::test]
async fn go_processor_passes_every_check() {
    let dir = TempDir::new("go");
    let Some(svc) = go_processor(&dir).await else {
        return;
    };
    assert_passes_every_check(&svc, "processor.").await;
}

#[tokio::test]
async fn ts_consumer_passes_every_check() {
    let Some(svc) = ts_consumer().await else {
        return;
    };
    assert_passes_every_check(&svc, "consumer.").await;
}

#[tokio::test]
async fn rust_source_passes_every_check() {
    let report = assert_passes_every_check(&rust_source().await, "source.").await;
    assert_outcomes(&report, flow_conformance::source_stream::IDS, Outcome::Pass);
    assert_outcomes(
        &report,
        ["runtime.schema", "runtime.validate_config.invalid"],
        Outcome::Pass,
    );
    let resume = &report.get("source.resume").unwrap().detail;
    assert!(resume.contains("strictly after"), "{resume}");
}

/// The source's settings come from the configuration too: the kit validates, configures and
/// reads with one that overrides every setting.
#[tokio::test]
async fn rust_source_passes_every_check_with_a_configuration() {
    let svc = rust_source().await;
    let mut o = opts(&svc.endpoint);
    o.config = Some(serde_json::json!({"records": 300, "batch_size": 7, "checkpoint_every": 2}));
    let report = run(&o).await;
    assert_all_pass(&report, "source.");
}

#[tokio::test]
async fn rust_processor_passes_every_check() {
    assert_passes_every_check(&rust_processor().await, "processor.").await;
}

#[tokio::test]
async fn rust_consumer_passes_every_check() {
    let dir = TempDir::new("rust-consumer");
    assert_passes_every_check(&rust_consumer(&dir).await, "consumer.").await;
}

/// The worker dials core: the kit serves its ExecutionService stand-in first, then the worker is
/// started pointing at it. `count` with `{}` finishes at once; the long input counts for ~2.8 h.
#[tokio::test]
async fn rust_worker_passes_every_check() {
    let core = KitCore::bind("127.0.0.1:0")
        .await
        .expect("binding the kit's core");
    let core_url = format!("http://{}", core.local_addr());
    let svc = rust_reference(
        "flow-ref-worker",
        &[OsStr::new("--core"), OsStr::new(&core_url)],
    )
    .await;
    let mut o = opts(&svc.endpoint);
    o.worker.handler = Some("count".into());
    o.worker.long_input = Some(r#"{"to": 1000000, "step_ms": 10}"#.into());
    let report = run_with_core(&o, core).await;
    assert_all_pass(&report, "worker.");
    assert_outcomes(&report, flow_conformance::worker::IDS, Outcome::Pass);
}

/// Runs the kit's binary with `args`: its exit status and what it printed on stdout.
async fn run_kit(args: &[&str]) -> (std::process::ExitStatus, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_flow-conformance"))
        .args(args)
        .output()
        .await
        .unwrap();
    (
        out.status,
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[tokio::test]
async fn binary_exit_status_follows_the_verdict() {
    // A conforming service: exit 0, a summary line, JSON when asked.
    let good = common::fake::serve(common::fake::Faults::default()).await;
    let (status, text) = run_kit(&["--endpoint", &good.endpoint, "--timeout", "5"]).await;
    assert!(status.success(), "{text}");
    assert!(
        text.lines()
            .last()
            .unwrap_or_default()
            .ends_with("0 failed, 0 skipped"),
        "{text}"
    );
    let (_, text) = run_kit(&["--endpoint", &good.endpoint, "--json"]).await;
    let json: serde_json::Value = serde_json::from_str(&text).expect("--json prints JSON");
    assert!(
        json.as_array()
            .is_some_and(|a| a.iter().all(|c| c["outcome"] == "pass")),
        "{json}"
    );

    // One broken rule: a non-zero exit naming the failed check.
    let bad = common::fake::serve(common::fake::Faults {
        not_serving: true,
        ..Default::default()
    })
    .await;
    let (status, text) = run_kit(&["--endpoint", &bad.endpoint, "--timeout", "5"]).await;
    assert_eq!(status.code(), Some(1), "{text}");
    assert!(
        text.lines().any(|l| l.starts_with("FAIL  health.serving")),
        "{text}"
    );

    // A bad flag: clap's usage error.
    let (status, _) = run_kit(&["--endpoint", &bad.endpoint, "--config", "[1]"]).await;
    assert_eq!(status.code(), Some(2));
}
