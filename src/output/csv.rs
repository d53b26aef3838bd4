//! CSV as Danish Excel opens it: UTF-8 with a BOM, `;` between fields, decimal comma, CRLF.
//! `check --format csv` writes one row per finding; `audit --csv` one row per letter.

use std::borrow::Cow;
use std::cmp::Reverse;
use std::io::{self, Write};

use crate::audit::Audit;
use crate::document::Format;
use crate::finding::Category;
use crate::output::{Printer, RunSummary};
use crate::report::Report;
use crate::text::segment::SOFT_BREAK;

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// A field, quoted when it holds `;`, `"` or a line break. A text that Excel would read as a
/// formula (starting with = + - @) gets a leading apostrophe.
pub fn field(s: &str) -> Cow<'_, str> {
    let formula = s.starts_with(['=', '+', '-', '@']) && s.parse::<f64>().is_err();
    let needs_quotes = s.contains([';', '"', '\n', '\r', SOFT_BREAK]);
    if !formula && !needs_quotes {
        return Cow::Borrowed(s);
    }
    let mut v = String::with_capacity(s.len() + 4);
    if needs_quotes {
        v.push('"');
    }
    if formula {
        v.push('\'');
    }
    for c in s.chars() {
        match c {
            '"' => v.push_str("\"\""),
            SOFT_BREAK => v.push(' '),
            c => v.push(c),
        }
    }
    if needs_quotes {
        v.push('"');
    }
    Cow::Owned(v)
}

/// A decimal with a comma: "45,3".
pub fn decimal(x: f64) -> String {
    crate::audit::fmt_dec(x)
}

fn row(out: &mut dyn Write, fields: &[Cow<'_, str>]) -> io::Result<()> {
    let line = fields
        .iter()
        .map(|f| field(f).into_owned())
        .collect::<Vec<_>>()
        .join(";");
    out.write_all(line.as_bytes())?;
    out.write_all(b"\r\n")
}

fn yes_no(b: bool) -> Cow<'static, str> {
    Cow::Borrowed(if b { "ja" } else { "nej" })
}

pub fn format_name(f: Format) -> &'static str {
    match f {
        Format::Text => "txt",
        Format::Markdown => "md",
        Format::Docx => "docx",
        Format::Odt => "odt",
        Format::Html => "html",
    }
}

/// One row per letter, with a header row.
pub fn write_audit(out: &mut dyn Write, audit: &Audit) -> io::Result<()> {
    out.write_all(BOM)?;
    let mut header: Vec<Cow<'_, str>> = [
        "Sti",
        "Format",
        "LIX",
        "Bånd",
        "Ord",
        "Sætninger",
        "Lange ord (%)",
        "Ord pr. sætning",
        "Passive sætninger",
        "Under 100 ord",
        "Fund",
        "Fejl",
        "Advarsler",
        "Info",
    ]
    .into_iter()
    .map(Cow::Borrowed)
    .collect();
    header.extend(Category::ALL.iter().map(|c| {
        let l = c.label();
        Cow::Owned(l[..1].to_uppercase() + &l[1..])
    }));
    header.extend(
        [
            "Mangler kontakt",
            "Mangler klagevejledning",
            "Hyppigste regel",
            "Kunne ikke læses",
        ]
        .into_iter()
        .map(Cow::Borrowed),
    );
    row(out, &header)?;
    for r in &audit.letters {
        let mut f: Vec<Cow<'_, str>> = vec![
            Cow::Borrowed(&r.path),
            Cow::Borrowed(r.format.map_or("", format_name)),
        ];
        match &r.stats {
            Some(s) => {
                f.push(decimal(s.lix).into());
                f.push(Cow::Borrowed(s.band.label()));
                f.push(s.words.to_string().into());
                f.push(s.sentences.to_string().into());
                f.push(decimal(100.0 * s.long_word_share).into());
                f.push(decimal(s.mean_sentence_words).into());
                f.push(s.passive_sentences.to_string().into());
                f.push(yes_no(s.short_text));
            }
            None => f.extend(std::iter::repeat_n(Cow::Borrowed(""), 8)),
        }
        f.push(r.findings().to_string().into());
        for i in [2, 1, 0] {
            f.push(r.severity[i].to_string().into());
        }
        f.extend(r.category.iter().map(|n| Cow::Owned(n.to_string())));
        f.push(yes_no(r.missing_contact));
        f.push(yes_no(r.missing_complaint));
        let top = r
            .rules
            .iter()
            .max_by_key(|(i, n)| (*n, Reverse(*i)))
            .map_or("", |(i, _)| &audit.rules[*i as usize].id);
        f.push(Cow::Borrowed(top));
        f.push(Cow::Borrowed(r.error.as_deref().unwrap_or("")));
        row(out, &f)?;
    }
    Ok(())
}

/// `check --format csv`: one row per finding; a file that could not be read is one row with
/// the level "fejl" and the rule klarsprog/input. Lines of .docx/.odt/.html are paragraphs.
#[derive(Default)]
pub struct Csv {
    started: bool,
}

impl Csv {
    fn start(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if !self.started {
            self.started = true;
            out.write_all(BOM)?;
            let header = [
                "Sti", "Linje", "Kolonne", "Niveau", "Regel", "Kategori", "Besked", "Tekst",
                "Forslag",
            ];
            row(out, &header.map(Cow::Borrowed))?;
        }
        Ok(())
    }
}

impl Printer for Csv {
    fn file(&mut self, out: &mut dyn Write, r: &Report) -> io::Result<()> {
        self.start(out)?;
        let Some(doc) = &r.document else {
            return row(
                out,
                &[
                    Cow::Borrowed(r.source.as_str()),
                    "1".into(),
                    "1".into(),
                    "fejl".into(),
                    "klarsprog/input".into(),
                    "".into(),
                    Cow::Borrowed(r.error.as_deref().unwrap_or("")),
                    "".into(),
                    "".into(),
                ],
            );
        };
        for f in &r.findings {
            let p = doc.lines.position(&doc.text, f.span.start);
            row(
                out,
                &[
                    Cow::Borrowed(r.source.as_str()),
                    p.line.to_string().into(),
                    p.column.to_string().into(),
                    f.severity.label().into(),
                    Cow::Borrowed(&*f.rule),
                    f.category.label().into(),
                    Cow::Borrowed(&*f.message),
                    Cow::Borrowed(doc.slice(f.span)),
                    f.suggestions
                        .first()
                        .map_or(Cow::Borrowed(""), |s| Cow::Borrowed(&*s.replacement)),
                ],
            )?;
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, _summary: &RunSummary) -> io::Result<()> {
        self.start(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_and_formulas_defused() {
        assert_eq!(field("brev.txt"), "brev.txt");
        assert_eq!(field("a;b"), "\"a;b\"");
        assert_eq!(field("sagt \"nej\""), "\"sagt \"\"nej\"\"\"");
        assert_eq!(field("=HYPERLINK(1)"), "'=HYPERLINK(1)");
        assert_eq!(field("-3"), "-3");
    }
}
