//! What a number in a letter is, told by its shape and the label in front of it: a CPR number,
//! a phone number, a case or account number. ("reg.nr. 1234 kontonr. 0012345678").

use crate::document::Document;
use crate::text::tokenize::{Token, TokenKind};

/// What the nearest label in front of a number says it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Label {
    /// "CPR-nr.", "personnummer".
    Cpr,
    /// "tlf.", "telefon", "mobil", "ring".
    Phone,
    /// "sagsnr.", "j.nr.", "journalnummer", "reference".
    Case,
    /// Any other kind of number: account, invoice, customer, CVR, EAN, attachment, land registry….
    OtherNumber,
}

/// Classifies one lower-cased word as a label, or None for an ordinary word.
/// `extra_other` holds user words that also mark a number as "not a CPR number".
pub fn classify(word: &str, extra_other: &[String]) -> Option<Label> {
    let w = word.trim_end_matches(['.', ':']);
    if w.contains("cpr") || w.starts_with("personn") || w == "personnumre" {
        return Some(Label::Cpr);
    }
    const PHONE_STEMS: &[&str] = &["tlf", "telefon", "mobil", "fax", "hovednummer"];
    const PHONE_WORDS: &[&str] = &[
        "ring", "ringe", "ringer", "ringet", "sms", "opkald", "direkte",
    ];
    if PHONE_STEMS.iter().any(|p| w.starts_with(p)) || PHONE_WORDS.contains(&w) {
        return Some(Label::Phone);
    }
    const CASE: &[&str] = &[
        "sagsnr",
        "sagsnummer",
        "sags-id",
        "sagsid",
        "j.nr",
        "jnr",
        "journal",
        "ref",
        "dok.nr",
        "dokumentnr",
        "dokumentnummer",
    ];
    if CASE.iter().any(|p| w.starts_with(p)) {
        return Some(Label::Case);
    }
    const OTHER: &[&str] = &[
        "konto",
        "reg.nr",
        "regnr",
        "registreringsn",
        "faktura",
        "kunde",
        "ean",
        "cvr",
        "se-nr",
        "p-nr",
        "ordre",
        "bilag",
        "tilsagn",
        "matr",
        "ejendomsn",
        "postboks",
        "kode",
        "pinkode",
        "medlemsn",
        "police",
        "kvittering",
        "abonnement",
        "aftalen",
        "lånen",
        "betalingsid",
        "fi-kort",
        "kortn",
        "serien",
        "pasn",
        "varen",
        "licensn",
    ];
    if OTHER.iter().any(|p| w.starts_with(p))
        || extra_other.iter().any(|p| w.starts_with(p.as_str()))
    {
        return Some(Label::OtherNumber);
    }
    None
}

/// The nearest label among the few tokens before token `i`, on the same line and in the same
/// sentence. Ordinary words, numbers and punctuation between are skipped ("CPR nr. 0101…",
/// "reg.nr. 1234 kontonr. …"), up to `window` tokens back.
pub fn label_before(
    doc: &Document,
    i: usize,
    window: usize,
    extra_other: &[String],
    buf: &mut String,
) -> Option<Label> {
    let text = doc.text.as_str();
    let mut k = i;
    let mut seen = 0;
    while k > 0 && seen < window {
        let prev = &doc.tokens[k - 1];
        let gap = &text[prev.end as usize..doc.tokens[k].start as usize];
        if gap.contains('\n') {
            return None;
        }
        k -= 1;
        seen += 1;
        match prev.kind {
            // A period touching the word before it may end an abbreviation the tokenizer does
            // not know ("kontonr."): look past it.
            TokenKind::Punct
                if prev.text(text) == "."
                    && k > 0
                    && doc.tokens[k - 1].end == prev.start
                    && doc.tokens[k - 1].kind == TokenKind::Word => {}
            TokenKind::Punct if matches!(prev.text(text), "." | "!" | "?" | ";") => return None,
            TokenKind::Word => {
                prev.lower_into(text, buf);
                if let Some(l) = classify(buf, extra_other) {
                    return Some(l);
                }
            }
            _ => {}
        }
    }
    None
}

/// Does the token stand inside a longer code, such as "27.24.00-72360000-24" or "AB12345678"?
/// True when a letter, digit or joiner ("-", "/", ".", "_") touches it on either side (a period
/// or hyphen that ends a sentence or stands before a space does not count).
pub fn inside_code(text: &str, t: &Token) -> bool {
    let before = text[..t.start as usize].chars().next_back();
    let mut after = text[t.end as usize..].chars();
    let (a1, a2) = (after.next(), after.next());
    let joins = |c: char| matches!(c, '-' | '/' | '.' | '_' | '\\');
    let before_touch = before.is_some_and(|c| c.is_alphanumeric() || joins(c) || c == '+');
    let after_touch = match a1 {
        Some(c) if c.is_alphanumeric() => true,
        Some(c) if joins(c) => a2.is_some_and(char::is_alphanumeric),
        _ => false,
    };
    before_touch || after_touch
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels() {
        let none: &[String] = &[];
        assert_eq!(classify("cpr-nr.", none), Some(Label::Cpr));
        assert_eq!(classify("personnummeret", none), Some(Label::Cpr));
        assert_eq!(classify("tlf.", none), Some(Label::Phone));
        assert_eq!(classify("ringkøbing", none), None);
        assert_eq!(classify("sagsnr.", none), Some(Label::Case));
        assert_eq!(classify("j.nr.", none), Some(Label::Case));
        assert_eq!(classify("kontonr.", none), Some(Label::OtherNumber));
        assert_eq!(classify("ean-nummer", none), Some(Label::OtherNumber));
        assert_eq!(classify("til", none), None);
        assert_eq!(classify("nr.", none), None);
        assert_eq!(
            classify("medarbejdernr.", &["medarbejder".to_string()]),
            Some(Label::OtherNumber)
        );
    }

    #[test]
    fn the_nearest_label_wins_and_lines_stop_the_search() {
        let doc = Document::from_text("x", "reg.nr. 1234 kontonr. 5678901234 og CPR nr. 0101");
        let mut buf = String::new();
        let idx = |s: &str| {
            doc.tokens
                .iter()
                .position(|t| t.text(&doc.text) == s)
                .unwrap()
        };
        assert_eq!(
            label_before(&doc, idx("5678901234"), 4, &[], &mut buf),
            Some(Label::OtherNumber)
        );
        assert_eq!(
            label_before(&doc, idx("0101"), 4, &[], &mut buf),
            Some(Label::Cpr)
        );
        let doc = Document::from_text("x", "Tlf.\n72 36 00 00");
        assert_eq!(label_before(&doc, 1, 4, &[], &mut buf), None);
    }

    #[test]
    fn codes() {
        let doc = Document::from_text("x", "27.24.00-72360000-24 og 72360000.");
        assert!(inside_code(&doc.text, &doc.tokens[2]));
        let last = doc
            .tokens
            .iter()
            .find(|t| t.start > 20 && t.text(&doc.text) == "72360000")
            .unwrap();
        assert!(!inside_code(&doc.text, last));
    }
}
