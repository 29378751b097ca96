//! `flow.execution.v1.ExecutionService` (execution.proto): the kit plays workers and an operator,
//! with work it puts in core's queue through an [`Enqueue`] under handler names unique to the
//! run, and checks: a task reaches a stream whose handlers match it (and not another stream);
//! `CompleteTask` is idempotent per attempt; a worker that goes away and stops heartbeating has
//! its task re-offered (attempt 2, a new task id) after the heartbeat timeout; `CancelExecution`
//! reaches the worker (a `cancel_task` on its stream or `cancel_requested` on a heartbeat).

use std::time::Duration;

use flow_proto::common::v1::{CancellationMode, Outcome, Payload, outcome};
use flow_proto::execution::v1::execution_service_client::ExecutionServiceClient;
use flow_proto::execution::v1::stream_tasks_response::Event;
use flow_proto::execution::v1::*;
use tokio::time::Instant;
use tonic::transport::Channel;
use tonic::{Request, Streaming};

use super::{Enqueue, EnqueueRequest, HEARTBEAT_TIMEOUT, RunIds, SLACK, START_TO_CLOSE, secs};
use crate::Check;
use crate::rpc::{CallError, Ctx};

/// The ids of the execution checks, in run order.
pub const IDS: [&str; 4] = [
    "core.execution.stream_tasks",
    "core.execution.complete_idempotent",
    "core.execution.reoffer",
    "core.execution.cancel",
];

/// How long a stream that should get nothing is watched.
const QUIET: Duration = Duration::from_millis(300);

struct Exec<'a> {
    ctx: &'a Ctx,
    client: ExecutionServiceClient<Channel>,
    enqueue: &'a dyn Enqueue,
    ids: &'a RunIds,
}

/// One worker's task stream.
struct Worker {
    stream: Streaming<StreamTasksResponse>,
}

impl Worker {
    /// The next event other than a ping within `within`; `Ok(None)` when nothing came.
    async fn event(&mut self, within: Duration) -> Result<Option<Event>, String> {
        let until = Instant::now() + within;
        loop {
            match tokio::time::timeout_at(until, self.stream.message()).await {
                Err(_) => return Ok(None),
                Ok(Err(s)) => return Err(format!("the task stream failed: {s}")),
                Ok(Ok(None)) => return Err("core ended the task stream".into()),
                Ok(Ok(Some(msg))) => match msg.event {
                    Some(Event::Ping(_)) | None => continue,
                    Some(event) => return Ok(Some(event)),
                },
            }
        }
    }

    /// The next task within `within`.
    async fn task(&mut self, within: Duration) -> Result<Task, String> {
        match self.event(within).await? {
            Some(Event::Task(task)) => Ok(task),
            Some(other) => Err(format!("expected a task, got {other:?}")),
            None => Err(format!("no task within {}", secs(within))),
        }
    }
}

fn success(result: &str) -> Outcome {
    Outcome {
        outcome: Some(outcome::Outcome::Success(outcome::Success {
            result: Some(Payload {
                data: result.as_bytes().to_vec().into(),
                ..Default::default()
            }),
        })),
    }
}

fn cancelled() -> Outcome {
    Outcome {
        outcome: Some(outcome::Outcome::Cancelled(outcome::Cancelled {
            mode: CancellationMode::Graceful as i32,
            details: None,
            reason: "flow-conformance".into(),
        })),
    }
}

