//! The klagevejledning of a decision (forvaltningsloven § 25): `brev/klagevejledning` (none),
//! `brev/klagevejledning-ufuldstaendig` (no deadline, no recipient or no way to complain) and
//! `brev/klagevejledning-bilag` (it is in an attachment, which must then really be attached).
//!
//! A klagevejledning starts where the letter tells the reader that she can complain ("Du kan
//! klage", "kan påklages", "Klagevejledning"); the paragraphs after it that go on about the
//! complaint belong to it. "Vi har modtaget din klage" is a receipt, not a klagevejledning.

use super::lexicon::Cue;
use super::{Facts, LetterAnalyzer, join_da};
use crate::finding::{Category, Finding, Severity};
use crate::rules::{Context, Example, RuleInfo};
use crate::text::tokenize::{TokenKind, flag};

pub const MISSING: &str = "brev/klagevejledning";
pub const INCOMPLETE: &str = "brev/klagevejledning-ufuldstaendig";
pub const ATTACHED: &str = "brev/klagevejledning-bilag";

const EXAMPLE: &str = "Kære Anne\n\nVi har besluttet, at du ikke får hjælp til indkøb, fordi du selv kan bestille varer på nettet. Reglerne står i serviceloven § 83.\n\n{klage}\
Med venlig hilsen\n\nBo Holm\nSagsbehandler";

fn example(klage: &str) -> String {
    EXAMPLE.replace("{klage}", klage)
}

const FULL: &str = "Hvis du vil klage\nDu kan klage inden 4 uger efter, at du har fået brevet. Skriv til os med Digital Post. Hvis vi ikke giver dig ret, sender vi klagen til Ankestyrelsen.\n\n";

pub fn rules() -> Vec<RuleInfo> {
    vec![
        RuleInfo::builtin(
            MISSING,
            Category::Required,
            Severity::Error,
            "Brevet er en afgørelse, men der er ingen klagevejledning. Efter forvaltningsloven § 25 skal du fortælle, at borgeren kan klage, til hvem, hvordan og inden hvilken frist.",
            "En afgørelse, der kan påklages, skal have en klagevejledning (forvaltningsloven § 25). \
             Uden den ved borgeren ikke, at der er mulighed for at klage, og fristen kan gå tabt. Ombudsmanden \
             anbefaler en klagevejledning i alle afgørelser, også når borgeren får, hvad der blev søgt om.",
            vec![
                Example {
                    bad: Some(example("")),
                    ..Example::default()
                },
                Example {
                    good: Some(example(FULL)),
                    ..Example::default()
                },
            ],
        ),
        RuleInfo::builtin(
            INCOMPLETE,
            Category::Required,
            Severity::Warning,
            "Klagevejledningen siger ikke {mangler}. Borgeren skal kunne se, hvem klagen skal sendes til, hvordan man klager, og hvornår fristen udløber.",
            "Forvaltningsloven § 25 kræver, at klagevejledningen nævner klageinstansen, hvordan man \
             klager, og fristen. Mangler fristen eller klageinstansen, er det en advarsel; mangler \
             kun fremgangsmåden, er det info.",
            vec![
                Example {
                    bad: Some(example(
                        "Klagevejledning\nAfgørelsen kan påklages, jf. retssikkerhedsloven § 66.\n\n",
                    )),
                    ..Example::default()
                },
                Example {
                    good: Some(example(FULL)),
                    ..Example::default()
                },
            ],
        ),
        RuleInfo::builtin(
            ATTACHED,
            Category::Required,
            Severity::Info,
            "Klagevejledningen står i et bilag. Tjek, at bilaget faktisk er vedlagt, når brevet sendes.",
            "En klagevejledning i et bilag er i orden, men kun hvis bilaget kommer med. Glemmes \
             det, har borgeren ingen klagevejledning.",
            vec![
                Example {
                    bad: Some(example("Klagevejledning er vedlagt.\n\n")),
                    ..Example::default()
                },
                Example {
                    good: Some(example(FULL)),
                    ..Example::default()
                },
            ],
        ),
    ]
}

/// The klagevejledning as found in the letter.
#[derive(Clone, Debug, Default)]
pub struct Appeal {
    /// Sentences that tell the reader she can complain.
    pub anchors: Vec<usize>,
    /// Per sentence: part of the klagevejledning.
    region: Vec<bool>,
    pub deadline: bool,
    pub recipient: bool,
    pub how: bool,
    /// The sentence that says the klagevejledning is attached.
    pub attached: Option<usize>,
}

