//! How core's servers answer what they refuse, the same way in every service: a bad request
//! field is `INVALID_ARGUMENT` with a `Failure` whose `Diagnostic` detail points at the field;
//! storage that cannot take the call is `UNAVAILABLE`.

use flow_proto::common::v1::{AttributePath, Diagnostic, Failure};
use flow_proto::diagnostic::{AttributePathExt, DiagnosticExt};
use flow_proto::failure::{FailureExt, types};
use flow_proto::status::failure_to_status;
use flow_proto::wkt::Duration as ProtoDuration;
use tonic::Status;

use crate::ids::{IdError, check_id};
use crate::store::StoreError;

/// A request field that is not acceptable, named by its proto path (`service.instance_id`).
#[derive(Debug, Clone, PartialEq)]
pub struct InvalidField {
    /// The field's path from the request message, proto field names separated by `.`.
    pub field: String,
    /// What is wrong with it, to be read after the field name.
    pub problem: String,
}

impl InvalidField {
    pub fn new(field: impl Into<String>, problem: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            problem: problem.into(),
        }
    }
}

/// `INVALID_ARGUMENT` with a Failure (type `validation.invalid`, non-retryable) naming the field
/// in its message and, as an `AttributePath`, in its `Diagnostic` detail.
impl From<InvalidField> for Status {
    fn from(invalid: InvalidField) -> Self {
        let path = invalid
            .field
            .split('.')
            .fold(AttributePath::root(), |path, name| path.attr(name));
        let message = format!("{} {}", invalid.field, invalid.problem);
        let diagnostic = Diagnostic::error(message.clone())
            .at(path)
            .with_reason("INVALID_VALUE");
        failure_to_status(
            &Failure::new(message)
                .with_type(types::INVALID)
                .with_non_retryable(true)
                .with_detail(&diagnostic),
        )
    }
}

/// Storage trouble as the caller should hear it: `UNAVAILABLE` (retry later) or `INTERNAL`.
impl From<StoreError> for Status {
    fn from(err: StoreError) -> Self {
        match &err {
            StoreError::Unavailable(_) => {
                tracing::warn!(error = %err, "storage unavailable");
                failure_to_status(&Failure::from_error(&err).with_type("storage.unavailable"))
            }
            StoreError::Internal(_) => {
                tracing::error!(error = %err, "storage failed");
                Status::internal(err.to_string())
            }
        }
    }
}

/// Checks a caller-supplied id with the one rule ([`check_id`]).
pub fn id_field(field: &str, id: &str) -> Result<(), InvalidField> {
    check_id(id).map_err(|err: IdError| InvalidField::new(field, err.to_string()))
}

/// An id field that may be left empty; when given, [`id_field`]'s rule applies.
pub fn optional_id_field(field: &str, id: &str) -> Result<(), InvalidField> {
    if id.is_empty() {
        Ok(())
    } else {
        id_field(field, id)
    }
}

/// A non-negative, well-formed duration field, or `None` when unset.
pub fn duration_field(
    field: &str,
    duration: Option<ProtoDuration>,
) -> Result<Option<std::time::Duration>, InvalidField> {
    let Some(duration) = duration else {
        return Ok(None);
    };
    if duration.seconds < 0 || duration.nanos < 0 {
        return Err(InvalidField::new(field, "must not be negative"));
    }
    if duration.nanos >= 1_000_000_000 {
        return Err(InvalidField::new(field, "has nanos out of range (0..1e9)"));
    }
    Ok(Some(std::time::Duration::new(
        duration.seconds as u64,
        duration.nanos as u32,
    )))
}

/// A free-form name shown to people (a worker's `hostname/pid`): 1 to `max` bytes, no control
/// characters.
pub fn label_field(field: &str, text: &str, max: usize) -> Result<(), InvalidField> {
    if text.is_empty() {
        return Err(InvalidField::new(field, "must not be empty"));
    }
    if let Some((at, found)) = text.char_indices().find(|(_, c)| c.is_control()) {
        return Err(InvalidField::new(
            field,
            format!("has the control character {found:?} at byte {at}"),
        ));
    }
    length_field(field, text, max)
}

/// A text field of at most `max` bytes.
pub fn length_field(field: &str, text: &str, max: usize) -> Result<(), InvalidField> {
    if text.len() > max {
        return Err(InvalidField::new(
            field,
            format!("is {} bytes long, more than the {max} allowed", text.len()),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use flow_proto::status::failure_from_status;
    use tonic::Code;

    use super::*;

    #[test]
    fn an_invalid_field_names_its_path() {
        let status = Status::from(InvalidField::new(
            "service.instance_id",
            "must not be empty",
        ));
        assert_eq!(status.code(), Code::InvalidArgument);
        assert_eq!(status.message(), "service.instance_id must not be empty");
        let failure = failure_from_status(&status);
        assert!(failure.non_retryable);
        let diagnostic = failure.details_of::<Diagnostic>().next().unwrap().unwrap();
        assert_eq!(
            diagnostic.attribute.unwrap().display().to_string(),
            "service.instance_id"
        );
    }

    #[test]
    fn durations_are_checked() {
        let d = |seconds, nanos| Some(ProtoDuration { seconds, nanos });
        assert_eq!(duration_field("ttl", None), Ok(None));
        assert_eq!(
            duration_field("ttl", d(1, 500_000_000)),
            Ok(Some(std::time::Duration::from_millis(1500)))
        );
        assert!(duration_field("ttl", d(-1, 0)).is_err());
        assert!(duration_field("ttl", d(0, -1)).is_err());
        assert!(duration_field("ttl", d(0, 1_000_000_000)).is_err());
    }
}
