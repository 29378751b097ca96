//! Configure is idempotent per generation (`runtime.proto`, `ConfigureRequest.generation`):
//! the same generation again returns the same result without re-applying; a lower one is stale.
//! This module only keeps the books; [`crate::runtime`] runs the callbacks.

use std::collections::HashMap;

use flow_proto::common::v1::Diagnostic;
use flow_proto::diagnostic::DiagnosticExt;
use flow_proto::runtime::v1::ConfigureResponse;

/// `Diagnostic.reason` for a generation lower than the applied one, as `runtime.proto` names it.
pub const STALE_GENERATION: &str = "STALE_GENERATION";
/// `Diagnostic.reason` for generation 0, which cannot be newer than "never configured".
pub const INVALID_GENERATION: &str = "INVALID_GENERATION";

/// Generations are counted per (component, config_id).
type Key = (String, String);

/// What to do with a `Configure` request.
#[derive(Debug, PartialEq)]
pub(crate) enum Decision {
    /// A new generation: validate and apply it.
    Apply,
    /// Already answered (same generation applied, or the request is invalid): send this.
    Answer(ConfigureResponse),
}

/// The generation applied per configured instance, with the response that applied it.
#[derive(Debug, Default)]
pub(crate) struct Generations {
    applied: HashMap<Key, ConfigureResponse>,
}

impl Generations {
    pub(crate) fn decide(&self, component: &str, config_id: &str, generation: u64) -> Decision {
        let applied = self.applied.get(&key(component, config_id));
        let current = applied.map_or(0, |r| r.applied_generation);
        match applied {
            // Only successful applications are recorded, so a retry after a failed attempt
            // runs again: the failure may have been transient (an unreachable database).
            Some(response) if generation == current => Decision::Answer(response.clone()),
            _ if generation == 0 => Decision::Answer(reject(
                current,
                Diagnostic::error("generation 0 is invalid: generations start at 1")
                    .with_reason(INVALID_GENERATION),
            )),
            _ if generation < current => Decision::Answer(reject(
                current,
                Diagnostic::error(format!(
                    "generation {generation} is older than the applied generation {current}"
                ))
                .with_reason(STALE_GENERATION)
                .with_metadata("applied_generation", current.to_string())
                .with_metadata("requested_generation", generation.to_string()),
            )),
            _ => Decision::Apply,
        }
    }

    /// The generation in effect (0 when never configured).
    pub(crate) fn current(&self, component: &str, config_id: &str) -> u64 {
        self.applied
            .get(&key(component, config_id))
            .map_or(0, |r| r.applied_generation)
    }

    /// Records a successful application and the response that reported it.
    pub(crate) fn record(&mut self, component: &str, config_id: &str, response: ConfigureResponse) {
        self.applied.insert(key(component, config_id), response);
    }
}

fn key(component: &str, config_id: &str) -> Key {
    (component.to_owned(), config_id.to_owned())
}

fn reject(current: u64, diagnostic: Diagnostic) -> ConfigureResponse {
    ConfigureResponse {
        diagnostics: vec![diagnostic],
        applied_generation: current,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn applied(generation: u64) -> ConfigureResponse {
        ConfigureResponse {
            diagnostics: vec![],
            applied_generation: generation,
        }
    }

    #[test]
    fn same_generation_repeats_lower_is_stale_higher_applies() {
        let mut books = Generations::default();
        assert_eq!(books.decide("c", "", 3), Decision::Apply);
        books.record("c", "", applied(3));
        assert_eq!(books.decide("c", "", 3), Decision::Answer(applied(3)));
        let Decision::Answer(stale) = books.decide("c", "", 2) else {
            panic!("stale generation applied")
        };
        assert_eq!(stale.applied_generation, 3);
        assert_eq!(stale.diagnostics[0].reason, STALE_GENERATION);
        assert_eq!(books.decide("c", "", 4), Decision::Apply);
        // Another config_id counts on its own.
        assert_eq!(books.decide("c", "node-2", 1), Decision::Apply);
        assert_eq!(books.current("c", "node-2"), 0);
    }

    #[test]
    fn generation_zero_is_rejected() {
        let Decision::Answer(response) = Generations::default().decide("c", "", 0) else {
            panic!("generation 0 applied")
        };
        assert_eq!(response.diagnostics[0].reason, INVALID_GENERATION);
        assert_eq!(response.applied_generation, 0);
    }
}
