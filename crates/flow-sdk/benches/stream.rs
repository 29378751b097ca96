//! Loopback throughput of the bidirectional `Process` stream, for batches of 1, 16 and 256
//! records of 1 KiB (the record of `crates/flow-proto/benches/codec.rs`'s batch256 workload).
//! Three servers see the same stream, measured in this one run so that the ratios hold on any
//! machine (`shared/design/performance.md`):
//!
//! - `raw-tcp`: the baseline. The same prost work (encode `ProcessRequest{batch}`, decode it from
//!   `Bytes`, encode `ProcessResponse{output}` echoing the batch plus a tiny credit ack, decode
//!   both) over a plain TCP socket with u32 length prefixes and the same in-flight window
//!   (1024 records, the SDK's default input credit). No HTTP/2, no protocol checks.
//! - `rust-sdk`: an identity [`Processor`] served by [`FlowServer`] (8 MiB HTTP/2 windows),
//!   driven by flow-core's [`ProcessorSession`] over a handshaken connection.
//! - `go-processor`: `services/go-processor` in `passthrough` mode (grpc-go, its own defaults),
//!   built with `go build` into a temporary directory and driven the same way. Skipped, with a
//!   message, when `go` is missing.
//!
//! Both gRPC variants go through the full driver: it checks credit and ordering on every message,
//! exactly what core will pay. Core grants unlimited output credit up front, so the only flow
//! control is the processor's input credit, as in the baseline. The clock runs from the open
//! stream to the last output record received; connecting and the handshake are not timed.
//!
//! `cargo bench -p flow-sdk --bench stream` prints `BENCH <variant> stream<N> records_per_s|mb_per_s
//! <x>` lines, `BENCH ratio stream<N> sdk_over_raw_tcp|sdk_over_go <x>` lines and a table; MB are
//! 1e6 bytes of encoded `RecordBatch`, one way. Without `--bench` (`cargo test --benches`) it
//! runs a few records of each variant only, as a smoke test.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::{BufMut, Bytes, BytesMut};
use flow_core::{Backoff, ConnectOptions, ProcessorEvent, ProcessorSession, connect_with};
use flow_proto::common::v1::{Credit, Failure, Payload, Record, RecordBatch, Role};
use flow_proto::processor::v1::{
    ProcessOutput, ProcessRequest, ProcessResponse, ProcessStart, process_request, process_response,
};
use flow_sdk::stream::{Processed, Processor, ProcessorAdapter, ProcessorRun};
use flow_sdk::{Component, FlowServer, Service};
use prost::Message;
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::process::{Child, Command};
use tokio::sync::{Semaphore, mpsc};

type BoxError = Box<dyn std::error::Error + Send + Sync>;
type Result<T, E = BoxError> = std::result::Result<T, E>;

/// Records in flight: the SDK's and the Go processor's default input credit (1024 records,
/// 8 MiB; with 1 KiB records the record count binds first).
const WINDOW_RECORDS: u32 = 1024;
/// The output batch limit every variant is started with (the SDK's default).
const MAX_BATCH_BYTES: u64 = 4 << 20;
/// Frames larger than this are a broken baseline, not data.
const MAX_FRAME: usize = 64 << 20;
/// Timed runs per variant and batch size; the median is reported.
const RUNS: usize = 3;

/// A batch size and how many records to push through at it: about the same wall time each.
struct Workload {
    batch: usize,
    records: u64,
}

const WORKLOADS: [Workload; 3] = [
    Workload {
        batch: 1,
        records: 20_000,
    },
    Workload {
        batch: 16,
        records: 100_000,
    },
    Workload {
        batch: 256,
        records: 200_000,
    },
];

/// The codec bench's batch256 record `i`: 16 B key, 1 KiB data, 2 metadata entries,
/// 2 attributes, a timestamp, an 8 B position.
fn record(i: u32) -> Record {
    Record {
        key: Bytes::from(format!("key-{i:012}")),
        value: Some(Payload {
            metadata: [
                ("encoding".to_owned(), Bytes::from_static(b"binary/plain")),
                (
                    "message_type".to_owned(),
                    Bytes::from_static(b"flow.bench.v1.Blob"),
                ),
            ]
            .into(),
            data: (0..1024u32).map(|j| ((i * 31 + j) % 251) as u8).collect(),
        }),
        attributes: [
            ("source".to_owned(), "bench".to_owned()),
            ("partition".to_owned(), (i % 8).to_string()),
        ]
        .into(),
        event_time: Some(flow_proto::wkt::Timestamp {
            seconds: 1_700_000_000 + i64::from(i),
            nanos: 123_456_789,
        }),
        position: Bytes::copy_from_slice(&u64::from(i).to_be_bytes()),
    }
}

