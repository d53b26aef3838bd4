//! Ranked suggestions for an unknown word. One depth-first walk over the dictionary FST with a
//! weighted edit distance that knows Danish slips — æ ø å written ae oe aa or lost to a o in
//! conversion, doubled and single consonants, OCR damage (rn→m, I→l, c→e) — and that may
//! restart at the root where a compound part ends; plus splits into words ("idag" → "i dag").

use std::collections::HashMap;

use fst::raw::{Node, Output};

use super::dict::{self, bits};
use super::is_function_word;

/// Costs in hundredths of an edit.
mod cost {
    pub const EDIT: u16 = 100;
    pub const TRANSPOSE: u16 = 70;
    /// A doubled letter written single, or a single one doubled: "komune", "tillbage".
    pub const DOUBLE: u16 = 40;
    /// "ae" for æ, "oe" for ø, "aa" for å.
    pub const DIGRAPH: u16 = 20;
    /// æ ø å lost in a conversion: a for æ or å, o for ø.
    pub const LOST: u16 = 30;
    /// Scanner damage: "rn" for m, "I" or "i" for l, "c" for e, "h" for b.
    pub const OCR: u16 = 45;
    /// Letters Danes confuse by sound (k/g, b/p, d/t, e/i, o/u, e/æ …).
    pub const SOUND: u16 = 70;
    /// A neighbouring key.
    pub const KEY: u16 = 80;
    /// Upper for lower case: "holbæk" → "Holbæk".
    pub const CASE: u16 = 10;
    /// One space inserted: "idag" → "i dag".
    pub const SPLIT: u16 = 35;
    /// A split whose first word is not a small function word ("i", "på", "for" …).
    pub const SPLIT_CONTENT: u16 = 70;
    /// Each joint of a compound that the dictionary does not list as one word: such a
    /// compound is much rarer than a listed word ("vugge" + "sut" for "vuggestu").
    pub const JOINT: u16 = 40;
    /// Taken off per productivity level (0–3) of the word's stem, a stand-in for frequency.
    pub const COMMON: u16 = 10;
}

/// A suggestion and its score (lower is better).
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    pub text: String,
    pub score: i32,
}

/// The largest edit cost searched, by word length in letters.
fn budget(letters: usize) -> u16 {
    match letters {
        0..=3 => 100,
        4..=5 => 140,
        6..=9 => 200,
        _ => 240,
    }
}

/// Alternatives are shown when they score at most this much worse than the best one.
const MARGIN: i32 = 60;

/// Nodes visited at most per word; the walk stops there with what it found.
const MAX_VISITS: usize = 200_000;
/// Compound parts at most in a suggested compound.
const MAX_PARTS: u8 = 4;

/// Row and column of a letter on a Danish keyboard.
fn key_pos(c: char) -> Option<(u8, u8)> {
    const ROWS: [&str; 3] = ["qwertyuiopå", "asdfghjklæø", "zxcvbnm"];
    ROWS.iter().enumerate().find_map(|(r, row)| {
        row.chars()
            .position(|k| k == c)
            .map(|col| (r as u8, col as u8))
    })
}

/// Side by side on the same row of the keyboard.
fn neighbours(a: char, b: char) -> bool {
    match (key_pos(a), key_pos(b)) {
        (Some((ra, ca)), Some((rb, cb))) => ra == rb && ca.abs_diff(cb) == 1,
        _ => false,
    }
}

/// Cost of reading query letter `a` where the word has `c`.
fn sub(a: char, c: char) -> u16 {
    if a == c {
        return 0;
    }
    if c.is_uppercase() && c.to_lowercase().eq(std::iter::once(a)) {
        return cost::CASE;
    }
    match (a, c) {
        ('a', 'æ' | 'å') | ('o', 'ø') | ('u', 'ü') | ('e', 'é') => cost::LOST,
        ('i', 'l')
        | ('l', 'i')
        | ('c', 'e')
        | ('e', 'c')
        | ('h', 'b')
        | ('b', 'h')
        | ('u', 'n')
        | ('n', 'u')
        | ('t', 'f')
        | ('f', 't')
        | ('l', 't')
        | ('t', 'l') => cost::OCR,
        ('e', 'æ')
        | ('æ', 'e')
        | ('ø', 'o')
        | ('å', 'a')
        | ('æ', 'a')
        | ('å', 'o')
        | ('o', 'å') => cost::SOUND,
        ('k', 'g')
        | ('g', 'k')
        | ('b', 'p')
        | ('p', 'b')
        | ('d', 't')
        | ('t', 'd')
        | ('s', 'c')
        | ('c', 's')
        | ('c', 'k')
        | ('k', 'c')
        | ('m', 'n')
        | ('n', 'm')
        | ('j', 'g')
        | ('g', 'j')
        | ('i', 'e')
        | ('e', 'i')
        | ('a', 'e')
        | ('e', 'a')
        | ('o', 'u')
        | ('u', 'o')
        | ('y', 'j')
        | ('v', 'w')
        | ('w', 'v')
        | ('y', 'ø')
        | ('i', 'y')
        | ('y', 'i') => cost::SOUND,
        _ if neighbours(a, c) => cost::KEY,
        _ => cost::EDIT,
    }
}

