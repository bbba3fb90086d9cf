//! The data directory and everything opened from it: configuration, SQLite store, raw store and
//! index. Layout:
//!
//! ```text
//! DIR/permanence.toml      configuration (commented defaults written by `init`; `--config FILE`
//!                          or $PERMANENCE_CONFIG puts it elsewhere, e.g. /etc/permanence/)
//! DIR/permanence.sqlite3   SQLite database, WAL mode (source of truth)
//! DIR/raw/packs/*.pack    original messages, byte for byte (where: SQLite `raw_blobs`)
//! DIR/index/               tantivy index (derived; `reindex` rebuilds it)
//! DIR/rules/*.toml         theme rules (the default taxonomy is copied there on first use)
//! ```
//!
//! Everything in it is private mail or protects it (password hashes, session tokens): the binary
//! sets its umask to 077 before anything else ([`private_by_default`]), so every file it creates
//! is 0600 and every directory 0700, and `verify` lists what is looser ([`loose_permissions`]).

use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};

use crate::config::{Config, DEFAULT_CONFIG};
use crate::index::MailIndex;
use crate::rawstore::RawStore;
use crate::store::Store;

/// The default French taxonomy, copied into the data directory's `rules/` on first use.
static DEFAULT_RULES: include_dir::Dir<'_> =
    include_dir::include_dir!("$CARGO_MANIFEST_DIR/rules/themes");

/// Name of the configuration file in the data directory.
pub const CONFIG_FILE: &str = "permanence.toml";
/// The configuration file given by `--config` or `$PERMANENCE_CONFIG`, when set: a packaged
/// installation keeps it in `/etc/permanence/` while the data stays in `/var/lib/permanence`.
static CONFIG_OVERRIDE: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();

/// Names the configuration file for the rest of the process (set once, by the CLI, before any
/// directory is opened).
pub fn set_config_path(path: PathBuf) {
    let _ = CONFIG_OVERRIDE.set(path);
}

/// The configuration file of the data directory `dir`: the one set by [`set_config_path`],
/// else `DIR/permanence.toml`.
pub fn config_path(dir: &Path) -> PathBuf {
    CONFIG_OVERRIDE
        .get()
        .cloned()
        .unwrap_or_else(|| dir.join(CONFIG_FILE))
}

/// Name of the database file.
pub const DB_FILE: &str = "permanence.sqlite3";

/// An opened data directory.
pub struct Context {
    /// The data directory.
    pub dir: PathBuf,
    /// Its configuration.
    pub config: Config,
    /// The database.
    pub store: Store,
    /// The original messages.
    pub raw: RawStore,
    /// The full-text index.
    pub index: MailIndex,
}

impl Context {
    /// The rules directory.
    pub fn rules_dir(&self) -> PathBuf {
        self.dir.join(&self.config.rules.dir)
    }
}

impl Context {
    /// Opens the data directory, creating it (with a commented configuration) on first use.
    pub fn open(dir: &Path) -> Result<Context> {
        init_dir(dir)?;
        let config = Config::load(&config_path(dir))?;
        if let Some(zone) = config.office.zone() {
            crate::util::set_zone(zone);
        }
        let store = Store::open(&dir.join(DB_FILE))?;
        let raw = RawStore::open(&dir.join("raw"), &dir.join(DB_FILE))?;
        let index = MailIndex::open(&dir.join("index"))?;
        Ok(Context {
            dir: dir.to_path_buf(),
            config,
            store,
            raw,
            index,
        })
    }
}

/// Makes every file and directory this process creates private to its user (umask 077): the
/// data directory, the database and its journal, raw messages, the index, backups and exports.
/// Called first thing by the binary.
pub fn private_by_default() {
    rustix::process::umask(rustix::fs::Mode::from_raw_mode(0o077));
}

/// Files and directories under `dir` (itself included, symbolic links not followed) that the
/// group or others may read, write or enter, with their mode. At most `limit` are listed; the
/// count is of all of them.
pub fn loose_permissions(dir: &Path, limit: usize) -> (usize, Vec<(PathBuf, u32)>) {
    use std::os::unix::fs::PermissionsExt as _;
    let mut found = Vec::new();
    let mut count = 0;
    let mut pending = vec![dir.to_path_buf()];
    while let Some(path) = pending.pop() {
        let Ok(meta) = std::fs::symlink_metadata(&path) else {
            continue;
        };
        if meta.file_type().is_symlink() {
            continue;
        }
        let mode = meta.permissions().mode() & 0o777;
        if mode & 0o077 != 0 {
            count += 1;
            if found.len() < limit {
                found.push((path.clone(), mode));
            }
        }
        if meta.is_dir()
            && let Ok(entries) = std::fs::read_dir(&path)
        {
            pending.extend(entries.flatten().map(|e| e.path()));
        }
    }
    found.sort();
    (count, found)
}

/// Creates `dir` (mode 0700 when this creates it) and writes the default configuration unless
/// one exists. Returns true when the configuration was written.
pub fn init_dir(dir: &Path) -> Result<bool> {
    let existed = dir.exists();
    std::fs::create_dir_all(dir)
        .with_context(|| format!("cannot create data directory {}", dir.display()))?;
    if !existed {
        use std::os::unix::fs::PermissionsExt as _;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
            .with_context(|| format!("cannot make {} private", dir.display()))?;
    }
    let rules = dir.join("rules");
    if !rules.exists() {
        std::fs::create_dir_all(&rules)
            .with_context(|| format!("cannot create {}", rules.display()))?;
        for file in DEFAULT_RULES.files() {
            let target = rules.join(file.path());
            std::fs::write(&target, file.contents())
                .with_context(|| format!("cannot write {}", target.display()))?;
        }
    }
    let config = config_path(dir);
    if config.exists() {
        return Ok(false);
    }
    if let Some(parent) = config.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
    }
    std::fs::write(&config, DEFAULT_CONFIG)
        .with_context(|| format!("cannot write {}", config.display()))?;
    Ok(true)
}
