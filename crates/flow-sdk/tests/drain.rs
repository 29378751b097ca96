//! Health and the bounded drain, over real loopback gRPC.

mod common;

use std::time::{Duration, Instant};

use common::*;
use flow_proto::runtime::v1::ShutdownRequest;
use tonic_health::pb::HealthCheckRequest;
use tonic_health::pb::health_check_response::ServingStatus;
use tonic_health::pb::health_client::HealthClient;

fn check(service: &str) -> HealthCheckRequest {
    HealthCheckRequest {
        service: service.into(),
    }
}

#[tokio::test]
async fn health_is_serving_for_the_server_and_the_runtime_service() {
    let server = start().await;
    let mut health = HealthClient::new(channel(server.addr).await);
    for name in ["", "flow.runtime.v1.RuntimeService"] {
        let status = health
            .check(check(name))
            .await
            .unwrap()
            .into_inner()
            .status();
        assert_eq!(status, ServingStatus::Serving, "{name:?}");
    }
}

#[tokio::test]
async fn shutdown_reports_not_serving_and_stops_at_the_deadline_despite_an_open_stream() {
    let server = start().await;
    let mut health = HealthClient::new(channel(server.addr).await);
    // A server-streaming call that never ends by itself.
    let mut watch = health.watch(check("")).await.unwrap().into_inner();
    let first = watch.message().await.unwrap().unwrap();
    assert_eq!(first.status(), ServingStatus::Serving);

    let grace = Duration::from_millis(500);
    let mut runtime = handshaken(server.addr).await;
    let started = Instant::now();
    runtime
        .shutdown(ShutdownRequest {
            grace_period: Some(grace.into()),
            reason: "test".into(),
        })
        .await
        .expect("the Shutdown call itself gets its response");
    assert!(server.shutdown.is_draining());

    let during_drain = tokio::time::timeout(STEP, watch.message())
        .await
        .expect("an update in time")
        .expect("the stream is still open while draining")
        .expect("a message");
    assert_eq!(during_drain.status(), ServingStatus::NotServing);

    // The open Watch keeps tonic's graceful shutdown waiting: only the deadline ends it.
    let TestServer { task, .. } = &server;
    let stopped = tokio::time::timeout(STEP, async {
        while !task.is_finished() {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    })
    .await;
    let elapsed = started.elapsed();
    assert!(stopped.is_ok(), "the server did not stop within {STEP:?}");
    assert!(
        elapsed >= grace,
        "stopped before the grace period: {elapsed:?}"
    );
    assert!(
        elapsed < grace + Duration::from_secs(3),
        "stopped late: {elapsed:?}"
    );

    // The stream was cut, not completed.
    let end = tokio::time::timeout(STEP, watch.message())
        .await
        .expect("stream ends in time");
    assert!(end.is_err(), "expected the stream to be cut, got {end:?}");
}

#[tokio::test]
async fn a_drain_without_open_calls_ends_before_the_deadline() {
    let server = start().await;
    let _idle = handshaken(server.addr).await;
    let started = Instant::now();
    server.shutdown.shutdown(Duration::from_secs(30)).await;
    let TestServer { task, .. } = &server;
    tokio::time::timeout(STEP, async {
        while !task.is_finished() {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    })
    .await
    .expect("an idle server drains at once, not at the 30 s deadline");
    assert!(started.elapsed() < STEP);
}

#[tokio::test]
async fn no_new_connections_while_draining() {
    let server = start().await;
    server.shutdown.shutdown(Duration::from_secs(5)).await;
    // Give the accept loop a moment to see the signal and close the listener.
    tokio::time::sleep(Duration::from_millis(200)).await;
    let refused = tonic::transport::Channel::from_shared(format!("http://{}", server.addr))
        .unwrap()
        .connect_timeout(Duration::from_secs(2))
        .connect()
        .await;
    assert!(refused.is_err());
}
