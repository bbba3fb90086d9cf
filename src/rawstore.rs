//! The raw store keeps every original message byte for byte, content-addressed by the SHA-256 of
//! its bytes, appended to pack files: `raw/packs/00000001.pack`, … Where each message is lives in
//! SQLite (`raw_blobs`: hash → pack, offset, length), written in the same transaction as the
//! message's row.
//!
//! Why packs: one file per message made the kernel's inode allocation and directory renames the
//! largest single cost of an import (issue 18), and a million files are slow to back up and
//! verify. A pack record is self-describing — `PMR1`, the 32-byte hash, the length (u64 LE), the
//! bytes — so a pack can be checked without the database.
//!
//! Durability protocol (no lost mail): the one [`PackWriter`] (an exclusive lock on
//! `raw/packs/LOCK`; the ingest pipeline holds it) appends a batch's new messages, makes them
//! durable with one `fdatasync` ([`PackWriter::sync`]), and only then does the caller record the
//! batch, their locations and the pack's new committed end (`raw_packs.end`, [`PackWriter::record`])
//! in one SQLite transaction. A crash before that commit leaves bytes past the committed end,
//! which the next writer cuts off before appending: nothing refers to them, nothing was
//! acknowledged. Committed bytes are never rewritten, except by erasure.
//!
//! Erasure really erases ([`purge`]): the record's hash and bytes are overwritten with zeros in
//! place, synced, and the space is given back to the file system (a punched hole); only then is
//! its `raw_blobs` row deleted and the hole recorded in `raw_holes`, which `backup` replays on its
//! copy. Overwriting in place is safe beside a running writer: it only ever appends after the
//! committed end.
//!
//! Data directories from before the packs hold one file per message (`raw/ab/<hash>.eml`): they
//! stay readable, and [`PackWriter::migrate_loose`] moves them into packs (the first `ingest` or
//! daemon start does it), deleting each file only once its copy is committed.

use std::collections::HashMap;
use std::fs::{self, File, OpenOptions};
use std::io::Read;
use std::os::unix::fs::FileExt as _;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use anyhow::{Context as _, Result, bail};
use rusqlite::{Connection, OptionalExtension as _, Transaction, params};
use sha2::{Digest, Sha256};

use crate::store::pool::Readers;

/// Magic bytes that start every pack record.
const MAGIC: &[u8; 4] = b"PMR1";
/// Record header: magic, SHA-256, length.
pub const HEADER: u64 = 4 + 32 + 8;
/// A new pack is started when the current one is larger than this (checked between batches).
const PACK_MAX: u64 = 256 << 20;

/// The store name of `bytes`: lower-case hex SHA-256.
pub fn hash(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// Where a message's bytes are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Location {
    /// Pack number.
    pub pack: u32,
    /// Offset of the message's first byte (after the record header).
    pub offset: u64,
    /// Number of bytes.
    pub length: u64,
}

impl Location {
    /// Reads a location from columns `at`, `at + 1`, `at + 2` (pack, offset, length).
    pub fn from_row(row: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<Location> {
        Ok(Location {
            pack: row.get(at)?,
            offset: row.get::<_, i64>(at + 1)? as u64,
            length: row.get::<_, i64>(at + 2)? as u64,
        })
    }

    /// Offset of the record's header.
    pub fn start(&self) -> u64 {
        self.offset - HEADER
    }
}

/// Content-addressed store of original messages (the reading side; see [`PackWriter`]).
#[derive(Clone)]
pub struct RawStore {
    root: PathBuf,
    inner: Arc<Inner>,
}

struct Inner {
    /// Read-only connections to look locations up.
    readers: Readers,
    /// Open pack files, by number.
    packs: Mutex<HashMap<u32, Arc<File>>>,
}

impl std::fmt::Debug for RawStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RawStore")
            .field("root", &self.root)
            .finish()
    }
}

impl RawStore {
    /// Opens (creating if needed) the store rooted at `root`, whose locations are in the
    /// (existing, migrated) database `db`.
    pub fn open(root: &Path, db: &Path) -> Result<RawStore> {
        fs::create_dir_all(root.join("packs"))
            .with_context(|| format!("cannot create raw store {}", root.display()))?;
        Ok(RawStore {
            root: root.to_path_buf(),
            inner: Arc::new(Inner {
                readers: Readers::new(db, 4),
                packs: Mutex::new(HashMap::new()),
            }),
        })
    }

