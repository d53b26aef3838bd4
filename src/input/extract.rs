//! What DOCX, ODT and HTML extraction share: the line-per-paragraph text builder, zip reading
//! with limits against hostile files, and a namespace-aware XML walk with a depth limit.
//!
//! Every function here returns a Danish message on failure, never panics, and reads at most
//! the limits below, whatever the file claims about itself.

use std::borrow::Cow;
use std::io::{Cursor, Read};

use quick_xml::escape::resolve_xml_entity;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::reader::NsReader;

use crate::text::segment::SOFT_BREAK;

/// The most bytes klarsprog decompresses from one DOCX or ODT (all the XML parts it reads
/// together), unless `max-file-size` is smaller. Real letters use well under 1 MB.
pub const MAX_EXTRACTED_BYTES: u64 = 50 * 1024 * 1024;
/// The most entries a DOCX or ODT may have. Real documents have tens, with images hundreds.
pub const MAX_ZIP_ENTRIES: u64 = 10_000;
/// The deepest XML nesting accepted. Word documents nest about 10–20 levels, tables in tables
/// a little more.
pub const MAX_XML_DEPTH: usize = 256;

/// Builds extracted text: one paragraph a line, [`SOFT_BREAK`] between the lines inside one,
/// empty paragraphs dropped, whitespace at the ends of a line trimmed.
#[derive(Debug, Default)]
pub struct TextBuilder {
    text: String,
    /// Where the current line starts in `text`.
    line_start: usize,
}

impl TextBuilder {
    /// True when the current line has nothing since its start or its last soft break.
    fn at_line_start(&self) -> bool {
        self.text.len() == self.line_start || self.text.ends_with(SOFT_BREAK)
    }

    /// Appends text as it is (tabs and newlines inside it become spaces).
    pub fn push(&mut self, s: &str) {
        let s = if self.at_line_start() {
            s.trim_start()
        } else {
            s
        };
        for c in s.chars() {
            match c {
                '\n' | '\r' | '\t' => self.text.push(' '),
                SOFT_BREAK => self.soft_break(),
                c if c.is_control() => {}
                c => self.text.push(c),
            }
        }
    }

    /// Appends text with runs of whitespace (space, tab, newline) collapsed to one space, as
    /// HTML and ODF display it.
    pub fn push_collapsed(&mut self, s: &str) {
        for (i, piece) in s.split([' ', '\t', '\n', '\r', '\x0c']).enumerate() {
            if i > 0 && !self.at_line_start() && !self.text.ends_with(' ') {
                self.text.push(' ');
            }
            self.push(piece);
        }
    }

    /// Appends `n` spaces (ODF's text:s), kept even where collapsing would remove them.
    pub fn spaces(&mut self, n: usize) {
        if !self.at_line_start() {
            self.text.extend(std::iter::repeat_n(' ', n.min(100)));
        }
    }

    pub fn tab(&mut self) {
        if !self.at_line_start() {
            self.text.push('\t');
        }
    }

    /// A line break inside the paragraph. Several in a row count as one.
    pub fn soft_break(&mut self) {
        if !self.at_line_start() {
            self.trim_end();
            self.text.push(SOFT_BREAK);
        }
    }

    /// Does the current line end with a soft break and nothing after it?
    pub fn ends_with_soft_break(&self) -> bool {
        self.text.len() > self.line_start && self.text.ends_with(SOFT_BREAK)
    }

    fn trim_end(&mut self) {
        let keep = self.text[self.line_start..]
            .trim_end_matches([' ', '\t', '\u{a0}', SOFT_BREAK])
            .len();
        self.text.truncate(self.line_start + keep);
    }

    /// Ends the paragraph: the next text starts a new line. An empty paragraph leaves nothing.
    pub fn end_paragraph(&mut self) {
        self.trim_end();
        if self.text[self.line_start..].trim().is_empty() {
            self.text.truncate(self.line_start);
        } else {
            self.text.push('\n');
            self.line_start = self.text.len();
        }
    }

    /// The current (unfinished) line.
    pub fn current_line(&self) -> &str {
        &self.text[self.line_start..]
    }

    /// Drops the current line (used to skip a repeated header paragraph).
    pub fn discard_line(&mut self) {
        self.text.truncate(self.line_start);
    }

