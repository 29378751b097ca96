//! The state of `DurableService`: instances, the latest checkpoint of each, and their signal
//! logs.

use std::time::SystemTime;

use flow_proto::durable::v1::{
    CompleteInstanceRequest, CompleteInstanceResponse, PollSignalsResponse,
    RegisterInstanceRequest, RegisterInstanceResponse, SaveCheckpointRequest,
    SignalInstanceRequest,
};

use super::StoreResult;

/// What [`DurableStore::register_instance`] did.
#[derive(Debug, Clone, PartialEq)]
pub enum Registration {
    /// Created or resumed (`resumed` tells which); the instance as it stands.
    Accepted(Box<RegisterInstanceResponse>),
    /// The instance exists under another idempotency key: nothing changed.
    KeyMismatch,
    /// The instance exists and runs another handler: nothing changed.
    HandlerMismatch { registered: String },
}

/// What [`DurableStore::save_checkpoint`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Save {
    /// Stored as checkpoint `seq`.
    Saved {
        seq: u64,
    },
    /// `expected_seq` was stale or the instance is complete; `seq` is the latest checkpoint's.
    Conflict {
        seq: u64,
    },
    /// The cursor names a signal that was never sent (`last_signal` is the newest one).
    CursorAhead {
        last_signal: u64,
    },
    /// The cursor goes back before the one saved with the latest checkpoint (`saved`): signals
    /// would be delivered twice.
    CursorBehind {
        saved: u64,
    },
    NotFound,
}

/// What [`DurableStore::add_signal`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignalSent {
    Stored {
        seq: u64,
    },
    /// The idempotency key matched the signal `seq`: nothing was stored.
    Duplicate {
        seq: u64,
    },
    /// The instance is complete: no signal can reach it.
    Complete,
    NotFound,
}

/// The state of `DurableService`.
#[tonic::async_trait]
pub trait DurableStore: Send + Sync + 'static {
    /// Creates the instance, or resumes it (counting one more incarnation) under the rules of
    /// `RegisterInstanceRequest.idempotency_key` and `handler`.
    async fn register_instance(
        &self,
        request: RegisterInstanceRequest,
        now: SystemTime,
    ) -> StoreResult<Registration>;

    /// Stores the checkpoint when `expected_seq` is the latest one's and the instance runs.
    async fn save_checkpoint(
        &self,
        request: SaveCheckpointRequest,
        now: SystemTime,
    ) -> StoreResult<Save>;

    /// Up to `limit` signals after `after`, oldest first, and whether the instance is complete;
    /// `None` for an unknown instance. Never waits.
    async fn signals_after(
        &self,
        instance_id: &str,
        after: u64,
        limit: usize,
    ) -> StoreResult<Option<PollSignalsResponse>>;

    /// Appends a signal to the instance's log, once per idempotency key.
    async fn add_signal(
        &self,
        request: SignalInstanceRequest,
        now: SystemTime,
    ) -> StoreResult<SignalSent>;

    /// Records the outcome when `expected_seq` is the latest checkpoint's and the instance runs;
    /// `None` for an unknown instance.
    async fn complete_instance(
        &self,
        request: CompleteInstanceRequest,
        now: SystemTime,
    ) -> StoreResult<Option<CompleteInstanceResponse>>;
}
