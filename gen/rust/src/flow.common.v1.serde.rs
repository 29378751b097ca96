impl serde::Serialize for AttributePath {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.steps.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("flow.common.v1.AttributePath", len)?;
        if !self.steps.is_empty() {
            struct_ser.serialize_field("steps", &self.steps)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for AttributePath {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "steps",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Steps,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "steps" => Ok(GeneratedField::Steps),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = AttributePath;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.common.v1.AttributePath")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<AttributePath, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut steps__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Steps => {
                            if steps__.is_some() {
                                return Err(serde::de::Error::duplicate_field("steps"));
                            }
                            steps__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(AttributePath {
                    steps: steps__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("flow.common.v1.AttributePath", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for attribute_path::Step {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.selector.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("flow.common.v1.AttributePath.Step", len)?;
        if let Some(v) = self.selector.as_ref() {
            match v {
                attribute_path::step::Selector::AttributeName(v) => {
                    struct_ser.serialize_field("attributeName", v)?;
                }
                attribute_path::step::Selector::ElementKeyString(v) => {
                    struct_ser.serialize_field("elementKeyString", v)?;
                }
                attribute_path::step::Selector::ElementKeyInt(v) => {
                    #[allow(clippy::needless_borrow)]
                    #[allow(clippy::needless_borrows_for_generic_args)]
                    struct_ser.serialize_field("elementKeyInt", ToString::to_string(&v).as_str())?;
                }
            }
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for attribute_path::Step {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "attribute_name",
            "attributeName",
            "element_key_string",
            "elementKeyString",
            "element_key_int",
            "elementKeyInt",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            AttributeName,
            ElementKeyString,
            ElementKeyInt,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "attributeName" | "attribute_name" => Ok(GeneratedField::AttributeName),
                            "elementKeyString" | "element_key_string" => Ok(GeneratedField::ElementKeyString),
                            "elementKeyInt" | "element_key_int" => Ok(GeneratedField::ElementKeyInt),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = attribute_path::Step;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.common.v1.AttributePath.Step")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<attribute_path::Step, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut selector__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::AttributeName => {
                            if selector__.is_some() {
                                return Err(serde::de::Error::duplicate_field("attributeName"));
                            }
                            selector__ = map_.next_value::<::std::option::Option<_>>()?.map(attribute_path::step::Selector::AttributeName);
                        }
                        GeneratedField::ElementKeyString => {
                            if selector__.is_some() {
                                return Err(serde::de::Error::duplicate_field("elementKeyString"));
                            }
                            selector__ = map_.next_value::<::std::option::Option<_>>()?.map(attribute_path::step::Selector::ElementKeyString);
                        }
                        GeneratedField::ElementKeyInt => {
                            if selector__.is_some() {
                                return Err(serde::de::Error::duplicate_field("elementKeyInt"));
                            }
                            selector__ = map_.next_value::<::std::option::Option<::pbjson::private::NumberDeserialize<_>>>()?.map(|x| attribute_path::step::Selector::ElementKeyInt(x.0));
                        }
                    }
                }
                Ok(attribute_path::Step {
                    selector: selector__,
                })
            }
        }
        deserializer.deserialize_struct("flow.common.v1.AttributePath.Step", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for CancellationMode {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        let variant = match self {
            Self::Unspecified => "CANCELLATION_MODE_UNSPECIFIED",
            Self::Graceful => "CANCELLATION_MODE_GRACEFUL",
            Self::Force => "CANCELLATION_MODE_FORCE",
        };
        serializer.serialize_str(variant)
    }
}
impl<'de> serde::Deserialize<'de> for CancellationMode {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "CANCELLATION_MODE_UNSPECIFIED",
            "CANCELLATION_MODE_GRACEFUL",
            "CANCELLATION_MODE_FORCE",
        ];

        struct GeneratedVisitor;

        impl serde::de::Visitor<'_> for GeneratedVisitor {
            type Value = CancellationMode;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(formatter, "expected one of: {:?}", &FIELDS)
            }

            fn visit_i64<E>(self, v: i64) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                i32::try_from(v)
                    .ok()
                    .and_then(|x| x.try_into().ok())
                    .ok_or_else(|| {
                        serde::de::Error::invalid_value(serde::de::Unexpected::Signed(v), &self)
                    })
            }

            fn visit_u64<E>(self, v: u64) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                i32::try_from(v)
                    .ok()
                    .and_then(|x| x.try_into().ok())
                    .ok_or_else(|| {
                        serde::de::Error::invalid_value(serde::de::Unexpected::Unsigned(v), &self)
                    })
            }

            fn visit_str<E>(self, value: &str) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                match value {
                    "CANCELLATION_MODE_UNSPECIFIED" => Ok(CancellationMode::Unspecified),
                    "CANCELLATION_MODE_GRACEFUL" => Ok(CancellationMode::Graceful),
                    "CANCELLATION_MODE_FORCE" => Ok(CancellationMode::Force),
                    _ => Err(serde::de::Error::unknown_variant(value, FIELDS)),
                }
            }
        }
        deserializer.deserialize_any(GeneratedVisitor)
    }
}
impl serde::Serialize for Capability {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.name.is_empty() {
            len += 1;
        }
        if !self.params.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("flow.common.v1.Capability", len)?;
        if !self.name.is_empty() {
            struct_ser.serialize_field("name", &self.name)?;
        }
        if !self.params.is_empty() {
            struct_ser.serialize_field("params", &self.params)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for Capability {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "name",
            "params",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Name,
            Params,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "name" => Ok(GeneratedField::Name),
                            "params" => Ok(GeneratedField::Params),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = Capability;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.common.v1.Capability")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<Capability, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut name__ = None;
                let mut params__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Name => {
                            if name__.is_some() {
                                return Err(serde::de::Error::duplicate_field("name"));
                            }
                            name__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Params => {
                            if params__.is_some() {
                                return Err(serde::de::Error::duplicate_field("params"));
                            }
                            params__ = Some(
                                map_.next_value::<std::collections::BTreeMap<_, _>>()?
                            );
                        }
                    }
                }
                Ok(Capability {
                    name: name__.unwrap_or_default(),
                    params: params__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("flow.common.v1.Capability", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for Checkpoint {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.checkpoint_id.is_empty() {
            len += 1;
        }
        if self.seq != 0 {
            len += 1;
        }
        if self.state.is_some() {
            len += 1;
        }
        if !self.stream_states.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("flow.common.v1.Checkpoint", len)?;
        if !self.checkpoint_id.is_empty() {
            struct_ser.serialize_field("checkpointId", &self.checkpoint_id)?;
        }
        if self.seq != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("seq", ToString::to_string(&self.seq).as_str())?;
        }
        if let Some(v) = self.state.as_ref() {
            struct_ser.serialize_field("state", v)?;
        }
        if !self.stream_states.is_empty() {
            struct_ser.serialize_field("streamStates", &self.stream_states)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for Checkpoint {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "checkpoint_id",
            "checkpointId",
            "seq",
            "state",
            "stream_states",
            "streamStates",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            CheckpointId,
            Seq,
            State,
            StreamStates,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "checkpointId" | "checkpoint_id" => Ok(GeneratedField::CheckpointId),
                            "seq" => Ok(GeneratedField::Seq),
                            "state" => Ok(GeneratedField::State),
                            "streamStates" | "stream_states" => Ok(GeneratedField::StreamStates),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = Checkpoint;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.common.v1.Checkpoint")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<Checkpoint, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut checkpoint_id__ = None;
                let mut seq__ = None;
                let mut state__ = None;
                let mut stream_states__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::CheckpointId => {
                            if checkpoint_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("checkpointId"));
                            }
                            checkpoint_id__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Seq => {
                            if seq__.is_some() {
                                return Err(serde::de::Error::duplicate_field("seq"));
                            }
                            seq__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::State => {
                            if state__.is_some() {
                                return Err(serde::de::Error::duplicate_field("state"));
                            }
                            state__ = map_.next_value()?;
                        }
                        GeneratedField::StreamStates => {
                            if stream_states__.is_some() {
                                return Err(serde::de::Error::duplicate_field("streamStates"));
                            }
                            stream_states__ = Some(
                                map_.next_value::<std::collections::BTreeMap<_, _>>()?
                            );
                        }
                    }
                }
                Ok(Checkpoint {
                    checkpoint_id: checkpoint_id__.unwrap_or_default(),
                    seq: seq__.unwrap_or_default(),
                    state: state__,
                    stream_states: stream_states__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("flow.common.v1.Checkpoint", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for Credit {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.records != 0 {
            len += 1;
        }
        if self.bytes != 0 {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("flow.common.v1.Credit", len)?;
        if self.records != 0 {
            struct_ser.serialize_field("records", &self.records)?;
        }
        if self.bytes != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("bytes", ToString::to_string(&self.bytes).as_str())?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for Credit {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "records",
            "bytes",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Records,
            Bytes,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "records" => Ok(GeneratedField::Records),
                            "bytes" => Ok(GeneratedField::Bytes),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = Credit;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.common.v1.Credit")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<Credit, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut records__ = None;
                let mut bytes__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Records => {
                            if records__.is_some() {
                                return Err(serde::de::Error::duplicate_field("records"));
                            }
                            records__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::Bytes => {
                            if bytes__.is_some() {
                                return Err(serde::de::Error::duplicate_field("bytes"));
                            }
                            bytes__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                    }
                }
                Ok(Credit {
                    records: records__.unwrap_or_default(),
                    bytes: bytes__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("flow.common.v1.Credit", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for Diagnostic {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.severity != 0 {
            len += 1;
        }
        if !self.summary.is_empty() {
            len += 1;
        }
        if !self.detail.is_empty() {
            len += 1;
        }
        if self.attribute.is_some() {
            len += 1;
        }
        if !self.reason.is_empty() {
            len += 1;
        }
        if !self.metadata.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("flow.common.v1.Diagnostic", len)?;
        if self.severity != 0 {
            let v = Severity::try_from(self.severity)
                .map_err(|_| serde::ser::Error::custom(format!("Invalid variant {}", self.severity)))?;
            struct_ser.serialize_field("severity", &v)?;
        }
        if !self.summary.is_empty() {
            struct_ser.serialize_field("summary", &self.summary)?;
        }
        if !self.detail.is_empty() {
            struct_ser.serialize_field("detail", &self.detail)?;
        }
        if let Some(v) = self.attribute.as_ref() {
            struct_ser.serialize_field("attribute", v)?;
        }
        if !self.reason.is_empty() {
            struct_ser.serialize_field("reason", &self.reason)?;
        }
        if !self.metadata.is_empty() {
            struct_ser.serialize_field("metadata", &self.metadata)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for Diagnostic {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "severity",
            "summary",
            "detail",
            "attribute",
            "reason",
            "metadata",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Severity,
            Summary,
            Detail,
            Attribute,
            Reason,
            Metadata,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "severity" => Ok(GeneratedField::Severity),
                            "summary" => Ok(GeneratedField::Summary),
                            "detail" => Ok(GeneratedField::Detail),
                            "attribute" => Ok(GeneratedField::Attribute),
                            "reason" => Ok(GeneratedField::Reason),
                            "metadata" => Ok(GeneratedField::Metadata),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = Diagnostic;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.common.v1.Diagnostic")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<Diagnostic, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut severity__ = None;
                let mut summary__ = None;
                let mut detail__ = None;
                let mut attribute__ = None;
                let mut reason__ = None;
                let mut metadata__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Severity => {
                            if severity__.is_some() {
                                return Err(serde::de::Error::duplicate_field("severity"));
                            }
                            severity__ = Some(map_.next_value::<Severity>()? as i32);
                        }
                        GeneratedField::Summary => {
                            if summary__.is_some() {
                                return Err(serde::de::Error::duplicate_field("summary"));
                            }
                            summary__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Detail => {
                            if detail__.is_some() {
                                return Err(serde::de::Error::duplicate_field("detail"));
                            }
                            detail__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Attribute => {
                            if attribute__.is_some() {
                                return Err(serde::de::Error::duplicate_field("attribute"));
                            }
                            attribute__ = map_.next_value()?;
                        }
                        GeneratedField::Reason => {
                            if reason__.is_some() {
                                return Err(serde::de::Error::duplicate_field("reason"));
                            }
                            reason__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Metadata => {
                            if metadata__.is_some() {
                                return Err(serde::de::Error::duplicate_field("metadata"));
                            }
                            metadata__ = Some(
                                map_.next_value::<std::collections::BTreeMap<_, _>>()?
                            );
                        }
                    }
                }
                Ok(Diagnostic {
                    severity: severity__.unwrap_or_default(),
                    summary: summary__.unwrap_or_default(),
                    detail: detail__.unwrap_or_default(),
                    attribute: attribute__,
                    reason: reason__.unwrap_or_default(),
                    metadata: metadata__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("flow.common.v1.Diagnostic", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for Failure {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.message.is_empty() {
            len += 1;
        }
        if !self.r#type.is_empty() {
            len += 1;
        }
        if self.non_retryable {
            len += 1;
        }
        if self.next_retry_delay.is_some() {
            len += 1;
        }
        if self.cause.is_some() {
            len += 1;
        }
        if !self.stack_trace.is_empty() {
            len += 1;
        }
        if !self.details.is_empty() {
            len += 1;
        }
        if !self.source.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("flow.common.v1.Failure", len)?;
        if !self.message.is_empty() {
            struct_ser.serialize_field("message", &self.message)?;
        }
        if !self.r#type.is_empty() {
            struct_ser.serialize_field("type", &self.r#type)?;
        }
        if self.non_retryable {
            struct_ser.serialize_field("nonRetryable", &self.non_retryable)?;
        }
        if let Some(v) = self.next_retry_delay.as_ref() {
            struct_ser.serialize_field("nextRetryDelay", v)?;
        }
        if let Some(v) = self.cause.as_ref() {
            struct_ser.serialize_field("cause", v)?;
        }
        if !self.stack_trace.is_empty() {
            struct_ser.serialize_field("stackTrace", &self.stack_trace)?;
        }
        if !self.details.is_empty() {
            struct_ser.serialize_field("details", &self.details)?;
        }
        if !self.source.is_empty() {
            struct_ser.serialize_field("source", &self.source)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for Failure {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "message",
            "type",
            "non_retryable",
            "nonRetryable",
            "next_retry_delay",
            "nextRetryDelay",
            "cause",
            "stack_trace",
            "stackTrace",
            "details",
            "source",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Message,
            Type,
            NonRetryable,
            NextRetryDelay,
            Cause,
            StackTrace,
            Details,
            Source,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "message" => Ok(GeneratedField::Message),
                            "type" => Ok(GeneratedField::Type),
                            "nonRetryable" | "non_retryable" => Ok(GeneratedField::NonRetryable),
                            "nextRetryDelay" | "next_retry_delay" => Ok(GeneratedField::NextRetryDelay),
                            "cause" => Ok(GeneratedField::Cause),
                            "stackTrace" | "stack_trace" => Ok(GeneratedField::StackTrace),
                            "details" => Ok(GeneratedField::Details),
                            "source" => Ok(GeneratedField::Source),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = Failure;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.common.v1.Failure")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<Failure, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut message__ = None;
                let mut r#type__ = None;
                let mut non_retryable__ = None;
                let mut next_retry_delay__ = None;
                let mut cause__ = None;
                let mut stack_trace__ = None;
                let mut details__ = None;
                let mut source__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Message => {
                            if message__.is_some() {
                                return Err(serde::de::Error::duplicate_field("message"));
                            }
                            message__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Type => {
                            if r#type__.is_some() {
                                return Err(serde::de::Error::duplicate_field("type"));
                            }
                            r#type__ = Some(map_.next_value()?);
                        }
                        GeneratedField::NonRetryable => {
                            if non_retryable__.is_some() {
                                return Err(serde::de::Error::duplicate_field("nonRetryable"));
                            }
                            non_retryable__ = Some(map_.next_value()?);
                        }
                        GeneratedField::NextRetryDelay => {
                            if next_retry_delay__.is_some() {
                                return Err(serde::de::Error::duplicate_field("nextRetryDelay"));
                            }
                            next_retry_delay__ = map_.next_value()?;
                        }
                        GeneratedField::Cause => {
                            if cause__.is_some() {
                                return Err(serde::de::Error::duplicate_field("cause"));
                            }
                            cause__ = map_.next_value()?;
                        }
                        GeneratedField::StackTrace => {
                            if stack_trace__.is_some() {
                                return Err(serde::de::Error::duplicate_field("stackTrace"));
                            }
                            stack_trace__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Details => {
                            if details__.is_some() {
                                return Err(serde::de::Error::duplicate_field("details"));
                            }
                            details__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Source => {
                            if source__.is_some() {
                                return Err(serde::de::Error::duplicate_field("source"));
                            }
                            source__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(Failure {
                    message: message__.unwrap_or_default(),
                    r#type: r#type__.unwrap_or_default(),
                    non_retryable: non_retryable__.unwrap_or_default(),
                    next_retry_delay: next_retry_delay__,
                    cause: cause__,
                    stack_trace: stack_trace__.unwrap_or_default(),
                    details: details__.unwrap_or_default(),
                    source: source__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("flow.common.v1.Failure", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for LogEntry {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.level != 0 {
            len += 1;
        }
        if !self.message.is_empty() {
            len += 1;
        }
        if self.time.is_some() {
            len += 1;
        }
        if !self.fields.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("flow.common.v1.LogEntry", len)?;
        if self.level != 0 {
            let v = LogLevel::try_from(self.level)
                .map_err(|_| serde::ser::Error::custom(format!("Invalid variant {}", self.level)))?;
            struct_ser.serialize_field("level", &v)?;
        }
        if !self.message.is_empty() {
            struct_ser.serialize_field("message", &self.message)?;
        }
        if let Some(v) = self.time.as_ref() {
            struct_ser.serialize_field("time", v)?;
        }
        if !self.fields.is_empty() {
            struct_ser.serialize_field("fields", &self.fields)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for LogEntry {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "level",
            "message",
            "time",
            "fields",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Level,
            Message,
            Time,
            Fields,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "level" => Ok(GeneratedField::Level),
                            "message" => Ok(GeneratedField::Message),
                            "time" => Ok(GeneratedField::Time),
                            "fields" => Ok(GeneratedField::Fields),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = LogEntry;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.common.v1.LogEntry")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<LogEntry, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut level__ = None;
                let mut message__ = None;
                let mut time__ = None;
                let mut fields__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Level => {
                            if level__.is_some() {
                                return Err(serde::de::Error::duplicate_field("level"));
                            }
                            level__ = Some(map_.next_value::<LogLevel>()? as i32);
                        }
                        GeneratedField::Message => {
                            if message__.is_some() {
                                return Err(serde::de::Error::duplicate_field("message"));
                            }
                            message__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Time => {
                            if time__.is_some() {
                                return Err(serde::de::Error::duplicate_field("time"));
                            }
                            time__ = map_.next_value()?;
                        }
                        GeneratedField::Fields => {
                            if fields__.is_some() {
                                return Err(serde::de::Error::duplicate_field("fields"));
                            }
                            fields__ = Some(
                                map_.next_value::<std::collections::BTreeMap<_, _>>()?
                            );
                        }
                    }
                }
                Ok(LogEntry {
                    level: level__.unwrap_or_default(),
                    message: message__.unwrap_or_default(),
                    time: time__,
                    fields: fields__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("flow.common.v1.LogEntry", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for LogLevel {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        let variant = match self {
            Self::Unspecified => "LOG_LEVEL_UNSPECIFIED",
            Self::Trace => "LOG_LEVEL_TRACE",
            Self::Debug => "LOG_LEVEL_DEBUG",
            Self::Info => "LOG_LEVEL_INFO",
            Self::Warn => "LOG_LEVEL_WARN",
            Self::Error => "LOG_LEVEL_ERROR",
        };
        serializer.serialize_str(variant)
    }
}
impl<'de> serde::Deserialize<'de> for LogLevel {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "LOG_LEVEL_UNSPECIFIED",
            "LOG_LEVEL_TRACE",
            "LOG_LEVEL_DEBUG",
            "LOG_LEVEL_INFO",
            "LOG_LEVEL_WARN",
            "LOG_LEVEL_ERROR",
        ];

        struct GeneratedVisitor;

        impl serde::de::Visitor<'_> for GeneratedVisitor {
            type Value = LogLevel;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(formatter, "expected one of: {:?}", &FIELDS)
            }

            fn visit_i64<E>(self, v: i64) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                i32::try_from(v)
                    .ok()
                    .and_then(|x| x.try_into().ok())
                    .ok_or_else(|| {
                        serde::de::Error::invalid_value(serde::de::Unexpected::Signed(v), &self)
                    })
            }

            fn visit_u64<E>(self, v: u64) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                i32::try_from(v)
                    .ok()
                    .and_then(|x| x.try_into().ok())
                    .ok_or_else(|| {
                        serde::de::Error::invalid_value(serde::de::Unexpected::Unsigned(v), &self)
                    })
            }

            fn visit_str<E>(self, value: &str) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                match value {
                    "LOG_LEVEL_UNSPECIFIED" => Ok(LogLevel::Unspecified),
                    "LOG_LEVEL_TRACE" => Ok(LogLevel::Trace),
                    "LOG_LEVEL_DEBUG" => Ok(LogLevel::Debug),
                    "LOG_LEVEL_INFO" => Ok(LogLevel::Info),
                    "LOG_LEVEL_WARN" => Ok(LogLevel::Warn),
                    "LOG_LEVEL_ERROR" => Ok(LogLevel::Error),
                    _ => Err(serde::de::Error::unknown_variant(value, FIELDS)),
                }
            }
        }
        deserializer.deserialize_any(GeneratedVisitor)
    }
}
impl serde::Serialize for Outcome {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.outcome.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("flow.common.v1.Outcome", len)?;
        if let Some(v) = self.outcome.as_ref() {
            match v {
                outcome::Outcome::Success(v) => {
                    struct_ser.serialize_field("success", v)?;
                }
                outcome::Outcome::Failure(v) => {
                    struct_ser.serialize_field("failure", v)?;
                }
                outcome::Outcome::RetryAfter(v) => {
                    struct_ser.serialize_field("retryAfter", v)?;
                }
                outcome::Outcome::Timeout(v) => {
                    struct_ser.serialize_field("timeout", v)?;
                }
                outcome::Outcome::Cancelled(v) => {
                    struct_ser.serialize_field("cancelled", v)?;
                }
                outcome::Outcome::HandlerNotFound(v) => {
                    struct_ser.serialize_field("handlerNotFound", v)?;
                }
            }
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for Outcome {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "success",
            "failure",
            "retry_after",
            "retryAfter",
            "timeout",
            "cancelled",
            "handler_not_found",
            "handlerNotFound",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Success,
            Failure,
            RetryAfter,
            Timeout,
            Cancelled,
            HandlerNotFound,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "success" => Ok(GeneratedField::Success),
                            "failure" => Ok(GeneratedField::Failure),
                            "retryAfter" | "retry_after" => Ok(GeneratedField::RetryAfter),
                            "timeout" => Ok(GeneratedField::Timeout),
                            "cancelled" => Ok(GeneratedField::Cancelled),
                            "handlerNotFound" | "handler_not_found" => Ok(GeneratedField::HandlerNotFound),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = Outcome;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.common.v1.Outcome")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<Outcome, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut outcome__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Success => {
                            if outcome__.is_some() {
                                return Err(serde::de::Error::duplicate_field("success"));
                            }
                            outcome__ = map_.next_value::<::std::option::Option<_>>()?.map(outcome::Outcome::Success)
;
                        }
                        GeneratedField::Failure => {
                            if outcome__.is_some() {
                                return Err(serde::de::Error::duplicate_field("failure"));
                            }
                            outcome__ = map_.next_value::<::std::option::Option<_>>()?.map(outcome::Outcome::Failure)
;
                        }
                        GeneratedField::RetryAfter => {
                            if outcome__.is_some() {
                                return Err(serde::de::Error::duplicate_field("retryAfter"));
                            }
                            outcome__ = map_.next_value::<::std::option::Option<_>>()?.map(outcome::Outcome::RetryAfter)
;
                        }
                        GeneratedField::Timeout => {
                            if outcome__.is_some() {
                                return Err(serde::de::Error::duplicate_field("timeout"));
                            }
                            outcome__ = map_.next_value::<::std::option::Option<_>>()?.map(outcome::Outcome::Timeout)
;
                        }
                        GeneratedField::Cancelled => {
                            if outcome__.is_some() {
                                return Err(serde::de::Error::duplicate_field("cancelled"));
                            }
                            outcome__ = map_.next_value::<::std::option::Option<_>>()?.map(outcome::Outcome::Cancelled)
;
                        }
                        GeneratedField::HandlerNotFound => {
                            if outcome__.is_some() {
                                return Err(serde::de::Error::duplicate_field("handlerNotFound"));
                            }
                            outcome__ = map_.next_value::<::std::option::Option<_>>()?.map(outcome::Outcome::HandlerNotFound)
;
                        }
                    }
                }
                Ok(Outcome {
                    outcome: outcome__,
                })
            }
        }
        deserializer.deserialize_struct("flow.common.v1.Outcome", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for outcome::Cancelled {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.mode != 0 {
            len += 1;
        }
        if self.details.is_some() {
            len += 1;
        }
        if !self.reason.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("flow.common.v1.Outcome.Cancelled", len)?;
        if self.mode != 0 {
            let v = CancellationMode::try_from(self.mode)
                .map_err(|_| serde::ser::Error::custom(format!("Invalid variant {}", self.mode)))?;
            struct_ser.serialize_field("mode", &v)?;
        }
        if let Some(v) = self.details.as_ref() {
            struct_ser.serialize_field("details", v)?;
        }
        if !self.reason.is_empty() {
            struct_ser.serialize_field("reason", &self.reason)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for outcome::Cancelled {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "mode",
            "details",
            "reason",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Mode,
            Details,
            Reason,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "mode" => Ok(GeneratedField::Mode),
                            "details" => Ok(GeneratedField::Details),
                            "reason" => Ok(GeneratedField::Reason),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = outcome::Cancelled;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.common.v1.Outcome.Cancelled")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<outcome::Cancelled, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut mode__ = None;
                let mut details__ = None;
                let mut reason__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Mode => {
                            if mode__.is_some() {
                                return Err(serde::de::Error::duplicate_field("mode"));
                            }
                            mode__ = Some(map_.next_value::<CancellationMode>()? as i32);
                        }
                        GeneratedField::Details => {
                            if details__.is_some() {
                                return Err(serde::de::Error::duplicate_field("details"));
                            }
                            details__ = map_.next_value()?;
                        }
                        GeneratedField::Reason => {
                            if reason__.is_some() {
                                return Err(serde::de::Error::duplicate_field("reason"));
                            }
                            reason__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(outcome::Cancelled {
                    mode: mode__.unwrap_or_default(),
                    details: details__,
                    reason: reason__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("flow.common.v1.Outcome.Cancelled", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for outcome::HandlerNotFound {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.handler.is_empty() {
            len += 1;
        }
        if !self.available_handlers.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("flow.common.v1.Outcome.HandlerNotFound", len)?;
        if !self.handler.is_empty() {
            struct_ser.serialize_field("handler", &self.handler)?;
        }
        if !self.available_handlers.is_empty() {
            struct_ser.serialize_field("availableHandlers", &self.available_handlers)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for outcome::HandlerNotFound {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "handler",
            "available_handlers",
            "availableHandlers",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Handler,
            AvailableHandlers,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "handler" => Ok(GeneratedField::Handler),
                            "availableHandlers" | "available_handlers" => Ok(GeneratedField::AvailableHandlers),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = outcome::HandlerNotFound;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.common.v1.Outcome.HandlerNotFound")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<outcome::HandlerNotFound, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut handler__ = None;
                let mut available_handlers__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Handler => {
                            if handler__.is_some() {
                                return Err(serde::de::Error::duplicate_field("handler"));
                            }
                            handler__ = Some(map_.next_value()?);
                        }
                        GeneratedField::AvailableHandlers => {
                            if available_handlers__.is_some() {
                                return Err(serde::de::Error::duplicate_field("availableHandlers"));
                            }
                            available_handlers__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(outcome::HandlerNotFound {
                    handler: handler__.unwrap_or_default(),
                    available_handlers: available_handlers__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("flow.common.v1.Outcome.HandlerNotFound", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for outcome::RetryAfter {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.delay.is_some() {
            len += 1;
        }
        if self.cause.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("flow.common.v1.Outcome.RetryAfter", len)?;
        if let Some(v) = self.delay.as_ref() {
            struct_ser.serialize_field("delay", v)?;
        }
        if let Some(v) = self.cause.as_ref() {
            struct_ser.serialize_field("cause", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for outcome::RetryAfter {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "delay",
            "cause",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Delay,
            Cause,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "delay" => Ok(GeneratedField::Delay),
                            "cause" => Ok(GeneratedField::Cause),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = outcome::RetryAfter;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.common.v1.Outcome.RetryAfter")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<outcome::RetryAfter, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut delay__ = None;
                let mut cause__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Delay => {
                            if delay__.is_some() {
                                return Err(serde::de::Error::duplicate_field("delay"));
                            }
                            delay__ = map_.next_value()?;
                        }
                        GeneratedField::Cause => {
                            if cause__.is_some() {
                                return Err(serde::de::Error::duplicate_field("cause"));
                            }
                            cause__ = map_.next_value()?;
                        }
                    }
                }
                Ok(outcome::RetryAfter {
                    delay: delay__,
                    cause: cause__,
                })
            }
        }
        deserializer.deserialize_struct("flow.common.v1.Outcome.RetryAfter", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for outcome::Success {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.result.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("flow.common.v1.Outcome.Success", len)?;
        if let Some(v) = self.result.as_ref() {
            struct_ser.serialize_field("result", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for outcome::Success {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "result",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Result,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "result" => Ok(GeneratedField::Result),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = outcome::Success;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.common.v1.Outcome.Success")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<outcome::Success, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut result__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Result => {
                            if result__.is_some() {
                                return Err(serde::de::Error::duplicate_field("result"));
                            }
                            result__ = map_.next_value()?;
                        }
                    }
                }
                Ok(outcome::Success {
                    result: result__,
                })
            }
        }
        deserializer.deserialize_struct("flow.common.v1.Outcome.Success", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for outcome::Timeout {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.kind != 0 {
            len += 1;
        }
        if self.last_heartbeat.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("flow.common.v1.Outcome.Timeout", len)?;
        if self.kind != 0 {
            let v = TimeoutKind::try_from(self.kind)
                .map_err(|_| serde::ser::Error::custom(format!("Invalid variant {}", self.kind)))?;
            struct_ser.serialize_field("kind", &v)?;
        }
        if let Some(v) = self.last_heartbeat.as_ref() {
            struct_ser.serialize_field("lastHeartbeat", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for outcome::Timeout {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "kind",
            "last_heartbeat",
            "lastHeartbeat",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Kind,
            LastHeartbeat,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "kind" => Ok(GeneratedField::Kind),
                            "lastHeartbeat" | "last_heartbeat" => Ok(GeneratedField::LastHeartbeat),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = outcome::Timeout;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.common.v1.Outcome.Timeout")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<outcome::Timeout, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut kind__ = None;
                let mut last_heartbeat__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Kind => {
                            if kind__.is_some() {
                                return Err(serde::de::Error::duplicate_field("kind"));
                            }
                            kind__ = Some(map_.next_value::<TimeoutKind>()? as i32);
                        }
                        GeneratedField::LastHeartbeat => {
                            if last_heartbeat__.is_some() {
                                return Err(serde::de::Error::duplicate_field("lastHeartbeat"));
                            }
                            last_heartbeat__ = map_.next_value()?;
                        }
                    }
                }
                Ok(outcome::Timeout {
                    kind: kind__.unwrap_or_default(),
                    last_heartbeat: last_heartbeat__,
                })
            }
        }
        deserializer.deserialize_struct("flow.common.v1.Outcome.Timeout", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for Payload {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.metadata.is_empty() {
            len += 1;
        }
        if !self.data.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("flow.common.v1.Payload", len)?;
        if !self.metadata.is_empty() {
            let v: std::collections::HashMap<_, _> = self.metadata.iter()
                .map(|(k, v)| (k, pbjson::private::base64::encode(v))).collect();
            struct_ser.serialize_field("metadata", &v)?;
        }
        if !self.data.is_empty() {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("data", pbjson::private::base64::encode(&self.data).as_str())?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for Payload {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "metadata",
            "data",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Metadata,
            Data,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "metadata" => Ok(GeneratedField::Metadata),
                            "data" => Ok(GeneratedField::Data),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = Payload;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.common.v1.Payload")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<Payload, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut metadata__ = None;
                let mut data__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Metadata => {
                            if metadata__.is_some() {
                                return Err(serde::de::Error::duplicate_field("metadata"));
                            }
                            metadata__ = Some(
                                map_.next_value::<std::collections::BTreeMap<_, ::pbjson::private::BytesDeserialize<_>>>()?
                                    .into_iter().map(|(k,v)| (k, v.0)).collect()
                            );
                        }
                        GeneratedField::Data => {
                            if data__.is_some() {
                                return Err(serde::de::Error::duplicate_field("data"));
                            }
                            data__ = 
                                Some(map_.next_value::<::pbjson::private::BytesDeserialize<_>>()?.0)
                            ;
                        }
                    }
                }
                Ok(Payload {
                    metadata: metadata__.unwrap_or_default(),
                    data: data__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("flow.common.v1.Payload", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for Progress {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.records != 0 {
            len += 1;
        }
        if self.bytes != 0 {
            len += 1;
        }
        if self.batches != 0 {
            len += 1;
        }
        if self.errors != 0 {
            len += 1;
        }
        if !self.message.is_empty() {
            len += 1;
        }
        if self.fraction_complete != 0. {
            len += 1;
        }
        if !self.counters.is_empty() {
            len += 1;
        }
        if self.observed_at.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("flow.common.v1.Progress", len)?;
        if self.records != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("records", ToString::to_string(&self.records).as_str())?;
        }
        if self.bytes != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("bytes", ToString::to_string(&self.bytes).as_str())?;
        }
        if self.batches != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("batches", ToString::to_string(&self.batches).as_str())?;
        }
        if self.errors != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("errors", ToString::to_string(&self.errors).as_str())?;
        }
        if !self.message.is_empty() {
            struct_ser.serialize_field("message", &self.message)?;
        }
        if self.fraction_complete != 0. {
            struct_ser.serialize_field("fractionComplete", &self.fraction_complete)?;
        }
        if !self.counters.is_empty() {
            let v: std::collections::HashMap<_, _> = self.counters.iter()
                .map(|(k, v)| (k, v.to_string())).collect();
            struct_ser.serialize_field("counters", &v)?;
        }
        if let Some(v) = self.observed_at.as_ref() {
            struct_ser.serialize_field("observedAt", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for Progress {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "records",
            "bytes",
            "batches",
            "errors",
            "message",
            "fraction_complete",
            "fractionComplete",
            "counters",
            "observed_at",
            "observedAt",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Records,
            Bytes,
            Batches,
            Errors,
            Message,
            FractionComplete,
            Counters,
            ObservedAt,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "records" => Ok(GeneratedField::Records),
                            "bytes" => Ok(GeneratedField::Bytes),
                            "batches" => Ok(GeneratedField::Batches),
                            "errors" => Ok(GeneratedField::Errors),
                            "message" => Ok(GeneratedField::Message),
                            "fractionComplete" | "fraction_complete" => Ok(GeneratedField::FractionComplete),
                            "counters" => Ok(GeneratedField::Counters),
                            "observedAt" | "observed_at" => Ok(GeneratedField::ObservedAt),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = Progress;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.common.v1.Progress")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<Progress, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut records__ = None;
                let mut bytes__ = None;
                let mut batches__ = None;
                let mut errors__ = None;
                let mut message__ = None;
                let mut fraction_complete__ = None;
                let mut counters__ = None;
                let mut observed_at__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Records => {
                            if records__.is_some() {
                                return Err(serde::de::Error::duplicate_field("records"));
                            }
                            records__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::Bytes => {
                            if bytes__.is_some() {
                                return Err(serde::de::Error::duplicate_field("bytes"));
                            }
                            bytes__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::Batches => {
                            if batches__.is_some() {
                                return Err(serde::de::Error::duplicate_field("batches"));
                            }
                            batches__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::Errors => {
                            if errors__.is_some() {
                                return Err(serde::de::Error::duplicate_field("errors"));
                            }
                            errors__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::Message => {
                            if message__.is_some() {
                                return Err(serde::de::Error::duplicate_field("message"));
                            }
                            message__ = Some(map_.next_value()?);
                        }
                        GeneratedField::FractionComplete => {
                            if fraction_complete__.is_some() {
                                return Err(serde::de::Error::duplicate_field("fractionComplete"));
                            }
                            fraction_complete__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::Counters => {
                            if counters__.is_some() {
                                return Err(serde::de::Error::duplicate_field("counters"));
                            }
                            counters__ = Some(
                                map_.next_value::<std::collections::BTreeMap<_, ::pbjson::private::NumberDeserialize<u64>>>()?
                                    .into_iter().map(|(k,v)| (k, v.0)).collect()
                            );
                        }
                        GeneratedField::ObservedAt => {
                            if observed_at__.is_some() {
                                return Err(serde::de::Error::duplicate_field("observedAt"));
                            }
                            observed_at__ = map_.next_value()?;
                        }
                    }
                }
                Ok(Progress {
                    records: records__.unwrap_or_default(),
                    bytes: bytes__.unwrap_or_default(),
                    batches: batches__.unwrap_or_default(),
                    errors: errors__.unwrap_or_default(),
                    message: message__.unwrap_or_default(),
                    fraction_complete: fraction_complete__.unwrap_or_default(),
                    counters: counters__.unwrap_or_default(),
                    observed_at: observed_at__,
                })
            }
        }
        deserializer.deserialize_struct("flow.common.v1.Progress", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for Record {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.key.is_empty() {
            len += 1;
        }
        if self.value.is_some() {
            len += 1;
        }
        if !self.attributes.is_empty() {
            len += 1;
        }
        if self.event_time.is_some() {
            len += 1;
        }
        if !self.position.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("flow.common.v1.Record", len)?;
        if !self.key.is_empty() {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("key", pbjson::private::base64::encode(&self.key).as_str())?;
        }
        if let Some(v) = self.value.as_ref() {
            struct_ser.serialize_field("value", v)?;
        }
        if !self.attributes.is_empty() {
            struct_ser.serialize_field("attributes", &self.attributes)?;
        }
        if let Some(v) = self.event_time.as_ref() {
            struct_ser.serialize_field("eventTime", v)?;
        }
        if !self.position.is_empty() {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("position", pbjson::private::base64::encode(&self.position).as_str())?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for Record {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "key",
            "value",
            "attributes",
            "event_time",
            "eventTime",
            "position",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Key,
            Value,
            Attributes,
            EventTime,
            Position,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "key" => Ok(GeneratedField::Key),
                            "value" => Ok(GeneratedField::Value),
                            "attributes" => Ok(GeneratedField::Attributes),
                            "eventTime" | "event_time" => Ok(GeneratedField::EventTime),
                            "position" => Ok(GeneratedField::Position),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = Record;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.common.v1.Record")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<Record, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut key__ = None;
                let mut value__ = None;
                let mut attributes__ = None;
                let mut event_time__ = None;
                let mut position__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Key => {
                            if key__.is_some() {
                                return Err(serde::de::Error::duplicate_field("key"));
                            }
                            key__ = 
                                Some(map_.next_value::<::pbjson::private::BytesDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::Value => {
                            if value__.is_some() {
                                return Err(serde::de::Error::duplicate_field("value"));
                            }
                            value__ = map_.next_value()?;
                        }
                        GeneratedField::Attributes => {
                            if attributes__.is_some() {
                                return Err(serde::de::Error::duplicate_field("attributes"));
                            }
                            attributes__ = Some(
                                map_.next_value::<std::collections::BTreeMap<_, _>>()?
                            );
                        }
                        GeneratedField::EventTime => {
                            if event_time__.is_some() {
                                return Err(serde::de::Error::duplicate_field("eventTime"));
                            }
                            event_time__ = map_.next_value()?;
                        }
                        GeneratedField::Position => {
                            if position__.is_some() {
                                return Err(serde::de::Error::duplicate_field("position"));
                            }
                            position__ = 
                                Some(map_.next_value::<::pbjson::private::BytesDeserialize<_>>()?.0)
                            ;
                        }
                    }
                }
                Ok(Record {
                    key: key__.unwrap_or_default(),
                    value: value__,
                    attributes: attributes__.unwrap_or_default(),
                    event_time: event_time__,
                    position: position__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("flow.common.v1.Record", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for RecordBatch {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.batch_id != 0 {
            len += 1;
        }
        if !self.stream.is_empty() {
            len += 1;
        }
        if !self.records.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("flow.common.v1.RecordBatch", len)?;
        if self.batch_id != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("batchId", ToString::to_string(&self.batch_id).as_str())?;
        }
        if !self.stream.is_empty() {
            struct_ser.serialize_field("stream", &self.stream)?;
        }
        if !self.records.is_empty() {
            struct_ser.serialize_field("records", &self.records)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for RecordBatch {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "batch_id",
            "batchId",
            "stream",
            "records",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            BatchId,
            Stream,
            Records,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "batchId" | "batch_id" => Ok(GeneratedField::BatchId),
                            "stream" => Ok(GeneratedField::Stream),
                            "records" => Ok(GeneratedField::Records),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = RecordBatch;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.common.v1.RecordBatch")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<RecordBatch, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut batch_id__ = None;
                let mut stream__ = None;
                let mut records__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::BatchId => {
                            if batch_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("batchId"));
                            }
                            batch_id__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::Stream => {
                            if stream__.is_some() {
                                return Err(serde::de::Error::duplicate_field("stream"));
                            }
                            stream__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Records => {
                            if records__.is_some() {
                                return Err(serde::de::Error::duplicate_field("records"));
                            }
                            records__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(RecordBatch {
                    batch_id: batch_id__.unwrap_or_default(),
                    stream: stream__.unwrap_or_default(),
                    records: records__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("flow.common.v1.RecordBatch", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for RecordError {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.record_index != 0 {
            len += 1;
        }
        if self.failure.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("flow.common.v1.RecordError", len)?;
        if self.record_index != 0 {
            struct_ser.serialize_field("recordIndex", &self.record_index)?;
        }
        if let Some(v) = self.failure.as_ref() {
            struct_ser.serialize_field("failure", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for RecordError {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "record_index",
            "recordIndex",
            "failure",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            RecordIndex,
            Failure,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "recordIndex" | "record_index" => Ok(GeneratedField::RecordIndex),
                            "failure" => Ok(GeneratedField::Failure),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = RecordError;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.common.v1.RecordError")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<RecordError, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut record_index__ = None;
                let mut failure__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::RecordIndex => {
                            if record_index__.is_some() {
                                return Err(serde::de::Error::duplicate_field("recordIndex"));
                            }
                            record_index__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::Failure => {
                            if failure__.is_some() {
                                return Err(serde::de::Error::duplicate_field("failure"));
                            }
                            failure__ = map_.next_value()?;
                        }
                    }
                }
                Ok(RecordError {
                    record_index: record_index__.unwrap_or_default(),
                    failure: failure__,
                })
            }
        }
        deserializer.deserialize_struct("flow.common.v1.RecordError", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for RetryPolicy {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.initial_interval.is_some() {
            len += 1;
        }
        if self.backoff_coefficient != 0. {
            len += 1;
        }
        if self.maximum_interval.is_some() {
            len += 1;
        }
        if self.maximum_attempts != 0 {
            len += 1;
        }
        if !self.non_retryable_failure_types.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("flow.common.v1.RetryPolicy", len)?;
        if let Some(v) = self.initial_interval.as_ref() {
            struct_ser.serialize_field("initialInterval", v)?;
        }
        if self.backoff_coefficient != 0. {
            struct_ser.serialize_field("backoffCoefficient", &self.backoff_coefficient)?;
        }
        if let Some(v) = self.maximum_interval.as_ref() {
            struct_ser.serialize_field("maximumInterval", v)?;
        }
        if self.maximum_attempts != 0 {
            struct_ser.serialize_field("maximumAttempts", &self.maximum_attempts)?;
        }
        if !self.non_retryable_failure_types.is_empty() {
            struct_ser.serialize_field("nonRetryableFailureTypes", &self.non_retryable_failure_types)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for RetryPolicy {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "initial_interval",
            "initialInterval",
            "backoff_coefficient",
            "backoffCoefficient",
            "maximum_interval",
            "maximumInterval",
            "maximum_attempts",
            "maximumAttempts",
            "non_retryable_failure_types",
            "nonRetryableFailureTypes",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            InitialInterval,
            BackoffCoefficient,
            MaximumInterval,
            MaximumAttempts,
            NonRetryableFailureTypes,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "initialInterval" | "initial_interval" => Ok(GeneratedField::InitialInterval),
                            "backoffCoefficient" | "backoff_coefficient" => Ok(GeneratedField::BackoffCoefficient),
                            "maximumInterval" | "maximum_interval" => Ok(GeneratedField::MaximumInterval),
                            "maximumAttempts" | "maximum_attempts" => Ok(GeneratedField::MaximumAttempts),
                            "nonRetryableFailureTypes" | "non_retryable_failure_types" => Ok(GeneratedField::NonRetryableFailureTypes),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = RetryPolicy;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.common.v1.RetryPolicy")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<RetryPolicy, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut initial_interval__ = None;
                let mut backoff_coefficient__ = None;
                let mut maximum_interval__ = None;
                let mut maximum_attempts__ = None;
                let mut non_retryable_failure_types__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::InitialInterval => {
                            if initial_interval__.is_some() {
                                return Err(serde::de::Error::duplicate_field("initialInterval"));
                            }
                            initial_interval__ = map_.next_value()?;
                        }
                        GeneratedField::BackoffCoefficient => {
                            if backoff_coefficient__.is_some() {
                                return Err(serde::de::Error::duplicate_field("backoffCoefficient"));
                            }
                            backoff_coefficient__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::MaximumInterval => {
                            if maximum_interval__.is_some() {
                                return Err(serde::de::Error::duplicate_field("maximumInterval"));
                            }
                            maximum_interval__ = map_.next_value()?;
                        }
                        GeneratedField::MaximumAttempts => {
                            if maximum_attempts__.is_some() {
                                return Err(serde::de::Error::duplicate_field("maximumAttempts"));
                            }
                            maximum_attempts__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::NonRetryableFailureTypes => {
                            if non_retryable_failure_types__.is_some() {
                                return Err(serde::de::Error::duplicate_field("nonRetryableFailureTypes"));
                            }
                            non_retryable_failure_types__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(RetryPolicy {
                    initial_interval: initial_interval__,
                    backoff_coefficient: backoff_coefficient__.unwrap_or_default(),
                    maximum_interval: maximum_interval__,
                    maximum_attempts: maximum_attempts__.unwrap_or_default(),
                    non_retryable_failure_types: non_retryable_failure_types__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("flow.common.v1.RetryPolicy", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for Role {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        let variant = match self {
            Self::Unspecified => "ROLE_UNSPECIFIED",
            Self::Source => "ROLE_SOURCE",
            Self::Processor => "ROLE_PROCESSOR",
            Self::Consumer => "ROLE_CONSUMER",
            Self::Worker => "ROLE_WORKER",
        };
        serializer.serialize_str(variant)
    }
}
impl<'de> serde::Deserialize<'de> for Role {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "ROLE_UNSPECIFIED",
            "ROLE_SOURCE",
            "ROLE_PROCESSOR",
            "ROLE_CONSUMER",
            "ROLE_WORKER",
        ];

        struct GeneratedVisitor;

        impl serde::de::Visitor<'_> for GeneratedVisitor {
            type Value = Role;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(formatter, "expected one of: {:?}", &FIELDS)
            }

            fn visit_i64<E>(self, v: i64) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                i32::try_from(v)
                    .ok()
                    .and_then(|x| x.try_into().ok())
                    .ok_or_else(|| {
                        serde::de::Error::invalid_value(serde::de::Unexpected::Signed(v), &self)
                    })
            }

            fn visit_u64<E>(self, v: u64) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                i32::try_from(v)
                    .ok()
                    .and_then(|x| x.try_into().ok())
                    .ok_or_else(|| {
                        serde::de::Error::invalid_value(serde::de::Unexpected::Unsigned(v), &self)
                    })
            }

            fn visit_str<E>(self, value: &str) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                match value {
                    "ROLE_UNSPECIFIED" => Ok(Role::Unspecified),
                    "ROLE_SOURCE" => Ok(Role::Source),
                    "ROLE_PROCESSOR" => Ok(Role::Processor),
                    "ROLE_CONSUMER" => Ok(Role::Consumer),
                    "ROLE_WORKER" => Ok(Role::Worker),
                    _ => Err(serde::de::Error::unknown_variant(value, FIELDS)),
                }
            }
        }
        deserializer.deserialize_any(GeneratedVisitor)
    }
}
impl serde::Serialize for Severity {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        let variant = match self {
            Self::Unspecified => "SEVERITY_UNSPECIFIED",
            Self::Error => "SEVERITY_ERROR",
            Self::Warning => "SEVERITY_WARNING",
            Self::Info => "SEVERITY_INFO",
        };
        serializer.serialize_str(variant)
    }
}
impl<'de> serde::Deserialize<'de> for Severity {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "SEVERITY_UNSPECIFIED",
            "SEVERITY_ERROR",
            "SEVERITY_WARNING",
            "SEVERITY_INFO",
        ];

        struct GeneratedVisitor;

        impl serde::de::Visitor<'_> for GeneratedVisitor {
            type Value = Severity;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(formatter, "expected one of: {:?}", &FIELDS)
            }

            fn visit_i64<E>(self, v: i64) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                i32::try_from(v)
                    .ok()
                    .and_then(|x| x.try_into().ok())
                    .ok_or_else(|| {
                        serde::de::Error::invalid_value(serde::de::Unexpected::Signed(v), &self)
                    })
            }

            fn visit_u64<E>(self, v: u64) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                i32::try_from(v)
                    .ok()
                    .and_then(|x| x.try_into().ok())
                    .ok_or_else(|| {
                        serde::de::Error::invalid_value(serde::de::Unexpected::Unsigned(v), &self)
                    })
            }

            fn visit_str<E>(self, value: &str) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                match value {
                    "SEVERITY_UNSPECIFIED" => Ok(Severity::Unspecified),
                    "SEVERITY_ERROR" => Ok(Severity::Error),
                    "SEVERITY_WARNING" => Ok(Severity::Warning),
                    "SEVERITY_INFO" => Ok(Severity::Info),
                    _ => Err(serde::de::Error::unknown_variant(value, FIELDS)),
                }
            }
        }
        deserializer.deserialize_any(GeneratedVisitor)
    }
}
impl serde::Serialize for TimeoutKind {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        let variant = match self {
            Self::Unspecified => "TIMEOUT_KIND_UNSPECIFIED",
            Self::StartToClose => "TIMEOUT_KIND_START_TO_CLOSE",
            Self::ScheduleToClose => "TIMEOUT_KIND_SCHEDULE_TO_CLOSE",
            Self::Heartbeat => "TIMEOUT_KIND_HEARTBEAT",
            Self::ScheduleToStart => "TIMEOUT_KIND_SCHEDULE_TO_START",
        };
        serializer.serialize_str(variant)
    }
}
impl<'de> serde::Deserialize<'de> for TimeoutKind {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "TIMEOUT_KIND_UNSPECIFIED",
            "TIMEOUT_KIND_START_TO_CLOSE",
            "TIMEOUT_KIND_SCHEDULE_TO_CLOSE",
            "TIMEOUT_KIND_HEARTBEAT",
            "TIMEOUT_KIND_SCHEDULE_TO_START",
        ];

        struct GeneratedVisitor;

        impl serde::de::Visitor<'_> for GeneratedVisitor {
            type Value = TimeoutKind;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(formatter, "expected one of: {:?}", &FIELDS)
            }

            fn visit_i64<E>(self, v: i64) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                i32::try_from(v)
                    .ok()
                    .and_then(|x| x.try_into().ok())
                    .ok_or_else(|| {
                        serde::de::Error::invalid_value(serde::de::Unexpected::Signed(v), &self)
                    })
            }

            fn visit_u64<E>(self, v: u64) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                i32::try_from(v)
                    .ok()
                    .and_then(|x| x.try_into().ok())
                    .ok_or_else(|| {
                        serde::de::Error::invalid_value(serde::de::Unexpected::Unsigned(v), &self)
                    })
            }

            fn visit_str<E>(self, value: &str) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                match value {
                    "TIMEOUT_KIND_UNSPECIFIED" => Ok(TimeoutKind::Unspecified),
                    "TIMEOUT_KIND_START_TO_CLOSE" => Ok(TimeoutKind::StartToClose),
                    "TIMEOUT_KIND_SCHEDULE_TO_CLOSE" => Ok(TimeoutKind::ScheduleToClose),
                    "TIMEOUT_KIND_HEARTBEAT" => Ok(TimeoutKind::Heartbeat),
                    "TIMEOUT_KIND_SCHEDULE_TO_START" => Ok(TimeoutKind::ScheduleToStart),
                    _ => Err(serde::de::Error::unknown_variant(value, FIELDS)),
                }
            }
        }
        deserializer.deserialize_any(GeneratedVisitor)
    }
}
impl serde::Serialize for TraceContext {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.traceparent.is_empty() {
            len += 1;
        }
        if !self.tracestate.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("flow.common.v1.TraceContext", len)?;
        if !self.traceparent.is_empty() {
            struct_ser.serialize_field("traceparent", &self.traceparent)?;
        }
        if !self.tracestate.is_empty() {
            struct_ser.serialize_field("tracestate", &self.tracestate)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for TraceContext {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "traceparent",
            "tracestate",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Traceparent,
            Tracestate,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "traceparent" => Ok(GeneratedField::Traceparent),
                            "tracestate" => Ok(GeneratedField::Tracestate),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = TraceContext;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.common.v1.TraceContext")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<TraceContext, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut traceparent__ = None;
                let mut tracestate__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Traceparent => {
                            if traceparent__.is_some() {
                                return Err(serde::de::Error::duplicate_field("traceparent"));
                            }
                            traceparent__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Tracestate => {
                            if tracestate__.is_some() {
                                return Err(serde::de::Error::duplicate_field("tracestate"));
                            }
                            tracestate__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(TraceContext {
                    traceparent: traceparent__.unwrap_or_default(),
                    tracestate: tracestate__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("flow.common.v1.TraceContext", FIELDS, GeneratedVisitor)
    }
}
