//! Local mail sources: Maildir trees (cur/ and new/, Maildir++ subfolders, recursively), mbox
//! files (mboxrd and mboxo, `From ` un-escaping), single files and stdin. Each yields [`Input`]s:
//! the bytes of one message and where they came from, or the read error for that input, so one
//! unreadable file never stops the rest.
//!
//! Every source is read with a bound (`[ingest] max_message_mb`): never more than the cap plus
//! one byte of one input is held in memory, and a larger input is refused ([`refused`]) by name
//! while the rest of the batch goes on. A Maildir walk never follows a symbolic link and never
//! opens a FIFO, a socket or a device: each such entry, and each entry that cannot be read, is
//! reported ([`MaildirScan::skipped`]) instead of being skipped silently.

use std::fs::File;
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom};
use std::os::unix::fs::{FileTypeExt as _, OpenOptionsExt as _};
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use anyhow::{Context as _, Result};
use regex::bytes::Regex;

use crate::util::{human_size, quote_name};

/// One message read from a source.
#[derive(Debug)]
pub struct Input {
    /// `maildir`, `mbox`, `file`, `stdin` or `imap`.
    pub kind: &'static str,
    /// Where it came from: a path, `path#N` for the Nth message of an mbox, …
    pub location: String,
    /// The raw bytes, or why they could not be read (see [`refused`] for inputs over the cap).
    pub bytes: std::result::Result<Vec<u8>, String>,
    /// Found in the office's sent mail (IMAP Sent folder, Maildir `.Sent` folder): the office
    /// wrote it.
    pub outgoing: bool,
}

/// How the reason of a refused input starts (see [`refused`]).
pub const REFUSED: &str = "refused: ";

/// The reason given for an input larger than the cap (`cap` bytes): `refused: larger than
/// ingest.max_message_mb (200 MB): 250.0 MB, not stored`. `size` is the input's size when known.
pub fn refused(size: Option<u64>, cap: u64) -> String {
    let size = match size {
        Some(size) => human_size(size),
        None => format!("more than {}", human_size(cap)),
    };
    format!(
        "{REFUSED}larger than ingest.max_message_mb ({} MB): {size}, not stored",
        cap >> 20
    )
}

/// An entry of a Maildir tree that was not read, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// Its path.
    pub location: String,
    /// Why it was not read (lower case).
    pub reason: String,
}

/// What a Maildir walk found.
#[derive(Debug, Default)]
pub struct MaildirScan {
    /// Message files, sorted.
    pub files: Vec<PathBuf>,
    /// Symbolic links, FIFOs, sockets, devices and unreadable entries or folders: not read,
    /// reported.
    pub skipped: Vec<Skipped>,
}

/// The message files of a Maildir tree (see [`scan_maildir`]); entries not read are only logged.
pub fn maildir_files(root: &Path) -> Result<Vec<PathBuf>> {
    Ok(scan_maildir(root)?.files)
}

