impl serde::Serialize for Ack {
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
        let mut struct_ser = serializer.serialize_struct("flow.frame.v1.Ack", len)?;
        if self.seq != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("seq", ToString::to_string(&self.seq).as_str())?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for Ack {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "seq",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
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
            type Value = Ack;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.frame.v1.Ack")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<Ack, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut seq__ = None;
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
                    }
                }
                Ok(Ack {
                    seq: seq__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("flow.frame.v1.Ack", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for ExchangeRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.frame.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("flow.frame.v1.ExchangeRequest", len)?;
        if let Some(v) = self.frame.as_ref() {
            struct_ser.serialize_field("frame", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for ExchangeRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "frame",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Frame,
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
                            "frame" => Ok(GeneratedField::Frame),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = ExchangeRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.frame.v1.ExchangeRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<ExchangeRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut frame__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Frame => {
                            if frame__.is_some() {
                                return Err(serde::de::Error::duplicate_field("frame"));
                            }
                            frame__ = map_.next_value()?;
                        }
                    }
                }
                Ok(ExchangeRequest {
                    frame: frame__,
                })
            }
        }
        deserializer.deserialize_struct("flow.frame.v1.ExchangeRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for ExchangeResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.frame.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("flow.frame.v1.ExchangeResponse", len)?;
        if let Some(v) = self.frame.as_ref() {
            struct_ser.serialize_field("frame", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for ExchangeResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "frame",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Frame,
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
                            "frame" => Ok(GeneratedField::Frame),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = ExchangeResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.frame.v1.ExchangeResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<ExchangeResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut frame__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Frame => {
                            if frame__.is_some() {
                                return Err(serde::de::Error::duplicate_field("frame"));
                            }
                            frame__ = map_.next_value()?;
                        }
                    }
                }
                Ok(ExchangeResponse {
                    frame: frame__,
                })
            }
        }
        deserializer.deserialize_struct("flow.frame.v1.ExchangeResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for Frame {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.stream_id.is_empty() {
            len += 1;
        }
        if self.seq != 0 {
            len += 1;
        }
        if !self.headers.is_empty() {
            len += 1;
        }
        if self.trace.is_some() {
            len += 1;
        }
        if self.end_of_stream {
            len += 1;
        }
        if self.body.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("flow.frame.v1.Frame", len)?;
        if !self.stream_id.is_empty() {
            struct_ser.serialize_field("streamId", &self.stream_id)?;
        }
        if self.seq != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("seq", ToString::to_string(&self.seq).as_str())?;
        }
        if !self.headers.is_empty() {
            struct_ser.serialize_field("headers", &self.headers)?;
        }
        if let Some(v) = self.trace.as_ref() {
            struct_ser.serialize_field("trace", v)?;
        }
        if self.end_of_stream {
            struct_ser.serialize_field("endOfStream", &self.end_of_stream)?;
        }
        if let Some(v) = self.body.as_ref() {
            match v {
                frame::Body::Message(v) => {
                    struct_ser.serialize_field("message", v)?;
                }
                frame::Body::Raw(v) => {
                    #[allow(clippy::needless_borrow)]
                    #[allow(clippy::needless_borrows_for_generic_args)]
                    struct_ser.serialize_field("raw", pbjson::private::base64::encode(&v).as_str())?;
                }
                frame::Body::Credit(v) => {
                    struct_ser.serialize_field("credit", v)?;
                }
                frame::Body::Ack(v) => {
                    struct_ser.serialize_field("ack", v)?;
                }
                frame::Body::Error(v) => {
                    struct_ser.serialize_field("error", v)?;
                }
            }
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for Frame {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "stream_id",
            "streamId",
            "seq",
            "headers",
            "trace",
            "end_of_stream",
            "endOfStream",
            "message",
            "raw",
            "credit",
            "ack",
            "error",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            StreamId,
            Seq,
            Headers,
            Trace,
            EndOfStream,
            Message,
            Raw,
            Credit,
            Ack,
            Error,
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
                            "streamId" | "stream_id" => Ok(GeneratedField::StreamId),
                            "seq" => Ok(GeneratedField::Seq),
                            "headers" => Ok(GeneratedField::Headers),
                            "trace" => Ok(GeneratedField::Trace),
                            "endOfStream" | "end_of_stream" => Ok(GeneratedField::EndOfStream),
                            "message" => Ok(GeneratedField::Message),
                            "raw" => Ok(GeneratedField::Raw),
                            "credit" => Ok(GeneratedField::Credit),
                            "ack" => Ok(GeneratedField::Ack),
                            "error" => Ok(GeneratedField::Error),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = Frame;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct flow.frame.v1.Frame")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<Frame, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut stream_id__ = None;
                let mut seq__ = None;
                let mut headers__ = None;
                let mut trace__ = None;
                let mut end_of_stream__ = None;
                let mut body__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::StreamId => {
                            if stream_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("streamId"));
                            }
                            stream_id__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Seq => {
                            if seq__.is_some() {
                                return Err(serde::de::Error::duplicate_field("seq"));
                            }
                            seq__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::Headers => {
                            if headers__.is_some() {
                                return Err(serde::de::Error::duplicate_field("headers"));
                            }
                            headers__ = Some(
                                map_.next_value::<std::collections::BTreeMap<_, _>>()?
                            );
                        }
                        GeneratedField::Trace => {
                            if trace__.is_some() {
                                return Err(serde::de::Error::duplicate_field("trace"));
                            }
                            trace__ = map_.next_value()?;
                        }
                        GeneratedField::EndOfStream => {
                            if end_of_stream__.is_some() {
                                return Err(serde::de::Error::duplicate_field("endOfStream"));
                            }
                            end_of_stream__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Message => {
                            if body__.is_some() {
                                return Err(serde::de::Error::duplicate_field("message"));
                            }
                            body__ = map_.next_value::<::std::option::Option<_>>()?.map(frame::Body::Message)
;
                        }
                        GeneratedField::Raw => {
                            if body__.is_some() {
                                return Err(serde::de::Error::duplicate_field("raw"));
                            }
                            body__ = map_.next_value::<::std::option::Option<::pbjson::private::BytesDeserialize<_>>>()?.map(|x| frame::Body::Raw(x.0));
                        }
                        GeneratedField::Credit => {
                            if body__.is_some() {
                                return Err(serde::de::Error::duplicate_field("credit"));
                            }
                            body__ = map_.next_value::<::std::option::Option<_>>()?.map(frame::Body::Credit)
;
                        }
                        GeneratedField::Ack => {
                            if body__.is_some() {
                                return Err(serde::de::Error::duplicate_field("ack"));
                            }
                            body__ = map_.next_value::<::std::option::Option<_>>()?.map(frame::Body::Ack)
;
                        }
                        GeneratedField::Error => {
                            if body__.is_some() {
                                return Err(serde::de::Error::duplicate_field("error"));
                            }
                            body__ = map_.next_value::<::std::option::Option<_>>()?.map(frame::Body::Error)
;
                        }
                    }
                }
                Ok(Frame {
                    stream_id: stream_id__.unwrap_or_default(),
                    seq: seq__.unwrap_or_default(),
                    headers: headers__.unwrap_or_default(),
                    trace: trace__,
                    end_of_stream: end_of_stream__.unwrap_or_default(),
                    body: body__,
                })
            }
        }
        deserializer.deserialize_struct("flow.frame.v1.Frame", FIELDS, GeneratedVisitor)
    }
}
