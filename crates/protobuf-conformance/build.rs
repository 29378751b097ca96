//! Generates prost types for the conformance protocol and the test messages from the committed
//! descriptor set (`conformance.fds.binpb`, see `scripts/conformance.sh descriptors`), with the
//! same prost options as `crates/flow-proto-build`, so the suite measures the code we ship.
//! No protoc, no network: `cargo build --workspace` always works.

use prost::Message;

fn main() -> std::io::Result<()> {
    let path = "conformance.fds.binpb";
    println!("cargo:rerun-if-changed={path}");
    let fds = prost_types::FileDescriptorSet::decode(std::fs::read(path)?.as_slice())
        .map_err(std::io::Error::other)?;

    // Keep in step with flow-proto-build's `generate_prost_and_tonic` and `prost_config` (tonic's
    // builder only forwards these to prost; the test protos have no services).
    let mut config = prost_build::Config::new();
    // flow-proto-build's OWN_WELL_KNOWN_TYPES: the struct types come from flow-proto-wkt.
    for name in ["Struct", "Value", "ListValue", "NullValue"] {
        config.extern_path(
            format!(".google.protobuf.{name}"),
            format!("::flow_proto_wkt::{name}"),
        );
    }
    config
        .compile_well_known_types()
        .extern_path(".google.protobuf", "::pbjson_types")
        .bytes(["."])
        .btree_map(["."])
        .enable_type_names()
        .type_name_domain(["."], "type.googleapis.com");
    config.compile_fds(fds)
}
