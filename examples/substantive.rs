//! Prints, for each message file given (or each file of a Maildir's `cur/`), its Message-ID, the
//! number of words of substantive text its campaign signature is made from (0 when it has none)
//! and the signature (empty below the minimum), to choose `campaign::MIN_SUBSTANTIVE_WORDS` and
//! the similarity threshold from labelled data:
//!
//! ```text
//! cargo run --example substantive -- fixtures/cases-eval-a/maildir > words.tsv
//! ```

use std::path::PathBuf;

fn main() -> anyhow::Result<()> {
    let mut files: Vec<PathBuf> = Vec::new();
    for arg in std::env::args().skip(1) {
        let path = PathBuf::from(arg);
        if path.join("cur").is_dir() {
            for entry in std::fs::read_dir(path.join("cur"))? {
                files.push(entry?.path());
            }
        } else {
            files.push(path);
        }
    }
    files.sort();
    let options = permanence::parse::ParseOptions::default();
    for file in files {
        let bytes = std::fs::read(&file)?;
        let Ok(mail) = permanence::parse::parse(&bytes, &options) else {
            continue;
        };
        let text = permanence::cases::campaign::signature_text(&mail);
        let signature = permanence::cases::campaign::signature(&text)
            .map(|s| s.iter().map(u32::to_string).collect::<Vec<_>>().join(","))
            .unwrap_or_default();
        println!(
            "{}\t{}\t{signature}",
            mail.message_id.as_deref().unwrap_or(""),
            permanence::cases::campaign::substantive_words(&text)
        );
    }
    Ok(())
}
