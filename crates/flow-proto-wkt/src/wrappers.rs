//! The wrapper types (`google.protobuf.Int64Value`, ...): a scalar with presence. JSON is the bare
//! scalar, written and read as a field of that type would be (`Int64Value` as `"5"`).

macro_rules! wrapper {
    ($(#[$doc:meta])* $name:ident, $t:ty, ($($prost:tt)*), $kind:ident) => {
        $(#[$doc])*
        #[derive(Clone, PartialEq, prost::Message)]
        pub struct $name {
            /// The wrapped value.
            #[prost($($prost)*, tag = "1")]
            pub value: $t,
        }

        crate::name!($name);

        #[cfg(feature = "serde")]
        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                <crate::codegen::$kind as crate::codegen::Kind>::serialize(&self.value, s)
            }
        }

        #[cfg(feature = "serde")]
        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                <crate::codegen::$kind as crate::codegen::Kind>::deserialize(d)
                    .map(|value| $name { value: value.unwrap_or_default() })
            }
        }
    };
}

wrapper!(/// A `double` with presence.
    DoubleValue, f64, (double), F64);
wrapper!(/// A `float` with presence.
    FloatValue, f32, (float), F32);
wrapper!(/// An `int64` with presence; JSON writes it as a string.
    Int64Value, i64, (int64), I64);
wrapper!(/// A `uint64` with presence; JSON writes it as a string.
    UInt64Value, u64, (uint64), U64);
wrapper!(/// An `int32` with presence.
    Int32Value, i32, (int32), I32);
wrapper!(/// A `uint32` with presence.
    UInt32Value, u32, (uint32), U32);
wrapper!(/// A `bool` with presence.
    BoolValue, bool, (bool), Bool);
wrapper!(/// A `string` with presence.
    StringValue, String, (string), Str);
wrapper!(/// `bytes` with presence; JSON writes base64.
    BytesValue, bytes::Bytes, (bytes = "bytes"), Bytes);
