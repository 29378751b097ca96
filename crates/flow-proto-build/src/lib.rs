//! `flow-proto-build` as a library: the prost options and the serde generator that
//! `gen/rust` is made with, so other crates generated from other protos (the conformance
//! testee, a team's own protos) get exactly the same Rust and the same JSON.
//!
//! ```no_run
//! // build.rs of a crate with its own protos:
//! use prost::Message;
//! let bytes = std::fs::read("my.fds.binpb").unwrap();
//! let fds = prost_types::FileDescriptorSet::decode(bytes.as_slice()).unwrap();
//! let out = std::path::PathBuf::from(std::env::var("OUT_DIR").unwrap());
//! let mut config = flow_proto_build::prost_config();
//! config.out_dir(&out);
//! config.compile_fds(fds.clone()).unwrap();
//! let layout = flow_proto_build::serde_impls::Layout { root: "crate".into() };
//! for (package, code) in flow_proto_build::serde_impls::generate(&fds, |p| p == "acme.v1", &layout) {
//!     std::fs::write(out.join(format!("{package}.serde.rs")), code).unwrap();
//! }
//! ```

pub mod serde_impls;

/// The prost options of every generated crate:
/// - the well-known types are `flow-proto-wkt`'s (ordered maps, canonical JSON), not
///   prost-types' or pbjson-types';
/// - `bytes` fields are `bytes::Bytes`: decoding from a tonic buffer is a reference-count bump
///   instead of two copies (see shared/design/performance.md);
/// - maps are `BTreeMap`: encoding is deterministic, so a re-encoded fixture gives the same bytes;
/// - `prost::Name` impls, so every message knows its full name and `Any` type URL
///   (`type.googleapis.com/flow.common.v1.Payload`).
pub fn prost_config() -> prost_build::Config {
    let mut config = prost_build::Config::new();
    config
        // "Compile" the well-known types so prost adds no default mapping to prost-types; the
        // extern path then maps them all to flow-proto-wkt.
        .compile_well_known_types()
        .extern_path(".google.protobuf", "::flow_proto_wkt")
        .bytes(["."])
        .btree_map(["."])
        .enable_type_names()
        .type_name_domain(["."], "type.googleapis.com");
    config
}
