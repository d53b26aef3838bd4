//! Danish spelling: is a word known (the embedded da_DK dictionary with its compounds, the
//! project's word lists and the user's), and what should an unknown word be. Built once per
//! process; verdicts are cached per distinct word and thread.

pub mod dict;
pub mod suggest;

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, OnceLock};

use crate::error::{Error, Result};

/// The project's word lists, embedded: public-sector words, the kommuner and towns, names.
pub const LISTS: &[(&str, &str)] = &[
    (
        "dictionaries/kommunal.txt",
        include_str!("../../../dictionaries/kommunal.txt"),
    ),
    (
        "dictionaries/kommuner.txt",
        include_str!("../../../dictionaries/kommuner.txt"),
    ),
    (
        "dictionaries/navne.txt",
        include_str!("../../../dictionaries/navne.txt"),
    ),
];

/// Words cached at most per thread (`WordCache`); the cache starts over when full, so a long
/// LSP session stays small: some 100 bytes a word, 10 MB.
const CACHE_MAX: usize = 100_000;

/// Suggestions kept per word in the cache.
const MAX_CACHED_SUGGESTIONS: usize = 3;

/// Work at most for suggestions in one document (see [`suggest::WORD_WORK`]): some 10 words far
/// from every Danish word, or some 100 ordinary slips. Beyond it, unknown words are reported
/// without suggestions, so garbled text from a PDF or a list of foreign names costs a letter a
/// bounded search (some 0.05 s on the development machine), however long it is.
pub const DOCUMENT_WORK: usize = 500_000;

/// The suggestion work left for one document, shared by its unknown words in the order they
/// come. A word found before counts what it cost the first time, so a document gets the same
/// suggestions however the caches were filled.
#[derive(Clone, Debug)]
pub struct SuggestBudget {
    spent: usize,
    limit: usize,
}

impl SuggestBudget {
    pub fn new(limit: usize) -> SuggestBudget {
        SuggestBudget { spent: 0, limit }
    }

    /// The budget of one document: [`DOCUMENT_WORK`].
    pub fn document() -> SuggestBudget {
        SuggestBudget::new(DOCUMENT_WORK)
    }

    /// The work spent so far.
    pub fn spent(&self) -> usize {
        self.spent
    }

    /// Is there work left? A search starts only then (and may go over by one word's work).
    pub fn left(&self) -> bool {
        self.spent < self.limit
    }

    fn charge(&mut self, work: usize) {
        self.spent = self.spent.saturating_add(work);
    }
}

/// Small closed-class words: pronouns, articles, prepositions, conjunctions, auxiliaries,
/// particles and numerals. A split into one of these ("i dag") is cheap; a split compound
/// never starts or ends with one ("en gang" is two words).
const FUNCTION_WORDS: &[&str] = &[
    "ad", "af", "al", "alle", "alt", "andet", "andre", "anden", "at", "bag", "begge", "blandt",
    "blev", "blive", "bliver", "blevet", "bort", "da", "de", "dem", "den", "denne", "der", "deres",
    "det", "dette", "dig", "din", "dine", "disse", "dit", "du", "efter", "eller", "en", "end",
    "er", "et", "fem", "fik", "fire", "for", "fordi", "fra", "frem", "få", "får", "før", "gennem",
    "han", "har", "havde", "have", "hen", "hende", "hendes", "her", "hinanden", "hos", "hun",
    "hvad", "hver", "hvert", "hvem", "hvis", "hvor", "i", "ikke", "ind", "inden", "indtil",
    "ingen", "intet", "jeg", "jer", "jeres", "jo", "kan", "kunne", "man", "med", "mellem", "men",
    "mig", "min", "mine", "mit", "mod", "mange", "meget", "mere", "mest", "må", "måtte", "ned",
    "ni", "nogen", "noget", "nogle", "nu", "når", "og", "om", "op", "os", "otte", "over", "på",
    "samme", "sammen", "seks", "selv", "sig", "sin", "sine", "sit", "skal", "skulle", "som", "syv",
    "så", "til", "tilbage", "ti", "to", "tre", "ud", "uden", "under", "var", "ved", "vi", "vil",
    "ville", "vor", "vores", "væk", "være", "været", "én", "ét", "også", "kun", "lige", "nok",
    "vel", "dog", "igen", "her", "siden", "mens", "hvordan", "hvorfor", "hvornår", "omkring",
    "via", "mindre", "flere", "lidt", "helt", "godt", "gerne", "altid", "aldrig", "første",
    "andet", "tredje", "fjerde", "femte", "sjette", "næste", "sidste", "hele", "halve", "slags",
    "samt", "hvilken", "hvilket", "hvilke", "sådan", "sådant", "sådanne",
];

