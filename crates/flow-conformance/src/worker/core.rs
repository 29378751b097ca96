//! [`KitCore`]: the kit's stand-in for core's `flow.execution.v1.ExecutionService`, which workers
//! dial. It holds every `StreamTasks` stream open (sending only what the checks ask for), answers
//! `RecordHeartbeat` and `CompleteTask` by the rules core follows for each task token the kit
//! issued, and reports every call to the checks as an [`Event`].

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, PoisonError};

use flow_proto::common::v1::{CancellationMode, Outcome};
use flow_proto::execution::v1::execution_service_server::{
    ExecutionService, ExecutionServiceServer,
};
use flow_proto::execution::v1::{
    CancelExecutionRequest, CancelExecutionResponse, CompleteTaskRequest, CompleteTaskResponse,
    RecordHeartbeatRequest, RecordHeartbeatResponse, StreamTasksRequest, StreamTasksResponse,
    stream_tasks_response,
};
use flow_proto::wkt::Timestamp;
use prost::bytes::Bytes;
use tokio::sync::{mpsc, oneshot};
use tokio::time::Instant;
use tokio_stream::wrappers::{ReceiverStream, TcpListenerStream};
use tonic::{Request, Response, Status};

type StreamTx = mpsc::Sender<Result<StreamTasksResponse, Status>>;

/// What a worker did, as the kit's core saw it, in arrival order.
#[derive(Clone, Debug)]
pub enum Event {
    /// The worker opened a `StreamTasks` stream; it is now the one the kit sends on.
    StreamOpened {
        /// The stream's number (1 for the first).
        stream: u64,
        /// What the worker sent.
        request: StreamTasksRequest,
        /// When it arrived.
        at: Instant,
    },
    /// A `RecordHeartbeat` for a token the kit issued.
    Heartbeat {
        /// The task's token.
        token: Bytes,
        /// When it arrived.
        at: Instant,
        /// Whether the answer had `cancel_requested` set.
        cancel_requested: bool,
    },
    /// A `CompleteTask` for a token the kit issued.
    Completion {
        /// The task's token.
        token: Bytes,
        /// The reported outcome.
        outcome: Option<Outcome>,
        /// When it arrived.
        at: Instant,
        /// How the kit answered.
        answer: Answer,
    },
    /// A `RecordHeartbeat` or `CompleteTask` with a token the kit never issued (answered
    /// `INVALID_ARGUMENT`, as core does).
    UnknownToken {
        /// `RecordHeartbeat` or `CompleteTask`.
        rpc: &'static str,
        /// When it arrived.
        at: Instant,
    },
}

/// How the kit answered a `CompleteTask`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Answer {
    /// `accepted = true`.
    Accepted,
    /// `accepted = false` with this reason (`ALREADY_COMPLETED`, `TIMED_OUT`, `TERMINATED`).
    Rejected(&'static str),
    /// gRPC status `UNAVAILABLE` (the kit failing a call on purpose, to test retries).
    Unavailable,
}

/// The cancellation a task's heartbeats are answered with.
#[derive(Clone, Debug)]
pub struct HeartbeatCancel {
    /// Graceful or forced.
    pub mode: CancellationMode,
    /// Why.
    pub reason: String,
    /// For forced cancellation.
    pub force_deadline: Option<Timestamp>,
}

/// How the kit answers the calls for one task token.
#[derive(Clone, Debug, Default)]
struct Rules {
    /// Heartbeats so far.
    heartbeats: u32,
    /// Answer heartbeats from this one on (1-based) with `pending`.
    cancel_from_heartbeat: Option<u32>,
    pending: Option<HeartbeatCancel>,
    /// Once set, every heartbeat is answered with it.
    cancel: Option<HeartbeatCancel>,
    /// Answer the next `CompleteTask` with `UNAVAILABLE`.
    fail_next_completion: bool,
    /// A completion at or after this instant is rejected with this reason (deadline, force
    /// deadline).
    reject_after: Option<(Instant, &'static str)>,
    /// The attempt has ended (an outcome recorded, or a late completion rejected).
    ended: bool,
}

#[derive(Default)]
struct State {
    /// The stream the kit sends on: the latest one the worker opened, unless the kit ended it.
    current: Option<(u64, StreamTx)>,
    /// Streams replaced by a newer one, kept open so that dropping them does not end them.
    retired: Vec<StreamTx>,
    streams: u64,
    tasks: HashMap<Bytes, Rules>,
}

struct Shared {
    state: Mutex<State>,
    events: mpsc::UnboundedSender<Event>,
}

impl Shared {
    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn report(&self, event: Event) {
        // The checks may be done already; an event nobody reads is fine.
        let _ = self.events.send(event);
    }
}

/// The kit's `ExecutionService`, serving from [`KitCore::bind`] until dropped.
pub struct KitCore {
    addr: SocketAddr,
    shared: Arc<Shared>,
    events: mpsc::UnboundedReceiver<Event>,
    _stop: oneshot::Sender<()>,
}

impl std::fmt::Debug for KitCore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KitCore").field("addr", &self.addr).finish()
    }
}

