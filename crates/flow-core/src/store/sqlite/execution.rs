//! [`ExecutionStore`] in SQLite: the `executions` and `task_attempts` tables
//! (`migrations/0004_execution.sql`). Each call is one immediate transaction, so a claim takes
//! an execution for exactly one worker and an attempt ends exactly once.

use std::time::{Duration, SystemTime};

use flow_proto::common::v1::{Outcome, Payload};
use flow_proto::execution::v1::Task;
use prost::Message;
use rusqlite::{OptionalExtension, Row, Transaction, params};

use super::{SqliteStore, corrupt, decode, millis, time_of};
use crate::ids::new_id;
use crate::store::{
    AttemptEnd, AttemptState, Beat, CancelAsked, CancelState, Cancelled, Claim, EndReason,
    Enqueued, ExecutionStatus, ExecutionStore, Finish, NewExecution, Next, Overdue, StoreResult,
};

fn duration_ms(duration: Duration) -> i64 {
    i64::try_from(duration.as_millis()).unwrap_or(i64::MAX)
}

fn optional_payload(bytes: Option<Vec<u8>>) -> StoreResult<Option<Payload>> {
    bytes
        .map(|b| decode::<Payload>("heartbeat", &b))
        .transpose()
}

/// The columns of an open or ended attempt that rebuild the task sent to the worker.
const TASK_COLUMNS: &str = "a.task_id, a.execution_id, a.attempt, a.enqueue_ms, a.deadline_ms, \
                            e.template, e.queue, e.last_heartbeat";

/// The task of an attempt, from a row of [`TASK_COLUMNS`] (its token is the server's to set).
fn task_of(row: &Row<'_>) -> rusqlite::Result<(Task, Vec<u8>, Option<Vec<u8>>)> {
    let task = Task {
        task_id: row.get(0)?,
        execution_id: row.get(1)?,
        attempt: row.get(2)?,
        enqueue_time: Some(time_of(row.get(3)?).into()),
        deadline: row.get::<_, Option<i64>>(4)?.map(|ms| time_of(ms).into()),
        queue: row.get(6)?,
        ..Default::default()
    };
    Ok((task, row.get(5)?, row.get(7)?))
}

/// Fills the attempt's fields into the execution's stored template.
fn assemble(parts: (Task, Vec<u8>, Option<Vec<u8>>)) -> StoreResult<Task> {
    let (attempt, template, heartbeat) = parts;
    let mut task: Task = decode("task template", &template)?;
    task.task_id = attempt.task_id;
    task.execution_id = attempt.execution_id;
    task.attempt = attempt.attempt;
    task.enqueue_time = attempt.enqueue_time;
    task.deadline = attempt.deadline;
    task.queue = attempt.queue;
    task.last_heartbeat = optional_payload(heartbeat)?;
    Ok(task)
}

fn cancel_state(
    mode: Option<i32>,
    reason: Option<String>,
    force_deadline: Option<i64>,
) -> Option<CancelState> {
    mode.map(|mode| CancelState {
        mode,
        reason: reason.unwrap_or_default(),
        force_deadline: force_deadline.map(time_of),
    })
}

fn read_attempt(tx: &Transaction<'_>, task_id: &str) -> StoreResult<Option<AttemptState>> {
    let row = tx
        .query_row(
            "SELECT a.task_id, a.execution_id, a.worker_id, e.handler, a.attempt, \
             e.counted_attempts, e.template, a.end_reason, e.cancel_mode, e.cancel_reason, \
             e.force_deadline_ms, e.last_heartbeat, e.schedule_deadline_ms \
             FROM task_attempts a JOIN executions e USING (execution_id) WHERE a.task_id = ?1",
            params![task_id],
            |row| {
                Ok((
                    AttemptState {
                        task_id: row.get(0)?,
                        execution_id: row.get(1)?,
                        worker_id: row.get(2)?,
                        handler: row.get(3)?,
                        attempt: row.get(4)?,
                        counted_attempts: row.get(5)?,
                        retry_policy: None,
                        ended: None,
                        cancel: cancel_state(row.get(8)?, row.get(9)?, row.get(10)?),
                        last_heartbeat: None,
                        schedule_deadline: row.get::<_, Option<i64>>(12)?.map(time_of),
                    },
                    row.get::<_, Vec<u8>>(6)?,
                    row.get::<_, Option<String>>(7)?,
                    row.get::<_, Option<Vec<u8>>>(11)?,
                ))
            },
        )
        .optional()?;
    let Some((mut state, template, end_reason, heartbeat)) = row else {
        return Ok(None);
    };
    state.retry_policy = decode::<Task>("task template", &template)?.retry_policy;
    state.ended = end_reason
        .map(|r| EndReason::parse(&r).ok_or_else(|| corrupt(format!("end reason {r:?}"))))
        .transpose()?;
    state.last_heartbeat = optional_payload(heartbeat)?;
    Ok(Some(state))
}

