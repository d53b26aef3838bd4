//! The letter checks (rules `brev/…`): what a letter from a kommune must contain — contact,
//! and for a decision its reasons, legal basis and klagevejledning — and where the answer
//! stands. One analyzer scans a letter once and hands the facts to one module per check.

pub mod answer_first;
pub mod appeal;
mod automaton;
pub mod contact;
pub mod date_case;
pub mod decision;
pub mod layout;
pub mod lexicon;

use std::collections::HashSet;

use crate::Span;
use crate::config::{LetterConfig, Settings};
use crate::document::{Document, MatchView};
use crate::finding::{Finding, Severity};
use crate::rules::{Analyzer, Context, RuleInfo};
use layout::Layout;
use lexicon::{Cue, Hit, Lexicon};

/// What one scan of a letter found, shared by the checks.
pub struct Facts<'d> {
    pub doc: &'d Document,
    pub view: &'d MatchView,
    /// Every cue, sorted by first token.
    pub hits: Vec<Hit>,
    /// The cues of each sentence, as bits (`Cue::bit`).
    cues: Vec<u64>,
    pub layout: Layout,
    pub words: usize,
}

impl<'d> Facts<'d> {
    pub fn new(doc: &'d Document, lexicon: &Lexicon) -> Facts<'d> {
        Facts::with_layout(doc, lexicon, Layout::find(doc, lexicon))
    }

    /// The facts of a letter whose layout is already found (`Layout::find`).
    pub fn with_layout(doc: &'d Document, lexicon: &Lexicon, layout: Layout) -> Facts<'d> {
        let view = doc.match_view();
        let hits = lexicon.scan(view);
        // Hits and sentences both go in token order: one walk through both.
        let sentences = &doc.sentences;
        let mut cues = vec![0u64; sentences.len()];
        let mut s = 0;
        for h in &hits {
            let t = h.first as usize;
            while s < sentences.len() && sentences[s].tokens.end <= t {
                s += 1;
            }
            if s < sentences.len() && sentences[s].tokens.start <= t {
                cues[s] |= h.cue.bit();
            }
        }
        Facts {
            doc,
            view,
            hits,
            cues,
            layout,
            words: words(doc),
        }
    }

    /// Token `t` lower-cased and normalised, as the match view holds it.
    pub fn word(&self, t: usize) -> &str {
        self.view.token_text(t)
    }

    /// The sentence holding token `t`, if any.
    pub fn sentence_of(&self, t: usize) -> Option<usize> {
        let sentences = &self.doc.sentences;
        let s = sentences.partition_point(|sent| sent.tokens.end <= t);
        sentences
            .get(s)
            .is_some_and(|sent| sent.tokens.start <= t)
            .then_some(s)
    }

    pub fn has(&self, s: usize, cue: Cue) -> bool {
        self.cues[s] & cue.bit() != 0
    }

    /// The hits whose first token lies in sentence `s`.
    pub fn hits_in(&self, s: usize) -> &[Hit] {
        let range = &self.doc.sentences[s].tokens;
        let a = self
            .hits
            .partition_point(|h| (h.first as usize) < range.start);
        let b = self
            .hits
            .partition_point(|h| (h.first as usize) < range.end);
        &self.hits[a..b]
    }

    /// The first word token of sentence `s` (after list marks, "#" and the like).
    pub fn first_word(&self, s: usize) -> Option<usize> {
        layout::first_word(self.doc, s)
    }

    pub fn is_question(&self, s: usize) -> bool {
        let r = &self.doc.sentences[s].tokens;
        r.clone()
            .rev()
            .take(2)
            .any(|t| self.doc.tokens[t].text(&self.doc.text) == "?")
    }

    /// A subject line or heading before the body: a line of at least two words above the
    /// salutation (or above the first paragraph of running text).
    pub fn is_heading(&self, s: usize) -> bool {
        let sent = &self.doc.sentences[s];
        sent.kind == crate::text::segment::SentenceKind::Line
            && sent.words >= 2
            && sent.span.start < self.layout.body_start
            && Some(s) != self.layout.salutation
    }

    /// Does sentence `s` end with a colon ("Sagsbehandler:")?
    pub fn ends_with_colon(&self, s: usize) -> bool {
        let r = &self.doc.sentences[s].tokens;
        r.end > r.start && self.doc.tokens[r.end - 1].text(&self.doc.text) == ":"
    }

    /// Is this text a whole letter? See `Layout::is_letter`.
    pub fn is_letter(&self, min_words: usize) -> bool {
        self.layout.is_letter(self.words, min_words)
    }
}

/// The number of words in the document's sentences.
fn words(doc: &Document) -> usize {
    doc.sentences.iter().map(|s| s.words).sum()
}

/// The letter analyzer: vocabulary compiled once, configuration, and which rules have a fixed
/// severity from klarsprog.toml (otherwise a finding's severity follows what is missing).
pub struct LetterAnalyzer {
    /// Shared with the spelling check, which needs the same layout.
    pub lexicon: std::sync::Arc<Lexicon>,
    pub config: LetterConfig,
    fixed_severity: HashSet<String>,
}

impl LetterAnalyzer {
    pub fn new(settings: &Settings) -> LetterAnalyzer {
        let rules = all_rules();
        let fixed_severity = rules
            .iter()
            .filter(|r| {
                settings.overrides.severity.iter().any(|(name, _)| {
                    name == r.id.as_ref() || *name == r.pack || name == r.category.as_str()
                })
            })
            .map(|r| r.id.to_string())
            .collect();
        let mut config = settings.letter.clone();
        // Lower-cased once here, so the signature check compares without allocating.
        for w in &mut config.department_words {
            *w = w.to_lowercase();
        }
        LetterAnalyzer {
            lexicon: std::sync::Arc::new(Lexicon::new(&settings.letter)),
            config,
            fixed_severity,
        }
    }

    /// Reports a finding for rule `id` when it is enabled. `graded` is the severity that fits
    /// what was found; a severity set in klarsprog.toml wins over it.
    pub fn emit(
        &self,
        ctx: &Context<'_>,
        out: &mut Vec<Finding>,
        id: &str,
        graded: Option<Severity>,
        span: Span,
        message: String,
    ) {
        let Some(mut f) = ctx.finding(id, span, message, Vec::new()) else {
            return;
        };
        if let Some(sev) = graded
            && !self.fixed_severity.contains(id)
        {
            f.severity = sev;
        }
        out.push(f);
    }
}

fn all_rules() -> Vec<RuleInfo> {
    let mut rules = contact::rules();
    rules.extend(decision::rules());
    rules.extend(appeal::rules());
    rules.extend(answer_first::rules());
    rules.extend(date_case::rules());
    rules
}

impl Analyzer for LetterAnalyzer {
    /// Measured with callgrind on 200 generated letters (see `Analyzer::cost`).
    fn cost(&self) -> u32 {
        3
    }

    fn rules(&self) -> Vec<RuleInfo> {
        all_rules()
    }

    fn check(&self, doc: &Document, ctx: &Context<'_>, out: &mut Vec<Finding>) {
        if doc.sentences.is_empty() {
            return;
        }
        // The layout tells whether the text is a letter at all; only a letter is scanned.
        let layout = Layout::find(doc, &self.lexicon);
        if !layout.is_letter(words(doc), self.config.min_words) {
            return;
        }
        let facts = Facts::with_layout(doc, &self.lexicon, layout);
        contact::check(&facts, self, ctx, out);
        date_case::check(&facts, self, ctx, out);
        let decision = decision::recognise(&facts);
        if decision.is_decision {
            let appeal = appeal::Appeal::find(&facts);
            decision::check(&facts, &appeal, self, ctx, out);
            appeal::check(&facts, &appeal, self, ctx, out);
            answer_first::check(&facts, &decision, &appeal, self, ctx, out);
        }
    }
}

/// "a", "a og b", "a, b og c".
pub fn join_da(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => one.to_string(),
        [rest @ .., last] => format!("{} og {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn danish_lists() {
        assert_eq!(join_da(&["a"]), "a");
        assert_eq!(join_da(&["a", "b"]), "a og b");
        assert_eq!(join_da(&["a", "b", "c"]), "a, b og c");
    }

    #[test]
    fn facts_map_tokens_to_sentences_and_cues() {
        let doc = Document::from_text(
            "x",
            "Kære Anne\n\nDu får hjælp, fordi du er syg.\n\nMed venlig hilsen\nBo Holm",
        );
        let lex = Lexicon::new(&LetterConfig::default());
        let f = Facts::new(&doc, &lex);
        assert!(f.has(1, Cue::WeakAnswer) && f.has(1, Cue::Reason));
        assert_eq!(f.word(2), "du");
        assert!(f.is_letter(80), "a closing makes a letter");
        assert_eq!(f.layout.salutation, Some(0));
        assert_eq!(f.layout.closing, Some(2));
    }
}
