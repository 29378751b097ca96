//! Canonical proto3 JSON for every Flow message, as the protobuf JSON mapping, Go's protojson and
//! protobuf-es define it.
//!
//! Writing is deterministic: fields in declaration order, map entries sorted by key (as Go's
//! protojson does), so equal messages always give equal bytes.
//!
//! The generated pbjson impls (`serde_json::to_string(&msg)`) deviate from the spec in ways that
//! break other languages (a `Timestamp` ends in `+00:00`, `Any` is `{"typeUrl","value"}`, unknown
//! fields are rejected). This codec is driven by the message descriptors instead: `Any` carries
//! `@type` and the packed message's fields, resolved through a [`TypeRegistry`]; timestamps end in
//! `Z`; 64-bit integers are strings; bytes are base64; enums are names.
//!
//! Reading accepts everything the spec allows (JSON or proto field names, enum numbers, numbers
//! as strings, base64url). By default unknown fields and unknown enum names are skipped, so an old
//! reader survives a newer writer; [`JsonCodec::strict`] rejects them.
//!
//! ```
//! use flow_proto::common::v1::RecordBatch;
//! use flow_proto::json;
//!
//! let batch = RecordBatch { batch_id: 42, stream: "orders".into(), records: vec![] };
//! let text = json::to_string(&batch)?;
//! assert_eq!(text, r#"{"batchId":"42","stream":"orders"}"#);
//!
//! // A newer writer added a field: the default codec skips it, the strict one refuses it.
//! let newer = r#"{"batchId":"42","stream":"orders","shard":3}"#;
//! assert_eq!(json::from_str::<RecordBatch>(newer)?, batch);
//! let err = json::JsonCodec::default().strict().decode::<RecordBatch>(newer).unwrap_err();
//! assert!(err.to_string().contains("shard"));
//! # Ok::<(), flow_proto::JsonError>(())
//! ```

use prost::Message;
use prost_reflect::{DeserializeOptions, DynamicMessage, MessageDescriptor, ReflectMessage};

use crate::json_writer::{WriterOptions, write_message};
use crate::{JsonError, TypeRegistry};

/// Reads and writes proto3 JSON for any message the registry knows.
#[derive(Clone, Debug)]
pub struct JsonCodec {
    registry: TypeRegistry,
    strict: bool,
    writer: WriterOptions,
}

impl Default for JsonCodec {
    /// The Flow registry, lenient reading, canonical writing.
    fn default() -> Self {
        JsonCodec::new(TypeRegistry::flow())
    }
}

impl JsonCodec {
    /// A codec over `registry` (which resolves `Any`), lenient and canonical.
    pub fn new(registry: TypeRegistry) -> Self {
        JsonCodec {
            registry,
            strict: false,
            writer: WriterOptions::default(),
        }
    }

    /// Rejects unknown fields and unknown enum names instead of skipping them.
    pub fn strict(mut self) -> Self {
        self.strict = true;
        self
    }

    /// Writes proto field names (`batch_id`) instead of lowerCamelCase JSON names (`batchId`).
    pub fn proto_field_names(mut self) -> Self {
        self.writer.proto_field_names = true;
        self
    }

    /// Writes fields that hold their default value (`"stream": ""`) instead of omitting them.
    pub fn emit_default_values(mut self) -> Self {
        self.writer.emit_defaults = true;
        self
    }

    /// The registry this codec resolves types through.
    pub fn registry(&self) -> &TypeRegistry {
        &self.registry
    }

    /// Writes `message` as compact JSON.
    pub fn encode<M: Message + prost::Name>(&self, message: &M) -> Result<String, JsonError> {
        let bytes = self.encode_to_vec(message)?;
        Ok(String::from_utf8(bytes).expect("serde_json writes UTF-8"))
    }

    /// Writes `message` as compact JSON bytes.
    pub fn encode_to_vec<M: Message + prost::Name>(
        &self,
        message: &M,
    ) -> Result<Vec<u8>, JsonError> {
        let desc = self.descriptor(&M::full_name())?;
        // Reflection over the binary form: one encode plus one decode, then the descriptor-driven
        // serializer. Simple and exact; see the benchmarks for what it costs.
        let dynamic = DynamicMessage::decode(desc, message.encode_to_vec().as_slice())
            .map_err(|e| unrepresentable(&M::full_name(), e))?;
        self.encode_dynamic(&dynamic)
    }

