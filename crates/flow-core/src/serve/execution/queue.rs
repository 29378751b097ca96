//! [`TaskQueue`]: how work enters core's task queue from Rust (the job service, tests, an
//! embedding application), and how its end is awaited.
//!
//! ```no_run
//! # async fn run(queue: flow_core::serve::execution::TaskQueue<flow_core::store::SqliteStore>)
//! # -> Result<(), Box<dyn std::error::Error>> {
//! use flow_core::serve::execution::ExecutionSpec;
//!
//! let id = queue.enqueue(ExecutionSpec::new("resize-image")).await?;
//! let outcome = queue.wait(&id).await?;
//! println!("{id}: {outcome:?}");
//! # Ok(()) }
//! ```

use std::collections::BTreeMap;
use std::time::Duration;

use flow_proto::common::v1::{Outcome, Payload, RetryPolicy, TraceContext};
use flow_proto::execution::v1::Task;

use super::retry::EffectivePolicy;
use super::{ExecutionServer, bump};
use crate::ids::new_id;
use crate::serve::status::{InvalidField, id_field, length_field, optional_id_field};
use crate::store::{
    self, Enqueued, ExecutionStatus, ExecutionStore, NewExecution, StoreError, StoreResult,
};

/// The most headers one execution may carry, and the longest header value.
pub const MAX_HEADERS: usize = 64;
pub const MAX_HEADER_VALUE_LEN: usize = 4096;
/// The largest input accepted, encoded (the same cap as every Flow message).
pub const MAX_INPUT_BYTES: usize = 4 * 1024 * 1024;

/// One unit of work to run on a worker, with its retry policy and timeouts.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ExecutionSpec {
    /// The caller's id for the execution (enqueueing the same id again is a no-op); `None`:
    /// core generates one.
    pub execution_id: Option<String>,
    /// `Task.handler`: which handler runs it.
    pub handler: String,
    /// The queue; `None`: core's default queue.
    pub queue: Option<String>,
    pub input: Option<Payload>,
    pub headers: BTreeMap<String, String>,
    pub retry_policy: Option<RetryPolicy>,
    /// Heartbeats required at least this often; `None`: not required.
    pub heartbeat_timeout: Option<Duration>,
    /// How long one attempt may run.
    pub start_to_close: Option<Duration>,
    /// How long the whole execution may take.
    pub schedule_to_close: Option<Duration>,
    pub trace: Option<TraceContext>,
    /// The job and step the execution runs, when it is part of a job.
    pub job_id: String,
    pub step_id: String,
}

impl ExecutionSpec {
    /// An execution of `handler` with core's defaults.
    pub fn new(handler: impl Into<String>) -> Self {
        Self {
            handler: handler.into(),
            ..Default::default()
        }
    }
}

/// Why [`TaskQueue::enqueue`] refused.
#[derive(Debug, thiserror::Error)]
pub enum EnqueueError {
    #[error("{} {}", .0.field, .0.problem)]
    Invalid(InvalidField),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<InvalidField> for EnqueueError {
    fn from(invalid: InvalidField) -> Self {
        Self::Invalid(invalid)
    }
}

/// The Rust API of core's task queue: the same queue `ExecutionService` serves.
pub struct TaskQueue<S> {
    server: ExecutionServer<S>,
}

impl<S> Clone for TaskQueue<S> {
    fn clone(&self) -> Self {
        Self {
            server: self.server.clone(),
        }
    }
}

fn check(spec: &ExecutionSpec) -> Result<(), InvalidField> {
    id_field("handler", &spec.handler)?;
    for (field, id) in [
        ("execution_id", spec.execution_id.as_deref()),
        ("queue", spec.queue.as_deref()),
    ] {
        if let Some(id) = id {
            id_field(field, id)?;
        }
    }
    optional_id_field("job_id", &spec.job_id)?;
    optional_id_field("step_id", &spec.step_id)?;
    if spec.headers.len() > MAX_HEADERS {
        return Err(InvalidField::new(
            "headers",
            format!(
                "has {} entries, more than {MAX_HEADERS}",
                spec.headers.len()
            ),
        ));
    }
    for (name, value) in &spec.headers {
        id_field("headers", name)?;
        length_field(&format!("headers.{name}"), value, MAX_HEADER_VALUE_LEN)?;
    }
    let input = spec.input.as_ref().map_or(0, prost::Message::encoded_len);
    if input > MAX_INPUT_BYTES {
        return Err(InvalidField::new(
            "input",
            format!("is {input} bytes, more than {MAX_INPUT_BYTES}"),
        ));
    }
    EffectivePolicy::of("retry_policy", spec.retry_policy.as_ref())?;
    Ok(())
}

impl<S: ExecutionStore> TaskQueue<S> {
    pub(super) fn new(server: ExecutionServer<S>) -> Self {
        Self { server }
    }

    /// Queues `spec` (checked first) and returns its execution id; queueing an id that exists
    /// changes nothing and returns it.
    pub async fn enqueue(&self, spec: ExecutionSpec) -> Result<String, EnqueueError> {
        check(&spec)?;
        let inner = &self.server;
        let execution_id = spec.execution_id.unwrap_or_else(new_id);
        let no_timeout = spec.heartbeat_timeout.is_none()
            && spec.start_to_close.is_none()
            && spec.schedule_to_close.is_none();
        let start_to_close = if no_timeout {
            Some(inner.config.default_start_to_close)
        } else {
            spec.start_to_close
        };
        let template = Task {
            execution_id: execution_id.clone(),
            job_id: spec.job_id,
            step_id: spec.step_id,
            handler: spec.handler,
            heartbeat_timeout: spec.heartbeat_timeout.map(Into::into),
            input: spec.input,
            trace: spec.trace,
            headers: spec.headers,
            retry_policy: spec.retry_policy,
            ..Default::default()
        };
        let execution = NewExecution {
            execution_id: execution_id.clone(),
            queue: spec
                .queue
                .unwrap_or_else(|| inner.config.default_queue.clone()),
            template,
            start_to_close,
            schedule_to_close: spec.schedule_to_close,
        };
        if inner.store.enqueue(execution, store::now()).await? == Enqueued::Created {
            bump(&inner.work);
        }
        Ok(execution_id)
    }

    /// Where the execution stands; `None` when there is no such execution.
    pub async fn status(&self, execution_id: &str) -> StoreResult<Option<ExecutionStatus>> {
        self.server.store.execution(execution_id).await
    }

    /// Waits until the execution is done and returns its outcome. An unknown id is an error.
    pub async fn wait(&self, execution_id: &str) -> StoreResult<Outcome> {
        let mut done = self.server.done.subscribe();
        loop {
            done.mark_unchanged();
            match self.status(execution_id).await? {
                None => {
                    return Err(StoreError::Internal(
                        format!("no execution {execution_id:?}").into(),
                    ));
                }
                Some(ExecutionStatus {
                    outcome: Some(outcome),
                    ..
                }) => return Ok(outcome),
                Some(_) => {}
            }
            // Woken by any execution's end; a timer covers ends recorded by another process.
            let _ = tokio::time::timeout(Duration::from_secs(1), done.changed()).await;
        }
    }
}
