//! `flow-ref-worker`: serves the runtime service for the `count` and `echo` handlers and pulls
//! their tasks from core's ExecutionService at `--core`. Prints `listening on ADDR` once ready.

use std::net::SocketAddr;

use clap::Parser;
use flow_reference::serve;
use flow_reference::worker::{COUNT, CountHandler, ECHO, EchoHandler, component};
use flow_sdk::worker::Worker;
use flow_sdk::{FlowServer, Service};
use tonic::transport::Endpoint;

#[derive(Parser)]
#[command(about = "A Flow worker running the count and echo handlers")]
struct Args {
    /// Address the runtime service listens on; port 0 picks a free port.
    #[arg(long, default_value = "127.0.0.1:0")]
    listen: SocketAddr,
    /// Core's endpoint, e.g. http://127.0.0.1:7233: tasks come from its ExecutionService, and
    /// the worker registers with its discovery (deregistering on shutdown).
    #[arg(long)]
    core: Endpoint,
    /// The endpoint core and others reach the runtime service at; default `http://` and the
    /// bound address.
    #[arg(long)]
    advertise: Option<String>,
    /// The worker's identity; default `flow-ref-worker/<pid>`.
    #[arg(long)]
    worker_id: Option<String>,
    /// Tasks run at once.
    #[arg(long, default_value_t = 4, value_parser = clap::value_parser!(u32).range(1..))]
    max_concurrent: u32,
    /// A task queue to take tasks from (repeatable); default: core's default queue.
    #[arg(long)]
    queue: Vec<String>,
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args = Args::parse();
    let worker_id = args
        .worker_id
        .unwrap_or_else(|| format!("flow-ref-worker/{}", std::process::id()));
    let mut worker = Worker::builder(worker_id)
        .handler(COUNT, CountHandler)
        .handler(ECHO, EchoHandler)
        .max_concurrent(args.max_concurrent)
        .label("version", env!("CARGO_PKG_VERSION"));
    for queue in args.queue {
        worker = worker.queue(queue);
    }
    let worker = worker.build()?;
    let service = Service::builder("flow-ref-worker", env!("CARGO_PKG_VERSION"))
        .component(component(
            COUNT,
            "Counts to `to`, one step per `step_ms`, resuming from the last heartbeat.",
        ))
        .component(component(ECHO, "Returns its input unchanged."))
        .build()?;
    let bound = FlowServer::new(service).bind(args.listen).await?;
    // A core that serves tasks but no discovery (the conformance kit's stand-in) is fine: the
    // worker pulls its tasks all the same, unregistered.
    let registration =
        match serve::announce(&bound, Some(&args.core), args.advertise.as_deref()).await {
            Ok(registration) => registration,
            Err(status) if status.code() == tonic::Code::Unimplemented => {
                eprintln!("flow-ref-worker: core serves no DiscoveryService; not registered");
                None
            }
            Err(status) => return Err(format!("cannot register with core: {status}").into()),
        };
    println!("listening on {}", bound.local_addr());
    // Shutdown (Ctrl-C or the Shutdown RPC) drains the worker with the server.
    let shutdown = bound.shutdown_handle();
    let pulling = tokio::spawn(worker.run(args.core.connect_lazy(), async move {
        shutdown.draining().await;
    }));
    bound
        .serve_with_signal(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await?;
    pulling.await?;
    serve::withdraw(registration).await;
    Ok(())
}
