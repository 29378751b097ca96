//! Building and reading [`Failure`]s, the application-level error of the contract.
//!
//! The generated struct lives in another crate, so the helpers are an extension trait:
//! bring [`FailureExt`] into scope and build failures in one expression.
//!
//! ```
//! use std::time::Duration;
//! use flow_proto::common::v1::{Credit, Failure};
//! use flow_proto::failure::FailureExt;
//!
//! let failure = Failure::new("cannot write batch 7")
//!     .with_type("sink.write_failed")
//!     .with_source("orders-sink/writer")
//!     .with_next_retry_delay(Duration::from_secs(5))
//!     .with_detail(&Credit { records: 100, bytes: 0 })
//!     .with_cause(Failure::new("connection reset").with_type("io.reset"));
//!
//! assert_eq!(failure.chain().map(|f| f.r#type.as_str()).collect::<Vec<_>>(),
//!            ["sink.write_failed", "io.reset"]);
//! assert_eq!(failure.retry_delay(), Some(Duration::from_secs(5)));
//! assert_eq!(failure.details_of::<Credit>().next().unwrap()?.records, 100);
//! # Ok::<(), flow_proto::DecodeError>(())
//! ```
//!
//! Any Rust error becomes a failure whose cause chain follows [`Error::source`]:
//!
//! ```
//! use flow_proto::common::v1::Failure;
//! use flow_proto::failure::FailureExt;
//!
//! let err = flow_proto::decode::<Failure>(&[0xff][..]).unwrap_err();
//! let failure = Failure::from_error(&err);
//! assert!(failure.message.starts_with("malformed flow.common.v1.Failure"));
//! assert!(failure.cause.is_some()); // prost's own error, the source of ours
//! ```

use std::error::Error;

use flow_proto_wkt::Any;
use prost::{Message, Name};

use crate::DecodeError;
use crate::common::v1::Failure;
use crate::diagnostic::string_setters;

/// Stable `Failure.type` values this crate produces. Other components add their own; the set is
/// open, these are only the ones the library itself needs to agree on.
pub mod types {
    /// A request or configuration failed validation (see [`crate::ValidationError`]).
    pub const INVALID: &str = "validation.invalid";
    /// A frame's declared length is over the receiver's limit (named by `frame.proto`).
    pub const FRAME_TOO_LARGE: &str = "frame.too_large";
    /// A frame could not be read: truncated stream, malformed body or I/O fault.
    pub const FRAME_INVALID: &str = "frame.invalid";
}

/// The deepest cause chain [`FailureExt::from_error`] follows. A `source()` cycle (a bug, but
/// possible) must not turn into an endless loop or an unbounded message.
const MAX_CHAIN: usize = 32;

/// Builders and readers for the generated [`Failure`] message.
pub trait FailureExt: Sized {
    /// A retryable failure with this human-readable message and nothing else set.
    fn new(message: impl Into<String>) -> Self;

