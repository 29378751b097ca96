//! Tracing spans per RPC that carry the caller's W3C trace context.
//!
//! The context arrives either as `traceparent`/`tracestate` gRPC metadata (set by any
//! OpenTelemetry-instrumented client) or as a `flow.common.v1.TraceContext` field of a request
//! (the start messages of the streaming RPCs). Both give a [`TraceParent`]; the span records its
//! trace id and parent span id so that a subscriber (an OpenTelemetry layer, a log collector)
//! can link the service's work to core's trace.
//!
//! ```
//! use flow_proto::common::v1::TraceContext;
//! use flow_sdk::trace::TraceParent;
//!
//! let context = TraceContext {
//!     traceparent: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01".into(),
//!     tracestate: String::new(),
//! };
//! let parent = TraceParent::from_context(&context).unwrap();
//! assert_eq!(parent.trace_id, "4bf92f3577b34da6a3ce929d0e0e4736");
//! assert!(parent.sampled);
//! assert!(TraceParent::parse("00-00000000000000000000000000000000-00f067aa0ba902b7-01").is_none());
//! ```

use flow_proto::common::v1::TraceContext;
use tonic::codegen::http;
use tonic::metadata::MetadataMap;

/// The `traceparent` header / metadata key.
pub const TRACEPARENT: &str = "traceparent";
/// The `tracestate` header / metadata key.
pub const TRACESTATE: &str = "tracestate";

/// A parsed, valid W3C `traceparent`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TraceParent {
    /// 32 lower-case hex digits, not all zero.
    pub trace_id: String,
    /// The caller's span: 16 lower-case hex digits, not all zero.
    pub parent_id: String,
    /// The `sampled` flag.
    pub sampled: bool,
    /// The `tracestate` that came with it (empty when none).
    pub tracestate: String,
}

impl TraceParent {
    /// Parses a `traceparent` value. Invalid values give `None`: the W3C spec says to ignore
    /// them (start a new trace) rather than fail the request.
    pub fn parse(value: &str) -> Option<Self> {
        let mut parts = value.trim().split('-');
        let version = parts.next()?;
        let trace_id = parts.next()?;
        let parent_id = parts.next()?;
        let flags = parts.next()?;
        // Version 00 has exactly four parts; later versions may append more.
        if version == "00" && parts.next().is_some() {
            return None;
        }
        let hex = |s: &str, len| {
            s.len() == len && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
        };
        let zero = |s: &str| s.bytes().all(|b| b == b'0');
        if !hex(version, 2) || version == "ff" || !hex(flags, 2) {
            return None;
        }
        if !hex(trace_id, 32) || zero(trace_id) || !hex(parent_id, 16) || zero(parent_id) {
            return None;
        }
        let flags = u8::from_str_radix(flags, 16).ok()?;
        Some(TraceParent {
            trace_id: trace_id.to_owned(),
            parent_id: parent_id.to_owned(),
            sampled: flags & 1 == 1,
            tracestate: String::new(),
        })
    }

    /// From a request field.
    pub fn from_context(context: &TraceContext) -> Option<Self> {
        Self::parse(&context.traceparent).map(|p| p.with_state(&context.tracestate))
    }

    /// From gRPC metadata.
    pub fn from_metadata(metadata: &MetadataMap) -> Option<Self> {
        Self::from_headers(&metadata.clone().into_headers())
    }

    /// From HTTP/2 headers.
    pub fn from_headers(headers: &http::HeaderMap) -> Option<Self> {
        let get = |name| headers.get(name).and_then(|v| v.to_str().ok());
        Self::parse(get(TRACEPARENT)?).map(|p| p.with_state(get(TRACESTATE).unwrap_or("")))
    }

    fn with_state(mut self, tracestate: &str) -> Self {
        self.tracestate = tracestate.to_owned();
        self
    }
}

/// The parent for an RPC's span: the request field when it has a valid one (the more specific
/// context, set by core per pipeline node), else the metadata.
pub fn parent_of(field: Option<&TraceContext>, metadata: &MetadataMap) -> Option<TraceParent> {
    field
        .and_then(TraceParent::from_context)
        .or_else(|| TraceParent::from_metadata(metadata))
}

/// The span for one RPC (`rpc` is the gRPC path, `/flow.runtime.v1.RuntimeService/Configure`),
/// carrying the caller's trace context when known.
pub fn rpc_span(rpc: &str, parent: Option<&TraceParent>) -> tracing::Span {
    let span = tracing::info_span!(
        "rpc",
        rpc.system = "grpc",
        rpc.method = rpc,
        trace_id = tracing::field::Empty,
        parent_span_id = tracing::field::Empty,
        sampled = tracing::field::Empty,
    );
    if let Some(parent) = parent {
        span.record("trace_id", parent.trace_id.as_str());
        span.record("parent_span_id", parent.parent_id.as_str());
        span.record("sampled", parent.sampled);
    }
    span
}

/// The span tonic opens for every request the server receives: parent from the metadata.
pub(crate) fn span_for_request(request: &http::Request<()>) -> tracing::Span {
    let parent = TraceParent::from_headers(request.headers());
    rpc_span(request.uri().path(), parent.as_ref())
}

#[cfg(test)]
mod tests {
    use super::*;

    const VALID: &str = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    #[test]
    fn rejects_malformed_values() {
        for bad in [
            "",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7",
            "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
            "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra",
        ] {
            assert_eq!(TraceParent::parse(bad), None, "{bad:?}");
        }
        // A future version may carry more fields.
        assert!(TraceParent::parse(&format!("01{}-x", &VALID[2..])).is_some());
    }

    #[test]
    fn field_wins_over_metadata() {
        let mut metadata = MetadataMap::new();
        metadata.insert(
            TRACEPARENT,
            "00-11111111111111111111111111111111-2222222222222222-00"
                .parse()
                .unwrap(),
        );
        metadata.insert(TRACESTATE, "k=v".parse().unwrap());
        let from_metadata = parent_of(None, &metadata).unwrap();
        assert_eq!(from_metadata.trace_id, "1".repeat(32));
        assert_eq!(from_metadata.tracestate, "k=v");
        assert!(!from_metadata.sampled);
        let field = TraceContext {
            traceparent: VALID.into(),
            tracestate: String::new(),
        };
        assert_eq!(
            parent_of(Some(&field), &metadata).unwrap().trace_id,
            "4bf92f3577b34da6a3ce929d0e0e4736"
        );
        // An invalid field falls back to the metadata.
        let broken = TraceContext {
            traceparent: "garbage".into(),
            tracestate: String::new(),
        };
        assert_eq!(parent_of(Some(&broken), &metadata), Some(from_metadata));
    }
}
