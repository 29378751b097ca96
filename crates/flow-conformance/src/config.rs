//! Component configurations: JSON <-> `google.protobuf.Struct`, the configuration the kit runs a
//! component with, and a deliberately invalid one derived from the component's JSON Schema.

use std::path::{Path, PathBuf};

use flow_proto::wkt::{ListValue, NullValue, Struct, Value, value::Kind};
use serde_json::{Map, Value as Json};

/// The name of a required string property the kit fills with a file path it owns (in a fresh
/// temporary directory), so that file-writing consumers (the TypeScript reference consumer's
/// `{"path": ...}`) run without `--config`.
pub const PATH_PROPERTY: &str = "path";

/// Why a JSON configuration cannot be sent as a `google.protobuf.Struct`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    /// Configurations are JSON objects (`ValidateConfigRequest.config`).
    #[error("a configuration must be a JSON object, got {0}")]
    NotAnObject(Json),
    /// A number a `Struct` (doubles only) cannot hold.
    #[error("{path}: the number {number} has no google.protobuf.Value form")]
    Number {
        /// Where, as a JSON pointer.
        path: String,
        /// The number as written.
        number: String,
    },
}

/// Converts a JSON object to a `Struct`. Anything but an object is an error, since configurations
/// are JSON objects (`ValidateConfigRequest.config`).
pub fn to_struct(json: &Json) -> Result<Struct, ConfigError> {
    match json {
        Json::Object(map) => object_to_struct(map, ""),
        other => Err(ConfigError::NotAnObject(other.clone())),
    }
}

fn object_to_struct(map: &Map<String, Json>, at: &str) -> Result<Struct, ConfigError> {
    map.iter()
        .map(|(k, v)| Ok((k.clone(), to_value(v, &format!("{at}/{k}"))?)))
        .collect()
}

fn to_value(json: &Json, at: &str) -> Result<Value, ConfigError> {
    let kind = match json {
        Json::Null => Kind::NullValue(NullValue::NullValue as i32),
        Json::Bool(b) => Kind::BoolValue(*b),
        // Struct numbers are doubles; every config number the kit writes fits exactly.
        Json::Number(n) => Kind::NumberValue(n.as_f64().ok_or_else(|| ConfigError::Number {
            path: at.to_owned(),
            number: n.to_string(),
        })?),
        Json::String(s) => Kind::StringValue(s.clone()),
        Json::Array(items) => Kind::ListValue(ListValue {
            values: items
                .iter()
                .enumerate()
                .map(|(i, v)| to_value(v, &format!("{at}/{i}")))
                .collect::<Result<_, _>>()?,
        }),
        Json::Object(map) => Kind::StructValue(object_to_struct(map, at)?),
    };
    Ok(Value { kind: Some(kind) })
}

/// Converts a `Struct` (a JSON Schema from `GetSchema`) back to JSON, to read it.
pub fn from_struct(s: &Struct) -> Json {
    Json::Object(
        s.fields
            .iter()
            .map(|(k, v)| (k.clone(), from_value(v)))
            .collect(),
    )
}

fn from_value(v: &Value) -> Json {
    match &v.kind {
        None | Some(Kind::NullValue(_)) => Json::Null,
        Some(Kind::BoolValue(b)) => Json::Bool(*b),
        Some(Kind::NumberValue(n)) => serde_json::Number::from_f64(*n)
            .map(Json::Number)
            .unwrap_or(Json::Null),
        Some(Kind::StringValue(s)) => Json::String(s.clone()),
        Some(Kind::ListValue(l)) => Json::Array(l.values.iter().map(from_value).collect()),
        Some(Kind::StructValue(s)) => from_struct(s),
    }
}

/// A temporary directory removed when dropped; holds files the kit hands to the service.
#[derive(Debug)]
pub struct ScratchDir(PathBuf);

