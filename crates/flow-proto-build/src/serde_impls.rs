//! Canonical proto3 JSON serde impls for prost-generated types, written from the descriptors.
//!
//! For every message: `Serialize` (fields in declaration order, defaults omitted, JSON names)
//! and `Deserialize` (JSON or proto names, `null` as the default, duplicates refused, unknown
//! fields skipped unless reading strictly), plus a registry entry so `Any` can hold it. For
//! every enum: `Serialize`/`Deserialize` by name and `ProtoEnum` (all names, aliases too).
//! What each proto type looks like in JSON lives once, in `flow_proto_wkt::codegen`; this
//! file only says which kind each field has.
//!
//! Why not stock pbjson-build (which this replaced): its output is not canonical where it
//! matters to other languages (NaN and infinities written as `null`, unknown enum numbers
//! refused instead of kept, `null` refused for scalars and lists, `1e5` refused for integers,
//! unknown fields either always refused or always skipped), and its well-known types come
//! from pbjson-types (`Timestamp` with `+00:00`, `Any` as `typeUrl`/`value`). Fixing that
//! by rewriting its output would have meant re-deriving each field's kind anyway.

use std::collections::HashMap;
use std::fmt::Write as _;

use heck::{ToSnakeCase, ToUpperCamelCase};
use prost_types::field_descriptor_proto::{Label, Type};
use prost_types::{DescriptorProto, EnumDescriptorProto, FieldDescriptorProto, FileDescriptorSet};

/// Where generated types live: the Rust path of a proto package's module.
pub struct Layout {
    /// Rust path of the module tree root that holds the packages (`crate`).
    pub root: String,
}

/// Writes the serde impls of every message and enum in the packages `in_scope` accepts, one
/// source text per package.
pub fn generate(
    fds: &FileDescriptorSet,
    in_scope: impl Fn(&str) -> bool,
    layout: &Layout,
) -> Vec<(String, String)> {
    let types = TypeTable::new(fds, layout);
    let mut by_package: std::collections::BTreeMap<String, String> = Default::default();
    for file in &fds.file {
        let package = file.package();
        if !in_scope(package) || file.syntax() == "editions" {
            continue;
        }
        let proto3 = file.syntax() == "proto3";
        let out = by_package.entry(package.to_owned()).or_default();
        for message in &file.message_type {
            write_message(out, &types, &format!(".{package}"), message, proto3);
        }
        for e in &file.enum_type {
            write_enum(out, &types, &format!(".{package}.{}", e.name()), e);
        }
    }
    by_package.into_iter().collect()
}

/// The Rust path of every message and enum, and which messages are map entries.
struct TypeTable {
    paths: HashMap<String, String>,
    map_entries: HashMap<String, DescriptorProto>,
}

impl TypeTable {
    fn new(fds: &FileDescriptorSet, layout: &Layout) -> TypeTable {
        let mut table = TypeTable {
            paths: HashMap::new(),
            map_entries: HashMap::new(),
        };
        for file in &fds.file {
            let package = file.package();
            let module = if package == "google.protobuf" {
                "::flow_proto_wkt".to_owned()
            } else {
                std::iter::once(layout.root.clone())
                    .chain(package.split('.').filter(|s| !s.is_empty()).map(to_snake))
                    .collect::<Vec<_>>()
                    .join("::")
            };
            let scope = if package.is_empty() {
                String::new()
            } else {
                format!(".{package}")
            };
            for m in &file.message_type {
                table.add_message(&scope, &module, m);
            }
            for e in &file.enum_type {
                table.add_path(&scope, &module, e.name());
            }
        }
        table
    }

    fn add_message(&mut self, scope: &str, module: &str, m: &DescriptorProto) {
        let full = self.add_path(scope, module, m.name());
        if m.options.as_ref().is_some_and(|o| o.map_entry()) {
            self.map_entries.insert(full.clone(), m.clone());
        }
        let nested_module = format!("{module}::{}", to_snake(m.name()));
        for n in &m.nested_type {
            self.add_message(&full, &nested_module, n);
        }
        for e in &m.enum_type {
            self.add_path(&full, &nested_module, e.name());
        }
    }

    /// Records the Rust path of the message or enum `name` declared in `scope` (a proto
    /// package or message) whose types live in `module`; returns its full proto name.
    fn add_path(&mut self, scope: &str, module: &str, name: &str) -> String {
        let full = format!("{scope}.{name}");
        self.paths
            .insert(full.clone(), format!("{module}::{}", to_upper_camel(name)));
        full
    }

    fn path(&self, type_name: &str) -> &str {
        self.paths
            .get(type_name)
            .unwrap_or_else(|| panic!("type `{type_name}` is not in the descriptor set"))
    }

