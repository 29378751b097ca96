//! The description of a Flow service: who it is, what it speaks and which components it offers.
//!
//! The SDK serves `RuntimeService` from this description alone; the user writes two callbacks
//! per component (validate and configure) and nothing of the protocol.
//!
//! ```
//! use flow_proto::common::v1::{Diagnostic, Role};
//! use flow_proto::diagnostic::DiagnosticExt;
//! use flow_sdk::{Component, Service};
//!
//! let service = Service::builder("upper-processor", "1.2.0")
//!     .component(
//!         Component::new("upper", Role::Processor)
//!             .description("Upper-cases every record")
//!             .validator(|config| async move {
//!                 if config.config.fields.contains_key("locale") {
//!                     vec![]
//!                 } else {
//!                     vec![Diagnostic::warning("no locale: using the root locale")]
//!                 }
//!             }),
//!     )
//!     .build()?;
//! assert_eq!(service.name(), "upper-processor");
//! # Ok::<(), flow_sdk::BuildError>(())
//! ```

use std::collections::HashSet;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use flow_proto::common::v1::{AttributePath, Capability, Diagnostic, Role};
use flow_proto::runtime::v1::{ComponentSchema, ProtocolVersion};
use flow_proto::wkt::Struct;

use crate::BuildError;

/// What a validator or configure callback is given.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ConfigInput {
    /// The component (`ComponentSchema.name`).
    pub component: String,
    /// The configured instance; empty for the component's default configuration.
    /// Always empty in `ValidateConfig`.
    pub config_id: String,
    /// The generation being applied; 0 in `ValidateConfig`.
    pub generation: u64,
    /// The configuration (an empty object when the request had none).
    pub config: Struct,
}

type BoxFuture<T> = Pin<Box<dyn Future<Output = T> + Send + 'static>>;

/// A callback that inspects a configuration and reports findings. Shared by both callbacks so
/// that either may be async (a validator may test credentials, `Configure` may open a pool).
pub(crate) type Callback = Arc<dyn Fn(ConfigInput) -> BoxFuture<Vec<Diagnostic>> + Send + Sync>;

fn callback<F, Fut>(f: F) -> Callback
where
    F: Fn(ConfigInput) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Vec<Diagnostic>> + Send + 'static,
{
    Arc::new(move |input| Box::pin(f(input)))
}

/// One configurable component of a service (a connector, a transform, a job handler).
#[derive(Clone)]
pub struct Component {
    pub(crate) schema: ComponentSchema,
    pub(crate) validator: Option<Callback>,
    pub(crate) configure: Option<Callback>,
}

impl Component {
    /// A component with this name and role, an empty schema and no callbacks: every
    /// configuration is valid and `Configure` only records the generation.
    pub fn new(name: impl Into<String>, role: Role) -> Self {
        Component {
            schema: ComponentSchema {
                name: name.into(),
                role: role.into(),
                ..Default::default()
            },
            validator: None,
            configure: None,
        }
    }

    /// The configuration's JSON Schema (draft 2020-12) as a JSON object.
    pub fn config_schema(mut self, schema: Struct) -> Self {
        self.schema.config_schema = Some(schema);
        self
    }

    /// Marks an attribute of the configuration as secret (core redacts it everywhere).
    pub fn sensitive_path(mut self, path: AttributePath) -> Self {
        self.schema.sensitive_paths.push(path);
        self
    }

    /// A short description shown in catalogs (Markdown).
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.schema.description = description.into();
        self
    }

    /// The component's own version when it differs from the service's.
    pub fn version(mut self, version: impl Into<String>) -> Self {
        self.schema.version = version.into();
        self
    }

    /// An optional feature of this component.
    pub fn capability(mut self, capability: Capability) -> Self {
        self.schema.capabilities.push(capability);
        self
    }

    /// Checks a configuration; used by `ValidateConfig` and, first, by `Configure`. Must be free
    /// of side effects. Any diagnostic of severity error (or unspecified) makes it invalid.
    pub fn validator<F, Fut>(mut self, f: F) -> Self
    where
        F: Fn(ConfigInput) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Vec<Diagnostic>> + Send + 'static,
    {
        self.validator = Some(callback(f));
        self
    }

    /// Applies a configuration that passed the validator. Returning an error diagnostic means
    /// "not applied": the previous generation stays in effect.
    pub fn on_configure<F, Fut>(mut self, f: F) -> Self
    where
        F: Fn(ConfigInput) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Vec<Diagnostic>> + Send + 'static,
    {
        self.configure = Some(callback(f));
        self
    }

    /// The schema as `GetSchema` returns it.
    pub fn schema(&self) -> &ComponentSchema {
        &self.schema
    }
}

impl fmt::Debug for Component {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Component")
            .field("schema", &self.schema)
            .field("validator", &self.validator.is_some())
            .field("configure", &self.configure.is_some())
            .finish()
    }
}

/// The complete, checked description of a service. Build it with [`Service::builder`].
#[derive(Clone, Debug)]
pub struct Service {
    pub(crate) name: String,
    pub(crate) version: String,
    pub(crate) roles: Vec<Role>,
    pub(crate) components: Vec<Component>,
    pub(crate) protocol_versions: Vec<ProtocolVersion>,
    pub(crate) capabilities: Vec<Capability>,
    pub(crate) descriptor_set: Vec<u8>,
    pub(crate) manifest: Option<Struct>,
}

