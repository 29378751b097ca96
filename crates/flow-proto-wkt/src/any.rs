//! `google.protobuf.Any`: a message of any type, with the URL that names its type.
//!
//! JSON: `{"@type": "type.googleapis.com/flow.common.v1.Payload", <the message's fields>}`, or
//! for a well-known type `{"@type": ..., "value": <its JSON>}`. The type is looked up in the
//! [registry](crate::message_type) that generated crates fill at link time. Reading buffers the
//! object (as a `serde_json::Value`) since `@type` may come last. Formats that are not
//! human-readable (MessagePack) get `{"typeUrl", "value"}` with the message as binary protobuf.

/// A packed message: its type URL and its binary encoding.
#[derive(Clone, PartialEq, Eq, Hash, prost::Message)]
pub struct Any {
    /// `type.googleapis.com/<full.proto.Name>`; the part after the last `/` names the type.
    #[prost(string, tag = "1")]
    pub type_url: String,
    /// The message, encoded as binary protobuf.
    #[prost(bytes = "bytes", tag = "2")]
    pub value: bytes::Bytes,
}

crate::name!(Any);

impl Any {
    /// Packs `message` with the standard `type.googleapis.com/` prefix.
    pub fn from_msg<M: prost::Message + prost::Name>(message: &M) -> Any {
        Any {
            type_url: M::type_url(),
            value: message.encode_to_vec().into(),
        }
    }

    /// Unpacks the message: `Ok(None)` when the type URL names another type than `M`.
    pub fn to_msg<M: prost::Message + prost::Name + Default>(
        &self,
    ) -> Result<Option<M>, prost::DecodeError> {
        let name = self
            .type_url
            .rsplit_once('/')
            .map_or(self.type_url.as_str(), |(_, n)| n);
        if name != M::full_name() {
            return Ok(None);
        }
        M::decode(self.value.clone()).map(Some)
    }
}

#[cfg(feature = "serde")]
mod json {
    use serde::de::{self, Deserializer};
    use serde::ser::{self, SerializeMap, Serializer};
    use serde::{Deserialize, Serialize};

    use super::Any;
    use crate::codegen::{Bytes, De, Ser, Str};
    use crate::flatten::FlattenInto;
    use crate::registry::message_type;

    fn unregistered(type_url: &str) -> String {
        format!(
            "`{type_url}` is not a registered message type: link the crate generated for it by flow-proto-build"
        )
    }

    impl Serialize for Any {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            if !s.is_human_readable() {
                return CompactAny::serialize(self, s);
            }
            if self.type_url.is_empty() && self.value.is_empty() {
                return s.serialize_map(Some(0))?.end();
            }
            let ty = message_type(&self.type_url)
                .ok_or_else(|| ser::Error::custom(unregistered(&self.type_url)))?;
            let message = ty.decode_serializable(&self.value).map_err(|e| {
                ser::Error::custom(format_args!(
                    "the Any of type `{}` does not hold one: {e}",
                    self.type_url
                ))
            })?;
            if ty.is_well_known() {
                let mut map = s.serialize_map(Some(2))?;
                map.serialize_entry("@type", &self.type_url)?;
                map.serialize_entry("value", &*message)?;
                map.end()
            } else {
                // The packed message's fields follow `@type`, in its own field order.
                let mut map = s.serialize_map(None)?;
                map.serialize_entry("@type", &self.type_url)?;
                message.serialize(FlattenInto(&mut map))?;
                map.end()
            }
        }
    }

    impl<'de> Deserialize<'de> for Any {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            if !d.is_human_readable() {
                return CompactAny::deserialize(d);
            }
            // `@type` may come last, so the object is read whole before the type is known.
            let mut fields = serde_json::Map::<String, serde_json::Value>::deserialize(d)?;
            let type_url = match fields.remove("@type") {
                Some(serde_json::Value::String(url)) => url,
                Some(_) => return Err(de::Error::custom("`@type` of an Any must be a string")),
                None if fields.is_empty() => return Ok(Any::default()),
                None => return Err(de::Error::custom("an Any with fields needs `@type`")),
            };
            let ty = message_type(&type_url)
                .ok_or_else(|| de::Error::custom(unregistered(&type_url)))?;
            let json = if ty.is_well_known() {
                let value = fields.remove("value").ok_or_else(|| {
                    de::Error::custom(format_args!(
                        "an Any of well-known type `{type_url}` needs `value`"
                    ))
                })?;
                if let Some(extra) = fields.keys().next() {
                    return Err(de::Error::custom(format_args!(
                        "unexpected field `{extra}` beside `value` in an Any"
                    )));
                }
                value
            } else {
                serde_json::Value::Object(fields)
            };
            let value = ty.binary_from_json(json).map_err(|e| {
                de::Error::custom(format_args!("in the Any of type `{type_url}`: {e}"))
            })?;
            Ok(Any {
                type_url,
                value: value.into(),
            })
        }
    }

    /// `Any` in formats that are not human-readable (MessagePack): `{"typeUrl", "value"}` with the
    /// packed message left as binary protobuf. Such formats carry bytes natively, the form needs
    /// no registry, and it keeps every field of a type this build does not know.
    struct CompactAny;

    impl CompactAny {
        fn serialize<S: Serializer>(any: &Any, s: S) -> Result<S::Ok, S::Error> {
            use serde::ser::SerializeStruct;
            let mut st = s.serialize_struct("google.protobuf.Any", 2)?;
            st.serialize_field("typeUrl", &Ser::<Str>(&any.type_url))?;
            st.serialize_field("value", &Ser::<Bytes>(&any.value))?;
            st.end()
        }

        fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Any, D::Error> {
            struct CompactVisitor;
            impl<'de> de::Visitor<'de> for CompactVisitor {
                type Value = Any;
                fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                    f.write_str("a google.protobuf.Any map")
                }
                fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Any, A::Error> {
                    let mut any = Any::default();
                    while let Some(key) = map.next_key::<crate::codegen::Key<'de>>()? {
                        match key.as_str() {
                            "typeUrl" | "type_url" => {
                                any.type_url = map.next_value::<De<Str>>()?.0.unwrap_or_default()
                            }
                            "value" => {
                                any.value = map.next_value::<De<Bytes>>()?.0.unwrap_or_default()
                            }
                            other => crate::codegen::skip_unknown_field(
                                &mut map,
                                other,
                                &["typeUrl", "value"],
                            )?,
                        }
                    }
                    Ok(any)
                }
            }
            d.deserialize_map(CompactVisitor)
        }
    }
}
