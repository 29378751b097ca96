//! An in-test SourceService: records numbered 0..total (key = the number as text, value
//! `text/plain` "rec-<n>"), `batch` records per batch, a checkpoint every `every` batches
//! whose state is the next number to read, paced by `pause` per batch. Honours credit and
//! resumes from the checkpoint's state.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use flow_proto::common::v1::{Checkpoint, Payload, Record, RecordBatch};
use flow_proto::source::v1::read_request::Kind as Req;
use flow_proto::source::v1::read_response::Kind as Resp;
use flow_proto::source::v1::source_service_server::SourceService;
use flow_proto::source::v1::*;
use prost::Message;
use tokio::sync::mpsc;
use tokio_stream::wrappers::ReceiverStream;
use tonic::{Request, Response, Status, Streaming};

#[derive(Clone)]
pub struct SeqSource {
    pub total: u64,
    pub batch: u64,
    pub every: u64,
    pub pause: Duration,
    /// Every `checkpoint_committed` seq received, over all streams.
    pub committed: Arc<Mutex<Vec<u64>>>,
    /// The `resume_from` seq of every Read (0 for a fresh one).
    pub starts: Arc<Mutex<Vec<u64>>>,
}

impl SeqSource {
    pub fn new(total: u64, batch: u64, every: u64, pause: Duration) -> Self {
        Self {
            total,
            batch,
            every,
            pause,
            committed: Arc::default(),
            starts: Arc::default(),
        }
    }
}

fn record(n: u64) -> Record {
    Record {
        key: n.to_string().into_bytes().into(),
        value: Some(Payload {
            metadata: BTreeMap::from([("encoding".to_string(), b"text/plain".to_vec().into())]),
            data: format!("rec-{n}").into_bytes().into(),
        }),
        ..Default::default()
    }
}

#[tonic::async_trait]
impl SourceService for SeqSource {
    async fn discover(
        &self,
        _: Request<DiscoverRequest>,
    ) -> Result<Response<DiscoverResponse>, Status> {
        Err(Status::unimplemented("test source"))
    }

    type ReadStream = ReceiverStream<Result<ReadResponse, Status>>;

    async fn read(
        &self,
        req: Request<Streaming<ReadRequest>>,
    ) -> Result<Response<Self::ReadStream>, Status> {
        let mut inbound = req.into_inner();
        let first = inbound
            .message()
            .await?
            .ok_or_else(|| Status::failed_precondition("no start"))?;
        let Some(Req::Start(start)) = first.kind else {
            return Err(Status::failed_precondition("first message must be start"));
        };
        let id = first.instruction_id;
        let (tx, rx) = mpsc::channel(16);
        let me = self.clone();
        me.starts
            .lock()
            .unwrap()
            .push(start.resume_from.as_ref().map_or(0, |c| c.seq));
        tokio::spawn(async move {
            let _ = me.produce(id, start, inbound, tx).await;
        });
        Ok(Response::new(ReceiverStream::new(rx)))
    }
}

impl SeqSource {
    async fn produce(
        &self,
        id: String,
        start: ReadStart,
        mut inbound: Streaming<ReadRequest>,
        tx: mpsc::Sender<Result<ReadResponse, Status>>,
    ) -> Result<(), ()> {
        let send = |kind| {
            let tx = tx.clone();
            let id = id.clone();
            async move {
                tx.send(Ok(ReadResponse {
                    instruction_id: id,
                    kind: Some(kind),
                }))
                .await
                .map_err(|_| ())
            }
        };
        let (mut next, mut cp_seq) = match &start.resume_from {
            Some(cp) => {
                let state = cp
                    .state
                    .as_ref()
                    .map(|p| p.data.to_vec())
                    .unwrap_or_default();
                (
                    String::from_utf8(state).unwrap().parse::<u64>().unwrap(),
                    cp.seq,
                )
            }
            None => (0, 0),
        };
        let (mut records, mut bytes) = start
            .initial_credit
            .map_or((0u64, 0u64), |c| (u64::from(c.records), c.bytes));
        let mut batch_id = 0u64;
        let mut since_cp = 0u64;
        let mut ended = false;
        loop {
            // Send what credit allows.
            while next < self.total {
                let end = (next + self.batch).min(self.total);
                let recs: Vec<Record> = (next..end).map(record).collect();
                let size: u64 = recs.iter().map(|r| r.encoded_len() as u64).sum();
                if recs.len() as u64 > records || size > bytes {
                    break;
                }
                records -= recs.len() as u64;
                bytes -= size;
                batch_id += 1;
                send(Resp::Batch(RecordBatch {
                    batch_id,
                    stream: "seq".into(),
                    records: recs,
                }))
                .await?;
                next = end;
                since_cp += 1;
                if since_cp == self.every || next == self.total {
                    since_cp = 0;
                    cp_seq += 1;
                    send(Resp::Checkpoint(Checkpoint {
                        checkpoint_id: format!("cp-{cp_seq}"),
                        seq: cp_seq,
                        state: Some(Payload {
                            data: next.to_string().into_bytes().into(),
                            ..Default::default()
                        }),
                        ..Default::default()
                    }))
                    .await?;
                }
                tokio::time::sleep(self.pause).await;
            }
            if next >= self.total && !ended {
                ended = true;
                send(Resp::EndOfInput(EndOfInput {
                    reason: "completed".into(),
                    final_checkpoint_seq: cp_seq,
                    ..Default::default()
                }))
                .await?;
            }
            match inbound.message().await {
                Ok(Some(msg)) => match msg.kind {
                    Some(Req::Credit(c)) => {
                        records += u64::from(c.records);
                        bytes += c.bytes;
                    }
                    Some(Req::CheckpointCommitted(c)) => self.committed.lock().unwrap().push(c.seq),
                    _ => {}
                },
                _ => return Ok(()),
            }
        }
    }
}
