//! Any bytes: the first picks a message type of the catalog, the rest is read as protobuf
//! binary and as JSON.
#![no_main]

#[allow(dead_code)]
mod bodies {
    include!("../../crates/flow-proto/tests/support/fuzz_bodies.rs");
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| bodies::message_decode(data));