/// Number words a deadline may use ("inden fire uger").
const NUMBER_WORDS: &[&str] = &[
    "en",
    "et",
    "to",
    "tre",
    "fire",
    "fem",
    "seks",
    "syv",
    "otte",
    "ni",
    "ti",
    "elleve",
    "tolv",
    "fjorten",
    "femten",
    "tyve",
    "tredive",
    "halvanden",
];
const TIME_UNITS: &[&str] = &[
    "uge",
    "uger",
    "ugers",
    "dag",
    "dage",
    "dages",
    "hverdage",
    "måned",
    "måneder",
    "måneders",
    "år",
];

impl Appeal {
    pub fn in_region(&self, s: usize) -> bool {
        self.region.get(s).copied().unwrap_or(false)
    }

    pub fn find(f: &Facts<'_>) -> Appeal {
        let doc = f.doc;
        let n = doc.sentences.len();
        let receipt = |s: usize| is_receipt(f, s);
        let anchors: Vec<usize> = (0..n)
            .filter(|&s| f.has(s, Cue::KlageAnchor) || (f.has(s, Cue::KlageWeak) && !receipt(s)))
            .collect();
        let mut paras = vec![false; doc.paragraphs.len()];
        for &s in &anchors {
            paras[doc.sentences[s].paragraph] = true;
        }
        // The paragraphs after an anchor that go on about the complaint.
        for p in 1..paras.len() {
            if paras[p - 1] && !paras[p] {
                paras[p] = doc.paragraphs[p]
                    .sentences
                    .clone()
                    .any(|s| f.has(s, Cue::KlageWord) && !receipt(s));
            }
        }
        let region: Vec<bool> = (0..n)
            .map(|s| paras[doc.sentences[s].paragraph] && !receipt(s))
            .collect();
        let mut a = Appeal {
            anchors,
            region,
            ..Appeal::default()
        };
        // Each element is looked for only until it is found.
        for s in (0..n).filter(|&s| a.region[s]) {
            a.deadline = a.deadline || f.has(s, Cue::DeadlineWord) || deadline_in(f, s);
            a.recipient = a.recipient || f.has(s, Cue::Recipient) || til_name(f, s);
            a.how = a.how
                || f.has(s, Cue::How)
                || doc.sentences[s].tokens.clone().any(|t| {
                    matches!(
                        doc.tokens[t].kind,
                        TokenKind::Email | TokenKind::Url | TokenKind::Phone
                    )
                });
        }
        a.attached = (0..n).find(|&s| {
            f.has(s, Cue::KlageDoc)
                && (f.has(s, Cue::Attach) || {
                    let p = &doc.paragraphs[doc.sentences[s].paragraph];
                    f.first_word(p.sentences.start)
                        .is_some_and(|w| f.word(w).starts_with("bilag"))
                })
        });
        a
    }

    /// What the klagevejledning lacks, in Danish, and the severity.
    pub fn missing(&self) -> (Vec<&'static str>, Severity) {
        let mut items = Vec::new();
        if !self.recipient {
            items.push("hvem klagen skal sendes til (klageinstansen)");
        }
        if !self.how {
            items.push(
                "hvordan man klager (fx skriftligt, med Digital Post eller via Klageportalen)",
            );
        }
        if !self.deadline {
            items.push("inden hvilken frist man skal klage (fx «inden 4 uger efter, at du har fået brevet»)");
        }
        let sev = if !self.recipient || !self.deadline {
            Severity::Warning
        } else {
            Severity::Info
        };
        (items, sev)
    }
}

/// "Vi har modtaget din klage", "tak for din klage", "fik vi fire klager", "Din klage er
/// modtaget": a receipt of a complaint, not the reader's right to complain. The receipt word
/// must stand close to the complaint ("… klage til os inden 4 uger efter, at du har fået
/// brevet" is no receipt).
fn is_receipt(f: &Facts<'_>, s: usize) -> bool {
    if !f.has(s, Cue::Receipt) || !f.has(s, Cue::KlageWord) || f.has(s, Cue::KlageAnchor) {
        return false;
    }
    let hits = f.hits_in(s);
    hits.iter().filter(|r| r.cue == Cue::Receipt).any(|r| {
        hits.iter().filter(|k| k.cue == Cue::KlageWord).any(|k| {
            (r.end <= k.first && k.first - r.end <= 4) || (k.end <= r.first && r.first - k.end <= 2)
        })
    })
}

/// A duration ("4 uger", "fire ugers") or a date in sentence `s`.
fn deadline_in(f: &Facts<'_>, s: usize) -> bool {
    let doc = f.doc;
    let r = doc.sentences[s].tokens.clone();
    r.clone().any(|t| {
        let tok = &doc.tokens[t];
        if tok.kind == TokenKind::Date {
            return true;
        }
        // The unit first: it is rarer than a number.
        let next_unit = t + 1 < r.end && TIME_UNITS.contains(&f.word(t + 1));
        let number = || {
            (tok.kind == TokenKind::Number && !tok.has(flag::ORDINAL))
                || NUMBER_WORDS.contains(&f.word(t))
        };
        // "senest 28. december", "den 3. marts".
        let date =
            tok.has(flag::ORDINAL) && t + 1 < r.end && crate::da::abbrev::is_month(f.word(t + 1));
        (next_unit && number()) || date
    })
}

