//! A source that counts: stream `numbers` holds records `0..n`, each with its sequence number
//! as key (decimal text) and position (8 bytes, big-endian). A checkpoint follows every
//! `checkpoint_every` batches; its state is the next sequence number, so a read resumed from it
//! starts exactly after the records it covers.
//!
//! The settings (`records`, `batch_size`, `checkpoint_every`) have defaults (the binary's
//! command line); a configuration ([`CounterConfig`]) may override each of them. The SDK derives
//! its schema and checks it (`ValidateConfig`, and `Configure` before it applies a generation);
//! it is applied from the `config` of every `Discover` and `ReadStart`:
//! `ReadStart` carries the configuration of its generation in full, so each read runs with
//! exactly the generation core names, whichever replica was configured.

use flow_proto::common::v1::{
    AttributePath, Checkpoint, Diagnostic, Failure, Payload, Record, Role,
};
use flow_proto::diagnostic::{AttributePathExt, DiagnosticExt};
use flow_proto::failure::FailureExt;
use flow_proto::source::v1::{CatalogStream, DiscoverRequest, DiscoverResponse, SyncMode};
use flow_proto::wkt::Struct;
use flow_sdk::Component;
use flow_sdk::stream::{ReadContext, Source, SourceEvent, SourceEvents};
use serde::Deserialize;
use tokio::sync::mpsc;
use tokio_stream::wrappers::ReceiverStream;
use tonic::Status;

/// The component's name.
pub const COMPONENT: &str = "counter";
/// The one stream in the catalog.
pub const STREAM: &str = "numbers";

/// The largest integer a configuration number (a JSON number, a double) holds exactly.
const MAX_EXACT: u64 = 9_007_199_254_740_992; // 2^53

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

/// The counting source's configuration: each setting overrides the service's own.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Counting source")]
pub struct CounterConfig {
    /// How many records the stream holds (sequence numbers 0..records). Defaults to the
    /// service's command line.
    #[serde(default)]
    #[schemars(with = "u64", range(min = 0, max = 9_007_199_254_740_992u64))]
    pub records: Option<u64>,
    /// Records per produced batch. Defaults to the service's command line.
    #[serde(default)]
    #[schemars(with = "u64", range(min = 1, max = 9_007_199_254_740_992u64))]
    pub batch_size: Option<u64>,
    /// A checkpoint after every this many batches. Defaults to the service's command line.
    #[serde(default)]
    #[schemars(with = "u64", range(min = 1, max = 9_007_199_254_740_992u64))]
    pub checkpoint_every: Option<u64>,
}

impl flow_sdk::Config for CounterConfig {
    fn validate(&self) -> Vec<Diagnostic> {
        [
            ("records", self.records, 0),
            ("batch_size", self.batch_size, 1),
            ("checkpoint_every", self.checkpoint_every, 1),
        ]
        .into_iter()
        .filter_map(|(name, value, minimum)| {
            let value = value?;
            (value < minimum || value > MAX_EXACT).then(|| {
                Diagnostic::error(format!(
                    "{name} must be an integer from {minimum} to {MAX_EXACT}"
                ))
                .with_detail(format!("got {value}"))
                .with_reason("INVALID_VALUE")
                .at(AttributePath::root().attr(name))
            })
        })
        .collect()
    }
}

impl CountingSource {
    /// The component description for the runtime service.
    pub fn component() -> Component {
        Component::new(COMPONENT, Role::Source)
            .description("Emits records with sequence numbers 0..n; resumable.")
            .config::<CounterConfig>()
    }

