//! A durable instance against core's `DurableService`: a program whose state survives its own
//! crashes and core's. The program registers (after a restart: resumes) its instance, goes on
//! from the last checkpoint, saves progress with [`Instance::checkpoint`], waits for outside
//! input with [`Instance::next_signal`] or [`Instance::wait_signal`], and ends with
//! [`Instance::complete`].
//!
//! The instance tracks the two numbers that make this safe: the sequence number of the last
//! checkpoint (sent as `expected_seq`, so that a stale copy of the program can never overwrite
//! newer state: it gets [`DurableError::Conflict`]) and the cursor of the last signal handed to
//! the program (saved with each checkpoint, so that a resumed program gets every later signal,
//! none missed, none twice). The Go and TypeScript clients (`services/go-processor/durable`,
//! `services/ts-consumer/src/durable.ts`) behave the same, with the same constants.
//!
//! ```no_run
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! use flow_proto::common::v1::{Outcome, Payload};
//! use flow_proto::durable::v1::RegisterInstanceRequest;
//! use flow_sdk::durable::Instance;
//!
//! let core = tonic::transport::Endpoint::from_static("http://127.0.0.1:7233").connect_lazy();
//! let request = RegisterInstanceRequest {
//!     instance_id: "order-42".into(),
//!     handler: "order-workflow".into(),
//!     ..Default::default()
//! };
//! let mut order = Instance::register(core, request).await?;
//! let approval = order.wait_signal("approve").await?;
//! order.checkpoint(Payload::default()).await?;
//! order.complete(Outcome::default()).await?;
//! # let _ = approval; Ok(()) }
//! ```

use std::collections::VecDeque;
use std::time::Duration;

use flow_backoff::Backoff;
use flow_proto::common::v1::{Outcome, Payload};
use flow_proto::durable::v1::durable_service_client::DurableServiceClient;
use flow_proto::durable::v1::{
    CompleteInstanceRequest, PollSignalsRequest, RegisterInstanceRequest, RegisterInstanceResponse,
    SaveCheckpointRequest, Signal,
};
use tonic::Code;
use tonic::transport::Channel;

use crate::discovery::RENEW_BACKOFF;

/// How long one `PollSignals` call may wait: below core's cap (60 s) and the idle timeouts of
/// common proxies, so a quiet wait is a steady series of calls.
pub const POLL_WAIT: Duration = Duration::from_secs(30);

/// How much longer than [`POLL_WAIT`] the client waits for an answer before it polls again (a
/// dead connection must not hang the program).
pub const POLL_GRACE: Duration = Duration::from_secs(5);

/// Why a durable call failed.
#[derive(Debug, thiserror::Error)]
pub enum DurableError {
    /// A newer checkpoint than the one this instance builds on exists (or it is complete):
    /// another copy of the program owns the instance. Nothing was written; stop, or
    /// [`Instance::resume`].
    #[error(
        "durable instance {instance_id:?}: checkpoint conflict (built on {expected_seq}, core has a newer one)"
    )]
    Conflict {
        instance_id: String,
        expected_seq: u64,
        /// The latest checkpoint's sequence number, when core said it.
        latest_seq: Option<u64>,
    },
    /// The instance has an outcome: no signal arrives and nothing else is accepted.
    #[error("durable instance {instance_id:?} is complete")]
    Complete {
        instance_id: String,
        recorded: Option<Box<Outcome>>,
    },
    /// [`Instance::wait_signal`] found another signal next; it stays next.
    #[error(
        "durable instance {instance_id:?}: expected signal {expected:?}, the next is {found:?}"
    )]
    UnexpectedSignal {
        instance_id: String,
        expected: String,
        found: String,
    },
    /// Core refused the call or could not be reached.
    #[error("durable instance {instance_id:?}: {status}")]
    Status {
        instance_id: String,
        status: tonic::Status,
    },
}

/// One durable instance, as the program that runs it sees it.
#[derive(Debug)]
pub struct Instance {
    client: DurableServiceClient<Channel>,
    request: RegisterInstanceRequest,
    registration: RegisterInstanceResponse,
    seq: u64,
    state: Option<Payload>,
    /// The last signal handed to the program (saved with the next checkpoint).
    cursor: u64,
    /// The last signal fetched from core.
    polled: u64,
    pending: VecDeque<Signal>,
    complete: bool,
}

/// Poll failures worth repeating: core unreachable, the per-call deadline ran out on a dead
/// connection, the stream reset under us (the Go and TypeScript clients retry the same codes).
fn retryable(status: &tonic::Status) -> bool {
    matches!(
        status.code(),
        Code::Unavailable | Code::DeadlineExceeded | Code::Cancelled
    )
}

impl Instance {
    /// Registers the instance, or resumes it when it exists (by the proto's idempotency-key
    /// rule).
    pub async fn register(
        channel: Channel,
        request: RegisterInstanceRequest,
    ) -> Result<Self, DurableError> {
        let mut instance = Self {
            client: DurableServiceClient::new(channel),
            request,
            registration: RegisterInstanceResponse::default(),
            seq: 0,
            state: None,
            cursor: 0,
            polled: 0,
            pending: VecDeque::new(),
            complete: false,
        };
        instance.resume().await?;
        Ok(instance)
    }

    /// Registers again and takes the latest checkpoint and cursor: after a conflict, or to see
    /// what another copy did.
    pub async fn resume(&mut self) -> Result<(), DurableError> {
        let response = self.client.register_instance(self.request.clone()).await;
        let registration = response.map_err(|s| self.failed(s))?.into_inner();
        let checkpoint = registration.last_checkpoint.clone();
        self.seq = checkpoint.as_ref().map_or(0, |c| c.seq);
        self.state = checkpoint.and_then(|c| c.state);
        self.cursor = registration.signal_cursor;
        self.polled = registration.signal_cursor;
        self.pending.clear();
        self.complete = registration.outcome.is_some();
        self.registration = registration;
        Ok(())
    }

