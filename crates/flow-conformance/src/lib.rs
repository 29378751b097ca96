//! # flow-conformance
//!
//! Plays Flow core against any Flow service endpoint and checks the service against the contract
//! (`proto/flow/**/v1/*.proto`): the `RuntimeService` lifecycle, `grpc.health.v1`, gRPC server
//! reflection, `Discover` and the `Read` (source), `Process` (processor) and `Write` (consumer)
//! stream protocols, and the worker task protocol (`flow.execution.v1`).
//!
//! [`run`] returns a [`Report`] with one [`Check`] per rule; the `flow-conformance` binary prints
//! it. Every call carries a deadline, so a hung service is a FAIL, never a hang of the kit.
//!
//! Like core, the kit handshakes on its connection before any RPC that depends on the protocol
//! (the reference services answer `FAILED_PRECONDITION` otherwise), and keeps that one channel
//! (one HTTP/2 connection) for every check.
//!
//! Configuration: `--config` when given; otherwise the kit fills the schema's required properties
//! from `default`, `const` or the first `enum` value, and a required string property named
//! `path` with a file path inside a temporary directory it creates and removes (see
//! [`config::PATH_PROPERTY`]). When a required property cannot be filled, the checks that need a
//! configuration are SKIPped with a message naming it.
//!
//! ## Workers
//!
//! A worker serves only the runtime service, health and reflection on its endpoint (checked like
//! any service's), and dials core's `flow.execution.v1.ExecutionService` for its tasks. So for
//! workers the kit also plays that service: with `--core-listen ADDR` ([`WorkerOptions`]) it
//! serves a stand-in ([`KitCore`]) on `ADDR` from the very start of the run, before any other
//! check; start the worker configured to dial `ADDR` (before or right after the kit). Its
//! `StreamTasks` stream is held open, silent, until the worker checks ([`worker::IDS`]) begin:
//!
//! - `worker.stream_tasks`: the worker opens `StreamTasks` with a `worker_id` and its handlers.
//! - `worker.task.complete`: a task with `--task-input` (default `{}`, sent as a `json/plain`
//!   payload) to `--task-handler` (default: the first handler the worker lists) gets exactly one
//!   `CompleteTask` with a success, failure or retry_after outcome.
//! - `worker.handler_not_found`: a task for `flow-conformance.no-such-handler` completes with
//!   `handler_not_found` naming it and listing the available handlers.
//! - `worker.complete.retry`: a `CompleteTask` answered `UNAVAILABLE` is retried with the same
//!   outcome.
//! - `worker.heartbeat`: a task with a 1 s `heartbeat_timeout` heartbeats at least that often.
//! - `worker.cancel.graceful`, `worker.cancel.heartbeat`: a `CancelTask` on the stream, and
//!   `cancel_requested` in a heartbeat answer, each end the task with a `cancelled` outcome.
//! - `worker.cancel.force`, `worker.deadline`: at a force deadline and at the task deadline the
//!   worker stops heartbeating, and does not retry a late completion answered `accepted = false`
//!   (`TERMINATED`, `TIMED_OUT`).
//! - `worker.reconnect`: after the kit ends the stream with `UNAVAILABLE` the worker opens a new
//!   one with the same `worker_id`, its running task heartbeating throughout and cancellable
//!   through the new stream.
//! - `worker.concurrency`: up to four tasks (at most `max_concurrent`) heartbeat at once.
//! - `worker.ping_timeout`: after a `Ping` with a 500 ms interval and silence the worker drops the
//!   stream and opens a new one.
//!
//! The heartbeat, cancellation, deadline, reconnect and concurrency checks need a task that
//! runs for at least ~30 s unless cancelled: `--long-task-input` (same handler); they are SKIPped
//! without it, and every worker check is SKIPped without `--core-listen`. Each check's task is
//! ended (cancelled if need be) before the next, and the kit answers heartbeats and completions
//! as core does: an unknown task token is `INVALID_ARGUMENT` (and fails the running check), a
//! completion after the task's deadline or force deadline is `accepted = false`. Against a
//! conforming worker the section takes about 15 s.
//!
//! ## Cores
//!
//! `flow-conformance --core URL` ([`core_kit::run`] with [`core_kit::CoreOptions`]) checks a
//! *core* instead of a service (`--core` and `--endpoint` are mutually exclusive; the report, its
//! `--json` form and the exit codes are the same). The kit plays core's callers and checks the
//! rules of the three services core serves to them ([`core_kit::IDS`]):
//!
//! - `core.discovery.*` (`DiscoveryService`): a registration is listed with its endpoint;
//!   registering the same instance again replaces it (one entry, a new lease, the old lease gone);
//!   `RenewLease` moves the expiry; a lease asked for 1 s and never renewed leaves the list within
//!   its `granted_ttl` plus 1.5 s and then renews `NOT_FOUND` (SKIPped when that would take longer
//!   than `--timeout`); `DeregisterService` removes at once and is idempotent; an unknown lease
//!   renews `NOT_FOUND`; a registration without service, name, instance id or endpoint, a
//!   negative TTL and an empty lease id are `INVALID_ARGUMENT`.
//! - `core.durable.*` (`DurableService`): registering again resumes with the last checkpoint and
//!   the first input; a save on a stale `expected_seq` is a conflict naming the latest seq and
//!   writes nothing; a signal retried with its idempotency key is a duplicate with the same seq,
//!   stored once; an empty `PollSignals` with `wait` 1 s returns after about 1 s; a signal sent
//!   during a long poll ends it within 1 s; `CompleteInstance` is accepted once
//!   (`ALREADY_COMPLETED` after); no instance id or handler is `INVALID_ARGUMENT`.
//! - `core.execution.*` (`ExecutionService`): a task reaches the stream whose handlers match (and
//!   not another stream); a repeated `CompleteTask` is `accepted = false`, `ALREADY_COMPLETED`; a
//!   worker whose stream goes away and stops heartbeating has its task re-offered to another
//!   worker, attempt 2 with a new task id, no sooner than the 1 s heartbeat timeout;
//!   `CancelExecution` reaches the worker as a `cancel_task` or `cancel_requested`. An execution a
//!   failed check leaves behind is cancelled (forced).
//!
//! Work enters a core's task queue outside the contract, so the execution checks need an
//! [`core_kit::Enqueue`]: on the command line `--enqueue CMD` ([`core_kit::CommandEnqueue`]), a
//! command split into words as a shell would, to which the kit appends `--handler H
//! --execution-id ID --heartbeat-timeout 1s --start-to-close 30s` and which must print the
//! execution id (for flow-core: `--enqueue "flow-core tasks enqueue --data DIR"`); in the library
//! any closure ([`core_kit::EnqueueFn`]). Without one they are SKIPped. Every instance id, handler
//! and execution id carries a suffix unique to the run, so the kit can run against a core twice.
//! Against a conforming core the run takes about 8 s (the lease expiry, the long polls and the
//! re-offer wait).

