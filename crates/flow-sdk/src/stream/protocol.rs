//! The rules the three stream protocols share, written once against [`StreamProtocol`]: the
//! first message is a `start` with an `instruction_id`, every later message carries that id and
//! is not a second `start`, every response echoes it, batch ids and barrier seqs only go up, and
//! a batch fits the credit granted for it.

use flow_proto::common::v1::{Progress, RecordBatch};
use flow_proto::{consumer, processor, source};
use tokio_stream::StreamExt as _;
use tonic::{Status, Streaming};

use super::credit::{CreditBudget, CreditUsage};
use super::outbox::Outbox;
use super::{fault, now};

/// What one stream protocol names differently: its service and its message types.
pub(crate) trait StreamProtocol: Send + 'static {
    /// The proto package, as protocol faults name it.
    const SERVICE: &'static str;
    type Request: Send + 'static;
    type Response: Send + 'static;
    /// The `kind` oneof of a request.
    type Kind: Send;
    /// The `kind` oneof of a response.
    type ResponseKind: Send;
    /// The `start` message.
    type Start: Send;

    fn into_parts(request: Self::Request) -> (String, Option<Self::Kind>);
    /// The start message, or the kind given back when it is something else.
    fn start(kind: Self::Kind) -> Result<Self::Start, Self::Kind>;
    fn response(instruction_id: String, kind: Self::ResponseKind) -> Self::Response;
    /// A progress report as a response kind.
    fn progress(progress: Progress) -> Self::ResponseKind;
}

/// `flow.source.v1.SourceService.Read`.
#[derive(Debug)]
pub struct SourceRole;
/// `flow.processor.v1.ProcessorService.Process`.
#[derive(Debug)]
pub struct ProcessorRole;
/// `flow.consumer.v1.ConsumerService.Write`.
#[derive(Debug)]
pub struct ConsumerRole;

macro_rules! stream_protocol {
    ($role:ty, $service:literal, $pkg:ident, $req:ident, $resp:ident, $req_mod:ident, $resp_mod:ident, $start:ident) => {
        impl StreamProtocol for $role {
            const SERVICE: &'static str = $service;
            type Request = $pkg::v1::$req;
            type Response = $pkg::v1::$resp;
            type Kind = $pkg::v1::$req_mod::Kind;
            type ResponseKind = $pkg::v1::$resp_mod::Kind;
            type Start = $pkg::v1::$start;

            fn into_parts(request: Self::Request) -> (String, Option<Self::Kind>) {
                (request.instruction_id, request.kind)
            }

            fn start(kind: Self::Kind) -> Result<Self::Start, Self::Kind> {
                match kind {
                    $pkg::v1::$req_mod::Kind::Start(start) => Ok(start),
                    other => Err(other),
                }
            }

            fn response(instruction_id: String, kind: Self::ResponseKind) -> Self::Response {
                $pkg::v1::$resp {
                    instruction_id,
                    kind: Some(kind),
                }
            }

            fn progress(progress: Progress) -> Self::ResponseKind {
                $pkg::v1::$resp_mod::Kind::Progress(progress)
            }
        }
    };
}

stream_protocol!(
    SourceRole,
    "flow.source.v1",
    source,
    ReadRequest,
    ReadResponse,
    read_request,
    read_response,
    ReadStart
);
stream_protocol!(
    ProcessorRole,
    "flow.processor.v1",
    processor,
    ProcessRequest,
    ProcessResponse,
    process_request,
    process_response,
    ProcessStart
);
stream_protocol!(
    ConsumerRole,
    "flow.consumer.v1",
    consumer,
    WriteRequest,
    WriteResponse,
    write_request,
    write_response,
    WriteStart
);

/// Core's side of a stream after its `start`: every message checked against the start's
/// `instruction_id`.
pub(crate) struct Inbound<P: StreamProtocol> {
    messages: Streaming<P::Request>,
    id: String,
}

