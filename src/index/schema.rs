//! The index schema and the analyzers it registers. Field names are the query syntax's field
//! names (`from:`, `subject:`, …), so they are part of the CLI contract.
//!
//! Prose fields (subject, body, quoted text) use the French analyzer of [`crate::french`], the
//! one the theme rules use too; names and addresses are only split, lower-cased and folded.

use tantivy::Index;
use tantivy::schema::{
    DateOptions, DateTimePrecision, FAST, Field, INDEXED, IndexRecordOption, STORED, STRING,
    Schema, TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer,
};

/// Analyzer for French prose.
pub const FRENCH: &str = "fr_stem";
/// Analyzer for names and addresses: split, lower-case, fold accents; no stemming.
pub const FOLD: &str = "fold";

/// Typed handles on every field.
#[derive(Debug, Clone)]
pub struct Fields {
    /// SQLite row id.
    pub id: Field,
    /// Subject.
    pub subject: Field,
    /// Own text and forwarded messages.
    pub body: Field,
    /// Quoted replies (down-weighted).
    pub quoted: Field,
    /// From name and address.
    pub from: Field,
    /// To and Cc names and addresses.
    pub to: Field,
    /// Attachment names and types.
    pub attachment: Field,
    /// Attachment names and the text extracted from the attachments (issue 19): what
    /// `attachment:` / `pj:` search, and plain queries below the sender's own words.
    pub attachment_text: Field,
    /// Date (seconds).
    pub date: Field,
    /// personal | auto_reply | bulk | bounce | spam.
    pub kind: Field,
    /// Language code.
    pub lang: Field,
    /// Message-ID.
    pub msgid: Field,
    /// Matched official (filled by the officials stage).
    pub official: Field,
    /// Communes: INSEE codes and names (filled by the rules stage).
    pub commune: Field,
    /// Theme slugs (filled by the rules stage).
    pub theme: Field,
    /// Case id (filled by the cases stage).
    pub case: Field,
    /// Matched official's id: search facet and filter.
    pub official_id: Field,
    /// Communes' INSEE codes: search facet and filter.
    pub commune_code: Field,
    /// Local month of the date, `YYYY-MM`: search facet and filter.
    pub month: Field,
}

fn text(analyzer: &str, stored: bool) -> TextOptions {
    let indexing = TextFieldIndexing::default()
        .set_tokenizer(analyzer)
        .set_index_option(IndexRecordOption::WithFreqsAndPositions);
    let options = TextOptions::default().set_indexing_options(indexing);
    if stored {
        options.set_stored()
    } else {
        options
    }
}

/// Builds the schema.
pub fn build() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let fields = Fields {
        id: b.add_u64_field("id", INDEXED | FAST | STORED),
        subject: b.add_text_field("subject", text(FRENCH, true)),
        body: b.add_text_field("body", text(FRENCH, true)),
        quoted: b.add_text_field("quoted", text(FRENCH, false)),
        from: b.add_text_field("from", text(FOLD, true)),
        to: b.add_text_field("to", text(FOLD, true)),
        attachment: b.add_text_field("attachment", text(FOLD, true)),
        attachment_text: b.add_text_field("attachment_text", text(FRENCH, true)),
        date: b.add_date_field(
            "date",
            DateOptions::default()
                .set_indexed()
                .set_fast()
                .set_stored()
                .set_precision(DateTimePrecision::Seconds),
        ),
        kind: b.add_text_field("kind", STRING | STORED | FAST),
        lang: b.add_text_field("lang", STRING | STORED),
        msgid: b.add_text_field("msgid", STRING | STORED),
        official: b.add_text_field("official", text(FOLD, true)),
        commune: b.add_text_field("commune", text(FOLD, true)),
        theme: b.add_text_field("theme", STRING | STORED | FAST),
        case: b.add_u64_field("case", INDEXED | STORED),
        official_id: b.add_u64_field("official_id", INDEXED | FAST),
        commune_code: b.add_text_field("commune_code", STRING | FAST),
        month: b.add_text_field("month", STRING | FAST),
    };
    (b.build(), fields)
}

/// Registers the analyzers on an opened index (they are not persisted by tantivy).
pub fn register_tokenizers(index: &Index) {
    let fold = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(60))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build();
    index
        .tokenizers()
        .register(FRENCH, crate::french::analyzer());
    index.tokenizers().register(FOLD, fold);
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::french::tokens;

    /// The prose fields are analysed by the shared French analyzer (its own tests are in
    /// `french.rs`), so search terms and rule keywords meet the same forms.
    #[test]
    fn prose_fields_use_the_french_analyzer() {
        let (schema, _) = build();
        let index = Index::create_in_ram(schema);
        register_tokenizers(&index);
        let mut registered = index.tokenizers().get(FRENCH).unwrap();
        let text = "l'Église et les écoles de la commune";
        assert_eq!(
            tokens(&mut registered, text),
            tokens(&mut crate::french::analyzer(), text)
        );
    }
}