/// Cost of the query's two letters `x y` standing for the word's one letter `c`.
fn two_for_one(x: char, y: char, c: char) -> Option<u16> {
    match (x, y, c) {
        ('a', 'e', 'æ') | ('o', 'e', 'ø') | ('a', 'a', 'å') => Some(cost::DIGRAPH),
        ('r', 'n', 'm') | ('c', 'l', 'd') | ('i', 'i', 'ü') => Some(cost::OCR),
        _ => None,
    }
}

/// Cost of the query's one letter `a` standing for the word's two letters `x y`.
fn one_for_two(a: char, x: char, y: char) -> Option<u16> {
    match (a, x, y) {
        ('h', 'l', 'i') | ('m', 'r', 'n') | ('d', 'c', 'l') => Some(cost::OCR),
        _ => None,
    }
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'æ' | 'ø' | 'å')
}

/// The walk's state: the query, one DP row per letter of the path, and what was found.
struct Walk<'q> {
    q: &'q [char],
    budget: u16,
    /// Row d (the path's first d letters against every query prefix) at `d * (n + 1)`.
    rows: Vec<u16>,
    path: Vec<char>,
    /// Bytes of a letter not yet complete.
    pending: Vec<u8>,
    found: HashMap<String, (u16, u8, u64)>,
    visits: usize,
    /// May the walk go on into a next compound part where one ends?
    compounds: bool,
    /// `sub(q[i], c)` for every i, per letter `c` below U+0100 (computed on first use).
    subs: Vec<Option<Box<[u16]>>>,
}