    /// These settings with the configuration's overrides applied, or every problem found.
    pub fn configured(self, config: &Struct) -> Result<CountingSource, Vec<Diagnostic>> {
        let overrides = flow_sdk::config::parse::<CounterConfig>(config)?;
        Ok(CountingSource {
            records: overrides.records.unwrap_or(self.records),
            batch_size: overrides.batch_size.unwrap_or(self.batch_size),
            checkpoint_every: overrides.checkpoint_every.unwrap_or(self.checkpoint_every),
        })
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
        // Configuration problems are diagnostics, with no catalog (source.proto).
        let settings = match self.configured(&request.config.unwrap_or_default()) {
            Ok(settings) => settings,
            Err(diagnostics) => {
                return Ok(DiscoverResponse {
                    diagnostics,
                    ..Default::default()
                });
            }
        };
        Ok(DiscoverResponse {
            streams: vec![CatalogStream {
                id: STREAM.into(),
                name: STREAM.into(),
                supported_sync_modes: vec![SyncMode::FullRefresh as i32],
                estimated_records: settings.records,
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
        // The configuration of the read's generation, in full in `start`.
        let config = read.start.config.clone().unwrap_or_default();
        let CountingSource {
            records: end,
            batch_size,
            checkpoint_every,
        } = self.configured(&config).map_err(|problems| {
            let lines: Vec<String> = problems.iter().map(DiagnosticExt::to_line).collect();
            Failure::new(format!(
                "invalid configuration (generation {}): {}",
                read.start.generation,
                lines.join("; ")
            ))
            .with_type("config.invalid")
            .with_non_retryable(true)
        })?;
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

#[cfg(test)]
mod tests {
    use super::*;
    use flow_proto::common::v1::attribute_path::step::Selector;
    use flow_proto::wkt::Value;

    const DEFAULTS: CountingSource = CountingSource {
        records: 1000,
        batch_size: 100,
        checkpoint_every: 1,
    };

    fn config(fields: &[(&str, Value)]) -> Struct {
        fields
            .iter()
            .map(|(k, v)| ((*k).to_owned(), v.clone()))
            .collect()
    }

    fn attribute(d: &Diagnostic) -> Option<&str> {
        match d.attribute.as_ref()?.steps.first()?.selector.as_ref()? {
            Selector::AttributeName(name) => Some(name),
            _ => None,
        }
    }

    #[test]
    fn the_configuration_overrides_the_defaults() {
        assert_eq!(DEFAULTS.configured(&Struct::default()), Ok(DEFAULTS));
        let cfg = config(&[("records", 7.0.into()), ("batch_size", 2.0.into())]);
        assert_eq!(
            DEFAULTS.configured(&cfg),
            Ok(CountingSource {
                records: 7,
                batch_size: 2,
                checkpoint_every: 1
            })
        );
        assert!(flow_sdk::config::validate::<CounterConfig>(&cfg).is_empty());
    }

    #[test]
    fn every_problem_is_an_error_at_its_attribute() {
        let cfg = config(&[
            ("batch_size", "ten".into()),
            ("checkpoint_every", 0.0.into()),
            ("records", 1.5.into()),
            ("typo", 1.0.into()),
        ]);
        let problems = flow_sdk::config::validate::<CounterConfig>(&cfg);
        let found: Vec<(Option<&str>, &str)> = problems
            .iter()
            .inspect(|d| assert!(d.is_error(), "{d:?}"))
            .map(|d| (attribute(d), d.reason.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                (Some("batch_size"), "INVALID_TYPE"),
                (Some("checkpoint_every"), "INVALID_VALUE"),
                (Some("records"), "INVALID_VALUE"),
                (Some("typo"), "UNKNOWN_ATTRIBUTE"),
            ]
        );
    }

    #[test]
    fn the_schema_is_a_closed_object_of_the_three_settings() {
        let schema = flow_sdk::config::schema::<CounterConfig>();
        let schema = flow_proto::json::to_string(&schema).unwrap();
        let schema: serde_json::Value = serde_json::from_str(&schema).unwrap();
        assert_eq!(schema["type"], "object");
        assert_eq!(schema["additionalProperties"], false);
        let props = schema["properties"].as_object().unwrap();
        let names: Vec<&str> = props.keys().map(String::as_str).collect();
        assert_eq!(names, ["batch_size", "checkpoint_every", "records"]);
        assert!(props.values().all(|p| p["type"] == "integer"));
    }
}
