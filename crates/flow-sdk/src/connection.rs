//! The accepted TCP stream, wrapped so that the server can (1) tell connections apart, for
//! per-connection handshakes, and (2) close every connection at the drain's hard deadline.
//!
//! (2) is needed because tonic's graceful shutdown waits for every open stream to end, and a
//! long-lived stream (a health `Watch`, a record stream) may never end by itself. The connection
//! tasks belong to hyper, out of our reach; failing their I/O is the one lever that stops them.
//!
//! This module owns a connection's identity ([`ConnectionId`], [`ConnectionInfo`]); what is kept
//! per connection (the handshake agreements of [`crate::session`]) builds on it, and learns of a
//! closed connection through the `on_close` callback the server passes in. Imports go one way:
//! `session` uses `connection`, never the other way round.

use std::future::Future as _;
use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::task::{Context, Poll};

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;
use tokio_util::sync::{CancellationToken, WaitForCancellationFutureOwned};
use tonic::transport::server::Connected;

/// Identifies one accepted connection for the life of the process.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ConnectionId(u64);

impl ConnectionId {
    fn next() -> Self {
        static NEXT: AtomicU64 = AtomicU64::new(1);
        ConnectionId(NEXT.fetch_add(1, Ordering::Relaxed))
    }
}

/// Set as a request extension on every request a [`crate::FlowServer`] receives.
#[derive(Clone, Debug)]
pub struct ConnectionInfo {
    /// The connection's id.
    pub id: ConnectionId,
    /// The peer's address.
    pub remote_addr: Option<SocketAddr>,
    /// Our address.
    pub local_addr: Option<SocketAddr>,
}

/// Called once with the connection's id when it closes.
pub(crate) type OnClose = Box<dyn FnOnce(ConnectionId) + Send>;

/// A TCP stream that fails all I/O once `hard_stop` is cancelled, and calls `on_close` when
/// dropped (the server forgets the connection's handshake).
pub(crate) struct DrainableStream {
    inner: TcpStream,
    info: ConnectionInfo,
    stopped: Pin<Box<WaitForCancellationFutureOwned>>,
    on_close: Option<OnClose>,
}

impl DrainableStream {
    pub(crate) fn new(inner: TcpStream, hard_stop: &CancellationToken, on_close: OnClose) -> Self {
        // Small RPCs (handshake, credit, acks) must not wait for Nagle's algorithm.
        let _ = inner.set_nodelay(true);
        let info = ConnectionInfo {
            id: ConnectionId::next(),
            remote_addr: inner.peer_addr().ok(),
            local_addr: inner.local_addr().ok(),
        };
        DrainableStream {
            inner,
            info,
            stopped: Box::pin(hard_stop.clone().cancelled_owned()),
            on_close: Some(on_close),
        }
    }

    /// Registers the waker with the hard-stop signal and fails once it fired.
    fn check(&mut self, cx: &mut Context<'_>) -> io::Result<()> {
        match self.stopped.as_mut().poll(cx) {
            Poll::Ready(()) => Err(io::Error::new(
                io::ErrorKind::ConnectionAborted,
                "the drain's hard deadline passed",
            )),
            Poll::Pending => Ok(()),
        }
    }
}

impl Drop for DrainableStream {
    fn drop(&mut self) {
        if let Some(on_close) = self.on_close.take() {
            on_close(self.info.id);
        }
    }
}

impl Connected for DrainableStream {
    type ConnectInfo = ConnectionInfo;

    fn connect_info(&self) -> ConnectionInfo {
        self.info.clone()
    }
}

impl AsyncRead for DrainableStream {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        self.check(cx)?;
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl AsyncWrite for DrainableStream {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        self.check(cx)?;
        Pin::new(&mut self.inner).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        self.check(cx)?;
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        self.check(cx)?;
        Pin::new(&mut self.inner).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }
}
