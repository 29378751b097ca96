//! Writes a dynamic message as canonical proto3 JSON, deterministically.
//!
//! prost-reflect's own serializer walks maps in `HashMap` order, so the same message could be
//! written differently by two processes; snapshots, fixtures and signatures need one form. This
//! writer follows the protobuf JSON mapping and Go's protojson choices where the spec leaves room:
//! fields in declaration order, map entries sorted by key, doubles without a needless `.0`,
//! timestamps in UTC with 0, 3, 6 or 9 fractional digits.

use base64::Engine;
use prost_reflect::{
    DynamicMessage, FieldDescriptor, Kind, MapKey, MessageDescriptor, ReflectMessage, Value,
};

/// Why a message cannot be written as JSON.
pub(crate) type WriteError = String;

/// Options of the writer.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct WriterOptions {
    /// Use proto field names instead of lowerCamelCase JSON names.
    pub proto_field_names: bool,
    /// Emit fields without presence even when they hold their default value.
    pub emit_defaults: bool,
}

/// Appends the JSON of `message` to `out`.
pub(crate) fn write_message(
    out: &mut Vec<u8>,
    message: &DynamicMessage,
    options: WriterOptions,
) -> Result<(), WriteError> {
    let desc = message.descriptor();
    if let Some(result) = write_well_known(out, &desc, message, options) {
        return result;
    }
    out.push(b'{');
    let mut first = true;
    for field in desc.fields() {
        let present = message.has_field(&field);
        // Absent fields are skipped, unless defaults are wanted and the field has no presence.
        if !present && (!options.emit_defaults || field.supports_presence()) {
            continue;
        }
        if !first {
            out.push(b',');
        }
        first = false;
        let name = if options.proto_field_names {
            field.name()
        } else {
            field.json_name()
        };
        write_str(out, name);
        out.push(b':');
        write_field(out, &field, &message.get_field(&field), options)?;
    }
    out.push(b'}');
    Ok(())
}

fn write_field(
    out: &mut Vec<u8>,
    field: &FieldDescriptor,
    value: &Value,
    options: WriterOptions,
) -> Result<(), WriteError> {
    match value {
        Value::List(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_value(out, &field.kind(), item, options)?;
            }
            out.push(b']');
        }
        Value::Map(entries) => {
            let Kind::Message(entry) = field.kind() else {
                return Err(format!("map field {} is not a message", field.full_name()));
            };
            let value_kind = entry.map_entry_value_field().kind();
            // Sorted like Go's protojson, so equal maps are always written alike.
            let mut sorted: Vec<(&MapKey, &Value)> = entries.iter().collect();
            sorted.sort_by(|a, b| a.0.cmp(b.0));
            out.push(b'{');
            for (i, (key, value)) in sorted.into_iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                match key {
                    MapKey::String(s) => write_str(out, s),
                    MapKey::Bool(b) => write_str(out, if *b { "true" } else { "false" }),
                    MapKey::I32(n) => write_quoted(out, n),
                    MapKey::I64(n) => write_quoted(out, n),
                    MapKey::U32(n) => write_quoted(out, n),
                    MapKey::U64(n) => write_quoted(out, n),
                }
                out.push(b':');
                write_value(out, &value_kind, value, options)?;
            }
            out.push(b'}');
        }
        single => write_value(out, &field.kind(), single, options)?,
    }
    Ok(())
}

fn write_value(
    out: &mut Vec<u8>,
    kind: &Kind,
    value: &Value,
    options: WriterOptions,
) -> Result<(), WriteError> {
    match (kind, value) {
        (_, Value::Bool(b)) => out.extend_from_slice(if *b { b"true" } else { b"false" }),
        (_, Value::I32(n)) => write_display(out, n),
        (_, Value::U32(n)) => write_display(out, n),
        (_, Value::I64(n)) => write_quoted(out, n),
        (_, Value::U64(n)) => write_quoted(out, n),
        (_, Value::F32(f)) => {
            if !write_special_float(out, f64::from(*f)) {
                // Shortest form at 32-bit precision: 1.1f32 is `1.1`, not `1.100000023841858`.
                serde_json::to_writer(&mut *out, f).expect("writing to a Vec cannot fail");
            }
        }
        (_, Value::F64(f)) => write_double(out, *f),
        (_, Value::String(s)) => write_str(out, s),
        (_, Value::Bytes(b)) => write_base64(out, b),
        (Kind::Enum(e), Value::EnumNumber(n)) => {
            if e.full_name() == "google.protobuf.NullValue" {
                out.extend_from_slice(b"null");
            } else if let Some(v) = e.get_value(*n) {
                write_str(out, v.name());
            } else {
                // A value from a newer schema: the number is all we have, and readers accept it.
                write_display(out, n);
            }
        }
        (_, Value::Message(m)) => write_message(out, m, options)?,
        (kind, value) => return Err(format!("value {value:?} does not fit kind {kind:?}")),
    }
    Ok(())
}

