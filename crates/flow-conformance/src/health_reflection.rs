//! The standard services every Flow service serves besides its own (runtime.proto): the
//! `grpc.health.v1.Health` check and gRPC server reflection, v1 and v1alpha.

use std::collections::BTreeSet;

use flow_proto::common::v1::Role;
use tonic_health::pb::HealthCheckRequest;
use tonic_health::pb::health_check_response::ServingStatus;
use tonic_health::pb::health_client::HealthClient;
use tonic_reflection::pb::{v1, v1alpha};

use crate::rpc::{CallError, Ctx};
use crate::{Check, role_service};

const RUNTIME_SERVICE: &str = "flow.runtime.v1.RuntimeService";

/// Health of the whole server (`""`), then the service lists of both reflection versions.
pub async fn checks(ctx: &Ctx, roles: &[Role]) -> Vec<Check> {
    let mut want: BTreeSet<&str> = roles.iter().filter_map(|r| role_service(*r)).collect();
    want.insert(RUNTIME_SERVICE);
    vec![
        health(ctx).await,
        compare("reflection.v1.list_services", list_v1(ctx).await, &want),
        compare(
            "reflection.v1alpha.list_services",
            list_v1alpha(ctx).await,
            &want,
        ),
    ]
}

async fn health(ctx: &Ctx) -> Check {
    const ID: &str = "health.serving";
    let mut client = HealthClient::new(ctx.channel.clone());
    match ctx
        .call(client.check(ctx.request(HealthCheckRequest {
            service: String::new(),
        })))
        .await
    {
        Err(e) => Check::fail(ID, format!("grpc.health.v1.Health/Check(\"\"): {e}")),
        Ok(resp) => match ServingStatus::try_from(resp.status) {
            Ok(ServingStatus::Serving) => Check::pass(ID, "Check(\"\") -> SERVING"),
            other => Check::fail(ID, format!("Check(\"\") -> {other:?}, expected SERVING")),
        },
    }
}

fn compare(id: &str, listed: Result<Vec<String>, String>, want: &BTreeSet<&str>) -> Check {
    match listed {
        Err(e) => Check::fail(id, e),
        Ok(names) => {
            let missing: Vec<&&str> = want
                .iter()
                .filter(|w| !names.iter().any(|n| n == **w))
                .collect();
            if missing.is_empty() {
                Check::pass(
                    id,
                    format!("lists {} services, including {:?}", names.len(), want),
                )
            } else {
                Check::fail(id, format!("missing {missing:?}; listed {names:?}"))
            }
        }
    }
}

/// Sends one `list_services` request on the bidirectional reflection stream and reads one answer.
macro_rules! list_services {
    ($ctx:expr, $module:ident) => {{
        use $module::server_reflection_client::ServerReflectionClient;
        use $module::server_reflection_request::MessageRequest;
        use $module::server_reflection_response::MessageResponse;
        let ctx: &Ctx = $ctx;
        let req = $module::ServerReflectionRequest {
            host: String::new(),
            message_request: Some(MessageRequest::ListServices(String::new())),
        };
        let mut client = ServerReflectionClient::new(ctx.channel.clone());
        let what = concat!("grpc.reflection.", stringify!($module), " list_services");
        let call = async {
            let mut stream = client
                .server_reflection_info(ctx.request(tokio_stream::iter(vec![req])))
                .await?
                .into_inner();
            stream.message().await
        };
        match tokio::time::timeout(ctx.timeout, call).await {
            Err(_) => Err(format!("{what}: {}", CallError::TimedOut(ctx.timeout))),
            Ok(Err(status)) => Err(format!("{what}: {}", CallError::Status(status))),
            Ok(Ok(None)) => Err(format!("{what}: the stream ended without an answer")),
            Ok(Ok(Some(resp))) => match resp.message_response {
                Some(MessageResponse::ListServicesResponse(list)) => {
                    Ok(list.service.into_iter().map(|s| s.name).collect())
                }
                Some(MessageResponse::ErrorResponse(e)) => Err(format!(
                    "{what}: error {} {}",
                    e.error_code, e.error_message
                )),
                other => Err(format!("{what}: unexpected answer {other:?}")),
            },
        }
    }};
}

async fn list_v1(ctx: &Ctx) -> Result<Vec<String>, String> {
    list_services!(ctx, v1)
}

async fn list_v1alpha(ctx: &Ctx) -> Result<Vec<String>, String> {
    list_services!(ctx, v1alpha)
}
