//! Typed configuration: declare a component's configuration once, as a Rust type, and the SDK
//! derives the rest.
//!
//! ```
//! use flow_proto::common::v1::{AttributePath, Diagnostic, Role};
//! use flow_proto::diagnostic::{AttributePathExt, DiagnosticExt};
//! use flow_sdk::Component;
//! use flow_sdk::config::{Config, TypedConfig};
//!
//! /// Upper-cases every record.
//! #[derive(serde::Deserialize, schemars::JsonSchema)]
//! #[serde(deny_unknown_fields)]
//! struct Upper {
//!     /// The locale to upper-case in.
//!     locale: String,
//!     /// The service's credentials.
//!     #[schemars(extend("x-flow-sensitive" = true))]
//!     #[serde(default)]
//!     token: Option<String>,
//! }
//!
//! impl Config for Upper {
//!     fn validate(&self) -> Vec<Diagnostic> {
//!         if self.locale.is_empty() {
//!             vec![Diagnostic::error("locale must not be empty")
//!                 .with_reason("INVALID_VALUE")
//!                 .at(AttributePath::root().attr("locale"))]
//!         } else {
//!             vec![]
//!         }
//!     }
//! }
//!
//! let component = Component::new("upper", Role::Processor)
//!     .config::<Upper>()
//!     .on_configure_typed(|input: TypedConfig<Upper>| async move {
//!         println!("generation {} in locale {}", input.generation, input.value.locale);
//!         vec![]
//!     });
//! assert!(component.schema().config_schema.is_some());
//! assert_eq!(component.schema().sensitive_paths, [AttributePath::root().attr("token")]);
//! ```
//!
//! - **Schema.** `GetSchema` returns the type's JSON Schema (draft 2020-12, from
//!   [`schemars`]); fields marked `#[schemars(extend("x-flow-sensitive" = true))]` are listed as
//!   the component's sensitive paths ([`SENSITIVE`]).
//! - **Validation.** `ValidateConfig` and `Configure` deserialize the configuration into the type
//!   strictly. Put `#[serde(deny_unknown_fields)]` on every struct; the SDK refuses unknown
//!   attributes even where it is missing (it watches for ignored keys with `serde_ignored`, and
//!   the schema says `"additionalProperties": false` for every object with properties). Every
//!   problem is an ERROR [`Diagnostic`] whose `attribute` is the JSON path of the bad value
//!   (map keys are attribute names, list indices `element_key_int`), with a reason:
//!   `UNKNOWN_ATTRIBUTE`, `INVALID_TYPE`, `INVALID_VALUE` or `REQUIRED_FIELD_MISSING`. Serde
//!   stops at the first error inside a value; the SDK then sets that top-level attribute aside
//!   and parses again, so each top-level attribute gets its own finding. Semantic checks (ranges,
//!   combinations) go in [`Config::validate`], run on the parsed value.
//! - **Typed values.** [`Component::on_configure_typed`] hands the callback a [`TypedConfig`]
//!   with the parsed value; [`parse`] does the same anywhere else (a stream start's config).

use std::collections::BTreeSet;
use std::future::Future;

use flow_proto::common::v1::attribute_path::step::Selector;
use flow_proto::common::v1::{AttributePath, Diagnostic};
use flow_proto::diagnostic::{AttributePathExt, DiagnosticExt};
use flow_proto::wkt::{Struct, Value, value::Kind};
use serde::de::DeserializeOwned;
use serde_json::{Map, Value as Json};

use crate::service::{Component, ConfigInput};

pub use schemars;

/// The schema extension that marks a field as secret: `#[schemars(extend("x-flow-sensitive" =
/// true))]`.
pub const SENSITIVE: &str = "x-flow-sensitive";

/// Reason of an attribute the type does not declare.
pub const UNKNOWN_ATTRIBUTE: &str = "UNKNOWN_ATTRIBUTE";
/// Reason of a value of the wrong JSON type.
pub const INVALID_TYPE: &str = "INVALID_TYPE";
/// Reason of a value of the right type that the type does not accept.
pub const INVALID_VALUE: &str = "INVALID_VALUE";
/// Reason of a required attribute that is absent.
pub const REQUIRED_FIELD_MISSING: &str = "REQUIRED_FIELD_MISSING";

