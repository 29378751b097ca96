//! The length-prefixed frame codec: round trips over a real byte stream, delivery in odd pieces,
//! and every way a hostile or broken peer can misbehave.

use bytes::{BufMut, BytesMut};
use flow_proto::common::v1::{Credit, Failure, Payload};
use flow_proto::failure::{FailureExt, pack, types};
use flow_proto::frame::v1::{Ack, Frame, frame};
use flow_proto::framing::{FrameCodec, FrameError, FrameFormat, Keepalive};
use futures_util::{SinkExt, StreamExt};
use tokio_util::codec::{Decoder, Encoder, Framed};

const FORMATS: [FrameFormat; 2] = [FrameFormat::Protobuf, FrameFormat::Json];

/// One frame of each body kind, with headers and a multi-byte string so JSON gets exercised.
fn frames() -> Vec<Frame> {
    let frame = |seq, body| Frame {
        stream_id: "c1".into(),
        seq,
        headers: [(
            "content-type".to_string(),
            "text/plain; charset=ütf-8".into(),
        )]
        .into(),
        body,
        ..Default::default()
    };
    vec![
        frame(
            1,
            Some(frame::Body::Message(pack(&Payload {
                data: "hello".into(),
                ..Default::default()
            }))),
        ),
        frame(2, Some(frame::Body::Raw(vec![0, 1, 2, 255].into()))),
        frame(
            3,
            Some(frame::Body::Credit(Credit {
                records: 10,
                bytes: u64::MAX,
            })),
        ),
        frame(4, Some(frame::Body::Ack(Ack { seq: 3 }))),
        Frame {
            end_of_stream: true,
            ..frame(
                5,
                Some(frame::Body::Error(
                    Failure::new("boom").with_cause(Failure::new("root")),
                )),
            )
        },
        frame(6, None),
    ]
}

fn codec(format: FrameFormat) -> FrameCodec<Frame> {
    FrameCodec::new(format)
}

fn encode_all(format: FrameFormat, frames: &[Frame]) -> BytesMut {
    let mut codec = codec(format);
    let mut buf = BytesMut::new();
    for frame in frames {
        codec.encode(frame, &mut buf).unwrap();
    }
    buf
}

fn decode_all(codec: &mut FrameCodec<Frame>, buf: &mut BytesMut) -> Vec<Frame> {
    let mut out = Vec::new();
    while let Some(frame) = codec.decode(buf).unwrap() {
        out.push(frame);
    }
    out
}

#[tokio::test]
async fn round_trip_over_a_duplex_stream_in_both_formats() {
    for format in FORMATS {
        // A small pipe, so frames straddle reads and writes wait for the reader.
        let (client, server) = tokio::io::duplex(7);
        let mut client = Framed::new(client, codec(format));
        let mut server = Framed::new(server, codec(format));
        let sent = frames();
        let writer = tokio::spawn(async move {
            for frame in frames() {
                client.send(Keepalive).await.unwrap();
                client.send(frame).await.unwrap();
            }
            // Dropping the client closes the stream: the reader sees a clean end.
        });
        let mut received = Vec::new();
        while let Some(frame) = server.next().await {
            received.push(frame.unwrap());
        }
        writer.await.unwrap();
        assert_eq!(received, sent, "{format:?}");
    }
}

#[test]
fn many_frames_in_one_buffer() {
    for format in FORMATS {
        let sent: Vec<Frame> = std::iter::repeat_n(frames(), 50).flatten().collect();
        let mut buf = encode_all(format, &sent);
        assert_eq!(decode_all(&mut codec(format), &mut buf), sent, "{format:?}");
        assert!(buf.is_empty());
    }
}

#[test]
fn split_delivery_byte_by_byte() {
    for format in FORMATS {
        let sent = frames();
        let wire = encode_all(format, &sent);
        let mut codec = codec(format);
        let mut buf = BytesMut::new();
        let mut received = Vec::new();
        for byte in wire.iter() {
            buf.put_u8(*byte);
            received.extend(decode_all(&mut codec, &mut buf));
        }
        assert_eq!(received, sent, "{format:?}");
        assert_eq!(codec.decode_eof(&mut buf).unwrap(), None);
    }
}

