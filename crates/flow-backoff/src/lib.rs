//! # flow-backoff
//!
//! Reconnection delays: 1 s, then x1.6 per attempt, +-20% jitter, capped at 120 s, back to 1 s
//! after a success. tonic's `Channel` reconnects without backoff and never resumes streams, so
//! whoever dials has to back off itself (docs/toolchain: "tonic behaviour worth knowing").
//!
//! Why a crate of its own: both sides of the protocol dial and retry. Core (`flow-core`)
//! reconnects to services; a service's workers (`flow-sdk`) reconnect to core's
//! `ExecutionService` and retry `CompleteTask`. The policy must be one, but the service side must
//! not depend on core's side for it. `flow-proto`, the contract both already share, is no home
//! for it either: it is the contract's types and codecs, and backoff needs a random source
//! (`rand`) the contract has no use for. So it lives here, with `rand` as its only dependency.
//!
//! ```
//! use flow_backoff::{Backoff, BackoffConfig};
//! use std::time::Duration;
//!
//! // A fixed sample of 0.5 means no jitter: the bare sequence.
//! let mut b = Backoff::with_jitter(BackoffConfig::default(), || 0.5);
//! assert_eq!(b.next_delay(), Duration::from_secs(1));
//! assert_eq!(b.next_delay(), Duration::from_millis(1600));
//! b.reset();
//! assert_eq!(b.next_delay(), Duration::from_secs(1));
//! ```

use std::time::Duration;

/// A source of uniform samples in `[0, 1)`. Injected so that tests see exact delays.
pub trait JitterSource: Send {
    fn unit(&mut self) -> f64;
}

/// Samples from the thread-local CSPRNG of `rand`.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemJitter;

impl JitterSource for SystemJitter {
    fn unit(&mut self) -> f64 {
        rand::random::<f64>()
    }
}

/// Any closure returning samples in `[0, 1)` is a jitter source (tests pass fixed values).
impl<F: FnMut() -> f64 + Send> JitterSource for F {
    fn unit(&mut self) -> f64 {
        self()
    }
}

/// The shape of the delays.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BackoffConfig {
    pub initial: Duration,
    pub multiplier: f64,
    /// Relative jitter: 0.2 spreads each delay uniformly over +-20%.
    pub jitter: f64,
    /// No delay exceeds this, jitter included.
    pub max: Duration,
}

impl Default for BackoffConfig {
    fn default() -> Self {
        Self {
            initial: Duration::from_secs(1),
            multiplier: 1.6,
            jitter: 0.2,
            max: Duration::from_secs(120),
        }
    }
}

/// Exponential backoff with jitter. Not `Clone`: each retry loop owns its own state.
pub struct Backoff {
    config: BackoffConfig,
    /// The next delay before jitter; grows by `multiplier` per attempt, up to `max`.
    base: Duration,
    jitter: Box<dyn JitterSource>,
}

impl std::fmt::Debug for Backoff {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Backoff")
            .field("config", &self.config)
            .field("base", &self.base)
            .finish_non_exhaustive()
    }
}

impl Default for Backoff {
    fn default() -> Self {
        Self::new(BackoffConfig::default())
    }
}

impl Backoff {
    pub fn new(config: BackoffConfig) -> Self {
        Self::with_jitter(config, SystemJitter)
    }

    pub fn with_jitter(config: BackoffConfig, jitter: impl JitterSource + 'static) -> Self {
        Self {
            config,
            base: config.initial,
            jitter: Box::new(jitter),
        }
    }

    /// The delay to wait before the next attempt; advances the sequence.
    pub fn next_delay(&mut self) -> Duration {
        let unit = self.jitter.unit().clamp(0.0, 1.0);
        // Map [0, 1) onto [1 - jitter, 1 + jitter).
        let factor = 1.0 + self.config.jitter * (2.0 * unit - 1.0);
        let delay = self.base.mul_f64(factor.max(0.0)).min(self.config.max);
        self.base = self
            .base
            .mul_f64(self.config.multiplier)
            .min(self.config.max);
        delay
    }

    /// Back to the initial delay: call after a successful attempt.
    pub fn reset(&mut self) {
        self.base = self.config.initial;
    }

    pub fn config(&self) -> &BackoffConfig {
        &self.config
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(d: Duration) -> u128 {
        d.as_millis()
    }

    #[test]
    fn sequence_without_jitter_grows_by_1_6_and_caps() {
        // unit 0.5 means factor 1.0: the bare sequence.
        let mut b = Backoff::with_jitter(BackoffConfig::default(), || 0.5);
        let got: Vec<u128> = (0..5).map(|_| ms(b.next_delay())).collect();
        assert_eq!(got, vec![1000, 1600, 2560, 4096, 6553]);
        let rest: Vec<Duration> = (0..20).map(|_| b.next_delay()).collect();
        assert_eq!(*rest.last().unwrap(), Duration::from_secs(120));
        assert!(rest.iter().all(|d| *d <= Duration::from_secs(120)));
    }

    #[test]
    fn jitter_spans_plus_minus_20_percent_and_never_passes_the_cap() {
        let mut low = Backoff::with_jitter(BackoffConfig::default(), || 0.0);
        let mut high = Backoff::with_jitter(BackoffConfig::default(), || 0.999_999);
        assert_eq!(ms(low.next_delay()), 800);
        assert_eq!(ms(high.next_delay()), 1199);
        for _ in 0..30 {
            high.next_delay();
        }
        assert_eq!(high.next_delay(), Duration::from_secs(120));
        for _ in 0..30 {
            low.next_delay();
        }
        assert_eq!(ms(low.next_delay()), 96_000);
    }

    #[test]
    fn reset_starts_over() {
        let mut b = Backoff::with_jitter(BackoffConfig::default(), || 0.5);
        b.next_delay();
        b.next_delay();
        b.reset();
        assert_eq!(b.next_delay(), Duration::from_secs(1));
    }

    #[test]
    fn system_jitter_stays_in_bounds() {
        let mut b = Backoff::default();
        let d = b.next_delay();
        assert!(
            d >= Duration::from_millis(800) && d <= Duration::from_millis(1200),
            "{d:?}"
        );
    }
}
