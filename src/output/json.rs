//! `--format json`: one JSON document `{"version":1,"files":[…]}`, written file by file.
//!
//! Each file: `{"path","encoding","format","stats":{words,long_words,sentences,lix,band,…},
//! "findings":[{rule,category,severity,message,start,end,line,column,end_line,end_column,text,
//! suggestions:[{replacement,applicability,edits?}]}],"error":null}`; `edits` only when the
//! suggestion changes more than the finding's own span. Offsets are UTF-8 bytes into
//! the decoded text; lines and columns are 1-based, columns in characters. Keys may be added;
//! none of these change.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::{Value, json};

use crate::Finding;
use crate::document::Document;
use crate::output::{Printer, RunSummary};
use crate::report::Report;
use crate::text::span::PositionCursor;

#[derive(Default)]
pub struct Json {
    started: bool,
}

/// The wire shape of one finding; borrowed from the report, serialized without building a tree.
#[derive(Serialize)]
struct FindingJson<'a> {
    rule: &'a str,
    category: crate::Category,
    severity: crate::Severity,
    message: &'a str,
    start: usize,
    end: usize,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    text: &'a str,
    suggestions: Vec<SuggestionJson<'a>>,
}

#[derive(Serialize)]
struct SuggestionJson<'a> {
    replacement: &'a str,
    applicability: crate::Applicability,
    /// Present when the suggestion changes more than the finding's span (a whole sentence).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    edits: Vec<EditJson<'a>>,
}

#[derive(Serialize)]
struct EditJson<'a> {
    start: usize,
    end: usize,
    replacement: &'a str,
}

#[derive(Serialize)]
struct FileJson<'a> {
    path: &'a str,
    encoding: Option<crate::document::Encoding>,
    #[serde(skip_serializing_if = "Option::is_none")]
    format: Option<crate::document::Format>,
    stats: Option<&'a crate::text::stats::Stats>,
    findings: Vec<FindingJson<'a>>,
    error: Option<&'a str>,
}

fn finding<'a>(
    doc: &'a Document,
    f: &'a Finding,
    cursor: &mut PositionCursor<'_>,
) -> FindingJson<'a> {
    let start = cursor.position(f.span.start);
    let end = cursor.position(f.span.end);
    FindingJson {
        rule: &f.rule,
        category: f.category,
        severity: f.severity,
        message: &f.message,
        start: f.span.start,
        end: f.span.end,
        line: start.line,
        column: start.column,
        end_line: end.line,
        end_column: end.column,
        text: doc.slice(f.span),
        suggestions: f
            .suggestions
            .iter()
            .map(|s| SuggestionJson {
                replacement: &s.replacement,
                applicability: s.applicability,
                // A suggestion that only replaces the finding's own span needs no edit list.
                edits: if matches!(s.edits.as_slice(), [e] if e.span == f.span && e.replacement == s.replacement) {
                    Vec::new()
                } else {
                    s.edits
                    .iter()
                    .map(|e| EditJson {
                        start: e.span.start,
                        end: e.span.end,
                        replacement: &e.replacement,
                    })
                    .collect()
                },
            })
            .collect(),
    }
}

fn file(r: &Report) -> FileJson<'_> {
    match &r.document {
        Some(doc) => FileJson {
            path: &r.source,
            encoding: Some(doc.encoding),
            format: Some(doc.format),
            stats: r.stats.as_ref(),
            findings: {
                let mut cursor = doc.lines.cursor(&doc.text);
                r.findings
                    .iter()
                    .map(|f| finding(doc, f, &mut cursor))
                    .collect()
            },
            error: None,
        },
        None => FileJson {
            path: &r.source,
            encoding: None,
            format: None,
            stats: None,
            findings: Vec::new(),
            error: r.error.as_deref(),
        },
    }
}

/// One finding as a JSON value (for callers that embed it elsewhere).
pub fn finding_json(doc: &Document, f: &Finding) -> Value {
    serde_json::to_value(finding(doc, f, &mut doc.lines.cursor(&doc.text))).unwrap_or(Value::Null)
}

/// One file as a JSON value, the same shape `check --format json` prints.
pub fn report_json(r: &Report) -> Value {
    serde_json::to_value(file(r)).unwrap_or(Value::Null)
}

