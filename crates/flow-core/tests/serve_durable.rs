//! `DurableService` as served by the real `flow-core serve` binary over loopback gRPC, its state
//! in a real SQLite file: the life of an instance (register, checkpoints guarded by sequence
//! numbers, signals by long poll and deduplicated, one outcome), the idempotency-key rule, bad
//! requests, and everything surviving `kill -9` of core.

mod common;

use std::time::Duration;

use common::assert_invalid;
use common::core_under_test::{CoreUnderTest, NEGATIVE, answered, refused};
use flow_proto::common::v1::{Outcome, Payload, outcome};
use flow_proto::durable::v1::durable_service_client::DurableServiceClient;
use flow_proto::durable::v1::*;
use tonic::Code;
use tonic::transport::Channel;

type Core = CoreUnderTest<DurableServiceClient<Channel>>;

impl Core {
    async fn refused_register(&mut self, request: RegisterInstanceRequest) -> tonic::Status {
        refused(self.client.register_instance(request).await)
    }

    async fn refused_poll(&mut self, request: PollSignalsRequest) -> tonic::Status {
        refused(self.client.poll_signals(request).await)
    }

    async fn refused_complete(&mut self, request: CompleteInstanceRequest) -> tonic::Status {
        refused(self.client.complete_instance(request).await)
    }

    async fn register(&mut self, instance_id: &str, key: &str) -> RegisterInstanceResponse {
        let request = RegisterInstanceRequest {
            instance_id: instance_id.into(),
            idempotency_key: key.into(),
            handler: "order-workflow".into(),
            input: Some(payload("input")),
            ..Default::default()
        };
        answered(self.client.register_instance(request).await)
    }

    async fn save(
        &mut self,
        expected_seq: u64,
        state: &str,
        cursor: u64,
    ) -> SaveCheckpointResponse {
        self.try_save(expected_seq, state, cursor)
            .await
            .expect("save answered")
    }

    async fn try_save(
        &mut self,
        expected_seq: u64,
        state: &str,
        signal_cursor: u64,
    ) -> Result<SaveCheckpointResponse, tonic::Status> {
        let request = SaveCheckpointRequest {
            instance_id: "order-1".into(),
            expected_seq,
            state: Some(payload(state)),
            signal_cursor,
        };
        Ok(self.client.save_checkpoint(request).await?.into_inner())
    }

    async fn signal(
        &mut self,
        name: &str,
        key: &str,
    ) -> Result<SignalInstanceResponse, tonic::Status> {
        let request = SignalInstanceRequest {
            instance_id: "order-1".into(),
            name: name.into(),
            idempotency_key: key.into(),
            payload: Some(payload(name)),
            sender: "test".into(),
            ..Default::default()
        };
        Ok(self.client.signal_instance(request).await?.into_inner())
    }

    async fn poll(&mut self, after: u64, wait: Duration) -> PollSignalsResponse {
        let request = poll_request(after, wait);
        answered(self.client.poll_signals(request).await)
    }

    async fn complete(&mut self, expected_seq: u64, result: &str) -> CompleteInstanceResponse {
        let request = CompleteInstanceRequest {
            instance_id: "order-1".into(),
            outcome: Some(success(result)),
            expected_seq,
        };
        answered(self.client.complete_instance(request).await)
    }
}

fn poll_request(after: u64, wait: Duration) -> PollSignalsRequest {
    PollSignalsRequest {
        instance_id: "order-1".into(),
        after,
        wait: Some(wait.into()),
        max_signals: 0,
    }
}

fn payload(text: &str) -> Payload {
    Payload {
        data: text.as_bytes().to_vec().into(),
        ..Default::default()
    }
}

fn text(payload: &Option<Payload>) -> String {
    String::from_utf8(payload.as_ref().unwrap().data.to_vec()).unwrap()
}

fn success(result: &str) -> Outcome {
    Outcome {
        outcome: Some(outcome::Outcome::Success(outcome::Success {
            result: Some(payload(result)),
        })),
    }
}

fn names(response: &PollSignalsResponse) -> Vec<&str> {
    response.signals.iter().map(|s| s.name.as_str()).collect()
}

