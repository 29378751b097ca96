//! `google.protobuf.Struct`, `Value`, `ListValue` and `NullValue`, with ordered maps.
//!
//! pbjson-types and prost-types keep `Struct.fields` in a `HashMap`, so the same configuration
//! encodes to different bytes from run to run. Here it is a `BTreeMap`: encoding is deterministic,
//! which the fixture corpus (re-encoding gives the same bytes), content hashes and signatures need.

use std::collections::BTreeMap;

/// A JSON object: field names to dynamically typed values.
#[derive(Clone, PartialEq, prost::Message)]
pub struct Struct {
    /// The object's members, ordered by name.
    #[prost(btree_map = "string, message", tag = "1")]
    pub fields: BTreeMap<String, Value>,
}

/// A dynamically typed JSON value: null, number, string, bool, object or array.
#[derive(Clone, PartialEq, prost::Message)]
pub struct Value {
    /// Which kind of value. `None` is not valid JSON; writers reject it.
    #[prost(oneof = "value::Kind", tags = "1, 2, 3, 4, 5, 6")]
    pub kind: Option<value::Kind>,
}

/// The variants of [`Value`].
pub mod value {
    /// The kind of a [`Value`](super::Value).
    #[derive(Clone, PartialEq, prost::Oneof)]
    pub enum Kind {
        /// JSON `null`.
        #[prost(enumeration = "super::NullValue", tag = "1")]
        NullValue(i32),
        /// A JSON number. NaN and infinities cannot be written as JSON.
        #[prost(double, tag = "2")]
        NumberValue(f64),
        /// A JSON string.
        #[prost(string, tag = "3")]
        StringValue(String),
        /// A JSON boolean.
        #[prost(bool, tag = "4")]
        BoolValue(bool),
        /// A JSON object.
        #[prost(message, tag = "5")]
        StructValue(super::Struct),
        /// A JSON array.
        #[prost(message, tag = "6")]
        ListValue(super::ListValue),
    }
}

/// A JSON array.
#[derive(Clone, PartialEq, prost::Message)]
pub struct ListValue {
    /// The elements, in order.
    #[prost(message, repeated, tag = "1")]
    pub values: Vec<Value>,
}

/// The single value of JSON `null`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, prost::Enumeration)]
#[repr(i32)]
pub enum NullValue {
    /// `null`.
    NullValue = 0,
}

crate::name!(Struct);
crate::name!(Value);
crate::name!(ListValue);

impl Value {
    /// JSON `null`.
    pub fn null() -> Self {
        Value {
            kind: Some(value::Kind::NullValue(NullValue::NullValue as i32)),
        }
    }
}

/// `Value::from` each payload a JSON value can hold.
macro_rules! value_from {
    ($($payload:ty => $variant:ident),* $(,)?) => {$(
        impl From<$payload> for Value {
            fn from(payload: $payload) -> Self {
                Value {
                    kind: Some(value::Kind::$variant(payload)),
                }
            }
        }
    )*};
}
value_from!(
    f64 => NumberValue,
    bool => BoolValue,
    String => StringValue,
    Struct => StructValue,
    ListValue => ListValue,
);

impl From<&str> for Value {
    fn from(s: &str) -> Self {
        s.to_owned().into()
    }
}

impl<K: Into<String>> FromIterator<(K, Value)> for Struct {
    fn from_iter<I: IntoIterator<Item = (K, Value)>>(iter: I) -> Self {
        Struct {
            fields: iter.into_iter().map(|(k, v)| (k.into(), v)).collect(),
        }
    }
}

impl FromIterator<Value> for ListValue {
    fn from_iter<I: IntoIterator<Item = Value>>(iter: I) -> Self {
        ListValue {
            values: iter.into_iter().collect(),
        }
    }
}
