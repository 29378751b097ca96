//! The `flow.source.v1.SourceService` protocols, played as core: `Discover`, then a `Read` with a
//! two-record credit window (each batch acknowledged and its room granted again only after the
//! kit consumed it, each checkpoint committed at once), drain; then a second `Read` resumed from
//! a checkpoint of the first. Each rule of source.proto is its own check, judged on those runs.
//!
//! Resume: when every record of the first read carries a `position` (record.proto: it "lets a
//! Source resume exactly after the last committed record"), the kit compares records: the
//! resumed read must not repeat a position the checkpoint covered, and must begin with the first
//! record (key and position) the first read sent after that checkpoint. For a source whose
//! records carry no position the kit cannot tell which records follow a checkpoint, so it checks
//! only that the resumed read starts and ends cleanly (its credit is judged in `source.credit`).

use std::collections::BTreeSet;

use flow_proto::common::v1::{Checkpoint, Credit, Severity};
use flow_proto::source::v1::read_request::Kind as Req;
use flow_proto::source::v1::read_response::Kind as Resp;
use flow_proto::source::v1::source_service_client::SourceServiceClient;
use flow_proto::source::v1::{
    CatalogStream, CheckpointCommitted, DiscoverRequest, Drain, EndOfInput, ReadAck, ReadRequest,
    ReadResponse, ReadStart, StreamSelection, SyncMode,
};
use prost::bytes::Bytes;
use tokio::sync::mpsc;
use tokio::time::Instant;
use tokio_stream::wrappers::ReceiverStream;

use crate::stream::{CreditBudget, CreditUsage, End, instruction_id, show_failure, verdict};
use crate::stream_check::{
    self, InstructionIds, StartFields, StreamRole, open_within, start_message, stream_role,
};
use crate::{Check, Target, config, rpc::Ctx};

/// The credit window: granted with the start, and refilled only as batches are consumed, so a
/// source holding more records must wait for credit.
pub const CREDIT_RECORDS: u32 = 2;
const CREDIT_BYTES: u64 = 1 << 20;
const MAX_BATCH_BYTES: u64 = 64 << 10;
/// The first read drains once it has this many records and checkpoints ...
const DRAIN_AFTER_RECORDS: usize = 6;
const DRAIN_AFTER_CHECKPOINTS: usize = 2;
/// ... or this many records whatever the checkpoints (a source checkpointing rarely), or a
/// quarter of the deadline (a source with little or no data).
const DRAIN_AT_MOST_RECORDS: usize = 400;
/// The resumed read drains after this many records (fewer when the first read had fewer after
/// the checkpoint).
const RESUME_RECORDS: usize = 4;

/// The ids of the checks this module reports, in order.
pub const IDS: [&str; 9] = [
    "source.discover",
    "source.before_start",
    "source.credit",
    "source.batch_ids",
    "source.checkpoint_seq",
    "source.checkpoint_committed",
    "source.drain",
    "source.instruction_id",
    "source.resume",
];

/// Runs the source checks with `target`'s component and configuration.
pub async fn checks(ctx: &Ctx, target: &Target) -> Vec<Check> {
    let cfg = match &target.config {
        Ok(cfg) => cfg,
        Err(why) => {
            let mut checks = vec![before_start(ctx).await];
            checks.extend(
                IDS.iter()
                    .filter(|id| **id != "source.before_start")
                    .map(|id| Check::skip(id, why.clone())),
            );
            return checks;
        }
    };
    let (discover, stream) = discover(ctx, target, cfg).await;
    let mut checks = vec![discover, before_start(ctx).await];
    let Some(stream) = stream else {
        checks.extend(
            IDS[2..]
                .iter()
                .map(|id| Check::skip(id, "no catalog stream to read (see source.discover)")),
        );
        return checks;
    };
    let selection = StreamSelection {
        stream: stream.id.clone(),
        sync_mode: stream
            .supported_sync_modes
            .first()
            .copied()
            .unwrap_or(SyncMode::FullRefresh as i32),
        ..Default::default()
    };
    let first = read(ctx, target, cfg, &selection, None, Until::first()).await;
    let resume = match resume_point(&first) {
        Some((checkpoint, covered)) => {
            let after = first.records.len() - covered;
            let until = Until::resumed(after);
            let second = read(ctx, target, cfg, &selection, Some(checkpoint), until).await;
            Some((checkpoint.clone(), covered, second))
        }
        None => None,
    };
    checks.extend(judge(&first, resume.as_ref()));
    checks
}

