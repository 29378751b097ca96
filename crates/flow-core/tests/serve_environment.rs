//! `EnvironmentService` as served by the real `flow-core serve` binary over loopback gRPC:
//! images registered, replaced and refused with diagnostics; instances run as local processes
//! (`/bin/sh -c ...`) through their stages, stopped (also when they ignore SIGTERM), listed
//! with filters and pages; an instance running when core is killed with `kill -9` is `FAILED`
//! after the restart.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant};

use common::core_under_test::{CoreUnderTest, NEGATIVE, answered, refused};
use flow_proto::common::v1::{Diagnostic, Failure};
use flow_proto::diagnostic::{AttributePathExt, DiagnosticExt};
use flow_proto::durable::v1::env_var::Source;
use flow_proto::durable::v1::environment_service_client::EnvironmentServiceClient;
use flow_proto::durable::v1::*;
use flow_proto::failure::FailureExt;
use flow_proto::status::failure_from_status;
use tonic::Code;
use tonic::transport::Channel;

type Core = CoreUnderTest<EnvironmentServiceClient<Channel>>;

impl Core {
    async fn register(&mut self, image: Image) -> RegisterImageResponse {
        let request = RegisterImageRequest {
            image: Some(image),
            validate_only: false,
        };
        answered(self.client.register_image(request).await)
    }

    async fn start_instance(&mut self, request: StartInstanceRequest) -> StartInstanceResponse {
        answered(self.client.start_instance(request).await)
    }

    /// Starts and expects an instance back.
    async fn started(&mut self, request: StartInstanceRequest) -> EnvironmentInstance {
        let response = self.start_instance(request).await;
        let errors: Vec<_> = response
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .collect();
        assert!(errors.is_empty(), "{errors:?}");
        response.instance.expect("an instance")
    }

    async fn status(&mut self, instance_id: &str) -> Result<EnvironmentInstance, tonic::Status> {
        let request = GetInstanceStatusRequest {
            instance_id: instance_id.into(),
        };
        let response = self.client.get_instance_status(request).await?;
        Ok(response.into_inner().instance.unwrap())
    }

    async fn stop(
        &mut self,
        instance_id: &str,
        grace: Option<Duration>,
    ) -> Result<EnvironmentInstance, tonic::Status> {
        let request = StopInstanceRequest {
            instance_id: instance_id.into(),
            grace_period: grace.map(Into::into),
            reason: "test".into(),
        };
        let response = self.client.stop_instance(request).await?;
        Ok(response.into_inner().instance.unwrap())
    }

