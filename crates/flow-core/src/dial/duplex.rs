//! The plumbing under every stream driver: opening the RPC with its start queued, an outbound
//! queue feeding the request stream, the inbound `Streaming`, and the instruction id both
//! directions carry.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use tokio::sync::mpsc;
use tokio_stream::wrappers::ReceiverStream;
use tonic::Streaming;

use crate::dial::error::{CoreError, Result, Stage};

/// Outbound messages buffered before the transport takes them. Small: credit is the real flow
/// control, this only decouples the caller from HTTP/2 writes.
const OUTBOUND_QUEUE: usize = 64;

pub(crate) struct Duplex<Req, Resp> {
    pub stage: Stage,
    pub rpc: &'static str,
    pub instruction_id: String,
    tx: Option<mpsc::Sender<Req>>,
    rx: Streaming<Resp>,
}

impl<Req, Resp> Duplex<Req, Resp> {
    /// Opens the RPC with `call`, `start` already queued: a server that sends its response
    /// headers only with its first message must not dead-lock the open.
    pub async fn open<F, Fut>(
        stage: Stage,
        rpc: &'static str,
        instruction_id: String,
        start: Req,
        call: F,
    ) -> Result<Self>
    where
        F: FnOnce(ReceiverStream<Req>) -> Fut,
        Fut: Future<Output = std::result::Result<tonic::Response<Streaming<Resp>>, tonic::Status>>,
    {
        let (tx, requests) = mpsc::channel(OUTBOUND_QUEUE);
        tx.send(start).await.map_err(|_| CoreError::StreamEnded {
            stage,
            detail: "request queue closed before start".into(),
        })?;
        let rx = call(ReceiverStream::new(requests))
            .await
            .map_err(|s| map_open_error(stage, rpc, s))?
            .into_inner();
        Ok(Self {
            stage,
            rpc,
            instruction_id,
            tx: Some(tx),
            rx,
        })
    }

    pub async fn send(&mut self, req: Req) -> Result<()> {
        let Some(tx) = &self.tx else {
            return Err(CoreError::StreamEnded {
                stage: self.stage,
                detail: "send after core closed its side".into(),
            });
        };
        tx.send(req).await.map_err(|_| CoreError::StreamEnded {
            stage: self.stage,
            detail: format!("{} request stream closed by the transport", self.rpc),
        })
    }

    /// Half-closes core's side: the service sees the end of the request stream.
    pub fn close_send(&mut self) {
        self.tx = None;
    }

    /// The next message, `None` when the service ended the RPC with status OK. Cancel-safe.
    pub async fn recv(&mut self) -> Result<Option<Resp>> {
        self.rx.message().await.map_err(|status| CoreError::Rpc {
            stage: self.stage,
            rpc: self.rpc,
            status: Box::new(status),
        })
    }

    /// Checks the instruction id a message carries.
    pub fn check_id(&self, got: &str) -> Result<()> {
        if got == self.instruction_id {
            return Ok(());
        }
        Err(CoreError::violation(
            self.stage,
            format!(
                "instruction_id {got:?} does not match the start's {:?}",
                self.instruction_id
            ),
        ))
    }
}

pub(crate) fn map_open_error(stage: Stage, rpc: &'static str, status: tonic::Status) -> CoreError {
    CoreError::Rpc {
        stage,
        rpc,
        status: Box::new(status),
    }
}

/// A fresh instruction id, unique per process and time: `<prefix>-<pid>-<nanos>-<counter>`.
pub fn new_instruction_id(prefix: &str) -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    format!(
        "{prefix}-{}-{nanos:x}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}
