//! `flow.runtime.v1.RuntimeService` checks: service info, handshake negotiation, schema and
//! descriptors, config validation and idempotent `Configure`, each rule as runtime.proto states
//! it.

use flow_proto::common::v1::{Capability, Diagnostic, Role, Severity};
use flow_proto::runtime::v1::handshake_response::Negotiation;
use flow_proto::runtime::v1::runtime_service_client::RuntimeServiceClient;
use flow_proto::runtime::v1::{
    ConfigureRequest, GetSchemaRequest, GetSchemaResponse, GetServiceInfoRequest, HandshakeRequest,
    ProtocolVersion, ValidateConfigRequest, ValidateConfigResponse,
};
use prost::Message;
use tonic::transport::Channel;

use crate::rpc::{CallError, Ctx};
use crate::{Check, Target, config, role_service};

/// A capability no service can know: a service that lists it echoes core's list instead of
/// stating its own.
pub const MADE_UP_CAPABILITY: &str = "flow.conformance.made_up_capability.v1";

/// The ids of the checks that need a component and its configuration.
pub const CONFIG_CHECKS: [&str; 4] = [
    "runtime.validate_config.invalid",
    "runtime.validate_config.valid",
    "runtime.configure.idempotent",
    "runtime.configure.stale_generation",
];

fn client(ctx: &Ctx) -> RuntimeServiceClient<Channel> {
    RuntimeServiceClient::new(ctx.channel.clone())
}

fn core_version() -> String {
    format!("flow-conformance {}", env!("CARGO_PKG_VERSION"))
}

fn v(major: u32, minor: u32) -> ProtocolVersion {
    ProtocolVersion { major, minor }
}

fn show(v: &ProtocolVersion) -> String {
    format!("{}.{}", v.major, v.minor)
}

/// True for diagnostics that make a request fail (UNSPECIFIED counts as ERROR).
pub fn is_error(d: &Diagnostic) -> bool {
    matches!(
        Severity::try_from(d.severity),
        Ok(Severity::Error | Severity::Unspecified) | Err(_)
    )
}

/// `GetServiceInfo` has a name, version, language and at least one role. Returns the roles.
pub async fn service_info(ctx: &Ctx) -> (Check, Vec<Role>) {
    const ID: &str = "runtime.service_info";
    let info = match ctx
        .call(client(ctx).get_service_info(ctx.request(GetServiceInfoRequest {})))
        .await
    {
        Ok(resp) => resp.info,
        Err(e) => return (Check::fail(ID, format!("GetServiceInfo: {e}")), Vec::new()),
    };
    let Some(info) = info else {
        return (
            Check::fail(ID, "GetServiceInfoResponse.info is unset"),
            Vec::new(),
        );
    };
    let roles: Vec<Role> = info
        .roles
        .iter()
        .filter_map(|r| Role::try_from(*r).ok())
        .filter(|r| *r != Role::Unspecified)
        .collect();
    let mut problems = Vec::new();
    for (field, value) in [
        ("name", &info.name),
        ("version", &info.version),
        ("language", &info.language),
    ] {
        if value.is_empty() {
            problems.push(format!("ServiceInfo.{field} is empty"));
        }
    }
    if roles.is_empty() {
        problems.push(format!(
            "ServiceInfo.roles has no known role (got {:?})",
            info.roles
        ));
    }
    let ok = format!(
        "{} {} ({}), roles {:?}",
        info.name, info.version, info.language, roles
    );
    (Check::from_problems(ID, ok, &problems), roles)
}

/// The handshake rules: an unsupported-only offer gets a `Failure` in the body, a supported one
/// selects the highest common version, and the service does not claim capabilities it cannot
/// know. Runs the failing handshake first and ends with a successful one, since each handshake
/// replaces the previous agreement.
pub async fn handshakes(ctx: &Ctx) -> Vec<Check> {
    let mut checks = Vec::new();
    checks.push(unsupported_version(ctx).await);
    checks.extend(supported_version(ctx).await);
    checks
}

async fn unsupported_version(ctx: &Ctx) -> Check {
    const ID: &str = "runtime.handshake.unsupported_version";
    let req = HandshakeRequest {
        supported_versions: vec![v(99, 0)],
        core_version: core_version(),
        core_instance_id: "flow-conformance".into(),
        ..Default::default()
    };
    let resp = match ctx.call(client(ctx).handshake(ctx.request(req))).await {
        Ok(resp) => resp,
        Err(e) => {
            return Check::fail(
                ID,
                format!("offering only 99.0 must return a Failure in the body, got {e}"),
            );
        }
    };
    match resp.negotiation {
        Some(Negotiation::Failure(f)) => {
            let mut problems = Vec::new();
            if !f.non_retryable {
                problems.push("Failure.non_retryable is false".to_owned());
            }
            if f.r#type != "protocol.version_unsupported" {
                problems.push(format!(
                    "Failure.type is {:?}, not \"protocol.version_unsupported\"",
                    f.r#type
                ));
            }
            Check::from_problems(
                ID,
                format!("Failure {:?}: {}", f.r#type, f.message),
                &problems,
            )
        }
        Some(Negotiation::SelectedVersion(sel)) => Check::fail(
            ID,
            format!("offering only 99.0 selected version {}", show(&sel)),
        ),
        None => Check::fail(
            ID,
            "offering only 99.0: neither selected_version nor failure is set",
        ),
    }
}

