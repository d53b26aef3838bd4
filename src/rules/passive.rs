//! The passive-voice rules: `passiv/s-passiv`, `passiv/blive-passiv` and
//! `passiv/vaere-participium`, with an active rewrite where the sentence allows one.

use std::sync::Arc;

use crate::Span;
use crate::da::active::{self, Actor};
use crate::da::passive::{self, Passive, PassiveKind};
use crate::document::Document;
use crate::finding::{Applicability, Category, Finding, Severity, Suggestion};
use crate::rules::{Analyzer, Context, Example, Kind, RuleInfo};

pub const S_PASSIVE: &str = "passiv/s-passiv";
pub const BLIVE_PASSIVE: &str = "passiv/blive-passiv";
pub const VAERE_PARTICIPLE: &str = "passiv/vaere-participium";

pub struct PassiveRules;

fn info(
    id: &str,
    severity: Severity,
    message: &str,
    why: &str,
    examples: &[(&str, &str)],
) -> RuleInfo {
    RuleInfo {
        id: Arc::from(id),
        pack: "passiv".into(),
        kind: Kind::Builtin,
        category: Category::Passive,
        severity,
        applicability: Some(Applicability::DisplayOnly),
        message: message.into(),
        why: Some(why.into()),
        examples: examples
            .iter()
            .map(|(bad, good)| Example {
                bad: Some((*bad).into()),
                good: Some((*good).into()),
                fixed: None,
            })
            .collect(),
        file: "indbygget (src/rules/passive.rs)".into(),
        line: 0,
        phrases: Vec::new(),
        replace: Vec::new(),
        metric: None,
        max: None,
    }
}

impl Analyzer for PassiveRules {
    /// Measured with callgrind on 200 generated letters (see `Analyzer::cost`).
    fn cost(&self) -> u32 {
        3
    }

    fn rules(&self) -> Vec<RuleInfo> {
        vec![
            info(
                S_PASSIVE,
                Severity::Warning,
                "«…» er passiv: læseren kan ikke se, hvem der gør noget. Skriv, hvem der handler: du, vi eller kommunen.",
                "I et brev skal læseren kunne se, hvem der gør hvad. «Skemaet skal udfyldes» siger ikke, om det er borgeren eller kommunen, der skal udfylde det. Skriv «Du skal udfylde skemaet» eller «Vi udbetaler pengene».",
                &[
                    (
                        "Skemaet skal udfyldes og sendes tilbage.",
                        "Du skal udfylde skemaet og sende det tilbage.",
                    ),
                    (
                        "Ydelsen udbetales den første hverdag i måneden.",
                        "Jeg synes, det lykkes. Der findes mange tilbud, og vi ses i morgen.",
                    ),
                ],
            ),
            info(
                BLIVE_PASSIVE,
                Severity::Warning,
                "«…» er passiv: læseren kan ikke se, hvem der har gjort det. Skriv, hvem der handler, fx «vi» om kommunen.",
                "«Din ansøgning er blevet behandlet» skjuler, at det er kommunen, der har behandlet den. Aktiv form er kortere og tydeligere: «Vi har behandlet din ansøgning».",
                &[
                    (
                        "Din ansøgning er blevet behandlet.",
                        "Vi har behandlet din ansøgning.",
                    ),
                    (
                        "Ydelsen vil blive udbetalt den 1. juni.",
                        "Du kan blive boende, og du bliver ikke syg.",
                    ),
                ],
            ),
            info(
                VAERE_PARTICIPLE,
                Severity::Info,
                "«…» beskriver en tilstand uden at sige, hvem der har gjort det. Overvej at skrive, hvem der handler.",
                "«Ansøgningen er modtaget» er ofte i orden, men «Vi har modtaget din ansøgning» er mere personligt og siger, hvem der har gjort noget.",
                &[(
                    "Ansøgningen er modtaget.",
                    "Du er flyttet til Holbæk, og du er gift.",
                )],
            ),
        ]
    }

    fn check(&self, doc: &Document, ctx: &Context<'_>, out: &mut Vec<Finding>) {
        passive::for_each(doc, |p| {
            let id = match p.kind {
                PassiveKind::S => S_PASSIVE,
                PassiveKind::Blive => BLIVE_PASSIVE,
                PassiveKind::Vaere => VAERE_PARTICIPLE,
            };
            if ctx.rule(id).is_none() {
                return;
            }
            let span = verb_span(doc, &p);
            let rewrite = active::rewrite(doc, &p);
            let message = message(doc, &p, span, rewrite.as_ref());
            let suggestions = rewrite
                .into_iter()
                .map(|r| {
                    Suggestion::replace(
                        Span::new(r.start, r.end),
                        r.text,
                        Applicability::DisplayOnly,
                    )
                })
                .collect();
            out.extend(ctx.finding(id, span, message, suggestions));
        });
    }
}

/// The span of the passive: the verb, with a modal ("skal udfyldes") or from the auxiliary to the
/// participle ("er blevet behandlet").
fn verb_span(doc: &Document, p: &Passive) -> Span {
    let start = match p.kind {
        PassiveKind::S => p.modal.unwrap_or(p.verb),
        _ => p.first,
    };
    doc.token_span(start..p.verb + 1)
}

fn message(doc: &Document, p: &Passive, span: Span, rewrite: Option<&active::Rewrite>) -> String {
    // The words of the span, one space between them (a line break becomes a space).
    let mut words = String::with_capacity(span.len());
    for w in doc.slice(span).split_whitespace() {
        if !words.is_empty() {
            words.push(' ');
        }
        words.push_str(w);
    }
    let verb = doc.lower(p.verb);
    match (p.kind, rewrite.map(|r| r.actor)) {
        (PassiveKind::Vaere, _) => format!(
            "«{words}» beskriver en tilstand uden at sige, hvem der har gjort det. Overvej at skrive, hvem der handler, fx «Vi har …»."
        ),
        (PassiveKind::S, _) if verb == "bedes" => format!(
            "«{words}» er en stiv og upersonlig måde at bede om noget på. Skriv direkte, hvad læseren skal gøre, i bydeform."
        ),
        (_, Some(Actor::Reader)) => format!(
            "«{words}» er passiv: læseren kan ikke se, at det er vedkommende selv, der skal gøre det. Skriv «du»."
        ),
        (_, Some(Actor::Kommune)) => format!(
            "«{words}» er passiv: læseren kan ikke se, hvem der handler. Skriv «vi», når det er kommunen, der gør det."
        ),
        (_, None) => format!(
            "«{words}» er passiv: læseren kan ikke se, hvem der gør noget. Skriv, hvem der handler: du, vi eller kommunen."
        ),
    }
}
