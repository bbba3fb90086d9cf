//! Search: the documented query syntax on top of tantivy's query parser, filters, ranking,
//! snippets.
//!
//! Syntax (README "Searching"): words (all must match), `"phrases"`, `field:value` with the fields
//! `from`, `to`, `subject`, `body`, `attachment`, `official`, `commune`, `theme`, `kind`, `lang`,
//! `case`, `msgid` (French aliases `de`, `a`, `cc`, `objet`, `sujet`, `pj`), `AND`/`OR`/`NOT`,
//! `-word`, parentheses, and dates: `date:2025`, `date:2025-03`, `date:2025-03-14`,
//! `date:2025-01..2025-06`, `date:2025-01..` and `date:..2024-12-31` (local days, both ends
//! included). Subject matches weigh more than body matches, quoted replies less.

use std::ops::Bound;
use std::sync::LazyLock;

use anyhow::{Context as _, Result};
use chrono::NaiveDate;
use regex::Regex;
use serde::Serialize;
use tantivy::collector::sort_key::{SortBySimilarityScore, SortByStaticFastValue};
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, Occur, Query, QueryParser, RangeQuery, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::schema::Value as _;
use tantivy::snippet::SnippetGenerator;
use tantivy::{DateTime, IndexReader, Order, TantivyDocument, Term};

use super::facets::{Counts, FacetCounter};
use super::{MailIndex, stored_text};

/// A search as the CLI and web UI pose it.
#[derive(Debug, Clone, Default)]
pub struct SearchRequest {
    /// Query in the documented syntax; empty means every message.
    pub query: String,
    /// Only mail whose From (name or address, or part of it) matches.
    pub from: Option<String>,
    /// Only mail dated on or after this Unix time.
    pub since: Option<i64>,
    /// Only mail dated before this Unix time.
    pub until: Option<i64>,
    /// Hits per page.
    pub limit: usize,
    /// Hits to skip.
    pub offset: usize,
    /// Exact filters (the web page's facets), all required.
    pub filters: Vec<Filter>,
    /// Count the matching messages per official, commune, theme, kind and month.
    pub facets: bool,
    /// Most recent first instead of most relevant first.
    pub by_date: bool,
}

/// An exact filter on a facet field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Filter {
    /// Matched official id.
    Official(i64),
    /// INSEE code.
    Commune(String),
    /// Theme slug.
    Theme(String),
    /// Message kind.
    Kind(String),
    /// Local month, `YYYY-MM`.
    Month(String),
}

/// The facets `search` counts, in display order: (name, index field).
pub const FACETS: &[(&str, &str)] = &[
    ("official", "official_id"),
    ("commune", "commune_code"),
    ("theme", "theme"),
    ("kind", "kind"),
    ("month", "month"),
];

/// Counts of one facet over every matching message, largest first (months: newest first).
#[derive(Debug, Clone, Serialize)]
pub struct Facet {
    /// official | commune | theme | kind | month.
    pub name: &'static str,
    /// (value, number of messages).
    pub values: Vec<(String, u64)>,
}

/// One ranked hit.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    /// Message row id.
    pub id: i64,
    /// Relevance.
    pub score: f32,
    /// Unix seconds.
    pub date: i64,
    /// "Name <address>".
    pub from: String,
    /// Subject.
    pub subject: String,
    /// A fragment of the body around the matches.
    pub snippet: String,
    /// Byte ranges of `snippet` to highlight.
    pub highlights: Vec<(usize, usize)>,
    /// The snippet comes from an attachment's text (the words are not in the mail itself).
    pub in_attachment: bool,
}

/// A page of results.
#[derive(Debug, Clone, Serialize)]
pub struct SearchResults {
    /// Number of matching messages.
    pub total: usize,
    /// The requested page, best first.
    pub hits: Vec<Hit>,
    /// Facet counts, when asked for.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub facets: Vec<Facet>,
}

/// Longest query read, in characters: a real query is a line; anything longer is refused before
/// parsing.
pub const MAX_QUERY_CHARS: usize = 1_000;
/// Deepest nesting of parentheses. Tantivy's query grammar recurses once per level (and per
/// `NOT`): without this bound a few thousand `(` overflow the stack and abort the process.
pub const MAX_QUERY_DEPTH: usize = 16;
/// Most words, phrases and operators in one query.
pub const MAX_QUERY_TERMS: usize = 64;
/// Most hits returned at once: a larger `limit` is clamped to it (tantivy reserves room for
/// every requested hit up front).
pub const MAX_LIMIT: usize = 10_000;
/// Most hits skipped: deeper pages are refused (refine the search instead).
pub const MAX_OFFSET: usize = 100_000;

