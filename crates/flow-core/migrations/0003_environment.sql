-- Schema version 3: EnvironmentService images and the instances started from them.
-- Times are Unix milliseconds by core's clock.

-- One row per image name: the digest registered last.
CREATE TABLE environment_images (
    name TEXT PRIMARY KEY,
    digest TEXT NOT NULL,
    -- The flow.durable.v1.Image in protobuf, register_time included.
    image BLOB NOT NULL
) STRICT;

CREATE TABLE environment_instances (
    instance_id TEXT PRIMARY KEY,
    image_name TEXT NOT NULL,
    -- A flow.durable.v1.InstanceStage value.
    stage INTEGER NOT NULL,
    create_ms INTEGER NOT NULL,
    -- The process id while core supervises the process (it leads its own process group);
    -- NULL before it is spawned and after it exited.
    pid INTEGER,
    -- The flow.durable.v1.EnvironmentInstance in protobuf, as last written.
    instance BLOB NOT NULL
) STRICT;

-- ListInstances order: newest first.
CREATE INDEX environment_instances_newest ON environment_instances (create_ms DESC, instance_id DESC);

-- Labels again, one row each, so that ListInstances can filter on them.
CREATE TABLE environment_instance_labels (
    instance_id TEXT NOT NULL REFERENCES environment_instances (instance_id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (instance_id, key)
) STRICT;
