//! A small Aho-Corasick DFA that reports every match, overlapping ones too, for the letter
//! vocabulary.
//!
//! An overlapping search cannot use a prefilter, so the automaton steps through every byte of
//! the match view. The `aho-corasick` crate does that at about 40 instructions a byte with its
//! default NFA and about 15 with its DFA, which also takes longer to build than a hundred
//! letters take to check. This one is a dense table over byte classes with the match states
//! numbered first: a byte costs one table lookup and one comparison, about 8 instructions.

/// Marks a missing trie edge while the automaton is built.
const NONE: u32 = u32::MAX;

pub struct Dfa {
    /// The class of each byte: 0 for bytes in no pattern.
    classes: [u8; 256],
    /// Number of classes: the width of a state's row in `trans`.
    stride: usize,
    /// `trans[s + class]` is the next state; states are premultiplied by `stride`.
    trans: Vec<u32>,
    /// The start state (premultiplied).
    start: u32,
    /// States below this one (premultiplied) are match states.
    match_limit: u32,
    /// The patterns each match state reports, indexed by `state / stride`.
    matches: Vec<Vec<u32>>,
    /// The length of each pattern, in bytes.
    lens: Vec<u32>,
}

impl Dfa {
    /// An automaton for `patterns`; an empty pattern never matches.
    pub fn new<P: AsRef<[u8]>>(patterns: &[P]) -> Dfa {
        let mut classes = [0u8; 256];
        let mut stride = 1;
        for p in patterns {
            for &b in p.as_ref() {
                if classes[b as usize] == 0 {
                    classes[b as usize] = u8::try_from(stride).expect("at most 255 distinct bytes");
                    stride += 1;
                }
            }
        }
        // The trie: one row of `stride` edges per state, state 0 the root; and for each
        // state its parent, the class of the edge from there, and its depth.
        let mut trie = vec![NONE; stride];
        let mut parent = vec![(0usize, 0usize)];
        let mut depth = vec![0u32];
        let mut out: Vec<Vec<u32>> = vec![Vec::new()];
        for (id, p) in patterns.iter().enumerate() {
            let mut s = 0;
            for &b in p.as_ref() {
                let c = classes[b as usize] as usize;
                if trie[s * stride + c] == NONE {
                    trie[s * stride + c] = out.len() as u32;
                    trie.extend(std::iter::repeat_n(NONE, stride));
                    parent.push((s, c));
                    depth.push(depth[s] + 1);
                    out.push(Vec::new());
                }
                s = trie[s * stride + c] as usize;
            }
            if s != 0 {
                out[s].push(id as u32);
            }
        }
        let n = out.len();
        // Shallower states first: a state's failure state is shallower, so the failure
        // state's own failure state, matches and row are complete when the state is reached.
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_unstable_by_key(|&s| depth[s]);
        let mut fail = vec![0usize; n];
        for &s in &order[1..] {
            let (p, c) = parent[s];
            if p == 0 {
                continue;
            }
            let mut f = fail[p];
            while f != 0 && trie[f * stride + c] == NONE {
                f = fail[f];
            }
            fail[s] = match trie[f * stride + c] {
                NONE => 0,
                next => next as usize,
            };
            if !out[fail[s]].is_empty() {
                let inherited = out[fail[s]].clone();
                out[s].extend(inherited);
            }
        }
        // Numbers: match states first, premultiplied.
        let mut id = vec![0u32; n];
        let mut next = 0;
        for matching in [true, false] {
            for s in 0..n {
                if out[s].is_empty() != matching {
                    id[s] = u32::try_from(next * stride).expect("automaton within 4 GB");
                    next += 1;
                }
            }
        }
        let match_states = out.iter().filter(|o| !o.is_empty()).count();
        // The full table: a state's row is its failure state's, but for its own edges.
        let mut trans = vec![id[0]; n * stride];
        for &s in &order {
            let row = id[s] as usize;
            if s != 0 {
                let f = id[fail[s]] as usize;
                trans.copy_within(f..f + stride, row);
            }
            for (c, &edge) in trie[s * stride..(s + 1) * stride].iter().enumerate() {
                if edge != NONE {
                    trans[row + c] = id[edge as usize];
                }
            }
        }
        let mut matches = vec![Vec::new(); match_states];
        for (s, o) in out.into_iter().enumerate() {
            if !o.is_empty() {
                matches[id[s] as usize / stride] = o;
            }
        }
        Dfa {
            classes,
            stride,
            trans,
            start: id[0],
            match_limit: (match_states * stride) as u32,
            matches,
            lens: patterns.iter().map(|p| p.as_ref().len() as u32).collect(),
        }
    }

