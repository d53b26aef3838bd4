//! Ranked suggestions for an unknown word. One depth-first walk over the dictionary FST with a
//! weighted edit distance that knows Danish slips — æ ø å written ae oe aa or lost to a o in
//! conversion, doubled and single consonants, OCR damage (rn→m, I→l, c→e) — and that may
//! restart at the root where a compound part ends; plus splits into words ("idag" → "i dag").
//! The work is counted in steps of the walk, not in time, and has a ceiling per word
//! ([`WORD_WORK`]), so the same word gets the same suggestions on every machine.

use std::collections::HashMap;

use fst::raw::{Node, Output, Transition};

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

/// The widest search for compounds the dictionary does not list whole. Wider, the walk grows
/// fast (each compound part starts it again at the root) and finds mostly noise.
const COMPOUND_BUDGET: u16 = 180;

/// Work at most for one word's suggestions, in steps of the dictionary walk (transitions
/// followed, and words looked up for splits): the walk stops there with what it found. Real
/// misspellings need far less: of the 299 in `tests/data`, half need under 4,200 and the most
/// 26,800 («sagsbehandlings tid»), so this is twice the worst. Only a word far from every Danish
/// word gets here, and it costs about a millisecond.
pub const WORD_WORK: usize = 50_000;

/// Letters at most in a word that gets suggestions: anything longer is no Danish word a
/// suggestion could help with. (The walk keeps sets of query positions in 64 bits.)
pub const MAX_LETTERS: usize = 40;
const _: () = assert!(MAX_LETTERS < 64);

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

/// The query's one letter standing for the word's two letters `x y`, and its cost.
fn one_for_two(x: char, y: char) -> Option<(char, u16)> {
    match (x, y) {
        ('l', 'i') => Some(('h', cost::OCR)),
        ('r', 'n') => Some(('m', cost::OCR)),
        ('c', 'l') => Some(('d', cost::OCR)),
        _ => None,
    }
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'æ' | 'ø' | 'å')
}

/// One letter of the dictionary against the query: what the walk looks up for every row.
struct Letter {
    /// `sub(q[i], c)` for every i.
    sub: Box<[u16]>,
    /// `two_for_one(q[i - 2], q[i - 1], c)` at i (`u16::MAX` where there is none), for the few
    /// letters two query letters can stand for.
    two: Option<Box<[u16]>>,
    /// Not a vowel: written twice where the query has it once, that is a DOUBLE slip.
    consonant: bool,
    /// Bit i set where `q[i - 1]` is this letter.
    at: u64,
    /// The cheapest way to use it other than for the same query letter: the smallest cost
    /// above zero in `sub` and `two`.
    cheapest: u16,
}

/// The query, with what the walk needs to know about it for every row, worked out once per word.
struct Query {
    q: Vec<char>,
    /// `del[i]`: the cost of a query letter `q[i - 1]` the word does not have (cheap for the
    /// second of a doubled consonant); `del[0]` is not used.
    del: Vec<u16>,
    /// The letters seen so far; `latin` indexes those below U+0100 by code (0: not yet),
    /// `other` the rest.
    letters: Vec<Letter>,
    latin: Vec<u16>,
    other: Vec<(char, u16)>,
}

impl Query {
    fn new(word: &str) -> Query {
        let q: Vec<char> = word.chars().collect();
        assert!(q.len() < 64, "at most 63 letters: see MAX_LETTERS");
        let del = (0..=q.len())
            .map(|i| {
                if i >= 2 && q[i - 2] == q[i - 1] && !is_vowel(q[i - 1]) {
                    cost::DOUBLE
                } else {
                    cost::EDIT
                }
            })
            .collect();
        Query {
            q,
            del,
            letters: Vec::new(),
            latin: vec![0; 256],
            other: Vec::new(),
        }
    }

    /// The index of letter `c` in `letters`, worked out on first use.
    #[inline]
    fn letter(&mut self, c: char) -> usize {
        let code = c as usize;
        let known = if code < 256 {
            self.latin[code]
        } else {
            self.other
                .iter()
                .find(|(o, _)| *o == c)
                .map_or(0, |&(_, i)| i)
        };
        if known != 0 {
            return known as usize - 1;
        }
        self.add_letter(c)
    }