/// The well-known types with a JSON form of their own; `None` for ordinary messages.
fn write_well_known(
    out: &mut Vec<u8>,
    desc: &MessageDescriptor,
    message: &DynamicMessage,
    options: WriterOptions,
) -> Option<Result<(), WriteError>> {
    let name = desc.full_name();
    if !name.starts_with("google.protobuf.") {
        return None;
    }
    let field = |number: u32| message.get_field_by_number(number).map(|v| v.into_owned());
    Some(match name {
        "google.protobuf.Any" => write_any(out, message, options),
        "google.protobuf.Timestamp" => {
            let seconds = field(1).and_then(|v| v.as_i64()).unwrap_or_default();
            let nanos = field(2).and_then(|v| v.as_i32()).unwrap_or_default();
            write_timestamp(out, seconds, nanos)
        }
        "google.protobuf.Duration" => {
            let seconds = field(1).and_then(|v| v.as_i64()).unwrap_or_default();
            let nanos = field(2).and_then(|v| v.as_i32()).unwrap_or_default();
            write_duration(out, seconds, nanos)
        }
        "google.protobuf.FieldMask" => write_field_mask(out, message),
        "google.protobuf.Struct" | "google.protobuf.ListValue" => {
            let Some(f) = desc.get_field(1) else {
                return Some(Err(format!("{name} has no field 1")));
            };
            write_field(out, &f, &message.get_field(&f), options)
        }
        "google.protobuf.Value" => write_struct_value(out, message, options),
        "google.protobuf.DoubleValue"
        | "google.protobuf.FloatValue"
        | "google.protobuf.Int64Value"
        | "google.protobuf.UInt64Value"
        | "google.protobuf.Int32Value"
        | "google.protobuf.UInt32Value"
        | "google.protobuf.BoolValue"
        | "google.protobuf.StringValue"
        | "google.protobuf.BytesValue" => {
            let Some(f) = desc.get_field(1) else {
                return Some(Err(format!("{name} has no field 1")));
            };
            write_value(out, &f.kind(), &message.get_field(&f), options)
        }
        "google.protobuf.Empty" => {
            out.extend_from_slice(b"{}");
            Ok(())
        }
        _ => return None,
    })
}

fn write_any(
    out: &mut Vec<u8>,
    any: &DynamicMessage,
    options: WriterOptions,
) -> Result<(), WriteError> {
    let type_url = any
        .get_field_by_number(1)
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default();
    let value = any
        .get_field_by_number(2)
        .and_then(|v| v.as_bytes().cloned())
        .unwrap_or_default();
    if type_url.is_empty() {
        if value.is_empty() {
            out.extend_from_slice(b"{}");
            return Ok(());
        }
        return Err("Any has a value but no type URL".into());
    }
    let name = type_url
        .rsplit_once('/')
        .map_or(type_url.as_str(), |(_, n)| n);
    let desc = any
        .descriptor()
        .parent_pool()
        .get_message_by_name(name)
        .ok_or_else(|| format!("Any holds unregistered type `{type_url}`"))?;
    let packed = DynamicMessage::decode(desc.clone(), value)
        .map_err(|e| format!("Any of type `{type_url}` holds malformed bytes: {e}"))?;
    let mut inner = Vec::new();
    write_message(&mut inner, &packed, options)?;
    out.extend_from_slice(b"{\"@type\":");
    write_str(out, &type_url);
    if is_special_json(desc.full_name()) {
        // Types whose JSON is not an object are wrapped: {"@type": ..., "value": <json>}.
        out.extend_from_slice(b",\"value\":");
        out.extend_from_slice(&inner);
        out.push(b'}');
    } else if inner.len() > 2 {
        out.push(b',');
        out.extend_from_slice(&inner[1..]);
    } else {
        out.push(b'}');
    }
    Ok(())
}

/// The well-known types whose JSON is not a plain object of fields.
fn is_special_json(full_name: &str) -> bool {
    full_name.starts_with("google.protobuf.")
        && matches!(
            &full_name["google.protobuf.".len()..],
            "Any"
                | "Timestamp"
                | "Duration"
                | "FieldMask"
                | "Struct"
                | "ListValue"
                | "Value"
                | "DoubleValue"
                | "FloatValue"
                | "Int64Value"
                | "UInt64Value"
                | "Int32Value"
                | "UInt32Value"
                | "BoolValue"
                | "StringValue"
                | "BytesValue"
                | "Empty"
        )
}

