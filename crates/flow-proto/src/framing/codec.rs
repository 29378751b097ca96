//! The length-prefixed codec itself.

use std::fmt;
use std::marker::PhantomData;

use bytes::{Buf, BufMut, Bytes, BytesMut};
use prost::{Message, Name};
use tokio_util::codec::{Decoder, Encoder};

use super::FrameError;
use crate::frame::v1::Frame;
use crate::json::JsonCodec;

/// Bytes of the big-endian `u32` length prefix.
const HEADER_LEN: usize = 4;

/// How frame bodies are encoded; fixed per connection when it is set up.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum FrameFormat {
    /// Protobuf binary.
    Protobuf,
    /// Canonical proto3 JSON, UTF-8.
    Json,
}

/// Sending this writes a keepalive: a zero length prefix and no body. Receivers skip it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Keepalive;

/// Reads and writes length-prefixed messages of type `M` (a [`Frame`] unless said otherwise).
/// See the [module docs](super) for the wire format and an example.
pub struct FrameCodec<M = Frame> {
    format: FrameFormat,
    max_frame_length: usize,
    json: JsonCodec,
    // `fn() -> M`: the codec produces `M`s but holds none, so it is Send + Sync whatever `M` is.
    message: PhantomData<fn() -> M>,
}

impl<M> FrameCodec<M> {
    /// The default limit on a frame's length, like gRPC's default receive limit.
    pub const DEFAULT_MAX_FRAME_LENGTH: usize = 4 * 1024 * 1024;

    /// A codec for `format` with the default limit and, for JSON, the Flow type registry.
    pub fn new(format: FrameFormat) -> Self {
        FrameCodec {
            format,
            max_frame_length: Self::DEFAULT_MAX_FRAME_LENGTH,
            json: JsonCodec::default(),
            message: PhantomData,
        }
    }

    /// Sets the largest frame (without its prefix) this codec reads or writes. Values over
    /// `u32::MAX` mean `u32::MAX`, the most a prefix can declare.
    pub fn with_max_frame_length(mut self, max: usize) -> Self {
        self.max_frame_length = max.min(u32::MAX as usize);
        self
    }

    /// Uses `codec` for JSON bodies, for example one whose registry knows the types that the
    /// frames' `Any` messages carry, or a strict one.
    pub fn with_json_codec(mut self, codec: JsonCodec) -> Self {
        self.json = codec;
        self
    }

    /// The body encoding.
    pub fn format(&self) -> FrameFormat {
        self.format
    }

    /// The largest frame this codec reads or writes, in bytes, prefix excluded.
    pub fn max_frame_length(&self) -> usize {
        self.max_frame_length
    }

    fn check_length(&self, declared: usize) -> Result<(), FrameError> {
        if declared > self.max_frame_length {
            return Err(FrameError::TooLarge {
                declared,
                max: self.max_frame_length,
            });
        }
        Ok(())
    }

    fn put_frame(&self, body: &[u8], dst: &mut BytesMut) -> Result<(), FrameError> {
        self.check_length(body.len())?;
        dst.reserve(HEADER_LEN + body.len());
        dst.put_u32(u32::try_from(body.len()).expect("checked against a limit <= u32::MAX"));
        dst.put_slice(body);
        Ok(())
    }
}

impl<M: Message + Name + serde::Serialize> FrameCodec<M> {
    fn encode_message(&self, item: &M, dst: &mut BytesMut) -> Result<(), FrameError> {
        match self.format {
            FrameFormat::Protobuf => {
                let len = item.encoded_len();
                if len == 0 {
                    return Err(FrameError::Empty {
                        message: M::full_name(),
                    });
                }
                self.check_length(len)?;
                dst.reserve(HEADER_LEN + len);
                dst.put_u32(u32::try_from(len).expect("checked against a limit <= u32::MAX"));
                // Straight into the buffer: no intermediate Vec for the common binary case.
                item.encode(dst).expect("BytesMut grows on demand");
                Ok(())
            }
            FrameFormat::Json => self.put_frame(&self.json.encode_to_vec(item)?, dst),
        }
    }
}

impl<M: Message + Name + Default + serde::de::DeserializeOwned> FrameCodec<M> {
    fn decode_body(&self, body: Bytes) -> Result<M, FrameError> {
        match self.format {
            FrameFormat::Protobuf => Ok(crate::decode(body)?),
            FrameFormat::Json => Ok(self.json.decode(&body)?),
        }
    }
}

/// The declared body length, when the whole prefix is there.
fn declared_length(src: &[u8]) -> Option<usize> {
    let header: [u8; HEADER_LEN] = src.get(..HEADER_LEN)?.try_into().ok()?;
    // Lossless: Flow targets 32- and 64-bit platforms.
    Some(u32::from_be_bytes(header) as usize)
}

impl<M: Message + Name + Default + serde::de::DeserializeOwned> Decoder for FrameCodec<M> {
    type Item = M;
    type Error = FrameError;

    fn decode(&mut self, src: &mut BytesMut) -> Result<Option<M>, FrameError> {
        loop {
            let Some(declared) = declared_length(src) else {
                return Ok(None);
            };
            if declared == 0 {
                // A keepalive carries no frame and is ignored (frame.proto).
                src.advance(HEADER_LEN);
                continue;
            }
            // Before any reserve: a hostile 0xFFFFFFFF prefix must not cost 4 GiB.
            self.check_length(declared)?;
            let total = HEADER_LEN + declared;
            if src.len() < total {
                src.reserve(total - src.len());
                return Ok(None);
            }
            src.advance(HEADER_LEN);
            // Split off before decoding, so a body that fails to decode is consumed exactly and
            // the next frame starts at the right byte.
            let body = src.split_to(declared).freeze();
            return self.decode_body(body).map(Some);
        }
    }

    fn decode_eof(&mut self, src: &mut BytesMut) -> Result<Option<M>, FrameError> {
        if let Some(frame) = self.decode(src)? {
            return Ok(Some(frame));
        }
        if src.is_empty() {
            return Ok(None);
        }
        Err(FrameError::Truncated {
            expected: declared_length(src).map_or(HEADER_LEN, |len| HEADER_LEN + len),
            received: src.len(),
        })
    }
}

impl<M: Message + Name + serde::Serialize> Encoder<M> for FrameCodec<M> {
    type Error = FrameError;

    fn encode(&mut self, item: M, dst: &mut BytesMut) -> Result<(), FrameError> {
        self.encode_message(&item, dst)
    }
}

impl<M: Message + Name + serde::Serialize> Encoder<&M> for FrameCodec<M> {
    type Error = FrameError;

    fn encode(&mut self, item: &M, dst: &mut BytesMut) -> Result<(), FrameError> {
        self.encode_message(item, dst)
    }
}

impl<M> Encoder<Keepalive> for FrameCodec<M> {
    type Error = FrameError;

    fn encode(&mut self, _: Keepalive, dst: &mut BytesMut) -> Result<(), FrameError> {
        dst.put_u32(0);
        Ok(())
    }
}

impl<M> Clone for FrameCodec<M> {
    fn clone(&self) -> Self {
        FrameCodec {
            format: self.format,
            max_frame_length: self.max_frame_length,
            json: self.json,
            message: PhantomData,
        }
    }
}

impl<M> fmt::Debug for FrameCodec<M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FrameCodec")
            .field("message", &std::any::type_name::<M>())
            .field("format", &self.format)
            .field("max_frame_length", &self.max_frame_length)
            .finish_non_exhaustive()
    }
}
