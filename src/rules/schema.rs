//! The TOML schema of a rule pack, as serde types. Unknown keys are rejected.

use serde::Deserialize;
use toml::Spanned;

use crate::finding::{Applicability, Category, Severity};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackFile {
    pub pack: PackHeader,
    #[serde(default)]
    pub rule: Vec<Spanned<RuleDef>>,
}

/// A default pack as build.rs compiles it to JSON: each rule with the line it starts on.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CompiledPack {
    pub pack: PackHeader,
    pub rule: Vec<CompiledRule>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CompiledRule {
    pub line: usize,
    pub def: RuleDef,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackHeader {
    pub name: String,
    #[serde(default)]
    pub description: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// Phrases with plainer replacements.
    Substitution,
    /// Phrases to avoid, with advice and no mechanical replacement.
    Existence,
    /// Content the letter must have.
    Required,
    /// A threshold on a readability measure.
    Readability,
    /// A check written in Rust (passive voice, formal address, spelling, …).
    Builtin,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Substitution => "substitution",
            Kind::Existence => "existence",
            Kind::Required => "required",
            Kind::Readability => "readability",
            Kind::Builtin => "builtin",
        }
    }
}

/// What a readability rule measures.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Metric {
    /// LIX of the whole letter.
    Lix,
    /// Words in one sentence.
    SentenceWords,
    /// Letters in one word.
    WordLetters,
    /// Sentences in one paragraph.
    ParagraphSentences,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RuleDef {
    pub id: String,
    pub kind: Kind,
    pub category: Category,
    #[serde(default = "default_severity")]
    pub severity: Severity,
    pub message: String,
    pub why: Option<String>,
    #[serde(default)]
    pub phrases: Vec<String>,
    pub regex: Option<String>,
    #[serde(default)]
    pub replace: Vec<String>,
    pub applicability: Option<Applicability>,
    /// Report only the first occurrence in a letter.
    #[serde(default)]
    pub once: bool,
    /// Readability rules: what is measured and the largest value allowed.
    pub metric: Option<Metric>,
    pub max: Option<f64>,
    /// Required rules: the requirement applies only when one of these phrases occurs.
    #[serde(default)]
    pub when: Vec<String>,
    pub when_regex: Option<String>,
    #[serde(default)]
    pub examples: Vec<Example>,
}

fn default_severity() -> Severity {
    Severity::Warning
}

#[derive(Clone, Debug, Default, Deserialize, serde::Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Example {
    /// Text that must trigger the rule.
    pub bad: Option<String>,
    /// Text that must not trigger it.
    pub good: Option<String>,
    /// `bad` after applying the rule's first suggestion.
    pub fixed: Option<String>,
}