    pub fn len(&self) -> usize {
        self.text.len()
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    pub fn finish(mut self) -> String {
        self.end_paragraph();
        if self.text.ends_with('\n') {
            self.text.pop();
        }
        self.text
    }
}

/// The number of entries a zip says it has, read from its end-of-central-directory record
/// (and the ZIP64 one when the count overflows), before the zip crate allocates anything for
/// them. `None` when there is no such record: not a zip.
fn declared_entries(bytes: &[u8]) -> Option<u64> {
    const EOCD: [u8; 4] = [0x50, 0x4b, 0x05, 0x06];
    const EOCD_LEN: usize = 22;
    if bytes.len() < EOCD_LEN {
        return None;
    }
    // The record is at most 22 + 65,535 (comment) bytes from the end.
    let from = bytes.len().saturating_sub(EOCD_LEN + 0xFFFF);
    let tail = &bytes[from..];
    let pos = (0..=tail.len() - EOCD_LEN)
        .rev()
        .find(|&i| tail[i..i + 4] == EOCD)?;
    let at = from + pos;
    let u16_at = |i: usize| u16::from_le_bytes([bytes[i], bytes[i + 1]]);
    let total = u16_at(at + 10);
    if total != 0xFFFF {
        return Some(u64::from(total));
    }
    // ZIP64: a 20-byte locator right before the record points at the ZIP64 record.
    let loc = at.checked_sub(20)?;
    if bytes[loc..loc + 4] != [0x50, 0x4b, 0x06, 0x07] {
        return Some(u64::from(total));
    }
    let off = u64::from_le_bytes(bytes[loc + 8..loc + 16].try_into().ok()?);
    let off = usize::try_from(off).ok()?;
    let rec = bytes.get(off..off.checked_add(56)?)?;
    if rec[..4] != [0x50, 0x4b, 0x06, 0x06] {
        return None;
    }
    Some(u64::from_le_bytes(rec[32..40].try_into().ok()?))
}

/// A DOCX or ODT opened for reading, with a budget of decompressed bytes.
pub struct Archive<'a> {
    zip: zip::ZipArchive<Cursor<&'a [u8]>>,
    budget: u64,
    limit: u64,
}

impl<'a> Archive<'a> {
    /// Opens `bytes` as a zip. `kind` names the format in messages ("et Word-dokument").
    pub fn open(bytes: &'a [u8], kind: &str, limit: u64) -> Result<Archive<'a>, String> {
        if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
            return Err(format!(
                "filen er ikke {kind}, men en ældre Office-fil (fx .doc) eller en fil med adgangskode; gem den som .docx eller .odt uden adgangskode"
            ));
        }
        if !bytes.starts_with(b"PK") {
            return Err(format!(
                "filen er ikke {kind}: den er ikke en zip-fil (er den omdøbt fra et andet format?)"
            ));
        }
        let Some(entries) = declared_entries(bytes) else {
            return Err(format!("filen er ikke {kind}: zip-filen er ødelagt"));
        };
        if entries > MAX_ZIP_ENTRIES {
            return Err(format!(
                "zip-filen har {entries} dele; grænsen er {MAX_ZIP_ENTRIES} (ødelagt eller fjendtlig fil); den er ikke tjekket"
            ));
        }
        let zip = zip::ZipArchive::new(Cursor::new(bytes))
            .map_err(|e| format!("filen er ikke {kind}: {}", zip_message(&e)))?;
        if zip.len() as u64 > MAX_ZIP_ENTRIES {
            return Err(format!(
                "zip-filen har {} dele; grænsen er {MAX_ZIP_ENTRIES}; den er ikke tjekket",
                zip.len()
            ));
        }
        Ok(Archive {
            zip,
            budget: limit,
            limit,
        })
    }

    /// Names of the entries.
    pub fn names(&self) -> Vec<String> {
        self.zip
            .file_names()
            .filter_map(Result::ok)
            .map(|n| n.into_owned())
            .collect()
    }

