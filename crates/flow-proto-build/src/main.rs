//! `flow-proto-build`: generates the `flow-proto-types` crate (`gen/rust`) from the descriptor set
//! that `buf build --as-file-descriptor-set` writes. No protoc is involved.
//!
//! Output, all under `--out-dir` (the crate's `src/`):
//! - `<package>.rs`: prost messages plus tonic clients and servers, per proto package;
//! - `<package>.serde.rs`: pbjson `Serialize`/`Deserialize` impls, per proto package;
//! - `flow_descriptor_set.binpb`: the descriptor set itself, embedded for reflection and `Any`;
//! - `lib.rs`: the module tree that ties them together.
//!
//! Every run deletes what it generated before, so a removed package leaves nothing behind, and the
//! output depends only on the descriptor set: a second run changes no byte (`make check-gen`).

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use clap::Parser;
use prost::Message;
use prost_types::FileDescriptorSet;

/// Command-line arguments.
#[derive(Parser, Debug)]
#[command(version, about)]
struct Args {
    /// The FileDescriptorSet written by `buf build --as-file-descriptor-set` (imports included).
    #[arg(long)]
    descriptor_set: PathBuf,
    /// Where to write the generated sources (the generated crate's `src/`).
    #[arg(long)]
    out_dir: PathBuf,
    /// Proto package prefix to generate code for; other packages must be provided externally.
    #[arg(long, default_value = ".flow")]
    package_prefix: String,
}

/// Well-known types taken from `flow-proto-wkt` instead of pbjson-types: their maps are ordered,
/// so encoding is deterministic (pbjson-types keeps `Struct.fields` in a `HashMap`).
const OWN_WELL_KNOWN_TYPES: [(&str, &str); 4] = [
    (".google.protobuf.Struct", "::flow_proto_wkt::Struct"),
    (".google.protobuf.Value", "::flow_proto_wkt::Value"),
    (".google.protobuf.ListValue", "::flow_proto_wkt::ListValue"),
    (".google.protobuf.NullValue", "::flow_proto_wkt::NullValue"),
];

/// Name of the embedded descriptor set file inside `--out-dir`.
const DESCRIPTOR_FILE: &str = "flow_descriptor_set.binpb";

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args = Args::parse();
    let bytes = fs::read(&args.descriptor_set)
        .map_err(|e| format!("reading {}: {e}", args.descriptor_set.display()))?;
    let fds = FileDescriptorSet::decode(bytes.as_slice()).map_err(|e| {
        format!(
            "{} is not a FileDescriptorSet: {e}",
            args.descriptor_set.display()
        )
    })?;

    let prefix = args.package_prefix.trim_start_matches('.');
    let in_scope = |p: &str| p == prefix || p.starts_with(&format!("{prefix}."));
    let packages: BTreeSet<String> = fds
        .file
        .iter()
        .filter_map(|f| f.package.clone())
        .filter(|p| in_scope(p))
        .collect();
    let messages: BTreeSet<(String, String)> = fds
        .file
        .iter()
        .filter(|f| in_scope(f.package()))
        .flat_map(|f| {
            f.message_type
                .iter()
                .map(move |m| (f.package().to_owned(), m.name().to_owned()))
        })
        .collect();
    if packages.is_empty() {
        return Err(format!("no package under `{prefix}` in the descriptor set").into());
    }

    fs::create_dir_all(&args.out_dir)?;
    remove_previous_output(&args.out_dir)?;

    generate_prost_and_tonic(fds, &args.out_dir)?;
    generate_serde(&bytes, &args.package_prefix, &args.out_dir)?;
    fs::write(args.out_dir.join(DESCRIPTOR_FILE), &bytes)?;
    fs::write(
        args.out_dir.join("lib.rs"),
        render_lib_rs(&packages, &messages),
    )?;
    Ok(())
}

/// Deletes every file this generator writes, so stale packages never linger.
fn remove_previous_output(out_dir: &Path) -> std::io::Result<()> {
    for entry in fs::read_dir(out_dir)? {
        let path = entry?.path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        if name.ends_with(".rs") || name == DESCRIPTOR_FILE {
            fs::remove_file(&path)?;
        }
    }
    Ok(())
}