/// Every message file of a Maildir tree, sorted: regular files directly inside a `cur` or `new`
/// directory at any depth (so Maildir++ `.Sent/cur` and nested folders are included; `tmp/`,
/// `dovecot-uidlist`, index files and other non-message files around them are not). Symbolic
/// links are never followed (a link could lead out of the Maildir, or in a loop) and FIFOs,
/// sockets and devices never opened (a FIFO would block the run): each is reported in
/// [`MaildirScan::skipped`], with every entry or folder that cannot be read.
pub fn scan_maildir(root: &Path) -> Result<MaildirScan> {
    let meta = std::fs::metadata(root).with_context(|| {
        format!(
            "cannot read maildir {}",
            quote_name(&root.display().to_string())
        )
    })?;
    anyhow::ensure!(
        meta.is_dir(),
        "{} is not a directory",
        quote_name(&root.display().to_string())
    );
    let mut scan = MaildirScan::default();
    let mut skip = |path: &Path, reason: String| {
        tracing::warn!(path = %path.display(), reason, "maildir entry not read");
        scan.skipped.push(Skipped {
            location: path.display().to_string(),
            reason,
        });
    };
    let mut files = Vec::new();
    let mut dirs = vec![root.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        let entries = match std::fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(err) => {
                skip(&dir, format!("cannot list folder: {err}"));
                continue;
            }
        };
        let is_mail_dir = matches!(
            dir.file_name().and_then(|n| n.to_str()),
            Some("cur" | "new")
        );
        for entry in entries {
            let entry = match entry {
                Ok(entry) => entry,
                Err(err) => {
                    skip(&dir, format!("cannot read folder entry: {err}"));
                    continue;
                }
            };
            let path = entry.path();
            // `file_type` does not follow symbolic links.
            let kind = match entry.file_type() {
                Ok(kind) => kind,
                Err(err) => {
                    skip(&path, format!("cannot read entry: {err}"));
                    continue;
                }
            };
            if kind.is_dir() {
                if entry.file_name() != "tmp" {
                    dirs.push(path);
                }
            } else if kind.is_file() {
                if is_mail_dir {
                    files.push(path);
                }
            } else if kind.is_symlink() {
                let target = std::fs::read_link(&path)
                    .map(|t| t.display().to_string())
                    .unwrap_or_else(|_| "?".into());
                skip(
                    &path,
                    format!(
                        "symbolic link to {}: not followed (ingest the target itself if it is mail)",
                        quote_name(&target)
                    ),
                );
            } else if kind.is_fifo() {
                skip(&path, "FIFO (named pipe): not opened".into());
            } else if kind.is_socket() {
                skip(&path, "socket: not opened".into());
            } else if kind.is_block_device() || kind.is_char_device() {
                skip(&path, "device file: not opened".into());
            } else {
                skip(&path, "not a regular file: not opened".into());
            }
        }
    }
    files.sort();
    scan.files = files;
    Ok(scan)
}

/// Reads one file given on the command line as an input of `kind`, at most `cap` bytes: a
/// larger file is refused (see [`refused`]) without being read.
pub fn read_file(path: &Path, kind: &'static str, cap: u64) -> Input {
    let bytes = File::open(path)
        .and_then(|file| read_capped(file, cap))
        .map_err(|err| {
            if path.is_dir() {
                "is a directory (use --maildir for a Maildir)".to_string()
            } else {
                err.to_string()
            }
        })
        .and_then(|read| read);
    Input {
        kind,
        location: path.display().to_string(),
        bytes,
        outgoing: false,
    }
}

/// Reads one Maildir message file found by [`scan_maildir`], at most `cap` bytes. Opened without
/// following a symbolic link and without blocking, then checked to be a regular file: an entry
/// swapped for a link or a FIFO since the walk is refused, never followed or waited on.
pub fn read_maildir_file(path: &Path, cap: u64) -> Input {
    let open = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags((rustix::fs::OFlags::NOFOLLOW | rustix::fs::OFlags::NONBLOCK).bits() as i32)
        .open(path);
    let bytes = match open {
        Ok(file) => match file.metadata() {
            Ok(meta) if meta.is_file() => {
                read_capped(file, cap).unwrap_or_else(|e| Err(e.to_string()))
            }
            Ok(_) => Err("not a regular file: not opened".to_string()),
            Err(err) => Err(err.to_string()),
        },
        Err(err) if err.raw_os_error() == Some(rustix::io::Errno::LOOP.raw_os_error()) => {
            Err("symbolic link: not followed".to_string())
        }
        Err(err) => Err(err.to_string()),
    };
    Input {
        kind: "maildir",
        location: path.display().to_string(),
        bytes,
        outgoing: in_sent_folder(path),
    }
}