    /// The codegen kind of a field's value type (not its label).
    fn kind(&self, field: &FieldDescriptorProto) -> String {
        let c = "::flow_proto_wkt::codegen";
        match field.r#type() {
            Type::Double => format!("{c}::F64"),
            Type::Float => format!("{c}::F32"),
            Type::Int64 | Type::Sint64 | Type::Sfixed64 => format!("{c}::I64"),
            Type::Uint64 | Type::Fixed64 => format!("{c}::U64"),
            Type::Int32 | Type::Sint32 | Type::Sfixed32 => format!("{c}::I32"),
            Type::Uint32 | Type::Fixed32 => format!("{c}::U32"),
            Type::Bool => format!("{c}::Bool"),
            Type::String => format!("{c}::Str"),
            Type::Bytes => format!("{c}::Bytes"),
            Type::Enum if field.type_name() == ".google.protobuf.NullValue" => format!("{c}::Null"),
            Type::Enum => format!("{c}::Enum<{}>", self.path(field.type_name())),
            Type::Message if field.type_name() == ".google.protobuf.Value" => {
                format!("{c}::DynValue")
            }
            Type::Message | Type::Group => format!("{c}::Msg<{}>", self.path(field.type_name())),
        }
    }
}

/// How a field is held in the prost struct.
enum Shape<'a> {
    /// A plain value, omitted when it is the default (proto3 without `optional`).
    Implicit,
    /// `Option<T>`: proto3 `optional`, proto2 `optional`, every singular message.
    Optional,
    /// A plain value that is always written (proto2 `required` fields).
    Required,
    /// `Vec<T>`.
    Repeated,
    /// `BTreeMap<K, V>`, with the entry's key and value fields.
    Map(&'a FieldDescriptorProto, &'a FieldDescriptorProto),
}

fn shape<'a>(types: &'a TypeTable, field: &FieldDescriptorProto, proto3: bool) -> Shape<'a> {
    let message = matches!(field.r#type(), Type::Message | Type::Group);
    match field.label() {
        Label::Repeated => match types.map_entries.get(field.type_name()) {
            Some(entry) => Shape::Map(&entry.field[0], &entry.field[1]),
            None => Shape::Repeated,
        },
        // prost holds a proto2 `required` message as the message itself (boxed if recursive).
        Label::Required => Shape::Required,
        _ if message || field.proto3_optional() => Shape::Optional,
        Label::Optional if !proto3 => Shape::Optional,
        Label::Optional => Shape::Implicit,
    }
}

/// The condition under which an implicit-presence field is written.
fn non_default(field: &FieldDescriptorProto, access: &str) -> String {
    match field.r#type() {
        Type::Bool => access.to_owned(),
        Type::String | Type::Bytes => format!("!{access}.is_empty()"),
        Type::Double | Type::Float => format!("{access} != 0.0"),
        _ => format!("{access} != 0"),
    }
}

/// The presence test of a list or map field, as both the count term and the `if` head.
fn non_empty(access: &str) -> (String, String) {
    let cond = format!("!{access}.is_empty()");
    (cond.clone(), cond)
}

fn json_name(field: &FieldDescriptorProto) -> String {
    match &field.json_name {
        Some(name) => name.clone(),
        None => {
            let mut out = String::new();
            let mut upper = false;
            for c in field.name().chars() {
                if c == '_' {
                    upper = true;
                } else if upper {
                    out.push(c.to_ascii_uppercase());
                    upper = false;
                } else {
                    out.push(c);
                }
            }
            out
        }
    }
}

