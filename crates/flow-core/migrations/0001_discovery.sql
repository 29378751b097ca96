-- Schema version 1: DiscoveryService registrations and their leases.
-- Times are Unix milliseconds by core's clock.

CREATE TABLE registrations (
    instance_id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    -- The lease's secret id; one lease per registration.
    lease_id TEXT NOT NULL UNIQUE,
    -- What the service registered: a flow.discovery.v1.RegisterServiceRequest in protobuf,
    -- without lease_ttl (the granted TTL is in the columns below).
    request BLOB NOT NULL,
    ttl_ms INTEGER NOT NULL,
    register_ms INTEGER NOT NULL,
    renew_ms INTEGER NOT NULL,
    expire_ms INTEGER NOT NULL
) STRICT;

-- ListServices pages in (name, instance_id) order and sweeps by expiry.
CREATE INDEX registrations_by_name ON registrations (name, instance_id);
CREATE INDEX registrations_by_expiry ON registrations (expire_ms);

-- The roles of each registration, for ListServices' role filter.
CREATE TABLE registration_roles (
    instance_id TEXT NOT NULL REFERENCES registrations (instance_id) ON DELETE CASCADE,
    role INTEGER NOT NULL,
    PRIMARY KEY (instance_id, role)
) STRICT, WITHOUT ROWID;
