//! Language of a message body, with whatlang. whatlang is unreliable on short text ("Bonjour" comes
//! out as Uzbek), and this is a French office: short or low-confidence text is taken as French.

use whatlang::Lang;

/// Below this many letters the detector is not asked.
const MIN_CHARS: usize = 60;
/// Only the start of long bodies is looked at: enough for a stable answer, cheap.
const SAMPLE_BYTES: usize = 1_000;
/// Below this confidence the default (French) wins.
const MIN_CONFIDENCE: f64 = 0.5;

/// ISO 639-1 code (ISO 639-3 for languages without one) of `text`'s language; `"fr"` when unsure.
pub fn detect_language(text: &str) -> &'static str {
    let mut end = text.len().min(SAMPLE_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let sample = &text[..end];
    if sample.chars().filter(|c| c.is_alphabetic()).count() < MIN_CHARS {
        return "fr";
    }
    match whatlang::detect(sample) {
        Some(info) if info.confidence() >= MIN_CONFIDENCE => iso_639_1(info.lang()),
        _ => "fr",
    }
}

fn iso_639_1(lang: Lang) -> &'static str {
    match lang {
        Lang::Fra => "fr",
        Lang::Eng => "en",
        Lang::Deu => "de",
        Lang::Spa => "es",
        Lang::Ita => "it",
        Lang::Por => "pt",
        Lang::Nld => "nl",
        Lang::Pol => "pl",
        Lang::Ara => "ar",
        Lang::Tur => "tr",
        Lang::Rus => "ru",
        Lang::Ukr => "uk",
        Lang::Ron => "ro",
        Lang::Cmn => "zh",
        Lang::Jpn => "ja",
        other => other.code(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_text_defaults_to_french() {
        assert_eq!(detect_language("Bonjour"), "fr");
        assert_eq!(detect_language(""), "fr");
    }

    #[test]
    fn detects_french_english_german() {
        let fr = "Monsieur le Sénateur, je me permets de vous solliciter au sujet de la fermeture \
                  annoncée d'une classe de l'école élémentaire de notre commune à la rentrée prochaine.";
        let en = "Dear Senator, I am writing to ask for your support regarding the closure of the \
                  primary school class in our village that was announced for the next school year.";
        let de = "Sehr geehrter Herr Senator, ich schreibe Ihnen wegen der geplanten Schließung der \
                  Grundschulklasse in unserer Gemeinde zum kommenden Schuljahr und bitte um Ihre Hilfe.";
        assert_eq!(detect_language(fr), "fr");
        assert_eq!(detect_language(en), "en");
        assert_eq!(detect_language(de), "de");
    }
}
