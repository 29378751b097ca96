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

use rusqlite::{Connection, ErrorCode, OptionalExtension, Transaction, TransactionBehavior};

use super::migrations::{MigrationError, migrate};
use super::{StoreError, StoreResult};

mod discovery;
mod durable;
mod environment;
mod execution;

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
    pub(super) async fn with_conn<T: Send + 'static>(
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

    /// Runs `call` in one `BEGIN IMMEDIATE` transaction (the write lock taken up front, so a
    /// read-then-write never fails half-way on a lock), committing when it returns `Ok`.
    pub(super) async fn in_write_tx<T: Send + 'static>(
        &self,
        call: impl FnOnce(&Transaction<'_>) -> StoreResult<T> + Send + 'static,
    ) -> StoreResult<T> {
        self.with_conn(move |conn| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let value = call(&tx)?;
            tx.commit()?;
            Ok(value)
        })
        .await
    }
}

impl SqliteStore {
    /// The protobuf message in the one column `sql` selects for `key`, if there is such a row;
    /// `what` names it in the error when it does not decode.
    pub(super) async fn read_message<M: prost::Message + Default + 'static>(
        &self,
        sql: &'static str,
        key: &str,
        what: &'static str,
    ) -> StoreResult<Option<M>> {
        let key = key.to_owned();
        self.with_conn(move |conn| {
            let bytes: Option<Vec<u8>> = conn
                .query_row(sql, rusqlite::params![key], |row| row.get(0))
                .optional()?;
            bytes.map(|b| decode::<M>(what, &b)).transpose()
        })
        .await
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

pub(super) fn millis(time: SystemTime) -> i64 {
    match time.duration_since(UNIX_EPOCH) {
        Ok(since) => i64::try_from(since.as_millis()).unwrap_or(i64::MAX),
        Err(before) => -i64::try_from(before.duration().as_millis()).unwrap_or(i64::MAX),
    }
}

pub(super) fn time_of(millis: i64) -> SystemTime {
    let magnitude = Duration::from_millis(millis.unsigned_abs());
    if millis >= 0 {
        UNIX_EPOCH + magnitude
    } else {
        UNIX_EPOCH - magnitude
    }
}

/// Decodes a stored protobuf column; `what` names it in the error.
pub(super) fn decode<M: prost::Message + Default>(what: &str, bytes: &[u8]) -> StoreResult<M> {
    M::decode(bytes).map_err(|err| corrupt(format!("a stored {what}: {err}")))
}

pub(super) fn corrupt(what: impl std::fmt::Display) -> StoreError {
    StoreError::Internal(what.to_string().into())
}
