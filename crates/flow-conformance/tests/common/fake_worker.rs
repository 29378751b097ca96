//! An in-process Flow worker written directly against the generated `ExecutionService` client
//! (not the SDK). It dials the kit's core, runs one handler, [`HANDLER`], and follows the
//! contract unless a [`WorkerFaults`] flag makes it break exactly one rule.
//!
//! The handler's input is JSON `{"ms": N}`: it runs N milliseconds and succeeds with its input as
//! the result; `{}` succeeds at once. [`LONG_INPUT`] runs for a minute.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use flow_proto::common::v1::outcome::{Cancelled, HandlerNotFound, Outcome as Kind, Success};
use flow_proto::common::v1::{CancellationMode, Failure, Outcome, Payload};
use flow_proto::execution::v1::execution_service_client::ExecutionServiceClient;
use flow_proto::execution::v1::stream_tasks_response::Event;
use flow_proto::execution::v1::{
    CompleteTaskRequest, RecordHeartbeatRequest, StreamTasksRequest, Task,
};
use flow_proto::wkt::Timestamp;
use tokio::sync::Semaphore;
use tokio::task::JoinHandle;
use tokio::time::Instant;
use tonic::Code;
use tonic::transport::{Channel, Endpoint};

/// The fake worker's one handler.
pub const HANDLER: &str = "sleep";
/// An input that keeps [`HANDLER`] running for a minute unless cancelled.
pub const LONG_INPUT: &str = r#"{"ms": 60000}"#;
/// The fake worker's id.
pub const WORKER_ID: &str = "fake-worker/1";
/// How many tasks the fake worker runs at once.
pub const MAX_CONCURRENT: u32 = 4;

/// Which rule the fake worker breaks. All false: a conforming worker.
#[derive(Clone, Copy, Debug, Default)]
pub struct WorkerFaults {
    /// Never calls RecordHeartbeat.
    pub no_heartbeat: bool,
    /// Ignores a graceful CancelTask on the stream.
    pub ignore_stream_cancel: bool,
    /// Ignores cancel_requested in heartbeat responses.
    pub ignore_heartbeat_cancel: bool,
    /// Ignores a forced CancelTask: keeps running (and heartbeating) past the force deadline.
    pub ignore_force_deadline: bool,
    /// At a deadline (task or force) completes late anyway, and calls CompleteTask again when
    /// that is answered accepted=false.
    pub retry_rejected_completion: bool,
    /// Gives up on CompleteTask after UNAVAILABLE.
    pub no_completion_retry: bool,
    /// Completes a task for an unknown handler with a failure instead of handler_not_found.
    pub unknown_handler_as_failure: bool,
    /// Never opens a new StreamTasks once its stream ended.
    pub never_reconnect: bool,
    /// Keeps a silent stream after a ping forever.
    pub ignore_ping_timeout: bool,
    /// Runs its tasks one at a time, though it announces max_concurrent 4.
    pub sequential: bool,
    /// Keeps running (and heartbeating) past the task deadline.
    pub run_past_deadline: bool,
}

impl WorkerFaults {
    /// A worker that breaks only the rule `set` turns on.
    pub fn only(set: impl FnOnce(&mut Self)) -> Self {
        let mut faults = Self::default();
        set(&mut faults);
        faults
    }
}

/// The running fake worker; stops when dropped.
pub struct FakeWorker {
    main: JoinHandle<()>,
    tasks: Arc<Mutex<Vec<JoinHandle<()>>>>,
}

impl Drop for FakeWorker {
    fn drop(&mut self) {
        self.main.abort();
        for t in self.tasks.lock().unwrap().drain(..) {
            t.abort();
        }
    }
}

/// A cancellation as the worker learned it (from the stream or a heartbeat response).
#[derive(Clone, Debug)]
struct Cancel {
    mode: CancellationMode,
    reason: String,
    force_deadline: Option<Instant>,
}

type Cancels = Arc<Mutex<HashMap<String, Cancel>>>;

