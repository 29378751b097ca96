//! What follows an attempt: the contract's `RetryPolicy` (`flow/common/v1/failure.proto`)
//! applied to the attempt's `Outcome`. No jitter: the delays are the policy's, exactly, so that a
//! worker reading `Task.retry_policy` can predict them.

use std::time::{Duration, SystemTime};

// The oneof of `Outcome`: which result it is.
use flow_proto::common::v1::outcome::Outcome as Kind;
use flow_proto::common::v1::{Failure, Outcome, RetryPolicy, TimeoutKind};

use crate::serve::status::{InvalidField, duration_field};
use crate::store::Next;

/// The policy's defaults, as failure.proto states them.
const DEFAULT_INITIAL: Duration = Duration::from_secs(1);
const DEFAULT_COEFFICIENT: f64 = 2.0;
const DEFAULT_MAX_FACTOR: u32 = 100;

/// A policy with its zero values replaced by the defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct EffectivePolicy {
    pub initial: Duration,
    pub coefficient: f64,
    pub maximum: Duration,
    /// 0: unlimited.
    pub maximum_attempts: u32,
    pub non_retryable_types: Vec<String>,
}

impl EffectivePolicy {
    /// Checks `policy` (the field path is `field`) and fills in the defaults.
    pub fn of(field: &str, policy: Option<&RetryPolicy>) -> Result<Self, InvalidField> {
        let Some(policy) = policy else {
            return Self::of(field, Some(&RetryPolicy::default()));
        };
        let at = |name: &str| format!("{field}.{name}");
        let initial = duration_field(&at("initial_interval"), policy.initial_interval)?
            .filter(|d| !d.is_zero())
            .unwrap_or(DEFAULT_INITIAL);
        let coefficient = match policy.backoff_coefficient {
            0.0 => DEFAULT_COEFFICIENT,
            c if c.is_finite() && c >= 1.0 => c,
            _ => {
                return Err(InvalidField::new(
                    at("backoff_coefficient"),
                    "must be at least 1 (or 0 for the default, 2)",
                ));
            }
        };
        let maximum = duration_field(&at("maximum_interval"), policy.maximum_interval)?
            .filter(|d| !d.is_zero())
            .unwrap_or(initial * DEFAULT_MAX_FACTOR);
        if maximum < initial {
            return Err(InvalidField::new(
                at("maximum_interval"),
                "must not be shorter than initial_interval",
            ));
        }
        let maximum_attempts = u32::try_from(policy.maximum_attempts).map_err(|_| {
            InvalidField::new(
                at("maximum_attempts"),
                "must not be negative (0: unlimited)",
            )
        })?;
        Ok(Self {
            initial,
            coefficient,
            maximum,
            maximum_attempts,
            non_retryable_types: policy.non_retryable_failure_types.clone(),
        })
    }

    /// The delay before retry number `retry` (1 for the first retry).
    pub fn delay(&self, retry: u32) -> Duration {
        let factor = self
            .coefficient
            .powi(retry.saturating_sub(1).min(1024) as i32);
        let seconds = (self.initial.as_secs_f64() * factor).min(self.maximum.as_secs_f64());
        Duration::try_from_secs_f64(seconds).unwrap_or(self.maximum)
    }

    fn retries(&self, failure: &Failure, counted_attempts: u32) -> bool {
        !failure.non_retryable
            && !self.non_retryable_types.contains(&failure.r#type)
            && (self.maximum_attempts == 0 || counted_attempts < self.maximum_attempts)
    }
}

/// What follows an attempt of `worker_id` that ended with `outcome` at `now`, the attempt
/// being the `counted_attempts`-th that counts against the policy.
pub fn next_after(
    outcome: &Outcome,
    policy: &EffectivePolicy,
    counted_attempts: u32,
    worker_id: &str,
    now: SystemTime,
) -> Next {
    let retry = |delay: Duration, counted: bool, avoid: bool| Next::Retry {
        due: now + delay,
        counted,
        avoid_worker: avoid.then(|| worker_id.to_owned()),
    };
    let backoff = || policy.delay(counted_attempts);
    let within_attempts =
        policy.maximum_attempts == 0 || counted_attempts < policy.maximum_attempts;
    match outcome.outcome.as_ref() {
        Some(Kind::Failure(failure)) if policy.retries(failure, counted_attempts) => {
            let asked = failure
                .next_retry_delay
                .and_then(|d| Duration::try_from(d).ok());
            retry(asked.unwrap_or_else(backoff), true, false)
        }
        // Not a failure: waits as asked and does not count against the attempts.
        Some(Kind::RetryAfter(after)) => {
            let delay = after.delay.and_then(|d| Duration::try_from(d).ok());
            retry(delay.unwrap_or_default(), false, false)
        }
        Some(Kind::Timeout(timeout))
            if timeout.kind != TimeoutKind::ScheduleToClose as i32 && within_attempts =>
        {
            retry(backoff(), true, false)
        }
        Some(Kind::HandlerNotFound(_)) if within_attempts => retry(backoff(), true, true),
        _ => Next::Done,
    }
}

#[cfg(test)]
mod tests {
    use flow_proto::common::v1::outcome;

