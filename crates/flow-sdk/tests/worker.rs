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

/// What the scripted core saw, in order of arrival.
#[derive(Debug)]
enum Seen {
    Stream(
        StreamTasksRequest,
        mpsc::Sender<Result<StreamTasksResponse, Status>>,
    ),
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

    /// The next StreamTasks the worker opens (skipping heartbeats).
    async fn stream(
        &mut self,
    ) -> (
        StreamTasksRequest,
        mpsc::Sender<Result<StreamTasksResponse, Status>>,
    ) {
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

fn send_task(task: Task) -> Result<StreamTasksResponse, Status> {
    Ok(StreamTasksResponse {
        event: Some(stream_tasks_response::Event::Task(task)),
    })
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

    tx.send(send_task(task("a", "echo", "hello")))
        .await
        .unwrap();
    let done = h.completion().await;
    assert_eq!(done.task_token.as_ref(), b"token-a");
    match outcome_of(&done) {
        outcome::Outcome::Success(s) => {
            assert_eq!(s.result.as_ref().unwrap().data.as_ref(), b"hello")
        }
        other => panic!("{other:?}"),
    }

    tx.send(send_task(task("b", "echo", "fail"))).await.unwrap();
    match outcome_of(&h.completion().await) {
        outcome::Outcome::Failure(f) => assert_eq!(f.r#type, "test.fail"),
        other => panic!("{other:?}"),
    }

    tx.send(send_task(task("c", "echo", "panic")))
        .await
        .unwrap();
    match outcome_of(&h.completion().await) {
        outcome::Outcome::Failure(f) => assert_eq!(f.r#type, WORKER_HANDLER_PANICKED),
        other => panic!("{other:?}"),
    }

    tx.send(send_task(task("d", "nope", ""))).await.unwrap();
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
    let mut h = Harness::start(worker()).await;
    let (_, tx) = h.stream().await;
    let mut t = task("long", "loop", "");
    t.heartbeat_timeout = Some(flow_proto::wkt::Duration {
        seconds: 0,
        nanos: 400_000_000,
    });
    tx.send(send_task(t)).await.unwrap();
    let mut last = std::time::Instant::now();
    for _ in 0..3 {
        match h.next().await {
            Seen::Heartbeat(hb) => {
                assert_eq!(hb.task_token.as_ref(), b"token-long");
                assert!(hb.progress.is_some(), "progress rides along");
                assert!(
                    last.elapsed() < Duration::from_millis(400),
                    "within the heartbeat timeout (sent every half of it)"
                );
                last = std::time::Instant::now();
            }
            other => panic!("{other:?}"),
        }
    }
    tx.send(Ok(StreamTasksResponse {
        event: Some(stream_tasks_response::Event::CancelTask(
            stream_tasks_response::CancelTask {
                task_id: "long".into(),
                execution_id: "exec-long".into(),
                mode: CancellationMode::Graceful as i32,
                reason: "user asked".into(),
                force_deadline: None,
            },
        )),
    }))
    .await
    .unwrap();
    match outcome_of(&h.completion().await) {
        outcome::Outcome::Cancelled(c) => {
            assert_eq!(c.mode(), CancellationMode::Graceful);
            assert_eq!(c.reason, "user asked");
            assert!(c.details.is_some());
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn a_heartbeat_answer_can_cancel() {
    let mut h = Harness::start(worker()).await;
    let (_, tx) = h.stream().await;
    *h.core.cancel_on_heartbeat.lock().unwrap() = true;
    let mut t = task("hb", "loop", "");
    t.heartbeat_timeout = Some(flow_proto::wkt::Duration {
        seconds: 0,
        nanos: 100_000_000,
    });
    tx.send(send_task(t)).await.unwrap();
    match outcome_of(&h.completion().await) {
        outcome::Outcome::Cancelled(c) => assert_eq!(c.reason, "by heartbeat"),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn a_forced_cancellation_drops_a_stubborn_handler_at_the_deadline() {
    let mut h = Harness::start(worker()).await;
    let (_, tx) = h.stream().await;
    let mut t = task("stubborn", "stubborn", "");
    t.heartbeat_timeout = Some(flow_proto::wkt::Duration {
        seconds: 0,
        nanos: 100_000_000,
    });
    tx.send(send_task(t)).await.unwrap();
    assert!(matches!(h.next().await, Seen::Heartbeat(_)));
    tx.send(Ok(StreamTasksResponse {
        event: Some(stream_tasks_response::Event::CancelTask(
            stream_tasks_response::CancelTask {
                task_id: "stubborn".into(),
                mode: CancellationMode::Force as i32,
                force_deadline: Some(in_(Duration::from_millis(300))),
                ..Default::default()
            },
        )),
    }))
    .await
    .unwrap();
    let deadline = tokio::time::Instant::now() + Duration::from_millis(300);
    // Heartbeats may run up to the deadline; after it (plus scheduling slack) nothing at all.
    tokio::time::sleep_until(deadline + Duration::from_millis(300)).await;
    while h.seen.try_recv().is_ok() {}
    let quiet = tokio::time::timeout(Duration::from_millis(600), h.seen.recv()).await;
    assert!(
        quiet.is_err(),
        "the worker went on after the force deadline: {quiet:?}"
    );
}

#[tokio::test]
async fn the_task_deadline_stops_the_handler_without_a_report() {
    let mut h = Harness::start(worker()).await;
    let (_, tx) = h.stream().await;
    let mut t = task("late", "stubborn", "");
    t.deadline = Some(in_(Duration::from_millis(400)));
    t.heartbeat_timeout = Some(flow_proto::wkt::Duration {
        seconds: 0,
        nanos: 100_000_000,
    });
    let deadline = tokio::time::Instant::now() + Duration::from_millis(400);
    tx.send(send_task(t)).await.unwrap();
    assert!(matches!(h.next().await, Seen::Heartbeat(_)), "it ran");
    tokio::time::sleep_until(deadline + Duration::from_millis(300)).await;
    while let Ok(seen) = h.seen.try_recv() {
        assert!(
            matches!(seen, Seen::Heartbeat(_)),
            "nothing is reported: {seen:?}"
        );
    }
    let quiet = tokio::time::timeout(Duration::from_millis(600), h.seen.recv()).await;
    assert!(
        quiet.is_err(),
        "the worker went on after the deadline: {quiet:?}"
    );
}

#[tokio::test]
async fn completions_are_retried_while_core_is_unavailable() {
    let mut h = Harness::start(worker()).await;
    h.core.unavailable_completions.store(2, Ordering::SeqCst);
    let (_, tx) = h.stream().await;
    tx.send(send_task(task("r", "echo", "x"))).await.unwrap();
    let first = h.completion().await;
    let second = h.completion().await;
    let third = h.completion().await;
    assert_eq!(first, second);
    assert_eq!(second, third);
    let quiet = tokio::time::timeout(Duration::from_millis(500), h.seen.recv()).await;
    assert!(quiet.is_err(), "no retry once accepted: {quiet:?}");
}

#[tokio::test]
async fn reconnects_after_a_broken_stream_or_silence_and_keeps_running_tasks() {
    let mut h = Harness::start(worker()).await;
    let (first, tx) = h.stream().await;
    let mut t = task("keep", "loop", "");
    t.heartbeat_timeout = Some(flow_proto::wkt::Duration {
        seconds: 0,
        nanos: 200_000_000,
    });
    tx.send(send_task(t)).await.unwrap();
    tx.send(Err(Status::unavailable("core restarting")))
        .await
        .unwrap();
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
    tx.send(Ok(StreamTasksResponse {
        event: Some(stream_tasks_response::Event::Ping(
            stream_tasks_response::Ping {
                sent_time: Some(in_(Duration::ZERO)),
                interval: Some(flow_proto::wkt::Duration {
                    seconds: 0,
                    nanos: 100_000_000,
                }),
            },
        )),
    }))
    .await
    .unwrap();
    let (_, tx) = h.stream().await;
    tx.send(Ok(StreamTasksResponse {
        event: Some(stream_tasks_response::Event::CancelTask(
            stream_tasks_response::CancelTask {
                task_id: "keep".into(),
                ..Default::default()
            },
        )),
    }))
    .await
    .unwrap();
    match outcome_of(&h.completion().await) {
        outcome::Outcome::Cancelled(c) => assert_eq!(c.mode(), CancellationMode::Graceful),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn shutdown_waits_then_cancels_running_tasks() {
    let mut h = Harness::start(worker()).await;
    let (_, tx) = h.stream().await;
    tx.send(send_task(task("drain", "loop", ""))).await.unwrap();
    tokio::time::sleep(Duration::from_millis(100)).await;
    let _ = h.stop_worker.take().unwrap().send(());
    // The 300 ms drain grace passes, then the task is cancelled and reports it.
    match outcome_of(&h.completion().await) {
        outcome::Outcome::Cancelled(c) => {
            assert_eq!(c.reason, "the worker is shutting down")
        }
        other => panic!("{other:?}"),
    }
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
