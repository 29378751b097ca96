//! Task handlers for the reference worker (`flow-ref-worker`):
//!
//! - [`CountHandler`] (`count`): counts from 0 to `to`, one step every `step_ms`, recording
//!   `{"next": N}` as heartbeat progress so that a retry resumes where the last attempt stopped,
//!   and stopping with a `cancelled` outcome (carrying the same progress) when asked to;
//! - [`EchoHandler`] (`echo`): returns its input unchanged.
//!
//! Inputs and results are JSON payloads (`encoding: json/plain`).

use std::time::Duration;

use flow_proto::common::v1::{Failure, Payload, Progress, Role};
use flow_proto::failure::FailureExt;
use flow_sdk::Component;
use flow_sdk::worker::{TaskContext, TaskError, TaskHandler};
use serde::{Deserialize, Serialize};

/// The counting handler's name.
pub const COUNT: &str = "count";
/// The echo handler's name.
pub const ECHO: &str = "echo";

/// `Failure.type` of an input that is not what the handler reads.
pub const INPUT_INVALID: &str = "input.invalid";

/// The counting handler's input.
#[derive(Clone, Copy, Debug, Default, Deserialize, PartialEq, Eq, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct CountInput {
    /// Count up to (excluding) this number.
    pub to: u64,
    /// Milliseconds per step.
    pub step_ms: u64,
}

/// The progress recorded after every step, and the cancelled outcome's details.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CountProgress {
    /// The next number to count.
    pub next: u64,
}

/// The counting handler's result.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CountResult {
    /// Numbers counted, over all attempts.
    pub counted: u64,
    /// Where this attempt started (0, or the progress of an earlier attempt).
    pub resumed_from: u64,
}

/// A JSON payload.
pub fn json_payload<T: Serialize>(value: &T) -> Payload {
    Payload {
        metadata: [("encoding".to_owned(), b"json/plain".to_vec().into())].into(),
        data: serde_json::to_vec(value)
            .expect("plain structs serialize")
            .into(),
    }
}

/// Reads a JSON payload; an absent or empty payload reads as `T::default()`.
fn read_json<T: for<'de> Deserialize<'de> + Default>(
    payload: Option<&Payload>,
    what: &str,
) -> Result<T, Failure> {
    let data = payload.map(|p| p.data.as_ref()).unwrap_or_default();
    if data.is_empty() {
        return Ok(T::default());
    }
    serde_json::from_slice(data).map_err(|e| {
        Failure::new(format!("the {what} is not valid: {e}"))
            .with_type(INPUT_INVALID)
            .with_non_retryable(true)
    })
}

/// Counts with heartbeats; see the module docs.
#[derive(Clone, Copy, Debug, Default)]
pub struct CountHandler;

#[tonic::async_trait]
impl TaskHandler for CountHandler {
    async fn run(&self, ctx: TaskContext) -> Result<Payload, TaskError> {
        let input: CountInput = read_json(ctx.input(), "input")?;
        let start = match ctx.last_heartbeat() {
            Some(p) => {
                read_json::<Option<CountProgress>>(Some(p), "last heartbeat")?.map_or(0, |p| p.next)
            }
            None => 0,
        }
        .min(input.to);
        let step = Duration::from_millis(input.step_ms);
        for next in start..input.to {
            tokio::select! {
                biased;
                () = ctx.cancelled() => {
                    return Err(TaskError::Cancelled {
                        details: Some(json_payload(&CountProgress { next })),
                    });
                }
                () = tokio::time::sleep(step) => {}
            }
            ctx.heartbeat(json_payload(&CountProgress { next: next + 1 }));
            ctx.counters(Progress {
                records: next + 1,
                fraction_complete: (next + 1) as f64 / input.to as f64,
                ..Default::default()
            });
        }
        Ok(json_payload(&CountResult {
            counted: input.to,
            resumed_from: start,
        }))
    }
}

