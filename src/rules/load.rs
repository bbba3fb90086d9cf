//! Rule files: TOML, one or more `[[rule]]` per file.
//!
//! ```toml
//! [[rule]]
//! id = "finances-locales"           # unique across files
//! tag = "finances-locales"          # the theme it sets
//! keywords = ["DETR", "DSIL", "fonds vert", "subvention"]  # words and phrases: accent, case
//!                                   # and inflection tolerant ("subventions" matches); phrases
//!                                   # match word for word ("fermeture de classe")
//! strong = ["dotation d'équipement des territoires ruraux"] # count double
//! regex = ['\bDETR\s*20\d\d\b']     # on the text as written; case-sensitive unless (?i);
//!                                   # a regex counts like a strong term
//! negative = ["école de pensée"]    # any of these: the rule does not fire
//! fields = ["subject", "body", "quoted"]  # where to look (default: all, attachment too); weights
//!                                   # subject 2, body 1, quoted 0.5
//! threshold = 1.0                   # score needed (default 1)
//! senders = ["@isere.gouv.fr"]      # only mail whose From contains one of these
//! functions = ["maire"]             # only from officials with this function
//! departements = ["38"]             # only mail concerning these départements
//! languages = ["fr"]                # only these languages
//! kinds = ["personal"]              # only these message kinds
//! priority = "high"                 # action for the cases stage
//! assignee = "claire"               # action for the cases stage
//! expires = "2026-12-31"            # ignored after this day
//! ```

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};
use regex::Regex;
use serde::Deserialize;

use crate::french::keyword_analyzer;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleFile {
    #[serde(default)]
    rule: Vec<toml::Spanned<RawRule>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    id: String,
    tag: String,
    #[serde(default)]
    keywords: Vec<String>,
    #[serde(default)]
    strong: Vec<String>,
    #[serde(default)]
    regex: Vec<String>,
    #[serde(default)]
    negative: Vec<String>,
    #[serde(default)]
    fields: Vec<String>,
    #[serde(default = "one")]
    threshold: f64,
    #[serde(default)]
    senders: Vec<String>,
    #[serde(default)]
    functions: Vec<String>,
    #[serde(default)]
    departements: Vec<String>,
    #[serde(default)]
    languages: Vec<String>,
    #[serde(default)]
    kinds: Vec<String>,
    priority: Option<String>,
    assignee: Option<String>,
    expires: Option<String>,
}

fn one() -> f64 {
    1.0
}

/// A keyword or phrase as a sequence of analysed terms.
#[derive(Debug, Clone)]
pub struct Term {
    /// As written in the rule file.
    pub text: String,
    /// Analysed tokens (folded stems, stop words dropped).
    pub tokens: Vec<String>,
    /// Score it adds.
    pub weight: f64,
}

/// A compiled rule.
#[derive(Debug, Clone)]
pub struct Rule {
    /// Unique id.
    pub id: String,
    /// Theme slug it sets.
    pub tag: String,
    /// File and line it was defined at.
    pub origin: String,
    /// Positive terms.
    pub terms: Vec<Term>,
    /// Regexes on the raw text.
    pub regexes: Vec<Regex>,
    /// Negative terms.
    pub negative: Vec<Term>,
    /// subject / body / quoted.
    pub fields: BTreeSet<String>,
    /// Score needed.
    pub threshold: f64,
    /// Sender conditions (lower case substrings).
    pub senders: Vec<String>,
    /// Official function conditions (folded substrings).
    pub functions: Vec<String>,
    /// Département conditions.
    pub departements: Vec<String>,
    /// Language conditions.
    pub languages: Vec<String>,
    /// Kind conditions.
    pub kinds: Vec<String>,
    /// Priority action.
    pub priority: Option<String>,
    /// Assignee action.
    pub assignee: Option<String>,
    /// Last day the rule applies (YYYY-MM-DD).
    pub expires: Option<String>,
}

/// Every rule in force.
#[derive(Debug, Clone, Default)]
pub struct RuleSet {
    /// The rules, in file then definition order.
    pub rules: Vec<Rule>,
    /// The files they came from.
    pub files: Vec<PathBuf>,
}

thread_local! {
    static ANALYZER: std::cell::RefCell<tantivy::tokenizer::TextAnalyzer> = std::cell::RefCell::new(keyword_analyzer());
}

/// Tokenizes for rules (the French analyzer, stop words kept): (analysed term, byte offset).
pub fn analyse(text: &str) -> Vec<(String, usize)> {
    ANALYZER.with(|a| {
        let mut analyzer = a.borrow_mut();
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            let t = stream.token();
            out.push((t.text.clone(), t.offset_from));
        }
        out
    })
}

fn term(text: &str, weight: f64, origin: &str, id: &str) -> Result<Term> {
    let tokens: Vec<String> = analyse(text).into_iter().map(|(t, _)| t).collect();
    if tokens.is_empty() {
        bail!(
            "{origin}: rule {id}: keyword {text:?} has no word (only elided articles or punctuation)"
        );
    }
    Ok(Term {
        text: text.to_string(),
        tokens,
        weight,
    })
}

/// Where a rule looks; `attachment` is the text extracted from the attachments (issue 19).
const FIELDS: &[&str] = &["subject", "body", "quoted", "attachment"];

