//! Sample JSON for any message, built from its descriptor: every field set with a value of its
//! kind, one chosen variant per oneof. Used to seed one `populated` case per message and one case
//! per oneof variant, so that a new message or variant gets fixtures without anyone writing them.

use base64::Engine;
use prost_reflect::{FieldDescriptor, Kind, MessageDescriptor, OneofDescriptor};
use serde_json::{Map, Value, json};

/// How deep nested messages are filled; deeper ones are left unset (recursive types such as
/// `Failure.cause` would otherwise never end).
const MAX_DEPTH: usize = 3;

/// A case to seed for a top-level message.
pub struct SeedCase {
    /// Case name.
    pub name: String,
    /// The message as proto3 JSON.
    pub json: Value,
}

/// The seeded cases of a message: `empty`, `populated`, and one per variant of each oneof.
pub fn seed_cases(desc: &MessageDescriptor) -> Vec<SeedCase> {
    let mut cases = vec![
        SeedCase {
            name: "empty".into(),
            json: json!({}),
        },
        SeedCase {
            name: "populated".into(),
            json: sample_message(desc, 0, None),
        },
    ];
    for oneof in real_oneofs(desc) {
        for field in oneof.fields() {
            let mut only = Map::new();
            only.insert(field.json_name().to_owned(), sample_field(&field, 1));
            cases.push(SeedCase {
                name: format!("{}_{}", oneof.name(), field.name()),
                json: Value::Object(only),
            });
        }
    }
    cases
}

/// Oneofs written in the .proto, not the synthetic ones proto3 `optional` creates.
fn real_oneofs(desc: &MessageDescriptor) -> impl Iterator<Item = OneofDescriptor> + '_ {
    desc.oneofs().filter(|o| !o.is_synthetic())
}

/// A message with every field set. `variant` picks the field of a oneof to set (by field
/// number); other oneofs get their first field.
fn sample_message(desc: &MessageDescriptor, depth: usize, variant: Option<u32>) -> Value {
    if let Some(wkt) = well_known_sample(desc.full_name()) {
        return wkt;
    }
    let mut object = Map::new();
    for field in desc.fields() {
        if let Some(oneof) = field.containing_oneof().filter(|o| !o.is_synthetic()) {
            let chosen = variant
                .filter(|n| oneof.fields().any(|f| f.number() == *n))
                .unwrap_or_else(|| oneof.fields().next().map_or(0, |f| f.number()));
            if field.number() != chosen {
                continue;
            }
        }
        if matches!(field.kind(), Kind::Message(_)) && !field.is_map() && depth >= MAX_DEPTH {
            continue;
        }
        object.insert(
            field.json_name().to_owned(),
            sample_field(&field, depth + 1),
        );
    }
    Value::Object(object)
}

fn sample_field(field: &FieldDescriptor, depth: usize) -> Value {
    if field.is_map() {
        let Kind::Message(entry) = field.kind() else {
            unreachable!("map fields are messages")
        };
        let key = entry.map_entry_key_field();
        let value = entry.map_entry_value_field();
        let keys: [&str; 2] = match key.kind() {
            Kind::String => ["alpha", "beta"],
            Kind::Bool => ["false", "true"],
            _ => ["1", "-2"],
        };
        let mut map = Map::new();
        for (i, k) in keys.into_iter().enumerate() {
            // Unsigned keys cannot be negative.
            let k = if k == "-2" && is_unsigned(&key.kind()) {
                "2"
            } else {
                k
            };
            map.insert(k.to_owned(), sample_kind(&value, depth, i));
        }
        return Value::Object(map);
    }
    if field.is_list() {
        if let Kind::Message(element) = field.kind() {
            // One element per variant of the element's oneofs, so list elements cover them all.
            let variants: Vec<u32> = real_oneofs(&element)
                .flat_map(|o| o.fields().map(|f| f.number()).collect::<Vec<_>>())
                .collect();
            if !variants.is_empty() && well_known_sample(element.full_name()).is_none() {
                return Value::Array(
                    variants
                        .into_iter()
                        .map(|v| sample_message(&element, depth, Some(v)))
                        .collect(),
                );
            }
        }
        return Value::Array((0..2).map(|i| sample_kind(field, depth, i)).collect());
    }
    sample_kind(field, depth, 0)
}

fn is_unsigned(kind: &Kind) -> bool {
    matches!(
        kind,
        Kind::Uint32 | Kind::Uint64 | Kind::Fixed32 | Kind::Fixed64
    )
}

/// A value of the field's kind; `i` varies list and map values.
fn sample_kind(field: &FieldDescriptor, depth: usize, i: usize) -> Value {
    let n = field.number() as i64 + i as i64;
    match field.kind() {
        Kind::Double | Kind::Float => json!(1.5 + n as f64),
        Kind::Int32 | Kind::Sint32 | Kind::Sfixed32 => json!(-(n * 1000 + 7)),
        Kind::Uint32 | Kind::Fixed32 => json!(n * 1000 + 7),
        // Above 2^53, so a reader that goes through a double loses precision and fails.
        Kind::Int64 | Kind::Sint64 | Kind::Sfixed64 => {
            json!((-9_007_199_254_740_993 - n).to_string())
        }
        Kind::Uint64 | Kind::Fixed64 => json!((9_007_199_254_740_993 + n as u64).to_string()),
        Kind::Bool => json!(true),
        Kind::String => json!(format!("{}-{i}", field.name())),
        Kind::Bytes => {
            let mut bytes = vec![0x00, 0x01, 0xfe, 0xff];
            bytes.extend_from_slice(field.name().as_bytes());
            json!(base64::engine::general_purpose::STANDARD.encode(bytes))
        }
        Kind::Enum(e) => {
            let value = e
                .values()
                .find(|v| v.number() != 0)
                .or_else(|| e.values().next());
            json!(value.map(|v| v.name().to_owned()).unwrap_or_default())
        }
        Kind::Message(m) => sample_message(&m, depth, None),
    }
}

/// Canonical samples of the well-known types, each exercising its special JSON form.
fn well_known_sample(full_name: &str) -> Option<Value> {
    Some(match full_name {
        "google.protobuf.Timestamp" => json!("2024-02-29T12:34:56.789012345Z"),
        "google.protobuf.Duration" => json!("90.500s"),
        "google.protobuf.Struct" => json!({
            "name": "flow",
            "count": 3,
            "enabled": true,
            "tags": ["a", null, {"deep": [1, 2.5]}],
            "nothing": null
        }),
        "google.protobuf.Value" => json!({"list": [1, "two", null]}),
        "google.protobuf.ListValue" => json!([1, "two", null]),
        "google.protobuf.Any" => json!({
            "@type": "type.googleapis.com/flow.common.v1.Payload",
            "metadata": {"encoding": "dGV4dC9wbGFpbg=="},
            "data": "aGVsbG8="
        }),
        "google.protobuf.FieldMask" => json!("records,value.data"),
        "google.protobuf.Empty" => json!({}),
        "google.protobuf.BoolValue" => json!(true),
        "google.protobuf.StringValue" => json!("wrapped"),
        "google.protobuf.BytesValue" => json!("d3JhcHBlZA=="),
        "google.protobuf.Int32Value" | "google.protobuf.Int64Value" => json!(-5),
        "google.protobuf.UInt32Value" | "google.protobuf.UInt64Value" => json!(5),
        "google.protobuf.DoubleValue" | "google.protobuf.FloatValue" => json!(0.25),
        _ => return None,
    })
}