/// A query the user must fix. `Display` is the CLI's English text; [`QueryError::french`] is what
/// the web interface shows.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QueryError {
    /// More than [`MAX_QUERY_CHARS`] characters.
    #[error("invalid query: {chars} characters, at most {MAX_QUERY_CHARS} are read")]
    TooLong {
        /// Characters in the query.
        chars: usize,
    },
    /// Parentheses nested deeper than [`MAX_QUERY_DEPTH`].
    #[error("invalid query: parentheses nested more than {MAX_QUERY_DEPTH} deep")]
    TooDeep,
    /// A `)` without its `(`, or a `(` never closed.
    #[error("invalid query: unbalanced parentheses")]
    Unbalanced,
    /// More than [`MAX_QUERY_TERMS`] words and operators.
    #[error("invalid query: more than {MAX_QUERY_TERMS} words and operators")]
    TooManyTerms,
    /// `--word`, `+-word`: one sign per word.
    #[error("invalid query: repeated sign in {0:?} (one + or - per word)")]
    RepeatedSign(String),
    /// A `date:` term that is not one of the documented forms.
    #[error(
        "invalid query: cannot read date term {0:?} (use date:2025, date:2025-03, date:2025-03-14 or date:A..B)"
    )]
    Date(String),
    /// `field:*` or another construct the index cannot answer.
    #[error("invalid query: {0:?} cannot be searched (write a word after the field name)")]
    Unsupported(String),
    /// An offset beyond [`MAX_OFFSET`].
    #[error("invalid query: offset {0} is beyond the {MAX_OFFSET} first hits (refine the search)")]
    Offset(usize),
    /// Tantivy's parser refused it.
    #[error("invalid query: {0}")]
    Syntax(String),
}

impl QueryError {
    /// The message in French, for the web interface.
    pub fn french(&self) -> String {
        match self {
            QueryError::TooLong { chars } => {
                format!("Recherche trop longue ({chars} caractères) : {MAX_QUERY_CHARS} au plus.")
            }
            QueryError::TooDeep => format!(
                "Recherche refusée : plus de {MAX_QUERY_DEPTH} niveaux de parenthèses imbriquées."
            ),
            QueryError::Unbalanced => {
                "Recherche refusée : les parenthèses ne sont pas équilibrées.".to_string()
            }
            QueryError::TooManyTerms => {
                format!("Recherche trop longue : {MAX_QUERY_TERMS} mots et opérateurs au plus.")
            }
            QueryError::RepeatedSign(word) => format!(
                "Recherche refusée : signe répété dans « {word} » (un seul + ou - par mot)."
            ),
            QueryError::Date(term) => format!(
                "Date illisible « {term} » : écrivez date:2025, date:2025-03, date:2025-03-14 ou date:A..B."
            ),
            QueryError::Unsupported(term) => format!(
                "« {term} » ne peut pas être cherché : écrivez un mot après le nom du champ."
            ),
            QueryError::Offset(_) => format!(
                "Page hors limites : seuls les {MAX_OFFSET} premiers résultats se parcourent, affinez la recherche."
            ),
            QueryError::Syntax(detail) => {
                format!(
                    "Recherche illisible ({detail}) : vérifiez les guillemets, parenthèses et champs."
                )
            }
        }
    }
}

