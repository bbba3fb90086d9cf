//! Local mail sources: Maildir trees (cur/ and new/, Maildir++ subfolders, recursively), mbox
//! files (mboxrd and mboxo, `From ` un-escaping), single files and stdin. Each yields [`Input`]s:
//! the bytes of one message and where they came from, or the read error for that input, so one
//! unreadable file never stops the rest.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};

/// One message read from a source.
#[derive(Debug)]
pub struct Input {
    /// `maildir`, `mbox`, `file`, `stdin` or `imap`.
    pub kind: &'static str,
    /// Where it came from: a path, `path#N` for the Nth message of an mbox, …
    pub location: String,
    /// The raw bytes, or why they could not be read.
    pub bytes: std::result::Result<Vec<u8>, String>,
    /// Found in the office's sent mail (IMAP Sent folder, Maildir `.Sent` folder): the office
    /// wrote it.
    pub outgoing: bool,
}

/// Every message file of a Maildir tree, sorted: files directly inside a `cur` or `new`
/// directory at any depth (so Maildir++ `.Sent/cur` and nested folders are included; `tmp/`,
/// `dovecot-uidlist`, index files and other non-message files around them are not).
pub fn maildir_files(root: &Path) -> Result<Vec<PathBuf>> {
    let meta = std::fs::metadata(root)
        .with_context(|| format!("cannot read maildir {}", root.display()))?;
    anyhow::ensure!(meta.is_dir(), "{} is not a directory", root.display());
    let mut files = Vec::new();
    let mut dirs = vec![root.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        let entries = match std::fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(err) => {
                tracing::warn!(dir = %dir.display(), error = %err, "cannot list maildir folder, skipped");
                continue;
            }
        };
        let is_mail_dir = matches!(
            dir.file_name().and_then(|n| n.to_str()),
            Some("cur" | "new")
        );
        for entry in entries.flatten() {
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            let path = entry.path();
            if kind.is_dir() {
                if entry.file_name() != "tmp" {
                    dirs.push(path);
                }
            } else if kind.is_file() && is_mail_dir {
                files.push(path);
            }
        }
    }
    files.sort();
    Ok(files)
}

/// Reads one file as an input of `kind`.
pub fn read_file(path: &Path, kind: &'static str) -> Input {
    let bytes = std::fs::read(path).map_err(|err| {
        if path.is_dir() {
            "is a directory (use --maildir for a Maildir)".to_string()
        } else {
            err.to_string()
        }
    });
    Input {
        kind,
        location: path.display().to_string(),
        bytes,
        outgoing: kind == "maildir" && in_sent_folder(path),
    }
}

/// A Maildir message file in the office's sent folder (`.Sent/cur/…`, `Éléments envoyés/new/…`).
fn in_sent_folder(path: &Path) -> bool {
    let Some(folder) = path
        .parent()
        .and_then(Path::parent)
        .and_then(Path::file_name)
    else {
        return false;
    };
    let name = crate::util::fold(&folder.to_string_lossy());
    [
        "sent",
        "sent items",
        "sent messages",
        "sent mail",
        "elements envoyes",
        "messages envoyes",
        "envoyes",
    ]
    .contains(&name.as_str())
}

/// Reads standard input as one message.
pub fn read_stdin() -> Input {
    let mut bytes = Vec::new();
    let result = std::io::stdin()
        .lock()
        .read_to_end(&mut bytes)
        .map(|_| bytes)
        .map_err(|e| e.to_string());
    Input {
        kind: "stdin",
        location: "stdin".into(),
        bytes: result,
        outgoing: false,
    }
}

/// Streams the messages of an mbox file. Separators are lines starting with `From ` (the
/// envelope line is not part of the message); `>From `, `>>From `… lines lose one `>` (mboxrd;
/// for mboxo this restores the single escaped level too). The blank line mbox writers put before
/// each separator is removed.
pub struct Mbox {
    reader: BufReader<File>,
    path: String,
    count: usize,
    pending: Option<Vec<u8>>,
    done: bool,
}

