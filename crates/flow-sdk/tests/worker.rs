//! The SDK worker against a scripted ExecutionService over real gRPC on loopback: the test plays
//! core, pushes tasks and cancellations, and watches heartbeats and completions.

use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use flow_proto::common::v1::{CancellationMode, Failure, Payload, outcome};
use flow_proto::execution::v1::execution_service_server::{
    ExecutionService, ExecutionServiceServer,
};
use flow_proto::execution::v1::*;
use flow_proto::failure::FailureExt;
use flow_proto::wkt::Timestamp;
use flow_sdk::worker::{TaskContext, TaskError, TaskHandler, WORKER_HANDLER_PANICKED, Worker};
use tokio::sync::{mpsc, oneshot};
use tokio_stream::Stream;
use tokio_stream::wrappers::{ReceiverStream, TcpListenerStream};
use tonic::{Request, Response, Status};

const STEP: Duration = Duration::from_secs(10);

type TaskStream = Pin<Box<dyn Stream<Item = Result<StreamTasksResponse, Status>> + Send>>;

/// Core's end of one task stream.
type CoreSide = mpsc::Sender<Result<StreamTasksResponse, Status>>;

/// What the scripted core saw, in order of arrival.
#[derive(Debug)]
enum Seen {
    Stream(StreamTasksRequest, CoreSide),
    Heartbeat(RecordHeartbeatRequest),
    Complete(CompleteTaskRequest),
}

#[derive(Clone)]
struct ScriptedCore {
    seen: mpsc::UnboundedSender<Seen>,
    /// The first this many CompleteTask calls fail with UNAVAILABLE.
    unavailable_completions: Arc<AtomicUsize>,
    /// Answer heartbeats with a graceful cancellation request.
    cancel_on_heartbeat: Arc<Mutex<bool>>,
}

#[tonic::async_trait]
impl ExecutionService for ScriptedCore {
    type StreamTasksStream = TaskStream;

    async fn stream_tasks(
        &self,
        request: Request<StreamTasksRequest>,
    ) -> Result<Response<TaskStream>, Status> {
        let (tx, rx) = mpsc::channel(16);
        let _ = self.seen.send(Seen::Stream(request.into_inner(), tx));
        Ok(Response::new(Box::pin(ReceiverStream::new(rx))))
    }

    async fn record_heartbeat(
        &self,
        request: Request<RecordHeartbeatRequest>,
    ) -> Result<Response<RecordHeartbeatResponse>, Status> {
        let _ = self.seen.send(Seen::Heartbeat(request.into_inner()));
        let cancel = *self.cancel_on_heartbeat.lock().unwrap();
        Ok(Response::new(RecordHeartbeatResponse {
            cancel_requested: cancel,
            cancel_mode: if cancel {
                CancellationMode::Graceful as i32
            } else {
                0
            },
            cancel_reason: if cancel {
                "by heartbeat".into()
            } else {
                String::new()
            },
            force_deadline: None,
        }))
    }

    async fn complete_task(
        &self,
        request: Request<CompleteTaskRequest>,
    ) -> Result<Response<CompleteTaskResponse>, Status> {
        let _ = self.seen.send(Seen::Complete(request.into_inner()));
        let left = self.unavailable_completions.load(Ordering::SeqCst);
        if left > 0 {
            self.unavailable_completions
                .store(left - 1, Ordering::SeqCst);
            return Err(Status::unavailable("core is restarting"));
        }
        Ok(Response::new(CompleteTaskResponse {
            accepted: true,
            reason: String::new(),
        }))
    }

    async fn cancel_execution(
        &self,
        _: Request<CancelExecutionRequest>,
    ) -> Result<Response<CancelExecutionResponse>, Status> {
        Err(Status::unimplemented("not used by workers"))
    }
}

struct Harness {
    core: ScriptedCore,
    seen: mpsc::UnboundedReceiver<Seen>,
    stop_worker: Option<oneshot::Sender<()>>,
    worker: tokio::task::JoinHandle<()>,
}

impl Harness {
    async fn start(worker: Worker) -> Harness {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let (seen_tx, seen) = mpsc::unbounded_channel();
        let core = ScriptedCore {
            seen: seen_tx,
            unavailable_completions: Arc::default(),
            cancel_on_heartbeat: Arc::default(),
        };
        let server = ExecutionServiceServer::new(core.clone());
        tokio::spawn(async move {
            tonic::transport::Server::builder()
                .add_service(server)
                .serve_with_incoming(TcpListenerStream::new(listener))
                .await
        });
        let channel = tonic::transport::Endpoint::from_shared(format!("http://{addr}"))
            .unwrap()
            .connect_lazy();
        let (stop_tx, stop_rx) = oneshot::channel();
        let worker = tokio::spawn(worker.run(channel, async {
            let _ = stop_rx.await;
        }));
        Harness {
            core,
            seen,
            stop_worker: Some(stop_tx),
            worker,
        }
    }

