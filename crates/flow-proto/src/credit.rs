//! Credit accounting as the contract defines it (`flow.common.v1.Credit`, processor.proto,
//! consumer.proto, source.proto), in one place for every side of a stream: the SDK's stream
//! adapters, core's stream drivers (flow-core) and the conformance kit.
//!
//! A grant adds records and bytes; a batch uses up its record count and its size, the sum of its
//! records' serialized sizes (`Record::encoded_len`, as the Go processor's `proto.Size` and the
//! TypeScript consumer's `toBinary(...).length`). Counters are `u64` and saturate, so that many
//! `u32` grants neither wrap nor overflow into "no credit".
//!
//! ```
//! use flow_proto::common::v1::Credit;
//! use flow_proto::credit::{CreditBudget, CreditUsage};
//!
//! let mut budget = CreditBudget::default();
//! budget.add(&Credit { records: 2, bytes: 10 });
//! assert!(!budget.take(CreditUsage { records: 3, bytes: 1 }));
//! assert!(budget.take(CreditUsage { records: 2, bytes: 10 }));
//! assert_eq!(budget, CreditBudget::default());
//! ```

use prost::Message as _;

use crate::common::v1::{Credit, Record, RecordBatch};

/// Credit one side has left.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CreditBudget {
    /// Records left.
    pub records: u64,
    /// Bytes left.
    pub bytes: u64,
}

impl CreditBudget {
    /// Adds a grant (grants add up, saturating).
    pub fn add(&mut self, credit: &Credit) {
        self.records = self.records.saturating_add(u64::from(credit.records));
        self.bytes = self.bytes.saturating_add(credit.bytes);
    }

    /// Whether `usage` may be sent now.
    pub fn fits(&self, usage: CreditUsage) -> bool {
        usage.records <= self.records && usage.bytes <= self.bytes
    }

    /// Uses up `usage`, or returns `false` (and changes nothing) when it does not fit.
    pub fn take(&mut self, usage: CreditUsage) -> bool {
        if !self.fits(usage) {
            return false;
        }
        self.records -= usage.records;
        self.bytes -= usage.bytes;
        true
    }

    /// Uses up `usage`, clamping at zero when it does not fit, and returns whether it fitted: an
    /// observer (the conformance kit) measures an overrunning peer instead of wrapping around.
    pub fn take_clamped(&mut self, usage: CreditUsage) -> bool {
        let fits = self.fits(usage);
        self.records = self.records.saturating_sub(usage.records);
        self.bytes = self.bytes.saturating_sub(usage.bytes);
        fits
    }
}

/// What a batch uses up of credit.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CreditUsage {
    /// Records used.
    pub records: u64,
    /// Bytes used: the sum of the records' serialized sizes.
    pub bytes: u64,
}

impl CreditUsage {
    /// What `batch` uses up.
    pub fn of(batch: &RecordBatch) -> Self {
        Self::of_records(&batch.records)
    }

    /// What a batch of `records` uses up.
    pub fn of_records(records: &[Record]) -> Self {
        Self {
            records: records.len() as u64,
            bytes: records.iter().map(record_size).sum(),
        }
    }

    /// Both together (saturating).
    pub fn plus(self, other: CreditUsage) -> CreditUsage {
        CreditUsage {
            records: self.records.saturating_add(other.records),
            bytes: self.bytes.saturating_add(other.bytes),
        }
    }

    /// The same amount as a grant (records clamp to `u32`).
    pub fn as_credit(self) -> Credit {
        Credit {
            records: u32::try_from(self.records).unwrap_or(u32::MAX),
            bytes: self.bytes,
        }
    }
}

/// A record's size for credit: its serialized size.
pub fn record_size(record: &Record) -> u64 {
    record.encoded_len() as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn usage(records: u64, bytes: u64) -> CreditUsage {
        CreditUsage { records, bytes }
    }

    #[test]
    fn grants_saturate_and_take_checks() {
        let mut b = CreditBudget {
            records: u64::MAX - 1,
            bytes: 0,
        };
        b.add(&Credit {
            records: 10,
            bytes: 5,
        });
        assert_eq!(b.records, u64::MAX);
        assert!(!b.take(usage(1, 6)));
        assert!(b.take(usage(1, 5)));
        assert_eq!(b.bytes, 0);
    }

    #[test]
    fn take_clamped_reports_overruns() {
        let mut b = CreditBudget {
            records: 2,
            bytes: 10,
        };
        assert!(!b.take_clamped(usage(3, 4)));
        assert_eq!(
            b,
            CreditBudget {
                records: 0,
                bytes: 6
            }
        );
        assert!(b.take_clamped(usage(0, 6)));
        assert_eq!(b, CreditBudget::default());
    }

    #[test]
    fn usage_counts_serialized_sizes() {
        let records = vec![
            Record {
                key: "k1".into(),
                ..Default::default()
            };
            2
        ];
        let u = CreditUsage::of_records(&records);
        assert_eq!(u.records, 2);
        assert_eq!(u.bytes, 2 * record_size(&records[0]));
        assert_eq!(u.plus(u).as_credit().records, 4);
        assert_eq!(usage(u64::MAX, 0).as_credit().records, u32::MAX);
    }
}
