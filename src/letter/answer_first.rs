//! `brev/svar-foerst`: in a decision, the answer belongs in the first paragraphs after the
//! salutation; the reasons come after. A warning when it comes late, info when at least the
//! subject line states it.

use super::appeal::Appeal;
use super::decision::Decision;
use super::{Facts, LetterAnalyzer};
use crate::finding::{Category, Finding, Severity};
use crate::rules::{Context, Example, RuleInfo};
use crate::text::segment::SentenceKind;

pub const ID: &str = "brev/svar-foerst";

const LATE: &str = "Kære Anne\n\nVi har behandlet din sag. Vi har læst lægens erklæring og talt med din hjemmehjælper.\n\n\
Vi har også set på, hvad du selv kan klare i hjemmet, og hvad du har brug for hjælp til.\n\n\
Du får hjælp til rengøring hver anden uge fra 1. marts, fordi du ikke selv kan støvsuge. Reglerne står i serviceloven § 83.\n\n\
Du kan klage til os inden 4 uger. Skriv til os med Digital Post.\n\nMed venlig hilsen\n\nBo Holm";

const EARLY: &str = "Kære Anne\n\nDu får hjælp til rengøring hver anden uge fra 1. marts.\n\n\
Vi har læst lægens erklæring. Du kan ikke selv støvsuge, fordi du har ondt i ryggen. Reglerne står i serviceloven § 83.\n\n\
Du kan klage til os inden 4 uger. Skriv til os med Digital Post.\n\nMed venlig hilsen\n\nBo Holm";

pub fn rules() -> Vec<RuleInfo> {
    vec![RuleInfo::builtin(
        ID,
        Category::Required,
        Severity::Warning,
        "Afgørelsen står først i afsnit {n} efter indledningen. Skriv svaret i første afsnit, så borgeren straks kan se, hvad du har besluttet; begrundelsen kan komme bagefter.",
        "Svar først: borgeren læser brevet for at få svaret. Står det efter en lang indledning, \
         overser mange det eller misforstår brevet. Skriv afgørelsen i første afsnit efter «Kære …» \
         og gerne i overskriften. Hvor mange afsnit der må gå, sætter du med \
         [letter] answer-first-paragraphs i klarsprog.toml (standard 2). Niveauet er info, når \
         overskriften siger svaret.",
        vec![
            Example {
                bad: Some(LATE.into()),
                ..Example::default()
            },
            Example {
                good: Some(EARLY.into()),
                ..Example::default()
            },
        ],
    )]
}

/// Does the paragraph count when we count paragraphs to the answer? A heading alone does not.
fn counts(f: &Facts<'_>, p: usize) -> bool {
    let sents = f.doc.paragraphs[p].sentences.clone();
    let n = sents.len();
    n > 1
        || sents
            .clone()
            .any(|s| f.doc.sentences[s].kind == SentenceKind::Running)
}

pub fn check(
    f: &Facts<'_>,
    d: &Decision,
    appeal: &Appeal,
    a: &LetterAnalyzer,
    ctx: &Context<'_>,
    out: &mut Vec<Finding>,
) {
    if ctx.rule(ID).is_none() {
        return;
    }
    let Some(body) = f.layout.body_para else {
        return;
    };
    // The first answer (or offer) in the body; without one, the first mention of the decision.
    // The klagevejledning ("Du kan klage over afgørelsen") is not where the answer stands.
    let in_body = |s: &usize| f.doc.sentences[*s].paragraph >= body && !appeal.in_region(*s);
    let first = d
        .answers
        .iter()
        .chain(&d.offers)
        .copied()
        .filter(in_body)
        .min()
        .or_else(|| d.topics.iter().copied().find(in_body));
    let Some(s) = first else { return };
    let para = f.doc.sentences[s].paragraph;
    let n = (body..=para).filter(|&p| counts(f, p)).count();
    let limit = a.config.answer_first_paragraphs;
    if n <= limit {
        return;
    }
    let (sev, msg) = if d.heading_answer {
        (
            Severity::Info,
            format!(
                "Overskriften siger svaret, men i selve brevet står afgørelsen først i afsnit {n}. Skriv den også i første afsnit efter indledningen; begrundelsen kan komme bagefter."
            ),
        )
    } else {
        (
            Severity::Warning,
            format!(
                "Afgørelsen står først i afsnit {n} efter indledningen. Skriv svaret i første afsnit (og gerne i overskriften), så borgeren straks kan se, hvad du har besluttet; begrundelsen kan komme bagefter."
            ),
        )
    };
    a.emit(ctx, out, ID, Some(sev), f.doc.paragraphs[para].span, msg);
}
