//! Running a rule's examples: `bad` must trigger it, `good` must not, and `fixed` is `bad` after
//! its first suggestion. Used by `klarsprog rules test` and by the test suite.

use crate::fix::apply_edits;
use crate::rules::RuleInfo;
use crate::{Checker, Document, Edit};

/// Problems with one rule's examples, in Danish.
pub fn failures(checker: &Checker, r: &RuleInfo) -> Vec<String> {
    let mut fails = Vec::new();
    if r.examples.is_empty() {
        fails.push("har ingen eksempler (skriv mindst ét «bad» og ét «good»)".to_string());
    }
    for (n, e) in r.examples.iter().enumerate() {
        let n = n + 1;
        if let Some(bad) = &e.bad {
            let doc = Document::from_text("eksempel", bad.as_str());
            let hits: Vec<_> = checker
                .findings(&doc)
                .into_iter()
                .filter(|f| f.rule == r.id)
                .collect();
            if hits.is_empty() {
                fails.push(format!("eksempel {n}: «bad» udløser ikke reglen: «{bad}»"));
            } else if let Some(fixed) = &e.fixed {
                let mut edits: Vec<Edit> = hits
                    .iter()
                    .filter_map(|f| f.suggestions.first())
                    .flat_map(|s| s.edits.iter().cloned())
                    .collect();
                edits.sort_by_key(|e| e.span.start);
                edits.dedup_by(|b, a| a.span.overlaps(b.span));
                let got = apply_edits(bad, &edits);
                if &got != fixed {
                    fails.push(format!(
                        "eksempel {n}: rettet tekst er «{got}», ventede «{fixed}»"
                    ));
                }
            }
        }
        if let Some(good) = &e.good {
            let doc = Document::from_text("eksempel", good.as_str());
            if let Some(f) = checker.findings(&doc).into_iter().find(|f| f.rule == r.id) {
                fails.push(format!(
                    "eksempel {n}: «good» udløser reglen ved «{}»: «{good}»",
                    doc.slice(f.span)
                ));
            }
        }
    }
    fails
}
