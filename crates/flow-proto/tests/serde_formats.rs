//! The generated serde impls beyond JSON text: MessagePack (rmp-serde) round-trips the whole
//! corpus, `serde_json::Value` agrees with the text writer, and the strict reader names the JSON
//! path of what it refuses.

use flow_proto::common::v1::{Payload, Record, RecordBatch};
use flow_proto::fixtures::FixtureCorpus;
use prost::Message;
use serde::{Serialize, de::DeserializeOwned};

fn round_trip<M: Message + Default + Serialize + DeserializeOwned + PartialEq + std::fmt::Debug>(
    name: &str,
    binary: &[u8],
) -> usize {
    let message = M::decode(binary).unwrap();
    let packed = rmp_serde::to_vec_named(&message).unwrap_or_else(|e| panic!("{name}: {e}"));
    let back: M = rmp_serde::from_slice(&packed).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(back, message, "{name}: MessagePack round trip");
    // The value writer (no raw shortcuts) and the text writer agree.
    let text = serde_json::to_string(&message).unwrap();
    assert_eq!(
        serde_json::to_value(&message).unwrap().to_string(),
        serde_json::from_str::<serde_json::Value>(&text)
            .unwrap()
            .to_string()
    );
    packed.len()
}

macro_rules! dispatch {
    ($(($full:literal, $ty:path)),* $(,)?) => {
        fn round_trip_by_name(name: &str, binary: &[u8]) -> usize {
            match name {
                $($full => round_trip::<$ty>(name, binary),)*
                other => panic!("{other}: not a Flow message"),
            }
        }
    };
}
flow_proto::for_each_message!(dispatch);

#[test]
fn messagepack_round_trips_the_whole_corpus() {
    let cases = FixtureCorpus::bundled().cases().unwrap();
    let (mut binary, mut packed) = (0, 0);
    for case in &cases {
        let bytes = case.read_binpb().unwrap();
        binary += bytes.len();
        packed += round_trip_by_name(&case.message, &bytes);
    }
    assert!(cases.len() >= 316);
    println!(
        "{} cases: {binary} bytes binary, {packed} bytes MessagePack",
        cases.len()
    );
}

#[test]
fn messagepack_writes_bytes_and_integers_natively() {
    let batch = RecordBatch {
        batch_id: u64::MAX,
        stream: "s".into(),
        records: vec![Record {
            value: Some(Payload {
                data: vec![0u8; 1000].into(),
                ..Default::default()
            }),
            ..Default::default()
        }],
    };
    let packed = rmp_serde::to_vec_named(&batch).unwrap();
    // Raw bytes, not 1,336 characters of base64.
    assert!(packed.len() < 1100, "{} bytes", packed.len());
    assert_eq!(
        rmp_serde::from_slice::<RecordBatch>(&packed).unwrap(),
        batch
    );
}

#[test]
fn strict_reading_names_the_path_of_an_unknown_field() {
    let json = r#"{"batchId":"1","records":[{"key":"AA=="},{"value":{"data":"","colour":"red"}}]}"#;
    assert!(flow_proto::json::from_str::<RecordBatch>(json).is_ok());
    let err = flow_proto::json::from_str_strict::<RecordBatch>(json).unwrap_err();
    let flow_proto::JsonError::Invalid { path, reason, .. } = &err else {
        panic!("{err}")
    };
    assert_eq!(path, "records[1].value.colour");
    assert!(reason.starts_with("unknown field `colour`"), "{reason}");
    // serde_json alone is lenient, as the spec's "ignore unknown" reader is.
    assert!(serde_json::from_str::<RecordBatch>(json).is_ok());
}

#[test]
fn strict_reading_refuses_unknown_enum_names_and_lenient_reading_drops_them() {
    use flow_proto::common::v1::Diagnostic;
    let json = r#"{"severity":"SEVERITY_CATASTROPHIC","summary":"s"}"#;
    let lenient: Diagnostic = serde_json::from_str(json).unwrap();
    assert_eq!((lenient.severity, lenient.summary.as_str()), (0, "s"));
    let err = flow_proto::json::from_str_strict::<Diagnostic>(json).unwrap_err();
    assert!(err.to_string().contains("SEVERITY_CATASTROPHIC"), "{err}");
    // An unknown number is kept (open enum) and written back as a number.
    let numbered: Diagnostic = serde_json::from_str(r#"{"severity":42}"#).unwrap();
    assert_eq!(numbered.severity, 42);
    assert_eq!(
        serde_json::to_string(&numbered).unwrap(),
        r#"{"severity":42}"#
    );
}

#[test]
fn readers_accept_what_the_spec_allows() {
    use flow_proto::common::v1::{Credit, RetryPolicy};
    let credit: Credit = serde_json::from_str(r#"{"records":1e2,"bytes":"1e3"}"#).unwrap();
    assert_eq!((credit.records, credit.bytes), (100, 1000));
    let credit: Credit = serde_json::from_str(r#"{"records":null,"bytes":null}"#).unwrap();
    assert_eq!(credit, Credit::default());
    assert!(serde_json::from_str::<Credit>(r#"{"records":1.5}"#).is_err());
    assert!(serde_json::from_str::<Credit>(r#"{"records":-1}"#).is_err());
    assert!(serde_json::from_str::<Credit>(r#"{"records":1,"records":2}"#).is_err());
    let policy: RetryPolicy =
        serde_json::from_str(r#"{"backoff_coefficient":"Infinity"}"#).unwrap();
    assert!(policy.backoff_coefficient.is_infinite());
    assert_eq!(
        serde_json::to_string(&policy).unwrap(),
        r#"{"backoffCoefficient":"Infinity"}"#
    );
    let policy = RetryPolicy {
        backoff_coefficient: f64::NAN,
        ..Default::default()
    };
    assert_eq!(
        serde_json::to_string(&policy).unwrap(),
        r#"{"backoffCoefficient":"NaN"}"#
    );
    let policy = RetryPolicy {
        backoff_coefficient: 2.0,
        ..Default::default()
    };
    assert_eq!(
        serde_json::to_string(&policy).unwrap(),
        r#"{"backoffCoefficient":2}"#
    );
    let payload: Payload = serde_json::from_str(r#"{"data":"_-8"}"#).unwrap();
    assert_eq!(&payload.data[..], &[0xff, 0xef]);
}