fn write_message(
    out: &mut String,
    types: &TypeTable,
    scope: &str,
    message: &DescriptorProto,
    proto3: bool,
) {
    let full = format!("{scope}.{}", message.name());
    if types.map_entries.contains_key(&full) {
        return;
    }
    let proto_name = &full[1..];
    let path = types.path(&full).to_owned();
    let c = "::flow_proto_wkt::codegen";
    // Real oneofs (not the synthetic ones of proto3 `optional`), by index.
    let oneofs: Vec<(usize, &str)> = message
        .oneof_decl
        .iter()
        .enumerate()
        .filter(|(i, _)| {
            message
                .field
                .iter()
                .any(|f| f.oneof_index == Some(*i as i32) && !f.proto3_optional())
        })
        .map(|(i, o)| (i, o.name()))
        .collect();
    let oneof_of = |f: &FieldDescriptorProto| {
        f.oneof_index
            .filter(|_| !f.proto3_optional())
            .map(|i| i as usize)
    };
    let module = format!(
        "{}::{}",
        path.rsplit_once("::").unwrap().0,
        to_snake(message.name())
    );

    // --- Serialize: fields in declaration order; a oneof where its first member is declared.
    let mut count = String::from("0");
    let mut body = String::new();
    let mut done_oneofs = Vec::new();
    for field in &message.field {
        if let Some(oi) = oneof_of(field) {
            if done_oneofs.contains(&oi) {
                continue;
            }
            done_oneofs.push(oi);
            let oneof_name = message.oneof_decl[oi].name();
            let access = format!("self.{}", to_snake(oneof_name));
            let enum_path = format!("{module}::{}", to_upper_camel(oneof_name));
            let _ = write!(count, " + usize::from({access}.is_some())");
            let _ = writeln!(
                body,
                "        if let Some(v) = &{access} {{\n            match v {{"
            );
            for member in message.field.iter().filter(|f| oneof_of(f) == Some(oi)) {
                let _ = writeln!(
                    body,
                    "                {enum_path}::{}(v) => s.serialize_field(\"{}\", &{c}::Ser::<{}>(v))?,",
                    to_upper_camel(member.name()),
                    json_name(member),
                    types.kind(member)
                );
            }
            let _ = writeln!(body, "            }}\n        }}");
            continue;
        }
        let access = format!("self.{}", to_snake(field.name()));
        let name = json_name(field);
        let kind = types.kind(field);
        // Each shape says how to test presence (`if` head and the count of written fields
        // differ only for `Option`) and which codegen wrapper writes the value.
        let (presence, value) = match shape(types, field, proto3) {
            Shape::Implicit => {
                let cond = non_default(field, &access);
                (
                    Some((cond.clone(), cond)),
                    format!("{c}::Ser::<{kind}>(&{access})"),
                )
            }
            Shape::Required => (None, format!("{c}::Ser::<{kind}>(&{access})")),
            Shape::Optional => (
                Some((
                    format!("{access}.is_some()"),
                    format!("let Some(v) = &{access}"),
                )),
                format!("{c}::Ser::<{kind}>(v)"),
            ),
            Shape::Repeated => (
                Some(non_empty(&access)),
                format!("{c}::SerSeq::<{kind}>(&{access})"),
            ),
            Shape::Map(k, v) => (
                Some(non_empty(&access)),
                format!(
                    "{c}::SerMap::<{}, {}>(&{access})",
                    types.kind(k),
                    types.kind(v)
                ),
            ),
        };
        let write = format!("s.serialize_field(\"{name}\", &{value})?;");
        match presence {
            None => {
                count.push_str(" + 1");
                let _ = writeln!(body, "        {write}");
            }
            Some((present, guard)) => {
                let _ = write!(count, " + usize::from({present})");
                let _ = writeln!(
                    body,
                    "        if {guard} {{\n            {write}\n        }}"
                );
            }
        }
    }
    let _ = writeln!(
        out,
        "impl ::serde::Serialize for {path} {{
    #[allow(unused_mut)]
    fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {{
        use ::serde::ser::SerializeStruct as _;
        let len = {count};
        let mut s = serializer.serialize_struct(\"{proto_name}\", len)?;
{body}        s.end()
    }}
}}"
    );

    // --- Deserialize.
    let names: Vec<String> = message.field.iter().map(json_name).collect();
    let fields_const = names
        .iter()
        .map(|n| format!("\"{n}\""))
        .collect::<Vec<_>>()
        .join(", ");
    let mut arms = String::new();
    for (index, field) in message.field.iter().enumerate() {
        let name = json_name(field);
        let pattern = if name == field.name() {
            format!("\"{name}\"")
        } else {
            format!("\"{name}\" | \"{}\"", field.name())
        };
        let kind = types.kind(field);
        let assign = if let Some(oi) = oneof_of(field) {
            let oneof_name = message.oneof_decl[oi].name();
            let seen = message.field.len() + oneofs.iter().position(|(i, _)| *i == oi).unwrap();
            format!(
                "if let Some(v) = map.next_value::<{c}::De<{kind}>>()?.0 {{\n                                {c}::oneof_once(&mut seen, {seen}, \"{oneof_name}\")?;\n                                message.{} = Some({module}::{}::{}(::core::convert::Into::into(v)));\n                            }}",
                to_snake(oneof_name),
                to_upper_camel(oneof_name),
                to_upper_camel(field.name())
            )
        } else {
            let target = format!("message.{}", to_snake(field.name()));
            match shape(types, field, proto3) {
                Shape::Implicit => format!(
                    "{target} = map.next_value::<{c}::De<{kind}>>()?.0.unwrap_or_default();"
                ),
                Shape::Required => format!(
                    "{target} = map.next_value::<{c}::De<{kind}>>()?.0.map(::core::convert::Into::into).unwrap_or_default();"
                ),
                Shape::Optional => format!(
                    "{target} = map.next_value::<{c}::De<{kind}>>()?.0.map(::core::convert::Into::into);"
                ),
                Shape::Repeated => format!("{target} = map.next_value::<{c}::DeSeq<{kind}>>()?.0;"),
                Shape::Map(k, v) => format!(
                    "{target} = map.next_value::<{c}::DeMap<{}, {}>>()?.0;",
                    types.kind(k),
                    types.kind(v)
                ),
            }
        };
        let _ = writeln!(
            arms,
            "                        {pattern} => {{\n                            {c}::first_time(&mut seen, {index}, \"{name}\")?;\n                            {assign}\n                        }}"
        );
    }
    let seen_len = message.field.len() + oneofs.len();
    let _ = writeln!(
        out,
        "impl<'de> ::serde::Deserialize<'de> for {path} {{
    fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {{
        const FIELDS: &[&str] = &[{fields_const}];
        struct MessageVisitor;
        impl<'de> ::serde::de::Visitor<'de> for MessageVisitor {{
            type Value = {path};
            fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {{
                f.write_str(\"a {proto_name} object\")
            }}
            #[allow(unused_mut, unused_variables)]
            fn visit_map<A: ::serde::de::MapAccess<'de>>(self, mut map: A) -> ::core::result::Result<{path}, A::Error> {{
                let mut message = <{path} as ::core::default::Default>::default();
                let mut seen = [false; {seen_len}];
                while let Some(key) = map.next_key::<{c}::Key<'de>>()? {{
                    match key.as_str() {{
{arms}                        other => {c}::skip_unknown_field(&mut map, other, FIELDS)?,
                    }}
                }}
                Ok(message)
            }}
        }}
        deserializer.deserialize_map(MessageVisitor)
    }}
}}
{c}::inventory::submit! {{ {c}::MessageType::of::<{path}>(\"{proto_name}\") }}"
    );

    for nested in &message.nested_type {
        write_message(out, types, &full, nested, proto3);
    }
    for e in &message.enum_type {
        write_enum(out, types, &format!("{full}.{}", e.name()), e);
    }
}

fn write_enum(out: &mut String, types: &TypeTable, full: &str, e: &EnumDescriptorProto) {
    let path = types.path(full);
    let proto_name = &full[1..];
    let c = "::flow_proto_wkt::codegen";
    let mut seen = std::collections::HashSet::new();
    let names_of: String = e
        .value
        .iter()
        .filter(|v| seen.insert(v.number()))
        .map(|v| format!("            {} => Some(\"{}\"),\n", v.number(), v.name()))
        .collect();
    let numbers_of: String = e
        .value
        .iter()
        .map(|v| format!("            \"{}\" => Some({}),\n", v.name(), v.number()))
        .collect();
    let _ = writeln!(
        out,
        "impl {c}::ProtoEnum for {path} {{
    const FULL_NAME: &'static str = \"{proto_name}\";
    fn name_of(number: i32) -> ::core::option::Option<&'static str> {{
        match number {{
{names_of}            _ => None,
        }}
    }}
    fn number_of(name: &str) -> ::core::option::Option<i32> {{
        match name {{
{numbers_of}            _ => None,
        }}
    }}
}}
impl ::serde::Serialize for {path} {{
    fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {{
        {c}::serialize_enum::<Self, S>(*self as i32, serializer)
    }}
}}
impl<'de> ::serde::Deserialize<'de> for {path} {{
    fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {{
        {c}::deserialize_enum::<Self, D>(deserializer)
    }}
}}"
    );
}

/// prost's identifier rules (prost-build's `ident` module is private): raw identifiers for
/// keywords, a `_` suffix for those that cannot be raw, a `_` prefix before a leading digit.
fn sanitize(ident: String) -> String {
    match ident.as_str() {
        "as" | "break" | "const" | "continue" | "else" | "enum" | "false" | "fn" | "for" | "if"
        | "impl" | "in" | "let" | "loop" | "match" | "mod" | "move" | "mut" | "pub" | "ref"
        | "return" | "static" | "struct" | "trait" | "true" | "type" | "unsafe" | "use"
        | "where" | "while" | "dyn" | "abstract" | "become" | "box" | "do" | "final" | "macro"
        | "override" | "priv" | "typeof" | "unsized" | "virtual" | "yield" | "async" | "await"
        | "try" | "gen" => format!("r#{ident}"),
        "_" | "super" | "self" | "Self" | "extern" | "crate" => format!("{ident}_"),
        s if s.starts_with(|c: char| c.is_numeric()) => format!("_{ident}"),
        _ => ident,
    }
}

fn to_snake(s: &str) -> String {
    sanitize(s.to_snake_case())
}

fn to_upper_camel(s: &str) -> String {
    sanitize(s.to_upper_camel_case())
}
