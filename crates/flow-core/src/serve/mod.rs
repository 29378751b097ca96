//! The services core serves, on one gRPC server with health and reflection: what
//! `flow-core serve` runs.
//!
//! - [`discovery`]: `DiscoveryService`, registrations with leases;
//! - [`durable`]: `DurableService`, instances with checkpoints, signals and an outcome;
//! - [`environment`]: `EnvironmentService`, images run as supervised local processes;
//! - [`execution`]: `ExecutionService`, the task queue workers pull from;
//! - [`LocalCore`]: all of it in this process on a loopback port (tests, benchmarks, demos);
//! - [`page_token`]: the page tokens of every `List...` RPC;
//! - [`status`]: how every server refuses a bad field or reports storage trouble.
//!
//! ```no_run
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! use std::path::Path;
//! use flow_core::serve::{CoreServer, CoreConfig};
//! use flow_core::store::{SqliteOptions, SqliteStore};
//!
//! let store = SqliteStore::open(Path::new("/var/lib/flow"), &SqliteOptions::default())?;
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
//! println!("listening on {}", listener.local_addr()?);
//! CoreServer::new(store, CoreConfig::default())
//!     .serve(listener, async { let _ = tokio::signal::ctrl_c().await; })
//!     .await?;
//! # Ok(()) }
//! ```

pub mod discovery;
pub mod durable;
pub mod environment;
pub mod execution;
mod local;
pub mod page_token;
pub mod status;
mod unary;

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use flow_proto::discovery::v1::discovery_service_server::{
    DiscoveryServiceServer, SERVICE_NAME as DISCOVERY,
};
use flow_proto::durable::v1::durable_service_server::{
    DurableServiceServer, SERVICE_NAME as DURABLE,
};
use flow_proto::durable::v1::environment_service_server::{
    EnvironmentServiceServer, SERVICE_NAME as ENVIRONMENT,
};
use flow_proto::execution::v1::execution_service_server::{
    ExecutionServiceServer, SERVICE_NAME as EXECUTION,
};
use tokio::net::TcpListener;
use tokio_stream::wrappers::TcpListenerStream;
use tonic::transport::Server;
use tonic_health::ServingStatus;

pub use discovery::{DiscoveryServer, LeasePolicy};
pub use durable::DurableServer;
pub use environment::{EnvironmentConfig, EnvironmentServer};
pub use execution::{ExecutionConfig, ExecutionServer, TaskQueue};
pub use local::LocalCore;

use crate::store::{CoreStore, DiscoveryStore};

/// What core's servers are configured with.
#[derive(Debug, Clone)]
pub struct CoreConfig {
    /// Lease durations for `DiscoveryService`.
    pub leases: LeasePolicy,
    /// How often expired leases are deleted.
    pub sweep_interval: Duration,
    /// The largest request message accepted (as every Flow endpoint: 4 MiB).
    pub max_message_bytes: usize,
    /// How `EnvironmentService` runs instances.
    pub environment: EnvironmentConfig,
    /// How `ExecutionService` runs its task queue.
    pub execution: ExecutionConfig,
}

impl Default for CoreConfig {
    fn default() -> Self {
        Self {
            leases: LeasePolicy::default(),
            sweep_interval: Duration::from_secs(1),
            max_message_bytes: 4 * 1024 * 1024,
            environment: EnvironmentConfig::default(),
            execution: ExecutionConfig::default(),
        }
    }
}

/// Everything core serves, over one store.
pub struct CoreServer<S> {
    store: Arc<S>,
    config: CoreConfig,
    execution: ExecutionServer<S>,
}

impl<S: CoreStore> CoreServer<S> {
    pub fn new(store: S, config: CoreConfig) -> Self {
        let store = Arc::new(store);
        let execution = ExecutionServer::new(Arc::clone(&store), config.execution.clone());
        Self {
            store,
            config,
            execution,
        }
    }

    /// The Rust API of the task queue `ExecutionService` serves: how work enters it.
    pub fn task_queue(&self) -> TaskQueue<S> {
        self.execution.queue()
    }

