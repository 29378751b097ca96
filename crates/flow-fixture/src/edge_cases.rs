//! Hand-written cases for what a seeded sample does not reach: extreme and negative numbers,
//! unicode, empty and large bytes, timestamps and durations at their edges, cause chains, `Any`
//! with Flow and well-known types, deeply nested `Struct`, unknown enum numbers, explicit
//! presence. And the forward-compatibility cases: messages written by a newer schema.

use base64::Engine;
use serde_json::{Value, json};

/// A case given as proto3 JSON.
pub struct EdgeCase {
    /// Message full name.
    pub message: &'static str,
    /// Case name.
    pub name: &'static str,
    /// The message.
    pub json: Value,
}

/// The edge cases of the corpus.
pub fn edge_cases() -> Vec<EdgeCase> {
    let large: Vec<u8> = (0..64 * 1024).map(|i: u32| (i * 31 % 251) as u8).collect();
    let b64 = |bytes: &[u8]| base64::engine::general_purpose::STANDARD.encode(bytes);
    let case = |message, name, json| EdgeCase {
        message,
        name,
        json,
    };
    vec![
        case(
            "flow.common.v1.Credit",
            "max_values",
            json!({
                "records": 4294967295u32, "bytes": "18446744073709551615"
            }),
        ),
        case(
            "flow.common.v1.Progress",
            "extreme_values",
            json!({
                "records": "18446744073709551615", "bytes": "1", "errors": "0",
                "fractionComplete": "-Infinity",
                "counters": {"max": "18446744073709551615", "one": "1", "zero": "0"}
            }),
        ),
        case(
            "flow.common.v1.Progress",
            "infinity",
            json!({"fractionComplete": "Infinity"}),
        ),
        case(
            "flow.common.v1.RetryPolicy",
            "int32_max",
            json!({
                "maximumAttempts": 2147483647, "backoffCoefficient": 1.7976931348623157e308
            }),
        ),
        case(
            "flow.common.v1.RetryPolicy",
            "negative_values",
            json!({
                "maximumAttempts": -2147483648,
                "backoffCoefficient": -0.5,
                "initialInterval": "-1.500s",
                "maximumInterval": "-315576000000s"
            }),
        ),
        case(
            "flow.common.v1.AttributePath",
            "int64_extremes",
            json!({"steps": [
                {"elementKeyInt": "-9223372036854775808"},
                {"elementKeyInt": "9223372036854775807"},
                {"elementKeyInt": "-1"},
                {"attributeName": ""}
            ]}),
        ),
        case(
            "flow.common.v1.LogEntry",
            "unicode",
            json!({
                "level": "LOG_LEVEL_WARN",
                "message": "héllo wörld — 日本語 🚀 \u{0} \"quoted\" \\ back\tslash\n",
                "fields": {"ключ": "значение", "emoji🚀": "✓", "": "empty key"}
            }),
        ),
        case(
            "flow.common.v1.Payload",
            "empty_bytes",
            json!({
                "metadata": {"empty": "", "zero": "AA=="}, "data": ""
            }),
        ),
        case(
            "flow.common.v1.Payload",
            "large_bytes",
            json!({
                "metadata": {"encoding": b64(b"binary/plain")}, "data": b64(&large)
            }),
        ),
        case(
            "flow.common.v1.Payload",
            "multi_key_map",
            json!({"metadata": {
                "encoding": b64(b"binary/protobuf"),
                "message_type": b64(b"flow.common.v1.Record"),
                "compression": b64(b"zstd"),
                "Z-upper": b64(b"sorted after lower? no: bytes order"),
                "ä-unicode": b64("ü".as_bytes())
            }}),
        ),
        case(
            "flow.common.v1.Record",
            "timestamp_nanos",
            json!({
                "key": b64(b"k"), "eventTime": "2024-01-02T03:04:05.000000001Z"
            }),
        ),
        case(
            "flow.common.v1.Record",
            "timestamp_before_1970",
            json!({
                "eventTime": "1969-07-20T20:17:40.500Z"
            }),
        ),
        case(
            "flow.common.v1.Record",
            "timestamp_min",
            json!({"eventTime": "0001-01-01T00:00:00Z"}),
        ),
        case(
            "flow.common.v1.Record",
            "timestamp_max",
            json!({
                "eventTime": "9999-12-31T23:59:59.999999999Z"
            }),
        ),
        case(
            "flow.common.v1.Failure",
            "cause_chain",
            json!({
                "message": "write failed",
                "type": "consumer.write",
                "source": "warehouse/sink",
                "nextRetryDelay": "2.500s",
                "cause": {
                    "message": "connection reset",
                    "type": "io.reset",
                    "cause": {
                        "message": "certificate expired",
                        "type": "tls.certificate",
                        "nonRetryable": true,
                        "stackTrace": "at tls.rs:42\nat conn.rs:7"
                    }
                },
                "details": [
                    {"@type": "type.googleapis.com/flow.common.v1.Diagnostic",
                     "severity": "SEVERITY_ERROR", "summary": "bad certificate",
                     "attribute": {"steps": [{"attributeName": "tls"}, {"elementKeyString": "ca"}]}},
                    {"@type": "type.googleapis.com/google.protobuf.Duration", "value": "1s"},
                    {"@type": "type.googleapis.com/google.protobuf.Struct", "value": {"retry": [1, 2]}}
                ]
            }),
        ),
        case(
            "flow.frame.v1.Frame",
            "any_flow_message",
            json!({
                "streamId": "s-1",
                "seq": "18446744073709551615",
                "headers": {"flow-method": "/flow.execution.v1.ExecutionService/CompleteTask"},
                "message": {
                    "@type": "type.googleapis.com/flow.execution.v1.Task",
                    "taskId": "t-1", "attempt": 2,
                    "deadline": "2024-02-29T23:59:59Z",
                    "heartbeatTimeout": "0.000000001s",
                    "input": {"data": b64(b"{}")}
                }
            }),
        ),
        case(
            "flow.runtime.v1.ValidateConfigRequest",
            "struct_nested",
            json!({
                "component": "postgres",
                "config": {
                    "a": {"b": [1, [2, [3, null]], {"c": null}]},
                    "empty_list": [],
                    "empty_object": {},
                    "number": -0.125,
                    "big": 1e300,
                    "text": "ünïcödé"
                }
            }),
        ),
        case(
            "flow.common.v1.Diagnostic",
            "unknown_enum_number",
            json!({
                "severity": 42, "summary": "from a newer peer"
            }),
        ),
        case(
            "flow.job.v1.StepStatus",
            "explicit_zero_exit_code",
            json!({
                "stepId": "build", "stage": "STEP_STAGE_COMPLETED", "exitCode": 0
            }),
        ),
    ]
}

