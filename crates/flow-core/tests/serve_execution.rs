//! `ExecutionService` over real loopback gRPC, its queue in a real SQLite file: tasks reach only
//! matching workers, at most `max_concurrent` per stream; completions are idempotent per
//! attempt; a worker that goes silent has its task re-offered after the heartbeat timeout;
//! failures retry by the policy's backoff; cancellations reach the worker and forced ones
//! terminate; a reconnecting worker gets its tasks back; and the queue survives `kill -9` of
//! `flow-core serve`.

mod common;

use std::sync::Arc;
use std::time::{Duration, Instant};

use common::assert_invalid;
use common::core_under_test::{CoreUnderTest, NEGATIVE};
use flow_core::serve::execution::{ExecutionSpec, TaskQueue};
use flow_core::serve::{CoreConfig, ExecutionConfig, ExecutionServer, LocalCore};
use flow_core::store::{SqliteOptions, SqliteStore};
use flow_proto::common::v1::outcome::{self, Outcome as Kind};
use flow_proto::common::v1::{
    CancellationMode, Failure, Outcome, Payload, RetryPolicy, TimeoutKind,
};
use flow_proto::execution::v1::execution_service_client::ExecutionServiceClient;
use flow_proto::execution::v1::stream_tasks_response::{CancelTask, Event};
use flow_proto::execution::v1::*;
use tonic::transport::Channel;
use tonic::{Code, Streaming};

/// Core in this process (so that the test can enqueue through [`TaskQueue`]), served on a
/// loopback port.
struct Core {
    _local: LocalCore,
    queue: TaskQueue<SqliteStore>,
    client: ExecutionServiceClient<Channel>,
    _data: tempfile::TempDir,
}

impl Core {
    async fn start() -> Self {
        let data = tempfile::tempdir().unwrap();
        let local = LocalCore::start(data.path(), CoreConfig::quick())
            .await
            .unwrap();
        let queue = local.task_queue().clone();
        let client = ExecutionServiceClient::connect(local.url().to_owned())
            .await
            .unwrap();
        Self {
            _local: local,
            queue,
            client,
            _data: data,
        }
    }

    async fn cancel(
        &self,
        request: CancelExecutionRequest,
    ) -> Result<CancelExecutionResponse, tonic::Status> {
        let mut client = self.client.clone();
        Ok(client.cancel_execution(request).await?.into_inner())
    }

    async fn enqueue(&self, spec: ExecutionSpec) -> String {
        self.queue.enqueue(spec).await.expect("enqueued")
    }
}

/// A worker's stream and a client to answer on.
struct Worker {
    stream: Streaming<StreamTasksResponse>,
    client: ExecutionServiceClient<Channel>,
}

fn stream_request(worker_id: &str, handlers: &[&str], max: u32) -> StreamTasksRequest {
    StreamTasksRequest {
        worker_id: worker_id.into(),
        handlers: handlers.iter().map(|h| h.to_string()).collect(),
        max_concurrent: max,
        ..Default::default()
    }
}

impl Worker {
    async fn open(client: &ExecutionServiceClient<Channel>, request: StreamTasksRequest) -> Self {
        let mut client = client.clone();
        let stream = client.stream_tasks(request).await.unwrap().into_inner();
        Self { stream, client }
    }

    async fn event(&mut self, within: Duration) -> Option<Event> {
        loop {
            let message = tokio::time::timeout(within, self.stream.message())
                .await
                .ok()?;
            match message.expect("stream healthy").expect("stream open").event {
                Some(Event::Ping(_)) => continue,
                event => return event,
            }
        }
    }

    async fn task(&mut self) -> Task {
        match self.event(Duration::from_secs(10)).await {
            Some(Event::Task(task)) => task,
            other => panic!("expected a task, got {other:?}"),
        }
    }

    async fn cancel(&mut self) -> CancelTask {
        match self.event(Duration::from_secs(10)).await {
            Some(Event::CancelTask(cancel)) => cancel,
            other => panic!("expected a cancel_task, got {other:?}"),
        }
    }

