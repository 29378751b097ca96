//! The reference binaries against Flow's reference core (its servers in this process, over real
//! loopback gRPC and a real SQLite file): with `--core` every binary registers itself with
//! discovery and deregisters on Ctrl-C, and one killed with `kill -9` leaves no lease beyond
//! its TTL; `flow-ref-worker` takes its tasks from core's queue, and when one worker is killed
//! with `kill -9` mid-task, another resumes the task from the last heartbeat.

use std::time::{Duration, Instant};

use flow_core::serve::execution::{ExecutionSpec, TaskQueue};
use flow_core::serve::{CoreConfig, LocalCore};
use flow_core::store::SqliteStore;
use flow_proto::common::v1::Role;
use flow_proto::common::v1::outcome::Outcome as Kind;
use flow_proto::discovery::v1::ListServicesRequest;
use flow_proto::discovery::v1::discovery_service_client::DiscoveryServiceClient;
use flow_reference::worker::{COUNT, CountInput, CountResult, json_payload};
use flow_test_support::{ServiceProcess, spawn_listening};
use tokio::process::Command;

/// Core's servers in this process: 1 s leases, fast deadline checks.
struct Core {
    local: LocalCore,
    data: tempfile::TempDir,
}

impl Core {
    async fn start() -> Self {
        let data = tempfile::tempdir().unwrap();
        let local = LocalCore::start(data.path(), CoreConfig::quick()).await;
        Self {
            local: local.unwrap(),
            data,
        }
    }

    fn url(&self) -> &str {
        self.local.url()
    }

    fn queue(&self) -> &TaskQueue<SqliteStore> {
        self.local.task_queue()
    }

    /// `(name, role, endpoint)` of each registered service.
    async fn listed(&self) -> Vec<(String, Vec<i32>, String)> {
        let mut client = DiscoveryServiceClient::connect(self.url().to_owned())
            .await
            .unwrap();
        let listed = client
            .list_services(ListServicesRequest::default())
            .await
            .unwrap()
            .into_inner();
        let mut services: Vec<_> = listed
            .services
            .into_iter()
            .map(|s| {
                let info = s.service.unwrap();
                (info.name, info.roles, s.endpoint)
            })
            .collect();
        services.sort();
        services
    }

    /// Waits (10 s at most) until `check` holds for the listed services.
    async fn wait_listed(&self, check: impl Fn(&[(String, Vec<i32>, String)]) -> bool) {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let listed = self.listed().await;
            if check(&listed) {
                return;
            }
            assert!(Instant::now() < deadline, "still listed: {listed:?}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

async fn start(bin: &str, args: &[&str]) -> ServiceProcess {
    let mut cmd = Command::new(bin);
    cmd.args(["--listen", "127.0.0.1:0"]).args(args);
    spawn_listening(cmd).await
}

/// Ctrl-C, as a person or a supervisor stops the binary.
fn interrupt(process: &ServiceProcess) {
    let pid = process.child.id().expect("running");
    let status = std::process::Command::new("kill")
        .args(["-INT", &pid.to_string()])
        .status()
        .unwrap();
    assert!(status.success());
}

#[tokio::test]
async fn every_reference_binary_registers_with_core_and_deregisters_on_ctrl_c() {
    let core = Core::start().await;
    let flags = ["--core", core.url()];
    let mut source = start(env!("CARGO_BIN_EXE_flow-ref-source"), &flags).await;
    let processor = start(env!("CARGO_BIN_EXE_flow-ref-processor"), &flags).await;
    let consumer_path = core.data.path().join("out.jsonl");
    let consumer_args = [
        "--core",
        core.url(),
        "--path",
        consumer_path.to_str().unwrap(),
    ];
    let consumer = start(env!("CARGO_BIN_EXE_flow-ref-consumer"), &consumer_args).await;
    let worker = start(env!("CARGO_BIN_EXE_flow-ref-worker"), &flags).await;

    // Registered before `listening on`, with its role and the address it listens on.
    let listed = core.listed().await;
    let names: Vec<&str> = listed.iter().map(|(name, ..)| name.as_str()).collect();
    assert_eq!(
        names,
        [
            "flow-ref-consumer",
            "flow-ref-processor",
            "flow-ref-source",
            "flow-ref-worker"
        ]
    );
    let source_entry = listed
        .iter()
        .find(|(n, ..)| n == "flow-ref-source")
        .unwrap();
    assert_eq!(source_entry.1, [Role::Source as i32]);
    assert_eq!(source_entry.2, source.url());
    // Leases of 1 s, renewed: still there three TTLs later.
    tokio::time::sleep(Duration::from_millis(3000)).await;
    assert_eq!(core.listed().await.len(), 4);

    for process in [&processor, &consumer, &worker] {
        interrupt(process);
    }
    core.wait_listed(|listed| listed.len() == 1).await;
    // SIGKILL: no deregistration; the lease runs out within its TTL.
    source.kill().await;
    let killed = Instant::now();
    core.wait_listed(|listed| listed.is_empty()).await;
    assert!(
        killed.elapsed() < Duration::from_secs(5),
        "{:?}",
        killed.elapsed()
    );
}

#[tokio::test]
async fn a_task_of_a_worker_killed_mid_task_resumes_on_another_from_its_last_heartbeat() {
    let core = Core::start().await;
    let flags = |id: &'static str| {
        [
            "--core".to_string(),
            core.url().to_owned(),
            "--worker-id".into(),
            id.into(),
        ]
    };
    let first_flags = flags("first");
    let first_args: Vec<&str> = first_flags.iter().map(String::as_str).collect();
    let mut first = start(env!("CARGO_BIN_EXE_flow-ref-worker"), &first_args).await;

    let input = CountInput {
        to: 40,
        step_ms: 50,
    };
    let spec = ExecutionSpec {
        input: Some(json_payload(&input)),
        heartbeat_timeout: Some(Duration::from_millis(600)),
        ..ExecutionSpec::new(COUNT)
    };
    let id = core.queue().enqueue(spec).await.unwrap();
    // About half-way through the count (2 s at 50 ms a step), with heartbeats recorded.
    tokio::time::sleep(Duration::from_millis(1000)).await;
    let status = core.queue().status(&id).await.unwrap().unwrap();
    assert_eq!(status.state, "running", "{status:?}");
    first.kill().await;

    let second_flags = flags("second");
    let second_args: Vec<&str> = second_flags.iter().map(String::as_str).collect();
    let _second = start(env!("CARGO_BIN_EXE_flow-ref-worker"), &second_args).await;
    let outcome = tokio::time::timeout(Duration::from_secs(20), core.queue().wait(&id))
        .await
        .expect("the task finished on the second worker")
        .unwrap();
    let Some(Kind::Success(success)) = outcome.outcome else {
        panic!("success, got {outcome:?}")
    };
    let result: CountResult =
        serde_json::from_slice(&success.result.unwrap().data).expect("a CountResult");
    assert_eq!(result.counted, 40);
    assert!(
        result.resumed_from > 0 && result.resumed_from < 40,
        "resumed from the first worker's progress: {result:?}"
    );
    let status = core.queue().status(&id).await.unwrap().unwrap();
    assert_eq!(status.attempts, 2);
}
