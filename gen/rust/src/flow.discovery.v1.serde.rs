impl serde::Serialize for DeregisterServiceRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.lease_id.is_empty() {
            len += 1;
        }
        if !self.reason.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("flow.discovery.v1.DeregisterServiceRequest", len)?;
        if !self.lease_id.is_empty() {
            struct_ser.serialize_field("leaseId", &self.lease_id)?;
        }
        if !self.reason.is_empty() {
            struct_ser.serialize_field("reason", &self.reason)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for DeregisterServiceRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "lease_id",
            "leaseId",
            "reason",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            LeaseId,
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
                            "leaseId" | "lease_id" => Ok(GeneratedField::LeaseId),
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
            type Value = DeregisterServiceRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.discovery.v1.DeregisterServiceRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<DeregisterServiceRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut lease_id__ = None;
                let mut reason__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::LeaseId => {
                            if lease_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("leaseId"));
                            }
                            lease_id__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Reason => {
                            if reason__.is_some() {
                                return Err(serde::de::Error::duplicate_field("reason"));
                            }
                            reason__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(DeregisterServiceRequest {
                    lease_id: lease_id__.unwrap_or_default(),
                    reason: reason__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("flow.discovery.v1.DeregisterServiceRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for DeregisterServiceResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let len = 0;
        let struct_ser = serializer.serialize_struct("flow.discovery.v1.DeregisterServiceResponse", len)?;
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for DeregisterServiceResponse {
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
            type Value = DeregisterServiceResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.discovery.v1.DeregisterServiceResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<DeregisterServiceResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                while map_.next_key::<GeneratedField>()?.is_some() {
                    let _ = map_.next_value::<serde::de::IgnoredAny>()?;
                }
                Ok(DeregisterServiceResponse {
                })
            }
        }
        deserializer.deserialize_struct("flow.discovery.v1.DeregisterServiceResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for ListServicesRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.roles.is_empty() {
            len += 1;
        }
        if !self.name.is_empty() {
            len += 1;
        }
        if self.page_size != 0 {
            len += 1;
        }
        if !self.page_token.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("flow.discovery.v1.ListServicesRequest", len)?;
        if !self.roles.is_empty() {
            let v = self.roles.iter().cloned().map(|v| {
                super::super::common::v1::Role::try_from(v)
                    .map_err(|_| serde::ser::Error::custom(format!("Invalid variant {}", v)))
                }).collect::<std::result::Result<Vec<_>, _>>()?;
            struct_ser.serialize_field("roles", &v)?;
        }
        if !self.name.is_empty() {
            struct_ser.serialize_field("name", &self.name)?;
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
impl<'de> serde::Deserialize<'de> for ListServicesRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "roles",
            "name",
            "page_size",
            "pageSize",
            "page_token",
            "pageToken",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Roles,
            Name,
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
                            "roles" => Ok(GeneratedField::Roles),
                            "name" => Ok(GeneratedField::Name),
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
            type Value = ListServicesRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.discovery.v1.ListServicesRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<ListServicesRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut roles__ = None;
                let mut name__ = None;
                let mut page_size__ = None;
                let mut page_token__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Roles => {
                            if roles__.is_some() {
                                return Err(serde::de::Error::duplicate_field("roles"));
                            }
                            roles__ = Some(map_.next_value::<Vec<super::super::common::v1::Role>>()?.into_iter().map(|x| x as i32).collect());
                        }
                        GeneratedField::Name => {
                            if name__.is_some() {
                                return Err(serde::de::Error::duplicate_field("name"));
                            }
                            name__ = Some(map_.next_value()?);
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
                Ok(ListServicesRequest {
                    roles: roles__.unwrap_or_default(),
                    name: name__.unwrap_or_default(),
                    page_size: page_size__.unwrap_or_default(),
                    page_token: page_token__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("flow.discovery.v1.ListServicesRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for ListServicesResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.services.is_empty() {
            len += 1;
        }
        if !self.next_page_token.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("flow.discovery.v1.ListServicesResponse", len)?;
        if !self.services.is_empty() {
            struct_ser.serialize_field("services", &self.services)?;
        }
        if !self.next_page_token.is_empty() {
            struct_ser.serialize_field("nextPageToken", &self.next_page_token)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for ListServicesResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "services",
            "next_page_token",
            "nextPageToken",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Services,
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
                            "services" => Ok(GeneratedField::Services),
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
            type Value = ListServicesResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.discovery.v1.ListServicesResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<ListServicesResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut services__ = None;
                let mut next_page_token__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Services => {
                            if services__.is_some() {
                                return Err(serde::de::Error::duplicate_field("services"));
                            }
                            services__ = Some(map_.next_value()?);
                        }
                        GeneratedField::NextPageToken => {
                            if next_page_token__.is_some() {
                                return Err(serde::de::Error::duplicate_field("nextPageToken"));
                            }
                            next_page_token__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(ListServicesResponse {
                    services: services__.unwrap_or_default(),
                    next_page_token: next_page_token__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("flow.discovery.v1.ListServicesResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for RegisterServiceRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.service.is_some() {
            len += 1;
        }
        if !self.endpoint.is_empty() {
            len += 1;
        }
        if !self.protocol_versions.is_empty() {
            len += 1;
        }
        if self.lease_ttl.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("flow.discovery.v1.RegisterServiceRequest", len)?;
        if let Some(v) = self.service.as_ref() {
            struct_ser.serialize_field("service", v)?;
        }
        if !self.endpoint.is_empty() {
            struct_ser.serialize_field("endpoint", &self.endpoint)?;
        }
        if !self.protocol_versions.is_empty() {
            struct_ser.serialize_field("protocolVersions", &self.protocol_versions)?;
        }
        if let Some(v) = self.lease_ttl.as_ref() {
            struct_ser.serialize_field("leaseTtl", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for RegisterServiceRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "service",
            "endpoint",
            "protocol_versions",
            "protocolVersions",
            "lease_ttl",
            "leaseTtl",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Service,
            Endpoint,
            ProtocolVersions,
            LeaseTtl,
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
                            "service" => Ok(GeneratedField::Service),
                            "endpoint" => Ok(GeneratedField::Endpoint),
                            "protocolVersions" | "protocol_versions" => Ok(GeneratedField::ProtocolVersions),
                            "leaseTtl" | "lease_ttl" => Ok(GeneratedField::LeaseTtl),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = RegisterServiceRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.discovery.v1.RegisterServiceRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<RegisterServiceRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut service__ = None;
                let mut endpoint__ = None;
                let mut protocol_versions__ = None;
                let mut lease_ttl__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Service => {
                            if service__.is_some() {
                                return Err(serde::de::Error::duplicate_field("service"));
                            }
                            service__ = map_.next_value()?;
                        }
                        GeneratedField::Endpoint => {
                            if endpoint__.is_some() {
                                return Err(serde::de::Error::duplicate_field("endpoint"));
                            }
                            endpoint__ = Some(map_.next_value()?);
                        }
                        GeneratedField::ProtocolVersions => {
                            if protocol_versions__.is_some() {
                                return Err(serde::de::Error::duplicate_field("protocolVersions"));
                            }
                            protocol_versions__ = Some(map_.next_value()?);
                        }
                        GeneratedField::LeaseTtl => {
                            if lease_ttl__.is_some() {
                                return Err(serde::de::Error::duplicate_field("leaseTtl"));
                            }
                            lease_ttl__ = map_.next_value()?;
                        }
                    }
                }
                Ok(RegisterServiceRequest {
                    service: service__,
                    endpoint: endpoint__.unwrap_or_default(),
                    protocol_versions: protocol_versions__.unwrap_or_default(),
                    lease_ttl: lease_ttl__,
                })
            }
        }
        deserializer.deserialize_struct("flow.discovery.v1.RegisterServiceRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for RegisterServiceResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.lease_id.is_empty() {
            len += 1;
        }
        if self.renew_interval.is_some() {
            len += 1;
        }
        if self.granted_ttl.is_some() {
            len += 1;
        }
        if self.expire_time.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("flow.discovery.v1.RegisterServiceResponse", len)?;
        if !self.lease_id.is_empty() {
            struct_ser.serialize_field("leaseId", &self.lease_id)?;
        }
        if let Some(v) = self.renew_interval.as_ref() {
            struct_ser.serialize_field("renewInterval", v)?;
        }
        if let Some(v) = self.granted_ttl.as_ref() {
            struct_ser.serialize_field("grantedTtl", v)?;
        }
        if let Some(v) = self.expire_time.as_ref() {
            struct_ser.serialize_field("expireTime", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for RegisterServiceResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "lease_id",
            "leaseId",
            "renew_interval",
            "renewInterval",
            "granted_ttl",
            "grantedTtl",
            "expire_time",
            "expireTime",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            LeaseId,
            RenewInterval,
            GrantedTtl,
            ExpireTime,
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
                            "leaseId" | "lease_id" => Ok(GeneratedField::LeaseId),
                            "renewInterval" | "renew_interval" => Ok(GeneratedField::RenewInterval),
                            "grantedTtl" | "granted_ttl" => Ok(GeneratedField::GrantedTtl),
                            "expireTime" | "expire_time" => Ok(GeneratedField::ExpireTime),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = RegisterServiceResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.discovery.v1.RegisterServiceResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<RegisterServiceResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut lease_id__ = None;
                let mut renew_interval__ = None;
                let mut granted_ttl__ = None;
                let mut expire_time__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::LeaseId => {
                            if lease_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("leaseId"));
                            }
                            lease_id__ = Some(map_.next_value()?);
                        }
                        GeneratedField::RenewInterval => {
                            if renew_interval__.is_some() {
                                return Err(serde::de::Error::duplicate_field("renewInterval"));
                            }
                            renew_interval__ = map_.next_value()?;
                        }
                        GeneratedField::GrantedTtl => {
                            if granted_ttl__.is_some() {
                                return Err(serde::de::Error::duplicate_field("grantedTtl"));
                            }
                            granted_ttl__ = map_.next_value()?;
                        }
                        GeneratedField::ExpireTime => {
                            if expire_time__.is_some() {
                                return Err(serde::de::Error::duplicate_field("expireTime"));
                            }
                            expire_time__ = map_.next_value()?;
                        }
                    }
                }
                Ok(RegisterServiceResponse {
                    lease_id: lease_id__.unwrap_or_default(),
                    renew_interval: renew_interval__,
                    granted_ttl: granted_ttl__,
                    expire_time: expire_time__,
                })
            }
        }
        deserializer.deserialize_struct("flow.discovery.v1.RegisterServiceResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for RegisteredService {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.service.is_some() {
            len += 1;
        }
        if !self.endpoint.is_empty() {
            len += 1;
        }
        if !self.protocol_versions.is_empty() {
            len += 1;
        }
        if self.register_time.is_some() {
            len += 1;
        }
        if self.last_renew_time.is_some() {
            len += 1;
        }
        if self.expire_time.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("flow.discovery.v1.RegisteredService", len)?;
        if let Some(v) = self.service.as_ref() {
            struct_ser.serialize_field("service", v)?;
        }
        if !self.endpoint.is_empty() {
            struct_ser.serialize_field("endpoint", &self.endpoint)?;
        }
        if !self.protocol_versions.is_empty() {
            struct_ser.serialize_field("protocolVersions", &self.protocol_versions)?;
        }
        if let Some(v) = self.register_time.as_ref() {
            struct_ser.serialize_field("registerTime", v)?;
        }
        if let Some(v) = self.last_renew_time.as_ref() {
            struct_ser.serialize_field("lastRenewTime", v)?;
        }
        if let Some(v) = self.expire_time.as_ref() {
            struct_ser.serialize_field("expireTime", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for RegisteredService {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "service",
            "endpoint",
            "protocol_versions",
            "protocolVersions",
            "register_time",
            "registerTime",
            "last_renew_time",
            "lastRenewTime",
            "expire_time",
            "expireTime",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Service,
            Endpoint,
            ProtocolVersions,
            RegisterTime,
            LastRenewTime,
            ExpireTime,
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
                            "service" => Ok(GeneratedField::Service),
                            "endpoint" => Ok(GeneratedField::Endpoint),
                            "protocolVersions" | "protocol_versions" => Ok(GeneratedField::ProtocolVersions),
                            "registerTime" | "register_time" => Ok(GeneratedField::RegisterTime),
                            "lastRenewTime" | "last_renew_time" => Ok(GeneratedField::LastRenewTime),
                            "expireTime" | "expire_time" => Ok(GeneratedField::ExpireTime),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = RegisteredService;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.discovery.v1.RegisteredService")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<RegisteredService, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut service__ = None;
                let mut endpoint__ = None;
                let mut protocol_versions__ = None;
                let mut register_time__ = None;
                let mut last_renew_time__ = None;
                let mut expire_time__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Service => {
                            if service__.is_some() {
                                return Err(serde::de::Error::duplicate_field("service"));
                            }
                            service__ = map_.next_value()?;
                        }
                        GeneratedField::Endpoint => {
                            if endpoint__.is_some() {
                                return Err(serde::de::Error::duplicate_field("endpoint"));
                            }
                            endpoint__ = Some(map_.next_value()?);
                        }
                        GeneratedField::ProtocolVersions => {
                            if protocol_versions__.is_some() {
                                return Err(serde::de::Error::duplicate_field("protocolVersions"));
                            }
                            protocol_versions__ = Some(map_.next_value()?);
                        }
                        GeneratedField::RegisterTime => {
                            if register_time__.is_some() {
                                return Err(serde::de::Error::duplicate_field("registerTime"));
                            }
                            register_time__ = map_.next_value()?;
                        }
                        GeneratedField::LastRenewTime => {
                            if last_renew_time__.is_some() {
                                return Err(serde::de::Error::duplicate_field("lastRenewTime"));
                            }
                            last_renew_time__ = map_.next_value()?;
                        }
                        GeneratedField::ExpireTime => {
                            if expire_time__.is_some() {
                                return Err(serde::de::Error::duplicate_field("expireTime"));
                            }
                            expire_time__ = map_.next_value()?;
                        }
                    }
                }
                Ok(RegisteredService {
                    service: service__,
                    endpoint: endpoint__.unwrap_or_default(),
                    protocol_versions: protocol_versions__.unwrap_or_default(),
                    register_time: register_time__,
                    last_renew_time: last_renew_time__,
                    expire_time: expire_time__,
                })
            }
        }
        deserializer.deserialize_struct("flow.discovery.v1.RegisteredService", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for RenewLeaseRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.lease_id.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("flow.discovery.v1.RenewLeaseRequest", len)?;
        if !self.lease_id.is_empty() {
            struct_ser.serialize_field("leaseId", &self.lease_id)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for RenewLeaseRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "lease_id",
            "leaseId",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            LeaseId,
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
                            "leaseId" | "lease_id" => Ok(GeneratedField::LeaseId),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = RenewLeaseRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.discovery.v1.RenewLeaseRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<RenewLeaseRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut lease_id__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::LeaseId => {
                            if lease_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("leaseId"));
                            }
                            lease_id__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(RenewLeaseRequest {
                    lease_id: lease_id__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("flow.discovery.v1.RenewLeaseRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for RenewLeaseResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.expire_time.is_some() {
            len += 1;
        }
        if self.renew_interval.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("flow.discovery.v1.RenewLeaseResponse", len)?;
        if let Some(v) = self.expire_time.as_ref() {
            struct_ser.serialize_field("expireTime", v)?;
        }
        if let Some(v) = self.renew_interval.as_ref() {
            struct_ser.serialize_field("renewInterval", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for RenewLeaseResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "expire_time",
            "expireTime",
            "renew_interval",
            "renewInterval",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            ExpireTime,
            RenewInterval,
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
                            "expireTime" | "expire_time" => Ok(GeneratedField::ExpireTime),
                            "renewInterval" | "renew_interval" => Ok(GeneratedField::RenewInterval),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = RenewLeaseResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.discovery.v1.RenewLeaseResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<RenewLeaseResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut expire_time__ = None;
                let mut renew_interval__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::ExpireTime => {
                            if expire_time__.is_some() {
                                return Err(serde::de::Error::duplicate_field("expireTime"));
                            }
                            expire_time__ = map_.next_value()?;
                        }
                        GeneratedField::RenewInterval => {
                            if renew_interval__.is_some() {
                                return Err(serde::de::Error::duplicate_field("renewInterval"));
                            }
                            renew_interval__ = map_.next_value()?;
                        }
                    }
                }
                Ok(RenewLeaseResponse {
                    expire_time: expire_time__,
                    renew_interval: renew_interval__,
                })
            }
        }
        deserializer.deserialize_struct("flow.discovery.v1.RenewLeaseResponse", FIELDS, GeneratedVisitor)
    }
}
