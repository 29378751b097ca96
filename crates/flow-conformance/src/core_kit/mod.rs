//! Core mode (`flow-conformance --core URL`): the kit plays the callers of core, a Flow service
//! registering itself, a durable instance's program, a worker and an operator, and checks that the
//! core at `URL` serves `flow.discovery.v1.DiscoveryService`, `flow.durable.v1.DurableService`
//! and `flow.execution.v1.ExecutionService` by the rules their protos state.
//!
//! Every name the kit creates (instance ids, handler names, execution ids) carries a suffix unique
//! to the run ([`RunIds`]), so the kit can run against a core twice, or beside real traffic.
//!
//! The execution checks need work in core's task queue, and the contract has no RPC that puts it
//! there: the caller supplies an [`Enqueue`] (on the command line `--enqueue CMD`, see
//! [`CommandEnqueue`]); without one they are SKIPped.

pub mod discovery;
pub mod durable;
pub mod execution;

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::rpc::{Ctx, Tls};
use crate::{Check, Report};

/// Scheduling slack on every wait and expiry the core checks measure.
pub const SLACK: Duration = Duration::from_millis(250);

/// The lease TTL the expiry check asks for.
pub const SHORT_LEASE: Duration = Duration::from_secs(1);

/// The heartbeat timeout of the kit's executions.
pub const HEARTBEAT_TIMEOUT: Duration = Duration::from_secs(1);

/// The start-to-close timeout of the kit's executions.
pub const START_TO_CLOSE: Duration = Duration::from_secs(30);

/// The ids of the core checks, in run order: `core.connect`, then each module's.
pub fn ids() -> Vec<&'static str> {
    let modules = [&discovery::IDS[..], &durable::IDS[..], &execution::IDS[..]];
    std::iter::once("core.connect")
        .chain(modules.into_iter().flatten().copied())
        .collect()
}

/// One execution the kit asks to be put in core's task queue.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EnqueueRequest {
    /// `Task.handler`: unique to the run, so only the kit's streams ask for it.
    pub handler: String,
    /// The execution id, unique to the run.
    pub execution_id: String,
    /// Heartbeats required at least this often ([`HEARTBEAT_TIMEOUT`]).
    pub heartbeat_timeout: Duration,
    /// How long one attempt may run ([`START_TO_CLOSE`]).
    pub start_to_close: Duration,
}

/// The future an [`Enqueue`] returns: the execution id, or why the work was not queued.
pub type EnqueueFuture<'a> = Pin<Box<dyn Future<Output = Result<String, String>> + Send + 'a>>;

/// Puts work in the task queue of the core under test (the contract has no RPC for it).
pub trait Enqueue: Send + Sync {
    /// Queues `request`; resolves to the execution id.
    fn enqueue(&self, request: EnqueueRequest) -> EnqueueFuture<'_>;
}

/// An [`Enqueue`] for any closure returning a future, so tests can enqueue in-process.
pub struct EnqueueFn<F>(pub F);

impl<F, Fut> Enqueue for EnqueueFn<F>
where
    F: Fn(EnqueueRequest) -> Fut + Send + Sync,
    Fut: Future<Output = Result<String, String>> + Send + 'static,
{
    fn enqueue(&self, request: EnqueueRequest) -> EnqueueFuture<'_> {
        Box::pin((self.0)(request))
    }
}

/// `--enqueue CMD`: a command (split into words as a POSIX shell would, without running one) to
/// which the kit appends `--handler H --execution-id ID --heartbeat-timeout 1s --start-to-close
/// 30s`, and which must exit 0 printing the execution id (its last non-empty stdout line), for
/// example `flow-core tasks enqueue --data /var/lib/flow`.
#[derive(Clone, Debug)]
pub struct CommandEnqueue {
    argv: Vec<String>,
}

impl CommandEnqueue {
    /// Splits `command` into words; fails on unbalanced quotes or an empty command.
    pub fn parse(command: &str) -> Result<Self, String> {
        let argv = shlex::split(command)
            .ok_or_else(|| format!("--enqueue {command:?}: unbalanced quotes or escape"))?;
        if argv.is_empty() {
            return Err("--enqueue needs a command".into());
        }
        Ok(Self { argv })
    }

