//! The skeleton the three stream drivers share: open the RPC with its start under a fresh
//! instruction id, wrap every request in that id, and read responses with the id checked,
//! kind-less messages refused and the end of the RPC allowed only when the role says so. What
//! each message means stays with the role ([`SessionRole`]).

use crate::dial::duplex::{Duplex, new_instruction_id};
use crate::dial::error::{CoreError, Result, Stage};

/// The names and message types of one stream and where its session keeps the [`Duplex`]:
/// pure plumbing, implemented by [`stream_plumbing!`].
pub(crate) trait StreamPlumbing {
    type Request;
    type Response;
    /// The `kind` oneof of a request.
    type RequestKind;
    /// The `kind` oneof of a response.
    type ResponseKind;
    /// What the caller hears of a response.
    type Event;

    const STAGE: Stage;
    /// The RPC's name ("Write"), for errors.
    const RPC: &'static str;
    /// How instruction ids of this stream start ("write").
    const ID_PREFIX: &'static str;
    /// What must come before the service may end the RPC ("drain").
    const ENDS_AFTER: &'static str;

    fn request(instruction_id: String, kind: Self::RequestKind) -> Self::Request;
    /// A response's instruction id and kind.
    fn into_parts(response: Self::Response) -> (String, Option<Self::ResponseKind>);
    fn io(&mut self) -> &mut Duplex<Self::Request, Self::Response>;
}

/// Implements [`StreamPlumbing`] for a session with an `io` field.
macro_rules! stream_plumbing {
    (
        $session:ty => $event:ty, $stage:expr, $rpc:literal, ids $prefix:literal,
        ends after $ends_after:literal, $request:ident($request_kind:ty) -> $response:ident($response_kind:ty)
    ) => {
        impl $crate::dial::session::StreamPlumbing for $session {
            type Request = $request;
            type Response = $response;
            type RequestKind = $request_kind;
            type ResponseKind = $response_kind;
            type Event = $event;

            const STAGE: $crate::dial::error::Stage = $stage;
            const RPC: &'static str = $rpc;
            const ID_PREFIX: &'static str = $prefix;
            const ENDS_AFTER: &'static str = $ends_after;

            fn request(instruction_id: String, kind: $request_kind) -> $request {
                $request {
                    instruction_id,
                    kind: Some(kind),
                }
            }

            fn into_parts(response: $response) -> (String, Option<$response_kind>) {
                (response.instruction_id, response.kind)
            }

            fn io(&mut self) -> &mut $crate::dial::duplex::Duplex<$request, $response> {
                &mut self.io
            }
        }
    };
}
pub(crate) use stream_plumbing;

/// What one role of stream knows that the others do not: when its RPC may end, and what its
/// messages mean.
pub(crate) trait SessionRole: StreamPlumbing {
    /// Whether what the RPC needs before it ends ([`StreamPlumbing::ENDS_AFTER`]) has happened.
    fn may_end(&self) -> bool;
    /// Further checks once the service ended the RPC with status OK, as it may.
    fn on_end(&self) -> Result<()> {
        Ok(())
    }
    /// Checked before any message is handled, whatever its kind.
    fn admit(&self) -> Result<()> {
        Ok(())
    }
    /// Handles one message: `Some` event for the caller, `None` for one handled here.
    fn on_message(&mut self, kind: Self::ResponseKind) -> Result<Option<Self::Event>>;
}

/// Opens the stream with `start` (the start kind) already queued, under a fresh instruction id.
pub(crate) async fn open<R, F, Fut>(
    start: R::RequestKind,
    call: F,
) -> Result<Duplex<R::Request, R::Response>>
where
    R: StreamPlumbing,
    F: FnOnce(tokio_stream::wrappers::ReceiverStream<R::Request>) -> Fut,
    Fut: Future<
        Output = std::result::Result<tonic::Response<tonic::Streaming<R::Response>>, tonic::Status>,
    >,
{
    let id = new_instruction_id(R::ID_PREFIX);
    let start = R::request(id.clone(), start);
    Duplex::open(R::STAGE, R::RPC, id, start, call).await
}

/// Sends `kind` under the stream's instruction id.
pub(crate) async fn send<R: StreamPlumbing>(role: &mut R, kind: R::RequestKind) -> Result<()> {
    let io = role.io();
    let msg = R::request(io.instruction_id.clone(), kind);
    io.send(msg).await
}

/// The next event; `None` once the service ended the RPC with status OK when it may.
/// Cancel-safe: only the receive awaits.
pub(crate) async fn next_event<R: SessionRole>(role: &mut R) -> Result<Option<R::Event>> {
    loop {
        let Some(msg) = role.io().recv().await? else {
            if !role.may_end() {
                return Err(CoreError::StreamEnded {
                    stage: R::STAGE,
                    detail: format!("{} ended without {}", R::RPC, R::ENDS_AFTER),
                });
            }
            role.on_end()?;
            return Ok(None);
        };
        let (instruction_id, kind) = R::into_parts(msg);
        role.io().check_id(&instruction_id)?;
        role.admit()?;
        let Some(kind) = kind else {
            return Err(CoreError::violation(
                R::STAGE,
                format!("{}Response with no kind", R::RPC),
            ));
        };
        if let Some(event) = role.on_message(kind)? {
            return Ok(Some(event));
        }
    }
}
