//! Credit accounting, shared by both directions of every stream.
//!
//! A grant adds records and bytes; a batch uses up its record count and its size, the sum of its
//! records' serialized sizes (`Record::encoded_len`, as the Go processor's `proto.Size` and the
//! TypeScript consumer's `toBinary(...).length`). Counters are `u64` and saturate, so that many
//! `u32` grants neither wrap nor overflow into "no credit".

use std::collections::VecDeque;

use flow_proto::common::v1::{Credit, Record};
use prost::Message as _;

/// Credit one side has left.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Budget {
    /// Records left.
    pub records: u64,
    /// Bytes left.
    pub bytes: u64,
}

impl Budget {
    /// Adds a grant; `None` (an unset `initial_credit`) grants nothing.
    pub fn add(&mut self, credit: Option<&Credit>) {
        if let Some(c) = credit {
            self.records = self.records.saturating_add(u64::from(c.records));
            self.bytes = self.bytes.saturating_add(c.bytes);
        }
    }

    /// Whether a batch of that many records and bytes may be sent now.
    pub fn fits(&self, records: u64, bytes: u64) -> bool {
        records <= self.records && bytes <= self.bytes
    }

    /// Uses up a batch's credit, or returns `false` (and changes nothing) when it does not fit.
    pub fn take(&mut self, records: u64, bytes: u64) -> bool {
        if !self.fits(records, bytes) {
            return false;
        }
        self.records -= records;
        self.bytes -= bytes;
        true
    }
}

/// A record's size for credit: its serialized size.
pub fn record_size(record: &Record) -> u64 {
    record.encoded_len() as u64
}

/// A batch's size for credit: the sum of its records' serialized sizes.
pub fn batch_size(records: &[Record]) -> u64 {
    records.iter().map(record_size).sum()
}

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
        budget: &mut Budget,
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
        let taken = budget.take(n as u64, bytes);
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
    fn grants_saturate_and_take_checks() {
        let mut b = Budget {
            records: u64::MAX - 1,
            bytes: 0,
        };
        b.add(Some(&Credit {
            records: 10,
            bytes: 5,
        }));
        assert_eq!(b.records, u64::MAX);
        assert!(!b.take(1, 6));
        assert!(b.take(1, 5));
        assert_eq!(b.bytes, 0);
    }

    #[test]
    fn chunks_never_exceed_credit_or_limits() {
        let records: Vec<_> = (0..5).map(|i| record(&format!("k{i}"))).collect();
        let size = record_size(&records[0]);
        let mut chunker = Chunker::new("s".into(), records, 1024).unwrap();
        let mut budget = Budget {
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