/// What one variant is asked to push: `batches` clones of `template`, numbered from 1. Cloning
/// is part of every variant's work (a driver hands its batch over by value).
struct Job {
    template: RecordBatch,
    batches: u64,
}

impl Job {
    fn new(batch: usize, records: u64) -> Self {
        Job {
            template: RecordBatch {
                batch_id: 0,
                stream: "orders".into(),
                records: (0..batch as u32).map(record).collect(),
            },
            batches: records.div_ceil(batch as u64),
        }
    }

    fn batch(&self, index: u64) -> RecordBatch {
        let mut batch = self.template.clone();
        batch.batch_id = index + 1;
        batch
    }

    fn records(&self) -> u64 {
        self.batches * self.template.records.len() as u64
    }

    fn bytes(&self) -> u64 {
        self.batches * self.template.encoded_len() as u64
    }
}

// --- rust-sdk: an identity processor behind FlowServer --------------------------------------

struct Identity;

struct IdentityRun;

#[tonic::async_trait]
impl Processor for Identity {
    type Run = IdentityRun;

    async fn start(&self, _start: &ProcessStart) -> Result<IdentityRun, Failure> {
        Ok(IdentityRun)
    }
}

#[tonic::async_trait]
impl ProcessorRun for IdentityRun {
    async fn process(&mut self, batch: RecordBatch) -> Result<Processed, Failure> {
        Ok(Processed {
            batches: vec![batch],
            errors: Vec::new(),
        })
    }
}

/// Serves the identity processor on a loopback port until the process ends.
async fn start_sdk_server() -> Result<String> {
    let service = Service::builder("stream-bench", env!("CARGO_PKG_VERSION"))
        .component(Component::new("identity", Role::Processor))
        .build()?;
    let server = FlowServer::new(service);
    let processor = ProcessorAdapter::new(Identity, server.sessions())
        .into_server(server.current_limits().max_decoding_message_size);
    let bound = server
        .add_service(processor)
        .bind("127.0.0.1:0".parse()?)
        .await?;
    let addr = bound.local_addr().to_string();
    tokio::spawn(async move {
        if let Err(e) = bound.serve().await {
            eprintln!("stream bench: SDK server: {e}");
        }
    });
    Ok(addr)
}

// --- both gRPC variants: flow-core's ProcessorSession ---------------------------------------

/// Pushes `job` through a fresh connection to `addr` and returns the time from the open stream
/// to the last output record.
async fn run_session(addr: &str, start: &ProcessStart, job: &Job) -> Result<Duration> {
    let opts = ConnectOptions {
        max_attempts: Some(5),
        ..ConnectOptions::default()
    };
    let conn = connect_with(addr, &opts, &mut Backoff::default()).await?;
    let mut session = ProcessorSession::start(&mut conn.processor(), start.clone()).await?;
    let began = Instant::now();
    let (mut sent, mut received) = (0u64, 0u64);
    while received < job.records() {
        // Everything the processor's credit allows goes out before we wait for an answer.
        while sent < job.batches && session.fits(&job.template) {
            session.send_batch(job.batch(sent)).await?;
            sent += 1;
        }
        match session.next_event().await? {
            Some(ProcessorEvent::Output(out)) => {
                received += out
                    .batches
                    .iter()
                    .map(|b| b.records.len() as u64)
                    .sum::<u64>();
            }
            Some(_) => {}
            None => return Err("the processor ended the stream before the last output".into()),
        }
    }
    let elapsed = began.elapsed();
    if received != job.records() {
        return Err(format!("{received} records came back, {} sent", job.records()).into());
    }
    session.drain("benchmark done", true).await?;
    while session.next_event().await?.is_some() {}
    Ok(elapsed)
}

/// The `start` of every gRPC run: unlimited output credit, so only input credit paces.
fn process_start(component: &str, config: Option<flow_proto::wkt::Struct>) -> ProcessStart {
    ProcessStart {
        component: component.into(),
        config,
        initial_credit: Some(Credit {
            records: u32::MAX,
            bytes: u64::MAX,
        }),
        max_batch_bytes: MAX_BATCH_BYTES,
        ..ProcessStart::default()
    }
}

// --- go-processor: the Go reference service as a child process -----------------------------

/// The built Go processor, running; killed (and its build directory removed) on [`stop`].
///
/// [`stop`]: GoProcessor::stop
struct GoProcessor {
    child: Child,
    dir: PathBuf,
    addr: String,
}

