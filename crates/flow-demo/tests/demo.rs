//! The demo's logic at a small size: 20,000 records through the real services, the processor
//! killed half-way, and the output file must hold every record exactly once. Skipped, with a
//! message, when a service cannot be found or built.

use std::path::{Path, PathBuf};
use std::time::Duration;

use flow_demo::DemoConfig;
use indicatif::ProgressBar;

// The Go processor built fresh into the test's temp dir (a stale `.tools/bin` copy cannot hide a
// change) and the TS consumer's build checked, as flow-core's end-to-end tests do.
#[path = "../../flow-core/tests/common/prerequisites.rs"]
mod prerequisites;

use prerequisites::{go_processor_binary, repo_root, ts_consumer_ready};

/// The Rust source: the workspace's debug build (`cargo build` / `make build-rust` make it).
fn source_binary(root: &Path) -> Option<PathBuf> {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"));
    let bin = target.join("debug/flow-ref-source");
    if bin.exists() {
        Some(bin)
    } else {
        eprintln!(
            "SKIP: {} missing: run `cargo build -p flow-reference`",
            bin.display()
        );
        None
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn twenty_thousand_records_survive_a_processor_kill_exactly_once() {
    let root = std::path::absolute(repo_root()).unwrap();
    let Some(source_bin) = source_binary(&root) else {
        return;
    };
    if !ts_consumer_ready(&root) {
        return;
    }
    let Some(processor_bin) = go_processor_binary() else {
        return;
    };
    let work_dir =
        Path::new(env!("CARGO_TARGET_TMPDIR")).join(flow_core::new_instruction_id("flow-demo"));
    let mut config = DemoConfig::new(&root, work_dir.clone());
    config.source_bin = source_bin;
    config.processor_bin = processor_bin;
    config.records = 20_000;
    config.batch_size = 500;
    config.checkpoint_every = 4;
    config.timeout = Duration::from_secs(120);

    let summary = flow_demo::run(&config, &ProgressBar::hidden())
        .await
        .expect("the demo runs");
    println!("{}", summary.render());
    assert_eq!(
        summary.processor_restarts, 1,
        "the processor was killed once"
    );
    assert!(
        summary.pipeline.restarts >= 1,
        "the pipeline resumed after the kill"
    );
    assert_eq!(summary.output.lines, 20_000);
    assert_eq!(
        (summary.output.duplicates, summary.output.losses),
        (0, 0),
        "{summary:?}"
    );
    assert!(summary.is_exact());
    assert_eq!(summary.pipeline.records, 20_000);
    std::fs::remove_dir_all(&work_dir).unwrap();
}
