-- Schema version 4: ExecutionService's task queue. An execution is one unit of work across all
-- its attempts; each attempt, once dispatched to a worker, is a task with its own id and token.
-- Times are Unix milliseconds by core's clock.

CREATE TABLE executions (
    execution_id TEXT PRIMARY KEY,
    queue TEXT NOT NULL,
    handler TEXT NOT NULL,
    -- A flow.execution.v1.Task in protobuf holding what every attempt carries (handler, input,
    -- headers, retry policy, heartbeat timeout, trace, job and step ids); the per-attempt fields
    -- are filled in at dispatch.
    template BLOB NOT NULL,
    -- Per attempt; NULL: none.
    start_to_close_ms INTEGER,
    -- create_ms + schedule-to-close; NULL: none.
    schedule_deadline_ms INTEGER,
    -- 'queued' (waiting for due_ms and a worker), 'running' (one attempt open), 'done'.
    state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done')),
    -- Attempts dispatched, and those that count against RetryPolicy.maximum_attempts.
    attempts INTEGER NOT NULL DEFAULT 0,
    counted_attempts INTEGER NOT NULL DEFAULT 0,
    -- While queued: not dispatched before this time.
    due_ms INTEGER NOT NULL,
    -- After HandlerNotFound: the next attempt goes to another worker.
    avoid_worker TEXT,
    -- The latest heartbeat details (a flow.common.v1.Payload in protobuf) of any attempt.
    last_heartbeat BLOB,
    -- Cancellation, once asked: flow.common.v1.CancellationMode, reason, requester, and when a
    -- running attempt is terminated (NULL: never, for a graceful cancel without escalation).
    cancel_mode INTEGER,
    cancel_reason TEXT,
    cancel_requested_by TEXT,
    force_deadline_ms INTEGER,
    -- The final flow.common.v1.Outcome in protobuf once done.
    outcome BLOB,
    create_ms INTEGER NOT NULL,
    end_ms INTEGER
) STRICT;

-- What a worker can take: queued executions by due time (filtered by queue and handler).
CREATE INDEX executions_ready ON executions (due_ms) WHERE state = 'queued';
-- What the sweeper watches: queued work past its schedule-to-close deadline, forced cancels.
CREATE INDEX executions_scheduled ON executions (schedule_deadline_ms) WHERE state = 'queued';
CREATE INDEX executions_forced ON executions (force_deadline_ms) WHERE state = 'running';

CREATE TABLE task_attempts (
    task_id TEXT PRIMARY KEY,
    execution_id TEXT NOT NULL REFERENCES executions (execution_id) ON DELETE CASCADE,
    attempt INTEGER NOT NULL,
    worker_id TEXT NOT NULL,
    -- When the execution was queued for this attempt, and when the attempt was dispatched.
    enqueue_ms INTEGER NOT NULL,
    dispatch_ms INTEGER NOT NULL,
    -- Start-to-close or schedule-to-close, whichever comes first; NULL: none.
    deadline_ms INTEGER,
    heartbeat_timeout_ms INTEGER,
    -- dispatch or last heartbeat + heartbeat timeout; NULL: no heartbeats required.
    heartbeat_deadline_ms INTEGER,
    -- Set once the attempt ended: when, why (COMPLETED, TIMED_OUT, TERMINATED) and how.
    end_ms INTEGER,
    end_reason TEXT,
    outcome BLOB
) STRICT;

CREATE INDEX task_attempts_open_by_worker ON task_attempts (worker_id) WHERE end_ms IS NULL;
CREATE INDEX task_attempts_open_by_execution ON task_attempts (execution_id) WHERE end_ms IS NULL;
CREATE INDEX task_attempts_deadline ON task_attempts (deadline_ms) WHERE end_ms IS NULL;
CREATE INDEX task_attempts_heartbeat ON task_attempts (heartbeat_deadline_ms) WHERE end_ms IS NULL;
