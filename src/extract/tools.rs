//! The Debian programs extraction uses, found on this machine: `pdftotext` and `pdftoppm`
//! (poppler-utils) for PDFs, `tesseract` with its French model (tesseract-ocr,
//! tesseract-ocr-fra) for scans, `catdoc` for Word 97–2003. Each is found once per run by its
//! absolute path (the child gets no PATH of its own) with the version it prints, which is
//! stored with every text it extracted so that a better engine can extract again.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde::{Deserialize, Serialize};

/// One program: where it is and what version it says it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tool {
    /// Absolute path.
    pub path: PathBuf,
    /// « pdftotext 22.12.0 ».
    pub version: String,
}

/// What this machine has.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tools {
    /// PDF text layer.
    pub pdftotext: Option<Tool>,
    /// PDF pages to images, for OCR.
    pub pdftoppm: Option<Tool>,
    /// OCR engine.
    pub tesseract: Option<Tool>,
    /// Whether tesseract has its French model (`fra`).
    pub tesseract_fra: bool,
    /// Word 97–2003.
    pub catdoc: Option<Tool>,
}

/// What each program is for and the Debian package that brings it, for `status`.
pub const PACKAGES: &[(&str, &str, &str)] = &[
    ("pdftotext", "poppler-utils", "texte des PDF"),
    (
        "pdftoppm",
        "poppler-utils",
        "OCR des PDF numérisés (pages en images)",
    ),
    (
        "tesseract",
        "tesseract-ocr",
        "OCR des images et des PDF numérisés",
    ),
    (
        "tesseract-ocr-fra",
        "tesseract-ocr-fra",
        "OCR en français (accents)",
    ),
    ("catdoc", "catdoc", "documents Word 97–2003 (.doc)"),
];

fn find(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_else(|| "/usr/bin:/bin".into());
    std::env::split_paths(&path)
        .chain([PathBuf::from("/usr/bin"), PathBuf::from("/bin")])
        .map(|dir| dir.join(name))
        .find(|p| is_executable(p))
}

fn is_executable(p: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::metadata(p).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

/// The first line of `program args` (stdout or stderr) holding a digit, e.g. its version.
fn first_line(program: &Path, args: &[&str]) -> Option<String> {
    let out = Command::new(program)
        .args(args)
        .stdin(std::process::Stdio::null())
        .output()
        .ok()?;
    let text = format!(
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    text.lines()
        .find(|l| l.chars().any(|c| c.is_ascii_digit()))
        .map(|l| l.trim().to_string())
}

/// « pdftotext version 22.12.0 » → « pdftotext 22.12.0 ».
fn version(name: &str, line: &str) -> String {
    let v = line
        .split_whitespace()
        .find(|w| w.chars().next().is_some_and(|c| c.is_ascii_digit()))
        .unwrap_or("?");
    format!("{name} {v}")
}

fn tool(name: &str, args: &[&str]) -> Option<Tool> {
    let path = find(name)?;
    let line = first_line(&path, args).unwrap_or_default();
    Some(Tool {
        version: version(name, &line),
        path,
    })
}

impl Tools {
    /// Looks for every program (a few milliseconds: each prints its version).
    pub fn discover() -> Tools {
        let tesseract = tool("tesseract", &["--version"]);
        let tesseract_fra = tesseract.as_ref().is_some_and(|t| {
            Command::new(&t.path)
                .arg("--list-langs")
                .stdin(std::process::Stdio::null())
                .output()
                .is_ok_and(|o| {
                    String::from_utf8_lossy(&o.stdout)
                        .lines()
                        .chain(String::from_utf8_lossy(&o.stderr).lines())
                        .any(|l| l.trim() == "fra")
                })
        });
        Tools {
            pdftotext: tool("pdftotext", &["-v"]),
            pdftoppm: tool("pdftoppm", &["-v"]),
            tesseract,
            tesseract_fra,
            catdoc: tool("catdoc", &["-V"]),
        }
    }

    /// Whether OCR can run (tesseract with French, and pdftoppm for PDFs).
    pub fn ocr(&self) -> bool {
        self.tesseract.is_some() && self.tesseract_fra
    }

    /// (program, found version or None, package, what it is for), for `status`.
    pub fn report(&self) -> Vec<(&'static str, Option<String>, &'static str, &'static str)> {
        PACKAGES
            .iter()
            .map(|&(name, package, purpose)| {
                let found = match name {
                    "pdftotext" => self.pdftotext.as_ref().map(|t| t.version.clone()),
                    "pdftoppm" => self.pdftoppm.as_ref().map(|t| t.version.clone()),
                    "tesseract" => self.tesseract.as_ref().map(|t| t.version.clone()),
                    "tesseract-ocr-fra" => self.tesseract_fra.then(|| "fra".to_string()),
                    _ => self.catdoc.as_ref().map(|t| t.version.clone()),
                };
                (name, found, package, purpose)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_are_read_from_what_the_programs_print() {
        assert_eq!(
            version("pdftotext", "pdftotext version 22.12.0"),
            "pdftotext 22.12.0"
        );
        assert_eq!(version("tesseract", "tesseract 5.3.0"), "tesseract 5.3.0");
        assert_eq!(version("catdoc", "Catdoc Version 0.95"), "catdoc 0.95");
        assert_eq!(version("x", ""), "x ?");
        assert!(find("surely-not-a-program-here").is_none());
    }
}
