//! The skeleton of the stream checks, written once: how the kit opens a role's stream, probes it
//! with a message before the start, tracks the instruction id of every response, and plays the
//! [`PLAN`] as core does. Each role module supplies only what is its own: [`StreamRole`] (its
//! RPC, requests and responses) and, for the plan-driven processor and consumer scenarios,
//! [`PlannedStream`] (what each step sends, what each response means, and the verdicts).

use std::future::Future;

use flow_proto::common::v1::RecordBatch;
use flow_proto::wkt::Struct;
use tokio::sync::mpsc;
use tokio::time::Instant;
use tokio_stream::wrappers::ReceiverStream;

use crate::stream::{
    CreditBudget, CreditUsage, End, PLAN, STREAM, Step, batch_within, instruction_id, next_or_end,
    protocol_fault_verdict, verdict,
};
use crate::{Check, Target, config, rpc::Ctx};

/// One stream role as the kit plays it: its RPC and how to read its messages.
pub trait StreamRole {
    /// The role, as check ids and instruction ids name it (`processor`).
    const NAME: &'static str;
    /// The RPC, for the detail of a timeout (`Process`).
    const RPC: &'static str;
    /// What the kit sends.
    type Request: Send + 'static;
    /// The kind of a request (its `oneof`).
    type Kind;
    /// What the service answers.
    type Response;

    /// A request carrying `kind`, with `instruction_id`.
    fn request(instruction_id: &str, kind: Option<Self::Kind>) -> Self::Request;

    /// Calls the RPC with `requests` as the kit's side of the stream.
    fn open(
        ctx: &Ctx,
        requests: ReceiverStream<Self::Request>,
    ) -> impl Future<
        Output = Result<tonic::Response<tonic::Streaming<Self::Response>>, tonic::Status>,
    > + Send;

    /// The kind of a response, for details (`batch_ack`).
    fn kind_name(msg: &Self::Response) -> &'static str;

    /// The instruction id a response carries.
    fn instruction_id(msg: &Self::Response) -> &str;
}