    /// Nothing but pings for `quiet`.
    async fn idle(&mut self, quiet: Duration) {
        if let Some(event) = self.event(quiet).await {
            panic!("expected nothing, got {event:?}");
        }
    }

    async fn complete(&mut self, task: &Task, outcome: Outcome) -> CompleteTaskResponse {
        self.client
            .complete_task(CompleteTaskRequest {
                task_token: task.task_token.clone(),
                outcome: Some(outcome),
            })
            .await
            .expect("completion answered")
            .into_inner()
    }

    async fn heartbeat(
        &mut self,
        task: &Task,
        progress: Option<&str>,
    ) -> Result<RecordHeartbeatResponse, tonic::Status> {
        let request = RecordHeartbeatRequest {
            task_token: task.task_token.clone(),
            progress: progress.map(payload),
            counters: None,
        };
        Ok(self.client.record_heartbeat(request).await?.into_inner())
    }
}

fn payload(text: &str) -> Payload {
    Payload {
        data: text.as_bytes().to_vec().into(),
        ..Default::default()
    }
}

fn success(result: &str) -> Outcome {
    Outcome {
        outcome: Some(Kind::Success(outcome::Success {
            result: Some(payload(result)),
        })),
    }
}

fn failure(r#type: &str) -> Outcome {
    Outcome {
        outcome: Some(Kind::Failure(Failure {
            message: "it broke".into(),
            r#type: r#type.into(),
            ..Default::default()
        })),
    }
}

fn spec(handler: &str) -> ExecutionSpec {
    ExecutionSpec {
        start_to_close: Some(Duration::from_secs(60)),
        ..ExecutionSpec::new(handler)
    }
}

fn fast_retries(maximum_attempts: i32) -> RetryPolicy {
    RetryPolicy {
        initial_interval: Some(Duration::from_millis(200).into()),
        backoff_coefficient: 2.0,
        maximum_attempts,
        ..Default::default()
    }
}

#[tokio::test]
async fn tasks_reach_only_workers_whose_handlers_and_queues_match() {
    let core = Core::start().await;
    let resize = core
        .enqueue(ExecutionSpec {
            input: Some(payload("cat.png")),
            headers: [("tenant".to_string(), "acme".to_string())].into(),
            ..spec("resize")
        })
        .await;
    let train = core
        .enqueue(ExecutionSpec {
            queue: Some("gpu".into()),
            ..spec("train")
        })
        .await;

    let mut cpu = Worker::open(
        &core.client,
        stream_request("cpu-1", &["resize", "train"], 4),
    )
    .await;
    let task = cpu.task().await;
    assert_eq!(task.execution_id, resize);
    assert_eq!((task.handler.as_str(), task.attempt), ("resize", 1));
    assert_eq!(task.queue, "default");
    assert_eq!(task.input, Some(payload("cat.png")));
    assert_eq!(task.headers["tenant"], "acme");
    assert!(task.enqueue_time.is_some() && task.deadline.is_some());
    assert!(!task.task_token.is_empty());
    // `train` is in the gpu queue, which this worker does not take from.
    cpu.idle(Duration::from_millis(300)).await;

    let gpu_request = StreamTasksRequest {
        queues: vec!["gpu".into()],
        ..stream_request("gpu-1", &["train"], 1)
    };
    let mut gpu = Worker::open(&core.client, gpu_request).await;
    let trained = gpu.task().await;
    assert_eq!(trained.execution_id, train);
    assert_eq!(trained.queue, "gpu");

    assert!(cpu.complete(&task, success("small cat")).await.accepted);
    assert!(gpu.complete(&trained, success("model")).await.accepted);
    assert_eq!(
        core.queue.wait(&resize).await.unwrap(),
        success("small cat")
    );
    let status = core.queue.status(&train).await.unwrap().unwrap();
    assert_eq!((status.state.as_str(), status.attempts), ("done", 1));
    assert_eq!(status.outcome, Some(success("model")));
}

