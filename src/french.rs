//! French text analysis, shared by the full-text index and the theme rules so that a rule's
//! keyword and a search term meet the text in the same forms. A leaf: it depends on tantivy's
//! tokenizer machinery only, nothing of this crate.
//!
//! French text: split on non-alphanumerics (so `l'Église` gives `l`, `église`), lower-case, drop
//! French stop words and elided articles, fold accents, French Snowball stemming, and drop a plural
//! `s`/`x` the stemmer leaves on short words. Folding comes before stemming so that the accentless
//! words people type meet the accented text: stemming first gives "rentrée" -> "rentr" but
//! "rentree" -> "rentre", "sécurité" -> "secur" but "securite" -> "securit"; folding first gives
//! one stem for both (measured on 45 word pairs, see `accents_and_inflections_meet`).

use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer,
    StopWordFilter, TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer,
};

/// Elided articles and pronouns left over when `l'école` is split on the apostrophe.
const ELISIONS: &[&str] = &[
    "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu",
];

/// The French analyzer of prose (see the module doc): what the index applies to subjects and
/// bodies, and to the words of a search.
pub fn analyzer() -> TextAnalyzer {
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

/// The analyzer of rule keywords and the text they are matched against: [`analyzer`] without
/// its stop-word filter, so that phrases keep their small words ("pas de loup" stays three words
/// instead of collapsing to "loup"); elided articles are still dropped.
pub fn keyword_analyzer() -> TextAnalyzer {
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

/// The tokens `analyzer` makes of `text`, in order.
pub fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while stream.advance() {
        out.push(stream.token().text.clone());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(text: &str) -> Vec<String> {
        super::tokens(&mut analyzer(), text)
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