    /// The store's directory.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The file of pack `pack`.
    pub fn pack_path(&self, pack: u32) -> PathBuf {
        pack_path(&self.root, pack)
    }

    /// Where a message stored before the packs (one file each) lives.
    pub fn loose_path(&self, hash: &str) -> PathBuf {
        let shard = hash.get(..2).unwrap_or("00");
        self.root.join(shard).join(format!("{hash}.eml"))
    }

    /// Where the bytes of `hash` are, from the committed database.
    pub fn locate(&self, hash: &str) -> Result<Option<Location>> {
        let conn = self.inner.readers.get()?;
        locate(&conn, hash)
    }

    /// Reads the original bytes of `hash` (from its pack, or its file from before the packs).
    pub fn read(&self, hash: &str) -> Result<Vec<u8>> {
        if let Some(loc) = self.locate(hash)? {
            return self.read_at(loc);
        }
        let path = self.loose_path(hash);
        let mut bytes = Vec::new();
        File::open(&path)
            .and_then(|mut f| f.read_to_end(&mut bytes))
            .with_context(|| format!("raw message {hash} is not in the raw store"))?;
        Ok(bytes)
    }

    /// Reads the bytes at `loc`.
    pub fn read_at(&self, loc: Location) -> Result<Vec<u8>> {
        let file = self.pack(loc.pack)?;
        let len = usize::try_from(loc.length).context("message too large for this machine")?;
        let mut bytes = vec![0; len];
        file.read_exact_at(&mut bytes, loc.offset)
            .with_context(|| {
                format!(
                    "cannot read {} bytes at {} of {}",
                    loc.length,
                    loc.offset,
                    self.pack_path(loc.pack).display()
                )
            })?;
        Ok(bytes)
    }

    /// Reads the record at `loc` and checks it: the header names `hash` and the length, and the
    /// bytes hash to `hash`. `Ok(false)` when they do not (or the pack is too short).
    pub fn check_at(&self, hash: &str, loc: Location) -> Result<bool> {
        let file = self.pack(loc.pack)?;
        let len = usize::try_from(loc.length + HEADER).context("message too large")?;
        let mut record = vec![0; len];
        match file.read_exact_at(&mut record, loc.start()) {
            Ok(()) => {}
            Err(err) if err.kind() == std::io::ErrorKind::UnexpectedEof => return Ok(false),
            Err(err) => return Err(err).context("cannot read the raw store"),
        }
        let (header, bytes) = record.split_at(HEADER as usize);
        let Ok(want) = hex::decode(hash) else {
            return Ok(false);
        };
        Ok(&header[..4] == MAGIC
            && header[4..36] == want[..]
            && header[36..44] == loc.length.to_le_bytes()
            && Sha256::digest(bytes)[..] == want[..])
    }

    /// True when the bytes of `hash` are there and hash to it.
    pub fn verify(&self, hash: &str) -> Result<bool> {
        match self.locate(hash)? {
            Some(loc) => self.check_at(hash, loc),
            None => match fs::read(self.loose_path(hash)) {
                Ok(bytes) => Ok(self::hash(&bytes) == hash),
                Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(false),
                Err(err) => Err(err).context("cannot read the raw store"),
            },
        }
    }

    /// Bytes and number of stored messages (from the database), with the files from before the
    /// packs not yet moved.
    pub fn usage(&self) -> Result<(u64, u64)> {
        let conn = self.inner.readers.get()?;
        let (mut bytes, mut count): (i64, i64) = conn.query_row(
            "SELECT coalesce(sum(length), 0), count(*) FROM raw_blobs",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        for (path, _) in loose_files(&self.root)? {
            bytes += fs::metadata(&path).map_or(0, |m| m.len() as i64);
            count += 1;
        }
        Ok((bytes as u64, count as u64))
    }

    fn pack(&self, pack: u32) -> Result<Arc<File>> {
        let mut packs = self
            .inner
            .packs
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if let Some(file) = packs.get(&pack) {
            return Ok(file.clone());
        }
        let path = self.pack_path(pack);
        let file =
            Arc::new(File::open(&path).with_context(|| format!("cannot open {}", path.display()))?);
        packs.insert(pack, file.clone());
        Ok(file)
    }
}

/// The file of pack `pack` under the raw store `root`.
pub fn pack_path(root: &Path, pack: u32) -> PathBuf {
    root.join("packs").join(format!("{pack:08}.pack"))
}

/// The pack files under `root`, by number.
fn pack_files(root: &Path) -> Result<Vec<(u32, PathBuf)>> {
    let dir = root.join("packs");
    let mut out = Vec::new();
    let entries = match fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(out),
        Err(err) => return Err(err).with_context(|| format!("cannot list {}", dir.display())),
    };
    for entry in entries {
        let path = entry?.path();
        let number = path
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.strip_suffix(".pack"))
            .and_then(|n| n.parse::<u32>().ok());
        if let Some(number) = number {
            out.push((number, path));
        }
    }
    out.sort();
    Ok(out)
}