impl Mbox {
    /// Opens an mbox file.
    pub fn open(path: &Path) -> Result<Mbox> {
        let file =
            File::open(path).with_context(|| format!("cannot open mbox {}", path.display()))?;
        Ok(Mbox {
            reader: BufReader::with_capacity(1 << 20, file),
            path: path.display().to_string(),
            count: 0,
            pending: None,
            done: false,
        })
    }

    fn next_message(&mut self) -> Option<std::result::Result<Vec<u8>, String>> {
        let mut message = Vec::new();
        let mut started = self.pending.take().is_some();
        let mut line = Vec::new();
        loop {
            line.clear();
            match self.reader.read_until(b'\n', &mut line) {
                Ok(0) => {
                    self.done = true;
                    break;
                }
                Ok(_) => {}
                Err(err) => {
                    self.done = true;
                    return Some(Err(format!("read error in mbox: {err}")));
                }
            }
            if line.starts_with(b"From ") {
                if started {
                    self.pending = Some(Vec::new());
                    break;
                }
                started = true;
                continue;
            }
            if !started {
                // Text before the first separator: not mbox data; keep it as a message so
                // nothing read is dropped silently.
                started = true;
            }
            let unescaped = match line.iter().position(|&b| b != b'>') {
                Some(n) if n > 0 && line[n..].starts_with(b"From ") => &line[1..],
                _ => &line[..],
            };
            message.extend_from_slice(unescaped);
        }
        if !started {
            return None;
        }
        // The separator is preceded by an empty line that belongs to the mbox format.
        if message.ends_with(b"\r\n\r\n") {
            message.truncate(message.len() - 2);
        } else if message.ends_with(b"\n\n") {
            message.truncate(message.len() - 1);
        }
        Some(Ok(message))
    }
}

impl Iterator for Mbox {
    type Item = Input;

    fn next(&mut self) -> Option<Input> {
        if self.done && self.pending.is_none() {
            return None;
        }
        let bytes = self.next_message()?;
        self.count += 1;
        Some(Input {
            kind: "mbox",
            location: format!("{}#{}", self.path, self.count),
            bytes,
            outgoing: false,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mbox_splits_and_unescapes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("box");
        std::fs::write(
            &path,
            "From a@x Mon Jan  1 00:00:00 2024\nSubject: one\n\nbody\n>From here\n>>From there\n\n\
             From b@x Mon Jan  1 00:00:00 2024\nSubject: two\n\nlast\n",
        )
        .unwrap();
        let inputs: Vec<Input> = Mbox::open(&path).unwrap().collect();
        assert_eq!(inputs.len(), 2);
        assert_eq!(
            inputs[0].bytes.as_ref().unwrap(),
            b"Subject: one\n\nbody\nFrom here\n>From there\n"
        );
        assert_eq!(inputs[1].bytes.as_ref().unwrap(), b"Subject: two\n\nlast\n");
        assert!(inputs[1].location.ends_with("#2"));
    }

    #[test]
    fn maildir_walk_finds_subfolders_and_skips_tmp_and_control_files() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for sub in ["cur", "new", "tmp", ".Sent/cur", ".Sent/new", ".Sent/tmp"] {
            std::fs::create_dir_all(root.join(sub)).unwrap();
        }
        std::fs::write(root.join("cur/1:2,S"), "Subject: a\n\nx").unwrap();
        std::fs::write(root.join("new/2"), "Subject: b\n\nx").unwrap();
        std::fs::write(root.join("tmp/3"), "Subject: c\n\nx").unwrap();
        std::fs::write(root.join(".Sent/cur/4:2,S"), "Subject: d\n\nx").unwrap();
        std::fs::write(root.join("dovecot-uidlist"), "3 V1 N2").unwrap();
        let files = maildir_files(root).unwrap();
        let names: Vec<String> = files
            .iter()
            .map(|p| p.strip_prefix(root).unwrap().display().to_string())
            .collect();
        assert_eq!(names, vec![".Sent/cur/4:2,S", "cur/1:2,S", "new/2"]);
    }
}
