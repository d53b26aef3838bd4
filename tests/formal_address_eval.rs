//! Formal address on tests/data/formal_address.tsv: each line is a sentence, a label (formal or
//! plural) and the De/Dem/Deres form in question. A formal one must be flagged, a plural one not.

use std::path::Path;

use klarsprog::config::Settings;
use klarsprog::{Checker, Document};

#[test]
fn formal_address_accuracy() {
    let checker = Checker::new(&Settings::default()).unwrap();
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/formal_address.tsv"),
    )
    .unwrap();
    let (mut tp, mut fp, mut fn_, mut tn) = (0, 0, 0, 0);
    let mut wrong = Vec::new();
    for line in text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let cols: Vec<&str> = line.split('\t').collect();
        let [sentence, label, word] = cols[..] else {
            continue;
        };
        let doc = Document::from_text("t", sentence);
        // The last occurrence of the word: earlier sentences on the line give context.
        let Some(pos) = sentence.rfind(word) else {
            continue;
        };
        let flagged = checker
            .findings(&doc)
            .iter()
            .any(|f| f.rule.starts_with("tiltale/") && f.span.start == pos);
        match (label, flagged) {
            ("formal", true) => tp += 1,
            ("formal", false) => {
                fn_ += 1;
                wrong.push(format!("missed: {sentence}"));
            }
            (_, true) => {
                fp += 1;
                wrong.push(format!("false alarm: {sentence}"));
            }
            _ => tn += 1,
        }
    }
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    let recall = tp as f64 / (tp + fn_).max(1) as f64;
    println!(
        "formal_address.tsv: precision {precision:.3}, recall {recall:.3} (tp {tp}, fp {fp}, fn {fn_}, tn {tn})"
    );
    for w in &wrong {
        println!("  {w}");
    }
    // "When unsure, do not flag": false alarms matter more than misses.
    assert!(precision >= 0.95, "precision {precision:.3}");
    assert!(recall >= 0.8, "recall {recall:.3}");
}