/// "påklages til Visitationen", "klage til Byggeklageenheden": "til" and a capitalised name
/// (not at the start of the sentence).
fn til_name(f: &Facts<'_>, s: usize) -> bool {
    let doc = f.doc;
    let r = doc.sentences[s].tokens.clone();
    r.clone().skip(1).any(|t| {
        f.word(t) == "til"
            && doc
                .tokens
                .get(t + 1)
                .is_some_and(|n| t + 1 < r.end && n.kind == TokenKind::Word && n.has(flag::CAPITAL))
    })
}

pub fn check(
    f: &Facts<'_>,
    appeal: &Appeal,
    a: &LetterAnalyzer,
    ctx: &Context<'_>,
    out: &mut Vec<Finding>,
) {
    if let Some(s) = appeal.attached {
        let msg = "Klagevejledningen står i et bilag. Tjek, at bilaget faktisk er vedlagt, når brevet sendes: uden det kan borgeren ikke se, hvordan og inden hvornår man kan klage.";
        a.emit(
            ctx,
            out,
            ATTACHED,
            None,
            f.doc.sentences[s].span,
            msg.into(),
        );
        return;
    }
    let Some(&first) = appeal.anchors.first() else {
        let msg = "Brevet er en afgørelse, men der er ingen klagevejledning. Efter forvaltningsloven § 25 skal du fortælle, at borgeren kan klage, til hvem, hvordan og inden hvilken frist.";
        a.emit(ctx, out, MISSING, None, f.doc.end_span(), msg.into());
        return;
    };
    let (items, sev) = appeal.missing();
    if items.is_empty() {
        return;
    }
    let msg = format!(
        "Klagevejledningen siger ikke {}. Efter forvaltningsloven § 25 skal borgeren kunne se, hvem klagen skal sendes til, hvordan man klager, og hvornår fristen udløber.",
        join_da(&items)
    );
    a.emit(
        ctx,
        out,
        INCOMPLETE,
        Some(sev),
        f.doc.sentences[first].span,
        msg,
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::LetterConfig;
    use crate::document::Document;
    use crate::letter::lexicon::Lexicon;

    fn appeal(text: &str) -> Appeal {
        let doc = Document::from_text("x", text);
        let lex = Lexicon::new(&LetterConfig::default());
        let f = Facts::new(&doc, &lex);
        Appeal::find(&f)
    }

    #[test]
    fn a_full_klagevejledning() {
        let a = appeal(&example(FULL));
        assert!(!a.anchors.is_empty());
        assert!(a.deadline && a.recipient && a.how, "{a:?}");
        assert_eq!(a.attached, None);
    }

    #[test]
    fn elements_may_stand_in_the_paragraphs_after_the_first() {
        let a = appeal(&example(
            "Du kan klage over afgørelsen.\n\nKlagen skal være hos os senest 28. december 2026. Du klager på Klageportalen.\n\n",
        ));
        assert!(a.deadline && a.recipient && a.how, "{a:?}");
    }

    #[test]
    fn a_receipt_of_a_complaint_is_no_klagevejledning() {
        let a = appeal(&example(
            "Vi har modtaget din klage over afgørelsen den 3. maj.\n\n",
        ));
        assert!(a.anchors.is_empty(), "{a:?}");
    }

    #[test]
    fn having_got_the_letter_is_no_receipt_of_a_complaint() {
        let a = appeal(&example(
            "Hvis du vil klage\nSend din klage til os inden 4 uger efter, at du har fået dette brev.\n\n",
        ));
        assert!(a.deadline && a.recipient && a.how, "{a:?}");
    }

    #[test]
    fn missing_deadline_and_recipient() {
        let a = appeal(&example(
            "Klagevejledning\nAfgørelsen kan påklages, jf. retssikkerhedsloven § 66.\n\n",
        ));
        let (items, sev) = a.missing();
        assert_eq!(items.len(), 3);
        assert_eq!(sev, Severity::Warning);
        let a = appeal(&example(
            "Du kan klage til Fritids- og Kulturudvalget inden fire uger.\n\n",
        ));
        let (items, sev) = a.missing();
        assert_eq!(items.len(), 1, "{items:?}");
        assert_eq!(sev, Severity::Info);
    }

    #[test]
    fn attachments() {
        assert!(
            appeal(&example("Klagevejledning er vedlagt.\n\n"))
                .attached
                .is_some()
        );
        assert!(
            appeal(&format!(
                "{}\n\nBilag:\nKlagevejledning\nBeregning",
                example("")
            ))
            .attached
            .is_some()
        );
    }
}
