//! The default output for people: each finding with its place, the line with the span
//! underlined and the suggestion; a LIX summary per letter; a total at the end.

use std::io::{self, Write};

use crate::document::Document;
use crate::finding::{Finding, Severity};
use crate::output::{Printer, RunSummary, Style};
use crate::report::Report;
use crate::rules::fmt_num;
use crate::text::segment::SOFT_BREAK;

pub struct Human {
    pub style: Style,
}

/// Characters of context shown on each side of a span in long lines.
const CONTEXT: usize = 40;

fn severity_style(s: Severity) -> &'static str {
    match s {
        Severity::Error => "1;31",
        Severity::Warning => "1;33",
        Severity::Info => "1;36",
    }
}

/// The line around a span, cut to a window in long lines, and the underline's offset and width
/// in characters.
fn excerpt(doc: &Document, f: &Finding) -> (String, usize, usize) {
    let line_no = doc.lines.line_of(f.span.start);
    let line = doc.lines.line_span(&doc.text, line_no);
    let text = line.slice(&doc.text);
    let start = f.span.start - line.start;
    let end = (f.span.end.min(line.end)).max(f.span.start) - line.start;
    // Only the CONTEXT characters on each side are looked at, so a 10 MB line costs no more
    // than a short one.
    let before: Vec<char> = {
        let mut v: Vec<char> = text[..start].chars().rev().take(CONTEXT + 1).collect();
        v.reverse();
        v
    };
    // A long span (a whole sentence) is shown by its beginning.
    let mut end = end;
    if let Some((i, _)) = text[start..end].char_indices().nth(2 * CONTEXT) {
        end = start + i;
    }
    let inside = text[start..end].chars().count().max(1);
    let after: Vec<char> = text[end..].chars().take(CONTEXT + 1).collect();
    let mut out = String::new();
    let (pre, pad) = if before.len() > CONTEXT {
        out.push('…');
        (&before[before.len() - CONTEXT..], 1)
    } else {
        (&before[..], 0)
    };
    // Tabs and the line breaks inside an extracted paragraph show as one space each, so the
    // underline stays under the span.
    let plain = |c: char| if c == '\t' || c == SOFT_BREAK { ' ' } else { c };
    out.extend(pre.iter().map(|&c| plain(c)));
    out.extend(text[start..end].chars().map(plain));
    if after.len() > CONTEXT {
        out.extend(after[..CONTEXT].iter().map(|&c| plain(c)));
        out.push('…');
    } else {
        out.extend(after.iter().map(|&c| plain(c)));
    }
    (out, pad + pre.len(), inside)
}

impl Human {
    fn finding(
        &self,
        out: &mut dyn Write,
        r: &Report,
        doc: &Document,
        f: &Finding,
    ) -> io::Result<()> {
        let s = self.style;
        let p = doc.lines.position(&doc.text, f.span.start);
        let place = if doc.format.is_extracted() {
            format!("{} (afsnit {})", r.source, p.line)
        } else {
            format!("{}:{}:{}", r.source, p.line, p.column)
        };
        writeln!(
            out,
            "{}: {} {} {}",
            s.paint("1", &place),
            s.paint(severity_style(f.severity), f.severity.label()),
            s.paint("2", &format!("[{}]", f.rule)),
            f.message
        )?;
        let (line, offset, width) = excerpt(doc, f);
        let gutter = p.line.to_string();
        let blank = " ".repeat(gutter.len());
        writeln!(out, "{} {}", blank, s.paint("34", "|"))?;
        writeln!(
            out,
            "{} {} {}",
            s.paint("34", &gutter),
            s.paint("34", "|"),
            line
        )?;
        writeln!(
            out,
            "{} {} {}{}",
            blank,
            s.paint("34", "|"),
            " ".repeat(offset),
            s.paint(severity_style(f.severity), &"^".repeat(width))
        )?;
        for sug in f.suggestions.iter().take(3) {
            let text = if sug.replacement.is_empty() {
                "(slet)".to_string()
            } else {
                sug.replacement.to_string()
            };
            writeln!(
                out,
                "{} {} forslag: {} ({})",
                blank,
                s.paint("34", "="),
                s.paint("32", &text),
                sug.applicability.label()
            )?;
        }
        writeln!(out)
    }
}

impl Printer for Human {
    fn file(&mut self, out: &mut dyn Write, r: &Report) -> io::Result<()> {
        let s = self.style;
        let Some(doc) = &r.document else {
            // Errors are written by the caller to stderr as well; here they stand in the run's order.
            return writeln!(
                out,
                "{}: {} {}\n",
                s.paint("1", &r.source),
                s.paint(severity_style(Severity::Error), "fejl"),
                r.error.as_deref().unwrap_or("")
            );
        };
        for f in &r.findings {
            self.finding(out, r, doc, f)?;
        }
        if let Some(st) = &r.stats {
            if st.words == 0 && r.findings.is_empty() {
                return writeln!(
                    out,
                    "{}: ingen ord at tjekke (filen er tom eller har kun mellemrum, tal og tegn)\n",
                    s.paint("1", &r.source)
                );
            }
            let counts = format!(
                "{} fejl, {} {}, {} info",
                r.count(Severity::Error),
                r.count(Severity::Warning),
                if r.count(Severity::Warning) == 1 {
                    "advarsel"
                } else {
                    "advarsler"
                },
                r.count(Severity::Info)
            );
            let short = if st.short_text {
                " (kort tekst: LIX er usikker)"
            } else {
                ""
            };
            writeln!(
                out,
                "{}: LIX {} ({}){} · {} ord · {} sætninger · {}\n",
                s.paint("1", &r.source),
                s.paint("1", &fmt_num(st.lix)),
                st.band.label(),
                short,
                st.words,
                st.sentences,
                counts
            )?;
        }
        Ok(())
    }

    fn render(&self, report: &Report) -> Option<Vec<u8>> {
        let mut buf = Vec::with_capacity(2048);
        let mut printer = Human { style: self.style };
        printer.file(&mut buf, report).ok()?;
        Some(buf)
    }

    fn finish(&mut self, out: &mut dyn Write, sum: &RunSummary) -> io::Result<()> {
        let files = if sum.files == 1 {
            "1 fil".to_string()
        } else {
            format!("{} filer", sum.files)
        };
        let failed = if sum.failed > 0 {
            format!(", {} kunne ikke tjekkes", sum.failed)
        } else {
            String::new()
        };
        writeln!(
            out,
            "Tjekkede {files}{failed}: {} fejl, {} {}, {} info.",
            sum.errors,
            sum.warnings,
            if sum.warnings == 1 {
                "advarsel"
            } else {
                "advarsler"
            },
            sum.infos
        )
    }
}