    /// Writes a dynamic message (of any registered type) as compact JSON bytes.
    pub fn encode_dynamic(&self, message: &DynamicMessage) -> Result<Vec<u8>, JsonError> {
        let mut out = Vec::with_capacity(message.encoded_len() * 2);
        write_message(&mut out, message, self.writer)
            .map_err(|e| unrepresentable(message.descriptor().full_name(), e))?;
        Ok(out)
    }

    /// Reads a message from JSON text or bytes.
    pub fn decode<M: Message + prost::Name + Default>(
        &self,
        json: impl AsRef<[u8]>,
    ) -> Result<M, JsonError> {
        let name = M::full_name();
        let dynamic = self.decode_dynamic(self.descriptor(&name)?, json.as_ref())?;
        // The dynamic message was built from the same descriptor, so this cannot fail unless the
        // registry's descriptor and the generated type disagree (a stale user registration).
        dynamic.transcode_to::<M>().map_err(|e| JsonError::Invalid {
            message: name,
            path: String::new(),
            reason: format!("registered descriptor does not match the Rust type: {e}"),
        })
    }

    /// Reads a dynamic message of type `desc` from JSON bytes.
    pub fn decode_dynamic(
        &self,
        desc: MessageDescriptor,
        json: &[u8],
    ) -> Result<DynamicMessage, JsonError> {
        let options = DeserializeOptions::new().deny_unknown_fields(self.strict);
        let mut json_de = serde_json::Deserializer::from_slice(json);
        match DynamicMessage::deserialize_with_options(desc.clone(), &mut json_de, &options)
            .and_then(|message| json_de.end().map(|()| message))
        {
            Ok(message) => Ok(message),
            // Path tracking costs on every value, so it runs only to explain a failure.
            Err(_) => Err(self.explain_failure(desc, json, &options)),
        }
    }

    /// Parses `json` again, tracking the path, to say where and why it is invalid.
    fn explain_failure(
        &self,
        desc: MessageDescriptor,
        json: &[u8],
        options: &DeserializeOptions,
    ) -> JsonError {
        let name = desc.full_name().to_owned();
        let mut json_de = serde_json::Deserializer::from_slice(json);
        let mut track = serde_path_to_error::Track::new();
        let tracked = serde_path_to_error::Deserializer::new(&mut json_de, &mut track);
        let (path, reason) = match DynamicMessage::deserialize_with_options(desc, tracked, options)
        {
            // serde_path_to_error writes the root as `.`; an empty path reads better.
            Err(e) => (track.path().to_string(), e.to_string()),
            Ok(_) => match json_de.end() {
                Err(e) => (String::new(), e.to_string()),
                Ok(()) => (String::new(), "invalid JSON".to_owned()),
            },
        };
        let path = if path == "." { String::new() } else { path };
        JsonError::Invalid {
            message: name,
            path,
            reason,
        }
    }

    fn descriptor(&self, full_name: &str) -> Result<MessageDescriptor, JsonError> {
        self.registry
            .message(full_name)
            .ok_or_else(|| JsonError::UnknownType(full_name.to_owned()))
    }
}

fn unrepresentable(message: &str, reason: impl std::fmt::Display) -> JsonError {
    JsonError::Unrepresentable {
        message: message.to_owned(),
        reason: reason.to_string(),
    }
}

/// Writes `message` as canonical JSON with the Flow registry.
pub fn to_string<M: Message + prost::Name>(message: &M) -> Result<String, JsonError> {
    default_codec().encode(message)
}

/// Reads `json` leniently (unknown fields and enum names skipped) with the Flow registry.
pub fn from_str<M: Message + prost::Name + Default>(json: &str) -> Result<M, JsonError> {
    default_codec().decode(json)
}

fn default_codec() -> &'static JsonCodec {
    static CODEC: std::sync::OnceLock<JsonCodec> = std::sync::OnceLock::new();
    CODEC.get_or_init(JsonCodec::default)
}
