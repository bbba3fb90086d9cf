//! What runs inside the extraction child (`permanence extract-child`): it limits itself first
//! (address space, CPU time, file size, open files, no core dumps, no new privileges, and —
//! where the kernel lets an unprivileged process — its own empty network namespace), then reads
//! the one attachment it was given from its scratch directory and prints one JSON [`Outcome`].
//! Poppler and tesseract run as its children and inherit the limits; the parent bounds the
//! wall time and the output, and kills the whole process group when done.

use std::io::Read as _;
use std::path::Path;
use std::process::{Command, Stdio};

use serde::{Deserialize, Serialize};

use super::kind::Kind;
use super::tools::Tools;
use super::{Limits, State};

/// What the child reports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outcome {
    /// How it ended.
    pub state: State,
    /// Engine(s) and version(s).
    pub extractor: String,
    /// The text.
    pub text: String,
    /// Why not ok, or what was read.
    pub detail: String,
    /// Whether the child ran cut from the network.
    #[serde(default)]
    pub isolated: bool,
}

impl Outcome {
    /// An outcome without text (a failure, a refusal), saying why.
    pub fn without_text(state: State, detail: impl Into<String>) -> Outcome {
        Outcome::new(state, "", String::new(), detail)
    }

    fn new(state: State, extractor: &str, text: String, detail: impl Into<String>) -> Outcome {
        Outcome {
            state,
            extractor: extractor.to_string(),
            text,
            detail: detail.into(),
            isolated: false,
        }
    }

    /// Ok, or empty when the text holds no letter or digit.
    fn text(extractor: &str, text: String, detail: impl Into<String>) -> Outcome {
        let state = if text.chars().any(char::is_alphanumeric) {
            State::Ok
        } else {
            State::Empty
        };
        Outcome::new(state, extractor, text, detail)
    }
}

/// What the parent passes in `PERMANENCE_EXTRACT` (JSON).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Job {
    /// Which extractor.
    pub kind: Kind,
    /// The bounds.
    pub limits: Limits,
    /// The programs found by the parent.
    pub tools: Tools,
    /// Whether the network must be cut (a test can require it).
    pub isolate_network: bool,
}

/// Applies the limits to this process (before reading anything). Returns whether the network
/// namespace could be left.
pub fn limit_self(limits: &Limits) -> bool {
    use rustix::process::{Resource, Rlimit, setrlimit};
    let set = |r, soft: u64, hard: u64| {
        let _ = setrlimit(
            r,
            Rlimit {
                current: Some(soft),
                maximum: Some(hard),
            },
        );
    };
    set(Resource::As, limits.memory_mb << 20, limits.memory_mb << 20);
    set(Resource::Cpu, limits.cpu_seconds, limits.cpu_seconds + 2);
    set(
        Resource::Fsize,
        limits.scratch_mb << 20,
        limits.scratch_mb << 20,
    );
    set(Resource::Core, 0, 0);
    set(Resource::Nofile, 256, 256);
    let _ = rustix::thread::set_no_new_privs(true);
    // A user namespace lets an unprivileged process own a network namespace with nothing in
    // it but a loopback that is down. Refused in some containers: then the rest still holds.
    // The crate forbids `unsafe`: rustix's deprecated safe wrapper is used, which is sound
    // here (one thread, and no FILES flag that would split a descriptor table).
    #[allow(deprecated)]
    rustix::thread::unshare(
        rustix::thread::UnshareFlags::NEWUSER | rustix::thread::UnshareFlags::NEWNET,
    )
    .is_ok()
}

/// Extracts the text of `input` as `job.kind`.
pub fn extract(job: &Job, input: &Path) -> Outcome {
    let bytes = match std::fs::read(input) {
        Ok(b) => b,
        Err(e) => return Outcome::new(State::Crashed, "", String::new(), format!("lecture : {e}")),
    };
    extract_bytes(job, &bytes, input, 0)
}

