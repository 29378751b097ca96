//! Credit bookkeeping shared by the stream drivers: grants add up, a batch uses its record count
//! and the serialized size of its records, and nothing may be sent that does not fit.

use flow_proto::common::v1::{Credit, Record, RecordBatch};
use prost::Message;

/// Credit one side has left. Counted in u64 and saturating, so many u32 grants cannot wrap.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Budget {
    pub records: u64,
    pub bytes: u64,
}

impl Budget {
    pub fn add(&mut self, credit: &Credit) {
        self.records = self.records.saturating_add(u64::from(credit.records));
        self.bytes = self.bytes.saturating_add(credit.bytes);
    }

    pub fn fits(&self, usage: Usage) -> bool {
        usage.records <= self.records && usage.bytes <= self.bytes
    }

    /// Uses up `usage`; `false` (and nothing taken) when it does not fit.
    pub fn take(&mut self, usage: Usage) -> bool {
        if !self.fits(usage) {
            return false;
        }
        self.records -= usage.records;
        self.bytes -= usage.bytes;
        true
    }
}

/// What a batch uses up of credit.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Usage {
    pub records: u64,
    pub bytes: u64,
}

impl Usage {
    pub fn of(batch: &RecordBatch) -> Self {
        Self::of_records(&batch.records)
    }

    pub fn of_records(records: &[Record]) -> Self {
        Self {
            records: records.len() as u64,
            bytes: records.iter().map(|r| r.encoded_len() as u64).sum(),
        }
    }

    pub fn plus(self, other: Usage) -> Usage {
        Usage {
            records: self.records + other.records,
            bytes: self.bytes + other.bytes,
        }
    }

    /// The same amount as a grant (records clamp to u32).
    pub fn as_credit(self) -> Credit {
        Credit {
            records: u32::try_from(self.records).unwrap_or(u32::MAX),
            bytes: self.bytes,
        }
    }
}

/// Checks a batch core is about to send: its `batch_id` must increase past `last_batch_id`, and it
/// must fit `credit`, which it then uses up. `peer` names the service in the error ("consumer's").
pub fn admit_core_batch(
    batch: &flow_proto::common::v1::RecordBatch,
    last_batch_id: &mut Option<u64>,
    credit: &mut Budget,
    peer: &str,
) -> crate::error::Result<()> {
    use crate::error::{CoreError, Stage};
    if last_batch_id.is_some_and(|last| batch.batch_id <= last) {
        return Err(CoreError::violation(
            Stage::Runtime,
            format!("core's batch_id {} does not increase", batch.batch_id),
        ));
    }
    let usage = Usage::of(batch);
    if !credit.take(usage) {
        return Err(CoreError::violation(
            Stage::Runtime,
            format!("core would overrun the {peer} credit: batch of {usage:?}, {credit:?} left"),
        ));
    }
    *last_batch_id = Some(batch.batch_id);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grants_add_and_batches_take() {
        let mut b = Budget::default();
        b.add(&Credit {
            records: 2,
            bytes: 10,
        });
        assert!(!b.take(Usage {
            records: 3,
            bytes: 1
        }));
        assert!(b.take(Usage {
            records: 2,
            bytes: 10
        }));
        assert_eq!(b, Budget::default());
    }
}
