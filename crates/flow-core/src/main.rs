//! `flow-core`: Flow core's reference server.
//!
//! `flow-core serve --listen ADDR --data DIR` serves core's services on ADDR (port 0 picks a free
//! port) with its state in `DIR/core.db` (and the output of the instances it runs in
//! `DIR/instances/<id>/`), prints `listening on ADDR` once it accepts connections,
//! and stops on Ctrl-C or SIGTERM. Exit status: 0 after a clean stop, 1 when it cannot start or
//! serve, 2 for a bad command line.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Parser, Subcommand};
use flow_core::serve::{CoreConfig, CoreServer, EnvironmentConfig, LeasePolicy};
use flow_core::store::{SqliteOptions, SqliteStore};

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