/// `Discover` must list at least one stream, without an ERROR diagnostic.
async fn discover(
    ctx: &Ctx,
    target: &Target,
    cfg: &serde_json::Value,
) -> (Check, Option<CatalogStream>) {
    const ID: &str = "source.discover";
    let req = DiscoverRequest {
        component: target.component.name.clone(),
        config: Some(
            config::to_struct(cfg).expect("run() admits only configurations that convert"),
        ),
        ..Default::default()
    };
    let mut client = SourceServiceClient::new(ctx.channel.clone());
    let resp = match ctx.call(client.discover(ctx.request(req))).await {
        Ok(resp) => resp,
        Err(e) => return (Check::fail(ID, format!("Discover failed: {e}")), None),
    };
    let errors: Vec<&str> = resp
        .diagnostics
        .iter()
        .filter(|d| {
            matches!(
                Severity::try_from(d.severity),
                Ok(Severity::Error | Severity::Unspecified) | Err(_)
            )
        })
        .map(|d| d.summary.as_str())
        .collect();
    if !errors.is_empty() {
        return (
            Check::fail(
                ID,
                format!("Discover with the kit's config reported errors: {errors:?}"),
            ),
            None,
        );
    }
    match resp.streams.first() {
        None => (Check::fail(ID, "Discover returned an empty catalog"), None),
        Some(first) if first.id.is_empty() => (
            Check::fail(ID, "the first catalog stream has an empty id"),
            None,
        ),
        Some(first) => (
            Check::pass(
                ID,
                format!(
                    "catalog of {} stream(s); reading {:?}",
                    resp.streams.len(),
                    first.id
                ),
            ),
            Some(first.clone()),
        ),
    }
}

stream_role! {
    /// The source role: `Read`.
    struct Source;
    name: "source",
    rpc: "Read" via SourceServiceClient::read,
    request: ReadRequest of Req,
    response: ReadResponse of Resp {
        Batch => "batch", Checkpoint => "checkpoint", Progress => "progress", Log => "log",
        EndOfInput => "end_of_input",
    }
}

/// A `credit` as the first message is a protocol fault: the RPC must end with
/// FAILED_PRECONDITION.
async fn before_start(ctx: &Ctx) -> Check {
    let first = Source::request(
        &instruction_id(Source::NAME),
        Some(Req::Credit(Credit {
            records: CREDIT_RECORDS,
            bytes: CREDIT_BYTES,
        })),
    );
    stream_check::before_start::<Source>(ctx, first, "credit before start").await
}

/// When a read sends drain.
#[derive(Clone, Copy, Debug)]
struct Until {
    records: usize,
    checkpoints: usize,
    at_most: usize,
}

impl Until {
    fn first() -> Self {
        Until {
            records: DRAIN_AFTER_RECORDS,
            checkpoints: DRAIN_AFTER_CHECKPOINTS,
            at_most: DRAIN_AT_MOST_RECORDS,
        }
    }

    /// The resumed read needs a few records to compare with the first read's.
    fn resumed(after: usize) -> Self {
        let n = after.clamp(1, RESUME_RECORDS);
        Until {
            records: n,
            checkpoints: 0,
            at_most: n,
        }
    }
}

/// A record as the kit identifies it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Seen {
    stream: String,
    key: Bytes,
    position: Bytes,
}

impl std::fmt::Display for Seen {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{} (position {})",
            self.stream,
            String::from_utf8_lossy(&self.key),
            hex(&self.position)
        )
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// What the kit observed on one `Read`, judged after it ends.
#[derive(Debug)]
struct ReadRun {
    records: Vec<Seen>,
    /// Every checkpoint, with how many records arrived before it.
    checkpoints: Vec<(Checkpoint, usize)>,
    batches: u64,
    granted: CreditBudget,
    left: CreditBudget,
    last_batch_id: Option<u64>,
    last_seq: Option<u64>,
    committed: u64,
    drain_sent: bool,
    end_of_input: Option<EndOfInput>,
    credit_violations: Vec<String>,
    batch_id_violations: Vec<String>,
    seq_violations: Vec<String>,
    committed_violations: Vec<String>,
    drain_violations: Vec<String>,
    ids: InstructionIds,
    end: End,
}

