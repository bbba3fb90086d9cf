//! Evaluating rules on a message: each rule scores its terms found in the subject (weight 2),
//! the sender's own text (1), the text of its attachments (0.8: a motion or a délibération
//! sent as a PDF is what the mail is about, but the sender's own words come first) and quoted
//! replies (0.5); a negative term or an unmet condition
//! vetoes it; a rule whose score reaches its threshold sets its tag, with the words and
//! positions that produced it. The themes come out primary first (the highest score: what the
//! request is about); the others stay only as secondary themes, when they are more than an
//! incidental mention: named in the subject, or asked about in a sentence of their own (see
//! [`RuleHit::is_secondary`]).

use std::collections::HashMap;

use serde::Serialize;

use super::load::{Rule, RuleSet, Term, analyse};

/// The default themes (slugs are part of the export contract).
pub const THEMES: &[&str] = &[
    "finances-locales",
    "eau-assainissement",
    "urbanisme-logement",
    "education-jeunesse",
    "sante",
    "securite",
    "agriculture",
    "mobilites",
    "numerique",
    "environnement-energie",
    "culture-patrimoine-sport",
    "invitation-protocole",
];

/// What a rule sees of a message.
#[derive(Debug, Clone, Default)]
pub struct Subject<'a> {
    /// Subject.
    pub subject: &'a str,
    /// The sender's own text.
    pub body: &'a str,
    /// Quoted replies.
    pub quoted: &'a str,
    /// The text extracted from the attachments, one after the other.
    pub attachment: &'a str,
    /// Where each attachment's text starts in `attachment`, with its file name.
    pub attachment_names: &'a [(usize, String)],
    /// Sender address.
    pub from: &'a str,
    /// Official function of the sender, folded ('' when none).
    pub function: String,
    /// Départements of the message's communes.
    pub departements: Vec<String>,
    /// Language code.
    pub language: &'a str,
    /// Message kind.
    pub kind: &'a str,
    /// Message day (YYYY-MM-DD), for expiry.
    pub date: String,
}

impl Subject<'_> {
    /// The attachment whose text holds byte `position` of field `field` (None for other fields).
    fn attachment_at(&self, field: &str, position: usize) -> Option<String> {
        if field != "attachment" {
            return None;
        }
        self.attachment_names
            .iter()
            .rev()
            .find(|(start, _)| *start <= position)
            .map(|(_, name)| name.clone())
    }
}

/// One matched term.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Found {
    /// subject | body | quoted | attachment.
    pub field: &'static str,
    /// The rule's term.
    pub term: String,
    /// Byte offset of the first word in that field.
    pub position: usize,
    /// For the attachment field: the file it was found in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attachment: Option<String>,
}

/// A tag set by a rule.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RuleHit {
    /// Theme slug.
    pub tag: String,
    /// Rule id.
    pub rule: String,
    /// Score reached.
    pub score: f64,
    /// Matched terms.
    pub found: Vec<Found>,
    /// Priority action, if any.
    pub priority: Option<String>,
    /// Assignee action, if any.
    pub assignee: Option<String>,
}

struct Field {
    name: &'static str,
    weight: f64,
    tokens: Vec<(String, usize)>,
    index: HashMap<String, Vec<usize>>,
}

impl Field {
    fn new(name: &'static str, weight: f64, text: &str) -> Field {
        let tokens = analyse(text);
        let mut index: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, (t, _)) in tokens.iter().enumerate() {
            index.entry(t.clone()).or_default().push(i);
        }
        Field {
            name,
            weight,
            tokens,
            index,
        }
    }

    /// Byte offset of the first occurrence of `term` (consecutive tokens), if any.
    fn find(&self, term: &Term) -> Option<usize> {
        let first = term.tokens.first()?;
        for &start in self.index.get(first)? {
            if term
                .tokens
                .iter()
                .enumerate()
                .all(|(k, t)| self.tokens.get(start + k).is_some_and(|(x, _)| x == t))
            {
                return Some(self.tokens[start].1);
            }
        }
        None
    }
}

/// Applies every rule to a message; hits are unique per tag (the best-scoring rule wins).
pub fn evaluate(rules: &RuleSet, s: &Subject<'_>) -> Vec<RuleHit> {
    let mut fields = [
        Field::new("subject", 2.0, s.subject),
        Field::new("body", 1.0, s.body),
        Field::new("quoted", 0.5, s.quoted),
        Field::new("attachment", 0.8, s.attachment),
    ];
    let hits = evaluate_fields(rules, s, &fields);
    if !hits.is_empty() {
        return hits;
    }
    // A relance or a forward whose own words are only « voir mon message ci-dessous »: the
    // matter is in the quoted or forwarded message, which then counts in full.
    if !s.quoted.trim().is_empty() {
        fields[2] = Field::new("quoted", 1.0, s.quoted);
        let hits = evaluate_fields(rules, s, &fields);
        if !hits.is_empty() {
            return hits;
        }
    }
    Vec::new()
}

