//! Near-duplicate texts for campaigns: a motion voted by forty councils, a petition, a form
//! letter. Each personal message's substantive text — its own words, quotes removed, without
//! greetings, closing and courtesy formulas, follow-up formulas and the signature block
//! ([`substantive`]) — becomes a set of 4-word shingles, summarised by a MinHash signature (48
//! values); 24 bands of 2 values are stored so that candidates are found by an index lookup
//! (locality-sensitive hashing, not a scan), then the signatures estimate their similarity.
//! Two values per band find a pair at the 0.45 similarity threshold 99.6 % of the time (four
//! values found it 39 % of the time: copies of one motion with light edits, at 0.45 to 0.6,
//! were missed).
//! Texts differing by a commune name, a date and a signature stay well above the threshold; two
//! letters on the same subject in their own words stay far below it; and a follow-up whose own
//! text is a formula that many people write the same way (« Je me permets de revenir vers vous
//! concernant ce dossier… ») has no substantive text at all, so it never starts or joins a
//! campaign. The signature is made from text only: attachment text, once extracted, can feed
//! [`signature`] the same way.

use std::sync::LazyLock;

use regex::Regex;

/// MinHash values per signature.
pub const HASHES: usize = 48;
/// Values per band.
const ROWS: usize = 2;
/// Substantive texts shorter than this many words are not compared: a campaign copy (a
/// motion, a petition, a form letter) says something of its own at length, while a cover note
/// or a follow-up, once its formulas are gone, is a line or two. Chosen on the development
/// set `fixtures/cases-eval-a` (`examples/substantive.rs`): 132 of its 151 campaign copies have
/// 60 words or more (the others are one-line covers of a PDF), against 226 of its 903 request
/// messages; at 40, three citizens' near-identical two-sentence letters made a campaign.
pub const MIN_SUBSTANTIVE_WORDS: usize = 60;

/// Sentences (folded: lower case, no accents, punctuation as spaces) that carry no request of
/// their own: greetings, closing and courtesy formulas, follow-ups, cover-note phrases,
/// disclaimers. Many different people write them the same way, so they must not make two
/// letters look alike. ASCII word boundaries (`(?-u:\b)`): the text is folded, and a Unicode
/// boundary would make the regex engine fall back from its DFA to the slowest engine.
static FORMULA: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^(madame|monsieur|mesdames|messieurs|cher|chere|chers|cheres|bonjour|bonsoir|hello)(?-u:\b)",
        r"|(?-u:\b)je me permets? de (vous )?(revenir|relancer|recontacter|rappeler|solliciter a nouveau)",
        r"|(?-u:\b)je (reviens|me tourne a nouveau) vers vous",
        r"|(?-u:\b)sauf erreur de ma part",
        r"|(?-u:\b)(pas|aucun|aucune|sans) (encore )?(eu )?(de )?(retour|reponse|nouvelles?)(?-u:\b)",
        r"|(?-u:\b)(merci|je vous remercie|nous vous remercions|remerciements?)(?-u:\b)",
        r"|(?-u:\b)(je vous|nous vous) (transmets|transmettons|adresse|adressons|fais parvenir|faisons parvenir|envoie|envoyons|communique|communiquons)(?-u:\b)",
        r"|(?-u:\b)(vous trouverez|veuillez trouver|je vous prie de trouver|ci joint|en piece jointe|en pj)(?-u:\b)",
        r"|(?-u:\b)(pourriez|pouvez|pourrez) vous (me|nous) (dire|indiquer|tenir|informer|preciser)",
        r"|(?-u:\b)ou en est(?-u:\b)|(?-u:\b)avancement (de|du) (ce|mon|notre|votre)? ?dossier",
        r"|(?-u:\b)dans l attente(?-u:\b)|(?-u:\b)en attendant(?-u:\b)",
        r"|(?-u:\b)(je vous prie|nous vous prions|veuillez|vous prie) (d agreer|de croire|de recevoir|d accepter)",
        r"|(?-u:\b)(cordialement|cordiales salutations|bien a vous|salutations|respectueusement|amities|sentiments)(?-u:\b)",
        r"|(?-u:\b)(je reste|restant|nous restons|reste) a (votre|vos) (entiere )?disposition",
        r"|(?-u:\b)(bonne|excellente|belle) (journee|soiree|semaine|fin de semaine|continuation|reception)(?-u:\b)",
        r"|(?-u:\b)en vous remerciant(?-u:\b)|(?-u:\b)par avance(?-u:\b)|(?-u:\b)d avance(?-u:\b)",
        r"|(?-u:\b)pour (information|info|suite a donner|votre information)(?-u:\b)",
        r"|(?-u:\b)(envoye|envoyee) (de|depuis) mon(?-u:\b)|(?-u:\b)sent from my(?-u:\b)",
        r"|(?-u:\b)(ce|le present) (message|courriel|mail|e mail)(?-u:\b).*(?-u:\b)(confidentiel|destinataire|destine|pieces jointes)",
        r"|(?-u:\b)confidentiel(le)?s?(?-u:\b).*(?-u:\b)destinataires?(?-u:\b)",
        r"|(?-u:\b)suite a (notre|votre|mon|ma|nos) (echange|entretien|conversation|appel|courrier|message|rendez vous|mail|courriel)",
        r"|(?-u:\b)comme (convenu|suite|annonce)(?-u:\b)",
    ))
    .expect("static regex")
});