/// Files from before the packs (`raw/<2 hex>/<hash>.eml`), with the hash their name gives.
pub fn loose_files(root: &Path) -> Result<Vec<(PathBuf, String)>> {
    let mut out = Vec::new();
    for shard in fs::read_dir(root).with_context(|| format!("cannot list {}", root.display()))? {
        let shard = shard?;
        let name = shard.file_name();
        let is_shard = name.len() == 2
            && name
                .to_str()
                .is_some_and(|n| n.bytes().all(|b| b.is_ascii_hexdigit()));
        if !is_shard || !shard.file_type()?.is_dir() {
            continue;
        }
        for entry in fs::read_dir(shard.path())? {
            let path = entry?.path();
            let hash = path.file_stem().and_then(|n| n.to_str()).unwrap_or("");
            out.push((path.clone(), hash.to_string()));
        }
    }
    out.sort();
    Ok(out)
}

/// Where the bytes of `hash` are, as `conn` sees the database.
pub fn locate(conn: &Connection, hash: &str) -> Result<Option<Location>> {
    Ok(conn
        .prepare_cached("SELECT pack, offset, length FROM raw_blobs WHERE hash = ?1")?
        .query_row([hash], |r| Location::from_row(r, 0))
        .optional()?)
}

/// Every committed pack's number and end.
pub fn committed_packs(conn: &Connection) -> Result<Vec<(u32, u64)>> {
    Ok(conn
        .prepare("SELECT id, end FROM raw_packs ORDER BY id")?
        .query_map([], |r| Ok((r.get(0)?, r.get::<_, i64>(1)? as u64)))?
        .collect::<rusqlite::Result<_>>()?)
}

/// The one appender of a raw store (see the module's protocol).
pub struct PackWriter {
    root: PathBuf,
    /// Holds the exclusive lock on `packs/LOCK` while the writer lives.
    _lock: File,
    /// The pack being appended to, its number, its committed end and its written end.
    file: Option<File>,
    pack: u32,
    committed: u64,
    end: u64,
    /// The pack file was created by this writer and its directory not yet synced.
    created: bool,
    /// Appended since the last [`PackWriter::record`]: hash and location.
    pending: Vec<(String, Location)>,
    /// Hashes appended in the current batch (a second copy is not appended again).
    in_batch: HashMap<String, Location>,
    /// Bytes written since the last sync.
    unsynced: bool,
}

impl PackWriter {
    /// Takes the raw store's write lock (failing when another process holds it) and prepares
    /// to append after the committed end of the last pack, cutting off what a crashed run
    /// left past it.
    pub fn open(root: &Path, conn: &Connection) -> Result<PackWriter> {
        let dir = root.join("packs");
        fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
        let lock = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(dir.join("LOCK"))
            .with_context(|| format!("cannot open {}", dir.join("LOCK").display()))?;
        if rustix::fs::flock(&lock, rustix::fs::FlockOperation::NonBlockingLockExclusive).is_err() {
            bail!(
                "another permanence process is writing to the raw store {} (ingest, daemon or demo): wait for it to finish",
                root.display()
            );
        }
        let last: Option<(u32, u64)> = conn
            .query_row(
                "SELECT id, end FROM raw_packs ORDER BY id DESC LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get::<_, i64>(1)? as u64)),
            )
            .optional()?;
        let mut writer = PackWriter {
            root: root.to_path_buf(),
            _lock: lock,
            file: None,
            pack: 0,
            committed: 0,
            end: 0,
            created: false,
            pending: Vec::new(),
            in_batch: HashMap::new(),
            unsynced: false,
        };
        match last {
            Some((pack, end)) if end < PACK_MAX => writer.open_pack(pack, end)?,
            Some((pack, _)) => writer.open_pack(pack + 1, 0)?,
            None => writer.open_pack(1, 0)?,
        }
        Ok(writer)
    }

