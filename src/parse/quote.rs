//! Splits a body into the sender's own text and quoted replies, so the index can down-weight
//! quotes and later stages (signature, threading) can look at the right block.
//!
//! Recognised, from real clients: `>` quote lines (Thunderbird, Apple Mail, mutt), the Outlook
//! header block "De : … Envoyé : … À : … Objet :" (and "From: … Sent: … Subject:"), often under a
//! "-----Message d'origine-----" or "____" rule, and attribution lines "Le … a écrit :" /
//! "On … wrote:" (Gmail wraps them over two lines). Everything after an Outlook block or an
//! attribution line is a quote: Outlook does not prefix quoted lines.

use std::sync::LazyLock;

use regex::Regex;

/// Result of [`split_quoted`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QuoteSplit {
    /// The sender's own lines.
    pub own: String,
    /// Quoted lines (attribution and Outlook header blocks included).
    pub quoted: String,
}

static ORIGINAL_RULE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*-{2,}\s*(original message|message d'origine|message original|réponse originale)\s*-{2,}\s*$")
        .expect("static regex")
});
static HEADER_FROM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^\s*\*?(de|from|von)\s*\*?\s*:\s*\S").expect("static regex"));
static HEADER_SENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*\*?(envoyé|envoye|sent|date|gesendet)\s*\*?\s*:").expect("static regex")
});
static HEADER_SUBJECT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*\*?(objet|subject|betreff)\s*\*?\s*:").expect("static regex")
});
static ATTRIBUTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(le|on|am)\b.{4,200}(a écrit|a ecrit|wrote|schrieb)\s*:\s*$")
        .expect("static regex")
});
static RULE_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*[_\-=]{10,}\s*$").expect("static regex"));

/// Splits `text` into own and quoted lines.
pub fn split_quoted(text: &str) -> QuoteSplit {
    let lines: Vec<&str> = text.lines().collect();
    let cut = find_reply_header(&lines).unwrap_or(lines.len());
    let mut split = QuoteSplit::default();
    for line in &lines[..cut] {
        let target = if line.trim_start().starts_with('>') {
            &mut split.quoted
        } else {
            &mut split.own
        };
        target.push_str(line);
        target.push('\n');
    }
    for line in &lines[cut..] {
        split.quoted.push_str(line);
        split.quoted.push('\n');
    }
    split.own = split.own.trim_end().to_string();
    split.quoted = split.quoted.trim_end().to_string();
    split
}

/// Index of the first line of a reply header block (Outlook block or attribution), if any.
fn find_reply_header(lines: &[&str]) -> Option<usize> {
    for (i, line) in lines.iter().enumerate() {
        if ORIGINAL_RULE.is_match(line) {
            return Some(i);
        }
        if HEADER_FROM.is_match(line) && is_outlook_block(&lines[i..]) {
            // Include the separator rule Outlook puts above the block.
            let above = i
                .checked_sub(1)
                .filter(|&j| RULE_LINE.is_match(lines[j]) || lines[j].trim().is_empty());
            return Some(match above {
                Some(j) if RULE_LINE.is_match(lines[j]) => j,
                _ => i,
            });
        }
        if ATTRIBUTION.is_match(line) {
            return Some(i);
        }
        // Gmail wraps long attributions: "Le lun. 3 mars 2025 à 10:14, Jean Dupont <\nj@x.fr> a écrit :"
        if let Some(next) = lines.get(i + 1) {
            let joined = format!("{} {}", line.trim_end(), next.trim());
            if line.len() > 10
                && !line.trim_start().starts_with('>')
                && ATTRIBUTION.is_match(&joined)
            {
                return Some(i);
            }
        }
    }
    None
}

/// "De :" followed within a few lines by "Envoyé :"/"Date :" and "Objet :".
fn is_outlook_block(lines: &[&str]) -> bool {
    let window = &lines[..lines.len().min(8)];
    window.iter().any(|l| HEADER_SENT.is_match(l))
        && window.iter().any(|l| HEADER_SUBJECT.is_match(l))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outlook_french_block_starts_the_quote() {
        let text = "Merci pour votre retour.\n\nCordialement,\nJean DUPONT\nMaire de Vif\n\n\
                    ________________________________\nDe : Permanence <permanence@example.fr>\n\
                    Envoyé : lundi 3 mars 2025 10:14\nÀ : Jean Dupont\nObjet : RE: DETR 2025\n\n\
                    Monsieur le Maire,\nNous avons bien reçu votre dossier.";
        let split = split_quoted(text);
        assert!(split.own.ends_with("Maire de Vif"), "{:?}", split.own);
        assert!(split.quoted.starts_with("_____"), "{:?}", split.quoted);
        assert!(split.quoted.contains("Nous avons bien reçu"));
    }

    #[test]
    fn attribution_and_angle_quotes() {
        let text = "D'accord pour le 12.\n\nLe 3 mars 2025 à 10:14, Marie Curie <m@x.fr> a écrit :\n> Pouvez-vous venir ?\n> Merci";
        let split = split_quoted(text);
        assert_eq!(split.own, "D'accord pour le 12.");
        assert!(split.quoted.starts_with("Le 3 mars"));
        assert!(split.quoted.ends_with("> Merci"));
    }

    #[test]
    fn wrapped_gmail_attribution() {
        let text = "Oui.\n\nLe lun. 3 mars 2025 à 10:14, Jean Dupont <\njean.dupont@mairie-vif.fr> a écrit :\n> Bonjour";
        let split = split_quoted(text);
        assert_eq!(split.own, "Oui.");
    }

    #[test]
    fn english_outlook_block() {
        let text = "See below.\n\nFrom: John Smith <j@x.com>\nSent: Monday, March 3, 2025 10:14 AM\nTo: Office\nSubject: Visit\n\nHello";
        let split = split_quoted(text);
        assert_eq!(split.own, "See below.");
        assert!(split.quoted.starts_with("From: John"));
    }

    #[test]
    fn a_lone_de_line_is_not_a_quote() {
        let text = "De : la part du conseil municipal, merci.\nNous vous remercions.";
        let split = split_quoted(text);
        assert_eq!(split.own, text);
        assert!(split.quoted.is_empty());
    }

    #[test]
    fn inline_reply_keeps_own_lines() {
        let text = "> Question 1 ?\nRéponse 1\n> Question 2 ?\nRéponse 2";
        let split = split_quoted(text);
        assert_eq!(split.own, "Réponse 1\nRéponse 2");
        assert_eq!(split.quoted, "> Question 1 ?\n> Question 2 ?");
    }
}
