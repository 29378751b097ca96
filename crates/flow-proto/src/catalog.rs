//! Every top-level message of the contract, reachable by its proto name, with the generated Rust
//! type doing the work. The fixture corpus, the fuzz targets and the benchmarks use it to cover
//! all messages without a hand-kept list (the table comes from the generator).
//!
//! ```
//! let task = flow_proto::catalog::message_type("flow.execution.v1.Task").unwrap();
//! assert_eq!((task.reencode)(&[0x0a, 0x01, b't'])?, vec![0x0a, 0x01, b't']);
//! assert!(flow_proto::catalog::message_types().len() > 100);
//! # Ok::<(), flow_proto::DecodeError>(())
//! ```

use prost::Message;

use crate::DecodeError;
#[cfg(feature = "json")]
use crate::{JsonError, json::JsonCodec};

/// A decoded message of any Flow type, behind a trait object: what code that reaches types by
/// name (benchmarks, tools) can do with it.
pub trait FlowMessage: std::fmt::Debug + Send + Sync {
    /// Encodes as protobuf binary.
    fn encode_binary(&self) -> Vec<u8>;
    /// Writes as canonical JSON.
    #[cfg(feature = "json")]
    fn to_json(&self, codec: &JsonCodec) -> Result<Vec<u8>, JsonError>;
}

#[cfg(feature = "json")]
impl<M: Message + prost::Name + Default + std::fmt::Debug + serde::Serialize + 'static> FlowMessage
    for M
{
    fn encode_binary(&self) -> Vec<u8> {
        self.encode_to_vec()
    }
    fn to_json(&self, codec: &JsonCodec) -> Result<Vec<u8>, JsonError> {
        codec.encode_to_vec(self)
    }
}

#[cfg(not(feature = "json"))]
impl<M: Message + prost::Name + Default + std::fmt::Debug + 'static> FlowMessage for M {
    fn encode_binary(&self) -> Vec<u8> {
        self.encode_to_vec()
    }
}

/// Decodes protobuf binary into a boxed generated message.
pub type DecodeFn = fn(&[u8]) -> Result<Box<dyn FlowMessage>, DecodeError>;
/// Reads JSON into a boxed generated message.
#[cfg(feature = "json")]
pub type DecodeJsonFn = fn(&JsonCodec, &[u8]) -> Result<Box<dyn FlowMessage>, JsonError>;

/// One message type and its typed codecs, as plain function pointers.
#[derive(Clone, Copy)]
pub struct MessageType {
    /// The fully qualified proto name, e.g. `flow.common.v1.Payload`.
    pub full_name: &'static str,
    /// Decodes protobuf binary into the generated type.
    pub decode: DecodeFn,
    /// Reads JSON into the generated type.
    #[cfg(feature = "json")]
    pub decode_json: DecodeJsonFn,
    /// Decodes protobuf binary into the generated type and encodes it again.
    pub reencode: fn(&[u8]) -> Result<Vec<u8>, DecodeError>,
    /// Decodes protobuf binary into the generated type and writes it as canonical JSON.
    #[cfg(feature = "json")]
    pub binary_to_json: fn(&JsonCodec, &[u8]) -> Result<Vec<u8>, JsonError>,
    /// Reads JSON into the generated type and encodes it as protobuf binary.
    #[cfg(feature = "json")]
    pub json_to_binary: fn(&JsonCodec, &[u8]) -> Result<Vec<u8>, JsonError>,
}

impl std::fmt::Debug for MessageType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MessageType")
            .field("full_name", &self.full_name)
            .finish()
    }
}

macro_rules! message_table {
    ($(($name:literal, $ty:path)),* $(,)?) => {
        &[$(
            MessageType {
                full_name: $name,
                decode: |bytes| {
                    crate::decode::<$ty>(bytes).map(|m| Box::new(m) as Box<dyn FlowMessage>)
                },
                #[cfg(feature = "json")]
                decode_json: |codec, json| {
                    codec.decode::<$ty>(json).map(|m| Box::new(m) as Box<dyn FlowMessage>)
                },
                reencode: |bytes| crate::decode::<$ty>(bytes).map(|m| m.encode_to_vec()),
                #[cfg(feature = "json")]
                binary_to_json: |codec, bytes| {
                    let message = crate::decode::<$ty>(bytes).map_err(|e| JsonError::Unrepresentable {
                        message: $name.to_owned(),
                        reason: e.to_string(),
                    })?;
                    codec.encode_to_vec(&message)
                },
                #[cfg(feature = "json")]
                json_to_binary: |codec, json| codec.decode::<$ty>(json).map(|m| m.encode_to_vec()),
            }
        ),*]
    };
}

static MESSAGE_TYPES: &[MessageType] = flow_proto_types::for_each_message!(message_table);

/// All top-level messages, sorted by full name.
pub fn message_types() -> &'static [MessageType] {
    MESSAGE_TYPES
}

/// The message type with this fully qualified name.
pub fn message_type(full_name: &str) -> Option<&'static MessageType> {
    MESSAGE_TYPES
        .binary_search_by(|t| t.full_name.cmp(full_name))
        .ok()
        .map(|i| &MESSAGE_TYPES[i])
}
