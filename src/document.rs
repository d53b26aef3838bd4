//! A decoded letter, tokenized and segmented once; rules read it and never change it.

use std::borrow::Cow;
use std::sync::OnceLock;

use serde::Serialize;

use crate::Span;
use crate::text::segment::{self, Paragraph, Sentence};
use crate::text::span::LineIndex;
use crate::text::tokenize::{self, Token, flag, push_normalized};

/// How the bytes were decoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Encoding {
    #[serde(rename = "utf-8")]
    Utf8,
    #[serde(rename = "utf-16le")]
    Utf16Le,
    #[serde(rename = "utf-16be")]
    Utf16Be,
    #[serde(rename = "windows-1252")]
    Windows1252,
}

impl Encoding {
    pub fn as_str(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf16Le => "utf-16le",
            Encoding::Utf16Be => "utf-16be",
            Encoding::Windows1252 => "windows-1252",
        }
    }
}

/// The kind of file the text came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Text,
    Markdown,
    Docx,
    Odt,
    Html,
}

impl Format {
    /// The format for a file name's extension; `None` for an extension klarsprog does not read.
    pub fn from_path(path: &str) -> Option<Format> {
        let ext = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase())?;
        Some(match ext.as_str() {
            "txt" | "text" => Format::Text,
            "md" | "markdown" => Format::Markdown,
            "docx" => Format::Docx,
            "odt" => Format::Odt,
            "html" | "htm" | "xhtml" => Format::Html,
            _ => return None,
        })
    }

    /// Formats whose text is extracted, so positions are paragraphs, not lines of a file.
    pub fn is_extracted(self) -> bool {
        matches!(self, Format::Docx | Format::Odt | Format::Html)
    }
}

/// Appends a token as the match view spells it: lower case, normalised (soft hyphens, broken
/// words, ligatures), and without inner spaces (a phone number "72 36 00 00").
pub fn push_view_token(text: &str, t: &Token, out: &mut String) {
    let s = t.text(text);
    if t.kind == tokenize::TokenKind::Phone {
        out.extend(s.chars().filter(|c| !c.is_whitespace()));
    } else {
        push_normalized(s, t.has(flag::NORM), true, out);
    }
}

/// The document's tokens as one lower-case string for phrase matching: " tok  tok  tok ".
/// Tokens are separated by two spaces, so a pattern " a  b " matches whole tokens only (see
/// rules/phrases.rs), across line breaks, soft hyphens and double spaces.
#[derive(Debug, Default)]
pub struct MatchView {
    pub text: String,
    /// Offset in `text` of each token's first byte (index = token index).
    pub starts: Vec<u32>,
}

impl MatchView {
    fn build(text: &str, tokens: &[Token]) -> MatchView {
        let mut view = String::with_capacity(text.len() + 2 * tokens.len() + 2);
        let mut starts = Vec::with_capacity(tokens.len());
        view.push(' ');
        for (i, t) in tokens.iter().enumerate() {
            if i > 0 {
                view.push_str("  ");
            }
            starts.push(view.len() as u32);
            let s = t.text(text);
            if t.kind != tokenize::TokenKind::Phone
                && !t.has(flag::NORM)
                && !tokenize::has_upper_non_ascii(s)
            {
                // Its only capitals are ASCII: lower-cased with the whole view below.
                view.push_str(s);
            } else {
                push_view_token(text, t, &mut view);
            }
        }
        view.push(' ');
        // Every other token is lower case already, and phone numbers have no letters.
        view.make_ascii_lowercase();
        MatchView { text: view, starts }
    }

    /// Token `i` as the view spells it.
    pub fn token_text(&self, i: usize) -> &str {
        let start = self.starts[i] as usize;
        // Tokens are followed by two spaces, the last one by one.
        let end = self
            .starts
            .get(i + 1)
            .map_or(self.text.len() - 1, |&n| n as usize - 2);
        &self.text[start..end]
    }

    /// The token that starts at `offset` in the view.
    pub fn token_at(&self, offset: usize) -> Option<usize> {
        self.starts.binary_search(&(offset as u32)).ok()
    }
}

#[derive(Debug)]
pub struct Document {
    /// The path, or the `--stdin-filename`, or "-".
    pub source: String,
    pub text: String,
    pub encoding: Encoding,
    pub format: Format,
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
    pub paragraphs: Vec<Paragraph>,
    pub lines: LineIndex,
    match_view: OnceLock<MatchView>,
}