#[derive(Clone)]
struct Worker {
    client: ExecutionServiceClient<Channel>,
    faults: WorkerFaults,
    cancels: Cancels,
    slots: Arc<Semaphore>,
    tasks: Arc<Mutex<Vec<JoinHandle<()>>>>,
}

/// Starts the fake worker dialing the kit's core at `core`.
pub fn start(core: SocketAddr, faults: WorkerFaults) -> FakeWorker {
    let channel = Endpoint::from_shared(format!("http://{core}"))
        .unwrap()
        .connect_lazy();
    let tasks = Arc::new(Mutex::new(Vec::new()));
    let worker = Worker {
        client: ExecutionServiceClient::new(channel),
        faults,
        cancels: Arc::default(),
        slots: Arc::new(Semaphore::new(if faults.sequential {
            1
        } else {
            MAX_CONCURRENT as usize
        })),
        tasks: tasks.clone(),
    };
    FakeWorker {
        main: tokio::spawn(worker.run()),
        tasks,
    }
}

fn instant_of(t: &Timestamp) -> Instant {
    let at = UNIX_EPOCH + Duration::new(t.seconds as u64, t.nanos as u32);
    let now = SystemTime::now();
    match at.duration_since(now) {
        Ok(ahead) => Instant::now() + ahead,
        Err(e) => Instant::now() - e.duration(),
    }
}

fn mode(m: i32) -> CancellationMode {
    match CancellationMode::try_from(m) {
        Ok(CancellationMode::Force) => CancellationMode::Force,
        _ => CancellationMode::Graceful,
    }
}

