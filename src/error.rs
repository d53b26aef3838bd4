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

/// A TOML or serde message in Danish where its shape is known (unknown or missing keys, unknown
/// values, wrong types); other syntax errors keep the parser's words after «TOML-fejl:».
pub fn toml_message(message: &str) -> String {
    let message = message.trim();
    let quoted = |s: &str| -> Option<(String, String)> {
        let rest = s.strip_prefix('`')?;
        let (name, rest) = rest.split_once('`')?;
        Some((name.to_string(), rest.to_string()))
    };
    let allowed = |rest: &str| {
        rest.strip_prefix(", expected one of ")
            .or_else(|| rest.strip_prefix(", expected "))
            .map(|l| format!("; tilladt: {}", l.replace('`', "")))
            .unwrap_or_default()
    };
    if let Some((name, rest)) = message.strip_prefix("unknown field ").and_then(quoted) {
        return format!("ukendt nøgle «{name}»{}", allowed(&rest));
    }
    if let Some((name, _)) = message.strip_prefix("missing field ").and_then(quoted) {
        return format!("nøglen «{name}» mangler");
    }
    if let Some((name, rest)) = message.strip_prefix("unknown variant ").and_then(quoted) {
        return format!("ukendt værdi «{name}»{}", allowed(&rest));
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        return format!(
            "forkert type: {}",
            rest.replace(", expected ", ", ventede ")
        );
    }
    format!("TOML-fejl: {message}")
}