impl Exec<'_> {
    async fn open(&mut self, worker: &str, handler: &str) -> Result<Worker, String> {
        // No grpc-timeout on the stream: it lives longer than one call.
        let request = Request::new(StreamTasksRequest {
            worker_id: self.ids.name(worker),
            handlers: vec![handler.into()],
            max_concurrent: 1,
            ..Default::default()
        });
        match tokio::time::timeout(self.ctx.timeout, self.client.stream_tasks(request)).await {
            Err(_) => Err(format!(
                "StreamTasks did not open within {}",
                secs(self.ctx.timeout)
            )),
            Ok(Err(s)) => Err(format!("StreamTasks: {}", super::status_text(&s))),
            Ok(Ok(r)) => Ok(Worker {
                stream: r.into_inner(),
            }),
        }
    }

    /// Queues an execution of `handler`; its id.
    async fn enqueue(&self, handler: &str, what: &str) -> Result<String, String> {
        let request = EnqueueRequest {
            handler: handler.into(),
            execution_id: self.ids.name(what),
            heartbeat_timeout: HEARTBEAT_TIMEOUT,
            start_to_close: START_TO_CLOSE,
        };
        match tokio::time::timeout(self.ctx.timeout, self.enqueue.enqueue(request)).await {
            Err(_) => Err(format!(
                "enqueueing did not finish within {}",
                secs(self.ctx.timeout)
            )),
            Ok(Err(e)) => Err(format!("enqueueing failed: {e}")),
            Ok(Ok(id)) => Ok(id),
        }
    }

    async fn complete(
        &mut self,
        task: &Task,
        outcome: Outcome,
    ) -> Result<CompleteTaskResponse, CallError> {
        let req = self.ctx.request(CompleteTaskRequest {
            task_token: task.task_token.clone(),
            outcome: Some(outcome),
        });
        self.ctx.call(self.client.complete_task(req)).await
    }

    async fn heartbeat(&mut self, task: &Task) -> Result<RecordHeartbeatResponse, CallError> {
        let req = self.ctx.request(RecordHeartbeatRequest {
            task_token: task.task_token.clone(),
            progress: None,
            counters: None,
        });
        self.ctx.call(self.client.record_heartbeat(req)).await
    }

    /// Ends an execution a failed check leaves behind (forced, at once), so that it cannot
    /// disturb the next check.
    async fn abandon(&mut self, execution_id: &str) {
        let req = self.ctx.request(CancelExecutionRequest {
            execution_id: execution_id.into(),
            mode: CancellationMode::Force as i32,
            grace_period: None,
            reason: "flow-conformance: the check failed".into(),
            requested_by: "flow-conformance".into(),
        });
        let _ = self.ctx.call(self.client.cancel_execution(req)).await;
    }

    async fn cancel(&mut self, execution_id: &str) -> Result<CancelExecutionResponse, CallError> {
        let req = self.ctx.request(CancelExecutionRequest {
            execution_id: execution_id.into(),
            mode: CancellationMode::Graceful as i32,
            grace_period: None,
            reason: "flow-conformance".into(),
            requested_by: "flow-conformance".into(),
        });
        self.ctx.call(self.client.cancel_execution(req)).await
    }
}

/// Runs the execution checks, enqueueing through `enqueue`.
pub async fn checks(ctx: &Ctx, ids: &RunIds, enqueue: &dyn Enqueue) -> Vec<Check> {
    let mut e = Exec {
        ctx,
        client: ExecutionServiceClient::new(ctx.channel.clone()),
        enqueue,
        ids,
    };
    let mut out = Vec::new();
    let (check, task) = stream_tasks(&mut e).await;
    out.push(check);
    match task {
        Some(task) => out.push(complete_idempotent(&mut e, &task).await),
        None => out.push(Check::skip(
            IDS[1],
            "needs a task (core.execution.stream_tasks)",
        )),
    }
    out.push(reoffer(&mut e).await);
    out.push(cancel(&mut e).await);
    out
}

/// The task of `execution` (attempt `attempt`) of `handler`, or what is wrong with `task`.
fn task_problems(task: &Task, handler: &str, execution: &str, attempt: u32) -> Vec<String> {
    let mut problems = Vec::new();
    if task.handler != handler {
        problems.push(format!(
            "the task names handler {:?}, the stream asked for {handler:?}",
            task.handler
        ));
    }
    if task.execution_id != execution {
        problems.push(format!(
            "the task is of execution {:?}, want {execution:?}",
            task.execution_id
        ));
    }
    if task.attempt != attempt {
        problems.push(format!(
            "the task is attempt {}, want {attempt}",
            task.attempt
        ));
    }
    if task.task_id.is_empty() || task.task_token.is_empty() {
        problems.push("the task has an empty task_id or task_token".into());
    }
    problems
}