    /// A failure for a Rust error: its `Display` text is the message and each
    /// [`source()`](Error::source) becomes one link of the cause chain, outermost first.
    /// Type and retryability are left unset: only the caller knows them.
    fn from_error(error: &(dyn Error + 'static)) -> Self;

    /// Sets the machine-readable type (`io.timeout`, `config.invalid`).
    fn with_type(self, r#type: impl Into<String>) -> Self;

    /// Marks the failure as one that retrying cannot fix (or, with `false`, clears the mark).
    fn with_non_retryable(self, non_retryable: bool) -> Self;

    /// Asks the caller to retry no sooner than `delay`.
    fn with_next_retry_delay(self, delay: std::time::Duration) -> Self;

    /// Sets the direct cause (which may carry its own chain), replacing any previous one.
    fn with_cause(self, cause: Self) -> Self;

    /// Appends a structured detail, packed as `google.protobuf.Any` with the message's type URL.
    fn with_detail<M: Message + Name>(self, detail: &M) -> Self;

    /// Sets the component that failed (`service/component`).
    fn with_source(self, source: impl Into<String>) -> Self;

    /// Sets the stack trace, in the failing language's own format.
    fn with_stack_trace(self, stack_trace: impl Into<String>) -> Self;

    /// This failure, then its cause, then the cause's cause, down to the root cause.
    fn chain(&self) -> Chain<'_>;

    /// The innermost cause (`self` when there is none).
    fn root_cause(&self) -> &Self;

    /// The requested retry delay, when set and representable (`None` for negative durations).
    fn retry_delay(&self) -> Option<std::time::Duration>;

    /// The details of type `M`, decoded; details of other types are skipped.
    fn details_of<M: Message + Name + Default>(
        &self,
    ) -> impl Iterator<Item = Result<M, DecodeError>> + '_;
}

impl FailureExt for Failure {
    fn new(message: impl Into<String>) -> Self {
        Failure {
            message: message.into(),
            ..Default::default()
        }
    }

    fn from_error(error: &(dyn Error + 'static)) -> Self {
        let mut messages = Vec::new();
        let mut next = Some(error);
        while let Some(err) = next {
            if messages.len() == MAX_CHAIN {
                break;
            }
            messages.push(err.to_string());
            next = err.source();
        }
        // Built from the root outwards so every link is moved into its parent exactly once.
        messages
            .into_iter()
            .rev()
            .fold(None, |cause, message| {
                Some(Failure {
                    message,
                    cause: cause.map(Box::new),
                    ..Default::default()
                })
            })
            .expect("the chain holds at least `error` itself")
    }

    string_setters!(with_type: r#type, with_source: source, with_stack_trace: stack_trace);

    fn with_non_retryable(mut self, non_retryable: bool) -> Self {
        self.non_retryable = non_retryable;
        self
    }

    fn with_next_retry_delay(mut self, delay: std::time::Duration) -> Self {
        self.next_retry_delay = Some(delay.into());
        self
    }

    fn with_cause(mut self, cause: Self) -> Self {
        self.cause = Some(Box::new(cause));
        self
    }

    fn with_detail<M: Message + Name>(mut self, detail: &M) -> Self {
        self.details.push(pack(detail));
        self
    }

    fn chain(&self) -> Chain<'_> {
        Chain { next: Some(self) }
    }

    fn root_cause(&self) -> &Self {
        self.chain().last().unwrap_or(self)
    }

    fn retry_delay(&self) -> Option<std::time::Duration> {
        self.next_retry_delay
            .and_then(|d| std::time::Duration::try_from(d).ok())
    }

    fn details_of<M: Message + Name + Default>(
        &self,
    ) -> impl Iterator<Item = Result<M, DecodeError>> + '_ {
        let wanted = M::full_name();
        self.details
            .iter()
            .filter(move |any| type_name(&any.type_url) == wanted)
            .map(|any| crate::decode::<M>(any.value.clone()))
    }
}

/// A validation error is the caller's fault: non-retryable, type [`types::INVALID`], with every
/// diagnostic packed into `details` so that the caller can point at each attribute.
impl From<crate::ValidationError> for Failure {
    fn from(error: crate::ValidationError) -> Self {
        let message = error.to_string();
        let failure = Failure::new(message)
            .with_type(types::INVALID)
            .with_non_retryable(true);
        error
            .diagnostics
            .iter()
            .fold(failure, |failure, d| failure.with_detail(d))
    }
}

/// Iterator over a failure and its causes, outermost first. See [`FailureExt::chain`].
#[derive(Clone, Debug)]
pub struct Chain<'a> {
    next: Option<&'a Failure>,
}

impl<'a> Iterator for Chain<'a> {
    type Item = &'a Failure;

    fn next(&mut self) -> Option<&'a Failure> {
        let current = self.next?;
        self.next = current.cause.as_deref();
        Some(current)
    }
}

/// Packs a message as `google.protobuf.Any` with the standard `type.googleapis.com/` prefix.
pub fn pack<M: Message + Name>(message: &M) -> Any {
    Any {
        type_url: M::type_url(),
        value: message.encode_to_vec().into(),
    }
}

/// The message name an `Any` type URL points at: whatever follows the last `/`.
pub(crate) fn type_name(type_url: &str) -> &str {
    type_url.rsplit_once('/').map_or(type_url, |(_, name)| name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, thiserror::Error)]
    #[error("outer")]
    struct Outer(#[source] Inner);

    #[derive(Debug, thiserror::Error)]
    #[error("inner")]
    struct Inner;

    #[test]
    fn from_error_follows_sources_outermost_first() {
        let failure = Failure::from_error(&Outer(Inner));
        let messages: Vec<_> = failure.chain().map(|f| f.message.as_str()).collect();
        assert_eq!(messages, ["outer", "inner"]);
        assert_eq!(failure.root_cause().message, "inner");
    }

    #[test]
    fn negative_retry_delay_is_none() {
        let mut failure = Failure::new("x");
        failure.next_retry_delay = Some(flow_proto_wkt::Duration {
            seconds: -1,
            nanos: 0,
        });
        assert_eq!(failure.retry_delay(), None);
    }

    #[test]
    fn details_of_skips_other_types_and_reports_bad_bytes() {
        use crate::common::v1::Credit;
        let mut failure = Failure::new("x")
            .with_detail(&Failure::new("not a credit"))
            .with_detail(&Credit {
                records: 3,
                bytes: 4,
            });
        let credits: Vec<_> = failure.details_of::<Credit>().collect();
        assert_eq!(credits.len(), 1);
        assert_eq!(credits[0].as_ref().unwrap().records, 3);

        failure.details[1].value = vec![0xff].into();
        assert!(failure.details_of::<Credit>().next().unwrap().is_err());
    }

    #[test]
    fn validation_error_becomes_non_retryable_failure_with_diagnostics() {
        use crate::common::v1::Diagnostic;
        use crate::diagnostic::DiagnosticExt;
        let err = crate::ValidationError::check(
            "config",
            vec![Diagnostic::error("a"), Diagnostic::warning("b")],
        )
        .unwrap_err();
        let failure = Failure::from(err.clone());
        assert!(failure.non_retryable);
        assert_eq!(failure.r#type, types::INVALID);
        let back: Vec<Diagnostic> = failure.details_of().collect::<Result<_, _>>().unwrap();
        assert_eq!(back, err.diagnostics);
    }
}
