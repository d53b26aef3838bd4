//! What a check reports: a finding with a Danish message, and suggestions made of edits.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::Span;

mod intern;
pub use intern::{intern, intern_with, share};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// The Danish word a caseworker reads.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "advarsel",
            Severity::Error => "fejl",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    Readability,
    Passive,
    Officialese,
    Required,
    Spelling,
    PersonalData,
    Style,
}

impl Category {
    pub const ALL: [Category; 7] = [
        Category::Readability,
        Category::Passive,
        Category::Officialese,
        Category::Required,
        Category::Spelling,
        Category::PersonalData,
        Category::Style,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Category::Readability => "readability",
            Category::Passive => "passive",
            Category::Officialese => "officialese",
            Category::Required => "required",
            Category::Spelling => "spelling",
            Category::PersonalData => "personal-data",
            Category::Style => "style",
        }
    }

    /// The Danish name a caseworker reads.
    pub fn label(self) -> &'static str {
        match self {
            Category::Readability => "læsbarhed",
            Category::Passive => "passiv",
            Category::Officialese => "kancellisprog",
            Category::Required => "indhold",
            Category::Spelling => "stavning",
            Category::PersonalData => "persondata",
            Category::Style => "stil",
        }
    }

    pub fn parse(s: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

/// How sure a fix is to keep the meaning: Safe fixes are applied by `--fix`, Unsafe ones only
/// with `--unsafe-fixes`, DisplayOnly ones are shown and never applied.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Applicability {
    Safe,
    Unsafe,
    DisplayOnly,
}

impl Applicability {
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::Safe => "safe",
            Applicability::Unsafe => "unsafe",
            Applicability::DisplayOnly => "display-only",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Applicability::Safe => "sikker rettelse",
            Applicability::Unsafe => "tjek rettelsen",
            Applicability::DisplayOnly => "forslag",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Edit {
    pub span: Span,
    /// Shared with the suggestion's replacement when the suggestion is this one edit.
    pub replacement: Arc<str>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suggestion {
    /// What the user reads: the replacement text, or a rewritten sentence. Shared, like a
    /// finding's message (see `intern`).
    pub replacement: Arc<str>,
    pub edits: Vec<Edit>,
    pub applicability: Applicability,
}

impl Suggestion {
    /// A suggestion that replaces one span.
    pub fn replace(span: Span, replacement: impl AsRef<str>, applicability: Applicability) -> Self {
        let replacement = intern(replacement.as_ref());
        Suggestion {
            edits: vec![Edit {
                span,
                replacement: replacement.clone(),
            }],
            replacement,
            applicability,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    /// "pack/id".
    pub rule: Arc<str>,
    pub category: Category,
    pub severity: Severity,
    pub span: Span,
    /// Danish, du-form. Shared: findings repeat a few hundred messages (see `intern`).
    pub message: Arc<str>,
    pub suggestions: Vec<Suggestion>,
}