impl ReadRun {
    fn new() -> Self {
        ReadRun {
            records: Vec::new(),
            checkpoints: Vec::new(),
            batches: 0,
            granted: CreditBudget::default(),
            left: CreditBudget::default(),
            last_batch_id: None,
            last_seq: None,
            committed: 0,
            drain_sent: false,
            end_of_input: None,
            credit_violations: Vec::new(),
            batch_id_violations: Vec::new(),
            seq_violations: Vec::new(),
            committed_violations: Vec::new(),
            drain_violations: Vec::new(),
            ids: InstructionIds::new("source"),
            end: End::TimedOut("before the read began".into()),
        }
    }

    fn grant(&mut self, c: Credit) -> Credit {
        self.granted.add(&c);
        self.left.add(&c);
        c
    }

    fn should_drain(&self, until: Until, drain_at: Instant) -> bool {
        !self.drain_sent
            && self.end_of_input.is_none()
            && ((self.records.len() >= until.records
                && self.checkpoints.len() >= until.checkpoints)
                || self.records.len() >= until.at_most
                || Instant::now() >= drain_at)
    }
}

/// One `Read`: start, consume within the credit window, drain per `until`, then wait for
/// `end_of_input` and status OK. Bounded by the kit's deadline as a whole.
async fn read(
    ctx: &Ctx,
    target: &Target,
    cfg: &serde_json::Value,
    selection: &StreamSelection,
    resume_from: Option<&Checkpoint>,
    until: Until,
) -> ReadRun {
    let mut run = ReadRun::new();
    let id = run.ids.id().to_owned();
    let initial = run.grant(Credit {
        records: CREDIT_RECORDS,
        bytes: CREDIT_BYTES,
    });
    let start = start_message!(ReadStart from StartFields::of(target, cfg), {
        streams: vec![selection.clone()],
        resume_from: resume_from.cloned(),
        initial_credit: Some(initial),
        max_batch_bytes: MAX_BATCH_BYTES,
    });
    let (tx, rx) = mpsc::channel(64);
    // `None` once the kit closed its side (after end_of_input), as core does.
    let mut tx = Some(tx);
    let msg = |kind| Source::request(&id, Some(kind));
    let send = |tx: &Option<mpsc::Sender<ReadRequest>>, m: ReadRequest| {
        let tx = tx.clone();
        async move {
            if let Some(tx) = tx {
                let _ = tx.send(m).await;
            }
        }
    };
    send(&tx, msg(Req::Start(start))).await;
    let began = Instant::now();
    let deadline = began + ctx.timeout;
    let drain_at = began + ctx.timeout / 4;
    // Whether the last thing the kit sent was a checkpoint_committed (to blame a failure on it).
    let mut just_committed = false;

    run.end = 'run: {
        let mut stream = match open_within::<Source>(ctx, deadline, ReceiverStream::new(rx)).await {
            Ok(stream) => stream,
            Err(end) => break 'run end,
        };
        loop {
            if run.should_drain(until, drain_at) {
                run.drain_sent = true;
                just_committed = false;
                let drain = Drain {
                    grace_period: None,
                    reason: "stop".into(),
                };
                send(&tx, msg(Req::Drain(drain))).await;
            }
            let wake = if run.drain_sent || run.end_of_input.is_some() {
                deadline
            } else {
                drain_at.min(deadline)
            };
            let resp = match tokio::time::timeout_at(wake, stream.message()).await {
                Err(_) if wake < deadline => continue, // time to drain
                Err(_) => {
                    let waiting = match (&run.end_of_input, run.drain_sent) {
                        (Some(_), _) => "for the stream to end after end_of_input",
                        (None, true) => "for end_of_input after drain",
                        (None, false) => "for records",
                    };
                    break 'run End::TimedOut(format!("after {:?} waiting {waiting}", ctx.timeout));
                }
                Ok(Err(s)) => {
                    if just_committed {
                        run.committed_violations.push(format!(
                            "the stream failed right after checkpoint_committed: {:?} {}",
                            s.code(),
                            s.message()
                        ));
                    }
                    break 'run End::Status(s);
                }
                Ok(Ok(None)) => {
                    break 'run match &run.end_of_input {
                        Some(e) if e.reason == "failed" => End::Failure(
                            e.failure
                                .as_ref()
                                .map(show_failure)
                                .unwrap_or_else(|| "end_of_input reason failed".into()),
                        ),
                        Some(_) => End::Clean,
                        None if run.drain_sent => {
                            run.drain_violations
                                .push("the stream ended OK without end_of_input".into());
                            End::Clean
                        }
                        None => End::EarlyOk,
                    };
                }
                Ok(Ok(Some(resp))) => resp,
            };
            run.ids.observe::<Source>(&resp);
            if run.end_of_input.is_some() {
                run.drain_violations
                    .push(format!("{} after end_of_input", Source::kind_name(&resp)));
            }
            match resp.kind {
                Some(Resp::Batch(b)) => {
                    just_committed = false;
                    run.batches += 1;
                    let usage = CreditUsage::of(&b);
                    let CreditUsage { records: n, bytes } = usage;
                    let left = run.left;
                    if !run.left.take_clamped(usage) {
                        run.credit_violations.push(format!(
                            "batch {} carried {n} records / {bytes} bytes with only {} records / {} bytes of credit left",
                            b.batch_id, left.records, left.bytes
                        ));
                    }
                    if run.last_batch_id.is_some_and(|last| b.batch_id <= last) {
                        run.batch_id_violations.push(format!(
                            "batch_id {} not above the previous {}",
                            b.batch_id,
                            run.last_batch_id.unwrap_or_default()
                        ));
                    }
                    run.last_batch_id = Some(b.batch_id);
                    run.records.extend(b.records.iter().map(|r| Seen {
                        stream: b.stream.clone(),
                        key: r.key.clone(),
                        position: r.position.clone(),
                    }));
                    // Consumed: acknowledge it, then refill the window (never beyond it).
                    let ack = ReadAck {
                        batch_ids: vec![b.batch_id],
                    };
                    send(&tx, msg(Req::Ack(ack))).await;
                    let refill = Credit {
                        records: CREDIT_RECORDS
                            .saturating_sub(u32::try_from(run.left.records).unwrap_or(u32::MAX)),
                        bytes: CREDIT_BYTES.saturating_sub(run.left.bytes),
                    };
                    if run.end_of_input.is_none() && (refill.records > 0 || refill.bytes > 0) {
                        let refill = run.grant(refill);
                        send(&tx, msg(Req::Credit(refill))).await;
                    }
                }
                Some(Resp::Checkpoint(c)) => {
                    if let Some(last) = run.last_seq.filter(|last| c.seq <= *last) {
                        run.seq_violations.push(format!(
                            "checkpoint {:?} has seq {} after seq {last}",
                            c.checkpoint_id, c.seq
                        ));
                    }
                    run.last_seq = Some(c.seq);
                    run.checkpoints.push((c.clone(), run.records.len()));
                    // The kit is every consumer at once: commit at once.
                    let committed = CheckpointCommitted {
                        checkpoint_id: c.checkpoint_id.clone(),
                        seq: c.seq,
                    };
                    send(&tx, msg(Req::CheckpointCommitted(committed))).await;
                    run.committed += 1;
                    just_committed = true;
                }
                Some(Resp::EndOfInput(e)) => {
                    let last = run.last_seq.unwrap_or(0);
                    if e.final_checkpoint_seq != last {
                        run.drain_violations.push(format!(
                            "end_of_input final_checkpoint_seq {} but the last checkpoint sent has seq {last}",
                            e.final_checkpoint_seq
                        ));
                    }
                    if run.drain_sent
                        && !matches!(e.reason.as_str(), "drained" | "completed" | "failed")
                    {
                        run.drain_violations.push(format!(
                            "end_of_input after drain has reason {:?}, expected \"drained\"",
                            e.reason
                        ));
                    }
                    run.end_of_input = Some(e);
                    // Core closes its side once the source has finished.
                    tx = None;
                }
                Some(Resp::Progress(_) | Resp::Log(_)) | None => {}
            }
        }
    };
    run
}

