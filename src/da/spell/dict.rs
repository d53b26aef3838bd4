//! The embedded Danish dictionary: every form da_DK derives, and every compound part, in one FST
//! map (`dictionaries/da_DK.fst`, made by `scripts/build_dictionary.py`), with Hunspell's
//! compound rules (COMPOUNDBEGIN/MIDDLE/END, COMPOUNDMIN, COMPOUNDWORDMAX, CHECKCOMPOUNDREP).

use std::cell::RefCell;
use std::sync::OnceLock;

use fst::raw::{CompiledAddr, Fst, Node, Output};

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

/// Where a walk down the FST stands after some bytes: for looking up keys that continue them
/// ("bolig" + "støtte") without walking the first part again.
#[derive(Clone, Copy, Debug)]
pub struct Prefix {
    addr: CompiledAddr,
    out: u64,
}

impl Prefix {
    /// The state after `key`, when some key of the dictionary starts with it.
    pub fn of(key: &str) -> Option<Prefix> {
        let fst = fst();
        let (node, acc) = walk(fst, fst.root(), Output::zero(), key.as_bytes())?;
        Some(Prefix {
            addr: node.addr(),
            out: acc.value(),
        })
    }

    /// The bits of the key itself, if the dictionary has it: `lookup(key)`.
    pub fn value(&self) -> Option<u64> {
        value_at(&fst().node(self.addr), Output::new(self.out))
    }