impl GoProcessor {
    /// Builds `services/go-processor` into a temporary directory and starts it; `None`, with a
    /// message, when that is not possible here.
    async fn start() -> Option<GoProcessor> {
        let dir = std::env::temp_dir().join(format!("flow-stream-bench-{}", std::process::id()));
        let bin = dir.join("flow-go-processor");
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let built = Command::new("go")
            .args(["build", "-o"])
            .arg(&bin)
            .arg("./cmd/flow-go-processor")
            .current_dir(root.join("services/go-processor"))
            .status()
            .await;
        if !matches!(&built, Ok(status) if status.success()) {
            eprintln!("stream bench: SKIP go-processor: go build failed ({built:?})");
            let _ = std::fs::remove_dir_all(&dir);
            return None;
        }
        match Self::spawn(&bin).await {
            Ok((child, addr)) => Some(GoProcessor { child, dir, addr }),
            Err(e) => {
                eprintln!("stream bench: SKIP go-processor: {e}");
                let _ = std::fs::remove_dir_all(&dir);
                None
            }
        }
    }

    async fn spawn(bin: &Path) -> Result<(Child, String)> {
        let mut child = Command::new(bin)
            .args(["--listen", "127.0.0.1:0"])
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .kill_on_drop(true)
            .spawn()?;
        let stdout = child.stdout.take().ok_or("no stdout")?;
        let mut lines = BufReader::new(stdout).lines();
        let addr = tokio::time::timeout(Duration::from_secs(10), async {
            while let Some(line) = lines.next_line().await? {
                if let Some(addr) = line.strip_prefix("listening on ") {
                    return Ok::<_, BoxError>(addr.trim().to_owned());
                }
            }
            Err("exited before printing `listening on`".into())
        })
        .await
        .map_err(|_| "no `listening on` line within 10 s")??;
        // Keep reading, so that the child never blocks on a full pipe.
        tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
        Ok((child, addr))
    }

    async fn stop(mut self) {
        let _ = self.child.kill().await;
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

// --- raw-tcp: the baseline ------------------------------------------------------------------

/// `message` behind its u32 big-endian length.
fn frame(message: &impl Message) -> Bytes {
    let len = message.encoded_len();
    let mut buf = BytesMut::with_capacity(4 + len);
    buf.put_u32(len as u32);
    message
        .encode(&mut buf)
        .expect("the buffer was sized to fit");
    buf.freeze()
}

/// The next frame's body, `None` at a clean end of stream.
async fn read_frame(reader: &mut (impl AsyncRead + Unpin)) -> Result<Option<Bytes>> {
    let len = match reader.read_u32().await {
        Ok(len) => len as usize,
        Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => return Ok(None),
        Err(e) => return Err(e.into()),
    };
    if len > MAX_FRAME {
        return Err(format!("frame of {len} bytes, over {MAX_FRAME}").into());
    }
    let mut body = vec![0; len];
    reader.read_exact(&mut body).await?;
    Ok(Some(Bytes::from(body)))
}

/// Writes queued frames, flushing only when the queue is empty: a frame per syscall would make
/// the baseline slower than it needs to be for small batches.
async fn write_frames(
    writer: impl AsyncWrite + Unpin,
    mut frames: mpsc::Receiver<Bytes>,
) -> Result<()> {
    let mut writer = tokio::io::BufWriter::with_capacity(64 << 10, writer);
    while let Some(frame) = frames.recv().await {
        writer.write_all(&frame).await?;
        while let Ok(frame) = frames.try_recv() {
            writer.write_all(&frame).await?;
        }
        writer.flush().await?;
    }
    writer.shutdown().await?;
    Ok(())
}

/// The baseline's processor for one connection: every batch comes back as an output, followed
/// by a credit ack for its records.
async fn raw_serve(socket: TcpStream) -> Result<()> {
    socket.set_nodelay(true)?;
    let (read, write) = socket.into_split();
    let (tx, rx) = mpsc::channel(64);
    let writer = tokio::spawn(write_frames(write, rx));
    let mut read = BufReader::with_capacity(64 << 10, read);
    while let Some(body) = read_frame(&mut read).await? {
        let request = ProcessRequest::decode(body.clone())?;
        let Some(process_request::Kind::Batch(batch)) = request.kind else {
            return Err("the baseline only carries batches".into());
        };
        let records = batch.records.len() as u32;
        let output = ProcessResponse {
            instruction_id: request.instruction_id.clone(),
            kind: Some(process_response::Kind::Output(ProcessOutput {
                input_batch_id: batch.batch_id,
                batches: vec![batch],
                errors: Vec::new(),
                complete: true,
            })),
        };
        let ack = ProcessResponse {
            instruction_id: request.instruction_id,
            kind: Some(process_response::Kind::Credit(Credit {
                records,
                bytes: body.len() as u64,
            })),
        };
        for message in [output, ack] {
            if tx.send(frame(&message)).await.is_err() {
                return Err("the baseline writer stopped".into());
            }
        }
    }
    drop(tx);
    writer.await?
}

/// Accepts baseline connections until the runtime ends.
async fn start_raw_server() -> Result<String> {
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?.to_string();
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            tokio::spawn(async move {
                if let Err(e) = raw_serve(socket).await {
                    eprintln!("stream bench: raw-tcp server: {e}");
                }
            });
        }
    });
    Ok(addr)
}

