//! # flow-conformance
//!
//! Plays Flow core against any Flow service endpoint and checks the service against the contract
//! (`proto/flow/**/v1/*.proto`): the `RuntimeService` lifecycle, `grpc.health.v1`, gRPC server
//! reflection, `Discover` and the `Read` (source), `Process` (processor) and `Write` (consumer)
//! stream protocols.
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

pub mod config;
pub mod consumer_stream;
pub mod health_reflection;
pub mod processor_stream;
pub mod report;
pub mod rpc;
pub mod runtime;
pub mod source_stream;
pub mod stream;

use std::time::Duration;

use flow_proto::common::v1::Role;
use flow_proto::runtime::v1::ComponentSchema;
use serde_json::Value as Json;

pub use report::{Check, Outcome, Report};

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

/// Runs every check against `opts.endpoint`.
pub async fn run(opts: &Options) -> Report {
    let mut report = Report::default();
    let scratch = config::ScratchDir::new();
    let ctx = match rpc::Ctx::connect(&opts.endpoint, opts.timeout, opts.tls.as_ref()).await {
        Ok(ctx) => {
            report.checks.push(Check::pass(
                "connect",
                format!("connected to {}", opts.endpoint),
            ));
            ctx
        }
        Err(e) => {
            report.checks.push(Check::fail(
                "connect",
                format!("cannot connect to {}: {e}", opts.endpoint),
            ));
            return report;
        }
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
    report
}
