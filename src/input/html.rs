//! HTML to text: the visible text only (no head, script, style or template), block elements
//! and table rows as lines, `<br>` as a line break inside a paragraph, entities decoded.
//!
//! A small tokenizer rather than an XML parser: HTML from case systems has unclosed `<p>`,
//! `<br>` without a slash, bare attributes and stray `<` and `&`. It reads every input to the
//! end in one pass and cannot fail.

use quick_xml::escape::resolve_html5_entity;

use crate::input::extract::TextBuilder;

/// Elements that start and end a line of their own.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dt"
            | "dd"
            | "table"
            | "thead"
            | "tbody"
            | "tfoot"
            | "caption"
            | "blockquote"
            | "pre"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "nav"
            | "aside"
            | "main"
            | "address"
            | "figure"
            | "figcaption"
            | "hr"
            | "form"
            | "fieldset"
            | "legend"
            | "details"
            | "summary"
            | "body"
            | "html"
            | "center"
            | "option"
    )
}

/// Elements whose content is never shown: skipped to their end tag.
fn is_hidden(name: &str) -> bool {
    matches!(
        name,
        "script" | "style" | "template" | "title" | "head" | "noscript" | "svg" | "math"
    )
}

/// Elements whose content is raw text: the first `</name` ends them, whatever comes between.
fn is_raw_text(name: &str) -> bool {
    matches!(name, "script" | "style" | "textarea" | "title")
}

