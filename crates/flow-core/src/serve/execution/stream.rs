//! The driver of one worker's `StreamTasks` stream: hands back the worker's open tasks after a
//! reconnect, then keeps up to `max_concurrent` tasks outstanding, claiming more whenever work
//! may be available or a slot frees, forwards cancellations, and pings when idle.

use std::collections::HashSet;
use std::time::Duration;

use flow_proto::execution::v1::stream_tasks_response::{Event, Ping};
use flow_proto::execution::v1::{StreamTasksRequest, StreamTasksResponse, Task};
use tokio::sync::mpsc;
use tokio::time::Instant;
use tonic::Status;

use super::hub::StreamEvent;
use super::{ExecutionConfig, ExecutionServer, MAX_STREAM_NAMES, token_of};
use crate::serve::status::{InvalidField, id_field, label_field};
use crate::store::{self, Claim, ExecutionStore};

/// When no notification comes, a stream with free slots still looks for due work this often
/// (work enqueued by another process sharing the database, a retry whose time came).
const POLL_FALLBACK: Duration = Duration::from_secs(1);

/// The longest `StreamTasksRequest.worker_id`, in bytes (`hostname/pid`, a pod name).
pub const MAX_WORKER_ID_LEN: usize = 256;

/// A checked `StreamTasksRequest`.
pub struct WorkerStream {
    worker_id: String,
    handlers: Vec<String>,
    queues: Vec<String>,
    max_concurrent: usize,
}

impl WorkerStream {
    pub fn check(request: StreamTasksRequest, config: &ExecutionConfig) -> Result<Self, Status> {
        label_field("worker_id", &request.worker_id, MAX_WORKER_ID_LEN)?;
        if request.handlers.is_empty() {
            return Err(InvalidField::new("handlers", "must name at least one handler").into());
        }
        for (field, names) in [("handlers", &request.handlers), ("queues", &request.queues)] {
            if names.len() > MAX_STREAM_NAMES {
                let problem = format!("has {} names, more than {MAX_STREAM_NAMES}", names.len());
                return Err(InvalidField::new(field, problem).into());
            }
            for (i, name) in names.iter().enumerate() {
                id_field(&format!("{field}[{i}]"), name)?;
            }
        }
        let queues = if request.queues.is_empty() {
            vec![config.default_queue.clone()]
        } else {
            request.queues
        };
        Ok(Self {
            worker_id: request.worker_id,
            handlers: request.handlers,
            queues,
            max_concurrent: request.max_concurrent.clamp(1, config.max_concurrent_cap) as usize,
        })
    }
}

type Tx = mpsc::Sender<Result<StreamTasksResponse, Status>>;

fn task_event(mut task: Task) -> StreamTasksResponse {
    task.task_token = token_of(&task.task_id).into();
    StreamTasksResponse {
        event: Some(Event::Task(task)),
    }
}

/// Runs the stream until the worker goes away (or a store error ends it with that status).
pub async fn drive<S: ExecutionStore>(server: ExecutionServer<S>, worker: WorkerStream, tx: Tx) {
    let (stream, mut events) = server.hub.open();
    let result = run(&server, &worker, stream, &mut events, &tx).await;
    server.hub.close(stream);
    if let Err(status) = result {
        let _ = tx.send(Err(status)).await;
    }
    tracing::debug!(worker_id = %worker.worker_id, "task stream closed");
}

async fn run<S: ExecutionStore>(
    server: &ExecutionServer<S>,
    worker: &WorkerStream,
    stream: u64,
    events: &mut mpsc::UnboundedReceiver<StreamEvent>,
    tx: &Tx,
) -> Result<(), Status> {
    let mut work = server.work.subscribe();
    let mut open = HashSet::new();
    let mut last_sent = Instant::now();
    // A reconnect: what the worker still holds comes back to it first, and counts.
    for task in server.store.open_tasks(&worker.worker_id).await? {
        server.hub.hold(stream, &task.task_id);
        open.insert(task.task_id.clone());
        if tx.send(Ok(task_event(task))).await.is_err() {
            return Ok(());
        }
        last_sent = Instant::now();
    }
    loop {
        work.mark_unchanged();
        let mut wake = last_sent + server.config.ping_interval;
        if open.len() < worker.max_concurrent {
            let claim = Claim {
                worker_id: worker.worker_id.clone(),
                handlers: worker.handlers.clone(),
                queues: worker.queues.clone(),
                limit: worker.max_concurrent - open.len(),
            };
            let tasks = server.store.claim(claim, store::now()).await?;
            let claimed = tasks.len();
            for task in tasks {
                server.hub.hold(stream, &task.task_id);
                open.insert(task.task_id.clone());
                if tx.send(Ok(task_event(task))).await.is_err() {
                    // The worker went away: the tasks stay assigned until their timeouts.
                    return Ok(());
                }
                last_sent = Instant::now();
            }
            if claimed > 0 {
                continue;
            }
            let poll = Instant::now() + POLL_FALLBACK;
            wake = wake.min(poll);
            if let Some(due) = server.store.next_due(store::now()).await? {
                let until = due.duration_since(store::now()).unwrap_or_default();
                wake = wake.min(Instant::now() + until);
            }
        }
        let has_room = open.len() < worker.max_concurrent;
        tokio::select! {
            _ = tx.closed() => return Ok(()),
            event = events.recv() => match event {
                Some(StreamEvent::Ended { task_id }) => {
                    open.remove(&task_id);
                }
                Some(StreamEvent::Cancel(cancel)) => {
                    let event = StreamTasksResponse { event: Some(Event::CancelTask(cancel)) };
                    if tx.send(Ok(event)).await.is_err() {
                        return Ok(());
                    }
                    last_sent = Instant::now();
                }
                None => return Ok(()),
            },
            changed = work.changed(), if has_room => {
                if changed.is_err() {
                    return Ok(());
                }
            }
            _ = tokio::time::sleep_until(wake) => {
                if Instant::now() >= last_sent + server.config.ping_interval {
                    let ping = Ping {
                        sent_time: Some(store::now().into()),
                        interval: Some(server.config.ping_interval.into()),
                    };
                    if tx.send(Ok(StreamTasksResponse { event: Some(Event::Ping(ping)) })).await.is_err() {
                        return Ok(());
                    }
                    last_sent = Instant::now();
                }
            }
        }
    }
}
