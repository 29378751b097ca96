//! [`Failure`] to and from [`tonic::Status`], losing nothing.
//!
//! A failure travels as a status whose code and message any gRPC client understands, and whose
//! details (the `grpc-status-details-bin` trailer) hold a `google.rpc.Status` with the whole
//! `Failure`, packed as `Any`, as its first detail. A Flow peer gets the failure back exactly, cause
//! chain and details included; a peer that only sees a plain status still gets a failure built
//! from the code.
//!
//! ```
//! use flow_proto::common::v1::Failure;
//! use flow_proto::failure::FailureExt;
//! use flow_proto::status::{failure_from_status, failure_to_status};
//!
//! let failure = Failure::new("disk full")
//!     .with_type("storage.full")
//!     .with_cause(Failure::new("ENOSPC"));
//! let status = failure_to_status(&failure);
//! assert_eq!(status.code(), tonic::Code::Unavailable);
//! assert_eq!(status.message(), "disk full");
//! assert_eq!(failure_from_status(&status), failure);
//!
//! // A status from a server that knows nothing of Flow.
//! let plain = tonic::Status::permission_denied("no access to bucket");
//! let failure = failure_from_status(&plain);
//! assert_eq!(failure.r#type, "grpc.permission_denied");
//! assert!(failure.non_retryable);
//! ```
//!
//! # Which code a failure gets
//!
//! | `Failure`                                                  | code                  |
//! |------------------------------------------------------------|-----------------------|
//! | type `grpc.<code>` (as built from a plain status)          | that code             |
//! | non-retryable, type `validation.*` or `config.*` or `*.invalid` | `INVALID_ARGUMENT` |
//! | non-retryable, any other type                              | `FAILED_PRECONDITION` |
//! | retryable, type set                                        | `UNAVAILABLE`         |
//! | retryable, no type (an unclassified error)                 | `INTERNAL`            |
//!
//! The first row makes a plain status survive the trip through a `Failure` with its code.
//! Retryable failures get `UNAVAILABLE` because that is the code generic gRPC retry policies
//! retry; an untyped one gets `INTERNAL` because nothing says retrying helps.
//!
//! # Which failure a plain status gets
//!
//! Message: the status message. Type: `grpc.<code>` in snake case (`grpc.unavailable`).
//! Non-retryable for the codes that say the request itself is wrong: `INVALID_ARGUMENT`,
//! `NOT_FOUND`, `ALREADY_EXISTS`, `PERMISSION_DENIED`, `FAILED_PRECONDITION`, `OUT_OF_RANGE`,
//! `UNIMPLEMENTED`, `UNAUTHENTICATED`, `DATA_LOSS`; retryable (left to the retry policy) for
//! the rest. Details of the `google.rpc.Status`, if any (`BadRequest`, ...), are kept.

use prost::{Message, Name};
use tonic::{Code, Status};

use crate::common::v1::Failure;
use crate::failure::{FailureExt, type_name};

/// The status for `failure`: code as in the [module docs](self), message `failure.message`, and
/// the whole failure in the details.
pub fn failure_to_status(failure: &Failure) -> Status {
    let rpc_status = tonic_types::Status {
        code: code_for_failure(failure) as i32,
        message: failure.message.clone(),
        details: vec![prost_types::Any {
            type_url: Failure::type_url(),
            value: failure.encode_to_vec(),
        }],
    };
    Status::with_details(
        code_for_failure(failure),
        failure.message.clone(),
        rpc_status.encode_to_vec().into(),
    )
}

/// The failure a status carries, exactly, when it carries one; otherwise one built from the code
/// and message as in the [module docs](self).
pub fn failure_from_status(status: &Status) -> Failure {
    // Trailers come from the network: bytes that do not decode are treated as absent details
    // rather than failing, since the code and message alone are still a usable failure.
    let rpc_status = tonic_types::Status::decode(status.details()).ok();
    let details = rpc_status.map(|s| s.details).unwrap_or_default();
    if let Some(failure) = details
        .iter()
        .filter(|any| type_name(&any.type_url) == Failure::full_name())
        .find_map(|any| Failure::decode(any.value.as_slice()).ok())
    {
        return failure;
    }
    let mut failure = Failure::new(status.message())
        .with_type(format!("grpc.{}", code_name(status.code())))
        .with_non_retryable(!retryable_code(status.code()));
    failure.details = details
        .into_iter()
        .map(|any| flow_proto_wkt::Any {
            type_url: any.type_url,
            value: any.value.into(),
        })
        .collect();
    failure
}

