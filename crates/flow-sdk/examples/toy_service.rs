//! A toy Flow service: one Processor component whose configuration needs a `prefix` string.
//!
//! ```text
//! cargo run -p flow-sdk --example toy_service -- --listen 127.0.0.1:50051
//! buf curl --protocol grpc --http2-prior-knowledge \
//!     http://127.0.0.1:50051/flow.runtime.v1.RuntimeService/GetServiceInfo
//! ```
//!
//! Prints `listening on <addr>` once it accepts calls; Ctrl-C (or the `Shutdown` RPC) drains.

use std::net::SocketAddr;
use std::process::ExitCode;

use flow_proto::common::v1::{AttributePath, Diagnostic, Role};
use flow_proto::diagnostic::{AttributePathExt, DiagnosticExt};
use flow_sdk::config::{Config, TypedConfig};
use flow_sdk::{Component, FlowServer, Service};

fn usage() -> ExitCode {
    eprintln!("usage: toy_service [--listen ADDR]   (default 127.0.0.1:0)");
    ExitCode::from(2)
}

/// The component's configuration: the SDK derives its JSON Schema (`GetSchema`), refuses
/// unknown attributes and wrong types at their path, and hands `on_configure_typed` the value.
#[derive(serde::Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct PrefixConfig {
    /// What every record's value is prefixed with.
    #[schemars(length(min = 1))]
    prefix: String,
}

impl Config for PrefixConfig {
    /// What serde cannot say: the prefix must not be empty.
    fn validate(&self) -> Vec<Diagnostic> {
        if self.prefix.is_empty() {
            vec![
                Diagnostic::error("prefix must be a non-empty string")
                    .at(AttributePath::root().attr("prefix"))
                    .with_reason("INVALID_VALUE"),
            ]
        } else {
            vec![]
        }
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut listen: SocketAddr = ([127, 0, 0, 1], 0).into();
    while let Some(arg) = args.next() {
        match (arg.as_str(), args.next().map(|a| a.parse())) {
            ("--listen", Some(Ok(addr))) => listen = addr,
            _ => return usage(),
        }
    }
    let service = Service::builder("toy-service", env!("CARGO_PKG_VERSION"))
        .component(
            Component::new("prefixer", Role::Processor)
                .description("Prefixes every record's value")
                .config::<PrefixConfig>()
                .on_configure_typed(|input: TypedConfig<PrefixConfig>| async move {
                    println!("configured with prefix {:?}", input.value.prefix);
                    vec![]
                }),
        )
        .build()
        .expect("the toy description is valid");
    let server = match FlowServer::new(service).bind(listen).await {
        Ok(server) => server,
        Err(err) => {
            eprintln!(
                "error: {err}: {}",
                std::error::Error::source(&err).map_or(String::new(), |s| s.to_string())
            );
            return ExitCode::FAILURE;
        }
    };
    println!("listening on {}", server.local_addr());
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    match server.serve_with_signal(ctrl_c).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::FAILURE
        }
    }
}