/// Pushes `job` through a fresh baseline connection, within a window of [`WINDOW_RECORDS`].
async fn run_raw(addr: &str, job: &Arc<Job>) -> Result<Duration> {
    let socket = TcpStream::connect(addr).await?;
    socket.set_nodelay(true)?;
    let (read, write) = socket.into_split();
    let window = Arc::new(Semaphore::new(WINDOW_RECORDS as usize));
    let began = Instant::now();
    let (tx, rx) = mpsc::channel(64);
    let writer = tokio::spawn(write_frames(write, rx));
    let sender = tokio::spawn({
        let (job, window) = (job.clone(), window.clone());
        async move {
            let per_batch = job.template.records.len() as u32;
            for index in 0..job.batches {
                window.acquire_many(per_batch).await?.forget();
                let request = ProcessRequest {
                    instruction_id: "raw".into(),
                    kind: Some(process_request::Kind::Batch(job.batch(index))),
                };
                if tx.send(frame(&request)).await.is_err() {
                    return Err::<(), BoxError>("the baseline writer stopped".into());
                }
            }
            Ok(())
        }
    });
    let mut read = BufReader::with_capacity(64 << 10, read);
    let mut received = 0u64;
    while received < job.records() {
        let body = read_frame(&mut read)
            .await?
            .ok_or("the baseline server closed early")?;
        match ProcessResponse::decode(body)?.kind {
            Some(process_response::Kind::Output(out)) => {
                received += out
                    .batches
                    .iter()
                    .map(|b| b.records.len() as u64)
                    .sum::<u64>();
            }
            Some(process_response::Kind::Credit(credit)) => {
                window.add_permits(credit.records as usize);
            }
            _ => return Err("unexpected baseline response".into()),
        }
    }
    let elapsed = began.elapsed();
    sender.await??;
    writer.await??;
    Ok(elapsed)
}

// --- the run --------------------------------------------------------------------------------

#[derive(Clone, Copy, PartialEq, Eq)]
enum Variant {
    RawTcp,
    RustSdk,
    Go,
}

impl Variant {
    fn name(self) -> &'static str {
        match self {
            Variant::RawTcp => "raw-tcp",
            Variant::RustSdk => "rust-sdk",
            Variant::Go => "go-processor",
        }
    }
}

struct Targets {
    raw: String,
    sdk: String,
    go: Option<String>,
}

impl Targets {
    async fn run(&self, variant: Variant, job: &Arc<Job>) -> Result<Option<Duration>> {
        Ok(Some(match variant {
            Variant::RawTcp => run_raw(&self.raw, job).await?,
            Variant::RustSdk => {
                run_session(&self.sdk, &process_start("identity", None), job).await?
            }
            Variant::Go => {
                let Some(addr) = &self.go else {
                    return Ok(None);
                };
                let config = flow_proto::wkt::Struct {
                    fields: [("mode".to_owned(), "passthrough".into())].into(),
                };
                run_session(addr, &process_start("text_case", Some(config)), job).await?
            }
        }))
    }
}

/// Throughput of one variant at one batch size: the median of the timed runs.
#[derive(Clone, Copy)]
struct Rate {
    records_per_s: f64,
    mb_per_s: f64,
}

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

