//! The raw store keeps every original message byte for byte, content-addressed by the SHA-256 of
//! its bytes: `raw/<first two hex digits>/<hash>.eml`.
//!
//! Durability protocol (no lost mail): a batch of messages is [`RawStore::stage`]d (written to
//! `raw/tmp/`, then renamed into place), then [`RawStore::sync`] flushes the file system once for
//! the whole batch, and only then does the caller record the batch in SQLite. A crash before the
//! SQLite commit leaves at worst an unrecorded file, which the next ingest of the same bytes
//! verifies and reuses. One `syncfs` per batch instead of one `fsync` per file keeps ingest fast
//! (measured here: 0.65 ms per file fsync vs 0.13 ms per file for a 200-file syncfs).

use std::fs::{self, File};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use anyhow::{Context as _, Result};
use sha2::{Digest, Sha256};

/// Content-addressed store of original messages.
#[derive(Debug, Clone)]
pub struct RawStore {
    root: PathBuf,
}

static TMP_COUNTER: AtomicU64 = AtomicU64::new(0);

/// The store name of `bytes`: lower-case hex SHA-256.
pub fn hash(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

impl RawStore {
    /// Opens (creating if needed) the store rooted at `root`.
    pub fn open(root: &Path) -> Result<RawStore> {
        fs::create_dir_all(root.join("tmp"))
            .with_context(|| format!("cannot create raw store {}", root.display()))?;
        Ok(RawStore {
            root: root.to_path_buf(),
        })
    }

    /// Where the message with this hash lives.
    pub fn path(&self, hash: &str) -> PathBuf {
        let shard = hash.get(..2).unwrap_or("00");
        self.root.join(shard).join(format!("{hash}.eml"))
    }

    /// Writes `bytes` under `hash` unless an intact copy is already there. Not durable until
    /// [`RawStore::sync`] returns. Returns true when a file was written.
    pub fn stage(&self, hash: &str, bytes: &[u8]) -> Result<bool> {
        let path = self.path(hash);
        if self.is_intact(&path, hash, bytes.len() as u64) {
            return Ok(false);
        }
        let dir = path.parent().unwrap_or(&self.root);
        fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        let tmp = self.root.join("tmp").join(format!(
            "{}.{}.{}",
            std::process::id(),
            TMP_COUNTER.fetch_add(1, Ordering::Relaxed),
            hash
        ));
        let mut file =
            File::create(&tmp).with_context(|| format!("cannot create {}", tmp.display()))?;
        file.write_all(bytes)
            .with_context(|| format!("cannot write {}", tmp.display()))?;
        drop(file);
        fs::rename(&tmp, &path)
            .with_context(|| format!("cannot move {} to {}", tmp.display(), path.display()))?;
        Ok(true)
    }

    /// Makes every staged file durable (one `syncfs` of the store's file system).
    pub fn sync(&self) -> Result<()> {
        let dir = File::open(&self.root)
            .with_context(|| format!("cannot open {}", self.root.display()))?;
        rustix::fs::syncfs(&dir).with_context(|| format!("syncfs {}", self.root.display()))?;
        Ok(())
    }

    /// Reads the original bytes of `hash`.
    pub fn read(&self, hash: &str) -> Result<Vec<u8>> {
        let path = self.path(hash);
        let mut bytes = Vec::new();
        File::open(&path)
            .and_then(|mut f| f.read_to_end(&mut bytes))
            .with_context(|| format!("cannot read raw message {}", path.display()))?;
        Ok(bytes)
    }

    /// True when the file for `hash` exists and its bytes hash to its name.
    pub fn verify(&self, hash: &str) -> Result<bool> {
        let path = self.path(hash);
        match fs::read(&path) {
            Ok(bytes) => Ok(self::hash(&bytes) == hash),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(false),
            Err(err) => Err(err).with_context(|| format!("cannot read {}", path.display())),
        }
    }

    /// Total size in bytes and number of stored messages.
    pub fn usage(&self) -> Result<(u64, u64)> {
        let (mut bytes, mut files) = (0, 0);
        for shard in fs::read_dir(&self.root)
            .with_context(|| format!("cannot list {}", self.root.display()))?
        {
            let shard = shard?;
            if shard.file_name() == "tmp" || !shard.file_type()?.is_dir() {
                continue;
            }
            for entry in fs::read_dir(shard.path())? {
                let entry = entry?;
                bytes += entry.metadata()?.len();
                files += 1;
            }
        }
        Ok((bytes, files))
    }

    /// A file already at `path` is reused only if it has the expected size and hash: a crash
    /// between rename and sync can leave a short or empty file under the final name.
    fn is_intact(&self, path: &Path, hash: &str, len: u64) -> bool {
        match fs::metadata(path) {
            Ok(meta) if meta.len() == len => self.verify(hash).unwrap_or(false),
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stage_is_idempotent_and_repairs_a_truncated_file() {
        let dir = tempfile::tempdir().unwrap();
        let store = RawStore::open(dir.path()).unwrap();
        let bytes = b"Subject: x\r\n\r\nbody\r\n";
        let h = hash(bytes);
        assert!(store.stage(&h, bytes).unwrap());
        assert!(
            !store.stage(&h, bytes).unwrap(),
            "second stage must reuse the intact file"
        );
        store.sync().unwrap();
        assert_eq!(store.read(&h).unwrap(), bytes);
        fs::write(store.path(&h), b"Subj").unwrap();
        assert!(!store.verify(&h).unwrap());
        assert!(
            store.stage(&h, bytes).unwrap(),
            "a truncated file must be rewritten"
        );
        assert!(store.verify(&h).unwrap());
        assert_eq!(store.usage().unwrap(), (bytes.len() as u64, 1));
    }
}