fn write_struct_value(
    out: &mut Vec<u8>,
    value: &DynamicMessage,
    options: WriterOptions,
) -> Result<(), WriteError> {
    let desc = value.descriptor();
    let set = desc.fields().find(|f| value.has_field(f));
    let Some(field) = set else {
        return Err("google.protobuf.Value has no kind set".into());
    };
    if let Value::F64(f) = value.get_field(&field).as_ref()
        && !f.is_finite()
    {
        return Err(format!("google.protobuf.Value cannot hold {f}"));
    }
    write_value(out, &field.kind(), &value.get_field(&field), options)
}

fn write_field_mask(out: &mut Vec<u8>, mask: &DynamicMessage) -> Result<(), WriteError> {
    let paths = mask.get_field_by_number(1).map(|v| v.into_owned());
    let mut joined = String::new();
    if let Some(Value::List(paths)) = paths {
        for (i, path) in paths.iter().enumerate() {
            let path = path.as_str().unwrap_or_default();
            if i > 0 {
                joined.push(',');
            }
            joined.push_str(&field_mask_path_to_json(path)?);
        }
    }
    write_str(out, &joined);
    Ok(())
}

/// `foo_bar.baz` to `fooBar.baz`; refuses paths that would not come back the same way.
fn field_mask_path_to_json(path: &str) -> Result<String, WriteError> {
    let mut json = String::with_capacity(path.len());
    let mut upper_next = false;
    for c in path.chars() {
        if c.is_ascii_uppercase() {
            return Err(format!("field mask path `{path}` has an upper-case letter"));
        }
        if c == '_' {
            if upper_next {
                return Err(format!("field mask path `{path}` has `__`"));
            }
            upper_next = true;
            continue;
        }
        if upper_next {
            if !c.is_ascii_lowercase() {
                return Err(format!("field mask path `{path}` has `_` before `{c}`"));
            }
            json.push(c.to_ascii_uppercase());
            upper_next = false;
        } else {
            json.push(c);
        }
    }
    if upper_next {
        return Err(format!("field mask path `{path}` ends with `_`"));
    }
    Ok(json)
}

/// Smallest and largest seconds JSON allows: 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z.
const TIMESTAMP_MIN: i64 = -62_135_596_800;
const TIMESTAMP_MAX: i64 = 253_402_300_799;

fn write_timestamp(out: &mut Vec<u8>, seconds: i64, nanos: i32) -> Result<(), WriteError> {
    if !(TIMESTAMP_MIN..=TIMESTAMP_MAX).contains(&seconds) || !(0..1_000_000_000).contains(&nanos) {
        return Err(format!("Timestamp {seconds}s {nanos}ns is out of range"));
    }
    let days = seconds.div_euclid(86_400);
    let secs_of_day = seconds.rem_euclid(86_400);
    let (year, month, day) = civil_from_days(days);
    let text = format!(
        "\"{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}{}Z\"",
        secs_of_day / 3600,
        secs_of_day / 60 % 60,
        secs_of_day % 60,
        fraction(nanos as u32)
    );
    out.extend_from_slice(text.as_bytes());
    Ok(())
}

/// Days since 1970-01-01 to (year, month, day), proleptic Gregorian (Howard Hinnant's method).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// `.123`, `.123456` or `.123456789` as needed; empty for whole seconds.
fn fraction(nanos: u32) -> String {
    if nanos == 0 {
        String::new()
    } else if nanos.is_multiple_of(1_000_000) {
        format!(".{:03}", nanos / 1_000_000)
    } else if nanos.is_multiple_of(1_000) {
        format!(".{:06}", nanos / 1_000)
    } else {
        format!(".{nanos:09}")
    }
}

/// The largest |seconds| a Duration may hold (10,000 years).
const DURATION_MAX: i64 = 315_576_000_000;

fn write_duration(out: &mut Vec<u8>, seconds: i64, nanos: i32) -> Result<(), WriteError> {
    let signs_disagree = (seconds > 0 && nanos < 0) || (seconds < 0 && nanos > 0);
    if seconds.abs() > DURATION_MAX || nanos.abs() >= 1_000_000_000 || signs_disagree {
        return Err(format!("Duration {seconds}s {nanos}ns is out of range"));
    }
    let negative = seconds < 0 || nanos < 0;
    let text = format!(
        "\"{}{}{}s\"",
        if negative { "-" } else { "" },
        seconds.unsigned_abs(),
        fraction(nanos.unsigned_abs())
    );
    out.extend_from_slice(text.as_bytes());
    Ok(())
}

