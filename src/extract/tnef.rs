//! Outlook's TNEF (`winmail.dat`, MS-OXTNEF): the message body and the real attachments packed
//! inside, so that each is extracted like any other attachment. Read: the legacy attributes
//! (`attBody`, `attAttachRendData` starting each attachment, `attAttachTitle`,
//! `attAttachData`, `attOemCodepage`) and the MAPI property blocks (`attMAPIProps`,
//! `attAttachment`) for the body as plain text, as compressed RTF (MS-OXRTFCP « LZFu ») or
//! HTML, and the attachments' long file names and data. Every length is the sender's word:
//! each is checked against what is left, and the total unpacked is bounded.

/// One attachment found inside.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Packed {
    /// Its file name ('' when none was given).
    pub name: String,
    /// Its MIME type when stated.
    pub mime: String,
    /// Its bytes.
    pub data: Vec<u8>,
}

/// What a TNEF stream holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tnef {
    /// The body as text (from plain text, else RTF, else HTML with its tags removed).
    pub body: String,
    /// The attachments, in order.
    pub attachments: Vec<Packed>,
}

/// Why a stream could not be read.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum TnefError {
    /// Not TNEF.
    #[error("pas un fichier TNEF (winmail.dat)")]
    NotTnef,
    /// More than the bound once unpacked.
    #[error("winmail.dat trop grand une fois dépaqueté")]
    TooLarge,
}

const SIGNATURE: u32 = 0x223E_9F78;
// Attribute ids (the low 16 bits; the high ones are the type).
const ATT_BODY: u32 = 0x800C;
const ATT_ATTACH_DATA: u32 = 0x800F;
const ATT_ATTACH_TITLE: u32 = 0x8010;
const ATT_ATTACH_REND_DATA: u32 = 0x9002;
const ATT_MAPI_PROPS: u32 = 0x9003;
const ATT_ATTACHMENT: u32 = 0x9005;
const ATT_OEM_CODEPAGE: u32 = 0x9007;
// MAPI property ids.
const PR_BODY: u16 = 0x1000;
const PR_RTF_COMPRESSED: u16 = 0x1009;
const PR_BODY_HTML: u16 = 0x1013;
const PR_ATTACH_DATA: u16 = 0x3701;
const PR_ATTACH_FILENAME: u16 = 0x3704;
const PR_ATTACH_LONG_FILENAME: u16 = 0x3707;
const PR_ATTACH_MIME_TAG: u16 = 0x370E;

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(
        b.get(at..at.checked_add(2)?)?.try_into().ok()?,
    ))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(
        b.get(at..at.checked_add(4)?)?.try_into().ok()?,
    ))
}

