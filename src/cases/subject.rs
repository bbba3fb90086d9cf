//! Subject normalisation for threading: the same request keeps its subject through replies and
//! forwards, decorated by every mail client in its own language ("RE:", "Re :", "TR:", "Fwd:",
//! "Réf :", "AW:", "WG:", "SV:", "[Mairie]", "RE[2]:") and by the senders themselves when they
//! follow up ("Relance :", "Rappel :", "2e relance :"). Strip those, then fold case, accents and
//! punctuation, so "TR: RE: Subvention DÉTR – Vif" and "subvention detr vif" meet.

use std::sync::LazyLock;

use regex::Regex;

static PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\s*(?:(?:re|r[ée]f|tr|fw|fwd|aw|wg|sv|vs|antw|rif|rv|enc|res|relance|rappel|2(?:e|ème|eme|nde) relance)\s*(?:\[\d+\]|\(\d+\))?\s*:|(?:relance|rappel|2(?:e|ème|eme|nde) relance)\s*[-–—]|\[[^\]]*\])\s*",
    )
    .expect("static regex")
});

/// The normalised subject ('' when nothing is left: such messages never thread by subject).
pub fn normalise(subject: &str) -> String {
    let mut rest = subject.trim();
    while let Some(m) = PREFIX.find(rest) {
        if m.as_str().is_empty() {
            break;
        }
        rest = &rest[m.end()..];
    }
    crate::util::fold(rest)
}

/// The decorations in front of a subject, folded, in order: `["tr", "re"]` for « TR: RE: … »,
/// `["relance"]` for « Relance - … »; tags such as « [Mairie] » are skipped.
fn prefixes(subject: &str) -> Vec<String> {
    let mut rest = subject.trim();
    let mut found = Vec::new();
    while let Some(m) = PREFIX.find(rest) {
        if m.as_str().is_empty() {
            break;
        }
        if !m.as_str().trim_start().starts_with('[') {
            let word = crate::util::fold(m.as_str());
            found.push(word.split(' ').next().unwrap_or("").to_string());
        }
        rest = &rest[m.end()..];
    }
    found
}

/// True when the subject says the message is a forward: its first decoration is `TR:`, `Fwd:`,
/// `WG:`, `ENC:` and none after it says reply (« TR: RE: … » forwards a reply of a thread).
pub fn is_forward(subject: &str) -> bool {
    let found = prefixes(subject);
    matches!(
        found.first().map(String::as_str),
        Some("tr" | "fw" | "fwd" | "wg" | "enc")
    ) && !found.iter().any(|p| is_reply_word(p))
}

/// True when a decoration of the subject says reply or follow-up: `RE:`, `Réf :`, `AW:`,
/// `SV:`, « Relance : », « Rappel - », « 2e relance : », also behind a `TR:`.
pub fn is_reply(subject: &str) -> bool {
    prefixes(subject).iter().any(|p| is_reply_word(p))
}

fn is_reply_word(word: &str) -> bool {
    matches!(
        word,
        "re" | "ref"
            | "aw"
            | "sv"
            | "vs"
            | "antw"
            | "rif"
            | "rv"
            | "res"
            | "relance"
            | "rappel"
            | "2e"
            | "2eme"
            | "2nde"
    )
}

#[cfg(test)]
mod tests {
    use super::{is_forward, is_reply, normalise};

    #[test]
    fn forwards_and_replies_by_their_decorations() {
        for (subject, forward, reply) in [
            ("TR: Motion DGF", true, false),
            ("Fwd: Motion DGF", true, false),
            ("Tr : motion CM", true, false),
            ("TR: RE: Subvention DETR", false, true),
            ("RE: Motion DGF", false, true),
            ("Réf : votre courrier", false, true),
            ("Relance - dossier DETR", false, true),
            ("2e relance : dossier DETR", false, true),
            ("[Mairie] TR: Motion", true, false),
            ("Motion DGF", false, false),
            ("Trésorerie : demande", false, false),
        ] {
            assert_eq!(is_forward(subject), forward, "{subject}");
            assert_eq!(is_reply(subject), reply, "{subject}");
        }
    }

    #[test]
    fn client_prefixes_and_tags_go() {
        for s in [
            "Subvention DETR - Vif",
            "RE: Subvention DETR – Vif",
            "Re : subvention détr vif",
            "TR: RE: Subvention DETR Vif",
            "Fwd: [Mairie de Vif] RE[2]: Subvention DETR, Vif",
            "Réf : Subvention DETR Vif",
            "AW: WG: Subvention DETR Vif",
            "  FW:Subvention DETR Vif ",
            "Relance : Subvention DETR Vif",
            "RAPPEL: RE: Subvention DETR Vif",
            "2e relance : Subvention DETR Vif",
            "RELANCE - Subvention DETR Vif",
            "Rappel – Subvention DETR Vif",
        ] {
            assert_eq!(normalise(s), "subvention detr vif", "{s}");
        }
    }

    #[test]
    fn words_that_only_look_like_prefixes_stay() {
        assert_eq!(normalise("Recensement 2026"), "recensement 2026");
        assert_eq!(normalise("Travaux: pont"), "travaux pont");
        assert_eq!(normalise("RE:"), "");
        assert_eq!(normalise(""), "");
    }
}
