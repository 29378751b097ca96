//! Generates prost types and serde impls for the conformance protocol and the test messages from
//! the committed descriptor set (`conformance.fds.binpb`, see `scripts/conformance.sh
//! descriptors`) with flow-proto-build itself, so the suite measures exactly the code we ship.
//! No protoc, no network: `cargo build --workspace` always works.

use prost::Message;

fn main() -> std::io::Result<()> {
    let path = "conformance.fds.binpb";
    println!("cargo:rerun-if-changed={path}");
    let fds = prost_types::FileDescriptorSet::decode(std::fs::read(path)?.as_slice())
        .map_err(std::io::Error::other)?;
    let out = std::path::PathBuf::from(std::env::var("OUT_DIR").map_err(std::io::Error::other)?);

    let mut config = flow_proto_build::prost_config();
    config.out_dir(&out);
    config.compile_fds(fds.clone())?;

    // The test messages live in `crate::protobuf_test_messages::proto{2,3}` (see main.rs).
    let layout = flow_proto_build::serde_impls::Layout {
        root: "crate".into(),
    };
    let in_scope = |package: &str| package.starts_with("protobuf_test_messages.");
    for (package, code) in flow_proto_build::serde_impls::generate(&fds, in_scope, &layout) {
        std::fs::write(out.join(format!("{package}.serde.rs")), code)?;
    }
    Ok(())
}
