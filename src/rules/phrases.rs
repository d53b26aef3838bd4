//! One Aho-Corasick automaton for every phrase of every pack (substitution and existence
//! matches, leftmost-longest, no overlaps) and a small one for the presence of required content.
//!
//! Both search the document's `MatchView`, where tokens are separated by two spaces and a key is
//! its tokens separated by two spaces with one space on each side (" i  henhold  til "): a key
//! can only start at a token start and end at a token end, and two keys in a row do not share a
//! space, so a plain leftmost-longest search finds exactly the token-aligned matches.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::da::inflect::{self, Form};
use crate::text::tokenize;

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
    /// Find patterns; automaton pattern id → index in `patterns`.
    find: Option<(AhoCorasick, Vec<usize>)>,
    /// Require and When patterns.
    presence: Option<(AhoCorasick, Vec<usize>)>,
    pub patterns: Vec<Pattern>,
}

/// The key a phrase is matched by: its tokens, lower-cased, separated by two spaces, with one
/// space before and after.
pub fn phrase_key(phrase: &str) -> (String, usize) {
    let tokens = tokenize::tokenize(phrase);
    let mut key = String::with_capacity(phrase.len() * 2 + 2);
    key.push(' ');
    for (i, t) in tokens.iter().enumerate() {
        if i > 0 {
            key.push_str("  ");
        }
        crate::document::push_view_token(phrase, t, &mut key);
    }
    key.push(' ');
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
        let automaton = |kind: MatchKind, role: fn(Role) -> bool| {
            let ids: Vec<usize> = (0..self.patterns.len())
                .filter(|&i| role(self.patterns[i].role))
                .collect();
            if ids.is_empty() {
                return None;
            }
            let ac = AhoCorasickBuilder::new()
                .match_kind(kind)
                // A contiguous NFA: quick to build at start-up, fast enough to search.
                .kind(Some(aho_corasick::AhoCorasickKind::ContiguousNFA))
                .build(ids.iter().map(|&i| &self.keys[i]))
                .expect("phrase automaton within limits");
            Some((ac, ids))
        };
        PhraseMatcher {
            find: automaton(MatchKind::LeftmostLongest, |r| r == Role::Find),
            presence: automaton(MatchKind::Standard, |r| r != Role::Find),
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
        if let Some((ac, ids)) = &self.find {
            for m in ac.find_iter(&view.text) {
                let pattern = ids[m.pattern().as_usize()];
                // The key starts with the space before its first token.
                let Some(first) = view.token_at(m.start() + 1) else {
                    continue;
                };
                scan.found.push(PhraseMatch {
                    pattern,
                    first,
                    end: first + self.patterns[pattern].tokens,
                });
            }
        }
        if let Some((ac, ids)) = &self.presence {
            scan.present.extend(
                ac.find_overlapping_iter(&view.text)
                    .map(|m| ids[m.pattern().as_usize()]),
            );
        }
        scan
    }
}