/// Loads every `*.toml` file of `dir` (sorted). Errors name the file, the line and the reason.
pub fn load_dir(dir: &Path) -> Result<RuleSet> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("cannot read rules directory {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    let mut set = RuleSet::default();
    let mut ids = BTreeSet::new();
    for file in &files {
        let text = std::fs::read_to_string(file)
            .with_context(|| format!("cannot read {}", file.display()))?;
        for rule in load_text(&text, &file.display().to_string())? {
            if !ids.insert(rule.id.clone()) {
                bail!("{}: rule id {:?} is defined twice", rule.origin, rule.id);
            }
            set.rules.push(rule);
        }
    }
    set.files = files;
    Ok(set)
}

/// Parses one rule file.
pub fn load_text(text: &str, file: &str) -> Result<Vec<Rule>> {
    let line_of = |offset: usize| text[..offset.min(text.len())].matches('\n').count() + 1;
    let parsed: RuleFile = toml::from_str(text).map_err(|err| match err.span() {
        Some(span) => anyhow::anyhow!("{file}:{}: {}", line_of(span.start), err.message()),
        None => anyhow::anyhow!("{file}: {}", err.message()),
    })?;
    let mut out = Vec::new();
    for spanned in parsed.rule {
        let origin = format!("{file}:{}", line_of(spanned.span().start));
        let raw = spanned.into_inner();
        let id = raw.id.clone();
        if id.is_empty() || raw.tag.is_empty() {
            bail!("{origin}: a rule needs an id and a tag");
        }
        if raw.keywords.is_empty() && raw.strong.is_empty() && raw.regex.is_empty() {
            bail!("{origin}: rule {id}: no keywords, strong keywords or regex");
        }
        let mut terms = Vec::new();
        for k in &raw.keywords {
            terms.push(term(k, 1.0, &origin, &id)?);
        }
        for k in &raw.strong {
            terms.push(term(k, 2.0, &origin, &id)?);
        }
        // "pont" and "ponts" analyse to the same term: count it once, at its highest weight.
        terms.sort_by(|a, b| a.tokens.cmp(&b.tokens).then(b.weight.total_cmp(&a.weight)));
        terms.dedup_by(|later, kept| later.tokens == kept.tokens);
        let regexes = raw
            .regex
            .iter()
            .map(|r| {
                Regex::new(r)
                    .map_err(|e| anyhow::anyhow!("{origin}: rule {id}: invalid regex {r:?}: {e}"))
            })
            .collect::<Result<Vec<_>>>()?;
        let negative = raw
            .negative
            .iter()
            .map(|k| term(k, 1.0, &origin, &id))
            .collect::<Result<Vec<_>>>()?;
        let fields: BTreeSet<String> = if raw.fields.is_empty() {
            FIELDS.iter().map(|f| f.to_string()).collect()
        } else {
            raw.fields.iter().map(|f| f.to_lowercase()).collect()
        };
        if let Some(bad) = fields.iter().find(|f| !FIELDS.contains(&f.as_str())) {
            bail!(
                "{origin}: rule {id}: unknown field {bad:?} (subject, body, quoted or attachment)"
            );
        }
        if let Some(date) = &raw.expires
            && chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").is_err()
        {
            bail!("{origin}: rule {id}: expires must be YYYY-MM-DD, not {date:?}");
        }
        if let Some(p) = &raw.priority
            && !["low", "normal", "high", "urgent"].contains(&p.as_str())
        {
            bail!("{origin}: rule {id}: priority must be low, normal, high or urgent, not {p:?}");
        }
        if raw.threshold <= 0.0 {
            bail!("{origin}: rule {id}: threshold must be positive");
        }
        out.push(Rule {
            id,
            tag: raw.tag,
            origin,
            terms,
            regexes,
            negative,
            fields,
            threshold: raw.threshold,
            senders: raw.senders.iter().map(|s| s.to_lowercase()).collect(),
            functions: raw.functions.iter().map(|f| crate::util::fold(f)).collect(),
            departements: raw.departements,
            languages: raw.languages,
            kinds: raw.kinds,
            priority: raw.priority,
            assignee: raw.assignee,
            expires: raw.expires,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_name_file_line_and_reason() {
        let err = load_text(
            "[[rule]]\nid = \"a\"\ntag = \"t\"\nkeywords = [\"x\"]\nbogus = 1\n",
            "r.toml",
        )
        .unwrap_err()
        .to_string();
        assert!(err.starts_with("r.toml:5:"), "{err}");
        let err = load_text(
            "[[rule]]\nid = \"a\"\ntag = \"t\"\nregex = [\"(\"]\n",
            "r.toml",
        )
        .unwrap_err()
        .to_string();
        assert!(err.starts_with("r.toml:1: rule a: invalid regex"), "{err}");
        let err = load_text("\n[[rule]]\nid = \"a\"\ntag = \"t\"\n", "r.toml")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("r.toml:2: rule a: no keywords"), "{err}");
        let err = load_text(
            "[[rule]]\nid = \"a\"\ntag = \"t\"\nkeywords = [\"l'\"]\n",
            "r.toml",
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("has no word"), "{err}");
    }

    #[test]
    fn bundled_taxonomy_loads() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("rules")
            .join("themes");
        let set = load_dir(&dir).unwrap();
        let tags: BTreeSet<&str> = set.rules.iter().map(|r| r.tag.as_str()).collect();
        for slug in crate::rules::eval::THEMES {
            assert!(tags.contains(slug), "no rule sets {slug}");
        }
    }
}