fn extract_bytes(job: &Job, bytes: &[u8], input: &Path, depth: usize) -> Outcome {
    let l = &job.limits;
    let member = (l.max_inflated_mb << 20) as usize;
    match job.kind {
        Kind::Pdf => pdf(job, bytes, input),
        Kind::Image => image(job, bytes, input),
        Kind::Docx => office(super::office::docx(bytes, member, l.max_chars), "docx"),
        Kind::Xlsx => office(super::office::xlsx(bytes, member, l.max_chars), "xlsx"),
        Kind::Pptx => office(super::office::pptx(bytes, member, l.max_chars), "pptx"),
        Kind::OpenDocument => office(
            super::office::opendocument(bytes, member, l.max_chars),
            "opendocument",
        ),
        Kind::Rtf => Outcome::text("rtf", super::rtf::text(bytes, l.max_chars), ""),
        Kind::Calendar => Outcome::text("icalendar", super::ics::text(bytes, l.max_chars), ""),
        Kind::Text => Outcome::text("texte", cut(decode_text(bytes), l.max_chars), ""),
        Kind::Doc => match &job.tools.catdoc {
            None => Outcome::new(State::Unavailable, "", String::new(), "catdoc absent"),
            Some(t) => match run(&t.path, &["-d", "utf-8", "-w"], Some(input), l) {
                Run::Out(out) => Outcome::text(&t.version, cut(out, l.max_chars), ""),
                Run::Failed(why) => Outcome::new(State::Crashed, &t.version, String::new(), why),
                Run::TooMuch => Outcome::new(
                    State::TooLarge,
                    &t.version,
                    String::new(),
                    "sortie trop grande",
                ),
                Run::OutOfTime => out_of_time(&t.version, l),
            },
        },
        Kind::Tnef if depth == 0 => tnef(job, bytes, input),
        Kind::Tnef | Kind::Message | Kind::Other => {
            Outcome::new(State::Unsupported, "", String::new(), "")
        }
    }
}

fn office(o: super::office::Office, extractor: &str) -> Outcome {
    match o {
        super::office::Office::Text(t) => Outcome::text(extractor, t, ""),
        super::office::Office::TooLarge(why) => {
            Outcome::new(State::TooLarge, extractor, String::new(), why)
        }
        super::office::Office::Invalid(why) => {
            Outcome::new(State::Crashed, extractor, String::new(), why)
        }
    }
}

fn decode_text(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::WINDOWS_1252
            .decode_without_bom_handling(bytes)
            .0
            .into_owned(),
    }
}

fn cut(mut text: String, max_chars: usize) -> String {
    if let Some((at, _)) = text.char_indices().nth(max_chars) {
        text.truncate(at);
    }
    text
}

enum Run {
    Out(String),
    Failed(String),
    TooMuch,
    /// Killed at its CPU bound (SIGXCPU, then SIGKILL at the hard limit).
    OutOfTime,
}

/// Runs `program args [input] -` and reads its standard output, at most four bytes a
/// character of `limits.max_chars`.
fn run(program: &Path, args: &[&str], input: Option<&Path>, limits: &Limits) -> Run {
    let mut cmd = Command::new(program);
    cmd.args(args);
    if let Some(i) = input {
        cmd.arg(i);
    }
    let child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(c) => c,
        Err(e) => return Run::Failed(format!("{} : {e}", program.display())),
    };
    let cap = (limits.max_chars as u64) * 4;
    // Standard error is drained on its own thread (its start kept): a program that writes
    // more errors than a pipe holds while its output is read would otherwise wait forever
    // (poppler on a deeply nested PDF).
    let err = child
        .stderr
        .take()
        .map(|s| std::thread::spawn(move || drain(s, 4096)));
    let mut out = Vec::new();
    let read = child
        .stdout
        .take()
        .map(|s| s.take(cap + 1).read_to_end(&mut out));
    if out.len() as u64 > cap {
        let _ = child.kill();
    }
    let err = err.and_then(|t| t.join().ok()).unwrap_or_default();
    if out.len() as u64 > cap {
        let _ = child.wait();
        return Run::TooMuch;
    }
    let status = child.wait();
    let name = program.file_name().unwrap_or_default().to_string_lossy();
    match (status, read) {
        (Ok(s), Some(Ok(_))) if s.success() => Run::Out(String::from_utf8_lossy(&out).into_owned()),
        (Ok(s), _)
            if {
                use std::os::unix::process::ExitStatusExt as _;
                matches!(s.signal(), Some(24 | 9))
            } =>
        {
            Run::OutOfTime
        }
        (Ok(s), _) => {
            use std::os::unix::process::ExitStatusExt as _;
            let why = match s.signal() {
                Some(sig) => format!("{name} tué par le signal {sig}"),
                None => format!("{name} : code {}", s.code().unwrap_or(-1)),
            };
            let first = String::from_utf8_lossy(&err)
                .lines()
                .find(|l| !l.trim().is_empty())
                .map(|l| format!(" ({})", l.trim()))
                .unwrap_or_default();
            Run::Failed(format!("{why}{first}"))
        }
        (Err(e), _) => Run::Failed(format!("{name} : {e}")),
    }
}