#[test]
fn oversized_header_is_rejected_without_allocation() {
    for format in FORMATS {
        let mut buf = BytesMut::with_capacity(16);
        buf.put_u32(0xFFFF_FFFF);
        buf.put_slice(b"junk");
        let capacity = buf.capacity();
        let err = codec(format).decode(&mut buf).unwrap_err();
        assert!(
            matches!(err, FrameError::TooLarge { declared: 0xFFFF_FFFF, max } if max == 4 << 20),
            "{err:?}"
        );
        assert_eq!(buf.capacity(), capacity, "no reserve for a rejected length");
        assert_eq!(
            buf.len(),
            8,
            "nothing consumed: the stream cannot be resynchronized"
        );
        assert_eq!(err.to_failure().r#type, types::FRAME_TOO_LARGE);
        assert!(err.to_failure().non_retryable);
    }
}

#[test]
fn the_limit_is_configurable_both_ways() {
    let frame = &frames()[0];
    let mut codec = codec(FrameFormat::Protobuf).with_max_frame_length(8);
    let mut buf = BytesMut::new();
    let err = codec.encode(frame, &mut buf).unwrap_err();
    assert!(
        matches!(err, FrameError::TooLarge { max: 8, .. }),
        "{err:?}"
    );
    assert!(buf.is_empty(), "nothing written for a refused frame");

    let mut wire = encode_all(FrameFormat::Protobuf, std::slice::from_ref(frame));
    let err = codec.decode(&mut wire).unwrap_err();
    assert!(
        matches!(err, FrameError::TooLarge { max: 8, .. }),
        "{err:?}"
    );
}

#[test]
fn truncated_at_eof() {
    for format in FORMATS {
        let wire = encode_all(format, &frames()[..1]);
        // Cut in the prefix, then in the body.
        for cut in [2, wire.len() - 1] {
            let mut buf = BytesMut::from(&wire[..cut]);
            let err = codec(format).decode_eof(&mut buf).unwrap_err();
            let expected = if cut < 4 { 4 } else { wire.len() };
            assert!(
                matches!(err, FrameError::Truncated { expected: e, received } if e == expected && received == cut),
                "{format:?} cut at {cut}: {err:?}"
            );
        }
    }
}

#[test]
fn garbage_body_consumes_exactly_one_frame() {
    for format in FORMATS {
        let good = frames()[1].clone();
        let mut buf = BytesMut::new();
        buf.put_u32(3);
        buf.put_slice(&[0xff, 0xff, 0xff]); // neither valid protobuf nor valid JSON
        buf.extend_from_slice(&encode_all(format, std::slice::from_ref(&good)));
        let mut codec = codec(format);
        let err = codec.decode(&mut buf).unwrap_err();
        match format {
            FrameFormat::Protobuf => assert!(matches!(err, FrameError::Decode(_)), "{err:?}"),
            _ => assert!(matches!(err, FrameError::Json(_)), "{err:?}"),
        }
        assert_eq!(err.to_failure().r#type, types::FRAME_INVALID);
        assert_eq!(codec.decode(&mut buf).unwrap(), Some(good), "{format:?}");
        assert!(buf.is_empty());
    }
}

#[test]
fn keepalives_are_skipped_and_can_be_sent() {
    for format in FORMATS {
        let mut codec = codec(format);
        let mut buf = BytesMut::new();
        codec.encode(Keepalive, &mut buf).unwrap();
        assert_eq!(&buf[..], [0, 0, 0, 0]);
        codec.encode(Keepalive, &mut buf).unwrap();
        assert_eq!(codec.decode(&mut buf).unwrap(), None);
        assert!(buf.is_empty(), "keepalives consumed");

        codec.encode(Keepalive, &mut buf).unwrap();
        codec.encode(&frames()[2], &mut buf).unwrap();
        codec.encode(Keepalive, &mut buf).unwrap();
        assert_eq!(decode_all(&mut codec, &mut buf), [frames()[2].clone()]);
        assert_eq!(codec.decode_eof(&mut buf).unwrap(), None, "{format:?}");
    }
}

#[test]
fn an_empty_protobuf_message_is_refused_not_turned_into_a_keepalive() {
    let mut buf = BytesMut::new();
    let err = codec(FrameFormat::Protobuf)
        .encode(Frame::default(), &mut buf)
        .unwrap_err();
    assert!(matches!(err, FrameError::Empty { .. }), "{err:?}");
    assert!(buf.is_empty());
    // In JSON the empty message is `{}`, which frames fine.
    codec(FrameFormat::Json)
        .encode(Frame::default(), &mut buf)
        .unwrap();
    assert_eq!(&buf[..], b"\0\0\0\x02{}");
}

#[test]
fn any_message_type_can_be_framed() {
    let mut codec = FrameCodec::<Credit>::new(FrameFormat::Json);
    let mut buf = BytesMut::new();
    let credit = Credit {
        records: 1,
        bytes: 2,
    };
    codec.encode(&credit, &mut buf).unwrap();
    assert_eq!(&buf[4..], br#"{"records":1,"bytes":"2"}"#);
    assert_eq!(codec.decode(&mut buf).unwrap(), Some(credit));
}
