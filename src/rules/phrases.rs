//! Phrase matching on tokens: every phrase of every pack (substitution and existence matches,
//! leftmost-longest, no overlaps) and the presence of required content.
//!
//! A phrase is its tokens as the document's `MatchView` spells them (lower case, normalised).
//! Patterns are indexed by their first token, so a scan costs one hash lookup per token of the
//! letter, and building the index at start-up costs one insert per inflected form: no automaton
//! to compile. Because patterns are whole token sequences, a match can only start at a token
//! start and end at a token end.

use foldhash::HashMap;

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
    /// The phrase's tokens as the match view spells them.
    pub key: Box<[Box<str>]>,
    /// What follows the first token in the match view where the phrase is: each further
    /// token after two spaces ("  token  token"); one comparison checks them all.
    rest: Box<str>,
    /// Index of the rule in the rule set.
    pub rule: usize,
    pub role: Role,
    /// Forms taken by the phrase's inflection slots; more than one when the same text is two
    /// forms ("afholdt": past or participle).
    pub forms: Vec<Vec<Form>>,
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
    /// Patterns by first token.
    index: HashMap<Box<str>, Starting>,
    /// A bit for each first token's `signature`: most tokens of a letter start no phrase, and
    /// a clear bit says so before the hash lookup does.
    first_tokens: Box<[u64; SIGNATURE_WORDS]>,
    pub patterns: Vec<Pattern>,
}

/// Bits in the first-token filter: 64 Ki bits (8 KB) for a few thousand first tokens.
const SIGNATURE_BITS: u32 = 16;
const SIGNATURE_WORDS: usize = (1 << SIGNATURE_BITS) / 64;

/// A token's bit in the first-token filter, from its length and its first, second and last
/// bytes.
fn signature(token: &str) -> usize {
    let b = token.as_bytes();
    let byte = |i: Option<&u8>| u32::from(i.copied().unwrap_or(0));
    let packed = u32::from(b.len().min(255) as u8)
        | byte(b.first()) << 8
        | byte(b.get(1)) << 16
        | byte(b.last()) << 24;
    (packed.wrapping_mul(0x9E37_79B1) >> (32 - SIGNATURE_BITS)) as usize
}

/// The patterns that start with one token.
#[derive(Default)]
struct Starting {
    /// Find patterns, longest first, then in the order added.
    find: Vec<u32>,
    /// Require and When patterns.
    presence: Vec<u32>,
}

/// A phrase as the match view's text spells it, for an automaton over that text (the letter
/// vocabulary): its tokens separated by two spaces, with one space before and after. With the
/// number of its tokens.
pub fn phrase_key(phrase: &str) -> (String, usize) {
    let tokens = phrase_tokens(phrase);
    (format!(" {} ", tokens.join("  ")), tokens.len())
}

/// A phrase's tokens as the match view spells them.
pub fn phrase_tokens(phrase: &str) -> Box<[Box<str>]> {
    plain_words(phrase).unwrap_or_else(|| tokenized(phrase))
}

/// A phrase's tokens, by the tokenizer.
fn tokenized(phrase: &str) -> Box<[Box<str>]> {
    let mut buf = String::new();
    tokenize::tokenize(phrase)
        .iter()
        .map(|t| {
            buf.clear();
            crate::document::push_view_token(phrase, t, &mut buf);
            Box::from(buf.as_str())
        })
        .collect()
}

/// Most phrases are lower-case Danish words and single spaces: their tokens are the words as
/// written, without running the tokenizer (start-up builds thousands of phrases).
fn plain_words(phrase: &str) -> Option<Box<[Box<str>]>> {
    let plain = !phrase.is_empty()
        && !phrase.starts_with(' ')
        && !phrase.ends_with(' ')
        && !phrase.contains("  ")
        && phrase
            .chars()
            .all(|c| c == ' ' || c.is_ascii_lowercase() || matches!(c, 'æ' | 'ø' | 'å'));
    plain.then(|| phrase.split(' ').map(Box::from).collect())
}

