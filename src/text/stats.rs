//! LIX and the counts behind it, per letter.

use serde::Serialize;

use crate::text::segment::{Paragraph, Sentence};

/// Letters with fewer words than this get an unstable LIX; reports say so.
pub const SHORT_TEXT_WORDS: usize = 100;

/// The LIX bands used in Denmark.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Band {
    #[serde(rename = "meget let")]
    VeryEasy,
    #[serde(rename = "let")]
    Easy,
    #[serde(rename = "middel")]
    Medium,
    #[serde(rename = "svær")]
    Hard,
    #[serde(rename = "meget svær")]
    VeryHard,
}

impl Band {
    pub fn of(lix: f64) -> Band {
        match lix {
            l if l < 25.0 => Band::VeryEasy,
            l if l < 35.0 => Band::Easy,
            l if l < 45.0 => Band::Medium,
            l if l < 55.0 => Band::Hard,
            _ => Band::VeryHard,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Band::VeryEasy => "meget let",
            Band::Easy => "let",
            Band::Medium => "middel",
            Band::Hard => "svær",
            Band::VeryHard => "meget svær",
        }
    }

    pub const ALL: [Band; 5] = [
        Band::VeryEasy,
        Band::Easy,
        Band::Medium,
        Band::Hard,
        Band::VeryHard,
    ];
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Stats {
    pub words: usize,
    pub long_words: usize,
    pub sentences: usize,
    /// LIX rounded to one decimal.
    pub lix: f64,
    pub band: Band,
    pub paragraphs: usize,
    pub mean_sentence_words: f64,
    /// Share of long words, 0–1.
    pub long_word_share: f64,
    /// The longest sentence in words.
    pub max_sentence_words: usize,
    /// Sentences with at least one s- or blive-passive.
    pub passive_sentences: usize,
    /// Share of sentences with a passive, 0–1.
    pub passive_share: f64,
    /// True when the letter has fewer than 100 words, so LIX is unstable.
    pub short_text: bool,
}

/// LIX = words / sentences + 100 × long words / words. Zero for a text without words.
pub fn lix(words: usize, long_words: usize, sentences: usize) -> f64 {
    if words == 0 || sentences == 0 {
        return 0.0;
    }
    words as f64 / sentences as f64 + 100.0 * long_words as f64 / words as f64
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// The statistics of a text; `passive_sentences` is 0 until `Stats::with_passive` sets it.
pub fn compute(sentences: &[Sentence], paragraphs: &[Paragraph]) -> Stats {
    // One pass: a 100 MB text has 2 million sentences.
    let (words, long_words, max_sentence_words) =
        sentences.iter().fold((0, 0, 0), |(w, l, m), s| {
            (w + s.words, l + s.long_words, m.max(s.words))
        });
    let n = sentences.len();
    let value = lix(words, long_words, n);
    Stats {
        words,
        long_words,
        sentences: n,
        lix: round1(value),
        band: Band::of(value),
        paragraphs: paragraphs.len(),
        mean_sentence_words: round1(ratio(words, n)),
        long_word_share: (ratio(long_words, words) * 1000.0).round() / 1000.0,
        max_sentence_words,
        passive_sentences: 0,
        passive_share: 0.0,
        short_text: words < SHORT_TEXT_WORDS,
    }
}

impl Stats {
    /// The statistics with this many sentences with a passive.
    pub fn with_passive(self, passive_sentences: usize) -> Stats {
        Stats {
            passive_sentences,
            passive_share: (ratio(passive_sentences, self.sentences) * 1000.0).round() / 1000.0,
            ..self
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn worked_example_from_the_domain_brief() {
        // "Du får boligstøtte fra 1. december. Pengene kommer på din NemKonto."
        assert_eq!(lix(10, 4, 2), 45.0);
        assert_eq!(Band::of(45.0), Band::Hard);
        assert_eq!(Band::of(44.9), Band::Medium);
        assert_eq!(Band::of(24.9), Band::VeryEasy);
        assert_eq!(Band::of(55.0), Band::VeryHard);
    }

    #[test]
    fn one_pass_gives_the_totals_the_longest_sentence_and_the_passive_share() {
        let doc = crate::Document::from_text(
            "t",
            "Ansøgningen er modtaget. Du får svar inden for fire uger fra i dag. Tak for brevet.",
        );
        let s = compute(&doc.sentences, &doc.paragraphs).with_passive(1);
        assert_eq!((s.sentences, s.words, s.max_sentence_words), (3, 16, 10));
        assert_eq!(s.long_words, 2);
        assert_eq!((s.passive_sentences, s.passive_share), (1, 0.333));
        assert_eq!(s.clone().with_passive(3).passive_share, 1.0);
        assert_eq!(s.with_passive(0).passive_share, 0.0);
    }
}