async fn supported_version(ctx: &Ctx) -> Vec<Check> {
    const VERSION: &str = "runtime.handshake.supported";
    const CAPS: &str = "runtime.handshake.capabilities";
    // Unsorted on purpose: the service must pick the highest common version, not the first.
    let offered = vec![v(1, 2), v(1, 0), v(1, 3), v(1, 1)];
    let req = HandshakeRequest {
        supported_versions: offered.clone(),
        core_version: core_version(),
        client_capabilities: vec![Capability {
            name: MADE_UP_CAPABILITY.into(),
            params: Default::default(),
        }],
        core_instance_id: "flow-conformance".into(),
    };
    let resp = match ctx.call(client(ctx).handshake(ctx.request(req))).await {
        Ok(resp) => resp,
        Err(e) => {
            return vec![
                Check::fail(VERSION, format!("Handshake offering 1.0-1.3: {e}")),
                Check::skip(CAPS, "no handshake response"),
            ];
        }
    };
    let server: Vec<String> = resp.server_supported_versions.iter().map(show).collect();
    let expected = offered
        .iter()
        .filter(|o| resp.server_supported_versions.contains(o))
        .max_by_key(|o| (o.major, o.minor));
    let version = match (&resp.negotiation, expected) {
        (Some(Negotiation::SelectedVersion(sel)), Some(exp)) if sel == exp => Check::pass(
            VERSION,
            format!(
                "selected {} (service speaks {})",
                show(sel),
                server.join(", ")
            ),
        ),
        (Some(Negotiation::SelectedVersion(sel)), Some(exp)) => Check::fail(
            VERSION,
            format!(
                "selected {}, but the highest common version is {}",
                show(sel),
                show(exp)
            ),
        ),
        (Some(Negotiation::SelectedVersion(sel)), None) => Check::fail(
            VERSION,
            format!(
                "selected {} which is not in both lists (offered 1.0-1.3, service lists [{}])",
                show(sel),
                server.join(", ")
            ),
        ),
        (Some(Negotiation::Failure(f)), _) => Check::fail(
            VERSION,
            format!(
                "offering 1.0-1.3 failed: {} ({}); service lists [{}]",
                f.message,
                f.r#type,
                server.join(", ")
            ),
        ),
        (None, _) => Check::fail(VERSION, "neither selected_version nor failure is set"),
    };
    let mut problems = Vec::new();
    if resp
        .server_capabilities
        .iter()
        .any(|c| c.name == MADE_UP_CAPABILITY)
    {
        problems.push(format!(
            "server_capabilities lists {MADE_UP_CAPABILITY}, a capability only core sent: the service must list its own features, not echo core's"
        ));
    }
    if resp.server_capabilities.iter().any(|c| c.name.is_empty()) {
        problems.push("a server capability has an empty name".to_owned());
    }
    let names: Vec<&str> = resp
        .server_capabilities
        .iter()
        .map(|c| c.name.as_str())
        .collect();
    let caps = Check::from_problems(
        CAPS,
        format!("service lists [{}]", names.join(", ")),
        &problems,
    );
    vec![version, caps]
}

/// `GetSchema`: components with names, roles and config schemas; a descriptor set that decodes,
/// holds the services of the checked roles and every file's dependencies.
pub async fn schema(ctx: &Ctx, roles: &[Role]) -> (Vec<Check>, Option<GetSchemaResponse>) {
    const ID: &str = "runtime.schema";
    const FDS: &str = "runtime.schema.descriptors";
    let resp = match ctx
        .call(client(ctx).get_schema(ctx.request(GetSchemaRequest::default())))
        .await
    {
        Ok(resp) => resp,
        Err(e) => {
            return (
                vec![
                    Check::fail(ID, format!("GetSchema: {e}")),
                    Check::skip(FDS, "no GetSchema response"),
                ],
                None,
            );
        }
    };
    let mut problems = Vec::new();
    if resp.components.is_empty() {
        problems.push("no components".to_owned());
    }
    for c in &resp.components {
        if c.name.is_empty() {
            problems.push("a component has an empty name".to_owned());
        }
        if matches!(Role::try_from(c.role), Ok(Role::Unspecified) | Err(_)) {
            problems.push(format!("component {:?} has no known role", c.name));
        }
        if c.config_schema.is_none() {
            problems.push(format!("component {:?} has no config_schema", c.name));
        }
    }
    let names: Vec<&str> = resp.components.iter().map(|c| c.name.as_str()).collect();
    let schema = Check::from_problems(ID, format!("components [{}]", names.join(", ")), &problems);
    (
        vec![schema, descriptors(&resp.file_descriptor_set, roles)],
        Some(resp),
    )
}

