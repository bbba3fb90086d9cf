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

#[cfg(test)]
mod tests {
    use super::normalise;

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
