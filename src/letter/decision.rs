//! Is the letter a decision (afgørelse)? And if so, `brev/begrundelse` and `brev/hjemmel`: the
//! reasons and the legal rules it rests on (forvaltningsloven §§ 22 and 24).
//!
//! A letter is a decision when it states an outcome ("du får", "bevilges", "afslag", "vi har
//! besluttet", "giver jer et påbud") or names one in its subject line ("Afgørelse om …",
//! "Byggetilladelse til …"). Signals in questions, in conditions ("Når vi har besluttet …"),
//! about what was applied for ("du har søgt om tilladelse") or about letters to come ("du får
//! svar") do not count; a hearing ("partshøring", "påtænker", "vi har ikke besluttet") is not a
//! decision unless it states outcomes more than once.

use super::appeal::Appeal;
use super::lexicon::{Cue, Hit};
use super::{Facts, LetterAnalyzer};
use crate::finding::{Category, Finding, Severity};
use crate::rules::{Context, Example, RuleInfo};
use crate::text::tokenize::TokenKind;

pub const REASON: &str = "brev/begrundelse";
pub const LEGAL: &str = "brev/hjemmel";

/// A short decision letter used by the rule examples: `{reason}` and `{legal}` are replaced.
const EXAMPLE: &str = "Kære Anne\n\nDu får hjælp til rengøring hver anden uge fra 1. marts.{reason}{legal}\n\n\
Hvis du vil klage\nDu kan klage til os inden 4 uger. Skriv til os med Digital Post. Hvis vi ikke giver dig ret, sender vi klagen til Ankestyrelsen.\n\n\
Med venlig hilsen\n\nBo Holm\nSagsbehandler";

fn example(reason: bool, legal: bool) -> String {
    EXAMPLE
        .replace(
            "{reason}",
            if reason {
                " Du kan ikke selv gøre rent, fordi du har et brækket ben."
            } else {
                ""
            },
        )
        .replace(
            "{legal}",
            if legal {
                " Reglerne står i serviceloven § 83."
            } else {
                ""
            },
        )
}

pub fn rules() -> Vec<RuleInfo> {
    vec![
        RuleInfo::builtin(
            REASON,
            Category::Required,
            Severity::Warning,
            "Brevet er en afgørelse, men der er ingen begrundelse. Efter forvaltningsloven §§ 22 og 24 skal du forklare, hvorfor afgørelsen blev sådan.",
            "En borger, der forstår hvorfor, kan lettere acceptere afgørelsen – eller se, om der er \
             grund til at klage. Forvaltningsloven § 22 kræver en begrundelse i en skriftlig \
             afgørelse, og § 24 siger, at den skal nævne de oplysninger og hensyn, der var afgørende. \
             Skriv fx et afsnit «Hvorfor får du …?» med «fordi» eller «derfor».",
            vec![
                Example {
                    bad: Some(example(false, true)),
                    ..Example::default()
                },
                Example {
                    good: Some(example(true, true)),
                    ..Example::default()
                },
            ],
        ),
        RuleInfo::builtin(
            LEGAL,
            Category::Required,
            Severity::Warning,
            "Brevet er en afgørelse, men der står ikke, hvilke regler den bygger på. Efter forvaltningsloven § 24 skal du nævne loven og paragraffen, fx «serviceloven § 83».",
            "Borgeren og en klageinstans skal kunne se, hvilke regler afgørelsen bygger på \
             (forvaltningsloven § 24). Nævn loven og paragraffen og forklar kort, hvad reglen siger.",
            vec![
                Example {
                    bad: Some(example(true, false)),
                    ..Example::default()
                },
                Example {
                    good: Some(example(true, true)),
                    ..Example::default()
                },
            ],
        ),
    ]
}