/// The gRPC code `failure` travels with; see the table in the [module docs](self).
pub fn code_for_failure(failure: &Failure) -> Code {
    let r#type = failure.r#type.as_str();
    if let Some(code) = r#type.strip_prefix("grpc.").and_then(code_from_name) {
        return code;
    }
    let first = r#type.split('.').next().unwrap_or_default();
    let last = r#type.rsplit('.').next().unwrap_or_default();
    match (failure.non_retryable, r#type) {
        (true, _) if matches!(first, "validation" | "config") || last == "invalid" => {
            Code::InvalidArgument
        }
        (true, _) => Code::FailedPrecondition,
        (false, "") => Code::Internal,
        (false, _) => Code::Unavailable,
    }
}

/// Whether retrying a call that ended with `code` can help, as far as the code alone tells.
pub fn retryable_code(code: Code) -> bool {
    !matches!(
        code,
        Code::InvalidArgument
            | Code::NotFound
            | Code::AlreadyExists
            | Code::PermissionDenied
            | Code::FailedPrecondition
            | Code::OutOfRange
            | Code::Unimplemented
            | Code::Unauthenticated
            | Code::DataLoss
    )
}

/// A validation error is answered with `INVALID_ARGUMENT` and the failure (diagnostics
/// included) in the details.
impl From<crate::ValidationError> for Status {
    fn from(error: crate::ValidationError) -> Self {
        failure_to_status(&Failure::from(error))
    }
}

/// Every code but `OK`, with its snake-case name: one table for both directions.
const CODES: [(Code, &str); 16] = [
    (Code::Cancelled, "cancelled"),
    (Code::Unknown, "unknown"),
    (Code::InvalidArgument, "invalid_argument"),
    (Code::DeadlineExceeded, "deadline_exceeded"),
    (Code::NotFound, "not_found"),
    (Code::AlreadyExists, "already_exists"),
    (Code::PermissionDenied, "permission_denied"),
    (Code::ResourceExhausted, "resource_exhausted"),
    (Code::FailedPrecondition, "failed_precondition"),
    (Code::Aborted, "aborted"),
    (Code::OutOfRange, "out_of_range"),
    (Code::Unimplemented, "unimplemented"),
    (Code::Internal, "internal"),
    (Code::Unavailable, "unavailable"),
    (Code::DataLoss, "data_loss"),
    (Code::Unauthenticated, "unauthenticated"),
];

fn code_name(code: Code) -> &'static str {
    CODES
        .iter()
        .find(|(c, _)| *c == code)
        .map_or("ok", |(_, name)| name)
}

fn code_from_name(name: &str) -> Option<Code> {
    CODES.iter().find(|(_, n)| *n == name).map(|(c, _)| *c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_survives_status_failure_status() {
        for (code, _) in CODES {
            let status = Status::new(code, "m");
            let failure = failure_from_status(&status);
            assert_eq!(failure_to_status(&failure).code(), code, "{code:?}");
            assert_eq!(failure.non_retryable, !retryable_code(code));
        }
    }

    #[test]
    fn mapping_table() {
        let code = |r#type: &str, non_retryable| {
            code_for_failure(
                &Failure::new("m")
                    .with_type(r#type)
                    .with_non_retryable(non_retryable),
            )
        };
        assert_eq!(code("config.invalid", true), Code::InvalidArgument);
        assert_eq!(code("validation.invalid", true), Code::InvalidArgument);
        assert_eq!(code("sink.schema.invalid", true), Code::InvalidArgument);
        assert_eq!(code("auth.denied", true), Code::FailedPrecondition);
        assert_eq!(code("io.timeout", false), Code::Unavailable);
        assert_eq!(code("", false), Code::Internal);
        assert_eq!(code("grpc.not_found", true), Code::NotFound);
        assert_eq!(code("grpc.nonsense", true), Code::FailedPrecondition);
    }

    #[test]
    fn garbage_details_fall_back_to_the_code() {
        let status = Status::with_details(Code::Aborted, "m", vec![0xff, 0xff].into());
        let failure = failure_from_status(&status);
        assert_eq!(failure.r#type, "grpc.aborted");
        assert!(!failure.non_retryable);
    }

    #[test]
    fn foreign_details_are_kept() {
        let rpc_status = tonic_types::Status {
            code: Code::InvalidArgument as i32,
            message: "bad".into(),
            details: vec![prost_types::Any {
                type_url: "type.googleapis.com/google.rpc.BadRequest".into(),
                value: vec![1, 2, 3],
            }],
        };
        let status = Status::with_details(
            Code::InvalidArgument,
            "bad",
            rpc_status.encode_to_vec().into(),
        );
        let failure = failure_from_status(&status);
        assert_eq!(failure.details.len(), 1);
        assert_eq!(failure.details[0].value.as_ref(), [1, 2, 3]);
    }
}
