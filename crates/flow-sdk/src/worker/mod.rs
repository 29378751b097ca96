//! Workers: services that pull tasks from core's `flow.execution.v1.ExecutionService`.
//!
//! A worker implements one [`TaskHandler`] per handler name; [`Worker::run`] does the rest of
//! `execution.proto`:
//!
//! - dials core and opens `StreamTasks` (worker id, handlers, `max_concurrent`, queues, labels),
//!   reconnecting with backoff (1 s, x1.6, jitter, capped at 120 s) whenever the stream breaks or
//!   core has sent nothing for two ping intervals; running tasks carry on across reconnects;
//! - runs each task in its own tokio task under a span carrying the task's trace context, and
//!   answers a task for an unknown handler with `handler_not_found`;
//! - heartbeats every third of `heartbeat_timeout` with the latest progress the handler recorded, and
//!   turns `cancel_requested` in an answer, or a `CancelTask` on the stream, into
//!   [`TaskContext::cancelled`];
//! - drops the handler without reporting when the task's deadline or a forced cancellation's
//!   deadline passes (core records those outcomes itself and would reject a late one);
//! - reports the outcome with `CompleteTask`, retrying while core is unavailable, and never
//!   retrying once core answered;
//! - on shutdown stops taking tasks, lets running ones finish within the drain grace, then
//!   cancels them and, after the cancel grace, stops them.
//!
//! A worker also serves `RuntimeService` like any Flow service; [`Worker::components`] lists its
//! handlers as components of role `ROLE_WORKER` for [`crate::Service`].
//!
//! ```no_run
//! use flow_proto::common::v1::Payload;
//! use flow_sdk::worker::{TaskContext, TaskError, TaskHandler, Worker};
//!
//! struct Echo;
//!
//! #[tonic::async_trait]
//! impl TaskHandler for Echo {
//!     async fn run(&self, ctx: TaskContext) -> Result<Payload, TaskError> {
//!         Ok(ctx.input().cloned().unwrap_or_default())
//!     }
//! }
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let worker = Worker::builder("host-1/worker").handler("echo", Echo).build()?;
//! let core = tonic::transport::Endpoint::from_static("http://127.0.0.1:7233").connect_lazy();
//! worker.run(core, async { let _ = tokio::signal::ctrl_c().await; }).await;
//! # Ok(())
//! # }
//! ```

mod attempt;
mod control;
mod handler;
mod task_stream;

use std::collections::BTreeMap;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use flow_proto::common::v1::{Capability, Role};
use flow_proto::execution::v1::StreamTasksRequest;
use flow_proto::execution::v1::execution_service_client::ExecutionServiceClient;
use tokio_util::sync::CancellationToken;
use tonic::transport::Channel;

pub use attempt::HEARTBEAT_FRACTION;
pub use control::Cancellation;
/// The reconnect policy of [`WorkerBuilder::reconnect`], from `flow-backoff` (core uses it too).
pub use flow_backoff::BackoffConfig;
pub use handler::{DetachedTask, TaskContext, TaskError, TaskHandler};

use crate::{BuildError, Component};

/// `Failure.type` of an attempt whose handler panicked.
pub const WORKER_HANDLER_PANICKED: &str = "worker.handler_panicked";

/// How often a task without a heartbeat timeout sends the progress its handler recorded.
pub const PROGRESS_HEARTBEAT_INTERVAL: Duration = Duration::from_secs(5);

/// The largest message core may send a worker (a task with its input): 16 MiB, like
/// [`crate::Limits`].
const MAX_MESSAGE_SIZE: usize = 16 * 1024 * 1024;

/// A configured worker; [`Worker::run`] runs it.
#[derive(Clone)]
pub struct Worker {
    request: StreamTasksRequest,
    handlers: Arc<BTreeMap<String, Arc<dyn TaskHandler>>>,
    reconnect: BackoffConfig,
    drain_grace: Duration,
    cancel_grace: Duration,
}

impl std::fmt::Debug for Worker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Worker")
            .field("worker_id", &self.request.worker_id)
            .field("handlers", &self.request.handlers)
            .field("max_concurrent", &self.request.max_concurrent)
            .finish_non_exhaustive()
    }
}

