//! OpenDocument text (.odt) to text: the master pages' headers and footers first (the
//! letterhead), then the body; one paragraph, heading, list item or table row a line.

use std::collections::HashSet;

use crate::input::extract::{Archive, Node, Ns, TextBuilder, attr, walk_xml};

const KIND: &str = "et OpenDocument-dokument (.odt)";

/// Extracts the text of an ODT. `limit` caps the decompressed bytes read.
pub fn extract(bytes: &[u8], limit: u64) -> Result<String, String> {
    let mut zip = Archive::open(bytes, KIND, limit)?;
    let Some(content) = zip.read_text("content.xml")? else {
        return Err(format!("filen er ikke {KIND}: content.xml mangler"));
    };
    let mut out = TextBuilder::default();
    if let Some(styles) = zip.read_text("styles.xml")? {
        let mut seen = HashSet::new();
        walk_part(&styles, "styles.xml", &mut out, Part::Styles, &mut seen)?;
    }
    walk_part(
        &content,
        "content.xml",
        &mut out,
        Part::Content,
        &mut HashSet::new(),
    )?;
    Ok(out.finish())
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Part {
    /// styles.xml: only text in the master pages' headers and footers.
    Styles,
    /// content.xml: the text in office:body.
    Content,
}

fn is_header_or_footer(name: &str) -> bool {
    matches!(
        name,
        "header" | "header-left" | "header-first" | "footer" | "footer-left" | "footer-first"
    )
}

/// Elements whose text is not read as part of the letter: tracked deletions, footnotes,
/// comments, and image titles and descriptions.
fn is_skipped(ns: Ns, name: &str) -> bool {
    match ns {
        Ns::OdfText => matches!(name, "tracked-changes" | "note" | "sequence-decls"),
        Ns::OdfOffice => matches!(name, "annotation" | "annotation-end"),
        Ns::Other => matches!(name, "title" | "desc"),
        _ => false,
    }
}

fn walk_part(
    xml: &str,
    part_name: &str,
    out: &mut TextBuilder,
    part: Part,
    seen: &mut HashSet<String>,
) -> Result<(), String> {
    // Depth inside the region whose text counts (office:body, or a master page's header/footer).
    let mut region = 0usize;
    let mut skipped = 0usize;
    let mut paragraph = 0usize;
    let mut rows: Vec<usize> = Vec::new();
    let dedupe = part == Part::Styles;
    let end_paragraph = |out: &mut TextBuilder, seen: &mut HashSet<String>| {
        if dedupe {
            let line = out.current_line().trim().to_string();
            if !line.is_empty() && !seen.insert(line) {
                out.discard_line();
                return;
            }
        }
        out.end_paragraph();
    };
    walk_xml(xml, part_name, |node| {
        match node {
            Node::Open { ns, name, element } => {
                let opens_region = match part {
                    Part::Content => ns == Ns::OdfOffice && name == "body",
                    Part::Styles => ns == Ns::OdfStyle && is_header_or_footer(name),
                };
                if opens_region || region > 0 {
                    region += 1;
                }
                if region == 0 {
                    return Ok(());
                }
                if skipped > 0 || is_skipped(ns, name) {
                    skipped += 1;
                    return Ok(());
                }
                match (ns, name) {
                    (Ns::OdfText, "p" | "h") => {
                        if paragraph > 0 && rows.is_empty() {
                            // A paragraph inside a paragraph (a text box): its own line.
                            end_paragraph(out, seen);
                        }
                        paragraph += 1;
                    }
                    (Ns::OdfText, "s") if paragraph > 0 => {
                        let n = attr(element, "c").and_then(|c| c.parse().ok()).unwrap_or(1);
                        out.spaces(n);
                    }
                    (Ns::OdfText, "tab") if paragraph > 0 => out.tab(),
                    (Ns::OdfText, "line-break") if paragraph > 0 => out.soft_break(),
                    (Ns::OdfTable, "table-row") => {
                        if rows.is_empty() {
                            end_paragraph(out, seen);
                        }
                        rows.push(0);
                    }
                    (Ns::OdfTable, "table-cell") => {
                        if let Some(cells) = rows.last_mut() {
                            if *cells > 0 {
                                out.soft_break();
                            }
                            *cells += 1;
                        }
                    }
                    _ => {}
                }
            }
            Node::Close { ns, name } => {
                if region == 0 {
                    return Ok(());
                }
                region -= 1;
                if skipped > 0 {
                    skipped -= 1;
                    return Ok(());
                }
                match (ns, name) {
                    (Ns::OdfText, "p" | "h") => {
                        paragraph = paragraph.saturating_sub(1);
                        if rows.is_empty() {
                            end_paragraph(out, seen);
                        } else {
                            out.soft_break();
                        }
                    }
                    (Ns::OdfTable, "table-row") => {
                        rows.pop();
                        if rows.is_empty() {
                            end_paragraph(out, seen);
                        }
                    }
                    _ => {}
                }
            }
            Node::Text(t) => {
                if region > 0 && skipped == 0 && paragraph > 0 {
                    out.push_collapsed(t);
                }
            }
        }
        Ok(())
    })?;
    end_paragraph(out, seen);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::extract::tests::zip_of;

    const NS: &str = r#"xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0""#;

    #[test]
    fn master_page_header_first_then_body() {
        let styles = format!(
            r#"<office:document-styles {NS}><office:styles><style:style style:name="x"><text:p>Ikke med</text:p></style:style></office:styles><office:master-styles><style:master-page style:name="Standard"><style:header><text:p>Roskilde Kommune<text:line-break/>Rådhusbuen 1</text:p></style:header><style:footer><text:p>www.roskilde.dk</text:p></style:footer></style:master-page><style:master-page style:name="Første"><style:header><text:p>Roskilde Kommune<text:line-break/>Rådhusbuen 1</text:p></style:header></style:master-page></office:master-styles></office:document-styles>"#
        );
        let content = format!(
            r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content {NS}><office:automatic-styles/><office:body><office:text>
  <text:sequence-decls><text:sequence-decl text:name="Tabel"/></text:sequence-decls>
  <text:h text:outline-level="1">Du får   hjælp</text:h>
  <text:p>Sagsnr.<text:tab/>27.24.00<text:s text:c="3"/>ny</text:p>
  <text:p/>
  <text:list><text:list-item><text:p>Husk <text:span>løn</text:span>sedler<text:note><text:note-citation>1</text:note-citation><text:note-body><text:p>Fodnote</text:p></text:note-body></text:note></text:p></text:list-item></text:list>
  <table:table><table:table-row><table:table-cell><text:p>Beløb</text:p></table:table-cell><table:table-cell><text:p>1.200 kr.</text:p></table:table-cell></table:table-row></table:table>
  <text:tracked-changes><text:changed-region><text:deletion><text:p>slettet</text:p></text:deletion></text:changed-region></text:tracked-changes>
</office:text></office:body></office:document-content>"#
        );
        let bytes = zip_of(&[
            ("mimetype", "application/vnd.oasis.opendocument.text"),
            ("content.xml", &content),
            ("styles.xml", &styles),
        ]);
        let text = extract(&bytes, 1 << 20).unwrap();
        assert_eq!(
            text,
            "Roskilde Kommune\u{2028}Rådhusbuen 1\nwww.roskilde.dk\nDu får hjælp\nSagsnr.\t27.24.00   ny\nHusk lønsedler\nBeløb\u{2028}1.200 kr."
        );
    }

    #[test]
    fn missing_content_is_an_error() {
        let e = extract(&zip_of(&[("styles.xml", "<a/>")]), 1 << 20).unwrap_err();
        assert!(e.contains("content.xml mangler"), "{e}");
    }
}
