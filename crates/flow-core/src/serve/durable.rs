//! `DurableService`: instances that survive crashes, with checkpoints guarded by sequence
//! numbers, a signal log delivered by long poll, and one terminal outcome.
//!
//! Everything an answer acknowledges is committed first (see [`crate::store`]), so a program
//! that resumes after `kill -9` of core, of itself or of both finds exactly the checkpoint,
//! signals and outcome it was told about.

use std::sync::Arc;
use std::time::Duration;

use flow_proto::durable::v1::durable_service_server::DurableService;
use flow_proto::durable::v1::{
    CompleteInstanceRequest, CompleteInstanceResponse, PollSignalsRequest, PollSignalsResponse,
    RegisterInstanceRequest, RegisterInstanceResponse, SaveCheckpointRequest,
    SaveCheckpointResponse, SignalInstanceRequest, SignalInstanceResponse,
};
use tokio::sync::watch;
use tonic::Status;

use super::status::{InvalidField, duration_field, id_field, length_field, optional_id_field};
use super::unary::unary_rpcs;
use crate::store::{self, DurableStore, Registration, Save, SignalSent};

/// The longest a `PollSignals` is held open; longer waits are cut to this and the caller polls
/// again (the proto's "typically one minute").
pub const MAX_POLL_WAIT: Duration = Duration::from_secs(60);
/// Signals per `PollSignals` answer: the default and the cap.
pub const DEFAULT_MAX_SIGNALS: usize = 100;
pub const MAX_SIGNALS: usize = 1000;
/// Longest `SignalInstanceRequest.sender`, in bytes.
pub const MAX_SENDER_LEN: usize = 256;

/// Core's `DurableService` over a [`DurableStore`].
pub struct DurableServer<S> {
    store: Arc<S>,
    /// Bumped after every stored signal or completion, so that waiting polls look again. One
    /// channel for all instances: a wake-up costs a poller one indexed read, which is cheaper
    /// than keeping a channel per instance in step with the database.
    changes: watch::Sender<u64>,
}

impl<S: DurableStore> DurableServer<S> {
    pub fn new(store: Arc<S>) -> Self {
        Self {
            store,
            changes: watch::Sender::new(0),
        }
    }

    fn announce_change(&self) {
        self.changes.send_modify(|n| *n = n.wrapping_add(1));
    }
}

fn not_found(instance_id: &str) -> Status {
    Status::not_found(format!("no durable instance {instance_id:?}"))
}

unary_rpcs! {
    impl<S: DurableStore> DurableService for DurableServer<S> {
        register_instance(RegisterInstanceRequest) -> RegisterInstanceResponse;
        save_checkpoint(SaveCheckpointRequest) -> SaveCheckpointResponse;
        poll_signals(PollSignalsRequest) -> PollSignalsResponse;
        signal_instance(SignalInstanceRequest) -> SignalInstanceResponse;
        complete_instance(CompleteInstanceRequest) -> CompleteInstanceResponse;
    }
}

/// The RPCs, on plain messages (see [`unary_rpcs!`]).
impl<S: DurableStore> DurableServer<S> {
    async fn register_instance(
        &self,
        request: RegisterInstanceRequest,
    ) -> Result<RegisterInstanceResponse, Status> {
        id_field("instance_id", &request.instance_id)?;
        id_field("handler", &request.handler)?;
        optional_id_field("idempotency_key", &request.idempotency_key)?;
        let instance_id = request.instance_id.clone();
        match self.store.register_instance(request, store::now()).await? {
            Registration::Accepted(response) => Ok(*response),
            Registration::KeyMismatch => Err(Status::already_exists(format!(
                "durable instance {instance_id:?} exists under another idempotency key"
            ))),
            Registration::HandlerMismatch { registered } => Err(Status::failed_precondition(
                format!("durable instance {instance_id:?} runs handler {registered:?}"),
            )),
        }
    }