/// Reads `file` whole when it holds at most `cap` bytes (never more than `cap + 1` bytes are
/// read); the inner error is the refusal.
fn read_capped(file: File, cap: u64) -> std::io::Result<std::result::Result<Vec<u8>, String>> {
    let size = file
        .metadata()
        .ok()
        .filter(|m| m.is_file())
        .map(|m| m.len());
    if let Some(size) = size
        && size > cap
    {
        return Ok(Err(refused(Some(size), cap)));
    }
    let mut bytes = Vec::with_capacity(size.unwrap_or(0).min(cap) as usize);
    file.take(cap.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > cap {
        // The file grew since it was measured, or has no size (a pipe).
        return Ok(Err(refused(None, cap)));
    }
    Ok(Ok(bytes))
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

/// Reads standard input as one message, at most `cap` bytes (never more than `cap + 1` are
/// read): a larger one is refused.
pub fn read_stdin(cap: u64) -> Input {
    let mut bytes = Vec::new();
    let result = std::io::stdin()
        .lock()
        .take(cap.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| e.to_string())
        .and_then(|_| {
            if bytes.len() as u64 > cap {
                Err(refused(None, cap))
            } else {
                Ok(bytes)
            }
        });
    Input {
        kind: "stdin",
        location: "stdin".into(),
        bytes: result,
        outgoing: false,
    }
}

/// An mbox envelope (`From_`) line: `From `, a sender (anything, even empty or quoted), then a
/// date — asctime as qmail, mutt, Thunderbird (`From - Mon Jan  1 00:00:00 2024`) and Python
/// write it, optionally with seconds, a zone before the year (Gmail Takeout: `Tue Nov 05
/// 14:33:11 +0000 2019`) or after it, or an RFC 5322 date. A body line such as « From the
/// mayor's office » or « From 12 to 14 June 2024 at 10:00 » is not one.
static ENVELOPE: LazyLock<Regex> = LazyLock::new(|| {
    const DAY: &str = "(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)";
    const MONTH: &str = "(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)";
    const TIME: &str = r"\d{1,2}:\d{2}(?::\d{2})?";
    const ZONE: &str = r"(?:[A-Z]{1,5}|[+-]\d{4})";
    Regex::new(&format!(
        r"(?i-u)^From .*?\b{DAY},?[ \t]+(?:{MONTH}[ \t]+\d{{1,2}},?[ \t]+{TIME}(?:[ \t]+{ZONE})?[ \t]+\d{{4}}|\d{{1,2}}[ \t]+{MONTH}[ \t]+\d{{4}}[ \t]+{TIME})\b"
    ))
    .expect("static regex")
});

/// True when `line` is an mbox envelope line (see [`ENVELOPE`]).
fn is_envelope(line: &[u8]) -> bool {
    line.starts_with(b"From ") && line.len() < 1_000 && ENVELOPE.is_match(line)
}

fn is_blank(line: &[u8]) -> bool {
    line == b"\n" || line == b"\r\n"
}

/// mboxrd/mboxo un-escaping: `>From `, `>>From `… lose one `>`.
fn unescape(line: &[u8]) -> &[u8] {
    match line.iter().position(|&b| b != b'>') {
        Some(n) if n > 0 && line[n..].starts_with(b"From ") => &line[1..],
        _ => line,
    }
}

/// Reads lines of at most this many bytes at a time: a line without end cannot fill memory.
const LINE_CHUNK: u64 = 1 << 20;

/// Streams the messages of an mbox file.
///
/// A message starts after an envelope line (see [`ENVELOPE`]) that is the file's first line or
/// follows a blank line; any other `From ` line is body text (mboxo writers leave them
/// unescaped), so unescaped body lines never split a message. When the headers carry a
/// `Content-Length` (mboxcl, mutt, Solaris), that many body bytes end at a line end, and the
/// bytes right after them are a valid separator (end of file, or an envelope line, after at
/// most one blank line), the message ends exactly there, whatever its body holds; otherwise the
/// separator rule decides (the header is the sender's: it cannot cut a line). The envelope line
/// is not part of the message; `>From `, `>>From `… lines lose one `>` (mboxrd; for mboxo this
/// restores the single escaped level too); the blank line mbox writers put before each
/// separator is removed. A message larger than the cap (see [`Mbox::max_bytes`]) is
/// skipped without being held in memory and given as refused.
pub struct Mbox {
    reader: BufReader<File>,
    path: String,
    count: usize,
    cap: u64,
    /// The next message's envelope line has been read (or the file starts with no envelope).
    at_message: bool,
    /// Nothing is left to read.
    done: bool,
}

impl Mbox {
    /// Opens an mbox file. Messages are capped at 200 MB until [`Mbox::max_bytes`] says otherwise.
    pub fn open(path: &Path) -> Result<Mbox> {
        let file = File::open(path).with_context(|| {
            format!(
                "cannot open mbox {}",
                quote_name(&path.display().to_string())
            )
        })?;
        Ok(Mbox {
            reader: BufReader::with_capacity(1 << 20, file),
            path: path.display().to_string(),
            count: 0,
            cap: 200 << 20,
            at_message: false,
            done: false,
        })
    }

    /// Messages larger than `cap` bytes are refused (`[ingest] max_message_mb`).
    pub fn max_bytes(mut self, cap: u64) -> Mbox {
        self.cap = cap;
        self
    }

    /// Reads up to the end of the line, or [`LINE_CHUNK`] bytes. Empty at end of file.
    fn read_chunk(&mut self, out: &mut Vec<u8>) -> std::io::Result<usize> {
        out.clear();
        (&mut self.reader).take(LINE_CHUNK).read_until(b'\n', out)
    }

    /// The position of the next byte to read.
    fn position(&mut self) -> std::io::Result<u64> {
        self.reader.stream_position()
    }

    /// Moves the reader to `pos`, keeping its buffer when `pos` is inside it (a Content-Length
    /// check looks a few lines ahead, then comes back).
    fn seek_to(&mut self, pos: u64) -> std::io::Result<()> {
        let here = self.position()?;
        let offset = i64::try_from(pos)
            .ok()
            .zip(i64::try_from(here).ok())
            .map(|(pos, here)| pos - here);
        match offset {
            Some(offset) => self.reader.seek_relative(offset),
            None => self.reader.seek(SeekFrom::Start(pos)).map(drop),
        }
    }

    /// The next message, or the read error that ends the file.
    fn next_message(&mut self) -> Option<std::result::Result<Vec<u8>, String>> {
        let result = self.read_message();
        match result {
            Ok(Some(message)) => Some(message),
            Ok(None) => None,
            Err(err) => {
                self.done = true;
                Some(Err(format!("read error in mbox: {err}")))
            }
        }
    }

    /// Reads one message (the reader is after its envelope line, or at the file's start); the
    /// inner error is a refusal (over the cap). Every line is read in chunks of at most
    /// [`LINE_CHUNK`] bytes and a message over the cap is dropped as it is read.
    ///
    /// Plan:
    /// 1. at the file's start, a `From ` line is the envelope and skipped (any other first line
    ///    is kept: text before the first envelope is a message too, nothing read is dropped);
    /// 2. header lines up to the blank line, noting `Content-Length`;
    /// 3. with a Content-Length followed by a valid separator, read that many bytes: the message
    ///    ends there;
    /// 4. otherwise body lines up to an envelope line that follows a blank line.
    fn read_message(&mut self) -> std::io::Result<Option<std::result::Result<Vec<u8>, String>>> {
        let mut message = Vec::new();
        // Bytes of this message (kept or not) and whether it went over the cap.
        let mut size: u64 = 0;
        let mut over = false;
        let mut chunk = Vec::new();
        let cap = self.cap;
        let keep = |message: &mut Vec<u8>, bytes: &[u8], size: &mut u64, over: &mut bool| {
            *size += bytes.len() as u64;
            if *size > cap {
                if !*over {
                    *over = true;
                    *message = Vec::new();
                }
            } else {
                message.extend_from_slice(bytes);
            }
        };
        // Step 1: the file's first line; a `From ` line there is the envelope.
        let mut pending = None;
        if !self.at_message {
            if self.read_chunk(&mut chunk)? == 0 {
                self.done = true;
                return Ok(None);
            }
            self.at_message = true;
            if !chunk.starts_with(b"From ") {
                pending = Some(std::mem::take(&mut chunk));
            }
        }
        // Step 2: headers, up to the blank line.
        let mut content_length: Option<u64> = None;
        let mut at_start = true;
        loop {
            let line = match pending.take() {
                Some(line) => line,
                None => {
                    if self.read_chunk(&mut chunk)? == 0 {
                        self.done = true;
                        return Ok(Some(self.finish(message, size, over, true)));
                    }
                    std::mem::take(&mut chunk)
                }
            };
            let line_start = at_start;
            at_start = line.ends_with(b"\n");
            let bytes = if line_start {
                unescape(&line)
            } else {
                &line[..]
            };
            keep(&mut message, bytes, &mut size, &mut over);
            if line_start && is_blank(&line) {
                break;
            }
            if line_start && line.len() > 15 && line[..15].eq_ignore_ascii_case(b"content-length:")
            {
                content_length = std::str::from_utf8(&line[15..])
                    .ok()
                    .and_then(|v| v.trim().parse().ok());
            }
            chunk = line;
        }
        // Step 3: Content-Length.
        if let Some(length) = content_length
            && let Some(end) = self.content_length_end(length)?
        {
            let mut remaining = length;
            let mut at_start = true;
            while remaining > 0 {
                chunk.clear();
                let n = (&mut self.reader)
                    .take(remaining.min(LINE_CHUNK))
                    .read_until(b'\n', &mut chunk)?;
                if n == 0 {
                    break;
                }
                remaining -= n as u64;
                let bytes = if at_start {
                    unescape(&chunk)
                } else {
                    &chunk[..]
                };
                keep(&mut message, bytes, &mut size, &mut over);
                at_start = chunk.ends_with(b"\n");
            }
            // The separator: the blank line and envelope line (or end of file) checked above.
            self.seek_to(end.position)?;
            self.at_message = true;
            self.done = end.eof;
            return Ok(Some(self.finish(message, size, over, false)));
        }
        // Step 4: body lines up to a separator.
        let mut prev_blank = true;
        let mut at_start = true;
        loop {
            if self.read_chunk(&mut chunk)? == 0 {
                self.done = true;
                return Ok(Some(self.finish(message, size, over, true)));
            }
            let line_start = at_start;
            at_start = chunk.ends_with(b"\n");
            if line_start && prev_blank && is_envelope(&chunk) {
                self.at_message = true;
                return Ok(Some(self.finish(message, size, over, true)));
            }
            prev_blank = line_start && is_blank(&chunk);
            let bytes = if line_start {
                unescape(&chunk)
            } else {
                &chunk[..]
            };
            keep(&mut message, bytes, &mut size, &mut over);
        }
    }

    /// With the reader at the start of a body of `length` bytes (a Content-Length): whether a
    /// valid separator follows those bytes — the body ends at a line end (its last byte is
    /// `\n`, or it is empty), then end of file, or an envelope line after at most one blank
    /// line. Returns where the next message's headers start (after its envelope line). The
    /// reader is back at the body's start in either case. Never for a pipe.
    fn content_length_end(&mut self, length: u64) -> std::io::Result<Option<SeparatorEnd>> {
        let meta = self.reader.get_ref().metadata()?;
        if !meta.is_file() {
            // A pipe cannot be read twice: the envelope rule decides.
            return Ok(None);
        }
        let file_len = meta.len();
        let start = self.position()?;
        if start.checked_add(length).is_none_or(|end| end > file_len) {
            return Ok(None);
        }
        let mut line = Vec::new();
        let mut found = None;
        // The header is the sender's: it must end the body at a line end (or be 0, the body
        // starting right after the blank line that ends the headers), or a `From ` in the middle
        // of a body line (left unescaped by every writer) would start a forged message.
        if length > 0 {
            self.seek_to(start + length - 1)?;
            let mut last = [0u8; 1];
            self.reader.read_exact(&mut last)?;
            if last[0] != b'\n' {
                self.seek_to(start)?;
                return Ok(None);
            }
        }
        for _ in 0..2 {
            if self.read_chunk(&mut line)? == 0 {
                found = Some(SeparatorEnd {
                    position: file_len,
                    eof: true,
                });
                break;
            }
            if is_envelope(&line) {
                found = Some(SeparatorEnd {
                    position: self.position()?,
                    eof: false,
                });
                break;
            }
            if !is_blank(&line) {
                break;
            }
        }
        self.seek_to(start)?;
        Ok(found)
    }

    /// The message as read: refused when over the cap; otherwise, when `separated` (not
    /// delimited by its Content-Length), without the blank line that belongs to the mbox format
    /// before a separator.
    fn finish(
        &self,
        mut message: Vec<u8>,
        size: u64,
        over: bool,
        separated: bool,
    ) -> std::result::Result<Vec<u8>, String> {
        if over {
            return Err(refused(Some(size), self.cap));
        }
        if separated {
            if message.ends_with(b"\r\n\r\n") {
                message.truncate(message.len() - 2);
            } else if message.ends_with(b"\n\n") {
                message.truncate(message.len() - 1);
            }
        }
        Ok(message)
    }
}

/// Where a message delimited by Content-Length is followed by the next one.
struct SeparatorEnd {
    /// File position of the next message's first header line (or the file's end).
    position: u64,
    /// Nothing follows.
    eof: bool,
}

impl Iterator for Mbox {
    type Item = Input;

    fn next(&mut self) -> Option<Input> {
        if self.done {
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

    fn messages(text: &str) -> Vec<Input> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("box");
        std::fs::write(&path, text).unwrap();
        Mbox::open(&path).unwrap().collect()
    }

    fn text(input: &Input) -> &str {
        std::str::from_utf8(input.bytes.as_ref().unwrap()).unwrap()
    }

    #[test]
    fn mbox_splits_and_unescapes() {
        let inputs = messages(
            "From a@x Mon Jan  1 00:00:00 2024\nSubject: one\n\nbody\n>From here\n>>From there\n\n\
             From b@x Mon Jan  1 00:00:00 2024\nSubject: two\n\nlast\n",
        );
        assert_eq!(inputs.len(), 2);
        assert_eq!(
            text(&inputs[0]),
            "Subject: one\n\nbody\nFrom here\n>From there\n"
        );
        assert_eq!(text(&inputs[1]), "Subject: two\n\nlast\n");
        assert!(inputs[1].location.ends_with("#2"));
    }

    #[test]
    fn envelope_lines_of_every_writer() {
        for line in [
            "From MAILER-DAEMON Fri Apr  6 16:46:09 2001",
            "From - Mon Jan  1 00:00:00 2024",
            "From jean@x.fr  Sat Nov 26 21:40:36 2005",
            "From 1583931093463459221@xxx Tue Nov 05 14:33:11 +0000 2019",
            "From a@b Wed Feb 14 09:05 2024",
            "From \"quoted name\"@example.com Thu Mar  7 10:00:00 CET 2024",
            "From a@b Thu Mar  7 10:00:00 2024 +0100",
            "From a@b Thu, 7 Mar 2024 10:00:00 +0100",
            "From  Mon Jan  1 00:00:00 2024",
            "From a@b Mon Jan  1 00:00:00 2024 remote from uucp",
            "From a@b Mon Jan  1 00:00:00 2024\r",
        ] {
            assert!(is_envelope(format!("{line}\n").as_bytes()), "{line}");
        }
        for line in [
            "From the mayor's office, a question.",
            "From what we know of the budget (2024), the school must close.",
            "From 12 to 14 June 2024 at 10:00 we meet.",
            "From Monday to Friday, 9:00 to 17:00, since 2024",
            "From:  the council",
            "from a@b Mon Jan  1 00:00:00 2024",
        ] {
            assert!(!is_envelope(format!("{line}\n").as_bytes()), "{line}");
        }
    }

    #[test]
    fn from_lines_without_a_blank_line_or_a_date_do_not_split() {
        let inputs = messages(
            "From a@x Mon Jan  1 00:00:00 2024\nSubject: one\n\nbody\nFrom b@x Mon Jan  1 00:00:00 2024\n\n\
             From here on\nend\n\nFrom b@x Tue Jan  2 00:00:00 2024\nSubject: two\n\nlast\n",
        );
        assert_eq!(inputs.len(), 2);
        assert_eq!(
            text(&inputs[0]),
            "Subject: one\n\nbody\nFrom b@x Mon Jan  1 00:00:00 2024\n\nFrom here on\nend\n"
        );
    }

    #[test]
    fn content_length_ends_the_message_when_a_separator_follows() {
        let body = "a\n\nFrom x@y Mon Jan  1 00:00:00 2024\nb\n";
        let inputs = messages(&format!(
            "From a@x Mon Jan  1 00:00:00 2024\nSubject: one\nContent-Length: {}\n\n{body}\n\
             From b@x Mon Jan  1 00:00:00 2024\nSubject: two\nContent-Length: 99\n\nlast\n\n\
             From c@x Mon Jan  1 00:00:00 2024\nSubject: three\ncontent-length: 5\n\nthree",
            body.len()
        ));
        assert_eq!(inputs.len(), 3);
        assert_eq!(
            text(&inputs[0]),
            format!("Subject: one\nContent-Length: {}\n\n{body}", body.len())
        );
        // A wrong Content-Length (past the end of the file) is ignored.
        assert_eq!(
            text(&inputs[1]),
            "Subject: two\nContent-Length: 99\n\nlast\n"
        );
        assert_eq!(
            text(&inputs[2]),
            "Subject: three\ncontent-length: 5\n\nthree"
        );
    }

    #[test]
    fn content_length_must_end_the_body_at_a_line_end() {
        let body = "a\nzzFrom x@y Mon Jan  1 00:00:00 2024\nSubject: forged\n\nf\n";
        let length = body.find("From x@y").unwrap();
        let inputs = messages(&format!(
            "From a@x Mon Jan  1 00:00:00 2024\nSubject: one\nContent-Length: {length}\n\n{body}\n\
             From b@x Mon Jan  1 00:00:00 2024\nSubject: two\nContent-Length: 0\n\n\n\
             From c@x Mon Jan  1 00:00:00 2024\nSubject: three\n\nlast\n"
        ));
        assert_eq!(inputs.len(), 3);
        assert_eq!(
            text(&inputs[0]),
            format!("Subject: one\nContent-Length: {length}\n\n{body}")
        );
        // An empty body is at a line end: Content-Length 0 is honoured.
        assert_eq!(text(&inputs[1]), "Subject: two\nContent-Length: 0\n\n");
        assert_eq!(text(&inputs[2]), "Subject: three\n\nlast\n");
    }

    #[test]
    fn text_before_the_first_envelope_and_crlf() {
        let inputs = messages(
            "Subject: no envelope\r\n\r\nbody\r\n\r\nFrom b@x Mon Jan  1 00:00:00 2024\r\nSubject: two\r\n\r\nlast\r\n",
        );
        assert_eq!(inputs.len(), 2);
        assert_eq!(text(&inputs[0]), "Subject: no envelope\r\n\r\nbody\r\n");
        assert_eq!(text(&inputs[1]), "Subject: two\r\n\r\nlast\r\n");
    }

    #[test]
    fn an_mbox_read_through_a_pipe() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo");
        // Made directly (no external `mkfifo`): the test cannot pass without reading a pipe.
        rustix::fs::mkfifoat(
            rustix::fs::CWD,
            &fifo,
            rustix::fs::Mode::RUSR | rustix::fs::Mode::WUSR,
        )
        .expect("make a FIFO");
        assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
        let writer = {
            let fifo = fifo.clone();
            std::thread::spawn(move || {
                std::fs::write(
                    fifo,
                    "From a@x Mon Jan  1 00:00:00 2024\nSubject: one\nContent-Length: 2\n\nab\n\n\
                     From b@x Mon Jan  1 00:00:00 2024\nSubject: two\n\nlast\n",
                )
                .unwrap();
            })
        };
        let inputs: Vec<Input> = Mbox::open(&fifo).unwrap().collect();
        writer.join().unwrap();
        assert_eq!(inputs.len(), 2);
        assert_eq!(text(&inputs[0]), "Subject: one\nContent-Length: 2\n\nab\n");
        assert_eq!(text(&inputs[1]), "Subject: two\n\nlast\n");
    }

    #[test]
    fn a_message_over_the_cap_is_refused_and_the_next_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("box");
        let big = "x".repeat(5000);
        std::fs::write(
            &path,
            format!(
                "From a@x Mon Jan  1 00:00:00 2024\nSubject: one\n\n{big}\n{big}\n\n\
                 From b@x Mon Jan  1 00:00:00 2024\nSubject: two\n\nlast\n"
            ),
        )
        .unwrap();
        let inputs: Vec<Input> = Mbox::open(&path).unwrap().max_bytes(4096).collect();
        assert_eq!(inputs.len(), 2);
        let err = inputs[0].bytes.as_ref().unwrap_err();
        assert!(err.starts_with(REFUSED), "{err}");
        assert_eq!(text(&inputs[1]), "Subject: two\n\nlast\n");
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
        let scan = scan_maildir(root).unwrap();
        let names: Vec<String> = scan
            .files
            .iter()
            .map(|p| p.strip_prefix(root).unwrap().display().to_string())
            .collect();
        assert_eq!(names, vec![".Sent/cur/4:2,S", "cur/1:2,S", "new/2"]);
        assert!(scan.skipped.is_empty());
    }

    #[test]
    fn a_file_over_the_cap_is_refused_unread() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m");
        std::fs::write(&path, vec![b'x'; 2000]).unwrap();
        let input = read_file(&path, "file", 1000);
        assert_eq!(
            input.bytes.unwrap_err(),
            "refused: larger than ingest.max_message_mb (0 MB): 2.0 KB, not stored"
        );
        assert_eq!(read_maildir_file(&path, 2000).bytes.unwrap().len(), 2000);
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&path, &link).unwrap();
        assert!(
            read_maildir_file(&link, 2000).bytes.is_err(),
            "never follows a link"
        );
    }
}
