//! A processor that passes records through unchanged or upper-cases their values. A value
//! that is not UTF-8 cannot be upper-cased: it is a per-record error, the rest of the batch
//! goes on.
//!
//! The configuration (see [`config_schema`]) may name a `mode`; [`validate`] checks it for
//! `ValidateConfig` and `Configure`, and every `ProcessStart` applies the configuration it
//! carries.

use flow_proto::common::v1::{AttributePath, Diagnostic, Failure, RecordBatch, RecordError, Role};
use flow_proto::diagnostic::{AttributePathExt, DiagnosticExt};
use flow_proto::failure::FailureExt;
use flow_proto::processor::v1::ProcessStart;
use flow_proto::wkt::{Struct, value::Kind};
use flow_sdk::Component;
use flow_sdk::stream::{Processed, Processor, ProcessorRun};

/// The component's name.
pub const COMPONENT: &str = "case";

/// What the processor does to values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Mode {
    /// Pass records through.
    Identity,
    /// Upper-case UTF-8 values.
    Uppercase,
}

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
            .config_schema(config_schema())
            .validator(|input| async move { validate(&input.config) })
    }
}

/// The configuration's JSON Schema (draft 2020-12): an optional `mode`, nothing else.
pub fn config_schema() -> Struct {
    let schema = serde_json::json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Case processor",
        "type": "object",
        "additionalProperties": false,
        "properties": {
            "mode": {
                "type": "string",
                "enum": ["identity", "uppercase"],
                "description": "identity: pass records through; uppercase: upper-case UTF-8 values. Defaults to the service's command line.",
            },
        },
    });
    flow_proto::json::from_str(&schema.to_string()).expect("the schema literal is a JSON object")
}

/// Checks a configuration: every problem is an ERROR diagnostic at its attribute.
pub fn validate(config: &Struct) -> Vec<Diagnostic> {
    configured(config, Mode::Identity).err().unwrap_or_default()
}

/// The mode a configuration names (`default` when none), or every problem found.
fn configured(config: &Struct, default: Mode) -> Result<Mode, Vec<Diagnostic>> {
    let mut mode = default;
    let mut problems = Vec::new();
    for name in crate::attributes::sorted_names(config) {
        let at = AttributePath::root().attr(name.as_str());
        if name != "mode" {
            problems.push(crate::attributes::unknown(name, &["mode"]));
            continue;
        }
        match config.fields[name].kind.as_ref() {
            Some(Kind::StringValue(s)) if s == "identity" => mode = Mode::Identity,
            Some(Kind::StringValue(s)) if s == "uppercase" => mode = Mode::Uppercase,
            Some(Kind::StringValue(s)) => problems.push(
                Diagnostic::error(format!("mode {s:?} is not \"identity\" or \"uppercase\""))
                    .with_reason("INVALID_VALUE")
                    .at(at),
            ),
            other => problems.push(
                Diagnostic::error("mode must be a string")
                    .with_detail(format!("got {other:?}"))
                    .with_reason("INVALID_TYPE")
                    .at(at),
            ),
        }
    }
    if problems.is_empty() {
        Ok(mode)
    } else {
        Err(problems)
    }
}

fn mode_of(start: &ProcessStart, default: Mode) -> Result<Mode, Failure> {
    configured(&start.config.clone().unwrap_or_default(), default).map_err(|problems| {
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
