//! Word (.docx) to text: headers and footers first (where the letterhead lives), then the body;
//! one paragraph, heading, list item or table row a line.

use std::collections::HashSet;

use crate::input::extract::{Archive, Node, Ns, TextBuilder, attr, walk_xml};

const KIND: &str = "et Word-dokument (.docx)";

/// Extracts the text of a DOCX. `limit` caps the decompressed bytes read.
pub fn extract(bytes: &[u8], limit: u64) -> Result<String, String> {
    let mut zip = Archive::open(bytes, KIND, limit)?;
    let main = main_part(&mut zip)?;
    let Some(body) = zip.read_text(&main)? else {
        return Err(format!("filen er ikke {KIND}: {main} mangler"));
    };
    let dir = main
        .rsplit_once('/')
        .map_or(String::new(), |(d, _)| format!("{d}/"));
    let mut parts: Vec<(u8, u32, String)> = zip
        .names()
        .into_iter()
        .filter_map(|n| {
            let file = n.strip_prefix(&dir)?;
            let (order, rest) = if let Some(r) = file.strip_prefix("header") {
                (0, r)
            } else if let Some(r) = file.strip_prefix("footer") {
                (1, r)
            } else {
                return None;
            };
            let number = rest.strip_suffix(".xml")?;
            let number = if number.is_empty() {
                0
            } else {
                number.parse().ok()?
            };
            Some((order, number, n.clone()))
        })
        .collect();
    parts.sort();
    let mut out = TextBuilder::default();
    let mut seen = HashSet::new();
    for (_, _, name) in &parts {
        if let Some(xml) = zip.read_text(name)? {
            walk_part(&xml, name, &mut out, Some(&mut seen))?;
        }
    }
    walk_part(&body, &main, &mut out, None)?;
    Ok(out.finish())
}

/// The main document part, from the package relationships (normally word/document.xml).
fn main_part(zip: &mut Archive<'_>) -> Result<String, String> {
    let fallback = "word/document.xml".to_string();
    let Some(rels) = zip.read_text("_rels/.rels")? else {
        return Ok(fallback);
    };
    let mut found = None;
    walk_xml(&rels, "_rels/.rels", |node| {
        if let Node::Open { name, element, .. } = node
            && name == "Relationship"
            && found.is_none()
            && attr(element, "Type").is_some_and(|t| t.ends_with("/officeDocument"))
        {
            found = attr(element, "Target");
        }
        Ok(())
    })?;
    Ok(found
        .map(|t| t.trim_start_matches('/').to_string())
        .unwrap_or(fallback))
}

