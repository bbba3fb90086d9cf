//! Text of Office 2007+ (DOCX, XLSX, PPTX) and OpenDocument (ODT, ODS, ODP) files: their XML
//! members read out of the zip with a bound (`zip.rs`), walked with an event reader that never
//! expands entities beyond the five XML ones and character references (no DTD, so no « billion
//! laughs »). Paragraphs become lines, table cells are separated by tabs.

use quick_xml::events::{BytesStart, Event};

use super::zip::{Zip, ZipError};

/// What a document gave: its text, or why not.
#[derive(Debug)]
pub enum Office {
    /// The text (possibly empty).
    Text(String),
    /// A member inflates to more than the bound.
    TooLarge(String),
    /// Not a readable document of that kind.
    Invalid(String),
}

impl From<ZipError> for Office {
    fn from(e: ZipError) -> Office {
        match e {
            ZipError::TooLarge(_) => Office::TooLarge(e.to_string()),
            _ => Office::Invalid(e.to_string()),
        }
    }
}

/// How one XML vocabulary marks text (local names, without prefixes).
struct Vocabulary {
    /// Text is kept only inside these elements (None: all text).
    text_in: Option<&'static [&'static str]>,
    /// Elements whose end is a line break (paragraphs, rows) or which are one (`<br/>`).
    lines: &'static [&'static str],
    /// Elements whose end is a tab (cells) or which are one (`<tab/>`).
    tabs: &'static [&'static str],
    /// Elements whose text is left out (deleted revisions, field codes, styles).
    skip: &'static [&'static str],
}

const WORD: Vocabulary = Vocabulary {
    text_in: Some(&["t"]),
    lines: &["p", "br", "cr"],
    tabs: &["tab", "tc"],
    skip: &["delText", "instrText"],
};

const SLIDES: Vocabulary = Vocabulary {
    text_in: Some(&["t"]),
    lines: &["p", "br"],
    tabs: &["tc"],
    skip: &[],
};

const ODF: Vocabulary = Vocabulary {
    text_in: None,
    lines: &["p", "h", "line-break", "table-row"],
    tabs: &["tab", "table-cell"],
    skip: &[
        "automatic-styles",
        "font-face-decls",
        "styles",
        "master-styles",
        "scripts",
    ],
};

/// The text of a DOCX: the body, then headers, footers, footnotes and comments.
pub fn docx(bytes: &[u8], member_limit: usize, max_chars: usize) -> Office {
    let zip = match Zip::open(bytes) {
        Ok(z) => z,
        Err(e) => return e.into(),
    };
    let mut names = vec!["word/document.xml".to_string()];
    names.extend(
        zip.names()
            .filter(|n| {
                n.starts_with("word/")
                    && n.ends_with(".xml")
                    && ["header", "footer", "footnotes", "endnotes", "comments"]
                        .iter()
                        .any(|p| n[5..].starts_with(p))
            })
            .map(str::to_string),
    );
    members(&zip, &names, &WORD, member_limit, max_chars, true)
}

/// The text of a PPTX: each slide in order, then the notes.
pub fn pptx(bytes: &[u8], member_limit: usize, max_chars: usize) -> Office {
    let zip = match Zip::open(bytes) {
        Ok(z) => z,
        Err(e) => return e.into(),
    };
    let mut names: Vec<String> = zip
        .names()
        .filter(|n| {
            (n.starts_with("ppt/slides/slide") || n.starts_with("ppt/notesSlides/notesSlide"))
                && n.ends_with(".xml")
        })
        .map(str::to_string)
        .collect();
    // slide2 before slide10.
    names.sort_by_key(|n| {
        let digits: String = n.chars().filter(char::is_ascii_digit).collect();
        (n.contains("notes"), digits.parse::<u64>().unwrap_or(0))
    });
    members(&zip, &names, &SLIDES, member_limit, max_chars, false)
}

/// The text of an OpenDocument file (text, spreadsheet, presentation): `content.xml`.
pub fn opendocument(bytes: &[u8], member_limit: usize, max_chars: usize) -> Office {
    let zip = match Zip::open(bytes) {
        Ok(z) => z,
        Err(e) => return e.into(),
    };
    members(
        &zip,
        &["content.xml".to_string()],
        &ODF,
        member_limit,
        max_chars,
        true,
    )
}

