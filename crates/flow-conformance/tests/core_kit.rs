//! The core checks (`flow-conformance --core`) over real loopback gRPC: against the reference
//! core (flow-core's `CoreServer`, in this process over a temporary SQLite directory, work
//! enqueued through its `TaskQueue`) every check passes, twice at once; against an in-process
//! fake core (tests/common/fake_core.rs) breaking one rule, exactly that rule's check FAILs.

#[macro_use]
mod common;

use std::sync::Arc;
use std::time::{Duration, Instant};

use common::fake_core::{self, CoreFaults};
use flow_conformance::core_kit::{self, CoreOptions, Enqueue, EnqueueFn, EnqueueRequest};
use flow_conformance::{Outcome, Report};
use flow_core::serve::discovery::LeasePolicy;
use flow_core::serve::execution::ExecutionSpec;
use flow_core::serve::{CoreConfig, CoreServer, ExecutionConfig};
use flow_core::store::{SqliteOptions, SqliteStore};
use flow_proto::common::v1::RetryPolicy;

/// The reference core on a loopback port; its data directory lives as long as the value.
struct RealCore {
    endpoint: String,
    enqueue: Arc<dyn Enqueue>,
    _data: tempfile::TempDir,
}

async fn real_core(leases: LeasePolicy) -> RealCore {
    let data = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(data.path(), &SqliteOptions::default()).unwrap();
    let config = CoreConfig {
        leases,
        sweep_interval: Duration::from_millis(100),
        execution: ExecutionConfig {
            sweep_interval: Duration::from_millis(20),
            ..ExecutionConfig::default()
        },
        ..CoreConfig::default()
    };
    let core = CoreServer::new(store, config);
    let queue = core.task_queue();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let endpoint = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(core.serve(listener, std::future::pending()));
    let enqueue = EnqueueFn(move |request: EnqueueRequest| {
        let queue = queue.clone();
        async move {
            let spec = ExecutionSpec {
                execution_id: Some(request.execution_id),
                heartbeat_timeout: Some(request.heartbeat_timeout),
                start_to_close: Some(request.start_to_close),
                // A quick retry, so the re-offer check does not wait the default 1 s backoff.
                retry_policy: Some(RetryPolicy {
                    initial_interval: Some(Duration::from_millis(100).into()),
                    ..Default::default()
                }),
                ..ExecutionSpec::new(request.handler)
            };
            queue.enqueue(spec).await.map_err(|e| e.to_string())
        }
    });
    RealCore {
        endpoint,
        enqueue: Arc::new(enqueue),
        _data: data,
    }
}

fn short_leases() -> LeasePolicy {
    LeasePolicy {
        min_ttl: Duration::from_secs(1),
        default_ttl: Duration::from_secs(1),
        max_ttl: Duration::from_secs(60),
    }
}

async fn run(endpoint: &str, enqueue: Option<Arc<dyn Enqueue>>, timeout: Duration) -> Report {
    let opts = CoreOptions {
        timeout,
        enqueue,
        ..CoreOptions::new(endpoint)
    };
    let report = core_kit::run(&opts).await;
    common::show(&report);
    report
}

fn assert_all_pass(report: &Report) {
    assert_eq!(report.failed_ids(), Vec::<&str>::new());
    common::assert_outcomes(report, core_kit::ids(), Outcome::Pass);
    assert_eq!(report.checks.len(), core_kit::ids().len());
}