/// Unpacks `bytes`, holding at most `limit` bytes of attachments and body.
pub fn unpack(bytes: &[u8], limit: usize) -> Result<Tnef, TnefError> {
    if u32_at(bytes, 0) != Some(SIGNATURE) {
        return Err(TnefError::NotTnef);
    }
    let mut out = Tnef::default();
    let mut encoding = encoding_rs::WINDOWS_1252;
    let (mut plain, mut rtf, mut html) = (None::<String>, None::<Vec<u8>>, None::<Vec<u8>>);
    let mut current: Option<Packed> = None;
    let mut total = 0usize;
    let mut at = 6;
    while at + 9 <= bytes.len() {
        let level = bytes[at];
        let (Some(id), Some(len)) = (u32_at(bytes, at + 1), u32_at(bytes, at + 5)) else {
            break;
        };
        let start = at + 9;
        let Some(data) = start
            .checked_add(len as usize)
            .and_then(|end| bytes.get(start..end))
        else {
            break; // truncated: keep what was read
        };
        at = start + data.len() + 2; // the checksum is not checked: a wrong one costs nothing
        total = total.saturating_add(data.len());
        if total > limit {
            return Err(TnefError::TooLarge);
        }
        match (level, id & 0xFFFF) {
            (1, ATT_OEM_CODEPAGE) => {
                if let Some(cp) = u32_at(data, 0)
                    && let Some(e) = super::rtf::codepage(i64::from(cp))
                {
                    encoding = e;
                }
            }
            (1, ATT_BODY) => plain = Some(decode(data, encoding)),
            (1, ATT_MAPI_PROPS) => {
                for (id, value) in mapi_props(data) {
                    match (id, value) {
                        (PR_BODY, Value::Text(t)) if plain.is_none() => plain = Some(t),
                        (PR_BODY, Value::Bytes(b)) if plain.is_none() => {
                            plain = Some(decode(&b, encoding))
                        }
                        (PR_RTF_COMPRESSED, Value::Bytes(b)) => rtf = Some(b),
                        (PR_BODY_HTML, Value::Bytes(b)) => html = Some(b),
                        (PR_BODY_HTML, Value::Text(t)) => html = Some(t.into_bytes()),
                        _ => {}
                    }
                }
            }
            (2, ATT_ATTACH_REND_DATA) => {
                if let Some(done) = current.take() {
                    out.attachments.push(done);
                }
                current = Some(Packed {
                    name: String::new(),
                    mime: String::new(),
                    data: Vec::new(),
                });
            }
            (2, ATT_ATTACH_TITLE) => {
                if let Some(c) = current.as_mut() {
                    c.name = decode(data, encoding).trim_end_matches('\0').to_string();
                }
            }
            (2, ATT_ATTACH_DATA) => {
                if let Some(c) = current.as_mut() {
                    c.data = data.to_vec();
                }
            }
            (2, ATT_ATTACHMENT) => {
                if let Some(c) = current.as_mut() {
                    for (id, value) in mapi_props(data) {
                        match (id, value) {
                            (PR_ATTACH_LONG_FILENAME, Value::Text(t)) if !t.is_empty() => {
                                c.name = t
                            }
                            (PR_ATTACH_FILENAME, Value::Text(t)) if c.name.is_empty() => c.name = t,
                            (PR_ATTACH_MIME_TAG, Value::Text(t)) => c.mime = t,
                            (PR_ATTACH_DATA, Value::Bytes(b)) if c.data.is_empty() => c.data = b,
                            _ => {}
                        }
                    }
                }
            }
            _ => {}
        }
    }
    if let Some(done) = current.take() {
        out.attachments.push(done);
    }
    out.body = match (plain, rtf, html) {
        (Some(t), _, _) if !t.trim().is_empty() => t,
        (_, Some(compressed), _) => match decompress_rtf(&compressed, limit) {
            Some(rtf) => super::rtf::text(&rtf, limit),
            None => String::new(),
        },
        (_, _, Some(h)) => mail_parser::decoders::html::html_to_text(&String::from_utf8_lossy(&h)),
        _ => String::new(),
    };
    out.body = out
        .body
        .replace("\r\n", "\n")
        .trim_end_matches('\0')
        .trim()
        .to_string();
    Ok(out)
}

fn decode(data: &[u8], encoding: &'static encoding_rs::Encoding) -> String {
    let data = data.strip_suffix(b"\0").unwrap_or(data);
    encoding.decode_without_bom_handling(data).0.into_owned()
}

enum Value {
    Text(String),
    Bytes(Vec<u8>),
    Other,
}

