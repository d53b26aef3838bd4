//! Arbitrary bytes → decode (or extract) → Document → every check → every printer.
//!
//! The first byte picks the format (0 text, 1 Markdown, 2 HTML, 3 DOCX, 4 ODT, modulo 5) and,
//! divided by 5, the printer (human, JSON, line, CSV, modulo 4: one a run keeps runs fast); the
//! rest is the file. Asserts that every finding and edit lies inside the text on character
//! boundaries, and that the printers (which slice excerpts and count columns) never panic.

#![no_main]

use std::sync::OnceLock;

use klarsprog::config::Settings;
use klarsprog::document::Format;
use klarsprog::output::{Printer, Style, csv::Csv, human::Human, json::Json, line::Line};
use klarsprog::{Checker, Span, input};
use libfuzzer_sys::fuzz_target;

/// The most bytes one input may have: keeps each run short; the CLI's limit is tested elsewhere.
const MAX_SIZE: u64 = 1 << 20;

fn checker() -> &'static Checker {
    static C: OnceLock<Checker> = OnceLock::new();
    C.get_or_init(|| Checker::new(&Settings::default()).expect("default rules load"))
}

fn assert_span(text: &str, span: Span, what: &str) {
    assert!(
        span.start <= span.end
            && span.end <= text.len()
            && text.is_char_boundary(span.start)
            && text.is_char_boundary(span.end),
        "{what} {span:?} outside the text or not on a character boundary (len {})",
        text.len()
    );
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    let format = match selector % 5 {
        0 => Format::Text,
        1 => Format::Markdown,
        2 => Format::Html,
        3 => Format::Docx,
        _ => Format::Odt,
    };
    let Ok(loaded) = input::from_bytes("fuzz.txt", bytes, format, MAX_SIZE) else {
        return;
    };
    let report = checker().check(loaded.document);
    let doc = report
        .document
        .as_ref()
        .expect("a checked report keeps its document");
    let text = &doc.text;
    for f in &report.findings {
        assert_span(text, f.span, &format!("finding [{}]", f.rule));
        for s in &f.suggestions {
            for e in &s.edits {
                assert_span(text, e.span, &format!("edit of [{}]", f.rule));
            }
        }
    }
    for w in report.findings.windows(2) {
        assert!(w[0].span.start <= w[1].span.start, "findings not sorted");
    }
    let mut printer: Box<dyn Printer> = match (selector / 5) % 4 {
        0 => Box::new(Human {
            style: Style { color: true },
        }),
        1 => Box::new(Json::default()),
        2 => Box::new(Line),
        _ => Box::new(Csv::default()),
    };
    let mut sink = Vec::new();
    printer.file(&mut sink, &report).unwrap();
});
