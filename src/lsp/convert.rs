//! From klarsprog's byte spans and findings to LSP values: ranges in UTF-16, diagnostics,
//! quick-fixes and hovers, and from `file://` URIs to paths.

use std::collections::HashMap;
use std::path::PathBuf;

use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, Diagnostic, DiagnosticSeverity, Hover,
    HoverContents, MarkupContent, MarkupKind, NumberOrString, Position, Range, TextEdit, Uri,
    WorkspaceEdit,
};
use serde_json::json;

use crate::document::Document;
use crate::finding::{Applicability, Finding, Severity, Suggestion};
use crate::fix::{self, FixLevel};
use crate::report::Report;
use crate::rules::{RuleInfo, explanation, fmt_num};
use crate::{Checker, Span};

/// `source` of every diagnostic.
pub const SOURCE: &str = "klarsprog";

/// The kind of the "fix all safe findings" action.
pub fn fix_all_kind() -> CodeActionKind {
    CodeActionKind::new("source.fixAll.klarsprog")
}

pub fn position(doc: &Document, offset: usize) -> Position {
    let p = doc.lines.position(&doc.text, offset);
    Position::new((p.line - 1) as u32, p.utf16_column as u32)
}

pub fn range(doc: &Document, span: Span) -> Range {
    Range::new(position(doc, span.start), position(doc, span.end))
}

/// The byte offset of an LSP position (columns past the end of a line clamp to it).
pub fn offset(doc: &Document, p: Position) -> usize {
    doc.lines
        .offset_utf16(&doc.text, p.line as usize, p.character as usize)
}

fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    }
}

fn text_edits(doc: &Document, s: &Suggestion) -> Vec<TextEdit> {
    s.edits
        .iter()
        .map(|e| TextEdit::new(range(doc, e.span), e.replacement.to_string()))
        .collect()
}

/// One finding as a diagnostic. `data` carries the category and the suggestions with their
/// edits as LSP ranges, for clients and tools that want them without asking again.
pub fn diagnostic(doc: &Document, f: &Finding) -> Diagnostic {
    let suggestions: Vec<_> = f
        .suggestions
        .iter()
        .map(|s| {
            json!({
                "replacement": s.replacement,
                "applicability": s.applicability,
                "edits": text_edits(doc, s),
            })
        })
        .collect();
    Diagnostic {
        range: range(doc, f.span),
        severity: Some(severity(f.severity)),
        code: Some(NumberOrString::String(f.rule.to_string())),
        source: Some(SOURCE.into()),
        message: f.message.to_string(),
        data: Some(json!({"category": f.category, "suggestions": suggestions})),
        ..Diagnostic::default()
    }
}

/// A diagnostic that is not a finding (a broken klarsprog.toml, a document too large), on the
/// first character.
pub fn notice(code: &str, severity: DiagnosticSeverity, message: String) -> Diagnostic {
    Diagnostic {
        range: Range::default(),
        severity: Some(severity),
        code: Some(NumberOrString::String(code.into())),
        source: Some(SOURCE.into()),
        message,
        ..Diagnostic::default()
    }
}

fn quote(s: &str) -> String {
    let mut short: String = s.chars().take(60).collect();
    if short.len() < s.len() {
        short.push('…');
    }
    format!("«{}»", short.replace('\n', " "))
}

/// The Danish title of a quick-fix: «Erstat med «efter» (sikker)».
pub fn action_title(doc: &Document, f: &Finding, s: &Suggestion) -> String {
    let mark = match s.applicability {
        Applicability::Safe => "sikker",
        _ => "tjek rettelsen",
    };
    if s.replacement.is_empty() {
        format!("Slet {} ({mark})", quote(doc.slice(f.span)))
    } else {
        format!("Erstat med {} ({mark})", quote(&s.replacement))
    }
}

/// Quick-fixes for the findings that touch `span`, and "fix all safe findings" when the client
/// asks for source actions (or for everything). Display-only suggestions are never actions:
/// klarsprog does not apply them (the hover shows them).
pub fn actions(
    uri: &Uri,
    doc: &Document,
    findings: &[Finding],
    span: Span,
    only: Option<&[CodeActionKind]>,
) -> Vec<CodeActionOrCommand> {
    let wants = |kind: &CodeActionKind| {
        only.is_none_or(|o| {
            o.iter().any(|k| {
                kind.as_str() == k.as_str()
                    || kind.as_str().starts_with(&format!("{}.", k.as_str()))
            })
        })
    };
    let mut out = Vec::new();
    if wants(&CodeActionKind::QUICKFIX) {
        for f in findings
            .iter()
            .filter(|f| f.span.start <= span.end && span.start <= f.span.end)
        {
            let mut first = true;
            for s in f
                .suggestions
                .iter()
                .filter(|s| s.applicability != Applicability::DisplayOnly && !s.edits.is_empty())
            {
                out.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title: action_title(doc, f, s),
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![diagnostic(doc, f)]),
                    edit: Some(workspace_edit(uri, text_edits(doc, s))),
                    is_preferred: Some(first && s.applicability == Applicability::Safe),
                    ..CodeAction::default()
                }));
                first = false;
            }
        }
    }
    let all = fix_all_kind();
    if wants(&all) {
        let (edits, count) = fix::select_edits(findings, FixLevel::Safe);
        if count > 0 {
            let edits = edits
                .iter()
                .map(|e| TextEdit::new(range(doc, e.span), e.replacement.to_string()))
                .collect();
            out.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: format!("Ret alle sikre fund ({count})"),
                kind: Some(all),
                edit: Some(workspace_edit(uri, edits)),
                ..CodeAction::default()
            }));
        }
    }
    out
}