impl Worker {
    async fn run(self) {
        loop {
            let req = StreamTasksRequest {
                worker_id: WORKER_ID.into(),
                handlers: vec![HANDLER.into()],
                max_concurrent: MAX_CONCURRENT,
                ..Default::default()
            };
            if let Ok(resp) = self.client.clone().stream_tasks(req).await {
                let mut stream = resp.into_inner();
                let mut ping: Option<Duration> = None;
                loop {
                    let next = match ping.filter(|_| !self.faults.ignore_ping_timeout) {
                        Some(interval) => {
                            match tokio::time::timeout(2 * interval, stream.message()).await {
                                Ok(next) => next,
                                Err(_) => break, // silence: drop the stream, reconnect
                            }
                        }
                        None => stream.message().await,
                    };
                    match next {
                        Ok(Some(msg)) => match msg.event {
                            Some(Event::Task(task)) => self.spawn_task(task),
                            Some(Event::CancelTask(c)) => {
                                let mode = mode(c.mode);
                                if mode == CancellationMode::Graceful
                                    && self.faults.ignore_stream_cancel
                                {
                                    continue;
                                }
                                self.cancels.lock().unwrap().insert(
                                    c.task_id,
                                    Cancel {
                                        mode,
                                        reason: c.reason,
                                        force_deadline: c.force_deadline.as_ref().map(instant_of),
                                    },
                                );
                            }
                            Some(Event::Ping(p)) => {
                                ping = p.interval.and_then(|i| i.try_into().ok());
                            }
                            None => {}
                        },
                        Ok(None) | Err(_) => break,
                    }
                }
                if self.faults.never_reconnect {
                    std::future::pending::<()>().await;
                }
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }

    fn spawn_task(&self, task: Task) {
        let worker = self.clone();
        let handle = tokio::spawn(async move {
            let _slot = worker.slots.clone().acquire_owned().await;
            worker.run_task(task).await;
        });
        self.tasks.lock().unwrap().push(handle);
    }

    async fn run_task(&self, task: Task) {
        let token = task.task_token.clone();
        if task.handler != HANDLER {
            let kind = if self.faults.unknown_handler_as_failure {
                Kind::Failure(Failure {
                    message: format!("no handler {:?}", task.handler),
                    r#type: "fake.no_handler".into(),
                    ..Default::default()
                })
            } else {
                Kind::HandlerNotFound(HandlerNotFound {
                    handler: task.handler.clone(),
                    available_handlers: vec![HANDLER.into()],
                })
            };
            self.complete(&token, kind).await;
            return;
        }
        let input = task.input.clone().unwrap_or_default();
        let ms = serde_json::from_slice::<serde_json::Value>(&input.data)
            .ok()
            .and_then(|v| v["ms"].as_u64())
            .unwrap_or(0);
        let started = Instant::now();
        let done_at = started + Duration::from_millis(ms);
        let deadline = task.deadline.as_ref().map(instant_of);
        let every = task
            .heartbeat_timeout
            .and_then(|d| Duration::try_from(d).ok())
            .filter(|d| !d.is_zero())
            .map(|d| d / 2);
        let mut next_heartbeat = every.map(|e| started + e);
        loop {
            let now = Instant::now();
            let cancel = self.cancels.lock().unwrap().get(&task.task_id).cloned();
            if let Some(c) = &cancel {
                match c.mode {
                    CancellationMode::Force if self.faults.ignore_force_deadline => {}
                    CancellationMode::Force => {
                        if c.force_deadline.is_none_or(|d| now >= d) {
                            // Stopped at the force deadline, without completing.
                            if self.faults.retry_rejected_completion {
                                self.complete(&token, cancelled(c)).await;
                            }
                            return;
                        }
                    }
                    _ => {
                        self.complete(&token, cancelled(c)).await;
                        return;
                    }
                }
            }
            if let Some(d) = deadline
                && now >= d
                && !self.faults.run_past_deadline
            {
                // Stopped at the deadline, without completing.
                if self.faults.retry_rejected_completion {
                    let late = Kind::Failure(Failure {
                        message: "deadline exceeded".into(),
                        r#type: "fake.deadline".into(),
                        ..Default::default()
                    });
                    self.complete(&token, late).await;
                }
                return;
            }
            if now >= done_at {
                let result = Kind::Success(Success {
                    result: Some(Payload {
                        data: input.data.clone(),
                        metadata: input.metadata.clone(),
                    }),
                });
                self.complete(&token, result).await;
                return;
            }
            if let Some(at) = next_heartbeat
                && now >= at
            {
                next_heartbeat = every.map(|e| at + e);
                if !self.faults.no_heartbeat {
                    self.heartbeat(&task.task_id, &token).await;
                }
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }

    async fn heartbeat(&self, task_id: &str, token: &prost::bytes::Bytes) {
        let req = RecordHeartbeatRequest {
            task_token: token.clone(),
            ..Default::default()
        };
        let Ok(Ok(resp)) = tokio::time::timeout(
            Duration::from_secs(1),
            self.client.clone().record_heartbeat(req),
        )
        .await
        else {
            return;
        };
        let resp = resp.into_inner();
        if resp.cancel_requested && !self.faults.ignore_heartbeat_cancel {
            let mode = mode(resp.cancel_mode);
            if mode == CancellationMode::Force && self.faults.ignore_force_deadline {
                return;
            }
            self.cancels.lock().unwrap().insert(
                task_id.into(),
                Cancel {
                    mode,
                    reason: resp.cancel_reason,
                    force_deadline: resp.force_deadline.as_ref().map(instant_of),
                },
            );
        }
    }

    async fn complete(&self, token: &prost::bytes::Bytes, kind: Kind) {
        let req = CompleteTaskRequest {
            task_token: token.clone(),
            outcome: Some(Outcome {
                outcome: Some(kind),
            }),
        };
        let mut retried_rejection = false;
        for _ in 0..10 {
            match self.client.clone().complete_task(req.clone()).await {
                Ok(resp) => {
                    let resp = resp.into_inner();
                    if !resp.accepted && self.faults.retry_rejected_completion && !retried_rejection
                    {
                        retried_rejection = true;
                        tokio::time::sleep(Duration::from_millis(100)).await;
                        continue;
                    }
                    return;
                }
                Err(s) if s.code() == Code::Unavailable && !self.faults.no_completion_retry => {
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                Err(_) => return,
            }
        }
    }
}

fn cancelled(c: &Cancel) -> Kind {
    Kind::Cancelled(Cancelled {
        mode: c.mode as i32,
        details: None,
        reason: c.reason.clone(),
    })
}