/// A phrase template's inflected forms: each one's tokens (never empty) with the forms its
/// slots took, in the order `inflect::expand` gives them.
pub type Keyed = Vec<(Box<[Box<str>]>, Vec<Form>)>;

/// A phrase template, inflected and tokenized.
pub fn keyed(template: &[inflect::Piece]) -> Keyed {
    inflect::expand(template)
        .into_iter()
        .filter_map(|(text, forms)| {
            let key = phrase_tokens(&text);
            (!key.is_empty()).then_some((key, forms))
        })
        .collect()
}

#[derive(Default)]
pub struct Builder {
    patterns: Vec<Pattern>,
    /// The hash of each pattern's (rule, role, key), to its index: two forms of a rule with
    /// one spelling share a pattern, found without cloning keys into a map and without a scan
    /// (one rule may have many thousand phrases).
    seen: HashMap<u64, usize>,
}

impl Builder {
    /// Adds every inflected form of a phrase template (see `keyed`).
    pub fn add(&mut self, rule: usize, role: Role, keyed: Keyed) {
        use std::hash::BuildHasher;
        let hasher = foldhash::fast::FixedState::default();
        for (key, forms) in keyed {
            let same = |p: &Pattern| p.rule == rule && p.role == role && p.key == key;
            let hash = hasher.hash_one((rule, role as u8, &key));
            let found = match self.seen.get(&hash) {
                Some(&i) if same(&self.patterns[i]) => Some(i),
                // Another pattern with this hash: look through them all (it does not happen).
                Some(_) => self.patterns.iter().position(same),
                None => None,
            };
            if let Some(i) = found {
                self.patterns[i].forms.push(forms);
                continue;
            }
            self.seen.entry(hash).or_insert(self.patterns.len());
            let rest = key[1..].iter().flat_map(|t| ["  ", t]).collect();
            self.patterns.push(Pattern {
                key,
                rest,
                rule,
                role,
                forms: vec![forms],
            });
        }
    }

