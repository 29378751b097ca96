//! The task queue and the checkpoint store against the plain SQLite transactions they are made
//! of, all in this process on one machine (`make bench`; `FLOW_BENCH_QUICK=1` for a short run).
//!
//! - tasks per second through `ExecutionService` (enqueue -> dispatch on a `StreamTasks` stream
//!   over loopback gRPC -> `CompleteTask`) with 1, 4 and 16 workers, against plain SQLite write
//!   transactions (one small row each, WAL, the same `synchronous` setting) in the same file
//!   system: the ratio says what the queue costs over the storage it stands on;
//! - checkpoints per second through `DurableService.SaveCheckpoint`, 1 and 4 instances at once;
//! - time, memory (RSS growth) and database size per 100,000 queued tasks;
//! - plain transactions with `synchronous = NORMAL`, to show what core's `FULL` costs.
//!
//! Prints a table for people and `BENCH key value` lines for machines. No timing is asserted.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use flow_core::serve::execution::ExecutionSpec;
use flow_core::serve::{CoreConfig, ExecutionConfig, ExecutionServer, LocalCore};
use flow_core::store::{SqliteOptions, SqliteStore};
use flow_proto::common::v1::outcome::{Outcome as Kind, Success};
use flow_proto::common::v1::{Outcome, Payload};
use flow_proto::durable::v1::durable_service_client::DurableServiceClient;
use flow_proto::durable::v1::{RegisterInstanceRequest, SaveCheckpointRequest};
use flow_proto::execution::v1::execution_service_client::ExecutionServiceClient;
use flow_proto::execution::v1::stream_tasks_response::Event;
use flow_proto::execution::v1::{CompleteTaskRequest, StreamTasksRequest};
use tonic::transport::Channel;

struct Sizes {
    tasks: usize,
    checkpoints: usize,
    queued: usize,
}

fn sizes() -> Sizes {
    if std::env::var_os("FLOW_BENCH_QUICK").is_some() {
        Sizes {
            tasks: 300,
            checkpoints: 300,
            queued: 2_000,
        }
    } else {
        Sizes {
            tasks: 2_000,
            checkpoints: 2_000,
            queued: 20_000,
        }
    }
}

/// `n` write transactions of one small row each, as core's store opens its file.
fn plain_transactions(dir: &std::path::Path, synchronous: &str, n: usize) -> f64 {
    let conn = rusqlite::Connection::open(dir.join(format!("plain-{synchronous}.db"))).unwrap();
    conn.pragma_update(None, "journal_mode", "wal").unwrap();
    conn.pragma_update(None, "synchronous", synchronous)
        .unwrap();
    conn.execute(
        "CREATE TABLE rows (id INTEGER PRIMARY KEY, body BLOB NOT NULL)",
        [],
    )
    .unwrap();
    let body = vec![7u8; 64];
    let started = Instant::now();
    for i in 0..n {
        conn.execute_batch("BEGIN IMMEDIATE").unwrap();
        conn.execute(
            "INSERT INTO rows (id, body) VALUES (?1, ?2)",
            rusqlite::params![i as i64, body],
        )
        .unwrap();
        conn.execute_batch("COMMIT").unwrap();
    }
    n as f64 / started.elapsed().as_secs_f64()
}

/// Core's servers on a loopback port over a fresh directory.
async fn start_core() -> (LocalCore, Channel, tempfile::TempDir) {
    let data = tempfile::tempdir().unwrap();
    let core = LocalCore::start(data.path(), CoreConfig::default())
        .await
        .unwrap();
    let channel = Channel::from_shared(core.url().to_owned())
        .unwrap()
        .connect()
        .await
        .unwrap();
    (core, channel, data)
}

fn success() -> Outcome {
    Outcome {
        outcome: Some(Kind::Success(Success::default())),
    }
}

/// A worker completing every task it gets, each on its own task, until `done` reaches `total`.
async fn worker(channel: Channel, id: usize, done: Arc<AtomicUsize>, total: usize) {
    let mut client = ExecutionServiceClient::new(channel);
    let request = StreamTasksRequest {
        worker_id: format!("bench-{id}"),
        handlers: vec!["work".into()],
        max_concurrent: 8,
        ..Default::default()
    };
    let mut stream = client.stream_tasks(request).await.unwrap().into_inner();
    while done.load(Ordering::SeqCst) < total {
        let Ok(Ok(Some(message))) =
            tokio::time::timeout(Duration::from_millis(200), stream.message()).await
        else {
            continue;
        };
        if let Some(Event::Task(task)) = message.event {
            let mut client = client.clone();
            let done = Arc::clone(&done);
            tokio::spawn(async move {
                let request = CompleteTaskRequest {
                    task_token: task.task_token,
                    outcome: Some(success()),
                };
                if client
                    .complete_task(request)
                    .await
                    .unwrap()
                    .into_inner()
                    .accepted
                {
                    done.fetch_add(1, Ordering::SeqCst);
                }
            });
        }
    }
}

