//! SQLite, the source of truth for everything but the original bytes: open with WAL, foreign
//! keys and a busy timeout, apply the embedded forward-only migrations (`migrations/NNNN_name.sql`,
//! backing the database up first when some are pending), and the queries of each table in
//! `store/<table>.rs`.

pub mod imap_state;
pub mod messages;
pub mod pool;
pub mod runs;
pub mod tags;

use std::path::Path;
use std::time::Duration;

use anyhow::{Context as _, Result};
use rusqlite::{Connection, Transaction};
use rusqlite_migration::{M, Migrations};

include!(concat!(env!("OUT_DIR"), "/migrations.rs"));

/// A connection to the data directory's database. One writer at a time (SQLite's rule); readers in
/// other processes see committed data (WAL).
pub struct Store {
    conn: Connection,
}

impl Store {
    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Store> {
        let existed = path.exists();
        let mut conn = Connection::open(path)
            .with_context(|| format!("cannot open database {}", path.display()))?;
        conn.busy_timeout(Duration::from_secs(30))?;
        // Every stage keeps its statements prepared (`prepare_cached`); the default cache of 16
        // would evict and recompile them for each message.
        conn.set_prepared_statement_cache_capacity(128);
        conn.pragma_update(None, "journal_mode", "WAL")
            .context("enable WAL")?;
        // FULL: a committed batch survives power loss; commits are per batch, so this is cheap.
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        // 64 MB of page cache: large imports (500,000 RNE rows) update several indexes.
        conn.pragma_update(None, "cache_size", -65_536)?;
        let migrations = migrations();
        let current =
            conn.pragma_query_value(None, "user_version", |r| r.get::<_, i64>(0))? as usize;
        if existed && current > 0 && current < MIGRATIONS.len() {
            let backup = before_migration(path, current + 1);
            if !backup.exists() {
                conn.execute("VACUUM INTO ?1", [backup.to_string_lossy()])
                    .with_context(|| format!("cannot back up database to {}", backup.display()))?;
            }
        }
        if current > MIGRATIONS.len() {
            anyhow::bail!(
                "database {} has schema version {current}, newer than this program ({}): upgrade permanence",
                path.display(),
                MIGRATIONS.len()
            );
        }
        migrations
            .to_latest(&mut conn)
            .context("cannot apply database migrations")?;
        Ok(Store { conn })
    }

    /// The connection, for reads.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Runs `f` in one transaction, committed when it returns `Ok`.
    pub fn transaction<T>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        // IMMEDIATE: take the write lock up front, so a read-then-write transaction waits for the
        // daemon's batch (busy timeout) instead of failing when it commits in between.
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .context("begin transaction")?;
        let out = f(&tx)?;
        tx.commit().context("commit transaction")?;
        Ok(out)
    }
}

/// Where the copy of the database at `path` is kept before migration `version` is applied.
pub fn before_migration(path: &Path, version: usize) -> std::path::PathBuf {
    path.with_extension(format!("sqlite3.before-v{version}"))
}

/// The schema version of the database at `path` (`None` when there is no database yet), read
/// without changing anything, and the version this program brings it to.
pub fn schema_version(path: &Path) -> Result<(Option<usize>, usize)> {
    let latest = MIGRATIONS.len();
    if !path.exists() {
        return Ok((None, latest));
    }
    let conn = Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
        .with_context(|| format!("cannot open database {}", path.display()))?;
    let current = conn
        .pragma_query_value(None, "user_version", |r| r.get::<_, i64>(0))
        .with_context(|| format!("cannot read the schema version of {}", path.display()))?;
    Ok((Some(usize::try_from(current).unwrap_or(0)), latest))
}

/// The embedded migrations, in order.
pub fn migrations() -> Migrations<'static> {
    Migrations::new(MIGRATIONS.iter().map(|(_, sql)| M::up(sql)).collect())
}

/// The plan SQLite chooses for `sql` with `params` (`EXPLAIN QUERY PLAN`, one step per line),
/// for the tests that check a query reads an index rather than a whole table.
#[cfg(test)]
pub(crate) fn query_plan(conn: &Connection, sql: &str, params: impl rusqlite::Params) -> String {
    let mut stmt = conn
        .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
        .expect("the query prepares");
    let steps: Vec<String> = stmt
        .query_map(params, |r| r.get(3))
        .expect("the plan is read")
        .collect::<rusqlite::Result<_>>()
        .expect("every step is text");
    steps.join("\n")
}

