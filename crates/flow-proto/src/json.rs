//! Canonical proto3 JSON, as the protobuf JSON mapping, Go's protojson and protobuf-es define it.
//!
//! Every generated message implements `serde::Serialize` and `Deserialize` in that form, so
//! `serde_json::to_string(&msg)` and `serde_json::from_str::<T>(text)` are all a Rust user needs;
//! this module adds typed errors that name the message and the JSON path of a bad value, and
//! the strict reader.
//!
//! Writing is deterministic: fields in declaration order, map entries sorted by key, 64-bit
//! integers as strings, bytes as base64, enums by name (an unknown number as the number),
//! `Timestamp` in UTC with `Z`, `Any` as `{"@type": ..., fields}`.
//!
//! Reading accepts everything the spec allows (JSON or proto field names, enum numbers, numbers
//! as strings, exact exponent forms, base64url, `null` as the default). By default unknown fields
//! and unknown enum names are skipped, so an old reader survives a newer writer; the strict
//! readers ([`from_str_strict`], [`JsonCodec::strict`]) refuse them, naming the JSON path: use
//! them for configuration files and tools, where a typo must not pass silently.
//!
//! ```
//! use flow_proto::common::v1::RecordBatch;
//! use flow_proto::json;
//!
//! let batch = RecordBatch { batch_id: 42, stream: "orders".into(), records: vec![] };
//! let text = serde_json::to_string(&batch)?;
//! assert_eq!(text, r#"{"batchId":"42","stream":"orders"}"#);
//!
//! // A newer writer added a field: the default reader skips it, the strict one refuses it.
//! let newer = r#"{"batchId":"42","stream":"orders","shard":3}"#;
//! assert_eq!(serde_json::from_str::<RecordBatch>(newer)?, batch);
//! let err = json::from_str_strict::<RecordBatch>(newer).unwrap_err();
//! assert_eq!(err.to_string(), "invalid JSON for flow.common.v1.RecordBatch at `shard`: unknown field `shard`, expected one of `batchId`, `stream`, `records` at line 1 column 42");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Other serde formats work on the same types: `rmp_serde::to_vec_named(&msg)` writes
//! MessagePack with native integers and raw bytes.

use prost::Name;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::JsonError;

/// Reads and writes canonical proto3 JSON, leniently (the default) or strictly.
#[derive(Clone, Copy, Debug, Default)]
pub struct JsonCodec {
    strict: bool,
}

impl JsonCodec {
    /// Rejects unknown fields and unknown enum names instead of skipping them.
    pub fn strict(mut self) -> Self {
        self.strict = true;
        self
    }

    /// Whether this codec reads strictly.
    pub fn is_strict(&self) -> bool {
        self.strict
    }

    /// Writes `message` as compact JSON.
    pub fn encode<M: Serialize + Name>(&self, message: &M) -> Result<String, JsonError> {
        to_string(message)
    }

    /// Writes `message` as compact JSON bytes.
    pub fn encode_to_vec<M: Serialize + Name>(&self, message: &M) -> Result<Vec<u8>, JsonError> {
        to_vec(message)
    }

    /// Reads a message from JSON text or bytes.
    pub fn decode<M: DeserializeOwned + Name>(
        &self,
        json: impl AsRef<[u8]>,
    ) -> Result<M, JsonError> {
        let json = json.as_ref();
        if self.strict {
            flow_proto_wkt::codegen::strict(|| read(json))
        } else {
            read(json)
        }
    }
}

/// Writes `message` as canonical JSON.
pub fn to_string<M: Serialize + Name>(message: &M) -> Result<String, JsonError> {
    serde_json::to_string(message).map_err(|e| unrepresentable::<M>(e))
}

/// Writes `message` as canonical JSON bytes.
pub fn to_vec<M: Serialize + Name>(message: &M) -> Result<Vec<u8>, JsonError> {
    serde_json::to_vec(message).map_err(|e| unrepresentable::<M>(e))
}

/// Reads `json` leniently: unknown fields and enum names are skipped.
pub fn from_str<M: DeserializeOwned + Name>(json: &str) -> Result<M, JsonError> {
    read(json.as_bytes())
}

/// Reads `json` leniently: unknown fields and enum names are skipped.
pub fn from_slice<M: DeserializeOwned + Name>(json: &[u8]) -> Result<M, JsonError> {
    read(json)
}

/// Reads `json` strictly: an unknown field or enum name is an error naming its JSON path.
pub fn from_str_strict<M: DeserializeOwned + Name>(json: &str) -> Result<M, JsonError> {
    JsonCodec::default().strict().decode(json)
}

/// Reads `json` strictly: an unknown field or enum name is an error naming its JSON path.
pub fn from_slice_strict<M: DeserializeOwned + Name>(json: &[u8]) -> Result<M, JsonError> {
    JsonCodec::default().strict().decode(json)
}

fn read<M: DeserializeOwned + Name>(json: &[u8]) -> Result<M, JsonError> {
    // Checking UTF-8 once for the whole text is cheaper than serde_json checking every string.
    let Ok(text) = std::str::from_utf8(json) else {
        return Err(explain_failure::<M>(json));
    };
    let mut deserializer = serde_json::Deserializer::from_str(text);
    match M::deserialize(&mut deserializer).and_then(|m| deserializer.end().map(|()| m)) {
        Ok(message) => Ok(message),
        // Path tracking costs on every value, so it runs only to explain a failure.
        Err(_) => Err(explain_failure::<M>(json)),
    }
}

/// Parses `json` again, tracking the path, to say where and why it is invalid.
fn explain_failure<M: DeserializeOwned + Name>(json: &[u8]) -> JsonError {
    let mut deserializer = serde_json::Deserializer::from_slice(json);
    let (path, reason) = match serde_path_to_error::deserialize::<_, M>(&mut deserializer) {
        Err(e) => (e.path().to_string(), e.into_inner().to_string()),
        Ok(_) => match deserializer.end() {
            Err(e) => (String::new(), e.to_string()),
            Ok(()) => (String::new(), "invalid JSON".to_owned()),
        },
    };
    // serde_path_to_error writes the root as `.`; an empty path reads better.
    let path = if path == "." { String::new() } else { path };
    JsonError::Invalid {
        message: M::full_name(),
        path,
        reason,
    }
}

fn unrepresentable<M: Name>(reason: serde_json::Error) -> JsonError {
    JsonError::Unrepresentable {
        message: M::full_name(),
        reason: reason.to_string(),
    }
}