/// Declares a stream role and its [`StreamRole`] impl, which differ between roles only in
/// names: the client and its RPC method, the message types, and what each response kind is
/// called in details.
macro_rules! stream_role {
    (
        $(#[$doc:meta])*
        struct $role:ident;
        name: $name:literal,
        rpc: $rpc:literal via $client:ident::$method:ident,
        request: $request:ident of $req_kind:ident,
        response: $response:ident of $resp_kind:ident { $($variant:ident => $kind:literal),* $(,)? }
    ) => {
        $(#[$doc])*
        struct $role;

        impl $crate::stream_check::StreamRole for $role {
            const NAME: &'static str = $name;
            const RPC: &'static str = $rpc;
            type Request = $request;
            type Kind = $req_kind;
            type Response = $response;

            fn request(instruction_id: &str, kind: Option<$req_kind>) -> $request {
                $request {
                    instruction_id: instruction_id.into(),
                    kind,
                }
            }

            fn open(
                ctx: &$crate::rpc::Ctx,
                requests: ::tokio_stream::wrappers::ReceiverStream<$request>,
            ) -> impl ::std::future::Future<
                Output = Result<::tonic::Response<::tonic::Streaming<$response>>, ::tonic::Status>,
            > + Send {
                let mut client = $client::new(ctx.channel.clone());
                let req = ctx.request(requests);
                async move { client.$method(req).await }
            }

            fn kind_name(msg: &$response) -> &'static str {
                match msg.kind {
                    $(Some($resp_kind::$variant(_)) => $kind,)*
                    None => "empty",
                }
            }

            fn instruction_id(msg: &$response) -> &str {
                &msg.instruction_id
            }
        }
    };
}
pub(crate) use stream_role;

/// A start message of type `$start` naming what [`StartFields`] `$fields` name, with the role's
/// own `$field`s besides.
macro_rules! start_message {
    ($start:ident from $fields:expr, { $($field:ident: $value:expr),* $(,)? }) => {{
        let fields: $crate::stream_check::StartFields = $fields;
        $start {
            component: fields.component,
            config: fields.config,
            generation: fields.generation,
            config_id: fields.config_id,
            $($field: $value,)*
            ..Default::default()
        }
    }};
}
pub(crate) use start_message;

/// The `<role>.before_start` check: `first`, which is not a start, as the first message is a
/// protocol fault, so the RPC must end with FAILED_PRECONDITION. `what` names the fault
/// (`batch before start`).
pub async fn before_start<R: StreamRole>(ctx: &Ctx, first: R::Request, what: &str) -> Check {
    let id = format!("{}.before_start", R::NAME);
    let (tx, rx) = mpsc::channel(4);
    // Kept open until the verdict, so the service cannot mistake the test for a closed stream.
    let _ = tx.send(first).await;
    let run = async {
        let mut stream = R::open(ctx, ReceiverStream::new(rx)).await?.into_inner();
        let mut answered = Vec::new();
        while let Some(msg) = stream.message().await? {
            answered.push(R::kind_name(&msg));
        }
        Ok::<_, tonic::Status>(answered)
    };
    let result = tokio::time::timeout(ctx.timeout, run).await;
    drop(tx);
    protocol_fault_verdict(&id, what, ctx.timeout, result)
}

/// Opens `R`'s stream by `deadline`, or says how the scenario ended before it could begin.
pub async fn open_within<R: StreamRole>(
    ctx: &Ctx,
    deadline: Instant,
    requests: ReceiverStream<R::Request>,
) -> Result<tonic::Streaming<R::Response>, End> {
    match tokio::time::timeout_at(deadline, R::open(ctx, requests)).await {
        Err(_) => Err(End::TimedOut(format!(
            "waiting for the {} response headers",
            R::RPC
        ))),
        Ok(Err(s)) => Err(End::Status(s)),
        Ok(Ok(r)) => Ok(r.into_inner()),
    }
}

/// The instruction id of one stream and the responses that did not carry it: the
/// `<role>.instruction_id` check, which every role judges alike.
#[derive(Debug)]
pub struct InstructionIds {
    id: String,
    violations: Vec<String>,
}

impl InstructionIds {
    /// A fresh instruction id for a stream of `role`.
    pub fn new(role: &str) -> Self {
        Self {
            id: instruction_id(role),
            violations: Vec::new(),
        }
    }

    /// The id the kit's messages carry.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// Notes `resp` if it carries another instruction id.
    pub fn observe<R: StreamRole>(&mut self, resp: &R::Response) {
        let got = R::instruction_id(resp);
        if got != self.id {
            self.violations.push(format!(
                "{} carried instruction_id {got:?}",
                R::kind_name(resp)
            ));
        }
    }

    /// The verdict of `<role>.instruction_id` for a stream that ended with `end`.
    pub fn verdict(&self, role: &str, end: &End) -> Check {
        verdict(
            &format!("{role}.instruction_id"),
            &self.violations,
            &[],
            end,
            "every response carried the start's instruction_id".into(),
        )
    }
}

/// What every stream start names of the target: its component and configuration, and the
/// generation and config_id it was configured under (no config_id before a `Configure`).
pub struct StartFields {
    /// The component to run.
    pub component: String,
    /// The configuration `run()` checked.
    pub config: Option<Struct>,
    /// The generation `Configure` applied, 0 when not configured.
    pub generation: u64,
    /// The configured `config_id`, empty when not configured.
    pub config_id: String,
}

impl StartFields {
    /// The start fields of `target` run with `cfg`.
    pub fn of(target: &Target, cfg: &serde_json::Value) -> Self {
        Self {
            component: target.component.name.clone(),
            config: Some(
                config::to_struct(cfg).expect("run() admits only configurations that convert"),
            ),
            generation: target.generation,
            config_id: if target.generation > 0 {
                target.config_id.clone()
            } else {
                String::new()
            },
        }
    }
}

/// The role-specific parts of a stream that plays the [`PLAN`] (the processor's `Process`, the
/// consumer's `Write`); [`planned_checks`] plays it.
pub trait PlannedStream: StreamRole {
    /// What the kit observed, judged after the stream ends.
    type Observed: Default;

    /// The start; notes in `obs` what it grants.
    fn start(fields: StartFields, obs: &mut Self::Observed) -> Self::Kind;
    /// The credit left for the kit's batches.
    fn input_left(obs: &mut Self::Observed) -> &mut CreditBudget;
    /// A batch message.
    fn batch(batch: RecordBatch) -> Self::Kind;
    /// Notes `batch` (already taken from the credit) as sent.
    fn sent(obs: &mut Self::Observed, batch: &RecordBatch);
    /// Notes barrier `seq` as sent; its message.
    fn barrier(obs: &mut Self::Observed, seq: u64) -> Self::Kind;
    /// The drain message.
    fn drain() -> Self::Kind;
    /// What the kit waits for when it cannot send `next` (the step it waits to send, if any).
    fn waiting(obs: &Self::Observed, next: Option<&Step>) -> String;
    /// Takes in a response (`failure`: the terminal failure so far); what the kit answers, if
    /// anything.
    fn receive(
        obs: &mut Self::Observed,
        resp: Self::Response,
        failure: &mut Option<String>,
    ) -> Option<Self::Kind>;
    /// The role's verdicts, in the order of its ids, but for `before_start` and
    /// `instruction_id`; `next` is the first plan step not sent.
    fn judge(obs: &Self::Observed, end: &End, next: usize) -> Vec<Check>;
}

/// Runs `R`'s checks with `target`: `before_start`, then the plan (every other id of `ids`
/// skipped when the kit has no configuration).
pub async fn planned_checks<R: PlannedStream>(
    ctx: &Ctx,
    target: &Target,
    ids: &[&str],
) -> Vec<Check> {
    let one_record = CreditBudget {
        records: 1,
        bytes: u64::MAX,
    };
    let first = R::request(
        &instruction_id(R::NAME),
        batch_within(1, STREAM, &one_record).map(R::batch),
    );
    let mut checks = vec![before_start::<R>(ctx, first, "batch before start").await];
    match &target.config {
        Ok(cfg) => checks.extend(play::<R>(ctx, StartFields::of(target, cfg)).await),
        Err(why) => checks.extend(ids[1..].iter().map(|id| Check::skip(id, why.clone()))),
    }
    checks
}

/// Plays the [`PLAN`] as core: the start, then every step as soon as the credit allows, taking
/// in responses until the stream ends or the deadline passes; then the verdicts.
async fn play<R: PlannedStream>(ctx: &Ctx, start: StartFields) -> Vec<Check> {
    let mut ids = InstructionIds::new(R::NAME);
    let mut obs = R::Observed::default();
    let (tx, rx) = mpsc::channel(32);
    let start = R::start(start, &mut obs);
    let _ = tx.send(R::request(ids.id(), Some(start))).await;
    let deadline = Instant::now() + ctx.timeout;

    let mut next = 0;
    let end = 'run: {
        let mut stream = match open_within::<R>(ctx, deadline, ReceiverStream::new(rx)).await {
            Ok(stream) => stream,
            Err(end) => break 'run end,
        };
        let mut failure = None;
        loop {
            // Send everything the plan allows now: batches only within the credit.
            while let Some(step) = PLAN.get(next) {
                let kind = match *step {
                    Step::Batch(b) => match batch_within(b, STREAM, R::input_left(&mut obs)) {
                        None => break,
                        Some(batch) => {
                            R::input_left(&mut obs).take_clamped(CreditUsage::of(&batch));
                            R::sent(&mut obs, &batch);
                            R::batch(batch)
                        }
                    },
                    Step::Barrier(seq) => R::barrier(&mut obs, seq),
                    Step::Drain => R::drain(),
                };
                let _ = tx.send(R::request(ids.id(), Some(kind))).await;
                next += 1;
            }
            let waiting = R::waiting(&obs, PLAN.get(next));
            let drain_sent = next >= PLAN.len();
            let resp = match next_or_end(
                &mut stream,
                deadline,
                ctx.timeout,
                &waiting,
                &failure,
                drain_sent,
            )
            .await
            {
                Ok(resp) => resp,
                Err(end) => break 'run end,
            };
            ids.observe::<R>(&resp);
            if let Some(answer) = R::receive(&mut obs, resp, &mut failure) {
                let _ = tx.send(R::request(ids.id(), Some(answer))).await;
            }
        }
    };
    drop(tx);
    let mut checks = R::judge(&obs, &end, next);
    checks.push(ids.verdict(R::NAME, &end));
    checks
}

