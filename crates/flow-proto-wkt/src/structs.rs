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

impl From<f64> for Value {
    fn from(n: f64) -> Self {
        Value {
            kind: Some(value::Kind::NumberValue(n)),
        }
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Self {
        Value {
            kind: Some(value::Kind::BoolValue(b)),
        }
    }
}

impl From<String> for Value {
    fn from(s: String) -> Self {
        Value {
            kind: Some(value::Kind::StringValue(s)),
        }
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Self {
        s.to_owned().into()
    }
}

impl From<Struct> for Value {
    fn from(s: Struct) -> Self {
        Value {
            kind: Some(value::Kind::StructValue(s)),
        }
    }
}

impl From<ListValue> for Value {
    fn from(l: ListValue) -> Self {
        Value {
            kind: Some(value::Kind::ListValue(l)),
        }
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