fn evaluate_fields(rules: &RuleSet, s: &Subject<'_>, fields: &[Field; 4]) -> Vec<RuleHit> {
    let mut best: HashMap<String, RuleHit> = HashMap::new();
    for rule in &rules.rules {
        if let Some(hit) = apply(rule, s, fields) {
            match best.get(&hit.tag) {
                Some(existing) if existing.score >= hit.score => {}
                _ => {
                    best.insert(hit.tag.clone(), hit);
                }
            }
        }
    }
    let mut hits: Vec<RuleHit> = best.into_values().collect();
    // The primary theme first: the highest score, then a theme of the subject, then the slug.
    hits.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(b.in_subject().cmp(&a.in_subject()))
            .then(a.tag.cmp(&b.tag))
    });
    let Some(primary) = hits.first().cloned() else {
        return hits;
    };
    let mut kept = hits.drain(..1).collect::<Vec<_>>();
    kept.extend(
        hits.into_iter()
            .filter(|h| h.is_secondary(&primary, s.body)),
    );
    kept
}

/// Words that make a sentence a request or a report of its own (folded): « Par ailleurs,
/// pourriez-vous… », « Je vous signale aussi… », « nous demandons », a question.
static REQUEST: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(concat!(
        r"\b(pourriez|pouvez|pourrez|pourrions|voudriez|souhaiterais|souhaitons|souhaite|demande|demandons|demandent|sollicite|sollicitons|",
        r"appuyer|appui|soutenir|soutien|intervenir|intervention|interpeller|alerter|alerte|signale|signaler|",
        r"par ailleurs|egalement|en outre|autre sujet|autre point|aussi|enfin|inquiet|inquiete|inquietude|probleme|urgent)\b",
    ))
    .expect("static regex")
});

impl RuleHit {
    fn in_subject(&self) -> bool {
        self.found.iter().any(|f| f.field == "subject")
    }

    /// Beside the `primary` theme, this one is a secondary theme of the message, not an
    /// incidental mention, when the subject names it and not the primary, or when one of its
    /// terms stands in
    /// a sentence of its own — one that asks or reports something (a request word, a question)
    /// and names nothing of the primary theme — and it scores at least [`SECONDARY_SHARE`] of
    /// the primary's score. « la toiture de l'école » inside a DETR request, « maison de santé »
    /// as the place of an inauguration, « écoles, routes, santé » in a list of greetings: in
    /// passing, inside another matter's sentence or asking nothing.
    fn is_secondary(&self, primary: &RuleHit, body: &str) -> bool {
        if self.score < SECONDARY_SHARE * primary.score {
            return false;
        }
        // The subject names it, beside nothing of the primary theme (« Inauguration de la
        // maison de santé » names the place of an invitation, not a health matter).
        if self.in_subject() && !primary.in_subject() {
            return true;
        }
        let primary_at: Vec<usize> = primary
            .found
            .iter()
            .filter(|f| f.field == "body")
            .map(|f| f.position)
            .collect();
        self.found.iter().filter(|f| f.field == "body").any(|f| {
            let (start, end) = sentence_around(body, f.position);
            let sentence = crate::util::fold(&body[start..end]);
            !primary_at.iter().any(|p| (start..end).contains(p))
                && (REQUEST.is_match(&sentence) || body[start..end].contains('?'))
        })
    }
}

/// The byte range of the sentence around `at` in `text`: from after the previous `.`, `!`, `?`,
/// `;` or blank line to the next one (included).
fn sentence_around(text: &str, at: usize) -> (usize, usize) {
    let at = at.min(text.len());
    let is_end = |c: char| matches!(c, '.' | '!' | '?' | ';');
    let before = &text[..at];
    let start = before
        .char_indices()
        .rev()
        .find(|&(i, c)| is_end(c) || (c == '\n' && before[..i].ends_with('\n')))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let after = &text[at..];
    let end = after
        .char_indices()
        .find(|&(i, c)| is_end(c) || (c == '\n' && after[i + 1..].starts_with('\n')))
        .map_or(text.len(), |(i, c)| at + i + c.len_utf8());
    (start, end)
}

/// The share of the primary theme's score a secondary theme must reach.
pub const SECONDARY_SHARE: f64 = 0.4;

