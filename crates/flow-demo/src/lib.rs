//! # flow-demo
//!
//! The end-to-end demo behind `make demo`: the Rust counting source, the Go processor and the
//! TypeScript consumer run as child processes on loopback; a flow-core [`Pipeline`] moves
//! `records` records through them; half-way the processor is killed (SIGKILL) and restarted on
//! the same address, and the pipeline resumes from its last committed checkpoint. The
//! consumer's output file is then checked line by line for duplicates and losses.
//!
//! - [`process`]: starting, reading the address of, and killing a service process;
//! - [`output`]: checking the output file by sequence number;
//! - [`run`]: the demo itself, returning a [`Summary`].

pub mod output;
pub mod process;
pub mod stats;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use flow_core::{BackoffConfig, Pipeline, PipelineConfig, PipelineStats, StageSpec};
use flow_proto::common::v1::Credit;
use flow_proto::consumer::v1::TargetStream;
use flow_proto::source::v1::{StreamSelection, SyncMode};
use flow_proto::wkt::Struct;
use indicatif::ProgressBar;

pub use stats::{Latencies, percentile, weighted_percentile};

pub use output::{OutputCheck, check_output};
pub use process::{ServiceCommand, ServiceProcess};

/// The counting source's component and stream, the Go processor's and the TS consumer's
/// components (crates/flow-reference/src/source.rs, services/go-processor/processor/config.go,
/// services/ts-consumer/src/config.ts).
const SOURCE_COMPONENT: &str = "counter";
const STREAM: &str = "numbers";
const PROCESSOR_COMPONENT: &str = "text_case";
const CONSUMER_COMPONENT: &str = "jsonl_file";

/// Bytes of each credit window: large enough that the record count always binds first.
const WINDOW_BYTES: u64 = 64 << 20;

/// How often the progress bar and the kill point are looked at.
const TICK: Duration = Duration::from_millis(50);

/// Everything the demo needs to know: where the three services are and how big a run to make.
#[derive(Debug, Clone)]
pub struct DemoConfig {
    /// The `flow-ref-source` binary.
    pub source_bin: PathBuf,
    /// The `flow-go-processor` binary.
    pub processor_bin: PathBuf,
    /// `node` (or a path to it) and the consumer's `dist/main.js`.
    pub node: PathBuf,
    pub consumer_main: PathBuf,
    /// The working directory of the services (the repository root: the consumer resolves its
    /// node_modules from there).
    pub repo_root: PathBuf,
    pub records: u64,
    /// Records per source batch.
    pub batch_size: u64,
    /// A checkpoint after every this many batches.
    pub checkpoint_every: u64,
    /// Credit window, in records, at every hop (source -> core -> processor -> core ->
    /// consumer). Several batches must fit, or each stage idles while its credit comes back;
    /// a bigger window adds queueing to the checkpoint latency without adding throughput.
    pub window_records: u32,
    /// Kill the processor once this fraction of the records is committed; `None` never.
    pub kill_at: Option<f64>,
    /// Output file, checkpoint history and service logs go here.
    pub work_dir: PathBuf,
    /// The longest the pipeline may run.
    pub timeout: Duration,
}

impl DemoConfig {
    /// The defaults for a repository checked out at `repo_root`, writing under `work_dir`.
    pub fn new(repo_root: &Path, work_dir: PathBuf) -> Self {
        Self {
            source_bin: repo_root.join("target/debug/flow-ref-source"),
            processor_bin: repo_root.join(".tools/bin/flow-go-processor"),
            node: "node".into(),
            consumer_main: repo_root.join("services/ts-consumer/dist/main.js"),
            repo_root: repo_root.to_path_buf(),
            records: 1_000_000,
            batch_size: 2000,
            checkpoint_every: 10,
            window_records: 16 * 1024,
            kill_at: Some(0.5),
            work_dir,
            timeout: Duration::from_secs(300),
        }
    }

    pub fn output_path(&self) -> PathBuf {
        self.work_dir.join("out.jsonl")
    }
}

/// What a run did, from the pipeline's stats and the output file.
#[derive(Debug, Clone)]
pub struct Summary {
    pub expected: u64,
    /// The output file, checked by sequence number.
    pub output: OutputCheck,
    /// The pipeline's own account (records and checkpoints committed, restarts).
    pub pipeline: PipelineStats,
    /// Times the demo killed and restarted the processor.
    pub processor_restarts: u32,
    /// From the pipeline's start to its end, the restart included.
    pub elapsed: Duration,
    /// Per record: from core receiving it from the source to the consumer durably committing
    /// it (the commit of the checkpoint covering it).
    pub record_latency_p50: Duration,
    pub record_latency_p99: Duration,
    /// Per checkpoint: from the source emitting it to the consumer committing it.
    pub checkpoint_latency_p50: Duration,
    pub checkpoint_latency_p99: Duration,
}

