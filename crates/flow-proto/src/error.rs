//! Typed errors. Each says which message it was about, so that a log line alone is enough.

/// A protobuf binary input could not be decoded.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DecodeError {
    /// The bytes are not a valid encoding of the message (truncated, bad wire type, bad UTF-8).
    #[error("malformed {message}: {source}")]
    Malformed {
        /// Fully qualified message name.
        message: String,
        /// prost's description of the fault.
        #[source]
        source: prost::DecodeError,
    },
    /// The message type is not known (an `Any` with an unknown type URL).
    #[error("unknown message type `{0}`: link the crate generated for it by flow-proto-build")]
    UnknownType(String),
}

/// A JSON input could not be parsed, or a message could not be written as JSON.
#[cfg(feature = "json")]
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum JsonError {
    /// The input is not valid proto3 JSON for the message; `path` points at the offending value
    /// (`records[2].value.data`), empty when the fault is at the root or in the JSON syntax.
    #[error("invalid JSON for {message} at {}: {reason}", display_path(path))]
    Invalid {
        /// Fully qualified message name.
        message: String,
        /// The JSON path of the offending value.
        path: String,
        /// What was wrong there.
        reason: String,
    },
    /// The message cannot be written as JSON (an `Any` whose type is not registered, a Timestamp
    /// or Duration out of the range JSON allows).
    #[error("cannot write {message} as JSON: {reason}")]
    Unrepresentable {
        /// Fully qualified message name.
        message: String,
        /// Why.
        reason: String,
    },
    /// The message type is not known (an `Any` with an unknown type URL).
    #[error("unknown message type `{0}`: link the crate generated for it by flow-proto-build")]
    UnknownType(String),
}

/// A request or configuration failed validation. Carries every finding, so that a caller can show
/// all problems at once, each pointing at its attribute; at least one of them is an error.
///
/// ```
/// use flow_proto::ValidationError;
/// use flow_proto::common::v1::{AttributePath, Diagnostic};
/// use flow_proto::diagnostic::{AttributePathExt, DiagnosticExt};
///
/// let findings = vec![
///     Diagnostic::warning("`batch` is deprecated"),
///     Diagnostic::error("port must be between 1 and 65535").at(AttributePath::root().attr("port")),
/// ];
/// let err = ValidationError::check("SinkConfig", findings).unwrap_err();
/// assert_eq!(err.to_string(), "invalid SinkConfig: error at port: port must be between 1 and 65535");
/// assert!(ValidationError::check("SinkConfig", vec![Diagnostic::warning("w")]).is_ok());
/// ```
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("invalid {subject}: {}", summarize(.diagnostics))]
#[non_exhaustive]
pub struct ValidationError {
    /// What was validated: a message name (`flow.job.v1.JobSpec`) or a description (`config`).
    pub subject: String,
    /// Every finding, errors and warnings, in the order they were found.
    pub diagnostics: Vec<crate::common::v1::Diagnostic>,
}

impl ValidationError {
    /// `Ok` with the findings when none is an error (warnings and infos only), otherwise the
    /// error. Unset severities count as errors, as `diagnostic.proto` asks readers to do.
    pub fn check(
        subject: impl Into<String>,
        diagnostics: Vec<crate::common::v1::Diagnostic>,
    ) -> Result<Vec<crate::common::v1::Diagnostic>, ValidationError> {
        use crate::diagnostic::DiagnosticExt;
        if diagnostics.iter().any(|d| d.is_error()) {
            Err(ValidationError {
                subject: subject.into(),
                diagnostics,
            })
        } else {
            Ok(diagnostics)
        }
    }

    /// The findings that are errors.
    pub fn errors(&self) -> impl Iterator<Item = &crate::common::v1::Diagnostic> {
        use crate::diagnostic::DiagnosticExt;
        self.diagnostics.iter().filter(|d| d.is_error())
    }
}

/// The first error as one line, and how many more there are: enough for a log line, while the
/// full list stays in `diagnostics`.
fn summarize(diagnostics: &[crate::common::v1::Diagnostic]) -> String {
    use crate::diagnostic::DiagnosticExt;
    let mut errors = diagnostics.iter().filter(|d| d.is_error());
    let Some(first) = errors.next() else {
        return "no error diagnostics".to_owned();
    };
    match errors.count() {
        0 => first.to_line(),
        more => format!("{} (and {more} more)", first.to_line()),
    }
}

#[cfg(feature = "json")]
fn display_path(path: &str) -> String {
    if path.is_empty() {
        "the root".to_owned()
    } else {
        format!("`{path}`")
    }
}