impl<P: StreamProtocol> Inbound<P> {
    /// Reads the `start`: the first message, with a non-empty `instruction_id`.
    pub(crate) async fn open(
        mut messages: Streaming<P::Request>,
    ) -> Result<(Self, P::Start), Status> {
        let first = match messages.next().await {
            None => return Err(fault(P::SERVICE, "stream closed before start")),
            Some(message) => message?,
        };
        let (id, kind) = P::into_parts(first);
        let Some(Ok(start)) = kind.map(P::start) else {
            return Err(fault(P::SERVICE, "the first message must be start"));
        };
        if id.is_empty() {
            return Err(fault(P::SERVICE, "start has an empty instruction_id"));
        }
        Ok((Inbound { messages, id }, start))
    }

    /// The start's `instruction_id`.
    pub(crate) fn id(&self) -> &str {
        &self.id
    }

    /// The next message's kind; `None` when core closed its side. A wrong `instruction_id`, a
    /// second `start` or an empty kind is a protocol fault.
    pub(crate) async fn next(&mut self) -> Option<Result<P::Kind, Status>> {
        let message = match self.messages.next().await? {
            Ok(message) => message,
            Err(status) => return Some(Err(status)),
        };
        let (id, kind) = P::into_parts(message);
        Some(if id != self.id {
            Err(fault(
                P::SERVICE,
                format!(
                    "instruction_id {id:?} does not match the start's {:?}",
                    self.id
                ),
            ))
        } else {
            match kind.map(P::start) {
                None => Err(fault(P::SERVICE, "a message with no kind set")),
                Some(Ok(_)) => Err(fault(P::SERVICE, "a second start on the stream")),
                Some(Err(kind)) => Ok(kind),
            }
        })
    }
}

/// The service's side of a stream: every response carries the start's `instruction_id`.
pub(crate) struct Responder<P: StreamProtocol> {
    out: Outbox<P::Response>,
    id: String,
}

impl<P: StreamProtocol> Responder<P> {
    pub(crate) fn new(out: Outbox<P::Response>, id: &str) -> Self {
        Responder {
            out,
            id: id.to_owned(),
        }
    }

    pub(crate) async fn send(&self, kind: P::ResponseKind) -> Result<(), Status> {
        self.out.send(P::response(self.id.clone(), kind)).await
    }

    /// Sends `progress` as of now (`fraction_complete` unknown).
    pub(crate) async fn send_progress(&self, progress: &Progress) -> Result<(), Status> {
        let mut progress = progress.clone();
        progress.fraction_complete = -1.0;
        progress.observed_at = Some(now());
        self.send(P::progress(progress)).await
    }

    /// Resolves when core has gone.
    pub(crate) async fn closed(&self) {
        self.out.closed().await;
    }
}

/// A number core must raise with each message (`batch_id`, barrier `seq`).
pub(crate) struct Ascending {
    what: &'static str,
    last: Option<u64>,
}

impl Ascending {
    /// The first value may be anything.
    pub(crate) fn new(what: &'static str) -> Self {
        Ascending { what, last: None }
    }

    /// The first value must be above `last`.
    pub(crate) fn after(what: &'static str, last: u64) -> Self {
        Ascending {
            what,
            last: Some(last),
        }
    }

    /// Accepts `next` when it is above the last value; a protocol fault otherwise.
    pub(crate) fn advance<P: StreamProtocol>(&mut self, next: u64) -> Result<(), Status> {
        if let Some(last) = self.last.filter(|last| next <= *last) {
            return Err(fault(
                P::SERVICE,
                format!("{} {next} not greater than the previous {last}", self.what),
            ));
        }
        self.last = Some(next);
        Ok(())
    }
}

/// Takes an input batch's cost from the credit granted to core; a batch over it is a protocol
/// fault.
pub(crate) fn take_input_credit<P: StreamProtocol>(
    credit: &mut CreditBudget,
    batch: &RecordBatch,
) -> Result<CreditUsage, Status> {
    let usage = CreditUsage::of(batch);
    if !credit.take(usage) {
        let CreditUsage { records, bytes } = usage;
        return Err(fault(
            P::SERVICE,
            format!(
                "batch {} ({records} records, {bytes} bytes) exceeds the credit left ({} records, {} bytes)",
                batch.batch_id, credit.records, credit.bytes
            ),
        ));
    }
    Ok(usage)
}