    #[inline(never)]
    fn add_letter(&mut self, c: char) -> usize {
        let code = c as usize;
        let q = &self.q;
        let two: Box<[u16]> = (0..=q.len())
            .map(|i| {
                if i >= 2 {
                    two_for_one(q[i - 2], q[i - 1], c).unwrap_or(u16::MAX)
                } else {
                    u16::MAX
                }
            })
            .collect();
        let two = two.iter().any(|&k| k != u16::MAX).then_some(two);
        let at = q
            .iter()
            .enumerate()
            .filter(|&(_, &a)| a == c)
            .fold(0u64, |m, (i, _)| m | 1 << (i + 1));
        let sub: Box<[u16]> = q.iter().map(|&a| sub(a, c)).collect();
        let cheapest = sub
            .iter()
            .chain(two.as_deref().into_iter().flatten())
            .copied()
            .filter(|&k| k > 0)
            .min()
            .unwrap_or(u16::MAX);
        self.letters.push(Letter {
            sub,
            two,
            consonant: !is_vowel(c),
            at,
            cheapest,
        });
        let i = self.letters.len() as u16;
        if code < 256 {
            self.latin[code] = i;
        } else {
            self.other.push((c, i));
        }
        i as usize - 1
    }
}

impl Query {
    /// Bit i set where `q[i - 1]` is `c`.
    fn at(&self, c: char) -> u64 {
        if let Some(&i) = self.latin.get(c as usize)
            && i != 0
        {
            return self.letters[i as usize - 1].at;
        }
        let mut m = 0;
        for (i, &a) in self.q.iter().enumerate() {
            if a == c {
                m |= 1 << (i + 1);
            }
        }
        m
    }
}

/// The cells of a row within the budget, from `lo` to `hi` (none when `lo > hi`), and the
/// row's smallest value.
#[derive(Clone, Copy)]
struct Band {
    lo: usize,
    hi: usize,
    min: u16,
}

/// The walk's state: the query, one DP row per letter of the path, and what was found.
struct Walk<'q> {
    query: &'q mut Query,
    budget: u16,
    /// Row d (the path's first d letters against every query prefix) at `d * (n + 1)`.
    rows: Vec<u16>,
    /// Per row, its cells within the budget and its smallest value.
    bands: Vec<Band>,
    path: Vec<char>,
    /// Bytes of a letter not yet complete.
    pending: [u8; 4],
    pending_len: usize,
    found: HashMap<String, (u16, u8, u64)>,
    /// Transitions followed so far, and how many this walk may follow.
    visits: usize,
    limit: usize,
    /// May the walk go on into a next compound part where one ends?
    compounds: bool,
}

