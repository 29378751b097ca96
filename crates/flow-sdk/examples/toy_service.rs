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
use flow_proto::wkt::{Struct, Value, value::Kind};
use flow_sdk::{Component, ConfigInput, FlowServer, Service};

fn usage() -> ExitCode {
    eprintln!("usage: toy_service [--listen ADDR]   (default 127.0.0.1:0)");
    ExitCode::from(2)
}

/// `prefix` must be a non-empty string.
async fn validate(input: ConfigInput) -> Vec<Diagnostic> {
    let at = AttributePath::root().attr("prefix");
    match input
        .config
        .fields
        .get("prefix")
        .and_then(|v| v.kind.as_ref())
    {
        Some(Kind::StringValue(s)) if !s.is_empty() => vec![],
        Some(_) => vec![
            Diagnostic::error("prefix must be a non-empty string")
                .at(at)
                .with_reason("INVALID_VALUE"),
        ],
        None => vec![
            Diagnostic::error("prefix is required")
                .at(at)
                .with_reason("REQUIRED_FIELD_MISSING"),
        ],
    }
}

fn string(s: &str) -> Value {
    Value {
        kind: Some(Kind::StringValue(s.into())),
    }
}

fn schema() -> Struct {
    let mut prefix = Struct::default();
    prefix.fields.insert("type".into(), string("string"));
    let mut properties = Struct::default();
    properties.fields.insert(
        "prefix".into(),
        Value {
            kind: Some(Kind::StructValue(prefix)),
        },
    );
    let mut schema = Struct::default();
    schema.fields.insert("type".into(), string("object"));
    schema.fields.insert(
        "properties".into(),
        Value {
            kind: Some(Kind::StructValue(properties)),
        },
    );
    schema
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
                .config_schema(schema())
                .validator(validate),
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