    /// Polls the instance until it is in `stage` (30 s at most: a deadline, not a speed check).
    async fn wait_for(&mut self, instance_id: &str, stage: InstanceStage) -> EnvironmentInstance {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let instance = self.status(instance_id).await.unwrap();
            if instance.stage == stage as i32 {
                return instance;
            }
            assert!(
                Instant::now() < deadline,
                "{instance_id} still {:?}, not {stage:?}: {instance:?}",
                instance.stage()
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    async fn refused_list(&mut self, request: ListInstancesRequest) -> tonic::Status {
        refused(self.client.list_instances(request).await)
    }

    async fn refused_register(&mut self, request: RegisterImageRequest) -> tonic::Status {
        refused(self.client.register_image(request).await)
    }

    async fn list(&mut self, request: ListInstancesRequest) -> (Vec<String>, String) {
        let response = self
            .client
            .list_instances(request)
            .await
            .unwrap()
            .into_inner();
        let ids = response
            .instances
            .into_iter()
            .map(|i| i.instance_id)
            .collect();
        (ids, response.next_page_token)
    }
}

/// A `process` image running `script` with `/bin/sh -c`; start arguments become `$1`, `$2`...
fn shell_image(name: &str, script: &str) -> Image {
    Image {
        name: name.into(),
        digest: "sha256:one".into(),
        runtime: "process".into(),
        entrypoint: vec!["/bin/sh".into(), "-c".into(), script.into(), "sh".into()],
        ..Default::default()
    }
}

fn start(image: &str, instance_id: &str) -> StartInstanceRequest {
    StartInstanceRequest {
        image_name: image.into(),
        instance_id: instance_id.into(),
        ..Default::default()
    }
}

fn var(name: &str, source: Source) -> EnvVar {
    EnvVar {
        name: name.into(),
        source: Some(source),
    }
}

fn path_of(diagnostic: &Diagnostic) -> String {
    diagnostic
        .attribute
        .as_ref()
        .map(|a| a.display().to_string())
        .unwrap_or_default()
}

/// The field an `INVALID_ARGUMENT` names in its Diagnostic.
fn invalid_field(status: &tonic::Status) -> String {
    assert_eq!(status.code(), Code::InvalidArgument, "{status:?}");
    let failure = failure_from_status(status);
    let diagnostic = failure.details_of::<Diagnostic>().next().unwrap().unwrap();
    path_of(&diagnostic)
}

/// Reads a file the instance writes, once it is complete (30 s at most).
async fn read_when_written(path: &Path) -> String {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if let Ok(text) = std::fs::read_to_string(path)
            && text.ends_with('\n')
        {
            return text;
        }
        assert!(
            Instant::now() < deadline,
            "{} never written",
            path.display()
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test]
async fn images_register_once_and_new_digests_replace() {
    let mut core = Core::start(&[], EnvironmentServiceClient::new).await;
    let image = shell_image("billing", "exit 0");

    let first = core.register(image.clone()).await;
    assert!(first.accepted, "{:?}", first.diagnostics);
    assert_eq!(first.previous_digest, "");
    let stored = first.image.unwrap();
    assert!(stored.register_time.is_some());

    // The same name and digest again: a no-op, the first registration kept.
    let again = core.register(image.clone()).await;
    assert!(again.accepted);
    assert_eq!(again.previous_digest, "");
    assert_eq!(again.image.unwrap(), stored);

    let replaced = core
        .register(Image {
            digest: "sha256:two".into(),
            ..image.clone()
        })
        .await;
    assert!(replaced.accepted);
    assert_eq!(replaced.previous_digest, "sha256:one");
    assert_eq!(replaced.image.unwrap().digest, "sha256:two");

    // validate_only checks and stores nothing.
    let validated = core
        .client
        .register_image(RegisterImageRequest {
            image: Some(Image {
                name: "not-stored".into(),
                ..image
            }),
            validate_only: true,
        })
        .await
        .unwrap()
        .into_inner();
    assert!(validated.accepted);
    assert!(validated.image.is_none());
    let response = core.start_instance(start("not-stored", "")).await;
    assert!(response.instance.is_none());
    assert_eq!(path_of(&response.diagnostics[0]), "image_name");
}

#[tokio::test]
async fn bad_images_come_back_as_diagnostics() {
    let mut core = Core::start(&[], EnvironmentServiceClient::new).await;
    let bad = Image {
        name: "has space".into(),
        digest: String::new(),
        runtime: "oci".into(),
        env: vec![var("DB", Source::SecretRef("db-password".into()))],
        ..shell_image("x", "exit 0")
    };
    for validate_only in [true, false] {
        let response = core
            .client
            .register_image(RegisterImageRequest {
                image: Some(bad.clone()),
                validate_only,
            })
            .await
            .unwrap()
            .into_inner();
        assert!(!response.accepted);
        assert!(response.image.is_none());
        let paths: Vec<String> = response.diagnostics.iter().map(path_of).collect();
        assert_eq!(
            paths,
            [
                "image.name",
                "image.digest",
                "image.runtime",
                "image.env[0].secret_ref"
            ]
        );
        assert_eq!(response.diagnostics[2].reason, "UNSUPPORTED_RUNTIME");
        assert!(response.diagnostics[3].summary.contains("no secret store"));
    }

    let no_entrypoint = core
        .register(Image {
            entrypoint: vec![],
            ..shell_image("empty", "")
        })
        .await;
    assert!(!no_entrypoint.accepted);
    assert_eq!(path_of(&no_entrypoint.diagnostics[0]), "image.entrypoint");

    let status = core.refused_register(RegisterImageRequest::default()).await;
    assert_eq!(invalid_field(&status), "image");
}

#[tokio::test]
async fn an_instance_gets_its_id_and_env_and_stops_with_code_0() {
    let mut core = Core::start(&[], EnvironmentServiceClient::new).await;
    let mut image = shell_image(
        "printer",
        r#"printf '%s %s %s\n' "$FLOW_INSTANCE_ID" "$GREETING" "$TOKEN" > "$1"; echo out; echo err >&2"#,
    );
    image.env = vec![
        var("GREETING", Source::Value("from-image".into())),
        var("TOKEN", Source::Value("image-token".into())),
    ];
    assert!(core.register(image).await.accepted);
    let out = core.data.path().join("env.txt");
    let instance = core
        .started(StartInstanceRequest {
            args: vec![out.to_string_lossy().into_owned()],
            env: vec![
                var("GREETING", Source::Value("from-request".into())),
                var("TOKEN", Source::SecretValue("s3cret".into())),
            ],
            labels: BTreeMap::from([("team".to_string(), "billing".to_string())]),
            ..start("printer", "")
        })
        .await;
    // Core chose the id; the process started.
    assert!(!instance.instance_id.is_empty());
    assert_eq!(instance.image_digest, "sha256:one");
    assert_eq!(instance.stage(), InstanceStage::Running);
    assert!(instance.start_time.is_some() && instance.create_time.is_some());

    let id = instance.instance_id.clone();
    let ended = core.wait_for(&id, InstanceStage::Stopped).await;
    assert_eq!(ended.exit_code, Some(0));
    assert!(ended.failure.is_none());
    assert!(ended.end_time.is_some());
    assert_eq!(ended.labels["team"], "billing");
    assert_eq!(
        read_when_written(&out).await,
        format!("{id} from-request s3cret\n")
    );
    let logs = core.data.path().join("instances").join(&id);
    assert_eq!(
        std::fs::read_to_string(logs.join("stdout.log")).unwrap(),
        "out\n"
    );
    assert_eq!(
        std::fs::read_to_string(logs.join("stderr.log")).unwrap(),
        "err\n"
    );
}

#[tokio::test]
async fn a_non_zero_exit_is_failed_with_its_code() {
    let mut core = Core::start(&[], EnvironmentServiceClient::new).await;
    assert!(
        core.register(shell_image("crasher", "exit 3"))
            .await
            .accepted
    );
    core.started(start("crasher", "c-1")).await;
    let ended = core.wait_for("c-1", InstanceStage::Failed).await;
    assert_eq!(ended.exit_code, Some(3));
    let failure: Failure = ended.failure.unwrap();
    assert!(
        failure.message.contains("exited with code 3"),
        "{failure:?}"
    );

    // An entrypoint that cannot be spawned fails too, with the reason.
    let mut missing = shell_image("missing", "");
    missing.entrypoint = vec!["/nonexistent/flow-test-binary".into()];
    assert!(core.register(missing).await.accepted);
    let instance = core.started(start("missing", "m-1")).await;
    assert_eq!(instance.stage(), InstanceStage::Failed);
    assert!(instance.failure.unwrap().message.contains("cannot start"));
}

#[tokio::test]
async fn starts_are_idempotent_and_checked() {
    let mut core = Core::start(&[], EnvironmentServiceClient::new).await;
    let log = core.data.path().join("starts.txt");
    let script = r#"echo started >> "$1""#;
    assert!(core.register(shell_image("once", script)).await.accepted);
    let request = StartInstanceRequest {
        args: vec![log.to_string_lossy().into_owned()],
        ..start("once", "fixed-id")
    };
    let first = core.started(request.clone()).await;
    core.wait_for("fixed-id", InstanceStage::Stopped).await;
    let second = core.started(request).await;
    assert_eq!(second.instance_id, "fixed-id");
    assert_eq!(second.create_time, first.create_time);
    assert_eq!(second.stage(), InstanceStage::Stopped);
    assert_eq!(read_when_written(&log).await, "started\n", "started once");

    // Problems with the request are diagnostics, and nothing starts.
    let unknown = core.start_instance(start("no-such-image", "u-1")).await;
    assert!(unknown.instance.is_none());
    assert_eq!(path_of(&unknown.diagnostics[0]), "image_name");
    let mismatch = core
        .start_instance(StartInstanceRequest {
            image_digest: "sha256:other".into(),
            ..start("once", "u-2")
        })
        .await;
    assert!(mismatch.instance.is_none());
    assert_eq!(path_of(&mismatch.diagnostics[0]), "image_digest");
    let secret = core
        .start_instance(StartInstanceRequest {
            env: vec![
                var("A", Source::Value("a".into())),
                var("B", Source::SecretRef("b".into())),
            ],
            ..start("once", "u-3")
        })
        .await;
    assert!(secret.instance.is_none());
    assert_eq!(path_of(&secret.diagnostics[0]), "env[1].secret_ref");
    assert!(secret.diagnostics[0].summary.contains("no secret store"));
    for id in ["u-1", "u-2", "u-3"] {
        assert_eq!(core.status(id).await.unwrap_err().code(), Code::NotFound);
    }

    // Limits the process runtime cannot enforce are warned about, not dropped silently.
    let limited = core
        .start_instance(StartInstanceRequest {
            args: vec![log.to_string_lossy().into_owned()],
            resources: Some(ResourceLimits {
                cpu_millis: 500,
                memory_bytes: 0,
            }),
            ..start("once", "limited")
        })
        .await;
    assert!(limited.instance.is_some());
    assert_eq!(limited.diagnostics.len(), 1);
    assert!(!limited.diagnostics[0].is_error());
    assert_eq!(path_of(&limited.diagnostics[0]), "resources.cpu_millis");

    // Malformed ids are refused outright, naming the field.
    let status = core
        .client
        .start_instance(start("once", "bad id"))
        .await
        .unwrap_err();
    assert_eq!(invalid_field(&status), "instance_id");
    let status = core
        .client
        .start_instance(start("", "x"))
        .await
        .unwrap_err();
    assert_eq!(invalid_field(&status), "image_name");
}

#[tokio::test]
async fn stops_terminate_then_kill_and_are_idempotent() {
    let mut core = Core::start(&[], EnvironmentServiceClient::new).await;
    let ready = core.data.path().join("ready");
    // Ignores SIGTERM (the ignoring is inherited by sleep), and says so once it does.
    let stubborn = r#"trap '' TERM; echo ready > "$1"; sleep 60"#;
    assert!(
        core.register(shell_image("stubborn", stubborn))
            .await
            .accepted
    );
    core.started(StartInstanceRequest {
        args: vec![ready.to_string_lossy().into_owned()],
        ..start("stubborn", "s-1")
    })
    .await;
    read_when_written(&ready).await;
    let stopping = core
        .stop("s-1", Some(Duration::from_millis(200)))
        .await
        .unwrap();
    assert_eq!(stopping.stage(), InstanceStage::Stopping);
    let stopped = core.wait_for("s-1", InstanceStage::Stopped).await;
    assert!(
        stopped.message.contains("killed by signal 9"),
        "{stopped:?}"
    );
    assert!(stopped.failure.is_none());
    // Stopping a stopped instance returns it as it is.
    let again = core.stop("s-1", None).await.unwrap();
    assert_eq!(again, stopped);

    // A process that honours SIGTERM stops within the default grace period.
    assert!(
        core.register(shell_image("sleeper", "exec sleep 60"))
            .await
            .accepted
    );
    core.started(start("sleeper", "s-2")).await;
    core.stop("s-2", None).await.unwrap();
    let stopped = core.wait_for("s-2", InstanceStage::Stopped).await;
    assert!(stopped.message.contains("signal 15"), "{stopped:?}");

    assert_eq!(
        core.stop("nobody", None).await.unwrap_err().code(),
        Code::NotFound
    );
    let status = core
        .client
        .stop_instance(StopInstanceRequest {
            instance_id: "s-2".into(),
            grace_period: Some(NEGATIVE),
            reason: String::new(),
        })
        .await
        .unwrap_err();
    assert_eq!(invalid_field(&status), "grace_period");
    let status = core.stop("", None).await.unwrap_err();
    assert_eq!(invalid_field(&status), "instance_id");
}

#[tokio::test]
async fn lists_are_newest_first_filtered_and_paged() {
    let mut core = Core::start(&[], EnvironmentServiceClient::new).await;
    assert!(core.register(shell_image("ok", "exit 0")).await.accepted);
    assert!(core.register(shell_image("bad", "exit 1")).await.accepted);
    for (id, image, team) in [
        ("i-1", "ok", "a"),
        ("i-2", "bad", "a"),
        ("i-3", "ok", "b"),
        ("i-4", "ok", "a"),
        ("i-5", "bad", "b"),
    ] {
        core.started(StartInstanceRequest {
            labels: BTreeMap::from([("team".to_string(), team.to_string())]),
            ..start(image, id)
        })
        .await;
    }
    for id in ["i-1", "i-3", "i-4"] {
        core.wait_for(id, InstanceStage::Stopped).await;
    }
    for id in ["i-2", "i-5"] {
        core.wait_for(id, InstanceStage::Failed).await;
    }

    let (all, token) = core.list(ListInstancesRequest::default()).await;
    assert_eq!(all, ["i-5", "i-4", "i-3", "i-2", "i-1"]);
    assert_eq!(token, "");

    let mut pages = Vec::new();
    let mut page_token = String::new();
    loop {
        let (ids, next) = core
            .list(ListInstancesRequest {
                page_size: 2,
                page_token,
                ..Default::default()
            })
            .await;
        pages.push(ids);
        if next.is_empty() {
            break;
        }
        page_token = next;
    }
    assert_eq!(pages, [vec!["i-5", "i-4"], vec!["i-3", "i-2"], vec!["i-1"]]);

    let by_image = ListInstancesRequest {
        image_name: "ok".into(),
        ..Default::default()
    };
    assert_eq!(core.list(by_image).await.0, ["i-4", "i-3", "i-1"]);
    let by_stage = ListInstancesRequest {
        stages: vec![InstanceStage::Failed as i32],
        ..Default::default()
    };
    assert_eq!(core.list(by_stage).await.0, ["i-5", "i-2"]);
    let by_label = ListInstancesRequest {
        labels: BTreeMap::from([("team".to_string(), "a".to_string())]),
        ..Default::default()
    };
    assert_eq!(core.list(by_label.clone()).await.0, ["i-4", "i-2", "i-1"]);
    let all_filters = ListInstancesRequest {
        image_name: "ok".into(),
        stages: vec![InstanceStage::Stopped as i32],
        ..by_label.clone()
    };
    assert_eq!(core.list(all_filters).await.0, ["i-4", "i-1"]);

    // A token belongs to its filters.
    let (_, token) = core
        .list(ListInstancesRequest {
            page_size: 1,
            ..by_label
        })
        .await;
    assert!(!token.is_empty());
    let status = core
        .refused_list(ListInstancesRequest {
            page_token: token,
            ..Default::default()
        })
        .await;
    assert_eq!(invalid_field(&status), "page_token");
    let status = core
        .refused_list(ListInstancesRequest {
            page_size: -1,
            ..Default::default()
        })
        .await;
    assert_eq!(invalid_field(&status), "page_size");
}

#[tokio::test]
async fn status_of_unknown_or_malformed_ids() {
    let mut core = Core::start(&[], EnvironmentServiceClient::new).await;
    assert_eq!(
        core.status("nobody").await.unwrap_err().code(),
        Code::NotFound
    );
    let status = core.status("a/b").await.unwrap_err();
    assert_eq!(invalid_field(&status), "instance_id");
}

/// Whether `pid` is a live process (not gone, not a zombie waiting to be reaped).
fn alive(pid: u32) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        // The state follows the parenthesised command name.
        Ok(stat) => !stat
            .rsplit(')')
            .next()
            .unwrap_or("")
            .trim_start()
            .starts_with('Z'),
        Err(_) => false,
    }
}

#[tokio::test]
async fn an_instance_running_when_core_is_killed_is_failed_after_restart() {
    let mut core = Core::start(&[], EnvironmentServiceClient::new).await;
    let pid_file = core.data.path().join("pid");
    let script = r#"echo $$ > "$1"; exec sleep 60"#;
    assert!(core.register(shell_image("long", script)).await.accepted);
    core.started(StartInstanceRequest {
        args: vec![pid_file.to_string_lossy().into_owned()],
        ..start("long", "orphan")
    })
    .await;
    let pid: u32 = read_when_written(&pid_file).await.trim().parse().unwrap();
    assert!(alive(pid));

    // SIGKILL: core cannot stop its instance, and the process outlives it.
    core.crash_and_restart().await;

    let instance = core.status("orphan").await.unwrap();
    assert_eq!(instance.stage(), InstanceStage::Failed);
    assert_eq!(
        instance.failure.unwrap().message,
        "core restarted; the process is no longer supervised"
    );
    assert!(instance.end_time.is_some());
    assert!(instance.message.contains("killed"), "{}", instance.message);
    // The orphan was killed by its recorded pid.
    let deadline = Instant::now() + Duration::from_secs(30);
    while alive(pid) {
        assert!(Instant::now() < deadline, "process {pid} still runs");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}
