//! Applying suggestions: edits sorted, overlapping ones left for the next pass, until nothing
//! changes. Text outside the applied edits is never touched.

use crate::Checker;
use crate::document::{Document, Encoding, Format};
use crate::finding::{Applicability, Edit, Finding};

/// The most passes before giving up on convergence.
pub const MAX_PASSES: usize = 10;

/// Which suggestions to apply.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FixLevel {
    /// Safe only.
    Safe,
    /// Safe and unsafe.
    Unsafe,
}

impl FixLevel {
    pub fn allows(self, a: Applicability) -> bool {
        match self {
            FixLevel::Safe => a == Applicability::Safe,
            FixLevel::Unsafe => matches!(a, Applicability::Safe | Applicability::Unsafe),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FixOutcome {
    pub text: String,
    /// Number of suggestions applied over all passes.
    pub applied: usize,
    pub passes: usize,
}

/// Picks the first allowed suggestion of each finding; drops edits that overlap an earlier one.
/// Returns non-overlapping edits sorted by position.
pub fn select_edits(findings: &[Finding], level: FixLevel) -> (Vec<Edit>, usize) {
    let mut chosen: Vec<&[Edit]> = findings
        .iter()
        .filter_map(|f| f.suggestions.iter().find(|s| level.allows(s.applicability)))
        .map(|s| s.edits.as_slice())
        .filter(|e| !e.is_empty())
        .collect();
    chosen.sort_by_key(|e| e.iter().map(|e| e.span.start).min());
    let mut taken: Vec<Edit> = Vec::new();
    let mut count = 0;
    for edits in chosen {
        let clashes = edits.iter().any(|e| {
            taken.iter().any(|t| {
                t.span.overlaps(e.span) || (t.span.is_empty() && t.span.start == e.span.start)
            })
        });
        if !clashes {
            taken.extend(edits.iter().cloned());
            count += 1;
        }
    }
    taken.sort_by_key(|e| (e.span.start, e.span.end));
    (taken, count)
}

/// Applies sorted, non-overlapping edits to `text`.
pub fn apply_edits(text: &str, edits: &[Edit]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    for e in edits {
        debug_assert!(e.span.start >= pos && e.span.end <= text.len());
        out.push_str(&text[pos..e.span.start]);
        out.push_str(&e.replacement);
        pos = e.span.end;
    }
    out.push_str(&text[pos..]);
    out
}

/// Fixes a text until no allowed suggestion is left (or `MAX_PASSES`).
pub fn fix_text(
    checker: &Checker,
    source: &str,
    text: &str,
    format: Format,
    level: FixLevel,
) -> FixOutcome {
    let mut current = text.to_string();
    let mut applied = 0;
    let mut passes = 0;
    while passes < MAX_PASSES {
        let doc = Document::new(source, current.clone(), Encoding::Utf8, format);
        let findings = checker.findings(&doc);
        let (edits, count) = select_edits(&findings, level);
        if edits.is_empty() {
            break;
        }
        let next = apply_edits(&current, &edits);
        passes += 1;
        if next == current {
            break;
        }
        applied += count;
        current = next;
    }
    FixOutcome {
        text: current,
        applied,
        passes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Span;

    #[test]
    fn edits_apply_in_order_and_keep_the_rest() {
        let text = "abc def ghi";
        let edits = [
            Edit {
                span: Span::new(0, 3),
                replacement: "x".into(),
            },
            Edit {
                span: Span::new(8, 11),
                replacement: "yz".into(),
            },
        ];
        assert_eq!(apply_edits(text, &edits), "x def yz");
    }
}
