//! Read-only connections for a process that serves many readers at once (the web interface).
//!
//! SQLite in WAL mode lets any number of readers run beside one writer, each reader seeing the
//! last committed state: a page never waits for the daemon's batch transaction. Each pooled
//! connection is opened with `query_only` (a bug cannot write through it) and handed to one
//! caller at a time; at most `max` are open, a caller beyond that waits for one to come back.
//! Writes go through the one writer the process owns ([`super::Store`]), as in chatmail's
//! `sql/pool.rs`.

use std::path::{Path, PathBuf};
use std::sync::{Condvar, Mutex, PoisonError};
use std::time::Duration;

use anyhow::{Context as _, Result};
use rusqlite::Connection;

/// A pool of read-only connections to one database.
pub struct Readers {
    path: PathBuf,
    max: usize,
    /// Idle connections, and how many exist in all (idle or lent).
    state: Mutex<(Vec<Connection>, usize)>,
    returned: Condvar,
}

/// A connection lent by [`Readers::get`]; it goes back to the pool when dropped.
pub struct Reader<'p> {
    pool: &'p Readers,
    conn: Option<Connection>,
}

impl std::ops::Deref for Reader<'_> {
    type Target = Connection;

    fn deref(&self) -> &Connection {
        // Set in `get`, taken only in `drop`.
        self.conn.as_ref().unwrap_or_else(|| unreachable!())
    }
}

impl Drop for Reader<'_> {
    fn drop(&mut self) {
        if let Some(conn) = self.conn.take() {
            let mut state = self
                .pool
                .state
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            state.0.push(conn);
            drop(state);
            self.pool.returned.notify_one();
        }
    }
}

impl Readers {
    /// A pool of at most `max` connections to the (existing, migrated) database at `path`;
    /// connections are opened when first needed.
    pub fn new(path: &Path, max: usize) -> Readers {
        Readers {
            path: path.to_path_buf(),
            max: max.max(1),
            state: Mutex::new((Vec::new(), 0)),
            returned: Condvar::new(),
        }
    }

    /// A connection: an idle one, a new one while fewer than `max` exist, else the next one
    /// returned. Blocks (call it off the async runtime).
    pub fn get(&self) -> Result<Reader<'_>> {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        loop {
            if let Some(conn) = state.0.pop() {
                return Ok(Reader {
                    pool: self,
                    conn: Some(conn),
                });
            }
            if state.1 < self.max {
                state.1 += 1;
                drop(state);
                return match self.open() {
                    Ok(conn) => Ok(Reader {
                        pool: self,
                        conn: Some(conn),
                    }),
                    Err(err) => {
                        self.state.lock().unwrap_or_else(PoisonError::into_inner).1 -= 1;
                        Err(err)
                    }
                };
            }
            state = self
                .returned
                .wait(state)
                .unwrap_or_else(PoisonError::into_inner);
        }
    }

    fn open(&self) -> Result<Connection> {
        let conn = Connection::open_with_flags(
            &self.path,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .with_context(|| format!("cannot open database {}", self.path.display()))?;
        // A reader waits for a checkpoint or a schema change, never for a writer (WAL).
        conn.busy_timeout(Duration::from_secs(30))?;
        conn.set_prepared_statement_cache_capacity(128);
        conn.pragma_update(None, "query_only", "ON")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.pragma_update(None, "cache_size", -16_384)?;
        Ok(conn)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readers_cannot_write_and_see_committed_data() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db.sqlite3");
        let mut store = crate::store::Store::open(&path).unwrap();
        let pool = Readers::new(&path, 2);
        let reader = pool.get().unwrap();
        assert!(
            reader
                .execute("INSERT INTO settings (key, value) VALUES ('x', 'y')", [])
                .is_err(),
            "query_only"
        );
        store
            .transaction(|tx| {
                tx.execute("INSERT INTO settings (key, value) VALUES ('x', 'y')", [])?;
                Ok(())
            })
            .unwrap();
        let seen: String = reader
            .query_row("SELECT value FROM settings WHERE key = 'x'", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(seen, "y");
    }

    #[test]
    fn at_most_max_connections_and_a_waiter_gets_the_returned_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db.sqlite3");
        crate::store::Store::open(&path).unwrap();
        let pool = std::sync::Arc::new(Readers::new(&path, 1));
        let first = pool.get().unwrap();
        let waiter = {
            let pool = std::sync::Arc::clone(&pool);
            std::thread::spawn(move || {
                let r = pool.get().unwrap();
                r.query_row("SELECT 1", [], |row| row.get::<_, i64>(0))
                    .unwrap()
            })
        };
        std::thread::sleep(Duration::from_millis(50));
        assert!(!waiter.is_finished(), "the second caller waits");
        drop(first);
        assert_eq!(waiter.join().unwrap(), 1);
        assert_eq!(pool.state.lock().unwrap().1, 1);
    }
}
