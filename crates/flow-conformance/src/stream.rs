//! What the processor and consumer scenarios share: the test records, credit accounting as the
//! contract defines it, and how a stream ended.
//!
//! Credit is [`flow_proto::credit`]'s, the one definition the SDK and core's side use too; the
//! kit takes with [`CreditBudget::take_clamped`], so an overrunning service is measured instead
//! of wrapping around.

use flow_proto::common::v1::{Payload, Record, RecordBatch};
pub use flow_proto::credit::{CreditBudget, CreditUsage};
use prost::bytes::Bytes;

/// The stream name of the kit's input batches.
pub const STREAM: &str = "flow-conformance";

/// Records per input batch (fewer when the service granted less credit).
pub const RECORDS_PER_BATCH: u64 = 3;

/// One small `text/plain` record.
pub fn record(batch_id: u64, index: u64) -> Record {
    Record {
        key: Bytes::from(format!("k-{batch_id}-{index}")),
        value: Some(Payload {
            metadata: [("encoding".to_owned(), Bytes::from_static(b"text/plain"))]
                .into_iter()
                .collect(),
            data: Bytes::from(format!(
                "flow conformance record {index} of batch {batch_id}"
            )),
        }),
        ..Default::default()
    }
}

/// The largest batch (up to [`RECORDS_PER_BATCH`] records) that fits in `credit`, or `None`
/// when not even one record fits: the kit then waits for more credit.
pub fn batch_within(batch_id: u64, stream: &str, credit: &CreditBudget) -> Option<RecordBatch> {
    let mut batch = RecordBatch {
        batch_id,
        stream: stream.into(),
        records: Vec::new(),
    };
    for i in 0..RECORDS_PER_BATCH {
        batch.records.push(record(batch_id, i));
        if !credit.fits(CreditUsage::of(&batch)) {
            batch.records.pop();
            break;
        }
    }
    (!batch.records.is_empty()).then_some(batch)
}

/// How a stream scenario ended.
#[derive(Debug)]
pub enum End {
    /// Status OK after the kit's drain, with no terminal failure.
    Clean,
    /// Status OK, but before the drain was sent.
    EarlyOk,
    /// The service sent a terminal `failure` (then ended with this status, if any).
    Failure(String),
    /// A non-OK gRPC status.
    Status(tonic::Status),
    /// Nothing arrived in time; says what the kit was waiting for.
    TimedOut(String),
}

/// The next response of a scenario's stream, or how it ended: `waiting` says what the kit was
/// waiting for (for the timeout's detail), `failure` is the terminal failure seen so far, and
/// `drain_sent` tells a clean end from one before the kit's drain.
pub async fn next_or_end<T>(
    stream: &mut tonic::Streaming<T>,
    deadline: tokio::time::Instant,
    timeout: std::time::Duration,
    waiting: &str,
    failure: &Option<String>,
    drain_sent: bool,
) -> Result<T, End> {
    match tokio::time::timeout_at(deadline, stream.message()).await {
        Err(_) => Err(End::TimedOut(format!(
            "after {timeout:?} waiting {waiting}"
        ))),
        Ok(Err(s)) => Err(End::Status(s)),
        Ok(Ok(None)) => Err(match failure {
            Some(f) => End::Failure(f.clone()),
            None if !drain_sent => End::EarlyOk,
            None => End::Clean,
        }),
        Ok(Ok(Some(resp))) => Ok(resp),
    }
}

impl End {
    /// True for [`End::Clean`].
    pub fn clean(&self) -> bool {
        matches!(self, End::Clean)
    }

    /// The verdict of a `<role>.drain` check.
    pub fn drain_check(&self, id: &str, what: &str) -> crate::Check {
        use crate::Check;
        match self {
            End::Clean => Check::pass(
                id,
                format!("after drain the stream ended with status OK ({what})"),
            ),
            End::EarlyOk => Check::fail(
                id,
                "the stream ended with status OK before the kit sent drain",
            ),
            End::Failure(f) => Check::fail(id, format!("the service sent a terminal failure: {f}")),
            End::Status(s) => Check::fail(
                id,
                format!(
                    "the stream ended with gRPC status {:?}: {}",
                    s.code(),
                    s.message()
                ),
            ),
            End::TimedOut(w) => Check::fail(id, format!("timed out {w}")),
        }
    }
}

/// Verdict for a property: FAIL on any violation seen; PASS when none was seen and the stream
/// ran to a clean end with nothing missing; SKIP when it ended early without a violation (the
/// drain check reports that end).
pub fn verdict(
    id: &str,
    violations: &[String],
    missing: &[String],
    end: &End,
    ok: String,
) -> crate::Check {
    use crate::Check;
    if !violations.is_empty() {
        Check::fail(id, violations.join("; "))
    } else if !end.clean() {
        Check::skip(
            id,
            "no violation seen, but the stream did not run to a clean end (see the drain check)",
        )
    } else if !missing.is_empty() {
        Check::fail(id, missing.join("; "))
    } else {
        Check::pass(id, ok)
    }
}

/// Renders a terminal failure for a detail line.
pub fn show_failure(f: &flow_proto::common::v1::Failure) -> String {
    format!(
        "{} ({}, non_retryable {})",
        f.message, f.r#type, f.non_retryable
    )
}

/// A fresh instruction id per stream, as core chooses one per run.
pub fn instruction_id(role: &str) -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    format!("flow-conformance-{role}-{nanos}")
}

/// The verdict of a protocol-fault probe: the service must end the stream with
/// FAILED_PRECONDITION after `what` (e.g. "batch before start"). `result` is the probe's outcome
/// under the kit's deadline: the kinds of messages the service sent, or the status it ended with.
pub fn protocol_fault_verdict(
    id: &str,
    what: &str,
    timeout: std::time::Duration,
    result: Result<Result<Vec<&'static str>, tonic::Status>, tokio::time::error::Elapsed>,
) -> crate::report::Check {
    use crate::report::Check;
    match result {
        Err(_) => Check::fail(
            id,
            format!("no FAILED_PRECONDITION within {timeout:?} after a {what}"),
        ),
        Ok(Err(s)) if s.code() == tonic::Code::FailedPrecondition => Check::pass(
            id,
            format!("{what} -> FAILED_PRECONDITION ({})", s.message()),
        ),
        Ok(Err(s)) => Check::fail(
            id,
            format!(
                "{what} -> {:?} ({}), expected FAILED_PRECONDITION",
                s.code(),
                s.message()
            ),
        ),
        Ok(Ok(sent)) => Check::fail(id, format!("{what}: the stream ended OK after {sent:?}")),
    }
}

/// What core sends to a processor or consumer, in order: two batches, a barrier, two batches, a
/// barrier, drain.
#[derive(Clone, Copy, Debug)]
pub enum Step {
    /// A batch with this id.
    Batch(u64),
    /// A barrier with this seq.
    Barrier(u64),
    /// Drain.
    Drain,
}

/// The scenario both stream checks play.
pub const PLAN: [Step; 7] = [
    Step::Batch(1),
    Step::Batch(2),
    Step::Barrier(1),
    Step::Batch(3),
    Step::Batch(4),
    Step::Barrier(2),
    Step::Drain,
];

/// The checkpoint id the kit uses for barrier `seq`.
pub fn checkpoint_id(seq: u64) -> String {
    format!("cp-{seq}")
}