/// What the letter decides, if anything.
#[derive(Clone, Debug, Default)]
pub struct Decision {
    pub is_decision: bool,
    pub score: u32,
    /// Sentences that state an outcome, in order.
    pub answers: Vec<usize>,
    /// Sentences that name a decision without stating it.
    pub topics: Vec<usize>,
    /// Sentences with an offer ("du kan få en ledsager fra 1. november"): in a decision, the
    /// answer may stand there.
    pub offers: Vec<usize>,
    /// The subject line states the outcome ("Afslag på …", "Du får boligstøtte").
    pub heading_answer: bool,
}

/// Clause openers that make what follows a condition or a question, not a statement.
const CONDITIONAL: &[&str] = &[
    "hvis",
    "såfremt",
    "når",
    "før",
    "inden",
    "medmindre",
    "om",
    "ifald",
    "hvornår",
    "hvorvidt",
    "hvad",
    "hvordan",
    "hvilken",
    "hvilke",
    "indtil",
    "skulle",
];

/// After "du får": objects that are letters and messages to come, not an outcome.
const NOTICE: &[&str] = &[
    "svar",
    "svaret",
    "besked",
    "beskeden",
    "brev",
    "brevet",
    "breve",
    "afgørelse",
    "afgørelsen",
    "kopi",
    "kopien",
    "kvittering",
    "kvitteringen",
    "sms",
    "mail",
    "e-mail",
    "mailen",
    "indkaldelse",
    "indkaldelsen",
    "invitation",
    "invitationen",
    "påmindelse",
    "påmindelsen",
    "opkrævning",
    "opkrævningen",
    "information",
    "oplysninger",
    "vejledning",
    "gældsbrevet",
    "gældsbrev",
    "blanket",
    "blanketten",
    "skema",
    "skemaet",
    "link",
    "linket",
    "kode",
    "koden",
    "nærmere",
    "mere",
    "besøg",
    "opringning",
    "opkald",
    "vide",
    "at",
    "tid",
    "tilbud",
    "mulighed",
    "muligheden",
    "post",
    "posten",
    "regning",
    "regningen",
];

/// Words skipped between "får" and its object.
const FILLER: &[&str] = &[
    "ikke",
    "sidste",
    "første",
    "næste",
    "også",
    "snart",
    "nu",
    "først",
    "derefter",
    "senere",
    "straks",
    "en",
    "et",
    "den",
    "det",
    "dit",
    "din",
    "dine",
    "jeres",
    "vores",
    "ny",
    "nyt",
    "nye",
    "hurtigt",
    "så",
    "automatisk",
    "skriftligt",
];

/// Words before a decision noun that make it something to come or something applied for:
/// "du får en afgørelse", "vi sender dig afgørelsen", "den endelige afgørelse".
const FUTURE_BEFORE: &[&str] = &[
    "får",
    "få",
    "fået",
    "sende",
    "sender",
    "sendt",
    "modtage",
    "modtager",
    "modtaget",
    "forventer",
    "forvente",
    "træffe",
    "vente",
    "venter",
    "endelig",
    "endelige",
    "påtænkt",
    "påtænkte",
];

/// Words before "om" that make the next noun the thing applied for: "søgt om tilladelse".
const APPLIED: &[&str] = &[
    "søgt",
    "søger",
    "søge",
    "ansøgt",
    "ansøgning",
    "ansøgningen",
    "ansøgninger",
    "anmodning",
    "anmodningen",
    "anmodet",
    "spurgt",
    "bedt",
    "spørgsmål",
    "henvendelse",
    "henvendelsen",
    "opskrivning",
];

/// Is token `t` in sentence `s` inside a condition or question clause ("Når vi har besluttet
/// noget, …", "…, om du har ret til …")? `topic`: also a clause with "blive" before it
/// ("vil der blive truffet afgørelse").
fn conditional(f: &Facts<'_>, s: usize, t: usize, topic: bool) -> bool {
    let r = &f.doc.sentences[s].tokens;
    let mut k = t;
    while k > r.start {
        let p = &f.doc.tokens[k - 1];
        if p.kind == TokenKind::Punct && matches!(f.word(k - 1), "," | ";" | ":" | "–" | "—" | "(")
        {
            break;
        }
        k -= 1;
    }
    let mut j = k;
    while j < t && matches!(f.word(j), "og" | "men" | "eller" | "så" | "samt") {
        j += 1;
    }
    if j < t && CONDITIONAL.contains(&f.word(j)) {
        return true;
    }
    topic && (k..t).any(|i| f.word(i) == "blive")
}

