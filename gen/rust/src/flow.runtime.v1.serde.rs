impl serde::Serialize for ComponentSchema {
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
        if self.role != 0 {
            len += 1;
        }
        if self.config_schema.is_some() {
            len += 1;
        }
        if !self.sensitive_paths.is_empty() {
            len += 1;
        }
        if !self.description.is_empty() {
            len += 1;
        }
        if !self.version.is_empty() {
            len += 1;
        }
        if !self.capabilities.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("flow.runtime.v1.ComponentSchema", len)?;
        if !self.name.is_empty() {
            struct_ser.serialize_field("name", &self.name)?;
        }
        if self.role != 0 {
            let v = super::super::common::v1::Role::try_from(self.role)
                .map_err(|_| serde::ser::Error::custom(format!("Invalid variant {}", self.role)))?;
            struct_ser.serialize_field("role", &v)?;
        }
        if let Some(v) = self.config_schema.as_ref() {
            struct_ser.serialize_field("configSchema", v)?;
        }
        if !self.sensitive_paths.is_empty() {
            struct_ser.serialize_field("sensitivePaths", &self.sensitive_paths)?;
        }
        if !self.description.is_empty() {
            struct_ser.serialize_field("description", &self.description)?;
        }
        if !self.version.is_empty() {
            struct_ser.serialize_field("version", &self.version)?;
        }
        if !self.capabilities.is_empty() {
            struct_ser.serialize_field("capabilities", &self.capabilities)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for ComponentSchema {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "name",
            "role",
            "config_schema",
            "configSchema",
            "sensitive_paths",
            "sensitivePaths",
            "description",
            "version",
            "capabilities",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Name,
            Role,
            ConfigSchema,
            SensitivePaths,
            Description,
            Version,
            Capabilities,
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
                            "role" => Ok(GeneratedField::Role),
                            "configSchema" | "config_schema" => Ok(GeneratedField::ConfigSchema),
                            "sensitivePaths" | "sensitive_paths" => Ok(GeneratedField::SensitivePaths),
                            "description" => Ok(GeneratedField::Description),
                            "version" => Ok(GeneratedField::Version),
                            "capabilities" => Ok(GeneratedField::Capabilities),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = ComponentSchema;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.runtime.v1.ComponentSchema")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<ComponentSchema, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut name__ = None;
                let mut role__ = None;
                let mut config_schema__ = None;
                let mut sensitive_paths__ = None;
                let mut description__ = None;
                let mut version__ = None;
                let mut capabilities__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Name => {
                            if name__.is_some() {
                                return Err(serde::de::Error::duplicate_field("name"));
                            }
                            name__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Role => {
                            if role__.is_some() {
                                return Err(serde::de::Error::duplicate_field("role"));
                            }
                            role__ = Some(map_.next_value::<super::super::common::v1::Role>()? as i32);
                        }
                        GeneratedField::ConfigSchema => {
                            if config_schema__.is_some() {
                                return Err(serde::de::Error::duplicate_field("configSchema"));
                            }
                            config_schema__ = map_.next_value()?;
                        }
                        GeneratedField::SensitivePaths => {
                            if sensitive_paths__.is_some() {
                                return Err(serde::de::Error::duplicate_field("sensitivePaths"));
                            }
                            sensitive_paths__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Description => {
                            if description__.is_some() {
                                return Err(serde::de::Error::duplicate_field("description"));
                            }
                            description__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Version => {
                            if version__.is_some() {
                                return Err(serde::de::Error::duplicate_field("version"));
                            }
                            version__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Capabilities => {
                            if capabilities__.is_some() {
                                return Err(serde::de::Error::duplicate_field("capabilities"));
                            }
                            capabilities__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(ComponentSchema {
                    name: name__.unwrap_or_default(),
                    role: role__.unwrap_or_default(),
                    config_schema: config_schema__,
                    sensitive_paths: sensitive_paths__.unwrap_or_default(),
                    description: description__.unwrap_or_default(),
                    version: version__.unwrap_or_default(),
                    capabilities: capabilities__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("flow.runtime.v1.ComponentSchema", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for ConfigureRequest {
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
        let mut struct_ser = serializer.serialize_struct("flow.runtime.v1.ConfigureRequest", len)?;
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
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for ConfigureRequest {
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
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Component,
            Config,
            Generation,
            ConfigId,
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
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = ConfigureRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.runtime.v1.ConfigureRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<ConfigureRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut component__ = None;
                let mut config__ = None;
                let mut generation__ = None;
                let mut config_id__ = None;
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
                    }
                }
                Ok(ConfigureRequest {
                    component: component__.unwrap_or_default(),
                    config: config__,
                    generation: generation__.unwrap_or_default(),
                    config_id: config_id__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("flow.runtime.v1.ConfigureRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for ConfigureResponse {
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
        if self.applied_generation != 0 {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("flow.runtime.v1.ConfigureResponse", len)?;
        if !self.diagnostics.is_empty() {
            struct_ser.serialize_field("diagnostics", &self.diagnostics)?;
        }
        if self.applied_generation != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("appliedGeneration", ToString::to_string(&self.applied_generation).as_str())?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for ConfigureResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "diagnostics",
            "applied_generation",
            "appliedGeneration",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Diagnostics,
            AppliedGeneration,
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
                            "appliedGeneration" | "applied_generation" => Ok(GeneratedField::AppliedGeneration),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = ConfigureResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.runtime.v1.ConfigureResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<ConfigureResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut diagnostics__ = None;
                let mut applied_generation__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Diagnostics => {
                            if diagnostics__.is_some() {
                                return Err(serde::de::Error::duplicate_field("diagnostics"));
                            }
                            diagnostics__ = Some(map_.next_value()?);
                        }
                        GeneratedField::AppliedGeneration => {
                            if applied_generation__.is_some() {
                                return Err(serde::de::Error::duplicate_field("appliedGeneration"));
                            }
                            applied_generation__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                    }
                }
                Ok(ConfigureResponse {
                    diagnostics: diagnostics__.unwrap_or_default(),
                    applied_generation: applied_generation__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("flow.runtime.v1.ConfigureResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for GetSchemaRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.components.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("flow.runtime.v1.GetSchemaRequest", len)?;
        if !self.components.is_empty() {
            struct_ser.serialize_field("components", &self.components)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for GetSchemaRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "components",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Components,
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
                            "components" => Ok(GeneratedField::Components),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = GetSchemaRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.runtime.v1.GetSchemaRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<GetSchemaRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut components__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Components => {
                            if components__.is_some() {
                                return Err(serde::de::Error::duplicate_field("components"));
                            }
                            components__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(GetSchemaRequest {
                    components: components__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("flow.runtime.v1.GetSchemaRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for GetSchemaResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.components.is_empty() {
            len += 1;
        }
        if !self.file_descriptor_set.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("flow.runtime.v1.GetSchemaResponse", len)?;
        if !self.components.is_empty() {
            struct_ser.serialize_field("components", &self.components)?;
        }
        if !self.file_descriptor_set.is_empty() {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("fileDescriptorSet", pbjson::private::base64::encode(&self.file_descriptor_set).as_str())?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for GetSchemaResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "components",
            "file_descriptor_set",
            "fileDescriptorSet",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Components,
            FileDescriptorSet,
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
                            "components" => Ok(GeneratedField::Components),
                            "fileDescriptorSet" | "file_descriptor_set" => Ok(GeneratedField::FileDescriptorSet),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = GetSchemaResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.runtime.v1.GetSchemaResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<GetSchemaResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut components__ = None;
                let mut file_descriptor_set__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Components => {
                            if components__.is_some() {
                                return Err(serde::de::Error::duplicate_field("components"));
                            }
                            components__ = Some(map_.next_value()?);
                        }
                        GeneratedField::FileDescriptorSet => {
                            if file_descriptor_set__.is_some() {
                                return Err(serde::de::Error::duplicate_field("fileDescriptorSet"));
                            }
                            file_descriptor_set__ = 
                                Some(map_.next_value::<::pbjson::private::BytesDeserialize<_>>()?.0)
                            ;
                        }
                    }
                }
                Ok(GetSchemaResponse {
                    components: components__.unwrap_or_default(),
                    file_descriptor_set: file_descriptor_set__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("flow.runtime.v1.GetSchemaResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for GetServiceInfoRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let len = 0;
        let struct_ser = serializer.serialize_struct("flow.runtime.v1.GetServiceInfoRequest", len)?;
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for GetServiceInfoRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
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
                            Err(serde::de::Error::unknown_field(value, FIELDS))
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = GetServiceInfoRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.runtime.v1.GetServiceInfoRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<GetServiceInfoRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                while map_.next_key::<GeneratedField>()?.is_some() {
                    let _ = map_.next_value::<serde::de::IgnoredAny>()?;
                }
                Ok(GetServiceInfoRequest {
                })
            }
        }
        deserializer.deserialize_struct("flow.runtime.v1.GetServiceInfoRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for GetServiceInfoResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.info.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("flow.runtime.v1.GetServiceInfoResponse", len)?;
        if let Some(v) = self.info.as_ref() {
            struct_ser.serialize_field("info", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for GetServiceInfoResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "info",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Info,
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
                            "info" => Ok(GeneratedField::Info),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = GetServiceInfoResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.runtime.v1.GetServiceInfoResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<GetServiceInfoResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut info__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Info => {
                            if info__.is_some() {
                                return Err(serde::de::Error::duplicate_field("info"));
                            }
                            info__ = map_.next_value()?;
                        }
                    }
                }
                Ok(GetServiceInfoResponse {
                    info: info__,
                })
            }
        }
        deserializer.deserialize_struct("flow.runtime.v1.GetServiceInfoResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for HandshakeRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.supported_versions.is_empty() {
            len += 1;
        }
        if !self.core_version.is_empty() {
            len += 1;
        }
        if !self.client_capabilities.is_empty() {
            len += 1;
        }
        if !self.core_instance_id.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("flow.runtime.v1.HandshakeRequest", len)?;
        if !self.supported_versions.is_empty() {
            struct_ser.serialize_field("supportedVersions", &self.supported_versions)?;
        }
        if !self.core_version.is_empty() {
            struct_ser.serialize_field("coreVersion", &self.core_version)?;
        }
        if !self.client_capabilities.is_empty() {
            struct_ser.serialize_field("clientCapabilities", &self.client_capabilities)?;
        }
        if !self.core_instance_id.is_empty() {
            struct_ser.serialize_field("coreInstanceId", &self.core_instance_id)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for HandshakeRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "supported_versions",
            "supportedVersions",
            "core_version",
            "coreVersion",
            "client_capabilities",
            "clientCapabilities",
            "core_instance_id",
            "coreInstanceId",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            SupportedVersions,
            CoreVersion,
            ClientCapabilities,
            CoreInstanceId,
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
                            "supportedVersions" | "supported_versions" => Ok(GeneratedField::SupportedVersions),
                            "coreVersion" | "core_version" => Ok(GeneratedField::CoreVersion),
                            "clientCapabilities" | "client_capabilities" => Ok(GeneratedField::ClientCapabilities),
                            "coreInstanceId" | "core_instance_id" => Ok(GeneratedField::CoreInstanceId),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = HandshakeRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.runtime.v1.HandshakeRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<HandshakeRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut supported_versions__ = None;
                let mut core_version__ = None;
                let mut client_capabilities__ = None;
                let mut core_instance_id__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::SupportedVersions => {
                            if supported_versions__.is_some() {
                                return Err(serde::de::Error::duplicate_field("supportedVersions"));
                            }
                            supported_versions__ = Some(map_.next_value()?);
                        }
                        GeneratedField::CoreVersion => {
                            if core_version__.is_some() {
                                return Err(serde::de::Error::duplicate_field("coreVersion"));
                            }
                            core_version__ = Some(map_.next_value()?);
                        }
                        GeneratedField::ClientCapabilities => {
                            if client_capabilities__.is_some() {
                                return Err(serde::de::Error::duplicate_field("clientCapabilities"));
                            }
                            client_capabilities__ = Some(map_.next_value()?);
                        }
                        GeneratedField::CoreInstanceId => {
                            if core_instance_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("coreInstanceId"));
                            }
                            core_instance_id__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(HandshakeRequest {
                    supported_versions: supported_versions__.unwrap_or_default(),
                    core_version: core_version__.unwrap_or_default(),
                    client_capabilities: client_capabilities__.unwrap_or_default(),
                    core_instance_id: core_instance_id__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("flow.runtime.v1.HandshakeRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for HandshakeResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.server_capabilities.is_empty() {
            len += 1;
        }
        if !self.server_supported_versions.is_empty() {
            len += 1;
        }
        if self.negotiation.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("flow.runtime.v1.HandshakeResponse", len)?;
        if !self.server_capabilities.is_empty() {
            struct_ser.serialize_field("serverCapabilities", &self.server_capabilities)?;
        }
        if !self.server_supported_versions.is_empty() {
            struct_ser.serialize_field("serverSupportedVersions", &self.server_supported_versions)?;
        }
        if let Some(v) = self.negotiation.as_ref() {
            match v {
                handshake_response::Negotiation::SelectedVersion(v) => {
                    struct_ser.serialize_field("selectedVersion", v)?;
                }
                handshake_response::Negotiation::Failure(v) => {
                    struct_ser.serialize_field("failure", v)?;
                }
            }
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for HandshakeResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "server_capabilities",
            "serverCapabilities",
            "server_supported_versions",
            "serverSupportedVersions",
            "selected_version",
            "selectedVersion",
            "failure",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            ServerCapabilities,
            ServerSupportedVersions,
            SelectedVersion,
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
                            "serverCapabilities" | "server_capabilities" => Ok(GeneratedField::ServerCapabilities),
                            "serverSupportedVersions" | "server_supported_versions" => Ok(GeneratedField::ServerSupportedVersions),
                            "selectedVersion" | "selected_version" => Ok(GeneratedField::SelectedVersion),
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
            type Value = HandshakeResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.runtime.v1.HandshakeResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<HandshakeResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut server_capabilities__ = None;
                let mut server_supported_versions__ = None;
                let mut negotiation__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::ServerCapabilities => {
                            if server_capabilities__.is_some() {
                                return Err(serde::de::Error::duplicate_field("serverCapabilities"));
                            }
                            server_capabilities__ = Some(map_.next_value()?);
                        }
                        GeneratedField::ServerSupportedVersions => {
                            if server_supported_versions__.is_some() {
                                return Err(serde::de::Error::duplicate_field("serverSupportedVersions"));
                            }
                            server_supported_versions__ = Some(map_.next_value()?);
                        }
                        GeneratedField::SelectedVersion => {
                            if negotiation__.is_some() {
                                return Err(serde::de::Error::duplicate_field("selectedVersion"));
                            }
                            negotiation__ = map_.next_value::<::std::option::Option<_>>()?.map(handshake_response::Negotiation::SelectedVersion)
;
                        }
                        GeneratedField::Failure => {
                            if negotiation__.is_some() {
                                return Err(serde::de::Error::duplicate_field("failure"));
                            }
                            negotiation__ = map_.next_value::<::std::option::Option<_>>()?.map(handshake_response::Negotiation::Failure)
;
                        }
                    }
                }
                Ok(HandshakeResponse {
                    server_capabilities: server_capabilities__.unwrap_or_default(),
                    server_supported_versions: server_supported_versions__.unwrap_or_default(),
                    negotiation: negotiation__,
                })
            }
        }
        deserializer.deserialize_struct("flow.runtime.v1.HandshakeResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for ProtocolVersion {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.major != 0 {
            len += 1;
        }
        if self.minor != 0 {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("flow.runtime.v1.ProtocolVersion", len)?;
        if self.major != 0 {
            struct_ser.serialize_field("major", &self.major)?;
        }
        if self.minor != 0 {
            struct_ser.serialize_field("minor", &self.minor)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for ProtocolVersion {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "major",
            "minor",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Major,
            Minor,
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
                            "major" => Ok(GeneratedField::Major),
                            "minor" => Ok(GeneratedField::Minor),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = ProtocolVersion;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.runtime.v1.ProtocolVersion")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<ProtocolVersion, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut major__ = None;
                let mut minor__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Major => {
                            if major__.is_some() {
                                return Err(serde::de::Error::duplicate_field("major"));
                            }
                            major__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::Minor => {
                            if minor__.is_some() {
                                return Err(serde::de::Error::duplicate_field("minor"));
                            }
                            minor__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                    }
                }
                Ok(ProtocolVersion {
                    major: major__.unwrap_or_default(),
                    minor: minor__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("flow.runtime.v1.ProtocolVersion", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for ServiceInfo {
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
        if !self.version.is_empty() {
            len += 1;
        }
        if !self.sdk_name.is_empty() {
            len += 1;
        }
        if !self.sdk_version.is_empty() {
            len += 1;
        }
        if !self.language.is_empty() {
            len += 1;
        }
        if !self.roles.is_empty() {
            len += 1;
        }
        if self.manifest.is_some() {
            len += 1;
        }
        if !self.instance_id.is_empty() {
            len += 1;
        }
        if self.start_time.is_some() {
            len += 1;
        }
        if !self.labels.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("flow.runtime.v1.ServiceInfo", len)?;
        if !self.name.is_empty() {
            struct_ser.serialize_field("name", &self.name)?;
        }
        if !self.version.is_empty() {
            struct_ser.serialize_field("version", &self.version)?;
        }
        if !self.sdk_name.is_empty() {
            struct_ser.serialize_field("sdkName", &self.sdk_name)?;
        }
        if !self.sdk_version.is_empty() {
            struct_ser.serialize_field("sdkVersion", &self.sdk_version)?;
        }
        if !self.language.is_empty() {
            struct_ser.serialize_field("language", &self.language)?;
        }
        if !self.roles.is_empty() {
            let v = self.roles.iter().cloned().map(|v| {
                super::super::common::v1::Role::try_from(v)
                    .map_err(|_| serde::ser::Error::custom(format!("Invalid variant {}", v)))
                }).collect::<std::result::Result<Vec<_>, _>>()?;
            struct_ser.serialize_field("roles", &v)?;
        }
        if let Some(v) = self.manifest.as_ref() {
            struct_ser.serialize_field("manifest", v)?;
        }
        if !self.instance_id.is_empty() {
            struct_ser.serialize_field("instanceId", &self.instance_id)?;
        }
        if let Some(v) = self.start_time.as_ref() {
            struct_ser.serialize_field("startTime", v)?;
        }
        if !self.labels.is_empty() {
            struct_ser.serialize_field("labels", &self.labels)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for ServiceInfo {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "name",
            "version",
            "sdk_name",
            "sdkName",
            "sdk_version",
            "sdkVersion",
            "language",
            "roles",
            "manifest",
            "instance_id",
            "instanceId",
            "start_time",
            "startTime",
            "labels",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Name,
            Version,
            SdkName,
            SdkVersion,
            Language,
            Roles,
            Manifest,
            InstanceId,
            StartTime,
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
                            "name" => Ok(GeneratedField::Name),
                            "version" => Ok(GeneratedField::Version),
                            "sdkName" | "sdk_name" => Ok(GeneratedField::SdkName),
                            "sdkVersion" | "sdk_version" => Ok(GeneratedField::SdkVersion),
                            "language" => Ok(GeneratedField::Language),
                            "roles" => Ok(GeneratedField::Roles),
                            "manifest" => Ok(GeneratedField::Manifest),
                            "instanceId" | "instance_id" => Ok(GeneratedField::InstanceId),
                            "startTime" | "start_time" => Ok(GeneratedField::StartTime),
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
            type Value = ServiceInfo;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.runtime.v1.ServiceInfo")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<ServiceInfo, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut name__ = None;
                let mut version__ = None;
                let mut sdk_name__ = None;
                let mut sdk_version__ = None;
                let mut language__ = None;
                let mut roles__ = None;
                let mut manifest__ = None;
                let mut instance_id__ = None;
                let mut start_time__ = None;
                let mut labels__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Name => {
                            if name__.is_some() {
                                return Err(serde::de::Error::duplicate_field("name"));
                            }
                            name__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Version => {
                            if version__.is_some() {
                                return Err(serde::de::Error::duplicate_field("version"));
                            }
                            version__ = Some(map_.next_value()?);
                        }
                        GeneratedField::SdkName => {
                            if sdk_name__.is_some() {
                                return Err(serde::de::Error::duplicate_field("sdkName"));
                            }
                            sdk_name__ = Some(map_.next_value()?);
                        }
                        GeneratedField::SdkVersion => {
                            if sdk_version__.is_some() {
                                return Err(serde::de::Error::duplicate_field("sdkVersion"));
                            }
                            sdk_version__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Language => {
                            if language__.is_some() {
                                return Err(serde::de::Error::duplicate_field("language"));
                            }
                            language__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Roles => {
                            if roles__.is_some() {
                                return Err(serde::de::Error::duplicate_field("roles"));
                            }
                            roles__ = Some(map_.next_value::<Vec<super::super::common::v1::Role>>()?.into_iter().map(|x| x as i32).collect());
                        }
                        GeneratedField::Manifest => {
                            if manifest__.is_some() {
                                return Err(serde::de::Error::duplicate_field("manifest"));
                            }
                            manifest__ = map_.next_value()?;
                        }
                        GeneratedField::InstanceId => {
                            if instance_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("instanceId"));
                            }
                            instance_id__ = Some(map_.next_value()?);
                        }
                        GeneratedField::StartTime => {
                            if start_time__.is_some() {
                                return Err(serde::de::Error::duplicate_field("startTime"));
                            }
                            start_time__ = map_.next_value()?;
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
                Ok(ServiceInfo {
                    name: name__.unwrap_or_default(),
                    version: version__.unwrap_or_default(),
                    sdk_name: sdk_name__.unwrap_or_default(),
                    sdk_version: sdk_version__.unwrap_or_default(),
                    language: language__.unwrap_or_default(),
                    roles: roles__.unwrap_or_default(),
                    manifest: manifest__,
                    instance_id: instance_id__.unwrap_or_default(),
                    start_time: start_time__,
                    labels: labels__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("flow.runtime.v1.ServiceInfo", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for ShutdownRequest {
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
        let mut struct_ser = serializer.serialize_struct("flow.runtime.v1.ShutdownRequest", len)?;
        if let Some(v) = self.grace_period.as_ref() {
            struct_ser.serialize_field("gracePeriod", v)?;
        }
        if !self.reason.is_empty() {
            struct_ser.serialize_field("reason", &self.reason)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for ShutdownRequest {
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
            type Value = ShutdownRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.runtime.v1.ShutdownRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<ShutdownRequest, V::Error>
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
                Ok(ShutdownRequest {
                    grace_period: grace_period__,
                    reason: reason__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("flow.runtime.v1.ShutdownRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for ShutdownResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let len = 0;
        let struct_ser = serializer.serialize_struct("flow.runtime.v1.ShutdownResponse", len)?;
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for ShutdownResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
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
                            Err(serde::de::Error::unknown_field(value, FIELDS))
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = ShutdownResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.runtime.v1.ShutdownResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<ShutdownResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                while map_.next_key::<GeneratedField>()?.is_some() {
                    let _ = map_.next_value::<serde::de::IgnoredAny>()?;
                }
                Ok(ShutdownResponse {
                })
            }
        }
        deserializer.deserialize_struct("flow.runtime.v1.ShutdownResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for ValidateConfigRequest {
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
        let mut struct_ser = serializer.serialize_struct("flow.runtime.v1.ValidateConfigRequest", len)?;
        if !self.component.is_empty() {
            struct_ser.serialize_field("component", &self.component)?;
        }
        if let Some(v) = self.config.as_ref() {
            struct_ser.serialize_field("config", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for ValidateConfigRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "component",
            "config",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Component,
            Config,
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
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = ValidateConfigRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.runtime.v1.ValidateConfigRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<ValidateConfigRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut component__ = None;
                let mut config__ = None;
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
                    }
                }
                Ok(ValidateConfigRequest {
                    component: component__.unwrap_or_default(),
                    config: config__,
                })
            }
        }
        deserializer.deserialize_struct("flow.runtime.v1.ValidateConfigRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for ValidateConfigResponse {
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
        let mut struct_ser = serializer.serialize_struct("flow.runtime.v1.ValidateConfigResponse", len)?;
        if !self.diagnostics.is_empty() {
            struct_ser.serialize_field("diagnostics", &self.diagnostics)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for ValidateConfigResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "diagnostics",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
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
            type Value = ValidateConfigResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.runtime.v1.ValidateConfigResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<ValidateConfigResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut diagnostics__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Diagnostics => {
                            if diagnostics__.is_some() {
                                return Err(serde::de::Error::duplicate_field("diagnostics"));
                            }
                            diagnostics__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(ValidateConfigResponse {
                    diagnostics: diagnostics__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("flow.runtime.v1.ValidateConfigResponse", FIELDS, GeneratedVisitor)
    }
}
