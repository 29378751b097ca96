//! The cross-language config corpus (`tests/config-agreement/`): the shapes declared here as
//! Rust types, through `flow_sdk::config`, derive the corpus's schemas and reach its verdicts.
//! The Go processor and the TypeScript consumer run the same files (their `agreement` tests).

use std::path::PathBuf;

use flow_proto::common::v1::{AttributePath, Diagnostic};
use flow_proto::diagnostic::{AttributePathExt, DiagnosticExt};
use flow_proto::wkt::Struct;
use flow_sdk::config::{self, Config, INVALID_VALUE};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value as Json};

/// The Go processor's `text_case` component.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct TextCase {
    #[serde(default)]
    mode: TextMode,
}

#[derive(Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
#[schemars(inline)]
enum TextMode {
    #[default]
    Uppercase,
    Passthrough,
}

impl Config for TextCase {}

/// The TypeScript consumer's `jsonl_file` component.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct JsonlFile {
    #[schemars(length(min = 2))]
    path: String,
    #[serde(default = "JsonlFile::credit_records")]
    #[schemars(range(min = 1, max = 1_000_000))]
    credit_records: u32,
    #[serde(default = "JsonlFile::credit_bytes")]
    #[schemars(range(min = 1, max = 1_073_741_824))]
    credit_bytes: u32,
    #[serde(default = "JsonlFile::max_record_bytes")]
    #[schemars(range(min = 1, max = 67_108_864))]
    max_record_bytes: u32,
}

impl JsonlFile {
    fn credit_records() -> u32 {
        256
    }
    fn credit_bytes() -> u32 {
        4 << 20
    }
    fn max_record_bytes() -> u32 {
        1 << 20
    }
}

impl Config for JsonlFile {
    fn validate(&self) -> Vec<Diagnostic> {
        let mut found = Vec::new();
        if !self.path.starts_with('/') || self.path.ends_with('/') || self.path.contains('\0') {
            found.push(out_of_range("path", "must be an absolute file path"));
        }
        for (name, value, max) in [
            ("credit_records", self.credit_records, 1_000_000),
            ("credit_bytes", self.credit_bytes, 1 << 30),
            ("max_record_bytes", self.max_record_bytes, 64 << 20),
        ] {
            if !(1..=max).contains(&value) {
                found.push(out_of_range(name, "is out of range"));
            }
        }
        found
    }
}

fn out_of_range(name: &str, what: &str) -> Diagnostic {
    Diagnostic::error(format!("{name} {what}"))
        .with_reason(INVALID_VALUE)
        .at(AttributePath::root().attr(name))
}

fn corpus(name: &str) -> Json {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/config-agreement")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    serde_json::from_str(&text).unwrap()
}

/// The corpus's normal form of a schema: `$ref`s inlined, only the agreed keywords kept.
fn normalize(schema: &Json, root: &Json) -> Json {
    const KEPT: [&str; 10] = [
        "type",
        "properties",
        "required",
        "additionalProperties",
        "enum",
        "minimum",
        "maximum",
        "minLength",
        "maxLength",
        "default",
    ];
    let Some(map) = schema.as_object() else {
        return schema.clone();
    };
    if let Some(target) = map
        .get("$ref")
        .and_then(Json::as_str)
        .and_then(|r| r.strip_prefix('#'))
        .and_then(|pointer| root.pointer(pointer))
    {
        let mut merged = target.as_object().cloned().unwrap_or_default();
        merged.extend(
            map.iter()
                .filter(|(k, _)| *k != "$ref")
                .map(|(k, v)| (k.clone(), v.clone())),
        );
        return normalize(&Json::Object(merged), root);
    }
    let mut out = Map::new();
    for (key, value) in map.iter().filter(|(k, _)| KEPT.contains(&k.as_str())) {
        let value = match key.as_str() {
            "properties" => Json::Object(
                value
                    .as_object()
                    .unwrap()
                    .iter()
                    .map(|(name, property)| (name.clone(), normalize(property, root)))
                    .collect(),
            ),
            "required" => {
                let mut names = value.as_array().unwrap().clone();
                names.sort_by(|a, b| a.as_str().cmp(&b.as_str()));
                Json::Array(names)
            }
            _ => value.clone(),
        };
        out.insert(key.clone(), value);
    }
    Json::Object(out)
}

/// Numbers compared as doubles: a `Struct` (and every language's JSON) has no integers.
fn as_doubles(json: &Json) -> Json {
    match json {
        Json::Number(n) => serde_json::json!(n.as_f64().unwrap()),
        Json::Array(items) => Json::Array(items.iter().map(as_doubles).collect()),
        Json::Object(map) => Json::Object(
            map.iter()
                .map(|(k, v)| (k.clone(), as_doubles(v)))
                .collect(),
        ),
        other => other.clone(),
    }
}

fn agrees<T: Config + Serialize>(file: &str) {
    let corpus = corpus(file);
    let derived = serde_json::to_value(config::schema::<T>()).unwrap();
    assert_eq!(
        as_doubles(&normalize(&derived, &derived)),
        as_doubles(&corpus["schema"]),
        "{file}: the derived schema, normalized (derived: {derived:#})"
    );
    let cases = corpus["cases"].as_array().unwrap();
    assert!(cases.len() >= 5, "{file}: the corpus has its cases");
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let config: Struct = serde_json::from_value(case["config"].clone()).unwrap();
        let (parsed, diagnostics) = config::check::<T>(&config);
        let mut found: Vec<Json> = diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(|d| {
                let path = d.attribute.as_ref().map(|a| a.display().to_string());
                serde_json::json!([path.unwrap_or_default(), d.reason])
            })
            .collect();
        found.sort_by_key(|pair| pair.to_string());
        assert_eq!(
            Json::Array(found),
            case["diagnostics"],
            "{file}: {name}: {diagnostics:?}"
        );
        if case["diagnostics"].as_array().unwrap().is_empty() {
            let parsed = serde_json::to_value(parsed.expect("a clean config parses")).unwrap();
            assert_eq!(
                as_doubles(&parsed),
                as_doubles(&case["parsed"]),
                "{file}: {name}"
            );
        }
    }
}

#[test]
fn text_case_agrees_with_the_corpus() {
    agrees::<TextCase>("text_case.json");
}

#[test]
fn jsonl_file_agrees_with_the_corpus() {
    agrees::<JsonlFile>("jsonl_file.json");
}
