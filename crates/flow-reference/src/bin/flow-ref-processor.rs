//! `flow-ref-processor`: serves the identity/uppercase processor. Prints `listening on ADDR`.

use std::net::SocketAddr;

use clap::Parser;
use flow_reference::processor::{CaseProcessor, Mode};
use flow_sdk::stream::ProcessorAdapter;
use flow_sdk::{FlowServer, Service};

#[derive(Parser)]
#[command(about = "A Flow processor passing records through or upper-casing their values")]
struct Args {
    /// Address to listen on; port 0 picks a free port.
    #[arg(long, default_value = "127.0.0.1:0")]
    listen: SocketAddr,
    /// The mode when the configuration names none.
    #[arg(long, value_enum, default_value_t = Mode::Identity)]
    mode: Mode,
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args = Args::parse();
    let service = Service::builder("flow-ref-processor", env!("CARGO_PKG_VERSION"))
        .component(CaseProcessor::component())
        .build()?;
    let server = FlowServer::new(service);
    let processor = ProcessorAdapter::new(CaseProcessor { mode: args.mode }, server.sessions())
        .into_server(server.current_limits().max_decoding_message_size);
    flow_reference::serve::run(server.add_service(processor), args.listen).await?;
    Ok(())
}
