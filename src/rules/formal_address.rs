//! Formal address (`tiltale/*`): "De", "Dem" and "Deres" written to the reader become "du",
//! "dig" and "din/dit/dine". Lower-case de/dem/deres (they) are never touched; a "De" first in a
//! sentence counts only when the sentence shows it addresses the reader ("De bedes …").

use std::sync::Arc;

use crate::document::Document;
use crate::finding::{Applicability, Category, Finding, Severity, Suggestion};
use crate::rules::{Analyzer, Context, Example, Kind, RuleInfo};
use crate::text::tokenize::TokenKind;

pub const DE: &str = "tiltale/de";
pub const DEM: &str = "tiltale/dem";
pub const DERES: &str = "tiltale/deres";

pub struct FormalAddress;

/// Verbs that after a sentence-initial "De" show that the reader is addressed.
const ADDRESS_VERBS: &[&str] = &[
    "bedes",
    "opfordres",
    "anmodes",
    "gøres",
    "henvises",
    "tilbydes",
    "indkaldes",
    "kan",
    "skal",
    "må",
    "har",
    "er",
    "bør",
    "vil",
    "får",
    "modtager",
    "ønsker",
    "kunne",
    "skulle",
    "burde",
    "ville",
    "bedes",
    "behøver",
    "kontakter",
    "sender",
    "indsender",
    "returnerer",
    "giver",
];

/// Adjectives that may stand between "Deres" and its noun.
const ADJECTIVES: &[&str] = &[
    "nye",
    "gamle",
    "samlede",
    "seneste",
    "egne",
    "eget",
    "egen",
    "første",
    "tidligere",
    "nuværende",
    "månedlige",
    "årlige",
    "faste",
    "fremtidige",
    "fulde",
    "endelige",
    "skriftlige",
];

/// Common neuter nouns in letters ("Deres barn" → "dit barn").
const NEUTER: &[&str] = &[
    "barn",
    "brev",
    "skema",
    "forhold",
    "tilbud",
    "beløb",
    "hus",
    "lån",
    "kort",
    "pas",
    "navn",
    "nummer",
    "svar",
    "samtykke",
    "ønske",
    "behov",
    "indskud",
    "tilskud",
    "gebyr",
    "krav",
    "valg",
    "arbejde",
    "job",
    "ophold",
    "projekt",
    "byggeri",
    "medlemskab",
    "regnskab",
    "fravær",
    "helbred",
    "hjem",
    "værelse",
    "skøde",
    "lejemål",
    "bilag",
    "møde",
    "forslag",
    "dokument",
    "tillæg",
    "bidrag",
    "forløb",
    "samarbejde",
    "tilsagn",
    "vilkår",
    "cpr-nummer",
    "sygefravær",
    "telefonnummer",
    "kontonummer",
    "sagsnummer",
    "husstandsindkomst",
    "firma",
    "selskab",
    "køretøj",
    "sommerhus",
    "hus",
    "hjem",
    "liv",
    "kørekort",
    "pas",
    "abonnement",
    "opkald",
    "ansættelsesforhold",
    "lejeforhold",
    "samtykke",
    "sygdomsforløb",
    "træningsforløb",
];

const PLURAL_WORDS: &[&str] = &[
    "børn",
    "penge",
    "forældre",
    "oplysninger",
    "udgifter",
    "papirer",
    "dokumenter",
    "bilag",
];

/// "din", "dit" or "dine" for the noun after "Deres", best guess first.
fn possessive_order(noun: &str) -> [&'static str; 3] {
    let neuter = NEUTER.contains(&noun)
        || [
            "skab", "ment", "um", "eri", "nummer", "forhold", "tilbud", "beløb", "brev", "kort",
        ]
        .iter()
        .any(|s| noun.ends_with(s) && noun.len() > s.len() + 2);
    let plural = PLURAL_WORDS.contains(&noun)
        || noun.ends_with("erne")
        || noun.ends_with("ninger")
        || noun.ends_with("elser")
        || (noun.ends_with("er") && !noun.ends_with("mer") && noun.chars().count() > 6 && !neuter);
    if plural {
        ["dine", "din", "dit"]
    } else if neuter {
        ["dit", "din", "dine"]
    } else {
        ["din", "dit", "dine"]
    }
}

fn info(
    id: &str,
    message: &str,
    bad: &str,
    fixed: &str,
    good: &str,
    app: Applicability,
) -> RuleInfo {
    RuleInfo {
        id: Arc::from(id),
        pack: "tiltale".into(),
        kind: Kind::Builtin,
        category: Category::Style,
        severity: Severity::Warning,
        applicability: Some(app),
        message: message.into(),
        why: Some("«De», «Dem» og «Deres» er gammeldags og afstandsskabende. Kommunen skriver til én læser som «du»; det er mere personligt og lettere at læse.".into()),
        examples: vec![Example { bad: Some(bad.into()), good: None, fixed: Some(fixed.into()) }, Example { bad: None, good: Some(good.into()), fixed: None }],
        file: "indbygget (src/rules/formal_address.rs)".into(),
        line: 0,
        phrases: Vec::new(),
        replace: Vec::new(),
        metric: None,
        max: None,
    }
}

