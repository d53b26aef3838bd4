//! The embedded Danish dictionary: every form da_DK derives, and every compound part, in one FST
//! map (`dictionaries/da_DK.fst`, made by `scripts/build_dictionary.py`), with Hunspell's
//! compound rules (COMPOUNDBEGIN/MIDDLE/END, COMPOUNDMIN, COMPOUNDWORDMAX, CHECKCOMPOUNDREP).

use std::sync::OnceLock;

use fst::raw::{Fst, Output};

/// The bits stored with each key (see `scripts/build_dictionary.py`).
pub mod bits {
    /// A word by itself, without compounding.
    pub const WORD: u64 = 1;
    pub const BEGIN: u64 = 1 << 1;
    pub const MIDDLE: u64 = 1 << 2;
    pub const END: u64 = 1 << 3;
    /// The stem as the .dic writes it (no affix applied).
    pub const HEAD: u64 = 1 << 4;
    pub const NOUN: u64 = 1 << 5;
    pub const VERB: u64 = 1 << 6;
    pub const ADJ: u64 = 1 << 7;
    pub const NOSUGGEST: u64 = 1 << 8;
    pub const PROD_SHIFT: u32 = 9;
    pub const FORBIDDEN: u64 = 1 << 11;

    /// 0–3: how many other stems contain this form's stem (a stand-in for frequency).
    pub fn productivity(b: u64) -> u64 {
        (b >> PROD_SHIFT) & 3
    }
}

static FST_BYTES: &[u8] = include_bytes!("../../../dictionaries/da_DK.fst");
static AFF: &str = include_str!("../../../dictionaries/da_DK.aff");

/// Hunspell's COMPOUNDMIN (letters in a part) and COMPOUNDWORDMAX (parts in a word) of da_DK.
pub const COMPOUND_MIN: usize = 2;
pub const COMPOUND_MAX: u8 = 10;

/// The dictionary map; zero-copy over the bytes in the binary, so "loading" it is free.
pub fn map() -> &'static fst::Map<&'static [u8]> {
    static M: OnceLock<fst::Map<&'static [u8]>> = OnceLock::new();
    M.get_or_init(|| fst::Map::new(FST_BYTES).expect("dictionaries/da_DK.fst is a valid FST"))
}

/// The same, as a raw FST for walking node by node.
pub fn fst() -> &'static Fst<&'static [u8]> {
    map().as_fst()
}

/// The bits of `key`, if the dictionary has it.
pub fn lookup(key: &str) -> Option<u64> {
    map().get(key)
}

/// The FNV-1a hash of the sources the embedded FST was built from (its "\0sources:" key).
pub fn sources_hash() -> Option<String> {
    use fst::{IntoStreamer, Streamer};
    let mut keys = map().range().lt([1u8]).into_stream();
    let (key, _) = keys.next()?;
    std::str::from_utf8(key)
        .ok()?
        .strip_prefix("\0sources:")
        .map(str::to_string)
}

/// Is `w` a word by itself (not forbidden)?
pub fn is_simple_word(w: &str) -> bool {
    lookup(w).is_some_and(|b| b & bits::WORD != 0 && b & bits::FORBIDDEN == 0)
}

/// Splits a long compound before its last part: "boligstøttebekendtgørelsen" → ("boligstøtte",
/// "bekendtgørelsen"), "sagsbehandlingstiden" → ("sagsbehandling", "tiden"). The last part is
/// the shortest tail of at least five letters that is a word, may end a compound, and leaves a
/// head (without a linking -s) that is a word or a compound. `w` is lower case.
pub fn split_last_part(w: &str) -> Option<(&str, &str)> {
    let bounds: Vec<usize> = w
        .char_indices()
        .map(|(b, _)| b)
        .skip(COMPOUND_MIN)
        .collect();
    for &b in bounds.iter().rev() {
        let tail = &w[b..];
        if tail.chars().count() < 5
            || !lookup(tail).is_some_and(|t| t & bits::END != 0 && t & bits::FORBIDDEN == 0)
        {
            continue;
        }
        let head = &w[..b];
        let bare = head
            .strip_suffix('s')
            .filter(|h| is_simple_word(h) || is_compound(h));
        if let Some(h) = bare {
            return Some((h, tail));
        }
        if is_simple_word(head) || is_compound(head) {
            return Some((head, tail));
        }
    }
    None
}

/// Is `w` a compound of dictionary parts that Hunspell accepts: a BEGIN part, any MIDDLE parts
/// and an END part, each at least two letters, at most ten parts, and no REP replacement turns
/// it, or the compound that any of its tails forms, into a simple word (CHECKCOMPOUNDREP:
/// "udsædvanlig" is a slip for "usædvanlig", and "nidler" for "midler", so "hjælpernidler" is
/// no compound either).
pub fn is_compound(w: &str) -> bool {
    if w.chars().count() < 2 * COMPOUND_MIN || lookup(w).is_some_and(|v| v & bits::FORBIDDEN != 0) {
        return false;
    }
    let mut memo = vec![None; w.len() + 1];
    compound_from(w, 0, 0, &mut memo)
}

