//! What a worker's code implements: a [`TaskHandler`] runs one task attempt, given a
//! [`TaskContext`], and returns its result or a [`TaskError`].

use std::sync::Arc;
use std::time::Duration;

use flow_proto::common::v1::{CancellationMode, Failure, Payload, Progress};
use flow_proto::execution::v1::Task;

use super::control::{AttemptControl, Cancellation};

/// Runs the tasks of one handler name (`Task.handler`). One value serves every attempt, so it
/// may run several at once (up to the worker's `max_concurrent`).
///
/// ```
/// use flow_proto::common::v1::Payload;
/// use flow_sdk::worker::{TaskContext, TaskError, TaskHandler};
///
/// struct Echo;
///
/// #[tonic::async_trait]
/// impl TaskHandler for Echo {
///     async fn run(&self, ctx: TaskContext) -> Result<Payload, TaskError> {
///         Ok(ctx.input().cloned().unwrap_or_default())
///     }
/// }
/// ```
#[tonic::async_trait]
pub trait TaskHandler: Send + Sync + 'static {
    /// Runs the attempt. The SDK heartbeats while this runs, reports what it returns as the
    /// attempt's outcome, and drops the future (without reporting anything) when the task's
    /// deadline or a forced cancellation's deadline passes first.
    async fn run(&self, ctx: TaskContext) -> Result<Payload, TaskError>;
}

/// How an attempt ends other than with a result.
#[derive(Clone, Debug, PartialEq)]
pub enum TaskError {
    /// The attempt failed; core applies the retry policy unless `non_retryable` is set.
    Failed(Failure),
    /// The attempt asks to be retried no sooner than `delay` (a rate limit, a busy dependency).
    RetryAfter {
        /// The earliest retry.
        delay: Duration,
        /// Why, when known.
        cause: Option<Failure>,
    },
    /// The attempt stopped because cancellation was requested ([`TaskContext::cancelled`]). The
    /// SDK adds the mode and reason of the request to the outcome.
    Cancelled {
        /// What the handler wants whoever cancelled to know (how far it got).
        details: Option<Payload>,
    },
}

impl From<Failure> for TaskError {
    fn from(failure: Failure) -> Self {
        TaskError::Failed(failure)
    }
}

/// One attempt as its handler sees it: the task, heartbeat progress, and cancellation.
#[derive(Clone)]
pub struct TaskContext {
    pub(crate) task: Arc<Task>,
    pub(crate) control: Arc<AttemptControl>,
}

impl std::fmt::Debug for TaskContext {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Not the Task itself: its token is bearer-like and must not reach logs.
        f.debug_struct("TaskContext")
            .field("task_id", &self.task.task_id)
            .field("execution_id", &self.task.execution_id)
            .field("handler", &self.task.handler)
            .field("attempt", &self.task.attempt)
            .finish_non_exhaustive()
    }
}

impl TaskContext {
    /// A context outside any worker, to unit-test a handler: the returned [`DetachedTask`]
    /// requests cancellation and reads back what the handler recorded.
    ///
    /// ```
    /// use flow_proto::common::v1::{CancellationMode, Payload};
    /// use flow_proto::execution::v1::Task;
    /// use flow_sdk::worker::{TaskContext, TaskError, TaskHandler};
    ///
    /// struct UntilCancelled;
    ///
    /// #[tonic::async_trait]
    /// impl TaskHandler for UntilCancelled {
    ///     async fn run(&self, ctx: TaskContext) -> Result<Payload, TaskError> {
    ///         ctx.heartbeat(Payload { data: "started".into(), ..Default::default() });
    ///         ctx.cancelled().await;
    ///         Err(TaskError::Cancelled { details: None })
    ///     }
    /// }
    ///
    /// # tokio_test_block(async {
    /// let (ctx, task) = TaskContext::detached(Task::default());
    /// task.cancel(CancellationMode::Graceful, "test");
    /// let result = UntilCancelled.run(ctx).await;
    /// assert_eq!(result, Err(TaskError::Cancelled { details: None }));
    /// assert_eq!(task.progress().unwrap().data.as_ref(), b"started");
    /// # });
    /// # fn tokio_test_block(f: impl std::future::Future<Output = ()>) {
    /// #     tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(f)
    /// # }
    /// ```
    pub fn detached(task: Task) -> (TaskContext, DetachedTask) {
        let control = Arc::new(AttemptControl::new());
        (
            TaskContext {
                task: Arc::new(task),
                control: control.clone(),
            },
            DetachedTask { control },
        )
    }

    /// The task as core sent it.
    pub fn task(&self) -> &Task {
        &self.task
    }

    /// The handler's input.
    pub fn input(&self) -> Option<&Payload> {
        self.task.input.as_ref()
    }

    /// The progress an earlier attempt last recorded with [`TaskContext::heartbeat`], to resume
    /// from; `None` on a first attempt.
    pub fn last_heartbeat(&self) -> Option<&Payload> {
        self.task.last_heartbeat.as_ref()
    }

    /// Records progress a retry can resume from. Cheap: the SDK sends the latest value with the
    /// next heartbeat (every half `heartbeat_timeout`, or within
    /// [`super::PROGRESS_HEARTBEAT_INTERVAL`] when the task has no heartbeat timeout).
    pub fn heartbeat(&self, progress: Payload) {
        self.control.record_progress(progress);
    }

    /// Records counters for core's UI, sent with the next heartbeat.
    pub fn counters(&self, counters: Progress) {
        self.control.record_counters(counters);
    }

    /// Resolves when cancellation is requested. Handlers select on it and return
    /// [`TaskError::Cancelled`].
    pub async fn cancelled(&self) {
        self.control.token().cancelled().await;
    }

    /// Whether cancellation has been requested.
    pub fn is_cancelled(&self) -> bool {
        self.control.token().is_cancelled()
    }

    /// The cancellation request, once there is one.
    pub fn cancellation(&self) -> Option<Cancellation> {
        self.control.cancellation()
    }
}

/// The worker's side of a [`TaskContext::detached`] context, for tests.
#[derive(Debug)]
pub struct DetachedTask {
    control: Arc<AttemptControl>,
}

impl DetachedTask {
    /// Requests cancellation, as a `CancelTask` or a heartbeat answer would (a forced one
    /// without a deadline).
    pub fn cancel(&self, mode: CancellationMode, reason: &str) {
        self.control.cancel(mode, reason, None);
    }

    /// The progress the handler recorded last and no heartbeat has sent.
    pub fn progress(&self) -> Option<Payload> {
        self.control.peek_pending().progress
    }

    /// The counters the handler recorded last.
    pub fn counters(&self) -> Option<Progress> {
        self.control.peek_pending().counters
    }
}