impl Summary {
    pub fn records_per_second(&self) -> f64 {
        self.output.lines as f64 / self.elapsed.as_secs_f64().max(1e-9)
    }

    /// No duplicate, loss or stray record in the output, and every record there.
    pub fn is_exact(&self) -> bool {
        self.output.is_exact() && self.output.lines == self.expected
    }

    /// The human-readable summary `make demo` prints.
    pub fn render(&self) -> String {
        let o = &self.output;
        let p = &self.pipeline;
        format!(
            "records:     {} in the output file (expected {})\n\
             duplicates:  {}\n\
             losses:      {}\n\
             stray:       {} (sequence numbers outside 0..{}), {} out of order\n\
             restarts:    {} processor kill(s) + restart(s); {} pipeline resume(s) from the last committed checkpoint\n\
             pipeline:    {} records in {} checkpoints committed{}\n\
             time:        {:.2} s, {:.0} records/s\n\
             latency:     per record (read from the source -> committed by the consumer): p50 {:.1} ms, p99 {:.1} ms\n\
             \x20            per checkpoint (source emits -> consumer commits): p50 {:.1} ms, p99 {:.1} ms\n\
             result:      {}",
            o.lines,
            self.expected,
            o.duplicates,
            o.losses,
            o.unexpected,
            self.expected,
            o.out_of_order,
            self.processor_restarts,
            p.restarts,
            p.records,
            p.checkpoints,
            p.last_error
                .as_deref()
                .map(|e| format!("; last error: {e}"))
                .unwrap_or_default(),
            self.elapsed.as_secs_f64(),
            self.records_per_second(),
            ms(self.record_latency_p50),
            ms(self.record_latency_p99),
            ms(self.checkpoint_latency_p50),
            ms(self.checkpoint_latency_p99),
            if self.is_exact() {
                "OK: every record exactly once"
            } else {
                "FAILED: duplicates or losses"
            },
        )
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// Runs the demo. `progress` shows committed records (pass `ProgressBar::hidden()` for none).
/// Every child process is killed before this returns, and also if the future is dropped.
pub async fn run(config: &DemoConfig, progress: &ProgressBar) -> Result<Summary, String> {
    std::fs::create_dir_all(&config.work_dir)
        .map_err(|e| format!("create {}: {e}", config.work_dir.display()))?;
    let (source_cmd, processor_cmd, consumer_cmd) = commands(config)?;
    let logs = &config.work_dir;
    let (source, mut processor, consumer) = tokio::try_join!(
        source_cmd.start("127.0.0.1:0", logs),
        processor_cmd.start("127.0.0.1:0", logs),
        consumer_cmd.start("127.0.0.1:0", logs),
    )?;

    let latencies = Arc::new(Mutex::new(Latencies::default()));
    let mut pipeline_config = pipeline_config(config, &source, &processor, &consumer);
    pipeline_config.on_commit = Some(Latencies::hook(&latencies));
    let mut pipeline = Pipeline::new(pipeline_config);
    let stats = pipeline.stats_handle();
    progress.set_length(config.records);
    let kill_after = config
        .kill_at
        .map(|f| (config.records as f64 * f.clamp(0.0, 1.0)) as u64);
    let mut processor_restarts = 0;

    let started = Instant::now();
    let deadline = tokio::time::sleep(config.timeout);
    let run = pipeline.run();
    tokio::pin!(run, deadline);
    let mut tick = tokio::time::interval(TICK);
    let result = loop {
        tokio::select! {
            result = &mut run => break result,
            () = &mut deadline => {
                return Err(format!("the pipeline did not finish within {:?}", config.timeout));
            }
            _ = tick.tick() => {
                let committed = lock(&stats).records;
                progress.set_position(committed);
                if processor_restarts == 0 && kill_after.is_some_and(|k| committed >= k) {
                    // The pipeline future is not polled meanwhile; that only delays it by the
                    // few milliseconds a restart takes.
                    let addr = processor.addr.clone();
                    say(progress, &format!(
                        "killing the Go processor (SIGKILL) at {committed} committed records"
                    ));
                    processor.kill().await;
                    let killed = Instant::now();
                    processor = processor_cmd.start(&addr, logs).await?;
                    processor_restarts += 1;
                    say(progress, &format!(
                        "Go processor restarted on {} in {:.0} ms",
                        processor.addr,
                        ms(killed.elapsed())
                    ));
                }
            }
        }
    };
    let elapsed = started.elapsed();
    let pipeline_stats = result.map_err(|e| format!("pipeline failed: {e}"))?;
    progress.set_position(pipeline_stats.records);
    progress.finish();
    // The file is complete (every checkpoint committed, fsync'ed); the services can go.
    drop((source, processor, consumer));

    let output = check_output(&config.output_path(), config.records)?;
    let latencies = latencies.lock().unwrap_or_else(|p| p.into_inner());
    Ok(Summary {
        expected: config.records,
        output,
        processor_restarts,
        elapsed,
        record_latency_p50: weighted_percentile(&latencies.records, 0.50),
        record_latency_p99: weighted_percentile(&latencies.records, 0.99),
        checkpoint_latency_p50: percentile(&latencies.checkpoints, 0.50),
        checkpoint_latency_p99: percentile(&latencies.checkpoints, 0.99),
        pipeline: pipeline_stats,
    })
}

/// A line above the progress bar; printed even when the bar is hidden (not a terminal), where
/// `ProgressBar::println` would drop it.
fn say(progress: &ProgressBar, line: &str) {
    progress.suspend(|| println!("{line}"));
}

fn lock(stats: &Mutex<PipelineStats>) -> std::sync::MutexGuard<'_, PipelineStats> {
    stats.lock().unwrap_or_else(|p| p.into_inner())
}

/// The three service commands, after checking that each program exists (a clear message beats
/// a spawn error).
fn commands(c: &DemoConfig) -> Result<(ServiceCommand, ServiceCommand, ServiceCommand), String> {
    for (what, path, hint) in [
        (
            "Rust source",
            &c.source_bin,
            "cargo build -p flow-reference",
        ),
        (
            "Go processor",
            &c.processor_bin,
            "cd services/go-processor && go build -o ../../.tools/bin/flow-go-processor ./cmd/flow-go-processor",
        ),
        ("TS consumer", &c.consumer_main, "make build-ts"),
    ] {
        if !path.exists() {
            return Err(format!(
                "{what} not found at {} (build it: {hint})",
                path.display()
            ));
        }
    }
    // Every service runs from the repository root: the consumer resolves its node_modules there.
    let command = |name, program: &PathBuf, args| ServiceCommand {
        name,
        program: program.clone(),
        args,
        current_dir: c.repo_root.clone(),
    };
    let source = command(
        "rust-source",
        &c.source_bin,
        flags([
            ("--records", c.records),
            ("--batch-size", c.batch_size),
            ("--checkpoint-every", c.checkpoint_every),
        ]),
    );
    let processor = command(
        "go-processor",
        &c.processor_bin,
        flags([
            ("--input-buffer-records", u64::from(c.window_records)),
            ("--input-buffer-bytes", WINDOW_BYTES),
        ]),
    );
    let consumer = command(
        "ts-consumer",
        &c.node,
        vec![c.consumer_main.to_string_lossy().into_owned()],
    );
    Ok((source, processor, consumer))
}

/// `--flag value` pairs as command-line arguments.
fn flags<const N: usize>(pairs: [(&str, u64); N]) -> Vec<String> {
    pairs
        .into_iter()
        .flat_map(|(flag, value)| [flag.to_string(), value.to_string()])
        .collect()
}

fn pipeline_config(
    c: &DemoConfig,
    source: &ServiceProcess,
    processor: &ServiceProcess,
    consumer: &ServiceProcess,
) -> PipelineConfig {
    let mut config = PipelineConfig::new(
        StageSpec {
            endpoint: source.addr.clone(),
            component: SOURCE_COMPONENT.into(),
            config: None,
        },
        StageSpec {
            endpoint: processor.addr.clone(),
            component: PROCESSOR_COMPONENT.into(),
            config: None,
        },
        StageSpec {
            endpoint: consumer.addr.clone(),
            component: CONSUMER_COMPONENT.into(),
            config: Some(Struct {
                fields: [
                    (
                        "path".to_string(),
                        c.output_path().to_string_lossy().as_ref().into(),
                    ),
                    (
                        "credit_records".to_string(),
                        f64::from(c.window_records).into(),
                    ),
                    ("credit_bytes".to_string(), (WINDOW_BYTES as f64).into()),
                ]
                .into(),
            }),
        },
    );
    config.streams = vec![StreamSelection {
        stream: STREAM.into(),
        sync_mode: SyncMode::FullRefresh as i32,
        ..Default::default()
    }];
    config.targets = vec![TargetStream {
        stream: STREAM.into(),
        name: STREAM.into(),
        ..Default::default()
    }];
    let window = Credit {
        records: c.window_records,
        bytes: WINDOW_BYTES,
    };
    config.source_credit = window;
    config.processor_credit = window;
    // Resume quickly: the demo restarts the processor at once, so the default 1 s first delay
    // would only pad the timing.
    config.backoff = BackoffConfig {
        initial: Duration::from_millis(100),
        ..BackoffConfig::default()
    };
    config.max_restarts = Some(20);
    config.sequence_of = Some(Arc::new(|r| std::str::from_utf8(&r.key).ok()?.parse().ok()));
    config
}