fn apply(rule: &Rule, s: &Subject<'_>, fields: &[Field; 4]) -> Option<RuleHit> {
    if rule
        .expires
        .as_deref()
        .is_some_and(|e| !s.date.is_empty() && s.date.as_str() > e)
    {
        return None;
    }
    let from = s.from.to_lowercase();
    if !rule.senders.is_empty() && !rule.senders.iter().any(|x| from.contains(x.as_str())) {
        return None;
    }
    if !rule.functions.is_empty()
        && !rule
            .functions
            .iter()
            .any(|f| s.function.contains(f.as_str()))
    {
        return None;
    }
    if !rule.departements.is_empty()
        && !rule.departements.iter().any(|d| s.departements.contains(d))
    {
        return None;
    }
    if !rule.languages.is_empty() && !rule.languages.iter().any(|l| l == s.language) {
        return None;
    }
    if !rule.kinds.is_empty() && !rule.kinds.iter().any(|k| k == s.kind) {
        return None;
    }
    let active: Vec<&Field> = fields
        .iter()
        .filter(|f| rule.fields.contains(f.name))
        .collect();
    if rule
        .negative
        .iter()
        .any(|n| active.iter().any(|f| f.find(n).is_some()))
    {
        return None;
    }
    let mut score = 0.0;
    let mut found = Vec::new();
    for term in &rule.terms {
        // A term counts once, in the field where it weighs most.
        if let Some((field, position)) = active
            .iter()
            .filter_map(|f| f.find(term).map(|p| (f, p)))
            .max_by(|a, b| a.0.weight.total_cmp(&b.0.weight))
        {
            score += term.weight * field.weight;
            found.push(Found {
                field: field.name,
                term: term.text.clone(),
                position,
                attachment: s.attachment_at(field.name, position),
            });
        }
    }
    for regex in &rule.regexes {
        for (field, text) in [
            (&fields[0], s.subject),
            (&fields[1], s.body),
            (&fields[2], s.quoted),
            (&fields[3], s.attachment),
        ] {
            if !rule.fields.contains(field.name) {
                continue;
            }
            if let Some(m) = regex.find(text) {
                // A regex is specific (an acronym, a road number): it counts like a strong term.
                score += 2.0 * field.weight;
                found.push(Found {
                    field: field.name,
                    term: m.as_str().to_string(),
                    position: m.start(),
                    attachment: s.attachment_at(field.name, m.start()),
                });
                break;
            }
        }
    }
    (score >= rule.threshold).then(|| RuleHit {
        tag: rule.tag.clone(),
        rule: rule.id.clone(),
        score,
        found,
        priority: rule.priority.clone(),
        assignee: rule.assignee.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::load::load_text;

    fn set(toml: &str) -> RuleSet {
        RuleSet {
            rules: load_text(toml, "t.toml").unwrap(),
            files: Vec::new(),
        }
    }

    #[test]
    fn inflections_accents_fields_and_negatives() {
        let rules = set(
            "[[rule]]\nid = \"ecole\"\ntag = \"education-jeunesse\"\nkeywords = [\"fermeture de classe\", \"école\"]\nnegative = [\"école de pensée\"]\nthreshold = 1.5\n",
        );
        let hit = |subject: &str, body: &str, quoted: &str| {
            let s = Subject {
                subject,
                body,
                quoted,
                ..Default::default()
            };
            evaluate(&rules, &s)
                .into_iter()
                .map(|h| h.tag)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            hit("Fermetures de classes", "", ""),
            vec!["education-jeunesse"],
            "subject weighs 2"
        );
        assert!(hit("", "les ecoles", "").is_empty(), "body weighs 1 < 1.5");
        assert_eq!(
            hit(
                "",
                "la fermeture d'une classe… non: la fermeture de classe et l'École",
                ""
            ),
            vec!["education-jeunesse"]
        );
        assert_eq!(
            hit("", "les ecoles", "> fermeture de classe"),
            vec!["education-jeunesse"],
            "quoted weighs half: 1 + 0.5 reaches 1.5"
        );
        assert_eq!(
            hit(
                "Relance",
                "Voir ci-dessous.",
                "> fermeture de classe, école"
            ),
            vec!["education-jeunesse"],
            "a relance whose own words say nothing: the quoted matter counts in full"
        );
        assert!(
            hit("École", "une école de pensée", "").is_empty(),
            "negative term vetoes"
        );
    }

    #[test]
    fn conditions_and_expiry() {
        let rules = set(
            "[[rule]]\nid = \"p\"\ntag = \"finances-locales\"\nkeywords = [\"DETR\"]\nsenders = [\"@isere.gouv.fr\"]\nexpires = \"2025-12-31\"\npriority = \"high\"\n",
        );
        let base = Subject {
            subject: "DETR 2025",
            from: "dupont@isere.gouv.fr",
            date: "2025-06-01".into(),
            ..Default::default()
        };
        let hits = evaluate(&rules, &base);
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].priority.as_deref(), Some("high"));
        assert_eq!(
            hits[0].found[0],
            Found {
                field: "subject",
                term: "DETR".into(),
                position: 0,
                attachment: None,
            }
        );
        assert!(
            evaluate(
                &rules,
                &Subject {
                    from: "x@gmail.com",
                    ..base.clone()
                }
            )
            .is_empty()
        );
        assert!(
            evaluate(
                &rules,
                &Subject {
                    date: "2026-01-02".into(),
                    ..base
                }
            )
            .is_empty()
        );
    }
}