/// A component's configuration type. Derive `serde::Deserialize` (with
/// `#[serde(deny_unknown_fields)]`) and `schemars::JsonSchema`; implement
/// [`validate`](Self::validate) for checks serde cannot express.
pub trait Config: DeserializeOwned + schemars::JsonSchema + Send + Sync + 'static {
    /// Semantic checks on a parsed value (ranges, combinations). Errors make the configuration
    /// invalid; warnings and infos are reported with it. Default: none.
    fn validate(&self) -> Vec<Diagnostic> {
        Vec::new()
    }
}

/// What [`Component::on_configure_typed`] is given: the request and the parsed configuration.
#[derive(Clone, Debug, PartialEq)]
pub struct TypedConfig<T> {
    /// The component (`ComponentSchema.name`).
    pub component: String,
    /// The configured instance; empty for the component's default configuration.
    pub config_id: String,
    /// The generation being applied.
    pub generation: u64,
    /// The configuration, parsed and validated.
    pub value: T,
}

impl Component {
    /// Declares the configuration as the type `T`: sets the schema and sensitive paths from it
    /// and validates with [`validate`] (replacing any earlier [`validator`](Self::validator)).
    pub fn config<T: Config>(self) -> Self {
        let mut component = self.config_schema(schema::<T>());
        component
            .schema
            .sensitive_paths
            .extend(sensitive_paths::<T>());
        component.validator(|input| async move { validate::<T>(&input.config) })
    }

    /// Applies a configuration that passed validation, parsed as `T` (declare `T` with
    /// [`config`](Self::config) so that the validator is the same).
    pub fn on_configure_typed<T, F, Fut>(self, f: F) -> Self
    where
        T: Config,
        F: Fn(TypedConfig<T>) -> Fut + Send + Sync + Clone + 'static,
        Fut: Future<Output = Vec<Diagnostic>> + Send + 'static,
    {
        self.on_configure(move |input: ConfigInput| {
            let f = f.clone();
            async move {
                match parse::<T>(&input.config) {
                    Ok(value) => {
                        f(TypedConfig {
                            component: input.component,
                            config_id: input.config_id,
                            generation: input.generation,
                            value,
                        })
                        .await
                    }
                    Err(problems) => problems,
                }
            }
        })
    }
}

/// `T`'s JSON Schema as `GetSchema` returns it; every object schema with properties and no
/// `additionalProperties` is closed, as [`validate`] is.
pub fn schema<T: schemars::JsonSchema>() -> Struct {
    let mut json = schema_json::<T>();
    close_objects(&mut json);
    serde_json::from_value(json).expect("a JSON Schema is a JSON object")
}

fn schema_json<T: schemars::JsonSchema>() -> Json {
    serde_json::to_value(schemars::schema_for!(T)).expect("a schema serializes to JSON")
}

fn close_objects(json: &mut Json) {
    match json {
        Json::Object(map) => {
            if map.contains_key("properties") && !map.contains_key("additionalProperties") {
                map.insert("additionalProperties".into(), Json::Bool(false));
            }
            for (key, value) in map.iter_mut() {
                // `properties` maps names to schemas: a property may itself be called
                // "properties", so recurse into its values, not the map as a schema.
                if key == "properties" || key == "$defs" {
                    if let Json::Object(children) = value {
                        children.values_mut().for_each(close_objects);
                    }
                } else {
                    close_objects(value);
                }
            }
        }
        Json::Array(items) => items.iter_mut().for_each(close_objects),
        _ => {}
    }
}

/// The attributes of `T` marked [`SENSITIVE`], through nested structs (`$ref`, `anyOf` for
/// `Option`). A list's elements have no single path and are not followed.
pub fn sensitive_paths<T: schemars::JsonSchema>() -> Vec<AttributePath> {
    let root = schema_json::<T>();
    let mut found = Vec::new();
    collect_sensitive(&root, &root, &AttributePath::root(), &mut found, 0);
    found
}