    fn open_pack(&mut self, pack: u32, committed: u64) -> Result<()> {
        let path = pack_path(&self.root, pack);
        let existed = path.exists();
        let file = open_rw(&path)?;
        let len = file.metadata()?.len();
        if len > committed {
            tracing::info!(
                pack = %path.display(),
                bytes = len - committed,
                "cutting off an unfinished batch"
            );
            file.set_len(committed)
                .with_context(|| format!("cannot truncate {}", path.display()))?;
            file.sync_data()?;
        } else if len < committed {
            bail!(
                "{} is shorter ({len} bytes) than the database says ({committed}): restore it from a backup and run `permanence verify`",
                path.display()
            );
        }
        self.file = Some(file);
        self.pack = pack;
        self.committed = committed;
        self.end = committed;
        self.created = !existed;
        Ok(())
    }

    /// Appends `bytes` (whose hash is `hash`) unless the database `conn` already has them or
    /// this batch appended them; returns where they are. Not durable until [`PackWriter::sync`].
    pub fn append(&mut self, conn: &Connection, hash: &str, bytes: &[u8]) -> Result<Location> {
        if let Some(&loc) = self.in_batch.get(hash) {
            return Ok(loc);
        }
        if let Some(loc) = locate(conn, hash)? {
            return Ok(loc);
        }
        if self.pending.is_empty() && self.end >= PACK_MAX {
            self.open_pack(self.pack + 1, 0)?;
        }
        let digest = hex::decode(hash).context("not a SHA-256 hash")?;
        let mut header = Vec::with_capacity(HEADER as usize);
        header.extend_from_slice(MAGIC);
        header.extend_from_slice(&digest);
        header.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
        let file = self.file.as_mut().context("raw store writer closed")?;
        let path = || pack_path(&self.root, self.pack);
        file.write_all_at(&header, self.end)
            .and_then(|()| file.write_all_at(bytes, self.end + HEADER))
            .with_context(|| format!("cannot write to {}", path().display()))?;
        let loc = Location {
            pack: self.pack,
            offset: self.end + HEADER,
            length: bytes.len() as u64,
        };
        self.end += HEADER + bytes.len() as u64;
        self.unsynced = true;
        self.pending.push((hash.to_string(), loc));
        self.in_batch.insert(hash.to_string(), loc);
        Ok(loc)
    }

    /// Makes everything appended durable (one `fdatasync`, and the directory when the pack is
    /// new).
    pub fn sync(&mut self) -> Result<()> {
        if !self.unsynced {
            return Ok(());
        }
        let file = self.file.as_ref().context("raw store writer closed")?;
        file.sync_data().with_context(|| {
            format!("cannot sync {}", pack_path(&self.root, self.pack).display())
        })?;
        if self.created {
            File::open(self.root.join("packs"))?.sync_all()?;
            self.created = false;
        }
        self.unsynced = false;
        Ok(())
    }

    /// Records the locations appended since the last call, and the pack's new end, in the
    /// caller's transaction (after [`PackWriter::sync`]). Call [`PackWriter::committed`] once the
    /// transaction is committed, [`PackWriter::rolled_back`] if it was not.
    pub fn record(&self, tx: &Transaction<'_>) -> Result<()> {
        if self.unsynced {
            bail!("raw store: rows recorded before the bytes were synced");
        }
        let mut insert = tx.prepare_cached(
            "INSERT OR REPLACE INTO raw_blobs (hash, pack, offset, length) VALUES (?1, ?2, ?3, ?4)",
        )?;
        for (hash, loc) in &self.pending {
            insert.execute(params![
                hash,
                loc.pack,
                loc.offset as i64,
                loc.length as i64
            ])?;
        }
        if !self.pending.is_empty() {
            tx.prepare_cached(
                "INSERT INTO raw_packs (id, end) VALUES (?1, ?2)
                 ON CONFLICT (id) DO UPDATE SET end = excluded.end",
            )?
            .execute(params![self.pack, self.end as i64])?;
        }
        Ok(())
    }