    async fn save_checkpoint(
        &self,
        request: SaveCheckpointRequest,
    ) -> Result<SaveCheckpointResponse, Status> {
        id_field("instance_id", &request.instance_id)?;
        let instance_id = request.instance_id.clone();
        let response = match self.store.save_checkpoint(request, store::now()).await? {
            Save::Saved { seq } => SaveCheckpointResponse {
                seq,
                conflict: false,
            },
            Save::Conflict { seq } => SaveCheckpointResponse {
                seq,
                conflict: true,
            },
            Save::CursorAhead { last_signal } => {
                return Err(InvalidField::new(
                    "signal_cursor",
                    format!("is past the newest signal, {last_signal}"),
                )
                .into());
            }
            Save::CursorBehind { saved } => {
                return Err(InvalidField::new(
                    "signal_cursor",
                    format!(
                        "goes back before {saved}, the cursor of the latest checkpoint \
                         (signals would be delivered twice)"
                    ),
                )
                .into());
            }
            Save::NotFound => return Err(not_found(&instance_id)),
        };
        Ok(response)
    }

    async fn poll_signals(
        &self,
        request: PollSignalsRequest,
    ) -> Result<PollSignalsResponse, Status> {
        id_field("instance_id", &request.instance_id)?;
        let wait = duration_field("wait", request.wait)?
            .unwrap_or_default()
            .min(MAX_POLL_WAIT);
        let limit = match request.max_signals {
            0 => DEFAULT_MAX_SIGNALS,
            n => (n as usize).min(MAX_SIGNALS),
        };
        let deadline = tokio::time::Instant::now() + wait;
        // Subscribed before the first read: a signal stored between the read and the wait
        // still wakes this poll.
        let mut changes = self.changes.subscribe();
        loop {
            changes.mark_unchanged();
            let Some(response) = self
                .store
                .signals_after(&request.instance_id, request.after, limit)
                .await?
            else {
                return Err(not_found(&request.instance_id));
            };
            if !response.signals.is_empty() || response.instance_complete {
                return Ok(response);
            }
            tokio::select! {
                changed = changes.changed() => {
                    if changed.is_err() {
                        return Ok(response);
                    }
                }
                _ = tokio::time::sleep_until(deadline) => return Ok(response),
            }
        }
    }

    async fn signal_instance(
        &self,
        request: SignalInstanceRequest,
    ) -> Result<SignalInstanceResponse, Status> {
        id_field("instance_id", &request.instance_id)?;
        id_field("name", &request.name)?;
        optional_id_field("idempotency_key", &request.idempotency_key)?;
        length_field("sender", &request.sender, MAX_SENDER_LEN)?;
        let instance_id = request.instance_id.clone();
        let response = match self.store.add_signal(request, store::now()).await? {
            SignalSent::Stored { seq } => {
                self.announce_change();
                SignalInstanceResponse {
                    seq,
                    duplicate: false,
                }
            }
            SignalSent::Duplicate { seq } => SignalInstanceResponse {
                seq,
                duplicate: true,
            },
            SignalSent::Complete => {
                return Err(Status::failed_precondition(format!(
                    "durable instance {instance_id:?} is complete: no signal can reach it"
                )));
            }
            SignalSent::NotFound => return Err(not_found(&instance_id)),
        };
        Ok(response)
    }

    async fn complete_instance(
        &self,
        request: CompleteInstanceRequest,
    ) -> Result<CompleteInstanceResponse, Status> {
        id_field("instance_id", &request.instance_id)?;
        if request.outcome.is_none() {
            return Err(InvalidField::new("outcome", "is required").into());
        }
        let instance_id = request.instance_id.clone();
        let Some(response) = self.store.complete_instance(request, store::now()).await? else {
            return Err(not_found(&instance_id));
        };
        if response.accepted {
            // Waiting polls answer `instance_complete`.
            self.announce_change();
        }
        Ok(response)
    }
}
