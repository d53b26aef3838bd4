//! The sample letters show the checker's value: every after-version (klarsprog) has a lower LIX
//! and fewer warnings and errors than its before-version (kancellisprog).

use std::path::Path;

use klarsprog::config::Settings;
use klarsprog::{Checker, Severity, input};

#[test]
fn every_after_version_is_easier_than_its_before_version() {
    let checker = Checker::new(&Settings::default()).unwrap();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let mut pairs = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let before = entry.unwrap().path();
        let name = before.file_name().unwrap().to_string_lossy().into_owned();
        if !name.contains("-foer.") {
            continue;
        }
        let after = dir.join(name.replace("-foer.", "-efter."));
        let check = |p: &Path| checker.check(input::load(p, u64::MAX).unwrap().document);
        let (b, a) = (check(&before), check(&after));
        let (bs, as_) = (b.stats.as_ref().unwrap(), a.stats.as_ref().unwrap());
        assert!(
            as_.lix < bs.lix,
            "{name}: LIX after {} ≥ before {}",
            as_.lix,
            bs.lix
        );
        let (bw, aw) = (
            b.count_at_least(Severity::Warning),
            a.count_at_least(Severity::Warning),
        );
        assert!(aw < bw, "{name}: {aw} warnings after, {bw} before");
        pairs += 1;
    }
    assert!(pairs >= 6, "only {pairs} sample pairs");
}
