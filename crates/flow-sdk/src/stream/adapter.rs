//! [`StreamAdapter`]: what serving any of the three streams takes (admission, options, one task
//! per stream); the role modules add their generated service on top.

use std::marker::PhantomData;
use std::sync::Arc;

use tokio_stream::wrappers::ReceiverStream;
use tokio_util::sync::CancellationToken;
use tonic::{Request, Response, Status, Streaming};

use super::outbox::Outbox;
use super::protocol::{Inbound, Responder, StreamProtocol};
use super::{StreamOptions, shutting_down};
use crate::{Sessions, ShutdownHandle};

/// Serves a user's component (`T`) as the stream service of role `R`: the type behind
/// [`SourceAdapter`](super::SourceAdapter), [`ProcessorAdapter`](super::ProcessorAdapter) and
/// [`ConsumerAdapter`](super::ConsumerAdapter).
pub struct StreamAdapter<R, T> {
    pub(crate) component: Arc<T>,
    pub(crate) admission: Admission,
    pub(crate) options: StreamOptions,
    role: PhantomData<fn() -> R>,
}

impl<R, T> StreamAdapter<R, T> {
    /// Refuses calls on connections without a handshake, as `runtime.proto` requires (pass
    /// [`crate::FlowServer::sessions`]).
    pub fn new(component: T, sessions: Sessions) -> Self {
        StreamAdapter {
            component: Arc::new(component),
            admission: Admission::new(sessions),
            options: StreamOptions::default(),
            role: PhantomData,
        }
    }

    /// Ends open streams when the server shuts down, as the [module docs](super) describe, and
    /// refuses new ones with `UNAVAILABLE` (pass [`crate::FlowServer::shutdown_handle`]).
    /// Automatic for adapters built from [`crate::FlowServer::sessions`]; without a handle a
    /// shutdown leaves open streams running until its hard deadline cuts them.
    pub fn watch_shutdown(mut self, shutdown: ShutdownHandle) -> Self {
        self.admission.watch(shutdown);
        self
    }

    /// Replaces the [`StreamOptions`].
    pub fn options(mut self, options: StreamOptions) -> Self {
        self.options = options;
        self
    }
}

/// A role's generated tonic service on its adapter: `into_server`, and the streaming method,
/// which admits the stream and hands it to the role module's `drive` (plus any unary methods
/// given in braces).
macro_rules! stream_service {
    (
        $role:ty, $component:path, $service:ident, $server:ident,
        $stream:ident, $method:ident($request:ty) -> $response:ty { $($unary:tt)* }
    ) => {
        impl<T: $component> StreamAdapter<$role, T> {
            /// The generated server, accepting messages up to `max_decoding_message_size`.
            pub fn into_server(self, max_decoding_message_size: usize) -> $server<Self> {
                $server::new(self).max_decoding_message_size(max_decoding_message_size)
            }
        }

        #[tonic::async_trait]
        impl<T: $component> $service for StreamAdapter<$role, T> {
            $($unary)*

            type $stream = tokio_stream::wrappers::ReceiverStream<Result<$response, tonic::Status>>;

            async fn $method(
                &self,
                request: tonic::Request<tonic::Streaming<$request>>,
            ) -> Result<tonic::Response<Self::$stream>, tonic::Status> {
                $crate::stream::adapter::spawn_stream(self, request, drive)
            }
        }
    };
}
pub(crate) use stream_service;

/// One admitted stream, as its role's driver gets it.
pub(crate) struct StreamTask<P: StreamProtocol, T> {
    pub(crate) component: Arc<T>,
    pub(crate) options: StreamOptions,
    pub(crate) inbound: Inbound<P>,
    pub(crate) start: P::Start,
    pub(crate) out: Responder<P>,
    /// Cancelled when the server starts shutting down.
    pub(crate) shutdown: CancellationToken,
}

/// What tonic reads a stream's responses from.
pub(crate) type ResponseStream<R> = ReceiverStream<Result<<R as StreamProtocol>::Response, Status>>;

/// Admits a stream and runs `drive` on it in its own task, once its `start` has arrived. (A
/// function, not a method: the protocol trait is the crate's own.)
pub(crate) fn spawn_stream<R, T, F, Fut>(
    adapter: &StreamAdapter<R, T>,
    request: Request<Streaming<R::Request>>,
    drive: F,
) -> Result<Response<ResponseStream<R>>, Status>
where
    R: StreamProtocol,
    T: Send + Sync + 'static,
    F: FnOnce(StreamTask<R, T>) -> Fut + Send + 'static,
    Fut: Future<Output = Result<(), Status>> + Send + 'static,
{
    let shutdown = adapter.admission.admit(&request)?;
    let component = adapter.component.clone();
    let options = adapter.options;
    let messages = request.into_inner();
    Ok(Response::new(Outbox::spawn(move |out| async move {
        let (inbound, start) = Inbound::open(messages).await?;
        let out = Responder::new(out, inbound.id());
        drive(StreamTask {
            component,
            options,
            inbound,
            start,
            out,
            shutdown,
        })
        .await
    })))
}

/// Who may open a stream: a connection that has handshaken, while the server is not shutting
/// down. Every adapter holds one.
#[derive(Clone, Debug)]
pub(crate) struct Admission {
    sessions: Sessions,
    /// The server whose shutdown ends the streams; `None` for sessions not from a `FlowServer`.
    shutdown: Option<ShutdownHandle>,
}

impl Admission {
    pub(crate) fn new(sessions: Sessions) -> Self {
        let shutdown = sessions.shutdown_handle();
        Admission { sessions, shutdown }
    }

    pub(crate) fn watch(&mut self, shutdown: ShutdownHandle) {
        self.shutdown = Some(shutdown);
    }

    pub(crate) fn sessions(&self) -> &Sessions {
        &self.sessions
    }

    /// Admits a new stream: `FAILED_PRECONDITION` before a handshake, [`shutting_down`] once the
    /// server drains; otherwise the server's drain signal (never cancelled without a handle).
    pub(crate) fn admit<M>(&self, request: &Request<M>) -> Result<CancellationToken, Status> {
        self.sessions.require(request)?;
        match &self.shutdown {
            Some(handle) if handle.is_draining() => Err(shutting_down()),
            Some(handle) => Ok(handle.draining_token()),
            None => Ok(CancellationToken::new()),
        }
    }
}