fn write_double(out: &mut Vec<u8>, f: f64) {
    if !write_special_float(out, f) {
        // The shortest form that reads back exactly.
        serde_json::to_writer(&mut *out, &f).expect("writing to a Vec cannot fail");
    }
}

/// NaN and infinities as the spec's strings, and whole numbers without `.0` (as Go and
/// protobuf-es write them). Returns false when `f` needs the general form.
fn write_special_float(out: &mut Vec<u8>, f: f64) -> bool {
    if f.is_nan() {
        out.extend_from_slice(b"\"NaN\"");
    } else if f.is_infinite() {
        out.extend_from_slice(if f > 0.0 {
            b"\"Infinity\""
        } else {
            b"\"-Infinity\""
        });
    } else if f.fract() == 0.0 && f.abs() < 1e15 && !(f == 0.0 && f.is_sign_negative()) {
        write_display(out, &(f as i64));
    } else {
        return false;
    }
    true
}

fn write_str(out: &mut Vec<u8>, s: &str) {
    serde_json::to_writer(out, s).expect("writing to a Vec cannot fail");
}

fn write_display(out: &mut Vec<u8>, n: &impl std::fmt::Display) {
    use std::io::Write;
    write!(out, "{n}").expect("writing to a Vec cannot fail");
}

fn write_quoted(out: &mut Vec<u8>, n: &impl std::fmt::Display) {
    out.push(b'"');
    write_display(out, n);
    out.push(b'"');
}

fn write_base64(out: &mut Vec<u8>, bytes: &[u8]) {
    out.push(b'"');
    let start = out.len();
    let len = base64::encoded_len(bytes.len(), true).expect("fits in memory");
    out.resize(start + len, 0);
    base64::engine::general_purpose::STANDARD
        .encode_slice(bytes, &mut out[start..])
        .expect("buffer sized by encoded_len");
    out.push(b'"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
        assert_eq!(civil_from_days(19_782), (2024, 2, 29));
        assert_eq!(civil_from_days(TIMESTAMP_MIN / 86_400), (1, 1, 1));
    }

    #[test]
    fn timestamps_and_durations() {
        let ts = |s, n| {
            let mut out = Vec::new();
            write_timestamp(&mut out, s, n).map(|()| String::from_utf8(out).unwrap())
        };
        assert_eq!(ts(0, 0).unwrap(), "\"1970-01-01T00:00:00Z\"");
        assert_eq!(ts(-1, 500_000_000).unwrap(), "\"1969-12-31T23:59:59.500Z\"");
        assert_eq!(
            ts(TIMESTAMP_MAX, 999_999_999).unwrap(),
            "\"9999-12-31T23:59:59.999999999Z\""
        );
        assert!(ts(TIMESTAMP_MAX + 1, 0).is_err());
        assert!(ts(0, -1).is_err());
        let d = |s, n| {
            let mut out = Vec::new();
            write_duration(&mut out, s, n).map(|()| String::from_utf8(out).unwrap())
        };
        assert_eq!(d(-1, -500_000_000).unwrap(), "\"-1.500s\"");
        assert_eq!(d(0, -1_000).unwrap(), "\"-0.000001s\"");
        assert_eq!(d(90, 0).unwrap(), "\"90s\"");
        assert!(d(1, -1).is_err());
        assert!(d(DURATION_MAX + 1, 0).is_err());
    }

    #[test]
    fn field_mask_paths() {
        assert_eq!(
            field_mask_path_to_json("foo_bar.baz").unwrap(),
            "fooBar.baz"
        );
        assert!(field_mask_path_to_json("fooBar").is_err());
        assert!(field_mask_path_to_json("foo__bar").is_err());
        assert!(field_mask_path_to_json("foo_3").is_err());
    }

    #[test]
    fn floats() {
        let f = |x: f64| {
            let mut out = Vec::new();
            write_double(&mut out, x);
            String::from_utf8(out).unwrap()
        };
        assert_eq!(f(1.0), "1");
        assert_eq!(f(-0.0), "-0.0");
        assert_eq!(f(1.5), "1.5");
        assert_eq!(f(1e300), "1e+300");
        assert_eq!(f(f64::NAN), "\"NaN\"");
        assert_eq!(f(f64::NEG_INFINITY), "\"-Infinity\"");
    }
}
