//! connect(): retries with backoff until a server appears; a handshake failure is a typed,
//! non-retryable error.

mod common;

use std::time::{Duration, Instant};

use common::{free_addr, serve_runtime, v};
use flow_core::{Backoff, BackoffConfig, ConnectOptions, CoreError, connect_with};
use tokio::net::TcpListener;

fn opts() -> ConnectOptions {
    ConnectOptions {
        supported_versions: vec![v(1, 0), v(1, 1)],
        rpc_timeout: Duration::from_secs(5),
        connect_timeout: Duration::from_secs(2),
        max_attempts: Some(20),
        ..Default::default()
    }
}

#[tokio::test]
async fn connect_retries_until_the_server_appears() {
    let addr = free_addr().await;
    let server_addr = addr.clone();
    let started = Instant::now();
    let server = tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(1500)).await;
        let listener = TcpListener::bind(&server_addr).await.unwrap();
        // Runs until the test's runtime shuts down.
        let _ = serve_runtime(listener, vec![v(1, 0), v(1, 1), v(2, 0)]).await;
    });
    // The real delays (1 s, 1.6 s, ...) with the jitter pinned to 0: attempts at 0, 0.8 s, 2.08 s.
    let mut backoff = Backoff::with_jitter(BackoffConfig::default(), || 0.0);
    let conn = tokio::time::timeout(
        Duration::from_secs(20),
        connect_with(&addr, &opts(), &mut backoff),
    )
    .await
    .expect("connect within 20 s")
    .expect("connect");
    let took = started.elapsed();
    assert!(
        took >= Duration::from_millis(1500),
        "connected before the server existed: {took:?}"
    );
    assert!(took < Duration::from_secs(6), "too slow: {took:?}");
    assert_eq!(conn.version, v(1, 1), "highest common version");
    assert_eq!(conn.info.name, "mock");
    assert_eq!(conn.server_versions.len(), 3);
    // A success resets the backoff.
    assert_eq!(backoff.next_delay(), Duration::from_millis(800));
    server.abort();
}

#[tokio::test]
async fn handshake_failure_is_a_typed_non_retryable_error() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    let server = serve_runtime(listener, vec![v(2, 0)]);
    let started = Instant::now();
    let err = connect_with(&addr, &opts(), &mut Backoff::default())
        .await
        .expect_err("no common version");
    match &err {
        CoreError::HandshakeRejected { failure } => {
            assert_eq!(failure.r#type, "protocol.version_unsupported");
            assert!(failure.non_retryable);
        }
        other => panic!("expected HandshakeRejected, got {other:?}"),
    }
    assert!(!err.is_retryable());
    // Not retried: no backoff delay was waited.
    assert!(started.elapsed() < Duration::from_millis(800));
    server.abort();
}

#[tokio::test]
async fn gives_up_after_max_attempts() {
    let addr = free_addr().await;
    let cfg = BackoffConfig {
        initial: Duration::from_millis(10),
        ..Default::default()
    };
    let o = ConnectOptions {
        max_attempts: Some(3),
        ..opts()
    };
    let err = connect_with(&addr, &o, &mut Backoff::new(cfg))
        .await
        .unwrap_err();
    assert!(
        matches!(err, CoreError::ConnectExhausted { attempts: 3, .. }),
        "{err:?}"
    );
}