pub mod config;
pub mod consumer_stream;
pub mod core_kit;
pub mod health_reflection;
pub mod processor_stream;
pub mod report;
pub mod rpc;
pub mod runtime;
pub mod source_stream;
pub mod stream;
pub mod stream_check;
pub mod worker;

use std::time::Duration;

use flow_proto::common::v1::Role;
use flow_proto::runtime::v1::ComponentSchema;
use serde_json::Value as Json;

pub use report::{Check, Outcome, Report};
pub use worker::{KitCore, WorkerOptions};

/// What to check and how.
#[derive(Clone, Debug)]
pub struct Options {
    /// The service's gRPC endpoint (`http://127.0.0.1:50051`).
    pub endpoint: String,
    /// The role to check; `None` checks every role `GetServiceInfo` lists.
    pub role: Option<Role>,
    /// The component to run; `None` picks the first `GetSchema` component of the role.
    pub component: Option<String>,
    /// The component configuration; `None` derives one from the schema (see the crate docs).
    pub config: Option<Json>,
    /// The deadline of every call, and of each stream scenario as a whole.
    pub timeout: Duration,
    /// TLS for an `https` endpoint; `None` for plaintext `http`.
    pub tls: Option<rpc::Tls>,
    /// How to drive a worker: where the kit serves core's `ExecutionService`, and the tasks.
    pub worker: WorkerOptions,
}

impl Options {
    /// Options for `endpoint` with the defaults: every role, derived config, 10s deadlines.
    pub fn new(endpoint: impl Into<String>) -> Self {
        Self {
            endpoint: endpoint.into(),
            role: None,
            component: None,
            config: None,
            timeout: Duration::from_secs(10),
            tls: None,
            worker: WorkerOptions::default(),
        }
    }
}

/// The gRPC service a role's component is driven through.
pub fn role_service(role: Role) -> Option<&'static str> {
    match role {
        Role::Processor => Some("flow.processor.v1.ProcessorService"),
        Role::Consumer => Some("flow.consumer.v1.ConsumerService"),
        Role::Source => Some("flow.source.v1.SourceService"),
        // Workers dial core's ExecutionService; they serve only the runtime service.
        Role::Worker | Role::Unspecified => None,
    }
}

/// Parses a role name as the command line spells it (`processor`, `consumer`, `source`,
/// `worker`).
pub fn parse_role(s: &str) -> Result<Role, String> {
    match s {
        "processor" => Ok(Role::Processor),
        "consumer" => Ok(Role::Consumer),
        "source" => Ok(Role::Source),
        "worker" => Ok(Role::Worker),
        other => Err(format!(
            "unknown role {other:?}: expected processor, consumer, source or worker"
        )),
    }
}

fn role_name(role: Role) -> &'static str {
    match role {
        Role::Processor => "processor",
        Role::Consumer => "consumer",
        Role::Source => "source",
        Role::Worker => "worker",
        Role::Unspecified => "unspecified",
    }
}

/// The component and configuration a role is exercised with.
pub struct Target {
    /// The component from `GetSchema`.
    pub component: ComponentSchema,
    /// `None` when the kit could not build a configuration; the detail says why.
    pub config: Result<Json, String>,
    /// The generation `Configure` applied (0 when not configured), named in stream starts.
    pub generation: u64,
    /// The `config_id` the kit configured, unique per run so it cannot disturb other users.
    pub config_id: String,
}

