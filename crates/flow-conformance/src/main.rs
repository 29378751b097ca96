//! `flow-conformance`: checks a running Flow service against the contract. See the library docs
//! for the checks and the configuration conventions.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;
use flow_conformance::core_kit::{self, CommandEnqueue, CoreOptions};
use flow_conformance::rpc::Tls;
use flow_conformance::{Options, WorkerOptions, parse_role, run};

/// Plays Flow core against a service endpoint and checks it against the Flow contract; or, with
/// --core, plays core's callers and checks a core.
#[derive(Debug, Parser)]
#[command(name = "flow-conformance", version)]
struct Args {
    /// The service's gRPC endpoint, e.g. http://127.0.0.1:50051.
    #[arg(long, required_unless_present = "core", conflicts_with = "core")]
    endpoint: Option<String>,
    /// Check a core instead of a service: core's gRPC endpoint, e.g. http://127.0.0.1:7233
    /// (DiscoveryService, DurableService, ExecutionService).
    #[arg(
        long,
        value_name = "URL",
        conflicts_with_all = ["role", "component", "config", "core_listen", "task_handler", "long_task_input"]
    )]
    core: Option<String>,
    /// With --core: the command that puts work in the core's task queue, split into words as a
    /// shell would. The kit appends `--handler H --execution-id ID --heartbeat-timeout 1s
    /// --start-to-close 30s`; it must print the execution id. E.g. "flow-core tasks enqueue
    /// --data DIR". Without it the execution checks are skipped.
    #[arg(long, value_name = "CMD")]
    enqueue: Option<String>,
    /// The role to check (processor, consumer, source, worker); default: every role the service
    /// lists in GetServiceInfo.
    #[arg(long, value_parser = parse_role)]
    role: Option<flow_proto::common::v1::Role>,
    /// The component to run; default: the first GetSchema component of the role.
    #[arg(long)]
    component: Option<String>,
    /// The component configuration as a JSON object; default: derived from the schema (a
    /// required string property "path" gets a file in a temporary directory).
    #[arg(long, value_parser = parse_json)]
    config: Option<serde_json::Value>,
    /// Print a JSON array of {id, outcome, detail} instead of text.
    #[arg(long)]
    json: bool,
    /// Deadline of every call and of each stream scenario, in seconds.
    #[arg(long, default_value_t = 10.0)]
    timeout: f64,
    /// For an https endpoint: the CA certificate (PEM) the service's certificate must chain to.
    #[arg(long, value_name = "PATH")]
    ca_cert: Option<PathBuf>,
    /// For mutual TLS: the kit's client certificate (PEM); needs --client-key.
    #[arg(
        long,
        value_name = "PATH",
        requires = "client_key",
        requires = "ca_cert"
    )]
    client_cert: Option<PathBuf>,
    /// For mutual TLS: the private key (PEM) of --client-cert.
    #[arg(long, value_name = "PATH", requires = "client_cert")]
    client_key: Option<PathBuf>,
    /// The name to verify the service's certificate against; default: the endpoint's host.
    #[arg(long, value_name = "NAME", requires = "ca_cert")]
    tls_server_name: Option<String>,
    /// For workers: where the kit serves core's flow.execution.v1.ExecutionService, e.g.
    /// 127.0.0.1:7233. Start the worker dialing this address; without it the worker checks are
    /// skipped.
    #[arg(long, value_name = "ADDR")]
    core_listen: Option<String>,
    /// For workers: the handler the kit's tasks name; default: the first handler the worker
    /// lists in StreamTasksRequest.handlers.
    #[arg(long, value_name = "NAME")]
    task_handler: Option<String>,
    /// For workers: the short task's input (sent as a json/plain payload); the handler should
    /// finish with it at once.
    #[arg(long, value_name = "TEXT", default_value = "{}")]
    task_input: String,
    /// For workers: an input for the same handler that keeps it running for at least ~30 s
    /// unless cancelled; without it the heartbeat, cancellation, deadline, reconnect and
    /// concurrency checks are skipped.
    #[arg(long, value_name = "TEXT")]
    long_task_input: Option<String>,
}

/// Reads the TLS files named on the command line; `None` without --ca-cert.
fn tls(args: &Args) -> Result<Option<Tls>, String> {
    let read = |path: &PathBuf| {
        std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
    };
    let Some(ca) = &args.ca_cert else {
        return Ok(None);
    };
    let identity = match (&args.client_cert, &args.client_key) {
        (Some(cert), Some(key)) => Some((read(cert)?, read(key)?)),
        _ => None,
    };
    Ok(Some(Tls {
        ca_cert: read(ca)?,
        identity,
        server_name: args.tls_server_name.clone(),
    }))
}

fn parse_json(s: &str) -> Result<serde_json::Value, String> {
    match serde_json::from_str(s) {
        Ok(v @ serde_json::Value::Object(_)) => Ok(v),
        Ok(other) => Err(format!("--config must be a JSON object, got {other}")),
        Err(e) => Err(format!("--config is not valid JSON: {e}")),
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = Args::parse();
    if !(args.timeout.is_finite() && args.timeout > 0.0) {
        eprintln!("flow-conformance: --timeout must be a positive number of seconds");
        return ExitCode::from(2);
    }
    let tls = match tls(&args) {
        Ok(tls) => tls,
        Err(e) => {
            eprintln!("flow-conformance: {e}");
            return ExitCode::from(2);
        }
    };
    if let Some(core) = args.core {
        let enqueue = match args.enqueue.as_deref().map(CommandEnqueue::parse) {
            None => None,
            Some(Ok(command)) => Some(std::sync::Arc::new(command) as _),
            Some(Err(e)) => {
                eprintln!("flow-conformance: {e}");
                return ExitCode::from(2);
            }
        };
        let opts = CoreOptions {
            core,
            timeout: Duration::from_secs_f64(args.timeout),
            tls,
            enqueue,
        };
        let report = core_kit::run(&opts).await;
        return print_report(&report, args.json);
    }
    if args.enqueue.is_some() {
        eprintln!("flow-conformance: --enqueue is for --core");
        return ExitCode::from(2);
    }
    let Some(endpoint) = args.endpoint else {
        eprintln!("flow-conformance: --endpoint or --core is required");
        return ExitCode::from(2);
    };
    let opts = Options {
        endpoint,
        role: args.role,
        component: args.component,
        config: args.config,
        timeout: Duration::from_secs_f64(args.timeout),
        tls,
        worker: WorkerOptions {
            core_listen: args.core_listen,
            handler: args.task_handler,
            input: args.task_input,
            long_input: args.long_task_input,
        },
    };
    let report = run(&opts).await;
    print_report(&report, args.json)
}

/// Prints the report (text, or JSON with --json); the exit status: failure when a check failed.
fn print_report(report: &flow_conformance::Report, json: bool) -> ExitCode {
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&report.to_json()).unwrap_or_default()
        );
    } else {
        print!("{}", report.to_text());
    }
    if report.ok() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
