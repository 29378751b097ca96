//! Length-prefixed frames for byte streams other than gRPC (TCP, Unix sockets, a child process's
//! stdio), as `flow/frame/v1/frame.proto` specifies them: a 4-byte big-endian length, then that
//! many bytes of one message in protobuf binary or canonical JSON. A length of 0 is a keepalive,
//! which the decoder skips and [`Keepalive`] sends.
//!
//! [`FrameCodec`] is a [`tokio_util::codec`] `Decoder` and `Encoder`, so `Framed` turns any
//! `AsyncRead + AsyncWrite` into a `Stream` and `Sink` of frames:
//!
//! ```
//! use flow_proto::frame::v1::{Frame, frame};
//! use flow_proto::framing::{FrameCodec, FrameFormat, Keepalive};
//! use futures_util::{SinkExt, StreamExt};
//! use tokio_util::codec::Framed;
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), flow_proto::framing::FrameError> {
//! let (client, server) = tokio::io::duplex(64 * 1024);
//! let mut client = Framed::new(client, FrameCodec::<Frame>::new(FrameFormat::Protobuf));
//! let mut server = Framed::new(server, FrameCodec::<Frame>::new(FrameFormat::Protobuf));
//!
//! let hello = Frame {
//!     stream_id: "c1".into(),
//!     seq: 1,
//!     body: Some(frame::Body::Raw("hello".into())),
//!     ..Default::default()
//! };
//! client.send(Keepalive).await?; // skipped by the receiver
//! client.send(hello.clone()).await?;
//! assert_eq!(server.next().await.transpose()?, Some(hello));
//! # Ok(())
//! # }
//! ```
//!
//! The receiver checks the declared length against its limit (4 MiB unless
//! [configured](FrameCodec::with_max_frame_length)) before it reserves any memory, and a frame
//! whose body does not decode is consumed whole, so the next frame still decodes. An oversized
//! length cannot be skipped safely (the stream cannot be resynchronized): answer it with
//! [`FrameError::to_failure`] and close the connection.

mod codec;
mod error;

pub use codec::{FrameCodec, FrameFormat, Keepalive};
pub use error::FrameError;