fn members(
    zip: &Zip<'_>,
    names: &[String],
    vocabulary: &Vocabulary,
    member_limit: usize,
    max_chars: usize,
    first_required: bool,
) -> Office {
    let mut out = String::new();
    for (i, name) in names.iter().enumerate() {
        let xml = match zip.read(name, member_limit) {
            Ok(Some(x)) => x,
            Ok(None) if i == 0 && first_required => {
                return Office::Invalid(format!("« {name} » absent"));
            }
            Ok(None) => continue,
            Err(e) => return e.into(),
        };
        if !out.is_empty() && !out.ends_with('\n') {
            out.push('\n');
        }
        if let Err(e) = walk(&xml, vocabulary, &mut out, max_chars) {
            return Office::Invalid(format!("{name} : {e}"));
        }
        if out.chars().count() >= max_chars {
            break;
        }
    }
    Office::Text(tidy(&out))
}

fn local(e: &BytesStart<'_>) -> String {
    String::from_utf8_lossy(e.local_name().as_ref()).into_owned()
}

/// Appends the text of `xml` to `out` (at most about `max_chars` characters).
fn walk(xml: &[u8], v: &Vocabulary, out: &mut String, max_chars: usize) -> Result<(), String> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    reader.config_mut().check_end_names = false;
    // Depth inside elements whose text counts, and inside elements left out.
    let (mut inside, mut skipped) = (0usize, 0usize);
    let mut chars = out.chars().count();
    let keep = |inside: usize, skipped: usize| skipped == 0 && (v.text_in.is_none() || inside > 0);
    loop {
        if chars >= max_chars {
            return Ok(());
        }
        let event = reader.read_event().map_err(|e| e.to_string())?;
        match event {
            Event::Start(e) => {
                let name = local(&e);
                if v.skip.contains(&name.as_str()) {
                    skipped += 1;
                } else if v.text_in.is_some_and(|t| t.contains(&name.as_str())) {
                    inside += 1;
                }
            }
            Event::Empty(e) => {
                let name = local(&e);
                if skipped > 0 {
                    continue;
                }
                if v.lines.contains(&name.as_str()) {
                    out.push('\n');
                } else if v.tabs.contains(&name.as_str()) {
                    out.push('\t');
                } else if name == "s" {
                    // ODF's run of spaces: <text:s text:c="3"/>.
                    let n = e
                        .attributes()
                        .flatten()
                        .find(|a| a.key.local_name().as_ref() == b"c")
                        .and_then(|a| String::from_utf8_lossy(&a.value).parse::<usize>().ok())
                        .unwrap_or(1)
                        .min(100);
                    out.extend(std::iter::repeat_n(' ', n));
                }
            }
            Event::End(e) => {
                let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                if v.skip.contains(&name.as_str()) {
                    skipped = skipped.saturating_sub(1);
                } else if v.text_in.is_some_and(|t| t.contains(&name.as_str())) {
                    inside = inside.saturating_sub(1);
                } else if skipped == 0 && v.lines.contains(&name.as_str()) {
                    out.push('\n');
                } else if skipped == 0 && v.tabs.contains(&name.as_str()) {
                    out.push('\t');
                }
            }
            Event::Text(t) if keep(inside, skipped) => {
                let s = t.decode().map_err(|e| e.to_string())?;
                chars += s.chars().count();
                out.push_str(&s);
            }
            Event::CData(t) if keep(inside, skipped) => {
                let s = String::from_utf8_lossy(&t);
                chars += s.chars().count();
                out.push_str(&s);
            }
            Event::GeneralRef(r) if keep(inside, skipped) => {
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    out.push(c);
                } else if let Some(s) =
                    quick_xml::escape::resolve_xml_entity(&String::from_utf8_lossy(&r))
                {
                    out.push_str(s);
                }
                chars += 1;
            }
            Event::Eof => return Ok(()),
            _ => {}
        }
    }
}