    async fn next(&mut self) -> Seen {
        tokio::time::timeout(STEP, self.seen.recv())
            .await
            .expect("the worker did something in time")
            .expect("core is alive")
    }

    /// A harness around [`worker`] and the task stream it opened.
    async fn streaming() -> (Harness, CoreSide) {
        let mut h = Harness::start(worker()).await;
        let (_, tx) = h.stream().await;
        (h, tx)
    }

    /// The next StreamTasks the worker opens (skipping heartbeats).
    async fn stream(&mut self) -> (StreamTasksRequest, CoreSide) {
        loop {
            if let Seen::Stream(request, tx) = self.next().await {
                return (request, tx);
            }
        }
    }

    /// The next completion (skipping heartbeats).
    async fn completion(&mut self) -> CompleteTaskRequest {
        loop {
            match self.next().await {
                Seen::Complete(c) => return c,
                Seen::Heartbeat(_) => {}
                Seen::Stream(..) => panic!("unexpected reconnect"),
            }
        }
    }

    /// The next completion, which must report a cancellation.
    async fn cancellation(&mut self) -> outcome::Cancelled {
        match outcome_of(&self.completion().await) {
            outcome::Outcome::Cancelled(c) => c.clone(),
            other => panic!("expected a cancellation, got {other:?}"),
        }
    }

    /// Asserts the worker does nothing at all for `quiet`; `why` says what it must not do.
    async fn assert_quiet(&mut self, quiet: Duration, why: &str) {
        let seen = tokio::time::timeout(quiet, self.seen.recv()).await;
        assert!(seen.is_err(), "{why}: {seen:?}");
    }
}

fn task(id: &str, handler: &str, input: &str) -> Task {
    Task {
        task_id: id.into(),
        execution_id: format!("exec-{id}"),
        handler: handler.into(),
        attempt: 1,
        input: Some(Payload {
            data: input.as_bytes().to_vec().into(),
            ..Default::default()
        }),
        task_token: format!("token-{id}").into_bytes().into(),
        ..Default::default()
    }
}

/// A task of `handler` that must heartbeat within `heartbeat_timeout`.
fn heartbeating(id: &str, handler: &str, heartbeat_timeout: Duration) -> Task {
    Task {
        heartbeat_timeout: Some(heartbeat_timeout.into()),
        ..task(id, handler, "")
    }
}

/// One event on the task stream, as core sends it.
fn event(event: stream_tasks_response::Event) -> Result<StreamTasksResponse, Status> {
    Ok(StreamTasksResponse { event: Some(event) })
}

fn send_task(task: Task) -> Result<StreamTasksResponse, Status> {
    event(stream_tasks_response::Event::Task(task))
}

fn cancel_task(cancel: stream_tasks_response::CancelTask) -> Result<StreamTasksResponse, Status> {
    event(stream_tasks_response::Event::CancelTask(cancel))
}

/// Core sends `msg` on the task stream.
async fn push(tx: &CoreSide, msg: Result<StreamTasksResponse, Status>) {
    tx.send(msg)
        .await
        .expect("the worker holds the task stream");
}

fn millis(ms: u64) -> Duration {
    Duration::from_millis(ms)
}

fn in_(d: Duration) -> Timestamp {
    Timestamp::from(SystemTime::now() + d)
}

fn outcome_of(c: &CompleteTaskRequest) -> &outcome::Outcome {
    c.outcome.as_ref().unwrap().outcome.as_ref().unwrap()
}

struct Echo;

#[tonic::async_trait]
impl TaskHandler for Echo {
    async fn run(&self, ctx: TaskContext) -> Result<Payload, TaskError> {
        match ctx.input() {
            Some(p) if p.data.as_ref() == b"fail" => {
                Err(Failure::new("asked to fail").with_type("test.fail").into())
            }
            Some(p) if p.data.as_ref() == b"panic" => panic!("asked to panic"),
            other => Ok(other.cloned().unwrap_or_default()),
        }
    }
}

/// Records progress until cancelled; with `obey: false` it ignores cancellation.
struct Loop {
    obey: bool,
}

