//! The protobuf well-known types (`google.protobuf.*`) for the Flow contract, with canonical
//! proto3 JSON through serde, and the runtime that generated serde impls call.
//!
//! Why not pbjson-types or prost-types:
//! - their `Struct.fields` is a `HashMap`, so the same configuration encodes to different bytes
//!   from run to run; here maps are ordered and encoding is deterministic;
//! - pbjson-types' JSON is not canonical (a `Timestamp` ends in `+00:00`, `Any` is
//!   `{"typeUrl","value"}`, `FieldMask` is not a string), and serde impls cannot be added to
//!   another crate's types.
//!
//! Every type here is a plain prost message; with the `serde` feature (default) each also reads
//! and writes its proto3 JSON form: `Timestamp` as RFC 3339 in UTC with `Z`, `Duration` as
//! `"1.5s"`, `FieldMask` as `"a.b,cD"`, `Any` as `{"@type": ..., fields}`, wrappers as their bare
//! value, `Empty` as `{}`, `Struct`/`Value`/`ListValue` as any JSON.
//!
//! ```
//! # #[cfg(feature = "serde")] {
//! use flow_proto_wkt::{Duration, Struct, Timestamp, Value};
//! use prost::Message;
//!
//! let t = Timestamp { seconds: 1_700_000_000, nanos: 500_000_000 };
//! assert_eq!(serde_json::to_string(&t).unwrap(), r#""2023-11-14T22:13:20.500Z""#);
//! let d: Duration = serde_json::from_str(r#""-1.25s""#).unwrap();
//! assert_eq!((d.seconds, d.nanos), (-1, -250_000_000));
//!
//! let config: Struct = [("port", Value::from(5432.0)), ("host", Value::from("db"))].into_iter().collect();
//! let again: Struct = [("host", Value::from("db")), ("port", Value::from(5432.0))].into_iter().collect();
//! assert_eq!(config.encode_to_vec(), again.encode_to_vec());
//! # }
//! ```

mod any;
#[cfg(feature = "serde")]
pub mod codegen;
mod empty;
mod field_mask;
#[cfg(feature = "serde")]
mod flatten;
#[cfg(feature = "serde")]
mod registry;
mod structs;
#[cfg(feature = "serde")]
mod structs_json;
mod time;
mod wrappers;

pub use any::Any;
pub use empty::Empty;
pub use field_mask::FieldMask;
#[cfg(feature = "serde")]
pub use registry::{MessageType, message_type, message_types};
pub use structs::{ListValue, NullValue, Struct, Value, value};
pub use time::{Duration, Timestamp};
pub use wrappers::{
    BoolValue, BytesValue, DoubleValue, FloatValue, Int32Value, Int64Value, StringValue,
    UInt32Value, UInt64Value,
};

/// `prost::Name` for a `google.protobuf` type: its full name and `Any` type URL.
macro_rules! name {
    ($ty:ident) => {
        impl prost::Name for $ty {
            const NAME: &'static str = stringify!($ty);
            const PACKAGE: &'static str = "google.protobuf";
            fn full_name() -> String {
                concat!("google.protobuf.", stringify!($ty)).into()
            }
            fn type_url() -> String {
                concat!("type.googleapis.com/google.protobuf.", stringify!($ty)).into()
            }
        }
    };
}
pub(crate) use name;
