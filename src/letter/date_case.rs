//! `brev/dato-og-sagsnummer`: the letter's date (in the header, above the salutation) and a
//! case number ("Sagsnr.", "J.nr.", a KLE number), so the reader can refer to the letter.

use super::lexicon::Cue;
use super::{Facts, LetterAnalyzer};
use crate::da::abbrev;
use crate::finding::{Category, Finding, Severity};
use crate::rules::{Context, Example, RuleInfo};
use crate::text::tokenize::{TokenKind, flag};

pub const ID: &str = "brev/dato-og-sagsnummer";

pub fn rules() -> Vec<RuleInfo> {
    vec![RuleInfo::builtin(
        ID,
        Category::Required,
        Severity::Info,
        "Brevet har {mangler}. Skriv dato og sagsnummer øverst, så borgeren kan henvise til brevet, når vedkommende kontakter jer.",
        "Med dato og sagsnummer kan borgeren henvise præcist til brevet, og du finder hurtigt \
         sagen, når vedkommende ringer eller skriver. Datoen viser også, hvornår en frist begynder.",
        vec![
            Example {
                bad: Some(
                    "Kære Anne\n\nVi har fået din ansøgning om pas.\n\nMed venlig hilsen\n\nBo Holm"
                        .into(),
                ),
                ..Example::default()
            },
            Example {
                good: Some(
                    "12. marts 2026\nSagsnr. 16.04.08-P00-2231-26\n\nKære Anne\n\nVi har fået din ansøgning om pas.\n\nMed venlig hilsen\n\nBo Holm"
                        .into(),
                ),
                ..Example::default()
            },
        ],
    )]
}

/// A date at token `t`: "24.11.2026", "2026-11-24", "24. november 2026", "24. nov. 2026".
pub fn date_at(f: &Facts<'_>, t: usize) -> bool {
    let toks = &f.doc.tokens;
    let tok = &toks[t];
    if tok.kind == TokenKind::Date {
        return true;
    }
    tok.kind == TokenKind::Number
        && tok.has(flag::ORDINAL)
        && toks.get(t + 1).is_some_and(|n| {
            let w = f.word(t + 1);
            n.kind == TokenKind::Word
                && (abbrev::is_month(w) || abbrev::is_month(w.trim_end_matches('.')))
        })
}

/// A case number: a case label followed closely (on the same line) by something with a digit,
/// or a KLE number on its own ("27.24.00-P20-3-24").
fn has_case_number(f: &Facts<'_>) -> bool {
    let doc = f.doc;
    let text = doc.text.as_str();
    for h in f.hits.iter().filter(|h| h.cue == Cue::CaseLabel) {
        let mut t = h.end as usize;
        let mut steps = 0;
        while t < doc.tokens.len() && steps < 4 {
            let prev_end = doc.tokens[t - 1].end as usize;
            if text[prev_end..doc.tokens[t].start as usize].contains('\n') && steps > 0 {
                break;
            }
            let tok = &doc.tokens[t];
            if tok.kind != TokenKind::Punct && tok.text(text).bytes().any(|b| b.is_ascii_digit()) {
                return true;
            }
            t += 1;
            steps += 1;
        }
    }
    // KLE: "dd.dd.dd" joined by a hyphen to more of the number.
    doc.tokens.iter().enumerate().any(|(i, t)| {
        let s = t.text(text);
        t.kind == TokenKind::Number
            && s.len() == 8
            && s.as_bytes()[2] == b'.'
            && s.as_bytes()[5] == b'.'
            && doc
                .tokens
                .get(i + 1)
                .is_some_and(|n| n.start == t.end && n.text(text) == "-")
    })
}

pub fn check(f: &Facts<'_>, a: &LetterAnalyzer, ctx: &Context<'_>, out: &mut Vec<Finding>) {
    if ctx.rule(ID).is_none() {
        return;
    }
    let header_end = f.layout.body_start;
    let date = (0..f.doc.tokens.len())
        .take_while(|&t| (f.doc.tokens[t].start as usize) < header_end)
        .any(|t| date_at(f, t));
    let case = has_case_number(f);
    let what = match (date, case) {
        (true, true) => return,
        (false, true) => "ingen dato",
        (true, false) => "intet sagsnummer",
        (false, false) => "hverken dato eller sagsnummer",
    };
    let msg = format!(
        "Brevet har {what}. Skriv dato og sagsnummer øverst, så borgeren kan henvise til brevet, når vedkommende kontakter jer."
    );
    a.emit(ctx, out, ID, None, f.doc.sentences[0].span, msg);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Settings;
    use crate::document::Document;

    fn found(text: &str) -> (bool, bool) {
        let a = LetterAnalyzer::new(&Settings::default());
        let doc = Document::from_text("x", text);
        let f = Facts::new(&doc, &a.lexicon);
        let date = (0..doc.tokens.len())
            .take_while(|&t| (doc.tokens[t].start as usize) < f.layout.body_start)
            .any(|t| date_at(&f, t));
        (date, has_case_number(&f))
    }

    #[test]
    fn dates_and_case_numbers_in_the_header() {
        let body =
            "\n\nKære Anne\n\nDu skal svare senest 1. maj 2026.\n\nMed venlig hilsen\nBo Holm";
        assert_eq!(
            found(&format!("24.11.2026\nSagsnr.: 2024-123456{body}")),
            (true, true)
        );
        assert_eq!(
            found(&format!("Dato: 24. november 2026\nJ.nr. 24/12345{body}")),
            (true, true)
        );
        assert_eq!(
            found(&format!("Vesterå, den 24.11.2026\n27.24.00-P20-3-24{body}")),
            (true, true)
        );
        // A deadline in the body is not the letter's date; a label without a number no case number.
        assert_eq!(
            found(&format!("Husk sagsnummeret, når du skriver.{body}")),
            (false, false)
        );
    }
}