/// Refuses, before any parsing, a query beyond the bounds above: one linear pass with no
/// recursion, so even a megabyte of `(` costs microseconds. It reads the text the way tantivy's
/// grammar does (a `\\` escapes the next character, so `\\"` opens no phrase; parentheses
/// inside a phrase are text), so that nothing can hide nesting from it.
fn check_bounds(query: &str) -> Result<(), QueryError> {
    let chars = query.chars().count();
    if chars > MAX_QUERY_CHARS {
        return Err(QueryError::TooLong { chars });
    }
    let (mut depth, mut terms) = (0usize, 0usize);
    let (mut in_phrase, mut escaped, mut in_word) = (false, false, false);
    let mut signs = 0usize;
    let mut word = String::new();
    for c in query.chars() {
        if escaped {
            escaped = false;
            in_word = true;
            word.push(c);
            continue;
        }
        if c == '\\' {
            escaped = true;
            if !in_phrase && !in_word {
                in_word = true;
                terms += 1;
            }
            continue;
        }
        if in_phrase {
            if c == '"' {
                in_phrase = false;
            }
            continue;
        }
        match c {
            '"' => {
                in_phrase = true;
                terms += 1;
                in_word = false;
            }
            '(' => {
                depth += 1;
                if depth > MAX_QUERY_DEPTH {
                    return Err(QueryError::TooDeep);
                }
                in_word = false;
            }
            ')' => {
                depth = depth.checked_sub(1).ok_or(QueryError::Unbalanced)?;
                in_word = false;
            }
            c if c.is_whitespace() => {
                in_word = false;
                signs = 0;
                word.clear();
            }
            '+' | '-' if !in_word => {
                signs += 1;
                word.push(c);
                if signs > 1 {
                    return Err(QueryError::RepeatedSign(word.chars().take(40).collect()));
                }
            }
            _ => {
                if !in_word {
                    in_word = true;
                    terms += 1;
                }
                word.push(c);
            }
        }
        if terms > MAX_QUERY_TERMS {
            return Err(QueryError::TooManyTerms);
        }
    }
    if depth != 0 || in_phrase {
        return Err(QueryError::Unbalanced);
    }
    Ok(())
}

static DATE_TERM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^([+\-(]*)date:(\d{4}(?:-\d{2}(?:-\d{2})?)?)?(\.\.)?(\d{4}(?:-\d{2}(?:-\d{2})?)?)?(\)*)$",
    )
    .expect("static regex")
});

/// Field names as people type them, French first: `de:` (sender), `à:`/`a:` (recipient),
/// `objet:` (subject), `élu:` (the matched official), `thème:`, `nature:` (message kind), `pj:`
/// (attachment names); the English names work as they are. Accents and case do not matter.
const ALIASES: &[(&str, &str)] = &[
    ("de:", "from:"),
    ("a:", "to:"),
    ("cc:", "to:"),
    ("objet:", "subject:"),
    ("sujet:", "subject:"),
    ("pj:", "attachment_text:"),
    ("attachment:", "attachment_text:"),
    ("piecejointe:", "attachment_text:"),
    ("elu:", "official:"),
    ("theme:", "theme:"),
    ("nature:", "kind:"),
    ("type:", "kind:"),
    ("kind:", "kind:"),
];

/// A message kind as people name it (French labels, English names, accents optional).
fn kind_value(value: &str) -> Option<&'static str> {
    Some(match crate::util::fold(value).as_str() {
        "courrier" | "personnel" | "personal" => "personal",
        "reponse automatique" | "reponse auto" | "auto reply" | "absence" => "auto_reply",
        "lettre d information" | "newsletter" | "bulk" | "liste" => "bulk",
        "non remise" | "bounce" | "erreur de remise" => "bounce",
        "indesirable" | "spam" => "spam",
        _ => return None,
    })
}

/// Whether `word` says nothing to the French analyzer (a stop word or an elided article): a
/// query must find what it finds without it.
fn is_stop_word(analyzer: &mut tantivy::tokenizer::TextAnalyzer, word: &str) -> bool {
    crate::french::tokens(analyzer, word).is_empty()
}

/// Rewrites the user's query into tantivy's grammar:
/// - French operators `ET`, `OU`, `SAUF` (upper case) become `AND`, `OR` and an exclusion;
/// - French field names become the index's (see [`ALIASES`]), a theme's name loses its accents
///   (`thème:santé` is `theme:sante`), a kind's French label becomes its name
///   (`nature:"réponse automatique"` is `kind:auto_reply`);
/// - date terms become ranges in the office's zone;
/// - stop words outside phrases are dropped (the index has none: kept, they would have to
///   appear in the sender or recipient fields), unless the query has nothing else;
/// - a hyphenated name (`Saint-Martin-d'Hères`) becomes a phrase, so each field cuts it as it
///   was indexed; other apostrophes drop the elided article (`l'église` is `église`).
///
/// Fails on a query beyond [`MAX_QUERY_CHARS`], [`MAX_QUERY_DEPTH`] or [`MAX_QUERY_TERMS`].
pub fn rewrite_query(query: &str) -> Result<String, QueryError> {
    check_bounds(query)?;
    let query = KIND_PHRASE.replace_all(query, |c: &regex::Captures<'_>| match kind_value(&c[2]) {
        Some(kind) => format!("{}kind:{kind}", &c[1]),
        None => c[0].to_string(),
    });
    let rewritten = rewrite_words(&query, true)?;
    // A query made only of small words (« de la ») searches for them after all.
    if rewritten.is_empty() && !query.trim().is_empty() {
        return rewrite_words(&query, false);
    }
    Ok(rewritten)
}

