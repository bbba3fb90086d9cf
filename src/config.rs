//! `permanence.toml`: the data directory's configuration. `init` writes a commented file with the
//! defaults; unknown keys are rejected (a typo must not silently change behaviour) and errors name
//! the file, line and key.

use std::path::Path;

use anyhow::{Context as _, Result, bail};
use serde::Deserialize;

/// The whole configuration file. Every section is optional; missing keys take their defaults.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// How messages are stored and parsed.
    #[serde(default)]
    pub ingest: IngestConfig,
    /// How the full-text index is built.
    #[serde(default)]
    pub index: IndexConfig,
}

/// `[ingest]`
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct IngestConfig {
    /// Messages larger than this (MB) are stored byte for byte, but only their headers are parsed
    /// and indexed; a warning names them.
    pub max_parse_mb: u64,
    /// Messages per SQLite transaction (and per raw-store sync).
    pub batch_size: usize,
}

impl Default for IngestConfig {
    fn default() -> Self {
        Self {
            max_parse_mb: 100,
            batch_size: 500,
        }
    }
}

/// `[index]`
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct IndexConfig {
    /// Text indexed per message (body plus quoted text), in KB; longer text is cut with a warning.
    pub max_text_kb: usize,
    /// Memory given to the index writer, in MB (at least 15 per thread).
    pub writer_heap_mb: usize,
    /// Indexing threads.
    pub writer_threads: usize,
}

impl Default for IndexConfig {
    fn default() -> Self {
        Self {
            max_text_kb: 512,
            writer_heap_mb: 128,
            writer_threads: 2,
        }
    }
}

/// The file `init` writes: every key with its default, commented.
pub const DEFAULT_CONFIG: &str = r#"# Permanence configuration.
# Every key is optional: the values shown are the defaults. Secrets never go in this file.

[ingest]
# Messages larger than this (MB) are stored byte for byte, but only their headers are parsed and
# indexed; `ingest` prints a warning naming each one.
max_parse_mb = 100
# Messages per database transaction (and per durable sync of the raw store).
batch_size = 500

[index]
# Text indexed per message (body and quoted replies), in KB. Longer text is cut, with a warning;
# the original stays complete in the raw store.
max_text_kb = 512
# Memory for the index writer, in MB, and indexing threads.
writer_heap_mb = 128
writer_threads = 2
"#;

impl Config {
    /// Parses configuration text; `origin` names the file in error messages.
    pub fn parse(text: &str, origin: &str) -> Result<Config> {
        let config: Config = toml::from_str(text).map_err(|err| {
            let line = err
                .span()
                .map(|span| text[..span.start.min(text.len())].matches('\n').count() + 1);
            match line {
                Some(line) => anyhow::anyhow!("{origin}:{line}: {}", err.message()),
                None => anyhow::anyhow!("{origin}: {}", err.message()),
            }
        })?;
        config
            .validate()
            .with_context(|| format!("{origin}: invalid configuration"))?;
        Ok(config)
    }

    /// Reads `path`, or returns the defaults when it does not exist.
    pub fn load(path: &Path) -> Result<Config> {
        match std::fs::read_to_string(path) {
            Ok(text) => Config::parse(&text, &path.display().to_string()),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
            Err(err) => Err(err).with_context(|| format!("cannot read {}", path.display())),
        }
    }

    /// Checks values that TOML types alone cannot.
    pub fn validate(&self) -> Result<()> {
        if self.ingest.batch_size == 0 {
            bail!("ingest.batch_size must be at least 1");
        }
        if self.index.writer_threads == 0 {
            bail!("index.writer_threads must be at least 1");
        }
        if self.index.writer_heap_mb < 15 * self.index.writer_threads {
            bail!("index.writer_heap_mb must be at least 15 per writer thread");
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_file_parses_to_defaults() {
        let config = Config::parse(DEFAULT_CONFIG, "permanence.toml").unwrap();
        assert_eq!(
            config.ingest.max_parse_mb,
            IngestConfig::default().max_parse_mb
        );
        assert_eq!(config.index.max_text_kb, IndexConfig::default().max_text_kb);
    }

    #[test]
    fn unknown_key_is_rejected_with_its_line() {
        let text = "[ingest]\nbatch_size = 10\nbatch_sise = 3\n";
        let err = Config::parse(text, "p.toml").unwrap_err().to_string();
        assert!(err.starts_with("p.toml:3:"), "{err}");
        assert!(err.contains("batch_sise"), "{err}");
    }

    #[test]
    fn zero_batch_is_invalid() {
        let err = Config::parse("[ingest]\nbatch_size = 0\n", "p.toml").unwrap_err();
        assert!(format!("{err:#}").contains("batch_size"));
    }
}
