//! Handshake agreements per connection.
//!
//! `runtime.proto` says core handshakes once per connection and that a later handshake replaces
//! the earlier agreement; a service shared by several cores may agree on different versions with
//! each. So agreements are keyed by the connection a request arrived on, and forgotten when that
//! connection closes (see [`crate::connection`]).
//!
//! Later services (Source, Processor, ...) ask [`Sessions::require`] before serving a stream, so
//! that every RPC but `GetServiceInfo` fails with `FAILED_PRECONDITION` before a handshake.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use tonic::Status;

use crate::ShutdownHandle;
use crate::connection::{ConnectionId, ConnectionInfo};
use crate::handshake::Agreement;

/// The agreements of all open connections. Cheap to clone (shared).
#[derive(Clone, Debug, Default)]
pub struct Sessions {
    // `None` keys requests that did not come through a `FlowServer` listener (the runtime
    // service mounted in someone else's server): they share one agreement.
    agreements: Arc<Mutex<HashMap<Option<ConnectionId>, Agreement>>>,
    /// The shutdown of the server these sessions belong to, when it is a `FlowServer`.
    shutdown: Option<ShutdownHandle>,
}

impl Sessions {
    pub(crate) fn with_shutdown(shutdown: ShutdownHandle) -> Self {
        Sessions {
            agreements: Arc::default(),
            shutdown: Some(shutdown),
        }
    }

    /// The shutdown of the [`crate::FlowServer`] these sessions came from (`None` for
    /// `Sessions::default()`): stream adapters end their streams when it starts.
    pub fn shutdown_handle(&self) -> Option<ShutdownHandle> {
        self.shutdown.clone()
    }

    /// The agreement of the connection `request` arrived on, or `FAILED_PRECONDITION` as
    /// `runtime.proto` requires when there is none.
    pub fn require<T>(&self, request: &tonic::Request<T>) -> Result<Agreement, Status> {
        self.get(connection_of(request)).ok_or_else(|| {
            Status::failed_precondition(
                "no protocol agreed on this connection: call flow.runtime.v1.RuntimeService/Handshake first",
            )
        })
    }

    /// The agreement of a connection, if it handshook successfully.
    pub fn get(&self, connection: Option<ConnectionId>) -> Option<Agreement> {
        self.lock().get(&connection).cloned()
    }

    /// Records (or, with `None`, clears) the agreement of a connection.
    pub(crate) fn set(&self, connection: Option<ConnectionId>, agreement: Option<Agreement>) {
        let mut agreements = self.lock();
        match agreement {
            Some(agreement) => agreements.insert(connection, agreement),
            None => agreements.remove(&connection),
        };
    }

    /// Forgets a closed connection.
    pub(crate) fn forget(&self, connection: ConnectionId) {
        self.lock().remove(&Some(connection));
    }

    /// Every current agreement, in no particular order (for diagnostics and tests).
    pub fn snapshot(&self) -> Vec<Agreement> {
        self.lock().values().cloned().collect()
    }

    /// How many connections have an agreement (for tests and metrics).
    pub fn len(&self) -> usize {
        self.lock().len()
    }

    /// Whether no connection has an agreement.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<Option<ConnectionId>, Agreement>> {
        // The map holds plain data and every update is a single insert or remove: a panic
        // elsewhere cannot leave it half-written, so a poisoned lock is still usable.
        self.agreements
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }
}

/// The connection a request arrived on, when it came through a [`crate::FlowServer`].
pub fn connection_of<T>(request: &tonic::Request<T>) -> Option<ConnectionId> {
    request
        .extensions()
        .get::<ConnectionInfo>()
        .map(|info| info.id)
}
