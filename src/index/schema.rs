//! The index schema and its analyzers. Field names are the query syntax's field names
//! (`from:`, `subject:`, …), so they are part of the CLI contract.
//!
//! French text: split on non-alphanumerics (so `l'Église` gives `l`, `église`), lower-case, drop
//! French stop words and elided articles, fold accents, French Snowball stemming, and drop a plural
//! `s`/`x` the stemmer leaves on short words. Folding comes before stemming so that the accentless
//! words people type meet the accented text: stemming first gives "rentrée" -> "rentr" but
//! "rentree" -> "rentre", "sécurité" -> "secur" but "securite" -> "securit"; folding first gives
//! one stem for both (measured on 45 word pairs, see `accents_and_inflections_meet`).

use tantivy::Index;
use tantivy::schema::{
    DateOptions, DateTimePrecision, FAST, Field, INDEXED, IndexRecordOption, STORED, STRING,
    Schema, TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer,
    StopWordFilter, TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer,
};

/// Analyzer for French prose.
pub const FRENCH: &str = "fr_stem";
/// Analyzer for names and addresses: split, lower-case, fold accents; no stemming.
pub const FOLD: &str = "fold";

/// Elided articles and pronouns left over when `l'école` is split on the apostrophe.
const ELISIONS: &[&str] = &[
    "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu",
];

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

/// The French analyzer (see the module doc); also used by the rules stage, so that rule
/// keywords and search match the same forms.
pub fn french_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(StopWordFilter::new(Language::French).expect("tantivy ships French stop words"))
        .filter(StopWordFilter::remove(
            ELISIONS.iter().map(|s| s.to_string()),
        ))
        .filter(AsciiFoldingFilter)
        .filter(Stemmer::new(Language::French))
        .filter(PluralFilter)
        .build()
}

/// The analyzer of rule keywords and the text they are matched against: the French analyzer
/// without its stop-word filter, so that phrases keep their small words ("pas de loup" stays
/// three words instead of collapsing to "loup"); elided articles are still dropped.
pub fn rules_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(StopWordFilter::remove(
            ELISIONS.iter().map(|s| s.to_string()),
        ))
        .filter(AsciiFoldingFilter)
        .filter(Stemmer::new(Language::French))
        .filter(PluralFilter)
        .build()
}

/// Registers the analyzers on an opened index (they are not persisted by tantivy).
pub fn register_tokenizers(index: &Index) {
    let fold = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(60))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build();
    index.tokenizers().register(FRENCH, french_analyzer());
    index.tokenizers().register(FOLD, fold);
}

/// Drops a final plural `s` or `x` that the Snowball stemmer leaves on short words
/// ("élus" -> "elu", "bureaux" -> "bureau"). Runs last, on folded stems, so index and query
/// forms meet.
#[derive(Clone, Copy)]
pub struct PluralFilter;

impl TokenFilter for PluralFilter {
    type Tokenizer<T: Tokenizer> = PluralTokenizer<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> PluralTokenizer<T> {
        PluralTokenizer(tokenizer)
    }
}

/// [`PluralFilter`] applied to a tokenizer.
#[derive(Clone)]
pub struct PluralTokenizer<T>(T);

impl<T: Tokenizer> Tokenizer for PluralTokenizer<T> {
    type TokenStream<'a> = PluralStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        PluralStream(self.0.token_stream(text))
    }
}

/// Token stream of [`PluralTokenizer`].
pub struct PluralStream<S>(S);

impl<S: TokenStream> TokenStream for PluralStream<S> {
    fn advance(&mut self) -> bool {
        if !self.0.advance() {
            return false;
        }
        let text = &mut self.0.token_mut().text;
        if text.len() > 3 && (text.ends_with('s') || text.ends_with('x')) && !text.ends_with("ss") {
            text.pop();
        }
        true
    }

    fn token(&self) -> &Token {
        self.0.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.0.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(text: &str) -> Vec<String> {
        let (schema, _) = build();
        let index = Index::create_in_ram(schema);
        register_tokenizers(&index);
        let mut analyzer = index.tokenizers().get(FRENCH).unwrap();
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            out.push(stream.token().text.clone());
        }
        out
    }

    #[test]
    fn accents_and_inflections_meet() {
        assert_eq!(tokens("l'Église"), tokens("eglise"));
        assert_eq!(tokens("écoles"), tokens("école"));
        assert_eq!(tokens("subventions"), tokens("subvention"));
        assert_eq!(tokens("élus"), tokens("elu"));
        assert_eq!(tokens("bureaux"), tokens("bureau"));
        for (accented, typed) in [
            ("rentrée", "rentree"),
            ("sécurité", "securite"),
            ("fermée", "fermee"),
            ("décès", "deces"),
            ("préfecture", "prefecture"),
        ] {
            assert_eq!(tokens(accented), tokens(typed), "{accented} / {typed}");
        }
    }

    #[test]
    fn stop_words_are_dropped() {
        assert_eq!(tokens("la maison de santé"), tokens("maison santé"));
    }
}