fn collect_sensitive(
    root: &Json,
    schema: &Json,
    at: &AttributePath,
    found: &mut Vec<AttributePath>,
    depth: usize,
) {
    // Recursive types would otherwise never end.
    if depth > 32 {
        return;
    }
    let Some(map) = schema.as_object() else {
        return;
    };
    if map.get(SENSITIVE) == Some(&Json::Bool(true)) && !at.steps.is_empty() {
        if !found.contains(at) {
            found.push(at.clone());
        }
        return;
    }
    if let Some(target) = map
        .get("$ref")
        .and_then(Json::as_str)
        .and_then(|r| r.strip_prefix('#'))
        .and_then(|pointer| root.pointer(pointer))
    {
        collect_sensitive(root, target, at, found, depth + 1);
    }
    for key in ["anyOf", "oneOf", "allOf"] {
        for alternative in map.get(key).and_then(Json::as_array).into_iter().flatten() {
            collect_sensitive(root, alternative, at, found, depth + 1);
        }
    }
    for (name, property) in map
        .get("properties")
        .and_then(Json::as_object)
        .into_iter()
        .flatten()
    {
        collect_sensitive(root, property, &at.clone().attr(name), found, depth + 1);
    }
}

/// The configuration parsed as `T`, or the ERROR diagnostics that make it invalid (see the
/// [module](self)). Warnings of [`Config::validate`] are dropped; [`check`] keeps them.
pub fn parse<T: Config>(config: &Struct) -> Result<T, Vec<Diagnostic>> {
    match check::<T>(config) {
        (Some(value), diagnostics) if !diagnostics.iter().any(DiagnosticExt::is_error) => Ok(value),
        (_, diagnostics) => Err(diagnostics
            .into_iter()
            .filter(DiagnosticExt::is_error)
            .collect()),
    }
}

/// Every diagnostic for the configuration as `T`: the validator [`Component::config`] installs.
pub fn validate<T: Config>(config: &Struct) -> Vec<Diagnostic> {
    check::<T>(config).1
}

/// The parsed value (when it parses) and every diagnostic, ordered by attribute path.
pub fn check<T: Config>(config: &Struct) -> (Option<T>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let mut json = match struct_to_json(config) {
        Ok(json) => json,
        Err(not_json) => return (None, vec![not_json.diagnostic()]),
    };
    let mut unknown: Vec<AttributePath> = Vec::new();
    let mut set_aside: BTreeSet<String> = BTreeSet::new();
    let mut parsed = None;
    // Each round sets one top-level attribute aside, so there are at most that many rounds.
    let rounds = json.as_object().map_or(0, Map::len) + 1;
    for _ in 0..rounds {
        let mut ignored = Vec::new();
        let result = deserialize::<T>(json.clone(), &mut ignored);
        for path in ignored {
            if !unknown.contains(&path) {
                unknown.push(path);
            }
        }
        match result {
            Ok(value) => {
                parsed = Some(value);
                break;
            }
            Err(error) => {
                let problem = Problem::of(&error);
                if problem.reason == REQUIRED_FIELD_MISSING
                    && problem.path.steps.len() == 1
                    && first_name(&problem.path).is_some_and(|n| set_aside.contains(n))
                {
                    // Missing only because an earlier round set it aside: already reported.
                    break;
                }
                let top = first_name(&problem.path).map(str::to_owned);
                if problem.reason == UNKNOWN_ATTRIBUTE {
                    if !unknown.contains(&problem.path) {
                        unknown.push(problem.path.clone());
                    }
                } else {
                    diagnostics.push(problem.diagnostic);
                }
                let removed = match (top, json.as_object_mut()) {
                    (Some(top), Some(object)) => object.remove(&top).map(|_| top),
                    _ => None,
                };
                match removed {
                    Some(top) => {
                        set_aside.insert(top);
                    }
                    // The problem is the object itself (a missing attribute): nothing to set
                    // aside, and no value to check further.
                    None => break,
                }
            }
        }
    }
    diagnostics.extend(unknown.into_iter().map(unknown_attribute));
    if let Some(value) = &parsed {
        diagnostics.extend(value.validate());
    }
    diagnostics.sort_by_cached_key(|d| {
        d.attribute
            .as_ref()
            .map(|a| a.display().to_string())
            .unwrap_or_default()
    });
    let clean = !diagnostics.iter().any(DiagnosticExt::is_error);
    (parsed.filter(|_| clean), diagnostics)
}

