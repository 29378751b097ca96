//! [`FlowServer`]: the gRPC server of a Flow service. It serves `RuntimeService` for a
//! [`Service`], standard health and reflection, and any services added with
//! [`FlowServer::add_service`], on one port, with explicit [`Limits`] and a bounded drain.

use std::convert::Infallible;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use flow_proto::runtime::v1::ServiceInfo;
use flow_proto::runtime::v1::runtime_service_server::RuntimeServiceServer;
use tokio::net::TcpListener;
use tokio_stream::StreamExt as _;
use tokio_stream::wrappers::TcpListenerStream;
use tonic::body::Body;
use tonic::codegen::http;
use tonic::server::NamedService;
use tonic::service::RoutesBuilder;
use tonic::transport::ServerTlsConfig;
use tonic::transport::server::Router;
use tonic_health::pb::health_server::HealthServer;
use tonic_health::server::{HealthReporter, HealthService};

use crate::connection::DrainableStream;
use crate::drain::{DEFAULT_GRACE_PERIOD, ShutdownHandle};
use crate::runtime::Runtime;
use crate::session::Sessions;
use crate::{Limits, ServeError, Service, trace};

/// How long to wait, after the hard deadline closed every connection, for the connection tasks
/// to notice. They notice at their next poll; this only guards against a task that never yields.
const HARD_STOP_LINGER: Duration = Duration::from_secs(1);

/// A Flow service's server, before it listens.
///
/// ```no_run
/// use flow_proto::common::v1::Role;
/// use flow_sdk::{Component, FlowServer, Service};
///
/// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
/// let service = Service::builder("toy", "0.1.0")
///     .component(Component::new("echo", Role::Processor))
///     .build()?;
/// let server = FlowServer::new(service).bind("127.0.0.1:0".parse()?).await?;
/// println!("listening on {}", server.local_addr());
/// server.serve_with_signal(async { let _ = tokio::signal::ctrl_c().await; }).await?;
/// # Ok(())
/// # }
/// ```
#[must_use]
pub struct FlowServer {
    service: Arc<Service>,
    limits: Limits,
    default_grace: Duration,
    routes: RoutesBuilder,
    /// Names of the services added by the user, for reflection and health.
    added: Vec<&'static str>,
    sessions: Sessions,
    health: HealthReporter,
    shutdown: ShutdownHandle,
    tls: Option<ServerTlsConfig>,
}

impl FlowServer {
    /// A server for `service` with the default [`Limits`].
    pub fn new(service: Service) -> Self {
        let health = HealthReporter::new();
        let shutdown = ShutdownHandle::new(health.clone());
        FlowServer {
            service: Arc::new(service),
            limits: Limits::default(),
            default_grace: DEFAULT_GRACE_PERIOD,
            routes: RoutesBuilder::default(),
            added: Vec::new(),
            // Stream adapters built from these sessions end their streams when this server
            // shuts down.
            sessions: Sessions::with_shutdown(shutdown.clone()),
            shutdown,
            health,
            tls: None,
        }
    }

    /// Replaces the transport limits (checked when binding).
    pub fn limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// Serves over TLS instead of plaintext HTTP/2: every connection, including health and
    /// reflection. Build the configuration with [`crate::tls::server_tls`] (server identity,
    /// and a client CA for mutual TLS) or directly with tonic's builder. Checked when binding;
    /// a bad certificate or key is [`ServeError::Tls`].
    pub fn tls(mut self, config: ServerTlsConfig) -> Self {
        self.tls = Some(config);
        self
    }

    /// The grace period of a shutdown started by [`BoundServer::serve_with_signal`]'s signal.
    /// Default 30 s.
    pub fn default_grace_period(mut self, grace: Duration) -> Self {
        self.default_grace = grace;
        self
    }

    /// Serves another gRPC service (a generated `*Server`, e.g. `ProcessorServiceServer`) on the
    /// same port. It is listed by reflection, reported by health, and its calls get the
    /// per-RPC span. Apply [`Limits::max_decoding_message_size`] to it yourself:
    /// `ProcessorServiceServer::new(svc).max_decoding_message_size(limits.max_decoding_message_size)`.
    pub fn add_service<S>(mut self, service: S) -> Self
    where
        S: tonic::codegen::Service<
                http::Request<Body>,
                Response = http::Response<Body>,
                Error = Infallible,
            > + NamedService
            + Clone
            + Send
            + Sync
            + 'static,
        S::Future: Send + 'static,
    {
        self.added.push(S::NAME);
        self.routes.add_service(service);
        self
    }

    /// The limits in effect, for configuring added services.
    pub fn current_limits(&self) -> &Limits {
        &self.limits
    }

    /// The per-connection handshake agreements: added services call
    /// [`Sessions::require`] to refuse calls before a handshake.
    pub fn sessions(&self) -> Sessions {
        self.sessions.clone()
    }

    /// Starts and observes the shutdown.
    pub fn shutdown_handle(&self) -> ShutdownHandle {
        self.shutdown.clone()
    }