impl Document {
    pub fn new(
        source: impl Into<String>,
        text: String,
        encoding: Encoding,
        format: Format,
    ) -> Document {
        let tokens = tokenize::tokenize(&text);
        let segment = || {
            if format.is_extracted() {
                segment::segment_extracted(&text, &tokens)
            } else {
                segment::segment(&text, &tokens)
            }
        };
        let match_view = OnceLock::new();
        // Segmenting, the line index and the match view each read only the text and the
        // tokens: a long document builds them on several threads.
        let ((paragraphs, sentences), lines) = if crate::parallel::worth_it(text.len()) {
            let ((segmented, view), lines) = rayon::join(
                || rayon::join(segment, || MatchView::build(&text, &tokens)),
                || LineIndex::new(&text),
            );
            match_view.set(view).ok();
            (segmented, lines)
        } else {
            (segment(), LineIndex::new(&text))
        };
        Document {
            source: source.into(),
            text,
            encoding,
            format,
            tokens,
            sentences,
            paragraphs,
            lines,
            match_view,
        }
    }

    /// A plain-text document (tests, stdin).
    pub fn from_text(source: impl Into<String>, text: impl Into<String>) -> Document {
        Document::new(source, text.into(), Encoding::Utf8, Format::Text)
    }

    pub fn match_view(&self) -> &MatchView {
        self.match_view
            .get_or_init(|| MatchView::build(&self.text, &self.tokens))
    }

    /// Token `i` in lower case, as [`Token::lower_into`] spells it: borrowed from the match
    /// view, which spells every token so but a phone number (it drops the inner spaces).
    pub fn lower(&self, i: usize) -> Cow<'_, str> {
        let t = &self.tokens[i];
        if t.kind == tokenize::TokenKind::Phone {
            let mut s = String::new();
            t.lower_into(&self.text, &mut s);
            Cow::Owned(s)
        } else {
            Cow::Borrowed(self.match_view().token_text(i))
        }
    }

    pub fn slice(&self, span: Span) -> &str {
        span.slice(&self.text)
    }

    /// The span of tokens `range` in the text.
    pub fn token_span(&self, range: std::ops::Range<usize>) -> Span {
        Span::new(
            self.tokens[range.start].start as usize,
            self.tokens[range.end - 1].end as usize,
        )
    }

    /// Index of the sentence holding byte `offset`, if any.
    pub fn sentence_at(&self, offset: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.span.end <= offset);
        (i < self.sentences.len() && self.sentences[i].span.start <= offset).then_some(i)
    }

    /// A span to hang letter-level findings on: the last sentence (where a signature is).
    pub fn end_span(&self) -> Span {
        self.sentences
            .last()
            .map_or(Span::new(self.text.len(), self.text.len()), |s| s.span)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The view's fast path (tokens copied as written, the whole view lower-cased at the end)
    /// spells every token as `push_view_token` does.
    #[test]
    fn match_view_spells_tokens_as_push_view_token() {
        let text = "ÆBLER og Æbler, ØSTERGADE 4, İstanbul, KELVIN \u{212A}, o\u{FB03}ce, ansøg-\nning, \
                    be\u{AD}handling, Tlf. 72 36 00 00, www.AARHUS.dk, ÅÅ-Ål, µ ª ß ÿ Ÿ Σ ς.";
        let d = Document::from_text("x", text);
        let mut want = String::from(" ");
        for (i, t) in d.tokens.iter().enumerate() {
            if i > 0 {
                want.push_str("  ");
            }
            push_view_token(text, t, &mut want);
        }
        want.push(' ');
        assert_eq!(d.match_view().text, want);
    }

    #[test]
    fn lower_spells_every_token_as_lower_into() {
        let d = Document::from_text(
            "x",
            "ÆBLER be\u{AD}handling ansøg-\nning Tlf. 72 36 00 00, İstanbul o\u{FB03}ce.",
        );
        let mut want = String::new();
        for (i, t) in d.tokens.iter().enumerate() {
            t.lower_into(&d.text, &mut want);
            assert_eq!(d.lower(i), want, "token {i}");
        }
    }

    #[test]
    fn match_view_joins_tokens_lower_case() {
        let d = Document::from_text("x", "I henhold\r\ntil  loven, ansøg-\nning.");
        assert_eq!(
            d.match_view().text,
            " i  henhold  til  loven  ,  ansøgning  . "
        );
    }
}