    /// The bits of the key followed by `rest`, if the dictionary has it.
    pub fn lookup(&self, rest: &str) -> Option<u64> {
        let fst = fst();
        let (node, acc) = walk(
            fst,
            fst.node(self.addr),
            Output::new(self.out),
            rest.as_bytes(),
        )?;
        value_at(&node, acc)
    }
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
///
/// The same long words come back letter after letter, so the splits are kept per thread (at
/// most `SPLITS_MAX` words; then the cache starts over).
pub fn split_last_part(w: &str) -> Option<(&str, &str)> {
    const SPLITS_MAX: usize = 20_000;
    /// Per word: where the head ends and the last part starts.
    type Splits = foldhash::HashMap<Box<str>, Option<(usize, usize)>>;
    thread_local! {
        static SPLITS: RefCell<Splits> = RefCell::new(Splits::default());
    }
    let cut = match SPLITS.with_borrow(|m| m.get(w).copied()) {
        Some(cut) => cut,
        None => {
            let cut = find_last_part(w);
            SPLITS.with_borrow_mut(|m| {
                if m.len() >= SPLITS_MAX {
                    m.clear();
                }
                m.insert(w.into(), cut);
            });
            cut
        }
    };
    cut.map(|(head, tail)| (&w[..head], &w[tail..]))
}

/// `split_last_part`, as byte offsets: (end of the head, start of the last part).
fn find_last_part(w: &str) -> Option<(usize, usize)> {
    // The byte offset of the third letter: every part has at least COMPOUND_MIN letters.
    let first = w.char_indices().nth(COMPOUND_MIN)?.0;
    // (The tail's letters are counted as the loop goes: counting each tail again made a huge
    // token quadratic.)
    for (k, (b, _)) in w[first..].char_indices().rev().enumerate() {
        let b = first + b;
        let tail = &w[b..];
        if k + 1 < 5
            || !lookup(tail).is_some_and(|t| t & bits::END != 0 && t & bits::FORBIDDEN == 0)
        {
            continue;
        }
        let head = &w[..b];
        let bare = head
            .strip_suffix('s')
            .filter(|h| is_simple_word(h) || is_compound(h));
        if let Some(h) = bare {
            return Some((h.len(), b));
        }
        if is_simple_word(head) || is_compound(head) {
            return Some((b, b));
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

/// One step of a walk down the FST: the node after `byte`, and the output so far.
fn step<'f>(
    fst: &'f Fst<&'static [u8]>,
    node: &Node<'f>,
    acc: Output,
    byte: u8,
) -> Option<(Node<'f>, Output)> {
    let tr = node.transition(node.find_input(byte)?);
    Some((fst.node(tr.addr), acc.cat(tr.out)))
}

/// The walk from `node` over `bytes`.
fn walk<'f>(
    fst: &'f Fst<&'static [u8]>,
    node: Node<'f>,
    acc: Output,
    bytes: &[u8],
) -> Option<(Node<'f>, Output)> {
    bytes
        .iter()
        .try_fold((node, acc), |(n, a), &b| step(fst, &n, a, b))
}

/// The value of the key that ends at `node`, if one does.
fn value_at(node: &Node<'_>, acc: Output) -> Option<u64> {
    node.is_final()
        .then(|| acc.cat(node.final_output()).value())
}

/// Can `w[start..]` be the `nth` and following parts of a compound? Like Hunspell's
/// `compound_check`, the REP test applies to every tail compound as well as to the whole word.
///
/// The parts that start at `start` are found in one walk down the FST, shortest first.
fn compound_from(w: &str, start: usize, nth: u8, memo: &mut Vec<Option<bool>>) -> bool {
    if nth > 0
        && let Some(v) = memo[start]
    {
        return v;
    }
    let role = if nth == 0 { bits::BEGIN } else { bits::MIDDLE };
    let fst = fst();
    let b = w.as_bytes();
    let (mut node, mut acc) = (fst.root(), Output::zero());
    let mut letters = 0;
    // The REP test is on `w[start..]` whatever the split: made at most once.
    let mut rep = None;
    let mut ok = false;
    for (j, &byte) in b.iter().enumerate().skip(start) {
        let Some(next) = step(fst, &node, acc, byte) else {
            break;
        };
        (node, acc) = next;
        // A byte that is not a UTF-8 continuation byte starts a letter.
        if (byte as i8) >= -0x40 {
            letters += 1;
        }
        let end = j + 1;
        if end == w.len() || letters < COMPOUND_MIN || !w.is_char_boundary(end) {
            continue;
        }
        let Some(v) = value_at(&node, acc) else {
            continue;
        };
        if v & bits::FORBIDDEN != 0 || v & role == 0 {
            continue;
        }
        let last = lookup(&w[end..]).is_some_and(|t| {
            t & bits::END != 0
                && t & bits::FORBIDDEN == 0
                && w[end..].chars().count() >= COMPOUND_MIN
        });
        if (last || (nth + 2 < COMPOUND_MAX && compound_from(w, end, nth + 1, memo)))
            && !*rep.get_or_insert_with(|| rep_makes_word(&w[start..]))
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

/// One REP entry, ready for matching.
struct Rep {
    /// The pattern without its anchors.
    pat: &'static str,
    to: &'static str,
    /// `^`: only at the start of the word.
    start_anchor: bool,
    /// `$`: only at the end of the word.
    end_anchor: bool,
}

/// The REP entries that can apply, and for each first byte the entries whose pattern starts
/// with it.
struct RepIndex {
    reps: Vec<Rep>,
    by_first_byte: Vec<Vec<usize>>,
}

fn rep_index() -> &'static RepIndex {
    static INDEX: OnceLock<RepIndex> = OnceLock::new();
    INDEX.get_or_init(|| {
        let reps: Vec<Rep> = rep_table()
            .iter()
            .filter_map(|(from, to)| {
                let pat = from.trim_start_matches('^').trim_end_matches('$');
                // A space in the replacement never makes a simple word.
                (!pat.is_empty() && !to.contains(' ')).then_some(Rep {
                    pat,
                    to,
                    start_anchor: from.starts_with('^'),
                    end_anchor: from.ends_with('$') && from.len() > 1,
                })
            })
            .collect();
        let mut by_first_byte = vec![Vec::new(); 256];
        for (i, r) in reps.iter().enumerate() {
            by_first_byte[r.pat.as_bytes()[0] as usize].push(i);
        }
        RepIndex {
            reps,
            by_first_byte,
        }
    })
}

/// Does one REP replacement anywhere in `w` give a simple dictionary word?
///
/// Hunspell's reading: each pattern is searched left to right, its occurrences not
/// overlapping, an anchored one only at its end of the word. The search runs once over the
/// word for all patterns and stops where no dictionary key begins with the word's bytes so
/// far: a replacement after that point cannot make a word. Each candidate continues the FST
/// walk from the state before the replaced bytes.
pub fn rep_makes_word(w: &str) -> bool {
    let index = rep_index();
    let fst = fst();
    let b = w.as_bytes();
    // A space anywhere in the word, outside the replaced bytes, stays in the candidate.
    let space = memchr::memchr(b' ', b).is_some();
    // Where the next occurrence of each pattern may start.
    let mut next = vec![0; index.reps.len()];
    let (mut node, mut acc) = (fst.root(), Output::zero());
    for at in 0..b.len() {
        for &i in &index.by_first_byte[b[at] as usize] {
            let r = &index.reps[i];
            let pat = r.pat.as_bytes();
            if at < next[i] || !b[at..].starts_with(pat) {
                continue;
            }
            next[i] = at + pat.len();
            let rest = &b[at + pat.len()..];
            if (r.start_anchor && at != 0) || (r.end_anchor && !rest.is_empty()) {
                continue;
            }
            if space && (b[..at].contains(&b' ') || rest.contains(&b' ')) {
                continue;
            }
            let word = walk(fst, node, acc, r.to.as_bytes())
                .and_then(|(n, a)| walk(fst, n, a, rest))
                .and_then(|(n, a)| value_at(&n, a));
            if word.is_some_and(|v| v & bits::WORD != 0 && v & bits::FORBIDDEN == 0) {
                return true;
            }
        }
        match step(fst, &node, acc, b[at]) {
            Some(next) => (node, acc) = next,
            None => break,
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

    /// The plain reading of the REP check: each pattern searched for in turn, one candidate
    /// string at a time.
    fn rep_makes_word_plain(w: &str) -> bool {
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
                if (!start_anchor || at == 0) && (!end_anchor || at + pat.len() == w.len()) {
                    let cand = format!("{}{to}{}", &w[..at], &w[at + pat.len()..]);
                    if !cand.contains(' ') && is_simple_word(&cand) {
                        return true;
                    }
                }
                search = at + pat.len();
                if start_anchor {
                    break;
                }
            }
        }
        false
    }

    /// The plain reading of the compound check: the parts at `start` listed first, and the
    /// REP test made for every split.
    fn compound_from_plain(w: &str, start: usize, nth: u8, memo: &mut Vec<Option<bool>>) -> bool {
        if nth > 0
            && let Some(v) = memo[start]
        {
            return v;
        }
        let role = if nth == 0 { bits::BEGIN } else { bits::MIDDLE };
        let parts: Vec<(usize, u64)> = (start + 1..=w.len())
            .filter(|&end| w.is_char_boundary(end) && w[start..end].chars().count() >= COMPOUND_MIN)
            .filter_map(|end| lookup(&w[start..end]).map(|v| (end, v)))
            .filter(|(_, v)| v & bits::FORBIDDEN == 0)
            .collect();
        let mut ok = false;
        for (end, v) in parts {
            if end == w.len() || v & role == 0 {
                continue;
            }
            let last = lookup(&w[end..]).is_some_and(|t| {
                t & bits::END != 0
                    && t & bits::FORBIDDEN == 0
                    && w[end..].chars().count() >= COMPOUND_MIN
            });
            if (last || (nth + 2 < COMPOUND_MAX && compound_from_plain(w, end, nth + 1, memo)))
                && !rep_makes_word_plain(&w[start..])
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

    /// The plain reading of `split_last_part`: every split point from the end.
    fn split_last_part_plain(w: &str) -> Option<(&str, &str)> {
        let bounds: Vec<usize> = w
            .char_indices()
            .map(|(b, _)| b)
            .skip(COMPOUND_MIN)
            .collect();
        for &b in bounds.iter().rev() {
            let (head, tail) = w.split_at(b);
            if tail.chars().count() < 5
                || !lookup(tail).is_some_and(|t| t & bits::END != 0 && t & bits::FORBIDDEN == 0)
            {
                continue;
            }
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

    /// From the letters in the repository: their words, pairs of neighbours written together
    /// (compounds and non-compounds) and slips (a letter dropped or swapped for another); every
    /// fifth of them, some 30,000.
    fn words() -> Vec<String> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut text = String::new();
        for dir in ["samples", "tests/data", "tests/data/plain"] {
            for e in std::fs::read_dir(root.join(dir)).unwrap() {
                let p = e.unwrap().path();
                if p.is_file() {
                    text += &std::fs::read_to_string(p).unwrap_or_default();
                    text.push(' ');
                }
            }
        }
        let words: Vec<String> = text
            .split(|c: char| !c.is_alphabetic() && c != '-')
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        let mut set: std::collections::BTreeSet<String> = words.iter().cloned().collect();
        for p in words.windows(2) {
            set.insert(format!("{}{}", p[0], p[1]));
            set.insert(format!("{}s{}", p[0], p[1]));
        }
        for w in set.clone() {
            let cs: Vec<char> = w.chars().collect();
            for i in (0..cs.len()).step_by(3) {
                let mut d = cs.clone();
                d.remove(i);
                set.insert(d.into_iter().collect());
                let mut e = cs.clone();
                e[i] = match e[i] {
                    'e' => 'a',
                    'a' => 'e',
                    'ø' => 'o',
                    'k' => 'g',
                    'd' => 't',
                    c => c,
                };
                set.insert(e.into_iter().collect());
            }
        }
        set.into_iter().step_by(5).collect()
    }

    #[test]
    fn fast_checks_agree_with_the_plain_reading() {
        let (mut rep, mut compound) = (0, 0);
        for w in words() {
            let plain = rep_makes_word_plain(&w);
            assert_eq!(rep_makes_word(&w), plain, "REP: {w}");
            rep += plain as usize;
            let plain = w.chars().count() >= 2 * COMPOUND_MIN
                && lookup(&w).is_none_or(|v| v & bits::FORBIDDEN == 0)
                && compound_from_plain(&w, 0, 0, &mut vec![None; w.len() + 1]);
            assert_eq!(is_compound(&w), plain, "compound: {w}");
            compound += plain as usize;
            if w.chars().count() >= 12 {
                let plain = split_last_part_plain(&w);
                assert_eq!(split_last_part(&w), plain, "split: {w}");
                // Again, from the cache.
                assert_eq!(split_last_part(&w), plain, "split: {w}");
            }
        }
        // The words exercise both answers.
        assert!(rep > 1000 && compound > 2000, "{rep} {compound}");
    }
}
