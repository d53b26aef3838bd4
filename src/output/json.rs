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
                edits: if only_own_span(f, s) {
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

/// Writes one file's JSON straight to `out`: the shape `FileJson` serializes to, written
/// without serde's per-key work (a letter has dozens of findings and its JSON is ten times its
/// size), a chunk at a time (a 100 MB letter's gigabyte of JSON is never held whole).
pub fn write_report(out: &mut dyn Write, r: &Report) -> io::Result<()> {
    let mut buf = Vec::with_capacity(CHUNK + 4096);
    report_into(&mut buf, Some(out), r)
}

/// One file's JSON appended to `buf`. With `out`, written there a chunk at a time (and the
/// findings of a long document rendered in parallel); without, all of it stays in `buf`.
fn report_into(buf: &mut Vec<u8>, mut out: Option<&mut dyn Write>, r: &Report) -> io::Result<()> {
    let Some(doc) = &r.document else {
        serde_json::to_writer(&mut *buf, &file(r)).map_err(io::Error::other)?;
        return out.map_or(Ok(()), |out| out.write_all(buf));
    };
    buf.extend_from_slice(b"{\"path\":");
    push_str(buf, &r.source);
    buf.extend_from_slice(b",\"encoding\":");
    push_str(buf, doc.encoding.as_str());
    buf.extend_from_slice(b",\"format\":");
    serde_json::to_writer(&mut *buf, &doc.format).map_err(io::Error::other)?;
    buf.extend_from_slice(b",\"stats\":");
    serde_json::to_writer(&mut *buf, &r.stats).map_err(io::Error::other)?;
    buf.extend_from_slice(b",\"findings\":[");
    match out.as_deref_mut() {
        Some(out) if r.findings.len() >= PARALLEL_FINDINGS && rayon::current_num_threads() > 1 => {
            out.write_all(buf)?;
            buf.clear();
            write_findings_in_parallel(out, doc, &r.findings)?;
        }
        mut out => {
            let mut cursor = doc.lines.cursor(&doc.text);
            for (i, f) in r.findings.iter().enumerate() {
                if i > 0 {
                    buf.push(b',');
                }
                push_finding(buf, doc, f, &mut cursor);
                if let Some(out) = out.as_deref_mut()
                    && buf.len() >= CHUNK
                {
                    out.write_all(buf)?;
                    buf.clear();
                }
            }
        }
    }
    buf.extend_from_slice(b"],\"error\":null}");
    out.map_or(Ok(()), |out| out.write_all(buf))
}

/// Findings from this many on are rendered by several threads (a file of megabytes).
const PARALLEL_FINDINGS: usize = 50_000;
/// Findings one thread renders at a time, and blocks rendered before they are written.
const BLOCK: usize = 2_048;
const WINDOW: usize = 32;

/// The findings, comma-separated, rendered a block at a time on the thread pool and written in
/// order; a window of blocks at a time, so the JSON is never held whole, and into the same
/// buffers each time (fresh memory for every block cost more in page faults than rendering).
/// Each block has its own position cursor, which gives the positions one cursor gives.
fn write_findings_in_parallel(
    out: &mut dyn Write,
    doc: &Document,
    findings: &[Finding],
) -> io::Result<()> {
    use rayon::prelude::*;
    let mut buffers: Vec<Vec<u8>> = vec![Vec::new(); WINDOW];
    for (w, window) in findings.chunks(BLOCK * WINDOW).enumerate() {
        buffers
            .par_iter_mut()
            .zip(window.par_chunks(BLOCK))
            .enumerate()
            .for_each(|(b, (buf, block))| {
                buf.clear();
                let mut cursor = doc.lines.cursor(&doc.text);
                for (i, f) in block.iter().enumerate() {
                    // Every finding but the very first follows a comma.
                    if w > 0 || b > 0 || i > 0 {
                        buf.push(b',');
                    }
                    push_finding(buf, doc, f, &mut cursor);
                }
            });
        let used = window.len().div_ceil(BLOCK);
        for buf in &buffers[..used] {
            out.write_all(buf)?;
        }
    }
    Ok(())
}

/// How much JSON is gathered before it is written.
const CHUNK: usize = 64 * 1024;

/// Files with more findings than this are written in order on the main thread (a chunk at a
/// time) instead of rendered whole on a worker thread.
const RENDER_MAX_FINDINGS: usize = 2_000;

fn push_finding(buf: &mut Vec<u8>, doc: &Document, f: &Finding, cursor: &mut PositionCursor<'_>) {
    let start = cursor.position(f.span.start);
    let end = cursor.position(f.span.end);
    buf.extend_from_slice(b"{\"rule\":");
    push_name(buf, &f.rule);
    buf.extend_from_slice(b",\"category\":");
    push_name(buf, f.category.as_str());
    buf.extend_from_slice(b",\"severity\":");
    push_name(buf, f.severity.as_str());
    buf.extend_from_slice(b",\"message\":");
    push_str(buf, &f.message);
    for (key, n) in [
        (&b",\"start\":"[..], f.span.start),
        (b",\"end\":", f.span.end),
        (b",\"line\":", start.line),
        (b",\"column\":", start.column),
        (b",\"end_line\":", end.line),
        (b",\"end_column\":", end.column),
    ] {
        buf.extend_from_slice(key);
        push_usize(buf, n);
    }
    buf.extend_from_slice(b",\"text\":");
    push_str(buf, doc.slice(f.span));
    buf.extend_from_slice(b",\"suggestions\":[");
    for (i, s) in f.suggestions.iter().enumerate() {
        if i > 0 {
            buf.push(b',');
        }
        buf.extend_from_slice(b"{\"replacement\":");
        push_str(buf, &s.replacement);
        buf.extend_from_slice(b",\"applicability\":");
        push_name(buf, s.applicability.as_str());
        if !only_own_span(f, s) && !s.edits.is_empty() {
            buf.extend_from_slice(b",\"edits\":[");
            for (j, e) in s.edits.iter().enumerate() {
                if j > 0 {
                    buf.push(b',');
                }
                buf.extend_from_slice(b"{\"start\":");
                push_usize(buf, e.span.start);
                buf.extend_from_slice(b",\"end\":");
                push_usize(buf, e.span.end);
                buf.extend_from_slice(b",\"replacement\":");
                push_str(buf, &e.replacement);
                buf.push(b'}');
            }
            buf.push(b']');
        }
        buf.push(b'}');
    }
    buf.extend_from_slice(b"]}");
}

/// A suggestion that only replaces the finding's own span needs no edit list.
fn only_own_span(f: &Finding, s: &crate::Suggestion) -> bool {
    matches!(s.edits.as_slice(), [e] if e.span == f.span && e.replacement == s.replacement)
}

fn push_usize(buf: &mut Vec<u8>, n: usize) {
    buf.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
}

/// A name of klarsprog's own (a category, a severity, a rule id: packs keep ids and pack names
/// to a-z, 0-9 and hyphens): nothing to escape.
fn push_name(buf: &mut Vec<u8>, name: &str) {
    debug_assert!(!has_escape(name.as_bytes()));
    buf.push(b'"');
    buf.extend_from_slice(name.as_bytes());
    buf.push(b'"');
}

/// Whether any byte must be escaped in a JSON string: a control character, `"` or `\\`.
/// Without an early exit the compiler tests many bytes at once.
fn has_escape(bytes: &[u8]) -> bool {
    bytes.iter().fold(false, |found, &b| {
        found | (b < 0x20) | (b == b'"') | (b == b'\\')
    })
}

/// A JSON string, escaped as serde_json escapes it. Most strings have nothing to escape and are
/// copied whole.
fn push_str(buf: &mut Vec<u8>, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let bytes = s.as_bytes();
    buf.reserve(bytes.len() + 2);
    buf.push(b'"');
    if !has_escape(bytes) {
        buf.extend_from_slice(bytes);
        buf.push(b'"');
        return;
    }
    // Otherwise the runs of plain bytes between the escapes are copied whole.
    let mut plain = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let short: &[u8] = match b {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            0x08 => b"\\b",
            0x0c => b"\\f",
            0..=0x1f => b"",
            _ => continue,
        };
        buf.extend_from_slice(&bytes[plain..i]);
        if short.is_empty() {
            buf.extend_from_slice(b"\\u00");
            buf.push(HEX[usize::from(b >> 4)]);
            buf.push(HEX[usize::from(b & 0xf)]);
        } else {
            buf.extend_from_slice(short);
        }
        plain = i + 1;
    }
    buf.extend_from_slice(&bytes[plain..]);
    buf.push(b'"');
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
        if report.findings.len() > RENDER_MAX_FINDINGS {
            return None;
        }
        // About 350 bytes of JSON per finding: one allocation, no copy.
        let mut buf = Vec::with_capacity(1024 + 400 * report.findings.len());
        report_into(&mut buf, None, report).ok()?;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Applicability, Category, Edit, Severity, Span, Suggestion};

    /// Many findings are rendered by several threads, block by block: the bytes are those one
    /// thread writes.
    #[test]
    fn findings_rendered_in_parallel_are_the_same_bytes() {
        let line = "Æblet «blev» spist\tsent.\n";
        let text = line.repeat(PARALLEL_FINDINGS / 2 + BLOCK * WINDOW);
        let doc = Document::from_text("lang.txt", text.as_str());
        let findings: Vec<Finding> = (0..text.len() / line.len())
            .flat_map(|n| {
                let at = n * line.len();
                [(at, at + "Æblet".len()), (at + 9, at + 15)]
            })
            .map(|(start, end)| Finding {
                rule: "test/regel".into(),
                category: Category::Style,
                severity: Severity::Info,
                span: Span::new(start, end),
                message: format!("ved {start}").into(),
                suggestions: vec![Suggestion::replace(
                    Span::new(start, end),
                    "x",
                    Applicability::Unsafe,
                )],
            })
            .collect();
        assert!(findings.len() > PARALLEL_FINDINGS + BLOCK * WINDOW);
        let report = Report::new(doc, findings);
        let render = |threads: usize| {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap();
            let mut bytes = Vec::new();
            pool.install(|| write_report(&mut bytes, &report)).unwrap();
            bytes
        };
        let one = render(1);
        assert!(one == render(2), "the parallel JSON differs");
        let value: Value = serde_json::from_slice(&one).unwrap();
        assert_eq!(
            value["findings"].as_array().unwrap().len(),
            report.findings.len()
        );
    }

    #[test]
    fn has_escape_is_exact() {
        for fill in [b'a', 0xC3, b' ', 0x7f] {
            for len in [1, 7, 8, 9, 33] {
                for pos in 0..len {
                    for b in 0..=255u8 {
                        let mut bytes = vec![fill; len];
                        bytes[pos] = b;
                        let want = b < 0x20 || b == b'"' || b == b'\\';
                        assert_eq!(has_escape(&bytes), want, "{bytes:?}");
                    }
                }
            }
        }
        assert!(!has_escape(b""));
    }

    /// The hand-written writer prints what serde prints for the same report, quotes, control
    /// characters, non-ASCII and edit lists included.
    #[test]
    fn the_writer_matches_serde() {
        let text = "Tab\there, \"citat\" og \\ skråstreg.\nNy linje\u{1}\u{7f} æøå €.\r\n";
        let doc = Document::from_text("sti/\"brev\".txt", text);
        let euro = doc.text.find('€').unwrap();
        let f = |start, end, message: &str, suggestions| Finding {
            rule: "test/regel".into(),
            category: Category::Officialese,
            severity: Severity::Warning,
            span: Span::new(start, end),
            message: message.into(),
            suggestions,
        };
        let own = Suggestion::replace(Span::new(0, 3), "Fane\n", Applicability::Safe);
        let wide = Suggestion {
            replacement: "x\"y".into(),
            applicability: Applicability::Unsafe,
            edits: vec![
                Edit {
                    span: Span::new(0, 3),
                    replacement: "a\u{1f}".into(),
                },
                Edit {
                    span: Span::new(5, 9),
                    replacement: "".into(),
                },
            ],
        };
        let findings = vec![
            f(0, 3, "«{x}» \\ \u{8}\u{c}", vec![own, wide]),
            f(10, 17, "", Vec::new()),
            f(
                0,
                9,
                "En lang besked på over otte bytes, med \"citat\" efter 40 bytes.\u{1f}",
                Vec::new(),
            ),
            f(euro, euro + "€".len(), "slut", Vec::new()),
        ];
        let report = Report::new(doc, findings);
        let mut ours = Vec::new();
        write_report(&mut ours, &report).unwrap();
        let serde = serde_json::to_vec(&file(&report)).unwrap();
        assert_eq!(
            String::from_utf8(ours).unwrap(),
            String::from_utf8(serde).unwrap()
        );
    }
}