/// Reads `r` to its end, keeping its first `keep` bytes.
pub(super) fn drain(mut r: impl std::io::Read, keep: usize) -> Vec<u8> {
    let mut kept = Vec::new();
    let _ = (&mut r).take(keep as u64).read_to_end(&mut kept);
    let _ = std::io::copy(&mut r, &mut std::io::sink());
    kept
}

/// Total bytes the Flate streams of a PDF inflate to, stopping past `cap`: a decompression bomb
/// is refused before poppler spends minutes on it.
fn inflated_size(pdf: &[u8], cap: u64) -> u64 {
    let mut total = 0u64;
    let mut from = 0;
    while let Some(pos) = find(&pdf[from..], b"stream") {
        let mut at = from + pos + 6;
        from = at;
        // `endstream` also contains `stream`.
        if pdf[..at - 6].ends_with(b"end") {
            continue;
        }
        if pdf.get(at) == Some(&b'\r') {
            at += 1;
        }
        if pdf.get(at) == Some(&b'\n') {
            at += 1;
        } else {
            continue;
        }
        total += inflated_stream(&pdf[at..], cap - total + 1, 0);
        if total > cap {
            return total;
        }
    }
    total
}

/// Bytes `data` inflates to (at most `cap`), through up to three nested zlib layers (a filter
/// chain `[/FlateDecode /FlateDecode]` multiplies the ratio: 2.5 KB for a gigabyte).
fn inflated_stream(data: &[u8], cap: u64, depth: usize) -> u64 {
    let mut head = [0u8; 2];
    let mut d = flate2::read::ZlibDecoder::new(data);
    let got = (&mut d).take(2).read(&mut head).unwrap_or(0);
    if got == 0 {
        return 0;
    }
    let zlib =
        got == 2 && head[0] & 0x0F == 8 && (u16::from(head[0]) << 8 | u16::from(head[1])) % 31 == 0;
    if zlib && depth < 2 {
        // Inflate the inflated bytes again, as a stream.
        let inner = std::io::Read::chain(&head[..got], d);
        let mut again = flate2::read::ZlibDecoder::new(inner);
        return std::io::copy(&mut (&mut again).take(cap), &mut std::io::sink())
            .unwrap_or(0)
            .max(got as u64);
    }
    got as u64
        + std::io::copy(
            &mut (&mut d).take(cap.saturating_sub(got as u64)),
            &mut std::io::sink(),
        )
        .unwrap_or(0)
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn pdf(job: &Job, bytes: &[u8], input: &Path) -> Outcome {
    let l = &job.limits;
    let cap = l.max_inflated_mb << 20;
    if inflated_size(bytes, cap) > cap {
        return Outcome::new(
            State::TooLarge,
            "",
            String::new(),
            format!(
                "flux compressés de plus de {} Mo une fois décompressés",
                l.max_inflated_mb
            ),
        );
    }
    let Some(pdftotext) = &job.tools.pdftotext else {
        return Outcome::new(
            State::Unavailable,
            "",
            String::new(),
            "pdftotext absent (poppler-utils)",
        );
    };
    let path = input.to_string_lossy();
    let text = match run(
        &pdftotext.path,
        &["-enc", "UTF-8", "-eol", "unix", "-q", &path, "-"],
        None,
        l,
    ) {
        Run::Out(t) => t,
        Run::TooMuch => {
            return Outcome::new(
                State::TooLarge,
                &pdftotext.version,
                String::new(),
                "texte au-delà de la limite",
            );
        }
        Run::Failed(why) => {
            return Outcome::new(State::Crashed, &pdftotext.version, String::new(), why);
        }
        Run::OutOfTime => return out_of_time(&pdftotext.version, l),
    };
    // A text layer: at least a few words.
    let words = text
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .count();
    if words >= 5 || !l.ocr {
        return Outcome::text(
            &pdftotext.version,
            cut(super::office::tidy(&text), l.max_chars),
            "",
        );
    }
    // A scan: each page to an image, then OCR.
    let (Some(pdftoppm), Some(tesseract)) = (&job.tools.pdftoppm, &job.tools.tesseract) else {
        return Outcome::new(
            State::Unavailable,
            &pdftotext.version,
            String::new(),
            "PDF sans texte : OCR indisponible (pdftoppm, tesseract)",
        );
    };
    if !job.tools.tesseract_fra {
        return Outcome::new(
            State::Unavailable,
            &pdftotext.version,
            String::new(),
            "PDF sans texte : modèle français de tesseract absent (tesseract-ocr-fra)",
        );
    }
    let dir = input.parent().unwrap_or(Path::new("."));
    let prefix = dir.join("page");
    let last = l.ocr_pages.to_string();
    let scale = l.ocr_scale_px.to_string();
    let prefix_str = prefix.to_string_lossy().into_owned();
    let args = [
        "-gray",
        "-png",
        "-r",
        "300",
        "-scale-to",
        &scale,
        "-l",
        &last,
        &input.to_string_lossy(),
        &prefix_str,
    ];
    match run(&pdftoppm.path, &args, None, l) {
        Run::Failed(why) => {
            return Outcome::new(State::Crashed, &pdftoppm.version, String::new(), why);
        }
        Run::OutOfTime => return out_of_time(&pdftoppm.version, l),
        Run::Out(_) | Run::TooMuch => {}
    }
    let mut pages: Vec<_> = std::fs::read_dir(dir)
        .map(|d| {
            d.flatten()
                .map(|e| e.path())
                .filter(|p| {
                    p.file_name()
                        .is_some_and(|n| n.to_string_lossy().starts_with("page"))
                })
                .collect()
        })
        .unwrap_or_default();
    pages.sort();
    let extractor = format!("{} + {} (fra)", pdftoppm.version, tesseract.version);
    let mut out = String::new();
    for page in &pages {
        match ocr(tesseract, page, l) {
            Ok(t) => {
                if !out.is_empty() {
                    out.push_str("\n\n");
                }
                out.push_str(t.trim());
            }
            Err(o) => return Outcome { extractor, ..o },
        }
        let _ = std::fs::remove_file(page);
        if out.chars().count() >= l.max_chars {
            break;
        }
    }
    let detail = format!("OCR de {} page(s)", pages.len());
    Outcome::text(
        &extractor,
        cut(super::office::tidy(&out), l.max_chars),
        detail,
    )
}

fn ocr(tesseract: &super::tools::Tool, image: &Path, l: &Limits) -> Result<String, Outcome> {
    let img = image.to_string_lossy();
    match run(
        &tesseract.path,
        &[&img, "-", "-l", "fra", "--psm", "3"],
        None,
        l,
    ) {
        Run::Out(t) => Ok(join_accented_capitals(&t)),
        Run::TooMuch => Err(Outcome::new(
            State::TooLarge,
            &tesseract.version,
            String::new(),
            "texte au-delà de la limite",
        )),
        Run::Failed(why) => Err(Outcome::new(
            State::Crashed,
            &tesseract.version,
            String::new(),
            why,
        )),
        Run::OutOfTime => Err(out_of_time(&tesseract.version, l)),
    }
}

fn out_of_time(extractor: &str, l: &Limits) -> Outcome {
    Outcome::new(
        State::Timeout,
        extractor,
        String::new(),
        format!("temps de calcul dépassé ({} s)", l.cpu_seconds),
    )
}

/// Tesseract's French model often cuts a word after an accented capital (« Saint-É grève »,
/// « É cole »): the accent widens the letter's box and reads as a space. In French an accented
/// letter other than « à », « À », « ô » and « Ô » (and « ù » only in « où ») is never a word
/// of its own, so a lone one is joined to the lower-case word after it.
pub fn join_accented_capitals(text: &str) -> String {
    const NEVER_ALONE: &str = "ÉÈÊËÎÏÛÜÇéèêëîïûüç";
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        out.push(c);
        let alone = NEVER_ALONE.contains(c) && (i == 0 || !chars[i - 1].is_alphanumeric());
        if alone
            && chars.get(i + 1) == Some(&' ')
            && chars.get(i + 2).is_some_and(|n| n.is_lowercase())
        {
            i += 2; // the space goes
            continue;
        }
        i += 1;
    }
    out
}