#[tokio::test]
async fn a_stream_holds_at_most_max_concurrent_tasks() {
    let core = Core::start().await;
    for _ in 0..5 {
        core.enqueue(spec("work")).await;
    }
    let mut worker = Worker::open(&core.client, stream_request("w", &["work"], 2)).await;
    let first = worker.task().await;
    let _second = worker.task().await;
    worker.idle(Duration::from_millis(300)).await;
    assert!(worker.complete(&first, success("")).await.accepted);
    let third = worker.task().await;
    assert_eq!(third.attempt, 1);
    worker.idle(Duration::from_millis(300)).await;
}

#[tokio::test]
async fn completions_are_idempotent_per_attempt_and_bad_ones_refused() {
    let core = Core::start().await;
    let id = core.enqueue(spec("work")).await;
    let mut worker = Worker::open(&core.client, stream_request("w", &["work"], 1)).await;
    let task = worker.task().await;
    assert!(worker.complete(&task, success("first")).await.accepted);
    let again = worker.complete(&task, failure("late")).await;
    assert!(!again.accepted);
    assert_eq!(again.reason, "ALREADY_COMPLETED");
    assert_eq!(core.queue.wait(&id).await.unwrap(), success("first"));

    let mut client = core.client.clone();
    for token in [
        &b"garbage"[..],
        b"t1:",
        b"t1:not a valid id",
        b"t1:0190-unknown",
    ] {
        let refused = client
            .complete_task(CompleteTaskRequest {
                task_token: token.to_vec().into(),
                outcome: Some(success("")),
            })
            .await
            .unwrap_err();
        assert_invalid(&refused, "task_token");
    }
    let no_outcome = client
        .complete_task(CompleteTaskRequest {
            task_token: task.task_token.clone(),
            outcome: None,
        })
        .await
        .unwrap_err();
    assert_invalid(&no_outcome, "outcome");
    // A heartbeat for an ended attempt tells the worker to stop.
    let ended = worker.heartbeat(&task, None).await.unwrap_err();
    assert_eq!(ended.code(), Code::FailedPrecondition, "{ended:?}");
}

#[tokio::test]
async fn a_silent_workers_task_is_re_offered_after_its_heartbeat_timeout() {
    let core = Core::start().await;
    let id = core
        .enqueue(ExecutionSpec {
            heartbeat_timeout: Some(Duration::from_millis(400)),
            retry_policy: Some(fast_retries(0)),
            ..spec("work")
        })
        .await;
    let mut dying = Worker::open(&core.client, stream_request("dying", &["work"], 1)).await;
    let first = dying.task().await;
    let alive = dying.heartbeat(&first, Some("offset 41")).await.unwrap();
    assert!(!alive.cancel_requested);
    // The worker dies: its stream goes away and it never heartbeats again.
    let Worker {
        stream,
        client: mut dead_client,
    } = dying;
    drop(stream);

    let mut next = Worker::open(&core.client, stream_request("next", &["work"], 1)).await;
    let started = Instant::now();
    let second = next.task().await;
    assert_eq!(second.execution_id, id);
    assert_eq!(second.attempt, 2);
    assert_ne!(second.task_id, first.task_id);
    assert_eq!(second.last_heartbeat, Some(payload("offset 41")));
    // heartbeat timeout (400 ms) + the policy's first backoff (200 ms), less what already passed.
    assert!(
        started.elapsed() >= Duration::from_millis(200),
        "{:?}",
        started.elapsed()
    );

    let late = dead_client
        .complete_task(CompleteTaskRequest {
            task_token: first.task_token.clone(),
            outcome: Some(success("late")),
        })
        .await
        .unwrap()
        .into_inner();
    assert_eq!((late.accepted, late.reason.as_str()), (false, "TIMED_OUT"));
    assert!(next.complete(&second, success("done")).await.accepted);
    assert_eq!(core.queue.wait(&id).await.unwrap(), success("done"));
}

