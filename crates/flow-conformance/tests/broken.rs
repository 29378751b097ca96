//! The kit against an in-process fake service: conforming, it passes every check; breaking one
//! rule, the kit FAILs exactly that rule's check and nothing else.

#[macro_use]
mod common;

use std::time::Duration;

use common::fake::{Faults, serve};
use flow_conformance::{Options, Outcome, run};

async fn failed_checks(faults: Faults) -> Vec<String> {
    let fake = serve(faults).await;
    let mut opts = Options::new(fake.endpoint.clone());
    opts.timeout = Duration::from_secs(5);
    let report = run(&opts).await;
    common::show(&report);
    assert_eq!(
        report.count(Outcome::Skip),
        0,
        "nothing should be skipped against the fake"
    );
    report.failed_ids().into_iter().map(str::to_owned).collect()
}

#[tokio::test]
async fn conforming_fake_passes_everything() {
    assert_eq!(failed_checks(Faults::default()).await, Vec::<String>::new());
}

breaking_one_rule! {
    Faults;
    processor_exceeding_output_credit: over_credit => ["processor.output_credit"];
    processor_acking_barrier_before_earlier_outputs: early_barrier_ack => ["processor.barrier_ack"];
    consumer_committing_before_acking_earlier_batches: early_checkpoint =>
        ["consumer.checkpoint_committed"];
    source_exceeding_credit: source_over_credit => ["source.credit"];
    source_repeating_checkpoint_seq: source_repeated_seq => ["source.checkpoint_seq"];
    handshake_answering_unsupported_version_with_a_transport_error: handshake_transport_error =>
        ["runtime.handshake.unsupported_version"];
    health_not_serving: not_serving => ["health.serving"];
}

#[tokio::test]
async fn hung_processor_is_a_fail_not_a_hang() {
    let fake = serve(Faults {
        hang_after_drain: true,
        ..Faults::default()
    })
    .await;
    let mut opts = Options::new(fake.endpoint.clone());
    opts.timeout = Duration::from_secs(2);
    let started = std::time::Instant::now();
    let report = run(&opts).await;
    common::show(&report);
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "the kit took {:?}",
        started.elapsed()
    );
    assert_eq!(report.failed_ids(), ["processor.drain"]);
    assert!(
        report
            .get("processor.drain")
            .unwrap()
            .detail
            .contains("timed out")
    );
}

#[tokio::test]
async fn nothing_listening_fails_connect_only() {
    // A port that was free a moment ago: nothing listens there now.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut opts = Options::new(format!("http://127.0.0.1:{port}"));
    opts.timeout = Duration::from_secs(2);
    let report = run(&opts).await;
    assert_eq!(report.failed_ids(), ["connect"]);
}
