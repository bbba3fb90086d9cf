//! Text of an RTF document: the groups read with their destinations (font and colour tables,
//! styles, pictures, `{\*…}` groups are left out), `\'e9` bytes decoded in the document's code
//! page (`\ansicpg`, Windows-1252 by default), `\uN` characters with their `\ucN` fallbacks
//! skipped, paragraphs as lines and cells as tabs. Written here: Debian's RTF converters are
//! unmaintained, and the format is a small tokeniser.

/// Destinations whose text is not the document's.
const SKIPPED: &[&str] = &[
    "fonttbl",
    "colortbl",
    "stylesheet",
    "info",
    "pict",
    "object",
    "listtable",
    "listoverridetable",
    "rsidtbl",
    "generator",
    "xmlnstbl",
    "themedata",
    "colorschememapping",
    "datastore",
    "latentstyles",
    "pgdsctbl",
    "fldinst",
    "header",
    "footer",
    "headerl",
    "headerr",
    "headerf",
    "footerl",
    "footerr",
    "footerf",
    "filetbl",
    "revtbl",
    "bkmkstart",
    "bkmkend",
    "mmathPr",
    "xe",
    "tc",
    "operator",
    "company",
    "author",
];

#[derive(Clone, Copy)]
struct Group {
    skip: bool,
    uc: usize,
}

/// The text of `rtf`, at most `max_chars` characters of it.
pub fn text(rtf: &[u8], max_chars: usize) -> String {
    let mut out = String::new();
    let mut bytes: Vec<u8> = Vec::new(); // code-page bytes not yet decoded
    let mut encoding = encoding_rs::WINDOWS_1252;
    let mut stack: Vec<Group> = Vec::new();
    let mut g = Group { skip: false, uc: 1 };
    // Characters still to skip after a \u (its fallback).
    let mut to_skip = 0usize;
    // At the start of a group: `{\*` marks an ignorable destination.
    let mut group_start = false;
    let flush = |bytes: &mut Vec<u8>, out: &mut String, enc: &'static encoding_rs::Encoding| {
        if !bytes.is_empty() {
            out.push_str(&enc.decode_without_bom_handling(bytes).0);
            bytes.clear();
        }
    };
    let mut i = 0;
    while i < rtf.len() {
        if out.len() + bytes.len() > max_chars.saturating_mul(4) {
            break;
        }
        let c = rtf[i];
        match c {
            b'{' => {
                if stack.len() < 10_000 {
                    stack.push(g);
                }
                group_start = true;
                i += 1;
                continue;
            }
            b'}' => {
                g = stack.pop().unwrap_or(Group { skip: false, uc: 1 });
                i += 1;
            }
            b'\\' => {
                let next = rtf.get(i + 1).copied().unwrap_or(b' ');
                if next.is_ascii_alphabetic() {
                    let start = i + 1;
                    let mut j = start;
                    while j < rtf.len() && rtf[j].is_ascii_alphabetic() && j - start < 32 {
                        j += 1;
                    }
                    let word = std::str::from_utf8(&rtf[start..j]).unwrap_or("");
                    let num_start = j;
                    if j < rtf.len() && rtf[j] == b'-' {
                        j += 1;
                    }
                    while j < rtf.len() && rtf[j].is_ascii_digit() && j - num_start < 11 {
                        j += 1;
                    }
                    let param: Option<i64> = std::str::from_utf8(&rtf[num_start..j])
                        .ok()
                        .and_then(|s| s.parse().ok());
                    if j < rtf.len() && rtf[j] == b' ' {
                        j += 1;
                    }
                    i = j;
                    if group_start && SKIPPED.contains(&word) {
                        g.skip = true;
                    }
                    group_start = false;
                    match word {
                        "ansicpg" => {
                            if let Some(cp) = param
                                && let Some(e) = codepage(cp)
                            {
                                encoding = e;
                            }
                        }
                        "uc" => g.uc = param.unwrap_or(1).clamp(0, 10) as usize,
                        _ if g.skip => {}
                        "u" => {
                            flush(&mut bytes, &mut out, encoding);
                            let n = param.unwrap_or(0);
                            let n = if n < 0 { n + 65_536 } else { n };
                            if let Some(ch) = u32::try_from(n).ok().and_then(char::from_u32) {
                                out.push(ch);
                            }
                            to_skip = g.uc;
                        }
                        "par" | "line" | "row" | "sect" | "page" => {
                            flush(&mut bytes, &mut out, encoding);
                            out.push('\n');
                        }
                        "tab" | "cell" => {
                            flush(&mut bytes, &mut out, encoding);
                            out.push('\t');
                        }
                        "emdash" => push_char(&mut bytes, &mut out, encoding, '—'),
                        "endash" => push_char(&mut bytes, &mut out, encoding, '–'),
                        "lquote" => push_char(&mut bytes, &mut out, encoding, '‘'),
                        "rquote" => push_char(&mut bytes, &mut out, encoding, '’'),
                        "ldblquote" => push_char(&mut bytes, &mut out, encoding, '“'),
                        "rdblquote" => push_char(&mut bytes, &mut out, encoding, '”'),
                        "bullet" => push_char(&mut bytes, &mut out, encoding, '•'),
                        _ => {}
                    }
                    continue;
                }
                // Control symbols.
                group_start = group_start && next == b'*';
                match next {
                    b'*' => {
                        g.skip = true;
                        i += 2;
                    }
                    b'\'' => {
                        let hex = rtf
                            .get(i + 2..i + 4)
                            .and_then(|h| std::str::from_utf8(h).ok());
                        i += 4;
                        if let Some(b) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                            if to_skip > 0 {
                                to_skip -= 1;
                            } else if !g.skip {
                                bytes.push(b);
                            }
                        }
                    }
                    b'~' => {
                        i += 2;
                        if !g.skip {
                            push_char(&mut bytes, &mut out, encoding, '\u{a0}');
                        }
                    }
                    b'_' => {
                        i += 2;
                        if !g.skip {
                            push_char(&mut bytes, &mut out, encoding, '-');
                        }
                    }
                    b'\\' | b'{' | b'}' => {
                        i += 2;
                        if to_skip > 0 {
                            to_skip -= 1;
                        } else if !g.skip {
                            bytes.push(next);
                        }
                    }
                    b'\n' | b'\r' => {
                        i += 2;
                        if !g.skip {
                            flush(&mut bytes, &mut out, encoding);
                            out.push('\n');
                        }
                    }
                    _ => i += 2,
                }
                continue;
            }
            b'\r' | b'\n' => i += 1,
            _ => {
                i += 1;
                if to_skip > 0 {
                    to_skip -= 1;
                } else if !g.skip {
                    bytes.push(c);
                }
            }
        }
        group_start = false;
    }
    flush(&mut bytes, &mut out, encoding);
    let mut t = super::office::tidy(&out);
    if let Some((cut, _)) = t.char_indices().nth(max_chars) {
        t.truncate(cut);
    }
    t
}