/// `nature:"réponse automatique"` (a quoted kind label), with its `+`/`-`/`(` prefix.
static KIND_PHRASE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)(^|[\s+\-(])(?:nature|kind|type):"([^"]*)""#).expect("static regex")
});

fn rewrite_words(query: &str, drop_stop_words: bool) -> Result<String, QueryError> {
    // Built once per query: it tells stop words apart.
    let mut analyzer = crate::french::analyzer();
    let mut out = Vec::new();
    let mut exclude_next = false;
    for (i, chunk) in query.split('"').enumerate() {
        if i % 2 == 1 {
            let sign = if std::mem::take(&mut exclude_next) {
                "-"
            } else {
                ""
            };
            out.push(format!("{sign}\"{chunk}\""));
            continue;
        }
        let chunk = chunk.replace('’', "'");
        let mut words = Vec::new();
        for word in chunk.split_whitespace() {
            match word {
                "ET" => {
                    words.push("AND".to_string());
                    continue;
                }
                "OU" => {
                    words.push("OR".to_string());
                    continue;
                }
                "SAUF" => {
                    exclude_next = true;
                    continue;
                }
                _ => {}
            }
            let word = if std::mem::take(&mut exclude_next) && !word.starts_with('-') {
                format!("-{word}")
            } else {
                word.to_string()
            };
            if let Some(word) = rewrite_word(&word, drop_stop_words, &mut analyzer)? {
                words.push(word);
            }
        }
        // Keep a trailing space so that `from:"x y"` stays glued but words stay apart.
        let joined = words.join(" ");
        let lead = if chunk.starts_with(char::is_whitespace) && !joined.is_empty() {
            " "
        } else {
            ""
        };
        let trail = if chunk.ends_with(char::is_whitespace) && !joined.is_empty() {
            " "
        } else {
            ""
        };
        out.push(format!("{lead}{joined}{trail}"));
    }
    Ok(out.concat().trim().to_string())
}

/// One word of the query outside phrases (see [`rewrite_query`]); `None` when it is dropped.
fn rewrite_word(
    word: &str,
    drop_stop_words: bool,
    analyzer: &mut tantivy::tokenizer::TextAnalyzer,
) -> Result<Option<String>, QueryError> {
    let bare = word.trim_start_matches(['+', '-', '(']);
    let prefix = &word[..word.len() - bare.len()];
    let core = bare.trim_end_matches(')');
    let suffix = &bare[core.len()..];
    // The field, when the word names one (`de:Dupont`); accents and case do not matter.
    let (field, value) = match core.split_once(':') {
        Some((name, value)) if !name.is_empty() && name.chars().all(char::is_alphabetic) => {
            let folded = format!("{}:", crate::util::fold(name));
            let field = ALIASES
                .iter()
                .find(|(alias, _)| *alias == folded)
                .map_or_else(|| format!("{name}:"), |(_, f)| (*f).to_string());
            (Some(field), value)
        }
        _ => (None, core),
    };
    match field.as_deref() {
        Some("date:") => return rewrite_date(&format!("{prefix}date:{value}{suffix}")).map(Some),
        Some("theme:") => {
            let slug = crate::util::fold(value).replace(' ', "-");
            return Ok(Some(format!("{prefix}theme:{slug}{suffix}")));
        }
        Some("kind:") => {
            let kind = kind_value(value).map_or_else(|| value.to_string(), str::to_string);
            return Ok(Some(format!("{prefix}kind:{kind}{suffix}")));
        }
        _ => {}
    }
    let field = field.unwrap_or_default();
    if field.is_empty()
        && drop_stop_words
        && !value.is_empty()
        && !matches!(value, "AND" | "OR" | "NOT")
        && is_stop_word(analyzer, value)
    {
        return Ok(None);
    }
    let hyphenated = value
        .char_indices()
        .any(|(i, c)| c == '-' && i > 0 && i + 1 < value.len());
    if hyphenated && !value.is_empty() {
        return Ok(Some(format!("{prefix}{field}\"{value}\"{suffix}")));
    }
    Ok(Some(format!(
        "{prefix}{}{suffix}",
        drop_elisions(&format!("{field}{value}"))
    )))
}

