//! `flow.runtime.v1.RuntimeService`, served from a [`Service`] description.

use std::sync::Arc;
use std::time::SystemTime;

use flow_proto::common::v1::Diagnostic;
use flow_proto::diagnostic::DiagnosticExt;
use flow_proto::runtime::v1::runtime_service_server::RuntimeService;
use flow_proto::runtime::v1::{
    ConfigureRequest, ConfigureResponse, GetSchemaRequest, GetSchemaResponse,
    GetServiceInfoRequest, GetServiceInfoResponse, HandshakeRequest, HandshakeResponse,
    ServiceInfo, ShutdownRequest, ShutdownResponse, ValidateConfigRequest, ValidateConfigResponse,
};
use tokio::sync::Mutex;
use tonic::{Request, Response, Status};

use crate::drain::{DEFAULT_GRACE_PERIOD, ShutdownHandle};
use crate::generations::{Decision, Generations};
use crate::service::{Callback, ConfigInput, Service};
use crate::session::{Sessions, connection_of};
use crate::{descriptors, handshake, instance};

/// `ServiceInfo.sdk_name` of every service built with this SDK.
pub const SDK_NAME: &str = "flow-sdk-rust";
/// `ServiceInfo.language`.
pub const LANGUAGE: &str = "rust";
/// `Diagnostic.reason` when a request names a component the service does not have.
pub const UNKNOWN_COMPONENT: &str = "UNKNOWN_COMPONENT";

/// The runtime service of one [`Service`].
pub(crate) struct Runtime {
    service: Arc<Service>,
    info: ServiceInfo,
    /// The Flow contract's descriptors plus the service's own, merged once.
    descriptors: prost::bytes::Bytes,
    sessions: Sessions,
    // An async mutex held across the callbacks: two Configure calls for one component must not
    // interleave (both could see the old generation and apply twice). Configure is rare.
    generations: Mutex<Generations>,
    shutdown: ShutdownHandle,
}

impl Runtime {
    pub(crate) fn new(service: Arc<Service>, sessions: Sessions, shutdown: ShutdownHandle) -> Self {
        let info = ServiceInfo {
            name: service.name.clone(),
            version: service.version.clone(),
            sdk_name: SDK_NAME.into(),
            sdk_version: env!("CARGO_PKG_VERSION").into(),
            language: LANGUAGE.into(),
            roles: service.roles.iter().map(|r| *r as i32).collect(),
            manifest: service.manifest.clone(),
            instance_id: instance::new_id(),
            start_time: Some(now()),
            labels: Default::default(),
        };
        let descriptors =
            descriptors::merge(&[flow_proto::FILE_DESCRIPTOR_SET, &service.descriptor_set]).into();
        Runtime {
            service,
            info,
            descriptors,
            sessions,
            generations: Mutex::default(),
            shutdown,
        }
    }

    /// What `GetServiceInfo` answers.
    pub(crate) fn info(&self) -> &ServiceInfo {
        &self.info
    }

    /// The message of a request on a handshaken connection; every RPC but `GetServiceInfo` and
    /// `Handshake` needs one.
    fn after_handshake<T>(&self, request: Request<T>) -> Result<T, Status> {
        self.sessions.require(&request)?;
        Ok(request.into_inner())
    }

    /// The diagnostic for a request naming a component the service does not have.
    fn unknown_component(&self, name: &str) -> Diagnostic {
        let known: Vec<_> = self
            .service
            .components
            .iter()
            .map(|c| c.schema.name.as_str())
            .collect();
        Diagnostic::error(format!("unknown component `{name}`"))
            .with_reason(UNKNOWN_COMPONENT)
            .with_metadata("known_components", known.join(","))
    }
}

/// The current time as a protobuf `Timestamp`.
fn now() -> flow_proto::wkt::Timestamp {
    SystemTime::now().into()
}

async fn run(callback: Option<&Callback>, input: ConfigInput) -> Vec<Diagnostic> {
    match callback {
        Some(callback) => callback(input).await,
        None => Vec::new(),
    }
}

#[tonic::async_trait]
impl RuntimeService for Runtime {
    async fn get_service_info(
        &self,
        _request: Request<GetServiceInfoRequest>,
    ) -> Result<Response<GetServiceInfoResponse>, Status> {
        Ok(Response::new(GetServiceInfoResponse {
            info: Some(self.info.clone()),
        }))
    }

