impl serde::Serialize for Barrier {
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
        let mut struct_ser = serializer.serialize_struct("flow.consumer.v1.Barrier", len)?;
        if !self.checkpoint_id.is_empty() {
            struct_ser.serialize_field("checkpointId", &self.checkpoint_id)?;
        }
        if self.seq != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("seq", ToString::to_string(&self.seq).as_str())?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for Barrier {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "checkpoint_id",
            "checkpointId",
            "seq",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            CheckpointId,
            Seq,
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
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = Barrier;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.consumer.v1.Barrier")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<Barrier, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut checkpoint_id__ = None;
                let mut seq__ = None;
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
                    }
                }
                Ok(Barrier {
                    checkpoint_id: checkpoint_id__.unwrap_or_default(),
                    seq: seq__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("flow.consumer.v1.Barrier", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for BatchAck {
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
        if self.failure.is_some() {
            len += 1;
        }
        if !self.record_errors.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("flow.consumer.v1.BatchAck", len)?;
        if self.batch_id != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("batchId", ToString::to_string(&self.batch_id).as_str())?;
        }
        if let Some(v) = self.failure.as_ref() {
            struct_ser.serialize_field("failure", v)?;
        }
        if !self.record_errors.is_empty() {
            struct_ser.serialize_field("recordErrors", &self.record_errors)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for BatchAck {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "batch_id",
            "batchId",
            "failure",
            "record_errors",
            "recordErrors",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            BatchId,
            Failure,
            RecordErrors,
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
                            "failure" => Ok(GeneratedField::Failure),
                            "recordErrors" | "record_errors" => Ok(GeneratedField::RecordErrors),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = BatchAck;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.consumer.v1.BatchAck")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<BatchAck, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut batch_id__ = None;
                let mut failure__ = None;
                let mut record_errors__ = None;
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
                        GeneratedField::Failure => {
                            if failure__.is_some() {
                                return Err(serde::de::Error::duplicate_field("failure"));
                            }
                            failure__ = map_.next_value()?;
                        }
                        GeneratedField::RecordErrors => {
                            if record_errors__.is_some() {
                                return Err(serde::de::Error::duplicate_field("recordErrors"));
                            }
                            record_errors__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(BatchAck {
                    batch_id: batch_id__.unwrap_or_default(),
                    failure: failure__,
                    record_errors: record_errors__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("flow.consumer.v1.BatchAck", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for CheckpointCommitted {
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
        let mut struct_ser = serializer.serialize_struct("flow.consumer.v1.CheckpointCommitted", len)?;
        if !self.checkpoint_id.is_empty() {
            struct_ser.serialize_field("checkpointId", &self.checkpoint_id)?;
        }
        if self.seq != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("seq", ToString::to_string(&self.seq).as_str())?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for CheckpointCommitted {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "checkpoint_id",
            "checkpointId",
            "seq",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            CheckpointId,
            Seq,
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
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = CheckpointCommitted;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.consumer.v1.CheckpointCommitted")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<CheckpointCommitted, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut checkpoint_id__ = None;
                let mut seq__ = None;
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
                    }
                }
                Ok(CheckpointCommitted {
                    checkpoint_id: checkpoint_id__.unwrap_or_default(),
                    seq: seq__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("flow.consumer.v1.CheckpointCommitted", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for Drain {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.grace_period.is_some() {
            len += 1;
        }
        if !self.reason.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("flow.consumer.v1.Drain", len)?;
        if let Some(v) = self.grace_period.as_ref() {
            struct_ser.serialize_field("gracePeriod", v)?;
        }
        if !self.reason.is_empty() {
            struct_ser.serialize_field("reason", &self.reason)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for Drain {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "grace_period",
            "gracePeriod",
            "reason",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            GracePeriod,
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
                            "gracePeriod" | "grace_period" => Ok(GeneratedField::GracePeriod),
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
            type Value = Drain;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.consumer.v1.Drain")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<Drain, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut grace_period__ = None;
                let mut reason__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::GracePeriod => {
                            if grace_period__.is_some() {
                                return Err(serde::de::Error::duplicate_field("gracePeriod"));
                            }
                            grace_period__ = map_.next_value()?;
                        }
                        GeneratedField::Reason => {
                            if reason__.is_some() {
                                return Err(serde::de::Error::duplicate_field("reason"));
                            }
                            reason__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(Drain {
                    grace_period: grace_period__,
                    reason: reason__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("flow.consumer.v1.Drain", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for TargetStream {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.stream.is_empty() {
            len += 1;
        }
        if !self.name.is_empty() {
            len += 1;
        }
        if !self.namespace.is_empty() {
            len += 1;
        }
        if self.json_schema.is_some() {
            len += 1;
        }
        if !self.key_fields.is_empty() {
            len += 1;
        }
        if self.write_mode != 0 {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("flow.consumer.v1.TargetStream", len)?;
        if !self.stream.is_empty() {
            struct_ser.serialize_field("stream", &self.stream)?;
        }
        if !self.name.is_empty() {
            struct_ser.serialize_field("name", &self.name)?;
        }
        if !self.namespace.is_empty() {
            struct_ser.serialize_field("namespace", &self.namespace)?;
        }
        if let Some(v) = self.json_schema.as_ref() {
            struct_ser.serialize_field("jsonSchema", v)?;
        }
        if !self.key_fields.is_empty() {
            struct_ser.serialize_field("keyFields", &self.key_fields)?;
        }
        if self.write_mode != 0 {
            let v = WriteMode::try_from(self.write_mode)
                .map_err(|_| serde::ser::Error::custom(format!("Invalid variant {}", self.write_mode)))?;
            struct_ser.serialize_field("writeMode", &v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for TargetStream {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "stream",
            "name",
            "namespace",
            "json_schema",
            "jsonSchema",
            "key_fields",
            "keyFields",
            "write_mode",
            "writeMode",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Stream,
            Name,
            Namespace,
            JsonSchema,
            KeyFields,
            WriteMode,
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
                            "stream" => Ok(GeneratedField::Stream),
                            "name" => Ok(GeneratedField::Name),
                            "namespace" => Ok(GeneratedField::Namespace),
                            "jsonSchema" | "json_schema" => Ok(GeneratedField::JsonSchema),
                            "keyFields" | "key_fields" => Ok(GeneratedField::KeyFields),
                            "writeMode" | "write_mode" => Ok(GeneratedField::WriteMode),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = TargetStream;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.consumer.v1.TargetStream")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<TargetStream, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut stream__ = None;
                let mut name__ = None;
                let mut namespace__ = None;
                let mut json_schema__ = None;
                let mut key_fields__ = None;
                let mut write_mode__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Stream => {
                            if stream__.is_some() {
                                return Err(serde::de::Error::duplicate_field("stream"));
                            }
                            stream__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Name => {
                            if name__.is_some() {
                                return Err(serde::de::Error::duplicate_field("name"));
                            }
                            name__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Namespace => {
                            if namespace__.is_some() {
                                return Err(serde::de::Error::duplicate_field("namespace"));
                            }
                            namespace__ = Some(map_.next_value()?);
                        }
                        GeneratedField::JsonSchema => {
                            if json_schema__.is_some() {
                                return Err(serde::de::Error::duplicate_field("jsonSchema"));
                            }
                            json_schema__ = map_.next_value()?;
                        }
                        GeneratedField::KeyFields => {
                            if key_fields__.is_some() {
                                return Err(serde::de::Error::duplicate_field("keyFields"));
                            }
                            key_fields__ = Some(map_.next_value()?);
                        }
                        GeneratedField::WriteMode => {
                            if write_mode__.is_some() {
                                return Err(serde::de::Error::duplicate_field("writeMode"));
                            }
                            write_mode__ = Some(map_.next_value::<WriteMode>()? as i32);
                        }
                    }
                }
                Ok(TargetStream {
                    stream: stream__.unwrap_or_default(),
                    name: name__.unwrap_or_default(),
                    namespace: namespace__.unwrap_or_default(),
                    json_schema: json_schema__,
                    key_fields: key_fields__.unwrap_or_default(),
                    write_mode: write_mode__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("flow.consumer.v1.TargetStream", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for WriteMode {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        let variant = match self {
            Self::Unspecified => "WRITE_MODE_UNSPECIFIED",
            Self::Append => "WRITE_MODE_APPEND",
            Self::Overwrite => "WRITE_MODE_OVERWRITE",
            Self::Upsert => "WRITE_MODE_UPSERT",
        };
        serializer.serialize_str(variant)
    }
}
impl<'de> serde::Deserialize<'de> for WriteMode {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "WRITE_MODE_UNSPECIFIED",
            "WRITE_MODE_APPEND",
            "WRITE_MODE_OVERWRITE",
            "WRITE_MODE_UPSERT",
        ];

        struct GeneratedVisitor;

        impl serde::de::Visitor<'_> for GeneratedVisitor {
            type Value = WriteMode;

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
                    "WRITE_MODE_UNSPECIFIED" => Ok(WriteMode::Unspecified),
                    "WRITE_MODE_APPEND" => Ok(WriteMode::Append),
                    "WRITE_MODE_OVERWRITE" => Ok(WriteMode::Overwrite),
                    "WRITE_MODE_UPSERT" => Ok(WriteMode::Upsert),
                    _ => Err(serde::de::Error::unknown_variant(value, FIELDS)),
                }
            }
        }
        deserializer.deserialize_any(GeneratedVisitor)
    }
}
impl serde::Serialize for WriteRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.instruction_id.is_empty() {
            len += 1;
        }
        if self.kind.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("flow.consumer.v1.WriteRequest", len)?;
        if !self.instruction_id.is_empty() {
            struct_ser.serialize_field("instructionId", &self.instruction_id)?;
        }
        if let Some(v) = self.kind.as_ref() {
            match v {
                write_request::Kind::Start(v) => {
                    struct_ser.serialize_field("start", v)?;
                }
                write_request::Kind::Batch(v) => {
                    struct_ser.serialize_field("batch", v)?;
                }
                write_request::Kind::Barrier(v) => {
                    struct_ser.serialize_field("barrier", v)?;
                }
                write_request::Kind::Drain(v) => {
                    struct_ser.serialize_field("drain", v)?;
                }
            }
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for WriteRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "instruction_id",
            "instructionId",
            "start",
            "batch",
            "barrier",
            "drain",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            InstructionId,
            Start,
            Batch,
            Barrier,
            Drain,
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
                            "instructionId" | "instruction_id" => Ok(GeneratedField::InstructionId),
                            "start" => Ok(GeneratedField::Start),
                            "batch" => Ok(GeneratedField::Batch),
                            "barrier" => Ok(GeneratedField::Barrier),
                            "drain" => Ok(GeneratedField::Drain),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = WriteRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.consumer.v1.WriteRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<WriteRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut instruction_id__ = None;
                let mut kind__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::InstructionId => {
                            if instruction_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("instructionId"));
                            }
                            instruction_id__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Start => {
                            if kind__.is_some() {
                                return Err(serde::de::Error::duplicate_field("start"));
                            }
                            kind__ = map_.next_value::<::std::option::Option<_>>()?.map(write_request::Kind::Start)
;
                        }
                        GeneratedField::Batch => {
                            if kind__.is_some() {
                                return Err(serde::de::Error::duplicate_field("batch"));
                            }
                            kind__ = map_.next_value::<::std::option::Option<_>>()?.map(write_request::Kind::Batch)
;
                        }
                        GeneratedField::Barrier => {
                            if kind__.is_some() {
                                return Err(serde::de::Error::duplicate_field("barrier"));
                            }
                            kind__ = map_.next_value::<::std::option::Option<_>>()?.map(write_request::Kind::Barrier)
;
                        }
                        GeneratedField::Drain => {
                            if kind__.is_some() {
                                return Err(serde::de::Error::duplicate_field("drain"));
                            }
                            kind__ = map_.next_value::<::std::option::Option<_>>()?.map(write_request::Kind::Drain)
;
                        }
                    }
                }
                Ok(WriteRequest {
                    instruction_id: instruction_id__.unwrap_or_default(),
                    kind: kind__,
                })
            }
        }
        deserializer.deserialize_struct("flow.consumer.v1.WriteRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for WriteResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.instruction_id.is_empty() {
            len += 1;
        }
        if self.kind.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("flow.consumer.v1.WriteResponse", len)?;
        if !self.instruction_id.is_empty() {
            struct_ser.serialize_field("instructionId", &self.instruction_id)?;
        }
        if let Some(v) = self.kind.as_ref() {
            match v {
                write_response::Kind::BatchAck(v) => {
                    struct_ser.serialize_field("batchAck", v)?;
                }
                write_response::Kind::CheckpointCommitted(v) => {
                    struct_ser.serialize_field("checkpointCommitted", v)?;
                }
                write_response::Kind::Credit(v) => {
                    struct_ser.serialize_field("credit", v)?;
                }
                write_response::Kind::Progress(v) => {
                    struct_ser.serialize_field("progress", v)?;
                }
                write_response::Kind::Log(v) => {
                    struct_ser.serialize_field("log", v)?;
                }
                write_response::Kind::Failure(v) => {
                    struct_ser.serialize_field("failure", v)?;
                }
            }
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for WriteResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "instruction_id",
            "instructionId",
            "batch_ack",
            "batchAck",
            "checkpoint_committed",
            "checkpointCommitted",
            "credit",
            "progress",
            "log",
            "failure",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            InstructionId,
            BatchAck,
            CheckpointCommitted,
            Credit,
            Progress,
            Log,
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
                            "instructionId" | "instruction_id" => Ok(GeneratedField::InstructionId),
                            "batchAck" | "batch_ack" => Ok(GeneratedField::BatchAck),
                            "checkpointCommitted" | "checkpoint_committed" => Ok(GeneratedField::CheckpointCommitted),
                            "credit" => Ok(GeneratedField::Credit),
                            "progress" => Ok(GeneratedField::Progress),
                            "log" => Ok(GeneratedField::Log),
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
            type Value = WriteResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.consumer.v1.WriteResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<WriteResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut instruction_id__ = None;
                let mut kind__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::InstructionId => {
                            if instruction_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("instructionId"));
                            }
                            instruction_id__ = Some(map_.next_value()?);
                        }
                        GeneratedField::BatchAck => {
                            if kind__.is_some() {
                                return Err(serde::de::Error::duplicate_field("batchAck"));
                            }
                            kind__ = map_.next_value::<::std::option::Option<_>>()?.map(write_response::Kind::BatchAck)
;
                        }
                        GeneratedField::CheckpointCommitted => {
                            if kind__.is_some() {
                                return Err(serde::de::Error::duplicate_field("checkpointCommitted"));
                            }
                            kind__ = map_.next_value::<::std::option::Option<_>>()?.map(write_response::Kind::CheckpointCommitted)
;
                        }
                        GeneratedField::Credit => {
                            if kind__.is_some() {
                                return Err(serde::de::Error::duplicate_field("credit"));
                            }
                            kind__ = map_.next_value::<::std::option::Option<_>>()?.map(write_response::Kind::Credit)
;
                        }
                        GeneratedField::Progress => {
                            if kind__.is_some() {
                                return Err(serde::de::Error::duplicate_field("progress"));
                            }
                            kind__ = map_.next_value::<::std::option::Option<_>>()?.map(write_response::Kind::Progress)
;
                        }
                        GeneratedField::Log => {
                            if kind__.is_some() {
                                return Err(serde::de::Error::duplicate_field("log"));
                            }
                            kind__ = map_.next_value::<::std::option::Option<_>>()?.map(write_response::Kind::Log)
;
                        }
                        GeneratedField::Failure => {
                            if kind__.is_some() {
                                return Err(serde::de::Error::duplicate_field("failure"));
                            }
                            kind__ = map_.next_value::<::std::option::Option<_>>()?.map(write_response::Kind::Failure)
;
                        }
                    }
                }
                Ok(WriteResponse {
                    instruction_id: instruction_id__.unwrap_or_default(),
                    kind: kind__,
                })
            }
        }
        deserializer.deserialize_struct("flow.consumer.v1.WriteResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for WriteStart {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.component.is_empty() {
            len += 1;
        }
        if self.config.is_some() {
            len += 1;
        }
        if self.generation != 0 {
            len += 1;
        }
        if !self.config_id.is_empty() {
            len += 1;
        }
        if self.trace.is_some() {
            len += 1;
        }
        if !self.streams.is_empty() {
            len += 1;
        }
        if !self.resume_checkpoint_id.is_empty() {
            len += 1;
        }
        if self.resume_seq != 0 {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("flow.consumer.v1.WriteStart", len)?;
        if !self.component.is_empty() {
            struct_ser.serialize_field("component", &self.component)?;
        }
        if let Some(v) = self.config.as_ref() {
            struct_ser.serialize_field("config", v)?;
        }
        if self.generation != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("generation", ToString::to_string(&self.generation).as_str())?;
        }
        if !self.config_id.is_empty() {
            struct_ser.serialize_field("configId", &self.config_id)?;
        }
        if let Some(v) = self.trace.as_ref() {
            struct_ser.serialize_field("trace", v)?;
        }
        if !self.streams.is_empty() {
            struct_ser.serialize_field("streams", &self.streams)?;
        }
        if !self.resume_checkpoint_id.is_empty() {
            struct_ser.serialize_field("resumeCheckpointId", &self.resume_checkpoint_id)?;
        }
        if self.resume_seq != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("resumeSeq", ToString::to_string(&self.resume_seq).as_str())?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for WriteStart {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "component",
            "config",
            "generation",
            "config_id",
            "configId",
            "trace",
            "streams",
            "resume_checkpoint_id",
            "resumeCheckpointId",
            "resume_seq",
            "resumeSeq",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Component,
            Config,
            Generation,
            ConfigId,
            Trace,
            Streams,
            ResumeCheckpointId,
            ResumeSeq,
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
                            "component" => Ok(GeneratedField::Component),
                            "config" => Ok(GeneratedField::Config),
                            "generation" => Ok(GeneratedField::Generation),
                            "configId" | "config_id" => Ok(GeneratedField::ConfigId),
                            "trace" => Ok(GeneratedField::Trace),
                            "streams" => Ok(GeneratedField::Streams),
                            "resumeCheckpointId" | "resume_checkpoint_id" => Ok(GeneratedField::ResumeCheckpointId),
                            "resumeSeq" | "resume_seq" => Ok(GeneratedField::ResumeSeq),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = WriteStart;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.consumer.v1.WriteStart")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<WriteStart, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut component__ = None;
                let mut config__ = None;
                let mut generation__ = None;
                let mut config_id__ = None;
                let mut trace__ = None;
                let mut streams__ = None;
                let mut resume_checkpoint_id__ = None;
                let mut resume_seq__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Component => {
                            if component__.is_some() {
                                return Err(serde::de::Error::duplicate_field("component"));
                            }
                            component__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Config => {
                            if config__.is_some() {
                                return Err(serde::de::Error::duplicate_field("config"));
                            }
                            config__ = map_.next_value()?;
                        }
                        GeneratedField::Generation => {
                            if generation__.is_some() {
                                return Err(serde::de::Error::duplicate_field("generation"));
                            }
                            generation__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::ConfigId => {
                            if config_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("configId"));
                            }
                            config_id__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Trace => {
                            if trace__.is_some() {
                                return Err(serde::de::Error::duplicate_field("trace"));
                            }
                            trace__ = map_.next_value()?;
                        }
                        GeneratedField::Streams => {
                            if streams__.is_some() {
                                return Err(serde::de::Error::duplicate_field("streams"));
                            }
                            streams__ = Some(map_.next_value()?);
                        }
                        GeneratedField::ResumeCheckpointId => {
                            if resume_checkpoint_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("resumeCheckpointId"));
                            }
                            resume_checkpoint_id__ = Some(map_.next_value()?);
                        }
                        GeneratedField::ResumeSeq => {
                            if resume_seq__.is_some() {
                                return Err(serde::de::Error::duplicate_field("resumeSeq"));
                            }
                            resume_seq__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                    }
                }
                Ok(WriteStart {
                    component: component__.unwrap_or_default(),
                    config: config__,
                    generation: generation__.unwrap_or_default(),
                    config_id: config_id__.unwrap_or_default(),
                    trace: trace__,
                    streams: streams__.unwrap_or_default(),
                    resume_checkpoint_id: resume_checkpoint_id__.unwrap_or_default(),
                    resume_seq: resume_seq__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("flow.consumer.v1.WriteStart", FIELDS, GeneratedVisitor)
    }
}
