//! `flow-ref-processor`: serves the identity/uppercase processor. Prints `listening on ADDR`.

use clap::Parser;
use flow_reference::cli::{self, ServeArgs};
use flow_reference::processor::{CaseProcessor, Mode};

#[derive(Parser)]
#[command(about = "A Flow processor passing records through or upper-casing their values")]
struct Args {
    #[command(flatten)]
    serve: ServeArgs,
    /// The mode when the configuration names none.
    #[arg(long, value_enum, default_value_t = Mode::Identity)]
    mode: Mode,
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args = Args::parse();
    cli::serve(CaseProcessor { mode: args.mode }, args.serve).await
}
