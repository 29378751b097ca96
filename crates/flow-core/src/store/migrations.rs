//! The schema, one SQL file per version under `crates/flow-core/migrations/`, applied in order.
//!
//! The version a database is at is SQLite's `user_version`; each migration runs in its own
//! transaction together with the version bump, so a crash leaves the database at one version or
//! the next, never between. A database from a newer core (a higher version than this core knows)
//! is refused rather than written with an older idea of the schema.
//!
//! (`rusqlite_migration` does the same, but its current release pins rusqlite 0.40.)

use rusqlite::Connection;

/// The migrations in order: `MIGRATIONS[i]` takes the schema from version `i` to `i + 1`.
pub const MIGRATIONS: &[(&str, &str)] = &[
    (
        "0001_discovery.sql",
        include_str!("../../migrations/0001_discovery.sql"),
    ),
    (
        "0002_durable.sql",
        include_str!("../../migrations/0002_durable.sql"),
    ),
    (
        "0003_environment.sql",
        include_str!("../../migrations/0003_environment.sql"),
    ),
    (
        "0004_execution.sql",
        include_str!("../../migrations/0004_execution.sql"),
    ),
];

/// Why the schema could not be brought up to date.
#[derive(Debug, thiserror::Error)]
pub enum MigrationError {
    /// The database was written by a newer core.
    #[error(
        "the database is at schema version {found}, newer than this flow-core knows ({known}); \
         run a newer flow-core or another --data directory"
    )]
    TooNew { found: i64, known: usize },
    /// A migration or the version bookkeeping failed.
    #[error("migration {name} failed: {source}")]
    Failed {
        name: &'static str,
        #[source]
        source: rusqlite::Error,
    },
}

/// Brings `conn`'s schema to the newest version; returns the version it was at.
pub fn migrate(conn: &mut Connection) -> Result<i64, MigrationError> {
    let failed = |name| move |source| MigrationError::Failed { name, source };
    let found: i64 = conn
        .pragma_query_value(None, "user_version", |row| row.get(0))
        .map_err(failed("(reading user_version)"))?;
    let known = MIGRATIONS.len();
    if found > known as i64 || found < 0 {
        return Err(MigrationError::TooNew { found, known });
    }
    for (index, (name, sql)) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        let tx = conn.transaction().map_err(failed(name))?;
        tx.execute_batch(sql).map_err(failed(name))?;
        tx.pragma_update(None, "user_version", index as i64 + 1)
            .map_err(failed(name))?;
        tx.commit().map_err(failed(name))?;
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn version(conn: &Connection) -> i64 {
        conn.pragma_query_value(None, "user_version", |row| row.get(0))
            .unwrap()
    }

    #[test]
    fn a_new_database_gets_every_migration_once() {
        let mut conn = Connection::open_in_memory().unwrap();
        assert_eq!(migrate(&mut conn).unwrap(), 0);
        assert_eq!(version(&conn), MIGRATIONS.len() as i64);
        // Again: nothing to do, nothing fails on tables that exist.
        assert_eq!(migrate(&mut conn).unwrap(), MIGRATIONS.len() as i64);
        assert_eq!(version(&conn), MIGRATIONS.len() as i64);
    }

    #[test]
    fn a_database_from_a_newer_core_is_refused() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
        let err = migrate(&mut conn).unwrap_err();
        assert!(
            matches!(err, MigrationError::TooNew { found: 99, .. }),
            "{err}"
        );
        assert!(err.to_string().contains("newer than this flow-core"));
    }

    #[test]
    fn every_file_in_the_folder_is_a_migration() {
        let folder = concat!(env!("CARGO_MANIFEST_DIR"), "/migrations");
        let mut files: Vec<String> = std::fs::read_dir(folder)
            .unwrap()
            .map(|entry| entry.unwrap().file_name().into_string().unwrap())
            .collect();
        files.sort();
        let listed: Vec<&str> = MIGRATIONS.iter().map(|(name, _)| *name).collect();
        assert_eq!(files, listed);
    }

    #[test]
    fn the_files_are_numbered_in_order() {
        for (index, (name, _)) in MIGRATIONS.iter().enumerate() {
            assert!(
                name.starts_with(&format!("{:04}_", index + 1)),
                "{name} is migration {}",
                index + 1
            );
        }
    }
}
