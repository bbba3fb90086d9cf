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
/// The line a client puts above a forwarded message: Thunderbird's « -------- Message
/// transféré -------- », Gmail's « ---------- Forwarded message --------- », Apple Mail's
/// « Début du message réexpédié : ». What follows is someone else's text (and signature).
static FORWARD_RULE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:-{2,}\s*)?(?:message transf[ée]r[ée]|forwarded message|d[ée]but du message r[ée]exp[ée]di[ée]|message r[ée]exp[ée]di[ée]|message d'origine transf[ée]r[ée])\s*(?:-{2,})?\s*:?\s*$")
        .expect("static regex")
});
static HEADER_FROM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^\s*\*?(de|from|von)\s*\*?\s*:\s*\S").expect("static regex"));
static HEADER_SENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*\*?(envoyé|envoye|sent|date|gesendet)\s*\*?\s*:").expect("static regex")
});
static HEADER_TO: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^\s*\*?(à|a|pour|to|an)\s*\*?\s*:").expect("static regex"));
static HEADER_SUBJECT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*\*?(objet|sujet|subject|betreff)\s*\*?\s*:").expect("static regex")
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

/// Sender and subject of the message a reply quotes, read from its quoted header block.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct QuotedHeader {
    /// Display name of the quoted message's sender ('' when only an address was given).
    pub name: String,
    /// Address of the quoted message's sender, lower case ('' when only a name was given).
    pub address: String,
    /// Subject of the quoted message ('' for an attribution line, which has none).
    pub subject: String,
    /// Addresses of the quoted message's `À :`/`To:` line, lower case (empty for an
    /// attribution line, or when the line shows names only).
    pub to: Vec<String>,
}

static ADDRESS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)[a-z0-9._%+\-]+@[a-z0-9.\-]+\.[a-z]{2,}").expect("static regex")
});

/// The first quoted header block of `quoted` (the quoted part of [`split_quoted`]): an Outlook
/// block gives sender and subject, an attribution line "Le … X <x@y> a écrit :" the sender only.
/// Lines quoted with `>` are read too (a forward of an Outlook reply).
pub fn quoted_header(quoted: &str) -> Option<QuotedHeader> {
    let lines: Vec<&str> = quoted
        .lines()
        .map(|l| l.trim_start_matches(['>', ' ']))
        .collect();
    for (i, line) in lines.iter().enumerate() {
        if HEADER_FROM.is_match(line) && is_outlook_block(&lines[i..]) {
            let value = after_colon(line);
            let subject = lines[i..lines.len().min(i + 8)]
                .iter()
                .find(|l| HEADER_SUBJECT.is_match(l))
                .map(|l| after_colon(l).to_string())
                .unwrap_or_default();
            let to = lines[i..lines.len().min(i + 8)]
                .iter()
                .find(|l| HEADER_TO.is_match(l))
                .map(|l| {
                    ADDRESS
                        .find_iter(after_colon(l))
                        .map(|m| m.as_str().to_lowercase())
                        .collect()
                })
                .unwrap_or_default();
            let (name, address) = name_and_address(value);
            return Some(QuotedHeader {
                name,
                address,
                subject,
                to,
            });
        }
        let attribution = if ATTRIBUTION.is_match(line) {
            Some(line.to_string())
        } else {
            lines
                .get(i + 1)
                .map(|next| format!("{} {}", line.trim_end(), next.trim()))
                .filter(|joined| ATTRIBUTION.is_match(joined))
        };
        if let Some(text) = attribution {
            // "Le 3 mars 2025 à 10:14, Jean Dupont <j@x.fr> a écrit :"
            let cut = text.rfind(" a écrit").or_else(|| text.rfind(" a ecrit"));
            let cut = cut.or_else(|| text.rfind(" wrote")).unwrap_or(text.len());
            let who = &text[..cut];
            let who = who.rsplit_once(", ").map_or(who, |(_, w)| w);
            let (name, address) = name_and_address(who);
            return Some(QuotedHeader {
                name,
                address,
                subject: String::new(),
                to: Vec::new(),
            });
        }
    }
    None
}

