//! `--format json`: one JSON document `{"version":1,"files":[…]}`, written file by file.
//!
//! Each file: `{"path","encoding","format","stats":{words,long_words,sentences,lix,band,…},
//! "findings":[{rule,category,severity,message,start,end,line,column,end_line,end_column,text,
//! suggestions:[{replacement,applicability,edits}]}],"error":null}`. Offsets are UTF-8 bytes into
//! the decoded text; lines and columns are 1-based, columns in characters. Keys may be added;
//! none of these change.

use std::io::{self, Write};

use serde_json::{Value, json};

use crate::Finding;
use crate::document::Document;
use crate::output::{Printer, RunSummary};
use crate::report::Report;

#[derive(Default)]
pub struct Json {
    started: bool,
}

/// One finding as JSON.
pub fn finding_json(doc: &Document, f: &Finding) -> Value {
    let start = doc.lines.position(&doc.text, f.span.start);
    let end = doc.lines.position(&doc.text, f.span.end);
    json!({
        "rule": f.rule.as_ref(),
        "category": f.category,
        "severity": f.severity,
        "message": f.message,
        "start": f.span.start,
        "end": f.span.end,
        "line": start.line,
        "column": start.column,
        "end_line": end.line,
        "end_column": end.column,
        "text": doc.slice(f.span),
        "suggestions": f.suggestions.iter().map(|s| json!({
            "replacement": s.replacement,
            "applicability": s.applicability,
            "edits": s.edits.iter().map(|e| json!({"start": e.span.start, "end": e.span.end, "replacement": e.replacement})).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    })
}

/// One file as JSON.
pub fn report_json(r: &Report) -> Value {
    match &r.document {
        Some(doc) => json!({
            "path": r.source,
            "encoding": doc.encoding,
            "format": doc.format,
            "stats": r.stats,
            "findings": r.findings.iter().map(|f| finding_json(doc, f)).collect::<Vec<_>>(),
            "error": Value::Null,
        }),
        None => json!({
            "path": r.source,
            "encoding": Value::Null,
            "stats": Value::Null,
            "findings": [],
            "error": r.error,
        }),
    }
}

impl Printer for Json {
    fn file(&mut self, out: &mut dyn Write, report: &Report) -> io::Result<()> {
        out.write_all(if self.started {
            b","
        } else {
            b"{\"version\":1,\"files\":["
        })?;
        self.started = true;
        serde_json::to_writer(&mut *out, &report_json(report))?;
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, _summary: &RunSummary) -> io::Result<()> {
        if !self.started {
            out.write_all(b"{\"version\":1,\"files\":[")?;
        }
        out.write_all(b"]}\n")
    }
}
