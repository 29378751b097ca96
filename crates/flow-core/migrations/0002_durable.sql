-- Schema version 2: DurableService instances, their latest checkpoint and their signal log.
-- Times are Unix milliseconds by core's clock.

CREATE TABLE durable_instances (
    instance_id TEXT PRIMARY KEY,
    -- The key of the first RegisterInstance; '' when none was given.
    idempotency_key TEXT NOT NULL,
    handler TEXT NOT NULL,
    -- The first flow.durable.v1.RegisterInstanceRequest in protobuf (input, trace, labels).
    request BLOB NOT NULL,
    incarnation INTEGER NOT NULL,
    create_ms INTEGER NOT NULL,
    -- The latest checkpoint: seq 0 and no state before the first save.
    checkpoint_seq INTEGER NOT NULL DEFAULT 0,
    -- A flow.common.v1.Payload in protobuf; NULL before the first save.
    checkpoint_state BLOB,
    checkpoint_ms INTEGER,
    -- The last signal consumed, saved with the checkpoint.
    signal_cursor INTEGER NOT NULL DEFAULT 0,
    -- The seq of the newest signal in the log (0: none yet).
    last_signal_seq INTEGER NOT NULL DEFAULT 0,
    -- A flow.common.v1.Outcome in protobuf once complete; NULL while running.
    outcome BLOB,
    complete_ms INTEGER
) STRICT;

-- Each instance's signals, in order.
CREATE TABLE durable_signals (
    instance_id TEXT NOT NULL REFERENCES durable_instances (instance_id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    idempotency_key TEXT NOT NULL,
    -- A flow.durable.v1.Signal in protobuf.
    signal BLOB NOT NULL,
    PRIMARY KEY (instance_id, seq)
) STRICT, WITHOUT ROWID;

-- A signal's idempotency key is stored once per instance.
CREATE UNIQUE INDEX durable_signals_by_key ON durable_signals (instance_id, idempotency_key)
    WHERE idempotency_key <> '';