/// A line of a signature block: contact details, a title alone, a short name.
static SIGNATURE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"@|https?://|www\.|\b(tel|tél|fax|mob|port|portable|standard)\b\s*[.:]",
        r"|(\d[ .-]?){9,}|\b\d{5}\b|^\s*[-_=*]{2,}",
    ))
    .expect("static regex")
});

/// The substantive text of a message's own words: without greetings and formulas (sentences
/// matching [`FORMULA`]), without signature lines (contact details, and lines of fewer than
/// four words: names, titles, « Mairie de X »), so that what remains is what this sender says. Quoted text is never part of it (the caller passes the own text only).
pub fn substantive(text: &str) -> String {
    // No cut at the closing formula: a cover note often closes before the motion it carries
    // ("Bien cordialement, [signature] ---- Motion …"). Signature lines go one by one instead.
    let lines: Vec<&str> = text.lines().collect();
    let mut kept = String::new();
    for line in &lines {
        if SIGNATURE_LINE.is_match(line) || line.split_whitespace().count() < 4 {
            continue;
        }
        for sentence in line.split_inclusive(['.', '!', '?', ';']) {
            let folded = crate::util::fold(sentence);
            if folded.is_empty() || FORMULA.is_match(&folded) {
                continue;
            }
            kept.push_str(sentence.trim());
            kept.push(' ');
        }
        kept.push('\n');
    }
    kept
}

/// Words of substantive text in `text` (see [`substantive`]).
pub fn substantive_words(text: &str) -> usize {
    crate::util::fold(&substantive(text))
        .split(' ')
        .filter(|w| !w.is_empty())
        .count()
}

/// The signature of the substantive text of `text` ([`substantive`]), or `None` when that is
/// shorter than [`MIN_SUBSTANTIVE_WORDS`].
pub fn signature(text: &str) -> Option<Vec<u32>> {
    shingle_signature(&substantive(text))
}

/// The MinHash signature of an already substantive text, `None` below
/// [`MIN_SUBSTANTIVE_WORDS`].
fn shingle_signature(substantive: &str) -> Option<Vec<u32>> {
    shingle_signature_folded(&crate::util::fold(substantive))
}

/// [`shingle_signature`] of a text folded already.
fn shingle_signature_folded(folded: &str) -> Option<Vec<u32>> {
    let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
    if words.len() < MIN_SUBSTANTIVE_WORDS {
        return None;
    }
    let mut sig = vec![u32::MAX; HASHES];
    for shingle in words.windows(4) {
        let mut h = FNV_OFFSET;
        for w in shingle {
            h = fnv1a(h, w.as_bytes());
            h = fnv1a(h, b" ");
        }
        for (i, slot) in sig.iter_mut().enumerate() {
            let v = (mix(h ^ SEEDS[i]) >> 32) as u32;
            if v < *slot {
                *slot = v;
            }
        }
    }
    Some(sig)
}