/// French elided words before an apostrophe carry no meaning for search and are not indexed
/// (`l'église` is indexed as `église`): drop them; other apostrophes separate words.
fn drop_elisions(word: &str) -> String {
    const ELIDED: &[&str] = &[
        "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu",
    ];
    let mut out = String::new();
    for (i, part) in word.split('\'').enumerate() {
        if i > 0 {
            let previous = out
                .rsplit([' ', ':', '(', '+', '-'])
                .next()
                .unwrap_or_default()
                .to_lowercase();
            if ELIDED.contains(&previous.as_str()) {
                out.truncate(out.len() - previous.len());
            } else if !out.is_empty() && !out.ends_with(':') {
                out.push(' ');
            }
        }
        out.push_str(part);
    }
    out
}

fn rewrite_date(word: &str) -> Result<String, QueryError> {
    let bad = || QueryError::Date(word.to_string());
    let caps = DATE_TERM.captures(word).ok_or_else(bad)?;
    let prefix = caps.get(1).map_or("", |m| m.as_str());
    let suffix = caps.get(5).map_or("", |m| m.as_str());
    let first = caps.get(2).map(|m| m.as_str());
    let range = caps.get(3).is_some();
    let second = caps.get(4).map(|m| m.as_str());
    let (start, end) = match (first, range, second) {
        (Some(a), false, None) => (
            Some(day_start(a, false).ok_or_else(bad)?),
            Some(day_start(a, true).ok_or_else(bad)?),
        ),
        (a, true, b) if a.is_some() || b.is_some() => (
            a.map(|a| day_start(a, false).ok_or_else(bad)).transpose()?,
            b.map(|b| day_start(b, true).ok_or_else(bad)).transpose()?,
        ),
        _ => return Err(bad()),
    };
    let fmt = |ts: i64| {
        chrono::DateTime::from_timestamp(ts, 0).map(|d| d.format("%Y-%m-%dT%H:%M:%SZ").to_string())
    };
    let lo = start.and_then(fmt).map_or("*".to_string(), |s| s);
    let hi = end.and_then(fmt).map_or("*".to_string(), |s| s);
    Ok(format!("{prefix}date:[{lo} TO {hi}}}{suffix}"))
}

/// Start of the period named by `spec` (YYYY, YYYY-MM or YYYY-MM-DD) in local time; with
/// `after`, the start of the following period (an exclusive end).
fn day_start(spec: &str, after: bool) -> Option<i64> {
    let parts: Vec<u32> = spec
        .split('-')
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    let year = i32::try_from(*parts.first()?).ok()?;
    let date = match parts.len() {
        1 => NaiveDate::from_ymd_opt(if after { year + 1 } else { year }, 1, 1)?,
        2 => {
            let first = NaiveDate::from_ymd_opt(year, parts[1], 1)?;
            if after {
                first.checked_add_months(chrono::Months::new(1))?
            } else {
                first
            }
        }
        _ => {
            let day = NaiveDate::from_ymd_opt(year, parts[1], parts[2])?;
            if after { day.succ_opt()? } else { day }
        }
    };
    local_midnight(date)
}

/// Unix time of local midnight starting `date`.
pub fn local_midnight(date: NaiveDate) -> Option<i64> {
    crate::util::zone_midnight(date)
}

/// Parses a `--since`/`--until` value: `YYYY-MM-DD`, `YYYY-MM`, `YYYY` or RFC 3339.
pub fn parse_date_arg(value: &str, end: bool) -> Result<i64> {
    if let Ok(dt) = chrono::DateTime::parse_from_rfc3339(value) {
        return Ok(dt.timestamp());
    }
    day_start(value, end)
        .with_context(|| format!("cannot read date {value:?} (expected YYYY-MM-DD)"))
}

/// Today's local date, for callers that default date ranges.
pub fn today() -> NaiveDate {
    crate::util::zone_today()
}

