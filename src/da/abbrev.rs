//! Danish abbreviations whose periods do not end a sentence, and which of them may still end one.

use std::sync::LazyLock;

/// Abbreviations written with their periods, lower case. A token is an abbreviation when its
/// lower-cased text (letters and inner periods, final period included) is in this list.
const ABBREVIATIONS: &[&str] = &[
    "adr.",
    "afd.",
    "alm.",
    "ang.",
    "ank.",
    "att.",
    "bl.a.",
    "ca.",
    "cand.",
    "d.",
    "d.d.",
    "d.m.",
    "d.v.s.",
    "dec.",
    "dvs.",
    "e.kr.",
    "eks.",
    "ekskl.",
    "el.",
    "el.lign.",
    "etc.",
    "evt.",
    "f.",
    "f.eks.",
    "f.kr.",
    "feb.",
    "fhv.",
    "fig.",
    "fm.",
    "fr.",
    "fx.",
    "gl.",
    "hhv.",
    "hr.",
    "ifm.",
    "ift.",
    "iht.",
    "inkl.",
    "istf.",
    "j.nr.",
    "jan.",
    "jf.",
    "jr.",
    "jun.",
    "jul.",
    "kap.",
    "kl.",
    "kr.",
    "lign.",
    "m.fl.",
    "m.h.t.",
    "m.m.",
    "m.v.",
    "maks.",
    "max.",
    "mdr.",
    "md.",
    "mfl.",
    "mht.",
    "min.",
    "mio.",
    "mia.",
    "mobil.",
    "mr.",
    "mrs.",
    "ms.",
    "mv.",
    "nov.",
    "nr.",
    "o.a.",
    "o.l.",
    "o.lign.",
    "obs.",
    "okt.",
    "osv.",
    "p.a.",
    "p.g.a.",
    "p.t.",
    "pga.",
    "pers.",
    "pkt.",
    "pr.",
    "prof.",
    "ref.",
    "s.",
    "s.u.",
    "sagsnr.",
    "sep.",
    "sept.",
    "sdr.",
    "skt.",
    "st.",
    "stk.",
    "str.",
    "th.",
    "tilsv.",
    "tlf.",
    "tlf.nr.",
    "tv.",
    "u.å.",
    "vedr.",
    "vh.",
    "vha.",
    "vs.",
    "årg.",
    "afs.",
    "ordf.",
    "kbh.",
    "jvf.",
    "dgl.",
    "evt.nr.",
    "cvr.",
    "cvr.nr.",
    "reg.",
    "reg.nr.",
    "kto.",
    "kto.nr.",
    "tel.",
    "ekskl.moms.",
    "inkl.moms.",
];

/// Abbreviations that often stand last in a sentence ("… borgere, foreninger m.fl. Det er …",
/// "… 1.850 kr. Pengene …"): their period also ends the sentence when a capitalised word follows.
const MAY_END_SENTENCE: &[&str] = &[
    "m.fl.", "mfl.", "mv.", "m.v.", "m.m.", "osv.", "etc.", "kr.", "o.l.", "o.lign.", "el.lign.",
    "lign.", "tilsv.", "mdr.", "md.", "mio.", "mia.", "pkt.", "stk.", "nr.", "st.", "th.", "tv.",
    "min.",
];

/// The longest abbreviation, in bytes. Lower-casing never makes fewer characters, and a character
/// is at most four bytes, so a text of more than four times this many bytes is no abbreviation.
pub const MAX_LEN: usize = {
    let mut max = 0;
    let mut i = 0;
    while i < ABBREVIATIONS.len() {
        if ABBREVIATIONS[i].len() > max {
            max = ABBREVIATIONS[i].len();
        }
        i += 1;
    }
    max
};

/// The lists as sets: every word before a period is looked up, so once per sentence at least.
static SETS: LazyLock<[foldhash::HashSet<&'static str>; 2]> =
    LazyLock::new(|| [ABBREVIATIONS, MAY_END_SENTENCE].map(|list| list.iter().copied().collect()));

/// Is `lower` (lower-case, with its final period) a known abbreviation?
pub fn is_abbreviation(lower: &str) -> bool {
    lower.len() <= MAX_LEN && SETS[0].contains(lower)
}

/// May this abbreviation's period also end a sentence?
pub fn may_end_sentence(lower: &str) -> bool {
    lower.len() <= MAX_LEN && SETS[1].contains(lower)
}

/// Month names and their short forms: "1. januar" is an ordinal, not a sentence end.
pub fn is_month(lower: &str) -> bool {
    matches!(
        lower,
        "januar"
            | "februar"
            | "marts"
            | "april"
            | "maj"
            | "juni"
            | "juli"
            | "august"
            | "september"
            | "oktober"
            | "november"
            | "december"
            | "jan."
            | "feb."
            | "mar."
            | "apr."
            | "jun."
            | "jul."
            | "aug."
            | "sep."
            | "sept."
            | "okt."
            | "nov."
            | "dec."
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_lower_case_and_end_in_a_period() {
        for a in ABBREVIATIONS.iter().chain(MAY_END_SENTENCE) {
            assert!(a.ends_with('.'), "{a}");
            assert_eq!(a.to_lowercase(), *a);
        }
        for a in MAY_END_SENTENCE {
            assert!(is_abbreviation(a), "{a} missing from ABBREVIATIONS");
        }
    }
}