impl Worker {
    /// A worker with this identity (`hostname/pid`, a pod name: stable across reconnects).
    pub fn builder(worker_id: impl Into<String>) -> WorkerBuilder {
        WorkerBuilder {
            request: StreamTasksRequest {
                worker_id: worker_id.into(),
                max_concurrent: 4,
                ..Default::default()
            },
            handlers: BTreeMap::new(),
            reconnect: BackoffConfig::default(),
            drain_grace: crate::DEFAULT_GRACE_PERIOD,
            cancel_grace: Duration::from_secs(5),
        }
    }

    /// The handler names, sorted.
    pub fn handler_names(&self) -> Vec<String> {
        self.handlers.keys().cloned().collect()
    }

    /// One `ROLE_WORKER` component per handler, named after it, for the service's schema.
    pub fn components(&self) -> Vec<Component> {
        self.handlers
            .keys()
            .map(|name| Component::new(name.clone(), Role::Worker))
            .collect()
    }

    fn max_concurrent(&self) -> usize {
        self.request.max_concurrent.max(1) as usize
    }

    /// Pulls and runs tasks from core on `channel` until `shutdown` resolves, then drains
    /// (see the module docs). Never gives up on core: an unreachable core is retried with
    /// backoff and logged.
    pub async fn run(self, channel: Channel, shutdown: impl Future<Output = ()>) {
        let client = ExecutionServiceClient::new(channel)
            .max_decoding_message_size(MAX_MESSAGE_SIZE)
            .max_encoding_message_size(MAX_MESSAGE_SIZE);
        let env = attempt::AttemptEnv {
            client,
            handlers: self.handlers.clone(),
            hard_stop: CancellationToken::new(),
        };
        let drain = CancellationToken::new();
        let stream = task_stream::run(self, env, drain.clone());
        tokio::pin!(stream);
        tokio::select! {
            () = &mut stream => return,
            () = shutdown => {}
        }
        tracing::info!("worker draining");
        drain.cancel();
        stream.await;
    }
}

/// Builds a [`Worker`].
pub struct WorkerBuilder {
    request: StreamTasksRequest,
    handlers: BTreeMap<String, Arc<dyn TaskHandler>>,
    reconnect: BackoffConfig,
    drain_grace: Duration,
    cancel_grace: Duration,
}

impl WorkerBuilder {
    /// Runs the tasks whose `Task.handler` is `name` with `handler`.
    pub fn handler(mut self, name: impl Into<String>, handler: impl TaskHandler) -> Self {
        self.handlers.insert(name.into(), Arc::new(handler));
        self
    }

    /// How many tasks run at once (core never sends more). Default 4; 0 means 1.
    pub fn max_concurrent(mut self, n: u32) -> Self {
        self.request.max_concurrent = n;
        self
    }

    /// Takes tasks from this queue too (default: core's default queue).
    pub fn queue(mut self, queue: impl Into<String>) -> Self {
        self.request.queues.push(queue.into());
        self
    }

    /// A label core may place tasks by (`region`, `version`).
    pub fn label(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.request.labels.insert(key.into(), value.into());
        self
    }

    /// An optional feature this worker supports.
    pub fn capability(mut self, capability: Capability) -> Self {
        self.request.capabilities.push(capability);
        self
    }

    /// How the task stream is reconnected. Default: 1 s, x1.6, +-20% jitter, capped at 120 s.
    pub fn reconnect(mut self, backoff: BackoffConfig) -> Self {
        self.reconnect = backoff;
        self
    }

    /// How long running tasks may take to finish once the worker shuts down (default 30 s),
    /// and how long, after that, cancelled ones get to report it (default 5 s).
    pub fn drain(mut self, grace: Duration, cancel_grace: Duration) -> Self {
        self.drain_grace = grace;
        self.cancel_grace = cancel_grace;
        self
    }

    /// The worker; fails without a worker id or without handlers.
    pub fn build(mut self) -> Result<Worker, BuildError> {
        if self.request.worker_id.is_empty() {
            return Err(BuildError::EmptyWorkerId);
        }
        if self.handlers.is_empty() {
            return Err(BuildError::NoHandler);
        }
        if self.handlers.contains_key("") {
            return Err(BuildError::EmptyHandlerName);
        }
        self.request.handlers = self.handlers.keys().cloned().collect();
        Ok(Worker {
            request: self.request,
            handlers: Arc::new(self.handlers),
            reconnect: self.reconnect,
            drain_grace: self.drain_grace,
            cancel_grace: self.cancel_grace,
        })
    }
}