async fn stream_tasks(e: &mut Exec<'_>) -> (Check, Option<Task>) {
    let id = IDS[0];
    let handler = e.ids.name("work");
    let other = e.ids.name("other-work");
    // A stream for another handler, opened first: it must not get the task.
    let mut decoy = match e.open("decoy", &other).await {
        Ok(w) => w,
        Err(p) => return (Check::fail(id, p), None),
    };
    let mut worker = match e.open("worker", &handler).await {
        Ok(w) => w,
        Err(p) => return (Check::fail(id, p), None),
    };
    let execution = match e.enqueue(&handler, "work").await {
        Ok(x) => x,
        Err(p) => return (Check::fail(id, p), None),
    };
    let task = match worker.task(e.ctx.timeout).await {
        Ok(t) => t,
        Err(p) => {
            let mut detail =
                format!("the stream with handlers [{handler}]: {p} after enqueueing {execution}");
            if let Ok(Some(Event::Task(t))) = decoy.event(QUIET).await {
                detail.push_str(&format!(
                    "; the task (handler {:?}) went to the stream with handlers [{other}]",
                    t.handler
                ));
            }
            e.abandon(&execution).await;
            return (Check::fail(id, detail), None);
        }
    };
    let mut problems = task_problems(&task, &handler, &execution, 1);
    match decoy.event(QUIET).await {
        Ok(Some(Event::Task(t))) => problems.push(format!(
            "a stream with handlers [{other}] got a task for handler {:?}",
            t.handler
        )),
        Ok(_) => {}
        Err(p) => problems.push(format!("the other stream: {p}")),
    }
    let check = Check::from_problems(
        id,
        format!(
            "the task of {execution} reached the stream whose handlers match, attempt 1, and no other stream"
        ),
        &problems,
    );
    (check, Some(task))
}

async fn complete_idempotent(e: &mut Exec<'_>, task: &Task) -> Check {
    let id = IDS[1];
    match e.complete(task, success("done")).await {
        Ok(r) if r.accepted => {}
        Ok(r) => {
            return Check::fail(
                id,
                format!(
                    "the first CompleteTask was not accepted: reason {:?}",
                    r.reason
                ),
            );
        }
        Err(err) => return Check::fail(id, format!("CompleteTask: {err}")),
    }
    match e.complete(task, success("again")).await {
        Ok(r) if r.accepted => Check::fail(
            id,
            "a second CompleteTask for the same attempt was accepted",
        ),
        Ok(r) if r.reason == "ALREADY_COMPLETED" => Check::pass(
            id,
            "the first CompleteTask was accepted, the repeat answered accepted = false, ALREADY_COMPLETED",
        ),
        Ok(r) => Check::fail(
            id,
            format!(
                "the repeated CompleteTask answered reason {:?}, want ALREADY_COMPLETED",
                r.reason
            ),
        ),
        Err(err) => Check::fail(
            id,
            format!("the repeated CompleteTask must be answered (accepted = false), got {err}"),
        ),
    }
}