impl Walk<'_> {
    fn width(&self) -> usize {
        self.q.len() + 1
    }

    /// Appends the row for path letter `c`; returns its smallest value.
    fn push_row(&mut self, c: char) -> u16 {
        let n = self.q.len();
        let w = n + 1;
        let d = self.path.len(); // letters before c
        let prev = d * w;
        let pc = d.checked_sub(1).map(|i| self.path[i]);
        let ins = if pc == Some(c) && !is_vowel(c) {
            cost::DOUBLE
        } else {
            cost::EDIT
        };
        let code = c as usize;
        if code < self.subs.len() && self.subs[code].is_none() {
            self.subs[code] = Some(self.q.iter().map(|&a| sub(a, c)).collect());
        }
        self.rows.extend(std::iter::repeat_n(u16::MAX, w));
        let cur = (d + 1) * w;
        self.rows[cur] = self.rows[prev].saturating_add(ins);
        let mut min = self.rows[cur];
        for i in 1..=n {
            let a = self.q[i - 1];
            let s = match self.subs.get(code) {
                Some(Some(row)) => row[i - 1],
                _ => sub(a, c),
            };
            let mut v = self.rows[prev + i - 1].saturating_add(s);
            v = v.min(self.rows[prev + i].saturating_add(ins));
            let del = if i >= 2 && self.q[i - 2] == a && !is_vowel(a) {
                cost::DOUBLE
            } else {
                cost::EDIT
            };
            v = v.min(self.rows[cur + i - 1].saturating_add(del));
            if i >= 2 {
                if let Some(pc) = pc
                    && d >= 1
                    && a == pc
                    && self.q[i - 2] == c
                    && a != c
                {
                    v = v.min(self.rows[(d - 1) * w + i - 2].saturating_add(cost::TRANSPOSE));
                }
                if let Some(k) = two_for_one(self.q[i - 2], a, c) {
                    v = v.min(self.rows[prev + i - 2].saturating_add(k));
                }
            }
            if let Some(pc) = pc
                && d >= 1
                && let Some(k) = one_for_two(a, pc, c)
            {
                v = v.min(self.rows[(d - 1) * w + i - 1].saturating_add(k));
            }
            self.rows[cur + i] = v;
            min = min.min(v);
        }
        min
    }

    fn pop_row(&mut self) {
        let w = self.width();
        self.rows.truncate(self.rows.len() - w);
    }

    fn last(&self) -> u16 {
        let w = self.width();
        self.rows[self.rows.len() - 1 - (w - 1) + self.q.len()]
    }

    fn walk(&mut self, node: Node<'_>, out: Output, part_len: usize, parts: u8) {
        let fst = dict::fst();
        for t in node.transitions() {
            self.visits += 1;
            if self.visits > MAX_VISITS {
                return;
            }
            let out = out.cat(t.out);
            let next = fst.node(t.addr);
            self.pending.push(t.inp);
            let need = utf8_len(self.pending[0]);
            if self.pending.len() < need {
                self.walk(next, out, part_len, parts);
                self.pending.pop();
                continue;
            }
            let c = std::str::from_utf8(&self.pending)
                .ok()
                .and_then(|s| s.chars().next());
            let saved = std::mem::take(&mut self.pending);
            if let Some(c) = c {
                let min = self.push_row(c);
                if min <= self.budget {
                    self.path.push(c);
                    let len = part_len + 1;
                    if next.is_final() {
                        let v = out.cat(next.final_output()).value();
                        self.visit_final(v, len, parts);
                    }
                    self.walk(next, out, len, parts);
                    self.path.pop();
                }
                self.pop_row();
            }
            self.pending = saved;
            self.pending.pop();
        }
    }

    fn visit_final(&mut self, v: u64, part_len: usize, parts: u8) {
        if v & (bits::FORBIDDEN | bits::NOSUGGEST) != 0 {
            return;
        }
        let cost = self.last();
        let whole = if parts == 0 {
            v & bits::WORD != 0
        } else {
            v & bits::END != 0 && part_len >= dict::COMPOUND_MIN
        };
        if whole && cost <= self.budget {
            let text: String = self.path.iter().collect();
            let e = self.found.entry(text).or_insert((u16::MAX, parts, v));
            if (cost, parts) < (e.0, e.1) {
                *e = (cost, parts, v);
            }
        }
        // A compound part ends here: the next part starts at the root.
        let role = if parts == 0 {
            bits::BEGIN
        } else {
            bits::MIDDLE
        };
        if self.compounds && v & role != 0 && part_len >= 3 && parts + 1 < MAX_PARTS {
            self.walk(dict::fst().root(), Output::zero(), 0, parts + 1);
        }
    }
}

fn utf8_len(lead: u8) -> usize {
    match lead {
        0..=0x7F => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    }
}

/// Dictionary words within the budget of `word` (lower case), compounds included, with their
/// edit cost and number of compound joints. `passes` are (budget, compounds) tried in turn until
/// one finds something good enough.
fn fuzzy(word: &str, split_best: u16, passes: &[(u16, bool)]) -> Vec<(String, u16, u8, u64)> {
    let q: Vec<char> = word.chars().collect();
    let n = q.len();
    let mut rows = Vec::with_capacity((n + 1) * (n + 8));
    rows.push(0);
    for i in 1..=n {
        let del = if i >= 2 && q[i - 2] == q[i - 1] && !is_vowel(q[i - 1]) {
            cost::DOUBLE
        } else {
            cost::EDIT
        };
        let v: u16 = rows[i - 1] + del;
        rows.push(v);
    }
    let mut found = HashMap::new();
    for (pass, &(b, compounds)) in passes.iter().enumerate() {
        let mut w = Walk {
            q: &q,
            budget: b,
            rows: rows.clone(),
            path: Vec::new(),
            pending: Vec::new(),
            found: HashMap::new(),
            visits: 0,
            compounds,
            subs: vec![None; 256],
        };
        w.walk(dict::fst().root(), Output::zero(), 0, 0);
        found = w.found;
        let best = found
            .values()
            .map(|f| f.0)
            .min()
            .unwrap_or(u16::MAX)
            .min(split_best);
        let good_enough = match pass {
            // Short words are rarely compounds the dictionary does not list whole.
            0 if passes.len() > 1 => best <= cost::TRANSPOSE || (n < 8 && best <= cost::EDIT),
            _ => best != u16::MAX,
        };
        if good_enough {
            break;
        }
    }
    found
        .into_iter()
        .map(|(t, (c, p, v))| (t, c, p, v))
        .collect()
}