impl ScratchDir {
    /// Creates a fresh directory under the system temp directory.
    pub fn new() -> std::io::Result<Self> {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default();
        let dir =
            std::env::temp_dir().join(format!("flow-conformance-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&dir)?;
        Ok(Self(dir))
    }

    /// The directory.
    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for ScratchDir {
    fn drop(&mut self) {
        // Best effort: a leftover temp directory is harmless and must not fail the run.
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Builds a configuration from the schema alone: every required property must be fillable (a
/// `default`, a `const`, the first of an `enum`, or the `path` convention). Returns why not
/// otherwise, naming the properties, so the kit can SKIP with a clear message.
pub fn derive_config(schema: &Json, scratch: &Path) -> Result<Json, String> {
    let props = schema.get("properties").and_then(Json::as_object);
    let required: Vec<&str> = schema
        .get("required")
        .and_then(Json::as_array)
        .map(|r| r.iter().filter_map(Json::as_str).collect())
        .unwrap_or_default();
    let mut config = Map::new();
    let mut missing = Vec::new();
    for name in required {
        let prop = props.and_then(|p| p.get(name));
        let typ = prop.and_then(|p| p.get("type")).and_then(Json::as_str);
        let filled = if let Some(v) = prop.and_then(|p| p.get("default").or_else(|| p.get("const")))
        {
            Some(v.clone())
        } else if let Some(first) = prop
            .and_then(|p| p.get("enum"))
            .and_then(Json::as_array)
            .and_then(|e| e.first())
        {
            Some(first.clone())
        } else if name == PATH_PROPERTY && matches!(typ, None | Some("string")) {
            Some(Json::String(
                scratch
                    .join("flow-conformance-output")
                    .to_string_lossy()
                    .into_owned(),
            ))
        } else {
            None
        };
        match filled {
            Some(v) => {
                config.insert(name.to_owned(), v);
            }
            None => missing.push(name),
        }
    }
    if missing.is_empty() {
        Ok(Json::Object(config))
    } else {
        Err(format!(
            "the schema requires {} which the kit cannot invent; pass --config",
            missing.join(", ")
        ))
    }
}

/// An obviously invalid configuration: `valid` with one attribute made wrong. Prefers a property
/// of the schema set to a value of the wrong type, then an unknown attribute. Returns the
/// configuration and the attribute name the service should point its diagnostic at.
pub fn invalid_config(schema: &Json, valid: Option<&Json>) -> (Json, String) {
    let mut config = valid.and_then(Json::as_object).cloned().unwrap_or_default();
    if let Some(props) = schema.get("properties").and_then(Json::as_object) {
        for (name, prop) in props {
            let wrong = match prop.get("type").and_then(Json::as_str) {
                Some("string") => Json::from(12345),
                Some("integer" | "number") => Json::from("not a number"),
                Some("boolean" | "object" | "array") => Json::from("wrong type"),
                _ => continue,
            };
            config.insert(name.clone(), wrong);
            return (Json::Object(config), name.clone());
        }
    }
    let name = "__flow_conformance_unknown__".to_owned();
    config.insert(name.clone(), Json::from(1));
    (Json::Object(config), name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn struct_round_trip() {
        let j = json!({"a": 1.5, "b": [true, null, "x"], "c": {"d": "e"}});
        assert_eq!(from_struct(&to_struct(&j).unwrap()), j);
        assert_eq!(
            to_struct(&json!([1])).unwrap_err().to_string(),
            "a configuration must be a JSON object, got [1]"
        );
    }

    #[test]
    fn derives_path_and_defaults() {
        let schema = json!({"required": ["path", "mode"], "properties": {
            "path": {"type": "string"}, "mode": {"type": "string", "enum": ["a", "b"]}}});
        let cfg = derive_config(&schema, Path::new("/tmp/x")).unwrap();
        assert_eq!(cfg["mode"], "a");
        assert_eq!(cfg["path"], "/tmp/x/flow-conformance-output");
        let err = derive_config(&json!({"required": ["dsn"]}), Path::new("/tmp")).unwrap_err();
        assert!(err.contains("dsn"), "{err}");
    }

    #[test]
    fn invalid_prefers_wrong_type() {
        let schema = json!({"properties": {"mode": {"type": "string"}}});
        let (cfg, attr) = invalid_config(&schema, Some(&json!({"path": "/p"})));
        assert_eq!(attr, "mode");
        assert_eq!(cfg, json!({"path": "/p", "mode": 12345}));
        let (cfg, attr) = invalid_config(&json!({}), None);
        assert_eq!(cfg, json!({"__flow_conformance_unknown__": 1}));
        assert_eq!(attr, "__flow_conformance_unknown__");
    }
}