/// Finds `needle` (ASCII, lower case) in `hay` from `from`, ignoring ASCII case.
fn find_ci(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return None;
    }
    (from..=hay.len() - needle.len())
        .find(|&i| hay[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

/// Extracts the visible text of an HTML document (already decoded to a string).
pub fn extract(html: &str) -> String {
    let bytes = html.as_bytes();
    let mut out = TextBuilder::default();
    let mut i = 0;
    let mut text_start = 0;
    // Depth of hidden elements (head and friends) we are inside; their text is dropped.
    let mut hidden: Vec<String> = Vec::new();
    let mut pre = 0usize;
    let mut cells = 0usize;
    let flush = |out: &mut TextBuilder, s: &str, hidden: bool, pre: bool| {
        if hidden || s.is_empty() {
            return;
        }
        let s = decode_entities(s);
        if pre {
            for (k, line) in s.split('\n').enumerate() {
                if k > 0 {
                    br(out);
                }
                out.push(line);
            }
        } else {
            out.push_collapsed(&s);
        }
    };
    while i < bytes.len() {
        if bytes[i] != b'<' {
            i += 1;
            continue;
        }
        let rest = &bytes[i..];
        if rest.starts_with(b"<!--") {
            flush(&mut out, &html[text_start..i], !hidden.is_empty(), pre > 0);
            i = find_ci(bytes, i + 4, b"-->").map_or(bytes.len(), |e| e + 3);
            text_start = i;
            continue;
        }
        if rest.starts_with(b"<!") || rest.starts_with(b"<?") {
            flush(&mut out, &html[text_start..i], !hidden.is_empty(), pre > 0);
            i = memchr::memchr(b'>', &bytes[i..]).map_or(bytes.len(), |e| i + e + 1);
            text_start = i;
            continue;
        }
        let closing = rest.get(1) == Some(&b'/');
        let name_at = i + 1 + usize::from(closing);
        if !bytes.get(name_at).is_some_and(u8::is_ascii_alphabetic) {
            // A stray '<' is text.
            i += 1;
            continue;
        }
        flush(&mut out, &html[text_start..i], !hidden.is_empty(), pre > 0);
        let name_end = (name_at..bytes.len())
            .find(|&k| !(bytes[k].is_ascii_alphanumeric() || matches!(bytes[k], b'-' | b':')))
            .unwrap_or(bytes.len());
        let name = html[name_at..name_end].to_ascii_lowercase();
        // The tag ends at the first '>' outside quotes.
        let mut k = name_end;
        let mut quote = None;
        while k < bytes.len() {
            match (quote, bytes[k]) {
                (None, b'>') => break,
                (None, q @ (b'"' | b'\'')) => quote = Some(q),
                (Some(q), c) if c == q => quote = None,
                _ => {}
            }
            k += 1;
        }
        let self_closing = k > 0 && k <= bytes.len() && bytes.get(k - 1) == Some(&b'/');
        i = (k + 1).min(bytes.len());
        text_start = i;
        if closing {
            if let Some(pos) = hidden.iter().rposition(|h| *h == name) {
                hidden.truncate(pos);
                continue;
            }
            if name == "body" && hidden.last().is_some_and(|h| h == "head") {
                hidden.pop();
            }
        } else {
            if name == "body" {
                // A <body> ends an unclosed <head>.
                hidden.retain(|h| h != "head");
            }
            if is_raw_text(&name) && !self_closing {
                // Skip (or keep, for textarea) up to the end tag, whatever is inside.
                let end = find_ci(bytes, i, format!("</{name}").as_bytes()).unwrap_or(bytes.len());
                if name == "textarea" && hidden.is_empty() {
                    flush(&mut out, &html[i..end], false, true);
                }
                i = memchr::memchr(b'>', &bytes[end..]).map_or(bytes.len(), |e| end + e + 1);
                text_start = i;
                continue;
            }
            if is_hidden(&name) && !self_closing {
                hidden.push(name);
                continue;
            }
        }
        if !hidden.is_empty() {
            continue;
        }
        match name.as_str() {
            "br" => br(&mut out),
            "tr" => {
                out.end_paragraph();
                cells = 0;
            }
            "td" | "th" if !closing => {
                if cells > 0 {
                    out.soft_break();
                }
                cells += 1;
            }
            "pre" => {
                out.end_paragraph();
                pre = if closing {
                    pre.saturating_sub(1)
                } else {
                    pre + 1
                };
            }
            n if is_block(n) => {
                out.end_paragraph();
                if n == "table" {
                    cells = 0;
                }
            }
            _ => {}
        }
    }
    flush(&mut out, &html[text_start..], !hidden.is_empty(), pre > 0);
    out.finish()
}

/// `<br>`: a line break; two in a row end the paragraph (letters written with `<br><br>`).
fn br(out: &mut TextBuilder) {
    if out.ends_with_soft_break() {
        out.end_paragraph();
    } else {
        out.soft_break();
    }
}

/// Decodes character references (`&#230;`, `&#xE6;`) and named entities (`&aelig;`,
/// `&nbsp;`); anything else stays as written.
pub fn decode_entities(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains('&') {
        return s.into();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let end = after
            .char_indices()
            .take(40)
            .find(|&(_, c)| c == ';' || !(c.is_ascii_alphanumeric() || c == '#'))
            .filter(|&(_, c)| c == ';')
            .map(|(k, _)| k);
        let decoded = end.and_then(|e| {
            let name = &after[..e];
            if let Some(num) = name.strip_prefix('#') {
                let n = match num.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok(),
                    None => num.parse().ok(),
                }?;
                let c = char::from_u32(n).filter(|&c| c != '\0')?;
                Some((c.to_string(), e))
            } else {
                resolve_html5_entity(name).map(|v| (v.to_string(), e))
            }
        });
        match decoded {
            Some((text, e)) => {
                out.push_str(&text);
                rest = &after[e + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visible_text_only_with_blocks_as_lines() {
        let html = "<!DOCTYPE html><html><head><title>Brev</title><style>p{color:red}</style>\
            <script>if (a < b) { x = '</p>'; }</script></head><body>\
            <div>Holbæk Kommune<br>Kanalstræde 2</div>\
            <h1>Du f&aring;r boligst&oslash;tte</h1>\
            <p>Kære Anne,<p>Vi har   behandlet\n din ansøgning &amp; givet dig ret.<!-- intern note -->\
            <ul><li>Husk lønsedler<li>Ring på 72&nbsp;36&#160;00 00</ul>\
            <table><tr><td>Beløb</td><td>1.200 kr.</td></tr></table>\
            <p>a < b &unknown; &#xE6;</p></body></html>";
        let text = extract(html);
        assert_eq!(
            text,
            "Holbæk Kommune\u{2028}Kanalstræde 2\nDu får boligstøtte\nKære Anne,\nVi har behandlet din ansøgning & givet dig ret.\nHusk lønsedler\nRing på 72\u{a0}36\u{a0}00 00\nBeløb\u{2028}1.200 kr.\na < b &unknown; æ"
        );
    }

    #[test]
    fn double_br_ends_a_paragraph_and_broken_markup_does_not_panic() {
        assert_eq!(
            extract("Kære Anne<br><br>Du får hjælp."),
            "Kære Anne\nDu får hjælp."
        );
        for s in [
            "<",
            "<a",
            "<!--",
            "<p class=\"x>",
            "&#xFFFFFFFF;",
            "<script>",
            "</",
            "&",
        ] {
            let _ = extract(s);
        }
    }
}