    /// The words of the command line run for `request`.
    pub fn command_line(&self, request: &EnqueueRequest) -> Vec<String> {
        let mut argv = self.argv.clone();
        argv.extend([
            "--handler".into(),
            request.handler.clone(),
            "--execution-id".into(),
            request.execution_id.clone(),
            "--heartbeat-timeout".into(),
            format_duration(request.heartbeat_timeout),
            "--start-to-close".into(),
            format_duration(request.start_to_close),
        ]);
        argv
    }
}

fn format_duration(d: Duration) -> String {
    if d.subsec_millis() == 0 {
        format!("{}s", d.as_secs())
    } else {
        format!("{}ms", d.as_millis())
    }
}

impl Enqueue for CommandEnqueue {
    fn enqueue(&self, request: EnqueueRequest) -> EnqueueFuture<'_> {
        let argv = self.command_line(&request);
        Box::pin(async move {
            let shown = argv.join(" ");
            let output = tokio::process::Command::new(&argv[0])
                .args(&argv[1..])
                .stdin(std::process::Stdio::null())
                .kill_on_drop(true)
                .output()
                .await
                .map_err(|e| format!("cannot run `{shown}`: {e}"))?;
            if !output.status.success() {
                return Err(format!(
                    "`{shown}` exited with {}: {}",
                    output.status,
                    String::from_utf8_lossy(&output.stderr).trim()
                ));
            }
            let stdout = String::from_utf8_lossy(&output.stdout);
            match stdout.lines().map(str::trim).rfind(|l| !l.is_empty()) {
                Some(id) => Ok(id.to_owned()),
                None => Err(format!("`{shown}` printed no execution id")),
            }
        })
    }
}

/// What to check and how, in core mode.
#[derive(Clone)]
pub struct CoreOptions {
    /// Core's gRPC endpoint (`http://127.0.0.1:7233`).
    pub core: String,
    /// The deadline of every call and of each waiting check (a lease expiry, a re-offer).
    pub timeout: Duration,
    /// TLS for an `https` endpoint; `None` for plaintext `http`.
    pub tls: Option<Tls>,
    /// How work enters core's task queue; `None`: the execution checks are SKIPped.
    pub enqueue: Option<Arc<dyn Enqueue>>,
}

impl CoreOptions {
    /// Options for `core` with 10 s deadlines, plaintext, no enqueue.
    pub fn new(core: impl Into<String>) -> Self {
        Self {
            core: core.into(),
            timeout: Duration::from_secs(10),
            tls: None,
            enqueue: None,
        }
    }
}

impl std::fmt::Debug for CoreOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CoreOptions")
            .field("core", &self.core)
            .field("timeout", &self.timeout)
            .field("tls", &self.tls.is_some())
            .field("enqueue", &self.enqueue.is_some())
            .finish()
    }
}

/// Names unique to one run of the kit.
#[derive(Clone, Debug)]
pub struct RunIds {
    suffix: String,
}

impl RunIds {
    /// A fresh suffix from the clock and the process id.
    pub fn new() -> Self {
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default()
            .as_nanos();
        // Mixed so that two runs in one process within a clock tick still differ.
        static COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Self {
            suffix: format!("{:x}-{:x}-{n}", nanos, std::process::id()),
        }
    }

    /// The hex digits of the suffix, for ids that must look like UUIDs.
    pub fn suffix_digits(&self) -> String {
        self.suffix
            .chars()
            .filter(char::is_ascii_hexdigit)
            .collect()
    }

    /// `flow-conformance-<what>-<suffix>`: a valid id and handler name.
    pub fn name(&self, what: &str) -> String {
        format!("flow-conformance-{what}-{}", self.suffix)
    }
}

impl Default for RunIds {
    fn default() -> Self {
        Self::new()
    }
}