fn workspace_edit(uri: &Uri, edits: Vec<TextEdit>) -> WorkspaceEdit {
    WorkspaceEdit::new(HashMap::from([(uri.clone(), edits)]))
}

/// Markdown-escapes plain text and keeps its line breaks.
fn markdown_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 32);
    for line in text.lines() {
        let line = line.trim_start();
        for c in line.chars() {
            if matches!(
                c,
                '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~'
            ) {
                out.push('\\');
            }
            out.push(c);
        }
        out.push_str("  \n");
    }
    out
}

/// The letter's LIX line (shown on a hover over the first line).
pub fn lix_line(report: &Report) -> Option<String> {
    let st = report.stats.as_ref()?;
    Some(format!(
        "**LIX {} ({})**{} · {} ord · {} sætninger · {} % lange ord",
        fmt_num(st.lix),
        st.band.label(),
        if st.short_text {
            " · under 100 ord: LIX er usikker"
        } else {
            ""
        },
        st.words,
        st.sentences,
        (st.long_word_share * 100.0).round()
    ))
}

/// The hover at byte `at`: the LIX on the first line, and for every finding there its message,
/// suggestions and the rule's explanation.
pub fn hover(report: &Report, checker: &Checker, at: usize) -> Option<Hover> {
    let doc = report.document.as_ref()?;
    let mut parts: Vec<String> = Vec::new();
    let mut span: Option<Span> = None;
    if doc.lines.line_of(at) == 0 {
        parts.extend(lix_line(report));
    }
    for f in report
        .findings
        .iter()
        .filter(|f| f.span.start <= at && at <= f.span.end)
    {
        span = Some(span.map_or(f.span, |s| s.cover(f.span)));
        let mut s = format!(
            "**{}** · {} · `{}`  \n{}",
            f.severity.label(),
            f.category.label(),
            f.rule,
            markdown_lines(&f.message)
        );
        for sug in f.suggestions.iter().take(5) {
            let text = if sug.replacement.is_empty() {
                "(slet)".to_string()
            } else {
                quote(&sug.replacement)
            };
            s.push_str(&format!(
                "Forslag: {} ({})  \n",
                markdown_lines(&text).trim_end(),
                sug.applicability.label()
            ));
        }
        if let Some(info) = rule_info(checker, &f.rule) {
            s.push('\n');
            s.push_str(&markdown_lines(&hover_explanation(&explanation(info))));
        }
        parts.push(s);
    }
    if parts.is_empty() {
        return None;
    }
    let span = span.unwrap_or_else(|| doc.lines.line_span(&doc.text, 0));
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: parts.join("\n\n---\n\n"),
        }),
        range: Some(range(doc, span)),
    })
}

/// The rule's explanation without what the hover already shows (the id, category and level,
/// and the message template), with long example lines cut.
fn hover_explanation(text: &str) -> String {
    const MAX_LINE: usize = 240;
    let mut out = String::new();
    for line in text.lines().skip(2) {
        if line.trim().is_empty() && out.is_empty() || line.starts_with("Hvad:") {
            continue;
        }
        match line.char_indices().nth(MAX_LINE) {
            Some((i, _)) => {
                out.push_str(&line[..i]);
                out.push('…');
            }
            None => out.push_str(line),
        }
        out.push('\n');
    }
    out
}

fn rule_info<'a>(checker: &'a Checker, id: &str) -> Option<&'a RuleInfo> {
    checker.rules().iter().find(|r| r.id.as_ref() == id)
}

/// The path of a `file://` URI (percent-decoded); None for other schemes (`untitled:`).
pub fn uri_to_path(uri: &Uri) -> Option<PathBuf> {
    let s = uri.as_str();
    let rest = s
        .strip_prefix("file://")
        .or_else(|| s.strip_prefix("FILE://"))?;
    // file://host/path: only the local host (empty or "localhost") is a local path.
    let path = if rest.starts_with('/') {
        rest
    } else {
        let (host, path) = rest.split_at(rest.find('/')?);
        if !host.eq_ignore_ascii_case("localhost") {
            return None;
        }
        path
    };
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let decoded = crate::text::percent_decode(path)?;
    // file:///C:/x on Windows.
    let bytes = decoded.as_bytes();
    if cfg!(windows) && bytes.len() >= 3 && bytes[0] == b'/' && bytes[2] == b':' {
        return Some(PathBuf::from(&decoded[1..]));
    }
    Some(PathBuf::from(decoded))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn file_uris_become_paths() {
        let u = Uri::from_str("file:///home/sagsb/breve/br%C3%A6v%201.md").unwrap();
        assert_eq!(
            uri_to_path(&u),
            Some(PathBuf::from("/home/sagsb/breve/bræv 1.md"))
        );
        let u = Uri::from_str("untitled:Untitled-1").unwrap();
        assert_eq!(uri_to_path(&u), None);
        let u = Uri::from_str("file://server/share/x.txt").unwrap();
        assert_eq!(uri_to_path(&u), None);
    }

    #[test]
    fn positions_are_utf16() {
        let doc = Document::from_text("x", "æøå 😀 I henhold til loven\n");
        let start = doc.text.find("I henhold").unwrap();
        assert_eq!(position(&doc, start), Position::new(0, 7));
        assert_eq!(offset(&doc, Position::new(0, 7)), start);
    }

    #[test]
    fn markdown_is_escaped() {
        assert_eq!(markdown_lines("a*b\n  ✗ <x>"), "a\\*b  \n✗ \\<x\\>  \n");
    }
}