/// The `<role>.input_credit` check of a planned stream: PASS when every batch went out within
/// the credit the service granted, FAIL when the kit timed out waiting for credit, SKIP when
/// the stream ended first. `credit` names the credit in the detail (`input credit`).
pub fn input_credit_check(
    role: &str,
    credit: &str,
    sent: InputSent,
    granted: CreditBudget,
    end: &End,
) -> Check {
    let id = format!("{role}.input_credit");
    if sent.all {
        Check::pass(
            &id,
            format!(
                "sent {} batches ({} records) within the {} records / {} bytes the {role} granted",
                sent.batches, sent.records, granted.records, granted.bytes
            ),
        )
    } else if let End::TimedOut(w) = end {
        Check::fail(
            &id,
            format!("the {role} granted too little {credit}: timed out {w}"),
        )
    } else {
        Check::skip(
            &id,
            format!("the stream ended before every batch was sent (see {role}.drain)"),
        )
    }
}

/// How much of the plan's input went out.
pub struct InputSent {
    /// Every batch of the plan (or the whole plan) was sent.
    pub all: bool,
    /// Batches sent.
    pub batches: u64,
    /// Records sent.
    pub records: u64,
}

impl InputSent {
    /// `batches` and `records` sent, with `next` the first plan step not sent.
    pub fn of(next: usize, batches: u64, records: u64) -> Self {
        let planned = PLAN.iter().filter(|s| matches!(s, Step::Batch(_))).count() as u64;
        Self {
            all: next >= PLAN.len() || batches == planned,
            batches,
            records,
        }
    }
}