fn deserialize<T: DeserializeOwned>(
    json: Json,
    ignored: &mut Vec<AttributePath>,
) -> Result<T, serde_path_to_error::Error<serde_json::Error>> {
    let mut track = serde_path_to_error::Track::new();
    let tracked = serde_path_to_error::Deserializer::new(json, &mut track);
    let result = serde_ignored::deserialize(tracked, |path| ignored.push(ignored_path(&path)));
    result.map_err(|error| serde_path_to_error::Error::new(track.path(), error))
}

fn ignored_path(path: &serde_ignored::Path<'_>) -> AttributePath {
    use serde_ignored::Path as P;
    match path {
        P::Root => AttributePath::root(),
        P::Seq { parent, index } => ignored_path(parent).index(*index as i64),
        P::Map { parent, key } => ignored_path(parent).attr(key.as_str()),
        P::Some { parent } | P::NewtypeStruct { parent } | P::NewtypeVariant { parent } => {
            ignored_path(parent)
        }
    }
}

fn first_name(path: &AttributePath) -> Option<&str> {
    match path.steps.first()?.selector.as_ref()? {
        Selector::AttributeName(name) | Selector::ElementKeyString(name) => Some(name),
        Selector::ElementKeyInt(_) => None,
    }
}

fn unknown_attribute(path: AttributePath) -> Diagnostic {
    let name = match path.steps.last().and_then(|s| s.selector.as_ref()) {
        Some(Selector::AttributeName(name) | Selector::ElementKeyString(name)) => name.clone(),
        _ => path.display().to_string(),
    };
    Diagnostic::error(format!("unknown attribute {name:?}"))
        .with_detail("the configuration type declares no such attribute")
        .with_reason(UNKNOWN_ATTRIBUTE)
        .at(path)
}

/// One serde error as a diagnostic.
struct Problem {
    reason: &'static str,
    path: AttributePath,
    diagnostic: Diagnostic,
}

impl Problem {
    fn of(error: &serde_path_to_error::Error<serde_json::Error>) -> Problem {
        let mut path = AttributePath::root();
        for segment in error.path().iter() {
            use serde_path_to_error::Segment;
            path = match segment {
                Segment::Seq { index } => path.index(*index as i64),
                Segment::Map { key } => path.attr(key.as_str()),
                Segment::Enum { .. } | Segment::Unknown => path,
            };
        }
        let message = error.inner().to_string();
        // serde_json appends " at line 1 column 2" only when reading text; a Value has none.
        let message = message.trim().to_owned();
        let named = |prefix: &str| {
            message
                .strip_prefix(prefix)
                .and_then(|rest| rest.split('`').next())
                .map(str::to_owned)
        };
        let (reason, summary) = if let Some(field) = named("unknown field `") {
            if first_name_is_last(&path, &field) {
                (UNKNOWN_ATTRIBUTE, message.clone())
            } else {
                path = path.attr(field);
                (UNKNOWN_ATTRIBUTE, message.clone())
            }
        } else if let Some(field) = named("missing field `") {
            path = path.attr(field.clone());
            (REQUIRED_FIELD_MISSING, format!("{field} is required"))
        } else if message.starts_with("invalid type: floating point") && expects_integer(&message) {
            // JSON has one number type: a fraction where an integer belongs is a wrong value.
            (INVALID_VALUE, message.clone())
        } else if message.starts_with("invalid type") {
            (INVALID_TYPE, message.clone())
        } else {
            (INVALID_VALUE, message.clone())
        };
        let summary = match path.steps.is_empty() {
            true => summary,
            false => format!("{}: {summary}", path.display()),
        };
        let diagnostic = Diagnostic::error(summary)
            .with_detail(message)
            .with_reason(reason)
            .at(path.clone());
        Problem {
            reason,
            path,
            diagnostic,
        }
    }
}