    /// Calls `report(pattern, start, end)` for every match in `haystack`, overlapping ones
    /// too, in order of their end.
    pub fn for_each_match(&self, haystack: &[u8], mut report: impl FnMut(usize, usize, usize)) {
        let mut state = self.start;
        let mut at = 0;
        while let Some(end) = self.next_match_state(haystack, &mut at, &mut state) {
            for &p in &self.matches[state as usize / self.stride] {
                report(p as usize, end - self.lens[p as usize] as usize, end);
            }
        }
    }

    /// Runs the automaton from `state` over `haystack[*at..]` up to the next match state.
    /// Returns the end of the matches there, leaving `at` and `state` after that byte. Kept
    /// apart from the reporting so that the loop stays in registers, and unrolled by eight.
    #[inline(never)]
    fn next_match_state(&self, haystack: &[u8], at: &mut usize, state: &mut u32) -> Option<usize> {
        let mut s = *state;
        let from = *at;
        let (chunks, rest) = haystack[from..].as_chunks::<8>();
        for (c, chunk) in chunks.iter().enumerate() {
            for (k, &b) in chunk.iter().enumerate() {
                s = self.next(s, b);
                if s < self.match_limit {
                    *state = s;
                    *at = from + 8 * c + k + 1;
                    return Some(*at);
                }
            }
        }
        let done = from + 8 * chunks.len();
        for (k, &b) in rest.iter().enumerate() {
            s = self.next(s, b);
            if s < self.match_limit {
                *state = s;
                *at = done + k + 1;
                return Some(*at);
            }
        }
        None
    }

    #[inline(always)]
    fn next(&self, s: u32, b: u8) -> u32 {
        self.trans[s as usize + self.classes[b as usize] as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
    use proptest::prelude::*;

    /// Every match as (pattern, start, end), sorted.
    fn ours(patterns: &[&str], haystack: &str) -> Vec<(usize, usize, usize)> {
        let mut v = Vec::new();
        Dfa::new(patterns).for_each_match(haystack.as_bytes(), |p, s, e| v.push((p, s, e)));
        v.sort_unstable();
        v
    }

    fn reference(patterns: &[&str], haystack: &str) -> Vec<(usize, usize, usize)> {
        let non_empty: Vec<usize> = (0..patterns.len())
            .filter(|&i| !patterns[i].is_empty())
            .collect();
        let ac: AhoCorasick = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .build(non_empty.iter().map(|&i| patterns[i]))
            .unwrap();
        let mut v: Vec<_> = ac
            .find_overlapping_iter(haystack)
            .map(|m| (non_empty[m.pattern().as_usize()], m.start(), m.end()))
            .collect();
        v.sort_unstable();
        v
    }

    #[test]
    fn overlapping_matches_and_duplicates() {
        let patterns = [
            " du  får ",
            " du  får  ikke ",
            "får",
            " får ",
            "loven ",
            " klag",
            " klag",
        ];
        let text = " vi  har  besluttet  ,  at  du  får  ikke  hjælp  .  serviceloven  klage ";
        assert_eq!(ours(&patterns, text), reference(&patterns, text));
        assert_eq!(ours(&patterns, text).len(), 7);
    }

    #[test]
    fn empty_patterns_and_haystacks() {
        assert!(ours(&["", "a"], "").is_empty());
        assert_eq!(ours(&["", "a"], "aa"), vec![(1, 0, 1), (1, 1, 2)]);
        assert!(ours(&[] as &[&str], "abc").is_empty());
    }

    proptest! {
        #[test]
        fn agrees_with_aho_corasick(
            patterns in prop::collection::vec("[ abæ§]{0,5}", 1..12),
            haystack in "[ abcæø§]{0,60}",
        ) {
            let p: Vec<&str> = patterns.iter().map(String::as_str).collect();
            prop_assert_eq!(ours(&p, &haystack), reference(&p, &haystack));
        }
    }
}