/// Is the decision noun at token `t` something applied for or a letter to come?
fn applied_or_future(f: &Facts<'_>, s: usize, t: usize) -> bool {
    let start = f.doc.sentences[s].tokens.start;
    for k in (start.max(t.saturating_sub(3))..t).rev() {
        let w = f.word(k);
        if FUTURE_BEFORE.contains(&w) {
            return true;
        }
        if w == "om" && k > start && APPLIED.contains(&f.word(k - 1)) {
            return true;
        }
    }
    false
}

/// An amount ("1.200 kr.") or a start date ("fra 1. maj", "fra 01.05.2026") in sentence `s`.
fn concrete(f: &Facts<'_>, s: usize) -> bool {
    let r = f.doc.sentences[s].tokens.clone();
    let toks = &f.doc.tokens;
    r.clone().any(|t| {
        let w = f.word(t);
        let amount = matches!(w, "kr." | "kr" | "kroner")
            && t > r.start
            && toks[t - 1].kind == TokenKind::Number;
        let from = w == "fra"
            && t + 1 < r.end
            && (toks[t + 1].kind == TokenKind::Date
                || (t + 2 < r.end
                    && toks[t + 1].has(crate::text::tokenize::flag::ORDINAL)
                    && crate::da::abbrev::is_month(f.word(t + 2))));
        amount || from
    })
}

/// "Du får svar", "du får et brev": a message to come, not an outcome.
fn notice_object(f: &Facts<'_>, s: usize, h: &Hit) -> bool {
    if !matches!(f.word(h.end as usize - 1), "får" | "ikke") {
        return false;
    }
    let end = f.doc.sentences[s].tokens.end;
    for k in h.end as usize..end.min(h.end as usize + 5) {
        let w = f.word(k);
        if FILLER.contains(&w) {
            continue;
        }
        return NOTICE.contains(&w);
    }
    false
}

/// Token ranges in text order, asked whether any overlaps a hit: a binary search, so a long
/// document does not compare every hit with every other.
struct Overlaps {
    starts: Vec<u32>,
    /// The largest end among the ranges up to and including this one.
    max_end: Vec<u32>,
}

impl Overlaps {
    /// `hits` must come in order of their first token, as `Facts::hits` does.
    fn new<'a>(hits: impl Iterator<Item = &'a Hit>) -> Overlaps {
        let mut o = Overlaps {
            starts: Vec::new(),
            max_end: Vec::new(),
        };
        for h in hits {
            debug_assert!(o.starts.last().is_none_or(|&s| s <= h.first));
            let end = o.max_end.last().map_or(h.end, |&e| e.max(h.end));
            o.starts.push(h.first);
            o.max_end.push(end);
        }
        o
    }

    fn any_overlaps(&self, h: &Hit) -> bool {
        // The ranges that start before `h` ends overlap it if one of them ends after it starts.
        let n = self.starts.partition_point(|&s| s < h.end);
        n > 0 && self.max_end[n - 1] > h.first
    }
}

