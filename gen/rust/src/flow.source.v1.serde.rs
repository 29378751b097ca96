impl serde::Serialize for CatalogStream {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.id.is_empty() {
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
        if !self.supported_sync_modes.is_empty() {
            len += 1;
        }
        if !self.key_fields.is_empty() {
            len += 1;
        }
        if !self.cursor_fields.is_empty() {
            len += 1;
        }
        if self.source_defined_cursor {
            len += 1;
        }
        if !self.description.is_empty() {
            len += 1;
        }
        if self.estimated_records != 0 {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("flow.source.v1.CatalogStream", len)?;
        if !self.id.is_empty() {
            struct_ser.serialize_field("id", &self.id)?;
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
        if !self.supported_sync_modes.is_empty() {
            let v = self.supported_sync_modes.iter().cloned().map(|v| {
                SyncMode::try_from(v)
                    .map_err(|_| serde::ser::Error::custom(format!("Invalid variant {}", v)))
                }).collect::<std::result::Result<Vec<_>, _>>()?;
            struct_ser.serialize_field("supportedSyncModes", &v)?;
        }
        if !self.key_fields.is_empty() {
            struct_ser.serialize_field("keyFields", &self.key_fields)?;
        }
        if !self.cursor_fields.is_empty() {
            struct_ser.serialize_field("cursorFields", &self.cursor_fields)?;
        }
        if self.source_defined_cursor {
            struct_ser.serialize_field("sourceDefinedCursor", &self.source_defined_cursor)?;
        }
        if !self.description.is_empty() {
            struct_ser.serialize_field("description", &self.description)?;
        }
        if self.estimated_records != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("estimatedRecords", ToString::to_string(&self.estimated_records).as_str())?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for CatalogStream {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "id",
            "name",
            "namespace",
            "json_schema",
            "jsonSchema",
            "supported_sync_modes",
            "supportedSyncModes",
            "key_fields",
            "keyFields",
            "cursor_fields",
            "cursorFields",
            "source_defined_cursor",
            "sourceDefinedCursor",
            "description",
            "estimated_records",
            "estimatedRecords",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Id,
            Name,
            Namespace,
            JsonSchema,
            SupportedSyncModes,
            KeyFields,
            CursorFields,
            SourceDefinedCursor,
            Description,
            EstimatedRecords,
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
                            "id" => Ok(GeneratedField::Id),
                            "name" => Ok(GeneratedField::Name),
                            "namespace" => Ok(GeneratedField::Namespace),
                            "jsonSchema" | "json_schema" => Ok(GeneratedField::JsonSchema),
                            "supportedSyncModes" | "supported_sync_modes" => Ok(GeneratedField::SupportedSyncModes),
                            "keyFields" | "key_fields" => Ok(GeneratedField::KeyFields),
                            "cursorFields" | "cursor_fields" => Ok(GeneratedField::CursorFields),
                            "sourceDefinedCursor" | "source_defined_cursor" => Ok(GeneratedField::SourceDefinedCursor),
                            "description" => Ok(GeneratedField::Description),
                            "estimatedRecords" | "estimated_records" => Ok(GeneratedField::EstimatedRecords),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = CatalogStream;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.source.v1.CatalogStream")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<CatalogStream, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut id__ = None;
                let mut name__ = None;
                let mut namespace__ = None;
                let mut json_schema__ = None;
                let mut supported_sync_modes__ = None;
                let mut key_fields__ = None;
                let mut cursor_fields__ = None;
                let mut source_defined_cursor__ = None;
                let mut description__ = None;
                let mut estimated_records__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Id => {
                            if id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("id"));
                            }
                            id__ = Some(map_.next_value()?);
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
                        GeneratedField::SupportedSyncModes => {
                            if supported_sync_modes__.is_some() {
                                return Err(serde::de::Error::duplicate_field("supportedSyncModes"));
                            }
                            supported_sync_modes__ = Some(map_.next_value::<Vec<SyncMode>>()?.into_iter().map(|x| x as i32).collect());
                        }
                        GeneratedField::KeyFields => {
                            if key_fields__.is_some() {
                                return Err(serde::de::Error::duplicate_field("keyFields"));
                            }
                            key_fields__ = Some(map_.next_value()?);
                        }
                        GeneratedField::CursorFields => {
                            if cursor_fields__.is_some() {
                                return Err(serde::de::Error::duplicate_field("cursorFields"));
                            }
                            cursor_fields__ = Some(map_.next_value()?);
                        }
                        GeneratedField::SourceDefinedCursor => {
                            if source_defined_cursor__.is_some() {
                                return Err(serde::de::Error::duplicate_field("sourceDefinedCursor"));
                            }
                            source_defined_cursor__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Description => {
                            if description__.is_some() {
                                return Err(serde::de::Error::duplicate_field("description"));
                            }
                            description__ = Some(map_.next_value()?);
                        }
                        GeneratedField::EstimatedRecords => {
                            if estimated_records__.is_some() {
                                return Err(serde::de::Error::duplicate_field("estimatedRecords"));
                            }
                            estimated_records__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                    }
                }
                Ok(CatalogStream {
                    id: id__.unwrap_or_default(),
                    name: name__.unwrap_or_default(),
                    namespace: namespace__.unwrap_or_default(),
                    json_schema: json_schema__,
                    supported_sync_modes: supported_sync_modes__.unwrap_or_default(),
                    key_fields: key_fields__.unwrap_or_default(),
                    cursor_fields: cursor_fields__.unwrap_or_default(),
                    source_defined_cursor: source_defined_cursor__.unwrap_or_default(),
                    description: description__.unwrap_or_default(),
                    estimated_records: estimated_records__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("flow.source.v1.CatalogStream", FIELDS, GeneratedVisitor)
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
        let mut struct_ser = serializer.serialize_struct("flow.source.v1.CheckpointCommitted", len)?;
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
                formatter.write_str("struct flow.source.v1.CheckpointCommitted")
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
        deserializer.deserialize_struct("flow.source.v1.CheckpointCommitted", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for DiscoverRequest {
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
        if !self.namespaces.is_empty() {
            len += 1;
        }
        if self.page_size != 0 {
            len += 1;
        }
        if !self.page_token.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("flow.source.v1.DiscoverRequest", len)?;
        if !self.component.is_empty() {
            struct_ser.serialize_field("component", &self.component)?;
        }
        if let Some(v) = self.config.as_ref() {
            struct_ser.serialize_field("config", v)?;
        }
        if !self.namespaces.is_empty() {
            struct_ser.serialize_field("namespaces", &self.namespaces)?;
        }
        if self.page_size != 0 {
            struct_ser.serialize_field("pageSize", &self.page_size)?;
        }
        if !self.page_token.is_empty() {
            struct_ser.serialize_field("pageToken", &self.page_token)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for DiscoverRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "component",
            "config",
            "namespaces",
            "page_size",
            "pageSize",
            "page_token",
            "pageToken",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Component,
            Config,
            Namespaces,
            PageSize,
            PageToken,
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
                            "namespaces" => Ok(GeneratedField::Namespaces),
                            "pageSize" | "page_size" => Ok(GeneratedField::PageSize),
                            "pageToken" | "page_token" => Ok(GeneratedField::PageToken),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = DiscoverRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.source.v1.DiscoverRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<DiscoverRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut component__ = None;
                let mut config__ = None;
                let mut namespaces__ = None;
                let mut page_size__ = None;
                let mut page_token__ = None;
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
                        GeneratedField::Namespaces => {
                            if namespaces__.is_some() {
                                return Err(serde::de::Error::duplicate_field("namespaces"));
                            }
                            namespaces__ = Some(map_.next_value()?);
                        }
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
                    }
                }
                Ok(DiscoverRequest {
                    component: component__.unwrap_or_default(),
                    config: config__,
                    namespaces: namespaces__.unwrap_or_default(),
                    page_size: page_size__.unwrap_or_default(),
                    page_token: page_token__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("flow.source.v1.DiscoverRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for DiscoverResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.streams.is_empty() {
            len += 1;
        }
        if !self.diagnostics.is_empty() {
            len += 1;
        }
        if !self.next_page_token.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("flow.source.v1.DiscoverResponse", len)?;
        if !self.streams.is_empty() {
            struct_ser.serialize_field("streams", &self.streams)?;
        }
        if !self.diagnostics.is_empty() {
            struct_ser.serialize_field("diagnostics", &self.diagnostics)?;
        }
        if !self.next_page_token.is_empty() {
            struct_ser.serialize_field("nextPageToken", &self.next_page_token)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for DiscoverResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "streams",
            "diagnostics",
            "next_page_token",
            "nextPageToken",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Streams,
            Diagnostics,
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
                            "streams" => Ok(GeneratedField::Streams),
                            "diagnostics" => Ok(GeneratedField::Diagnostics),
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
            type Value = DiscoverResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.source.v1.DiscoverResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<DiscoverResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut streams__ = None;
                let mut diagnostics__ = None;
                let mut next_page_token__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Streams => {
                            if streams__.is_some() {
                                return Err(serde::de::Error::duplicate_field("streams"));
                            }
                            streams__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Diagnostics => {
                            if diagnostics__.is_some() {
                                return Err(serde::de::Error::duplicate_field("diagnostics"));
                            }
                            diagnostics__ = Some(map_.next_value()?);
                        }
                        GeneratedField::NextPageToken => {
                            if next_page_token__.is_some() {
                                return Err(serde::de::Error::duplicate_field("nextPageToken"));
                            }
                            next_page_token__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(DiscoverResponse {
                    streams: streams__.unwrap_or_default(),
                    diagnostics: diagnostics__.unwrap_or_default(),
                    next_page_token: next_page_token__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("flow.source.v1.DiscoverResponse", FIELDS, GeneratedVisitor)
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
        let mut struct_ser = serializer.serialize_struct("flow.source.v1.Drain", len)?;
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
                formatter.write_str("struct flow.source.v1.Drain")
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
        deserializer.deserialize_struct("flow.source.v1.Drain", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for EndOfInput {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.reason.is_empty() {
            len += 1;
        }
        if self.final_checkpoint_seq != 0 {
            len += 1;
        }
        if self.failure.is_some() {
            len += 1;
        }
        if !self.diagnostics.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("flow.source.v1.EndOfInput", len)?;
        if !self.reason.is_empty() {
            struct_ser.serialize_field("reason", &self.reason)?;
        }
        if self.final_checkpoint_seq != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("finalCheckpointSeq", ToString::to_string(&self.final_checkpoint_seq).as_str())?;
        }
        if let Some(v) = self.failure.as_ref() {
            struct_ser.serialize_field("failure", v)?;
        }
        if !self.diagnostics.is_empty() {
            struct_ser.serialize_field("diagnostics", &self.diagnostics)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for EndOfInput {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "reason",
            "final_checkpoint_seq",
            "finalCheckpointSeq",
            "failure",
            "diagnostics",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Reason,
            FinalCheckpointSeq,
            Failure,
            Diagnostics,
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
                            "reason" => Ok(GeneratedField::Reason),
                            "finalCheckpointSeq" | "final_checkpoint_seq" => Ok(GeneratedField::FinalCheckpointSeq),
                            "failure" => Ok(GeneratedField::Failure),
                            "diagnostics" => Ok(GeneratedField::Diagnostics),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = EndOfInput;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.source.v1.EndOfInput")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<EndOfInput, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut reason__ = None;
                let mut final_checkpoint_seq__ = None;
                let mut failure__ = None;
                let mut diagnostics__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Reason => {
                            if reason__.is_some() {
                                return Err(serde::de::Error::duplicate_field("reason"));
                            }
                            reason__ = Some(map_.next_value()?);
                        }
                        GeneratedField::FinalCheckpointSeq => {
                            if final_checkpoint_seq__.is_some() {
                                return Err(serde::de::Error::duplicate_field("finalCheckpointSeq"));
                            }
                            final_checkpoint_seq__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::Failure => {
                            if failure__.is_some() {
                                return Err(serde::de::Error::duplicate_field("failure"));
                            }
                            failure__ = map_.next_value()?;
                        }
                        GeneratedField::Diagnostics => {
                            if diagnostics__.is_some() {
                                return Err(serde::de::Error::duplicate_field("diagnostics"));
                            }
                            diagnostics__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(EndOfInput {
                    reason: reason__.unwrap_or_default(),
                    final_checkpoint_seq: final_checkpoint_seq__.unwrap_or_default(),
                    failure: failure__,
                    diagnostics: diagnostics__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("flow.source.v1.EndOfInput", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for ReadAck {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.batch_ids.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("flow.source.v1.ReadAck", len)?;
        if !self.batch_ids.is_empty() {
            struct_ser.serialize_field("batchIds", &self.batch_ids.iter().map(ToString::to_string).collect::<Vec<_>>())?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for ReadAck {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "batch_ids",
            "batchIds",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            BatchIds,
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
                            "batchIds" | "batch_ids" => Ok(GeneratedField::BatchIds),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = ReadAck;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.source.v1.ReadAck")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<ReadAck, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut batch_ids__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::BatchIds => {
                            if batch_ids__.is_some() {
                                return Err(serde::de::Error::duplicate_field("batchIds"));
                            }
                            batch_ids__ = 
                                Some(map_.next_value::<Vec<::pbjson::private::NumberDeserialize<_>>>()?
                                    .into_iter().map(|x| x.0).collect())
                            ;
                        }
                    }
                }
                Ok(ReadAck {
                    batch_ids: batch_ids__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("flow.source.v1.ReadAck", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for ReadNack {
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
        let mut struct_ser = serializer.serialize_struct("flow.source.v1.ReadNack", len)?;
        if self.batch_id != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("batchId", ToString::to_string(&self.batch_id).as_str())?;
        }
        if let Some(v) = self.failure.as_ref() {
            struct_ser.serialize_field("failure", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for ReadNack {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "batch_id",
            "batchId",
            "failure",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            BatchId,
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
                            "batchId" | "batch_id" => Ok(GeneratedField::BatchId),
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
            type Value = ReadNack;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.source.v1.ReadNack")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<ReadNack, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut batch_id__ = None;
                let mut failure__ = None;
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
                    }
                }
                Ok(ReadNack {
                    batch_id: batch_id__.unwrap_or_default(),
                    failure: failure__,
                })
            }
        }
        deserializer.deserialize_struct("flow.source.v1.ReadNack", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for ReadRequest {
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
        let mut struct_ser = serializer.serialize_struct("flow.source.v1.ReadRequest", len)?;
        if !self.instruction_id.is_empty() {
            struct_ser.serialize_field("instructionId", &self.instruction_id)?;
        }
        if let Some(v) = self.kind.as_ref() {
            match v {
                read_request::Kind::Start(v) => {
                    struct_ser.serialize_field("start", v)?;
                }
                read_request::Kind::Credit(v) => {
                    struct_ser.serialize_field("credit", v)?;
                }
                read_request::Kind::Ack(v) => {
                    struct_ser.serialize_field("ack", v)?;
                }
                read_request::Kind::Nack(v) => {
                    struct_ser.serialize_field("nack", v)?;
                }
                read_request::Kind::CheckpointCommitted(v) => {
                    struct_ser.serialize_field("checkpointCommitted", v)?;
                }
                read_request::Kind::Drain(v) => {
                    struct_ser.serialize_field("drain", v)?;
                }
            }
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for ReadRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "instruction_id",
            "instructionId",
            "start",
            "credit",
            "ack",
            "nack",
            "checkpoint_committed",
            "checkpointCommitted",
            "drain",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            InstructionId,
            Start,
            Credit,
            Ack,
            Nack,
            CheckpointCommitted,
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
                            "credit" => Ok(GeneratedField::Credit),
                            "ack" => Ok(GeneratedField::Ack),
                            "nack" => Ok(GeneratedField::Nack),
                            "checkpointCommitted" | "checkpoint_committed" => Ok(GeneratedField::CheckpointCommitted),
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
            type Value = ReadRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.source.v1.ReadRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<ReadRequest, V::Error>
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
                            kind__ = map_.next_value::<::std::option::Option<_>>()?.map(read_request::Kind::Start)
;
                        }
                        GeneratedField::Credit => {
                            if kind__.is_some() {
                                return Err(serde::de::Error::duplicate_field("credit"));
                            }
                            kind__ = map_.next_value::<::std::option::Option<_>>()?.map(read_request::Kind::Credit)
;
                        }
                        GeneratedField::Ack => {
                            if kind__.is_some() {
                                return Err(serde::de::Error::duplicate_field("ack"));
                            }
                            kind__ = map_.next_value::<::std::option::Option<_>>()?.map(read_request::Kind::Ack)
;
                        }
                        GeneratedField::Nack => {
                            if kind__.is_some() {
                                return Err(serde::de::Error::duplicate_field("nack"));
                            }
                            kind__ = map_.next_value::<::std::option::Option<_>>()?.map(read_request::Kind::Nack)
;
                        }
                        GeneratedField::CheckpointCommitted => {
                            if kind__.is_some() {
                                return Err(serde::de::Error::duplicate_field("checkpointCommitted"));
                            }
                            kind__ = map_.next_value::<::std::option::Option<_>>()?.map(read_request::Kind::CheckpointCommitted)
;
                        }
                        GeneratedField::Drain => {
                            if kind__.is_some() {
                                return Err(serde::de::Error::duplicate_field("drain"));
                            }
                            kind__ = map_.next_value::<::std::option::Option<_>>()?.map(read_request::Kind::Drain)
;
                        }
                    }
                }
                Ok(ReadRequest {
                    instruction_id: instruction_id__.unwrap_or_default(),
                    kind: kind__,
                })
            }
        }
        deserializer.deserialize_struct("flow.source.v1.ReadRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for ReadResponse {
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
        let mut struct_ser = serializer.serialize_struct("flow.source.v1.ReadResponse", len)?;
        if !self.instruction_id.is_empty() {
            struct_ser.serialize_field("instructionId", &self.instruction_id)?;
        }
        if let Some(v) = self.kind.as_ref() {
            match v {
                read_response::Kind::Batch(v) => {
                    struct_ser.serialize_field("batch", v)?;
                }
                read_response::Kind::Checkpoint(v) => {
                    struct_ser.serialize_field("checkpoint", v)?;
                }
                read_response::Kind::Progress(v) => {
                    struct_ser.serialize_field("progress", v)?;
                }
                read_response::Kind::Log(v) => {
                    struct_ser.serialize_field("log", v)?;
                }
                read_response::Kind::EndOfInput(v) => {
                    struct_ser.serialize_field("endOfInput", v)?;
                }
            }
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for ReadResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "instruction_id",
            "instructionId",
            "batch",
            "checkpoint",
            "progress",
            "log",
            "end_of_input",
            "endOfInput",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            InstructionId,
            Batch,
            Checkpoint,
            Progress,
            Log,
            EndOfInput,
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
                            "batch" => Ok(GeneratedField::Batch),
                            "checkpoint" => Ok(GeneratedField::Checkpoint),
                            "progress" => Ok(GeneratedField::Progress),
                            "log" => Ok(GeneratedField::Log),
                            "endOfInput" | "end_of_input" => Ok(GeneratedField::EndOfInput),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = ReadResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.source.v1.ReadResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<ReadResponse, V::Error>
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
                        GeneratedField::Batch => {
                            if kind__.is_some() {
                                return Err(serde::de::Error::duplicate_field("batch"));
                            }
                            kind__ = map_.next_value::<::std::option::Option<_>>()?.map(read_response::Kind::Batch)
;
                        }
                        GeneratedField::Checkpoint => {
                            if kind__.is_some() {
                                return Err(serde::de::Error::duplicate_field("checkpoint"));
                            }
                            kind__ = map_.next_value::<::std::option::Option<_>>()?.map(read_response::Kind::Checkpoint)
;
                        }
                        GeneratedField::Progress => {
                            if kind__.is_some() {
                                return Err(serde::de::Error::duplicate_field("progress"));
                            }
                            kind__ = map_.next_value::<::std::option::Option<_>>()?.map(read_response::Kind::Progress)
;
                        }
                        GeneratedField::Log => {
                            if kind__.is_some() {
                                return Err(serde::de::Error::duplicate_field("log"));
                            }
                            kind__ = map_.next_value::<::std::option::Option<_>>()?.map(read_response::Kind::Log)
;
                        }
                        GeneratedField::EndOfInput => {
                            if kind__.is_some() {
                                return Err(serde::de::Error::duplicate_field("endOfInput"));
                            }
                            kind__ = map_.next_value::<::std::option::Option<_>>()?.map(read_response::Kind::EndOfInput)
;
                        }
                    }
                }
                Ok(ReadResponse {
                    instruction_id: instruction_id__.unwrap_or_default(),
                    kind: kind__,
                })
            }
        }
        deserializer.deserialize_struct("flow.source.v1.ReadResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for ReadStart {
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
        if !self.streams.is_empty() {
            len += 1;
        }
        if self.resume_from.is_some() {
            len += 1;
        }
        if self.trace.is_some() {
            len += 1;
        }
        if self.initial_credit.is_some() {
            len += 1;
        }
        if self.max_batch_records != 0 {
            len += 1;
        }
        if self.max_batch_bytes != 0 {
            len += 1;
        }
        if self.checkpoint_interval.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("flow.source.v1.ReadStart", len)?;
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
        if !self.streams.is_empty() {
            struct_ser.serialize_field("streams", &self.streams)?;
        }
        if let Some(v) = self.resume_from.as_ref() {
            struct_ser.serialize_field("resumeFrom", v)?;
        }
        if let Some(v) = self.trace.as_ref() {
            struct_ser.serialize_field("trace", v)?;
        }
        if let Some(v) = self.initial_credit.as_ref() {
            struct_ser.serialize_field("initialCredit", v)?;
        }
        if self.max_batch_records != 0 {
            struct_ser.serialize_field("maxBatchRecords", &self.max_batch_records)?;
        }
        if self.max_batch_bytes != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("maxBatchBytes", ToString::to_string(&self.max_batch_bytes).as_str())?;
        }
        if let Some(v) = self.checkpoint_interval.as_ref() {
            struct_ser.serialize_field("checkpointInterval", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for ReadStart {
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
            "streams",
            "resume_from",
            "resumeFrom",
            "trace",
            "initial_credit",
            "initialCredit",
            "max_batch_records",
            "maxBatchRecords",
            "max_batch_bytes",
            "maxBatchBytes",
            "checkpoint_interval",
            "checkpointInterval",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Component,
            Config,
            Generation,
            ConfigId,
            Streams,
            ResumeFrom,
            Trace,
            InitialCredit,
            MaxBatchRecords,
            MaxBatchBytes,
            CheckpointInterval,
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
                            "streams" => Ok(GeneratedField::Streams),
                            "resumeFrom" | "resume_from" => Ok(GeneratedField::ResumeFrom),
                            "trace" => Ok(GeneratedField::Trace),
                            "initialCredit" | "initial_credit" => Ok(GeneratedField::InitialCredit),
                            "maxBatchRecords" | "max_batch_records" => Ok(GeneratedField::MaxBatchRecords),
                            "maxBatchBytes" | "max_batch_bytes" => Ok(GeneratedField::MaxBatchBytes),
                            "checkpointInterval" | "checkpoint_interval" => Ok(GeneratedField::CheckpointInterval),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = ReadStart;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.source.v1.ReadStart")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<ReadStart, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut component__ = None;
                let mut config__ = None;
                let mut generation__ = None;
                let mut config_id__ = None;
                let mut streams__ = None;
                let mut resume_from__ = None;
                let mut trace__ = None;
                let mut initial_credit__ = None;
                let mut max_batch_records__ = None;
                let mut max_batch_bytes__ = None;
                let mut checkpoint_interval__ = None;
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
                        GeneratedField::Streams => {
                            if streams__.is_some() {
                                return Err(serde::de::Error::duplicate_field("streams"));
                            }
                            streams__ = Some(map_.next_value()?);
                        }
                        GeneratedField::ResumeFrom => {
                            if resume_from__.is_some() {
                                return Err(serde::de::Error::duplicate_field("resumeFrom"));
                            }
                            resume_from__ = map_.next_value()?;
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
                        GeneratedField::CheckpointInterval => {
                            if checkpoint_interval__.is_some() {
                                return Err(serde::de::Error::duplicate_field("checkpointInterval"));
                            }
                            checkpoint_interval__ = map_.next_value()?;
                        }
                    }
                }
                Ok(ReadStart {
                    component: component__.unwrap_or_default(),
                    config: config__,
                    generation: generation__.unwrap_or_default(),
                    config_id: config_id__.unwrap_or_default(),
                    streams: streams__.unwrap_or_default(),
                    resume_from: resume_from__,
                    trace: trace__,
                    initial_credit: initial_credit__,
                    max_batch_records: max_batch_records__.unwrap_or_default(),
                    max_batch_bytes: max_batch_bytes__.unwrap_or_default(),
                    checkpoint_interval: checkpoint_interval__,
                })
            }
        }
        deserializer.deserialize_struct("flow.source.v1.ReadStart", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for StreamSelection {
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
        if self.sync_mode != 0 {
            len += 1;
        }
        if !self.cursor_field.is_empty() {
            len += 1;
        }
        if !self.key_fields.is_empty() {
            len += 1;
        }
        if !self.fields.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("flow.source.v1.StreamSelection", len)?;
        if !self.stream.is_empty() {
            struct_ser.serialize_field("stream", &self.stream)?;
        }
        if self.sync_mode != 0 {
            let v = SyncMode::try_from(self.sync_mode)
                .map_err(|_| serde::ser::Error::custom(format!("Invalid variant {}", self.sync_mode)))?;
            struct_ser.serialize_field("syncMode", &v)?;
        }
        if !self.cursor_field.is_empty() {
            struct_ser.serialize_field("cursorField", &self.cursor_field)?;
        }
        if !self.key_fields.is_empty() {
            struct_ser.serialize_field("keyFields", &self.key_fields)?;
        }
        if !self.fields.is_empty() {
            struct_ser.serialize_field("fields", &self.fields)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for StreamSelection {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "stream",
            "sync_mode",
            "syncMode",
            "cursor_field",
            "cursorField",
            "key_fields",
            "keyFields",
            "fields",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Stream,
            SyncMode,
            CursorField,
            KeyFields,
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
                            "stream" => Ok(GeneratedField::Stream),
                            "syncMode" | "sync_mode" => Ok(GeneratedField::SyncMode),
                            "cursorField" | "cursor_field" => Ok(GeneratedField::CursorField),
                            "keyFields" | "key_fields" => Ok(GeneratedField::KeyFields),
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
            type Value = StreamSelection;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.source.v1.StreamSelection")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<StreamSelection, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut stream__ = None;
                let mut sync_mode__ = None;
                let mut cursor_field__ = None;
                let mut key_fields__ = None;
                let mut fields__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Stream => {
                            if stream__.is_some() {
                                return Err(serde::de::Error::duplicate_field("stream"));
                            }
                            stream__ = Some(map_.next_value()?);
                        }
                        GeneratedField::SyncMode => {
                            if sync_mode__.is_some() {
                                return Err(serde::de::Error::duplicate_field("syncMode"));
                            }
                            sync_mode__ = Some(map_.next_value::<SyncMode>()? as i32);
                        }
                        GeneratedField::CursorField => {
                            if cursor_field__.is_some() {
                                return Err(serde::de::Error::duplicate_field("cursorField"));
                            }
                            cursor_field__ = Some(map_.next_value()?);
                        }
                        GeneratedField::KeyFields => {
                            if key_fields__.is_some() {
                                return Err(serde::de::Error::duplicate_field("keyFields"));
                            }
                            key_fields__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Fields => {
                            if fields__.is_some() {
                                return Err(serde::de::Error::duplicate_field("fields"));
                            }
                            fields__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(StreamSelection {
                    stream: stream__.unwrap_or_default(),
                    sync_mode: sync_mode__.unwrap_or_default(),
                    cursor_field: cursor_field__.unwrap_or_default(),
                    key_fields: key_fields__.unwrap_or_default(),
                    fields: fields__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("flow.source.v1.StreamSelection", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for SyncMode {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        let variant = match self {
            Self::Unspecified => "SYNC_MODE_UNSPECIFIED",
            Self::FullRefresh => "SYNC_MODE_FULL_REFRESH",
            Self::Incremental => "SYNC_MODE_INCREMENTAL",
            Self::Cdc => "SYNC_MODE_CDC",
        };
        serializer.serialize_str(variant)
    }
}
impl<'de> serde::Deserialize<'de> for SyncMode {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "SYNC_MODE_UNSPECIFIED",
            "SYNC_MODE_FULL_REFRESH",
            "SYNC_MODE_INCREMENTAL",
            "SYNC_MODE_CDC",
        ];

        struct GeneratedVisitor;

        impl serde::de::Visitor<'_> for GeneratedVisitor {
            type Value = SyncMode;

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
                    "SYNC_MODE_UNSPECIFIED" => Ok(SyncMode::Unspecified),
                    "SYNC_MODE_FULL_REFRESH" => Ok(SyncMode::FullRefresh),
                    "SYNC_MODE_INCREMENTAL" => Ok(SyncMode::Incremental),
                    "SYNC_MODE_CDC" => Ok(SyncMode::Cdc),
                    _ => Err(serde::de::Error::unknown_variant(value, FIELDS)),
                }
            }
        }
        deserializer.deserialize_any(GeneratedVisitor)
    }
}