/// Walks one WordprocessingML part into `out`. With `seen`, a paragraph already written (the
/// same letterhead in the first-page and the default header) is skipped.
fn walk_part(
    xml: &str,
    part: &str,
    out: &mut TextBuilder,
    mut seen: Option<&mut HashSet<String>>,
) -> Result<(), String> {
    // Inside mc:Fallback (a second copy of a text box for old readers): skipped.
    let mut fallback = 0usize;
    let mut in_run = 0usize;
    let mut in_text = false;
    // Cells written so far in each open table row, outermost first.
    let mut rows: Vec<usize> = Vec::new();
    let end_paragraph = |out: &mut TextBuilder, seen: &mut Option<&mut HashSet<String>>| {
        if let Some(seen) = seen.as_deref_mut() {
            let line = out.current_line().trim().to_string();
            if !line.is_empty() && !seen.insert(line) {
                out.discard_line();
                return;
            }
        }
        out.end_paragraph();
    };
    walk_xml(xml, part, |node| {
        match node {
            Node::Open {
                ns: Ns::Mc,
                name: "Fallback",
                ..
            } => fallback += 1,
            Node::Close {
                ns: Ns::Mc,
                name: "Fallback",
            } => fallback = fallback.saturating_sub(1),
            _ if fallback > 0 => {}
            Node::Open {
                ns: Ns::Word, name, ..
            } => match name {
                "r" => in_run += 1,
                "t" => in_text = true,
                "tab" | "ptab" if in_run > 0 => out.tab(),
                "br" | "cr" if in_run > 0 => out.soft_break(),
                "noBreakHyphen" if in_run > 0 => out.push("-"),
                "softHyphen" if in_run > 0 => out.push("\u{AD}"),
                // A symbol-font character (a bullet or a tick in practice): a space.
                "sym" if in_run > 0 => out.push(" "),
                "tr" => {
                    if rows.is_empty() {
                        end_paragraph(out, &mut seen);
                    }
                    rows.push(0);
                }
                "tc" => {
                    if let Some(cells) = rows.last_mut() {
                        if *cells > 0 {
                            out.soft_break();
                        }
                        *cells += 1;
                    }
                }
                _ => {}
            },
            Node::Close { ns: Ns::Word, name } => match name {
                "r" => in_run = in_run.saturating_sub(1),
                "t" => in_text = false,
                "p" => {
                    if rows.is_empty() {
                        end_paragraph(out, &mut seen);
                    } else {
                        out.soft_break();
                    }
                }
                "tr" => {
                    rows.pop();
                    if rows.is_empty() {
                        end_paragraph(out, &mut seen);
                    }
                }
                _ => {}
            },
            Node::Text(t) if in_text => out.push(t),
            _ => {}
        }
        Ok(())
    })?;
    end_paragraph(out, &mut seen);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::extract::tests::zip_of;

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006""#;

    #[test]
    fn headers_first_then_paragraphs_tables_and_breaks() {
        let header = format!(
            r#"<w:hdr {W}><w:p><w:r><w:t>Holbæk Kommune</w:t></w:r><w:r><w:br/><w:t>Kanalstræde 2</w:t></w:r></w:p></w:hdr>"#
        );
        let header2 =
            format!(r#"<w:hdr {W}><w:p><w:r><w:t>Holbæk Kommune</w:t></w:r></w:p></w:hdr>"#);
        let footer =
            format!(r#"<w:ftr {W}><w:p><w:r><w:t>Tlf. 72 36 00 00</w:t></w:r></w:p></w:ftr>"#);
        let body = format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document {W}><w:body>
<w:p><w:pPr><w:pStyle w:val="Overskrift1"/><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr><w:r><w:t>Du f</w:t></w:r><w:r><w:t>år hjælp</w:t></w:r></w:p>
<w:p/>
<w:p><w:r><w:t xml:space="preserve">Sagsnr.</w:t></w:r><w:r><w:tab/><w:t>27.24.00 &amp; </w:t></w:r><w:del><w:r><w:delText>slettet</w:delText></w:r></w:del><w:ins><w:r><w:t>ny</w:t></w:r></w:ins></w:p>
<w:p><w:r><mc:AlternateContent><mc:Choice><w:drawing><w:txbxContent><w:p><w:r><w:t>Tekstboks</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>Tekstboks</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Beløb</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>1.200 kr.</w:t></w:r></w:p><w:p><w:r><w:t>om måneden</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/></w:numPr></w:pPr><w:r><w:t>Husk lønsedler</w:t></w:r></w:p>
</w:body></w:document>"#
        );
        let rels = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;
        let bytes = zip_of(&[
            ("_rels/.rels", rels),
            ("word/document.xml", &body),
            ("word/header2.xml", &header2),
            ("word/header1.xml", &header),
            ("word/header3.xml", &header2),
            ("word/footer1.xml", &footer),
        ]);
        let text = extract(&bytes, 1 << 20).unwrap();
        assert_eq!(
            text,
            "Holbæk Kommune\u{2028}Kanalstræde 2\nHolbæk Kommune\nTlf. 72 36 00 00\nDu får hjælp\nSagsnr.\t27.24.00 & ny\nTekstboks\nBeløb\u{2028}1.200 kr.\u{2028}om måneden\nHusk lønsedler"
        );
    }

    #[test]
    fn broken_files_are_errors_in_danish() {
        let e = extract(b"not a zip at all", 1 << 20).unwrap_err();
        assert!(e.contains("ikke en zip-fil"), "{e}");
        let e = extract(&zip_of(&[("word/other.xml", "<a/>")]), 1 << 20).unwrap_err();
        assert!(e.contains("document.xml mangler"), "{e}");
        let e = extract(
            &zip_of(&[("word/document.xml", "<w:document><w:body>")]),
            1 << 20,
        )
        .unwrap_err();
        assert!(e.contains("ikke gyldig XML"), "{e}");
        let bomb = format!("<a>{}</a>", " ".repeat(2 << 20));
        let e = extract(&zip_of(&[("word/document.xml", &bomb)]), 1 << 20).unwrap_err();
        assert!(e.contains("zip-bombe"), "{e}");
    }
}
