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
        .filter(|e| !e.is_empty() && !overlaps_itself(e))
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

/// Do two of one suggestion's edits overlap? Such a suggestion cannot be applied (the text
/// between them would be replaced twice), so it is left out, never half-applied.
fn overlaps_itself(edits: &[Edit]) -> bool {
    edits
        .iter()
        .enumerate()
        .any(|(i, a)| edits[i + 1..].iter().any(|b| a.span.overlaps(b.span)))
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

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename, keeping
/// the permissions; refuses when the file no longer holds `original` (changed since it was
/// read). The error is a Danish message without the path.
///
/// The rename is atomic: a reader, or a process killed at any moment, sees the old file or the
/// new one, never a part. A kill between creating and renaming the temporary file leaves it
/// behind as `.klarsprog-XXXXXX` (hidden, no extension, permissions 0600): directory walks skip
/// it, and it can be deleted. A symbolic link is followed, so the link stays a link.
pub fn write_atomically(
    path: &std::path::Path,
    original: &[u8],
    bytes: &[u8],
) -> Result<(), String> {
    use std::io::Write;
    let path = if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        std::fs::canonicalize(path).map_err(|e| e.to_string())?
    } else {
        path.to_path_buf()
    };
    let now = std::fs::read(&path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => "filen findes ikke længere; den er ikke rettet".into(),
        std::io::ErrorKind::PermissionDenied => "adgang nægtet".into(),
        _ => e.to_string(),
    })?;
    if now != original {
        return Err("filen er ændret, siden den blev læst; den er ikke rettet".into());
    }
    let perms = std::fs::metadata(&path)
        .map_err(|e| e.to_string())?
        .permissions();
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    let mut tmp = tempfile::Builder::new()
        .prefix(".klarsprog-")
        .tempfile_in(dir)
        .map_err(|e| format!("kan ikke lave en midlertidig fil i mappen: {e}"))?;
    tmp.write_all(bytes).map_err(|e| e.to_string())?;
    tmp.as_file().sync_all().map_err(|e| e.to_string())?;
    std::fs::set_permissions(tmp.path(), perms).map_err(|e| e.to_string())?;
    tmp.persist(&path).map_err(|e| e.error.to_string())?;
    Ok(())
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

    /// A suggestion whose own edits overlap is left out whole. Before, its edits were taken
    /// together and `apply_edits` sliced the text backwards and panicked.
    #[test]
    fn a_suggestion_whose_edits_overlap_is_left_out() {
        use crate::{Applicability, Category, Finding, Severity, Suggestion};
        let edit = |start, end, r: &str| Edit {
            span: Span::new(start, end),
            replacement: r.into(),
        };
        let finding = |edits: Vec<Edit>| Finding {
            rule: "test/regel".into(),
            category: Category::Style,
            severity: Severity::Warning,
            span: Span::new(0, 5),
            message: "".into(),
            suggestions: vec![Suggestion {
                replacement: "".into(),
                edits,
                applicability: Applicability::Safe,
            }],
        };
        let findings = [
            finding(vec![edit(0, 5, "a"), edit(2, 4, "b")]),
            finding(vec![edit(7, 7, "c"), edit(7, 7, "d"), edit(6, 8, "e")]),
            finding(vec![edit(9, 9, "f"), edit(9, 11, "g")]),
        ];
        let (edits, count) = select_edits(&findings, FixLevel::Safe);
        assert_eq!(count, 1);
        assert_eq!(apply_edits("abcdefghijk", &edits), "abcdefghifg");
        // Two insertions at one point of one suggestion are fine, applied in their order (the
        // fix fuzz target's first report, fuzz/artifacts/fix/crash-1c8a…, was this case against
        // a too strict assertion in the target, not a fault in select_edits).
        let (edits, count) = select_edits(
            &[finding(vec![edit(1, 1, "x"), edit(1, 1, "y")])],
            FixLevel::Safe,
        );
        assert_eq!(count, 1);
        assert_eq!(apply_edits("abc", &edits), "axybc");
    }
}
