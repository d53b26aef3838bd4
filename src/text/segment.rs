//! Danish sentences and paragraphs: where a period ends a sentence, and which lines are units
//! of their own (headings, list items, letterhead, address and signature lines).

use std::ops::Range;

use crate::Span;
use crate::da::abbrev;
use crate::text::tokenize::{Token, TokenKind, flag};

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SentenceKind {
    /// Running text ended by . ! ? : (or by the end of its paragraph).
    Running,
    /// A line without end punctuation: heading, list item, letterhead, address, signature.
    Line,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    pub span: Span,
    /// Indices into the document's tokens.
    pub tokens: Range<usize>,
    pub words: usize,
    pub long_words: usize,
    pub kind: SentenceKind,
    pub paragraph: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paragraph {
    pub span: Span,
    /// Indices into the document's sentences.
    pub sentences: Range<usize>,
    /// Number of lines in the paragraph.
    pub lines: usize,
}

/// A word is long when it has more than this many letters (LIX).
pub const LONG_WORD_LETTERS: usize = 6;

/// A line break inside a paragraph of extracted text (Word's Shift+Enter, HTML's `<br>`):
/// U+2028 LINE SEPARATOR, so every paragraph stays on one line of the text.
pub const SOFT_BREAK: char = '\u{2028}';

/// Splits the text into paragraphs (blocks of non-blank lines) and sentences.
/// Sentences without a single word (a date line, a phone line) are kept out: they are not
/// sentences a reader reads, and counting them would lower LIX.
pub fn segment(text: &str, tokens: &[Token]) -> (Vec<Paragraph>, Vec<Sentence>) {
    segment_with(text, tokens, false)
}

/// Like [`segment`] for text extracted from DOCX, ODT or HTML: every line is a paragraph of
/// its own, and [`SOFT_BREAK`] separates the lines inside one.
pub fn segment_extracted(text: &str, tokens: &[Token]) -> (Vec<Paragraph>, Vec<Sentence>) {
    segment_with(text, tokens, true)
}

fn segment_with(text: &str, tokens: &[Token], per_line: bool) -> (Vec<Paragraph>, Vec<Sentence>) {
    if !crate::parallel::worth_it(text.len()) {
        return segment_range(text, tokens, per_line, 0..text.len(), 0);
    }
    segment_pieces(text, tokens, per_line, &crate::parallel::piece_bounds(text))
}

/// A long text segmented in pieces cut after blank lines (`bounds`, from `parallel`), on
/// several threads: no paragraph crosses a blank line, so each piece has whole paragraphs, and
/// its sentences and paragraphs are numbered on from the pieces before it.
fn segment_pieces(
    text: &str,
    tokens: &[Token],
    per_line: bool,
    bounds: &[usize],
) -> (Vec<Paragraph>, Vec<Sentence>) {
    use rayon::prelude::*;
    let pieces: Vec<(Vec<Paragraph>, Vec<Sentence>)> = bounds
        .par_windows(2)
        .map(|w| {
            let first_token = tokens.partition_point(|t| (t.start as usize) < w[0]);
            segment_range(text, tokens, per_line, w[0]..w[1], first_token)
        })
        .collect();
    let (piece_paragraphs, piece_sentences): (Vec<Vec<Paragraph>>, Vec<Vec<Sentence>>) =
        pieces.into_iter().unzip();
    // The paragraphs and sentences before each piece: its numbers go on from there.
    let (p0, s0) = (
        crate::parallel::counts_before(&piece_paragraphs),
        crate::parallel::counts_before(&piece_sentences),
    );
    let paragraphs = crate::parallel::concat_map(&piece_paragraphs, |k, p| {
        let mut p = p.clone();
        p.sentences = p.sentences.start + s0[k]..p.sentences.end + s0[k];
        p
    });
    let sentences = crate::parallel::concat_map(&piece_sentences, |k, s| {
        let mut s = s.clone();
        s.paragraph += p0[k];
        s
    });
    (paragraphs, sentences)
}

/// The paragraphs and sentences of the lines in `bytes` (which start and end at line
/// boundaries), whose tokens start at index `first_token`. Paragraphs and sentences are
/// numbered from 0.
fn segment_range(
    text: &str,
    tokens: &[Token],
    per_line: bool,
    bytes: Range<usize>,
    first_token: usize,
) -> (Vec<Paragraph>, Vec<Sentence>) {
    let lines = lines(text, bytes, per_line);
    let mut paragraphs = Vec::new();
    let mut sentences = Vec::new();
    let mut tok = first_token;
    let mut i = 0;
    while i < lines.len() {
        if lines[i].blank {
            i += 1;
            continue;
        }
        let first = i;
        while i < lines.len() && !lines[i].blank {
            i += 1;
            if per_line && lines[i - 1].hard_end {
                break;
            }
        }
        let block = &lines[first..i];
        let span = Span::new(block[0].span.start, block[block.len() - 1].span.end);
        // Skip tokens before the block (there are none but whitespace; defensive).
        while tok < tokens.len() && (tokens[tok].end as usize) <= span.start {
            tok += 1;
        }
        let tok_start = tok;
        while tok < tokens.len() && (tokens[tok].start as usize) < span.end {
            tok += 1;
        }
        let sent_start = sentences.len();
        let breaks: Vec<usize> = block
            .windows(2)
            .filter(|w| line_unit_ends(text, &w[0], &w[1]))
            .map(|w| w[0].span.end)
            .collect();
        split_sentences(
            text,
            tokens,
            tok_start..tok,
            &breaks,
            paragraphs.len(),
            &mut sentences,
        );
        paragraphs.push(Paragraph {
            span,
            sentences: sent_start..sentences.len(),
            lines: block.len(),
        });
    }
    (paragraphs, sentences)
}

#[derive(Clone, Copy, Debug)]
struct Line {
    /// The line without its terminator and without leading and trailing whitespace.
    span: Span,
    blank: bool,
    /// Ended by `\n` or the end of the text (not by a [`SOFT_BREAK`]).
    hard_end: bool,
}

/// The lines of `text[range]`, which starts at a line start and ends at a line end.
fn lines(text: &str, range: Range<usize>, soft_breaks: bool) -> Vec<Line> {
    let mut out = Vec::with_capacity(range.len() / 40 + 1);
    let mut start = range.start;
    let bytes = &text.as_bytes()[..range.end];
    let mut push = |start: usize, end: usize, hard_end: bool| {
        let s = &text[start..end];
        let trimmed_start = s.len() - s.trim_start().len();
        let trimmed = s.trim();
        let blank = trimmed
            .chars()
            .all(|c| c.is_whitespace() || c == '\u{AD}' || c == '\u{200B}' || c == '\u{FEFF}');
        let a = start + trimmed_start;
        out.push(Line {
            span: Span::new(a, a + trimmed.len()),
            blank,
            hard_end,
        });
    };
    for nl in memchr::memchr_iter(b'\n', &bytes[range.start..]).map(|i| range.start + i) {
        if soft_breaks {
            let base = start;
            for (i, _) in text[base..nl].match_indices(SOFT_BREAK) {
                push(start, base + i, false);
                start = base + i + SOFT_BREAK.len_utf8();
            }
        }
        push(start, nl, true);
        start = nl + 1;
    }
    if soft_breaks {
        let base = start;
        for (i, _) in text[base..range.end].match_indices(SOFT_BREAK) {
            push(start, base + i, false);
            start = base + i + SOFT_BREAK.len_utf8();
        }
    }
    push(start, range.end, true);
    out
}

fn is_list_marker_line(s: &str) -> bool {
    let mut chars = s.chars();
    match chars.next() {
        Some('-' | '*' | '•' | '–' | '—' | '·' | '▪' | '\u{F0B7}' | '>' | '|' | '#') => {
            true
        }
        Some(c) if c.is_ascii_digit() => {
            let rest = s.trim_start_matches(|c: char| c.is_ascii_digit());
            (rest.starts_with(". ") || rest.starts_with(") ")) && s.len() - rest.len() <= 2
        }
        Some(c) if c.is_alphabetic() => {
            let rest = &s[c.len_utf8()..];
            rest.starts_with(") ")
        }
        _ => false,
    }
}

/// Words after which a line of running text cannot end: a break after them is a wrapped line.
fn is_function_word(w: &str) -> bool {
    matches!(
        w,
        "og" | "eller"
            | "men"
            | "i"
            | "på"
            | "til"
            | "af"
            | "fra"
            | "med"
            | "for"
            | "om"
            | "at"
            | "der"
            | "som"
            | "en"
            | "et"
            | "den"
            | "det"
            | "de"
            | "du"
            | "vi"
            | "jeg"
            | "har"
            | "er"
            | "var"
            | "kan"
            | "skal"
            | "vil"
            | "må"
            | "bør"
            | "ikke"
            | "hvis"
            | "når"
            | "efter"
            | "inden"
            | "under"
            | "over"
            | "ved"
            | "hos"
            | "mod"
            | "uden"
            | "din"
            | "dit"
            | "dine"
            | "vores"
            | "jeres"
            | "sin"
            | "sit"
            | "sine"
            | "hans"
            | "hendes"
            | "deres"
            | "os"
            | "dig"
            | "sig"
            | "blive"
            | "bliver"
            | "blev"
            | "være"
            | "have"
            | "får"
            | "fik"
            | "så"
            | "da"
            | "end"
            | "samt"
            | "både"
            | "hvor"
            | "hvad"
            | "hvem"
            | "hvilke"
            | "hvilken"
            | "fordi"
            | "mellem"
            | "gennem"
            | "per"
            | "pr"
    )
}

/// Does the line `cur`, followed in the same block by `next`, end a line unit?
fn line_unit_ends(text: &str, cur: &Line, next: &Line) -> bool {
    let c = cur.span.slice(text);
    let n = next.span.slice(text);
    if is_list_marker_line(n) || is_list_marker_line(c) {
        return true;
    }
    let last = c
        .trim_end_matches(['"', '»', '”', '’', ')', '\'', '*', '_'])
        .chars()
        .last()
        .unwrap_or(' ');
    if matches!(last, '.' | '!' | '?' | ':' | '…') {
        // Token logic decides (abbreviations, ordinals).
        return false;
    }
    if matches!(last, ',' | ';' | '(' | '\u{AD}')
        || (matches!(last, '-' | '\u{2010}') && n.starts_with(char::is_lowercase))
    {
        return false;
    }
    let Some(first) = n.chars().next() else {
        return true;
    };
    if first.is_lowercase() {
        return false;
    }
    let last_word = c
        .rsplit(|ch: char| !ch.is_alphabetic())
        .next()
        .unwrap_or("");
    !is_function_word(&last_word.to_lowercase())
}

fn is_terminal_punct(s: &str) -> bool {
    matches!(s, "." | "!" | "?" | ":" | "…")
}

fn is_closing(s: &str) -> bool {
    matches!(
        s,
        "\"" | "»" | "”" | "’" | "'" | ")" | "]" | "." | "!" | "?" | "…"
    )
}

fn split_sentences(
    text: &str,
    tokens: &[Token],
    range: Range<usize>,
    breaks: &[usize],
    paragraph: usize,
    out: &mut Vec<Sentence>,
) {
    let mut start = range.start;
    let mut next_break = 0;
    let mut k = range.start;
    let mut lower = String::new();
    let close = |from: usize, to: usize, kind: SentenceKind, out: &mut Vec<Sentence>| {
        if from >= to {
            return;
        }
        let (mut words, mut long_words) = (0, 0);
        for t in &tokens[from..to] {
            if t.kind == TokenKind::Word {
                words += 1;
                if t.has_more_letters_than(text, LONG_WORD_LETTERS) {
                    long_words += 1;
                }
            }
        }
        if words == 0 {
            return;
        }
        let span = Span::new(tokens[from].start as usize, tokens[to - 1].end as usize);
        out.push(Sentence {
            span,
            tokens: from..to,
            words,
            long_words,
            kind,
            paragraph,
        });
    };
    while k < range.end {
        let t = tokens[k];
        // A line-unit break before this token?
        while next_break < breaks.len() && breaks[next_break] <= t.start as usize {
            close(start, k, SentenceKind::Line, out);
            start = k;
            next_break += 1;
        }
        let s = t.text(text);
        let mut ends = false;
        if t.kind == TokenKind::Punct && is_terminal_punct(s) {
            ends = true;
        } else if t.kind == TokenKind::Word && t.has(flag::ABBREV) {
            lower.clear();
            lower.extend(s.chars().flat_map(char::to_lowercase));
            if abbrev::may_end_sentence(&lower) {
                let next = tokens[k + 1..range.end].first();
                ends = match next {
                    None => true,
                    Some(n) => {
                        n.kind == TokenKind::Word
                            && n.has(flag::CAPITAL)
                            && !abbrev::is_month(&n.text(text).to_lowercase())
                    }
                };
            }
        }
        k += 1;
        if ends {
            // A run of end marks and closing quotes belongs to the sentence.
            while k < range.end
                && tokens[k].kind == TokenKind::Punct
                && is_closing(tokens[k].text(text))
                && tokens[k].start == tokens[k - 1].end
            {
                k += 1;
            }
            close(start, k, SentenceKind::Running, out);
            start = k;
        }
    }
    // The end of the paragraph ends the last sentence; a last line without end
    // punctuation is a line unit.
    let kind = if start < range.end && !is_terminal_punct(tokens[range.end - 1].text(text)) {
        SentenceKind::Line
    } else {
        SentenceKind::Running
    };
    close(start, range.end, kind, out);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize::tokenize;

    /// Pieces cut after blank lines give the paragraphs and sentences the whole text gives,
    /// numbered on over the pieces, for running text and for extracted text.
    #[test]
    fn pieces_give_the_segments_of_the_whole() {
        use proptest::prelude::*;
        const PARTS: &[&str] = &[
            "\n\n",
            "\r\n\r\n",
            "\n \t\n",
            "\n",
            " ",
            "Vi har modtaget din ansøgning.",
            "Ring til os",
            "bl.a.",
            "m.fl.",
            "Det",
            "1. januar",
            "Med venlig hilsen",
            "- punkt",
            "Afgørelse",
            "?",
            ":",
            "\u{2028}",
            "\u{AD}",
            "1.850 kr. Pengene",
        ];
        let text = crate::text::texts_of(PARTS, 60);
        proptest!(ProptestConfig::with_cases(1000), |(text in text, pieces in 2usize..9, per_line: bool)| {
            let tokens = tokenize(&text);
            let bounds = crate::parallel::cut_after_blank_lines(text.as_bytes(), pieces);
            prop_assert_eq!(
                segment_pieces(&text, &tokens, per_line, &bounds),
                segment_range(&text, &tokens, per_line, 0..text.len(), 0)
            );
        });
    }

    fn sentences(text: &str) -> Vec<String> {
        let tokens = tokenize(text);
        let (_, s) = segment(text, &tokens);
        s.iter().map(|s| s.span.slice(text).to_string()).collect()
    }

    #[test]
    fn abbreviations_ordinals_and_numbers_do_not_end_sentences() {
        let s = sentences(
            "Du får boligstøtte fra 1. december. Pengene kommer bl.a. på din NemKonto, jf. § 17, stk. 4. Beløbet er 7.038,25 kr. Det udbetales kl. 10.30.",
        );
        assert_eq!(s.len(), 4, "{s:?}");
        assert_eq!(
            s[1],
            "Pengene kommer bl.a. på din NemKonto, jf. § 17, stk. 4."
        );
        assert_eq!(s[2], "Beløbet er 7.038,25 kr.");
    }

    #[test]
    fn line_units_end_sentences_but_wrapped_lines_do_not() {
        let text = "Holbæk Kommune\nSocialafdelingen\nKanalstræde 2\n\nKære Anne\n\nVi har behandlet din ansøgning om\nboligstøtte, og du får hjælp.\n\n- Husk lønsedler\n- Send dem i dag";
        let s = sentences(text);
        assert_eq!(
            s,
            [
                "Holbæk Kommune",
                "Socialafdelingen",
                "Kanalstræde 2",
                "Kære Anne",
                "Vi har behandlet din ansøgning om\nboligstøtte, og du får hjælp.",
                "- Husk lønsedler",
                "- Send dem i dag"
            ]
        );
    }

    #[test]
    fn extracted_text_has_one_paragraph_per_line_and_soft_breaks_inside() {
        let text = "Holbæk Kommune\u{2028}Kanalstræde 2\nKære Anne\nVi har behandlet din ansøgning om\nboligstøtte.";
        let tokens = tokenize(text);
        let (p, s) = segment_extracted(text, &tokens);
        assert_eq!(p.len(), 4);
        let s: Vec<&str> = s.iter().map(|s| s.span.slice(text)).collect();
        assert_eq!(
            s,
            [
                "Holbæk Kommune",
                "Kanalstræde 2",
                "Kære Anne",
                "Vi har behandlet din ansøgning om",
                "boligstøtte."
            ]
        );
    }

    #[test]
    fn colons_and_runs_of_marks_end_one_sentence() {
        let s = sentences("Hvad nu?! Du skal gøre tre ting: ringe, skrive og vente... Tak.");
        assert_eq!(
            s,
            [
                "Hvad nu?!",
                "Du skal gøre tre ting:",
                "ringe, skrive og vente...",
                "Tak."
            ]
        );
    }

    #[test]
    fn abbreviation_may_end_a_sentence_before_a_capital() {
        let s = sentences(
            "Vi hjælper borgere, foreninger m.fl. Det er gratis. Prisen er 50 kr. om måneden.",
        );
        assert_eq!(s.len(), 3, "{s:?}");
    }
}
