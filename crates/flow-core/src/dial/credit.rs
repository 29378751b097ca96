//! Credit bookkeeping of core's stream drivers. The budget itself is
//! [`flow_proto::credit::CreditBudget`], the one type the SDK and the conformance kit use too;
//! this module adds the check core makes before it sends a batch.

pub use flow_proto::credit::{CreditBudget, CreditUsage};

/// The budget a stream starts with: its start message's `initial_credit`, if any.
pub fn initial_budget(initial_credit: Option<&flow_proto::common::v1::Credit>) -> CreditBudget {
    let mut budget = CreditBudget::default();
    if let Some(credit) = initial_credit {
        budget.add(credit);
    }
    budget
}

/// Checks a batch core is about to send: its `batch_id` must increase past `last_batch_id`, and it
/// must fit `credit`, which it then uses up. `peer` names the service in the error ("consumer's").
pub fn admit_core_batch(
    batch: &flow_proto::common::v1::RecordBatch,
    last_batch_id: &mut Option<u64>,
    credit: &mut CreditBudget,
    peer: &str,
) -> crate::dial::error::Result<()> {
    use crate::dial::error::{CoreError, Stage};
    if last_batch_id.is_some_and(|last| batch.batch_id <= last) {
        return Err(CoreError::violation(
            Stage::Runtime,
            format!("core's batch_id {} does not increase", batch.batch_id),
        ));
    }
    let usage = CreditUsage::of(batch);
    if !credit.take(usage) {
        return Err(CoreError::violation(
            Stage::Runtime,
            format!("core would overrun the {peer} credit: batch of {usage:?}, {credit:?} left"),
        ));
    }
    *last_batch_id = Some(batch.batch_id);
    Ok(())
}