fn descriptors(bytes: &[u8], roles: &[Role]) -> Check {
    const FDS: &str = "runtime.schema.descriptors";
    if bytes.is_empty() {
        return Check::pass(
            FDS,
            "empty: the service declares no types of its own (allowed by runtime.proto)",
        );
    }
    let set = match prost_types::FileDescriptorSet::decode(bytes) {
        Ok(set) => set,
        Err(e) => return Check::fail(FDS, format!("file_descriptor_set does not decode: {e}")),
    };
    let files: std::collections::BTreeSet<&str> =
        set.file.iter().filter_map(|f| f.name.as_deref()).collect();
    let services: std::collections::BTreeSet<String> = set
        .file
        .iter()
        .flat_map(|f| {
            f.service
                .iter()
                .map(move |s| format!("{}.{}", f.package(), s.name()))
        })
        .collect();
    let mut problems = Vec::new();
    for role in roles {
        if let Some(svc) = role_service(*role)
            && !services.contains(svc)
        {
            problems.push(format!("no file defines {svc}"));
        }
    }
    for f in &set.file {
        for dep in &f.dependency {
            if !files.contains(dep.as_str()) {
                problems.push(format!("{} imports {dep}, which is missing", f.name()));
            }
        }
    }
    Check::from_problems(
        FDS,
        format!("{} files, {} services", files.len(), services.len()),
        &problems,
    )
}

/// The configuration as the `Struct` a request carries; why not as the detail of a failed check.
fn config_struct(json: &serde_json::Value) -> Result<flow_proto::wkt::Struct, String> {
    config::to_struct(json).map_err(|e| format!("cannot send the configuration {json}: {e}"))
}

/// `ValidateConfig`: an invalid config gets an ERROR diagnostic with an attribute path; the
/// kit's own config gets none (it is what the stream checks run with).
pub async fn validate_config(ctx: &Ctx, target: &Target) -> Vec<Check> {
    const INVALID: &str = "runtime.validate_config.invalid";
    const VALID: &str = "runtime.validate_config.valid";
    let schema = target
        .component
        .config_schema
        .as_ref()
        .map(config::from_struct)
        .unwrap_or_default();
    let (bad, attr) = config::invalid_config(&schema, target.config.as_ref().ok());
    let invalid = match config_struct(&bad) {
        Err(why) => Check::fail(INVALID, why),
        Ok(config) => invalid_config_check(ctx, target, &bad, &attr, config).await,
    };
    let valid = match &target.config {
        Err(why) => Check::skip(VALID, why.clone()),
        Ok(cfg) => match config_struct(cfg) {
            Err(why) => Check::fail(VALID, why),
            Ok(config) => valid_config_check(ctx, target, cfg, config).await,
        },
    };
    vec![invalid, valid]
}

/// `ValidateConfig` of `config` for `target`'s component, within the deadline.
async fn validate(
    ctx: &Ctx,
    target: &Target,
    config: flow_proto::wkt::Struct,
) -> Result<ValidateConfigResponse, CallError> {
    let req = ValidateConfigRequest {
        component: target.component.name.clone(),
        config: Some(config),
    };
    ctx.call(client(ctx).validate_config(ctx.request(req)))
        .await
}

async fn invalid_config_check(
    ctx: &Ctx,
    target: &Target,
    bad: &serde_json::Value,
    attr: &str,
    config: flow_proto::wkt::Struct,
) -> Check {
    const INVALID: &str = "runtime.validate_config.invalid";
    match validate(ctx, target, config).await {
        Err(e) => Check::fail(
            INVALID,
            format!("ValidateConfig({bad}): {e} (problems belong in diagnostics)"),
        ),
        Ok(resp) => {
            let errors: Vec<&Diagnostic> =
                resp.diagnostics.iter().filter(|d| is_error(d)).collect();
            let located = errors
                .iter()
                .find(|d| d.attribute.as_ref().is_some_and(|a| !a.steps.is_empty()));
            match (errors.is_empty(), located) {
                (true, _) => Check::fail(INVALID, format!("{bad} got no ERROR diagnostic")),
                (false, None) => Check::fail(
                    INVALID,
                    format!("{bad}: no ERROR diagnostic names an attribute"),
                ),
                (false, Some(d)) => Check::pass(
                    INVALID,
                    format!("{bad} (broke {attr:?}): {} [{}]", d.summary, d.reason),
                ),
            }
        }
    }
}