/// A message as a newer schema writes it: `binary` and/or `json`, each of which today's reader
/// must read without error into the same message (its canonical JSON is the case's `.json`).
pub struct ForwardCase {
    /// Message full name.
    pub message: &'static str,
    /// Case name.
    pub name: &'static str,
    /// Binary: the message's known part as JSON plus raw bytes appended (unknown fields).
    pub binary: Option<(Value, Vec<u8>)>,
    /// JSON with fields, enum names or oneof cases today's schema does not know.
    pub json: Option<Value>,
}

/// Appends a varint-typed field.
fn varint_field(number: u32, value: u64) -> Vec<u8> {
    let mut out = Vec::new();
    prost::encoding::encode_key(number, prost::encoding::WireType::Varint, &mut out);
    prost::encoding::encode_varint(value, &mut out);
    out
}

/// Appends a length-delimited field.
fn bytes_field(number: u32, value: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    prost::encoding::encode_key(number, prost::encoding::WireType::LengthDelimited, &mut out);
    prost::encoding::encode_varint(value.len() as u64, &mut out);
    out.extend_from_slice(value);
    out
}

/// The forward-compatibility cases.
pub fn forward_cases() -> Vec<ForwardCase> {
    let nested = bytes_field(1, b"from the future");
    vec![
        ForwardCase {
            message: "flow.common.v1.Diagnostic",
            name: "new_fields",
            binary: Some((
                json!({"severity": "SEVERITY_ERROR", "summary": "s"}),
                [varint_field(15, 9), bytes_field(16, &nested)].concat(),
            )),
            json: Some(json!({
                "severity": "SEVERITY_ERROR", "summary": "s",
                "confidence": 0.9, "links": [{"url": "https://example.invalid"}]
            })),
        },
        ForwardCase {
            message: "flow.common.v1.Diagnostic",
            name: "new_enum_value_binary",
            // A newer severity (7) on the wire: an old reader keeps the number.
            binary: Some((json!({"summary": "s"}), varint_field(1, 7))),
            json: None,
        },
        ForwardCase {
            message: "flow.common.v1.Diagnostic",
            name: "new_enum_value_json",
            // A newer severity by name: an old reader cannot map it and leaves the field unset.
            binary: None,
            json: Some(json!({"severity": "SEVERITY_FATAL", "summary": "s"})),
        },
        ForwardCase {
            message: "flow.common.v1.Outcome",
            name: "new_oneof_case",
            binary: Some((json!({}), bytes_field(16, &nested))),
            json: Some(json!({"abandoned": {"reason": "from the future"}})),
        },
        ForwardCase {
            message: "flow.source.v1.ReadResponse",
            name: "new_oneof_case",
            binary: Some((json!({"instructionId": "i-1"}), bytes_field(19, &nested))),
            json: Some(
                json!({"instructionId": "i-1", "heartbeat": {"at": "2030-01-01T00:00:00Z"}}),
            ),
        },
        ForwardCase {
            message: "flow.frame.v1.Frame",
            name: "new_body_kind",
            binary: Some((
                json!({"streamId": "s", "seq": "3"}),
                [bytes_field(19, &nested), varint_field(20, 1)].concat(),
            )),
            json: Some(json!({"streamId": "s", "seq": "3", "window": {"bytes": "65536"}})),
        },
    ]
}
