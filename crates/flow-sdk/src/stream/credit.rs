//! Credit accounting, shared by both directions of every stream.
//!
//! The budget and what a batch costs are [`flow_proto::credit`]'s, the one definition core's side
//! and the conformance kit use too; this module adds the `Chunker` that cuts queued records
//! into batches that fit.

use std::collections::VecDeque;

use flow_proto::common::v1::Record;
pub use flow_proto::credit::{CreditBudget, CreditUsage, record_size};

/// Records of one stream waiting to be sent, cut into batches that fit the credit left and the
/// batch limits.
#[derive(Debug)]
pub(crate) struct Chunker {
    pub(crate) stream: String,
    records: VecDeque<(Record, u64)>,
}

impl Chunker {
    /// Queues `records`; `Err` carries the index and size of a record larger than `max_bytes`,
    /// which could never be sent.
    pub(crate) fn new(
        stream: String,
        records: Vec<Record>,
        max_bytes: u64,
    ) -> Result<Self, (usize, u64)> {
        let mut queued = VecDeque::with_capacity(records.len());
        for (i, record) in records.into_iter().enumerate() {
            let size = record_size(&record);
            if size > max_bytes {
                return Err((i, size));
            }
            queued.push_back((record, size));
        }
        Ok(Chunker {
            stream,
            records: queued,
        })
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// Takes the longest prefix that fits in `budget` and the limits (`max_records` 0 means no
    /// limit), uses up its credit and returns it with its size; `None` when not even one record
    /// fits now.
    pub(crate) fn take(
        &mut self,
        budget: &mut CreditBudget,
        max_records: u32,
        max_bytes: u64,
    ) -> Option<(Vec<Record>, u64)> {
        let mut limit = budget.records;
        if max_records > 0 {
            limit = limit.min(u64::from(max_records));
        }
        let byte_limit = budget.bytes.min(max_bytes);
        let (mut n, mut bytes) = (0usize, 0u64);
        for (_, size) in &self.records {
            if n as u64 >= limit || bytes + size > byte_limit {
                break;
            }
            bytes += size;
            n += 1;
        }
        if n == 0 {
            return None;
        }
        let taken = budget.take(CreditUsage {
            records: n as u64,
            bytes,
        });
        debug_assert!(taken, "the prefix was sized to fit");
        Some((self.records.drain(..n).map(|(r, _)| r).collect(), bytes))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(key: &str) -> Record {
        Record {
            key: key.as_bytes().to_vec().into(),
            ..Default::default()
        }
    }

    #[test]
    fn chunks_never_exceed_credit_or_limits() {
        let records: Vec<_> = (0..5).map(|i| record(&format!("k{i}"))).collect();
        let size = record_size(&records[0]);
        let mut chunker = Chunker::new("s".into(), records, 1024).unwrap();
        let mut budget = CreditBudget {
            records: 10,
            bytes: size * 3,
        };
        let (first, bytes) = chunker.take(&mut budget, 2, 1024).unwrap();
        assert_eq!((first.len(), bytes), (2, size * 2));
        let (second, _) = chunker.take(&mut budget, 2, 1024).unwrap();
        assert_eq!(second.len(), 1, "only one record's bytes left");
        assert!(chunker.take(&mut budget, 2, 1024).is_none());
        assert_eq!(budget.bytes, 0);
        assert!(Chunker::new("s".into(), vec![record("big")], 1).is_err());
    }
}