    use super::*;

    fn failure(r#type: &str, non_retryable: bool) -> Outcome {
        Outcome {
            outcome: Some(Kind::Failure(Failure {
                message: "boom".into(),
                r#type: r#type.into(),
                non_retryable,
                ..Default::default()
            })),
        }
    }

    fn delay_of(next: Next, now: SystemTime) -> Option<Duration> {
        match next {
            Next::Retry { due, .. } => Some(due.duration_since(now).unwrap()),
            Next::Done => None,
        }
    }

    #[test]
    fn defaults_are_the_protos() {
        let policy = EffectivePolicy::of("retry_policy", None).unwrap();
        assert_eq!(policy.initial, Duration::from_secs(1));
        assert_eq!(policy.coefficient, 2.0);
        assert_eq!(policy.maximum, Duration::from_secs(100));
        assert_eq!(policy.maximum_attempts, 0);
        let delays: Vec<_> = (1..=9).map(|n| policy.delay(n).as_secs()).collect();
        assert_eq!(delays, [1, 2, 4, 8, 16, 32, 64, 100, 100]);
    }

    #[test]
    fn bad_policies_name_the_field() {
        let bad = |policy: RetryPolicy| EffectivePolicy::of("retry_policy", Some(&policy));
        let coefficient = bad(RetryPolicy {
            backoff_coefficient: 0.5,
            ..Default::default()
        });
        assert_eq!(
            coefficient.unwrap_err().field,
            "retry_policy.backoff_coefficient"
        );
        let attempts = bad(RetryPolicy {
            maximum_attempts: -1,
            ..Default::default()
        });
        assert_eq!(attempts.unwrap_err().field, "retry_policy.maximum_attempts");
        let maximum = bad(RetryPolicy {
            initial_interval: Some(Duration::from_secs(10).into()),
            maximum_interval: Some(Duration::from_secs(1).into()),
            ..Default::default()
        });
        assert_eq!(maximum.unwrap_err().field, "retry_policy.maximum_interval");
    }

    #[test]
    fn failures_retry_until_the_attempts_run_out_or_the_type_says_no() {
        let now = SystemTime::UNIX_EPOCH;
        let policy = EffectivePolicy::of(
            "p",
            Some(&RetryPolicy {
                maximum_attempts: 3,
                non_retryable_failure_types: vec!["bad.input".into()],
                ..Default::default()
            }),
        )
        .unwrap();
        let next = |outcome: &Outcome, n| next_after(outcome, &policy, n, "w", now);
        assert_eq!(
            delay_of(next(&failure("x", false), 1), now),
            Some(Duration::from_secs(1))
        );
        assert_eq!(
            delay_of(next(&failure("x", false), 2), now),
            Some(Duration::from_secs(2))
        );
        assert_eq!(next(&failure("x", false), 3), Next::Done);
        assert_eq!(next(&failure("x", true), 1), Next::Done);
        assert_eq!(next(&failure("bad.input", false), 1), Next::Done);
        let success = Outcome {
            outcome: Some(Kind::Success(outcome::Success::default())),
        };
        assert_eq!(next(&success, 1), Next::Done);
    }

    #[test]
    fn retry_after_waits_as_asked_and_is_not_counted() {
        let now = SystemTime::UNIX_EPOCH;
        let policy = EffectivePolicy::of("p", None).unwrap();
        let outcome = Outcome {
            outcome: Some(Kind::RetryAfter(outcome::RetryAfter {
                delay: Some(Duration::from_millis(1500).into()),
                cause: None,
            })),
        };
        assert_eq!(
            next_after(&outcome, &policy, 7, "w", now),
            Next::Retry {
                due: now + Duration::from_millis(1500),
                counted: false,
                avoid_worker: None
            }
        );
    }

    #[test]
    fn timeouts_retry_but_schedule_to_close_ends_and_a_missing_handler_avoids_the_worker() {
        let now = SystemTime::UNIX_EPOCH;
        let policy = EffectivePolicy::of("p", None).unwrap();
        let timeout = |kind: TimeoutKind| Outcome {
            outcome: Some(Kind::Timeout(outcome::Timeout {
                kind: kind as i32,
                last_heartbeat: None,
            })),
        };
        let heartbeat = next_after(&timeout(TimeoutKind::Heartbeat), &policy, 1, "w", now);
        assert_eq!(delay_of(heartbeat, now), Some(Duration::from_secs(1)));
        let schedule = timeout(TimeoutKind::ScheduleToClose);
        assert_eq!(next_after(&schedule, &policy, 1, "w", now), Next::Done);
        let missing = Outcome {
            outcome: Some(Kind::HandlerNotFound(outcome::HandlerNotFound::default())),
        };
        let Next::Retry { avoid_worker, .. } = next_after(&missing, &policy, 1, "w", now) else {
            panic!("retried")
        };
        assert_eq!(avoid_worker.as_deref(), Some("w"));
    }
}