/// Writes one file's JSON straight to `out`.
pub fn write_report(out: &mut dyn Write, r: &Report) -> io::Result<()> {
    serde_json::to_writer(out, &file(r)).map_err(io::Error::other)
}

impl Printer for Json {
    fn file(&mut self, out: &mut dyn Write, report: &Report) -> io::Result<()> {
        out.write_all(if self.started {
            b","
        } else {
            b"{\"version\":1,\"files\":["
        })?;
        self.started = true;
        write_report(out, report)
    }

    fn render(&self, report: &Report) -> Option<Vec<u8>> {
        let mut buf = Vec::with_capacity(8192);
        serde_json::to_writer(&mut buf, &file(report)).ok()?;
        Some(buf)
    }

    fn write_rendered(&mut self, out: &mut dyn Write, bytes: &[u8]) -> io::Result<()> {
        out.write_all(if self.started {
            b","
        } else {
            b"{\"version\":1,\"files\":["
        })?;
        self.started = true;
        out.write_all(bytes)
    }

    fn finish(&mut self, out: &mut dyn Write, _summary: &RunSummary) -> io::Result<()> {
        if !self.started {
            out.write_all(b"{\"version\":1,\"files\":[")?;
        }
        out.write_all(b"]}\n")
    }
}

/// `audit --json`: the run, the summary and one object per letter (counts per severity,
/// category and rule; no finding texts).
pub fn audit_json(
    a: &crate::audit::Audit,
    s: &crate::audit::Summary,
    meta: &crate::audit::AuditMeta,
) -> Value {
    use crate::finding::Category;
    use crate::text::stats::Band;
    let categories = |counts: &[u64]| -> Value {
        Category::ALL
            .iter()
            .zip(counts)
            .map(|(c, n)| (c.as_str().to_string(), json!(n)))
            .collect::<serde_json::Map<_, _>>()
            .into()
    };
    let letters: Vec<Value> = a
        .letters
        .iter()
        .map(|r| {
            let cats: Vec<u64> = r.category.iter().map(|&n| u64::from(n)).collect();
            json!({
                "path": r.path,
                "format": r.format,
                "stats": r.stats,
                "findings": r.findings(),
                "errors": r.severity[2],
                "warnings": r.severity[1],
                "infos": r.severity[0],
                "categories": categories(&cats),
                "rules": r.rules.iter().map(|(i, n)| (a.rules[*i as usize].id.to_string(), json!(n))).collect::<serde_json::Map<_, _>>(),
                "missing_contact": r.missing_contact,
                "missing_klagevejledning": r.missing_complaint,
                "fails": r.fails,
                "error": r.error,
            })
        })
        .collect();
    json!({
        "version": 1,
        "generated": meta.date_iso,
        "klarsprog": meta.version,
        "rule_set_hash": meta.rule_set_hash,
        "rules_enabled": meta.rules_enabled,
        "rules_total": meta.rules_total,
        "paths": meta.roots,
        "seconds": (meta.seconds * 1000.0).round() / 1000.0,
        "summary": {
            "letters": s.letters,
            "unreadable": s.unreadable,
            "failing": s.failing,
            "lix": {"median": s.lix_median, "q1": s.lix_q1, "q3": s.lix_q3, "mean": s.lix_mean, "letters": s.with_lix},
            "bands": Band::ALL.iter().zip(s.bands).map(|(b, n)| (b.label().to_string(), json!(n))).collect::<serde_json::Map<_, _>>(),
            "short_texts": s.short_texts,
            "findings": s.findings,
            "errors": s.severity[2],
            "warnings": s.severity[1],
            "infos": s.severity[0],
            "categories": categories(&s.category),
            "top_rules": s.top_rules.iter().map(|&i| {
                let r = &a.rules[i];
                json!({"rule": r.id.as_ref(), "category": r.category, "findings": r.findings, "letters": r.letters})
            }).collect::<Vec<_>>(),
            "missing_contact": s.missing_contact,
            "missing_klagevejledning": s.missing_complaint,
            "hardest": s.hardest.iter().map(|&i| json!({"path": a.letters[i].path, "lix": a.letters[i].lix()})).collect::<Vec<_>>(),
        },
        "letters": letters,
    })
}
