//! The text of check details: durations, cancellation modes, the kit's answers and outcomes.

use std::time::Duration;

use flow_proto::common::v1::outcome::Outcome as Kind;
use flow_proto::common::v1::{CancellationMode, Outcome};

use crate::worker::core::Answer;

pub(super) fn ms(d: Duration) -> u128 {
    d.as_millis()
}

pub(super) fn mode_name(mode: i32) -> String {
    CancellationMode::try_from(mode)
        .map(|m| m.as_str_name().to_owned())
        .unwrap_or_else(|_| mode.to_string())
}

pub(super) fn show_answer(answer: &Answer) -> String {
    match answer {
        Answer::Accepted => "accepted".into(),
        Answer::Rejected(reason) => format!("accepted=false {reason}"),
        Answer::Unavailable => "UNAVAILABLE".into(),
    }
}

/// The outcome's variant, with what identifies it.
pub(super) fn show_outcome(outcome: Option<&Outcome>) -> String {
    match outcome.and_then(|o| o.outcome.as_ref()) {
        None if outcome.is_none() => "no outcome".into(),
        None => "an empty outcome".into(),
        Some(Kind::Success(_)) => "success".into(),
        Some(Kind::Failure(f)) => format!("failure {:?}: {}", f.r#type, f.message),
        Some(Kind::RetryAfter(_)) => "retry_after".into(),
        Some(Kind::Timeout(_)) => "timeout".into(),
        Some(Kind::Cancelled(c)) => format!("cancelled ({})", mode_name(c.mode)),
        Some(Kind::HandlerNotFound(h)) => format!("handler_not_found {:?}", h.handler),
    }
}
