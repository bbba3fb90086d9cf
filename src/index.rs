//! The full-text index (tantivy), derived from SQLite and the raw store.
//!
//! One document per message, keyed by the SQLite row id. Each commit carries a payload with the
//! highest row id it contains and the schema version; on open, rows after that id are indexed
//! again (catch-up after a crash between the SQLite and the index commit), and a schema change
//! empties the index so that catch-up rebuilds it whole. `reindex` is the same catch-up from 0.
//!
//! Only one process may write (tantivy's lock file); readers never block.

pub mod facets;
pub mod row;
pub mod schema;
pub mod search;

use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};
use serde::{Deserialize, Serialize};
use tantivy::schema::Value as _;
use tantivy::{
    DateTime, Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, TantivyError, Term,
};

use crate::parse::ParsedMail;
pub use row::IndexRow;
pub use schema::Fields;

/// Bumped whenever the schema or an analyzer changes: the index is then rebuilt.
pub const SCHEMA_VERSION: u32 = 3;

/// What each commit records.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Payload {
    last_id: i64,
    schema: u32,
}

/// An opened index: the tantivy index and its typed fields. Cloning gives another handle on
/// the same index (the web interface searches without holding the data directory).
#[derive(Clone)]
pub struct MailIndex {
    index: Index,
    fields: Fields,
    dir: PathBuf,
}

impl MailIndex {
    /// Opens the index in `dir`, creating it (or recreating it after a schema change).
    pub fn open(dir: &Path) -> Result<MailIndex> {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("cannot create index dir {}", dir.display()))?;
        let (schema, fields) = schema::build();
        let index = if dir.join("meta.json").exists() {
            let index = Index::open_in_dir(dir)
                .with_context(|| format!("cannot open index {}", dir.display()))?;
            let payload = read_payload(&index)?;
            if index.schema() != schema || (payload.last_id > 0 && payload.schema != SCHEMA_VERSION)
            {
                tracing::warn!(dir = %dir.display(), "index schema changed: rebuilding the index");
                drop(index);
                clear_dir(dir)?;
                Index::create_in_dir(dir, schema).context("cannot create index")?
            } else {
                index
            }
        } else {
            Index::create_in_dir(dir, schema).context("cannot create index")?
        };
        schema::register_tokenizers(&index);
        Ok(MailIndex {
            index,
            fields,
            dir: dir.to_path_buf(),
        })
    }

    /// The typed fields.
    pub fn fields(&self) -> &Fields {
        &self.fields
    }

    /// The tantivy index.
    pub fn inner(&self) -> &Index {
        &self.index
    }

    /// A reader on the last commit (reload it with `reload()` to see later commits).
    pub fn reader(&self) -> Result<IndexReader> {
        self.index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .context("cannot open index reader")
    }

    /// Highest SQLite row id contained in the last commit (0 when empty).
    pub fn committed_last_id(&self) -> Result<i64> {
        Ok(read_payload(&self.index)?.last_id)
    }

    /// Takes the writer lock. Fails with a clear message when another process holds it.
    pub fn writer(&self, heap_mb: usize, threads: usize) -> Result<Indexer> {
        let writer = match self.index.writer_with_num_threads(threads, heap_mb << 20) {
            Ok(w) => w,
            Err(TantivyError::LockFailure(..)) => bail!(
                "the index {} is locked by another permanence process (is the daemon running?)",
                self.dir.display()
            ),
            Err(err) => return Err(err).context("cannot open index writer"),
        };
        let last_id = self.committed_last_id()?;
        Ok(Indexer {
            writer,
            fields: self.fields.clone(),
            last_id,
            pending: 0,
        })
    }

    /// Like [`MailIndex::writer`], but waits up to `patience` while another process holds the
    /// writer briefly (a command or a web action re-indexing a few corrected messages), so that
    /// the daemon or an ingest does not fail for starting at the same moment.
    pub fn writer_waiting(
        &self,
        heap_mb: usize,
        threads: usize,
        patience: std::time::Duration,
    ) -> Result<Indexer> {
        let deadline = std::time::Instant::now() + patience;
        loop {
            match self.writer(heap_mb, threads) {
                Ok(w) => return Ok(w),
                Err(err)
                    if std::time::Instant::now() < deadline
                        && format!("{err:#}").contains("is locked by another") =>
                {
                    std::thread::sleep(std::time::Duration::from_millis(200));
                }
                Err(err) => return Err(err),
            }
        }
    }

    /// Size of the index files in bytes.
    pub fn disk_usage(&self) -> u64 {
        std::fs::read_dir(&self.dir)
            .map(|entries| {
                entries
                    .filter_map(|e| e.ok()?.metadata().ok())
                    .map(|m| m.len())
                    .sum()
            })
            .unwrap_or(0)
    }
}

fn read_payload(index: &Index) -> Result<Payload> {
    let metas = index.load_metas().context("cannot read index metadata")?;
    Ok(metas
        .payload
        .as_deref()
        .and_then(|p| serde_json::from_str(p).ok())
        .unwrap_or_default())
}

fn clear_dir(dir: &Path) -> Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            std::fs::remove_dir_all(&path)?;
        } else {
            std::fs::remove_file(&path)?;
        }
    }
    Ok(())
}

/// The only writer of the index. Documents are visible to readers after [`Indexer::commit`].
pub struct Indexer {
    writer: IndexWriter<TantivyDocument>,
    fields: Fields,
    last_id: i64,
    pending: usize,
}