pub fn recognise(f: &Facts<'_>) -> Decision {
    let mut d = Decision::default();
    let mut hearing = 0;
    let mut hearing_heading = false;
    for h in &f.hits {
        if h.cue == Cue::Hearing {
            hearing += 1;
            if f.sentence_of(h.first as usize)
                .is_some_and(|s| f.is_heading(s))
            {
                hearing_heading = true;
            }
        }
    }
    let procedural = Overlaps::new(f.hits.iter().filter(|h| h.cue == Cue::ProceduralRight));
    let assertive = |s: usize| !f.is_question(s) && !f.has(s, Cue::Hearing);
    for h in &f.hits {
        if h.cue == Cue::Offer {
            if let Some(s) = f.sentence_of(h.first as usize)
                && assertive(s)
                && !conditional(f, s, h.first as usize, false)
            {
                d.offers.push(s);
            }
            continue;
        }
        let (answer, outcome) = match h.cue {
            Cue::Answer | Cue::WeakAnswer => (true, true),
            Cue::Topic => (false, false),
            Cue::OutcomeTopic => (false, true),
            _ => continue,
        };
        let t = h.first as usize;
        let Some(s) = f.sentence_of(t) else { continue };
        if !assertive(s) || conditional(f, s, t, !answer) {
            continue;
        }
        if answer {
            if procedural.any_overlaps(h) || notice_object(f, s, h) {
                continue;
            }
        } else if applied_or_future(f, s, t) {
            continue;
        }
        let heading = f.is_heading(s);
        if answer {
            // "Du får" is an outcome when it comes with an amount or a start date ("du får
            // 1.200 kr.", "du får hjælp fra 1. maj"); otherwise it may be a new health card.
            d.score += if h.cue == Cue::Answer || concrete(f, s) {
                2
            } else {
                1
            };
            d.answers.push(s);
        } else {
            d.score += if heading { 2 } else { 1 };
            d.topics.push(s);
        }
        if heading && outcome {
            d.heading_answer = true;
        }
    }
    // "Kommunen meddeler hermed virksomheden påbud", "der meddeles byggetilladelse": a grant
    // verb and an outcome noun in one clause state the outcome.
    for s in 0..f.doc.sentences.len() {
        if !(f.has(s, Cue::GrantVerb) && f.has(s, Cue::OutcomeNoun) && assertive(s)) {
            continue;
        }
        let hits = f.hits_in(s);
        let verb = hits
            .iter()
            .find(|h| h.cue == Cue::GrantVerb && !conditional(f, s, h.first as usize, false));
        let noun = hits
            .iter()
            .find(|h| h.cue == Cue::OutcomeNoun && !applied_or_future(f, s, h.first as usize));
        if verb.is_some() && noun.is_some() {
            d.score += 2;
            d.answers.push(s);
            if f.is_heading(s) {
                d.heading_answer = true;
            }
        }
    }
    d.answers.sort_unstable();
    d.answers.dedup();
    d.topics.sort_unstable();
    d.topics.dedup();
    let hearing_letter = hearing >= 2 || hearing_heading;
    d.is_decision = d.score >= 2 && (!hearing_letter || d.answers.len() >= 2);
    d
}

/// Sentences that may carry reasons and legal rules: not the klagevejledning, not the
/// signature.
fn body_sentences<'a>(f: &'a Facts<'_>, appeal: &'a Appeal) -> impl Iterator<Item = usize> + 'a {
    (0..f.doc.sentences.len())
        .filter(move |&s| !appeal.in_region(s) && !f.layout.signature.contains(&s))
}

