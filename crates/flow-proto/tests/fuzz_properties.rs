//! The fuzz targets' bodies (`fuzz/`, nightly only) over a few thousand random inputs each, so
//! that a plain `cargo test` on stable covers them. The inputs are biased towards what the
//! decoders must handle: valid length prefixes, protobuf field tags and JSON punctuation.

#[path = "support/fuzz_bodies.rs"]
mod fuzz_bodies;

use proptest::prelude::*;

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 3000,
        // A failure prints its minimal input; CI must not write regression files into the tree.
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Bytes made of protobuf-looking tokens: small varints, field tags, length-delimited runs.
fn protobuf_like() -> impl Strategy<Value = Vec<u8>> {
    let token = prop_oneof![
        any::<u8>().prop_map(|b| vec![b]),
        (1u8..16, 0u8..6).prop_map(|(field, wire)| vec![(field << 3) | wire]),
        proptest::collection::vec(any::<u8>(), 0..8).prop_map(|v| {
            let mut out = vec![0x0a, v.len() as u8];
            out.extend(v);
            out
        }),
    ];
    proptest::collection::vec(token, 0..24).prop_map(|t| t.concat())
}

/// JSON-looking text: punctuation, field names of Flow messages, numbers and strings.
fn json_like() -> impl Strategy<Value = Vec<u8>> {
    let token = prop_oneof![
        Just("{".to_string()),
        Just("}".to_string()),
        Just("[".to_string()),
        Just("]".to_string()),
        Just(",".to_string()),
        Just(":".to_string()),
        Just("null".to_string()),
        Just("true".to_string()),
        Just(r#""@type""#.to_string()),
        Just(r#""type.googleapis.com/flow.common.v1.Credit""#.to_string()),
        prop_oneof![
            Just("streamId"),
            Just("seq"),
            Just("headers"),
            Just("message"),
            Just("raw"),
            Just("credit"),
            Just("records"),
            Just("error"),
            Just("cause"),
            Just("details"),
            Just("nextRetryDelay"),
        ]
        .prop_map(|name| format!("\"{name}\"")),
        any::<i64>().prop_map(|n| n.to_string()),
        "\"[a-zA-Z0-9=+/.:-]{0,12}\"",
    ];
    proptest::collection::vec(token, 0..32).prop_map(|t| t.concat().into_bytes())
}

/// A stream of length-prefixed frames whose bodies are protobuf- or JSON-like, plus raw noise.
fn framed_stream() -> impl Strategy<Value = Vec<u8>> {
    let body = prop_oneof![protobuf_like(), json_like()];
    let frame = (body, any::<bool>(), any::<u8>()).prop_map(|(body, honest, skew)| {
        // Mostly honest lengths; sometimes off, to hit truncation and misalignment.
        let len = if honest {
            body.len() as u32
        } else {
            (body.len() as u32)
                .wrapping_add(u32::from(skew))
                .wrapping_sub(128)
        };
        let mut out = len.to_be_bytes().to_vec();
        out.extend(body);
        out
    });
    let piece = prop_oneof![
        4 => frame,
        1 => Just(vec![0, 0, 0, 0]),
        1 => Just(vec![0xff, 0xff, 0xff, 0xff]),
        1 => proptest::collection::vec(any::<u8>(), 0..6),
    ];
    proptest::collection::vec(piece, 0..6).prop_map(|p| p.concat())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn frame_decoder_never_panics(data in prop_oneof![
        framed_stream(),
        proptest::collection::vec(any::<u8>(), 0..64),
    ]) {
        fuzz_bodies::frame_decoder(&data);
    }

    #[test]
    fn message_decode_never_panics(
        selector in any::<u8>(),
        rest in prop_oneof![
            protobuf_like(),
            json_like(),
            proptest::collection::vec(any::<u8>(), 0..64),
        ],
    ) {
        let mut data = vec![selector];
        data.extend(rest);
        fuzz_bodies::message_decode(&data);
    }
}