/// Runs `req` against the last commit seen by `reader`.
pub fn search(
    index: &MailIndex,
    reader: &IndexReader,
    req: &SearchRequest,
) -> Result<SearchResults> {
    let f = index.fields();
    let mut parser = QueryParser::for_index(
        index.inner(),
        vec![
            f.subject,
            f.body,
            f.quoted,
            f.from,
            f.to,
            f.attachment,
            f.attachment_text,
            f.official,
            f.commune,
        ],
    );
    parser.set_conjunction_by_default();
    parser.set_field_boost(f.subject, 2.0);
    parser.set_field_boost(f.from, 1.5);
    parser.set_field_boost(f.quoted, 0.3);
    // Attachments' text counts, below the sender's own words.
    parser.set_field_boost(f.attachment_text, 0.5);
    let text = rewrite_query(&req.query)?;
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    if !text.is_empty() {
        let q = parser
            .parse_query(&text)
            .map_err(|e| QueryError::Syntax(e.to_string()))?;
        clauses.push((Occur::Must, q));
    }
    if let Some(from) = &req.from {
        let from: String = from.replace('"', " ").chars().take(200).collect();
        let phrase = format!("from:\"{from}\"");
        let q = parser
            .parse_query(&phrase)
            .map_err(|e| QueryError::Syntax(e.to_string()))?;
        clauses.push((Occur::Must, q));
    }
    if req.since.is_some() || req.until.is_some() {
        let bound = |ts: Option<i64>, included: bool| match ts {
            Some(ts) => {
                let term =
                    Term::from_field_date_for_search(f.date, DateTime::from_timestamp_secs(ts));
                if included {
                    Bound::Included(term)
                } else {
                    Bound::Excluded(term)
                }
            }
            None => Bound::Unbounded,
        };
        clauses.push((
            Occur::Must,
            Box::new(RangeQuery::new(
                bound(req.since, true),
                bound(req.until, false),
            )),
        ));
    }
    for filter in &req.filters {
        let term = match filter {
            Filter::Official(id) => Term::from_field_u64(f.official_id, *id as u64),
            Filter::Commune(code) => Term::from_field_text(f.commune_code, code),
            Filter::Theme(theme) => Term::from_field_text(f.theme, theme),
            Filter::Kind(kind) => Term::from_field_text(f.kind, kind),
            Filter::Month(month) => Term::from_field_text(f.month, month),
        };
        clauses.push((
            Occur::Must,
            Box::new(TermQuery::new(term, IndexRecordOption::Basic)),
        ));
    }
    let query: Box<dyn Query> = if clauses.is_empty() {
        Box::new(tantivy::query::AllQuery)
    } else if clauses.len() == 1 {
        clauses
            .pop()
            .map(|(_, q)| q)
            .unwrap_or_else(|| Box::new(tantivy::query::AllQuery))
    } else {
        Box::new(BooleanQuery::new(clauses))
    };
    let searcher = reader.searcher();
    if req.offset > MAX_OFFSET {
        return Err(QueryError::Offset(req.offset).into());
    }
    let limit = req.limit.clamp(1, MAX_LIMIT);
    // Hits are in a total order: equal dates (or scores) fall back on the message id, newest
    // first, so paging never shows a message twice or skips one when the index's segments
    // change between two pages (a merge renumbers documents, tantivy's own tie-break).
    let id_desc = (SortByStaticFastValue::<u64>::for_field("id"), Order::Desc);
    let (top, total, counts): (Vec<(f32, tantivy::DocAddress)>, usize, Option<Counts>) =
        if req.by_date {
            // Most recent first; a hit's score is then not computed (shown as 0).
            let top_docs = TopDocs::with_limit(limit).and_offset(req.offset).order_by((
                (
                    SortByStaticFastValue::<DateTime>::for_field("date"),
                    Order::Desc,
                ),
                id_desc,
            ));
            let facets = req.facets.then_some(FacetCounter);
            let (top, total, counts) = searcher
                .search(&query, &(top_docs, Count, facets))
                .map_err(|e| search_error(e, &req.query))?;
            let top = top.into_iter().map(|(_, address)| (0.0, address)).collect();
            (top, total, counts)
        } else {
            let top_docs = TopDocs::with_limit(limit)
                .and_offset(req.offset)
                .order_by((SortBySimilarityScore, id_desc));
            let facets = req.facets.then_some(FacetCounter);
            let (top, total, counts) = searcher
                .search(&query, &(top_docs, Count, facets))
                .map_err(|e| search_error(e, &req.query))?;
            let top = top
                .into_iter()
                .map(|((score, _), address)| (score, address))
                .collect();
            (top, total, counts)
        };
    let facets = counts.map(super::facets::top).unwrap_or_default();
    let mut body_snippets =
        SnippetGenerator::create(&searcher, &*query, f.body).context("snippet generator")?;
    body_snippets.set_max_num_chars(180);
    let mut attachment_snippets = SnippetGenerator::create(&searcher, &*query, f.attachment_text)
        .context("snippet generator")?;
    attachment_snippets.set_max_num_chars(180);
    let mut hits = Vec::with_capacity(top.len());
    for (score, address) in top {
        let doc: TantivyDocument = searcher.doc(address).context("read stored document")?;
        let mut snippet = body_snippets.snippet_from_doc(&doc);
        // The words were found only in an attachment: show where.
        let mut in_attachment = false;
        if snippet.highlighted().is_empty() {
            let attached = attachment_snippets.snippet_from_doc(&doc);
            if !attached.highlighted().is_empty() {
                snippet = attached;
                in_attachment = true;
            }
        }
        let (snippet, highlights) = if snippet.is_empty() {
            let body = stored_text(&doc, f.body);
            let start: String = body
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .chars()
                .take(180)
                .collect();
            (start, Vec::new())
        } else {
            let ranges = snippet
                .highlighted()
                .iter()
                .map(|r| (r.start, r.end))
                .collect();
            (snippet.fragment().to_string(), ranges)
        };
        let (snippet, highlights) = flatten_snippet(&snippet, highlights);
        hits.push(Hit {
            id: doc
                .get_first(f.id)
                .and_then(|v| v.as_u64())
                .unwrap_or_default() as i64,
            score,
            date: doc
                .get_first(f.date)
                .and_then(|v| v.as_datetime())
                .map(|d| d.into_timestamp_secs())
                .unwrap_or(0),
            from: stored_text(&doc, f.from),
            subject: stored_text(&doc, f.subject),
            snippet,
            highlights,
            in_attachment,
        });
    }
    Ok(SearchResults {
        total,
        hits,
        facets,
    })
}