pub fn check(
    f: &Facts<'_>,
    appeal: &Appeal,
    a: &LetterAnalyzer,
    ctx: &Context<'_>,
    out: &mut Vec<Finding>,
) {
    let reason = body_sentences(f, appeal).any(|s| f.has(s, Cue::Reason));
    let legal = body_sentences(f, appeal).any(|s| f.has(s, Cue::Legal));
    let span = f.doc.end_span();
    if !reason {
        let msg = "Brevet er en afgørelse, men der er ingen begrundelse. Efter forvaltningsloven §§ 22 og 24 skal du forklare, hvorfor afgørelsen blev sådan: hvilke oplysninger du har lagt vægt på, og hvordan reglerne passer på sagen. Skriv fx et afsnit «Hvorfor får du …?».";
        a.emit(ctx, out, REASON, None, span, msg.into());
    }
    if !legal {
        let msg = "Brevet er en afgørelse, men der står ikke, hvilke regler den bygger på. Efter forvaltningsloven § 24 skal du nævne loven og paragraffen, fx «serviceloven § 83», og kort forklare, hvad reglen siger.";
        a.emit(ctx, out, LEGAL, None, span, msg.into());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::LetterConfig;
    use crate::document::Document;
    use crate::letter::lexicon::Lexicon;

    /// The binary search agrees with comparing every range, on ranges of mixed lengths.
    #[test]
    fn overlaps_agree_with_comparing_every_range() {
        let hit = |first: u32, end: u32| Hit {
            cue: Cue::ProceduralRight,
            first,
            end,
        };
        let mut seed = 7u32;
        let mut next = |n: u32| {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            (seed >> 16) % n
        };
        let mut ranges: Vec<Hit> = (0..200)
            .map(|_| {
                let first = next(400);
                hit(first, first + 1 + next(12))
            })
            .collect();
        ranges.sort_by_key(|h| h.first);
        let o = Overlaps::new(ranges.iter());
        for first in 0..420 {
            for len in 1..6 {
                let h = hit(first, first + len);
                let want = ranges.iter().any(|p| p.first < h.end && h.first < p.end);
                assert_eq!(o.any_overlaps(&h), want, "{first}..{}", first + len);
            }
        }
        assert!(!Overlaps::new([].iter()).any_overlaps(&hit(0, 3)));
    }

    fn decides(text: &str) -> bool {
        let doc = Document::from_text("x", text);
        let lex = Lexicon::new(&LetterConfig::default());
        let f = Facts::new(&doc, &lex);
        recognise(&f).is_decision
    }

    fn letter(body: &str) -> String {
        format!("Kære Anne\n\n{body}\n\nMed venlig hilsen\nBo Holm")
    }

    #[test]
    fn outcomes_make_a_decision() {
        for body in [
            "Du får boligstøtte fra 1. maj.",
            "Du får 1.200 kr. om måneden.",
            "Din boligstøtte bliver sat ned fra 1. marts 2026.",
            "Du får ikke hjælp til indkøb. Du kan klage over afgørelsen.",
            "Vi har besluttet at give dig et tilskud på 2.000 kr.",
            "Deres ansøgning afslås.",
            "De bevilges et lån på 19.800 kr.",
            "Ansøgningen imødekommes delvist.",
            "Du har ret til en hjælper 10 timer om ugen.",
            "Derfor giver vi jer et påbud.",
            "Kommunen meddeler hermed virksomheden påbud om at dæmpe støjen.",
            "Der meddeles hermed byggetilladelse til det ansøgte.",
        ] {
            assert!(decides(&letter(body)), "{body}");
        }
        assert!(decides(
            "Afgørelse om boligstøtte\n\nKære Anne\n\nVi har set på din sag.\n\nMed venlig hilsen\nBo Holm"
        ));
    }

    #[test]
    fn receipts_invitations_and_hearings_are_not_decisions() {
        for body in [
            "Vi har modtaget din ansøgning om byggetilladelse. Du får svar inden 8 uger.",
            "Vi har modtaget din klage over afgørelsen. Du får en ny afgørelse, når vi har set på sagen igen.",
            "Vi inviterer dig til et møde om din plan den 3. marts kl. 10.",
            "Vi overvejer at stoppe din hjælp. Vi har ikke besluttet noget endnu. Fortæl os, hvad du mener.",
            "Når vi har besluttet noget, får du et brev. Hvis du er uenig, kan du klage.",
            "Hvorfor får du ikke plads i den børnehave, du ønskede? Der er ingen ledige pladser.",
            "Du har ret til at se papirerne i din sag, og du har ret til at tage en bisidder med.",
            "Vi vil vurdere, om du har ret til hjælp.",
            "Du får et nyt sundhedskort med posten. Du får den sidste regning i april.",
            "Du får løn for de timer, du arbejder. Du må gerne tage en bisidder med.",
        ] {
            assert!(!decides(&letter(body)), "{body}");
        }
        assert!(!decides(
            "Partshøring før afgørelse om sygedagpenge\n\nKære Anne\n\nVi påtænker at stoppe dine sygedagpenge.\n\nMed venlig hilsen\nBo Holm"
        ));
    }
}