impl Walk<'_> {
    fn width(&self) -> usize {
        self.query.q.len() + 1
    }

    /// Works out the row for path letter `c` (row `path.len() + 1`, `li` in the query's
    /// letters); returns its smallest value, or some value above the budget when every cell is
    /// above it.
    ///
    /// Only the cells that can be within the budget are worked out: a cell's value comes from
    /// cells of the two rows before it at most two columns to the left, or from the cell to its
    /// left, and costs are never negative. The others hold `u16::MAX`; which value a cell above
    /// the budget holds changes nothing the walk finds.
    fn push_row(&mut self, c: char, li: usize) -> u16 {
        let query = &*self.query;
        let q = &query.q[..];
        let letter = &query.letters[li];
        let n = q.len();
        let w = n + 1;
        let budget = self.budget;
        let d = self.path.len(); // letters before c
        let pc = d.checked_sub(1).map(|i| self.path[i]);
        let ins = if pc == Some(c) && letter.consonant {
            cost::DOUBLE
        } else {
            cost::EDIT
        };
        if self.rows.len() < (d + 2) * w {
            self.rows.resize((d + 2) * w, u16::MAX);
        }
        let (before, after) = self.rows.split_at_mut((d + 1) * w);
        let cur = &mut after[..w];
        cur.fill(u16::MAX);
        let prev = &before[d * w..];
        let Band {
            lo: plo, hi: phi, ..
        } = self.bands[d];
        let (start, end) = match d {
            0 => (plo, (phi + 2).min(n)),
            _ => {
                let Band { lo, hi, .. } = self.bands[d - 1];
                (plo.min(lo + 1), (phi.max(hi) + 2).min(n))
            }
        };
        let (mut lo, mut hi, mut min) = (usize::MAX, 0, u16::MAX);
        if start == 0 {
            let v = prev[0].saturating_add(ins);
            cur[0] = v;
            min = v;
            if v <= budget {
                (lo, hi) = (0, 0);
            }
        }
        let from = start.max(1);
        if from <= end {
            // A letter for a letter, or a letter of the word the query does not have.
            let sub = &letter.sub[from - 1..end];
            for (((v, &diag), &up), &s) in cur[from..=end]
                .iter_mut()
                .zip(&prev[from - 1..end])
                .zip(&prev[from..=end])
                .zip(sub)
            {
                *v = diag.saturating_add(s).min(up.saturating_add(ins));
            }
            // Two query letters for this one: "ae" for æ.
            if let Some(two) = &letter.two {
                for i in from.max(2)..=end {
                    cur[i] = cur[i].min(prev[i - 2].saturating_add(two[i]));
                }
            }
            if let Some(pc) = pc {
                let pp = &before[(d - 1) * w..d * w];
                let band = (u64::MAX >> (63 - end)) & !((1u64 << from) - 1);
                // Two letters swapped.
                if pc != c {
                    let mut m = query.at(pc) & (letter.at << 1) & band;
                    while m != 0 {
                        let i = m.trailing_zeros() as usize;
                        cur[i] = cur[i].min(pp[i - 2].saturating_add(cost::TRANSPOSE));
                        m &= m - 1;
                    }
                }
                // One query letter for this one and the one before: "m" for "rn".
                if let Some((a, k)) = one_for_two(pc, c) {
                    let mut m = query.at(a) & band;
                    while m != 0 {
                        let i = m.trailing_zeros() as usize;
                        cur[i] = cur[i].min(pp[i - 1].saturating_add(k));
                        m &= m - 1;
                    }
                }
            }
            // A query letter the word does not have; and the row's band and smallest value.
            let mut left = cur[from - 1];
            for (i, (v, &k)) in cur[from..=end]
                .iter_mut()
                .zip(&query.del[from..=end])
                .enumerate()
            {
                left = (*v).min(left.saturating_add(k));
                *v = left;
                if left <= budget {
                    lo = lo.min(from + i);
                    hi = from + i;
                }
                min = min.min(left);
            }
        }
        // Further right only query letters the word does not have.
        for i in end + 1..=n {
            let v = cur[i - 1].saturating_add(query.del[i]);
            if v > budget {
                break;
            }
            cur[i] = v;
            lo = lo.min(i);
            hi = i;
            min = min.min(v);
        }
        self.bands.push(Band { lo, hi, min });
        min
    }

    /// Is the row for path letter `c` (`li` in the query's letters) sure to be above the budget
    /// everywhere? Then it need not be worked out. Every cell of it costs at least a cell of
    /// the row before plus the cheapest way to use `c` (or a cell of the row before that plus a
    /// swap), unless `c` is the query letter next to a cell within the budget.
    #[inline]
    fn hopeless(&self, c: char, li: usize) -> bool {
        let query = &*self.query;
        let letter = &query.letters[li];
        let d = self.path.len();
        let prev = self.bands[d];
        // The query letters right after the cells within the budget.
        let next = (u64::MAX >> (63 - (prev.hi + 1))) & !((1u64 << (prev.lo + 1)) - 1);
        if letter.at & next != 0 {
            return false;
        }
        let pc = d.checked_sub(1).map(|i| self.path[i]);
        let ins = if pc == Some(c) && letter.consonant {
            cost::DOUBLE
        } else {
            cost::EDIT
        };
        let step = ins.min(letter.cheapest);
        if prev.min.saturating_add(step) <= self.budget {
            return false;
        }
        match pc {
            Some(pc) => {
                let swap = pc != c && query.at(pc) & (letter.at << 1) != 0;
                let k = one_for_two(pc, c).map_or(u16::MAX, |(_, k)| k);
                let k = if swap { k.min(cost::TRANSPOSE) } else { k };
                self.bands[d - 1].min.saturating_add(k) > self.budget
            }
            None => true,
        }
    }

    /// The cost of the whole path so far against the whole query.
    fn last(&self) -> u16 {
        let w = self.width();
        self.rows[self.path.len() * w + w - 1]
    }

    fn walk(&mut self, node: Node<'_>, out: Output, part_len: usize, parts: u8) {
        let fst = dict::fst();
        for t in node.transitions() {
            self.visits += 1;
            if self.visits > self.limit {
                return;
            }
            if self.pending_len == 0 && t.inp < 0x80 {
                let c = t.inp as char;
                let li = self.query.letter(c);
                if !self.hopeless(c, li) {
                    self.step(c, li, t, out, part_len, parts);
                }
                continue;
            }
            self.pending[self.pending_len] = t.inp;
            self.pending_len += 1;
            let need = utf8_len(self.pending[0]);
            if self.pending_len < need {
                self.walk(fst.node(t.addr), out.cat(t.out), part_len, parts);
                self.pending_len -= 1;
                continue;
            }
            let c = decode(&self.pending[..need]);
            // The walk below starts its own letters in `pending`.
            let saved = (self.pending, self.pending_len);
            self.pending_len = 0;
            if let Some(c) = c {
                let li = self.query.letter(c);
                if !self.hopeless(c, li) {
                    self.step(c, li, t, out, part_len, parts);
                }
            }
            (self.pending, self.pending_len) = (saved.0, saved.1 - 1);
        }
    }

    /// Goes on with path letter `c` (`li` in the query's letters), whose last byte is
    /// transition `t` from a node reached with output `out`.
    fn step(&mut self, c: char, li: usize, t: Transition, out: Output, part_len: usize, parts: u8) {
        let min = self.push_row(c, li);
        if min <= self.budget {
            let next = dict::fst().node(t.addr);
            let out = out.cat(t.out);
            self.path.push(c);
            let len = part_len + 1;
            if next.is_final() {
                let v = out.cat(next.final_output()).value();
                self.visit_final(v, len, parts);
            }
            self.walk(next, out, len, parts);
            self.path.pop();
        }
        self.bands.pop();
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

/// The letter of one complete UTF-8 sequence, if it is valid.
fn decode(bytes: &[u8]) -> Option<char> {
    match *bytes {
        [a @ 0xC2..=0xDF, b @ 0x80..=0xBF] => {
            char::from_u32((u32::from(a & 0x1F) << 6) | u32::from(b & 0x3F))
        }
        _ => std::str::from_utf8(bytes).ok()?.chars().next(),
    }
}

/// Dictionary words within the budget of `word` (lower case), compounds included, with their
/// edit cost and number of compound joints. `passes` are (budget, compounds) tried in turn
/// until one finds something good enough, as long as `limit` transitions are not used up;
/// `work` counts the transitions followed.
fn fuzzy(
    word: &str,
    split_best: u16,
    passes: &[(u16, bool)],
    limit: usize,
    work: &mut usize,
) -> Vec<(String, u16, u8, u64)> {
    let mut query = Query::new(word);
    let n = query.q.len();
    let mut rows = Vec::with_capacity((n + 1) * (n + 8));
    rows.push(0u16);
    for i in 1..=n {
        let v = rows[i - 1].saturating_add(query.del[i]);
        rows.push(v);
    }
    let mut found: HashMap<String, (u16, u8, u64)> = HashMap::new();
    let mut used = 0;
    // The passes that went all the way and found nothing good enough.
    let mut done: Vec<(u16, bool)> = Vec::new();
    for (pass, &(b, compounds)) in passes.iter().enumerate() {
        // A narrower search than one that found nothing finds nothing either.
        if done.iter().any(|&(db, dc)| db >= b && (dc || !compounds)) {
            continue;
        }
        if used >= limit {
            break;
        }
        let mut w = Walk {
            query: &mut query,
            budget: b,
            rows: rows.clone(),
            bands: vec![Band {
                lo: 0,
                hi: rows.iter().rposition(|&v| v <= b).unwrap_or(0),
                min: 0,
            }],
            path: Vec::new(),
            pending: [0; 4],
            pending_len: 0,
            found: HashMap::new(),
            visits: 0,
            limit: limit - used,
            compounds,
        };
        w.walk(dict::fst().root(), Output::zero(), 0, 0);
        let complete = w.visits <= w.limit;
        used += w.visits.min(w.limit);
        // A later pass searches more widely, but one cut short may have missed what an earlier
        // one found.
        for (t, f) in w.found {
            let e = found.entry(t).or_insert(f);
            if (f.0, f.1) < (e.0, e.1) {
                *e = f;
            }
        }
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
        if complete {
            done.push((b, compounds));
        }
    }
    *work += used;
    found
        .into_iter()
        .map(|(t, (c, p, v))| (t, c, p, v))
        .collect()
}

/// Splits of `word` into two or three dictionary words: "idag" → "i dag",
/// "ihvertfald" → "i hvert fald". `work` counts the words looked up.
fn splits(word: &str, depth: u8, out: &mut Vec<(String, u16)>, work: &mut usize) {
    // A small function word of any length, or a word of three letters or more: "tg" and "ag"
    // are in the dictionary, but nobody means "mod tg aet".
    let part = |p: &str, work: &mut usize| {
        *work += 1;
        is_function_word(p) || (p.chars().count() >= 3 && dict::is_simple_word(p))
    };
    for (i, _) in word.char_indices().skip(1) {
        let (left, right) = word.split_at(i);
        if !part(left, work) {
            continue;
        }
        let c = if is_function_word(left) {
            cost::SPLIT
        } else {
            cost::SPLIT + cost::SPLIT_CONTENT
        };
        if part(right, work) {
            out.push((format!("{left} {right}"), c));
        } else if depth < 2 && right.chars().count() >= 3 {
            let mut inner = Vec::new();
            splits(right, depth + 1, &mut inner, work);
            for (r, rc) in inner {
                out.push((format!("{left} {r}"), c + rc));
            }
        }
    }
}

/// Suggestions for a word, and the work it took to find them (see [`WORD_WORK`]).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Suggestions {
    pub candidates: Vec<Candidate>,
    pub work: usize,
}

