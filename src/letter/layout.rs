//! Where the parts of a letter are: the header (letterhead, recipient, date, subject), the
//! salutation, the body, the closing ("Med venlig hilsen") and the signature below it.

use std::ops::Range;

use super::lexicon::Lexicon;
use crate::document::{Document, MatchView};
use crate::text::segment::SentenceKind;
use crate::text::tokenize::{TokenKind, flag};

#[derive(Clone, Debug, Default)]
pub struct Layout {
    /// The salutation line ("Kære Anne Jensen"), a sentence index.
    pub salutation: Option<usize>,
    /// The last closing ("Med venlig hilsen"), a sentence index.
    pub closing: Option<usize>,
    /// The paragraph where the body starts: after the salutation, or else the first paragraph
    /// of running text.
    pub body_para: Option<usize>,
    /// Byte offset of the body (the text length when there is none): the header lies before.
    pub body_start: usize,
    /// The signature's sentences: after the closing, up to a list of attachments.
    pub signature: Range<usize>,
}

const SALUTATIONS: &[&str] = &["kære", "hej", "hejsa", "goddag", "dear", "kæreste"];

impl Layout {
    /// The layout needs only the closing phrases of the vocabulary, not a scan of the letter:
    /// the spelling check finds it for every text, the letter checks before they scan.
    pub fn find(doc: &Document, lexicon: &Lexicon) -> Layout {
        let view = doc.match_view();
        let n = doc.sentences.len();
        let closing = (0..n).rev().find(|&s| {
            doc.sentences[s].words <= 8
                && first_word(doc, s).is_some_and(|w| lexicon.closing_at(view, w))
        });
        let first_running = (0..n).find(|&s| {
            doc.sentences[s].kind == SentenceKind::Running && doc.sentences[s].words >= 5
        });
        let salutation = (0..closing.unwrap_or(n))
            .find(|&s| is_salutation(doc, view, s, first_running.unwrap_or(n)));
        let body_para = match salutation {
            Some(s) => {
                let p = doc.sentences[s].paragraph;
                if doc.sentences.get(s + 1).is_some_and(|x| x.paragraph == p) {
                    Some(p)
                } else {
                    (p + 1 < doc.paragraphs.len()).then_some(p + 1)
                }
            }
            None => first_running.map(|s| doc.sentences[s].paragraph),
        };
        let body_start = body_para.map_or(doc.text.len(), |p| doc.paragraphs[p].span.start);
        let signature = match closing {
            Some(c) => {
                let end = (c + 1..n)
                    .find(|&s| {
                        first_word(doc, s).is_some_and(|w| {
                            let w = view.token_text(w);
                            w.starts_with("bilag")
                                || w.starts_with("vedlagt")
                                || w == "kopi"
                                || w == "cc"
                        })
                    })
                    .unwrap_or(n);
                c + 1..end
            }
            None => n..n,
        };
        Layout {
            salutation,
            closing,
            body_para,
            body_start,
            signature,
        }
    }

    /// Is this text a whole letter? It has a closing ("Med venlig hilsen"), or a salutation and
    /// at least `min_words` of its `words`. Fragments (a paragraph checked in an editor) and
    /// other texts are not asked for contact details, dates or a klagevejledning.
    pub fn is_letter(&self, words: usize, min_words: usize) -> bool {
        self.closing.is_some() || (self.salutation.is_some() && words >= min_words)
    }
}

/// The first word token of sentence `s` (after list marks, "#" and the like).
pub fn first_word(doc: &Document, s: usize) -> Option<usize> {
    doc.sentences[s]
        .tokens
        .clone()
        .find(|&t| doc.tokens[t].kind == TokenKind::Word)
}

/// "Kære Anne Jensen", "Hej Emil", "Til Spejdergruppen Mågerne" (a short line before the body).
fn is_salutation(doc: &Document, view: &MatchView, s: usize, first_running: usize) -> bool {
    let sent = &doc.sentences[s];
    let Some(w) = first_word(doc, s) else {
        return false;
    };
    let next_is_name = doc
        .tokens
        .get(w + 1)
        .is_some_and(|t| t.kind == TokenKind::Word && t.has(flag::CAPITAL));
    let word = view.token_text(w);
    if SALUTATIONS.contains(&word) {
        return sent.kind == SentenceKind::Line || next_is_name || sent.words <= 4;
    }
    word == "til"
        && s <= first_running
        && sent.kind == SentenceKind::Line
        && sent.words <= 6
        && next_is_name
}

#[cfg(test)]
mod tests {
    use crate::config::LetterConfig;
    use crate::document::Document;
    use crate::letter::Facts;
    use crate::letter::lexicon::Lexicon;

    fn facts(text: &str) -> (Document, Lexicon) {
        (
            Document::from_text("x", text),
            Lexicon::new(&LetterConfig::default()),
        )
    }

    #[test]
    fn parts_of_a_letter() {
        let (doc, lex) = facts(
            "Holbæk Kommune\nKanalstræde 2\n\n12. marts 2026\n\nDu får boligstøtte\n\nKære Anne Jensen\n\nDu får 1.200 kr. om måneden fra 1. april.\n\nMed venlig hilsen\n\nBo Holm\nSagsbehandler\n\nBilag: Beregning",
        );
        let f = Facts::new(&doc, &lex);
        let l = &f.layout;
        let text = |s: usize| doc.slice(doc.sentences[s].span);
        assert_eq!(text(l.salutation.unwrap()), "Kære Anne Jensen");
        assert_eq!(text(l.closing.unwrap()), "Med venlig hilsen");
        assert_eq!(l.body_para, Some(4));
        let sig: Vec<&str> = l.signature.clone().map(text).collect();
        assert_eq!(sig, ["Bo Holm", "Sagsbehandler"]);
        assert!(f.is_heading(3), "{}", text(3));
        assert!(!f.is_heading(l.salutation.unwrap()));
    }

    #[test]
    fn without_a_salutation_the_body_is_the_first_running_text() {
        let (doc, lex) = facts(
            "Vesterå Kommune\n\nVedr.: Ansøgning om lån\n\nDeres ansøgning om lån er nu behandlet af os.\n\nVenlig hilsen\nBo Holm",
        );
        let f = Facts::new(&doc, &lex);
        assert_eq!(f.layout.salutation, None);
        assert_eq!(f.layout.body_para, Some(2));
    }
}
