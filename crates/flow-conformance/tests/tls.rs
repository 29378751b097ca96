//! The kit against https endpoints: the fake service over TLS and mutual TLS, with certificates
//! generated per run; and the binary's TLS flags.

mod common;

use std::time::Duration;

use common::TempDir;
use common::fake::{Fake, Faults, serve_tls};
use flow_conformance::rpc::Tls;
use flow_conformance::{Options, run};
use flow_test_support::TestCa as Ca;
use tokio::process::Command;
use tonic::transport::{Certificate, Identity, ServerTlsConfig};

fn server_config(server_ca: &Ca, client_ca: Option<&Ca>) -> ServerTlsConfig {
    let (cert, key) = server_ca.leaf("localhost");
    let config = ServerTlsConfig::new().identity(Identity::from_pem(cert, key));
    match client_ca {
        Some(ca) => config.client_ca_root(Certificate::from_pem(&ca.pem)),
        None => config,
    }
}

/// The conforming fake served with mutual TLS: the CA of its certificate, the CA whose client
/// certificates it accepts, and the fake.
async fn mutual_tls_fake() -> (Ca, Ca, Fake) {
    let server_ca = Ca::new("server CA");
    let client_ca = Ca::new("client CA");
    let fake = serve_tls(
        Faults::default(),
        Some(server_config(&server_ca, Some(&client_ca))),
    )
    .await;
    (server_ca, client_ca, fake)
}

fn opts(endpoint: &str, tls: Option<Tls>) -> Options {
    let mut o = Options::new(endpoint);
    o.timeout = Duration::from_secs(5);
    o.tls = tls;
    o
}

#[tokio::test]
async fn https_with_the_ca_passes_everything() {
    let ca = Ca::new("server CA");
    let fake = serve_tls(Faults::default(), Some(server_config(&ca, None))).await;
    let tls = Tls {
        ca_cert: ca.pem.clone().into(),
        ..Tls::default()
    };
    let report = run(&opts(&fake.endpoint, Some(tls))).await;
    common::show(&report);
    assert!(report.ok(), "failed: {:?}", report.failed_ids());

    // Without --ca-cert an https endpoint is refused with a clear message.
    let report = run(&opts(&fake.endpoint, None)).await;
    assert_eq!(report.failed_ids(), ["connect"]);
    assert!(
        report.checks[0].detail.contains("--ca-cert"),
        "{}",
        report.checks[0].detail
    );
}

#[tokio::test]
async fn mutual_tls_needs_the_client_certificate() {
    let (server_ca, client_ca, fake) = mutual_tls_fake().await;
    let (cert, key) = client_ca.leaf("flow-conformance");
    let with = Tls {
        ca_cert: server_ca.pem.clone().into(),
        identity: Some((cert.into(), key.into())),
        server_name: None,
    };
    let report = run(&opts(&fake.endpoint, Some(with))).await;
    common::show(&report);
    assert!(report.ok(), "failed: {:?}", report.failed_ids());

    let without = Tls {
        ca_cert: server_ca.pem.clone().into(),
        ..Tls::default()
    };
    let report = run(&opts(&fake.endpoint, Some(without))).await;
    assert!(!report.ok(), "the kit got in without a client certificate");
}

#[tokio::test]
async fn binary_tls_flags() {
    let bin = env!("CARGO_BIN_EXE_flow-conformance");
    let (server_ca, client_ca, fake) = mutual_tls_fake().await;
    let dir = TempDir::new("tls");
    let (cert, key) = client_ca.leaf("flow-conformance");
    let write = |name: &str, text: &str| {
        let path = dir.0.join(name);
        std::fs::write(&path, text).unwrap();
        path
    };
    let (ca_path, cert_path, key_path) = (
        write("ca.pem", &server_ca.pem),
        write("client.pem", &cert),
        write("client.key", &key),
    );
    let out = Command::new(bin)
        .args(["--endpoint", &fake.endpoint, "--timeout", "5", "--ca-cert"])
        .arg(&ca_path)
        .arg("--client-cert")
        .arg(&cert_path)
        .arg("--client-key")
        .arg(&key_path)
        .output()
        .await
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");

    // --client-cert without --client-key is a usage error; so is an unreadable file.
    let out = Command::new(bin)
        .args(["--endpoint", &fake.endpoint, "--ca-cert"])
        .arg(&ca_path)
        .arg("--client-cert")
        .arg(&cert_path)
        .output()
        .await
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = Command::new(bin)
        .args(["--endpoint", &fake.endpoint, "--ca-cert"])
        .arg(dir.0.join("missing.pem"))
        .output()
        .await
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}