/// At most `max` suggestions for an unknown word, best first, in the word's casing.
pub fn suggest(word: &str, max: usize) -> Vec<Candidate> {
    suggest_counted(word, max).candidates
}

/// The same, with the work it took: at most about [`WORD_WORK`], and nothing for a word of
/// more than [`MAX_LETTERS`] letters.
pub fn suggest_counted(word: &str, max: usize) -> Suggestions {
    let n = word.chars().count();
    let full = budget(n);
    let one = full.min(cost::EDIT);
    // Most slips cost one edit or less and most words are listed whole, so search that first;
    // then compounds; then wider, for compounds only so far (each part starts the walk again
    // at the root, so it grows fast with the budget), for whole words as far as the budget.
    let passes = [
        (one, false),
        (one, true),
        (full.min(COMPOUND_BUDGET), true),
        (full, false),
    ];
    ranked(word, max, &passes, true)
}

/// Suggestions that score at most `max_score`, from one narrow search: is there a cheap repair
/// (a Danish letter, a doubled consonant, scanner damage)? Much faster than [`suggest`].
pub fn cheap(word: &str, max_score: i32) -> Vec<Candidate> {
    cheap_counted(word, max_score).candidates
}

/// The same, with the work it took.
pub fn cheap_counted(word: &str, max_score: i32) -> Suggestions {
    let reach = (max_score + 3 * cost::COMMON as i32).max(0) as u16;
    let mut v = ranked(word, 3, &[(reach, true)], false);
    v.candidates.retain(|c| c.score <= max_score);
    v
}