/// The reason an attempt ended, or `None` while it is open; `Err(None)` when it does not exist.
fn end_of(tx: &Transaction<'_>, task_id: &str) -> StoreResult<Result<Option<EndReason>, ()>> {
    let reason: Option<Option<String>> = tx
        .query_row(
            "SELECT end_reason FROM task_attempts WHERE task_id = ?1",
            params![task_id],
            |row| row.get(0),
        )
        .optional()?;
    match reason {
        None => Ok(Err(())),
        Some(None) => Ok(Ok(None)),
        Some(Some(r)) => EndReason::parse(&r)
            .map(|reason| Ok(Some(reason)))
            .ok_or_else(|| corrupt(format!("end reason {r:?}"))),
    }
}

#[tonic::async_trait]
impl ExecutionStore for SqliteStore {
    async fn enqueue(&self, execution: NewExecution, now: SystemTime) -> StoreResult<Enqueued> {
        self.in_write_tx(move |tx| {
            let now_ms = millis(now);
            let inserted = tx.execute(
                "INSERT INTO executions (execution_id, queue, handler, template, \
                 start_to_close_ms, schedule_deadline_ms, state, due_ms, create_ms) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'queued', ?7, ?7) \
                 ON CONFLICT (execution_id) DO NOTHING",
                params![
                    execution.execution_id,
                    execution.queue,
                    execution.template.handler,
                    execution.template.encode_to_vec(),
                    execution.start_to_close.map(duration_ms),
                    execution
                        .schedule_to_close
                        .map(|d| now_ms.saturating_add(duration_ms(d))),
                    now_ms,
                ],
            )?;
            Ok(if inserted == 1 {
                Enqueued::Created
            } else {
                Enqueued::Exists
            })
        })
        .await
    }