/// The properties of a MAPI block: (property id, value), ids of named properties left out.
fn mapi_props(b: &[u8]) -> Vec<(u16, Value)> {
    let mut props = Vec::new();
    let Some(count) = u32_at(b, 0) else {
        return props;
    };
    let mut at = 4usize;
    let pad = |n: usize| n.div_ceil(4) * 4;
    for _ in 0..count.min(10_000) {
        let (Some(ty), Some(id)) = (u16_at(b, at), u16_at(b, at + 2)) else {
            break;
        };
        at += 4;
        if id >= 0x8000 {
            // Named property: GUID, kind, then an id or a name.
            at += 16;
            match u32_at(b, at) {
                Some(0) => at += 8,
                Some(1) => {
                    let Some(n) = u32_at(b, at + 4) else { break };
                    at += 8 + pad(n as usize);
                }
                _ => break,
            }
        }
        let multi = ty & 0x1000 != 0;
        let base = ty & 0x0FFF;
        let fixed = match base {
            0x0002 | 0x0003 | 0x0004 | 0x000A | 0x000B => Some(4),
            0x0005 | 0x0006 | 0x0007 | 0x0014 | 0x0040 => Some(8),
            0x0048 => Some(16),
            0x0001 => Some(0),
            _ => None,
        };
        let values = if multi || fixed.is_none() {
            let Some(n) = u32_at(b, at) else { break };
            at += 4;
            n as usize
        } else {
            1
        };
        let mut value = Value::Other;
        for _ in 0..values.min(10_000) {
            if let Some(size) = fixed {
                at += size;
                continue;
            }
            let Some(len) = u32_at(b, at) else {
                return props;
            };
            at += 4;
            let Some(data) = at.checked_add(len as usize).and_then(|end| b.get(at..end)) else {
                return props;
            };
            at += pad(len as usize);
            value = match base {
                0x001E => Value::Text(decode(data, encoding_rs::WINDOWS_1252)),
                0x001F => {
                    let units: Vec<u16> = data
                        .chunks_exact(2)
                        .map(|c| u16::from_le_bytes([c[0], c[1]]))
                        .collect();
                    Value::Text(
                        String::from_utf16_lossy(&units)
                            .trim_end_matches('\0')
                            .to_string(),
                    )
                }
                // PT_OBJECT begins with the IID of its interface.
                0x000D => Value::Bytes(data.get(16..).unwrap_or_default().to_vec()),
                _ => Value::Bytes(data.to_vec()),
            };
        }
        if at > b.len() {
            break;
        }
        props.push((id, value));
    }
    props
}

/// The dictionary every compressed RTF starts with (MS-OXRTFCP 2.1.3.1.1).
const PREBUF: &[u8] = b"{\\rtf1\\ansi\\mac\\deff0\\deftab720{\\fonttbl;}{\\f0\\fnil \\froman \\fswiss \\fmodern \\fscript \\fdecor MS Sans SerifSymbolArialTimes New RomanCourier{\\colortbl\\red0\\green0\\blue0\r\n\\par \\pard\\plain\\f0\\fs20\\b\\i\\u\\tab\\tx";

