//! [`DurableStore`] in SQLite: the `durable_instances` and `durable_signals` tables
//! (`migrations/0002_durable.sql`). Each call reads and writes in one immediate transaction, so
//! the sequence checks and the writes they guard cannot interleave with another call.

use std::time::SystemTime;

use flow_proto::common::v1::{Outcome, Payload};
use flow_proto::durable::v1::{
    CompleteInstanceRequest, CompleteInstanceResponse, InstanceCheckpoint, PollSignalsResponse,
    RegisterInstanceRequest, RegisterInstanceResponse, SaveCheckpointRequest, Signal,
    SignalInstanceRequest,
};
use prost::Message;
use rusqlite::{OptionalExtension, Transaction, params};

use super::{SqliteStore, decode, millis, time_of};
use crate::store::{DurableStore, Registration, Save, SignalSent, StoreResult};

fn as_i64(value: u64) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

/// An instance row as the calls need it.
struct InstanceRow {
    idempotency_key: String,
    handler: String,
    request: Vec<u8>,
    incarnation: u32,
    create_ms: i64,
    checkpoint_seq: u64,
    checkpoint_state: Option<Vec<u8>>,
    checkpoint_ms: Option<i64>,
    signal_cursor: u64,
    last_signal_seq: u64,
    outcome: Option<Vec<u8>>,
}

impl InstanceRow {
    fn read(tx: &Transaction<'_>, instance_id: &str) -> StoreResult<Option<Self>> {
        Ok(tx
            .query_row(
                "SELECT idempotency_key, handler, request, incarnation, create_ms, checkpoint_seq, \
                 checkpoint_state, checkpoint_ms, signal_cursor, last_signal_seq, outcome \
                 FROM durable_instances WHERE instance_id = ?1",
                params![instance_id],
                |row| {
                    Ok(InstanceRow {
                        idempotency_key: row.get(0)?,
                        handler: row.get(1)?,
                        request: row.get(2)?,
                        incarnation: row.get(3)?,
                        create_ms: row.get(4)?,
                        checkpoint_seq: row.get::<_, i64>(5)? as u64,
                        checkpoint_state: row.get(6)?,
                        checkpoint_ms: row.get(7)?,
                        signal_cursor: row.get::<_, i64>(8)? as u64,
                        last_signal_seq: row.get::<_, i64>(9)? as u64,
                        outcome: row.get(10)?,
                    })
                },
            )
            .optional()?)
    }

    fn outcome(&self) -> StoreResult<Option<Outcome>> {
        self.outcome
            .as_deref()
            .map(|bytes| decode("outcome", bytes))
            .transpose()
    }

    fn last_checkpoint(&self) -> StoreResult<Option<InstanceCheckpoint>> {
        if self.checkpoint_seq == 0 {
            return Ok(None);
        }
        let state = self
            .checkpoint_state
            .as_deref()
            .map(|bytes| decode::<Payload>("checkpoint", bytes))
            .transpose()?;
        Ok(Some(InstanceCheckpoint {
            seq: self.checkpoint_seq,
            state,
            save_time: self.checkpoint_ms.map(|ms| time_of(ms).into()),
        }))
    }

    /// The answer to a `RegisterInstance` that found (and counted) this row.
    fn resumed(&self) -> StoreResult<RegisterInstanceResponse> {
        let first: RegisterInstanceRequest = decode("registration", &self.request)?;
        Ok(RegisterInstanceResponse {
            resumed: true,
            last_checkpoint: self.last_checkpoint()?,
            signal_cursor: self.signal_cursor,
            input: first.input,
            outcome: self.outcome()?,
            incarnation: self.incarnation,
            create_time: Some(time_of(self.create_ms).into()),
        })
    }
}

#[tonic::async_trait]
impl DurableStore for SqliteStore {
    async fn register_instance(
        &self,
        request: RegisterInstanceRequest,
        now: SystemTime,
    ) -> StoreResult<Registration> {
        self.in_write_tx(move |tx| {
            let Some(mut row) = InstanceRow::read(tx, &request.instance_id)? else {
                let now_ms = millis(now);
                tx.execute(
                    "INSERT INTO durable_instances \
                     (instance_id, idempotency_key, handler, request, incarnation, create_ms) \
                     VALUES (?1, ?2, ?3, ?4, 1, ?5)",
                    params![
                        request.instance_id,
                        request.idempotency_key,
                        request.handler,
                        request.encode_to_vec(),
                        now_ms,
                    ],
                )?;
                return Ok(Registration::Accepted(Box::new(RegisterInstanceResponse {
                    resumed: false,
                    input: request.input,
                    incarnation: 1,
                    create_time: Some(time_of(now_ms).into()),
                    ..Default::default()
                })));
            };
            if !request.idempotency_key.is_empty() && request.idempotency_key != row.idempotency_key
            {
                return Ok(Registration::KeyMismatch);
            }
            if request.handler != row.handler {
                return Ok(Registration::HandlerMismatch {
                    registered: row.handler,
                });
            }
            tx.execute(
                "UPDATE durable_instances SET incarnation = incarnation + 1 WHERE instance_id = ?1",
                params![request.instance_id],
            )?;
            row.incarnation += 1;
            Ok(Registration::Accepted(Box::new(row.resumed()?)))
        })
        .await
    }