/// Tasks per second, enqueue to completion, with `workers` streams.
async fn queue_throughput(tasks: usize, workers: usize) -> f64 {
    let (core, channel, _data) = start_core().await;
    let queue = core.task_queue();
    let done = Arc::new(AtomicUsize::new(0));
    let running: Vec<_> = (0..workers)
        .map(|id| tokio::spawn(worker(channel.clone(), id, Arc::clone(&done), tasks)))
        .collect();
    let started = Instant::now();
    for _ in 0..tasks {
        queue.enqueue(ExecutionSpec::new("work")).await.unwrap();
    }
    while done.load(Ordering::SeqCst) < tasks {
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    let rate = tasks as f64 / started.elapsed().as_secs_f64();
    for worker in running {
        worker.await.unwrap();
    }
    rate
}

/// Checkpoints per second, `instances` saving at once.
async fn checkpoint_throughput(checkpoints: usize, instances: usize) -> f64 {
    let (_core, channel, _data) = start_core().await;
    let per_instance = checkpoints / instances;
    let started = Instant::now();
    let saving: Vec<_> = (0..instances)
        .map(|n| {
            let mut client = DurableServiceClient::new(channel.clone());
            tokio::spawn(async move {
                let instance_id = format!("bench-{n}");
                client
                    .register_instance(RegisterInstanceRequest {
                        instance_id: instance_id.clone(),
                        handler: "bench".into(),
                        ..Default::default()
                    })
                    .await
                    .unwrap();
                for seq in 0..per_instance as u64 {
                    let request = SaveCheckpointRequest {
                        instance_id: instance_id.clone(),
                        expected_seq: seq,
                        state: Some(Payload {
                            data: vec![7u8; 64].into(),
                            ..Default::default()
                        }),
                        signal_cursor: 0,
                    };
                    let saved = client.save_checkpoint(request).await.unwrap().into_inner();
                    assert!(!saved.conflict);
                }
            })
        })
        .collect();
    for instance in saving {
        instance.await.unwrap();
    }
    (per_instance * instances) as f64 / started.elapsed().as_secs_f64()
}

/// Resident memory of this process, in bytes (Linux).
fn rss() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map_or(0, |kb| kb * 1024)
}

/// Seconds, RSS growth and database growth per 100,000 queued (not dispatched) tasks.
async fn queued_cost(queued: usize) -> (f64, f64, f64) {
    let data = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(data.path(), &SqliteOptions::default()).unwrap();
    let db = store.path().to_owned();
    let queue = ExecutionServer::new(Arc::new(store), ExecutionConfig::default()).queue();
    // The database's logical size (pages in use, WAL included), not the files: the WAL file
    // keeps its high-water mark until a checkpoint truncates it.
    let size = |path: &std::path::Path| {
        let conn = rusqlite::Connection::open(path).unwrap();
        let pages: i64 = conn
            .query_row("PRAGMA page_count", [], |r| r.get(0))
            .unwrap();
        let page: i64 = conn
            .query_row("PRAGMA page_size", [], |r| r.get(0))
            .unwrap();
        (pages * page) as u64
    };
    let (rss_before, db_before) = (rss(), size(&db));
    let started = Instant::now();
    for _ in 0..queued {
        let spec = ExecutionSpec {
            input: Some(Payload {
                data: vec![7u8; 64].into(),
                ..Default::default()
            }),
            ..ExecutionSpec::new("work")
        };
        queue.enqueue(spec).await.unwrap();
    }
    let scale = 100_000.0 / queued as f64;
    let seconds = started.elapsed().as_secs_f64() * scale;
    let rss_growth = rss().saturating_sub(rss_before) as f64 * scale;
    let db_growth = size(&db).saturating_sub(db_before) as f64 * scale;
    (seconds, rss_growth, db_growth)
}

fn main() {
    let sizes = sizes();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let plain_full = plain_transactions(dir.path(), "FULL", sizes.tasks);
    let plain_normal = plain_transactions(dir.path(), "NORMAL", sizes.tasks);
    println!("Core's queue and checkpoints against plain SQLite transactions (WAL), one run:");
    println!("  plain transactions, synchronous=FULL   {plain_full:>9.0} /s");
    println!(
        "  plain transactions, synchronous=NORMAL {plain_normal:>9.0} /s  ({:.2}x FULL)",
        plain_normal / plain_full
    );
    println!("BENCH plain_txn_full_per_s {plain_full:.1}");
    println!("BENCH plain_txn_normal_per_s {plain_normal:.1}");
    for workers in [1, 4, 16] {
        let rate = runtime.block_on(queue_throughput(sizes.tasks, workers));
        println!(
            "  tasks through the queue, {workers:>2} worker(s)  {rate:>9.0} /s  ({:.3} of plain transactions)",
            rate / plain_full
        );
        println!("BENCH queue_tasks_per_s_{workers}_workers {rate:.1}");
    }
    for instances in [1, 4] {
        let rate = runtime.block_on(checkpoint_throughput(sizes.checkpoints, instances));
        println!(
            "  checkpoints, {instances} instance(s) at once    {rate:>9.0} /s  ({:.3} of plain transactions)",
            rate / plain_full
        );
        println!("BENCH checkpoints_per_s_{instances}_instances {rate:.1}");
    }
    let (seconds, rss, db) = runtime.block_on(queued_cost(sizes.queued));
    println!(
        "  per 100,000 queued tasks (from {}): {seconds:.1} s to enqueue, {:.1} MiB RSS growth, {:.1} MiB database",
        sizes.queued,
        rss / 1048576.0,
        db / 1048576.0
    );
    println!("BENCH queued_100k_seconds {seconds:.2}");
    println!("BENCH queued_100k_rss_mib {:.2}", rss / 1048576.0);
    println!("BENCH queued_100k_db_mib {:.2}", db / 1048576.0);
}
