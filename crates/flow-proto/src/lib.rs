//! # flow-proto
//!
//! The Flow contract for Rust services. It re-exports the generated messages and gRPC stubs of
//! every `flow.<area>.v1` package and adds what the generated code alone does not give:
//!
//! - [`json`]: canonical proto3 JSON, as Go's protojson and protobuf-es write and read it
//!   (`Timestamp` always `Z`, `Any` as `{"@type": ...}`, 64-bit integers as strings, ...);
//! - [`TypeRegistry`]: every Flow type, plus the ones you register, for `Any` and JSON;
//! - typed errors ([`DecodeError`], [`JsonError`], [`ValidationError`]);
//! - [`failure`] and [`diagnostic`]: builders for `Failure`, `Diagnostic` and `AttributePath`;
//! - [`status`]: `Failure` to and from `tonic::Status`, nothing lost;
//! - [`framing`]: length-prefixed frames for transports other than gRPC.
//!
//! Packages keep their proto names: `flow.execution.v1.Task` is
//! [`flow_proto::execution::v1::Task`](crate::execution::v1::Task).
//!
//! ```
//! use flow_proto::common::v1::{Payload, RecordBatch, Record};
//! use prost::Message;
//!
//! let batch = RecordBatch {
//!     batch_id: 7,
//!     stream: "orders".into(),
//!     records: vec![Record {
//!         key: "k1".into(),
//!         value: Some(Payload { data: "hello".into(), ..Default::default() }),
//!         ..Default::default()
//!     }],
//! };
//! let bytes = batch.encode_to_vec();
//! assert_eq!(RecordBatch::decode(bytes.as_slice())?, batch);
//! # Ok::<(), prost::DecodeError>(())
//! ```
//!
//! ## Features
//! - `json` (default): the canonical JSON codec.
//! - `client` / `server` (default): tonic clients and server traits, e.g.
//!   `flow_proto::runtime::v1::runtime_service_client::RuntimeServiceClient`.
//! - `tonic` (default): [`status`], `Failure` <-> `tonic::Status`.
//! - `framing` (default, implies `json`): [`framing`], a `tokio_util` codec for byte streams.

pub mod catalog;
pub mod diagnostic;
mod error;
pub mod failure;
pub mod fixtures;
#[cfg(feature = "framing")]
pub mod framing;
#[cfg(feature = "json")]
pub mod json;
#[cfg(feature = "json")]
mod json_writer;
mod registry;
#[cfg(feature = "tonic")]
pub mod status;

#[cfg(feature = "json")]
pub use error::JsonError;
pub use error::{DecodeError, ValidationError};
pub use registry::TypeRegistry;

pub use flow_proto_types::flow::{
    common, consumer, discovery, durable, execution, frame, job, processor, runtime, source,
};

/// The well-known types as the generated code uses them: the struct types from
/// `flow-proto-wkt` (ordered maps, deterministic encoding), the others from `pbjson-types`.
pub mod wkt {
    pub use flow_proto_wkt::{ListValue, NullValue, Struct, Value, value};
    pub use pbjson_types::{
        Any, BoolValue, BytesValue, DoubleValue, Duration, Empty, FieldMask, FloatValue,
        Int32Value, Int64Value, StringValue, Timestamp, UInt32Value, UInt64Value,
    };
}

/// The encoded `google.protobuf.FileDescriptorSet` of every Flow proto file and its imports,
/// comments included. Serve it with gRPC reflection, or hand it to tools that render `Any`.
pub const FILE_DESCRIPTOR_SET: &[u8] = flow_proto_types::FILE_DESCRIPTOR_SET;

/// Decodes a message from protobuf binary, with a typed error that names the message.
///
/// ```
/// use flow_proto::common::v1::Credit;
/// let credit: Credit = flow_proto::decode(&[0x08, 0x10][..])?;
/// assert_eq!(credit.records, 16);
/// assert!(flow_proto::decode::<Credit>(&[0xff][..]).is_err());
/// # Ok::<(), flow_proto::DecodeError>(())
/// ```
pub fn decode<M: prost::Message + prost::Name + Default>(
    bytes: impl bytes::Buf,
) -> Result<M, DecodeError> {
    M::decode(bytes).map_err(|source| DecodeError::Malformed {
        message: M::full_name(),
        source,
    })
}
