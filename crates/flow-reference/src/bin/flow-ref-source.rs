//! `flow-ref-source`: serves the counting source. Prints `listening on ADDR` once ready.

use clap::Parser;
use flow_reference::cli::{self, ServeArgs};
use flow_reference::source::CountingSource;

#[derive(Parser)]
#[command(about = "A Flow source emitting records with sequence numbers 0..N")]
struct Args {
    #[command(flatten)]
    serve: ServeArgs,
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
    let source = CountingSource {
        records: args.records,
        batch_size: args.batch_size,
        checkpoint_every: args.checkpoint_every,
    };
    cli::serve(source, args.serve).await
}
