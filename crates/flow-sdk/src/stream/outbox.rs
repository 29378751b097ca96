//! The sending half of a response stream: a bounded channel read by tonic. A closed channel
//! means core has gone (the RPC was cancelled or the connection dropped).

use tokio::sync::mpsc;
use tokio_stream::wrappers::ReceiverStream;
use tonic::Status;

/// Messages queued for core before the stream task waits: small, since credit (not this
/// buffer) is what bounds the data in flight.
const CAPACITY: usize = 16;

pub(crate) struct Outbox<T> {
    tx: mpsc::Sender<Result<T, Status>>,
}

/// Core went away: the stream task stops.
pub(crate) fn gone() -> Status {
    Status::cancelled("core closed the stream")
}

impl<T: Send + 'static> Outbox<T> {
    /// Runs `drive` in its own task; its `Err` ends the RPC with that status.
    pub(crate) fn spawn<F, Fut>(drive: F) -> ReceiverStream<Result<T, Status>>
    where
        F: FnOnce(Outbox<T>) -> Fut,
        Fut: Future<Output = Result<(), Status>> + Send + 'static,
    {
        let (tx, rx) = mpsc::channel(CAPACITY);
        let task = drive(Outbox { tx: tx.clone() });
        tokio::spawn(async move {
            if let Err(status) = task.await {
                tracing::debug!(code = ?status.code(), message = status.message(), "stream ended");
                let _ = tx.send(Err(status)).await;
            }
        });
        ReceiverStream::new(rx)
    }

    pub(crate) async fn send(&self, message: T) -> Result<(), Status> {
        self.tx.send(Ok(message)).await.map_err(|_| gone())
    }

    /// Resolves when core has gone.
    pub(crate) async fn closed(&self) {
        self.tx.closed().await;
    }
}