pub fn is_function_word(w: &str) -> bool {
    static SET: OnceLock<foldhash::HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| FUNCTION_WORDS.iter().copied().collect())
        .contains(w)
}

/// The spelling dictionary of one `Checker`: the embedded FST, the word lists (embedded and
/// the user's), and a cache of verdicts per distinct word.
pub struct Speller {
    /// Tells this speller's cached verdicts from another's (different lists, different
    /// verdicts) in the per-thread caches.
    id: u64,
    /// Accepted forms from the lists, as written.
    accept: HashSet<String>,
    /// The longest entry in `accept`, in bytes: bounds the searches for list words.
    longest: usize,
    /// Suggestions per unknown word (an unknown word often comes back in the same letter).
    suggestions: Mutex<HashMap<Box<str>, suggest::Suggestions>>,
    /// `has_cheap_repair`'s answers per (word, score), with the work they took.
    cheap: Mutex<HashMap<CheapKey, (bool, usize)>>,
}

/// A word and the score its cheap repair may cost at most.
type CheapKey = (Box<str>, i32);

impl Speller {
    /// The embedded dictionary and lists, plus the user's `accept` words and word-list files
    /// (one word a line, `#` comments). An unreadable list is an error naming the file.
    pub fn new(accept: &[String], lists: &[impl AsRef<Path>]) -> Result<Speller> {
        static NEXT_ID: AtomicU64 = AtomicU64::new(1);
        let mut s = Speller {
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            accept: HashSet::new(),
            longest: 0,
            suggestions: Mutex::new(HashMap::new()),
            cheap: Mutex::new(HashMap::new()),
        };
        for (_, text) in LISTS {
            s.add_list(text);
        }
        for w in accept {
            s.add_entry(w);
        }
        for path in lists {
            let path = path.as_ref();
            let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
                path: path.to_path_buf(),
                source,
            })?;
            s.add_list(&text);
        }
        Ok(s)
    }

    fn add_list(&mut self, text: &str) {
        for line in text.lines() {
            let line = line.trim();
            if !line.is_empty() && !line.starts_with('#') {
                self.add_entry(line);
            }
        }
    }

    /// A list entry: every word of a multi-word name ("Udbetaling Danmark"), with and without
    /// a final period ("sagsnr.").
    fn add_entry(&mut self, entry: &str) {
        for w in entry.split_whitespace() {
            self.longest = self.longest.max(w.len());
            self.accept.insert(w.to_string());
            if let Some(stem) = w.strip_suffix('.') {
                self.accept.insert(stem.to_string());
            }
        }
    }

    /// Is the word in one of the lists, in its casing (a lower-case entry also accepts a
    /// capital first letter or all capitals, "Holbæk" also accepts "HOLBÆK"), or its genitive?
    pub fn in_lists(&self, w: &str) -> bool {
        self.in_lists_exact(w)
            || ["'s", "’s", "'", "’", "s"].iter().any(|g| {
                w.strip_suffix(g)
                    .is_some_and(|b| b.chars().count() >= 2 && self.in_lists_exact(b))
            })
    }

    fn in_lists_exact(&self, w: &str) -> bool {
        // Lower- or title-casing never makes fewer characters, and a character is at most
        // four bytes: a word this long matches no entry, and is not hashed three times.
        if w.len() > 4 * self.longest {
            return false;
        }
        if self.accept.contains(w) {
            return true;
        }
        let (first_upper, all_upper) = casing(w);
        if first_upper && self.accept.contains(&w.to_lowercase()) {
            return true;
        }
        all_upper && self.accept.contains(&title_case(w))
    }

    /// Is the word spelt right? Cached per distinct word and thread.
    pub fn is_known(&self, w: &str) -> bool {
        let cached = VERDICTS.with_borrow_mut(|c| c.of(self).get(w).copied());
        if let Some(v) = cached {
            return v;
        }
        let v = self.is_known_uncached(w);
        VERDICTS.with_borrow_mut(|c| {
            c.of(self).insert(w, v);
        });
        v
    }

    /// Is the word spelt right, without the cache: the dictionary (simple word or compound, in
    /// the casings Hunspell tries), the lists, or hyphenated parts that are each known.
    pub fn is_known_uncached(&self, w: &str) -> bool {
        if dict_known(w) || self.in_lists(w) {
            return true;
        }
        // "KLE's", "Anne's": the base word with an apostrophe genitive.
        for g in ["'s", "’s", "'", "’"] {
            if let Some(base) = w.strip_suffix(g)
                && !base.is_empty()
                && (dict_known(base) || self.in_lists(base) || is_acronym(base))
            {
                return true;
            }
        }
        // A list word first in a compound: "NemKonto" + "oplysninger", "flexjob" + "samtale".
        // Heads only as long as a list word can be, so a huge token costs linear time.
        let letters = w.chars().count();
        for (k, (i, _)) in w.char_indices().enumerate().skip(3) {
            if i > 4 * self.longest {
                break;
            }
            let (head, tail) = w.split_at(i);
            if letters - k >= 3
                && self.in_lists_exact(head)
                && (part_known(tail, dict::bits::END) || dict::is_compound(tail))
            {
                return true;
            }
        }
        if w.contains('-') {
            let parts: Vec<&str> = w.split('-').collect();
            let last = parts.len() - 1;
            return parts.iter().enumerate().all(|(i, p)| {
                !p.is_empty()
                    && (is_acronym(p)
                        || p.chars().count() == 1
                        || dict_known(p)
                        || self.in_lists(p)
                        || (i < last && part_known(p, dict::bits::BEGIN))
                        || (i > 0 && part_known(p, dict::bits::END)))
            });
        }
        false
    }

    /// Ranked suggestions, at most `max`.
    pub fn suggest(&self, w: &str, max: usize) -> Vec<suggest::Candidate> {
        self.suggest_within(w, max, &mut SuggestBudget::new(usize::MAX))
    }

    /// The same, charged to `budget`: nothing when it is spent.
    pub fn suggest_within(
        &self,
        w: &str,
        max: usize,
        budget: &mut SuggestBudget,
    ) -> Vec<suggest::Candidate> {
        if !budget.left() {
            return Vec::new();
        }
        let cached = if max <= MAX_CACHED_SUGGESTIONS {
            self.suggestions.lock().ok().and_then(|c| c.get(w).cloned())
        } else {
            None
        };
        let s = cached.unwrap_or_else(|| {
            let s = suggest::suggest_counted(w, max.max(MAX_CACHED_SUGGESTIONS));
            if let Ok(mut c) = self.suggestions.lock() {
                if c.len() >= CACHE_MAX / 20 {
                    c.clear();
                }
                c.insert(w.into(), s.clone());
            }
            s
        });
        budget.charge(s.work);
        s.candidates.into_iter().take(max).collect()
    }

    /// Is there a repair of `w` that scores at most `max_score`? A quick, narrow search, for
    /// telling a misspelt capitalised word from a name.
    pub fn has_cheap_repair(&self, w: &str, max_score: i32) -> bool {
        self.has_cheap_repair_within(w, max_score, &mut SuggestBudget::new(usize::MAX))
    }

    /// The same, charged to `budget`: false when it is spent.
    pub fn has_cheap_repair_within(
        &self,
        w: &str,
        max_score: i32,
        budget: &mut SuggestBudget,
    ) -> bool {
        if !budget.left() {
            return false;
        }
        let key = (Box::<str>::from(w), max_score);
        let cached = self.cheap.lock().ok().and_then(|c| c.get(&key).copied());
        let (found, work) = cached.unwrap_or_else(|| {
            let s = suggest::cheap_counted(w, max_score);
            let v = (!s.candidates.is_empty(), s.work);
            if let Ok(mut c) = self.cheap.lock() {
                if c.len() >= CACHE_MAX / 20 {
                    c.clear();
                }
                c.insert(key, v);
            }
            v
        });
        budget.charge(work);
        found
    }

    /// The number of verdicts cached on this thread (for measurements).
    pub fn cached(&self) -> usize {
        VERDICTS.with_borrow_mut(|c| c.of(self).len())
    }
}