/// The text a message's campaign signature is made from: its sender's own text, or for a
/// forward whose own text is too short ("Pour information, la motion de notre conseil"), the
/// forwarded text with it.
pub fn signature_text(mail: &crate::parse::ParsedMail) -> String {
    if substantive_words(&mail.body) < MIN_SUBSTANTIVE_WORDS
        && super::subject::is_forward(&mail.subject)
    {
        format!("{}\n{}\n{}", mail.body, mail.quoted, mail.forwarded)
    } else {
        mail.body.clone()
    }
}

/// The signature of a message: of [`signature_text`].
pub fn signature_of(mail: &crate::parse::ParsedMail) -> Option<Vec<u32>> {
    facts(mail).signature
}

/// What the cases stage needs from a message's text, computed once, off the sequential stage
/// (the pipeline computes it on all cores with the parse).
#[derive(Debug, Clone, Default)]
pub struct TextFacts {
    /// The campaign signature ([`signature_of`]).
    pub signature: Option<Vec<u32>>,
    /// Substantive words of the sender's own text ([`substantive_words`] of the body): a
    /// follow-up with no matter of its own has few.
    pub body_words: usize,
}

/// The [`TextFacts`] of a message: nothing for automatic mail, which never takes part in
/// cases; otherwise the own text's substantive part is extracted once and serves both.
pub fn facts(mail: &crate::parse::ParsedMail) -> TextFacts {
    if mail.kind != crate::parse::Kind::Personal {
        return TextFacts::default();
    }
    let own = crate::util::fold(&substantive(&mail.body));
    let body_words = own.split(' ').filter(|w| !w.is_empty()).count();
    let signature = if body_words >= MIN_SUBSTANTIVE_WORDS {
        // `own` is folded already, and folding is idempotent.
        shingle_signature_folded(&own)
    } else if super::subject::is_forward(&mail.subject) {
        signature(&signature_text(mail))
    } else {
        None
    };
    TextFacts {
        signature,
        body_words,
    }
}

/// The band keys of a signature (one per band; equal keys mean an equal band).
pub fn bands(sig: &[u32]) -> Vec<i64> {
    sig.chunks(ROWS)
        .enumerate()
        .map(|(band, rows)| {
            let mut h = fnv1a(FNV_OFFSET, &(band as u32).to_le_bytes());
            for r in rows {
                h = fnv1a(h, &r.to_le_bytes());
            }
            h as i64
        })
        .collect()
}

/// Estimated Jaccard similarity of the shingle sets behind two signatures.
pub fn similarity(a: &[u32], b: &[u32]) -> f64 {
    if a.len() != b.len() || a.is_empty() {
        return 0.0;
    }
    a.iter().zip(b).filter(|(x, y)| x == y).count() as f64 / a.len() as f64
}

/// Signature as stored (little-endian u32s).
pub fn to_blob(sig: &[u32]) -> Vec<u8> {
    sig.iter().flat_map(|v| v.to_le_bytes()).collect()
}

/// A 64-bit key of a sender's address, stored beside each band (`message_bands_dated.sender`)
/// so that the campaign lookup skips a sender's own messages without reading them. Stable
/// (FNV-1a); two addresses sharing a key (odds about 2^-64 per pair) would only keep one
/// message from the other's candidates.
pub fn sender_key(address: &str) -> i64 {
    fnv1a(FNV_OFFSET, address.as_bytes()) as i64
}

