//! One Aho-Corasick automaton for every phrase of every pack: substitution and existence
//! matches (longest first, no overlaps) and the presence of required content.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::da::inflect::{self, Form};
use crate::text::tokenize::{self, flag};

/// What a pattern is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// A phrase that triggers a finding.
    Find,
    /// A phrase whose presence satisfies a required rule.
    Require,
    /// A phrase whose presence makes a required rule apply.
    When,
}

#[derive(Clone, Debug)]
pub struct Pattern {
    /// Index of the rule in the rule set.
    pub rule: usize,
    pub role: Role,
    /// Forms taken by the phrase's inflection slots; more than one when the same text is two
    /// forms ("afholdt": past or participle).
    pub forms: Vec<Vec<Form>>,
    /// Number of tokens the pattern spans.
    pub tokens: usize,
}

/// A match in token terms.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PhraseMatch {
    pub pattern: usize,
    /// First token and one past the last.
    pub first: usize,
    pub end: usize,
}

pub struct PhraseMatcher {
    ac: Option<AhoCorasick>,
    pub patterns: Vec<Pattern>,
}

/// The key a phrase is matched by: its tokens, lower-cased, each between spaces.
pub fn phrase_key(phrase: &str) -> (String, usize) {
    let tokens = tokenize::tokenize(phrase);
    let mut key = String::with_capacity(phrase.len() + 2);
    key.push(' ');
    for t in &tokens {
        tokenize::push_normalized(t.text(phrase), t.has(flag::NORM), true, &mut key);
        key.push(' ');
    }
    (key, tokens.len())
}

#[derive(Default)]
pub struct Builder {
    keys: Vec<String>,
    patterns: Vec<Pattern>,
    seen: std::collections::HashMap<(String, usize, u8), usize>,
}

impl Builder {
    /// Adds every inflected form of a phrase template.
    pub fn add(&mut self, rule: usize, role: Role, template: &[inflect::Piece]) {
        for (text, forms) in inflect::expand(template) {
            let (key, tokens) = phrase_key(&text);
            if tokens == 0 {
                continue;
            }
            let id = (key, rule, role as u8);
            if let Some(&i) = self.seen.get(&id) {
                self.patterns[i].forms.push(forms);
                continue;
            }
            self.seen.insert(id.clone(), self.patterns.len());
            self.keys.push(id.0);
            self.patterns.push(Pattern {
                rule,
                role,
                forms: vec![forms],
                tokens,
            });
        }
    }

    pub fn build(self) -> PhraseMatcher {
        let ac = (!self.keys.is_empty()).then(|| {
            AhoCorasickBuilder::new()
                .match_kind(MatchKind::Standard)
                // A DFA: the fastest search; a few MB for the default packs, built once.
                .kind(Some(aho_corasick::AhoCorasickKind::ContiguousNFA))
                .build(&self.keys)
                .expect("phrase automaton within limits")
        });
        PhraseMatcher {
            ac,
            patterns: self.patterns,
        }
    }
}

/// The results of one scan.
#[derive(Default)]
pub struct Scan {
    /// Find-matches, leftmost-longest, without overlaps, in text order.
    pub found: Vec<PhraseMatch>,
    /// Patterns seen with role Require or When (indices into `patterns`), unordered.
    pub present: Vec<usize>,
}

impl PhraseMatcher {
    pub fn scan(&self, view: &crate::document::MatchView) -> Scan {
        let mut scan = Scan::default();
        let Some(ac) = &self.ac else { return scan };
        let mut candidates: Vec<PhraseMatch> = Vec::new();
        for m in ac.find_overlapping_iter(&view.text) {
            let p = &self.patterns[m.pattern().as_usize()];
            match p.role {
                Role::Find => {
                    // The key starts with the space before its first token.
                    let Some(first) = view.token_at(m.start() + 1) else {
                        continue;
                    };
                    candidates.push(PhraseMatch {
                        pattern: m.pattern().as_usize(),
                        first,
                        end: first + p.tokens,
                    });
                }
                Role::Require | Role::When => scan.present.push(m.pattern().as_usize()),
            }
        }
        // Leftmost first; at the same start the longest; then the earliest rule.
        candidates.sort_by(|a, b| {
            a.first
                .cmp(&b.first)
                .then(b.end.cmp(&a.end))
                .then(a.pattern.cmp(&b.pattern))
        });
        let mut taken_end = 0;
        for c in candidates {
            if c.first >= taken_end {
                taken_end = c.end;
                scan.found.push(c);
            }
        }
        scan
    }
}