/// (width, height) of a PNG, JPEG, TIFF, GIF or BMP, from its header.
pub fn dimensions(b: &[u8]) -> Option<(u64, u64)> {
    let be32 = |at: usize| {
        Some(u64::from(u32::from_be_bytes(
            b.get(at..at + 4)?.try_into().ok()?,
        )))
    };
    let be16 = |at: usize| {
        Some(u64::from(u16::from_be_bytes(
            b.get(at..at + 2)?.try_into().ok()?,
        )))
    };
    let le16 = |at: usize| {
        Some(u64::from(u16::from_le_bytes(
            b.get(at..at + 2)?.try_into().ok()?,
        )))
    };
    let le32 = |at: usize| {
        Some(u64::from(u32::from_le_bytes(
            b.get(at..at + 4)?.try_into().ok()?,
        )))
    };
    if b.starts_with(b"\x89PNG") {
        return Some((be32(16)?, be32(20)?));
    }
    if b.starts_with(b"GIF8") {
        return Some((le16(6)?, le16(8)?));
    }
    if b.starts_with(b"BM") {
        // The height is signed (negative: rows top-down).
        let h = i64::from(le32(22)? as u32 as i32).unsigned_abs();
        return Some((le32(18)?, h));
    }
    if b.starts_with(b"\xff\xd8") {
        // Walk the segments to the first start-of-frame.
        let mut at = 2;
        while at + 9 < b.len() {
            if b[at] != 0xFF {
                return None;
            }
            let marker = b[at + 1];
            if marker == 0xFF {
                at += 1;
                continue;
            }
            let len = be16(at + 2)? as usize;
            if matches!(marker, 0xC0..=0xC3 | 0xC5..=0xC7 | 0xC9..=0xCB | 0xCD..=0xCF) {
                return Some((be16(at + 7)?, be16(at + 5)?));
            }
            at += 2 + len;
        }
        return None;
    }
    let tiff_le = b.starts_with(b"II*\0");
    if tiff_le || b.starts_with(b"MM\0*") {
        let r16 = |at: usize| if tiff_le { le16(at) } else { be16(at) };
        let r32 = |at: usize| if tiff_le { le32(at) } else { be32(at) };
        let ifd = r32(4)? as usize;
        let n = r16(ifd)? as usize;
        let (mut w, mut h) = (None, None);
        for i in 0..n.min(500) {
            let e = ifd + 2 + i * 12;
            let tag = r16(e)?;
            let ty = r16(e + 2)?;
            let value = if ty == 3 { r16(e + 8)? } else { r32(e + 8)? };
            match tag {
                256 => w = Some(value),
                257 => h = Some(value),
                _ => {}
            }
        }
        return Some((w?, h?));
    }
    None
}