/// MS-OXRTFCP: the RTF of `PR_RTF_COMPRESSED` (at most `limit` bytes).
pub fn decompress_rtf(b: &[u8], limit: usize) -> Option<Vec<u8>> {
    let comp_size = u32_at(b, 0)? as usize;
    let raw_size = u32_at(b, 4)? as usize;
    let kind = u32_at(b, 8)?;
    let data = b.get(16..(comp_size + 4).min(b.len()))?;
    match kind {
        0x414C_454D => return Some(data[..raw_size.min(data.len()).min(limit)].to_vec()), // MELA
        0x7546_5A4C => {}                                                                 // LZFu
        _ => return None,
    }
    let mut dict = [0u8; 4096];
    dict[..PREBUF.len()].copy_from_slice(PREBUF);
    let mut write = PREBUF.len();
    let mut out = Vec::with_capacity(raw_size.min(limit));
    let mut i = 0;
    'outer: while i < data.len() {
        let control = data[i];
        i += 1;
        for bit in 0..8 {
            if i >= data.len() || out.len() >= limit {
                break 'outer;
            }
            if control & (1 << bit) == 0 {
                let c = data[i];
                i += 1;
                out.push(c);
                dict[write] = c;
                write = (write + 1) % 4096;
            } else {
                let (Some(&hi), Some(&lo)) = (data.get(i), data.get(i + 1)) else {
                    break 'outer;
                };
                i += 2;
                let word = (usize::from(hi) << 8) | usize::from(lo);
                let offset = word >> 4;
                let len = (word & 0xF) + 2;
                if offset == write {
                    break 'outer;
                }
                for k in 0..len {
                    let c = dict[(offset + k) % 4096];
                    out.push(c);
                    dict[write] = c;
                    write = (write + 1) % 4096;
                }
            }
        }
    }
    Some(out)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    fn attribute(out: &mut Vec<u8>, level: u8, id: u32, data: &[u8]) {
        out.push(level);
        out.extend_from_slice(&id.to_le_bytes());
        out.extend_from_slice(&(data.len() as u32).to_le_bytes());
        out.extend_from_slice(data);
        let sum = data.iter().map(|&b| u32::from(b)).sum::<u32>() as u16;
        out.extend_from_slice(&sum.to_le_bytes());
    }

    /// A winmail.dat with `body` (cp1252) and attachments (title, data).
    pub(crate) fn build(body: &str, attachments: &[(&str, &[u8])]) -> Vec<u8> {
        let mut out = SIGNATURE.to_le_bytes().to_vec();
        out.extend_from_slice(&[0x01, 0x00]);
        attribute(&mut out, 1, 0x0008_9006, &[0, 0, 1, 0]);
        attribute(&mut out, 1, 0x0006_9007, &[0xE4, 0x04, 0, 0, 0, 0, 0, 0]);
        let (body, _, _) = encoding_rs::WINDOWS_1252.encode(body);
        attribute(&mut out, 1, 0x0002_800C, &body);
        for (name, data) in attachments {
            attribute(
                &mut out,
                2,
                0x0006_9002,
                &[1, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0],
            );
            let (title, _, _) = encoding_rs::WINDOWS_1252.encode(name);
            let mut title = title.to_vec();
            title.push(0);
            attribute(&mut out, 2, 0x0001_8010, &title);
            attribute(&mut out, 2, 0x0006_800F, data);
        }
        out
    }

    #[test]
    fn body_and_attachments() {
        let dat = build(
            "Madame la Sénatrice,\r\nveuillez trouver la note sur la voirie.",
            &[
                ("note-voirie.txt", "Réfection de la chaussée".as_bytes()),
                ("plan.pdf", b"%PDF-1.4"),
            ],
        );
        let t = unpack(&dat, 1 << 20).unwrap();
        assert_eq!(
            t.body,
            "Madame la Sénatrice,\nveuillez trouver la note sur la voirie."
        );
        assert_eq!(t.attachments.len(), 2);
        assert_eq!(t.attachments[0].name, "note-voirie.txt");
        assert_eq!(t.attachments[0].data, "Réfection de la chaussée".as_bytes());
        assert_eq!(t.attachments[1].name, "plan.pdf");
        assert_eq!(unpack(&dat, 50), Err(TnefError::TooLarge));
        assert_eq!(unpack(b"not tnef", 100), Err(TnefError::NotTnef));
        // Truncated anywhere: what was read, never a panic.
        for cut in 0..dat.len() {
            let _ = unpack(&dat[..cut], 1 << 20);
        }
    }

    #[test]
    fn compressed_rtf() {
        // MS-OXRTFCP 3.1.1's example: "{\rtf1\ansi\ansicpg1252\pard hello world}\r\n".
        let comp: [u8; 61] = [
            0x2d, 0x00, 0x00, 0x00, 0x2b, 0x00, 0x00, 0x00, 0x4c, 0x5a, 0x46, 0x75, 0xf1, 0xc5,
            0xc7, 0xa7, 0x03, 0x00, 0x0a, 0x00, 0x72, 0x63, 0x70, 0x67, 0x31, 0x32, 0x35, 0x42,
            0x32, 0x0a, 0xf3, 0x20, 0x68, 0x65, 0x6c, 0x09, 0x00, 0x20, 0x62, 0x77, 0x05, 0xb0,
            0x6c, 0x64, 0x7d, 0x0a, 0x80, 0x0f, 0xa0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
            0x00, 0x00, 0x00, 0x00, 0x00,
        ];
        let rtf = decompress_rtf(&comp, 1 << 20).unwrap();
        assert_eq!(
            String::from_utf8_lossy(&rtf),
            "{\\rtf1\\ansi\\ansicpg1252\\pard hello world}\r\n"
        );
    }
}