#[tokio::test]
async fn an_instance_lives_checkpoints_receives_signals_and_completes_once() {
    let mut core = Core::start(&[], DurableServiceClient::new).await;
    let created = core.register("order-1", "start-1").await;
    assert!(!created.resumed);
    assert_eq!(created.incarnation, 1);
    assert_eq!(created.last_checkpoint, None);
    assert_eq!(text(&created.input), "input");

    assert_eq!(core.save(0, "step 1", 0).await.seq, 1);
    let stale = core.save(0, "zombie", 0).await;
    assert!(stale.conflict, "expected_seq 0 is stale now");
    assert_eq!(stale.seq, 1, "a conflict names the latest checkpoint");

    let approve = core.signal("approve", "approve-1").await.unwrap();
    assert_eq!((approve.seq, approve.duplicate), (1, false));
    let retried = core.signal("approve", "approve-1").await.unwrap();
    assert_eq!((retried.seq, retried.duplicate), (1, true));
    let ship = core.signal("ship", "").await.unwrap();
    assert_eq!(ship.seq, 2);

    let polled = core.poll(0, Duration::ZERO).await;
    assert_eq!(
        names(&polled),
        ["approve", "ship"],
        "deduplicated, in order"
    );
    assert_eq!(polled.next_cursor, 2);
    assert_eq!(polled.signals[0].idempotency_key, "approve-1");
    assert!(!polled.instance_complete);
    let after_first = core.poll(1, Duration::ZERO).await;
    assert_eq!(names(&after_first), ["ship"]);

    assert_eq!(core.save(1, "step 2", 2).await.seq, 2);
    let resumed = core.register("order-1", "start-1").await;
    assert!(resumed.resumed);
    assert_eq!(resumed.incarnation, 2);
    assert_eq!(resumed.signal_cursor, 2);
    assert_eq!(
        text(&resumed.input),
        "input",
        "the first input, not this call's"
    );
    assert_eq!(resumed.create_time, created.create_time);
    let checkpoint = resumed.last_checkpoint.unwrap();
    assert_eq!(checkpoint.seq, 2);
    assert_eq!(text(&checkpoint.state), "step 2");

    let conflict = core.complete(1, "late").await;
    assert_eq!(
        (conflict.accepted, conflict.reason.as_str()),
        (false, "SEQ_CONFLICT")
    );
    assert_eq!(conflict.recorded_outcome, None);
    let done = core.complete(2, "shipped").await;
    assert!(done.accepted);
    assert_eq!(done.recorded_outcome, Some(success("shipped")));
    let again = core.complete(2, "again").await;
    assert_eq!(
        (again.accepted, again.reason.as_str()),
        (false, "ALREADY_COMPLETED")
    );
    assert_eq!(
        again.recorded_outcome,
        Some(success("shipped")),
        "the first outcome"
    );

    assert!(core.save(2, "after the end", 2).await.conflict);
    let refused = core.signal("late", "").await.unwrap_err();
    assert_eq!(refused.code(), Code::FailedPrecondition);
    // A retry of a signal that was stored is still answered as a duplicate.
    assert!(core.signal("approve", "approve-1").await.unwrap().duplicate);
    assert!(core.poll(2, Duration::from_secs(5)).await.instance_complete);
    let finished = core.register("order-1", "").await;
    assert_eq!(finished.outcome, Some(success("shipped")));
}

#[tokio::test]
async fn a_long_poll_wakes_for_a_signal_and_for_completion() {
    let mut core = Core::start(&[], DurableServiceClient::new).await;
    core.register("order-1", "").await;

    let mut waiting = core.client.clone();
    let poll = tokio::spawn(async move {
        let request = poll_request(0, Duration::from_secs(30));
        waiting.poll_signals(request).await.unwrap().into_inner()
    });
    tokio::time::sleep(Duration::from_millis(200)).await;
    core.signal("approve", "").await.unwrap();
    // Had the poll run out its 30 s instead, it would hold no signal.
    let woken = poll.await.unwrap();
    assert_eq!(names(&woken), ["approve"]);
    assert_eq!(woken.next_cursor, 1);

    // Nothing new: a short wait runs out and the cursor stays.
    let empty = core.poll(1, Duration::from_millis(300)).await;
    assert!(empty.signals.is_empty());
    assert_eq!(empty.next_cursor, 1);

    let mut waiting = core.client.clone();
    let poll = tokio::spawn(async move {
        let request = poll_request(1, Duration::from_secs(30));
        waiting.poll_signals(request).await.unwrap().into_inner()
    });
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert!(core.complete(0, "done").await.accepted);
    let ended = poll.await.unwrap();
    assert!(ended.instance_complete && ended.signals.is_empty());
}