fn image(job: &Job, bytes: &[u8], input: &Path) -> Outcome {
    let l = &job.limits;
    let Some(tesseract) = &job.tools.tesseract else {
        return Outcome::new(
            State::Unavailable,
            "",
            String::new(),
            "tesseract absent (tesseract-ocr)",
        );
    };
    if !job.tools.tesseract_fra {
        return Outcome::new(
            State::Unavailable,
            "",
            String::new(),
            "modèle français de tesseract absent (tesseract-ocr-fra)",
        );
    }
    if !l.ocr {
        return Outcome::new(State::Unsupported, "", String::new(), "OCR désactivé");
    }
    match dimensions(bytes) {
        Some((w, h)) if w.saturating_mul(h) > l.max_pixels => {
            return Outcome::new(
                State::TooLarge,
                &tesseract.version,
                String::new(),
                format!(
                    "image de {w} × {h} pixels (limite {} mégapixels)",
                    l.max_pixels / 1_000_000
                ),
            );
        }
        _ => {}
    }
    let extractor = format!("{} (fra)", tesseract.version);
    match ocr(tesseract, input, l) {
        Ok(t) => Outcome::text(&extractor, cut(super::office::tidy(&t), l.max_chars), "OCR"),
        Err(o) => Outcome { extractor, ..o },
    }
}

