//! The worker checks against an in-process fake worker (tests/common/fake_worker.rs) dialing the
//! kit's core: conforming, it passes every check; breaking one rule, the kit FAILs exactly that
//! rule's checks.

#[macro_use]
mod common;

use std::time::Duration;

use common::fake_worker::{self, LONG_INPUT, WorkerFaults};
use flow_conformance::{KitCore, Options, Outcome, Report, WorkerOptions, run_with_core, worker};
use flow_proto::common::v1::Role;

/// Runs the kit (role worker) against the fake worker's runtime endpoint and the fake worker.
async fn run_against(faults: WorkerFaults) -> Report {
    let runtime = common::fake::serve_worker().await;
    let core = KitCore::bind("127.0.0.1:0").await.unwrap();
    let _worker = fake_worker::start(core.local_addr(), faults);
    let mut opts = Options::new(runtime.endpoint.clone());
    opts.role = Some(Role::Worker);
    opts.timeout = Duration::from_secs(5);
    opts.worker = WorkerOptions {
        long_input: Some(LONG_INPUT.into()),
        ..WorkerOptions::default()
    };
    let report = run_with_core(&opts, core).await;
    common::show(&report);
    report
}

async fn failed_checks(faults: WorkerFaults) -> Vec<String> {
    let report = run_against(faults).await;
    for id in worker::IDS {
        assert!(report.get(id).is_some(), "{id} did not run");
    }
    report.failed_ids().into_iter().map(str::to_owned).collect()
}

#[tokio::test]
async fn conforming_worker_passes_everything() {
    let started = std::time::Instant::now();
    let report = run_against(WorkerFaults::default()).await;
    assert_eq!(report.failed_ids(), Vec::<&str>::new());
    assert_eq!(report.count(Outcome::Skip), 0, "nothing should be skipped");
    common::assert_outcomes(&report, worker::IDS, Outcome::Pass);
    // The worker section is meant to stay well under half a minute against a conforming worker.
    assert!(
        started.elapsed() < Duration::from_secs(40),
        "took {:?}",
        started.elapsed()
    );
}

breaking_one_rule! {
    WorkerFaults;
    never_heartbeating: no_heartbeat => [
        "worker.heartbeat",
        "worker.cancel.heartbeat",
        "worker.reconnect",
        "worker.concurrency",
    ];
    /// The reconnect check cancels through the new stream only.
    ignoring_graceful_cancel_on_the_stream: ignore_stream_cancel =>
        ["worker.cancel.graceful", "worker.reconnect"];
    ignoring_cancel_requested_on_heartbeats: ignore_heartbeat_cancel => ["worker.cancel.heartbeat"];
    heartbeating_past_the_force_deadline: ignore_force_deadline => ["worker.cancel.force"];
    retrying_a_rejected_completion: retry_rejected_completion =>
        ["worker.cancel.force", "worker.deadline"];
    not_retrying_completion_on_unavailable: no_completion_retry => ["worker.complete.retry"];
    unknown_handler_as_failure: unknown_handler_as_failure => ["worker.handler_not_found"];
    ignoring_ping_timeouts: ignore_ping_timeout => ["worker.ping_timeout"];
    running_tasks_one_at_a_time: sequential => ["worker.concurrency"];
    running_past_the_task_deadline: run_past_deadline => ["worker.deadline"];
}

#[tokio::test]
async fn never_reconnecting() {
    let faults = WorkerFaults::only(|f| f.never_reconnect = true);
    let report = run_against(faults).await;
    assert_eq!(report.failed_ids(), ["worker.reconnect"]);
    // Without a stream the later checks cannot run.
    assert_eq!(
        report.get("worker.ping_timeout").map(|c| c.outcome),
        Some(Outcome::Skip)
    );
}

#[tokio::test]
async fn without_long_input_the_long_checks_skip() {
    let runtime = common::fake::serve_worker().await;
    let core = KitCore::bind("127.0.0.1:0").await.unwrap();
    let _worker = fake_worker::start(core.local_addr(), WorkerFaults::default());
    let mut opts = Options::new(runtime.endpoint.clone());
    opts.timeout = Duration::from_secs(5);
    let report = run_with_core(&opts, core).await;
    common::show(&report);
    assert!(report.ok(), "{:?}", report.failed_ids());
    for id in worker::LONG_CHECKS {
        let check = report.get(id).unwrap();
        assert_eq!(check.outcome, Outcome::Skip, "{id}");
        assert!(
            check.detail.contains("--long-task-input"),
            "{}",
            check.detail
        );
    }
    common::assert_outcomes(
        &report,
        ["worker.task.complete", "worker.ping_timeout"],
        Outcome::Pass,
    );
}

/// The kit's binary, run for `endpoint` in the worker role.
fn kit_for_worker(endpoint: &str) -> tokio::process::Command {
    let mut kit = tokio::process::Command::new(env!("CARGO_BIN_EXE_flow-conformance"));
    kit.args(["--endpoint", endpoint, "--role", "worker", "--timeout", "5"]);
    kit
}

#[tokio::test]
async fn cli_without_core_listen_skips_the_worker_checks() {
    let runtime = common::fake::serve_worker().await;
    let out = kit_for_worker(&runtime.endpoint).output().await.unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    for id in worker::IDS {
        let line = text
            .lines()
            .find(|l| l.split_whitespace().nth(1) == Some(id))
            .unwrap_or_else(|| panic!("no line for {id}: {text}"));
        assert!(line.starts_with("SKIP"), "{line}");
        assert!(line.contains("--core-listen"), "{line}");
    }
}

#[tokio::test]
async fn cli_serves_core_on_core_listen() {
    let runtime = common::fake::serve_worker().await;
    // A port that was free a moment ago, for the kit to listen on.
    let addr = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let kit = kit_for_worker(&runtime.endpoint)
        .args(["--core-listen", &addr.to_string()])
        .kill_on_drop(true)
        .output();
    // The worker dials at once and retries until the kit listens.
    let _worker = fake_worker::start(addr, WorkerFaults::default());
    let out = kit.await.unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(
        text.lines()
            .any(|l| l.starts_with("PASS  worker.task.complete")),
        "{text}"
    );
    assert!(
        text.lines()
            .any(|l| l.starts_with("SKIP  worker.heartbeat") && l.contains("--long-task-input")),
        "{text}"
    );
}