async fn measure(targets: &Targets, workload: &Workload, runs: usize) -> Result<Vec<Option<Rate>>> {
    let variants = [Variant::RawTcp, Variant::RustSdk, Variant::Go];
    let job = Arc::new(Job::new(workload.batch, workload.records));
    // Warm every variant up (connections, allocator, Go's heap) on a tenth of the work.
    let warm = Arc::new(Job::new(workload.batch, (workload.records / 10).max(1)));
    for variant in variants {
        targets.run(variant, &warm).await?;
    }
    let mut times: Vec<Vec<Duration>> = vec![Vec::new(); variants.len()];
    // Interleaved, so that a slow moment of the machine does not land on one variant only.
    for _ in 0..runs {
        for (i, variant) in variants.into_iter().enumerate() {
            if let Some(elapsed) = targets.run(variant, &job).await? {
                times[i].push(elapsed);
            }
        }
    }
    Ok(times
        .into_iter()
        .map(|runs| {
            (!runs.is_empty()).then(|| {
                let secs = median(runs).as_secs_f64();
                Rate {
                    records_per_s: job.records() as f64 / secs,
                    mb_per_s: job.bytes() as f64 / secs / 1e6,
                }
            })
        })
        .collect())
}

fn ratio(a: Option<Rate>, b: Option<Rate>) -> Option<f64> {
    Some(a?.records_per_s / b?.records_per_s)
}

/// The goal for SDK / raw TCP at a batch size (`performance.md`); none between the two points.
fn raw_goal(batch: usize) -> Option<f64> {
    match batch {
        1 => Some(0.5),
        256 => Some(0.8),
        _ => None,
    }
}

/// The goal for SDK / grpc-go.
const GO_GOAL: f64 = 1.5;

fn verdict(value: Option<f64>, goal: Option<f64>) -> String {
    match (value, goal) {
        (None, _) => "-".into(),
        (Some(v), None) => format!("{v:.2}"),
        (Some(v), Some(g)) => {
            let met = if v >= g { "met" } else { "MISSED" };
            format!("{v:.2} (>= {g}: {met})")
        }
    }
}

#[tokio::main]
async fn main() -> Result<()> {
    // `cargo bench` passes `--bench`; `cargo test --benches` does not: then only check that
    // every variant works, on a few records.
    let full = std::env::args().any(|a| a == "--bench");
    let go = GoProcessor::start().await;
    let targets = Targets {
        raw: start_raw_server().await?,
        sdk: start_sdk_server().await?,
        go: go.as_ref().map(|g| g.addr.clone()),
    };
    let mut rows = Vec::new();
    let outcome = async {
        for workload in &WORKLOADS {
            let (workload, runs) = if full {
                (
                    Workload {
                        batch: workload.batch,
                        records: workload.records,
                    },
                    RUNS,
                )
            } else {
                (
                    Workload {
                        batch: workload.batch,
                        records: 4 * workload.batch as u64,
                    },
                    1,
                )
            };
            let rates = measure(&targets, &workload, runs).await?;
            let name = format!("stream{}", workload.batch);
            let variants = [Variant::RawTcp, Variant::RustSdk, Variant::Go];
            for (variant, rate) in variants.iter().zip(&rates) {
                if let Some(rate) = rate {
                    let v = variant.name();
                    println!("BENCH {v} {name} records_per_s {:.0}", rate.records_per_s);
                    println!("BENCH {v} {name} mb_per_s {:.1}", rate.mb_per_s);
                }
            }
            let over_raw = ratio(rates[1], rates[0]);
            let over_go = ratio(rates[1], rates[2]);
            if let Some(r) = over_raw {
                println!("BENCH ratio {name} sdk_over_raw_tcp {r:.3}");
            }
            if let Some(r) = over_go {
                println!("BENCH ratio {name} sdk_over_go {r:.3}");
            }
            rows.push((workload.batch, rates, over_raw, over_go));
        }
        Ok::<_, BoxError>(())
    }
    .await;
    if let Some(go) = go {
        go.stop().await;
    }
    outcome?;

    let cell = |rate: &Option<Rate>| {
        rate.map_or("-".to_owned(), |r| {
            format!("{:.0} rec/s {:.1} MB/s", r.records_per_s, r.mb_per_s)
        })
    };
    println!(
        "\nProcess stream on loopback, 1 KiB records, window {WINDOW_RECORDS} records, median of {} run(s); MB = 1e6 bytes of RecordBatch one way",
        if full { RUNS } else { 1 }
    );
    println!(
        "{:<6} {:>30} {:>30} {:>30}  {:<24} SDK/Go",
        "batch", "raw-tcp", "rust-sdk", "go-processor", "SDK/raw-tcp"
    );
    for (batch, rates, over_raw, over_go) in rows {
        println!(
            "{batch:<6} {:>30} {:>30} {:>30}  {:<24} {}",
            cell(&rates[0]),
            cell(&rates[1]),
            cell(&rates[2]),
            verdict(over_raw, raw_goal(batch)),
            verdict(over_go, Some(GO_GOAL)),
        );
    }
    Ok(())
}