impl KitCore {
    /// Listens on `addr` (`127.0.0.1:0` picks a free port) and starts serving at once, so a
    /// worker started afterwards can dial [`KitCore::local_addr`] right away.
    pub async fn bind(addr: &str) -> std::io::Result<KitCore> {
        let listener = tokio::net::TcpListener::bind(addr).await?;
        let addr = listener.local_addr()?;
        let (events_tx, events) = mpsc::unbounded_channel();
        let shared = Arc::new(Shared {
            state: Mutex::default(),
            events: events_tx,
        });
        let (stop, stopped) = oneshot::channel::<()>();
        let router =
            tonic::transport::Server::builder().add_service(ExecutionServiceServer::new(Service {
                shared: shared.clone(),
            }));
        tokio::spawn(async move {
            let _ = router
                .serve_with_incoming_shutdown(TcpListenerStream::new(listener), async {
                    let _ = stopped.await;
                })
                .await;
        });
        Ok(KitCore {
            addr,
            shared,
            events,
            _stop: stop,
        })
    }

    /// The address the kit serves `ExecutionService` on.
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// The next event, or `None` when `until` passed first.
    pub async fn next_event(&mut self, until: Instant) -> Option<Event> {
        tokio::time::timeout_at(until, self.events.recv())
            .await
            .ok()
            .flatten()
    }

    /// Sends one message on the current task stream.
    pub fn send(&self, event: stream_tasks_response::Event) -> Result<(), String> {
        let state = self.shared.state();
        let Some((_, tx)) = &state.current else {
            return Err("the worker has no open task stream".into());
        };
        tx.try_send(Ok(StreamTasksResponse { event: Some(event) }))
            .map_err(|e| match e {
                mpsc::error::TrySendError::Closed(_) => "the worker closed its task stream".into(),
                mpsc::error::TrySendError::Full(_) => {
                    "the worker does not read its task stream (64 messages queued)".into()
                }
            })
    }

    /// Whether a task stream is open to send on.
    pub fn has_stream(&self) -> bool {
        self.shared
            .state()
            .current
            .as_ref()
            .is_some_and(|(_, tx)| !tx.is_closed())
    }

    /// Ends the current task stream with `status`; the worker should reconnect.
    pub fn end_stream(&self, status: Status) -> Result<(), String> {
        let Some((_, tx)) = self.shared.state().current.take() else {
            return Err("the worker has no open task stream".into());
        };
        tx.try_send(Err(status))
            .map_err(|_| "the worker's task stream is already closed".to_owned())
    }

    /// Issues `token`: from now on the worker's calls with it are answered as core would.
    pub fn register(&self, token: Bytes) {
        self.shared.state().tasks.insert(token, Rules::default());
    }

    /// Answers `token`'s heartbeats from the `n`-th on with `cancel`.
    pub fn cancel_from_heartbeat(&self, token: &Bytes, n: u32, cancel: HeartbeatCancel) {
        if let Some(rules) = self.shared.state().tasks.get_mut(token) {
            rules.cancel_from_heartbeat = Some(n);
            rules.pending = Some(cancel);
        }
    }

    /// Answers every further heartbeat of `token` with `cancel`.
    pub fn cancel_heartbeats(&self, token: &Bytes, cancel: HeartbeatCancel) {
        if let Some(rules) = self.shared.state().tasks.get_mut(token) {
            rules.cancel = Some(cancel);
        }
    }

    /// Answers the next `CompleteTask` of `token` with `UNAVAILABLE`.
    pub fn fail_next_completion(&self, token: &Bytes) {
        if let Some(rules) = self.shared.state().tasks.get_mut(token) {
            rules.fail_next_completion = true;
        }
    }

