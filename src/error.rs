//! The library's one error type: every error names the file, and for packs the line and rule.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A rule pack that cannot be used.
    #[error("{file}:{line}: {}{message}", rule.as_ref().map(|r| format!("regel «{r}»: ")).unwrap_or_default())]
    Pack {
        file: String,
        line: usize,
        rule: Option<String>,
        message: String,
    },
    /// A klarsprog.toml that cannot be used.
    #[error("{}: {message}", path.display())]
    Config { path: PathBuf, message: String },
    /// A file that cannot be read.
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A file that can be read but not checked (binary, unknown encoding, too large, broken DOCX).
    #[error("{path}: {message}")]
    Input { path: String, message: String },
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// 1-based line of a byte offset in a source text.
pub fn line_of(source: &str, offset: usize) -> usize {
    source.as_bytes()[..offset.min(source.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}