    /// Reads an entry as UTF-8 text, `None` when it is missing. Every byte read counts against
    /// the budget, so a zip bomb stops at the limit, whatever sizes it declares.
    pub fn read_text(&mut self, name: &str) -> Result<Option<String>, String> {
        let mut file = match self.zip.by_name(name) {
            Ok(f) => f,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(e) => return Err(format!("{name}: {}", zip_message(&e))),
        };
        let mut bytes = Vec::new();
        let read = (&mut file)
            .take(self.budget + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| format!("{name} kan ikke pakkes ud: {e}"))?;
        if read as u64 > self.budget {
            return Err(format!(
                "filen fylder over {} MB, når den pakkes ud (en zip-bombe?); den er ikke tjekket",
                self.limit / 1_000_000
            ));
        }
        self.budget -= read as u64;
        let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(&bytes);
        match std::str::from_utf8(bytes) {
            Ok(s) => Ok(Some(s.to_string())),
            Err(_) => Err(format!("{name} er ikke UTF-8-kodet XML")),
        }
    }
}

fn zip_message(e: &zip::result::ZipError) -> String {
    use zip::result::ZipError::*;
    match e {
        InvalidPassword | UnsupportedArchive(_) if e.to_string().contains("assword") => {
            "filen er beskyttet med adgangskode".into()
        }
        CompressionMethodNotSupported(_) => {
            "zip-filen bruger en komprimering, klarsprog ikke kan læse (kun deflate)".into()
        }
        InvalidArchive(_) | Io(_) => "zip-filen er ødelagt".into(),
        other => format!("zip-filen kan ikke læses ({other})"),
    }
}

/// The namespaces the extractors look at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ns {
    /// WordprocessingML (transitional or strict).
    Word,
    /// Markup compatibility (mc:AlternateContent).
    Mc,
    OdfText,
    OdfTable,
    OdfOffice,
    OdfStyle,
    OdfDraw,
    Other,
}

fn ns_of(r: &ResolveResult<'_>) -> Ns {
    let ResolveResult::Bound(ns) = r else {
        return Ns::Other;
    };
    match ns.0 {
        "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
        | "http://purl.oclc.org/ooxml/wordprocessingml/main" => Ns::Word,
        "http://schemas.openxmlformats.org/markup-compatibility/2006" => Ns::Mc,
        "urn:oasis:names:tc:opendocument:xmlns:text:1.0" => Ns::OdfText,
        "urn:oasis:names:tc:opendocument:xmlns:table:1.0" => Ns::OdfTable,
        "urn:oasis:names:tc:opendocument:xmlns:office:1.0" => Ns::OdfOffice,
        "urn:oasis:names:tc:opendocument:xmlns:style:1.0" => Ns::OdfStyle,
        "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" => Ns::OdfDraw,
        _ => Ns::Other,
    }
}

/// One step of an XML walk. An empty element (`<a/>`) comes as `Open` then `Close`.
pub enum Node<'a, 'e> {
    Open {
        ns: Ns,
        name: &'a str,
        element: &'a BytesStart<'e>,
    },
    Close {
        ns: Ns,
        name: &'a str,
    },
    Text(&'a str),
}

/// The value of an attribute by its local name (prefixes ignored), unescaped.
pub fn attr(element: &BytesStart<'_>, local: &str) -> Option<String> {
    element.attributes().flatten().find_map(|a| {
        (a.key.local_name().as_ref() == local).then(|| {
            match quick_xml::escape::unescape(&a.value) {
                Ok(v) => v.into_owned(),
                Err(_) => a.value.to_string(),
            }
        })
    })
}

/// Walks `xml` (`part` names it in messages), calling `visit` for elements and text. Entity
/// and character references are resolved; an undefined entity, a mismatched end tag, nesting
/// deeper than [`MAX_XML_DEPTH`] or a document cut short is an error.
pub fn walk_xml(
    xml: &str,
    part: &str,
    mut visit: impl FnMut(Node<'_, '_>) -> Result<(), String>,
) -> Result<(), String> {
    let mut reader = NsReader::from_str(xml);
    let mut depth = 0usize;
    let broken = |reader: &NsReader<&[u8]>, what: String| {
        format!(
            "{part} er ikke gyldig XML (byte {}: {what}); filen er ødelagt",
            reader.error_position()
        )
    };
    loop {
        let (ns, event) = match reader.read_resolved_event() {
            Ok((r, e)) => (ns_of(&r), e),
            Err(e) => return Err(broken(&reader, e.to_string())),
        };
        match event {
            Event::Start(e) => {
                depth += 1;
                if depth > MAX_XML_DEPTH {
                    return Err(format!(
                        "{part} er indlejret mere end {MAX_XML_DEPTH} niveauer (ødelagt eller fjendtlig fil); den er ikke tjekket"
                    ));
                }
                let name = e.local_name();
                visit(Node::Open {
                    ns,
                    name: name.as_ref(),
                    element: &e,
                })?;
            }
            Event::Empty(e) => {
                let name = e.local_name();
                visit(Node::Open {
                    ns,
                    name: name.as_ref(),
                    element: &e,
                })?;
                visit(Node::Close {
                    ns,
                    name: name.as_ref(),
                })?;
            }
            Event::End(e) => {
                depth = depth.saturating_sub(1);
                let name = e.local_name();
                visit(Node::Close {
                    ns,
                    name: name.as_ref(),
                })?;
            }
            Event::Text(t) => {
                let text: Cow<'_, str> = t.xml10_content();
                visit(Node::Text(&text))?;
            }
            Event::CData(t) => {
                let text = t.into_inner();
                visit(Node::Text(&text))?;
            }
            Event::GeneralRef(r) => {
                let resolved: String = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    Ok(None) => match resolve_xml_entity(&r) {
                        Some(s) => s.to_string(),
                        None => {
                            return Err(broken(&reader, format!("ukendt entitet &{};", &*r)));
                        }
                    },
                    Err(e) => return Err(broken(&reader, e.to_string())),
                };
                visit(Node::Text(&resolved))?;
            }
            Event::Eof => {
                if depth > 0 {
                    return Err(broken(
                        &reader,
                        "dokumentet slutter midt i et element".into(),
                    ));
                }
                return Ok(());
            }
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => {}
        }
    }
}

