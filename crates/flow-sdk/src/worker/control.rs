//! The state one attempt shares between its handler, its heartbeats and the task stream:
//! cancellation (with mode, reason and force deadline) and the progress waiting to be sent.
//! [`Cancellation`] lives here, with the state that holds it; `handler` uses this module, never
//! the other way round.

use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::{Duration, SystemTime};

use flow_proto::common::v1::{CancellationMode, Payload, Progress};
use flow_proto::wkt::Timestamp;
use tokio::sync::{Notify, watch};
use tokio::time::Instant;
use tokio_util::sync::CancellationToken;

/// A request to stop an attempt, from a `CancelTask` on the task stream or a heartbeat answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cancellation {
    /// Graceful or forced; a forced request after a graceful one upgrades it.
    pub mode: CancellationMode,
    /// Why, as the canceller said it.
    pub reason: String,
}

/// Progress recorded by the handler and not sent yet.
#[derive(Debug, Default)]
pub(crate) struct PendingHeartbeat {
    pub(crate) progress: Option<Payload>,
    pub(crate) counters: Option<Progress>,
}

#[derive(Debug)]
pub(crate) struct AttemptControl {
    token: CancellationToken,
    cancellation: Mutex<Option<Cancellation>>,
    /// When a forced cancellation stops waiting; `None` until one arrives.
    force_deadline: watch::Sender<Option<Instant>>,
    pending: Mutex<PendingHeartbeat>,
    /// Wakes the heartbeat loop of a task without a heartbeat timeout when progress arrives.
    progressed: Notify,
}

impl AttemptControl {
    pub(crate) fn new() -> Self {
        AttemptControl {
            token: CancellationToken::new(),
            cancellation: Mutex::new(None),
            force_deadline: watch::Sender::new(None),
            pending: Mutex::new(PendingHeartbeat::default()),
            progressed: Notify::new(),
        }
    }

    pub(crate) fn token(&self) -> &CancellationToken {
        &self.token
    }

    pub(crate) fn cancellation(&self) -> Option<Cancellation> {
        lock(&self.cancellation).clone()
    }

    /// Records a cancellation request and wakes the handler. The first reason is kept; a forced
    /// request upgrades a graceful one, and of several force deadlines the earliest wins.
    pub(crate) fn cancel(
        &self,
        mode: CancellationMode,
        reason: &str,
        force_deadline: Option<&Timestamp>,
    ) {
        let mode = match mode {
            CancellationMode::Unspecified => CancellationMode::Graceful,
            other => other,
        };
        {
            let mut current = lock(&self.cancellation);
            match current.as_mut() {
                None => {
                    *current = Some(Cancellation {
                        mode,
                        reason: reason.to_owned(),
                    })
                }
                Some(c) if mode == CancellationMode::Force => c.mode = mode,
                Some(_) => {}
            }
        }
        if mode == CancellationMode::Force {
            // Forced without a deadline: core terminates at once.
            let at = force_deadline.map_or_else(Instant::now, instant_of);
            self.force_deadline.send_modify(|d| {
                *d = Some(d.map_or(at, |current| current.min(at)));
            });
        }
        self.token.cancel();
    }

    /// Resolves at the force deadline (never without a forced cancellation).
    pub(crate) async fn force_deadline(&self) {
        let mut rx = self.force_deadline.subscribe();
        loop {
            let current = *rx.borrow_and_update();
            match current {
                Some(at) => tokio::select! {
                    () = tokio::time::sleep_until(at) => return,
                    changed = rx.changed() => if changed.is_err() { return },
                },
                None => {
                    if rx.changed().await.is_err() {
                        std::future::pending::<()>().await;
                    }
                }
            }
        }
    }

    pub(crate) fn record_progress(&self, progress: Payload) {
        lock(&self.pending).progress = Some(progress);
        self.progressed.notify_one();
    }

    pub(crate) fn record_counters(&self, counters: Progress) {
        lock(&self.pending).counters = Some(counters);
        self.progressed.notify_one();
    }

    /// Takes what is waiting to be sent.
    pub(crate) fn take_pending(&self) -> PendingHeartbeat {
        std::mem::take(&mut *lock(&self.pending))
    }

    /// A copy of what is waiting to be sent.
    pub(crate) fn peek_pending(&self) -> PendingHeartbeat {
        let pending = lock(&self.pending);
        PendingHeartbeat {
            progress: pending.progress.clone(),
            counters: pending.counters.clone(),
        }
    }

    /// Puts back what a failed heartbeat did not deliver, unless newer progress arrived.
    pub(crate) fn restore_pending(&self, unsent: PendingHeartbeat) {
        let mut pending = lock(&self.pending);
        if pending.progress.is_none() {
            pending.progress = unsent.progress;
        }
        if pending.counters.is_none() {
            pending.counters = unsent.counters;
        }
    }

    pub(crate) async fn progressed(&self) {
        self.progressed.notified().await;
    }
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // Plain values replaced whole: still consistent if a holder panicked.
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The monotonic instant of a wall-clock timestamp (now for timestamps in the past).
pub(crate) fn instant_of(ts: &Timestamp) -> Instant {
    let now = SystemTime::now();
    let at = if ts.seconds >= 0 {
        SystemTime::UNIX_EPOCH
            + Duration::from_secs(ts.seconds as u64)
            + Duration::from_nanos(ts.nanos.max(0) as u64)
    } else {
        SystemTime::UNIX_EPOCH
    };
    Instant::now() + at.duration_since(now).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn timestamp_in(d: Duration) -> Timestamp {
        Timestamp::from(SystemTime::now() + d)
    }

    #[test]
    fn force_upgrades_graceful_and_keeps_the_first_reason() {
        let control = AttemptControl::new();
        control.cancel(CancellationMode::Unspecified, "first", None);
        assert_eq!(
            control.cancellation(),
            Some(Cancellation {
                mode: CancellationMode::Graceful,
                reason: "first".into()
            })
        );
        assert!(control.token().is_cancelled());
        control.cancel(
            CancellationMode::Force,
            "second",
            Some(&timestamp_in(Duration::from_secs(60))),
        );
        let c = control.cancellation().unwrap();
        assert_eq!(
            (c.mode, c.reason.as_str()),
            (CancellationMode::Force, "first")
        );
    }

    #[tokio::test]
    async fn the_earliest_force_deadline_wins() {
        let control = AttemptControl::new();
        control.cancel(
            CancellationMode::Force,
            "late",
            Some(&timestamp_in(Duration::from_secs(3600))),
        );
        control.cancel(
            CancellationMode::Force,
            "soon",
            Some(&timestamp_in(Duration::from_millis(50))),
        );
        tokio::time::timeout(Duration::from_secs(5), control.force_deadline())
            .await
            .expect("the 50 ms deadline applies");
    }

    #[tokio::test]
    async fn graceful_cancellation_has_no_force_deadline() {
        let control = AttemptControl::new();
        control.cancel(CancellationMode::Graceful, "stop", None);
        assert!(
            tokio::time::timeout(Duration::from_millis(100), control.force_deadline())
                .await
                .is_err()
        );
    }

    #[test]
    fn failed_heartbeats_do_not_lose_progress() {
        let control = AttemptControl::new();
        control.record_progress(Payload {
            data: b"1".to_vec().into(),
            ..Default::default()
        });
        let unsent = control.take_pending();
        control.record_counters(Progress::default());
        control.restore_pending(unsent);
        let pending = control.take_pending();
        assert_eq!(pending.progress.unwrap().data.as_ref(), b"1");
        assert!(pending.counters.is_some());
    }
}
