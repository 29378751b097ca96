//! The demo's latency statistics: per record and per checkpoint, as percentiles.
//!
//! The pipeline (`flow-core`) only reports each committed checkpoint
//! ([`flow_core::CommittedCheckpoint`], through `PipelineConfig::on_commit`); what the demo makes
//! of it lives here, with the one program that prints it.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use flow_core::{CommittedCheckpoint, OnCommit};

/// The latencies of a run, filled by the hook of [`Latencies::hook`].
#[derive(Debug, Clone, Default)]
pub struct Latencies {
    /// Per checkpoint: from the source emitting it to the consumer committing it.
    pub checkpoints: Vec<Duration>,
    /// Per source batch, with its record count: from core receiving it from the source to the
    /// consumer committing the checkpoint that covers it (when its records became durable).
    pub records: Vec<(Duration, u64)>,
}

impl Latencies {
    /// Adds a committed checkpoint.
    pub fn observe(&mut self, c: &CommittedCheckpoint<'_>) {
        self.checkpoints.push(c.committed - c.emitted);
        self.records.extend(
            c.batch_arrivals
                .iter()
                .map(|(arrived, records)| (c.committed - *arrived, *records)),
        );
    }

    /// A `PipelineConfig::on_commit` hook that adds every committed checkpoint to `latencies`.
    pub fn hook(latencies: &Arc<Mutex<Latencies>>) -> OnCommit {
        let latencies = latencies.clone();
        Arc::new(move |c| {
            latencies
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .observe(c)
        })
    }
}

/// The `q`-quantile (nearest rank) of `values`; zero when empty.
pub fn percentile(values: &[Duration], q: f64) -> Duration {
    let weighted: Vec<(Duration, u64)> = values.iter().map(|v| (*v, 1)).collect();
    weighted_percentile(&weighted, q)
}

/// The `q` quantile of values that each stand for `weight` samples (a batch's latency for
/// each of its records); zero when there are none.
pub fn weighted_percentile(values: &[(Duration, u64)], q: f64) -> Duration {
    let total: u64 = values.iter().map(|(_, w)| w).sum();
    if total == 0 {
        return Duration::ZERO;
    }
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    let rank = ((q * total as f64).ceil() as u64).clamp(1, total);
    let mut seen = 0;
    for (value, weight) in &sorted {
        seen += weight;
        if seen >= rank {
            return *value;
        }
    }
    sorted.last().map(|(v, _)| *v).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use std::time::Instant;

    use super::*;

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    #[test]
    fn weighted_percentiles_count_every_record() {
        // 99 records at 10 ms in one batch, 1 record at 500 ms: p50 and p99 are 10 ms, p100 500.
        let samples = [(ms(500), 1), (ms(10), 99)];
        assert_eq!(weighted_percentile(&samples, 0.50), ms(10));
        assert_eq!(weighted_percentile(&samples, 0.99), ms(10));
        assert_eq!(weighted_percentile(&samples, 1.0), ms(500));
        assert_eq!(weighted_percentile(&[], 0.5), Duration::ZERO);
        assert_eq!(weighted_percentile(&[(ms(7), 0)], 0.5), Duration::ZERO);
    }

    #[test]
    fn unweighted_percentile_is_the_nearest_rank() {
        let values: Vec<Duration> = (1..=100).map(ms).collect();
        assert_eq!(percentile(&values, 0.50), ms(50));
        assert_eq!(percentile(&values, 0.99), ms(99));
    }

    #[test]
    fn a_commit_times_its_checkpoint_and_each_batch() {
        let t0 = Instant::now();
        let arrivals = [(t0, 3), (t0 + ms(5), 2)];
        let latencies = Arc::new(Mutex::new(Latencies::default()));
        Latencies::hook(&latencies)(&CommittedCheckpoint {
            seq: 1,
            emitted: t0 + ms(6),
            committed: t0 + ms(10),
            batch_arrivals: &arrivals,
        });
        let l = latencies.lock().unwrap();
        assert_eq!(l.checkpoints, [ms(4)]);
        assert_eq!(l.records, [(ms(10), 3), (ms(5), 2)]);
    }
}
