//! [`DiscoveryStore`] in SQLite: the `registrations` and `registration_roles` tables
//! (`migrations/0001_discovery.sql`).

use std::time::SystemTime;

use flow_proto::discovery::v1::{RegisterServiceRequest, RegisteredService};
use prost::Message;
use rusqlite::{OptionalExtension, params};

use super::{SqliteStore, corrupt, millis, time_of};
use crate::store::{DiscoveryStore, NewRegistration, RegistrationQuery, StoreResult};

#[tonic::async_trait]
impl DiscoveryStore for SqliteStore {
    async fn put_registration(&self, registration: NewRegistration) -> StoreResult<()> {
        self.with_conn(move |conn| {
            let NewRegistration {
                lease_id,
                mut request,
                ttl,
                now,
            } = registration;
            request.lease_ttl = None;
            let service = request.service.clone().unwrap_or_default();
            let now_ms = millis(now);
            let ttl_ms = i64::try_from(ttl.as_millis()).unwrap_or(i64::MAX);
            let tx = conn.transaction()?;
            tx.execute(
                "DELETE FROM registrations WHERE instance_id = ?1",
                params![service.instance_id],
            )?;
            tx.execute(
                "INSERT INTO registrations \
                 (instance_id, name, lease_id, request, ttl_ms, register_ms, renew_ms, expire_ms) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7)",
                params![
                    service.instance_id,
                    service.name,
                    lease_id,
                    request.encode_to_vec(),
                    ttl_ms,
                    now_ms,
                    now_ms.saturating_add(ttl_ms),
                ],
            )?;
            {
                let mut role = tx.prepare(
                    "INSERT OR IGNORE INTO registration_roles (instance_id, role) VALUES (?1, ?2)",
                )?;
                for r in &service.roles {
                    role.execute(params![service.instance_id, r])?;
                }
            }
            tx.commit()?;
            Ok(())
        })
        .await
    }

    async fn renew_lease(
        &self,
        lease_id: &str,
        now: SystemTime,
    ) -> StoreResult<Option<SystemTime>> {
        let lease_id = lease_id.to_owned();
        self.with_conn(move |conn| {
            let now_ms = millis(now);
            let expire: Option<i64> = conn
                .query_row(
                    "UPDATE registrations SET renew_ms = ?2, expire_ms = ?2 + ttl_ms \
                     WHERE lease_id = ?1 AND expire_ms > ?2 RETURNING expire_ms",
                    params![lease_id, now_ms],
                    |row| row.get(0),
                )
                .optional()?;
            Ok(expire.map(time_of))
        })
        .await
    }

    async fn remove_lease(&self, lease_id: &str) -> StoreResult<bool> {
        let lease_id = lease_id.to_owned();
        self.with_conn(move |conn| {
            let removed = conn.execute(
                "DELETE FROM registrations WHERE lease_id = ?1",
                params![lease_id],
            )?;
            Ok(removed > 0)
        })
        .await
    }

    async fn list_registrations(
        &self,
        query: RegistrationQuery,
        now: SystemTime,
    ) -> StoreResult<Vec<RegisteredService>> {
        self.with_conn(move |conn| {
            let roles = serde_json::to_string(&query.roles).map_err(corrupt)?;
            let (after_name, after_id) = query.after.unzip();
            let mut select = conn.prepare_cached(
                "SELECT request, register_ms, renew_ms, expire_ms FROM registrations r \
                 WHERE expire_ms > ?1 \
                   AND (?2 IS NULL OR name = ?2) \
                   AND (?3 IS NULL OR (name, instance_id) > (?3, ?4)) \
                   AND (json_array_length(?5) = 0 OR EXISTS ( \
                        SELECT 1 FROM registration_roles rr \
                        WHERE rr.instance_id = r.instance_id \
                          AND rr.role IN (SELECT value FROM json_each(?5)))) \
                 ORDER BY name, instance_id LIMIT ?6",
            )?;
            let limit = i64::try_from(query.limit).unwrap_or(i64::MAX);
            let rows = select.query_map(
                params![millis(now), query.name, after_name, after_id, roles, limit],
                |row| {
                    Ok((
                        row.get::<_, Vec<u8>>(0)?,
                        row.get::<_, i64>(1)?,
                        row.get::<_, i64>(2)?,
                        row.get::<_, i64>(3)?,
                    ))
                },
            )?;
            let mut listed = Vec::new();
            for row in rows {
                let (request, register_ms, renew_ms, expire_ms) = row?;
                let request = RegisterServiceRequest::decode(request.as_slice())
                    .map_err(|err| corrupt(format!("a stored registration: {err}")))?;
                listed.push(RegisteredService {
                    service: request.service,
                    endpoint: request.endpoint,
                    protocol_versions: request.protocol_versions,
                    register_time: Some(time_of(register_ms).into()),
                    last_renew_time: Some(time_of(renew_ms).into()),
                    expire_time: Some(time_of(expire_ms).into()),
                });
            }
            Ok(listed)
        })
        .await
    }

    async fn expire_leases(&self, now: SystemTime) -> StoreResult<usize> {
        self.with_conn(move |conn| {
            Ok(conn.execute(
                "DELETE FROM registrations WHERE expire_ms <= ?1",
                params![millis(now)],
            )?)
        })
        .await
    }
}