fn after_colon(line: &str) -> &str {
    line.split_once(':').map_or("", |(_, v)| v.trim())
}

/// "Jean Dupont <j@x.fr>", "Jean Dupont [mailto:j@x.fr]", "j@x.fr", "Jean Dupont".
fn name_and_address(value: &str) -> (String, String) {
    let address = ADDRESS
        .find(value)
        .map(|m| m.as_str().to_lowercase())
        .unwrap_or_default();
    let name = match value.find(['<', '[']) {
        Some(pos) => &value[..pos],
        None if !address.is_empty() => "",
        None => value,
    };
    let name = name
        .trim()
        .trim_matches(|c| c == '"' || c == '\'' || c == '*')
        .trim();
    (name.to_string(), address)
}

/// Index of the first line of a reply header block (Outlook block or attribution), if any.
fn find_reply_header(lines: &[&str]) -> Option<usize> {
    for (i, line) in lines.iter().enumerate() {
        if ORIGINAL_RULE.is_match(line) || FORWARD_RULE.is_match(line) {
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
    fn a_forwarded_message_is_not_the_senders_own_text() {
        for rule in [
            "-------- Message transféré --------",
            "---------- Forwarded message ---------",
            "Début du message réexpédié :",
        ] {
            let text = format!(
                "Je vous transfère la réponse de la mairie.\nDidier\n\n{rule}\nSujet : \tVotre courrier\nDe : \tMairie <m@x.fr>\n\nMadame,\nLe Maire,\nChristophe SÉREUSE\n"
            );
            let split = split_quoted(&text);
            assert!(!split.own.contains("SÉREUSE"), "{rule}: {split:?}");
            assert!(split.own.contains("Didier"), "{rule}: {split:?}");
        }
    }

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
    fn quoted_header_of_an_outlook_block() {
        let text = "Merci.\n\n-----Message d'origine-----\nDe : Permanence de la sénatrice <permanence@senateur-exemple.fr>\n\
                    Envoyé : mardi 3 mars 2026 10:12\nÀ : Jean Dupont\nObjet : RE: DETR 2026\n\nMonsieur le Maire,";
        let q = quoted_header(&split_quoted(text).quoted).unwrap();
        assert_eq!(q.name, "Permanence de la sénatrice");
        assert_eq!(q.address, "permanence@senateur-exemple.fr");
        assert_eq!(q.subject, "RE: DETR 2026");
        let text =
            "Vu.\n\nFrom: Jean Dupont [mailto:J.Dupont@Vif.fr]\nSent: Monday\nSubject: Pont\n\nx";
        let q = quoted_header(&split_quoted(text).quoted).unwrap();
        assert_eq!(
            (q.name.as_str(), q.address.as_str(), q.subject.as_str()),
            ("Jean Dupont", "j.dupont@vif.fr", "Pont")
        );
        let text = "Vu.\n\n> De : Marie Curie\n> Envoyé : lundi\n> Objet : TR: Pont\n> x";
        let q = quoted_header(&split_quoted(text).quoted).unwrap();
        assert_eq!(
            (q.name.as_str(), q.address.as_str(), q.subject.as_str()),
            ("Marie Curie", "", "TR: Pont")
        );
    }

    #[test]
    fn quoted_header_of_an_attribution() {
        let text = "Oui.\n\nLe mar. 3 mars 2026 à 10:12, Permanence <\npermanence@senateur-exemple.fr> a écrit :\n> Bonjour";
        let q = quoted_header(&split_quoted(text).quoted).unwrap();
        assert_eq!(q.address, "permanence@senateur-exemple.fr");
        assert_eq!(q.subject, "");
        assert_eq!(quoted_header("> rien\n> du tout"), None);
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