/// The extraction limit for a file: 50 MB, or `max-file-size` when that is smaller.
pub fn limit(max_size: u64) -> u64 {
    MAX_EXTRACTED_BYTES.min(max_size)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A zip with deflated entries, for tests.
    pub(crate) fn zip_of(entries: &[(&str, &str)]) -> Vec<u8> {
        use std::io::Write;
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, text) in entries {
            w.start_file(*name, opts).unwrap();
            w.write_all(text.as_bytes()).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    #[test]
    fn builder_drops_empty_paragraphs_and_joins_soft_breaks() {
        let mut b = TextBuilder::default();
        b.push("  Holbæk Kommune ");
        b.soft_break();
        b.soft_break();
        b.push("Kanalstræde 2");
        b.soft_break();
        b.end_paragraph();
        b.end_paragraph();
        b.push("   ");
        b.end_paragraph();
        b.push_collapsed("Kære\n   Anne");
        assert_eq!(b.finish(), "Holbæk Kommune\u{2028}Kanalstræde 2\nKære Anne");
    }

    #[test]
    fn not_a_zip_and_a_truncated_zip_are_errors() {
        assert!(Archive::open(b"hello", "et Word-dokument", 1000).is_err());
        assert!(Archive::open(b"PK\x03\x04 broken", "et Word-dokument", 1000).is_err());
    }

    #[test]
    fn too_many_entries_are_refused_before_reading_them() {
        let names: Vec<String> = (0..=MAX_ZIP_ENTRIES).map(|i| format!("{i}")).collect();
        let entries: Vec<(&str, &str)> = names.iter().map(|n| (n.as_str(), "")).collect();
        let bytes = zip_of(&entries);
        assert_eq!(declared_entries(&bytes), Some(MAX_ZIP_ENTRIES + 1));
        let e = Archive::open(&bytes, "et Word-dokument", 1000)
            .err()
            .unwrap();
        assert!(e.contains("10001 dele"), "{e}");
        let ok = zip_of(&[("a", "x"), ("b", "y")]);
        assert_eq!(declared_entries(&ok), Some(2));
    }

    #[test]
    fn xml_walk_rejects_mismatched_tags_and_deep_nesting() {
        let e = walk_xml("<a><b></a>", "x.xml", |_| Ok(())).unwrap_err();
        assert!(e.contains("ikke gyldig XML"), "{e}");
        let deep = "<a>".repeat(MAX_XML_DEPTH + 1) + &"</a>".repeat(MAX_XML_DEPTH + 1);
        let e = walk_xml(&deep, "x.xml", |_| Ok(())).unwrap_err();
        assert!(e.contains("indlejret"), "{e}");
        let e = walk_xml("<a>&foo;</a>", "x.xml", |_| Ok(())).unwrap_err();
        assert!(e.contains("ukendt entitet"), "{e}");
    }
}