thread_local! {
    /// `Speller::is_known`'s verdicts.
    static VERDICTS: RefCell<WordCache<bool>> = RefCell::new(WordCache::default());
}

/// What was worked out about words, per distinct word (as written), for one speller on one
/// thread: no locks between the threads that check documents, and a cheap hash. It holds at
/// most `CACHE_MAX` words and starts over when full or when another speller uses it, so its
/// memory stays bounded. Whatever it holds must follow from the word and the speller alone: a
/// verdict never depends on what the cache held before.
pub struct WordCache<V> {
    speller: u64,
    words: foldhash::HashMap<Box<str>, V>,
}

impl<V> Default for WordCache<V> {
    fn default() -> Self {
        WordCache {
            speller: 0,
            words: foldhash::HashMap::default(),
        }
    }
}

impl<V> WordCache<V> {
    /// The cache for `speller`'s words: emptied first when it held another speller's.
    pub fn of(&mut self, speller: &Speller) -> &mut Self {
        if self.speller != speller.id {
            self.words.clear();
            self.speller = speller.id;
        }
        self
    }

    pub fn get(&self, w: &str) -> Option<&V> {
        self.words.get(w)
    }

    pub fn get_mut(&mut self, w: &str) -> Option<&mut V> {
        self.words.get_mut(w)
    }

