impl serde::Serialize for CancelExecutionRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.execution_id.is_empty() {
            len += 1;
        }
        if self.mode != 0 {
            len += 1;
        }
        if self.grace_period.is_some() {
            len += 1;
        }
        if !self.reason.is_empty() {
            len += 1;
        }
        if !self.requested_by.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("flow.execution.v1.CancelExecutionRequest", len)?;
        if !self.execution_id.is_empty() {
            struct_ser.serialize_field("executionId", &self.execution_id)?;
        }
        if self.mode != 0 {
            let v = super::super::common::v1::CancellationMode::try_from(self.mode)
                .map_err(|_| serde::ser::Error::custom(format!("Invalid variant {}", self.mode)))?;
            struct_ser.serialize_field("mode", &v)?;
        }
        if let Some(v) = self.grace_period.as_ref() {
            struct_ser.serialize_field("gracePeriod", v)?;
        }
        if !self.reason.is_empty() {
            struct_ser.serialize_field("reason", &self.reason)?;
        }
        if !self.requested_by.is_empty() {
            struct_ser.serialize_field("requestedBy", &self.requested_by)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for CancelExecutionRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "execution_id",
            "executionId",
            "mode",
            "grace_period",
            "gracePeriod",
            "reason",
            "requested_by",
            "requestedBy",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            ExecutionId,
            Mode,
            GracePeriod,
            Reason,
            RequestedBy,
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
                            "executionId" | "execution_id" => Ok(GeneratedField::ExecutionId),
                            "mode" => Ok(GeneratedField::Mode),
                            "gracePeriod" | "grace_period" => Ok(GeneratedField::GracePeriod),
                            "reason" => Ok(GeneratedField::Reason),
                            "requestedBy" | "requested_by" => Ok(GeneratedField::RequestedBy),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = CancelExecutionRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.execution.v1.CancelExecutionRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<CancelExecutionRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut execution_id__ = None;
                let mut mode__ = None;
                let mut grace_period__ = None;
                let mut reason__ = None;
                let mut requested_by__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::ExecutionId => {
                            if execution_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("executionId"));
                            }
                            execution_id__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Mode => {
                            if mode__.is_some() {
                                return Err(serde::de::Error::duplicate_field("mode"));
                            }
                            mode__ = Some(map_.next_value::<super::super::common::v1::CancellationMode>()? as i32);
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
                        GeneratedField::RequestedBy => {
                            if requested_by__.is_some() {
                                return Err(serde::de::Error::duplicate_field("requestedBy"));
                            }
                            requested_by__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(CancelExecutionRequest {
                    execution_id: execution_id__.unwrap_or_default(),
                    mode: mode__.unwrap_or_default(),
                    grace_period: grace_period__,
                    reason: reason__.unwrap_or_default(),
                    requested_by: requested_by__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("flow.execution.v1.CancelExecutionRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for CancelExecutionResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.already_terminal {
            len += 1;
        }
        if self.force_deadline.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("flow.execution.v1.CancelExecutionResponse", len)?;
        if self.already_terminal {
            struct_ser.serialize_field("alreadyTerminal", &self.already_terminal)?;
        }
        if let Some(v) = self.force_deadline.as_ref() {
            struct_ser.serialize_field("forceDeadline", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for CancelExecutionResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "already_terminal",
            "alreadyTerminal",
            "force_deadline",
            "forceDeadline",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            AlreadyTerminal,
            ForceDeadline,
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
                            "alreadyTerminal" | "already_terminal" => Ok(GeneratedField::AlreadyTerminal),
                            "forceDeadline" | "force_deadline" => Ok(GeneratedField::ForceDeadline),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = CancelExecutionResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.execution.v1.CancelExecutionResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<CancelExecutionResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut already_terminal__ = None;
                let mut force_deadline__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::AlreadyTerminal => {
                            if already_terminal__.is_some() {
                                return Err(serde::de::Error::duplicate_field("alreadyTerminal"));
                            }
                            already_terminal__ = Some(map_.next_value()?);
                        }
                        GeneratedField::ForceDeadline => {
                            if force_deadline__.is_some() {
                                return Err(serde::de::Error::duplicate_field("forceDeadline"));
                            }
                            force_deadline__ = map_.next_value()?;
                        }
                    }
                }
                Ok(CancelExecutionResponse {
                    already_terminal: already_terminal__.unwrap_or_default(),
                    force_deadline: force_deadline__,
                })
            }
        }
        deserializer.deserialize_struct("flow.execution.v1.CancelExecutionResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for CompleteTaskRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.task_token.is_empty() {
            len += 1;
        }
        if self.outcome.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("flow.execution.v1.CompleteTaskRequest", len)?;
        if !self.task_token.is_empty() {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("taskToken", pbjson::private::base64::encode(&self.task_token).as_str())?;
        }
        if let Some(v) = self.outcome.as_ref() {
            struct_ser.serialize_field("outcome", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for CompleteTaskRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "task_token",
            "taskToken",
            "outcome",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            TaskToken,
            Outcome,
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
                            "taskToken" | "task_token" => Ok(GeneratedField::TaskToken),
                            "outcome" => Ok(GeneratedField::Outcome),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = CompleteTaskRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.execution.v1.CompleteTaskRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<CompleteTaskRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut task_token__ = None;
                let mut outcome__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::TaskToken => {
                            if task_token__.is_some() {
                                return Err(serde::de::Error::duplicate_field("taskToken"));
                            }
                            task_token__ = 
                                Some(map_.next_value::<::pbjson::private::BytesDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::Outcome => {
                            if outcome__.is_some() {
                                return Err(serde::de::Error::duplicate_field("outcome"));
                            }
                            outcome__ = map_.next_value()?;
                        }
                    }
                }
                Ok(CompleteTaskRequest {
                    task_token: task_token__.unwrap_or_default(),
                    outcome: outcome__,
                })
            }
        }
        deserializer.deserialize_struct("flow.execution.v1.CompleteTaskRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for CompleteTaskResponse {
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
        let mut struct_ser = serializer.serialize_struct("flow.execution.v1.CompleteTaskResponse", len)?;
        if self.accepted {
            struct_ser.serialize_field("accepted", &self.accepted)?;
        }
        if !self.reason.is_empty() {
            struct_ser.serialize_field("reason", &self.reason)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for CompleteTaskResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "accepted",
            "reason",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Accepted,
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
                            "accepted" => Ok(GeneratedField::Accepted),
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
            type Value = CompleteTaskResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.execution.v1.CompleteTaskResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<CompleteTaskResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut accepted__ = None;
                let mut reason__ = None;
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
                    }
                }
                Ok(CompleteTaskResponse {
                    accepted: accepted__.unwrap_or_default(),
                    reason: reason__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("flow.execution.v1.CompleteTaskResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for RecordHeartbeatRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.task_token.is_empty() {
            len += 1;
        }
        if self.progress.is_some() {
            len += 1;
        }
        if self.counters.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("flow.execution.v1.RecordHeartbeatRequest", len)?;
        if !self.task_token.is_empty() {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("taskToken", pbjson::private::base64::encode(&self.task_token).as_str())?;
        }
        if let Some(v) = self.progress.as_ref() {
            struct_ser.serialize_field("progress", v)?;
        }
        if let Some(v) = self.counters.as_ref() {
            struct_ser.serialize_field("counters", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for RecordHeartbeatRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "task_token",
            "taskToken",
            "progress",
            "counters",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            TaskToken,
            Progress,
            Counters,
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
                            "taskToken" | "task_token" => Ok(GeneratedField::TaskToken),
                            "progress" => Ok(GeneratedField::Progress),
                            "counters" => Ok(GeneratedField::Counters),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = RecordHeartbeatRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.execution.v1.RecordHeartbeatRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<RecordHeartbeatRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut task_token__ = None;
                let mut progress__ = None;
                let mut counters__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::TaskToken => {
                            if task_token__.is_some() {
                                return Err(serde::de::Error::duplicate_field("taskToken"));
                            }
                            task_token__ = 
                                Some(map_.next_value::<::pbjson::private::BytesDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::Progress => {
                            if progress__.is_some() {
                                return Err(serde::de::Error::duplicate_field("progress"));
                            }
                            progress__ = map_.next_value()?;
                        }
                        GeneratedField::Counters => {
                            if counters__.is_some() {
                                return Err(serde::de::Error::duplicate_field("counters"));
                            }
                            counters__ = map_.next_value()?;
                        }
                    }
                }
                Ok(RecordHeartbeatRequest {
                    task_token: task_token__.unwrap_or_default(),
                    progress: progress__,
                    counters: counters__,
                })
            }
        }
        deserializer.deserialize_struct("flow.execution.v1.RecordHeartbeatRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for RecordHeartbeatResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.cancel_requested {
            len += 1;
        }
        if self.cancel_mode != 0 {
            len += 1;
        }
        if !self.cancel_reason.is_empty() {
            len += 1;
        }
        if self.force_deadline.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("flow.execution.v1.RecordHeartbeatResponse", len)?;
        if self.cancel_requested {
            struct_ser.serialize_field("cancelRequested", &self.cancel_requested)?;
        }
        if self.cancel_mode != 0 {
            let v = super::super::common::v1::CancellationMode::try_from(self.cancel_mode)
                .map_err(|_| serde::ser::Error::custom(format!("Invalid variant {}", self.cancel_mode)))?;
            struct_ser.serialize_field("cancelMode", &v)?;
        }
        if !self.cancel_reason.is_empty() {
            struct_ser.serialize_field("cancelReason", &self.cancel_reason)?;
        }
        if let Some(v) = self.force_deadline.as_ref() {
            struct_ser.serialize_field("forceDeadline", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for RecordHeartbeatResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "cancel_requested",
            "cancelRequested",
            "cancel_mode",
            "cancelMode",
            "cancel_reason",
            "cancelReason",
            "force_deadline",
            "forceDeadline",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            CancelRequested,
            CancelMode,
            CancelReason,
            ForceDeadline,
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
                            "cancelRequested" | "cancel_requested" => Ok(GeneratedField::CancelRequested),
                            "cancelMode" | "cancel_mode" => Ok(GeneratedField::CancelMode),
                            "cancelReason" | "cancel_reason" => Ok(GeneratedField::CancelReason),
                            "forceDeadline" | "force_deadline" => Ok(GeneratedField::ForceDeadline),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = RecordHeartbeatResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.execution.v1.RecordHeartbeatResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<RecordHeartbeatResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut cancel_requested__ = None;
                let mut cancel_mode__ = None;
                let mut cancel_reason__ = None;
                let mut force_deadline__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::CancelRequested => {
                            if cancel_requested__.is_some() {
                                return Err(serde::de::Error::duplicate_field("cancelRequested"));
                            }
                            cancel_requested__ = Some(map_.next_value()?);
                        }
                        GeneratedField::CancelMode => {
                            if cancel_mode__.is_some() {
                                return Err(serde::de::Error::duplicate_field("cancelMode"));
                            }
                            cancel_mode__ = Some(map_.next_value::<super::super::common::v1::CancellationMode>()? as i32);
                        }
                        GeneratedField::CancelReason => {
                            if cancel_reason__.is_some() {
                                return Err(serde::de::Error::duplicate_field("cancelReason"));
                            }
                            cancel_reason__ = Some(map_.next_value()?);
                        }
                        GeneratedField::ForceDeadline => {
                            if force_deadline__.is_some() {
                                return Err(serde::de::Error::duplicate_field("forceDeadline"));
                            }
                            force_deadline__ = map_.next_value()?;
                        }
                    }
                }
                Ok(RecordHeartbeatResponse {
                    cancel_requested: cancel_requested__.unwrap_or_default(),
                    cancel_mode: cancel_mode__.unwrap_or_default(),
                    cancel_reason: cancel_reason__.unwrap_or_default(),
                    force_deadline: force_deadline__,
                })
            }
        }
        deserializer.deserialize_struct("flow.execution.v1.RecordHeartbeatResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for StreamTasksRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.worker_id.is_empty() {
            len += 1;
        }
        if !self.handlers.is_empty() {
            len += 1;
        }
        if self.max_concurrent != 0 {
            len += 1;
        }
        if !self.capabilities.is_empty() {
            len += 1;
        }
        if !self.queues.is_empty() {
            len += 1;
        }
        if !self.labels.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("flow.execution.v1.StreamTasksRequest", len)?;
        if !self.worker_id.is_empty() {
            struct_ser.serialize_field("workerId", &self.worker_id)?;
        }
        if !self.handlers.is_empty() {
            struct_ser.serialize_field("handlers", &self.handlers)?;
        }
        if self.max_concurrent != 0 {
            struct_ser.serialize_field("maxConcurrent", &self.max_concurrent)?;
        }
        if !self.capabilities.is_empty() {
            struct_ser.serialize_field("capabilities", &self.capabilities)?;
        }
        if !self.queues.is_empty() {
            struct_ser.serialize_field("queues", &self.queues)?;
        }
        if !self.labels.is_empty() {
            struct_ser.serialize_field("labels", &self.labels)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for StreamTasksRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "worker_id",
            "workerId",
            "handlers",
            "max_concurrent",
            "maxConcurrent",
            "capabilities",
            "queues",
            "labels",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            WorkerId,
            Handlers,
            MaxConcurrent,
            Capabilities,
            Queues,
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
                            "workerId" | "worker_id" => Ok(GeneratedField::WorkerId),
                            "handlers" => Ok(GeneratedField::Handlers),
                            "maxConcurrent" | "max_concurrent" => Ok(GeneratedField::MaxConcurrent),
                            "capabilities" => Ok(GeneratedField::Capabilities),
                            "queues" => Ok(GeneratedField::Queues),
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
            type Value = StreamTasksRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.execution.v1.StreamTasksRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<StreamTasksRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut worker_id__ = None;
                let mut handlers__ = None;
                let mut max_concurrent__ = None;
                let mut capabilities__ = None;
                let mut queues__ = None;
                let mut labels__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::WorkerId => {
                            if worker_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("workerId"));
                            }
                            worker_id__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Handlers => {
                            if handlers__.is_some() {
                                return Err(serde::de::Error::duplicate_field("handlers"));
                            }
                            handlers__ = Some(map_.next_value()?);
                        }
                        GeneratedField::MaxConcurrent => {
                            if max_concurrent__.is_some() {
                                return Err(serde::de::Error::duplicate_field("maxConcurrent"));
                            }
                            max_concurrent__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::Capabilities => {
                            if capabilities__.is_some() {
                                return Err(serde::de::Error::duplicate_field("capabilities"));
                            }
                            capabilities__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Queues => {
                            if queues__.is_some() {
                                return Err(serde::de::Error::duplicate_field("queues"));
                            }
                            queues__ = Some(map_.next_value()?);
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
                Ok(StreamTasksRequest {
                    worker_id: worker_id__.unwrap_or_default(),
                    handlers: handlers__.unwrap_or_default(),
                    max_concurrent: max_concurrent__.unwrap_or_default(),
                    capabilities: capabilities__.unwrap_or_default(),
                    queues: queues__.unwrap_or_default(),
                    labels: labels__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("flow.execution.v1.StreamTasksRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for StreamTasksResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.event.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("flow.execution.v1.StreamTasksResponse", len)?;
        if let Some(v) = self.event.as_ref() {
            match v {
                stream_tasks_response::Event::Task(v) => {
                    struct_ser.serialize_field("task", v)?;
                }
                stream_tasks_response::Event::CancelTask(v) => {
                    struct_ser.serialize_field("cancelTask", v)?;
                }
                stream_tasks_response::Event::Ping(v) => {
                    struct_ser.serialize_field("ping", v)?;
                }
            }
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for StreamTasksResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "task",
            "cancel_task",
            "cancelTask",
            "ping",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Task,
            CancelTask,
            Ping,
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
                            "task" => Ok(GeneratedField::Task),
                            "cancelTask" | "cancel_task" => Ok(GeneratedField::CancelTask),
                            "ping" => Ok(GeneratedField::Ping),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = StreamTasksResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.execution.v1.StreamTasksResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<StreamTasksResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut event__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Task => {
                            if event__.is_some() {
                                return Err(serde::de::Error::duplicate_field("task"));
                            }
                            event__ = map_.next_value::<::std::option::Option<_>>()?.map(stream_tasks_response::Event::Task)
;
                        }
                        GeneratedField::CancelTask => {
                            if event__.is_some() {
                                return Err(serde::de::Error::duplicate_field("cancelTask"));
                            }
                            event__ = map_.next_value::<::std::option::Option<_>>()?.map(stream_tasks_response::Event::CancelTask)
;
                        }
                        GeneratedField::Ping => {
                            if event__.is_some() {
                                return Err(serde::de::Error::duplicate_field("ping"));
                            }
                            event__ = map_.next_value::<::std::option::Option<_>>()?.map(stream_tasks_response::Event::Ping)
;
                        }
                    }
                }
                Ok(StreamTasksResponse {
                    event: event__,
                })
            }
        }
        deserializer.deserialize_struct("flow.execution.v1.StreamTasksResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for stream_tasks_response::CancelTask {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.task_id.is_empty() {
            len += 1;
        }
        if !self.execution_id.is_empty() {
            len += 1;
        }
        if self.mode != 0 {
            len += 1;
        }
        if !self.reason.is_empty() {
            len += 1;
        }
        if self.force_deadline.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("flow.execution.v1.StreamTasksResponse.CancelTask", len)?;
        if !self.task_id.is_empty() {
            struct_ser.serialize_field("taskId", &self.task_id)?;
        }
        if !self.execution_id.is_empty() {
            struct_ser.serialize_field("executionId", &self.execution_id)?;
        }
        if self.mode != 0 {
            let v = super::super::common::v1::CancellationMode::try_from(self.mode)
                .map_err(|_| serde::ser::Error::custom(format!("Invalid variant {}", self.mode)))?;
            struct_ser.serialize_field("mode", &v)?;
        }
        if !self.reason.is_empty() {
            struct_ser.serialize_field("reason", &self.reason)?;
        }
        if let Some(v) = self.force_deadline.as_ref() {
            struct_ser.serialize_field("forceDeadline", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for stream_tasks_response::CancelTask {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "task_id",
            "taskId",
            "execution_id",
            "executionId",
            "mode",
            "reason",
            "force_deadline",
            "forceDeadline",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            TaskId,
            ExecutionId,
            Mode,
            Reason,
            ForceDeadline,
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
                            "taskId" | "task_id" => Ok(GeneratedField::TaskId),
                            "executionId" | "execution_id" => Ok(GeneratedField::ExecutionId),
                            "mode" => Ok(GeneratedField::Mode),
                            "reason" => Ok(GeneratedField::Reason),
                            "forceDeadline" | "force_deadline" => Ok(GeneratedField::ForceDeadline),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = stream_tasks_response::CancelTask;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.execution.v1.StreamTasksResponse.CancelTask")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<stream_tasks_response::CancelTask, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut task_id__ = None;
                let mut execution_id__ = None;
                let mut mode__ = None;
                let mut reason__ = None;
                let mut force_deadline__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::TaskId => {
                            if task_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("taskId"));
                            }
                            task_id__ = Some(map_.next_value()?);
                        }
                        GeneratedField::ExecutionId => {
                            if execution_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("executionId"));
                            }
                            execution_id__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Mode => {
                            if mode__.is_some() {
                                return Err(serde::de::Error::duplicate_field("mode"));
                            }
                            mode__ = Some(map_.next_value::<super::super::common::v1::CancellationMode>()? as i32);
                        }
                        GeneratedField::Reason => {
                            if reason__.is_some() {
                                return Err(serde::de::Error::duplicate_field("reason"));
                            }
                            reason__ = Some(map_.next_value()?);
                        }
                        GeneratedField::ForceDeadline => {
                            if force_deadline__.is_some() {
                                return Err(serde::de::Error::duplicate_field("forceDeadline"));
                            }
                            force_deadline__ = map_.next_value()?;
                        }
                    }
                }
                Ok(stream_tasks_response::CancelTask {
                    task_id: task_id__.unwrap_or_default(),
                    execution_id: execution_id__.unwrap_or_default(),
                    mode: mode__.unwrap_or_default(),
                    reason: reason__.unwrap_or_default(),
                    force_deadline: force_deadline__,
                })
            }
        }
        deserializer.deserialize_struct("flow.execution.v1.StreamTasksResponse.CancelTask", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for stream_tasks_response::Ping {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.sent_time.is_some() {
            len += 1;
        }
        if self.interval.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("flow.execution.v1.StreamTasksResponse.Ping", len)?;
        if let Some(v) = self.sent_time.as_ref() {
            struct_ser.serialize_field("sentTime", v)?;
        }
        if let Some(v) = self.interval.as_ref() {
            struct_ser.serialize_field("interval", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for stream_tasks_response::Ping {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "sent_time",
            "sentTime",
            "interval",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            SentTime,
            Interval,
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
                            "sentTime" | "sent_time" => Ok(GeneratedField::SentTime),
                            "interval" => Ok(GeneratedField::Interval),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = stream_tasks_response::Ping;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.execution.v1.StreamTasksResponse.Ping")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<stream_tasks_response::Ping, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut sent_time__ = None;
                let mut interval__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::SentTime => {
                            if sent_time__.is_some() {
                                return Err(serde::de::Error::duplicate_field("sentTime"));
                            }
                            sent_time__ = map_.next_value()?;
                        }
                        GeneratedField::Interval => {
                            if interval__.is_some() {
                                return Err(serde::de::Error::duplicate_field("interval"));
                            }
                            interval__ = map_.next_value()?;
                        }
                    }
                }
                Ok(stream_tasks_response::Ping {
                    sent_time: sent_time__,
                    interval: interval__,
                })
            }
        }
        deserializer.deserialize_struct("flow.execution.v1.StreamTasksResponse.Ping", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for Task {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.task_id.is_empty() {
            len += 1;
        }
        if !self.execution_id.is_empty() {
            len += 1;
        }
        if !self.job_id.is_empty() {
            len += 1;
        }
        if !self.handler.is_empty() {
            len += 1;
        }
        if self.attempt != 0 {
            len += 1;
        }
        if self.deadline.is_some() {
            len += 1;
        }
        if self.heartbeat_timeout.is_some() {
            len += 1;
        }
        if self.input.is_some() {
            len += 1;
        }
        if self.trace.is_some() {
            len += 1;
        }
        if !self.headers.is_empty() {
            len += 1;
        }
        if self.last_heartbeat.is_some() {
            len += 1;
        }
        if self.retry_policy.is_some() {
            len += 1;
        }
        if !self.task_token.is_empty() {
            len += 1;
        }
        if self.enqueue_time.is_some() {
            len += 1;
        }
        if !self.queue.is_empty() {
            len += 1;
        }
        if !self.step_id.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("flow.execution.v1.Task", len)?;
        if !self.task_id.is_empty() {
            struct_ser.serialize_field("taskId", &self.task_id)?;
        }
        if !self.execution_id.is_empty() {
            struct_ser.serialize_field("executionId", &self.execution_id)?;
        }
        if !self.job_id.is_empty() {
            struct_ser.serialize_field("jobId", &self.job_id)?;
        }
        if !self.handler.is_empty() {
            struct_ser.serialize_field("handler", &self.handler)?;
        }
        if self.attempt != 0 {
            struct_ser.serialize_field("attempt", &self.attempt)?;
        }
        if let Some(v) = self.deadline.as_ref() {
            struct_ser.serialize_field("deadline", v)?;
        }
        if let Some(v) = self.heartbeat_timeout.as_ref() {
            struct_ser.serialize_field("heartbeatTimeout", v)?;
        }
        if let Some(v) = self.input.as_ref() {
            struct_ser.serialize_field("input", v)?;
        }
        if let Some(v) = self.trace.as_ref() {
            struct_ser.serialize_field("trace", v)?;
        }
        if !self.headers.is_empty() {
            struct_ser.serialize_field("headers", &self.headers)?;
        }
        if let Some(v) = self.last_heartbeat.as_ref() {
            struct_ser.serialize_field("lastHeartbeat", v)?;
        }
        if let Some(v) = self.retry_policy.as_ref() {
            struct_ser.serialize_field("retryPolicy", v)?;
        }
        if !self.task_token.is_empty() {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("taskToken", pbjson::private::base64::encode(&self.task_token).as_str())?;
        }
        if let Some(v) = self.enqueue_time.as_ref() {
            struct_ser.serialize_field("enqueueTime", v)?;
        }
        if !self.queue.is_empty() {
            struct_ser.serialize_field("queue", &self.queue)?;
        }
        if !self.step_id.is_empty() {
            struct_ser.serialize_field("stepId", &self.step_id)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for Task {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "task_id",
            "taskId",
            "execution_id",
            "executionId",
            "job_id",
            "jobId",
            "handler",
            "attempt",
            "deadline",
            "heartbeat_timeout",
            "heartbeatTimeout",
            "input",
            "trace",
            "headers",
            "last_heartbeat",
            "lastHeartbeat",
            "retry_policy",
            "retryPolicy",
            "task_token",
            "taskToken",
            "enqueue_time",
            "enqueueTime",
            "queue",
            "step_id",
            "stepId",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            TaskId,
            ExecutionId,
            JobId,
            Handler,
            Attempt,
            Deadline,
            HeartbeatTimeout,
            Input,
            Trace,
            Headers,
            LastHeartbeat,
            RetryPolicy,
            TaskToken,
            EnqueueTime,
            Queue,
            StepId,
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
                            "taskId" | "task_id" => Ok(GeneratedField::TaskId),
                            "executionId" | "execution_id" => Ok(GeneratedField::ExecutionId),
                            "jobId" | "job_id" => Ok(GeneratedField::JobId),
                            "handler" => Ok(GeneratedField::Handler),
                            "attempt" => Ok(GeneratedField::Attempt),
                            "deadline" => Ok(GeneratedField::Deadline),
                            "heartbeatTimeout" | "heartbeat_timeout" => Ok(GeneratedField::HeartbeatTimeout),
                            "input" => Ok(GeneratedField::Input),
                            "trace" => Ok(GeneratedField::Trace),
                            "headers" => Ok(GeneratedField::Headers),
                            "lastHeartbeat" | "last_heartbeat" => Ok(GeneratedField::LastHeartbeat),
                            "retryPolicy" | "retry_policy" => Ok(GeneratedField::RetryPolicy),
                            "taskToken" | "task_token" => Ok(GeneratedField::TaskToken),
                            "enqueueTime" | "enqueue_time" => Ok(GeneratedField::EnqueueTime),
                            "queue" => Ok(GeneratedField::Queue),
                            "stepId" | "step_id" => Ok(GeneratedField::StepId),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = Task;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.execution.v1.Task")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<Task, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut task_id__ = None;
                let mut execution_id__ = None;
                let mut job_id__ = None;
                let mut handler__ = None;
                let mut attempt__ = None;
                let mut deadline__ = None;
                let mut heartbeat_timeout__ = None;
                let mut input__ = None;
                let mut trace__ = None;
                let mut headers__ = None;
                let mut last_heartbeat__ = None;
                let mut retry_policy__ = None;
                let mut task_token__ = None;
                let mut enqueue_time__ = None;
                let mut queue__ = None;
                let mut step_id__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::TaskId => {
                            if task_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("taskId"));
                            }
                            task_id__ = Some(map_.next_value()?);
                        }
                        GeneratedField::ExecutionId => {
                            if execution_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("executionId"));
                            }
                            execution_id__ = Some(map_.next_value()?);
                        }
                        GeneratedField::JobId => {
                            if job_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("jobId"));
                            }
                            job_id__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Handler => {
                            if handler__.is_some() {
                                return Err(serde::de::Error::duplicate_field("handler"));
                            }
                            handler__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Attempt => {
                            if attempt__.is_some() {
                                return Err(serde::de::Error::duplicate_field("attempt"));
                            }
                            attempt__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::Deadline => {
                            if deadline__.is_some() {
                                return Err(serde::de::Error::duplicate_field("deadline"));
                            }
                            deadline__ = map_.next_value()?;
                        }
                        GeneratedField::HeartbeatTimeout => {
                            if heartbeat_timeout__.is_some() {
                                return Err(serde::de::Error::duplicate_field("heartbeatTimeout"));
                            }
                            heartbeat_timeout__ = map_.next_value()?;
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
                        GeneratedField::Headers => {
                            if headers__.is_some() {
                                return Err(serde::de::Error::duplicate_field("headers"));
                            }
                            headers__ = Some(
                                map_.next_value::<std::collections::BTreeMap<_, _>>()?
                            );
                        }
                        GeneratedField::LastHeartbeat => {
                            if last_heartbeat__.is_some() {
                                return Err(serde::de::Error::duplicate_field("lastHeartbeat"));
                            }
                            last_heartbeat__ = map_.next_value()?;
                        }
                        GeneratedField::RetryPolicy => {
                            if retry_policy__.is_some() {
                                return Err(serde::de::Error::duplicate_field("retryPolicy"));
                            }
                            retry_policy__ = map_.next_value()?;
                        }
                        GeneratedField::TaskToken => {
                            if task_token__.is_some() {
                                return Err(serde::de::Error::duplicate_field("taskToken"));
                            }
                            task_token__ = 
                                Some(map_.next_value::<::pbjson::private::BytesDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::EnqueueTime => {
                            if enqueue_time__.is_some() {
                                return Err(serde::de::Error::duplicate_field("enqueueTime"));
                            }
                            enqueue_time__ = map_.next_value()?;
                        }
                        GeneratedField::Queue => {
                            if queue__.is_some() {
                                return Err(serde::de::Error::duplicate_field("queue"));
                            }
                            queue__ = Some(map_.next_value()?);
                        }
                        GeneratedField::StepId => {
                            if step_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("stepId"));
                            }
                            step_id__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(Task {
                    task_id: task_id__.unwrap_or_default(),
                    execution_id: execution_id__.unwrap_or_default(),
                    job_id: job_id__.unwrap_or_default(),
                    handler: handler__.unwrap_or_default(),
                    attempt: attempt__.unwrap_or_default(),
                    deadline: deadline__,
                    heartbeat_timeout: heartbeat_timeout__,
                    input: input__,
                    trace: trace__,
                    headers: headers__.unwrap_or_default(),
                    last_heartbeat: last_heartbeat__,
                    retry_policy: retry_policy__,
                    task_token: task_token__.unwrap_or_default(),
                    enqueue_time: enqueue_time__,
                    queue: queue__.unwrap_or_default(),
                    step_id: step_id__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("flow.execution.v1.Task", FIELDS, GeneratedVisitor)
    }
}