/// The dictionary parts that start at byte `start` of `w`: (end, bits), shortest first.
fn parts_at(w: &str, start: usize) -> Vec<(usize, u64)> {
    let fst = fst();
    let b = w.as_bytes();
    let mut out = Vec::new();
    let mut node = fst.root();
    let mut acc = Output::zero();
    let mut letters = 0;
    for (j, &byte) in b.iter().enumerate().skip(start) {
        let Some(t) = node.find_input(byte) else {
            break;
        };
        let tr = node.transition(t);
        acc = acc.cat(tr.out);
        node = fst.node(tr.addr);
        // A byte that is not a UTF-8 continuation byte starts a letter.
        if (byte as i8) >= -0x40 {
            letters += 1;
        }
        let end = j + 1;
        if node.is_final() && letters >= COMPOUND_MIN && w.is_char_boundary(end) {
            let v = acc.cat(node.final_output()).value();
            if v & bits::FORBIDDEN == 0 {
                out.push((end, v));
            }
        }
    }
    out
}

/// Can `w[start..]` be the `nth` and following parts of a compound? Like Hunspell's
/// `compound_check`, the REP test applies to every tail compound as well as to the whole word.
fn compound_from(w: &str, start: usize, nth: u8, memo: &mut Vec<Option<bool>>) -> bool {
    if nth > 0
        && let Some(v) = memo[start]
    {
        return v;
    }
    let role = if nth == 0 { bits::BEGIN } else { bits::MIDDLE };
    let mut ok = false;
    for (end, v) in parts_at(w, start) {
        if end == w.len() || v & role == 0 {
            continue;
        }
        let last = lookup(&w[end..]).is_some_and(|t| {
            t & bits::END != 0
                && t & bits::FORBIDDEN == 0
                && w[end..].chars().count() >= COMPOUND_MIN
        });
        if (last || (nth + 2 < COMPOUND_MAX && compound_from(w, end, nth + 1, memo)))
            && !rep_makes_word(&w[start..])
        {
            ok = true;
            break;
        }
    }
    if nth > 0 {
        memo[start] = Some(ok);
    }
    ok
}

/// The REP table of da_DK.aff: (pattern, replacement), anchors kept, `_` turned into a space.
pub fn rep_table() -> &'static [(String, String)] {
    static REP: OnceLock<Vec<(String, String)>> = OnceLock::new();
    REP.get_or_init(|| {
        AFF.lines()
            .filter_map(|l| {
                let mut p = l.split_whitespace();
                if p.next()? != "REP" {
                    return None;
                }
                let (from, to) = (p.next()?, p.next()?);
                Some((from.to_string(), to.replace('_', " ")))
            })
            .filter(|(f, _)| !f.is_empty())
            .collect()
    })
}

/// Does one REP replacement anywhere in `w` give a simple dictionary word?
pub fn rep_makes_word(w: &str) -> bool {
    let mut buf = String::with_capacity(w.len() + 8);
    for (from, to) in rep_table() {
        let start_anchor = from.starts_with('^');
        let end_anchor = from.ends_with('$') && from.len() > 1;
        let pat = from.trim_start_matches('^').trim_end_matches('$');
        if pat.is_empty() {
            continue;
        }
        let mut search = 0;
        while let Some(pos) = w[search..].find(pat) {
            let at = search + pos;
            let ok = (!start_anchor || at == 0) && (!end_anchor || at + pat.len() == w.len());
            if ok {
                buf.clear();
                buf.push_str(&w[..at]);
                buf.push_str(to);
                buf.push_str(&w[at + pat.len()..]);
                if !buf.contains(' ') && is_simple_word(&buf) {
                    return true;
                }
            }
            search = at + pat.len().max(1);
            if start_anchor {
                break;
            }
        }
    }
    false
}

/// Is `w` spelt right as written: a simple word or a compound? No case folding here.
pub fn is_word_as_written(w: &str) -> bool {
    is_simple_word(w) || is_compound(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simple_forms_and_compound_parts() {
        assert!(is_simple_word("behandles"));
        assert!(is_simple_word("ansøgningen"));
        assert!(
            !is_simple_word("børne"),
            "a linking form is a part, not a word"
        );
        assert!(lookup("børne").is_some_and(|b| b & bits::BEGIN != 0));
        assert!(!is_simple_word("ansøgnig"));
    }

    #[test]
    fn compounds_from_letters() {
        for w in [
            "sagsbehandlingstid",
            "boligstøttebekendtgørelsen",
            "dagtilbudsloven",
            "forvaltningsloven",
            "sagsbehandlingssystem",
            "ansøgningstidspunktet",
            "visitationssamtale",
            "tømningsordning",
        ] {
            assert!(is_word_as_written(w), "{w}");
        }
    }

    #[test]
    fn misspelt_compounds_stay_rejected() {
        for w in [
            "sagsbehadlingstid",
            "boligstøtebekendtgørelsen",
            "dagtilbutsloven",
            "udsædvanlig",
            "ansøgnigsskema",
            "boligstotte",
            "hjælpernidler",
        ] {
            assert!(!is_word_as_written(w), "{w}");
        }
    }

    #[test]
    fn rep_table_is_read() {
        let rep = rep_table();
        assert!(rep.len() > 100, "{}", rep.len());
        assert!(rep.iter().any(|(f, t)| f == "aa" && t == "å"));
        assert!(rep.iter().any(|(f, t)| f == "^påny$" && t == "på ny"));
    }
}