    async fn handshake(
        &self,
        request: Request<HandshakeRequest>,
    ) -> Result<Response<HandshakeResponse>, Status> {
        let connection = connection_of(&request);
        let service = &self.service;
        let outcome = handshake::negotiate(
            &service.protocol_versions,
            &service.capabilities,
            request.get_ref(),
        );
        match &outcome {
            Ok(agreement) => tracing::info!(
                version = %format!("{}.{}", agreement.version.major, agreement.version.minor),
                core_version = %agreement.core_version,
                "handshake"
            ),
            Err(failure) => tracing::warn!(message = %failure.message, "handshake failed"),
        }
        // A failed handshake replaces the previous agreement too: core asked for something else.
        self.sessions.set(connection, outcome.clone().ok());
        Ok(Response::new(handshake::response(
            &service.protocol_versions,
            &service.capabilities,
            &outcome,
        )))
    }

    async fn get_schema(
        &self,
        request: Request<GetSchemaRequest>,
    ) -> Result<Response<GetSchemaResponse>, Status> {
        let request = self.after_handshake(request)?;
        let wanted = &request.components;
        if let Some(unknown) = wanted.iter().find(|n| self.service.component(n).is_none()) {
            return Err(Status::not_found(format!("unknown component `{unknown}`")));
        }
        let components = self
            .service
            .components
            .iter()
            .filter(|c| wanted.is_empty() || wanted.contains(&c.schema.name))
            .map(|c| c.schema.clone())
            .collect();
        Ok(Response::new(GetSchemaResponse {
            components,
            file_descriptor_set: self.descriptors.clone(),
        }))
    }

    async fn validate_config(
        &self,
        request: Request<ValidateConfigRequest>,
    ) -> Result<Response<ValidateConfigResponse>, Status> {
        let request = self.after_handshake(request)?;
        let diagnostics = match self.service.component(&request.component) {
            None => vec![self.unknown_component(&request.component)],
            Some(component) => {
                let input = ConfigInput {
                    component: request.component,
                    config_id: String::new(),
                    generation: 0,
                    config: request.config.unwrap_or_default(),
                };
                run(component.validator.as_ref(), input).await
            }
        };
        Ok(Response::new(ValidateConfigResponse { diagnostics }))
    }

    async fn configure(
        &self,
        request: Request<ConfigureRequest>,
    ) -> Result<Response<ConfigureResponse>, Status> {
        let request = self.after_handshake(request)?;
        let (name, id, generation) = (&request.component, &request.config_id, request.generation);
        let component = match self.service.component(name) {
            Some(component) => component,
            None => {
                return Ok(Response::new(ConfigureResponse {
                    diagnostics: vec![self.unknown_component(name)],
                    applied_generation: 0,
                }));
            }
        };
        let mut generations = self.generations.lock().await;
        if let Decision::Answer(response) = generations.decide(name, id, generation) {
            return Ok(Response::new(response));
        }
        let current = generations.current(name, id);
        let input = ConfigInput {
            component: name.clone(),
            config_id: id.clone(),
            generation,
            config: request.config.unwrap_or_default(),
        };
        let mut diagnostics = run(component.validator.as_ref(), input.clone()).await;
        if !diagnostics.iter().any(DiagnosticExt::is_error) {
            diagnostics.extend(run(component.configure.as_ref(), input).await);
        }
        let applied = !diagnostics.iter().any(DiagnosticExt::is_error);
        let response = ConfigureResponse {
            diagnostics,
            applied_generation: if applied { generation } else { current },
        };
        if applied {
            generations.record(name, id, response.clone());
            tracing::info!(component = %name, config_id = %id, generation, "configured");
        }
        Ok(Response::new(response))
    }

    async fn shutdown(
        &self,
        request: Request<ShutdownRequest>,
    ) -> Result<Response<ShutdownResponse>, Status> {
        let request = self.after_handshake(request)?;
        let grace = match request.grace_period {
            None => DEFAULT_GRACE_PERIOD,
            Some(grace) => std::time::Duration::try_from(grace).map_err(|_| {
                Status::invalid_argument("grace_period must be a non-negative duration")
            })?,
        };
        tracing::info!(reason = %request.reason, "shutdown requested");
        self.shutdown.shutdown(grace).await;
        Ok(Response::new(ShutdownResponse {}))
    }
}
