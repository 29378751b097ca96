//! A source that counts: stream `numbers` holds records `0..n`, each with its sequence number
//! as key (decimal text) and position (8 bytes, big-endian). A checkpoint follows every
//! `checkpoint_every` batches; its state is the next sequence number, so a read resumed from it
//! starts exactly after the records it covers.

use flow_proto::common::v1::{Checkpoint, Failure, Payload, Record, Role};
use flow_proto::failure::FailureExt;
use flow_proto::source::v1::{CatalogStream, DiscoverRequest, DiscoverResponse, SyncMode};
use flow_sdk::Component;
use flow_sdk::stream::{ReadContext, Source, SourceEvent, SourceEvents};
use tokio::sync::mpsc;
use tokio_stream::wrappers::ReceiverStream;
use tonic::Status;

/// The component's name.
pub const COMPONENT: &str = "counter";
/// The one stream in the catalog.
pub const STREAM: &str = "numbers";

/// The counting source's settings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CountingSource {
    /// How many records the stream holds.
    pub records: u64,
    /// Records per produced batch (at least 1).
    pub batch_size: u64,
    /// A checkpoint after every this many batches (at least 1).
    pub checkpoint_every: u64,
}

impl CountingSource {
    /// The component description for the runtime service.
    pub fn component() -> Component {
        Component::new(COMPONENT, Role::Source)
            .description("Emits records with sequence numbers 0..n; resumable.")
    }
}

/// The sequence number a checkpoint's state holds: the next record to read.
pub fn resume_point(checkpoint: &Checkpoint) -> Result<u64, Failure> {
    let data = checkpoint
        .state
        .as_ref()
        .map(|s| &s.data[..])
        .unwrap_or(b"");
    std::str::from_utf8(data)
        .ok()
        .and_then(|text| text.parse().ok())
        .ok_or_else(|| {
            Failure::new(format!(
                "checkpoint {:?} has no sequence number in its state",
                checkpoint.checkpoint_id
            ))
            .with_type("checkpoint.invalid")
            .with_non_retryable(true)
        })
}

/// Record `seq`.
pub fn record(seq: u64) -> Record {
    Record {
        key: seq.to_string().into_bytes().into(),
        value: Some(Payload {
            data: format!("record {seq}").into_bytes().into(),
            ..Default::default()
        }),
        position: seq.to_be_bytes().to_vec().into(),
        ..Default::default()
    }
}

#[tonic::async_trait]
impl Source for CountingSource {
    async fn discover(&self, request: DiscoverRequest) -> Result<DiscoverResponse, Status> {
        if request.component != COMPONENT {
            return Err(Status::not_found(format!(
                "unknown component {:?}; this service has {COMPONENT:?}",
                request.component
            )));
        }
        Ok(DiscoverResponse {
            streams: vec![CatalogStream {
                id: STREAM.into(),
                name: STREAM.into(),
                supported_sync_modes: vec![SyncMode::FullRefresh as i32],
                estimated_records: self.records,
                ..Default::default()
            }],
            ..Default::default()
        })
    }

    async fn read(&self, read: ReadContext) -> Result<SourceEvents, Failure> {
        if read.start.component != COMPONENT {
            return Err(
                Failure::new(format!("unknown component {:?}", read.start.component))
                    .with_type("component.unknown")
                    .with_non_retryable(true),
            );
        }
        if let Some(other) = read.streams().iter().find(|s| s.stream != STREAM) {
            return Err(Failure::new(format!("unknown stream {:?}", other.stream))
                .with_type("stream.unknown")
                .with_non_retryable(true));
        }
        let mut next = match read.resume_from() {
            Some(checkpoint) => resume_point(checkpoint)?,
            None => 0,
        };
        let CountingSource {
            records: end,
            batch_size,
            checkpoint_every,
        } = *self;
        let (batch_size, checkpoint_every) = (batch_size.max(1), checkpoint_every.max(1));
        let drain = read.drain_token();
        // One event in flight: the producer runs only as fast as the SDK sends, and stops
        // when the SDK drops the stream (core gone).
        let (tx, rx) = mpsc::channel(1);
        tokio::spawn(async move {
            let checkpoint = |next: u64| {
                Ok(SourceEvent::Checkpoint(Checkpoint {
                    state: Some(Payload {
                        data: next.to_string().into_bytes().into(),
                        ..Default::default()
                    }),
                    ..Default::default()
                }))
            };
            let mut since_checkpoint = 0;
            while next < end && !drain.is_cancelled() {
                let upto = end.min(next + batch_size);
                let batch = SourceEvent::Batch {
                    stream: STREAM.into(),
                    records: (next..upto).map(record).collect(),
                };
                if tx.send(Ok(batch)).await.is_err() {
                    return;
                }
                next = upto;
                since_checkpoint += 1;
                if since_checkpoint == checkpoint_every {
                    since_checkpoint = 0;
                    if tx.send(checkpoint(next)).await.is_err() {
                        return;
                    }
                }
            }
            // The final checkpoint covers everything produced (completed or drained).
            if since_checkpoint > 0 {
                let _ = tx.send(checkpoint(next)).await;
            }
        });
        Ok(Box::pin(ReceiverStream::new(rx)))
    }
}
