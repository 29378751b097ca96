//! Any bytes, read as a stream of length-prefixed frames, in protobuf and in JSON.
#![no_main]

#[allow(dead_code)]
mod bodies {
    include!("../../crates/flow-proto/tests/support/fuzz_bodies.rs");
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| bodies::frame_decoder(data));
