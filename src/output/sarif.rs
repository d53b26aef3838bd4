//! `--format sarif`: SARIF 2.1.0 for code-scanning dashboards, written as the files are checked.
//! The rules carry their Danish descriptions; a file that could not be read is a tool
//! notification, and the run is then marked unsuccessful.

use std::collections::HashMap;
use std::io::{self, Write};

use serde_json::{Value, json};

use crate::audit::rule_description;
use crate::finding::Severity;
use crate::output::{Printer, RunSummary};
use crate::report::Report;
use crate::rules::RuleInfo;

pub struct Sarif {
    rules: Vec<Value>,
    index: HashMap<String, usize>,
    errors: Vec<Value>,
    started: bool,
    results: usize,
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A path as a URI reference: forward slashes, everything but unreserved characters
/// percent-encoded (æ, ø, å and spaces included).
pub fn uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn rule_json(r: &RuleInfo, enabled: bool) -> Value {
    let short = rule_description(&RuleInfo {
        why: None,
        ..r.clone()
    });
    let full = rule_description(r);
    json!({
        "id": r.id.as_ref(),
        "shortDescription": {"text": short},
        "fullDescription": {"text": full},
        "help": {"text": format!("{full}\n\nSe: klarsprog rules explain {}", r.id)},
        "defaultConfiguration": {"level": level(r.severity), "enabled": enabled},
        "properties": {"category": r.category.as_str(), "tags": [r.category.label()]},
    })
}

impl Sarif {
    /// `catalogue`: every rule with whether it is enabled, in the order to list them.
    pub fn new<'a>(catalogue: impl IntoIterator<Item = (&'a RuleInfo, bool)>) -> Sarif {
        let mut s = Sarif {
            rules: Vec::new(),
            index: HashMap::new(),
            errors: Vec::new(),
            started: false,
            results: 0,
        };
        for (r, enabled) in catalogue {
            if !s.index.contains_key(r.id.as_ref()) {
                s.index.insert(r.id.to_string(), s.rules.len());
                s.rules.push(rule_json(r, enabled));
            }
        }
        s
    }

    fn rule_index(&mut self, id: &str) -> usize {
        if let Some(&i) = self.index.get(id) {
            return i;
        }
        let i = self.rules.len();
        self.index.insert(id.to_string(), i);
        self.rules.push(json!({"id": id}));
        i
    }

    fn start(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if !self.started {
            self.started = true;
            out.write_all(
                br#"{"$schema":"https://json.schemastore.org/sarif-2.1.0.json","version":"2.1.0","runs":[{"language":"da-DK","columnKind":"unicodeCodePoints","results":["#,
            )?;
        }
        Ok(())
    }
}

impl Printer for Sarif {
    fn file(&mut self, out: &mut dyn Write, r: &Report) -> io::Result<()> {
        self.start(out)?;
        let Some(doc) = &r.document else {
            self.errors.push(json!({
                "level": "error",
                "message": {"text": format!("{}: {}", r.source, r.error.as_deref().unwrap_or(""))},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri(&r.source)}}}],
            }));
            return Ok(());
        };
        for f in &r.findings {
            let start = doc.lines.position(&doc.text, f.span.start);
            let end = doc.lines.position(&doc.text, f.span.end);
            let mut properties = json!({"category": f.category.as_str()});
            if doc.format.is_extracted() {
                // Lines of text extracted from .docx/.odt/.html are its paragraphs.
                properties["paragraph"] = json!(start.line);
            }
            if let Some(s) = f.suggestions.first() {
                properties["suggestion"] = json!(s.replacement);
                properties["applicability"] = json!(s.applicability);
            }
            let result = json!({
                "ruleId": f.rule.as_ref(),
                "ruleIndex": self.rule_index(&f.rule),
                "level": level(f.severity),
                "message": {"text": &*f.message},
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": uri(&r.source)},
                    "region": {
                        "startLine": start.line,
                        "startColumn": start.column,
                        "endLine": end.line,
                        "endColumn": end.column,
                        "snippet": {"text": doc.slice(f.span)},
                    },
                }}],
                "properties": properties,
            });
            if self.results > 0 {
                out.write_all(b",")?;
            }
            self.results += 1;
            serde_json::to_writer(&mut *out, &result)?;
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, _summary: &RunSummary) -> io::Result<()> {
        self.start(out)?;
        out.write_all(b"],\"tool\":")?;
        serde_json::to_writer(
            &mut *out,
            &json!({"driver": {
                "name": "klarsprog",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "language": "da-DK",
                "rules": self.rules,
            }}),
        )?;
        out.write_all(b",\"invocations\":")?;
        serde_json::to_writer(
            &mut *out,
            &json!([{
                "executionSuccessful": self.errors.is_empty(),
                "toolExecutionNotifications": self.errors,
            }]),
        )?;
        out.write_all(b"}]}\n")
    }
}