/// prost messages and tonic services. Choices:
/// - `bytes` fields are `bytes::Bytes`: decoding from a tonic buffer is a reference-count bump
///   instead of two copies (see shared/design/performance.md);
/// - maps are `BTreeMap`: encoding is deterministic, so a re-encoded fixture gives the same bytes;
/// - the well-known types come from `pbjson-types`, which carries their proto3 JSON forms, except
///   the struct types (`OWN_WELL_KNOWN_TYPES`);
/// - clients and servers sit behind the `client` and `server` features.
fn generate_prost_and_tonic(fds: FileDescriptorSet, out_dir: &Path) -> std::io::Result<()> {
    let mut builder = tonic_prost_build::configure();
    for (proto, rust) in OWN_WELL_KNOWN_TYPES {
        builder = builder.extern_path(proto, rust);
    }
    builder
        .out_dir(out_dir)
        .build_client(true)
        .build_server(true)
        .build_transport(true)
        .emit_rerun_if_changed(false)
        // "Compile" the well-known types so prost adds no default mapping to prost-types; the
        // extern path below then maps them all to pbjson-types.
        .compile_well_known_types(true)
        .extern_path(".google.protobuf", "::pbjson_types")
        .bytes(".")
        .btree_map(".")
        .client_mod_attribute(".", r#"#[cfg(feature = "client")]"#)
        .server_mod_attribute(".", r#"#[cfg(feature = "server")]"#)
        .compile_fds_with_config(fds, prost_config())
}

/// prost options tonic's builder does not expose: `prost::Name` impls, so that every message
/// knows its full name and its `Any` type URL (`type.googleapis.com/flow.common.v1.Payload`).
fn prost_config() -> prost_build::Config {
    let mut config = prost_build::Config::new();
    config.enable_type_names();
    config.type_name_domain(["."], "type.googleapis.com");
    config
}

/// pbjson serde impls, one `<package>.serde.rs` per package.
fn generate_serde(descriptor_set: &[u8], prefix: &str, out_dir: &Path) -> std::io::Result<()> {
    let mut builder = pbjson_build::Builder::new();
    for (proto, rust) in OWN_WELL_KNOWN_TYPES {
        builder.extern_path(proto, rust);
    }
    builder
        .register_descriptors(descriptor_set)?
        .out_dir(out_dir)
        .extern_path(".google.protobuf", "::pbjson_types")
        .btree_map(["."])
        .build(&[prefix])
}

/// `lib.rs`: one nested module per package segment, each leaf including its generated files,
/// and the `for_each_message!` table of every top-level message.
fn render_lib_rs(packages: &BTreeSet<String>, messages: &BTreeSet<(String, String)>) -> String {
    let mut out = String::from(
        "// @generated by flow-proto-build from proto/. Do not edit: run `make gen`.\n\
         //! Generated Rust types for the Flow contract (`proto/flow/**`).\n\
         //!\n\
         //! Messages are prost structs; gRPC clients and servers (tonic) sit behind the `client`\n\
         //! and `server` features; proto3 JSON (pbjson serde impls) behind `serde`.\n\
         //! Most users depend on `flow-proto`, which re-exports this crate.\n\
         #![allow(clippy::all, missing_docs, rustdoc::all)]\n\n\
         /// The encoded `google.protobuf.FileDescriptorSet` of every Flow proto file and its\n\
         /// imports, with comments. Used by gRPC server reflection and to render `Any` as JSON.\n",
    );
    out.push_str(&format!(
        "pub const FILE_DESCRIPTOR_SET: &[u8] = include_bytes!(\"{DESCRIPTOR_FILE}\");\n"
    ));

    // Build the tree of package segments so `flow.common.v1` and `flow.source.v1` share `flow`.
    let mut tree = ModuleTree::default();
    for package in packages {
        tree.insert(&package.split('.').collect::<Vec<_>>(), package);
    }
    tree.render(&mut out, 0);
    out.push_str(&render_message_table(messages));
    out
}

/// A macro that hands every top-level message, as `("full.Name", Type)`, to a callback macro,
/// so that code can reach all generated types by proto name (fixtures, fuzzing, benchmarks)
/// without a hand-kept list that could fall behind the protos.
fn render_message_table(messages: &BTreeSet<(String, String)>) -> String {
    let mut out = String::from(
        "\n/// Calls `$callback! { (\"flow.x.v1.Name\", path::to::Name), ... }` with every top-level\n\
         /// message of the contract, sorted by full name.\n\
         #[macro_export]\n\
         macro_rules! for_each_message {\n    ($callback:ident) => {\n        $callback! {\n",
    );
    for (package, name) in messages {
        // prost keeps CamelCase message names as they are; our lint (STANDARD) enforces them.
        let path = package.replace('.', "::");
        out.push_str(&format!(
            "            (\"{package}.{name}\", $crate::{path}::{name}),\n"
        ));
    }
    out.push_str("        }\n    };\n}\n");
    out
}

/// A module and the package files it includes.
#[derive(Default)]
struct ModuleTree {
    children: std::collections::BTreeMap<String, ModuleTree>,
    package: Option<String>,
}

impl ModuleTree {
    fn insert(&mut self, segments: &[&str], package: &str) {
        match segments.split_first() {
            None => self.package = Some(package.to_owned()),
            Some((first, rest)) => self
                .children
                .entry((*first).to_owned())
                .or_default()
                .insert(rest, package),
        }
    }

    fn render(&self, out: &mut String, depth: usize) {
        let indent = "    ".repeat(depth);
        if let Some(package) = &self.package {
            out.push_str(&format!("{indent}include!(\"{package}.rs\");\n"));
            out.push_str(&format!(
                "{indent}#[cfg(feature = \"serde\")]\n{indent}include!(\"{package}.serde.rs\");\n"
            ));
        }
        for (name, child) in &self.children {
            out.push_str(&format!("\n{indent}pub mod {name} {{\n"));
            child.render(out, depth + 1);
            out.push_str(&format!("{indent}}}\n"));
        }
    }
}