/// Spreadsheet text (XLSX): the shared strings and every sheet's cells, a row per line.
pub fn xlsx(bytes: &[u8], member_limit: usize, max_chars: usize) -> Office {
    let zip = match Zip::open(bytes) {
        Ok(z) => z,
        Err(e) => return e.into(),
    };
    let shared = match zip.read("xl/sharedStrings.xml", member_limit) {
        Ok(Some(xml)) => match shared_strings(&xml) {
            Ok(s) => s,
            Err(e) => return Office::Invalid(format!("xl/sharedStrings.xml : {e}")),
        },
        Ok(None) => Vec::new(),
        Err(e) => return e.into(),
    };
    let mut sheets: Vec<String> = zip
        .names()
        .filter(|n| n.starts_with("xl/worksheets/sheet") && n.ends_with(".xml"))
        .map(str::to_string)
        .collect();
    sheets.sort_by_key(|n| {
        n.chars()
            .filter(char::is_ascii_digit)
            .collect::<String>()
            .parse::<u64>()
            .unwrap_or(0)
    });
    if sheets.is_empty() {
        return Office::Invalid("aucune feuille".into());
    }
    let mut out = String::new();
    for name in &sheets {
        let xml = match zip.read(name, member_limit) {
            Ok(Some(x)) => x,
            Ok(None) => continue,
            Err(e) => return e.into(),
        };
        if let Err(e) = sheet(&xml, &shared, &mut out, max_chars) {
            return Office::Invalid(format!("{name} : {e}"));
        }
        if out.len() >= max_chars * 4 {
            break;
        }
    }
    Office::Text(tidy(&out))
}

fn shared_strings(xml: &[u8]) -> Result<Vec<String>, String> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let (mut strings, mut current, mut in_t) = (Vec::new(), String::new(), false);
    loop {
        match reader.read_event().map_err(|e| e.to_string())? {
            Event::Start(e) if e.local_name().as_ref() == b"t" => in_t = true,
            Event::End(e) if e.local_name().as_ref() == b"t" => in_t = false,
            Event::End(e) if e.local_name().as_ref() == b"si" => {
                strings.push(std::mem::take(&mut current));
            }
            Event::Text(t) if in_t => current.push_str(&t.decode().map_err(|e| e.to_string())?),
            Event::GeneralRef(r) if in_t => {
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    current.push(c);
                } else if let Some(s) =
                    quick_xml::escape::resolve_xml_entity(&String::from_utf8_lossy(&r))
                {
                    current.push_str(s);
                }
            }
            Event::Eof => return Ok(strings),
            _ => {}
        }
        if strings.len() > 1_000_000 {
            return Ok(strings);
        }
    }
}

fn sheet(xml: &[u8], shared: &[String], out: &mut String, max_chars: usize) -> Result<(), String> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    // The current cell's type (t="s": shared string) and whether we are in its value.
    let (mut shared_cell, mut in_value, mut value) = (false, false, String::new());
    loop {
        if out.chars().count() >= max_chars {
            return Ok(());
        }
        match reader.read_event().map_err(|e| e.to_string())? {
            Event::Start(e) if e.local_name().as_ref() == b"c" => {
                shared_cell = e
                    .attributes()
                    .flatten()
                    .any(|a| a.key.as_ref() == b"t" && a.value.as_ref() == b"s");
                value.clear();
            }
            Event::Start(e) if matches!(e.local_name().as_ref(), b"v" | b"t") => in_value = true,
            Event::End(e) if matches!(e.local_name().as_ref(), b"v" | b"t") => in_value = false,
            Event::Text(t) if in_value => value.push_str(&t.decode().map_err(|e| e.to_string())?),
            Event::GeneralRef(r) if in_value => {
                if let Some(s) = quick_xml::escape::resolve_xml_entity(&String::from_utf8_lossy(&r))
                {
                    value.push_str(s);
                }
            }
            Event::End(e) if e.local_name().as_ref() == b"c" => {
                let text = if shared_cell {
                    value
                        .trim()
                        .parse::<usize>()
                        .ok()
                        .and_then(|i| shared.get(i))
                        .cloned()
                        .unwrap_or_default()
                } else {
                    value.clone()
                };
                if !text.is_empty() {
                    out.push_str(&text);
                    out.push('\t');
                }
            }
            Event::End(e) if e.local_name().as_ref() == b"row" => out.push('\n'),
            Event::Eof => return Ok(()),
            _ => {}
        }
    }
}