#[tokio::test]
async fn the_reference_core_passes_every_check_twice_at_once() {
    let core = real_core(short_leases()).await;
    let started = Instant::now();
    let (first, second) = tokio::join!(
        run(
            &core.endpoint,
            Some(core.enqueue.clone()),
            Duration::from_secs(5)
        ),
        run(
            &core.endpoint,
            Some(core.enqueue.clone()),
            Duration::from_secs(5)
        ),
    );
    assert_all_pass(&first);
    assert_all_pass(&second);
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "took {:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn a_core_granting_longer_leases_than_the_timeout_skips_the_expiry_check() {
    // flow-core's default leases: at least 5 s, more than the 3 s timeout allows to wait for.
    let core = real_core(LeasePolicy::default()).await;
    let report = run(
        &core.endpoint,
        Some(core.enqueue.clone()),
        Duration::from_secs(3),
    )
    .await;
    assert_eq!(report.failed_ids(), Vec::<&str>::new());
    let expiry = report.get("core.discovery.lease_expiry").unwrap();
    assert_eq!(expiry.outcome, Outcome::Skip);
    assert!(
        expiry.detail.contains("granted 5.000s"),
        "{}",
        expiry.detail
    );
    assert_eq!(report.count(Outcome::Skip), 1);
}

#[tokio::test]
async fn without_enqueue_the_execution_checks_are_skipped() {
    let fake = fake_core::serve(CoreFaults::default()).await;
    let report = run(&fake.endpoint, None, Duration::from_secs(5)).await;
    assert_eq!(report.failed_ids(), Vec::<&str>::new());
    common::assert_outcomes(&report, core_kit::execution::IDS, Outcome::Skip);
    assert!(
        report
            .get("core.execution.stream_tasks")
            .unwrap()
            .detail
            .contains("--enqueue")
    );
}

#[tokio::test]
async fn the_conforming_fake_core_passes_every_check() {
    let fake = fake_core::serve(CoreFaults::default()).await;
    let report = run(
        &fake.endpoint,
        Some(fake.enqueuer()),
        Duration::from_secs(5),
    )
    .await;
    assert_all_pass(&report);
}

#[tokio::test]
async fn nothing_listening_fails_connect_only() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let report = run(
        &format!("http://127.0.0.1:{port}"),
        None,
        Duration::from_secs(2),
    )
    .await;
    assert_eq!(report.failed_ids(), ["core.connect"]);
    assert_eq!(report.checks.len(), 1);
}

/// Each fault of the fake core, and the one check it must fail.
fn broken_rules() -> Vec<(&'static str, CoreFaults, &'static str)> {
    fn only(set: fn(&mut CoreFaults)) -> CoreFaults {
        let mut faults = CoreFaults::default();
        set(&mut faults);
        faults
    }
    vec![
        (
            "reregister_duplicates",
            only(|f| f.reregister_duplicates = true),
            "core.discovery.reregister",
        ),
        (
            "renew_not_extending",
            only(|f| f.renew_not_extending = true),
            "core.discovery.renew",
        ),
        (
            "leases_never_expire",
            only(|f| f.leases_never_expire = true),
            "core.discovery.lease_expiry",
        ),
        (
            "deregister_keeps",
            only(|f| f.deregister_keeps = true),
            "core.discovery.deregister",
        ),
        (
            "unknown_lease_renews",
            only(|f| f.unknown_lease_renews = true),
            "core.discovery.unknown_lease",
        ),
        (
            "accept_invalid_registrations",
            only(|f| f.accept_invalid_registrations = true),
            "core.discovery.invalid_argument",
        ),
        (
            "stale_checkpoints_accepted",
            only(|f| f.stale_checkpoints_accepted = true),
            "core.durable.checkpoint_conflict",
        ),
        (
            "duplicate_signals_stored",
            only(|f| f.duplicate_signals_stored = true),
            "core.durable.signal_dedup",
        ),
        (
            "poll_ignores_wait",
            only(|f| f.poll_ignores_wait = true),
            "core.durable.poll_wait",
        ),
        (
            "poll_not_woken",
            only(|f| f.poll_not_woken = true),
            "core.durable.poll_wakes",
        ),
        (
            "second_completion_accepted",
            only(|f| f.second_completion_accepted = true),
            "core.durable.complete_once",
        ),
        (
            "accept_invalid_instances",
            only(|f| f.accept_invalid_instances = true),
            "core.durable.invalid_argument",
        ),
        (
            "ignore_handlers",
            only(|f| f.ignore_handlers = true),
            "core.execution.stream_tasks",
        ),
        (
            "task_completion_twice",
            only(|f| f.task_completion_twice = true),
            "core.execution.complete_idempotent",
        ),
        (
            "never_reoffer",
            only(|f| f.never_reoffer = true),
            "core.execution.reoffer",
        ),
        (
            "cancel_never_forwarded",
            only(|f| f.cancel_never_forwarded = true),
            "core.execution.cancel",
        ),
    ]
}

