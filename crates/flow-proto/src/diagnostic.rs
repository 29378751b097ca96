//! Building [`Diagnostic`]s and the [`AttributePath`]s they point at.
//!
//! The generated structs live in another crate, so the helpers are extension traits:
//!
//! ```
//! use flow_proto::common::v1::{AttributePath, Diagnostic};
//! use flow_proto::diagnostic::{AttributePathExt, DiagnosticExt};
//!
//! let path = AttributePath::root().attr("sinks").index(2).attr("tls").key("ca");
//! assert_eq!(path.display().to_string(), r#"sinks[2].tls["ca"]"#);
//!
//! let diagnostic = Diagnostic::error("certificate file not found")
//!     .at(path)
//!     .with_reason("FILE_NOT_FOUND")
//!     .with_metadata("path", "/etc/ca.pem");
//! assert!(diagnostic.is_error());
//! assert_eq!(diagnostic.to_line(), r#"error at sinks[2].tls["ca"]: certificate file not found"#);
//! ```

use std::fmt;

use crate::common::v1::attribute_path::{Step, step::Selector};
use crate::common::v1::{AttributePath, Diagnostic, Severity};

/// Builds and prints the generated [`AttributePath`].
pub trait AttributePathExt: Sized {
    /// The empty path: the whole value.
    fn root() -> Self;
    /// One step into the attribute (object field) `name`.
    fn attr(self, name: impl Into<String>) -> Self;
    /// One step into the list element at zero-based `index`.
    fn index(self, index: i64) -> Self;
    /// One step into the map entry with string key `key`.
    fn key(self, key: impl Into<String>) -> Self;
    /// The path as text, as users write it: `sinks[2].tls["ca"]`; empty for the root.
    fn display(&self) -> PathDisplay<'_>;
}

impl AttributePathExt for AttributePath {
    fn root() -> Self {
        AttributePath::default()
    }

    fn attr(self, name: impl Into<String>) -> Self {
        push(self, Selector::AttributeName(name.into()))
    }

    fn index(self, index: i64) -> Self {
        push(self, Selector::ElementKeyInt(index))
    }

    fn key(self, key: impl Into<String>) -> Self {
        push(self, Selector::ElementKeyString(key.into()))
    }

    fn display(&self) -> PathDisplay<'_> {
        PathDisplay(self)
    }
}

fn push(mut path: AttributePath, selector: Selector) -> AttributePath {
    path.steps.push(Step {
        selector: Some(selector),
    });
    path
}

/// Prints an [`AttributePath`]; see [`AttributePathExt::display`].
#[derive(Clone, Copy, Debug)]
pub struct PathDisplay<'a>(&'a AttributePath);

impl fmt::Display for PathDisplay<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, step) in self.0.steps.iter().enumerate() {
            match &step.selector {
                Some(Selector::AttributeName(name)) if i == 0 => f.write_str(name)?,
                Some(Selector::AttributeName(name)) => write!(f, ".{name}")?,
                Some(Selector::ElementKeyInt(index)) => write!(f, "[{index}]")?,
                // `{:?}` quotes and escapes the key, so `"` or `]` inside it cannot be misread.
                Some(Selector::ElementKeyString(key)) => write!(f, "[{key:?}]")?,
                // A step from a newer writer with a selector this version does not know.
                None => f.write_str("[?]")?,
            }
        }
        Ok(())
    }
}

/// Builds and reads the generated [`Diagnostic`].
pub trait DiagnosticExt: Sized {
    /// A finding of severity error with this one-line summary, about the whole request.
    fn error(summary: impl Into<String>) -> Self;
    /// A finding of severity warning with this one-line summary, about the whole request.
    fn warning(summary: impl Into<String>) -> Self;
    /// A finding of severity info with this one-line summary, about the whole request.
    fn info(summary: impl Into<String>) -> Self;
    /// Points the finding at an attribute.
    fn at(self, attribute: AttributePath) -> Self;
    /// Sets the longer explanation.
    fn with_detail(self, detail: impl Into<String>) -> Self;
    /// Sets the machine-readable reason (`VALUE_OUT_OF_RANGE`).
    fn with_reason(self, reason: impl Into<String>) -> Self;
    /// Adds one metadata entry (`min`, `max`, `got`).
    fn with_metadata(self, key: impl Into<String>, value: impl Into<String>) -> Self;
    /// True for severity error, and for an unset or unknown severity, which readers must treat
    /// as error (the safe choice, per `diagnostic.proto`).
    fn is_error(&self) -> bool;
    /// One line for logs and terminals: `error at sinks[2]: summary`.
    fn to_line(&self) -> String;
}

/// Builder methods of the extension traits that set one string field and return the message:
/// `string_setters!(with_detail: detail)` writes `fn with_detail(self, detail: impl Into<String>)`.
macro_rules! string_setters {
    ($($method:ident: $field:ident),* $(,)?) => {$(
        fn $method(mut self, $field: impl Into<String>) -> Self {
            self.$field = $field.into();
            self
        }
    )*};
}
pub(crate) use string_setters;

impl DiagnosticExt for Diagnostic {
    fn error(summary: impl Into<String>) -> Self {
        new(Severity::Error, summary.into())
    }

    fn warning(summary: impl Into<String>) -> Self {
        new(Severity::Warning, summary.into())
    }

    fn info(summary: impl Into<String>) -> Self {
        new(Severity::Info, summary.into())
    }

    fn at(mut self, attribute: AttributePath) -> Self {
        self.attribute = Some(attribute);
        self
    }

    string_setters!(with_detail: detail, with_reason: reason);

    fn with_metadata(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.metadata.insert(key.into(), value.into());
        self
    }

    fn is_error(&self) -> bool {
        !matches!(
            Severity::try_from(self.severity),
            Ok(Severity::Warning | Severity::Info)
        )
    }

    fn to_line(&self) -> String {
        let severity = match Severity::try_from(self.severity) {
            Ok(Severity::Warning) => "warning",
            Ok(Severity::Info) => "info",
            _ => "error",
        };
        match self.attribute.as_ref().filter(|a| !a.steps.is_empty()) {
            Some(path) => format!("{severity} at {}: {}", path.display(), self.summary),
            None => format!("{severity}: {}", self.summary),
        }
    }
}

fn new(severity: Severity, summary: String) -> Diagnostic {
    Diagnostic {
        severity: severity.into(),
        summary,
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_displays_empty_and_keys_are_escaped() {
        assert_eq!(AttributePath::root().display().to_string(), "");
        let path = AttributePath::root().key(r#"a"]b"#).index(-1);
        assert_eq!(path.display().to_string(), r#"["a\"]b"][-1]"#);
    }

    #[test]
    fn path_from_the_issue() {
        let path = AttributePath::root().attr("sinks").index(2).key("tls");
        assert_eq!(path.display().to_string(), r#"sinks[2]["tls"]"#);
    }

    #[test]
    fn unset_and_unknown_severity_count_as_error() {
        let mut d = Diagnostic::warning("w");
        assert!(!d.is_error());
        d.severity = 0;
        assert!(d.is_error());
        d.severity = 99;
        assert!(d.is_error());
        assert_eq!(d.to_line(), "error: w");
    }
}
