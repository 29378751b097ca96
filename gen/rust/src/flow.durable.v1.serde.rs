impl serde::Serialize for CompleteInstanceRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.instance_id.is_empty() {
            len += 1;
        }
        if self.outcome.is_some() {
            len += 1;
        }
        if self.expected_seq != 0 {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("flow.durable.v1.CompleteInstanceRequest", len)?;
        if !self.instance_id.is_empty() {
            struct_ser.serialize_field("instanceId", &self.instance_id)?;
        }
        if let Some(v) = self.outcome.as_ref() {
            struct_ser.serialize_field("outcome", v)?;
        }
        if self.expected_seq != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("expectedSeq", ToString::to_string(&self.expected_seq).as_str())?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for CompleteInstanceRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "instance_id",
            "instanceId",
            "outcome",
            "expected_seq",
            "expectedSeq",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            InstanceId,
            Outcome,
            ExpectedSeq,
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
                            "instanceId" | "instance_id" => Ok(GeneratedField::InstanceId),
                            "outcome" => Ok(GeneratedField::Outcome),
                            "expectedSeq" | "expected_seq" => Ok(GeneratedField::ExpectedSeq),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = CompleteInstanceRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.durable.v1.CompleteInstanceRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<CompleteInstanceRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut instance_id__ = None;
                let mut outcome__ = None;
                let mut expected_seq__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::InstanceId => {
                            if instance_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("instanceId"));
                            }
                            instance_id__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Outcome => {
                            if outcome__.is_some() {
                                return Err(serde::de::Error::duplicate_field("outcome"));
                            }
                            outcome__ = map_.next_value()?;
                        }
                        GeneratedField::ExpectedSeq => {
                            if expected_seq__.is_some() {
                                return Err(serde::de::Error::duplicate_field("expectedSeq"));
                            }
                            expected_seq__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                    }
                }
                Ok(CompleteInstanceRequest {
                    instance_id: instance_id__.unwrap_or_default(),
                    outcome: outcome__,
                    expected_seq: expected_seq__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("flow.durable.v1.CompleteInstanceRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for CompleteInstanceResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.accepted {
            len += 1;
        }
        if !self.reason.is_empty() {
            len += 1;
        }
        if self.recorded_outcome.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("flow.durable.v1.CompleteInstanceResponse", len)?;
        if self.accepted {
            struct_ser.serialize_field("accepted", &self.accepted)?;
        }
        if !self.reason.is_empty() {
            struct_ser.serialize_field("reason", &self.reason)?;
        }
        if let Some(v) = self.recorded_outcome.as_ref() {
            struct_ser.serialize_field("recordedOutcome", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for CompleteInstanceResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "accepted",
            "reason",
            "recorded_outcome",
            "recordedOutcome",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Accepted,
            Reason,
            RecordedOutcome,
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
                            "accepted" => Ok(GeneratedField::Accepted),
                            "reason" => Ok(GeneratedField::Reason),
                            "recordedOutcome" | "recorded_outcome" => Ok(GeneratedField::RecordedOutcome),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = CompleteInstanceResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.durable.v1.CompleteInstanceResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<CompleteInstanceResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut accepted__ = None;
                let mut reason__ = None;
                let mut recorded_outcome__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Accepted => {
                            if accepted__.is_some() {
                                return Err(serde::de::Error::duplicate_field("accepted"));
                            }
                            accepted__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Reason => {
                            if reason__.is_some() {
                                return Err(serde::de::Error::duplicate_field("reason"));
                            }
                            reason__ = Some(map_.next_value()?);
                        }
                        GeneratedField::RecordedOutcome => {
                            if recorded_outcome__.is_some() {
                                return Err(serde::de::Error::duplicate_field("recordedOutcome"));
                            }
                            recorded_outcome__ = map_.next_value()?;
                        }
                    }
                }
                Ok(CompleteInstanceResponse {
                    accepted: accepted__.unwrap_or_default(),
                    reason: reason__.unwrap_or_default(),
                    recorded_outcome: recorded_outcome__,
                })
            }
        }
        deserializer.deserialize_struct("flow.durable.v1.CompleteInstanceResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for EnvVar {
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
        if self.source.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("flow.durable.v1.EnvVar", len)?;
        if !self.name.is_empty() {
            struct_ser.serialize_field("name", &self.name)?;
        }
        if let Some(v) = self.source.as_ref() {
            match v {
                env_var::Source::Value(v) => {
                    struct_ser.serialize_field("value", v)?;
                }
                env_var::Source::SecretValue(v) => {
                    struct_ser.serialize_field("secretValue", v)?;
                }
                env_var::Source::SecretRef(v) => {
                    struct_ser.serialize_field("secretRef", v)?;
                }
            }
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for EnvVar {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "name",
            "value",
            "secret_value",
            "secretValue",
            "secret_ref",
            "secretRef",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Name,
            Value,
            SecretValue,
            SecretRef,
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
                            "value" => Ok(GeneratedField::Value),
                            "secretValue" | "secret_value" => Ok(GeneratedField::SecretValue),
                            "secretRef" | "secret_ref" => Ok(GeneratedField::SecretRef),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = EnvVar;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.durable.v1.EnvVar")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<EnvVar, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut name__ = None;
                let mut source__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Name => {
                            if name__.is_some() {
                                return Err(serde::de::Error::duplicate_field("name"));
                            }
                            name__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Value => {
                            if source__.is_some() {
                                return Err(serde::de::Error::duplicate_field("value"));
                            }
                            source__ = map_.next_value::<::std::option::Option<_>>()?.map(env_var::Source::Value);
                        }
                        GeneratedField::SecretValue => {
                            if source__.is_some() {
                                return Err(serde::de::Error::duplicate_field("secretValue"));
                            }
                            source__ = map_.next_value::<::std::option::Option<_>>()?.map(env_var::Source::SecretValue);
                        }
                        GeneratedField::SecretRef => {
                            if source__.is_some() {
                                return Err(serde::de::Error::duplicate_field("secretRef"));
                            }
                            source__ = map_.next_value::<::std::option::Option<_>>()?.map(env_var::Source::SecretRef);
                        }
                    }
                }
                Ok(EnvVar {
                    name: name__.unwrap_or_default(),
                    source: source__,
                })
            }
        }
        deserializer.deserialize_struct("flow.durable.v1.EnvVar", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for EnvironmentInstance {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.instance_id.is_empty() {
            len += 1;
        }
        if !self.image_name.is_empty() {
            len += 1;
        }
        if !self.image_digest.is_empty() {
            len += 1;
        }
        if self.stage != 0 {
            len += 1;
        }
        if self.failure.is_some() {
            len += 1;
        }
        if self.exit_code.is_some() {
            len += 1;
        }
        if !self.labels.is_empty() {
            len += 1;
        }
        if self.create_time.is_some() {
            len += 1;
        }
        if self.start_time.is_some() {
            len += 1;
        }
        if self.end_time.is_some() {
            len += 1;
        }
        if !self.host.is_empty() {
            len += 1;
        }
        if !self.message.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("flow.durable.v1.EnvironmentInstance", len)?;
        if !self.instance_id.is_empty() {
            struct_ser.serialize_field("instanceId", &self.instance_id)?;
        }
        if !self.image_name.is_empty() {
            struct_ser.serialize_field("imageName", &self.image_name)?;
        }
        if !self.image_digest.is_empty() {
            struct_ser.serialize_field("imageDigest", &self.image_digest)?;
        }
        if self.stage != 0 {
            let v = InstanceStage::try_from(self.stage)
                .map_err(|_| serde::ser::Error::custom(format!("Invalid variant {}", self.stage)))?;
            struct_ser.serialize_field("stage", &v)?;
        }
        if let Some(v) = self.failure.as_ref() {
            struct_ser.serialize_field("failure", v)?;
        }
        if let Some(v) = self.exit_code.as_ref() {
            struct_ser.serialize_field("exitCode", v)?;
        }
        if !self.labels.is_empty() {
            struct_ser.serialize_field("labels", &self.labels)?;
        }
        if let Some(v) = self.create_time.as_ref() {
            struct_ser.serialize_field("createTime", v)?;
        }
        if let Some(v) = self.start_time.as_ref() {
            struct_ser.serialize_field("startTime", v)?;
        }
        if let Some(v) = self.end_time.as_ref() {
            struct_ser.serialize_field("endTime", v)?;
        }
        if !self.host.is_empty() {
            struct_ser.serialize_field("host", &self.host)?;
        }
        if !self.message.is_empty() {
            struct_ser.serialize_field("message", &self.message)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for EnvironmentInstance {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "instance_id",
            "instanceId",
            "image_name",
            "imageName",
            "image_digest",
            "imageDigest",
            "stage",
            "failure",
            "exit_code",
            "exitCode",
            "labels",
            "create_time",
            "createTime",
            "start_time",
            "startTime",
            "end_time",
            "endTime",
            "host",
            "message",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            InstanceId,
            ImageName,
            ImageDigest,
            Stage,
            Failure,
            ExitCode,
            Labels,
            CreateTime,
            StartTime,
            EndTime,
            Host,
            Message,
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
                            "instanceId" | "instance_id" => Ok(GeneratedField::InstanceId),
                            "imageName" | "image_name" => Ok(GeneratedField::ImageName),
                            "imageDigest" | "image_digest" => Ok(GeneratedField::ImageDigest),
                            "stage" => Ok(GeneratedField::Stage),
                            "failure" => Ok(GeneratedField::Failure),
                            "exitCode" | "exit_code" => Ok(GeneratedField::ExitCode),
                            "labels" => Ok(GeneratedField::Labels),
                            "createTime" | "create_time" => Ok(GeneratedField::CreateTime),
                            "startTime" | "start_time" => Ok(GeneratedField::StartTime),
                            "endTime" | "end_time" => Ok(GeneratedField::EndTime),
                            "host" => Ok(GeneratedField::Host),
                            "message" => Ok(GeneratedField::Message),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = EnvironmentInstance;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.durable.v1.EnvironmentInstance")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<EnvironmentInstance, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut instance_id__ = None;
                let mut image_name__ = None;
                let mut image_digest__ = None;
                let mut stage__ = None;
                let mut failure__ = None;
                let mut exit_code__ = None;
                let mut labels__ = None;
                let mut create_time__ = None;
                let mut start_time__ = None;
                let mut end_time__ = None;
                let mut host__ = None;
                let mut message__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::InstanceId => {
                            if instance_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("instanceId"));
                            }
                            instance_id__ = Some(map_.next_value()?);
                        }
                        GeneratedField::ImageName => {
                            if image_name__.is_some() {
                                return Err(serde::de::Error::duplicate_field("imageName"));
                            }
                            image_name__ = Some(map_.next_value()?);
                        }
                        GeneratedField::ImageDigest => {
                            if image_digest__.is_some() {
                                return Err(serde::de::Error::duplicate_field("imageDigest"));
                            }
                            image_digest__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Stage => {
                            if stage__.is_some() {
                                return Err(serde::de::Error::duplicate_field("stage"));
                            }
                            stage__ = Some(map_.next_value::<InstanceStage>()? as i32);
                        }
                        GeneratedField::Failure => {
                            if failure__.is_some() {
                                return Err(serde::de::Error::duplicate_field("failure"));
                            }
                            failure__ = map_.next_value()?;
                        }
                        GeneratedField::ExitCode => {
                            if exit_code__.is_some() {
                                return Err(serde::de::Error::duplicate_field("exitCode"));
                            }
                            exit_code__ = 
                                map_.next_value::<::std::option::Option<::pbjson::private::NumberDeserialize<_>>>()?.map(|x| x.0)
                            ;
                        }
                        GeneratedField::Labels => {
                            if labels__.is_some() {
                                return Err(serde::de::Error::duplicate_field("labels"));
                            }
                            labels__ = Some(
                                map_.next_value::<std::collections::BTreeMap<_, _>>()?
                            );
                        }
                        GeneratedField::CreateTime => {
                            if create_time__.is_some() {
                                return Err(serde::de::Error::duplicate_field("createTime"));
                            }
                            create_time__ = map_.next_value()?;
                        }
                        GeneratedField::StartTime => {
                            if start_time__.is_some() {
                                return Err(serde::de::Error::duplicate_field("startTime"));
                            }
                            start_time__ = map_.next_value()?;
                        }
                        GeneratedField::EndTime => {
                            if end_time__.is_some() {
                                return Err(serde::de::Error::duplicate_field("endTime"));
                            }
                            end_time__ = map_.next_value()?;
                        }
                        GeneratedField::Host => {
                            if host__.is_some() {
                                return Err(serde::de::Error::duplicate_field("host"));
                            }
                            host__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Message => {
                            if message__.is_some() {
                                return Err(serde::de::Error::duplicate_field("message"));
                            }
                            message__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(EnvironmentInstance {
                    instance_id: instance_id__.unwrap_or_default(),
                    image_name: image_name__.unwrap_or_default(),
                    image_digest: image_digest__.unwrap_or_default(),
                    stage: stage__.unwrap_or_default(),
                    failure: failure__,
                    exit_code: exit_code__,
                    labels: labels__.unwrap_or_default(),
                    create_time: create_time__,
                    start_time: start_time__,
                    end_time: end_time__,
                    host: host__.unwrap_or_default(),
                    message: message__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("flow.durable.v1.EnvironmentInstance", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for GetInstanceStatusRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.instance_id.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("flow.durable.v1.GetInstanceStatusRequest", len)?;
        if !self.instance_id.is_empty() {
            struct_ser.serialize_field("instanceId", &self.instance_id)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for GetInstanceStatusRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "instance_id",
            "instanceId",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            InstanceId,
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
                            "instanceId" | "instance_id" => Ok(GeneratedField::InstanceId),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = GetInstanceStatusRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.durable.v1.GetInstanceStatusRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<GetInstanceStatusRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut instance_id__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::InstanceId => {
                            if instance_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("instanceId"));
                            }
                            instance_id__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(GetInstanceStatusRequest {
                    instance_id: instance_id__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("flow.durable.v1.GetInstanceStatusRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for GetInstanceStatusResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.instance.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("flow.durable.v1.GetInstanceStatusResponse", len)?;
        if let Some(v) = self.instance.as_ref() {
            struct_ser.serialize_field("instance", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for GetInstanceStatusResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "instance",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Instance,
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
                            "instance" => Ok(GeneratedField::Instance),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = GetInstanceStatusResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.durable.v1.GetInstanceStatusResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<GetInstanceStatusResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut instance__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Instance => {
                            if instance__.is_some() {
                                return Err(serde::de::Error::duplicate_field("instance"));
                            }
                            instance__ = map_.next_value()?;
                        }
                    }
                }
                Ok(GetInstanceStatusResponse {
                    instance: instance__,
                })
            }
        }
        deserializer.deserialize_struct("flow.durable.v1.GetInstanceStatusResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for Image {
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
        if !self.digest.is_empty() {
            len += 1;
        }
        if !self.reference.is_empty() {
            len += 1;
        }
        if !self.entrypoint.is_empty() {
            len += 1;
        }
        if !self.runtime.is_empty() {
            len += 1;
        }
        if !self.env.is_empty() {
            len += 1;
        }
        if !self.pull_secret_ref.is_empty() {
            len += 1;
        }
        if !self.labels.is_empty() {
            len += 1;
        }
        if self.register_time.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("flow.durable.v1.Image", len)?;
        if !self.name.is_empty() {
            struct_ser.serialize_field("name", &self.name)?;
        }
        if !self.digest.is_empty() {
            struct_ser.serialize_field("digest", &self.digest)?;
        }
        if !self.reference.is_empty() {
            struct_ser.serialize_field("reference", &self.reference)?;
        }
        if !self.entrypoint.is_empty() {
            struct_ser.serialize_field("entrypoint", &self.entrypoint)?;
        }
        if !self.runtime.is_empty() {
            struct_ser.serialize_field("runtime", &self.runtime)?;
        }
        if !self.env.is_empty() {
            struct_ser.serialize_field("env", &self.env)?;
        }
        if !self.pull_secret_ref.is_empty() {
            struct_ser.serialize_field("pullSecretRef", &self.pull_secret_ref)?;
        }
        if !self.labels.is_empty() {
            struct_ser.serialize_field("labels", &self.labels)?;
        }
        if let Some(v) = self.register_time.as_ref() {
            struct_ser.serialize_field("registerTime", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for Image {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "name",
            "digest",
            "reference",
            "entrypoint",
            "runtime",
            "env",
            "pull_secret_ref",
            "pullSecretRef",
            "labels",
            "register_time",
            "registerTime",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Name,
            Digest,
            Reference,
            Entrypoint,
            Runtime,
            Env,
            PullSecretRef,
            Labels,
            RegisterTime,
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
                            "digest" => Ok(GeneratedField::Digest),
                            "reference" => Ok(GeneratedField::Reference),
                            "entrypoint" => Ok(GeneratedField::Entrypoint),
                            "runtime" => Ok(GeneratedField::Runtime),
                            "env" => Ok(GeneratedField::Env),
                            "pullSecretRef" | "pull_secret_ref" => Ok(GeneratedField::PullSecretRef),
                            "labels" => Ok(GeneratedField::Labels),
                            "registerTime" | "register_time" => Ok(GeneratedField::RegisterTime),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = Image;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.durable.v1.Image")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<Image, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut name__ = None;
                let mut digest__ = None;
                let mut reference__ = None;
                let mut entrypoint__ = None;
                let mut runtime__ = None;
                let mut env__ = None;
                let mut pull_secret_ref__ = None;
                let mut labels__ = None;
                let mut register_time__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Name => {
                            if name__.is_some() {
                                return Err(serde::de::Error::duplicate_field("name"));
                            }
                            name__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Digest => {
                            if digest__.is_some() {
                                return Err(serde::de::Error::duplicate_field("digest"));
                            }
                            digest__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Reference => {
                            if reference__.is_some() {
                                return Err(serde::de::Error::duplicate_field("reference"));
                            }
                            reference__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Entrypoint => {
                            if entrypoint__.is_some() {
                                return Err(serde::de::Error::duplicate_field("entrypoint"));
                            }
                            entrypoint__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Runtime => {
                            if runtime__.is_some() {
                                return Err(serde::de::Error::duplicate_field("runtime"));
                            }
                            runtime__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Env => {
                            if env__.is_some() {
                                return Err(serde::de::Error::duplicate_field("env"));
                            }
                            env__ = Some(map_.next_value()?);
                        }
                        GeneratedField::PullSecretRef => {
                            if pull_secret_ref__.is_some() {
                                return Err(serde::de::Error::duplicate_field("pullSecretRef"));
                            }
                            pull_secret_ref__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Labels => {
                            if labels__.is_some() {
                                return Err(serde::de::Error::duplicate_field("labels"));
                            }
                            labels__ = Some(
                                map_.next_value::<std::collections::BTreeMap<_, _>>()?
                            );
                        }
                        GeneratedField::RegisterTime => {
                            if register_time__.is_some() {
                                return Err(serde::de::Error::duplicate_field("registerTime"));
                            }
                            register_time__ = map_.next_value()?;
                        }
                    }
                }
                Ok(Image {
                    name: name__.unwrap_or_default(),
                    digest: digest__.unwrap_or_default(),
                    reference: reference__.unwrap_or_default(),
                    entrypoint: entrypoint__.unwrap_or_default(),
                    runtime: runtime__.unwrap_or_default(),
                    env: env__.unwrap_or_default(),
                    pull_secret_ref: pull_secret_ref__.unwrap_or_default(),
                    labels: labels__.unwrap_or_default(),
                    register_time: register_time__,
                })
            }
        }
        deserializer.deserialize_struct("flow.durable.v1.Image", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for InstanceCheckpoint {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.seq != 0 {
            len += 1;
        }
        if self.state.is_some() {
            len += 1;
        }
        if self.save_time.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("flow.durable.v1.InstanceCheckpoint", len)?;
        if self.seq != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("seq", ToString::to_string(&self.seq).as_str())?;
        }
        if let Some(v) = self.state.as_ref() {
            struct_ser.serialize_field("state", v)?;
        }
        if let Some(v) = self.save_time.as_ref() {
            struct_ser.serialize_field("saveTime", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for InstanceCheckpoint {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "seq",
            "state",
            "save_time",
            "saveTime",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Seq,
            State,
            SaveTime,
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
                            "seq" => Ok(GeneratedField::Seq),
                            "state" => Ok(GeneratedField::State),
                            "saveTime" | "save_time" => Ok(GeneratedField::SaveTime),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = InstanceCheckpoint;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.durable.v1.InstanceCheckpoint")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<InstanceCheckpoint, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut seq__ = None;
                let mut state__ = None;
                let mut save_time__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
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
                        GeneratedField::SaveTime => {
                            if save_time__.is_some() {
                                return Err(serde::de::Error::duplicate_field("saveTime"));
                            }
                            save_time__ = map_.next_value()?;
                        }
                    }
                }
                Ok(InstanceCheckpoint {
                    seq: seq__.unwrap_or_default(),
                    state: state__,
                    save_time: save_time__,
                })
            }
        }
        deserializer.deserialize_struct("flow.durable.v1.InstanceCheckpoint", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for InstanceStage {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        let variant = match self {
            Self::Unspecified => "INSTANCE_STAGE_UNSPECIFIED",
            Self::Pending => "INSTANCE_STAGE_PENDING",
            Self::Preparing => "INSTANCE_STAGE_PREPARING",
            Self::Starting => "INSTANCE_STAGE_STARTING",
            Self::Running => "INSTANCE_STAGE_RUNNING",
            Self::Stopping => "INSTANCE_STAGE_STOPPING",
            Self::Stopped => "INSTANCE_STAGE_STOPPED",
            Self::Failed => "INSTANCE_STAGE_FAILED",
        };
        serializer.serialize_str(variant)
    }
}
impl<'de> serde::Deserialize<'de> for InstanceStage {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "INSTANCE_STAGE_UNSPECIFIED",
            "INSTANCE_STAGE_PENDING",
            "INSTANCE_STAGE_PREPARING",
            "INSTANCE_STAGE_STARTING",
            "INSTANCE_STAGE_RUNNING",
            "INSTANCE_STAGE_STOPPING",
            "INSTANCE_STAGE_STOPPED",
            "INSTANCE_STAGE_FAILED",
        ];

        struct GeneratedVisitor;

        impl serde::de::Visitor<'_> for GeneratedVisitor {
            type Value = InstanceStage;

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
                    "INSTANCE_STAGE_UNSPECIFIED" => Ok(InstanceStage::Unspecified),
                    "INSTANCE_STAGE_PENDING" => Ok(InstanceStage::Pending),
                    "INSTANCE_STAGE_PREPARING" => Ok(InstanceStage::Preparing),
                    "INSTANCE_STAGE_STARTING" => Ok(InstanceStage::Starting),
                    "INSTANCE_STAGE_RUNNING" => Ok(InstanceStage::Running),
                    "INSTANCE_STAGE_STOPPING" => Ok(InstanceStage::Stopping),
                    "INSTANCE_STAGE_STOPPED" => Ok(InstanceStage::Stopped),
                    "INSTANCE_STAGE_FAILED" => Ok(InstanceStage::Failed),
                    _ => Err(serde::de::Error::unknown_variant(value, FIELDS)),
                }
            }
        }
        deserializer.deserialize_any(GeneratedVisitor)
    }
}
impl serde::Serialize for ListInstancesRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.page_size != 0 {
            len += 1;
        }
        if !self.page_token.is_empty() {
            len += 1;
        }
        if !self.image_name.is_empty() {
            len += 1;
        }
        if !self.stages.is_empty() {
            len += 1;
        }
        if !self.labels.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("flow.durable.v1.ListInstancesRequest", len)?;
        if self.page_size != 0 {
            struct_ser.serialize_field("pageSize", &self.page_size)?;
        }
        if !self.page_token.is_empty() {
            struct_ser.serialize_field("pageToken", &self.page_token)?;
        }
        if !self.image_name.is_empty() {
            struct_ser.serialize_field("imageName", &self.image_name)?;
        }
        if !self.stages.is_empty() {
            let v = self.stages.iter().cloned().map(|v| {
                InstanceStage::try_from(v)
                    .map_err(|_| serde::ser::Error::custom(format!("Invalid variant {}", v)))
                }).collect::<std::result::Result<Vec<_>, _>>()?;
            struct_ser.serialize_field("stages", &v)?;
        }
        if !self.labels.is_empty() {
            struct_ser.serialize_field("labels", &self.labels)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for ListInstancesRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "page_size",
            "pageSize",
            "page_token",
            "pageToken",
            "image_name",
            "imageName",
            "stages",
            "labels",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            PageSize,
            PageToken,
            ImageName,
            Stages,
            Labels,
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
                            "pageSize" | "page_size" => Ok(GeneratedField::PageSize),
                            "pageToken" | "page_token" => Ok(GeneratedField::PageToken),
                            "imageName" | "image_name" => Ok(GeneratedField::ImageName),
                            "stages" => Ok(GeneratedField::Stages),
                            "labels" => Ok(GeneratedField::Labels),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = ListInstancesRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.durable.v1.ListInstancesRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<ListInstancesRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut page_size__ = None;
                let mut page_token__ = None;
                let mut image_name__ = None;
                let mut stages__ = None;
                let mut labels__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::PageSize => {
                            if page_size__.is_some() {
                                return Err(serde::de::Error::duplicate_field("pageSize"));
                            }
                            page_size__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::PageToken => {
                            if page_token__.is_some() {
                                return Err(serde::de::Error::duplicate_field("pageToken"));
                            }
                            page_token__ = Some(map_.next_value()?);
                        }
                        GeneratedField::ImageName => {
                            if image_name__.is_some() {
                                return Err(serde::de::Error::duplicate_field("imageName"));
                            }
                            image_name__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Stages => {
                            if stages__.is_some() {
                                return Err(serde::de::Error::duplicate_field("stages"));
                            }
                            stages__ = Some(map_.next_value::<Vec<InstanceStage>>()?.into_iter().map(|x| x as i32).collect());
                        }
                        GeneratedField::Labels => {
                            if labels__.is_some() {
                                return Err(serde::de::Error::duplicate_field("labels"));
                            }
                            labels__ = Some(
                                map_.next_value::<std::collections::BTreeMap<_, _>>()?
                            );
                        }
                    }
                }
                Ok(ListInstancesRequest {
                    page_size: page_size__.unwrap_or_default(),
                    page_token: page_token__.unwrap_or_default(),
                    image_name: image_name__.unwrap_or_default(),
                    stages: stages__.unwrap_or_default(),
                    labels: labels__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("flow.durable.v1.ListInstancesRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for ListInstancesResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.instances.is_empty() {
            len += 1;
        }
        if !self.next_page_token.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("flow.durable.v1.ListInstancesResponse", len)?;
        if !self.instances.is_empty() {
            struct_ser.serialize_field("instances", &self.instances)?;
        }
        if !self.next_page_token.is_empty() {
            struct_ser.serialize_field("nextPageToken", &self.next_page_token)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for ListInstancesResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "instances",
            "next_page_token",
            "nextPageToken",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Instances,
            NextPageToken,
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
                            "instances" => Ok(GeneratedField::Instances),
                            "nextPageToken" | "next_page_token" => Ok(GeneratedField::NextPageToken),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = ListInstancesResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.durable.v1.ListInstancesResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<ListInstancesResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut instances__ = None;
                let mut next_page_token__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Instances => {
                            if instances__.is_some() {
                                return Err(serde::de::Error::duplicate_field("instances"));
                            }
                            instances__ = Some(map_.next_value()?);
                        }
                        GeneratedField::NextPageToken => {
                            if next_page_token__.is_some() {
                                return Err(serde::de::Error::duplicate_field("nextPageToken"));
                            }
                            next_page_token__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(ListInstancesResponse {
                    instances: instances__.unwrap_or_default(),
                    next_page_token: next_page_token__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("flow.durable.v1.ListInstancesResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for PollSignalsRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.instance_id.is_empty() {
            len += 1;
        }
        if self.after != 0 {
            len += 1;
        }
        if self.wait.is_some() {
            len += 1;
        }
        if self.max_signals != 0 {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("flow.durable.v1.PollSignalsRequest", len)?;
        if !self.instance_id.is_empty() {
            struct_ser.serialize_field("instanceId", &self.instance_id)?;
        }
        if self.after != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("after", ToString::to_string(&self.after).as_str())?;
        }
        if let Some(v) = self.wait.as_ref() {
            struct_ser.serialize_field("wait", v)?;
        }
        if self.max_signals != 0 {
            struct_ser.serialize_field("maxSignals", &self.max_signals)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for PollSignalsRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "instance_id",
            "instanceId",
            "after",
            "wait",
            "max_signals",
            "maxSignals",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            InstanceId,
            After,
            Wait,
            MaxSignals,
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
                            "instanceId" | "instance_id" => Ok(GeneratedField::InstanceId),
                            "after" => Ok(GeneratedField::After),
                            "wait" => Ok(GeneratedField::Wait),
                            "maxSignals" | "max_signals" => Ok(GeneratedField::MaxSignals),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = PollSignalsRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.durable.v1.PollSignalsRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<PollSignalsRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut instance_id__ = None;
                let mut after__ = None;
                let mut wait__ = None;
                let mut max_signals__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::InstanceId => {
                            if instance_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("instanceId"));
                            }
                            instance_id__ = Some(map_.next_value()?);
                        }
                        GeneratedField::After => {
                            if after__.is_some() {
                                return Err(serde::de::Error::duplicate_field("after"));
                            }
                            after__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::Wait => {
                            if wait__.is_some() {
                                return Err(serde::de::Error::duplicate_field("wait"));
                            }
                            wait__ = map_.next_value()?;
                        }
                        GeneratedField::MaxSignals => {
                            if max_signals__.is_some() {
                                return Err(serde::de::Error::duplicate_field("maxSignals"));
                            }
                            max_signals__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                    }
                }
                Ok(PollSignalsRequest {
                    instance_id: instance_id__.unwrap_or_default(),
                    after: after__.unwrap_or_default(),
                    wait: wait__,
                    max_signals: max_signals__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("flow.durable.v1.PollSignalsRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for PollSignalsResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.signals.is_empty() {
            len += 1;
        }
        if self.next_cursor != 0 {
            len += 1;
        }
        if self.instance_complete {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("flow.durable.v1.PollSignalsResponse", len)?;
        if !self.signals.is_empty() {
            struct_ser.serialize_field("signals", &self.signals)?;
        }
        if self.next_cursor != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("nextCursor", ToString::to_string(&self.next_cursor).as_str())?;
        }
        if self.instance_complete {
            struct_ser.serialize_field("instanceComplete", &self.instance_complete)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for PollSignalsResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "signals",
            "next_cursor",
            "nextCursor",
            "instance_complete",
            "instanceComplete",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Signals,
            NextCursor,
            InstanceComplete,
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
                            "signals" => Ok(GeneratedField::Signals),
                            "nextCursor" | "next_cursor" => Ok(GeneratedField::NextCursor),
                            "instanceComplete" | "instance_complete" => Ok(GeneratedField::InstanceComplete),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = PollSignalsResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.durable.v1.PollSignalsResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<PollSignalsResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut signals__ = None;
                let mut next_cursor__ = None;
                let mut instance_complete__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Signals => {
                            if signals__.is_some() {
                                return Err(serde::de::Error::duplicate_field("signals"));
                            }
                            signals__ = Some(map_.next_value()?);
                        }
                        GeneratedField::NextCursor => {
                            if next_cursor__.is_some() {
                                return Err(serde::de::Error::duplicate_field("nextCursor"));
                            }
                            next_cursor__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::InstanceComplete => {
                            if instance_complete__.is_some() {
                                return Err(serde::de::Error::duplicate_field("instanceComplete"));
                            }
                            instance_complete__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(PollSignalsResponse {
                    signals: signals__.unwrap_or_default(),
                    next_cursor: next_cursor__.unwrap_or_default(),
                    instance_complete: instance_complete__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("flow.durable.v1.PollSignalsResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for RegisterImageRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.image.is_some() {
            len += 1;
        }
        if self.validate_only {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("flow.durable.v1.RegisterImageRequest", len)?;
        if let Some(v) = self.image.as_ref() {
            struct_ser.serialize_field("image", v)?;
        }
        if self.validate_only {
            struct_ser.serialize_field("validateOnly", &self.validate_only)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for RegisterImageRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "image",
            "validate_only",
            "validateOnly",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Image,
            ValidateOnly,
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
                            "image" => Ok(GeneratedField::Image),
                            "validateOnly" | "validate_only" => Ok(GeneratedField::ValidateOnly),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = RegisterImageRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.durable.v1.RegisterImageRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<RegisterImageRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut image__ = None;
                let mut validate_only__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Image => {
                            if image__.is_some() {
                                return Err(serde::de::Error::duplicate_field("image"));
                            }
                            image__ = map_.next_value()?;
                        }
                        GeneratedField::ValidateOnly => {
                            if validate_only__.is_some() {
                                return Err(serde::de::Error::duplicate_field("validateOnly"));
                            }
                            validate_only__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(RegisterImageRequest {
                    image: image__,
                    validate_only: validate_only__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("flow.durable.v1.RegisterImageRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for RegisterImageResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.accepted {
            len += 1;
        }
        if !self.diagnostics.is_empty() {
            len += 1;
        }
        if self.image.is_some() {
            len += 1;
        }
        if !self.previous_digest.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("flow.durable.v1.RegisterImageResponse", len)?;
        if self.accepted {
            struct_ser.serialize_field("accepted", &self.accepted)?;
        }
        if !self.diagnostics.is_empty() {
            struct_ser.serialize_field("diagnostics", &self.diagnostics)?;
        }
        if let Some(v) = self.image.as_ref() {
            struct_ser.serialize_field("image", v)?;
        }
        if !self.previous_digest.is_empty() {
            struct_ser.serialize_field("previousDigest", &self.previous_digest)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for RegisterImageResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "accepted",
            "diagnostics",
            "image",
            "previous_digest",
            "previousDigest",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Accepted,
            Diagnostics,
            Image,
            PreviousDigest,
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
                            "accepted" => Ok(GeneratedField::Accepted),
                            "diagnostics" => Ok(GeneratedField::Diagnostics),
                            "image" => Ok(GeneratedField::Image),
                            "previousDigest" | "previous_digest" => Ok(GeneratedField::PreviousDigest),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = RegisterImageResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.durable.v1.RegisterImageResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<RegisterImageResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut accepted__ = None;
                let mut diagnostics__ = None;
                let mut image__ = None;
                let mut previous_digest__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Accepted => {
                            if accepted__.is_some() {
                                return Err(serde::de::Error::duplicate_field("accepted"));
                            }
                            accepted__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Diagnostics => {
                            if diagnostics__.is_some() {
                                return Err(serde::de::Error::duplicate_field("diagnostics"));
                            }
                            diagnostics__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Image => {
                            if image__.is_some() {
                                return Err(serde::de::Error::duplicate_field("image"));
                            }
                            image__ = map_.next_value()?;
                        }
                        GeneratedField::PreviousDigest => {
                            if previous_digest__.is_some() {
                                return Err(serde::de::Error::duplicate_field("previousDigest"));
                            }
                            previous_digest__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(RegisterImageResponse {
                    accepted: accepted__.unwrap_or_default(),
                    diagnostics: diagnostics__.unwrap_or_default(),
                    image: image__,
                    previous_digest: previous_digest__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("flow.durable.v1.RegisterImageResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for RegisterInstanceRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.instance_id.is_empty() {
            len += 1;
        }
        if !self.idempotency_key.is_empty() {
            len += 1;
        }
        if !self.handler.is_empty() {
            len += 1;
        }
        if self.input.is_some() {
            len += 1;
        }
        if self.trace.is_some() {
            len += 1;
        }
        if !self.labels.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("flow.durable.v1.RegisterInstanceRequest", len)?;
        if !self.instance_id.is_empty() {
            struct_ser.serialize_field("instanceId", &self.instance_id)?;
        }
        if !self.idempotency_key.is_empty() {
            struct_ser.serialize_field("idempotencyKey", &self.idempotency_key)?;
        }
        if !self.handler.is_empty() {
            struct_ser.serialize_field("handler", &self.handler)?;
        }
        if let Some(v) = self.input.as_ref() {
            struct_ser.serialize_field("input", v)?;
        }
        if let Some(v) = self.trace.as_ref() {
            struct_ser.serialize_field("trace", v)?;
        }
        if !self.labels.is_empty() {
            struct_ser.serialize_field("labels", &self.labels)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for RegisterInstanceRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "instance_id",
            "instanceId",
            "idempotency_key",
            "idempotencyKey",
            "handler",
            "input",
            "trace",
            "labels",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            InstanceId,
            IdempotencyKey,
            Handler,
            Input,
            Trace,
            Labels,
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
                            "instanceId" | "instance_id" => Ok(GeneratedField::InstanceId),
                            "idempotencyKey" | "idempotency_key" => Ok(GeneratedField::IdempotencyKey),
                            "handler" => Ok(GeneratedField::Handler),
                            "input" => Ok(GeneratedField::Input),
                            "trace" => Ok(GeneratedField::Trace),
                            "labels" => Ok(GeneratedField::Labels),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = RegisterInstanceRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.durable.v1.RegisterInstanceRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<RegisterInstanceRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut instance_id__ = None;
                let mut idempotency_key__ = None;
                let mut handler__ = None;
                let mut input__ = None;
                let mut trace__ = None;
                let mut labels__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::InstanceId => {
                            if instance_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("instanceId"));
                            }
                            instance_id__ = Some(map_.next_value()?);
                        }
                        GeneratedField::IdempotencyKey => {
                            if idempotency_key__.is_some() {
                                return Err(serde::de::Error::duplicate_field("idempotencyKey"));
                            }
                            idempotency_key__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Handler => {
                            if handler__.is_some() {
                                return Err(serde::de::Error::duplicate_field("handler"));
                            }
                            handler__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Input => {
                            if input__.is_some() {
                                return Err(serde::de::Error::duplicate_field("input"));
                            }
                            input__ = map_.next_value()?;
                        }
                        GeneratedField::Trace => {
                            if trace__.is_some() {
                                return Err(serde::de::Error::duplicate_field("trace"));
                            }
                            trace__ = map_.next_value()?;
                        }
                        GeneratedField::Labels => {
                            if labels__.is_some() {
                                return Err(serde::de::Error::duplicate_field("labels"));
                            }
                            labels__ = Some(
                                map_.next_value::<std::collections::BTreeMap<_, _>>()?
                            );
                        }
                    }
                }
                Ok(RegisterInstanceRequest {
                    instance_id: instance_id__.unwrap_or_default(),
                    idempotency_key: idempotency_key__.unwrap_or_default(),
                    handler: handler__.unwrap_or_default(),
                    input: input__,
                    trace: trace__,
                    labels: labels__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("flow.durable.v1.RegisterInstanceRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for RegisterInstanceResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.resumed {
            len += 1;
        }
        if self.last_checkpoint.is_some() {
            len += 1;
        }
        if self.signal_cursor != 0 {
            len += 1;
        }
        if self.input.is_some() {
            len += 1;
        }
        if self.outcome.is_some() {
            len += 1;
        }
        if self.incarnation != 0 {
            len += 1;
        }
        if self.create_time.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("flow.durable.v1.RegisterInstanceResponse", len)?;
        if self.resumed {
            struct_ser.serialize_field("resumed", &self.resumed)?;
        }
        if let Some(v) = self.last_checkpoint.as_ref() {
            struct_ser.serialize_field("lastCheckpoint", v)?;
        }
        if self.signal_cursor != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("signalCursor", ToString::to_string(&self.signal_cursor).as_str())?;
        }
        if let Some(v) = self.input.as_ref() {
            struct_ser.serialize_field("input", v)?;
        }
        if let Some(v) = self.outcome.as_ref() {
            struct_ser.serialize_field("outcome", v)?;
        }
        if self.incarnation != 0 {
            struct_ser.serialize_field("incarnation", &self.incarnation)?;
        }
        if let Some(v) = self.create_time.as_ref() {
            struct_ser.serialize_field("createTime", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for RegisterInstanceResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "resumed",
            "last_checkpoint",
            "lastCheckpoint",
            "signal_cursor",
            "signalCursor",
            "input",
            "outcome",
            "incarnation",
            "create_time",
            "createTime",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Resumed,
            LastCheckpoint,
            SignalCursor,
            Input,
            Outcome,
            Incarnation,
            CreateTime,
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
                            "resumed" => Ok(GeneratedField::Resumed),
                            "lastCheckpoint" | "last_checkpoint" => Ok(GeneratedField::LastCheckpoint),
                            "signalCursor" | "signal_cursor" => Ok(GeneratedField::SignalCursor),
                            "input" => Ok(GeneratedField::Input),
                            "outcome" => Ok(GeneratedField::Outcome),
                            "incarnation" => Ok(GeneratedField::Incarnation),
                            "createTime" | "create_time" => Ok(GeneratedField::CreateTime),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = RegisterInstanceResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.durable.v1.RegisterInstanceResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<RegisterInstanceResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut resumed__ = None;
                let mut last_checkpoint__ = None;
                let mut signal_cursor__ = None;
                let mut input__ = None;
                let mut outcome__ = None;
                let mut incarnation__ = None;
                let mut create_time__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Resumed => {
                            if resumed__.is_some() {
                                return Err(serde::de::Error::duplicate_field("resumed"));
                            }
                            resumed__ = Some(map_.next_value()?);
                        }
                        GeneratedField::LastCheckpoint => {
                            if last_checkpoint__.is_some() {
                                return Err(serde::de::Error::duplicate_field("lastCheckpoint"));
                            }
                            last_checkpoint__ = map_.next_value()?;
                        }
                        GeneratedField::SignalCursor => {
                            if signal_cursor__.is_some() {
                                return Err(serde::de::Error::duplicate_field("signalCursor"));
                            }
                            signal_cursor__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::Input => {
                            if input__.is_some() {
                                return Err(serde::de::Error::duplicate_field("input"));
                            }
                            input__ = map_.next_value()?;
                        }
                        GeneratedField::Outcome => {
                            if outcome__.is_some() {
                                return Err(serde::de::Error::duplicate_field("outcome"));
                            }
                            outcome__ = map_.next_value()?;
                        }
                        GeneratedField::Incarnation => {
                            if incarnation__.is_some() {
                                return Err(serde::de::Error::duplicate_field("incarnation"));
                            }
                            incarnation__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::CreateTime => {
                            if create_time__.is_some() {
                                return Err(serde::de::Error::duplicate_field("createTime"));
                            }
                            create_time__ = map_.next_value()?;
                        }
                    }
                }
                Ok(RegisterInstanceResponse {
                    resumed: resumed__.unwrap_or_default(),
                    last_checkpoint: last_checkpoint__,
                    signal_cursor: signal_cursor__.unwrap_or_default(),
                    input: input__,
                    outcome: outcome__,
                    incarnation: incarnation__.unwrap_or_default(),
                    create_time: create_time__,
                })
            }
        }
        deserializer.deserialize_struct("flow.durable.v1.RegisterInstanceResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for ResourceLimits {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.cpu_millis != 0 {
            len += 1;
        }
        if self.memory_bytes != 0 {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("flow.durable.v1.ResourceLimits", len)?;
        if self.cpu_millis != 0 {
            struct_ser.serialize_field("cpuMillis", &self.cpu_millis)?;
        }
        if self.memory_bytes != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("memoryBytes", ToString::to_string(&self.memory_bytes).as_str())?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for ResourceLimits {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "cpu_millis",
            "cpuMillis",
            "memory_bytes",
            "memoryBytes",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            CpuMillis,
            MemoryBytes,
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
                            "cpuMillis" | "cpu_millis" => Ok(GeneratedField::CpuMillis),
                            "memoryBytes" | "memory_bytes" => Ok(GeneratedField::MemoryBytes),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = ResourceLimits;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.durable.v1.ResourceLimits")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<ResourceLimits, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut cpu_millis__ = None;
                let mut memory_bytes__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::CpuMillis => {
                            if cpu_millis__.is_some() {
                                return Err(serde::de::Error::duplicate_field("cpuMillis"));
                            }
                            cpu_millis__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::MemoryBytes => {
                            if memory_bytes__.is_some() {
                                return Err(serde::de::Error::duplicate_field("memoryBytes"));
                            }
                            memory_bytes__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                    }
                }
                Ok(ResourceLimits {
                    cpu_millis: cpu_millis__.unwrap_or_default(),
                    memory_bytes: memory_bytes__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("flow.durable.v1.ResourceLimits", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for SaveCheckpointRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.instance_id.is_empty() {
            len += 1;
        }
        if self.expected_seq != 0 {
            len += 1;
        }
        if self.state.is_some() {
            len += 1;
        }
        if self.signal_cursor != 0 {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("flow.durable.v1.SaveCheckpointRequest", len)?;
        if !self.instance_id.is_empty() {
            struct_ser.serialize_field("instanceId", &self.instance_id)?;
        }
        if self.expected_seq != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("expectedSeq", ToString::to_string(&self.expected_seq).as_str())?;
        }
        if let Some(v) = self.state.as_ref() {
            struct_ser.serialize_field("state", v)?;
        }
        if self.signal_cursor != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("signalCursor", ToString::to_string(&self.signal_cursor).as_str())?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for SaveCheckpointRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "instance_id",
            "instanceId",
            "expected_seq",
            "expectedSeq",
            "state",
            "signal_cursor",
            "signalCursor",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            InstanceId,
            ExpectedSeq,
            State,
            SignalCursor,
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
                            "instanceId" | "instance_id" => Ok(GeneratedField::InstanceId),
                            "expectedSeq" | "expected_seq" => Ok(GeneratedField::ExpectedSeq),
                            "state" => Ok(GeneratedField::State),
                            "signalCursor" | "signal_cursor" => Ok(GeneratedField::SignalCursor),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = SaveCheckpointRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.durable.v1.SaveCheckpointRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<SaveCheckpointRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut instance_id__ = None;
                let mut expected_seq__ = None;
                let mut state__ = None;
                let mut signal_cursor__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::InstanceId => {
                            if instance_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("instanceId"));
                            }
                            instance_id__ = Some(map_.next_value()?);
                        }
                        GeneratedField::ExpectedSeq => {
                            if expected_seq__.is_some() {
                                return Err(serde::de::Error::duplicate_field("expectedSeq"));
                            }
                            expected_seq__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::State => {
                            if state__.is_some() {
                                return Err(serde::de::Error::duplicate_field("state"));
                            }
                            state__ = map_.next_value()?;
                        }
                        GeneratedField::SignalCursor => {
                            if signal_cursor__.is_some() {
                                return Err(serde::de::Error::duplicate_field("signalCursor"));
                            }
                            signal_cursor__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                    }
                }
                Ok(SaveCheckpointRequest {
                    instance_id: instance_id__.unwrap_or_default(),
                    expected_seq: expected_seq__.unwrap_or_default(),
                    state: state__,
                    signal_cursor: signal_cursor__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("flow.durable.v1.SaveCheckpointRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for SaveCheckpointResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.seq != 0 {
            len += 1;
        }
        if self.conflict {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("flow.durable.v1.SaveCheckpointResponse", len)?;
        if self.seq != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("seq", ToString::to_string(&self.seq).as_str())?;
        }
        if self.conflict {
            struct_ser.serialize_field("conflict", &self.conflict)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for SaveCheckpointResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "seq",
            "conflict",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Seq,
            Conflict,
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
                            "seq" => Ok(GeneratedField::Seq),
                            "conflict" => Ok(GeneratedField::Conflict),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = SaveCheckpointResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.durable.v1.SaveCheckpointResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<SaveCheckpointResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut seq__ = None;
                let mut conflict__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Seq => {
                            if seq__.is_some() {
                                return Err(serde::de::Error::duplicate_field("seq"));
                            }
                            seq__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::Conflict => {
                            if conflict__.is_some() {
                                return Err(serde::de::Error::duplicate_field("conflict"));
                            }
                            conflict__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(SaveCheckpointResponse {
                    seq: seq__.unwrap_or_default(),
                    conflict: conflict__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("flow.durable.v1.SaveCheckpointResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for Signal {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.seq != 0 {
            len += 1;
        }
        if !self.name.is_empty() {
            len += 1;
        }
        if self.payload.is_some() {
            len += 1;
        }
        if self.send_time.is_some() {
            len += 1;
        }
        if !self.sender.is_empty() {
            len += 1;
        }
        if self.trace.is_some() {
            len += 1;
        }
        if !self.idempotency_key.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("flow.durable.v1.Signal", len)?;
        if self.seq != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("seq", ToString::to_string(&self.seq).as_str())?;
        }
        if !self.name.is_empty() {
            struct_ser.serialize_field("name", &self.name)?;
        }
        if let Some(v) = self.payload.as_ref() {
            struct_ser.serialize_field("payload", v)?;
        }
        if let Some(v) = self.send_time.as_ref() {
            struct_ser.serialize_field("sendTime", v)?;
        }
        if !self.sender.is_empty() {
            struct_ser.serialize_field("sender", &self.sender)?;
        }
        if let Some(v) = self.trace.as_ref() {
            struct_ser.serialize_field("trace", v)?;
        }
        if !self.idempotency_key.is_empty() {
            struct_ser.serialize_field("idempotencyKey", &self.idempotency_key)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for Signal {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "seq",
            "name",
            "payload",
            "send_time",
            "sendTime",
            "sender",
            "trace",
            "idempotency_key",
            "idempotencyKey",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Seq,
            Name,
            Payload,
            SendTime,
            Sender,
            Trace,
            IdempotencyKey,
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
                            "seq" => Ok(GeneratedField::Seq),
                            "name" => Ok(GeneratedField::Name),
                            "payload" => Ok(GeneratedField::Payload),
                            "sendTime" | "send_time" => Ok(GeneratedField::SendTime),
                            "sender" => Ok(GeneratedField::Sender),
                            "trace" => Ok(GeneratedField::Trace),
                            "idempotencyKey" | "idempotency_key" => Ok(GeneratedField::IdempotencyKey),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = Signal;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.durable.v1.Signal")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<Signal, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut seq__ = None;
                let mut name__ = None;
                let mut payload__ = None;
                let mut send_time__ = None;
                let mut sender__ = None;
                let mut trace__ = None;
                let mut idempotency_key__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Seq => {
                            if seq__.is_some() {
                                return Err(serde::de::Error::duplicate_field("seq"));
                            }
                            seq__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::Name => {
                            if name__.is_some() {
                                return Err(serde::de::Error::duplicate_field("name"));
                            }
                            name__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Payload => {
                            if payload__.is_some() {
                                return Err(serde::de::Error::duplicate_field("payload"));
                            }
                            payload__ = map_.next_value()?;
                        }
                        GeneratedField::SendTime => {
                            if send_time__.is_some() {
                                return Err(serde::de::Error::duplicate_field("sendTime"));
                            }
                            send_time__ = map_.next_value()?;
                        }
                        GeneratedField::Sender => {
                            if sender__.is_some() {
                                return Err(serde::de::Error::duplicate_field("sender"));
                            }
                            sender__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Trace => {
                            if trace__.is_some() {
                                return Err(serde::de::Error::duplicate_field("trace"));
                            }
                            trace__ = map_.next_value()?;
                        }
                        GeneratedField::IdempotencyKey => {
                            if idempotency_key__.is_some() {
                                return Err(serde::de::Error::duplicate_field("idempotencyKey"));
                            }
                            idempotency_key__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(Signal {
                    seq: seq__.unwrap_or_default(),
                    name: name__.unwrap_or_default(),
                    payload: payload__,
                    send_time: send_time__,
                    sender: sender__.unwrap_or_default(),
                    trace: trace__,
                    idempotency_key: idempotency_key__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("flow.durable.v1.Signal", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for SignalInstanceRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.instance_id.is_empty() {
            len += 1;
        }
        if !self.name.is_empty() {
            len += 1;
        }
        if self.payload.is_some() {
            len += 1;
        }
        if !self.idempotency_key.is_empty() {
            len += 1;
        }
        if !self.sender.is_empty() {
            len += 1;
        }
        if self.trace.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("flow.durable.v1.SignalInstanceRequest", len)?;
        if !self.instance_id.is_empty() {
            struct_ser.serialize_field("instanceId", &self.instance_id)?;
        }
        if !self.name.is_empty() {
            struct_ser.serialize_field("name", &self.name)?;
        }
        if let Some(v) = self.payload.as_ref() {
            struct_ser.serialize_field("payload", v)?;
        }
        if !self.idempotency_key.is_empty() {
            struct_ser.serialize_field("idempotencyKey", &self.idempotency_key)?;
        }
        if !self.sender.is_empty() {
            struct_ser.serialize_field("sender", &self.sender)?;
        }
        if let Some(v) = self.trace.as_ref() {
            struct_ser.serialize_field("trace", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for SignalInstanceRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "instance_id",
            "instanceId",
            "name",
            "payload",
            "idempotency_key",
            "idempotencyKey",
            "sender",
            "trace",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            InstanceId,
            Name,
            Payload,
            IdempotencyKey,
            Sender,
            Trace,
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
                            "instanceId" | "instance_id" => Ok(GeneratedField::InstanceId),
                            "name" => Ok(GeneratedField::Name),
                            "payload" => Ok(GeneratedField::Payload),
                            "idempotencyKey" | "idempotency_key" => Ok(GeneratedField::IdempotencyKey),
                            "sender" => Ok(GeneratedField::Sender),
                            "trace" => Ok(GeneratedField::Trace),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = SignalInstanceRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.durable.v1.SignalInstanceRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<SignalInstanceRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut instance_id__ = None;
                let mut name__ = None;
                let mut payload__ = None;
                let mut idempotency_key__ = None;
                let mut sender__ = None;
                let mut trace__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::InstanceId => {
                            if instance_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("instanceId"));
                            }
                            instance_id__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Name => {
                            if name__.is_some() {
                                return Err(serde::de::Error::duplicate_field("name"));
                            }
                            name__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Payload => {
                            if payload__.is_some() {
                                return Err(serde::de::Error::duplicate_field("payload"));
                            }
                            payload__ = map_.next_value()?;
                        }
                        GeneratedField::IdempotencyKey => {
                            if idempotency_key__.is_some() {
                                return Err(serde::de::Error::duplicate_field("idempotencyKey"));
                            }
                            idempotency_key__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Sender => {
                            if sender__.is_some() {
                                return Err(serde::de::Error::duplicate_field("sender"));
                            }
                            sender__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Trace => {
                            if trace__.is_some() {
                                return Err(serde::de::Error::duplicate_field("trace"));
                            }
                            trace__ = map_.next_value()?;
                        }
                    }
                }
                Ok(SignalInstanceRequest {
                    instance_id: instance_id__.unwrap_or_default(),
                    name: name__.unwrap_or_default(),
                    payload: payload__,
                    idempotency_key: idempotency_key__.unwrap_or_default(),
                    sender: sender__.unwrap_or_default(),
                    trace: trace__,
                })
            }
        }
        deserializer.deserialize_struct("flow.durable.v1.SignalInstanceRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for SignalInstanceResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.seq != 0 {
            len += 1;
        }
        if self.duplicate {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("flow.durable.v1.SignalInstanceResponse", len)?;
        if self.seq != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("seq", ToString::to_string(&self.seq).as_str())?;
        }
        if self.duplicate {
            struct_ser.serialize_field("duplicate", &self.duplicate)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for SignalInstanceResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "seq",
            "duplicate",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Seq,
            Duplicate,
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
                            "seq" => Ok(GeneratedField::Seq),
                            "duplicate" => Ok(GeneratedField::Duplicate),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = SignalInstanceResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.durable.v1.SignalInstanceResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<SignalInstanceResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut seq__ = None;
                let mut duplicate__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Seq => {
                            if seq__.is_some() {
                                return Err(serde::de::Error::duplicate_field("seq"));
                            }
                            seq__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::Duplicate => {
                            if duplicate__.is_some() {
                                return Err(serde::de::Error::duplicate_field("duplicate"));
                            }
                            duplicate__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(SignalInstanceResponse {
                    seq: seq__.unwrap_or_default(),
                    duplicate: duplicate__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("flow.durable.v1.SignalInstanceResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for StartInstanceRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.image_name.is_empty() {
            len += 1;
        }
        if !self.image_digest.is_empty() {
            len += 1;
        }
        if !self.instance_id.is_empty() {
            len += 1;
        }
        if !self.args.is_empty() {
            len += 1;
        }
        if !self.env.is_empty() {
            len += 1;
        }
        if self.resources.is_some() {
            len += 1;
        }
        if !self.labels.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("flow.durable.v1.StartInstanceRequest", len)?;
        if !self.image_name.is_empty() {
            struct_ser.serialize_field("imageName", &self.image_name)?;
        }
        if !self.image_digest.is_empty() {
            struct_ser.serialize_field("imageDigest", &self.image_digest)?;
        }
        if !self.instance_id.is_empty() {
            struct_ser.serialize_field("instanceId", &self.instance_id)?;
        }
        if !self.args.is_empty() {
            struct_ser.serialize_field("args", &self.args)?;
        }
        if !self.env.is_empty() {
            struct_ser.serialize_field("env", &self.env)?;
        }
        if let Some(v) = self.resources.as_ref() {
            struct_ser.serialize_field("resources", v)?;
        }
        if !self.labels.is_empty() {
            struct_ser.serialize_field("labels", &self.labels)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for StartInstanceRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "image_name",
            "imageName",
            "image_digest",
            "imageDigest",
            "instance_id",
            "instanceId",
            "args",
            "env",
            "resources",
            "labels",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            ImageName,
            ImageDigest,
            InstanceId,
            Args,
            Env,
            Resources,
            Labels,
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
                            "imageName" | "image_name" => Ok(GeneratedField::ImageName),
                            "imageDigest" | "image_digest" => Ok(GeneratedField::ImageDigest),
                            "instanceId" | "instance_id" => Ok(GeneratedField::InstanceId),
                            "args" => Ok(GeneratedField::Args),
                            "env" => Ok(GeneratedField::Env),
                            "resources" => Ok(GeneratedField::Resources),
                            "labels" => Ok(GeneratedField::Labels),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = StartInstanceRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.durable.v1.StartInstanceRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<StartInstanceRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut image_name__ = None;
                let mut image_digest__ = None;
                let mut instance_id__ = None;
                let mut args__ = None;
                let mut env__ = None;
                let mut resources__ = None;
                let mut labels__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::ImageName => {
                            if image_name__.is_some() {
                                return Err(serde::de::Error::duplicate_field("imageName"));
                            }
                            image_name__ = Some(map_.next_value()?);
                        }
                        GeneratedField::ImageDigest => {
                            if image_digest__.is_some() {
                                return Err(serde::de::Error::duplicate_field("imageDigest"));
                            }
                            image_digest__ = Some(map_.next_value()?);
                        }
                        GeneratedField::InstanceId => {
                            if instance_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("instanceId"));
                            }
                            instance_id__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Args => {
                            if args__.is_some() {
                                return Err(serde::de::Error::duplicate_field("args"));
                            }
                            args__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Env => {
                            if env__.is_some() {
                                return Err(serde::de::Error::duplicate_field("env"));
                            }
                            env__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Resources => {
                            if resources__.is_some() {
                                return Err(serde::de::Error::duplicate_field("resources"));
                            }
                            resources__ = map_.next_value()?;
                        }
                        GeneratedField::Labels => {
                            if labels__.is_some() {
                                return Err(serde::de::Error::duplicate_field("labels"));
                            }
                            labels__ = Some(
                                map_.next_value::<std::collections::BTreeMap<_, _>>()?
                            );
                        }
                    }
                }
                Ok(StartInstanceRequest {
                    image_name: image_name__.unwrap_or_default(),
                    image_digest: image_digest__.unwrap_or_default(),
                    instance_id: instance_id__.unwrap_or_default(),
                    args: args__.unwrap_or_default(),
                    env: env__.unwrap_or_default(),
                    resources: resources__,
                    labels: labels__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("flow.durable.v1.StartInstanceRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for StartInstanceResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.diagnostics.is_empty() {
            len += 1;
        }
        if self.instance.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("flow.durable.v1.StartInstanceResponse", len)?;
        if !self.diagnostics.is_empty() {
            struct_ser.serialize_field("diagnostics", &self.diagnostics)?;
        }
        if let Some(v) = self.instance.as_ref() {
            struct_ser.serialize_field("instance", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for StartInstanceResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "diagnostics",
            "instance",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Diagnostics,
            Instance,
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
                            "diagnostics" => Ok(GeneratedField::Diagnostics),
                            "instance" => Ok(GeneratedField::Instance),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = StartInstanceResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.durable.v1.StartInstanceResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<StartInstanceResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut diagnostics__ = None;
                let mut instance__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Diagnostics => {
                            if diagnostics__.is_some() {
                                return Err(serde::de::Error::duplicate_field("diagnostics"));
                            }
                            diagnostics__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Instance => {
                            if instance__.is_some() {
                                return Err(serde::de::Error::duplicate_field("instance"));
                            }
                            instance__ = map_.next_value()?;
                        }
                    }
                }
                Ok(StartInstanceResponse {
                    diagnostics: diagnostics__.unwrap_or_default(),
                    instance: instance__,
                })
            }
        }
        deserializer.deserialize_struct("flow.durable.v1.StartInstanceResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for StopInstanceRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.instance_id.is_empty() {
            len += 1;
        }
        if self.grace_period.is_some() {
            len += 1;
        }
        if !self.reason.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("flow.durable.v1.StopInstanceRequest", len)?;
        if !self.instance_id.is_empty() {
            struct_ser.serialize_field("instanceId", &self.instance_id)?;
        }
        if let Some(v) = self.grace_period.as_ref() {
            struct_ser.serialize_field("gracePeriod", v)?;
        }
        if !self.reason.is_empty() {
            struct_ser.serialize_field("reason", &self.reason)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for StopInstanceRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "instance_id",
            "instanceId",
            "grace_period",
            "gracePeriod",
            "reason",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            InstanceId,
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
                            "instanceId" | "instance_id" => Ok(GeneratedField::InstanceId),
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
            type Value = StopInstanceRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.durable.v1.StopInstanceRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<StopInstanceRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut instance_id__ = None;
                let mut grace_period__ = None;
                let mut reason__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::InstanceId => {
                            if instance_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("instanceId"));
                            }
                            instance_id__ = Some(map_.next_value()?);
                        }
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
                Ok(StopInstanceRequest {
                    instance_id: instance_id__.unwrap_or_default(),
                    grace_period: grace_period__,
                    reason: reason__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("flow.durable.v1.StopInstanceRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for StopInstanceResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.instance.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("flow.durable.v1.StopInstanceResponse", len)?;
        if let Some(v) = self.instance.as_ref() {
            struct_ser.serialize_field("instance", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for StopInstanceResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "instance",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Instance,
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
                            "instance" => Ok(GeneratedField::Instance),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = StopInstanceResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.durable.v1.StopInstanceResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<StopInstanceResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut instance__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Instance => {
                            if instance__.is_some() {
                                return Err(serde::de::Error::duplicate_field("instance"));
                            }
                            instance__ = map_.next_value()?;
                        }
                    }
                }
                Ok(StopInstanceResponse {
                    instance: instance__,
                })
            }
        }
        deserializer.deserialize_struct("flow.durable.v1.StopInstanceResponse", FIELDS, GeneratedVisitor)
    }
}