/// Signature from its stored form.
pub fn from_blob(blob: &[u8]) -> Vec<u32> {
    blob.chunks_exact(4)
        .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
        .collect()
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// FNV-1a: stable across builds and platforms (signatures are stored).
fn fnv1a(mut h: u64, bytes: &[u8]) -> u64 {
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// SplitMix64 finaliser: one independent-looking hash per seed.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Fixed seeds, one per hash (stored signatures depend on them: never change).
const SEEDS: [u64; HASHES] = {
    let mut seeds = [0u64; HASHES];
    let mut i = 0;
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    while i < HASHES {
        x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
        seeds[i] = x;
        i += 1;
    }
    seeds
};

#[cfg(test)]
mod tests {
    use super::*;

    const MOTION: &str = "Le conseil municipal, réuni en séance, exprime sa très vive inquiétude \
        face au projet de fermeture de la maternité de l'hôpital de Voiron, qui obligerait les \
        futures mères du territoire à parcourir plus de quarante-cinq minutes de route pour \
        accoucher. Il demande à l'Agence régionale de santé de renoncer à ce projet, de \
        maintenir les moyens humains et matériels du service et d'engager une concertation \
        réelle avec les élus locaux, les professionnels de santé et les usagers.";

    #[test]
    fn the_same_motion_from_two_councils_is_near_identical() {
        let a = signature(&format!(
            "Monsieur le Sénateur,\n{MOTION}\nLe Maire de Rives"
        ))
        .unwrap();
        let b = signature(&format!(
            "Madame, Monsieur,\n{MOTION}\nPour le Maire de Tullins, la DGS"
        ))
        .unwrap();
        assert!(similarity(&a, &b) >= 0.6, "{}", similarity(&a, &b));
        let shared = bands(&a)
            .iter()
            .zip(bands(&b))
            .filter(|(x, y)| **x == *y)
            .count();
        assert!(shared > 0, "the index lookup finds it");
    }

    #[test]
    fn different_letters_on_the_same_subject_are_not() {
        let a = signature(MOTION).unwrap();
        let b = signature(
            "Je vous écris au sujet de la maternité de Voiron : ma fille doit \
            accoucher en juin et nous habitons à Saint-Laurent-du-Pont. Si le service ferme, il \
            faudra aller à Grenoble, avec la neige en hiver. Pouvez-vous intervenir auprès de \
            l'agence régionale de santé et nous dire ce qui est prévu pour les familles du \
            secteur ? Merci d'avance pour votre réponse.",
        )
        .unwrap();
        assert!(similarity(&a, &b) < 0.2, "{}", similarity(&a, &b));
    }

    #[test]
    fn follow_up_formulas_and_signatures_are_not_substantive() {
        // What fifty different people wrote, each with their own signature block.
        for text in [
            "Madame la Sénatrice,\nJe me permets de revenir vers vous concernant ce dossier, pour \
             lequel nous n'avons pas de nouvelles.\nDans l'attente de votre retour, je vous prie \
             d'agréer, Madame la Sénatrice, l'expression de mes salutations distinguées.\n\
             Jean Dupont\nMaire de Vif\nMairie de Vif – 1 place de la Libération – 38450 Vif\n\
             Tél. 04 76 72 51 07\nmaire@mairie-vif.fr",
            "Bonjour,\nMerci pour votre retour rapide. Je vous transmets les éléments \
             complémentaires demandés.\nBien cordialement,\nSophie Martin\nSecrétaire de mairie\n\
             Envoyé de mon iPhone",
            "Monsieur,\nSauf erreur de ma part, je n'ai pas eu de retour à mon courrier du 3 mars. \
             Pourriez-vous me dire où en est ce dossier ?\nCordialement\nP. Girard",
        ] {
            assert!(substantive_words(text) < 10, "{:?}", substantive(text));
            assert!(signature(text).is_none());
        }
    }

    #[test]
    fn a_cover_note_keeps_the_motion_it_carries() {
        let text = format!(
            "Madame la Sénatrice,\nVeuillez trouver ci-dessous la motion adoptée par notre \
             conseil.\nBien cordialement,\nLa secrétaire de mairie\n\n{MOTION} {MOTION}"
        );
        assert!(substantive_words(&text) >= MIN_SUBSTANTIVE_WORDS);
        assert!(signature(&text).is_some());
    }

    #[test]
    fn short_texts_are_not_compared_and_blobs_round_trip() {
        assert!(signature("Merci, bien reçu. Cordialement.").is_none());
        let s = signature(MOTION).unwrap();
        assert_eq!(from_blob(&to_blob(&s)), s);
        assert_eq!(bands(&s).len(), HASHES / ROWS);
    }
}