#[tokio::test]
async fn the_idempotency_key_and_handler_guard_an_instance_id() {
    let mut core = Core::start(&[], DurableServiceClient::new).await;
    core.register("order-1", "start-1").await;
    let other = core
        .refused_register(RegisterInstanceRequest {
            instance_id: "order-1".into(),
            idempotency_key: "start-2".into(),
            handler: "order-workflow".into(),
            ..Default::default()
        })
        .await;
    assert_eq!(other.code(), Code::AlreadyExists, "{other:?}");
    // An empty key resumes whatever exists.
    assert!(core.register("order-1", "").await.resumed);
    let handler = core
        .refused_register(RegisterInstanceRequest {
            instance_id: "order-1".into(),
            handler: "refund-workflow".into(),
            ..Default::default()
        })
        .await;
    assert_eq!(handler.code(), Code::FailedPrecondition, "{handler:?}");
    assert!(handler.message().contains("order-workflow"));
}

#[tokio::test]
async fn checkpoints_signals_and_outcomes_survive_kill_9() {
    let mut core = Core::start(&[], DurableServiceClient::new).await;
    core.register("order-1", "start-1").await;
    core.signal("approve", "approve-1").await.unwrap();
    core.signal("ship", "").await.unwrap();
    assert_eq!(core.save(0, "approved", 1).await.seq, 1);

    core.crash_and_restart().await;
    let resumed = core.register("order-1", "start-1").await;
    assert!(resumed.resumed);
    assert_eq!(resumed.incarnation, 2);
    let checkpoint = resumed.last_checkpoint.unwrap();
    assert_eq!(
        (checkpoint.seq, text(&checkpoint.state)),
        (1, "approved".into())
    );
    let rest = core.poll(resumed.signal_cursor, Duration::ZERO).await;
    assert_eq!(names(&rest), ["ship"], "neither lost nor repeated");
    // The stored key still deduplicates after the restart.
    assert!(core.signal("approve", "approve-1").await.unwrap().duplicate);
    assert!(core.save(0, "stale", 1).await.conflict);
    assert!(core.complete(1, "shipped").await.accepted);

    core.crash_and_restart().await;
    let finished = core.register("order-1", "").await;
    assert_eq!(finished.outcome, Some(success("shipped")));
    assert_eq!(finished.incarnation, 3);
}

#[tokio::test]
async fn bad_requests_are_refused_with_the_field_named_and_unknown_instances_not_found() {
    let mut core = Core::start(&[], DurableServiceClient::new).await;
    for (request, field) in [
        (RegisterInstanceRequest::default(), "instance_id"),
        (
            RegisterInstanceRequest {
                instance_id: "order 1".into(),
                handler: "h".into(),
                ..Default::default()
            },
            "instance_id",
        ),
        (
            RegisterInstanceRequest {
                instance_id: "order-1".into(),
                ..Default::default()
            },
            "handler",
        ),
        (
            RegisterInstanceRequest {
                instance_id: "order-1".into(),
                handler: "h".into(),
                idempotency_key: "k".repeat(200),
                ..Default::default()
            },
            "idempotency_key",
        ),
    ] {
        let refused = core.client.register_instance(request).await.unwrap_err();
        assert_invalid(&refused, field);
    }

    // Unknown instances.
    assert_eq!(
        core.try_save(0, "s", 0).await.unwrap_err().code(),
        Code::NotFound
    );
    assert_eq!(
        core.signal("x", "").await.unwrap_err().code(),
        Code::NotFound
    );
    let poll = core.refused_poll(poll_request(0, Duration::ZERO)).await;
    assert_eq!(poll.code(), Code::NotFound);
    let complete = core
        .refused_complete(CompleteInstanceRequest {
            instance_id: "order-1".into(),
            outcome: Some(success("x")),
            expected_seq: 0,
        })
        .await;
    assert_eq!(complete.code(), Code::NotFound);

    core.register("order-1", "").await;
    core.signal("approve", "").await.unwrap();
    let ahead = core.try_save(0, "s", 5).await.unwrap_err();
    assert_invalid(&ahead, "signal_cursor");
    assert_eq!(core.save(0, "s", 1).await.seq, 1);
    let behind = core.try_save(1, "s", 0).await.unwrap_err();
    assert_invalid(&behind, "signal_cursor");
    let negative = core
        .refused_poll(PollSignalsRequest {
            instance_id: "order-1".into(),
            wait: Some(NEGATIVE),
            ..Default::default()
        })
        .await;
    assert_invalid(&negative, "wait");
    let no_outcome = core
        .refused_complete(CompleteInstanceRequest {
            instance_id: "order-1".into(),
            expected_seq: 1,
            outcome: None,
        })
        .await;
    assert_invalid(&no_outcome, "outcome");
    let unnamed = core.signal("", "").await.unwrap_err();
    assert_invalid(&unnamed, "name");
}