#[tokio::test]
async fn failures_retry_with_the_policys_backoff_until_the_attempts_run_out() {
    let core = Core::start().await;
    let id = core
        .enqueue(ExecutionSpec {
            retry_policy: Some(fast_retries(3)),
            ..spec("flaky")
        })
        .await;
    let mut worker = Worker::open(&core.client, stream_request("w", &["flaky"], 1)).await;
    let mut gaps = Vec::new();
    let mut failed_at = None::<Instant>;
    for attempt in 1..=3 {
        let task = worker.task().await;
        gaps.extend(failed_at.map(|at| at.elapsed()));
        assert_eq!(task.attempt, attempt);
        assert!(worker.complete(&task, failure("io")).await.accepted);
        failed_at = Some(Instant::now());
    }
    // The policy's backoff: 200 ms, then 200 ms x 2; after the third attempt, none.
    assert!(gaps[0] >= Duration::from_millis(190), "{gaps:?}");
    assert!(gaps[1] >= Duration::from_millis(390), "{gaps:?}");
    worker.idle(Duration::from_millis(600)).await;
    assert_eq!(core.queue.wait(&id).await.unwrap(), failure("io"));
    assert_eq!(core.queue.status(&id).await.unwrap().unwrap().attempts, 3);
}

#[tokio::test]
async fn non_retryable_failures_end_at_once_and_retry_after_is_not_counted() {
    let core = Core::start().await;
    let fatal = core
        .enqueue(ExecutionSpec {
            retry_policy: Some(RetryPolicy {
                non_retryable_failure_types: vec!["bad.input".into()],
                ..fast_retries(5)
            }),
            ..spec("strict")
        })
        .await;
    let patient = core
        .enqueue(ExecutionSpec {
            retry_policy: Some(fast_retries(2)),
            ..spec("patient")
        })
        .await;
    let mut worker =
        Worker::open(&core.client, stream_request("w", &["strict", "patient"], 2)).await;
    for _ in 0..2 {
        let task = worker.task().await;
        let outcome = if task.handler == "strict" {
            failure("bad.input")
        } else {
            Outcome {
                outcome: Some(Kind::RetryAfter(outcome::RetryAfter {
                    delay: Some(Duration::from_millis(100).into()),
                    cause: None,
                })),
            }
        };
        assert!(worker.complete(&task, outcome).await.accepted);
    }
    assert_eq!(core.queue.wait(&fatal).await.unwrap(), failure("bad.input"));
    // maximum_attempts 2: the retry-after did not count, so a failure of attempt 2 is retried.
    let again = worker.task().await;
    assert_eq!(
        (again.execution_id.as_str(), again.attempt),
        (patient.as_str(), 2)
    );
    assert!(worker.complete(&again, failure("io")).await.accepted);
    let last = worker.task().await;
    assert_eq!(
        (last.execution_id.as_str(), last.attempt),
        (patient.as_str(), 3)
    );
    assert!(worker.complete(&last, success("ok")).await.accepted);
    assert_eq!(core.queue.wait(&patient).await.unwrap(), success("ok"));
}