/// A failed search: a schema error comes from what the query asked (`body:*` asks whether a
/// text field exists, which only fast fields can answer), so the user gets a [`QueryError`];
/// anything else is ours.
fn search_error(err: tantivy::TantivyError, query: &str) -> anyhow::Error {
    match err {
        tantivy::TantivyError::SchemaError(detail) => {
            tracing::debug!(%detail, "query refused by the index schema");
            QueryError::Unsupported(query.chars().take(80).collect()).into()
        }
        err => anyhow::Error::new(err).context("search failed"),
    }
}

/// Puts a snippet on one line (newlines and runs of spaces become one space), moving the
/// highlight ranges accordingly.
fn flatten_snippet(text: &str, highlights: Vec<(usize, usize)>) -> (String, Vec<(usize, usize)>) {
    let mut out = String::with_capacity(text.len());
    let mut map = vec![0usize; text.len() + 1];
    let mut last_space = true;
    for (i, c) in text.char_indices() {
        map[i] = out.len();
        if c.is_whitespace() {
            if !last_space {
                out.push(' ');
            }
            last_space = true;
        } else {
            out.push(c);
            last_space = false;
        }
    }
    map[text.len()] = out.len();
    // Positions inside a multibyte char are never range ends, but keep the table monotonic.
    for i in 1..map.len() {
        if !text.is_char_boundary(i) {
            map[i] = map[i - 1];
        }
    }
    let trimmed_end = out.trim_end().len();
    out.truncate(trimmed_end);
    let ranges = highlights
        .into_iter()
        .map(|(s, e)| {
            (
                map[s.min(text.len())].min(trimmed_end),
                map[e.min(text.len())].min(trimmed_end),
            )
        })
        .filter(|(s, e)| s < e)
        .collect();
    (out, ranges)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rewrites_dates_aliases_and_apostrophes() {
        let q = rewrite_query("objet:DETR l'église \"l'école de Vif\" date:2025").unwrap();
        assert!(
            q.starts_with("subject:DETR église \"l'école de Vif\" date:["),
            "{q}"
        );
        assert_eq!(
            rewrite_query("body:l’école aujourd'hui").unwrap(),
            "body:école aujourd hui"
        );
        let q = rewrite_query("-date:..2024-12-31").unwrap();
        assert!(q.starts_with("-date:[* TO "), "{q}");
        assert!(q.ends_with('}'), "{q}");
        assert!(rewrite_query("date:2025-13").is_err());
        assert!(rewrite_query("date:soon").is_err());
    }

    /// Issue 17: French field names and operators, accents optional, stop words dropped outside
    /// phrases (never fewer hits than without them), hyphenated names kept whole.
    #[test]
    fn french_queries_are_rewritten_as_people_mean_them() {
        let r = |q: &str| rewrite_query(q).unwrap();
        assert_eq!(r("permis de construire"), "permis construire");
        assert_eq!(r("la réserve parlementaire"), "réserve parlementaire");
        assert_eq!(r("\"maison de santé\""), "\"maison de santé\"");
        assert_eq!(
            r("de la"),
            "de la",
            "a query of small words only keeps them"
        );
        assert_eq!(r("thème:Santé désert"), "theme:sante désert");
        assert_eq!(r("theme:urbanisme-logement"), "theme:urbanisme-logement");
        assert_eq!(r("nature:\"réponse automatique\""), "kind:auto_reply");
        assert_eq!(r("nature:indésirable"), "kind:spam");
        assert_eq!(r("NATURE:courrier"), "kind:personal");
        assert_eq!(r("à:reynaud"), "to:reynaud");
        assert_eq!(r("élu:Dupont"), "official:Dupont");
        assert_eq!(r("DETR ET école"), "DETR AND école");
        assert_eq!(r("loup OU lupo"), "loup OR lupo");
        assert_eq!(r("subvention SAUF DETR"), "subvention -DETR");
        assert_eq!(r("subvention SAUF \"Vif\""), "subvention -\"Vif\"");
        assert_eq!(r("Saint-Martin-d'Hères"), "\"Saint-Martin-d'Hères\"");
        assert_eq!(
            r("commune:Saint-Martin-d'Hères"),
            "commune:\"Saint-Martin-d'Hères\""
        );
        assert_eq!(r("subvention pour l'église"), "subvention église");
    }

    #[test]
    fn hostile_queries_are_refused_before_parsing() {
        let deep = format!("{}a{}", "(".repeat(100_000), ")".repeat(100_000));
        assert!(matches!(
            rewrite_query(&deep),
            Err(QueryError::TooLong { .. })
        ));
        let deep = format!("{}a{}", "(".repeat(400), ")".repeat(400));
        assert_eq!(rewrite_query(&deep), Err(QueryError::TooDeep));
        let ok = format!("{}a{}", "(".repeat(16), ")".repeat(16));
        assert!(rewrite_query(&ok).is_ok());
        assert_eq!(
            rewrite_query(&"NOT ".repeat(200)),
            Err(QueryError::TooManyTerms)
        );
        assert_eq!(rewrite_query("(a OR b"), Err(QueryError::Unbalanced));
        assert_eq!(rewrite_query("a) OR (b"), Err(QueryError::Unbalanced));
        assert!(matches!(
            rewrite_query("--a"),
            Err(QueryError::RepeatedSign(_))
        ));
        // Parentheses inside a phrase are text.
        assert!(rewrite_query(&format!("\"{}\"", "(".repeat(50))).is_ok());
        assert!(rewrite_query("(fibre OR 4G) NOT orange -free").is_ok());
        for e in [QueryError::TooDeep, QueryError::Offset(1)] {
            assert!(!e.french().is_empty());
        }
    }

    #[test]
    fn month_range_covers_the_whole_month() {
        let lo = day_start("2025-02", false).unwrap();
        let hi = day_start("2025-02", true).unwrap();
        assert_eq!((hi - lo) / 86_400, 28);
    }

    #[test]
    fn flatten_moves_highlights() {
        let (text, ranges) = flatten_snippet("a\n\n  école  b", vec![(5, 11)]);
        assert_eq!(text, "a école b");
        assert_eq!(&text[ranges[0].0..ranges[0].1], "école");
    }
}