    async fn save_checkpoint(
        &self,
        request: SaveCheckpointRequest,
        now: SystemTime,
    ) -> StoreResult<Save> {
        self.in_write_tx(move |tx| {
            let Some(row) = InstanceRow::read(tx, &request.instance_id)? else {
                return Ok(Save::NotFound);
            };
            // A stale or late writer learns first that it lost the instance.
            if row.outcome.is_some() || request.expected_seq != row.checkpoint_seq {
                return Ok(Save::Conflict {
                    seq: row.checkpoint_seq,
                });
            }
            if request.signal_cursor > row.last_signal_seq {
                return Ok(Save::CursorAhead {
                    last_signal: row.last_signal_seq,
                });
            }
            if request.signal_cursor < row.signal_cursor {
                return Ok(Save::CursorBehind {
                    saved: row.signal_cursor,
                });
            }
            let seq = row.checkpoint_seq + 1;
            tx.execute(
                "UPDATE durable_instances SET checkpoint_seq = ?2, checkpoint_state = ?3, \
                 checkpoint_ms = ?4, signal_cursor = ?5 WHERE instance_id = ?1",
                params![
                    request.instance_id,
                    as_i64(seq),
                    request.state.map(|state| state.encode_to_vec()),
                    millis(now),
                    as_i64(request.signal_cursor),
                ],
            )?;
            Ok(Save::Saved { seq })
        })
        .await
    }

    async fn signals_after(
        &self,
        instance_id: &str,
        after: u64,
        limit: usize,
    ) -> StoreResult<Option<PollSignalsResponse>> {
        let instance_id = instance_id.to_owned();
        self.with_conn(move |conn| {
            let tx = conn.transaction()?;
            let complete: Option<bool> = tx
                .query_row(
                    "SELECT outcome IS NOT NULL FROM durable_instances WHERE instance_id = ?1",
                    params![instance_id],
                    |row| row.get(0),
                )
                .optional()?;
            let Some(instance_complete) = complete else {
                return Ok(None);
            };
            let mut select = tx.prepare_cached(
                "SELECT signal FROM durable_signals WHERE instance_id = ?1 AND seq > ?2 \
                 ORDER BY seq LIMIT ?3",
            )?;
            let rows = select.query_map(
                params![
                    instance_id,
                    as_i64(after),
                    i64::try_from(limit).unwrap_or(i64::MAX)
                ],
                |row| row.get::<_, Vec<u8>>(0),
            )?;
            let mut signals = Vec::new();
            for row in rows {
                signals.push(decode::<Signal>("signal", &row?)?);
            }
            let next_cursor = signals.last().map_or(after, |signal| signal.seq);
            Ok(Some(PollSignalsResponse {
                signals,
                next_cursor,
                instance_complete,
            }))
        })
        .await
    }

    async fn add_signal(
        &self,
        request: SignalInstanceRequest,
        now: SystemTime,
    ) -> StoreResult<SignalSent> {
        self.in_write_tx(move |tx| {
            let Some(row) = InstanceRow::read(tx, &request.instance_id)? else {
                return Ok(SignalSent::NotFound);
            };
            // A retry of a signal that was stored is answered as such, even once the instance
            // has completed: the sender's first call did reach it.
            if !request.idempotency_key.is_empty() {
                let earlier: Option<i64> = tx
                    .query_row(
                        "SELECT seq FROM durable_signals \
                         WHERE instance_id = ?1 AND idempotency_key = ?2",
                        params![request.instance_id, request.idempotency_key],
                        |row| row.get(0),
                    )
                    .optional()?;
                if let Some(seq) = earlier {
                    return Ok(SignalSent::Duplicate { seq: seq as u64 });
                }
            }
            if row.outcome.is_some() {
                return Ok(SignalSent::Complete);
            }
            let seq = row.last_signal_seq + 1;
            let signal = Signal {
                seq,
                name: request.name,
                payload: request.payload,
                send_time: Some(now.into()),
                sender: request.sender,
                trace: request.trace,
                idempotency_key: request.idempotency_key,
            };
            tx.execute(
                "INSERT INTO durable_signals (instance_id, seq, idempotency_key, signal) \
                 VALUES (?1, ?2, ?3, ?4)",
                params![
                    request.instance_id,
                    as_i64(seq),
                    signal.idempotency_key,
                    signal.encode_to_vec()
                ],
            )?;
            tx.execute(
                "UPDATE durable_instances SET last_signal_seq = ?2 WHERE instance_id = ?1",
                params![request.instance_id, as_i64(seq)],
            )?;
            Ok(SignalSent::Stored { seq })
        })
        .await
    }

    async fn complete_instance(
        &self,
        request: CompleteInstanceRequest,
        now: SystemTime,
    ) -> StoreResult<Option<CompleteInstanceResponse>> {
        self.in_write_tx(move |tx| {
            let Some(row) = InstanceRow::read(tx, &request.instance_id)? else {
                return Ok(None);
            };
            if let Some(recorded) = row.outcome()? {
                return Ok(Some(CompleteInstanceResponse {
                    accepted: false,
                    reason: "ALREADY_COMPLETED".into(),
                    recorded_outcome: Some(recorded),
                }));
            }
            if request.expected_seq != row.checkpoint_seq {
                return Ok(Some(CompleteInstanceResponse {
                    accepted: false,
                    reason: "SEQ_CONFLICT".into(),
                    recorded_outcome: None,
                }));
            }
            tx.execute(
                "UPDATE durable_instances SET outcome = ?2, complete_ms = ?3 WHERE instance_id = ?1",
                params![
                    request.instance_id,
                    request.outcome.clone().unwrap_or_default().encode_to_vec(),
                    millis(now),
                ],
            )?;
            Ok(Some(CompleteInstanceResponse {
                accepted: true,
                reason: String::new(),
                recorded_outcome: request.outcome,
            }))
        })
        .await
    }
}