async fn valid_config_check(
    ctx: &Ctx,
    target: &Target,
    cfg: &serde_json::Value,
    config: flow_proto::wkt::Struct,
) -> Check {
    const VALID: &str = "runtime.validate_config.valid";
    match validate(ctx, target, config).await {
        Err(e) => Check::fail(VALID, format!("ValidateConfig({cfg}): {e}")),
        Ok(resp) => {
            let errors: Vec<String> = resp
                .diagnostics
                .iter()
                .filter(|d| is_error(d))
                .map(|d| d.summary.clone())
                .collect();
            if errors.is_empty() {
                Check::pass(VALID, format!("{cfg} has no ERROR diagnostic"))
            } else {
                Check::fail(
                    VALID,
                    format!("the kit's config {cfg} was rejected: {}", errors.join("; ")),
                )
            }
        }
    }
}

/// `Configure` is idempotent per generation and rejects a lower one with `STALE_GENERATION`.
/// Records the applied generation in `target` for the stream starts.
pub async fn configure(ctx: &Ctx, target: &mut Target) -> Vec<Check> {
    const IDEMPOTENT: &str = "runtime.configure.idempotent";
    const STALE: &str = "runtime.configure.stale_generation";
    let cfg = match &target.config {
        Ok(cfg) => cfg.clone(),
        Err(why) => {
            return vec![
                Check::skip(IDEMPOTENT, why.clone()),
                Check::skip(STALE, why.clone()),
            ];
        }
    };
    let config = match config_struct(&cfg) {
        Ok(config) => config,
        Err(why) => {
            return vec![
                Check::fail(IDEMPOTENT, why),
                Check::skip(STALE, "the configuration cannot be sent"),
            ];
        }
    };
    let req = |generation| ConfigureRequest {
        component: target.component.name.clone(),
        config: Some(config.clone()),
        generation,
        config_id: target.config_id.clone(),
    };
    let first = match ctx.call(client(ctx).configure(ctx.request(req(2)))).await {
        Ok(r) => r,
        Err(e) => {
            return vec![
                Check::fail(IDEMPOTENT, format!("Configure generation 2: {e}")),
                Check::skip(STALE, "Configure failed"),
            ];
        }
    };
    if first.diagnostics.iter().any(is_error) || first.applied_generation != 2 {
        let why = format!(
            "Configure generation 2 with {cfg} was not applied (applied_generation {}, diagnostics {:?})",
            first.applied_generation,
            first
                .diagnostics
                .iter()
                .map(|d| &d.summary)
                .collect::<Vec<_>>()
        );
        return vec![
            Check::fail(IDEMPOTENT, why),
            Check::skip(STALE, "Configure failed"),
        ];
    }
    target.generation = 2;
    let idempotent = match ctx.call(client(ctx).configure(ctx.request(req(2)))).await {
        Err(e) => Check::fail(IDEMPOTENT, format!("repeating generation 2: {e}")),
        Ok(again) if again.applied_generation != 2 || again.diagnostics.iter().any(is_error) => {
            Check::fail(
                IDEMPOTENT,
                format!(
                    "repeating generation 2 answered applied_generation {} with {} error(s)",
                    again.applied_generation,
                    again.diagnostics.iter().filter(|d| is_error(d)).count()
                ),
            )
        }
        Ok(_) => Check::pass(
            IDEMPOTENT,
            format!(
                "generation 2 twice -> applied_generation 2 (config_id {:?})",
                target.config_id
            ),
        ),
    };
    let stale = match ctx.call(client(ctx).configure(ctx.request(req(1)))).await {
        Err(e) => Check::fail(
            STALE,
            format!("generation 1 after 2: {e} (expected a STALE_GENERATION diagnostic)"),
        ),
        Ok(resp) => {
            let mut problems = Vec::new();
            if !resp
                .diagnostics
                .iter()
                .any(|d| is_error(d) && d.reason == "STALE_GENERATION")
            {
                problems.push(format!(
                    "no ERROR diagnostic with reason STALE_GENERATION (got reasons {:?})",
                    resp.diagnostics
                        .iter()
                        .map(|d| &d.reason)
                        .collect::<Vec<_>>()
                ));
            }
            if resp.applied_generation != 2 {
                problems.push(format!(
                    "applied_generation is {}, expected 2 (still in effect)",
                    resp.applied_generation
                ));
            }
            Check::from_problems(
                STALE,
                "generation 1 after 2 -> STALE_GENERATION, applied_generation 2",
                &problems,
            )
        }
    };
    vec![idempotent, stale]
}