/// The checkpoint to resume from: the first one with records after it in the first read (so the
/// resumed read has something to be compared with), else the last one. With how many records it
/// covers.
fn resume_point(run: &ReadRun) -> Option<(&Checkpoint, usize)> {
    run.checkpoints
        .iter()
        .find(|(_, covered)| *covered < run.records.len())
        .or(run.checkpoints.last())
        .map(|(c, covered)| (c, *covered))
}

fn judge(first: &ReadRun, resume: Option<&(Checkpoint, usize, ReadRun)>) -> Vec<Check> {
    let end = &first.end;
    let mut credit = first.credit_violations.clone();
    if let Some((_, _, second)) = resume {
        credit.extend(
            second
                .credit_violations
                .iter()
                .map(|v| format!("resumed read: {v}")),
        );
    }
    let no_checkpoint = if first.checkpoints.is_empty() {
        vec!["the source sent no checkpoint, not even after drain".to_owned()]
    } else {
        Vec::new()
    };
    let no_end = if first.end_of_input.is_none() {
        vec!["no end_of_input".to_owned()]
    } else {
        Vec::new()
    };
    vec![
        verdict(
            "source.credit",
            &credit,
            &[],
            end,
            format!(
                "{} batches ({} records), never beyond the {CREDIT_RECORDS}-record window ({} records / {} bytes granted in all)",
                first.batches,
                first.records.len(),
                first.granted.records,
                first.granted.bytes
            ),
        ),
        verdict(
            "source.batch_ids",
            &first.batch_id_violations,
            &[],
            end,
            format!("{} batch ids, strictly increasing", first.batches),
        ),
        verdict(
            "source.checkpoint_seq",
            &first.seq_violations,
            &no_checkpoint,
            end,
            format!(
                "{} checkpoints with strictly increasing seq",
                first.checkpoints.len()
            ),
        ),
        verdict(
            "source.checkpoint_committed",
            &first.committed_violations,
            &no_checkpoint,
            end,
            format!(
                "{} checkpoint_committed accepted; the read went on to a clean end",
                first.committed
            ),
        ),
        drain_check(first, &no_end),
        first.ids.verdict("source", end),
        resume_check(first, resume),
    ]
}

