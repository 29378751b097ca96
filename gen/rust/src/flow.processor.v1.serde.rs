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
        let mut struct_ser = serializer.serialize_struct("flow.processor.v1.Barrier", len)?;
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
                formatter.write_str("struct flow.processor.v1.Barrier")
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
        deserializer.deserialize_struct("flow.processor.v1.Barrier", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for BarrierAck {
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
        let mut struct_ser = serializer.serialize_struct("flow.processor.v1.BarrierAck", len)?;
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
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for BarrierAck {
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
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            CheckpointId,
            Seq,
            State,
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
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = BarrierAck;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.processor.v1.BarrierAck")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<BarrierAck, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut checkpoint_id__ = None;
                let mut seq__ = None;
                let mut state__ = None;
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
                    }
                }
                Ok(BarrierAck {
                    checkpoint_id: checkpoint_id__.unwrap_or_default(),
                    seq: seq__.unwrap_or_default(),
                    state: state__,
                })
            }
        }
        deserializer.deserialize_struct("flow.processor.v1.BarrierAck", FIELDS, GeneratedVisitor)
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
        if self.flush {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("flow.processor.v1.Drain", len)?;
        if let Some(v) = self.grace_period.as_ref() {
            struct_ser.serialize_field("gracePeriod", v)?;
        }
        if !self.reason.is_empty() {
            struct_ser.serialize_field("reason", &self.reason)?;
        }
        if self.flush {
            struct_ser.serialize_field("flush", &self.flush)?;
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
            "flush",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            GracePeriod,
            Reason,
            Flush,
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
                            "flush" => Ok(GeneratedField::Flush),
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
                formatter.write_str("struct flow.processor.v1.Drain")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<Drain, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut grace_period__ = None;
                let mut reason__ = None;
                let mut flush__ = None;
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
                        GeneratedField::Flush => {
                            if flush__.is_some() {
                                return Err(serde::de::Error::duplicate_field("flush"));
                            }
                            flush__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(Drain {
                    grace_period: grace_period__,
                    reason: reason__.unwrap_or_default(),
                    flush: flush__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("flow.processor.v1.Drain", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for InputStream {
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
        if self.json_schema.is_some() {
            len += 1;
        }
        if !self.key_fields.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("flow.processor.v1.InputStream", len)?;
        if !self.stream.is_empty() {
            struct_ser.serialize_field("stream", &self.stream)?;
        }
        if let Some(v) = self.json_schema.as_ref() {
            struct_ser.serialize_field("jsonSchema", v)?;
        }
        if !self.key_fields.is_empty() {
            struct_ser.serialize_field("keyFields", &self.key_fields)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for InputStream {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "stream",
            "json_schema",
            "jsonSchema",
            "key_fields",
            "keyFields",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Stream,
            JsonSchema,
            KeyFields,
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
                            "jsonSchema" | "json_schema" => Ok(GeneratedField::JsonSchema),
                            "keyFields" | "key_fields" => Ok(GeneratedField::KeyFields),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = InputStream;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.processor.v1.InputStream")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<InputStream, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut stream__ = None;
                let mut json_schema__ = None;
                let mut key_fields__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Stream => {
                            if stream__.is_some() {
                                return Err(serde::de::Error::duplicate_field("stream"));
                            }
                            stream__ = Some(map_.next_value()?);
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
                    }
                }
                Ok(InputStream {
                    stream: stream__.unwrap_or_default(),
                    json_schema: json_schema__,
                    key_fields: key_fields__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("flow.processor.v1.InputStream", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for ProcessOutput {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.input_batch_id != 0 {
            len += 1;
        }
        if !self.batches.is_empty() {
            len += 1;
        }
        if !self.errors.is_empty() {
            len += 1;
        }
        if self.complete {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("flow.processor.v1.ProcessOutput", len)?;
        if self.input_batch_id != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("inputBatchId", ToString::to_string(&self.input_batch_id).as_str())?;
        }
        if !self.batches.is_empty() {
            struct_ser.serialize_field("batches", &self.batches)?;
        }
        if !self.errors.is_empty() {
            struct_ser.serialize_field("errors", &self.errors)?;
        }
        if self.complete {
            struct_ser.serialize_field("complete", &self.complete)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for ProcessOutput {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "input_batch_id",
            "inputBatchId",
            "batches",
            "errors",
            "complete",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            InputBatchId,
            Batches,
            Errors,
            Complete,
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
                            "inputBatchId" | "input_batch_id" => Ok(GeneratedField::InputBatchId),
                            "batches" => Ok(GeneratedField::Batches),
                            "errors" => Ok(GeneratedField::Errors),
                            "complete" => Ok(GeneratedField::Complete),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = ProcessOutput;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.processor.v1.ProcessOutput")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<ProcessOutput, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut input_batch_id__ = None;
                let mut batches__ = None;
                let mut errors__ = None;
                let mut complete__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::InputBatchId => {
                            if input_batch_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("inputBatchId"));
                            }
                            input_batch_id__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::Batches => {
                            if batches__.is_some() {
                                return Err(serde::de::Error::duplicate_field("batches"));
                            }
                            batches__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Errors => {
                            if errors__.is_some() {
                                return Err(serde::de::Error::duplicate_field("errors"));
                            }
                            errors__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Complete => {
                            if complete__.is_some() {
                                return Err(serde::de::Error::duplicate_field("complete"));
                            }
                            complete__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(ProcessOutput {
                    input_batch_id: input_batch_id__.unwrap_or_default(),
                    batches: batches__.unwrap_or_default(),
                    errors: errors__.unwrap_or_default(),
                    complete: complete__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("flow.processor.v1.ProcessOutput", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for ProcessRequest {
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
        let mut struct_ser = serializer.serialize_struct("flow.processor.v1.ProcessRequest", len)?;
        if !self.instruction_id.is_empty() {
            struct_ser.serialize_field("instructionId", &self.instruction_id)?;
        }
        if let Some(v) = self.kind.as_ref() {
            match v {
                process_request::Kind::Start(v) => {
                    struct_ser.serialize_field("start", v)?;
                }
                process_request::Kind::Batch(v) => {
                    struct_ser.serialize_field("batch", v)?;
                }
                process_request::Kind::Credit(v) => {
                    struct_ser.serialize_field("credit", v)?;
                }
                process_request::Kind::Barrier(v) => {
                    struct_ser.serialize_field("barrier", v)?;
                }
                process_request::Kind::Drain(v) => {
                    struct_ser.serialize_field("drain", v)?;
                }
            }
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for ProcessRequest {
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
            "credit",
            "barrier",
            "drain",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            InstructionId,
            Start,
            Batch,
            Credit,
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
                            "credit" => Ok(GeneratedField::Credit),
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
            type Value = ProcessRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.processor.v1.ProcessRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<ProcessRequest, V::Error>
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
                            kind__ = map_.next_value::<::std::option::Option<_>>()?.map(process_request::Kind::Start)
;
                        }
                        GeneratedField::Batch => {
                            if kind__.is_some() {
                                return Err(serde::de::Error::duplicate_field("batch"));
                            }
                            kind__ = map_.next_value::<::std::option::Option<_>>()?.map(process_request::Kind::Batch)
;
                        }
                        GeneratedField::Credit => {
                            if kind__.is_some() {
                                return Err(serde::de::Error::duplicate_field("credit"));
                            }
                            kind__ = map_.next_value::<::std::option::Option<_>>()?.map(process_request::Kind::Credit)
;
                        }
                        GeneratedField::Barrier => {
                            if kind__.is_some() {
                                return Err(serde::de::Error::duplicate_field("barrier"));
                            }
                            kind__ = map_.next_value::<::std::option::Option<_>>()?.map(process_request::Kind::Barrier)
;
                        }
                        GeneratedField::Drain => {
                            if kind__.is_some() {
                                return Err(serde::de::Error::duplicate_field("drain"));
                            }
                            kind__ = map_.next_value::<::std::option::Option<_>>()?.map(process_request::Kind::Drain)
;
                        }
                    }
                }
                Ok(ProcessRequest {
                    instruction_id: instruction_id__.unwrap_or_default(),
                    kind: kind__,
                })
            }
        }
        deserializer.deserialize_struct("flow.processor.v1.ProcessRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for ProcessResponse {
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
        let mut struct_ser = serializer.serialize_struct("flow.processor.v1.ProcessResponse", len)?;
        if !self.instruction_id.is_empty() {
            struct_ser.serialize_field("instructionId", &self.instruction_id)?;
        }
        if let Some(v) = self.kind.as_ref() {
            match v {
                process_response::Kind::Output(v) => {
                    struct_ser.serialize_field("output", v)?;
                }
                process_response::Kind::Credit(v) => {
                    struct_ser.serialize_field("credit", v)?;
                }
                process_response::Kind::BarrierAck(v) => {
                    struct_ser.serialize_field("barrierAck", v)?;
                }
                process_response::Kind::Progress(v) => {
                    struct_ser.serialize_field("progress", v)?;
                }
                process_response::Kind::Log(v) => {
                    struct_ser.serialize_field("log", v)?;
                }
                process_response::Kind::Failure(v) => {
                    struct_ser.serialize_field("failure", v)?;
                }
            }
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for ProcessResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "instruction_id",
            "instructionId",
            "output",
            "credit",
            "barrier_ack",
            "barrierAck",
            "progress",
            "log",
            "failure",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            InstructionId,
            Output,
            Credit,
            BarrierAck,
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
                            "output" => Ok(GeneratedField::Output),
                            "credit" => Ok(GeneratedField::Credit),
                            "barrierAck" | "barrier_ack" => Ok(GeneratedField::BarrierAck),
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
            type Value = ProcessResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.processor.v1.ProcessResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<ProcessResponse, V::Error>
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
                        GeneratedField::Output => {
                            if kind__.is_some() {
                                return Err(serde::de::Error::duplicate_field("output"));
                            }
                            kind__ = map_.next_value::<::std::option::Option<_>>()?.map(process_response::Kind::Output)
;
                        }
                        GeneratedField::Credit => {
                            if kind__.is_some() {
                                return Err(serde::de::Error::duplicate_field("credit"));
                            }
                            kind__ = map_.next_value::<::std::option::Option<_>>()?.map(process_response::Kind::Credit)
;
                        }
                        GeneratedField::BarrierAck => {
                            if kind__.is_some() {
                                return Err(serde::de::Error::duplicate_field("barrierAck"));
                            }
                            kind__ = map_.next_value::<::std::option::Option<_>>()?.map(process_response::Kind::BarrierAck)
;
                        }
                        GeneratedField::Progress => {
                            if kind__.is_some() {
                                return Err(serde::de::Error::duplicate_field("progress"));
                            }
                            kind__ = map_.next_value::<::std::option::Option<_>>()?.map(process_response::Kind::Progress)
;
                        }
                        GeneratedField::Log => {
                            if kind__.is_some() {
                                return Err(serde::de::Error::duplicate_field("log"));
                            }
                            kind__ = map_.next_value::<::std::option::Option<_>>()?.map(process_response::Kind::Log)
;
                        }
                        GeneratedField::Failure => {
                            if kind__.is_some() {
                                return Err(serde::de::Error::duplicate_field("failure"));
                            }
                            kind__ = map_.next_value::<::std::option::Option<_>>()?.map(process_response::Kind::Failure)
;
                        }
                    }
                }
                Ok(ProcessResponse {
                    instruction_id: instruction_id__.unwrap_or_default(),
                    kind: kind__,
                })
            }
        }
        deserializer.deserialize_struct("flow.processor.v1.ProcessResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for ProcessStart {
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
        if self.initial_credit.is_some() {
            len += 1;
        }
        if !self.input_streams.is_empty() {
            len += 1;
        }
        if !self.resume_checkpoint_id.is_empty() {
            len += 1;
        }
        if self.resume_state.is_some() {
            len += 1;
        }
        if self.max_batch_records != 0 {
            len += 1;
        }
        if self.max_batch_bytes != 0 {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("flow.processor.v1.ProcessStart", len)?;
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
        if let Some(v) = self.initial_credit.as_ref() {
            struct_ser.serialize_field("initialCredit", v)?;
        }
        if !self.input_streams.is_empty() {
            struct_ser.serialize_field("inputStreams", &self.input_streams)?;
        }
        if !self.resume_checkpoint_id.is_empty() {
            struct_ser.serialize_field("resumeCheckpointId", &self.resume_checkpoint_id)?;
        }
        if let Some(v) = self.resume_state.as_ref() {
            struct_ser.serialize_field("resumeState", v)?;
        }
        if self.max_batch_records != 0 {
            struct_ser.serialize_field("maxBatchRecords", &self.max_batch_records)?;
        }
        if self.max_batch_bytes != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("maxBatchBytes", ToString::to_string(&self.max_batch_bytes).as_str())?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for ProcessStart {
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
            "initial_credit",
            "initialCredit",
            "input_streams",
            "inputStreams",
            "resume_checkpoint_id",
            "resumeCheckpointId",
            "resume_state",
            "resumeState",
            "max_batch_records",
            "maxBatchRecords",
            "max_batch_bytes",
            "maxBatchBytes",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Component,
            Config,
            Generation,
            ConfigId,
            Trace,
            InitialCredit,
            InputStreams,
            ResumeCheckpointId,
            ResumeState,
            MaxBatchRecords,
            MaxBatchBytes,
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
                            "initialCredit" | "initial_credit" => Ok(GeneratedField::InitialCredit),
                            "inputStreams" | "input_streams" => Ok(GeneratedField::InputStreams),
                            "resumeCheckpointId" | "resume_checkpoint_id" => Ok(GeneratedField::ResumeCheckpointId),
                            "resumeState" | "resume_state" => Ok(GeneratedField::ResumeState),
                            "maxBatchRecords" | "max_batch_records" => Ok(GeneratedField::MaxBatchRecords),
                            "maxBatchBytes" | "max_batch_bytes" => Ok(GeneratedField::MaxBatchBytes),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = ProcessStart;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.processor.v1.ProcessStart")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<ProcessStart, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut component__ = None;
                let mut config__ = None;
                let mut generation__ = None;
                let mut config_id__ = None;
                let mut trace__ = None;
                let mut initial_credit__ = None;
                let mut input_streams__ = None;
                let mut resume_checkpoint_id__ = None;
                let mut resume_state__ = None;
                let mut max_batch_records__ = None;
                let mut max_batch_bytes__ = None;
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
                        GeneratedField::InitialCredit => {
                            if initial_credit__.is_some() {
                                return Err(serde::de::Error::duplicate_field("initialCredit"));
                            }
                            initial_credit__ = map_.next_value()?;
                        }
                        GeneratedField::InputStreams => {
                            if input_streams__.is_some() {
                                return Err(serde::de::Error::duplicate_field("inputStreams"));
                            }
                            input_streams__ = Some(map_.next_value()?);
                        }
                        GeneratedField::ResumeCheckpointId => {
                            if resume_checkpoint_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("resumeCheckpointId"));
                            }
                            resume_checkpoint_id__ = Some(map_.next_value()?);
                        }
                        GeneratedField::ResumeState => {
                            if resume_state__.is_some() {
                                return Err(serde::de::Error::duplicate_field("resumeState"));
                            }
                            resume_state__ = map_.next_value()?;
                        }
                        GeneratedField::MaxBatchRecords => {
                            if max_batch_records__.is_some() {
                                return Err(serde::de::Error::duplicate_field("maxBatchRecords"));
                            }
                            max_batch_records__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::MaxBatchBytes => {
                            if max_batch_bytes__.is_some() {
                                return Err(serde::de::Error::duplicate_field("maxBatchBytes"));
                            }
                            max_batch_bytes__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                    }
                }
                Ok(ProcessStart {
                    component: component__.unwrap_or_default(),
                    config: config__,
                    generation: generation__.unwrap_or_default(),
                    config_id: config_id__.unwrap_or_default(),
                    trace: trace__,
                    initial_credit: initial_credit__,
                    input_streams: input_streams__.unwrap_or_default(),
                    resume_checkpoint_id: resume_checkpoint_id__.unwrap_or_default(),
                    resume_state: resume_state__,
                    max_batch_records: max_batch_records__.unwrap_or_default(),
                    max_batch_bytes: max_batch_bytes__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("flow.processor.v1.ProcessStart", FIELDS, GeneratedVisitor)
    }
}