    /// The transaction holding [`PackWriter::record`] committed.
    pub fn committed(&mut self) {
        self.committed = self.end;
        self.pending.clear();
        self.in_batch.clear();
    }

    /// The batch was not committed: its bytes are cut off.
    pub fn rolled_back(&mut self) -> Result<()> {
        self.pending.clear();
        self.in_batch.clear();
        if self.end != self.committed {
            let file = self.file.as_ref().context("raw store writer closed")?;
            file.set_len(self.committed)?;
            self.end = self.committed;
        }
        Ok(())
    }

    /// Moves the messages stored one file each (before the packs) into packs, a thousand at a
    /// time, each file deleted only after its copy is committed. A file whose bytes do not hash
    /// to its name is left where it is (`verify` reports it). Returns how many were moved.
    pub fn migrate_loose(&mut self, store: &mut crate::store::Store) -> Result<u64> {
        let files = loose_files(&self.root)?;
        if files.is_empty() {
            return Ok(0);
        }
        tracing::info!(
            files = files.len(),
            "moving the raw store's files into packs"
        );
        let mut moved = 0;
        for chunk in files.chunks(1000) {
            let mut done = Vec::new();
            for (path, name) in chunk {
                let bytes =
                    fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
                if hash(&bytes) != *name {
                    tracing::warn!(file = %path.display(), "raw file does not hash to its name: left in place");
                    continue;
                }
                self.append(store.conn(), name, &bytes)?;
                done.push(path.clone());
            }
            self.sync()?;
            let result = store.transaction(|tx| self.record(tx));
            match result {
                Ok(()) => self.committed(),
                Err(err) => {
                    self.rolled_back()?;
                    return Err(err);
                }
            }
            for path in &done {
                fs::remove_file(path)
                    .with_context(|| format!("cannot delete {}", path.display()))?;
            }
            moved += done.len() as u64;
        }
        // The old staging directory holds only what crashed runs left, never referenced; empty
        // shards go (a shard still holding a bad file stays).
        let _ = fs::remove_dir_all(self.root.join("tmp"));
        for (path, _) in &files {
            if let Some(shard) = path.parent() {
                let _ = fs::remove_dir(shard);
            }
        }
        File::open(&self.root)?.sync_all()?;
        Ok(moved)
    }
}

/// Erases the raw bytes of the messages queued in `raw_purge` that no message refers to any
/// more (a re-import may have stored the same bytes again): each record is overwritten with
/// zeros and synced, its space punched out of the pack, then its row deleted and the hole
/// recorded, and the queue emptied. Returns how many were erased.
pub fn purge(store: &mut crate::store::Store, raw: &RawStore) -> Result<usize> {
    store.conn().execute(
        "DELETE FROM raw_purge WHERE blob IN (SELECT blob FROM messages)",
        [],
    )?;
    let blobs: Vec<String> = store
        .conn()
        .prepare("SELECT blob FROM raw_purge")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    if blobs.is_empty() {
        return Ok(0);
    }
    let mut holes = Vec::new();
    let mut touched: HashMap<u32, File> = HashMap::new();
    for blob in &blobs {
        if let Some(loc) = locate(store.conn(), blob)? {
            let file = match touched.entry(loc.pack) {
                std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
                std::collections::hash_map::Entry::Vacant(e) => {
                    let path = raw.pack_path(loc.pack);
                    e.insert(
                        OpenOptions::new()
                            .write(true)
                            .open(&path)
                            .with_context(|| format!("cannot open {}", path.display()))?,
                    )
                }
            };
            erase_record(file, loc.start(), loc.length + HEADER)?;
            holes.push(loc);
        }
        let loose = raw.loose_path(blob);
        match fs::remove_file(&loose) {
            Ok(()) => {}
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {}
            Err(err) => {
                return Err(err).with_context(|| format!("cannot delete {}", loose.display()));
            }
        }
    }
    for (pack, file) in &touched {
        file.sync_data()
            .with_context(|| format!("cannot sync {}", raw.pack_path(*pack).display()))?;
    }
    store.transaction(|tx| {
        let mut del_blob = tx.prepare_cached("DELETE FROM raw_blobs WHERE hash = ?1")?;
        let mut del_queue = tx.prepare_cached("DELETE FROM raw_purge WHERE blob = ?1")?;
        for blob in &blobs {
            del_blob.execute([blob])?;
            del_queue.execute([blob])?;
        }
        let mut hole =
            tx.prepare_cached("INSERT INTO raw_holes (pack, start, length) VALUES (?1, ?2, ?3)")?;
        for loc in &holes {
            hole.execute(params![
                loc.pack,
                loc.start() as i64,
                (loc.length + HEADER) as i64
            ])?;
        }
        Ok(())
    })?;
    Ok(blobs.len())
}