#[tokio::test]
async fn a_graceful_cancel_reaches_the_worker_on_its_stream_and_heartbeats() {
    let core = Core::start().await;
    let id = core.enqueue(spec("long")).await;
    let mut worker = Worker::open(&core.client, stream_request("w", &["long"], 1)).await;
    let task = worker.task().await;
    let response = core
        .cancel(CancelExecutionRequest {
            execution_id: id.clone(),
            reason: "user asked".into(),
            requested_by: "alice".into(),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(!response.already_terminal);
    assert_eq!(response.force_deadline, None);

    let cancel = worker.cancel().await;
    assert_eq!(cancel.task_id, task.task_id);
    assert_eq!(cancel.mode, CancellationMode::Graceful as i32);
    assert_eq!(cancel.reason, "user asked");
    let beat = worker.heartbeat(&task, None).await.unwrap();
    assert!(beat.cancel_requested);
    assert_eq!(beat.cancel_mode, CancellationMode::Graceful as i32);

    let stopped = Outcome {
        outcome: Some(Kind::Cancelled(outcome::Cancelled {
            mode: CancellationMode::Graceful as i32,
            details: None,
            reason: "user asked".into(),
        })),
    };
    assert!(worker.complete(&task, stopped.clone()).await.accepted);
    assert_eq!(core.queue.wait(&id).await.unwrap(), stopped);
    let again = core
        .cancel(CancelExecutionRequest {
            execution_id: id,
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(again.already_terminal);
}

#[tokio::test]
async fn a_forced_cancel_terminates_after_the_grace_period_and_refuses_a_late_completion() {
    let core = Core::start().await;
    let id = core.enqueue(spec("stubborn")).await;
    let mut worker = Worker::open(&core.client, stream_request("w", &["stubborn"], 1)).await;
    let task = worker.task().await;
    let response = core
        .cancel(CancelExecutionRequest {
            execution_id: id.clone(),
            mode: CancellationMode::Force as i32,
            grace_period: Some(Duration::from_millis(300).into()),
            reason: "shutting down".into(),
            requested_by: "ops".into(),
        })
        .await
        .unwrap();
    assert!(response.force_deadline.is_some());
    let cancel = worker.cancel().await;
    assert_eq!(cancel.mode, CancellationMode::Force as i32);
    assert_eq!(cancel.force_deadline, response.force_deadline);

    let outcome = core.queue.wait(&id).await.unwrap();
    let Some(Kind::Cancelled(cancelled)) = outcome.outcome else {
        panic!("cancelled, got {outcome:?}")
    };
    assert_eq!(cancelled.mode, CancellationMode::Force as i32);
    assert_eq!(cancelled.reason, "shutting down");
    let late = worker.complete(&task, success("too late")).await;
    assert_eq!((late.accepted, late.reason.as_str()), (false, "TERMINATED"));

    // Queued work is cancelled at once; an unknown execution is NOT_FOUND.
    let queued = core.enqueue(spec("nobody-runs-this")).await;
    let response = core
        .cancel(CancelExecutionRequest {
            execution_id: queued.clone(),
            mode: CancellationMode::Force as i32,
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(!response.already_terminal);
    let outcome = core.queue.wait(&queued).await.unwrap();
    assert!(
        matches!(outcome.outcome, Some(Kind::Cancelled(_))),
        "{outcome:?}"
    );
    let unknown = core
        .cancel(CancelExecutionRequest {
            execution_id: "no-such-execution".into(),
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert_eq!(unknown.code(), Code::NotFound);
}

#[tokio::test]
async fn a_reconnecting_worker_gets_its_open_tasks_back() {
    let core = Core::start().await;
    let id = core.enqueue(spec("work")).await;
    let mut worker = Worker::open(&core.client, stream_request("host-7/412", &["work"], 1)).await;
    let task = worker.task().await;
    drop(worker);
    let mut again = Worker::open(&core.client, stream_request("host-7/412", &["work"], 1)).await;
    let handed_back = again.task().await;
    assert_eq!(handed_back.task_id, task.task_id);
    assert_eq!(handed_back.task_token, task.task_token);
    assert!(again.complete(&handed_back, success("once")).await.accepted);
    assert_eq!(core.queue.wait(&id).await.unwrap(), success("once"));
}

#[tokio::test]
async fn queued_work_past_its_schedule_to_close_deadline_times_out() {
    let core = Core::start().await;
    let id = core
        .enqueue(ExecutionSpec {
            schedule_to_close: Some(Duration::from_millis(200)),
            ..ExecutionSpec::new("no-worker-has-this")
        })
        .await;
    let outcome = core.queue.wait(&id).await.unwrap();
    let Some(Kind::Timeout(timeout)) = outcome.outcome else {
        panic!("timed out, got {outcome:?}")
    };
    assert_eq!(timeout.kind, TimeoutKind::ScheduleToClose as i32);
}

#[tokio::test]
async fn bad_requests_are_refused_with_the_field_named() {
    let core = Core::start().await;
    let mut client = core.client.clone();
    let cases = [
        (stream_request("", &["work"], 1), "worker_id"),
        (stream_request("host\n1", &["work"], 1), "worker_id"),
        (stream_request("w", &[], 1), "handlers"),
        (stream_request("w", &["ok", "not ok"], 1), "handlers[1]"),
        (
            StreamTasksRequest {
                queues: vec!["x".repeat(200)],
                ..stream_request("w", &["work"], 1)
            },
            "queues[0]",
        ),
    ];
    for (request, field) in cases {
        let refused = client.stream_tasks(request).await.unwrap_err();
        assert_invalid(&refused, field);
    }
    let negative = core
        .cancel(CancelExecutionRequest {
            execution_id: "e".into(),
            grace_period: Some(NEGATIVE),
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert_invalid(&negative, "grace_period");
    let no_id = core
        .cancel(CancelExecutionRequest::default())
        .await
        .unwrap_err();
    assert_invalid(&no_id, "execution_id");

    let bad_policy = core
        .queue
        .enqueue(ExecutionSpec {
            retry_policy: Some(RetryPolicy {
                backoff_coefficient: 0.5,
                ..Default::default()
            }),
            ..spec("work")
        })
        .await
        .unwrap_err();
    assert!(
        bad_policy
            .to_string()
            .starts_with("retry_policy.backoff_coefficient"),
        "{bad_policy}"
    );
    let bad_handler = core.queue.enqueue(spec("has space")).await.unwrap_err();
    assert!(
        bad_handler.to_string().starts_with("handler"),
        "{bad_handler}"
    );
}

/// Enqueues through a second connection to the database of a running `flow-core serve`: the
/// served queue finds the work by itself (no notification crosses processes).
fn queue_beside(core: &CoreUnderTest<ExecutionServiceClient<Channel>>) -> TaskQueue<SqliteStore> {
    let store = SqliteStore::open(core.data.path(), &SqliteOptions::default()).unwrap();
    ExecutionServer::new(Arc::new(store), ExecutionConfig::default()).queue()
}

#[tokio::test]
async fn the_queue_and_its_assignments_survive_kill_9_of_core() {
    let mut core = CoreUnderTest::start(&[], ExecutionServiceClient::new).await;
    let queue = queue_beside(&core);
    let mut ids = Vec::new();
    for n in 0..3 {
        let spec = ExecutionSpec {
            execution_id: Some(format!("build-{n}")),
            ..spec("build")
        };
        ids.push(queue.enqueue(spec).await.unwrap());
    }
    // Enqueueing the same id again is a no-op.
    assert_eq!(
        queue
            .enqueue(ExecutionSpec {
                execution_id: Some("build-0".into()),
                ..spec("build")
            })
            .await
            .unwrap(),
        "build-0"
    );

    let mut worker = Worker::open(&core.client, stream_request("runner", &["build"], 1)).await;
    let first = worker.task().await;
    assert!(worker.complete(&first, success("built")).await.accepted);
    let second = worker.task().await;

    // SIGKILL mid-task: the assignment of `second` was committed before it was sent.
    core.crash_and_restart().await;
    let mut worker = Worker::open(&core.client, stream_request("runner", &["build"], 1)).await;
    let handed_back = worker.task().await;
    assert_eq!(handed_back.task_id, second.task_id);
    assert!(
        worker
            .complete(&handed_back, success("built"))
            .await
            .accepted
    );
    let third = worker.task().await;
    assert!(worker.complete(&third, success("built")).await.accepted);

    for id in &ids {
        let status = queue.status(id).await.unwrap().unwrap();
        assert_eq!(status.state, "done", "{id}");
        assert_eq!(status.attempts, 1, "{id}: exactly one attempt each");
        assert_eq!(status.outcome, Some(success("built")));
    }
}