    /// Rejects a completion of `token` arriving at or after `at` with `reason`.
    pub fn reject_after(&self, token: &Bytes, at: Instant, reason: &'static str) {
        if let Some(rules) = self.shared.state().tasks.get_mut(token) {
            rules.reject_after = Some((at, reason));
        }
    }
}

impl Drop for KitCore {
    fn drop(&mut self) {
        // End every task stream (status OK), so the server's graceful shutdown can finish and
        // the worker notices at once.
        let mut state = self.shared.state();
        state.current = None;
        state.retired.clear();
    }
}

struct Service {
    shared: Arc<Shared>,
}

#[tonic::async_trait]
impl ExecutionService for Service {
    type StreamTasksStream = ReceiverStream<Result<StreamTasksResponse, Status>>;

    async fn stream_tasks(
        &self,
        req: Request<StreamTasksRequest>,
    ) -> Result<Response<Self::StreamTasksStream>, Status> {
        let (tx, rx) = mpsc::channel(64);
        let stream = {
            let mut state = self.shared.state();
            state.streams += 1;
            let n = state.streams;
            if let Some((_, old)) = state.current.replace((n, tx)) {
                state.retired.push(old);
            }
            n
        };
        self.shared.report(Event::StreamOpened {
            stream,
            request: req.into_inner(),
            at: Instant::now(),
        });
        Ok(Response::new(ReceiverStream::new(rx)))
    }

    async fn record_heartbeat(
        &self,
        req: Request<RecordHeartbeatRequest>,
    ) -> Result<Response<RecordHeartbeatResponse>, Status> {
        let at = Instant::now();
        let token = req.into_inner().task_token;
        let cancel = {
            let mut state = self.shared.state();
            let Some(rules) = state.tasks.get_mut(&token) else {
                drop(state);
                self.shared.report(Event::UnknownToken {
                    rpc: "RecordHeartbeat",
                    at,
                });
                return Err(Status::invalid_argument("unknown task token"));
            };
            rules.heartbeats += 1;
            if rules
                .cancel_from_heartbeat
                .is_some_and(|n| rules.heartbeats >= n)
                && rules.cancel.is_none()
            {
                rules.cancel = rules.pending.take();
            }
            rules.cancel.clone()
        };
        self.shared.report(Event::Heartbeat {
            token,
            at,
            cancel_requested: cancel.is_some(),
        });
        Ok(Response::new(match cancel {
            Some(c) => RecordHeartbeatResponse {
                cancel_requested: true,
                cancel_mode: c.mode as i32,
                cancel_reason: c.reason,
                force_deadline: c.force_deadline,
            },
            None => RecordHeartbeatResponse::default(),
        }))
    }

    async fn complete_task(
        &self,
        req: Request<CompleteTaskRequest>,
    ) -> Result<Response<CompleteTaskResponse>, Status> {
        let at = Instant::now();
        let req = req.into_inner();
        let answer = {
            let mut state = self.shared.state();
            let Some(rules) = state.tasks.get_mut(&req.task_token) else {
                drop(state);
                self.shared.report(Event::UnknownToken {
                    rpc: "CompleteTask",
                    at,
                });
                return Err(Status::invalid_argument("unknown task token"));
            };
            if rules.fail_next_completion {
                rules.fail_next_completion = false;
                Answer::Unavailable
            } else if rules.ended {
                Answer::Rejected("ALREADY_COMPLETED")
            } else if let Some((_, reason)) = rules.reject_after.filter(|(t, _)| at >= *t) {
                rules.ended = true;
                Answer::Rejected(reason)
            } else {
                rules.ended = true;
                Answer::Accepted
            }
        };
        self.shared.report(Event::Completion {
            token: req.task_token,
            outcome: req.outcome,
            at,
            answer: answer.clone(),
        });
        match answer {
            Answer::Unavailable => Err(Status::unavailable(
                "flow-conformance: failing this CompleteTask on purpose; retry it",
            )),
            Answer::Accepted => Ok(Response::new(CompleteTaskResponse {
                accepted: true,
                reason: String::new(),
            })),
            Answer::Rejected(reason) => Ok(Response::new(CompleteTaskResponse {
                accepted: false,
                reason: reason.into(),
            })),
        }
    }

    async fn cancel_execution(
        &self,
        _: Request<CancelExecutionRequest>,
    ) -> Result<Response<CancelExecutionResponse>, Status> {
        Err(Status::unimplemented(
            "the conformance kit's core takes no CancelExecution",
        ))
    }
}