/// Returns the input unchanged.
#[derive(Clone, Copy, Debug, Default)]
pub struct EchoHandler;

#[tonic::async_trait]
impl TaskHandler for EchoHandler {
    async fn run(&self, ctx: TaskContext) -> Result<Payload, TaskError> {
        Ok(ctx.input().cloned().unwrap_or_default())
    }
}

/// The component of a handler: everything comes from the task input, so its configuration is an
/// empty object and any attribute is an error.
pub fn component(handler: &str, description: &str) -> Component {
    let mut schema = flow_sdk::config::schema::<NoConfig>();
    schema
        .fields
        .insert("title".into(), format!("{handler} handler").into());
    Component::new(handler, Role::Worker)
        .description(description)
        .config::<NoConfig>()
        .config_schema(schema)
}

/// A handler's configuration: nothing to configure, the task input carries everything.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NoConfig {}

impl flow_sdk::Config for NoConfig {}

#[cfg(test)]
mod tests {
    use flow_proto::common::v1::CancellationMode;
    use flow_proto::execution::v1::Task;
    use flow_sdk::worker::DetachedTask;

    use super::*;

    fn count_task(input: CountInput, last: Option<u64>) -> (TaskContext, DetachedTask) {
        TaskContext::detached(Task {
            handler: COUNT.into(),
            input: Some(json_payload(&input)),
            last_heartbeat: last.map(|next| json_payload(&CountProgress { next })),
            ..Default::default()
        })
    }

    fn read<T: for<'de> Deserialize<'de>>(payload: &Payload) -> T {
        serde_json::from_slice(&payload.data).unwrap()
    }

    #[tokio::test]
    async fn counts_and_records_progress() {
        let (ctx, task) = count_task(CountInput { to: 5, step_ms: 0 }, None);
        let result = CountHandler.run(ctx).await.unwrap();
        assert_eq!(
            read::<CountResult>(&result),
            CountResult {
                counted: 5,
                resumed_from: 0
            }
        );
        assert_eq!(
            read::<CountProgress>(&task.progress().unwrap()),
            CountProgress { next: 5 }
        );
        assert_eq!(task.counters().unwrap().fraction_complete, 1.0);
    }

    #[tokio::test]
    async fn a_retry_resumes_from_the_last_heartbeat() {
        let (ctx, _) = count_task(CountInput { to: 10, step_ms: 0 }, Some(7));
        let result = CountHandler.run(ctx).await.unwrap();
        assert_eq!(read::<CountResult>(&result).resumed_from, 7);
    }

    #[tokio::test]
    async fn cancellation_reports_how_far_it_got() {
        let (ctx, task) = count_task(
            CountInput {
                to: 1_000_000,
                step_ms: 1,
            },
            Some(3),
        );
        task.cancel(CancellationMode::Graceful, "test");
        match CountHandler.run(ctx).await {
            Err(TaskError::Cancelled { details }) => {
                assert_eq!(
                    read::<CountProgress>(&details.unwrap()),
                    CountProgress { next: 3 }
                );
            }
            other => panic!("{other:?}"),
        }
    }

    #[tokio::test]
    async fn a_bad_input_is_a_non_retryable_failure() {
        let (ctx, _) = TaskContext::detached(Task {
            input: Some(Payload {
                data: br#"{"to": "many"}"#.to_vec().into(),
                ..Default::default()
            }),
            ..Default::default()
        });
        match CountHandler.run(ctx).await {
            Err(TaskError::Failed(f)) => {
                assert_eq!(f.r#type, INPUT_INVALID);
                assert!(f.non_retryable);
            }
            other => panic!("{other:?}"),
        }
    }

    #[tokio::test]
    async fn echo_returns_its_input() {
        let input = json_payload(&serde_json::json!({"a": 1}));
        let (ctx, _) = TaskContext::detached(Task {
            input: Some(input.clone()),
            ..Default::default()
        });
        assert_eq!(EchoHandler.run(ctx).await.unwrap(), input);
    }
}