impl Analyzer for FormalAddress {
    /// Measured with callgrind on 200 generated letters (see `Analyzer::cost`).
    fn cost(&self) -> u32 {
        2
    }

    fn rules(&self) -> Vec<RuleInfo> {
        vec![
            info(
                DE,
                "Skriv «du» i stedet for «De».",
                "Hvis De har spørgsmål, er De velkommen til at ringe.",
                "Hvis du har spørgsmål, er du velkommen til at ringe.",
                "De fleste borgere får svar inden for en uge. De andre får et brev.",
                Applicability::Safe,
            ),
            info(
                DEM,
                "Skriv «dig» i stedet for «Dem».",
                "Vi sender Dem et brev.",
                "Vi sender dig et brev.",
                "Vi har talt med dine forældre og sendt dem et brev.",
                Applicability::Safe,
            ),
            info(
                DERES,
                "Skriv «{replacement}» i stedet for «Deres».",
                "Vi har modtaget Deres ansøgning.",
                "Vi har modtaget din ansøgning.",
                "Dine forældre har sendt deres papirer.",
                Applicability::Unsafe,
            ),
        ]
    }

    fn check(&self, doc: &Document, ctx: &Context<'_>, out: &mut Vec<Finding>) {
        let t = &doc.tokens;
        // Evidence from the whole letter: formal address inside a sentence (where the capital
        // means formal) or informal du/dig/din (then a sentence-initial "Deres" is "their").
        let mut formal_inside = false;
        let mut informal = false;
        // Every word looked for starts with a "d" or a "D": other tokens are passed over at
        // their first byte.
        let starts_with_d =
            |i: usize| matches!(doc.text.as_bytes()[t[i].start as usize], b'd' | b'D');
        // The formal words found: (sentence, token, first in its sentence).
        let mut found = Vec::new();
        for (si, s) in doc.sentences.iter().enumerate() {
            let first = s.tokens.clone().find(|&i| t[i].kind == TokenKind::Word);
            for i in s.tokens.clone().filter(|&i| starts_with_d(i)) {
                match t[i].text(&doc.text) {
                    "De" | "Dem" | "Deres" => {
                        let initial = Some(i) == first;
                        formal_inside |= !initial;
                        found.push((si, i, initial));
                    }
                    w if ["du", "dig", "din", "dit", "dine"]
                        .iter()
                        .any(|x| w.eq_ignore_ascii_case(x)) =>
                    {
                        informal = true
                    }
                    _ => {}
                }
            }
        }
        let initial_is_formal = formal_inside || !informal;
        for (si, i, initial) in found {
            let s = &doc.sentences[si];
            let word = t[i].text(&doc.text);
            let next = (i + 1 < s.tokens.end && t[i + 1].kind == TokenKind::Word).then(|| i + 1);
            let next_lower = next.map(|n| doc.lower(n));
            let span = t[i].span();
            match word {
                "Dem" | "Deres" if initial && !initial_is_formal => {}
                "Dem" => {
                    let sug = Suggestion::replace(
                        span,
                        if initial { "Dig" } else { "dig" },
                        if initial {
                            Applicability::Unsafe
                        } else {
                            Applicability::Safe
                        },
                    );
                    out.extend(ctx.finding(
                        DEM,
                        span,
                        "Skriv «dig» i stedet for «Dem».".into(),
                        vec![sug],
                    ));
                }
                "Deres" => {
                    let mut noun_idx = next;
                    if let (Some(n), Some(nl)) = (next, next_lower.as_deref())
                        && ADJECTIVES.contains(&nl)
                        && n + 1 < s.tokens.end
                    {
                        noun_idx = Some(n + 1);
                    }
                    let noun = noun_idx.map(|n| doc.lower(n));
                    let order = possessive_order(noun.as_deref().unwrap_or(""));
                    let sugs: Vec<Suggestion> = order
                        .iter()
                        .map(|w| {
                            Suggestion::replace(
                                span,
                                if initial {
                                    crate::da::case::capitalize(w)
                                } else {
                                    (*w).to_string()
                                },
                                Applicability::Unsafe,
                            )
                        })
                        .collect();
                    let msg = format!("Skriv «{}» i stedet for «Deres».", sugs[0].replacement);
                    out.extend(ctx.finding(DERES, span, msg, sugs));
                }
                _ => {
                    // "De": mid-sentence always formal (plural is "de"); first in a sentence
                    // only before a verb that addresses the reader, and "bedes" or a letter
                    // that uses Dem/Deres elsewhere.
                    let formal = if initial {
                        match next_lower.as_deref() {
                            Some("bedes") => true,
                            Some(v) => ADDRESS_VERBS.contains(&v) && initial_is_formal,
                            None => false,
                        }
                    } else {
                        true
                    };
                    if formal {
                        let (rep, app) = if initial {
                            ("Du", Applicability::Unsafe)
                        } else {
                            ("du", Applicability::Safe)
                        };
                        out.extend(ctx.finding(
                            DE,
                            span,
                            "Skriv «du» i stedet for «De».".into(),
                            vec![Suggestion::replace(span, rep, app)],
                        ));
                    }
                }
            }
        }
    }
}
