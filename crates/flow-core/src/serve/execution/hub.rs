//! [`WorkerHub`]: which open `StreamTasks` stream holds which task, so that an attempt's end
//! frees a slot of the right stream and a cancellation reaches the right worker. In memory only:
//! after a restart, a reconnecting worker gets its open tasks back from the store.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};

use flow_proto::execution::v1::stream_tasks_response::CancelTask;
use tokio::sync::mpsc;

/// What a stream's driver hears from the rest of core.
#[derive(Debug)]
pub enum StreamEvent {
    /// The attempt ended (completed, timed out or terminated): its slot is free.
    Ended { task_id: String },
    /// Send this cancellation to the worker.
    Cancel(CancelTask),
}

#[derive(Default)]
struct Streams {
    next: u64,
    events: HashMap<u64, mpsc::UnboundedSender<StreamEvent>>,
    /// Task id -> the stream it was sent on.
    owner: HashMap<String, u64>,
}

/// The open streams and the tasks each holds.
#[derive(Default)]
pub struct WorkerHub {
    streams: Mutex<Streams>,
}

impl WorkerHub {
    fn lock(&self) -> std::sync::MutexGuard<'_, Streams> {
        self.streams.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// A new stream: its number and the receiver of its events.
    pub fn open(&self) -> (u64, mpsc::UnboundedReceiver<StreamEvent>) {
        let (tx, rx) = mpsc::unbounded_channel();
        let mut streams = self.lock();
        streams.next += 1;
        let id = streams.next;
        streams.events.insert(id, tx);
        (id, rx)
    }

    /// Records that `task_id` was sent on `stream` (a reconnect moves it to the new stream).
    pub fn hold(&self, stream: u64, task_id: &str) {
        self.lock().owner.insert(task_id.to_owned(), stream);
    }

    /// Forgets a closed stream and its tasks (they stay assigned in the store until they end).
    pub fn close(&self, stream: u64) {
        let mut streams = self.lock();
        streams.events.remove(&stream);
        streams.owner.retain(|_, owner| *owner != stream);
    }

    /// Tells the stream holding `task_id`, if any, that its attempt ended.
    pub fn ended(&self, task_id: &str) {
        let mut streams = self.lock();
        if let Some(stream) = streams.owner.remove(task_id)
            && let Some(events) = streams.events.get(&stream)
        {
            let _ = events.send(StreamEvent::Ended {
                task_id: task_id.to_owned(),
            });
        }
    }

    /// Sends `cancel` to the stream holding its task; false when no stream holds it (the
    /// worker learns of it from its next heartbeat, or when it reconnects).
    pub fn cancel(&self, cancel: CancelTask) -> bool {
        let streams = self.lock();
        let events = streams
            .owner
            .get(&cancel.task_id)
            .and_then(|stream| streams.events.get(stream));
        events.is_some_and(|events| events.send(StreamEvent::Cancel(cancel)).is_ok())
    }
}
