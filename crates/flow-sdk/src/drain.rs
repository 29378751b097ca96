//! Shutting down: report NOT_SERVING, stop taking new calls, let open calls finish within the
//! grace period, then close every connection, finished or not.
//!
//! tonic's graceful shutdown alone waits for every stream to end, which a long-lived stream may
//! never do; the hard deadline here is what bounds a shutdown (see [`crate::connection`]). The
//! server's stream adapters (see [`crate::Sessions::shutdown_handle`]) end their streams before
//! it, once their in-flight work is done (see [`crate::stream`]).
//!
//! ```no_run
//! # async fn run(server: flow_sdk::BoundServer) -> Result<(), flow_sdk::ServeError> {
//! use std::time::Duration;
//!
//! let shutdown = server.shutdown_handle();
//! tokio::spawn(async move {
//!     tokio::time::sleep(Duration::from_secs(60)).await;
//!     // Streams get 5 s to finish; after that the server stops regardless.
//!     shutdown.shutdown(Duration::from_secs(5)).await;
//! });
//! server.serve().await
//! # }
//! ```

use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use tokio::sync::watch;
use tokio::time::Instant;
use tokio_util::sync::CancellationToken;
use tonic_health::ServingStatus;
use tonic_health::server::HealthReporter;

/// The grace period when `ShutdownRequest.grace_period` is unset (`runtime.proto`: 30 s).
pub const DEFAULT_GRACE_PERIOD: Duration = Duration::from_secs(30);

/// Starts and observes a server's shutdown. Cheap to clone; every clone controls the same
/// server.
#[derive(Clone, Debug)]
pub struct ShutdownHandle {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    draining: CancellationToken,
    hard_stop: CancellationToken,
    /// The earliest hard deadline asked for; `None` until a shutdown starts.
    deadline: watch::Sender<Option<Instant>>,
    health: HealthReporter,
    /// The health service names this server reports on ("" is the whole server).
    health_names: Mutex<Vec<String>>,
}

impl ShutdownHandle {
    pub(crate) fn new(health: HealthReporter) -> Self {
        ShutdownHandle {
            inner: Arc::new(Inner {
                draining: CancellationToken::new(),
                hard_stop: CancellationToken::new(),
                deadline: watch::Sender::new(None),
                health,
                health_names: Mutex::new(vec![String::new()]),
            }),
        }
    }

    /// Starts the shutdown: health turns NOT_SERVING, the listener closes, open calls may run
    /// for `grace` more, then every connection is closed. Returns at once. A second call can
    /// only bring the deadline closer. A zero grace stops at once: a caller's in-flight call
    /// (the `Shutdown` RPC itself) may then get no response.
    pub async fn shutdown(&self, grace: Duration) {
        let deadline = Instant::now() + grace;
        self.inner.deadline.send_modify(|current| {
            *current = Some(current.map_or(deadline, |c| c.min(deadline)));
        });
        // Health first, so that watchers learn NOT_SERVING before the listener goes away.
        self.set_health(ServingStatus::NotServing).await;
        self.inner.draining.cancel();
        tracing::info!(grace_ms = grace.as_millis() as u64, "draining");
    }

    /// Whether a shutdown has started.
    pub fn is_draining(&self) -> bool {
        self.inner.draining.is_cancelled()
    }

    /// Resolves when a shutdown starts. Stream handlers select on it to finish their work
    /// (commit, flush, close) instead of being cut off at the deadline.
    pub async fn draining(&self) {
        self.inner.draining.cancelled().await;
    }

    pub(crate) fn draining_token(&self) -> CancellationToken {
        self.inner.draining.clone()
    }

    pub(crate) fn hard_stop_token(&self) -> CancellationToken {
        self.inner.hard_stop.clone()
    }

    /// Resolves at the hard deadline (never before a shutdown started), following changes.
    pub(crate) async fn hard_deadline(&self) {
        let mut deadline = self.inner.deadline.subscribe();
        loop {
            let current = *deadline.borrow_and_update();
            match current {
                Some(at) => tokio::select! {
                    () = tokio::time::sleep_until(at) => return,
                    _ = deadline.changed() => {}
                },
                None => {
                    if deadline.changed().await.is_err() {
                        // The sender lives as long as `self`: unreachable, but never spin.
                        std::future::pending::<()>().await;
                    }
                }
            }
        }
    }

    /// Registers the health names to report on and reports them SERVING (unless draining).
    pub(crate) async fn serving(&self, names: impl IntoIterator<Item = String>) {
        self.lock_names().extend(names);
        if !self.is_draining() {
            self.set_health(ServingStatus::Serving).await;
        }
    }

    async fn set_health(&self, status: ServingStatus) {
        let names = self.lock_names().clone();
        for name in names {
            self.inner.health.set_service_status(&name, status).await;
        }
    }

    fn lock_names(&self) -> std::sync::MutexGuard<'_, Vec<String>> {
        // A list of names updated by single pushes: usable even if a holder panicked.
        self.inner
            .health_names
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn a_second_shutdown_only_brings_the_deadline_closer() {
        let handle = ShutdownHandle::new(HealthReporter::new());
        let start = Instant::now();
        handle.shutdown(Duration::from_secs(10)).await;
        handle.shutdown(Duration::from_secs(60)).await;
        handle.hard_deadline().await;
        assert_eq!(start.elapsed(), Duration::from_secs(10));
        assert!(handle.is_draining());
    }
}