fn tnef(job: &Job, bytes: &[u8], input: &Path) -> Outcome {
    let l = &job.limits;
    let t = match super::tnef::unpack(bytes, (l.max_inflated_mb << 20) as usize) {
        Ok(t) => t,
        Err(super::tnef::TnefError::TooLarge) => {
            return Outcome::new(
                State::TooLarge,
                "tnef",
                String::new(),
                "winmail.dat trop grand",
            );
        }
        Err(e) => return Outcome::new(State::Crashed, "tnef", String::new(), e.to_string()),
    };
    let mut text = t.body.clone();
    let mut details = Vec::new();
    let mut extractors = vec!["tnef".to_string()];
    let dir = input.parent().unwrap_or(Path::new("."));
    for (i, a) in t.attachments.iter().enumerate() {
        let kind = super::kind::detect(&a.mime, &a.name, &a.data[..a.data.len().min(1024)]);
        let path = dir.join(format!("inner-{i}"));
        if std::fs::write(&path, &a.data).is_err() {
            details.push(format!("{} : écriture impossible", a.name));
            continue;
        }
        let inner = Job {
            kind,
            ..job.clone()
        };
        let o = extract_bytes(&inner, &a.data, &path, 1);
        let _ = std::fs::remove_file(&path);
        details.push(format!("{} : {}", a.name, o.state.french()));
        if !o.extractor.is_empty() && !extractors.contains(&o.extractor) {
            extractors.push(o.extractor.clone());
        }
        if !o.text.is_empty() {
            text.push_str(&format!("\n\n--- {} ---\n{}", a.name, o.text));
        }
    }
    let detail = if details.is_empty() {
        "corps du message".to_string()
    } else {
        format!("corps du message ; {}", details.join(" ; "))
    };
    Outcome::text(&extractors.join(" + "), cut(text, l.max_chars), detail)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lone_accented_capital_is_joined_to_its_word() {
        for (ocr, expected) in [
            ("Maire de Saint-É grève", "Maire de Saint-Égrève"),
            (
                "É cole maternelle, É tat civil",
                "École maternelle, État civil",
            ),
            ("À la mairie, à vous", "À la mairie, à vous"),
            ("Ô mon pays", "Ô mon pays"),
            ("la rue É. Zola", "la rue É. Zola"),
            ("Élu de l'É tat", "Élu de l'État"),
            ("SAINT-É GRÈVE", "SAINT-É GRÈVE"),
            ("é", "é"),
        ] {
            assert_eq!(join_accented_capitals(ocr), expected);
        }
    }

    #[test]
    fn image_headers_give_their_size() {
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
        png.extend_from_slice(&50_000u32.to_be_bytes());
        png.extend_from_slice(&40_000u32.to_be_bytes());
        assert_eq!(dimensions(&png), Some((50_000, 40_000)));
        let jpeg = [
            0xFF, 0xD8, 0xFF, 0xE0, 0, 4, 0, 0, 0xFF, 0xC0, 0, 11, 8, 0x01, 0x2C, 0x02, 0x58, 1, 0,
            0,
        ];
        assert_eq!(dimensions(&jpeg), Some((600, 300)));
        let mut tiff = b"II*\0\x08\0\0\0".to_vec();
        tiff.extend_from_slice(&2u16.to_le_bytes());
        for (tag, v) in [(256u16, 3000u32), (257, 4000)] {
            tiff.extend_from_slice(&tag.to_le_bytes());
            tiff.extend_from_slice(&4u16.to_le_bytes());
            tiff.extend_from_slice(&1u32.to_le_bytes());
            tiff.extend_from_slice(&v.to_le_bytes());
        }
        assert_eq!(dimensions(&tiff), Some((3000, 4000)));
        assert_eq!(dimensions(b"\x89PNG"), None);
        assert_eq!(dimensions(b"\xff\xd8\xff"), None);
    }

    #[test]
    fn a_flate_bomb_is_measured_without_inflating_it_whole() {
        use std::io::Write as _;
        let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        let zeros = vec![0u8; 1 << 20];
        for _ in 0..64 {
            e.write_all(&zeros).unwrap();
        }
        let stream = e.finish().unwrap();
        let mut pdf = b"%PDF-1.4\n1 0 obj << /Filter /FlateDecode >>\nstream\n".to_vec();
        pdf.extend_from_slice(&stream);
        pdf.extend_from_slice(b"\nendstream\nendobj\n");
        assert!(inflated_size(&pdf, 16 << 20) > 16 << 20);
        assert_eq!(inflated_size(&pdf, 128 << 20), 64 << 20);
        assert_eq!(inflated_size(b"%PDF-1.4 no streams", 10), 0);
        // Compressed twice: the first layer is small, the second is the bomb.
        let mut twice = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        twice.write_all(&stream).unwrap();
        let twice = twice.finish().unwrap();
        assert!(twice.len() < stream.len());
        let mut pdf =
            b"%PDF-1.4\n1 0 obj << /Filter [/FlateDecode /FlateDecode] >>\nstream\r\n".to_vec();
        pdf.extend_from_slice(&twice);
        pdf.extend_from_slice(b"\nendstream\nendobj\n");
        assert!(inflated_size(&pdf, 16 << 20) > 16 << 20);
        assert_eq!(inflated_size(&pdf, 128 << 20), 64 << 20);
    }
}