fn first_name_is_last(path: &AttributePath, name: &str) -> bool {
    matches!(
        path.steps.last().and_then(|s| s.selector.as_ref()),
        Some(Selector::AttributeName(last)) if last == name
    )
}

fn expects_integer(message: &str) -> bool {
    let Some((_, expected)) = message.rsplit_once("expected ") else {
        return false;
    };
    let expected = expected.trim_end_matches('.');
    [
        "u8", "u16", "u32", "u64", "u128", "usize", "i8", "i16", "i32", "i64", "i128", "isize",
    ]
    .contains(&expected)
        || expected.contains("integer")
}

/// The configuration as JSON, numbers that hold an integer exactly written as integers (a
/// `Struct` number is a double: `7.0` must parse as a `u64`). A NaN or infinity has no JSON form
/// and is an `INVALID_VALUE` at its path.
pub fn struct_to_json(config: &Struct) -> Result<Json, NotJson> {
    object_to_json(config, &AttributePath::root())
}

/// A number of a `Struct` that JSON cannot hold (NaN or an infinity).
#[derive(Clone, Debug, PartialEq)]
pub struct NotJson {
    /// Where it is.
    pub at: AttributePath,
    /// The number.
    pub number: f64,
}

impl NotJson {
    /// The `INVALID_VALUE` diagnostic at its path.
    pub fn diagnostic(&self) -> Diagnostic {
        Diagnostic::error(format!("{} is not a JSON number", self.number))
            .with_reason(INVALID_VALUE)
            .at(self.at.clone())
    }
}

fn object_to_json(s: &Struct, at: &AttributePath) -> Result<Json, NotJson> {
    let mut map = Map::new();
    for (name, value) in &s.fields {
        map.insert(
            name.clone(),
            value_to_json(value, &at.clone().attr(name.as_str()))?,
        );
    }
    Ok(Json::Object(map))
}