fn drain_check(run: &ReadRun, no_end: &[String]) -> Check {
    const ID: &str = "source.drain";
    let mut violations = run.drain_violations.clone();
    if !run.end.clean() {
        return match &run.end {
            End::EarlyOk => Check::fail(
                ID,
                "the stream ended with status OK before drain and without end_of_input",
            ),
            other => {
                violations.insert(0, describe(other));
                Check::fail(ID, violations.join("; "))
            }
        };
    }
    violations.extend(no_end.iter().cloned());
    let how = match (&run.end_of_input, run.drain_sent) {
        (Some(e), true) => format!("after drain: end_of_input {:?}, then status OK", e.reason),
        (Some(e), false) => format!(
            "the source finished before drain: end_of_input {:?}, then status OK",
            e.reason
        ),
        (None, _) => String::new(),
    };
    Check::from_problems(ID, how, &violations)
}

fn describe(end: &End) -> String {
    match end {
        End::Clean => "ended cleanly".into(),
        End::EarlyOk => "ended with status OK before drain".into(),
        End::Failure(f) => format!("end_of_input with reason failed: {f}"),
        End::Status(s) => format!(
            "the stream ended with gRPC status {:?}: {}",
            s.code(),
            s.message()
        ),
        End::TimedOut(w) => format!("timed out {w}"),
    }
}

fn resume_check(first: &ReadRun, resume: Option<&(Checkpoint, usize, ReadRun)>) -> Check {
    const ID: &str = "source.resume";
    let Some((checkpoint, covered, second)) = resume else {
        return Check::skip(ID, "the first read produced no checkpoint to resume from");
    };
    if !second.end.clean() {
        return Check::fail(
            ID,
            format!(
                "the read resumed from checkpoint {:?} (seq {}): {}",
                checkpoint.checkpoint_id,
                checkpoint.seq,
                describe(&second.end)
            ),
        );
    }
    let positional =
        !first.records.is_empty() && first.records.iter().all(|r| !r.position.is_empty());
    if !positional {
        return Check::pass(
            ID,
            format!(
                "the read resumed from checkpoint seq {} started and ended cleanly ({} records); the records carry no position, so whether they follow the checkpoint is not checked",
                checkpoint.seq,
                second.records.len()
            ),
        );
    }
    let before: BTreeSet<(&str, &Bytes)> = first.records[..*covered]
        .iter()
        .map(|r| (r.stream.as_str(), &r.position))
        .collect();
    let mut violations: Vec<String> = second
        .records
        .iter()
        .filter(|r| before.contains(&(r.stream.as_str(), &r.position)))
        .take(3)
        .map(|r| {
            format!(
                "record {r} was already covered by checkpoint seq {}",
                checkpoint.seq
            )
        })
        .collect();
    match (first.records.get(*covered), second.records.first()) {
        (Some(want), Some(got)) if want != got => violations.push(format!(
            "the resumed read began with {got}, expected {want} (the first record after the checkpoint in the first read)"
        )),
        (Some(want), None) => violations.push(format!(
            "the resumed read sent no record, expected {want} first"
        )),
        _ => {}
    }
    Check::from_problems(
        ID,
        format!(
            "resumed from checkpoint seq {} (after {} records): {} records, starting strictly after it",
            checkpoint.seq,
            covered,
            second.records.len()
        ),
        &violations,
    )
}
