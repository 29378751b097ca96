//! # flow-sdk
//!
//! The Rust SDK for Flow services. Describe the service (name, version, components with their
//! configuration schema and callbacks) and the SDK serves, on one port:
//!
//! - `flow.runtime.v1.RuntimeService`: service info, the handshake (highest common protocol
//!   version, capabilities both sides list), schemas, validation, configuration idempotent by
//!   generation, and shutdown;
//! - `grpc.health.v1.Health`: SERVING once the server listens, NOT_SERVING while it drains;
//! - gRPC server reflection v1 and v1alpha, listing exactly the services served;
//! - the services you add with [`FlowServer::add_service`] (Source, Processor, ...).
//!
//! Transport [`Limits`] are explicit (message size, streams, keepalive, 8 MiB HTTP/2 windows),
//! and a shutdown drains within a hard deadline even when streams stay open. TLS and mutual TLS
//! are optional ([`FlowServer::tls`], [`tls`]).
//!
//! ```no_run
//! use flow_proto::common::v1::{AttributePath, Diagnostic, Role};
//! use flow_proto::diagnostic::{AttributePathExt, DiagnosticExt};
//! use flow_sdk::{Component, FlowServer, Service};
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let service = Service::builder("upper", "0.1.0")
//!     .component(Component::new("upper", Role::Processor).validator(|input| async move {
//!         match input.config.fields.get("locale") {
//!             Some(_) => vec![],
//!             None => vec![Diagnostic::error("locale is required")
//!                 .at(AttributePath::root().attr("locale"))
//!                 .with_reason("REQUIRED_FIELD_MISSING")],
//!         }
//!     }))
//!     .build()?;
//! let server = FlowServer::new(service).bind("127.0.0.1:50051".parse()?).await?;
//! server.serve_with_signal(async { let _ = tokio::signal::ctrl_c().await; }).await?;
//! # Ok(())
//! # }
//! ```
//!
//! Modules: [`service`] (the description), [`handshake`] (negotiation), [`limits`],
//! [`drain`] (shutdown), [`trace`] (spans with the caller's trace context), [`session`]
//! (per-connection agreements), [`connection`] (the drainable TCP stream), [`stream`] (the
//! Source, Processor and Consumer traits and the adapters that serve them), [`worker`] (task
//! handlers pulling from core's `ExecutionService`), [`discovery`] (registering with core, the
//! lease renewed), [`durable`] (an instance with checkpoints and signals).

pub mod config;
pub mod connection;
mod descriptors;
pub mod discovery;
pub mod drain;
pub mod durable;
mod error;
mod generations;
pub mod handshake;
mod instance;
pub mod limits;
mod runtime;
mod server;
pub mod service;
pub mod session;
pub mod stream;
pub mod tls;
pub mod trace;
pub mod worker;

pub use config::{Config, TypedConfig};
pub use drain::{DEFAULT_GRACE_PERIOD, ShutdownHandle};
pub use error::{BuildError, ServeError};
pub use generations::{INVALID_GENERATION, STALE_GENERATION};
pub use handshake::Agreement;
pub use limits::Limits;
pub use runtime::{LANGUAGE, SDK_NAME, UNKNOWN_COMPONENT};
pub use server::{BoundServer, FlowServer};
pub use service::{Component, ConfigInput, Service, ServiceBuilder};
pub use session::Sessions;
pub use stream::StreamOptions;
