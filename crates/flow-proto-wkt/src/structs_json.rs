//! Proto3 JSON for the struct types: `Struct` is a JSON object, `Value` any JSON value,
//! `ListValue` an array, `NullValue` is `null`.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{Error as _, Serialize, SerializeMap, SerializeSeq, Serializer};

use crate::{ListValue, NullValue, Struct, Value, value::Kind};

impl Serialize for Struct {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.fields.len()))?;
        for (k, v) in &self.fields {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl Serialize for ListValue {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.values.len()))?;
        for v in &self.values {
            seq.serialize_element(v)?;
        }
        seq.end()
    }
}

impl Serialize for Value {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match &self.kind {
            None => Err(S::Error::custom("google.protobuf.Value has no kind set")),
            Some(Kind::NullValue(_)) => serializer.serialize_unit(),
            Some(Kind::NumberValue(n)) if !n.is_finite() => Err(S::Error::custom(format!(
                "google.protobuf.Value cannot hold {n}"
            ))),
            // Whole numbers without `.0`, as for every double (`codegen::F64`).
            Some(Kind::NumberValue(n)) => {
                <crate::codegen::F64 as crate::codegen::Kind>::serialize(n, serializer)
            }
            Some(Kind::StringValue(s)) => serializer.serialize_str(s),
            Some(Kind::BoolValue(b)) => serializer.serialize_bool(*b),
            Some(Kind::StructValue(s)) => s.serialize(serializer),
            Some(Kind::ListValue(l)) => l.serialize(serializer),
        }
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::null())
    }

    fn visit_none<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::null())
    }

    fn visit_bool<E: de::Error>(self, b: bool) -> Result<Value, E> {
        Ok(b.into())
    }

    fn visit_i64<E: de::Error>(self, n: i64) -> Result<Value, E> {
        Ok((n as f64).into())
    }

    fn visit_u64<E: de::Error>(self, n: u64) -> Result<Value, E> {
        Ok((n as f64).into())
    }

    fn visit_f64<E: de::Error>(self, n: f64) -> Result<Value, E> {
        Ok(n.into())
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<Value, E> {
        Ok(s.into())
    }

    fn visit_string<E: de::Error>(self, s: String) -> Result<Value, E> {
        Ok(s.into())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut values = Vec::new();
        while let Some(v) = seq.next_element()? {
            values.push(v);
        }
        Ok(ListValue { values }.into())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut fields = std::collections::BTreeMap::new();
        while let Some((k, v)) = map.next_entry::<String, Value>()? {
            fields.insert(k, v);
        }
        Ok(Struct { fields }.into())
    }
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(ValueVisitor)
    }
}

/// `Struct` and `ListValue` read as any JSON value, which must be of their kind.
macro_rules! deserialize_as_kind {
    ($($t:ident: $variant:ident, $must_be:literal;)*) => {$(
        impl<'de> Deserialize<'de> for $t {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<$t, D::Error> {
                match Value::deserialize(deserializer)?.kind {
                    Some(Kind::$variant(v)) => Ok(v),
                    _ => Err(de::Error::custom($must_be)),
                }
            }
        }
    )*};
}
deserialize_as_kind! {
    Struct: StructValue, "google.protobuf.Struct must be a JSON object";
    ListValue: ListValue, "google.protobuf.ListValue must be a JSON array";
}

impl Serialize for NullValue {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_unit()
    }
}

impl<'de> Deserialize<'de> for NullValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<NullValue, D::Error> {
        <crate::codegen::Null as crate::codegen::Kind>::deserialize(deserializer)
            .map(|_| NullValue::NullValue)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_nested_json() {
        let text = r#"{"a":[1.5,null,true,"x",{"b":[]}],"c":{}}"#;
        let value: Struct = serde_json::from_str(text).unwrap();
        assert_eq!(serde_json::to_string(&value).unwrap(), text);
    }

    #[test]
    fn rejects_what_json_cannot_hold() {
        assert!(serde_json::to_string(&Value::from(f64::NAN)).is_err());
        assert!(serde_json::to_string(&Value { kind: None }).is_err());
        assert!(serde_json::from_str::<Struct>("[1]").is_err());
    }
}