impl Service {
    /// Starts describing a service with this name and release version.
    pub fn builder(name: impl Into<String>, version: impl Into<String>) -> ServiceBuilder {
        ServiceBuilder {
            service: Service {
                name: name.into(),
                version: version.into(),
                roles: Vec::new(),
                components: Vec::new(),
                protocol_versions: Vec::new(),
                capabilities: Vec::new(),
                descriptor_set: Vec::new(),
                manifest: None,
            },
        }
    }

    /// The service's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The components, in display order.
    pub fn components(&self) -> &[Component] {
        &self.components
    }

    /// The component called `name`.
    pub fn component(&self, name: &str) -> Option<&Component> {
        self.components.iter().find(|c| c.schema.name == name)
    }

    /// The protocol versions offered in the handshake.
    pub fn protocol_versions(&self) -> &[ProtocolVersion] {
        &self.protocol_versions
    }

    /// The optional features offered in the handshake.
    pub fn capabilities(&self) -> &[Capability] {
        &self.capabilities
    }

    /// The service's own encoded `FileDescriptorSet` (empty when it defines no types).
    pub fn descriptor_set(&self) -> &[u8] {
        &self.descriptor_set
    }
}

/// Builds a [`Service`]; [`build`](Self::build) checks it.
#[derive(Debug)]
#[must_use]
pub struct ServiceBuilder {
    service: Service,
}

/// The version this SDK speaks when the service names none: `flow.*.v1`, minor 0.
pub const DEFAULT_PROTOCOL_VERSION: ProtocolVersion = ProtocolVersion { major: 1, minor: 0 };

impl ServiceBuilder {
    /// Adds a role. When no role is given, the roles are those of the components.
    pub fn role(mut self, role: Role) -> Self {
        if !self.service.roles.contains(&role) {
            self.service.roles.push(role);
        }
        self
    }

    /// Adds a component.
    pub fn component(mut self, component: Component) -> Self {
        self.service.components.push(component);
        self
    }

    /// Adds a protocol version the service speaks. Default: only [`DEFAULT_PROTOCOL_VERSION`].
    pub fn protocol_version(mut self, major: u32, minor: u32) -> Self {
        let version = ProtocolVersion { major, minor };
        if !self.service.protocol_versions.contains(&version) {
            self.service.protocol_versions.push(version);
        }
        self
    }

    /// Adds an optional feature the service supports.
    pub fn capability(mut self, capability: Capability) -> Self {
        self.service.capabilities.push(capability);
        self
    }

    /// The service's own encoded `FileDescriptorSet`, returned by `GetSchema` and served by
    /// reflection next to the Flow contract's.
    pub fn descriptor_set(mut self, bytes: impl Into<Vec<u8>>) -> Self {
        self.service.descriptor_set = bytes.into();
        self
    }

    /// The free-form manifest of `ServiceInfo` (homepage, license, ...).
    pub fn manifest(mut self, manifest: Struct) -> Self {
        self.service.manifest = Some(manifest);
        self
    }

    /// Checks the description: a name, named components with a role and no duplicates, named
    /// capabilities.
    pub fn build(mut self) -> Result<Service, BuildError> {
        let service = &mut self.service;
        if service.name.trim().is_empty() {
            return Err(BuildError::EmptyServiceName);
        }
        let mut seen = HashSet::new();
        for component in &service.components {
            let schema = &component.schema;
            if schema.name.is_empty() {
                return Err(BuildError::EmptyComponentName);
            }
            if !seen.insert(schema.name.as_str()) {
                return Err(BuildError::DuplicateComponent(schema.name.clone()));
            }
            if schema.role() == Role::Unspecified {
                return Err(BuildError::UnspecifiedRole(schema.name.clone()));
            }
            if schema.capabilities.iter().any(|c| c.name.is_empty()) {
                return Err(BuildError::EmptyCapabilityName);
            }
        }
        if service.capabilities.iter().any(|c| c.name.is_empty()) {
            return Err(BuildError::EmptyCapabilityName);
        }
        crate::descriptors::check(&service.descriptor_set)?;
        if service.protocol_versions.is_empty() {
            service.protocol_versions.push(DEFAULT_PROTOCOL_VERSION);
        }
        if service.roles.is_empty() {
            for component in &service.components {
                let role = component.schema.role();
                if !service.roles.contains(&role) {
                    service.roles.push(role);
                }
            }
        }
        Ok(self.service)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_bad_descriptions() {
        assert_eq!(
            Service::builder(" ", "1").build().unwrap_err(),
            BuildError::EmptyServiceName
        );
        let twice = Service::builder("s", "1")
            .component(Component::new("a", Role::Source))
            .component(Component::new("a", Role::Consumer))
            .build();
        assert_eq!(
            twice.unwrap_err(),
            BuildError::DuplicateComponent("a".into())
        );
        let no_role = Service::builder("s", "1")
            .component(Component::new("a", Role::Unspecified))
            .build();
        assert_eq!(
            no_role.unwrap_err(),
            BuildError::UnspecifiedRole("a".into())
        );
    }

    #[test]
    fn defaults_version_and_roles() {
        let service = Service::builder("s", "1")
            .component(Component::new("a", Role::Source))
            .component(Component::new("b", Role::Source))
            .build()
            .unwrap();
        assert_eq!(service.protocol_versions, [DEFAULT_PROTOCOL_VERSION]);
        assert_eq!(service.roles, [Role::Source]);
    }
}
