//! Every rule in the default packs carries examples, and every example holds: `bad` triggers the
//! rule, `good` does not, `fixed` is the text after its fix.

use klarsprog::Checker;
use klarsprog::config::Settings;
use klarsprog::rules::Kind;

#[test]
fn every_default_rule_has_passing_examples() {
    let checker = Checker::new(&Settings::default()).unwrap();
    let mut failures = Vec::new();
    let mut tested = 0;
    for r in checker.rules() {
        // Letter-level rules (LIX, required content) are tested on whole letters elsewhere.
        if matches!(r.kind, Kind::Builtin) && r.examples.is_empty() {
            continue;
        }
        if r.kind == Kind::Readability && r.metric == Some(klarsprog::rules::Metric::Lix) {
            continue;
        }
        tested += 1;
        for f in klarsprog::rules::examples::failures(&checker, r) {
            failures.push(format!("{} ({}:{}): {f}", r.id, r.file, r.line));
        }
    }
    assert!(tested >= 3);
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
