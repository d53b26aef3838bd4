//! Printers, one per output format. Only this module and main.rs write to the terminal.

pub mod csv;
pub mod html;
pub mod human;
pub mod json;
pub mod line;
pub mod sarif;

use std::io::{self, Write};

use crate::report::Report;

/// Totals for the whole run, for the closing line.
#[derive(Clone, Debug, Default)]
pub struct RunSummary {
    pub files: usize,
    pub failed: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl RunSummary {
    pub fn add(&mut self, r: &Report) {
        self.files += 1;
        if r.error.is_some() {
            self.failed += 1;
        }
        for f in &r.findings {
            match f.severity {
                crate::Severity::Error => self.errors += 1,
                crate::Severity::Warning => self.warnings += 1,
                crate::Severity::Info => self.infos += 1,
            }
        }
    }

    /// Adds another summary's counts (a worker thread's part of the run).
    pub fn merge(&mut self, other: &RunSummary) {
        self.files += other.files;
        self.failed += other.failed;
        self.errors += other.errors;
        self.warnings += other.warnings;
        self.infos += other.infos;
    }
}

pub trait Printer: Sync {
    fn file(&mut self, out: &mut dyn Write, report: &Report) -> io::Result<()>;
    fn finish(&mut self, out: &mut dyn Write, summary: &RunSummary) -> io::Result<()>;

    /// Renders one file's output without touching the printer's state, so worker threads can
    /// do it; `None` when this format must render in order (`file` is used then).
    fn render(&self, _report: &Report) -> Option<Vec<u8>> {
        None
    }

    /// Writes what `render` made, adding whatever goes between files.
    fn write_rendered(&mut self, out: &mut dyn Write, bytes: &[u8]) -> io::Result<()> {
        out.write_all(bytes)
    }
}

/// ANSI styles, or nothing when colour is off.
#[derive(Clone, Copy, Debug)]
pub struct Style {
    pub color: bool,
}

impl Style {
    pub fn paint(&self, code: &str, s: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
}
