//! `flow-core`: Flow core's reference server.
//!
//! `flow-core serve --listen ADDR --data DIR` serves core's services on ADDR (port 0 picks a free
//! port) with its state in `DIR/core.db` (and the output of the instances it runs in
//! `DIR/instances/<id>/`), prints `listening on ADDR` once it accepts connections,
//! and stops on Ctrl-C or SIGTERM. Exit status: 0 after a clean stop, 1 when it cannot start or
//! serve, 2 for a bad command line.
//!
//! `flow-core tasks enqueue|status|wait --data DIR ...` works on the task queue in `DIR` directly
//! (beside a running `flow-core serve`, which picks new work up within a second): how scripts
//! and tests in any language put work in front of workers before the job service exists.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use std::sync::Arc;

use clap::{Parser, Subcommand};
use flow_core::serve::execution::{ExecutionSpec, TaskQueue};
use flow_core::serve::{
    CoreConfig, CoreServer, EnvironmentConfig, ExecutionConfig, ExecutionServer, LeasePolicy,
};
use flow_core::store::{ExecutionStatus, SqliteOptions, SqliteStore};
use flow_proto::common::v1::{Payload, RetryPolicy};

#[derive(Debug, Parser)]
#[command(name = "flow-core", version, about = "Flow core's reference server")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve core's services until Ctrl-C or SIGTERM.
    Serve(ServeArgs),
    /// Work on the task queue of a data directory.
    #[command(subcommand)]
    Tasks(TasksCommand),
}

#[derive(Debug, Subcommand)]
enum TasksCommand {
    /// Queue an execution; prints its id.
    Enqueue(EnqueueArgs),
    /// Print an execution's state as JSON: `{"executionId", "state", "attempts", "outcome"}`.
    Status(StatusArgs),
    /// Wait until an execution is done, then print its state as `status` does (exit 1 when the
    /// timeout passes first).
    Wait(WaitArgs),
}

#[derive(Debug, clap::Args)]
struct EnqueueArgs {
    /// Core's data directory (the one `flow-core serve --data` uses).
    #[arg(long)]
    data: PathBuf,
    /// The handler that runs it.
    #[arg(long)]
    handler: String,
    /// The execution's id (enqueueing an existing id changes nothing); default: a new UUID.
    #[arg(long)]
    execution_id: Option<String>,
    /// The task queue; default: core's default queue.
    #[arg(long)]
    queue: Option<String>,
    /// The input, as text (the payload's bytes).
    #[arg(long)]
    input: Option<String>,
    /// The input payload's `encoding` metadata, e.g. `json/plain`.
    #[arg(long)]
    input_encoding: Option<String>,
    /// Heartbeats required at least this often.
    #[arg(long, value_parser = humantime::parse_duration)]
    heartbeat_timeout: Option<Duration>,
    /// How long one attempt may run.
    #[arg(long, value_parser = humantime::parse_duration)]
    start_to_close: Option<Duration>,
    /// How long the whole execution may take.
    #[arg(long, value_parser = humantime::parse_duration)]
    schedule_to_close: Option<Duration>,
    /// `RetryPolicy.maximum_attempts` (0: unlimited).
    #[arg(long, default_value_t = 0)]
    max_attempts: i32,
    /// `RetryPolicy.initial_interval`; default 1 s.
    #[arg(long, value_parser = humantime::parse_duration)]
    initial_interval: Option<Duration>,
}

#[derive(Debug, clap::Args)]
struct StatusArgs {
    #[arg(long)]
    data: PathBuf,
    execution_id: String,
}

#[derive(Debug, clap::Args)]
struct WaitArgs {
    #[arg(long)]
    data: PathBuf,
    execution_id: String,
    /// Give up after this long.
    #[arg(long, default_value = "60s", value_parser = humantime::parse_duration)]
    timeout: Duration,
}

#[derive(Debug, clap::Args)]
struct ServeArgs {
    /// Address to listen on; port 0 picks a free port.
    #[arg(long, default_value = "127.0.0.1:0")]
    listen: SocketAddr,
    /// Directory of core's state (created if missing): the SQLite database `core.db`, and
    /// `instances/<id>/` with each environment instance's stdout and stderr.
    #[arg(long)]
    data: PathBuf,
    /// Shortest discovery lease granted.
    #[arg(long, default_value = "5s", value_parser = humantime::parse_duration)]
    min_lease_ttl: Duration,
    /// Longest discovery lease granted.
    #[arg(long, default_value = "5m", value_parser = humantime::parse_duration)]
    max_lease_ttl: Duration,
    /// Discovery lease granted when a service asks for none.
    #[arg(long, default_value = "30s", value_parser = humantime::parse_duration)]
    default_lease_ttl: Duration,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(err) => return fail(&format!("cannot start the runtime: {err}")),
    };
    match cli.command {
        Command::Serve(args) => runtime.block_on(serve(args)),
        Command::Tasks(command) => runtime.block_on(tasks(command)),
    }
}