fn push_char(bytes: &mut Vec<u8>, out: &mut String, enc: &'static encoding_rs::Encoding, c: char) {
    if !bytes.is_empty() {
        out.push_str(&enc.decode_without_bom_handling(bytes).0);
        bytes.clear();
    }
    out.push(c);
}

/// The encoding of a Windows code page number, as RTF (`\ansicpg`) and TNEF
/// (`attOemCodepage`) give them; None for one these documents do not use.
pub(super) fn codepage(cp: i64) -> Option<&'static encoding_rs::Encoding> {
    let label = match cp {
        1250..=1258 => format!("windows-{cp}"),
        437 | 850 => return Some(encoding_rs::WINDOWS_1252),
        10000 => "macintosh".into(),
        65001 => "utf-8".into(),
        28591 => "iso-8859-1".into(),
        28605 => "iso-8859-15".into(),
        _ => return None,
    };
    encoding_rs::Encoding::for_label(label.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_french_letter() {
        let rtf = br"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0\fswiss Arial;}}{\colortbl;\red0\green0\blue0;}
{\*\generator Riched20 10.0;}{\info{\author Mairie}}\uc1\pard\f0\fs24 D\'e9lib\'e9ration du Conseil municipal de Saint-\u201?gr\'e8ve\par
Objet\tab : travaux de voirie \ldblquote urgents\rdblquote\par
Fin \{accolades\} \\ et \u8364?uro\~net}";
        let t = text(rtf, 10_000);
        assert_eq!(
            t,
            "Délibération du Conseil municipal de Saint-Égrève\nObjet\t: travaux de voirie “urgents”\nFin {accolades} \\ et €uro\u{a0}net"
        );
        assert!(!t.contains("Arial") && !t.contains("Riched") && !t.contains("Mairie"));
    }

    #[test]
    fn garbage_and_bounds() {
        assert_eq!(text(b"", 100), "");
        assert_eq!(text(b"{{{{{{\\", 100), "");
        let deep = format!("{{\\rtf1 {}x{}", "{".repeat(100_000), "}".repeat(100_000));
        assert_eq!(text(deep.as_bytes(), 100), "x");
        let long = format!("{{\\rtf1 {}}}", "a".repeat(10_000));
        assert_eq!(text(long.as_bytes(), 100).chars().count(), 100);
        let _ = text(b"\\'zz\\u-99999999999999999999 \\'", 100);
    }
}