#[tonic::async_trait]
impl TaskHandler for Loop {
    async fn run(&self, ctx: TaskContext) -> Result<Payload, TaskError> {
        let mut step = 0u64;
        loop {
            tokio::select! {
                () = ctx.cancelled(), if self.obey => {
                    return Err(TaskError::Cancelled {
                        details: Some(Payload { data: step.to_string().into_bytes().into(), ..Default::default() }),
                    });
                }
                () = tokio::time::sleep(Duration::from_millis(20)) => {}
            }
            step += 1;
            ctx.heartbeat(Payload {
                data: step.to_string().into_bytes().into(),
                ..Default::default()
            });
        }
    }
}

fn worker() -> Worker {
    Worker::builder("test-worker/1")
        .handler("echo", Echo)
        .handler("loop", Loop { obey: true })
        .handler("stubborn", Loop { obey: false })
        .max_concurrent(3)
        .queue("gpu")
        .label("region", "here")
        .drain(Duration::from_millis(300), Duration::from_millis(300))
        .build()
        .unwrap()
}

#[tokio::test]
async fn opens_the_stream_and_reports_every_kind_of_outcome() {
    let mut h = Harness::start(worker()).await;
    let (request, tx) = h.stream().await;
    assert_eq!(request.worker_id, "test-worker/1");
    assert_eq!(request.handlers, ["echo", "loop", "stubborn"]);
    assert_eq!(
        (request.max_concurrent, request.queues.as_slice()),
        (3, &["gpu".to_owned()][..])
    );
    assert_eq!(request.labels["region"], "here");

    push(&tx, send_task(task("a", "echo", "hello"))).await;
    let done = h.completion().await;
    assert_eq!(done.task_token.as_ref(), b"token-a");
    match outcome_of(&done) {
        outcome::Outcome::Success(s) => {
            assert_eq!(s.result.as_ref().unwrap().data.as_ref(), b"hello")
        }
        other => panic!("{other:?}"),
    }

    push(&tx, send_task(task("b", "echo", "fail"))).await;
    match outcome_of(&h.completion().await) {
        outcome::Outcome::Failure(f) => assert_eq!(f.r#type, "test.fail"),
        other => panic!("{other:?}"),
    }

    push(&tx, send_task(task("c", "echo", "panic"))).await;
    match outcome_of(&h.completion().await) {
        outcome::Outcome::Failure(f) => assert_eq!(f.r#type, WORKER_HANDLER_PANICKED),
        other => panic!("{other:?}"),
    }

    push(&tx, send_task(task("d", "nope", ""))).await;
    match outcome_of(&h.completion().await) {
        outcome::Outcome::HandlerNotFound(n) => {
            assert_eq!(n.handler, "nope");
            assert_eq!(n.available_handlers, ["echo", "loop", "stubborn"]);
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn heartbeats_carry_progress_and_a_cancel_task_ends_with_cancelled() {
    let (mut h, tx) = Harness::streaming().await;
    push(&tx, send_task(heartbeating("long", "loop", millis(400)))).await;
    let mut last = std::time::Instant::now();
    for _ in 0..3 {
        match h.next().await {
            Seen::Heartbeat(hb) => {
                assert_eq!(hb.task_token.as_ref(), b"token-long");
                assert!(hb.progress.is_some(), "progress rides along");
                assert!(
                    last.elapsed() < millis(400),
                    "within the heartbeat timeout (sent every half of it)"
                );
                last = std::time::Instant::now();
            }
            other => panic!("{other:?}"),
        }
    }
    let cancel = stream_tasks_response::CancelTask {
        task_id: "long".into(),
        execution_id: "exec-long".into(),
        mode: CancellationMode::Graceful as i32,
        reason: "user asked".into(),
        force_deadline: None,
    };
    push(&tx, cancel_task(cancel)).await;
    let cancelled = h.cancellation().await;
    assert_eq!(cancelled.mode(), CancellationMode::Graceful);
    assert_eq!(cancelled.reason, "user asked");
    assert!(cancelled.details.is_some());
}

#[tokio::test]
async fn a_heartbeat_answer_can_cancel() {
    let (mut h, tx) = Harness::streaming().await;
    *h.core.cancel_on_heartbeat.lock().unwrap() = true;
    push(&tx, send_task(heartbeating("hb", "loop", millis(100)))).await;
    assert_eq!(h.cancellation().await.reason, "by heartbeat");
}

#[tokio::test]
async fn a_forced_cancellation_drops_a_stubborn_handler_at_the_deadline() {
    let (mut h, tx) = Harness::streaming().await;
    push(
        &tx,
        send_task(heartbeating("stubborn", "stubborn", millis(100))),
    )
    .await;
    assert!(matches!(h.next().await, Seen::Heartbeat(_)));
    let cancel = stream_tasks_response::CancelTask {
        task_id: "stubborn".into(),
        mode: CancellationMode::Force as i32,
        force_deadline: Some(in_(millis(300))),
        ..Default::default()
    };
    push(&tx, cancel_task(cancel)).await;
    let deadline = tokio::time::Instant::now() + millis(300);
    // Heartbeats may run up to the deadline; after it (plus scheduling slack) nothing at all.
    tokio::time::sleep_until(deadline + millis(300)).await;
    while h.seen.try_recv().is_ok() {}
    h.assert_quiet(millis(600), "the worker went on after the force deadline")
        .await;
}

#[tokio::test]
async fn the_task_deadline_stops_the_handler_without_a_report() {
    let (mut h, tx) = Harness::streaming().await;
    let late = Task {
        deadline: Some(in_(millis(400))),
        ..heartbeating("late", "stubborn", millis(100))
    };
    let deadline = tokio::time::Instant::now() + millis(400);
    push(&tx, send_task(late)).await;
    assert!(matches!(h.next().await, Seen::Heartbeat(_)), "it ran");
    tokio::time::sleep_until(deadline + millis(300)).await;
    while let Ok(seen) = h.seen.try_recv() {
        assert!(
            matches!(seen, Seen::Heartbeat(_)),
            "nothing is reported: {seen:?}"
        );
    }
    h.assert_quiet(millis(600), "the worker went on after the deadline")
        .await;
}

#[tokio::test]
async fn completions_are_retried_while_core_is_unavailable() {
    let mut h = Harness::start(worker()).await;
    h.core.unavailable_completions.store(2, Ordering::SeqCst);
    let (_, tx) = h.stream().await;
    push(&tx, send_task(task("r", "echo", "x"))).await;
    let first = h.completion().await;
    let second = h.completion().await;
    let third = h.completion().await;
    assert_eq!(first, second);
    assert_eq!(second, third);
    h.assert_quiet(millis(500), "no retry once accepted").await;
}

#[tokio::test]
async fn reconnects_after_a_broken_stream_or_silence_and_keeps_running_tasks() {
    let mut h = Harness::start(worker()).await;
    let (first, tx) = h.stream().await;
    push(&tx, send_task(heartbeating("keep", "loop", millis(200)))).await;
    push(&tx, Err(Status::unavailable("core restarting"))).await;
    drop(tx);
    let mut heartbeats = 0;
    let (again, tx) = loop {
        match h.next().await {
            Seen::Stream(r, tx) => break (r, tx),
            Seen::Heartbeat(_) => heartbeats += 1,
            Seen::Complete(c) => panic!("{c:?}"),
        }
    };
    assert_eq!(again.worker_id, first.worker_id);
    assert!(heartbeats >= 2, "the task kept heartbeating: {heartbeats}");

    // A ping announcing 100 ms, then silence: the worker gives up on the stream.
    let ping = stream_tasks_response::Ping {
        sent_time: Some(in_(Duration::ZERO)),
        interval: Some(millis(100).into()),
    };
    push(&tx, event(stream_tasks_response::Event::Ping(ping))).await;
    let (_, tx) = h.stream().await;
    let cancel = stream_tasks_response::CancelTask {
        task_id: "keep".into(),
        ..Default::default()
    };
    push(&tx, cancel_task(cancel)).await;
    assert_eq!(h.cancellation().await.mode(), CancellationMode::Graceful);
}

#[tokio::test]
async fn shutdown_waits_then_cancels_running_tasks() {
    let (mut h, tx) = Harness::streaming().await;
    push(&tx, send_task(task("drain", "loop", ""))).await;
    tokio::time::sleep(millis(100)).await;
    let _ = h.stop_worker.take().unwrap().send(());
    // The 300 ms drain grace passes, then the task is cancelled and reports it.
    assert_eq!(h.cancellation().await.reason, "the worker is shutting down");
    tokio::time::timeout(STEP, &mut h.worker)
        .await
        .expect("the worker returns after draining")
        .unwrap();
}

#[test]
fn a_worker_needs_an_id_and_handlers() {
    use flow_sdk::BuildError;
    assert_eq!(
        Worker::builder("")
            .handler("echo", Echo)
            .build()
            .unwrap_err(),
        BuildError::EmptyWorkerId
    );
    assert_eq!(
        Worker::builder("w").build().unwrap_err(),
        BuildError::NoHandler
    );
    assert_eq!(
        Worker::builder("w").handler("", Echo).build().unwrap_err(),
        BuildError::EmptyHandlerName
    );
}
