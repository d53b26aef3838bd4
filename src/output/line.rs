//! `--format line`: `path:line:column: severity: message [rule]`, one finding a line,
//! for Vim's and Emacs' errorformat.

use std::io::{self, Write};

use crate::output::{Printer, RunSummary};
use crate::report::Report;

pub struct Line;

impl Printer for Line {
    fn file(&mut self, out: &mut dyn Write, r: &Report) -> io::Result<()> {
        let Some(doc) = &r.document else {
            return writeln!(
                out,
                "{}:1:1: error: {} [klarsprog/input]",
                r.source,
                r.error.as_deref().unwrap_or("")
            );
        };
        for f in &r.findings {
            let p = doc.lines.position(&doc.text, f.span.start);
            writeln!(
                out,
                "{}:{}:{}: {}: {} [{}]",
                r.source,
                p.line,
                p.column,
                f.severity.as_str(),
                f.message,
                f.rule
            )?;
        }
        Ok(())
    }

    fn render(&self, report: &Report) -> Option<Vec<u8>> {
        let mut buf = Vec::with_capacity(2048);
        let mut printer = Line;
        printer.file(&mut buf, report).ok()?;
        Some(buf)
    }

    fn finish(&mut self, _out: &mut dyn Write, _summary: &RunSummary) -> io::Result<()> {
        Ok(())
    }
}
