//! The result of checking one letter: its statistics and findings, or the error that stopped it.

use crate::document::Document;
use crate::finding::{Category, Finding, Severity};
use crate::text::stats::{self, Stats};

#[derive(Debug)]
pub struct Report {
    /// The path, or the stdin name.
    pub source: String,
    /// The checked document (None when it could not be read).
    pub document: Option<Document>,
    pub stats: Option<Stats>,
    pub findings: Vec<Finding>,
    /// Why the file was not checked.
    pub error: Option<String>,
}

/// Rules whose findings count as passive sentences in the statistics.
const PASSIVE_RULES: [&str; 2] = ["passiv/s-passiv", "passiv/blive-passiv"];

/// The sentences with a passive finding, in order. Findings come sorted by where they start, so
/// one walk through the sentences finds them all (a binary search for each of a 100 MB text's
/// passive findings took a fifth of a second, in cache misses).
fn passive_sentences(doc: &Document, findings: &[Finding]) -> Vec<usize> {
    let sentences = &doc.sentences;
    let mut passive: Vec<usize> = Vec::new();
    // Sentences before `i` end at or before the last finding's start.
    let (mut i, mut last) = (0, 0);
    for f in findings
        .iter()
        .filter(|f| f.category == Category::Passive && PASSIVE_RULES.contains(&f.rule.as_ref()))
    {
        let offset = f.span.start;
        if offset < last {
            // Out of order: search from the start.
            i = sentences.partition_point(|s| s.span.end <= offset);
        }
        last = offset;
        while sentences.get(i).is_some_and(|s| s.span.end <= offset) {
            i += 1;
        }
        if sentences.get(i).is_some_and(|s| s.span.start <= offset) && passive.last() != Some(&i) {
            passive.push(i);
        }
    }
    passive
}

impl Report {
    pub fn new(doc: Document, findings: Vec<Finding>) -> Report {
        // Two walks through long lists on a long text (2.6 million findings, 2 million
        // sentences in 100 MB): side by side when there are threads for it.
        let passive = || passive_sentences(&doc, &findings).len();
        let stats = || stats::compute(&doc.sentences, &doc.paragraphs);
        let (passive, stats) = if crate::parallel::worth_it(doc.text.len()) {
            rayon::join(passive, stats)
        } else {
            (passive(), stats())
        };
        let stats = stats.with_passive(passive);
        Report {
            source: doc.source.clone(),
            document: Some(doc),
            stats: Some(stats),
            findings,
            error: None,
        }
    }

    pub fn error(source: impl Into<String>, message: impl Into<String>) -> Report {
        Report {
            source: source.into(),
            document: None,
            stats: None,
            findings: Vec::new(),
            error: Some(message.into()),
        }
    }

    /// Findings at or above a severity.
    pub fn count_at_least(&self, level: Severity) -> usize {
        self.findings.iter().filter(|f| f.severity >= level).count()
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Span;

    fn passive_at(offset: usize) -> Finding {
        Finding {
            rule: "passiv/s-passiv".into(),
            category: Category::Passive,
            severity: Severity::Warning,
            span: Span::new(offset, offset + 1),
            message: "".into(),
            suggestions: Vec::new(),
        }
    }

    /// The walk gives what looking each finding's sentence up gives, for findings in order
    /// (as a check gives them) and out of order, between sentences and past the end.
    #[test]
    fn passive_sentences_are_each_findings_sentence_once() {
        let doc = Document::from_text(
            "t",
            "Ansøgningen behandles. Vi skriver til dig.  Sagen afgøres i maj. Tak.",
        );
        let n = doc.text.len();
        let lookup = |offsets: &[usize]| {
            let mut v: Vec<usize> = offsets.iter().filter_map(|&o| doc.sentence_at(o)).collect();
            v.dedup();
            v
        };
        for offsets in [
            vec![0, 5, 12, 30, 44, 50, 66],
            vec![22, 23, 42, 43, n - 1, n],
            vec![50, 0, 44, 44, 12, 66, 1],
            vec![],
        ] {
            let findings: Vec<Finding> = offsets.iter().map(|&o| passive_at(o)).collect();
            assert_eq!(
                passive_sentences(&doc, &findings),
                lookup(&offsets),
                "{offsets:?}"
            );
        }
        // Other rules do not count.
        let mut other = passive_at(0);
        other.rule = "passiv/andet".into();
        assert!(passive_sentences(&doc, &[other]).is_empty());
    }
}