    /// Serves on `listener` until `shutdown` completes, then lets calls in flight finish.
    /// First marks the instances a previous core left running `FAILED` (see [`environment`]).
    pub async fn serve(
        self,
        listener: TcpListener,
        shutdown: impl Future<Output = ()> + Send,
    ) -> Result<(), tonic::transport::Error> {
        let served = [DISCOVERY, DURABLE, ENVIRONMENT, EXECUTION];
        let (health_reporter, health) = tonic_health::server::health_reporter();
        for name in served {
            health_reporter
                .set_service_status(name, ServingStatus::Serving)
                .await;
        }

        let discovery = Arc::new(DiscoveryServer::new(
            Arc::clone(&self.store),
            self.config.leases.clone(),
        ));
        let environment =
            EnvironmentServer::new(Arc::clone(&self.store), self.config.environment.clone());
        match environment.recover().await {
            Ok(0) => {}
            Ok(n) => tracing::warn!(instances = n, "instances of a previous core marked failed"),
            Err(err) => tracing::error!(error = %err, "cannot mark a previous core's instances"),
        }
        let sweeper = tokio::spawn(sweep_leases(
            Arc::clone(&discovery),
            self.config.sweep_interval,
        ));
        let deadlines = tokio::spawn(self.execution.clone().sweep_forever());

        let reflection_v1 = reflection_builder(&served).build_v1().expect(BUILT_IN);
        let reflection_v1alpha = reflection_builder(&served).build_v1alpha().expect(BUILT_IN);
        let max = self.config.max_message_bytes;
        let result = Server::builder()
            .add_service(health)
            .add_service(reflection_v1.max_decoding_message_size(max))
            .add_service(reflection_v1alpha.max_decoding_message_size(max))
            .add_service(DiscoveryServiceServer::from_arc(discovery).max_decoding_message_size(max))
            .add_service(
                DurableServiceServer::new(DurableServer::new(Arc::clone(&self.store)))
                    .max_decoding_message_size(max),
            )
            .add_service(EnvironmentServiceServer::new(environment).max_decoding_message_size(max))
            .add_service(
                ExecutionServiceServer::new(self.execution.clone()).max_decoding_message_size(max),
            )
            .serve_with_incoming_shutdown(incoming(listener), shutdown)
            .await;
        sweeper.abort();
        deadlines.abort();
        result
    }
}

/// The accepted connections, with Nagle's algorithm off: a task, a cancel or an answer is one
/// small write that must leave at once (with it on, each waited for the peer's delayed ACK,
/// about 40 ms).
fn incoming(
    listener: TcpListener,
) -> impl tokio_stream::Stream<Item = std::io::Result<tokio::net::TcpStream>> {
    use tokio_stream::StreamExt;
    TcpListenerStream::new(listener).map(|accepted| {
        let stream = accepted?;
        stream.set_nodelay(true)?;
        Ok(stream)
    })
}

/// Deletes expired leases every `interval`; storage trouble is logged and retried next time.
async fn sweep_leases<S: DiscoveryStore>(discovery: Arc<DiscoveryServer<S>>, interval: Duration) {
    let mut ticks = tokio::time::interval(interval);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        ticks.tick().await;
        match discovery.expire_leases().await {
            Ok(0) => {}
            Ok(n) => tracing::info!(expired = n, "leases expired"),
            Err(err) => tracing::warn!(error = %err, "cannot sweep expired leases"),
        }
    }
}

const BUILT_IN: &str = "the built-in descriptor sets decode";

/// Reflection lists exactly what is served: the Flow descriptor set holds every Flow service, and
/// advertising the ones core does not serve (yet) would mislead generic tools.
fn reflection_builder<'a>(served: &[&str]) -> tonic_reflection::server::Builder<'a> {
    let builder = tonic_reflection::server::Builder::configure()
        .register_encoded_file_descriptor_set(flow_proto::FILE_DESCRIPTOR_SET)
        .register_encoded_file_descriptor_set(tonic_health::pb::FILE_DESCRIPTOR_SET)
        .register_encoded_file_descriptor_set(tonic_reflection::pb::v1::FILE_DESCRIPTOR_SET)
        .register_encoded_file_descriptor_set(tonic_reflection::pb::v1alpha::FILE_DESCRIPTOR_SET)
        .with_service_name("grpc.health.v1.Health")
        .with_service_name("grpc.reflection.v1.ServerReflection")
        .with_service_name("grpc.reflection.v1alpha.ServerReflection");
    served
        .iter()
        .fold(builder, |builder, name| builder.with_service_name(*name))
}
