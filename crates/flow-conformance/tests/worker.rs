//! The worker checks against an in-process fake worker (tests/common/fake_worker.rs) dialing the
//! kit's core: conforming, it passes every check; breaking one rule, the kit FAILs exactly that
//! rule's checks.

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
    for id in worker::IDS {
        assert_eq!(
            report.get(id).map(|c| c.outcome),
            Some(Outcome::Pass),
            "{id}"
        );
    }
    // The worker section is meant to stay well under half a minute against a conforming worker.
    assert!(
        started.elapsed() < Duration::from_secs(40),
        "took {:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn never_heartbeating() {
    let faults = WorkerFaults::only(|f| f.no_heartbeat = true);
    assert_eq!(
        failed_checks(faults).await,
        [
            "worker.heartbeat",
            "worker.cancel.heartbeat",
            "worker.reconnect",
            "worker.concurrency"
        ]
    );
}

#[tokio::test]
async fn ignoring_graceful_cancel_on_the_stream() {
    let faults = WorkerFaults::only(|f| f.ignore_stream_cancel = true);
    // The reconnect check cancels through the new stream only.
    assert_eq!(
        failed_checks(faults).await,
        ["worker.cancel.graceful", "worker.reconnect"]
    );
}

#[tokio::test]
async fn ignoring_cancel_requested_on_heartbeats() {
    let faults = WorkerFaults::only(|f| f.ignore_heartbeat_cancel = true);
    assert_eq!(failed_checks(faults).await, ["worker.cancel.heartbeat"]);
}

#[tokio::test]
async fn heartbeating_past_the_force_deadline() {
    let faults = WorkerFaults::only(|f| f.ignore_force_deadline = true);
    assert_eq!(failed_checks(faults).await, ["worker.cancel.force"]);
}

#[tokio::test]
async fn retrying_a_rejected_completion() {
    let faults = WorkerFaults::only(|f| f.retry_rejected_completion = true);
    assert_eq!(
        failed_checks(faults).await,
        ["worker.cancel.force", "worker.deadline"]
    );
}

#[tokio::test]
async fn not_retrying_completion_on_unavailable() {
    let faults = WorkerFaults::only(|f| f.no_completion_retry = true);
    assert_eq!(failed_checks(faults).await, ["worker.complete.retry"]);
}

#[tokio::test]
async fn unknown_handler_as_failure() {
    let faults = WorkerFaults::only(|f| f.unknown_handler_as_failure = true);
    assert_eq!(failed_checks(faults).await, ["worker.handler_not_found"]);
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
async fn ignoring_ping_timeouts() {
    let faults = WorkerFaults::only(|f| f.ignore_ping_timeout = true);
    assert_eq!(failed_checks(faults).await, ["worker.ping_timeout"]);
}

#[tokio::test]
async fn running_tasks_one_at_a_time() {
    let faults = WorkerFaults::only(|f| f.sequential = true);
    assert_eq!(failed_checks(faults).await, ["worker.concurrency"]);
}

#[tokio::test]
async fn running_past_the_task_deadline() {
    let faults = WorkerFaults::only(|f| f.run_past_deadline = true);
    assert_eq!(failed_checks(faults).await, ["worker.deadline"]);
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
    for id in ["worker.task.complete", "worker.ping_timeout"] {
        assert_eq!(
            report.get(id).map(|c| c.outcome),
            Some(Outcome::Pass),
            "{id}"
        );
    }
}

#[tokio::test]
async fn cli_without_core_listen_skips_the_worker_checks() {
    let runtime = common::fake::serve_worker().await;
    let out = tokio::process::Command::new(env!("CARGO_BIN_EXE_flow-conformance"))
        .args([
            "--endpoint",
            &runtime.endpoint,
            "--role",
            "worker",
            "--timeout",
            "5",
        ])
        .output()
        .await
        .unwrap();
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
    let kit = tokio::process::Command::new(env!("CARGO_BIN_EXE_flow-conformance"))
        .args([
            "--endpoint",
            &runtime.endpoint,
            "--role",
            "worker",
            "--timeout",
            "5",
        ])
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
