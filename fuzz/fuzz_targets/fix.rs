//! Fix application on arbitrary text and edits.
//!
//! 1. Arbitrary findings with arbitrary suggestions (spans anywhere in the text, on character
//!    boundaries, overlapping or not): `select_edits` must return sorted, non-overlapping edits,
//!    and `apply_edits` must keep every byte outside them.
//! 2. The real checker's fixes on the arbitrary text: fixing converges, and fixing the result
//!    again changes nothing (what `klarsprog check --fix` run twice relies on).

#![no_main]

use std::sync::{Arc, OnceLock};

use arbitrary::Arbitrary;
use klarsprog::config::Settings;
use klarsprog::document::Format;
use klarsprog::fix::{self, FixLevel};
use klarsprog::{Applicability, Category, Checker, Edit, Finding, Severity, Span, Suggestion};
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
struct RawEdit {
    start: u16,
    len: u8,
    replacement: String,
}

#[derive(Arbitrary, Debug)]
struct RawSuggestion {
    applicability: u8,
    edits: Vec<RawEdit>,
}

#[derive(Arbitrary, Debug)]
struct Input {
    text: String,
    findings: Vec<Vec<RawSuggestion>>,
    unsafe_fixes: bool,
}

fn checker() -> &'static Checker {
    static C: OnceLock<Checker> = OnceLock::new();
    C.get_or_init(|| Checker::new(&Settings::default()).expect("default rules load"))
}

/// The nearest character boundary at or before `i`.
fn floor(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fuzz_target!(|input: Input| {
    let text = &input.text;
    let level = if input.unsafe_fixes {
        FixLevel::Unsafe
    } else {
        FixLevel::Safe
    };
    let findings: Vec<Finding> = input
        .findings
        .iter()
        .map(|sugs| {
            let suggestions: Vec<Suggestion> = sugs
                .iter()
                .map(|s| Suggestion {
                    replacement: "".into(),
                    applicability: match s.applicability % 3 {
                        0 => Applicability::Safe,
                        1 => Applicability::Unsafe,
                        _ => Applicability::DisplayOnly,
                    },
                    edits: s
                        .edits
                        .iter()
                        .map(|e| {
                            let start = floor(text, e.start as usize);
                            let end = floor(text, start + e.len as usize);
                            Edit {
                                span: Span::new(start, end),
                                replacement: e.replacement.as_str().into(),
                            }
                        })
                        .collect(),
                })
                .collect();
            let span = suggestions
                .iter()
                .flat_map(|s| &s.edits)
                .map(|e| e.span)
                .reduce(Span::cover)
                .unwrap_or_default();
            Finding {
                rule: Arc::from("fuzz/regel"),
                category: Category::Style,
                severity: Severity::Warning,
                span,
                message: "".into(),
                suggestions,
            }
        })
        .collect();
    let (edits, _) = fix::select_edits(&findings, level);
    for w in edits.windows(2) {
        assert!(
            w[0].span.end <= w[1].span.start,
            "edits overlap: {:?} {:?}",
            w[0],
            w[1]
        );
    }
    let fixed = fix::apply_edits(text, &edits);
    // Every gap between edits survives verbatim, in order.
    let mut pos_in = 0;
    let mut pos_out = 0;
    for e in &edits {
        let gap = &text[pos_in..e.span.start];
        assert_eq!(&fixed[pos_out..pos_out + gap.len()], gap);
        pos_out += gap.len();
        assert_eq!(
            &fixed[pos_out..pos_out + e.replacement.len()],
            &*e.replacement
        );
        pos_out += e.replacement.len();
        pos_in = e.span.end;
    }
    assert_eq!(&fixed[pos_out..], &text[pos_in..]);

    // The real fixes.
    let once = fix::fix_text(checker(), "fuzz.txt", text, Format::Text, level);
    assert!(
        once.passes < fix::MAX_PASSES,
        "fixing does not converge: {text:?}"
    );
    let twice = fix::fix_text(checker(), "fuzz.txt", &once.text, Format::Text, level);
    assert_eq!(
        twice.text, once.text,
        "a second fix changed the text: {text:?}"
    );
});
