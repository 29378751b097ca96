//! The completion checks: a task completes once with a proper outcome, an unknown handler is
//! answered `handler_not_found`, and a CompleteTask failed with UNAVAILABLE is retried.

use flow_proto::common::v1::outcome::Outcome as Kind;
use tokio::time::Instant;

use super::DUPLICATE_WATCH;
use super::format::{ms, show_outcome};
use super::session::{Session, Spec};
use crate::Check;
use crate::worker::NO_SUCH_HANDLER;

impl Session<'_> {
    pub(super) async fn task_complete(&mut self) -> Check {
        const ID: &str = "worker.task.complete";
        let spec = self.short();
        let token = or_verdict!(self.start(ID, &spec, |_, _| {}));
        let handler = self.handler.clone();
        let what = format!("for a {handler:?} task with input {}", self.opts.input);
        or_verdict!(self.answer_or_fail(ID, &token, Instant::now(), &what).await);
        self.watch(Instant::now() + DUPLICATE_WATCH).await;
        let log = self.log(&token);
        let mut problems = Vec::new();
        let first = &log.completions[0];
        let shown = show_outcome(first.outcome.as_ref());
        match first.outcome.as_ref().and_then(|o| o.outcome.as_ref()) {
            Some(Kind::Success(_) | Kind::Failure(_) | Kind::RetryAfter(_)) => {}
            Some(Kind::HandlerNotFound(_)) => problems.push(format!(
                "outcome handler_not_found for {handler:?}, a handler the worker lists"
            )),
            Some(Kind::Cancelled(_) | Kind::Timeout(_)) => problems.push(format!(
                "outcome {shown} for a task nobody cancelled (expected success, failure or retry_after)"
            )),
            None => problems.push("CompleteTaskRequest.outcome has no result set".to_owned()),
        }
        if log.completions.len() > 1 {
            problems.push(format!(
                "CompleteTask called {} times for one task (once per task)",
                log.completions.len()
            ));
        }
        Check::from_problems(
            ID,
            format!(
                "{handler:?} completed in {} ms: {shown}",
                ms(first.at - log.sent)
            ),
            &problems,
        )
    }

    pub(super) async fn handler_not_found(&mut self) -> Check {
        const ID: &str = "worker.handler_not_found";
        let spec = Spec {
            handler: NO_SUCH_HANDLER.into(),
            ..self.short()
        };
        let token = or_verdict!(self.start(ID, &spec, |_, _| {}));
        let what = format!("for a task with handler {NO_SUCH_HANDLER:?}");
        or_verdict!(self.answer_or_fail(ID, &token, Instant::now(), &what).await);
        let log = self.log(&token);
        let first = &log.completions[0];
        match first.outcome.as_ref().and_then(|o| o.outcome.as_ref()) {
            Some(Kind::HandlerNotFound(h)) => {
                let mut problems = Vec::new();
                if h.handler != NO_SUCH_HANDLER {
                    problems.push(format!(
                        "handler_not_found.handler is {:?}, expected {NO_SUCH_HANDLER:?}",
                        h.handler
                    ));
                }
                if h.available_handlers.is_empty() {
                    problems.push("handler_not_found.available_handlers is empty".to_owned());
                }
                Check::from_problems(
                    ID,
                    format!(
                        "handler_not_found {:?}, available {:?}",
                        h.handler, h.available_handlers
                    ),
                    &problems,
                )
            }
            _ => Check::fail(
                ID,
                format!(
                    "handler {NO_SUCH_HANDLER:?} completed with {}, expected handler_not_found",
                    show_outcome(first.outcome.as_ref())
                ),
            ),
        }
    }

    pub(super) async fn complete_retry(&mut self) -> Check {
        const ID: &str = "worker.complete.retry";
        let spec = self.short();
        let token = or_verdict!(self.start(ID, &spec, |core, t| core.fail_next_completion(t)));
        let t = token.clone();
        let until = Instant::now() + self.timeout;
        if !self
            .wait_for(until, |s| !s.log(&t).completions.is_empty())
            .await
        {
            return Check::fail(ID, format!("no CompleteTask within {:?}", self.timeout));
        }
        let failed_at = self.log(&token).completions[0].at;
        if self.answer_after(&token, failed_at).await.is_none() {
            return Check::fail(
                ID,
                format!(
                    "the kit answered CompleteTask with UNAVAILABLE; the worker did not retry within {:?}",
                    self.timeout
                ),
            );
        }
        let log = self.log(&token);
        let (first, retry) = (&log.completions[0], &log.completions[1]);
        if first.outcome == retry.outcome {
            Check::pass(
                ID,
                format!(
                    "retried {} ms after UNAVAILABLE with the same outcome ({})",
                    ms(retry.at - first.at),
                    show_outcome(retry.outcome.as_ref())
                ),
            )
        } else {
            Check::fail(
                ID,
                format!(
                    "the retry carried a different outcome: {} first, then {}",
                    show_outcome(first.outcome.as_ref()),
                    show_outcome(retry.outcome.as_ref())
                ),
            )
        }
    }
}