    /// Keeps `v` for `w`, after emptying the cache when it is full.
    pub fn insert(&mut self, w: &str, v: V) -> &mut V {
        if self.words.len() >= CACHE_MAX {
            self.words.clear();
        }
        self.words.entry(w.into()).insert_entry(v).into_mut()
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

/// (first letter upper case, every letter upper case and at least two letters).
pub fn casing(w: &str) -> (bool, bool) {
    let mut letters = w.chars().filter(|c| c.is_alphabetic());
    let first = letters.clone().next().is_some_and(char::is_uppercase);
    let all = first && letters.clone().count() >= 2 && letters.all(char::is_uppercase);
    (first, all)
}

/// "HOLBÆK" → "Holbæk".
fn title_case(w: &str) -> String {
    let mut c = w.chars();
    match c.next() {
        Some(f) => f
            .to_uppercase()
            .chain(c.flat_map(char::to_lowercase))
            .collect(),
        None => String::new(),
    }
}

/// Two or more letters, all capitals: an acronym ("KLE", "SFO").
pub fn is_acronym(w: &str) -> bool {
    casing(w).1
}

/// The dictionary's verdict in the casings Hunspell tries: as written; a capital first letter
/// also as lower case ("Behandles"); all capitals also as lower case and title case.
pub fn dict_known(w: &str) -> bool {
    if dict::is_word_as_written(w) {
        return true;
    }
    let (first, all) = casing(w);
    if first {
        let lower = w.to_lowercase();
        if dict::is_word_as_written(&lower) {
            return true;
        }
        if all {
            return dict::is_word_as_written(&title_case(w));
        }
    }
    false
}

/// Is `p` (or its lower case) a compound part with role `role` ("social-" in "social- og …")?
fn part_known(p: &str, role: u64) -> bool {
    let has = |s: &str| dict::lookup(s).is_some_and(|b| b & role != 0);
    has(p) || has(&p.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn speller() -> Speller {
        Speller::new(&["Klarsprogsenheden".to_string()], &[] as &[&str]).unwrap()
    }

    #[test]
    fn lists_casing_and_genitives() {
        let s = speller();
        for w in [
            "NemKonto",
            "Holbæk",
            "HOLBÆK",
            "Holbæks",
            "KLE's",
            "borger.dk",
            "Klarsprogsenheden",
            "Behandles",
            "Lyngby-Taarbæk",
            "e-Boks",
            "KLE-nummer",
            "EU-regler",
            "NemKontooplysninger",
        ] {
            assert!(s.is_known(w), "{w}");
        }
        for w in ["holbæk", "ansøgnig", "Ansøgnig", "klarsprogsenhedn"] {
            assert!(!s.is_known(w), "{w}");
        }
    }

    #[test]
    fn cache_gives_the_same_verdicts() {
        let s = speller();
        assert!(s.is_known("sagsbehandlingstid"));
        assert!(s.is_known("sagsbehandlingstid"));
        assert!(!s.is_known("sagsbehadlingstid"));
        assert!(!s.is_known("sagsbehadlingstid"));
        assert_eq!(s.cached(), 2);
    }

    #[test]
    fn unreadable_list_names_the_file() {
        let e = Speller::new(&[], &["/nonexistent/ord.txt"]).err().unwrap();
        assert!(e.to_string().contains("/nonexistent/ord.txt"), "{e}");
    }
}