/// Runs every core check against `opts.core`.
pub async fn run(opts: &CoreOptions) -> Report {
    let mut report = Report::default();
    let connected =
        Ctx::connect_checked("core.connect", &opts.core, opts.timeout, opts.tls.as_ref());
    let (check, ctx) = connected.await;
    report.checks.push(check);
    let Some(ctx) = ctx else {
        return report;
    };
    let ids = RunIds::new();
    report.checks.extend(discovery::checks(&ctx, &ids).await);
    report.checks.extend(durable::checks(&ctx, &ids).await);
    let execution = match &opts.enqueue {
        Some(enqueue) => execution::checks(&ctx, &ids, enqueue.as_ref()).await,
        None => execution::IDS
            .iter()
            .map(|id| {
                Check::skip(
                    id,
                    "no way to put work in core's task queue: pass --enqueue CMD (e.g. \"flow-core tasks enqueue --data DIR\")",
                )
            })
            .collect(),
    };
    report.checks.extend(execution);
    report
}

/// `d` as seconds with millisecond precision, for details.
pub(crate) fn secs(d: Duration) -> String {
    format!("{:.3}s", d.as_secs_f64())
}

/// A protobuf duration as a std one (negative or unset: `None`).
pub(crate) fn std_duration(d: &Option<flow_proto::wkt::Duration>) -> Option<Duration> {
    let d = d.as_ref()?;
    if d.seconds < 0 || d.nanos < 0 {
        return None;
    }
    Some(Duration::new(d.seconds as u64, d.nanos as u32))
}

/// A protobuf timestamp as nanoseconds since the epoch (unset: `None`).
pub(crate) fn nanos(t: &Option<flow_proto::wkt::Timestamp>) -> Option<i128> {
    let t = t.as_ref()?;
    Some(i128::from(t.seconds) * 1_000_000_000 + i128::from(t.nanos))
}

/// `code` and message of a status, for details.
pub(crate) fn status_text(s: &tonic::Status) -> String {
    format!("{:?}: {}", s.code(), s.message())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request() -> EnqueueRequest {
        EnqueueRequest {
            handler: "h".into(),
            execution_id: "e-1".into(),
            heartbeat_timeout: HEARTBEAT_TIMEOUT,
            start_to_close: START_TO_CLOSE,
        }
    }

    #[test]
    fn the_command_gets_the_execution_flags_appended() {
        let command = CommandEnqueue::parse("flow-core tasks enqueue --data '/tmp/a dir'").unwrap();
        assert_eq!(
            command.command_line(&request()),
            [
                "flow-core",
                "tasks",
                "enqueue",
                "--data",
                "/tmp/a dir",
                "--handler",
                "h",
                "--execution-id",
                "e-1",
                "--heartbeat-timeout",
                "1s",
                "--start-to-close",
                "30s"
            ]
        );
        assert!(CommandEnqueue::parse("  ").is_err());
        assert!(CommandEnqueue::parse("sh -c 'unbalanced").is_err());
        assert_eq!(format_duration(Duration::from_millis(1500)), "1500ms");
    }

    #[tokio::test]
    async fn the_id_is_the_last_line_printed_and_a_failing_command_says_why() {
        // $4 is the execution id: --handler h --execution-id e-1 ...
        let echo = CommandEnqueue::parse(r#"sh -c 'echo queued; echo "$4"; echo' sh"#).unwrap();
        assert_eq!(echo.enqueue(request()).await.unwrap(), "e-1");
        let failing = CommandEnqueue::parse("sh -c 'echo nope >&2; exit 3' sh").unwrap();
        let err = failing.enqueue(request()).await.unwrap_err();
        assert!(err.contains("nope") && err.contains('3'), "{err}");
        let silent = CommandEnqueue::parse("true").unwrap();
        let err = silent.enqueue(request()).await.unwrap_err();
        assert!(err.contains("printed no execution id"), "{err}");
        let missing = CommandEnqueue::parse("/no/such/flow-core").unwrap();
        assert!(
            missing
                .enqueue(request())
                .await
                .unwrap_err()
                .contains("cannot run")
        );
    }
}