async fn reoffer(e: &mut Exec<'_>) -> Check {
    let id = IDS[2];
    let handler = e.ids.name("reoffer");
    let mut dying = match e.open("dying", &handler).await {
        Ok(w) => w,
        Err(p) => return Check::fail(id, p),
    };
    let execution = match e.enqueue(&handler, "reoffer").await {
        Ok(x) => x,
        Err(p) => return Check::fail(id, p),
    };
    let first = match dying.task(e.ctx.timeout).await {
        Ok(t) => t,
        Err(p) => {
            e.abandon(&execution).await;
            return Check::fail(id, format!("the first attempt: {p}"));
        }
    };
    if let Err(err) = e.heartbeat(&first).await {
        e.abandon(&execution).await;
        return Check::fail(id, format!("RecordHeartbeat of a running task: {err}"));
    }
    let last_beat = Instant::now();
    // The worker goes away: its stream closes and it never heartbeats again.
    drop(dying);
    let mut next = match e.open("next", &handler).await {
        Ok(w) => w,
        Err(p) => {
            e.abandon(&execution).await;
            return Check::fail(id, p);
        }
    };
    let second = match next.task(e.ctx.timeout).await {
        Ok(t) => t,
        Err(p) => {
            e.abandon(&execution).await;
            return Check::fail(
                id,
                format!(
                    "a task (heartbeat_timeout {}) whose worker went away was not re-offered to another worker: {p}",
                    secs(HEARTBEAT_TIMEOUT)
                ),
            );
        }
    };
    let after = last_beat.elapsed();
    let mut problems = task_problems(&second, &handler, &execution, 2);
    if second.task_id == first.task_id {
        problems.push(
            "the re-offered task has the first attempt's task_id; a retry gets a new one".into(),
        );
    }
    if after + SLACK < HEARTBEAT_TIMEOUT {
        problems.push(format!(
            "re-offered {} after the last heartbeat, before the heartbeat timeout {}",
            secs(after),
            secs(HEARTBEAT_TIMEOUT)
        ));
    }
    let _ = e.complete(&second, success("done")).await;
    Check::from_problems(
        id,
        format!(
            "the task of a worker that went away was re-offered {} after its last heartbeat: attempt 2, a new task id",
            secs(after)
        ),
        &problems,
    )
}

async fn cancel(e: &mut Exec<'_>) -> Check {
    let id = IDS[3];
    let handler = e.ids.name("cancel");
    let mut worker = match e.open("cancelled", &handler).await {
        Ok(w) => w,
        Err(p) => return Check::fail(id, p),
    };
    let execution = match e.enqueue(&handler, "cancel").await {
        Ok(x) => x,
        Err(p) => return Check::fail(id, p),
    };
    let task = match worker.task(e.ctx.timeout).await {
        Ok(t) => t,
        Err(p) => {
            e.abandon(&execution).await;
            return Check::fail(id, format!("the task: {p}"));
        }
    };
    match e.cancel(&execution).await {
        Ok(r) if !r.already_terminal => {}
        Ok(_) => {
            let _ = e.complete(&task, cancelled()).await;
            return Check::fail(
                id,
                "CancelExecution of a running execution answered already_terminal = true",
            );
        }
        Err(err) => {
            let _ = e.complete(&task, cancelled()).await;
            return Check::fail(id, format!("CancelExecution({execution}): {err}"));
        }
    }
    let started = Instant::now();
    let how = loop {
        match worker.event(Duration::from_millis(200)).await {
            Ok(Some(Event::CancelTask(c))) if c.task_id == task.task_id => {
                break Ok("a cancel_task on the worker's stream");
            }
            Ok(Some(other)) => {
                break Err(format!(
                    "the stream sent {other:?}, not a cancel_task for the task"
                ));
            }
            Ok(None) => {}
            Err(p) => break Err(p),
        }
        match e.heartbeat(&task).await {
            Ok(r) if r.cancel_requested => break Ok("cancel_requested on a heartbeat"),
            Ok(_) => {}
            Err(err) => break Err(format!("RecordHeartbeat after CancelExecution: {err}")),
        }
        if started.elapsed() > e.ctx.timeout {
            break Err(format!(
                "within {} of CancelExecution the worker got neither a cancel_task nor cancel_requested on a heartbeat",
                secs(e.ctx.timeout)
            ));
        }
    };
    let _ = e.complete(&task, cancelled()).await;
    if how.is_err() {
        e.abandon(&execution).await;
    }
    match how {
        Ok(how) => Check::pass(
            id,
            format!(
                "CancelExecution reached the worker within {}: {how}",
                secs(started.elapsed())
            ),
        ),
        Err(p) => Check::fail(id, p),
    }
}
