//! [`SqliteStore`]: every store trait over one embedded SQLite file, `core.db` in the data
//! directory.
//!
//! One connection, behind a mutex, used from Tokio's blocking pool: SQLite takes one writer at a
//! time anyway, and a single connection keeps every call's transaction simple. WAL mode lets
//! readers of other processes (an operator's `sqlite3`) look while core writes;
//! `synchronous = FULL` makes each commit durable before the call returns.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use flow_proto::discovery::v1::{RegisterServiceRequest, RegisteredService};
use prost::Message;
use rusqlite::{Connection, ErrorCode, OptionalExtension, params};

use super::migrations::{MigrationError, migrate};
use super::{DiscoveryStore, NewRegistration, RegistrationQuery, StoreError, StoreResult};

/// How a [`SqliteStore`] opens its database.
#[derive(Debug, Clone)]
pub struct SqliteOptions {
    /// How long a call waits for a lock held by another process before failing `UNAVAILABLE`.
    pub busy_timeout: Duration,
    /// A cap on the database's size in pages (SQLite's `max_page_count`); a write beyond it fails
    /// as a full disk would. `None`: SQLite's own limit.
    pub max_page_count: Option<u32>,
}

impl Default for SqliteOptions {
    fn default() -> Self {
        Self {
            busy_timeout: Duration::from_secs(5),
            max_page_count: None,
        }
    }
}

/// Core's state in an embedded SQLite database.
#[derive(Clone)]
pub struct SqliteStore {
    conn: Arc<Mutex<Connection>>,
    path: PathBuf,
}

/// Why [`SqliteStore::open`] failed.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("cannot create the data directory {dir}: {source}")]
    Directory {
        dir: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot open the database {path}: {source}")]
    Open {
        path: PathBuf,
        #[source]
        source: rusqlite::Error,
    },
    #[error("database {path}: {source}")]
    Migrate {
        path: PathBuf,
        #[source]
        source: MigrationError,
    },
}

impl SqliteStore {
    /// The file name of the database inside the data directory.
    pub const FILE_NAME: &'static str = "core.db";

    /// Opens (creating it if need be) `dir/core.db` and brings its schema up to date.
    pub fn open(dir: &Path, options: &SqliteOptions) -> Result<Self, OpenError> {
        std::fs::create_dir_all(dir).map_err(|source| OpenError::Directory {
            dir: dir.to_owned(),
            source,
        })?;
        let path = dir.join(Self::FILE_NAME);
        let open_error = |source| OpenError::Open {
            path: path.clone(),
            source,
        };
        let mut conn = Connection::open(&path).map_err(open_error)?;
        conn.busy_timeout(options.busy_timeout)
            .map_err(open_error)?;
        let journal: String = conn
            .pragma_update_and_check(None, "journal_mode", "wal", |row| row.get(0))
            .map_err(open_error)?;
        if !journal.eq_ignore_ascii_case("wal") {
            return Err(open_error(rusqlite::Error::InvalidParameterName(format!(
                "journal_mode stayed {journal}: the file system does not support WAL"
            ))));
        }
        conn.pragma_update(None, "synchronous", "FULL")
            .map_err(open_error)?;
        conn.pragma_update(None, "foreign_keys", true)
            .map_err(open_error)?;
        if let Some(pages) = options.max_page_count {
            conn.pragma_update(None, "max_page_count", pages)
                .map_err(open_error)?;
        }
        migrate(&mut conn).map_err(|source| OpenError::Migrate {
            path: path.clone(),
            source,
        })?;
        Ok(Self {
            conn: Arc::new(Mutex::new(conn)),
            path,
        })
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `call` with the connection on Tokio's blocking pool.
    async fn with_conn<T: Send + 'static>(
        &self,
        call: impl FnOnce(&mut Connection) -> StoreResult<T> + Send + 'static,
    ) -> StoreResult<T> {
        let conn = Arc::clone(&self.conn);
        tokio::task::spawn_blocking(move || {
            // A panic inside a call poisons the mutex; the connection itself is still sound
            // (SQLite rolled back the unfinished transaction), so keep using it.
            let mut conn = conn.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            call(&mut conn)
        })
        .await
        .map_err(|join| StoreError::Internal(Box::new(join)))?
    }
}

/// Full, locked, read-only or failing storage is a condition that passes; anything else is a
/// fault of core or of the file.
impl From<rusqlite::Error> for StoreError {
    fn from(err: rusqlite::Error) -> Self {
        let passing = matches!(
            err.sqlite_error_code(),
            Some(
                ErrorCode::DiskFull
                    | ErrorCode::DatabaseBusy
                    | ErrorCode::DatabaseLocked
                    | ErrorCode::SystemIoFailure
                    | ErrorCode::ReadOnly
                    | ErrorCode::CannotOpen
                    | ErrorCode::OutOfMemory
            )
        );
        if passing {
            StoreError::Unavailable(Box::new(err))
        } else {
            StoreError::Internal(Box::new(err))
        }
    }
}

fn millis(time: SystemTime) -> i64 {
    match time.duration_since(UNIX_EPOCH) {
        Ok(since) => i64::try_from(since.as_millis()).unwrap_or(i64::MAX),
        Err(before) => -i64::try_from(before.duration().as_millis()).unwrap_or(i64::MAX),
    }
}

fn time_of(millis: i64) -> SystemTime {
    let magnitude = Duration::from_millis(millis.unsigned_abs());
    if millis >= 0 {
        UNIX_EPOCH + magnitude
    } else {
        UNIX_EPOCH - magnitude
    }
}

fn corrupt(what: impl std::fmt::Display) -> StoreError {
    StoreError::Internal(what.to_string().into())
}

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
