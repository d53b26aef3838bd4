//! The Danish explanation of a rule (Hvad / Hvorfor / Eksempel / Bedre), for `rules explain`,
//! editor hovers and the web page.

use crate::rules::RuleInfo;

/// The Danish explanation of a rule: Hvad / Hvorfor / Eksempel / Bedre.
pub fn explanation(r: &RuleInfo) -> String {
    let mut s = format!("{}\n", r.id);
    s.push_str(&format!(
        "  {} · {} · {}",
        r.category.label(),
        r.severity.label(),
        r.kind.as_str()
    ));
    if let Some(a) = r.applicability {
        s.push_str(&format!(" · {}", a.label()));
    }
    s.push_str("\n\n");
    s.push_str(&format!("Hvad: {}\n", r.message));
    if let Some(why) = &r.why {
        s.push_str(&format!("Hvorfor: {why}\n"));
    }
    if !r.phrases.is_empty() {
        s.push_str(&format!("Finder: {}\n", r.phrases.join(", ")));
    }
    if !r.replace.is_empty() {
        s.push_str(&format!("Bedre: {}\n", r.replace.join(", ")));
    }
    if let (Some(m), Some(max)) = (r.metric, r.max) {
        s.push_str(&format!(
            "Grænse: {m:?} højst {}\n",
            crate::rules::fmt_num(max)
        ));
    }
    if !r.examples.is_empty() {
        s.push_str("Eksempler:\n");
        for e in &r.examples {
            if let Some(b) = &e.bad {
                s.push_str(&format!("  ✗ {b}\n"));
            }
            if let Some(f) = &e.fixed {
                s.push_str(&format!("  → {f}\n"));
            }
            if let Some(g) = &e.good {
                s.push_str(&format!("  ✓ {g}\n"));
            }
        }
    }
    if r.line > 0 {
        s.push_str(&format!("Kilde: {}:{}\n", r.file, r.line));
    } else if !r.file.is_empty() {
        s.push_str(&format!("Kilde: {}\n", r.file));
    }
    s
}