/// Splits of `word` into two or three dictionary words: "idag" → "i dag",
/// "ihvertfald" → "i hvert fald".
fn splits(word: &str, depth: u8, out: &mut Vec<(String, u16)>) {
    // A small function word of any length, or a word of three letters or more: "tg" and "ag"
    // are in the dictionary, but nobody means "mod tg aet".
    let part = |p: &str| is_function_word(p) || (p.chars().count() >= 3 && dict::is_simple_word(p));
    for (i, _) in word.char_indices().skip(1) {
        let (left, right) = word.split_at(i);
        if !part(left) {
            continue;
        }
        let c = if is_function_word(left) {
            cost::SPLIT
        } else {
            cost::SPLIT + cost::SPLIT_CONTENT
        };
        if part(right) {
            out.push((format!("{left} {right}"), c));
        } else if depth < 2 && right.chars().count() >= 3 {
            let mut inner = Vec::new();
            splits(right, depth + 1, &mut inner);
            for (r, rc) in inner {
                out.push((format!("{left} {r}"), c + rc));
            }
        }
    }
}

/// At most `max` suggestions for an unknown word, best first, in the word's casing.
pub fn suggest(word: &str, max: usize) -> Vec<Candidate> {
    let n = word.chars().count() as u16;
    let full = budget(n as usize);
    let one = full.min(cost::EDIT);
    // Most slips cost one edit or less and most words are listed whole, so search that first;
    // compounds and the wider budget only when that finds nothing good (the walk grows fast
    // with both).
    ranked(word, max, &[(one, false), (one, true), (full, true)], true)
}

/// Suggestions that score at most `max_score`, from one narrow search: is there a cheap repair
/// (a Danish letter, a doubled consonant, scanner damage)? Much faster than [`suggest`].
pub fn cheap(word: &str, max_score: i32) -> Vec<Candidate> {
    let reach = (max_score + 3 * cost::COMMON as i32).max(0) as u16;
    let mut v = ranked(word, 3, &[(reach, true)], false);
    v.retain(|c| c.score <= max_score);
    v
}

fn ranked(word: &str, max: usize, passes: &[(u16, bool)], with_splits: bool) -> Vec<Candidate> {
    let lower = word.to_lowercase();
    let mut cands: HashMap<String, i32> = HashMap::new();
    let add = |text: String, score: i32, cands: &mut HashMap<String, i32>| {
        let e = cands.entry(text).or_insert(i32::MAX);
        *e = (*e).min(score);
    };
    let mut sp = Vec::new();
    if with_splits {
        splits(&lower, 0, &mut sp);
    }
    let split_best = sp.iter().map(|s| s.1).min().unwrap_or(u16::MAX);
    for (text, c, joints, v) in fuzzy(&lower, split_best, passes) {
        // A compound nobody wrote before must pass the full compound check.
        if joints > 0 && !dict::is_compound(&text) {
            continue;
        }
        let prod = bits::productivity(v) as i32;
        let score = c as i32 + joints as i32 * cost::JOINT as i32 - cost::COMMON as i32 * prod;
        add(text, score, &mut cands);
    }
    for (text, c) in sp {
        add(text, c as i32, &mut cands);
    }
    let mut v: Vec<Candidate> = cands
        .into_iter()
        .filter(|(t, _)| *t != lower)
        .map(|(text, score)| Candidate { text, score })
        .collect();
    v.sort_by(|a, b| a.score.cmp(&b.score).then_with(|| a.text.cmp(&b.text)));
    // Alternatives far behind the best one are noise.
    if let Some(best) = v.first().map(|c| c.score) {
        v.retain(|c| c.score <= best + MARGIN);
    }
    v.truncate(max);
    for c in &mut v {
        c.text = crate::da::case::match_case(&c.text, word);
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first(w: &str) -> String {
        suggest(w, 3)
            .first()
            .map(|c| c.text.clone())
            .unwrap_or_default()
    }

    #[test]
    fn danish_slips_rank_first() {
        for (wrong, right) in [
            ("beregnign", "beregning"),
            ("aeldre", "ældre"),
            ("aarsopgoerelse", "årsopgørelse"),
            ("forhojelse", "forhøjelse"),
            ("sammtykke", "samtykke"),
            ("tillbage", "tilbage"),
            ("kornrnunen", "kommunen"),
            ("iaften", "i aften"),
        ] {
            assert_eq!(first(wrong), right, "{wrong}");
        }
    }

    #[test]
    fn casing_follows_the_word() {
        assert_eq!(first("Beregnign"), "Beregning");
    }
}
