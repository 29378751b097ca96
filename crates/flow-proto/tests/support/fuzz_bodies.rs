// The bodies of the fuzz targets, shared by `fuzz/fuzz_targets/*.rs` (through `include!`, which is
// why this file has no inner doc comment) and by the stable property test
// `tests/fuzz_properties.rs`, so that `cargo test` runs them without nightly.
//
// Contract of both: any input is fine, none may panic. The asserts state the invariants the
// decoders promise beyond "no panic".

use std::sync::OnceLock;

use bytes::BytesMut;
use flow_proto::catalog;
use flow_proto::frame::v1::Frame;
use flow_proto::framing::{FrameCodec, FrameError, FrameFormat};
use flow_proto::json::JsonCodec;
use tokio_util::codec::{Decoder, Encoder};

/// A small limit, so that inputs can reach it; the logic does not depend on the number.
const MAX_FRAME: usize = 64 * 1024;

/// Feeds `data` as a byte stream to the frame decoder, once per format, then ends the stream.
/// Every decoded frame must encode and decode back to itself.
pub fn frame_decoder(data: &[u8]) {
    for format in [FrameFormat::Protobuf, FrameFormat::Json] {
        let mut codec = FrameCodec::<Frame>::new(format).with_max_frame_length(MAX_FRAME);
        let mut buf = BytesMut::from(data);
        loop {
            let before = buf.len();
            match codec.decode(&mut buf) {
                Ok(Some(frame)) => {
                    assert!(buf.len() < before, "a frame consumes bytes");
                    assert_round_trip(&mut codec, frame);
                }
                Ok(None) => break,
                Err(FrameError::Decode(_) | FrameError::Json(_)) => {
                    assert!(
                        buf.len() < before,
                        "a bad body is consumed, so decoding goes on"
                    );
                }
                Err(FrameError::TooLarge { declared, max }) => {
                    assert!(declared > max);
                    // Only keepalives before it may have been consumed: the buffer still starts
                    // with the offending prefix, for the caller to report.
                    let prefix: [u8; 4] = buf[..4].try_into().unwrap();
                    assert_eq!(u32::from_be_bytes(prefix) as usize, declared);
                    assert!(buf.capacity() <= data.len().max(MAX_FRAME) + 4);
                    break;
                }
                Err(other) => panic!("decode cannot fail with {other:?}"),
            }
        }
        match codec.decode_eof(&mut buf) {
            Ok(None) => assert!(buf.is_empty()),
            Err(FrameError::Truncated { expected, received }) => {
                assert!(received < expected && received == buf.len());
            }
            Err(FrameError::TooLarge { .. }) => {}
            other => panic!("at EOF after draining: {other:?}"),
        }
    }
}

fn assert_round_trip(codec: &mut FrameCodec<Frame>, frame: Frame) {
    let mut wire = BytesMut::new();
    match codec.encode(&frame, &mut wire) {
        Ok(()) => {}
        // JSON can refuse what binary carried (an `Any` of a type the registry does not know);
        // an empty frame is refused in protobuf by design; JSON can be longer than the limit.
        Err(FrameError::Json(_) | FrameError::Empty { .. } | FrameError::TooLarge { .. }) => {
            return;
        }
        Err(other) => panic!("encoding a decoded frame failed: {other:?}"),
    }
    let again = codec.decode(&mut wire).expect("our own encoding decodes");
    assert_eq!(again.as_ref(), Some(&frame), "frame round trip");
    assert!(wire.is_empty());
}

/// The first byte picks a message type from the catalog; the rest is read as protobuf binary
/// and as JSON. What binary decodes must re-encode to a fixed point and convert to JSON and back.
pub fn message_decode(data: &[u8]) {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let types = catalog::message_types();
    let message = &types[usize::from(selector) % types.len()];
    let codec = json_codec();

    if let Ok(bytes) = (message.reencode)(rest) {
        let again = (message.reencode)(&bytes).expect("re-encoded bytes decode");
        assert_eq!(
            again, bytes,
            "{}: re-encoding is a fixed point",
            message.full_name
        );
        if let Ok(json) = (message.binary_to_json)(codec, &bytes) {
            let _ = (message.json_to_binary)(codec, &json);
        }
    }
    if let Ok(bytes) = (message.json_to_binary)(codec, rest) {
        (message.reencode)(&bytes).expect("what JSON produced decodes as binary");
    }
}

fn json_codec() -> &'static JsonCodec {
    static CODEC: OnceLock<JsonCodec> = OnceLock::new();
    CODEC.get_or_init(JsonCodec::default)
}