    pub fn build(self) -> PhraseMatcher {
        let mut index: HashMap<Box<str>, Starting> = HashMap::default();
        for (i, p) in self.patterns.iter().enumerate() {
            let starting = index.entry(p.key[0].clone()).or_default();
            match p.role {
                Role::Find => starting.find.push(i as u32),
                Role::Require | Role::When => starting.presence.push(i as u32),
            }
        }
        // Leftmost-longest: at a token, the pattern with the most tokens wins; among equals,
        // the one added first (the stable sort keeps that order).
        for starting in index.values_mut() {
            let patterns = &self.patterns;
            starting
                .find
                .sort_by_key(|&i| std::cmp::Reverse(patterns[i as usize].key.len()));
        }
        let mut first_tokens = Box::new([0u64; SIGNATURE_WORDS]);
        for first in index.keys() {
            let bit = signature(first);
            first_tokens[bit / 64] |= 1 << (bit % 64);
        }
        PhraseMatcher {
            index,
            first_tokens,
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
    /// Whether pattern `p` matches from a token that is its first, given the view after that
    /// token. View tokens have no spaces, so the further tokens match when the text does and a
    /// space ends it.
    fn matches_at(&self, p: u32, after_first: &str) -> bool {
        let (rest, after) = (
            self.patterns[p as usize].rest.as_bytes(),
            after_first.as_bytes(),
        );
        // The first letter of the second token settles most candidates without a memcmp.
        rest.get(2).is_none_or(|b| after.get(2) == Some(b))
            && after.starts_with(rest)
            && after.get(rest.len()) == Some(&b' ')
    }

    pub fn scan(&self, view: &crate::document::MatchView) -> Scan {
        let mut scan = Scan::default();
        // Find-matches do not overlap: the next one may start at `free` or later.
        let mut free = 0;
        for i in 0..view.starts.len() {
            let token = view.token_text(i);
            let bit = signature(token);
            if self.first_tokens[bit / 64] & (1 << (bit % 64)) == 0 {
                continue;
            }
            let Some(starting) = self.index.get(token) else {
                continue;
            };
            let after_first = &view.text[view.starts[i] as usize + token.len()..];
            if i >= free
                && let Some(p) = starting
                    .find
                    .iter()
                    .copied()
                    .find(|&p| self.matches_at(p, after_first))
            {
                free = i + self.patterns[p as usize].key.len();
                scan.found.push(PhraseMatch {
                    pattern: p as usize,
                    first: i,
                    end: free,
                });
            }
            scan.present.extend(
                starting
                    .presence
                    .iter()
                    .copied()
                    .filter(|&p| self.matches_at(p, after_first))
                    .map(|p| p as usize),
            );
        }
        scan
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The phrases of the default packs, every inflected form: the words the fast path splits
    /// are the tokens the tokenizer finds.
    #[test]
    fn plain_phrases_split_as_the_tokenizer_splits_them() {
        let mut plain = 0;
        for pack in crate::rules::builtin::default_packs().unwrap() {
            for rule in &pack.rules {
                for written in &rule.info.phrases {
                    let template = inflect::parse(written).unwrap();
                    for (text, _) in inflect::expand(&template) {
                        if let Some(words) = plain_words(&text) {
                            plain += 1;
                            assert_eq!(words, tokenized(&text), "«{text}»");
                        }
                    }
                }
            }
        }
        assert!(plain > 1000, "only {plain} phrases took the fast path");
    }

    /// Forms with one spelling share a pattern, per rule and role, also in a rule with tens of
    /// thousands of phrases (a scan per phrase made that quadratic).
    #[test]
    fn one_spelling_is_one_pattern_per_rule_and_role() {
        let key = |n: usize| -> Box<[Box<str>]> { [format!("ord{n}").into(), "x".into()].into() };
        let mut b = Builder::default();
        let many: Keyed = (0..60_000).map(|n| (key(n), vec![])).collect();
        b.add(0, Role::Find, many);
        b.add(0, Role::Find, vec![(key(7), vec![Form::Passive])]);
        b.add(0, Role::Require, vec![(key(7), vec![])]);
        b.add(1, Role::Find, vec![(key(7), vec![])]);
        let m = b.build();
        assert_eq!(m.patterns.len(), 60_002);
        assert_eq!(m.patterns[7].forms, vec![vec![], vec![Form::Passive]]);
        assert_eq!(
            (m.patterns[60_000].rule, m.patterns[60_000].role),
            (0, Role::Require)
        );
        assert_eq!(
            (m.patterns[60_001].rule, m.patterns[60_001].role),
            (1, Role::Find)
        );
    }

    proptest! {
        /// `matches_at` compares the view's text after a first token: that is comparing tokens
        /// only while no token of the view holds a space.
        #[test]
        fn view_tokens_hold_no_space(
            text in crate::text::texts_of(
                &["a", "Å", "1", "12", " ", "\u{A0}", "\n", "-", ".", ",", ":", "/", "@", "+45 ",
                  "72 36 00 00", "7236 0000", "www.", "https://", "\u{AD}", "ﬁ", "B. ", "kr."],
                16,
            )
        ) {
            let d = crate::document::Document::from_text("x", &text);
            let view = d.match_view();
            for i in 0..view.starts.len() {
                prop_assert!(!view.token_text(i).contains(' '), "token {} of {:?}", i, text);
            }
        }

        #[test]
        fn phrase_tokens_are_the_tokenizers(
            text in crate::text::texts_of(
                &["a", "z", "æ", "ø", "å", "é", "A", "Ø", " ", "  ", ".", "-", "1", "\u{AD}", "ﬁ"],
                12,
            )
        ) {
            prop_assert_eq!(phrase_tokens(&text), tokenized(&text));
        }
    }
}
