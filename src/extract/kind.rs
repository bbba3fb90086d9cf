//! What an attachment is, from its first bytes first and its declared type and name second:
//! mail clients label PDFs `application/octet-stream` and scans `image/jpg`, and a hostile
//! sender can label anything as anything. The kind picks the extractor; the bytes decide.

use serde::{Deserialize, Serialize};

/// The formats an extractor exists for, and the rest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// PDF: its text layer, else OCR of its pages.
    Pdf,
    /// PNG, JPEG, TIFF, GIF, BMP, WebP: OCR.
    Image,
    /// Word 2007+ (OOXML).
    Docx,
    /// Excel 2007+ (OOXML).
    Xlsx,
    /// PowerPoint 2007+ (OOXML).
    Pptx,
    /// OpenDocument text, spreadsheet or presentation.
    OpenDocument,
    /// Rich Text Format.
    Rtf,
    /// Word 97–2003 (OLE compound file), through `catdoc`.
    Doc,
    /// iCalendar (`text/calendar`, `.ics`).
    Calendar,
    /// Outlook's TNEF (`winmail.dat`).
    Tnef,
    /// Plain text, CSV.
    Text,
    /// A forwarded message: read with the message itself (parse.rs), not here.
    Message,
    /// Anything else.
    Other,
}

impl Kind {
    /// Name shown and stored.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Pdf => "pdf",
            Kind::Image => "image",
            Kind::Docx => "docx",
            Kind::Xlsx => "xlsx",
            Kind::Pptx => "pptx",
            Kind::OpenDocument => "opendocument",
            Kind::Rtf => "rtf",
            Kind::Doc => "doc",
            Kind::Calendar => "calendar",
            Kind::Tnef => "tnef",
            Kind::Text => "text",
            Kind::Message => "message",
            Kind::Other => "other",
        }
    }

    /// Parses [`Kind::name`].
    pub fn from_name(name: &str) -> Option<Kind> {
        ALL.iter().copied().find(|k| k.name() == name)
    }
}

const ALL: [Kind; 13] = [
    Kind::Pdf,
    Kind::Image,
    Kind::Docx,
    Kind::Xlsx,
    Kind::Pptx,
    Kind::OpenDocument,
    Kind::Rtf,
    Kind::Doc,
    Kind::Calendar,
    Kind::Tnef,
    Kind::Text,
    Kind::Message,
    Kind::Other,
];

/// The kind of an attachment of type `mime` named `filename` whose bytes begin with `head`.
pub fn detect(mime: &str, filename: &str, head: &[u8]) -> Kind {
    let mime = mime.to_ascii_lowercase();
    let ext = filename
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    if mime == "message/rfc822" || mime == "message/global" {
        return Kind::Message;
    }
    // The bytes first.
    if head.starts_with(b"%PDF")
        || (head.len() > 8 && memfind(&head[..head.len().min(1024)], b"%PDF-"))
    {
        return Kind::Pdf;
    }
    if head.starts_with(b"\x89PNG\r\n\x1a\n")
        || head.starts_with(b"\xff\xd8\xff")
        || head.starts_with(b"II*\0")
        || head.starts_with(b"MM\0*")
        || head.starts_with(b"GIF87a")
        || head.starts_with(b"GIF89a")
        || (head.starts_with(b"RIFF") && head.get(8..12) == Some(b"WEBP"))
        || (head.starts_with(b"BM") && matches!(ext.as_str(), "bmp" | "dib"))
    {
        return Kind::Image;
    }
    if head.starts_with(b"\x78\x9f\x3e\x22") {
        return Kind::Tnef;
    }
    if head.starts_with(b"{\\rtf") {
        return Kind::Rtf;
    }
    if head.starts_with(b"PK\x03\x04") {
        // A zip: which document, by its declared type, its name, or (ODF) its first member.
        if mime.contains("wordprocessingml") || matches!(ext.as_str(), "docx" | "docm" | "dotx") {
            return Kind::Docx;
        }
        if mime.contains("spreadsheetml") || matches!(ext.as_str(), "xlsx" | "xlsm") {
            return Kind::Xlsx;
        }
        if mime.contains("presentationml") || matches!(ext.as_str(), "pptx" | "ppsx") {
            return Kind::Pptx;
        }
        if mime.contains("opendocument")
            || matches!(ext.as_str(), "odt" | "ods" | "odp" | "ott")
            || memfind(
                &head[..head.len().min(128)],
                b"mimetypeapplication/vnd.oasis",
            )
        {
            return Kind::OpenDocument;
        }
        return Kind::Other;
    }
    if head.starts_with(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1") {
        // OLE compound file: Word 97–2003 only (Excel and Outlook files share the container).
        if mime == "application/msword" || matches!(ext.as_str(), "doc" | "dot") {
            return Kind::Doc;
        }
        return Kind::Other;
    }
    let trimmed = trim_bom(head);
    if mime == "text/calendar"
        || mime == "application/ics"
        || ext == "ics"
        || ext == "vcs"
        || trimmed.starts_with(b"BEGIN:VCALENDAR")
    {
        return Kind::Calendar;
    }
    if mime == "application/ms-tnef" || mime == "application/vnd.ms-tnef" {
        return Kind::Tnef;
    }
    if mime == "text/plain" || mime == "text/csv" || matches!(ext.as_str(), "txt" | "csv") {
        return Kind::Text;
    }
    Kind::Other
}

