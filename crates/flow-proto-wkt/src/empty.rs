//! `google.protobuf.Empty`: no fields; JSON `{}`.

/// A message with no fields, for requests or responses that carry nothing.
#[derive(Clone, Copy, PartialEq, Eq, Hash, prost::Message)]
pub struct Empty {}

crate::name!(Empty);

#[cfg(feature = "serde")]
mod json {
    use serde::de::{Deserializer, MapAccess, Visitor};
    use serde::ser::{SerializeMap, Serializer};
    use serde::{Deserialize, Serialize};

    use super::Empty;
    use crate::codegen::{Key, skip_unknown_field};

    impl Serialize for Empty {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.serialize_map(Some(0))?.end()
        }
    }

    impl<'de> Deserialize<'de> for Empty {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct EmptyVisitor;
            impl<'de> Visitor<'de> for EmptyVisitor {
                type Value = Empty;
                fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                    f.write_str("an empty object")
                }
                fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Empty, A::Error> {
                    while let Some(key) = map.next_key::<Key<'de>>()? {
                        skip_unknown_field(&mut map, key.as_str(), &[])?;
                    }
                    Ok(Empty {})
                }
            }
            d.deserialize_map(EmptyVisitor)
        }
    }
}
