//! Recall of the officialese packs on sentences with one officialese item each
//! (tests/data/officialese_recall.tsv, and the blind hold-out officialese_holdout.tsv), and false
//! alarms on plain letters (tests/data/plain/). Run with `-- --nocapture` to see the figures.

use std::path::Path;

use klarsprog::config::Settings;
use klarsprog::{Checker, Document};

/// The packs whose findings count as officialese here.
const PACKS: [&str; 3] = ["kancellisprog/", "nominaliseringer/", "forkortelser/"];

fn data(name: &str) -> Option<String> {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data")
            .join(name),
    )
    .ok()
}

/// (flagged, total, misses) for a sentence/item file.
fn recall(checker: &Checker, file: &str) -> Option<(usize, usize, Vec<String>)> {
    let text = data(file)?;
    let (mut hit, mut total, mut misses) = (0, 0, Vec::new());
    for line in text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let Some((sentence, item)) = line.split_once('\t') else {
            continue;
        };
        let (sentence, item) = (
            sentence.replace("\\n", "\n"),
            item.trim().replace("\\n", "\n"),
        );
        let Some(pos) = sentence.find(&item) else {
            continue;
        };
        total += 1;
        let doc = Document::from_text("t", sentence.clone());
        let found = checker.findings(&doc).into_iter().any(|f| {
            PACKS.iter().any(|p| f.rule.starts_with(p))
                && f.span.start < pos + item.len()
                && pos < f.span.end
        });
        if found {
            hit += 1;
        } else {
            misses.push(format!("{item:?} in {sentence:?}"));
        }
    }
    Some((hit, total, misses))
}

#[test]
fn officialese_recall_and_plain_letters() {
    let checker = Checker::new(&Settings::default()).unwrap();
    if !checker.rules().iter().any(|r| r.pack == "kancellisprog") {
        eprintln!("skipped: no kancellisprog pack loaded");
        return;
    }
    let (hit, total, misses) = recall(&checker, "officialese_recall.tsv").unwrap();
    println!(
        "officialese_recall.tsv: {hit}/{total} flagged ({:.1} %)",
        100.0 * hit as f64 / total as f64
    );
    for m in &misses {
        println!("  missed {m}");
    }
    if let Some((h, t, m)) = recall(&checker, "officialese_holdout.tsv") {
        println!(
            "officialese_holdout.tsv (blind): {h}/{t} flagged ({:.1} %)",
            100.0 * h as f64 / t as f64
        );
        for x in &m {
            println!("  missed {x}");
        }
    }
    // False alarms on plain letters.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/plain");
    let mut letters = 0;
    let mut alarms = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let path = e.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        letters += 1;
        let doc = Document::from_text(path.display().to_string(), text);
        for f in checker.findings(&doc) {
            if PACKS.iter().any(|p| f.rule.starts_with(p)) {
                alarms.push(format!(
                    "{}: {} «{}»",
                    path.file_name().unwrap().to_string_lossy(),
                    f.rule,
                    doc.slice(f.span)
                ));
            }
        }
    }
    println!(
        "plain letters: {} officialese findings in {letters} letters",
        alarms.len()
    );
    for a in &alarms {
        println!("  {a}");
    }
    assert!(letters >= 20);
    assert!(hit as f64 >= 0.9 * total as f64, "recall {hit}/{total}");
    assert!(alarms.is_empty(), "{} false alarms", alarms.len());
}