fn trim_bom(b: &[u8]) -> &[u8] {
    b.strip_prefix(b"\xef\xbb\xbf").unwrap_or(b)
}

fn memfind(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bytes_decide_before_the_label() {
        let cases: &[(&str, &str, &[u8], Kind)] = &[
            (
                "application/octet-stream",
                "x.bin",
                b"%PDF-1.7\n",
                Kind::Pdf,
            ),
            ("image/jpeg", "scan.jpg", b"%PDF-1.4", Kind::Pdf),
            (
                "application/pdf",
                "a.pdf",
                b"\x89PNG\r\n\x1a\n",
                Kind::Image,
            ),
            ("image/jpg", "scan.jpg", b"\xff\xd8\xff\xe0", Kind::Image),
            ("image/tiff", "a.tif", b"II*\0", Kind::Image),
            (
                "application/octet-stream",
                "winmail.dat",
                b"\x78\x9f\x3e\x22\x01",
                Kind::Tnef,
            ),
            ("application/msword", "l.rtf", b"{\\rtf1\\ansi", Kind::Rtf),
            (
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                "c.docx",
                b"PK\x03\x04",
                Kind::Docx,
            ),
            (
                "application/octet-stream",
                "b.xlsx",
                b"PK\x03\x04",
                Kind::Xlsx,
            ),
            (
                "application/zip",
                "c.odt",
                b"PK\x03\x04",
                Kind::OpenDocument,
            ),
            ("application/zip", "photos.zip", b"PK\x03\x04", Kind::Other),
            (
                "application/msword",
                "v.doc",
                b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
                Kind::Doc,
            ),
            (
                "application/vnd.ms-excel",
                "v.xls",
                b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
                Kind::Other,
            ),
            (
                "text/calendar",
                "invite.ics",
                b"BEGIN:VCALENDAR",
                Kind::Calendar,
            ),
            (
                "application/octet-stream",
                "x",
                b"\xef\xbb\xbfBEGIN:VCALENDAR",
                Kind::Calendar,
            ),
            ("text/plain", "notes.txt", b"Bonjour", Kind::Text),
            ("message/rfc822", "", b"From: a", Kind::Message),
            (
                "application/octet-stream",
                "x.exe",
                b"MZ\x90\0",
                Kind::Other,
            ),
            ("application/octet-stream", "", b"", Kind::Other),
        ];
        for (mime, name, head, kind) in cases {
            assert_eq!(detect(mime, name, head), *kind, "{mime} {name}");
        }
        for k in ALL {
            assert_eq!(Kind::from_name(k.name()), Some(k));
        }
    }
}
