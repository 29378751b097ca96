//! `flow-ref-consumer`: serves the file consumer. Prints `listening on ADDR` once ready.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::Parser;
use flow_reference::consumer::FileConsumer;
use flow_sdk::stream::ConsumerAdapter;
use flow_sdk::{FlowServer, Service};

#[derive(Parser)]
#[command(about = "A Flow consumer appending records to a JSON-lines file")]
struct Args {
    /// Address to listen on; port 0 picks a free port.
    #[arg(long, default_value = "127.0.0.1:0")]
    listen: SocketAddr,
    /// The output file when the configuration names none.
    #[arg(long, default_value = "flow-ref-consumer.jsonl")]
    path: PathBuf,
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args = Args::parse();
    let service = Service::builder("flow-ref-consumer", env!("CARGO_PKG_VERSION"))
        .component(FileConsumer::component())
        .build()?;
    let server = FlowServer::new(service);
    let consumer = ConsumerAdapter::new(FileConsumer { path: args.path }, server.sessions())
        .into_server(server.current_limits().max_decoding_message_size);
    flow_reference::serve::run(server.add_service(consumer), args.listen).await?;
    Ok(())
}