    fn failed(&self, status: tonic::Status) -> DurableError {
        DurableError::Status {
            instance_id: self.request.instance_id.clone(),
            status,
        }
    }

    pub fn id(&self) -> &str {
        &self.request.instance_id
    }

    /// Whether the instance existed before this program registered it.
    pub fn resumed(&self) -> bool {
        self.registration.resumed
    }

    /// How many times the instance was registered (1 on the first run).
    pub fn incarnation(&self) -> u32 {
        self.registration.incarnation
    }

    /// The input of the first registration.
    pub fn input(&self) -> Option<&Payload> {
        self.registration.input.as_ref()
    }

    /// The state of the latest checkpoint (`None` before the first).
    pub fn state(&self) -> Option<&Payload> {
        self.state.as_ref()
    }

    /// The latest checkpoint's sequence number (0 before the first).
    pub fn seq(&self) -> u64 {
        self.seq
    }

    /// The last signal handed to the program.
    pub fn signal_cursor(&self) -> u64 {
        self.cursor
    }

    /// The recorded outcome once the instance is complete.
    pub fn outcome(&self) -> Option<&Outcome> {
        self.registration.outcome.as_ref()
    }

    /// Saves `state`, with the cursor of the signals handed out so far, on top of the latest
    /// checkpoint; returns the new sequence number. Not retried on a transport error: whether
    /// the save happened is then unknown, and the next save or a resume tells.
    pub async fn checkpoint(&mut self, state: Payload) -> Result<u64, DurableError> {
        let request = SaveCheckpointRequest {
            instance_id: self.request.instance_id.clone(),
            expected_seq: self.seq,
            state: Some(state.clone()),
            signal_cursor: self.cursor,
        };
        let response = self.client.save_checkpoint(request).await;
        let response = response.map_err(|s| self.failed(s))?.into_inner();
        if response.conflict {
            return Err(DurableError::Conflict {
                instance_id: self.request.instance_id.clone(),
                expected_seq: self.seq,
                latest_seq: Some(response.seq),
            });
        }
        self.seq = response.seq;
        self.state = Some(state);
        Ok(self.seq)
    }

    /// The next signal of the instance's log, waiting (by long poll, again and again) until one
    /// arrives. Each signal is handed out once; the next checkpoint records it as consumed.
    pub async fn next_signal(&mut self) -> Result<Signal, DurableError> {
        self.peek().await?;
        let signal = self.pending.pop_front().expect("peek left a signal");
        self.cursor = signal.seq;
        Ok(signal)
    }

    /// [`Self::next_signal`] for a program that expects a signal named `name`: another one next
    /// is [`DurableError::UnexpectedSignal`] and stays next, so that nothing is skipped.
    pub async fn wait_signal(&mut self, name: &str) -> Result<Signal, DurableError> {
        let found = self.peek().await?.name.clone();
        if found != name {
            return Err(DurableError::UnexpectedSignal {
                instance_id: self.request.instance_id.clone(),
                expected: name.to_owned(),
                found,
            });
        }
        self.next_signal().await
    }

    /// The next signal without handing it out, polling core until there is one.
    async fn peek(&mut self) -> Result<&Signal, DurableError> {
        let mut backoff = Backoff::new(RENEW_BACKOFF);
        while self.pending.is_empty() {
            if self.complete {
                return Err(DurableError::Complete {
                    instance_id: self.request.instance_id.clone(),
                    recorded: self.registration.outcome.clone().map(Box::new),
                });
            }
            match self.poll().await {
                Ok(()) => backoff.reset(),
                Err(status) if retryable(&status) => {
                    tokio::time::sleep(backoff.next_delay()).await;
                }
                Err(status) => return Err(self.failed(status)),
            }
        }
        Ok(&self.pending[0])
    }

    /// One `PollSignals` call after the last fetched signal.
    async fn poll(&mut self) -> Result<(), tonic::Status> {
        let request = PollSignalsRequest {
            instance_id: self.request.instance_id.clone(),
            after: self.polled,
            wait: Some(POLL_WAIT.into()),
            max_signals: 0,
        };
        let call = self.client.poll_signals(request);
        let response = tokio::time::timeout(POLL_WAIT + POLL_GRACE, call)
            .await
            .map_err(|_| tonic::Status::deadline_exceeded("no answer to PollSignals"))??
            .into_inner();
        for signal in response.signals {
            // Never hand out a signal twice, whatever the answer holds.
            if signal.seq > self.polled {
                self.polled = signal.seq;
                self.pending.push_back(signal);
            }
        }
        self.complete = response.instance_complete;
        Ok(())
    }

    /// Records the instance's outcome, checked against the latest checkpoint like a save.
    pub async fn complete(&mut self, outcome: Outcome) -> Result<(), DurableError> {
        let request = CompleteInstanceRequest {
            instance_id: self.request.instance_id.clone(),
            outcome: Some(outcome.clone()),
            expected_seq: self.seq,
        };
        let response = self.client.complete_instance(request).await;
        let response = response.map_err(|s| self.failed(s))?.into_inner();
        if response.accepted {
            self.complete = true;
            self.registration.outcome = Some(outcome);
            return Ok(());
        }
        if response.reason == "ALREADY_COMPLETED" {
            self.complete = true;
            return Err(DurableError::Complete {
                instance_id: self.request.instance_id.clone(),
                recorded: response.recorded_outcome.map(Box::new),
            });
        }
        Err(DurableError::Conflict {
            instance_id: self.request.instance_id.clone(),
            expected_seq: self.seq,
            latest_seq: None,
        })
    }
}