/// The task queue of `data`, beside whatever core serves it.
fn queue_of(data: &std::path::Path) -> Result<TaskQueue<SqliteStore>, ExitCode> {
    let store =
        SqliteStore::open(data, &SqliteOptions::default()).map_err(|err| fail(&err.to_string()))?;
    Ok(ExecutionServer::new(Arc::new(store), ExecutionConfig::default()).queue())
}

fn print_status(status: &ExecutionStatus) {
    let json = serde_json::json!({
        "executionId": status.execution_id,
        "state": status.state,
        "attempts": status.attempts,
        "outcome": status.outcome,
    });
    println!("{json}");
}

async fn tasks(command: TasksCommand) -> ExitCode {
    match command {
        TasksCommand::Enqueue(args) => {
            let queue = match queue_of(&args.data) {
                Ok(queue) => queue,
                Err(code) => return code,
            };
            let input = args.input.map(|text| Payload {
                metadata: args
                    .input_encoding
                    .map(|encoding| ("encoding".to_owned(), encoding.into_bytes().into()))
                    .into_iter()
                    .collect(),
                data: text.into_bytes().into(),
            });
            let spec = ExecutionSpec {
                execution_id: args.execution_id,
                queue: args.queue,
                input,
                heartbeat_timeout: args.heartbeat_timeout,
                start_to_close: args.start_to_close,
                schedule_to_close: args.schedule_to_close,
                retry_policy: Some(RetryPolicy {
                    maximum_attempts: args.max_attempts,
                    initial_interval: args.initial_interval.map(Into::into),
                    ..Default::default()
                }),
                ..ExecutionSpec::new(args.handler)
            };
            match queue.enqueue(spec).await {
                Ok(id) => {
                    println!("{id}");
                    ExitCode::SUCCESS
                }
                Err(err) => fail(&err.to_string()),
            }
        }
        TasksCommand::Status(args) => {
            let queue = match queue_of(&args.data) {
                Ok(queue) => queue,
                Err(code) => return code,
            };
            match queue.status(&args.execution_id).await {
                Ok(Some(status)) => {
                    print_status(&status);
                    ExitCode::SUCCESS
                }
                Ok(None) => fail(&format!("no execution {:?}", args.execution_id)),
                Err(err) => fail(&err.to_string()),
            }
        }
        TasksCommand::Wait(args) => {
            let queue = match queue_of(&args.data) {
                Ok(queue) => queue,
                Err(code) => return code,
            };
            match tokio::time::timeout(args.timeout, queue.wait(&args.execution_id)).await {
                Err(_) => fail(&format!(
                    "{:?} is not done after {:?}",
                    args.execution_id, args.timeout
                )),
                Ok(Err(err)) => fail(&err.to_string()),
                Ok(Ok(_)) => match queue.status(&args.execution_id).await {
                    Ok(Some(status)) => {
                        print_status(&status);
                        ExitCode::SUCCESS
                    }
                    Ok(None) => fail(&format!("no execution {:?}", args.execution_id)),
                    Err(err) => fail(&err.to_string()),
                },
            }
        }
    }
}

async fn serve(args: ServeArgs) -> ExitCode {
    let leases = LeasePolicy {
        min_ttl: args.min_lease_ttl,
        max_ttl: args.max_lease_ttl,
        default_ttl: args.default_lease_ttl,
    };
    if leases.min_ttl.is_zero() || leases.min_ttl > leases.max_ttl {
        return fail("--min-lease-ttl must be above zero and at most --max-lease-ttl");
    }
    if !(leases.min_ttl..=leases.max_ttl).contains(&leases.default_ttl) {
        return fail("--default-lease-ttl must be between --min-lease-ttl and --max-lease-ttl");
    }
    let store = match SqliteStore::open(&args.data, &SqliteOptions::default()) {
        Ok(store) => store,
        Err(err) => return fail(&err.to_string()),
    };
    let listener = match tokio::net::TcpListener::bind(args.listen).await {
        Ok(listener) => listener,
        Err(err) => return fail(&format!("cannot listen on {}: {err}", args.listen)),
    };
    let local = match listener.local_addr() {
        Ok(local) => local,
        Err(err) => return fail(&format!("cannot read the listening address: {err}")),
    };
    // The listener is bound: connections queue from now on, so callers may dial at once.
    println!("listening on {local}");
    let config = CoreConfig {
        leases,
        environment: EnvironmentConfig {
            instances_dir: args.data.join("instances"),
            ..EnvironmentConfig::default()
        },
        ..CoreConfig::default()
    };
    match CoreServer::new(store, config)
        .serve(listener, stop_signal())
        .await
    {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => fail(&format!("serving failed: {err}")),
    }
}

/// Ctrl-C, or SIGTERM (what process supervisors send) on Unix.
async fn stop_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
            return;
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}

fn fail(message: &str) -> ExitCode {
    eprintln!("flow-core: {message}");
    ExitCode::FAILURE
}