/// Opens (creating it if needed, never truncating) a pack file to read and write.
fn open_rw(path: &Path) -> Result<File> {
    OpenOptions::new()
        .create(true)
        .truncate(false)
        .read(true)
        .write(true)
        .open(path)
        .with_context(|| format!("cannot open {}", path.display()))
}

/// Erases the record of `record_len` bytes (header included) at `start` of `file`: its hash,
/// length and bytes are overwritten with zeros, then the length is written back and the magic
/// kept, so the pack still reads record by record; the whole blocks of its bytes go back to the
/// file system. Not durable until the caller syncs the file.
fn erase_record(file: &File, start: u64, record_len: u64) -> Result<()> {
    zero(file, start + 4, record_len.saturating_sub(4))?;
    if record_len >= HEADER {
        file.write_all_at(&(record_len - HEADER).to_le_bytes(), start + 36)
            .context("cannot overwrite erased bytes")?;
        punch(file, start + HEADER, record_len - HEADER);
    }
    Ok(())
}

/// Overwrites `len` bytes at `offset` of `file` with zeros.
fn zero(file: &File, offset: u64, len: u64) -> Result<()> {
    let zeros = vec![0u8; 1 << 16];
    let mut done = 0;
    while done < len {
        let n = (len - done).min(zeros.len() as u64) as usize;
        file.write_all_at(&zeros[..n], offset + done)
            .context("cannot overwrite erased bytes")?;
        done += n as u64;
    }
    Ok(())
}

/// Gives the whole file-system blocks inside `offset..offset+len` back (they read as zeros,
/// which they already are). Best effort: a file system without hole punching keeps the zeros.
fn punch(file: &File, offset: u64, len: u64) {
    const BLOCK: u64 = 4096;
    let start = offset.div_ceil(BLOCK) * BLOCK;
    let end = (offset + len) / BLOCK * BLOCK;
    if end > start {
        let flags = rustix::fs::FallocateFlags::PUNCH_HOLE | rustix::fs::FallocateFlags::KEEP_SIZE;
        if let Err(err) = rustix::fs::fallocate(file, flags, start, end - start) {
            tracing::debug!(error = %err, "hole punching not supported: the zeros stay on disk");
        }
    }
}

/// What [`mirror`] copied.
#[derive(Debug, Default, Clone, Copy)]
pub struct Mirrored {
    /// Messages whose bytes were copied.
    pub messages: u64,
    /// Bytes copied.
    pub bytes: u64,
}

