//! `persondata/cpr`: a full CPR number in the letter text. A CPR number is DDMMYY-SSSS or ten
//! digits with a valid date under the century rule; phone, case, account, CVR and EAN numbers,
//! amounts, dates and masked numbers ("120385-xxxx") are not flagged.

use crate::Span;
use crate::config::Settings;
use crate::da::{cpr, numbers};
use crate::document::Document;
use crate::finding::{Applicability, Category, Finding, Severity, Suggestion};
use crate::rules::{Analyzer, Context, Example, RuleInfo};
use crate::text::tokenize::{Token, TokenKind};

pub const CPR: &str = "persondata/cpr";

pub struct PersonalData {
    not_cpr_words: Vec<String>,
}

impl PersonalData {
    pub fn new(settings: &Settings) -> PersonalData {
        PersonalData {
            not_cpr_words: settings
                .personal_data
                .not_cpr_words
                .iter()
                .map(|w| w.to_lowercase().trim_end_matches(['.', ':']).to_string())
                .collect(),
        }
    }

    /// The CPR numbers in a document: spans and their ten digits.
    pub fn find(&self, doc: &Document) -> Vec<(Span, [u8; 10])> {
        let text = doc.text.as_str();
        let toks = &doc.tokens;
        let mut out = Vec::new();
        let mut buf = String::new();
        // The cheap tests first: most tokens are words.
        let digits = |t: &Token, n: usize| {
            t.kind == TokenKind::Number
                && t.flags == 0
                && (t.end - t.start) as usize == n
                && t.text(text).bytes().all(|b| b.is_ascii_digit())
        };
        let mut i = 0;
        while i < toks.len() {
            let t = &toks[i];
            // DDMMYYSSSS, DDMMYY-SSSS, or DDMMYY SSSS after a CPR label.
            let (last, spaced) = if digits(t, 10) {
                (i, false)
            } else if digits(t, 6)
                && toks.get(i + 2).is_some_and(|d| digits(d, 4))
                && toks[i + 1].text(text) == "-"
                && toks[i + 1].start == t.end
                && toks[i + 2].start == toks[i + 1].end
            {
                (i + 2, false)
            } else if digits(t, 6)
                && toks.get(i + 1).is_some_and(|d| digits(d, 4))
                && &text[t.end as usize..toks[i + 1].start as usize] == " "
            {
                (i + 1, true)
            } else {
                i += 1;
                continue;
            };
            let span = Span::new(t.start as usize, toks[last].end as usize);
            let whole = Token {
                start: t.start,
                end: toks[last].end,
                kind: TokenKind::Number,
                flags: 0,
            };
            let mut ten = [0u8; 10];
            let mut n = 0;
            for b in span.slice(text).bytes().filter(u8::is_ascii_digit) {
                if n < 10 {
                    ten[n] = b;
                }
                n += 1;
            }
            let label = numbers::label_before(doc, i, 4, &self.not_cpr_words, &mut buf);
            let is_cpr = n == 10
                && !numbers::inside_code(text, &whole)
                && cpr::birth_date(&ten).is_some()
                && match label {
                    Some(numbers::Label::Cpr) => true,
                    Some(_) => false,
                    None => !spaced,
                };
            if is_cpr {
                out.push((span, ten));
            }
            i = last + 1;
        }
        out
    }
}

pub fn rules() -> Vec<RuleInfo> {
    vec![RuleInfo::builtin(
        CPR,
        Category::PersonalData,
        Severity::Warning,
        "Her står et fuldt CPR-nummer. Skriv det ikke i brevet: brevet sendes med Digital Post, hvor borgeren allerede er kendt. Fjern det, eller skriv kun fødselsdatoen.",
        "Et CPR-nummer er en fortrolig oplysning. Står det i brevet, kan det blive læst af andre, \
         hvis brevet bliver videresendt, printet eller sendt forkert. Digital Post ved allerede, \
         hvem modtageren er. Skriv det kun, hvis det er nødvendigt, og så gerne kun de første seks \
         cifre (fx «070892-xxxx»).",
        vec![
            Example {
                bad: Some("Vi har oprettet en sag på din søn, CPR-nr. 070892-1457.".into()),
                ..Example::default()
            },
            Example {
                good: Some(
                    "Vi har oprettet en sag på din søn, CPR-nr. 070892-xxxx. Ring på 70 89 21 45, og oplys sagsnr. 0708921457."
                        .into(),
                ),
                ..Example::default()
            },
        ],
    )]
}

impl Analyzer for PersonalData {
    fn rules(&self) -> Vec<RuleInfo> {
        rules()
    }

    fn check(&self, doc: &Document, ctx: &Context<'_>, out: &mut Vec<Finding>) {
        for (span, ten) in self.find(doc) {
            let masked = format!(
                "{}-xxxx",
                std::str::from_utf8(&ten[..6]).unwrap_or("??????")
            );
            let message = format!(
                "Her står et fuldt CPR-nummer. Skriv det ikke i brevet: brevet sendes med Digital Post, hvor borgeren allerede er kendt. Fjern det, eller skriv kun fødselsdatoen («{masked}»)."
            );
            let fix = Suggestion::replace(span, masked, Applicability::Unsafe);
            if let Some(f) = ctx.finding(CPR, span, message, vec![fix]) {
                out.push(f);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cprs(text: &str) -> Vec<String> {
        let p = PersonalData::new(&Settings::default());
        let doc = Document::from_text("x", text);
        p.find(&doc)
            .iter()
            .map(|(s, _)| doc.slice(*s).to_string())
            .collect()
    }

    #[test]
    fn cpr_forms() {
        assert_eq!(
            cprs("Barnet, 070892-1457, går i 3. klasse."),
            ["070892-1457"]
        );
        assert_eq!(cprs("personnummer 0708921457"), ["0708921457"]);
        assert_eq!(cprs("CPR 070892 1457"), ["070892 1457"]);
        assert!(
            cprs("Nummeret 070892 1457").is_empty(),
            "spaced needs a label"
        );
    }

    #[test]
    fn look_alikes_are_not_cpr() {
        for text in [
            "Ring på 70 89 21 45 eller 70892145.",
            "CVR 70892145",
            "Sagsnr. 0708921457",
            "kontonr. 0708921457",
            "EAN 5798000416604",
            "Beløbet er 0.708.921 kr.",
            "født 07.08.1992",
            "CPR-nr. 070892-xxxx",
            "070892-14570",
            "KLE 07.08.92-1457",
            "Nummer 310492-1457 (31. april findes ikke).",
            "AB0708921457",
            "0708921457-2",
        ] {
            assert!(cprs(text).is_empty(), "{text}: {:?}", cprs(text));
        }
    }

    #[test]
    fn users_can_add_labels() {
        let mut s = Settings::default();
        s.personal_data.not_cpr_words = vec!["Elevnummer".into()];
        let p = PersonalData::new(&s);
        let doc = Document::from_text("x", "Elevnummer: 0708921457");
        assert!(p.find(&doc).is_empty());
    }
}
