//! Smoke test of the generated Rust code: one message of each shape round-trips through binary
//! and canonical JSON, and the JSON has the spec's form.

use flow_proto::common::v1::{Outcome, Payload, RetryPolicy, outcome};
use flow_proto::execution::v1::Task;
use flow_proto::frame::v1::{Frame, frame};
use prost::Message;
use serde_json::{Value, json};

fn task() -> Task {
    Task {
        task_id: "t-1".into(),
        execution_id: "e-1".into(),
        handler: "resize-image".into(),
        attempt: 3,
        deadline: Some(flow_proto::wkt::Timestamp {
            seconds: 1_700_000_000,
            nanos: 5_000_000,
        }),
        heartbeat_timeout: Some(flow_proto::wkt::Duration {
            seconds: 30,
            nanos: 0,
        }),
        input: Some(Payload {
            metadata: [("encoding".to_string(), "json/plain".into())].into(),
            data: r#"{"w":100}"#.into(),
        }),
        retry_policy: Some(RetryPolicy {
            backoff_coefficient: 2.0,
            maximum_attempts: 5,
            ..Default::default()
        }),
        task_token: vec![0xde, 0xad, 0xbe, 0xef].into(),
        ..Default::default()
    }
}

#[test]
fn task_round_trips_in_binary() {
    let task = task();
    let bytes = task.encode_to_vec();
    assert_eq!(flow_proto::decode::<Task>(bytes.as_slice()).unwrap(), task);
}

#[test]
fn task_round_trips_in_canonical_json() {
    let task = task();
    let text = flow_proto::json::to_string(&task).unwrap();
    let value: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(value["deadline"], json!("2023-11-14T22:13:20.005Z"));
    assert_eq!(value["heartbeatTimeout"], json!("30s"));
    assert_eq!(value["taskToken"], json!("3q2+7w=="));
    assert_eq!(
        value["input"]["metadata"]["encoding"],
        json!("anNvbi9wbGFpbg==")
    );
    assert_eq!(flow_proto::json::from_str::<Task>(&text).unwrap(), task);
}

#[test]
fn outcome_oneof_round_trips() {
    let outcome = Outcome {
        outcome: Some(outcome::Outcome::HandlerNotFound(
            outcome::HandlerNotFound {
                handler: "resize".into(),
                available_handlers: vec!["resize-image".into()],
            },
        )),
    };
    let text = flow_proto::json::to_string(&outcome).unwrap();
    assert_eq!(
        text,
        r#"{"handlerNotFound":{"handler":"resize","availableHandlers":["resize-image"]}}"#
    );
    assert_eq!(
        flow_proto::json::from_str::<Outcome>(&text).unwrap(),
        outcome
    );
    let bytes = outcome.encode_to_vec();
    assert_eq!(Outcome::decode(bytes.as_slice()).unwrap(), outcome);
}

#[test]
fn any_is_written_with_its_type_url() {
    let payload = Payload {
        data: "x".into(),
        ..Default::default()
    };
    let frame = Frame {
        stream_id: "s".into(),
        seq: 1,
        body: Some(frame::Body::Message(flow_proto::wkt::Any {
            type_url: "type.googleapis.com/flow.common.v1.Payload".into(),
            value: payload.encode_to_vec().into(),
        })),
        ..Default::default()
    };
    let value: Value = serde_json::from_str(&flow_proto::json::to_string(&frame).unwrap()).unwrap();
    assert_eq!(
        value["message"],
        json!({"@type": "type.googleapis.com/flow.common.v1.Payload", "data": "eA=="})
    );
    assert_eq!(value["seq"], json!("1"));
}