fn value_to_json(value: &Value, at: &AttributePath) -> Result<Json, NotJson> {
    /// 2^53: every integer up to it is exact in a double.
    const EXACT: f64 = 9_007_199_254_740_992.0;
    Ok(match &value.kind {
        None | Some(Kind::NullValue(_)) => Json::Null,
        Some(Kind::BoolValue(b)) => Json::Bool(*b),
        Some(Kind::NumberValue(n)) if n.fract() == 0.0 && n.abs() <= EXACT => {
            // Exact: |n| <= 2^53 and integral.
            Json::from(*n as i64)
        }
        Some(Kind::NumberValue(n)) => match serde_json::Number::from_f64(*n) {
            Some(number) => Json::Number(number),
            None => {
                return Err(NotJson {
                    at: at.clone(),
                    number: *n,
                });
            }
        },
        Some(Kind::StringValue(s)) => Json::String(s.clone()),
        Some(Kind::ListValue(list)) => Json::Array(
            list.values
                .iter()
                .enumerate()
                .map(|(i, v)| value_to_json(v, &at.clone().index(i as i64)))
                .collect::<Result<_, _>>()?,
        ),
        Some(Kind::StructValue(s)) => object_to_json(s, at)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    use serde::Deserialize;

    /// Where to send records.
    #[derive(Clone, Debug, PartialEq, Deserialize, schemars::JsonSchema)]
    #[serde(deny_unknown_fields)]
    struct Sink {
        /// The sink's name.
        name: String,
        /// Batch size.
        #[serde(default)]
        batch: Option<u32>,
        /// TLS settings.
        #[serde(default)]
        tls: Option<Tls>,
    }

    #[derive(Clone, Debug, PartialEq, Deserialize, schemars::JsonSchema)]
    #[serde(deny_unknown_fields)]
    struct Tls {
        ca: String,
        #[schemars(extend("x-flow-sensitive" = true))]
        #[serde(default)]
        key: Option<String>,
    }

    #[derive(Clone, Debug, PartialEq, Deserialize, schemars::JsonSchema)]
    #[serde(deny_unknown_fields)]
    struct Pipeline {
        /// The sinks, in order.
        sinks: Vec<Sink>,
        /// Retries per batch.
        #[serde(default)]
        retries: u8,
        #[schemars(extend("x-flow-sensitive" = true))]
        #[serde(default)]
        password: Option<String>,
    }

    impl Config for Pipeline {
        fn validate(&self) -> Vec<Diagnostic> {
            if self.retries > 5 {
                vec![
                    Diagnostic::error("retries must be at most 5")
                        .with_reason("VALUE_OUT_OF_RANGE")
                        .at(AttributePath::root().attr("retries")),
                ]
            } else {
                vec![]
            }
        }
    }

    /// The author forgot `deny_unknown_fields`.
    #[derive(Debug, Deserialize, schemars::JsonSchema)]
    struct Lenient {
        #[serde(default)]
        mode: Option<String>,
    }

    impl Config for Lenient {}

    fn cfg(json: serde_json::Value) -> Struct {
        serde_json::from_value(json).unwrap()
    }

    fn found(diagnostics: &[Diagnostic]) -> Vec<(String, &str)> {
        diagnostics
            .iter()
            .inspect(|d| assert!(d.is_error(), "{d:?}"))
            .map(|d| {
                let path = d.attribute.as_ref().unwrap().display().to_string();
                (path, d.reason.as_str())
            })
            .collect()
    }

    #[test]
    fn the_schema_comes_from_the_type() {
        let json = serde_json::to_value(schema::<Pipeline>()).unwrap();
        assert_eq!(json["type"], "object");
        assert_eq!(json["additionalProperties"], false);
        assert_eq!(json["required"], serde_json::json!(["sinks"]));
        assert_eq!(json["properties"]["sinks"]["type"], "array");
        assert_eq!(
            json["properties"]["sinks"]["description"],
            "The sinks, in order."
        );
        assert_eq!(json["$defs"]["Sink"]["additionalProperties"], false);
        assert_eq!(
            sensitive_paths::<Pipeline>(),
            [
                AttributePath::root().attr("password"),
                // Inside `Option<Tls>` behind a `$ref`, reached from no list: sinks are a list.
            ]
        );
        assert_eq!(
            sensitive_paths::<Sink>(),
            [AttributePath::root().attr("tls").attr("key")]
        );
        // Lenient has no deny_unknown_fields; its schema is closed anyway.
        let lenient = serde_json::to_value(schema::<Lenient>()).unwrap();
        assert_eq!(lenient["additionalProperties"], false);
    }

    #[test]
    fn a_valid_configuration_is_delivered_typed() {
        let config = cfg(serde_json::json!({
            "sinks": [{"name": "a", "batch": 10}, {"name": "b", "tls": {"ca": "/ca.pem"}}],
            "retries": 3,
        }));
        let value = parse::<Pipeline>(&config).unwrap();
        assert_eq!(value.retries, 3);
        assert_eq!(value.sinks[0].batch, Some(10));
        assert_eq!(value.sinks[1].tls.as_ref().unwrap().ca, "/ca.pem");
        assert!(validate::<Pipeline>(&config).is_empty());
    }

    #[test]
    fn problems_are_reported_at_their_json_path() {
        let config = cfg(serde_json::json!({
            "sinks": [{"name": "a"}, {"name": "b", "tls": {"ca": 7}}],
            "retries": "three",
            "typo": true,
        }));
        assert_eq!(
            found(&validate::<Pipeline>(&config)),
            [
                ("retries".to_owned(), INVALID_TYPE),
                ("sinks[1].tls.ca".to_owned(), INVALID_TYPE),
                ("typo".to_owned(), UNKNOWN_ATTRIBUTE),
            ]
        );
        let nested_unknown = cfg(serde_json::json!({"sinks": [{"name": "a", "colour": 1}]}));
        assert_eq!(
            found(&validate::<Pipeline>(&nested_unknown)),
            [("sinks[0].colour".to_owned(), UNKNOWN_ATTRIBUTE)]
        );
        let missing = cfg(serde_json::json!({"sinks": [{"batch": 1}]}));
        assert_eq!(
            found(&validate::<Pipeline>(&missing)),
            [("sinks[0].name".to_owned(), REQUIRED_FIELD_MISSING)]
        );
        let negative = cfg(serde_json::json!({"sinks": [], "retries": -1}));
        assert_eq!(
            found(&validate::<Pipeline>(&negative)),
            [("retries".to_owned(), INVALID_VALUE)]
        );
        let fraction = cfg(serde_json::json!({"sinks": [], "retries": 1.5}));
        assert_eq!(
            found(&validate::<Pipeline>(&fraction)),
            [("retries".to_owned(), INVALID_VALUE)]
        );
        let out_of_range = cfg(serde_json::json!({"sinks": [], "retries": 6}));
        assert_eq!(
            found(&validate::<Pipeline>(&out_of_range)),
            [("retries".to_owned(), "VALUE_OUT_OF_RANGE")]
        );
        assert!(parse::<Pipeline>(&out_of_range).is_err());
        let empty = Struct::default();
        assert_eq!(
            found(&validate::<Pipeline>(&empty)),
            [("sinks".to_owned(), REQUIRED_FIELD_MISSING)]
        );
    }

    #[test]
    fn unknown_fields_are_refused_without_deny_unknown_fields() {
        let config = cfg(serde_json::json!({"mode": "x", "extra": {"deep": 1}}));
        assert_eq!(
            found(&validate::<Lenient>(&config)),
            [("extra".to_owned(), UNKNOWN_ATTRIBUTE)]
        );
        assert!(parse::<Lenient>(&config).is_err());
        assert_eq!(
            parse::<Lenient>(&cfg(serde_json::json!({"mode": "x"})))
                .unwrap()
                .mode
                .as_deref(),
            Some("x")
        );
    }

    #[test]
    fn integral_doubles_parse_as_integers() {
        let json = struct_to_json(&cfg(serde_json::json!({"n": 7.0, "f": 0.5}))).unwrap();
        assert_eq!(json, serde_json::json!({"n": 7, "f": 0.5}));
    }

    #[tokio::test]
    async fn components_validate_and_configure_with_the_type() {
        use std::sync::{Arc, Mutex};
        let delivered: Arc<Mutex<Vec<(u64, Pipeline)>>> = Arc::default();
        let sink = delivered.clone();
        let component = Component::new("p", flow_proto::common::v1::Role::Consumer)
            .config::<Pipeline>()
            .on_configure_typed(move |input: TypedConfig<Pipeline>| {
                let sink = sink.clone();
                async move {
                    sink.lock().unwrap().push((input.generation, input.value));
                    vec![]
                }
            });
        assert!(component.schema().config_schema.is_some());
        assert_eq!(
            component.schema().sensitive_paths,
            [AttributePath::root().attr("password")]
        );
        let input = |json| ConfigInput {
            component: "p".into(),
            config_id: String::new(),
            generation: 4,
            config: cfg(json),
        };
        let validator = component.validator.as_ref().unwrap();
        let bad = validator(input(serde_json::json!({"sinks": [7]}))).await;
        assert_eq!(found(&bad), [("sinks[0]".to_owned(), INVALID_TYPE)]);
        let configure = component.configure.as_ref().unwrap();
        let applied = configure(input(serde_json::json!({"sinks": [{"name": "s"}]}))).await;
        assert!(applied.is_empty(), "{applied:?}");
        let delivered = delivered.lock().unwrap();
        assert_eq!(delivered.len(), 1);
        assert_eq!(delivered[0].0, 4);
        assert_eq!(delivered[0].1.sinks[0].name, "s");
    }
}