/// All broken fakes at once (each run mostly waits), so the section stays quick.
#[tokio::test]
async fn each_broken_rule_fails_exactly_its_check() {
    let started = Instant::now();
    let runs: Vec<_> = broken_rules()
        .into_iter()
        .map(|(name, faults, want)| {
            tokio::spawn(async move {
                let fake = fake_core::serve(faults).await;
                let report = run(
                    &fake.endpoint,
                    Some(fake.enqueuer()),
                    Duration::from_secs(3),
                )
                .await;
                let failed: Vec<String> =
                    report.failed_ids().into_iter().map(str::to_owned).collect();
                (name, want, failed)
            })
        })
        .collect();
    let mut wrong = Vec::new();
    for run in runs {
        let (name, want, failed) = run.await.unwrap();
        if failed != [want] {
            wrong.push(format!("{name}: want [{want}], failed {failed:?}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert!(
        started.elapsed() < Duration::from_secs(25),
        "took {:?}",
        started.elapsed()
    );
}

/// `flow-conformance` with `args`: its exit code and stdout.
async fn binary(args: &[&str]) -> (Option<i32>, String) {
    let output = tokio::process::Command::new(env!("CARGO_BIN_EXE_flow-conformance"))
        .args(args)
        .output()
        .await
        .unwrap();
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
    )
}

#[tokio::test]
async fn the_binary_checks_a_core_with_the_service_modes_report_and_exit_codes() {
    let fake = fake_core::serve(CoreFaults::default()).await;
    let (code, stdout) = binary(&["--core", &fake.endpoint, "--json", "--timeout", "3"]).await;
    assert_eq!(code, Some(0), "{stdout}");
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let checks = json.as_array().unwrap();
    assert_eq!(checks.len(), core_kit::ids().len());
    let skipped: Vec<&str> = checks
        .iter()
        .filter(|c| c["outcome"] == "skip")
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(skipped, core_kit::execution::IDS, "no --enqueue");

    // An enqueue command that fails fails the execution checks (and the exit status).
    let (code, stdout) = binary(&[
        "--core",
        &fake.endpoint,
        "--timeout",
        "3",
        "--enqueue",
        "false",
    ])
    .await;
    assert_eq!(code, Some(1), "{stdout}");
    assert!(
        stdout.contains("FAIL  core.execution.stream_tasks  enqueueing failed: `false"),
        "{stdout}"
    );
    assert!(
        stdout.ends_with("15 passed, 3 failed, 1 skipped\n"),
        "{stdout}"
    );

    let broken = fake_core::serve(CoreFaults {
        deregister_keeps: true,
        ..CoreFaults::default()
    })
    .await;
    let (code, stdout) = binary(&["--core", &broken.endpoint, "--timeout", "3"]).await;
    assert_eq!(code, Some(1), "{stdout}");
    assert!(
        stdout.contains("FAIL  core.discovery.deregister"),
        "{stdout}"
    );

    // One mode at a time; --enqueue needs --core.
    for args in [
        &["--core", &fake.endpoint, "--endpoint", "http://127.0.0.1:1"][..],
        &["--core", &fake.endpoint, "--role", "worker"],
        &["--endpoint", "http://127.0.0.1:1", "--enqueue", "true"],
        &[],
    ] {
        assert_eq!(binary(args).await.0, Some(2), "{args:?}");
    }
}