    async fn claim(&self, claim: Claim, now: SystemTime) -> StoreResult<Vec<Task>> {
        let handlers = serde_json::to_string(&claim.handlers).map_err(corrupt)?;
        let queues = serde_json::to_string(&claim.queues).map_err(corrupt)?;
        self.in_write_tx(move |tx| {
            let now_ms = millis(now);
            /// A due execution: its row's columns that the claim needs.
            struct Due {
                execution_id: String,
                due_ms: i64,
                start_to_close_ms: Option<i64>,
                schedule_deadline_ms: Option<i64>,
                attempts: u32,
                template: Vec<u8>,
                queue: String,
                last_heartbeat: Option<Vec<u8>>,
            }
            let due: Vec<Due> = {
                let mut select = tx.prepare_cached(
                    "SELECT execution_id, due_ms, start_to_close_ms, schedule_deadline_ms, \
                     attempts, template, queue, last_heartbeat \
                     FROM executions \
                     WHERE state = 'queued' AND due_ms <= ?1 \
                       AND handler IN (SELECT value FROM json_each(?2)) \
                       AND queue IN (SELECT value FROM json_each(?3)) \
                       AND (avoid_worker IS NULL OR avoid_worker <> ?4) \
                     ORDER BY due_ms, create_ms LIMIT ?5",
                )?;
                let rows = select.query_map(
                    params![
                        now_ms,
                        handlers,
                        queues,
                        claim.worker_id,
                        claim.limit as i64
                    ],
                    |row| {
                        Ok(Due {
                            execution_id: row.get(0)?,
                            due_ms: row.get(1)?,
                            start_to_close_ms: row.get(2)?,
                            schedule_deadline_ms: row.get(3)?,
                            attempts: row.get(4)?,
                            template: row.get(5)?,
                            queue: row.get(6)?,
                            last_heartbeat: row.get(7)?,
                        })
                    },
                )?;
                rows.collect::<Result<_, _>>()?
            };
            let mut claimed = Vec::with_capacity(due.len());
            for due in due {
                let deadline = match (
                    due.start_to_close_ms.map(|d| now_ms.saturating_add(d)),
                    due.schedule_deadline_ms,
                ) {
                    (Some(a), Some(b)) => Some(a.min(b)),
                    (a, b) => a.or(b),
                };
                let attempt = Task {
                    task_id: new_id(),
                    execution_id: due.execution_id,
                    attempt: due.attempts + 1,
                    enqueue_time: Some(time_of(due.due_ms).into()),
                    deadline: deadline.map(|ms| time_of(ms).into()),
                    queue: due.queue,
                    ..Default::default()
                };
                let task = assemble((attempt, due.template, due.last_heartbeat))?;
                // The heartbeat timeout lives in the template; the attempt keeps its own copy
                // so that the sweeper needs no decoding.
                let heartbeat = task
                    .heartbeat_timeout
                    .and_then(|d| Duration::try_from(d).ok())
                    .filter(|d| !d.is_zero())
                    .map(duration_ms);
                tx.execute(
                    "UPDATE executions SET state = 'running', attempts = ?2, \
                     counted_attempts = counted_attempts + 1, avoid_worker = NULL \
                     WHERE execution_id = ?1",
                    params![task.execution_id, task.attempt],
                )?;
                tx.execute(
                    "INSERT INTO task_attempts (task_id, execution_id, attempt, worker_id, \
                     enqueue_ms, dispatch_ms, deadline_ms, heartbeat_timeout_ms, \
                     heartbeat_deadline_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                    params![
                        task.task_id,
                        task.execution_id,
                        task.attempt,
                        claim.worker_id,
                        due.due_ms,
                        now_ms,
                        deadline,
                        heartbeat,
                        heartbeat.map(|timeout| now_ms.saturating_add(timeout)),
                    ],
                )?;
                claimed.push(task);
            }
            Ok(claimed)
        })
        .await
    }

    async fn open_tasks(&self, worker_id: &str) -> StoreResult<Vec<Task>> {
        let worker_id = worker_id.to_owned();
        self.with_conn(move |conn| {
            let mut select = conn.prepare_cached(&format!(
                "SELECT {TASK_COLUMNS} FROM task_attempts a JOIN executions e USING (execution_id) \
                 WHERE a.worker_id = ?1 AND a.end_ms IS NULL ORDER BY a.dispatch_ms"
            ))?;
            let rows = select.query_map(params![worker_id], task_of)?;
            rows.map(|row| assemble(row?)).collect()
        })
        .await
    }

    async fn attempt(&self, task_id: &str) -> StoreResult<Option<AttemptState>> {
        let task_id = task_id.to_owned();
        // A read: a deferred transaction, so completions do not queue behind the write lock.
        self.with_conn(move |conn| read_attempt(&conn.transaction()?, &task_id))
            .await
    }

    async fn heartbeat(
        &self,
        task_id: &str,
        progress: Option<Payload>,
        now: SystemTime,
    ) -> StoreResult<Beat> {
        let task_id = task_id.to_owned();
        self.in_write_tx(move |tx| {
            match end_of(tx, &task_id)? {
                Err(()) => return Ok(Beat::NotFound),
                Ok(Some(reason)) => return Ok(Beat::AlreadyEnded(reason)),
                Ok(None) => {}
            }
            tx.execute(
                "UPDATE task_attempts SET heartbeat_deadline_ms = ?1 + heartbeat_timeout_ms \
                 WHERE task_id = ?2 AND heartbeat_timeout_ms IS NOT NULL",
                params![millis(now), task_id],
            )?;
            if let Some(progress) = progress {
                tx.execute(
                    "UPDATE executions SET last_heartbeat = ?1 WHERE execution_id = \
                     (SELECT execution_id FROM task_attempts WHERE task_id = ?2)",
                    params![progress.encode_to_vec(), task_id],
                )?;
            }
            let cancel = tx.query_row(
                "SELECT e.cancel_mode, e.cancel_reason, e.force_deadline_ms \
                 FROM executions e JOIN task_attempts a USING (execution_id) WHERE a.task_id = ?1",
                params![task_id],
                |row| Ok(cancel_state(row.get(0)?, row.get(1)?, row.get(2)?)),
            )?;
            Ok(Beat::Alive { cancel })
        })
        .await
    }

    async fn finish(&self, end: AttemptEnd, now: SystemTime) -> StoreResult<Finish> {
        self.in_write_tx(move |tx| {
            let task_id = end.task_id;
            match end_of(tx, &task_id)? {
                Err(()) => return Ok(Finish::NotFound),
                Ok(Some(ended)) => return Ok(Finish::AlreadyEnded(ended)),
                Ok(None) => {}
            }
            let now_ms = millis(now);
            let encoded = end.outcome.encode_to_vec();
            tx.execute(
                "UPDATE task_attempts SET end_ms = ?1, end_reason = ?2, outcome = ?3 \
                 WHERE task_id = ?4",
                params![now_ms, end.reason.as_str(), encoded, task_id],
            )?;
            let execution = "(SELECT execution_id FROM task_attempts WHERE task_id = ?1)";
            match end.next {
                Next::Retry {
                    due,
                    counted,
                    avoid_worker,
                } => tx.execute(
                    &format!(
                        "UPDATE executions SET state = 'queued', due_ms = ?2, avoid_worker = ?3, \
                         counted_attempts = counted_attempts - ?4 WHERE execution_id = {execution}"
                    ),
                    params![task_id, millis(due), avoid_worker, i64::from(!counted)],
                )?,
                Next::Done => tx.execute(
                    &format!(
                        "UPDATE executions SET state = 'done', outcome = ?2, end_ms = ?3 \
                         WHERE execution_id = {execution}"
                    ),
                    params![task_id, encoded, now_ms],
                )?,
            };
            Ok(Finish::Recorded)
        })
        .await
    }

    async fn cancel(&self, asked: CancelAsked, now: SystemTime) -> StoreResult<Cancelled> {
        let CancelAsked {
            execution_id,
            cancel,
            requested_by,
            queued_outcome,
        } = asked;
        self.in_write_tx(move |tx| {
            let state: Option<String> = tx
                .query_row(
                    "SELECT state FROM executions WHERE execution_id = ?1",
                    params![execution_id],
                    |row| row.get(0),
                )
                .optional()?;
            let deadline = cancel.force_deadline.map(millis);
            match state.as_deref() {
                None => Ok(Cancelled::NotFound),
                Some("done") => Ok(Cancelled::AlreadyTerminal),
                Some("queued") => {
                    tx.execute(
                        "UPDATE executions SET state = 'done', outcome = ?2, end_ms = ?3, \
                         cancel_mode = ?4, cancel_reason = ?5, cancel_requested_by = ?6 \
                         WHERE execution_id = ?1",
                        params![
                            execution_id,
                            queued_outcome.encode_to_vec(),
                            millis(now),
                            cancel.mode,
                            cancel.reason,
                            requested_by
                        ],
                    )?;
                    Ok(Cancelled::WhileQueued)
                }
                Some(_) => {
                    // The first request's mode and reason stand (a forced one overrides a
                    // graceful one); a deadline only ever moves earlier.
                    tx.execute(
                        "UPDATE executions SET \
                         cancel_mode = MAX(COALESCE(cancel_mode, 0), ?2), \
                         cancel_reason = COALESCE(cancel_reason, ?3), \
                         cancel_requested_by = COALESCE(cancel_requested_by, ?4), \
                         force_deadline_ms = CASE \
                           WHEN ?5 IS NULL THEN force_deadline_ms \
                           WHEN force_deadline_ms IS NULL THEN ?5 \
                           ELSE MIN(force_deadline_ms, ?5) END \
                         WHERE execution_id = ?1",
                        params![
                            execution_id,
                            cancel.mode,
                            cancel.reason,
                            requested_by,
                            deadline
                        ],
                    )?;
                    let (task_id, worker_id) = tx.query_row(
                        "SELECT task_id, worker_id FROM task_attempts \
                         WHERE execution_id = ?1 AND end_ms IS NULL",
                        params![execution_id],
                        |row| Ok((row.get(0)?, row.get(1)?)),
                    )?;
                    Ok(Cancelled::WhileRunning { task_id, worker_id })
                }
            }
        })
        .await
    }

    async fn overdue(&self, now: SystemTime, limit: usize) -> StoreResult<Vec<Overdue>> {
        self.with_conn(move |conn| {
            let now_ms = millis(now);
            let limit = limit as i64;
            let mut overdue = Vec::new();
            let mut forced = conn.prepare_cached(
                "SELECT a.task_id FROM executions e \
                 JOIN task_attempts a ON a.execution_id = e.execution_id AND a.end_ms IS NULL \
                 WHERE e.state = 'running' AND e.force_deadline_ms <= ?1 LIMIT ?2",
            )?;
            for task_id in forced.query_map(params![now_ms, limit], |row| row.get(0))? {
                overdue.push(Overdue::Forced { task_id: task_id? });
            }
            // Which deadline passed: the heartbeat's when it came first; the attempt's deadline
            // is schedule-to-close when it is the execution's, else start-to-close.
            let mut attempts = conn.prepare_cached(
                "SELECT a.task_id, CASE \
                   WHEN a.heartbeat_deadline_ms <= ?1 \
                        AND (a.deadline_ms IS NULL OR a.heartbeat_deadline_ms <= a.deadline_ms) \
                     THEN 3 \
                   WHEN a.deadline_ms = e.schedule_deadline_ms THEN 2 \
                   ELSE 1 END \
                 FROM task_attempts a JOIN executions e USING (execution_id) \
                 WHERE a.end_ms IS NULL AND (a.deadline_ms <= ?1 OR a.heartbeat_deadline_ms <= ?1) \
                 LIMIT ?2",
            )?;
            for row in attempts.query_map(params![now_ms, limit], |row| {
                Ok(Overdue::Attempt {
                    task_id: row.get(0)?,
                    kind: row.get(1)?,
                })
            })? {
                let row = row?;
                let forced_already = matches!(&row, Overdue::Attempt { task_id, .. }
                    if overdue.iter().any(|o| matches!(o, Overdue::Forced { task_id: f } if f == task_id)));
                if !forced_already {
                    overdue.push(row);
                }
            }
            let mut queued = conn.prepare_cached(
                "SELECT execution_id FROM executions \
                 WHERE state = 'queued' AND schedule_deadline_ms <= ?1 LIMIT ?2",
            )?;
            for execution_id in queued.query_map(params![now_ms, limit], |row| row.get(0))? {
                overdue.push(Overdue::Queued {
                    execution_id: execution_id?,
                });
            }
            Ok(overdue)
        })
        .await
    }

    async fn expire_queued(
        &self,
        execution_id: &str,
        outcome: Outcome,
        now: SystemTime,
    ) -> StoreResult<bool> {
        let execution_id = execution_id.to_owned();
        self.in_write_tx(move |tx| {
            let changed = tx.execute(
                "UPDATE executions SET state = 'done', outcome = ?2, end_ms = ?3 \
                 WHERE execution_id = ?1 AND state = 'queued'",
                params![execution_id, outcome.encode_to_vec(), millis(now)],
            )?;
            Ok(changed == 1)
        })
        .await
    }

    async fn next_due(&self, now: SystemTime) -> StoreResult<Option<SystemTime>> {
        self.with_conn(move |conn| {
            let due: Option<i64> = conn.query_row(
                "SELECT MIN(due_ms) FROM executions WHERE state = 'queued' AND due_ms > ?1",
                params![millis(now)],
                |row| row.get(0),
            )?;
            Ok(due.map(time_of))
        })
        .await
    }

    async fn execution(&self, execution_id: &str) -> StoreResult<Option<ExecutionStatus>> {
        let execution_id = execution_id.to_owned();
        self.with_conn(move |conn| {
            let row = conn
                .query_row(
                    "SELECT state, attempts, outcome FROM executions WHERE execution_id = ?1",
                    params![execution_id],
                    |row| {
                        Ok((
                            row.get::<_, String>(0)?,
                            row.get::<_, u32>(1)?,
                            row.get::<_, Option<Vec<u8>>>(2)?,
                        ))
                    },
                )
                .optional()?;
            row.map(|(state, attempts, outcome)| {
                Ok(ExecutionStatus {
                    execution_id: execution_id.clone(),
                    state,
                    attempts,
                    outcome: outcome
                        .map(|b| decode::<Outcome>("outcome", &b))
                        .transpose()?,
                })
            })
            .transpose()
        })
        .await
    }
}
