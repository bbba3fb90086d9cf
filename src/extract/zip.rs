//! Reading members of the zip containers of Office and OpenDocument files, with a bound on what
//! a member inflates to: a few kilobytes of deflate can claim gigabytes (a zip bomb), and the
//! sizes a zip declares are the sender's word. Only what these documents use: the central
//! directory, stored and deflated members, no encryption, no zip64.

use std::io::Read as _;

/// Why a member could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ZipError {
    /// Not a zip, or a damaged one.
    #[error("archive zip illisible : {0}")]
    Invalid(&'static str),
    /// The member inflates to more than allowed.
    #[error("membre « {0} » trop grand une fois décompressé")]
    TooLarge(String),
    /// A compression method or feature these documents do not use.
    #[error("archive zip non prise en charge : {0}")]
    Unsupported(&'static str),
}

/// One member of the central directory.
#[derive(Debug, Clone)]
struct Entry {
    name: String,
    method: u16,
    flags: u16,
    compressed: u64,
    header: u64,
}

/// A zip archive held in memory.
pub struct Zip<'a> {
    bytes: &'a [u8],
    entries: Vec<Entry>,
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

/// At most this many members are listed (an Office file has tens).
const MAX_ENTRIES: usize = 10_000;

impl<'a> Zip<'a> {
    /// Reads the central directory of `bytes`.
    pub fn open(bytes: &'a [u8]) -> Result<Zip<'a>, ZipError> {
        // The end-of-central-directory record: within the last 64 KB + 22 bytes.
        let start = bytes.len().saturating_sub(65_557);
        let eocd = (start..bytes.len().saturating_sub(21))
            .rev()
            .find(|&i| bytes[i..].starts_with(b"PK\x05\x06"))
            .ok_or(ZipError::Invalid("pas de répertoire central"))?;
        let count = u16_at(bytes, eocd + 10).ok_or(ZipError::Invalid("fin tronquée"))? as usize;
        let offset = u32_at(bytes, eocd + 16).ok_or(ZipError::Invalid("fin tronquée"))?;
        if offset == u32::MAX || count == usize::from(u16::MAX) {
            return Err(ZipError::Unsupported("zip64"));
        }
        let mut entries = Vec::with_capacity(count.min(MAX_ENTRIES));
        let mut at = offset as usize;
        for _ in 0..count.min(MAX_ENTRIES) {
            if !bytes
                .get(at..)
                .is_some_and(|b| b.starts_with(b"PK\x01\x02"))
            {
                return Err(ZipError::Invalid("répertoire central abîmé"));
            }
            let field =
                |o: usize| u16_at(bytes, at + o).ok_or(ZipError::Invalid("entrée tronquée"));
            let word = |o: usize| u32_at(bytes, at + o).ok_or(ZipError::Invalid("entrée tronquée"));
            let flags = field(8)?;
            let method = field(10)?;
            let compressed = word(20)?;
            let name_len = field(28)? as usize;
            let extra_len = field(30)? as usize;
            let comment_len = field(32)? as usize;
            let header = word(42)?;
            let name = bytes
                .get(at + 46..at + 46 + name_len)
                .ok_or(ZipError::Invalid("nom tronqué"))?;
            entries.push(Entry {
                name: String::from_utf8_lossy(name).into_owned(),
                method,
                flags,
                compressed: u64::from(compressed),
                header: u64::from(header),
            });
            at += 46 + name_len + extra_len + comment_len;
        }
        Ok(Zip { bytes, entries })
    }

    /// The members' names, in the directory's order.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(|e| e.name.as_str())
    }

    /// The bytes of member `name` (None when absent), at most `limit` of them once inflated.
    pub fn read(&self, name: &str, limit: usize) -> Result<Option<Vec<u8>>, ZipError> {
        let Some(e) = self.entries.iter().find(|e| e.name == name) else {
            return Ok(None);
        };
        if e.flags & 1 != 0 {
            return Err(ZipError::Unsupported("membre chiffré"));
        }
        let h = usize::try_from(e.header).map_err(|_| ZipError::Invalid("position"))?;
        if !self
            .bytes
            .get(h..)
            .is_some_and(|b| b.starts_with(b"PK\x03\x04"))
        {
            return Err(ZipError::Invalid("en-tête local absent"));
        }
        let name_len = u16_at(self.bytes, h + 26).ok_or(ZipError::Invalid("en-tête tronqué"))?;
        let extra_len = u16_at(self.bytes, h + 28).ok_or(ZipError::Invalid("en-tête tronqué"))?;
        let data_at = h + 30 + name_len as usize + extra_len as usize;
        let len = usize::try_from(e.compressed).map_err(|_| ZipError::Invalid("taille"))?;
        let data = self
            .bytes
            .get(data_at..data_at.saturating_add(len))
            .ok_or(ZipError::Invalid("membre tronqué"))?;
        let mut out = Vec::new();
        match e.method {
            0 => out.extend_from_slice(data),
            8 => {
                flate2::read::DeflateDecoder::new(data)
                    .take(limit as u64 + 1)
                    .read_to_end(&mut out)
                    .map_err(|_| ZipError::Invalid("données compressées abîmées"))?;
            }
            _ => return Err(ZipError::Unsupported("méthode de compression")),
        }
        if out.len() > limit {
            return Err(ZipError::TooLarge(e.name.clone()));
        }
        Ok(Some(out))
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::io::Write as _;

    /// A zip of `members` (name, bytes, deflated?), as an Office program writes one.
    pub(crate) fn build(members: &[(&str, &[u8], bool)]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut central = Vec::new();
        for (name, data, deflate) in members {
            let body = if *deflate {
                let mut e =
                    flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
                e.write_all(data).unwrap();
                e.finish().unwrap()
            } else {
                data.to_vec()
            };
            let header = out.len() as u32;
            let method: u16 = if *deflate { 8 } else { 0 };
            out.extend_from_slice(b"PK\x03\x04");
            out.extend_from_slice(&[20, 0, 0, 0]);
            out.extend_from_slice(&method.to_le_bytes());
            out.extend_from_slice(&[0; 8]); // time, date, crc (not checked)
            out.extend_from_slice(&(body.len() as u32).to_le_bytes());
            out.extend_from_slice(&(data.len() as u32).to_le_bytes());
            out.extend_from_slice(&(name.len() as u16).to_le_bytes());
            out.extend_from_slice(&[0, 0]);
            out.extend_from_slice(name.as_bytes());
            out.extend_from_slice(&body);
            central.extend_from_slice(b"PK\x01\x02");
            central.extend_from_slice(&[20, 0, 20, 0, 0, 0]);
            central.extend_from_slice(&method.to_le_bytes());
            central.extend_from_slice(&[0; 8]);
            central.extend_from_slice(&(body.len() as u32).to_le_bytes());
            central.extend_from_slice(&(data.len() as u32).to_le_bytes());
            central.extend_from_slice(&(name.len() as u16).to_le_bytes());
            central.extend_from_slice(&[0; 12]);
            central.extend_from_slice(&header.to_le_bytes());
            central.extend_from_slice(name.as_bytes());
        }
        let offset = out.len() as u32;
        out.extend_from_slice(&central);
        out.extend_from_slice(b"PK\x05\x06\0\0\0\0");
        out.extend_from_slice(&(members.len() as u16).to_le_bytes());
        out.extend_from_slice(&(members.len() as u16).to_le_bytes());
        out.extend_from_slice(&(central.len() as u32).to_le_bytes());
        out.extend_from_slice(&offset.to_le_bytes());
        out.extend_from_slice(&[0, 0]);
        out
    }

    #[test]
    fn members_are_read_within_their_bound() {
        let big = vec![b' '; 5_000_000];
        let zip = build(&[
            (
                "mimetype",
                b"application/vnd.oasis.opendocument.text",
                false,
            ),
            ("content.xml", "<p>Délibération</p>".as_bytes(), true),
            ("bomb.xml", &big, true),
        ]);
        assert!(zip.len() < 30_000, "{}", zip.len());
        let z = Zip::open(&zip).unwrap();
        assert_eq!(
            z.names().collect::<Vec<_>>(),
            ["mimetype", "content.xml", "bomb.xml"]
        );
        assert_eq!(
            z.read("content.xml", 100).unwrap().unwrap(),
            "<p>Délibération</p>".as_bytes()
        );
        assert!(z.read("absent", 100).unwrap().is_none());
        assert!(matches!(
            z.read("bomb.xml", 1_000_000),
            Err(ZipError::TooLarge(_))
        ));
        assert_eq!(
            z.read("bomb.xml", 5_000_000).unwrap().unwrap().len(),
            5_000_000
        );
        // Damaged archives are errors, never panics.
        for cut in [0, 10, zip.len() / 2, zip.len() - 10] {
            let _ = Zip::open(&zip[..cut]).map(|z| z.read("content.xml", 100));
        }
        assert!(Zip::open(b"not a zip").is_err());
    }
}
