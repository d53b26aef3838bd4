//! A long document is checked by several threads at once (one task per analyzer, and its
//! segmenting beside its match view). The findings and statistics must be exactly those one
//! thread gives.

use klarsprog::config::Settings;
use klarsprog::parallel::MIN_BYTES;
use klarsprog::{Checker, Document, Report};

/// The sample letters, before and after, one after another until the text is long enough to
/// be checked in parallel.
fn long_text() -> String {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let mut letters: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    letters.sort();
    let mut text = String::new();
    while text.len() <= MIN_BYTES {
        for l in &letters {
            text.push_str(l);
            text.push('\n');
        }
    }
    text
}

fn check_with_threads(checker: &Checker, text: &str, threads: usize) -> Report {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap();
    pool.install(|| checker.check(Document::from_text("lang.txt", text)))
}

#[test]
fn a_long_document_gets_the_same_findings_on_several_threads() {
    let text = long_text();
    let checker = Checker::new(&Settings::default()).unwrap();
    let one = check_with_threads(&checker, &text, 1);
    let two = check_with_threads(&checker, &text, 2);
    assert!(one.findings.len() > 1000, "{}", one.findings.len());
    assert_eq!(one.findings, two.findings);
    assert_eq!(
        serde_json::to_string(&one.stats).unwrap(),
        serde_json::to_string(&two.stats).unwrap()
    );
    let (a, b) = (one.document.unwrap(), two.document.unwrap());
    assert_eq!(a.sentences, b.sentences);
    assert_eq!(a.match_view().text, b.match_view().text);
}
