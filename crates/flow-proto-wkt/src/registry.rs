//! The registry of message types that `Any` resolves, filled at link time: every message whose
//! serde impls `flow-proto-build` generated submits itself (through `inventory`), and so does
//! every well-known type here. No descriptors are parsed at run time and nothing needs
//! registering by hand: linking a generated crate is enough.

use std::collections::HashMap;
use std::sync::OnceLock;

use prost::Message;
use serde::Serialize;
use serde::de::DeserializeOwned;

/// A decoded message that any serde format can write.
pub type Serializable = Box<dyn erased_serde::Serialize>;

/// One message type: its full proto name and its conversions between binary and JSON.
pub struct MessageType {
    full_name: &'static str,
    well_known: bool,
    to_json: fn(&[u8]) -> Result<serde_json::Value, String>,
    decode: fn(&[u8]) -> Result<Serializable, String>,
    from_json: fn(serde_json::Value) -> Result<Vec<u8>, String>,
}

impl MessageType {
    /// The entry for `M`. Called by generated code, in `inventory::submit!`.
    pub const fn of<M>(full_name: &'static str) -> MessageType
    where
        M: Message + Default + Serialize + DeserializeOwned + 'static,
    {
        MessageType {
            full_name,
            well_known: false,
            to_json: to_json::<M>,
            decode: decode::<M>,
            from_json: from_json::<M>,
        }
    }

    /// A well-known type: inside `Any` its JSON form sits under `"value"`.
    pub(crate) const fn well_known<M>(full_name: &'static str) -> MessageType
    where
        M: Message + Default + Serialize + DeserializeOwned + 'static,
    {
        MessageType {
            well_known: true,
            ..MessageType::of::<M>(full_name)
        }
    }

    /// The full proto name, e.g. `flow.common.v1.Payload`.
    pub fn full_name(&self) -> &'static str {
        self.full_name
    }

    /// Whether this is a well-known type with a special JSON form.
    pub fn is_well_known(&self) -> bool {
        self.well_known
    }

    /// Decodes binary protobuf of this type and writes it as a JSON value.
    pub fn json_from_binary(&self, bytes: &[u8]) -> Result<serde_json::Value, String> {
        (self.to_json)(bytes)
    }

    /// Decodes binary protobuf of this type into something any serde format can write.
    pub fn decode_serializable(&self, bytes: &[u8]) -> Result<Serializable, String> {
        (self.decode)(bytes)
    }

    /// Reads a JSON value of this type and encodes it as binary protobuf. Honours
    /// [`strict`](crate::codegen::strict) reading.
    pub fn binary_from_json(&self, json: serde_json::Value) -> Result<Vec<u8>, String> {
        (self.from_json)(json)
    }
}

impl std::fmt::Debug for MessageType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MessageType")
            .field("full_name", &self.full_name)
            .finish_non_exhaustive()
    }
}

fn to_json<M: Message + Default + Serialize>(bytes: &[u8]) -> Result<serde_json::Value, String> {
    let message = M::decode(bytes).map_err(|e| e.to_string())?;
    serde_json::to_value(&message).map_err(|e| e.to_string())
}

fn decode<M: Message + Default + Serialize + 'static>(
    bytes: &[u8],
) -> Result<Serializable, String> {
    M::decode(bytes)
        .map(|m| Box::new(m) as Serializable)
        .map_err(|e| e.to_string())
}

fn from_json<M: Message + DeserializeOwned>(json: serde_json::Value) -> Result<Vec<u8>, String> {
    let message: M = serde_json::from_value(json).map_err(|e| e.to_string())?;
    Ok(message.encode_to_vec())
}

inventory::collect!(MessageType);

fn by_name() -> &'static HashMap<&'static str, &'static MessageType> {
    static TYPES: OnceLock<HashMap<&'static str, &'static MessageType>> = OnceLock::new();
    TYPES.get_or_init(|| {
        inventory::iter::<MessageType>
            .into_iter()
            .map(|t| (t.full_name, t))
            .collect()
    })
}

/// The message type of a full name (`flow.common.v1.Payload`) or an `Any` type URL
/// (`type.googleapis.com/flow.common.v1.Payload`: whatever follows the last `/`).
///
/// ```
/// let t = flow_proto_wkt::message_type("type.googleapis.com/google.protobuf.Duration").unwrap();
/// assert_eq!(t.full_name(), "google.protobuf.Duration");
/// assert!(flow_proto_wkt::message_type("acme.Unknown").is_none());
/// ```
pub fn message_type(name_or_type_url: &str) -> Option<&'static MessageType> {
    let name = name_or_type_url
        .rsplit_once('/')
        .map_or(name_or_type_url, |(_, name)| name);
    by_name().get(name).copied()
}

/// Every registered message type, sorted by full name.
pub fn message_types() -> Vec<&'static MessageType> {
    let mut all: Vec<_> = by_name().values().copied().collect();
    all.sort_by_key(|t| t.full_name);
    all
}

macro_rules! submit_well_known {
    ($($ty:ident),*) => {
        $(inventory::submit! {
            MessageType::well_known::<crate::$ty>(concat!("google.protobuf.", stringify!($ty)))
        })*
    };
}
submit_well_known!(
    Any,
    Duration,
    Empty,
    FieldMask,
    ListValue,
    Struct,
    Timestamp,
    Value,
    BoolValue,
    BytesValue,
    DoubleValue,
    FloatValue,
    Int32Value,
    Int64Value,
    StringValue,
    UInt32Value,
    UInt64Value
);