/// Runs every check against `opts.endpoint`. With `opts.worker.core_listen`, first starts serving
/// the kit's `ExecutionService` there (before any other check, since a worker dials it at
/// start-up).
pub async fn run(opts: &Options) -> Report {
    let core = match &opts.worker.core_listen {
        None => None,
        Some(addr) => Some(
            KitCore::bind(addr)
                .await
                .map_err(|e| format!("cannot serve ExecutionService on {addr}: {e}")),
        ),
    };
    run_checks(opts, core).await
}

/// Like [`run`], with the kit's `ExecutionService` already listening (so a test can start the
/// worker with [`KitCore::local_addr`] before the run); `opts.worker.core_listen` is ignored.
pub async fn run_with_core(opts: &Options, core: KitCore) -> Report {
    run_checks(opts, Some(Ok(core))).await
}

async fn run_checks(opts: &Options, mut core: Option<Result<KitCore, String>>) -> Report {
    let mut report = Report::default();
    let scratch = config::ScratchDir::new();
    let connected =
        rpc::Ctx::connect_checked("connect", &opts.endpoint, opts.timeout, opts.tls.as_ref());
    let (check, ctx) = connected.await;
    report.checks.push(check);
    let Some(ctx) = ctx else {
        return report;
    };

    let (check, info_roles) = runtime::service_info(&ctx).await;
    report.checks.push(check);
    let roles: Vec<Role> = match opts.role {
        Some(r) => vec![r],
        None => info_roles,
    };

    report.checks.extend(runtime::handshakes(&ctx).await);
    report
        .checks
        .extend(health_reflection::checks(&ctx, &roles).await);

    let (checks, schema) = runtime::schema(&ctx, &roles).await;
    report.checks.extend(checks);

    // One target per role; the lifecycle checks run on the first (the component core would
    // configure first).
    let mut targets = Vec::new();
    for &role in &roles {
        let Some(schema) = &schema else { break };
        let component = match &opts.component {
            Some(name) => schema.components.iter().find(|c| &c.name == name),
            None => schema.components.iter().find(|c| c.role == role as i32),
        };
        let Some(component) = component.cloned() else {
            targets.push((role, None));
            continue;
        };
        let cfg = match (&opts.config, &scratch) {
            (Some(c), _) => Ok(c.clone()),
            (None, Ok(dir)) => {
                let schema_json = component
                    .config_schema
                    .as_ref()
                    .map(config::from_struct)
                    .unwrap_or_default();
                config::derive_config(&schema_json, dir.path())
            }
            (None, Err(e)) => Err(format!(
                "cannot create a temporary directory for the config: {e}"
            )),
        };
        // Checked once here, so that every check sending it (the stream starts too) has a
        // configuration that converts, or skips with this reason.
        let cfg = cfg.and_then(|c| match config::to_struct(&c) {
            Ok(_) => Ok(c),
            Err(e) => Err(format!("the configuration {c} cannot be sent: {e}")),
        });
        let config_id = format!(
            "flow-conformance-{}-{}",
            std::process::id(),
            role_name(role)
        );
        targets.push((
            role,
            Some(Target {
                component,
                config: cfg,
                generation: 0,
                config_id,
            }),
        ));
    }

    if let Some((_, Some(first))) = targets.first_mut() {
        report
            .checks
            .extend(runtime::validate_config(&ctx, first).await);
        report.checks.extend(runtime::configure(&ctx, first).await);
    } else {
        for id in runtime::CONFIG_CHECKS {
            report.checks.push(Check::skip(
                id,
                "no component to configure (see runtime.schema)",
            ));
        }
    }

    for (role, target) in &targets {
        let name = role_name(*role);
        // Workers are driven through the kit's ExecutionService, not their component.
        if *role == Role::Worker && target.is_some() {
            continue;
        }
        let Some(target) = target else {
            report.checks.push(Check::fail(
                &format!("{name}.component"),
                format!("GetSchema lists no component of role {name}, though the service plays it"),
            ));
            continue;
        };
        match role {
            Role::Processor => report
                .checks
                .extend(processor_stream::checks(&ctx, target).await),
            Role::Consumer => report
                .checks
                .extend(consumer_stream::checks(&ctx, target).await),
            Role::Source => report
                .checks
                .extend(source_stream::checks(&ctx, target).await),
            _ => report.checks.push(Check::skip(
                &format!("{name}.stream"),
                format!("{name} stream checks are not implemented in this kit version"),
            )),
        }
    }
    if roles.contains(&Role::Worker) {
        let checks = match core.as_mut() {
            None => worker::skipped(
                "pass --core-listen ADDR (where the kit serves flow.execution.v1.ExecutionService) and configure the worker to dial it",
            ),
            Some(Err(e)) => worker::unavailable(e),
            Some(Ok(core)) => worker::checks(core, &opts.worker, opts.timeout).await,
        };
        report.checks.extend(checks);
    }
    report
}