/// Limits applied when building documents.
#[derive(Debug, Clone, Copy)]
pub struct DocLimits {
    /// Bytes of text (body + forwarded + quoted) indexed per message.
    pub max_text_bytes: usize,
}

impl DocLimits {
    /// The limits `[index]` sets (`max_text_kb`).
    pub fn from_config(index: &crate::config::IndexConfig) -> DocLimits {
        DocLimits {
            max_text_bytes: index.max_text_kb << 10,
        }
    }
}

impl Indexer {
    /// Highest row id added so far (committed or not).
    pub fn last_id(&self) -> i64 {
        self.last_id
    }

    /// Documents added since the last commit.
    pub fn pending(&self) -> usize {
        self.pending
    }

    /// Adds (or replaces) the document of `row`; text beyond `limits` is not indexed (the pipeline
    /// warns about it when it parses the message).
    pub fn upsert(
        &mut self,
        row: &IndexRow,
        parsed: Option<&ParsedMail>,
        limits: DocLimits,
    ) -> Result<()> {
        let f = &self.fields;
        self.writer
            .delete_term(Term::from_field_u64(f.id, row.id as u64));
        let mut doc = TantivyDocument::default();
        doc.add_u64(f.id, row.id as u64);
        doc.add_date(f.date, DateTime::from_timestamp_secs(row.date));
        doc.add_text(f.kind, &row.kind);
        doc.add_text(f.lang, &row.language);
        doc.add_text(f.msgid, &row.message_id);
        if !row.official.is_empty() {
            doc.add_text(f.official, &row.official);
        }
        if !row.communes.is_empty() {
            doc.add_text(f.commune, &row.communes);
        }
        for theme in row.themes.split_whitespace() {
            doc.add_text(f.theme, theme);
        }
        if let Some(official) = row.official_id {
            doc.add_u64(f.official_id, official as u64);
        }
        for code in &row.commune_codes {
            doc.add_text(f.commune_code, code);
        }
        doc.add_text(f.month, crate::util::local_month(row.date));
        if let Some(p) = parsed {
            doc.add_text(f.subject, &p.subject);
            if let Some(from) = &p.from {
                doc.add_text(f.from, format!("{} <{}>", from.name, from.address).trim());
            }
            let to: Vec<String> =
                p.to.iter()
                    .chain(&p.cc)
                    .map(|m| format!("{} <{}>", m.name, m.address))
                    .collect();
            doc.add_text(f.to, to.join(", "));
            let mut budget = limits.max_text_bytes;
            for (field, text) in [
                (f.body, &p.body),
                (f.body, &p.forwarded),
                (f.quoted, &p.quoted),
            ] {
                let part = crate::util::take_prefix(text, budget);
                budget -= part.len();
                if !part.is_empty() {
                    doc.add_text(field, part);
                }
            }
            for a in &p.attachments {
                doc.add_text(f.attachment, format!("{} {}", a.filename, a.mime).trim());
                if !a.filename.is_empty() {
                    doc.add_text(f.attachment_text, &a.filename);
                }
            }
            for name in &p.nested_attachment_names {
                doc.add_text(f.attachment, name);
            }
        }
        if !row.attachment_text.is_empty() {
            let part = crate::util::take_prefix(&row.attachment_text, limits.max_text_bytes);
            doc.add_text(f.attachment_text, part);
        }
        self.writer
            .add_document(doc)
            .context("add document to index")?;
        self.last_id = self.last_id.max(row.id);
        self.pending += 1;
        Ok(())
    }

    /// Makes every added document durable and visible, recording the last row id.
    pub fn commit(&mut self) -> Result<()> {
        let payload = serde_json::to_string(&Payload {
            last_id: self.last_id,
            schema: SCHEMA_VERSION,
        })?;
        let mut prepared = self
            .writer
            .prepare_commit()
            .context("prepare index commit")?;
        prepared.set_payload(&payload);
        prepared.commit().context("commit index")?;
        self.pending = 0;
        Ok(())
    }

    /// Deletes the documents of `ids` for good (personal-data erasure, retention): deletes them,
    /// commits, merges every segment into one so the deleted documents are physically rewritten
    /// away, and removes the files no longer used. Returns how many ids were deleted.
    pub fn purge(&mut self, ids: &[i64]) -> Result<usize> {
        for id in ids {
            self.writer
                .delete_term(Term::from_field_u64(self.fields.id, *id as u64));
        }
        self.commit()?;
        let segments = self
            .writer
            .index()
            .searchable_segment_ids()
            .context("list index segments")?;
        if !segments.is_empty() {
            self.writer
                .merge(&segments)
                .wait()
                .context("merge index segments")?;
        }
        self.writer
            .garbage_collect_files()
            .wait()
            .context("remove unused index files")?;
        Ok(ids.len())
    }

    /// Removes every document (for a full rebuild); takes effect at the next commit.
    pub fn clear(&mut self) -> Result<()> {
        self.writer.delete_all_documents().context("clear index")?;
        self.last_id = 0;
        Ok(())
    }

    /// Waits for merges to finish (call before dropping after large imports).
    pub fn wait_merging(self) -> Result<()> {
        self.writer
            .wait_merging_threads()
            .context("wait for index merges")
    }
}

/// Reads a stored text field of a document.
pub fn stored_text(doc: &TantivyDocument, field: tantivy::schema::Field) -> String {
    doc.get_first(field)
        .and_then(|v| v.as_str())
        .unwrap_or_default()
        .to_string()
}
