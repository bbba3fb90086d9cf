//! An official's title as French pages write it (issue 17): from the mandate's function, or its
//! kind when the file gives none, in the feminine when the RNE's sex code says `F`
//! (« Conseillère départementale », « Députée », « 1re adjointe au maire »), with French casing
//! (only the first letter capitalised: « 1er adjoint », never « 1Er Adjoint »), and the commune
//! after it with its article (« Maire de Vif », « Maire d'Eybens »).

/// The title of a mandate of `kind` (RNE code: `mai`, `cm`, `cd`, `cr`, `epci`, `dep`, `sen`,
/// `rpe`…) with function `fonction` ('' for a plain member) held by someone of sex `sexe`
/// (`F`, `M` or '').
pub fn title(kind: &str, fonction: &str, sexe: &str) -> String {
    let base = if fonction.trim().is_empty() {
        match kind {
            "mai" => "Maire",
            "cm" => "Conseiller municipal",
            "cd" => "Conseiller départemental",
            "cr" => "Conseiller régional",
            "epci" => "Conseiller communautaire",
            "dep" => "Député",
            "sen" => "Sénateur",
            "rpe" => "Député européen",
            "ca" => "Conseiller d'arrondissement",
            "afe" => "Conseiller à l'Assemblée des Français de l'étranger",
            "cons" => "Conseiller consulaire",
            _ => "Élu",
        }
        .to_string()
    } else {
        french_case(fonction.trim())
    };
    if sexe.eq_ignore_ascii_case("F") {
        feminine(&base)
    } else {
        base
    }
}

/// `title` followed by the commune: « Maire de Vif », « Maire d'Eybens ».
pub fn title_of(title: &str, place: &str) -> String {
    let place = place.trim();
    if place.is_empty() {
        return title.to_string();
    }
    let elided = place
        .chars()
        .next()
        .is_some_and(|c| "AEIOUYÉÈÊÂÎÔaeiouyéèêâîôH".contains(c));
    if elided {
        format!("{title} d'{place}")
    } else {
        format!("{title} de {place}")
    }
}

/// A territory's name as French writes it: ordinals and « circonscription » in lower case
/// (« 1Ère Circonscription » → « 1re circonscription »); names of places keep their capitals.
pub fn territory(text: &str) -> String {
    text.split(' ')
        .map(|word| {
            let lower = word.to_lowercase();
            if word.starts_with(|c: char| c.is_ascii_digit()) {
                let digits: String = lower.chars().take_while(char::is_ascii_digit).collect();
                match &lower[digits.len()..] {
                    "ère" | "re" => format!("{digits}re"),
                    "er" => format!("{digits}er"),
                    "ème" | "e" | "eme" => format!("{digits}e"),
                    rest => format!("{digits}{rest}"),
                }
            } else if lower == "circonscription" {
                lower
            } else {
                word.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Only the first letter in capitals, the rest as French writes it: the RNE and older files
/// title-case functions (« 1Er Adjoint Au Maire », « CONSEILLER MUNICIPAL »).
fn french_case(text: &str) -> String {
    let lower = text.to_lowercase();
    let mut chars = lower.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The feminine of a title, word by word.
fn feminine(title: &str) -> String {
    title
        .split(' ')
        .map(|word| {
            let (lead, rest) = word.split_at(word.find(char::is_alphanumeric).unwrap_or(0));
            let swapped = match rest {
                "Conseiller" => "Conseillère",
                "conseiller" => "conseillère",
                "municipal" => "municipale",
                "départemental" => "départementale",
                "régional" => "régionale",
                "adjoint" => "adjointe",
                "Adjoint" => "Adjointe",
                "délégué" => "déléguée",
                "Délégué" => "Déléguée",
                "Président" => "Présidente",
                "président" => "présidente",
                "Vice-président" => "Vice-présidente",
                "vice-président" => "vice-présidente",
                "Député" => "Députée",
                "député" => "députée",
                "Sénateur" => "Sénatrice",
                "sénateur" => "sénatrice",
                "européen" => "européenne",
                "1er" => "1re",
                "premier" => "première",
                "Premier" => "Première",
                other => other,
            };
            format!("{lead}{swapped}")
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn territories_are_cased_as_french_writes_them() {
        assert_eq!(territory("1Ère Circonscription"), "1re circonscription");
        assert_eq!(territory("3Ème Circonscription"), "3e circonscription");
        assert_eq!(territory("Grenoble-1"), "Grenoble-1");
    }

    #[test]
    fn titles_are_feminised_and_cased_as_french_writes_them() {
        for (kind, fonction, sexe, expected) in [
            ("cd", "", "F", "Conseillère départementale"),
            ("cd", "", "M", "Conseiller départemental"),
            ("dep", "", "F", "Députée"),
            ("sen", "", "F", "Sénatrice"),
            ("rpe", "", "F", "Députée européenne"),
            ("mai", "Maire", "F", "Maire"),
            ("cm", "1Er Adjoint Au Maire", "M", "1er adjoint au maire"),
            ("cm", "1er adjoint au maire", "F", "1re adjointe au maire"),
            (
                "cm",
                "Conseiller municipal délégué",
                "F",
                "Conseillère municipale déléguée",
            ),
            ("epci", "Vice-président", "F", "Vice-présidente"),
            ("cm", "", "", "Conseiller municipal"),
        ] {
            assert_eq!(
                title(kind, fonction, sexe),
                expected,
                "{kind} {fonction} {sexe}"
            );
        }
        assert_eq!(title_of("Maire", "Vif"), "Maire de Vif");
        assert_eq!(title_of("Maire", "Eybens"), "Maire d'Eybens");
        assert_eq!(title_of("Députée", ""), "Députée");
    }
}
