//! Files and directories that hold personal data, private to the user Permanence runs as:
//! directories 0700, files 0600, whatever the umask (the RGPD issue found the data directory
//! world-readable). Every module that writes mail, exports or backups out of the store uses
//! these helpers, so none of them depends on another module for it.

use std::fs::{DirBuilder, File, OpenOptions, Permissions};
use std::io::Write as _;
use std::os::unix::fs::{DirBuilderExt as _, OpenOptionsExt as _, PermissionsExt as _};
use std::path::Path;

use anyhow::{Context as _, Result, bail};

/// Makes sure `dir` is a directory to write private data into: created 0700 (its missing
/// parents with the usual modes) when it does not exist, or when it exists and is empty (made
/// for this). An existing directory that holds anything is the user's: its mode is left as they
/// chose (a warning says when others may enter it), and only what is written there is private.
/// An existing shared directory (sticky bit, like `/tmp`) is refused: give a directory of its
/// own. A symbolic link to a directory counts as that directory (the caller named it).
pub fn private_dir(dir: &Path) -> Result<()> {
    match std::fs::metadata(dir) {
        Ok(meta) if meta.is_dir() => {
            let mode = meta.permissions().mode() & 0o7777;
            if mode & 0o1000 != 0 {
                bail!(
                    "{} is a shared directory: give a directory of its own",
                    dir.display()
                );
            }
            let empty = std::fs::read_dir(dir)
                .with_context(|| format!("cannot list {}", dir.display()))?
                .next()
                .is_none();
            if !empty {
                if mode & 0o077 != 0 {
                    tracing::warn!(
                        dir = %dir.display(),
                        mode = %format!("{mode:04o}"),
                        "existing directory left as it is: others may list it; what is written there is private"
                    );
                }
                return Ok(());
            }
        }
        Ok(_) => bail!("{} exists and is not a directory", dir.display()),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            if let Some(parent) = dir.parent().filter(|p| !p.as_os_str().is_empty()) {
                std::fs::create_dir_all(parent)
                    .with_context(|| format!("cannot create {}", parent.display()))?;
            }
            match DirBuilder::new().mode(0o700).create(dir) {
                Ok(()) => {}
                Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => {}
                Err(err) => {
                    return Err(err).with_context(|| format!("cannot create {}", dir.display()));
                }
            }
        }
        Err(err) => return Err(err).with_context(|| format!("cannot read {}", dir.display())),
    }
    set_mode(dir, 0o700)
}

/// Creates (or truncates) `path` readable and writable by its owner only (0600).
pub fn private_file(path: &Path) -> Result<File> {
    let file = OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(path)
        .with_context(|| format!("cannot create {}", path.display()))?;
    // An existing file keeps its mode when opened: set it.
    file.set_permissions(Permissions::from_mode(0o600))
        .with_context(|| format!("cannot make {} private", path.display()))?;
    Ok(file)
}

/// Writes `bytes` to `path`, private to its owner (0600).
pub fn write_private(path: &Path, bytes: &[u8]) -> Result<()> {
    private_file(path)?
        .write_all(bytes)
        .with_context(|| format!("cannot write {}", path.display()))
}

/// Copies `from` to `to` and makes the copy private (`fs::copy` gives it the source's mode).
pub fn copy_private(from: &Path, to: &Path) -> Result<()> {
    std::fs::copy(from, to)
        .with_context(|| format!("cannot copy {} to {}", from.display(), to.display()))?;
    set_mode(to, 0o600)
}

/// Makes every directory under `root` (itself included) 0700 and every file 0600. Symbolic
/// links are left as they are, not followed.
pub fn make_private(root: &Path) -> Result<()> {
    let mut dirs = vec![root.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        set_mode(&dir, 0o700)?;
        for entry in
            std::fs::read_dir(&dir).with_context(|| format!("cannot list {}", dir.display()))?
        {
            let entry = entry?;
            let kind = entry.file_type()?;
            if kind.is_dir() {
                dirs.push(entry.path());
            } else if kind.is_file() {
                set_mode(&entry.path(), 0o600)?;
            }
        }
    }
    Ok(())
}

/// Sets the permission bits of `path` (following a symbolic link) when they differ.
pub fn set_mode(path: &Path, mode: u32) -> Result<()> {
    let meta =
        std::fs::metadata(path).with_context(|| format!("cannot read {}", path.display()))?;
    if meta.permissions().mode() & 0o7777 != mode {
        std::fs::set_permissions(path, Permissions::from_mode(mode))
            .with_context(|| format!("cannot make {} private", path.display()))?;
    }
    Ok(())
}
