//! `flow-ref-source`: serves the counting source. Prints `listening on ADDR` once ready.

use std::net::SocketAddr;

use clap::Parser;
use flow_reference::source::CountingSource;
use flow_sdk::stream::SourceAdapter;
use flow_sdk::{FlowServer, Service};

#[derive(Parser)]
#[command(about = "A Flow source emitting records with sequence numbers 0..N")]
struct Args {
    /// Address to listen on; port 0 picks a free port.
    #[arg(long, default_value = "127.0.0.1:0")]
    listen: SocketAddr,
    /// How many records the stream holds.
    #[arg(long, default_value_t = 1000)]
    records: u64,
    /// Records per batch.
    #[arg(long, default_value_t = 100, value_parser = clap::value_parser!(u64).range(1..))]
    batch_size: u64,
    /// A checkpoint after every this many batches.
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u64).range(1..))]
    checkpoint_every: u64,
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args = Args::parse();
    let service = Service::builder("flow-ref-source", env!("CARGO_PKG_VERSION"))
        .component(CountingSource::component())
        .build()?;
    let server = FlowServer::new(service);
    let source = SourceAdapter::new(
        CountingSource {
            records: args.records,
            batch_size: args.batch_size,
            checkpoint_every: args.checkpoint_every,
        },
        server.sessions(),
    )
    .into_server(server.current_limits().max_decoding_message_size);
    flow_reference::serve::run(server.add_service(source), args.listen).await?;
    Ok(())
}