fn ranked(word: &str, max: usize, passes: &[(u16, bool)], with_splits: bool) -> Suggestions {
    let lower = word.to_lowercase();
    // (Some capitals are two letters in lower case.)
    if word.chars().count().max(lower.chars().count()) > MAX_LETTERS {
        return Suggestions::default();
    }
    let mut work = 0;
    let mut cands: HashMap<String, i32> = HashMap::new();
    let add = |text: String, score: i32, cands: &mut HashMap<String, i32>| {
        let e = cands.entry(text).or_insert(i32::MAX);
        *e = (*e).min(score);
    };
    let mut sp = Vec::new();
    if with_splits {
        splits(&lower, 0, &mut sp, &mut work);
    }
    let split_best = sp.iter().map(|s| s.1).min().unwrap_or(u16::MAX);
    let limit = WORD_WORK.saturating_sub(work);
    for (text, c, joints, v) in fuzzy(&lower, split_best, passes, limit, &mut work) {
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
    Suggestions {
        candidates: v,
        work,
    }
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

    /// The cost of `word` for `query`, every cell of every row worked out as the walk did
    /// before it learnt to skip cells and rows; and the largest smallest value of a row, which
    /// the walk must get past to reach the word.
    fn full_cost(query: &str, word: &str) -> (u16, u16) {
        let q: Vec<char> = query.chars().collect();
        let p: Vec<char> = word.chars().collect();
        let n = q.len();
        let w = n + 1;
        let del = |i: usize| {
            if i >= 2 && q[i - 2] == q[i - 1] && !is_vowel(q[i - 1]) {
                cost::DOUBLE
            } else {
                cost::EDIT
            }
        };
        let mut rows = vec![u16::MAX; (p.len() + 1) * w];
        rows[0] = 0;
        for i in 1..=n {
            rows[i] = rows[i - 1].saturating_add(del(i));
        }
        let mut worst = 0;
        for (d, &c) in p.iter().enumerate() {
            let pc = d.checked_sub(1).map(|i| p[i]);
            let ins = if pc == Some(c) && !is_vowel(c) {
                cost::DOUBLE
            } else {
                cost::EDIT
            };
            let (prev, cur) = (d * w, (d + 1) * w);
            rows[cur] = rows[prev].saturating_add(ins);
            for i in 1..=n {
                let a = q[i - 1];
                let mut v = rows[prev + i - 1].saturating_add(sub(a, c));
                v = v.min(rows[prev + i].saturating_add(ins));
                v = v.min(rows[cur + i - 1].saturating_add(del(i)));
                if i >= 2 {
                    if pc == Some(a) && q[i - 2] == c && a != c {
                        v = v.min(rows[(d - 1) * w + i - 2].saturating_add(cost::TRANSPOSE));
                    }
                    if let Some(k) = two_for_one(q[i - 2], a, c) {
                        v = v.min(rows[prev + i - 2].saturating_add(k));
                    }
                }
                if let Some((oa, k)) = pc.and_then(|pc| one_for_two(pc, c))
                    && oa == a
                {
                    v = v.min(rows[(d - 1) * w + i - 1].saturating_add(k));
                }
                rows[cur + i] = v;
            }
            worst = worst.max(*rows[cur..cur + w].iter().min().unwrap());
        }
        (rows[p.len() * w + n], worst)
    }

    /// The walk skips the cells and rows that cannot be within the budget; it must find
    /// exactly the words, at exactly the costs, of the full computation: here every word of
    /// the dictionary that starts with the right word's first two letters.
    #[test]
    fn the_walk_finds_what_the_full_computation_finds() {
        use fst::{IntoStreamer, Streamer};
        for (query, budget, right) in [
            ("beregnign", 200, "beregning"),
            ("kornrnunen", 200, "kommunen"),
            ("aarsopgoerelse", 240, "årsopgørelse"),
            ("tillbage", 200, "tilbage"),
            ("hjaelp", 200, "hjælp"),
            ("bømehaven", 200, "børnehaven"),
            ("famihe", 200, "familie"),
            ("smatykke", 200, "samtykke"),
        ] {
            let mut work = 0;
            let found = fuzzy(query, u16::MAX, &[(budget, false)], usize::MAX, &mut work);
            let first: String = right.chars().take(2).collect();
            let mut got: Vec<(String, u16)> = found
                .into_iter()
                .filter(|f| f.0.starts_with(&first))
                .map(|f| (f.0, f.1))
                .collect();
            got.sort();
            let mut after: Vec<char> = first.chars().collect();
            after[1] = char::from_u32(after[1] as u32 + 1).unwrap();
            let after: String = after.into_iter().collect();
            let mut keys = dict::map().range().ge(&first).lt(after).into_stream();
            let mut want = Vec::new();
            while let Some((k, v)) = keys.next() {
                if v & bits::WORD == 0 || v & (bits::FORBIDDEN | bits::NOSUGGEST) != 0 {
                    continue;
                }
                let k = std::str::from_utf8(k).unwrap();
                let (c, worst) = full_cost(query, k);
                if c <= budget && worst <= budget {
                    want.push((k.to_string(), c));
                }
            }
            assert!(want.iter().any(|w| w.0 == right), "{query}");
            assert_eq!(got, want, "{query}");
        }
    }
}
