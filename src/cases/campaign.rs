//! Near-duplicate texts for campaigns: a motion voted by forty councils, a petition, a form
//! letter. Each personal message's own text (quotes removed) becomes a set of 4-word shingles,
//! summarised by a MinHash signature (48 values); 12 bands of 4 values are stored so that
//! candidates are found by an index lookup (locality-sensitive hashing, not a scan), then the
//! signatures estimate their similarity. Texts differing by a commune name, a date and a
//! signature stay well above the threshold; two letters on the same subject in their own words
//! stay far below it.

/// MinHash values per signature.
pub const HASHES: usize = 48;
/// Values per band.
const ROWS: usize = 4;
/// Texts shorter than this many shingles are not compared (a "Merci, bien reçu" is no campaign).
pub const MIN_SHINGLES: usize = 25;

/// The signature of `text`, or `None` when it is too short to compare.
pub fn signature(text: &str) -> Option<Vec<u32>> {
    let folded = crate::util::fold(text);
    let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
    if words.len() < MIN_SHINGLES + 3 {
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

/// The signature of a message: its sender's own text, or for a forward whose own text is too
/// short ("Pour information, la motion de notre conseil"), the forwarded text with it.
pub fn signature_of(mail: &crate::parse::ParsedMail) -> Option<Vec<u32>> {
    signature(&mail.body).or_else(|| {
        let subject = mail.subject.trim_start().to_ascii_lowercase();
        let forward = ["tr:", "tr :", "fw:", "fwd:", "fw :", "wg:"]
            .iter()
            .any(|p| subject.starts_with(p));
        if forward {
            signature(&format!(
                "{}\n{}\n{}",
                mail.body, mail.quoted, mail.forwarded
            ))
        } else {
            None
        }
    })
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
    fn short_texts_are_not_compared_and_blobs_round_trip() {
        assert!(signature("Merci, bien reçu. Cordialement.").is_none());
        let s = signature(MOTION).unwrap();
        assert_eq!(from_blob(&to_blob(&s)), s);
        assert_eq!(bands(&s).len(), HASHES / ROWS);
    }
}
