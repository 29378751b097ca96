//! A processor that passes records through unchanged or upper-cases their values. A value
//! that is not UTF-8 cannot be upper-cased: it is a per-record error, the rest of the batch
//! goes on.
//!
//! The configuration is [`CaseConfig`]: the SDK derives its schema and checks it for
//! `ValidateConfig` and `Configure`, and every `ProcessStart` applies the configuration it
//! carries.

use flow_proto::common::v1::{Failure, RecordBatch, RecordError, Role};
use flow_proto::diagnostic::DiagnosticExt;
use flow_proto::failure::FailureExt;
use flow_proto::processor::v1::ProcessStart;
use flow_sdk::Component;
use flow_sdk::stream::{Processed, Processor, ProcessorRun};
use serde::Deserialize;

/// The component's name.
pub const COMPONENT: &str = "case";

/// What the processor does to values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// Pass records through.
    Identity,
    /// Upper-case UTF-8 values.
    Uppercase,
}

/// The schema of [`Mode`]: a plain string enum (the variants' own docs are the command line's).
#[derive(schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
#[schemars(inline)]
#[allow(dead_code)]
enum ModeName {
    Identity,
    Uppercase,
}

/// The configuration of the case processor: an optional `mode`, nothing else.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Case processor")]
pub struct CaseConfig {
    /// identity: pass records through; uppercase: upper-case UTF-8 values. Defaults to the
    /// service's command line.
    #[serde(default)]
    #[schemars(with = "ModeName")]
    pub mode: Option<Mode>,
}

impl flow_sdk::Config for CaseConfig {}

/// The processor, with its default mode (a `mode` string in the configuration overrides it).
#[derive(Clone, Copy, Debug)]
pub struct CaseProcessor {
    /// The mode when the configuration names none.
    pub mode: Mode,
}

impl CaseProcessor {
    /// The component description for the runtime service.
    pub fn component() -> Component {
        Component::new(COMPONENT, Role::Processor)
            .description("Passes records through, or upper-cases their values.")
            .config::<CaseConfig>()
    }
}

fn mode_of(start: &ProcessStart, default: Mode) -> Result<Mode, Failure> {
    let config = start.config.clone().unwrap_or_default();
    let parsed = flow_sdk::config::parse::<CaseConfig>(&config);
    parsed
        .map(|c| c.mode.unwrap_or(default))
        .map_err(|problems| {
            let lines: Vec<String> = problems.iter().map(DiagnosticExt::to_line).collect();
            Failure::new(format!(
                "invalid configuration (generation {}): {}",
                start.generation,
                lines.join("; ")
            ))
            .with_type("config.invalid")
            .with_non_retryable(true)
        })
}

#[tonic::async_trait]
impl Processor for CaseProcessor {
    type Run = Mode;

    async fn start(&self, start: &ProcessStart) -> Result<Mode, Failure> {
        if start.component != COMPONENT {
            return Err(
                Failure::new(format!("unknown component {:?}", start.component))
                    .with_type("component.unknown")
                    .with_non_retryable(true),
            );
        }
        mode_of(start, self.mode)
    }
}

#[tonic::async_trait]
impl ProcessorRun for Mode {
    async fn process(&mut self, mut batch: RecordBatch) -> Result<Processed, Failure> {
        let mut errors = Vec::new();
        if *self == Mode::Uppercase {
            let mut kept = Vec::with_capacity(batch.records.len());
            for (index, mut record) in batch.records.into_iter().enumerate() {
                let value = record.value.get_or_insert_default();
                match std::str::from_utf8(&value.data) {
                    Ok(text) => {
                        value.data = text.to_uppercase().into_bytes().into();
                        kept.push(record);
                    }
                    Err(e) => errors.push(RecordError {
                        record_index: index as u32,
                        failure: Some(
                            Failure::new(format!("value is not UTF-8: {e}"))
                                .with_type("record.not_utf8")
                                .with_non_retryable(true),
                        ),
                    }),
                }
            }
            batch.records = kept;
        }
        Ok(Processed {
            batches: vec![batch],
            errors,
        })
    }
}