/// Current Unix time in seconds.
pub fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Migration 0020: every foreign key's child column leads an index (or is the row id), so
    /// that deleting a parent row (erasure, retention, a merged case) probes each child table
    /// instead of scanning it once per deleted row.
    #[test]
    fn every_foreign_key_is_indexed() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("db.sqlite3")).unwrap();
        let conn = store.conn();
        let tables: Vec<String> = conn
            .prepare(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
            )
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        let mut missing = Vec::new();
        for table in &tables {
            let leading: Vec<String> = conn
                .prepare(&format!(
                    "SELECT ii.name FROM pragma_index_list('{table}') il,
                            pragma_index_info(il.name) ii WHERE ii.seqno = 0
                     UNION SELECT name FROM pragma_table_info('{table}') WHERE pk = 1"
                ))
                .unwrap()
                .query_map([], |r| r.get(0))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap();
            let children: Vec<String> = conn
                .prepare(&format!(
                    "SELECT \"from\" FROM pragma_foreign_key_list('{table}')"
                ))
                .unwrap()
                .query_map([], |r| r.get(0))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap();
            for column in children {
                if !leading.contains(&column) {
                    missing.push(format!("{table}.{column}"));
                }
            }
        }
        assert!(
            missing.is_empty(),
            "foreign keys without an index: {missing:?}"
        );
    }

    /// Migration 0016: values outside the enums' domains are refused like a CHECK would.
    #[test]
    fn domain_checks_refuse_what_no_enum_can_read() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("db.sqlite3")).unwrap();
        let conn = store.conn();
        conn.execute("INSERT INTO cases (title) VALUES ('x')", [])
            .unwrap();
        assert!(conn.execute("UPDATE cases SET priority = 7", []).is_err());
        assert!(
            conn.execute("INSERT INTO cases (title, priority) VALUES ('y', -1)", [])
                .is_err()
        );
        for p in crate::cases::Priority::ALL {
            conn.execute("UPDATE cases SET priority = ?1", [p]).unwrap();
        }
        assert!(
            conn.execute(
                "INSERT INTO known_addresses (address, source) VALUES ('a@b.fr', 'guess')",
                []
            )
            .is_err()
        );
        conn.execute(
            "INSERT INTO known_addresses (address, source) VALUES ('a@b.fr', 'learned')",
            [],
        )
        .unwrap();
        let message = |n: i64| {
            conn.execute(
                "INSERT INTO messages (id, blob, message_id) VALUES (?1, ?2, ?2)",
                rusqlite::params![n, format!("b{n}")],
            )
            .unwrap();
        };
        message(1);
        assert!(
            conn.execute(
                "INSERT INTO message_officials (message, method) VALUES (1, 'hunch')",
                []
            )
            .is_err()
        );
        for (n, method) in [
            crate::officials::Method::None,
            crate::officials::Method::Possible,
            crate::officials::Method::Address,
            crate::officials::Method::Signature,
            crate::officials::Method::TownHallDomain,
            crate::officials::Method::TownHallGeneric,
            crate::officials::Method::Ambiguous,
            crate::officials::Method::Staff,
        ]
        .into_iter()
        .enumerate()
        {
            message(n as i64 + 2);
            conn.execute(
                "INSERT INTO message_officials (message, method) VALUES (?1, ?2)",
                rusqlite::params![n as i64 + 2, method],
            )
            .unwrap();
        }
    }

    #[test]
    fn migrations_are_valid() {
        migrations().validate().unwrap();
    }

    #[test]
    fn embedded_list_matches_directory_and_is_numbered() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations");
        let mut on_disk: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".sql"))
            .collect();
        on_disk.sort();
        let embedded: Vec<&str> = MIGRATIONS.iter().map(|(n, _)| *n).collect();
        assert_eq!(embedded, on_disk);
        assert!(!embedded.is_empty());
        for (i, name) in embedded.iter().enumerate() {
            assert!(
                name.starts_with(&format!("{:04}_", i + 1)),
                "{name} is out of sequence"
            );
        }
    }

    /// Migration 0013 on a database holding `alice` and `Alice`: the older keeps its name, the
    /// other is renamed with the cases assigned to its exact spelling, and a third look-alike
    /// can no longer be added.
    #[test]
    fn migration_0013_separates_users_differing_only_in_case() {
        let mut conn = rusqlite::Connection::open_in_memory().unwrap();
        migrations().to_version(&mut conn, 12).unwrap();
        conn.execute_batch(
            "INSERT INTO users (id, name, role) VALUES (1, 'alice', 'admin'), (2, 'Alice', 'staff'), (3, 'bob', 'staff');
             INSERT INTO cases (id, title, assignee) VALUES (1, 'a', 'alice'), (2, 'b', 'Alice'), (3, 'c', 'bob');",
        )
        .unwrap();
        migrations().to_version(&mut conn, 13).unwrap();
        let names: Vec<String> = conn
            .prepare("SELECT name FROM users ORDER BY id")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(names, ["alice", "Alice-doublon-2", "bob"]);
        let assignees: Vec<String> = conn
            .prepare("SELECT assignee FROM cases ORDER BY id")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(assignees, ["alice", "Alice-doublon-2", "bob"]);
        assert!(
            conn.execute("INSERT INTO users (name) VALUES ('ALICE')", [])
                .is_err()
        );
    }

    #[test]
    fn opening_twice_is_idempotent() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db.sqlite3");
        drop(Store::open(&path).unwrap());
        let store = Store::open(&path).unwrap();
        let version = store
            .conn()
            .pragma_query_value(None, "user_version", |r| r.get::<_, i64>(0))
            .unwrap() as usize;
        assert_eq!(version, MIGRATIONS.len());
    }
}
