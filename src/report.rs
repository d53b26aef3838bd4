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

impl Report {
    pub fn new(doc: Document, findings: Vec<Finding>) -> Report {
        let mut passive: Vec<usize> = findings
            .iter()
            .filter(|f| f.category == Category::Passive && PASSIVE_RULES.contains(&f.rule.as_ref()))
            .filter_map(|f| doc.sentence_at(f.span.start))
            .collect();
        passive.dedup();
        let stats = stats::compute(&doc.sentences, &doc.paragraphs, passive.len());
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
