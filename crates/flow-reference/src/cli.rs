//! The command line the one-component reference binaries share: `--listen`, `--core` and
//! `--advertise`, and serving one component as its own service until Ctrl-C. The flags, the `listening on ADDR`
//! line and the exit codes are a contract checked from outside: they live here once.

use std::error::Error;
use std::net::SocketAddr;

use flow_sdk::stream::{ConsumerAdapter, ProcessorAdapter, SourceAdapter};
use flow_sdk::{Component, FlowServer, Service};
use tonic::transport::Endpoint;

use crate::consumer::FileConsumer;
use crate::processor::CaseProcessor;
use crate::source::CountingSource;

/// `--listen`, `--core` and `--advertise`, flattened into each binary's arguments.
#[derive(Debug, Clone, clap::Args)]
pub struct ServeArgs {
    /// Address to listen on; port 0 picks a free port.
    #[arg(long, default_value = "127.0.0.1:0")]
    pub listen: SocketAddr,
    /// Core's endpoint (e.g. `http://127.0.0.1:7233`): register there with its discovery, keep
    /// the lease renewed, deregister on shutdown.
    #[arg(long)]
    pub core: Option<Endpoint>,
    /// The endpoint core and others reach this service at; default `http://` and the bound
    /// address.
    #[arg(long, requires = "core")]
    pub advertise: Option<String>,
}

/// A reference component that is also a binary: the name it serves under, and how its stream
/// service joins a server.
pub trait Served: Sized {
    /// The binary's and the service's name.
    const SERVICE: &'static str;
    /// The component's description (its schema and callbacks).
    fn served_component() -> Component;
    /// Adds the component's stream service, behind the SDK adapter of its role, to `server`.
    fn add_to(self, server: FlowServer) -> FlowServer;
}

/// Implements [`Served`] for each component with the adapter its role is served through.
macro_rules! served {
    ($($component:ident => $service:literal via $adapter:ident),* $(,)?) => {$(
        impl Served for $component {
            const SERVICE: &'static str = $service;

            fn served_component() -> Component {
                $component::component()
            }

            fn add_to(self, server: FlowServer) -> FlowServer {
                let max_message = server.current_limits().max_decoding_message_size;
                let stream = $adapter::new(self, server.sessions()).into_server(max_message);
                server.add_service(stream)
            }
        }
    )*};
}

served! {
    CountingSource => "flow-ref-source" via SourceAdapter,
    CaseProcessor => "flow-ref-processor" via ProcessorAdapter,
    FileConsumer => "flow-ref-consumer" via ConsumerAdapter,
}

/// Serves `component` as its own service on `--listen` until Ctrl-C ([`crate::serve::run`]).
pub async fn serve<C: Served>(component: C, args: ServeArgs) -> Result<(), Box<dyn Error>> {
    let service = Service::builder(C::SERVICE, env!("CARGO_PKG_VERSION"))
        .component(C::served_component())
        .build()?;
    crate::serve::run(component.add_to(FlowServer::new(service)), &args).await
}