/// Trailing tabs and spaces off each line, at most one blank line in a row.
pub(crate) fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = 0;
    for line in text.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            blank += 1;
            if blank > 1 {
                continue;
            }
        } else {
            blank = 0;
        }
        out.push_str(line);
        out.push('\n');
    }
    out.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::super::zip::tests::build;
    use super::*;

    fn text(o: Office) -> String {
        match o {
            Office::Text(t) => t,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn docx_paragraphs_cells_tabs_and_entities() {
        let doc = r#"<?xml version="1.0" encoding="UTF-8"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
<w:p><w:r><w:t>Délibération n° 2026-14</w:t></w:r></w:p>
<w:p><w:r><w:t xml:space="preserve">Voirie </w:t></w:r><w:r><w:tab/><w:t>&amp; réseaux</w:t><w:br/><w:t>&#233;té</w:t></w:r></w:p>
<w:p><w:del><w:r><w:delText>supprimé</w:delText></w:r></w:del><w:r><w:instrText>PAGE</w:instrText></w:r></w:p>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Pour</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>23</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
</w:body></w:document>"#;
        let zip = build(&[("word/document.xml", doc.as_bytes(), true)]);
        let t = text(docx(&zip, 1 << 20, 10_000));
        assert_eq!(
            t,
            "Délibération n° 2026-14\nVoirie \t& réseaux\nété\n\nPour\n\t23"
        );
        assert!(!t.contains("supprimé") && !t.contains("PAGE"));
    }

    #[test]
    fn odt_spaces_tabs_and_styles_left_out() {
        let content = r#"<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:style="s">
<office:automatic-styles><style:style><text:p>style text</text:p></style:style></office:automatic-styles>
<office:body><office:text><text:h>Compte rendu</text:h><text:p>Saint-Égrève<text:s text:c="2"/>le<text:tab/>12 mars<text:line-break/>fin</text:p></office:text></office:body></office:document-content>"#;
        let zip = build(&[
            (
                "mimetype",
                b"application/vnd.oasis.opendocument.text",
                false,
            ),
            ("content.xml", content.as_bytes(), true),
        ]);
        let t = text(opendocument(&zip, 1 << 20, 10_000));
        assert_eq!(t, "Compte rendu\nSaint-Égrève  le\t12 mars\nfin");
    }

    #[test]
    fn xlsx_shared_strings_and_numbers() {
        let shared = r#"<sst><si><t>Dépenses</t></si><si><r><t>Écoles</t></r><r><t> &amp; cantines</t></r></si></sst>"#;
        let sheet = r#"<worksheet><sheetData><row><c t="s"><v>0</v></c><c><v>1250.5</v></c></row><row><c t="s"><v>1</v></c><c t="inlineStr"><is><t>à voter</t></is></c></row></sheetData></worksheet>"#;
        let zip = build(&[
            ("xl/sharedStrings.xml", shared.as_bytes(), true),
            ("xl/worksheets/sheet1.xml", sheet.as_bytes(), true),
        ]);
        assert_eq!(
            text(xlsx(&zip, 1 << 20, 10_000)),
            "Dépenses\t1250.5\nÉcoles & cantines\tà voter"
        );
    }

    #[test]
    fn bombs_and_garbage_are_outcomes_not_panics() {
        let big = format!(
            "<w:document><w:body><w:p><w:t>{}</w:t></w:p></w:body></w:document>",
            " ".repeat(3_000_000)
        );
        let zip = build(&[("word/document.xml", big.as_bytes(), true)]);
        assert!(matches!(docx(&zip, 1 << 20, 10_000), Office::TooLarge(_)));
        assert!(matches!(
            docx(b"PK\x03\x04garbage", 1 << 20, 10_000),
            Office::Invalid(_)
        ));
        let no_body = build(&[("other.xml", b"<a/>", true)]);
        assert!(matches!(
            docx(&no_body, 1 << 20, 10_000),
            Office::Invalid(_)
        ));
        let broken = build(&[("word/document.xml", b"<w:p><w:t>ok</w:t><<<&bogus;", true)]);
        let _ = docx(&broken, 1 << 20, 10_000);
        // Text beyond max_chars is not kept.
        let long = format!(
            "<w:document><w:p><w:t>{}</w:t></w:p><w:p><w:t>after</w:t></w:p></w:document>",
            "a".repeat(50_000)
        );
        let zip = build(&[("word/document.xml", long.as_bytes(), true)]);
        assert!(!text(docx(&zip, 1 << 20, 1_000)).contains("after"));
    }
}