/// Copies the committed part of every pack of `from` (a raw store whose database is `conn`)
/// into the raw store directory `to`: only what `to` lacks (packs only grow), then overwrites
/// with zeros the records erased since the last copy (`raw_holes` after the number kept in
/// `to/packs/HOLES`), so a backup forgets what was erased.
pub fn mirror(from: &Path, conn: &Connection, to: &Path) -> Result<Mirrored> {
    let packs = to.join("packs");
    fs::create_dir_all(&packs).with_context(|| format!("cannot create {}", packs.display()))?;
    let mut copied = Mirrored::default();
    let mut count =
        conn.prepare("SELECT count(*) FROM raw_blobs WHERE pack = ?1 AND offset >= ?2")?;
    for (pack, end) in committed_packs(conn)? {
        let src = pack_path(from, pack);
        let dst = pack_path(to, pack);
        let mut out = open_rw(&dst)?;
        let have = out.metadata()?.len();
        if have > end {
            out.set_len(end)?;
        }
        if have < end {
            let mut input =
                File::open(&src).with_context(|| format!("cannot open {}", src.display()))?;
            std::io::Seek::seek(&mut input, std::io::SeekFrom::Start(have))?;
            std::io::Seek::seek(&mut out, std::io::SeekFrom::Start(have))?;
            let n = std::io::copy(&mut input.take(end - have), &mut out)
                .with_context(|| format!("cannot copy {} to {}", src.display(), dst.display()))?;
            if n != end - have {
                bail!("{} is shorter than the database says", src.display());
            }
            copied.bytes += n;
            copied.messages +=
                count.query_row(params![pack, have as i64], |r| r.get::<_, i64>(0))? as u64;
        }
        out.sync_data()?;
    }
    let marker = packs.join("HOLES");
    let done: i64 = fs::read_to_string(&marker)
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(0);
    let holes: Vec<(i64, u32, u64, u64)> = conn
        .prepare("SELECT id, pack, start, length FROM raw_holes WHERE id > ?1 ORDER BY id")?
        .query_map([done], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get::<_, i64>(2)? as u64,
                r.get::<_, i64>(3)? as u64,
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut last = done;
    let mut files: HashMap<u32, File> = HashMap::new();
    for (id, pack, start, length) in holes {
        let path = pack_path(to, pack);
        if let std::collections::hash_map::Entry::Vacant(slot) = files.entry(pack) {
            match OpenOptions::new().write(true).open(&path) {
                Ok(file) => {
                    slot.insert(file);
                }
                // A pack the backup never had (all its records erased before the first copy).
                Err(err) if err.kind() == std::io::ErrorKind::NotFound => {}
                Err(err) => {
                    return Err(err).with_context(|| format!("cannot open {}", path.display()));
                }
            }
        }
        if let Some(file) = files.get(&pack) {
            let len = file.metadata()?.len();
            if start < len {
                erase_record(file, start, length.min(len - start))?;
            }
        }
        last = id;
    }
    for file in files.values() {
        file.sync_data()?;
    }
    if last != done {
        crate::private::write_private(&marker, last.to_string().as_bytes())?;
    }
    File::open(&packs)?.sync_all()?;
    Ok(copied)
}

/// Checks the structure of every pack against the database: each is at least as long as its
/// committed end; reports the (pack, bytes) past the end, which the next writer cuts off.
pub fn uncommitted_tails(root: &Path, conn: &Connection) -> Result<Vec<(u32, u64)>> {
    let ends: HashMap<u32, u64> = committed_packs(conn)?.into_iter().collect();
    let mut out = Vec::new();
    for (pack, path) in pack_files(root)? {
        let len = fs::metadata(&path)?.len();
        let end = ends.get(&pack).copied().unwrap_or(0);
        if len > end {
            out.push((pack, len - end));
        }
    }
    Ok(out)
}

/// Writes the messages of `messages` (hash, bytes) to a fresh raw store `root` whose database is
/// `store`: used by tests.
#[cfg(test)]
fn put(root: &Path, store: &mut crate::store::Store, messages: &[&[u8]]) -> Result<Vec<String>> {
    let mut writer = PackWriter::open(root, store.conn())?;
    let mut hashes = Vec::new();
    for bytes in messages {
        let h = hash(bytes);
        writer.append(store.conn(), &h, bytes)?;
        hashes.push(h);
    }
    writer.sync()?;
    store.transaction(|tx| writer.record(tx))?;
    writer.committed();
    Ok(hashes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fresh() -> (tempfile::TempDir, crate::store::Store, RawStore) {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("db.sqlite3");
        let store = crate::store::Store::open(&db).unwrap();
        let raw = RawStore::open(&dir.path().join("raw"), &db).unwrap();
        (dir, store, raw)
    }

    #[test]
    fn appended_messages_read_back_byte_for_byte_and_dedupe() {
        let (_dir, mut store, raw) = fresh();
        let a: &[u8] = b"Subject: a\r\n\r\nbody\r\n";
        let b: &[u8] = b"Subject: b\r\n\r\n\xe9t\xe9\r\n";
        let hashes = put(raw.root(), &mut store, &[a, b, a]).unwrap();
        assert_eq!(raw.read(&hashes[0]).unwrap(), a);
        assert_eq!(raw.read(&hashes[1]).unwrap(), b);
        assert!(raw.verify(&hashes[1]).unwrap());
        // The same bytes again, in a later batch: not appended twice.
        put(raw.root(), &mut store, &[b]).unwrap();
        let len = fs::metadata(raw.pack_path(1)).unwrap().len();
        assert_eq!(len, 2 * HEADER + (a.len() + b.len()) as u64);
        assert_eq!(raw.usage().unwrap(), ((a.len() + b.len()) as u64, 2));
    }

    #[test]
    fn an_uncommitted_batch_is_cut_off_by_the_next_writer() {
        let (_dir, mut store, raw) = fresh();
        put(raw.root(), &mut store, &[b"Subject: kept\r\n\r\nx\r\n"]).unwrap();
        let committed = fs::metadata(raw.pack_path(1)).unwrap().len();
        {
            // A batch appended and synced, then a crash before the SQLite commit.
            let mut writer = PackWriter::open(raw.root(), store.conn()).unwrap();
            writer
                .append(store.conn(), &hash(b"lost"), b"lost")
                .unwrap();
            writer.sync().unwrap();
        }
        assert!(fs::metadata(raw.pack_path(1)).unwrap().len() > committed);
        assert_eq!(
            uncommitted_tails(raw.root(), store.conn()).unwrap(),
            vec![(1, HEADER + 4)]
        );
        let writer = PackWriter::open(raw.root(), store.conn()).unwrap();
        assert_eq!(fs::metadata(raw.pack_path(1)).unwrap().len(), committed);
        drop(writer);
        assert!(raw.locate(&hash(b"lost")).unwrap().is_none());
    }

    #[test]
    fn one_writer_at_a_time() {
        let (_dir, store, raw) = fresh();
        let _first = PackWriter::open(raw.root(), store.conn()).unwrap();
        let second = PackWriter::open(raw.root(), store.conn());
        assert!(second.is_err(), "a second writer must be refused");
    }

    #[test]
    fn purge_overwrites_the_bytes_and_the_backup_copy_follows() {
        let (dir, mut store, raw) = fresh();
        let secret: &[u8] = b"From: jeanne@example.fr\r\n\r\nNIR 2 84 05 38 185 007 42\r\n";
        let other: &[u8] = b"From: paul@example.fr\r\n\r\nbonjour\r\n";
        let hashes = put(raw.root(), &mut store, &[secret, other]).unwrap();
        let backup = dir.path().join("backup-raw");
        mirror(raw.root(), store.conn(), &backup).unwrap();
        assert!(contains(&pack_path(&backup, 1), b"NIR 2 84"));
        store
            .conn()
            .execute("INSERT INTO raw_purge (blob) VALUES (?1)", [&hashes[0]])
            .unwrap();
        assert_eq!(purge(&mut store, &raw).unwrap(), 1);
        let pack = fs::read(raw.pack_path(1)).unwrap();
        assert!(!contains(&raw.pack_path(1), b"NIR 2 84"));
        assert!(
            !pack
                .windows(32)
                .any(|w| w == &hex::decode(&hashes[0]).unwrap()[..])
        );
        assert!(raw.read(&hashes[0]).is_err());
        assert_eq!(raw.read(&hashes[1]).unwrap(), other);
        assert!(raw.verify(&hashes[1]).unwrap());
        // The next backup erases its copy too, and copies nothing else.
        assert_eq!(mirror(raw.root(), store.conn(), &backup).unwrap().bytes, 0);
        assert!(!contains(&pack_path(&backup, 1), b"NIR 2 84"));
        assert!(contains(&pack_path(&backup, 1), b"bonjour"));
    }

    #[test]
    fn files_from_before_the_packs_are_read_then_moved() {
        let (_dir, mut store, raw) = fresh();
        let old: &[u8] = b"Subject: 2019\r\n\r\nancien\r\n";
        let h = hash(old);
        fs::create_dir_all(raw.loose_path(&h).parent().unwrap()).unwrap();
        fs::write(raw.loose_path(&h), old).unwrap();
        assert_eq!(raw.read(&h).unwrap(), old);
        assert!(raw.verify(&h).unwrap());
        let mut writer = PackWriter::open(raw.root(), store.conn()).unwrap();
        assert_eq!(writer.migrate_loose(&mut store).unwrap(), 1);
        assert_eq!(writer.migrate_loose(&mut store).unwrap(), 0);
        assert!(!raw.loose_path(&h).exists());
        assert_eq!(raw.read(&h).unwrap(), old);
        assert!(raw.locate(&h).unwrap().is_some());
    }

    fn contains(path: &Path, needle: &[u8]) -> bool {
        fs::read(path)
            .unwrap()
            .windows(needle.len())
            .any(|w| w == needle)
    }
}
