//! `flow-ref-consumer`: serves the file consumer. Prints `listening on ADDR` once ready.

use std::path::PathBuf;

use clap::Parser;
use flow_reference::cli::{self, ServeArgs};
use flow_reference::consumer::FileConsumer;

#[derive(Parser)]
#[command(about = "A Flow consumer appending records to a JSON-lines file")]
struct Args {
    #[command(flatten)]
    serve: ServeArgs,
    /// The output file when the configuration names none.
    #[arg(long, default_value = "flow-ref-consumer.jsonl")]
    path: PathBuf,
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args = Args::parse();
    cli::serve(FileConsumer { path: args.path }, args.serve).await
}