    /// Checks the limits, builds the services and binds `addr` (port 0 picks a free port).
    pub async fn bind(self, addr: SocketAddr) -> Result<BoundServer, ServeError> {
        self.limits.validate()?;
        let listener = TcpListener::bind(addr)
            .await
            .map_err(|source| ServeError::Bind { addr, source })?;
        let local_addr = listener
            .local_addr()
            .map_err(|source| ServeError::Bind { addr, source })?;
        let FlowServer {
            service,
            limits,
            default_grace,
            mut routes,
            added,
            sessions,
            health,
            shutdown,
            tls,
        } = self;
        let max = limits.max_decoding_message_size;
        let runtime = Runtime::new(service.clone(), sessions.clone(), shutdown.clone());
        let info = runtime.info().clone();
        let runtime_name = <RuntimeServiceServer<Runtime> as NamedService>::NAME;
        let health_name = <HealthServer<HealthService> as NamedService>::NAME;
        routes
            .add_service(RuntimeServiceServer::new(runtime).max_decoding_message_size(max))
            .add_service(
                HealthServer::new(HealthService::from_health_reporter(health))
                    .max_decoding_message_size(max),
            );
        let mut served = vec![runtime_name, health_name];
        served.extend(&added);
        add_reflection(&mut routes, &served, service.descriptor_set(), max)?;
        let mut builder = tonic::transport::Server::builder();
        if let Some(tls) = tls {
            builder = builder.tls_config(tls).map_err(ServeError::Tls)?;
        }
        let router = limits
            .apply(builder)
            .trace_fn(trace::span_for_request)
            .add_routes(routes.routes());
        let mut health_names = vec![runtime_name.to_owned()];
        health_names.extend(added.iter().map(|n| (*n).to_owned()));
        Ok(BoundServer {
            listener,
            local_addr,
            info,
            router,
            default_grace,
            health_names,
            sessions,
            shutdown,
        })
    }
}

/// Reflection v1 and v1alpha, listing exactly the services served: the Flow descriptor set
/// holds every Flow service, and advertising ones this process does not serve would mislead
/// generic tools.
fn add_reflection(
    routes: &mut RoutesBuilder,
    served: &[&str],
    own_descriptors: &[u8],
    max_decoding: usize,
) -> Result<(), ServeError> {
    let configure = || {
        let mut builder = tonic_reflection::server::Builder::configure()
            .register_encoded_file_descriptor_set(flow_proto::FILE_DESCRIPTOR_SET)
            .register_encoded_file_descriptor_set(tonic_health::pb::FILE_DESCRIPTOR_SET)
            .register_encoded_file_descriptor_set(tonic_reflection::pb::v1::FILE_DESCRIPTOR_SET)
            .register_encoded_file_descriptor_set(
                tonic_reflection::pb::v1alpha::FILE_DESCRIPTOR_SET,
            )
            .with_service_name("grpc.reflection.v1.ServerReflection")
            .with_service_name("grpc.reflection.v1alpha.ServerReflection");
        if !own_descriptors.is_empty() {
            builder = builder.register_encoded_file_descriptor_set(own_descriptors);
        }
        served
            .iter()
            .fold(builder, |builder, name| builder.with_service_name(*name))
    };
    routes
        .add_service(
            configure()
                .build_v1()?
                .max_decoding_message_size(max_decoding),
        )
        .add_service(
            configure()
                .build_v1alpha()?
                .max_decoding_message_size(max_decoding),
        );
    Ok(())
}

/// A [`FlowServer`] bound to its address, ready to serve.
pub struct BoundServer {
    listener: TcpListener,
    local_addr: SocketAddr,
    /// What `GetServiceInfo` answers (and what a discovery registration carries).
    info: ServiceInfo,
    router: Router,
    default_grace: Duration,
    health_names: Vec<String>,
    sessions: Sessions,
    shutdown: ShutdownHandle,
}

impl BoundServer {
    /// The address actually bound (the chosen port when binding port 0).
    pub fn local_addr(&self) -> SocketAddr {
        self.local_addr
    }

    /// Starts and observes the shutdown.
    pub fn shutdown_handle(&self) -> ShutdownHandle {
        self.shutdown.clone()
    }

    /// What `GetServiceInfo` answers: the service's name, version, roles and this process's
    /// instance id, as a discovery registration carries them.
    pub fn service_info(&self) -> &ServiceInfo {
        &self.info
    }

    /// The per-connection handshake agreements.
    pub fn sessions(&self) -> Sessions {
        self.sessions.clone()
    }

    /// Serves until a shutdown (the `Shutdown` RPC or [`ShutdownHandle::shutdown`]) has drained
    /// or reached its hard deadline. Health turns SERVING as serving starts.
    pub async fn serve(self) -> Result<(), ServeError> {
        let BoundServer {
            listener,
            router,
            health_names,
            sessions,
            shutdown,
            ..
        } = self;
        let hard_stop = shutdown.hard_stop_token();
        let incoming = TcpListenerStream::new(listener).map(move |accepted| {
            accepted.map(|tcp| {
                let sessions = sessions.clone();
                DrainableStream::new(tcp, &hard_stop, Box::new(move |id| sessions.forget(id)))
            })
        });
        shutdown.serving(health_names).await;
        let serving = router
            .serve_with_incoming_shutdown(incoming, shutdown.draining_token().cancelled_owned());
        tokio::pin!(serving);
        tokio::select! {
            result = &mut serving => return Ok(result?),
            () = shutdown.hard_deadline() => {}
        }
        tracing::warn!("drain deadline passed with calls still open: closing every connection");
        shutdown.hard_stop_token().cancel();
        match tokio::time::timeout(HARD_STOP_LINGER, serving).await {
            Ok(result) => Ok(result?),
            Err(_) => {
                tracing::error!("connections still open after the hard stop: abandoning them");
                Ok(())
            }
        }
    }

    /// Like [`serve`](Self::serve), and also starts a shutdown with the default grace period
    /// when `signal` resolves (Ctrl-C, SIGTERM).
    pub async fn serve_with_signal(
        self,
        signal: impl Future<Output = ()>,
    ) -> Result<(), ServeError> {
        let shutdown = self.shutdown.clone();
        let grace = self.default_grace;
        let on_signal = async move {
            signal.await;
            shutdown.shutdown(grace).await;
            std::future::pending::<()>().await;
        };
        tokio::select! {
            result = self.serve() => result,
            () = on_signal => unreachable!("pending never resolves"),
        }
    }
}
