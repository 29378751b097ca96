//! `flow-demo`: runs the demo (see the library docs) with a progress bar, prints the summary,
//! and exits non-zero unless every record reached the output file exactly once.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;
use flow_demo::DemoConfig;
use indicatif::{ProgressBar, ProgressStyle};

#[derive(Parser)]
#[command(
    about = "Rust source -> Go processor -> TS consumer over loopback, the processor killed half-way; checks the output for duplicates and losses"
)]
struct Args {
    /// Records to move.
    #[arg(long, default_value_t = 1_000_000, value_parser = clap::value_parser!(u64).range(1..))]
    records: u64,
    /// Records per source batch.
    #[arg(long, default_value_t = 2000, value_parser = clap::value_parser!(u64).range(1..))]
    batch_size: u64,
    /// A checkpoint after every this many batches.
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..))]
    checkpoint_every: u64,
    /// Credit window at every hop, in records.
    #[arg(long, default_value_t = 16 * 1024, value_parser = clap::value_parser!(u32).range(1..))]
    window_records: u32,
    /// Kill the processor once this fraction of the records is committed (>= 1: never).
    #[arg(long, default_value_t = 0.5)]
    kill_at: f64,
    /// The repository root; the paths below are relative to it.
    #[arg(long, default_value = ".")]
    repo_root: PathBuf,
    /// The Rust source binary.
    #[arg(long, default_value = "target/debug/flow-ref-source")]
    source_bin: PathBuf,
    /// The Go processor binary.
    #[arg(long, default_value = ".tools/bin/flow-go-processor")]
    processor_bin: PathBuf,
    /// The TS consumer's entry point (run with `node`).
    #[arg(long, default_value = "services/ts-consumer/dist/main.js")]
    consumer_main: PathBuf,
    /// The node executable.
    #[arg(long, default_value = "node")]
    node: PathBuf,
    /// Where the output file and service logs go; a fresh temporary directory by default
    /// (removed after a successful run, kept after a failure).
    #[arg(long)]
    work_dir: Option<PathBuf>,
    /// Longest the pipeline may run, in seconds.
    #[arg(long, default_value_t = 300)]
    timeout_secs: u64,
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = Args::parse();
    let root = std::path::absolute(&args.repo_root).unwrap_or(args.repo_root.clone());
    let temp = args.work_dir.is_none();
    let work_dir = args
        .work_dir
        .clone()
        .unwrap_or_else(|| std::env::temp_dir().join(flow_core::new_instruction_id("flow-demo")));
    let mut config = DemoConfig::new(&root, work_dir.clone());
    config.source_bin = under(&root, &args.source_bin);
    config.processor_bin = under(&root, &args.processor_bin);
    config.consumer_main = under(&root, &args.consumer_main);
    config.node = args.node;
    config.records = args.records;
    config.batch_size = args.batch_size;
    config.checkpoint_every = args.checkpoint_every;
    config.window_records = args.window_records;
    config.kill_at = (args.kill_at < 1.0).then_some(args.kill_at);
    config.timeout = Duration::from_secs(args.timeout_secs);

    println!(
        "flow demo: {} records, Rust source -> Go processor -> TS consumer on 127.0.0.1, \
         batches of {}, a checkpoint every {} batches; work dir {}",
        config.records,
        config.batch_size,
        config.checkpoint_every,
        work_dir.display()
    );
    let progress = ProgressBar::new(config.records);
    progress.set_style(
        ProgressStyle::with_template(
            "{elapsed_precise} [{bar:40}] {human_pos}/{human_len} committed, {per_sec}, eta {eta}",
        )
        .expect("a valid template")
        .progress_chars("=> "),
    );
    progress.enable_steady_tick(Duration::from_millis(200));

    // Ctrl-C drops the demo future, and with it the child processes (killed on drop).
    let result = tokio::select! {
        r = flow_demo::run(&config, &progress) => r,
        _ = tokio::signal::ctrl_c() => Err("interrupted".to_string()),
    };
    progress.finish_and_clear();
    match result {
        Ok(summary) => {
            println!("{}", summary.render());
            if summary.is_exact() {
                if temp {
                    let _ = std::fs::remove_dir_all(&work_dir);
                }
                ExitCode::SUCCESS
            } else {
                eprintln!("output kept in {}", work_dir.display());
                ExitCode::FAILURE
            }
        }
        Err(e) => {
            eprintln!(
                "flow-demo: {e}\n(output and service logs in {})",
                work_dir.display()
            );
            ExitCode::FAILURE
        }
    }
}

/// `path` as given when absolute, else under the repository root.
fn under(root: &Path, path: &Path) -> PathBuf {
    if path.is_absolute() {
        path.to_path_buf()
    } else {
        root.join(path)
    }
}
