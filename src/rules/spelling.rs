//! The spelling rules: `stavning/ukendt-ord` (a word the dictionary does not know, with ranked
//! suggestions) and `stavning/saerskrivning` (a compound written as two words, "bolig støtte").
//! Names are the main false alarms, so capitalised words in the letter's layout lines are not
//! checked, and a capitalised word elsewhere counts as a name unless it is a cheap repair away
//! from a Danish word.

use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::collections::HashSet;
use std::ops::Range;
use std::sync::{Arc, OnceLock};

use crate::Span;
use crate::config::Settings;
use crate::da::spell::{self, Speller, SuggestBudget, WordCache, dict, is_function_word};
use crate::document::{Document, MatchView};
use crate::error::Result;
use crate::finding::{Applicability, Category, Finding, Severity, Suggestion};
use crate::letter::layout::Layout;
use crate::letter::lexicon::Lexicon;
use crate::rules::{Analyzer, Context, Example, RuleInfo};
use crate::text::segment::SentenceKind;
use crate::text::tokenize::{Token, TokenKind, flag};

pub const UNKNOWN: &str = "stavning/ukendt-ord";
pub const SPLIT: &str = "stavning/saerskrivning";
pub const TENSE: &str = "stavning/nutids-r";

/// Suggestions shown at most.
const MAX_SUGGESTIONS: usize = 3;
/// A capitalised word mid-sentence that the dictionary does not know is taken for a name,
/// unless its best suggestion costs at most this much (hundredths of an edit): a Danish letter
/// lost or written ae/oe/aa, a doubled consonant, scanner damage.
const NAME_REPAIR_MAX: i32 = 45;
/// The cost of joining an unknown word with its neighbour ("børne have" → "børnehave").
const JOIN_COST: i32 = 30;

thread_local! {
    /// The suggestion work the last document checked on this thread took.
    static LAST_WORK: Cell<usize> = const { Cell::new(0) };
}

/// The suggestion work (see [`spell::suggest::WORD_WORK`]) the last document checked on this
/// thread took: at most [`spell::DOCUMENT_WORK`] and one word's work. For measurements and tests.
pub fn last_document_work() -> usize {
    LAST_WORK.get()
}

pub struct Spelling {
    speller: Speller,
    /// The letter vocabulary, to find the layout (salutation, closing, signature); shared
    /// with the letter checks.
    lexicon: Arc<Lexicon>,
}

impl Spelling {
    pub fn new(settings: &Settings, lexicon: Arc<Lexicon>) -> Result<Spelling> {
        Ok(Spelling {
            speller: Speller::new(&settings.spelling_accept, &settings.spelling_lists)?,
            lexicon,
        })
    }

    pub fn speller(&self) -> &Speller {
        &self.speller
    }
}

fn example(bad: &str, good: &str, fixed: Option<&str>) -> Example {
    Example {
        bad: Some(bad.into()),
        good: Some(good.into()),
        fixed: fixed.map(Into::into),
    }
}

pub fn rules() -> Vec<RuleInfo> {
    let mut unknown = RuleInfo::builtin(
        UNKNOWN,
        Category::Spelling,
        Severity::Warning,
        "«…» står ikke i ordbogen. Mente du «…»?",
        "Stavefejl får et brev til at virke sjusket, og et forkert ord kan gøre en sætning svær at forstå. klarsprog kender ordene i den danske retskrivning (ordbogen da_DK fra Stavekontrolden), sammensatte ord, kommunernes navne og mange ord fra den offentlige sektor. Navne i brevhoved, adresse, hilsen og underskrift tjekkes ikke. Kender klarsprog ikke et ord, som er rigtigt, kan du tilføje det i klarsprog.toml under [spelling] accept.",
        vec![
            example(
                "Tak for din henvendelsse om tandpleje.",
                "Kære Søren Kjærsgaard\n\nDu kan ringe til Anne Holm på 72 36 00 00 eller skrive til post@holbaek.dk.",
                Some("Tak for din henvendelse om tandpleje."),
            ),
            example(
                "Vi har sendt dig et nyt sygesikkringsbevis.",
                "Sagsnr. 27.24.00-P20-3-24: Vi har sendt dig et nyt sygesikringsbevis via e-Boks og MitID.",
                Some("Vi har sendt dig et nyt sygesikringsbevis."),
            ),
        ],
    );
    unknown.applicability = Some(Applicability::Unsafe);
    let mut split = RuleInfo::builtin(
        SPLIT,
        Category::Spelling,
        Severity::Warning,
        "«…» skrives i ét ord: «…».",
        "På dansk skrives sammensatte ord i ét ord: «sundhedskort», ikke «sundheds kort». Skrevet i to ord kan de læses forkert, og de ser forkerte ud for læseren.",
        vec![example(
            "Vi har sendt dig et nyt sundheds kort.",
            "Vi har sendt dig et nyt sundhedskort, og du får det i en stor kuvert.",
            Some("Vi har sendt dig et nyt sundhedskort."),
        )],
    );
    split.applicability = Some(Applicability::Unsafe);
    let mut tense = RuleInfo::builtin(
        TENSE,
        Category::Spelling,
        Severity::Warning,
        "«…» skal stå i navneform: «…».",
        "Efter «at» og efter kan, skal, vil, må og bør står verbet i navneform uden -r: «du kan bestille», ikke «du kan bestiller». Og når «du», «vi» eller «jeg» står alene som grundled, skal verbet have nutids-r: «du ønsker». Fejlen er almindelig, fordi r'et ikke høres, og den er let at overse.",
        vec![
            example(
                "Du kan bestiller en ny tid på hjemmesiden.",
                "Du bestiller en ny tid på hjemmesiden, og vi kan ringe til dig.",
                Some("Du kan bestille en ny tid på hjemmesiden."),
            ),
            example(
                "Hvis du ønske hjælp, kan du ringe.",
                "Hvis du ønsker hjælp, kan du ringe til lærer Hansen, og at lærer Bo kommer, ved vi.",
                Some("Hvis du ønsker hjælp, kan du ringe."),
            ),
        ],
    );
    tense.applicability = Some(Applicability::Unsafe);
    vec![unknown, split, tense]
}

/// What the analyzer knows about one document's words.
struct Scan<'d> {
    doc: &'d Document,
    /// Per sentence: a layout line (letterhead, address, salutation, signature, name line).
    layout: Vec<bool>,
    /// Per token: the first word of a sentence, or after a colon or an opening quote.
    starts: Vec<bool>,
    /// Capitalised words of the layout lines: names seen in the letter.
    names: foldhash::HashSet<Cow<'d, str>>,
    /// Capitalised words seen mid-sentence: a name written the same way elsewhere.
    mid_caps: foldhash::HashSet<Cow<'d, str>>,
}

/// The token's text as a reader sees it ([`Token::normalized_into`]): borrowed from the
/// document, unless the tokenizer marked the token for normalising.
fn word_text<'a>(doc: &'a Document, t: &Token, buf: &'a mut String) -> &'a str {
    if t.has(flag::NORM) {
        t.normalized_into(&doc.text, buf);
        buf
    } else {
        t.text(&doc.text)
    }
}

/// The same, owned only when it must be.
fn word_cow<'d>(doc: &'d Document, t: &Token) -> Cow<'d, str> {
    if t.has(flag::NORM) {
        let mut buf = String::new();
        t.normalized_into(&doc.text, &mut buf);
        Cow::Owned(buf)
    } else {
        Cow::Borrowed(t.text(&doc.text))
    }
}

/// Leave this word alone: not a word to check (numbers glued to it, an abbreviation, an
/// acronym, a product name with inner capitals, a single letter).
fn skip_token(doc: &Document, t: &Token, w: &str) -> bool {
    if t.has(flag::ABBREV) || t.has(flag::ALL_CAPS) || w.chars().nth(1).is_none() {
        return true;
    }
    let bytes = doc.text.as_bytes();
    let (s, e) = (t.start as usize, t.end as usize);
    let glued = |b: u8| b.is_ascii_digit() || matches!(b, b'@' | b'/' | b'\\' | b'_' | b'#' | b'=');
    if (s > 0 && glued(bytes[s - 1])) || (e < bytes.len() && glued(bytes[e])) {
        return true;
    }
    // "matr.nr.", "tlf.nr": a period with letters right after it joins an abbreviation.
    let period_then_letter = |i: usize| {
        bytes.get(i) == Some(&b'.')
            && doc.text[i + 1..]
                .chars()
                .next()
                .is_some_and(char::is_alphabetic)
    };
    if period_then_letter(e)
        || (s >= 2
            && bytes[s - 1] == b'.'
            && doc.text[..s - 1]
                .chars()
                .next_back()
                .is_some_and(char::is_alphabetic))
    {
        return true;
    }
    false
}

/// "MitID", "NemKonto", "eBoks": capitals inside a word make a name, not a misspelling, unless
/// a scanner made them ("tiIladelse").
fn inner_capitals(w: &str) -> bool {
    w.chars().skip(1).any(char::is_uppercase) && !spell::is_acronym(w)
}

impl<'d> Scan<'d> {
    fn new(doc: &'d Document, l: &Layout) -> Scan<'d> {
        let n = doc.sentences.len();
        let mut buf = String::new();
        let mut layout = vec![false; n];
        for (s, sent) in doc.sentences.iter().enumerate() {
            let header = sent.kind == SentenceKind::Line && sent.span.start < l.body_start;
            let names_only = sent.kind == SentenceKind::Line
                && sent.words <= 6
                && doc.tokens[sent.tokens.clone()]
                    .iter()
                    .filter(|t| t.kind == TokenKind::Word)
                    .all(|t| t.has(flag::CAPITAL) || is_function_word(word_text(doc, t, &mut buf)));
            layout[s] = header || names_only || Some(s) == l.salutation || l.signature.contains(&s);
        }
        let mut starts = vec![false; doc.tokens.len()];
        let mut names = foldhash::HashSet::default();
        let mut mid_caps = foldhash::HashSet::default();
        for (s, sent) in doc.sentences.iter().enumerate() {
            let mut first = true;
            for ti in sent.tokens.clone() {
                let t = &doc.tokens[ti];
                if t.kind != TokenKind::Word {
                    if matches!(
                        t.text(&doc.text),
                        ":" | "«" | "»" | "\"" | "“" | "”" | "„" | "(" | "–" | "—" | "*" | "•"
                    ) {
                        first = true;
                    }
                    continue;
                }
                starts[ti] = first;
                if t.has(flag::CAPITAL) && (layout[s] || !first) {
                    let set = if layout[s] { &mut names } else { &mut mid_caps };
                    if !set.contains(word_text(doc, t, &mut buf)) {
                        set.insert(word_cow(doc, t));
                    }
                }
                first = false;
            }
        }
        Scan {
            doc,
            layout,
            starts,
            names,
            mid_caps,
        }
    }

    /// A name seen in the letter: in a layout line, or (for a word first in its sentence)
    /// capitalised mid-sentence elsewhere; also its genitive ("Annes").
    fn is_seen_name(&self, w: &str, sentence_start: bool) -> bool {
        let seen =
            |w: &str| self.names.contains(w) || (sentence_start && self.mid_caps.contains(w));
        seen(w)
            || ["s", "'s", "’s", "'", "’"]
                .iter()
                .any(|g| w.strip_suffix(g).is_some_and(seen))
    }

    /// The next word token after `t` when only one space or tab separates them.
    fn next_word(&self, t: usize) -> Option<usize> {
        let a = self.doc.tokens.get(t)?;
        let b = self.doc.tokens.get(t + 1)?;
        let gap = &self.doc.text[a.end as usize..b.start as usize];
        (b.kind == TokenKind::Word && matches!(gap, " " | "\t")).then_some(t + 1)
    }
}

/// What the checks need to know about a word by itself, whatever its neighbours: worked out
/// from its lower case once per distinct word and thread.
#[derive(Clone, Copy, Default)]
struct WordInfo {
    /// `word::…`
    flags: u8,
    /// The infinitive, when the word is a verb's present and that differs from its infinitive
    /// ("sender": "sende").
    infinitive: Option<&'static str>,
    /// The present, when the word is a verb's infinitive and that differs from its present
    /// ("ønske": "ønsker").
    present: Option<&'static str>,
    /// Where the dictionary stands after the word: a split compound's join is looked up from
    /// here.
    prefix: Option<dict::Prefix>,
}

/// The flags of `WordInfo`.
mod word {
    /// May be the first word of a split compound: at least two letters, no hyphen, no function
    /// word; a word the dictionary lists, but no present form of a verb and no measure in the
    /// genitive ("måneds"). (Whether it is an adjective is asked only of the few pairs whose
    /// join is a word.)
    pub const SPLIT_HEAD: u8 = 1;
    /// May be the second: at least three letters, no hyphen, no function word, a noun the
    /// dictionary lists as a word.
    pub const SPLIT_TAIL: u8 = 1 << 1;
    /// A verb, to the dictionary or the verb lexicon.
    pub const VERB: u8 = 1 << 2;
    /// A verb form (present, infinitive or modal): after "at", an -er word followed by one is a
    /// noun subject ("at ansøger opfylder …").
    pub const VERBAL: u8 = 1 << 3;
}

impl WordInfo {
    fn of(lower: &str) -> WordInfo {
        let lex = crate::da::lexicon::Lexicon::get();
        let prefix = dict::Prefix::of(lower);
        let bits = prefix.and_then(|p| p.value()).unwrap_or(0);
        let infinitive = infinitive_of(lower);
        let in_lexicon = lex.verb(lower).is_some();
        let plain =
            bits & dict::bits::WORD != 0 && !lower.contains('-') && !is_function_word(lower);
        let letters = lower.chars().count();
        let mut flags = 0;
        if plain
            && letters >= 2
            && infinitive.is_none()
            && !MEASURES.iter().any(|m| lower.strip_suffix('s') == Some(m))
        {
            flags |= word::SPLIT_HEAD;
        }
        if plain && letters >= 3 && bits & dict::bits::NOUN != 0 {
            flags |= word::SPLIT_TAIL;
        }
        if bits & dict::bits::VERB != 0 || in_lexicon {
            flags |= word::VERB;
        }
        if infinitive.is_some() || in_lexicon || MODALS.contains(&lower) {
            flags |= word::VERBAL;
        }
        WordInfo {
            flags,
            infinitive,
            present: present_of(lower),
            prefix,
        }
    }

    fn has(&self, flag: u8) -> bool {
        self.flags & flag != 0
    }
}

/// A word (as written) in the cache.
#[derive(Clone, Copy)]
struct Cached {
    info: WordInfo,
    /// The speller's verdict, once asked for.
    known: Option<bool>,
}

thread_local! {
    /// The words this thread has checked, for the speller it checked them with: words in
    /// letters follow Zipf's law, so most tokens are a word seen before.
    static WORDS: RefCell<WordCache<Cached>> = RefCell::new(WordCache::default());
}

/// A token of the sentence being checked.
#[derive(Clone, Copy, Default)]
struct Slot {
    info: WordInfo,
    /// Nothing to report on the word by itself: left alone (`skip_token`) or known.
    fine: bool,
}

/// Which of the rules are on.
#[derive(Clone, Copy)]
struct On {
    unknown: bool,
    split: bool,
}

impl Analyzer for Spelling {
    /// Measured with callgrind on 200 generated letters (see `Analyzer::cost`).
    fn cost(&self) -> u32 {
        8
    }

    fn rules(&self) -> Vec<RuleInfo> {
        rules()
    }

    fn check(&self, doc: &Document, ctx: &Context<'_>, out: &mut Vec<Finding>) {
        LAST_WORK.set(0);
        let on = On {
            unknown: ctx.rule(UNKNOWN).is_some(),
            split: ctx.rule(SPLIT).is_some(),
        };
        let tense = ctx.rule(TENSE).is_some();
        let spell = on.unknown || on.split;
        if !(spell || tense) || doc.sentences.is_empty() {
            return;
        }
        let scan = spell.then(|| Scan::new(doc, &Layout::find(doc, &self.lexicon)));
        let view = doc.match_view();
        // Tokens already reported (an unknown word joined with its neighbour covers both).
        let mut covered = vec![false; if spell { doc.tokens.len() } else { 0 }];
        let mut slots = Vec::new();
        let mut buf = String::new();
        // Suggestions for the whole letter: beyond this, unknown words are reported without.
        let mut budget = SuggestBudget::document();
        WORDS.with_borrow_mut(|cache| {
            let cache = cache.of(&self.speller);
            for (s, sent) in doc.sentences.iter().enumerate() {
                slots.clear();
                slots.extend(
                    sent.tokens
                        .clone()
                        .map(|ti| self.slot(doc, view, ti, spell, cache, &mut buf)),
                );
                if tense {
                    check_tense(doc, ctx, sent.tokens.clone(), &slots, out);
                }
                if let Some(scan) = &scan {
                    self.check_words(scan, ctx, on, s, &slots, &mut covered, &mut budget, out);
                }
            }
        });
        LAST_WORK.set(budget.spent());
    }
}

impl Spelling {
    /// Token `ti` of a sentence: what its word is, from the cache, and with `verdict`, whether
    /// the word is fine by itself.
    fn slot(
        &self,
        doc: &Document,
        view: &MatchView,
        ti: usize,
        verdict: bool,
        cache: &mut WordCache<Cached>,
        buf: &mut String,
    ) -> Slot {
        let t = &doc.tokens[ti];
        if t.kind != TokenKind::Word {
            return Slot::default();
        }
        let w = word_text(doc, t, buf);
        let cached = match cache.get(w) {
            Some(&c) => c,
            None => *cache.insert(
                w,
                Cached {
                    // The match view holds the token's lower case.
                    info: WordInfo::of(view.token_text(ti)),
                    known: None,
                },
            ),
        };
        let info = cached.info;
        if !verdict {
            return Slot { info, fine: false };
        }
        // A word known before is fine wherever it stands: no need to look around it.
        if cached.known == Some(true) {
            return Slot { info, fine: true };
        }
        if skip_token(doc, t, w) {
            return Slot { info, fine: true };
        }
        let known = match cached.known {
            Some(k) => k,
            None => {
                let k = self.speller.is_known_uncached(w);
                if let Some(c) = cache.get_mut(w) {
                    c.known = Some(k);
                }
                k
            }
        };
        Slot {
            info,
            fine: known || self.is_known_with_period(doc, t, w),
        }
    }

    /// Known with the period after it ("tlf.", an abbreviation in the dictionary but not in
    /// the tokenizer's list).
    fn is_known_with_period(&self, doc: &Document, t: &Token, w: &str) -> bool {
        doc.text.as_bytes().get(t.end as usize) == Some(&b'.')
            && self.speller.is_known(&format!("{w}."))
    }

    /// The spelling findings of sentence `s`, whose tokens are `slots`.
    #[allow(clippy::too_many_arguments)]
    fn check_words(
        &self,
        scan: &Scan<'_>,
        ctx: &Context<'_>,
        on: On,
        s: usize,
        slots: &[Slot],
        covered: &mut [bool],
        budget: &mut SuggestBudget,
        out: &mut Vec<Finding>,
    ) {
        let doc = scan.doc;
        let tokens = doc.sentences[s].tokens.clone();
        let mut buf = String::new();
        for ti in tokens.clone() {
            let t = &doc.tokens[ti];
            if t.kind != TokenKind::Word || covered[ti] {
                continue;
            }
            if slots[ti - tokens.start].fine {
                if on.split
                    && let Some(f) = self.split_compound(scan, ctx, ti, tokens.clone(), slots)
                {
                    covered[ti + 1] = true;
                    out.push(f);
                }
                continue;
            }
            if !on.unknown {
                continue;
            }
            let w = word_text(doc, t, &mut buf);
            let start = scan.starts[ti];
            let capital = t.has(flag::CAPITAL);
            let inner = inner_capitals(w);
            if (capital || inner) && (scan.layout[s] || scan.is_seen_name(w, start)) {
                continue;
            }
            // Most capitalised words mid-sentence are names: a quick look for a cheap
            // repair before the full search. (With the letter's suggestion work spent, there
            // is none, and the word counts as a name.)
            if ((capital && !start) || inner)
                && !self
                    .speller
                    .has_cheap_repair_within(w, NAME_REPAIR_MAX, budget)
            {
                continue;
            }
            let (f, joined, best) = self.unknown(scan, ctx, ti, w, budget);
            // Mid-sentence, an unknown capitalised word is a name (and one with capitals
            // inside a product name) unless a cheap repair makes it a Danish word. Names
            // keep the old aa, ae, oe ("Gaarslev", "Boesen"): that repair is no evidence.
            let digraph_only = f
                .suggestions
                .first()
                .is_some_and(|s| danish_letters(w, &s.replacement) == Some(DIGRAPHS));
            if ((capital && !start) || inner)
                && (best.is_none_or(|b| b > NAME_REPAIR_MAX) || digraph_only)
            {
                continue;
            }
            if let Some(j) = joined {
                covered[j] = true;
            }
            out.push(f);
        }
    }

    /// The finding for an unknown word, the neighbour token a join suggestion covers, and the
    /// best suggestion's score.
    fn unknown(
        &self,
        scan: &Scan<'_>,
        ctx: &Context<'_>,
        ti: usize,
        w: &str,
        budget: &mut SuggestBudget,
    ) -> (Finding, Option<usize>, Option<i32>) {
        let doc = scan.doc;
        let t = &doc.tokens[ti];
        let span = t.span();
        // (text, score, span, joined token)
        let first_letter = |s: &str| s.chars().next().map(|c| c.to_lowercase().to_string());
        let mut cands: Vec<(String, i32, Span, Option<usize>)> = self
            .speller
            .suggest_within(w, MAX_SUGGESTIONS, budget)
            .into_iter()
            .map(|c| {
                // Mid-sentence, a capital that the repair replaces was damage, not a name:
                // "Iovgivningen" → "lovgivningen".
                let text = if !scan.starts[ti] && first_letter(&c.text) != first_letter(w) {
                    crate::da::case::decapitalize(&c.text)
                } else {
                    c.text
                };
                (text, c.score, span, None)
            })
            .collect();
        let mut nb = String::new();
        let mut join = |a: usize, b: usize, cands: &mut Vec<(String, i32, Span, Option<usize>)>| {
            let (ta, tb) = (&doc.tokens[a], &doc.tokens[b]);
            if tb.has(flag::CAPITAL) && b > a {
                return;
            }
            let mut joined = String::new();
            word_text(doc, ta, &mut nb);
            joined.push_str(&nb);
            word_text(doc, tb, &mut nb);
            joined.push_str(&nb.to_lowercase());
            // Only a word the dictionary lists whole: any two words make some compound.
            if dict::is_simple_word(&joined.to_lowercase()) {
                let other = if a == ti { b } else { a };
                cands.push((
                    joined,
                    JOIN_COST,
                    Span::new(ta.start as usize, tb.end as usize),
                    Some(other),
                ));
            }
        };
        if let Some(n) = scan.next_word(ti) {
            join(ti, n, &mut cands);
        }
        if ti > 0 && scan.next_word(ti - 1) == Some(ti) && !t.has(flag::CAPITAL) {
            join(ti - 1, ti, &mut cands);
        }
        cands.sort_by(|a, b| a.1.cmp(&b.1).then_with(|| a.0.cmp(&b.0)));
        cands.dedup_by(|b, a| a.0 == b.0);
        cands.truncate(MAX_SUGGESTIONS);
        let first = cands.first().cloned();
        let message = match &first {
            None => format!(
                "«{w}» står ikke i ordbogen. Tjek stavningen. Er ordet rigtigt, kan du tilføje det under [spelling] accept i klarsprog.toml."
            ),
            Some((text, _, sp, joined)) => {
                let shown = doc.slice(*sp);
                let others: Vec<String> = cands[1..].iter().map(|c| format!("«{}»", c.0)).collect();
                let more = if others.is_empty() {
                    String::new()
                } else {
                    format!(
                        " Eller: {}.",
                        crate::letter::join_da(
                            &others.iter().map(String::as_str).collect::<Vec<_>>()
                        )
                    )
                };
                if joined.is_some() {
                    format!("«{shown}» skrives i ét ord: «{text}».{more}")
                } else if text.contains(' ')
                    && text.replace(' ', "").to_lowercase() == w.to_lowercase()
                {
                    format!("«{w}» skrives i to ord: «{text}».{more}")
                } else if let Some(how) = danish_letters(w, text) {
                    format!("«{w}» er skrevet med {how}. Skriv «{text}».{more}")
                } else {
                    format!("«{w}» står ikke i ordbogen. Mente du «{text}»?{more}")
                }
            }
        };
        let suggestions = cands
            .iter()
            .map(|(text, _, sp, _)| Suggestion::replace(*sp, text.clone(), Applicability::Unsafe))
            .collect();
        let span = first.as_ref().map_or(span, |c| c.2);
        let best = first.as_ref().map(|c| c.1);
        let joined = first.and_then(|c| c.3);
        let f = ctx
            .finding(UNKNOWN, span, message, suggestions)
            .expect("checked that the rule is on");
        (f, joined, best)
    }

    /// "bolig støtte": two known words whose join is a word the dictionary lists, or a
    /// compound of exactly these two parts, and that is not a phrase of two words. `tokens`
    /// are the sentence's, `slots` what is known about them.
    fn split_compound(
        &self,
        scan: &Scan<'_>,
        ctx: &Context<'_>,
        ti: usize,
        tokens: Range<usize>,
        slots: &[Slot],
    ) -> Option<Finding> {
        // What the words are by themselves first: that rules out most pairs.
        let head = slots[ti - tokens.start].info;
        if !head.has(word::SPLIT_HEAD) {
            return None;
        }
        let doc = scan.doc;
        let ni = scan.next_word(ti)?;
        if ni >= tokens.end || !slots[ni - tokens.start].info.has(word::SPLIT_TAIL) {
            return None;
        }
        let (ta, tb) = (&doc.tokens[ti], &doc.tokens[ni]);
        if tb.has(flag::CAPITAL) || ta.has(flag::ALL_CAPS) || tb.has(flag::NORM) {
            return None;
        }
        if ta.has(flag::CAPITAL) && !scan.starts[ti] {
            return None;
        }
        // The match view holds the tokens' lower case.
        let view = doc.match_view();
        let (a, b) = (view.token_text(ti), view.token_text(ni));
        // The join must be a word the dictionary lists whole ("boligstøtte"); a compound it
        // would only allow ("stor" + "by" is fine, but so is "følger" + "loven") is too weak.
        let vj = head.prefix.and_then(|p| p.lookup(b)).unwrap_or(0);
        if vj & dict::bits::WORD == 0 || vj & dict::bits::NOSUGGEST != 0 {
            return None;
        }
        // The second word is a noun; the first is no adjective ("en stor by"), no finite verb
        // ("følger loven"), no verb after a modal or "at" ("at søge hjælp"), no measure in the
        // genitive ("en måneds løn"): see `word::SPLIT_HEAD`.
        if is_adjective(a, head.prefix.and_then(|p| p.value()).unwrap_or(0)) {
            return None;
        }
        let prev = if ti > 0 && scan.next_word(ti - 1) == Some(ti) {
            view.token_text(ti - 1)
        } else {
            ""
        };
        if head.has(word::VERB) && (prev == "at" || MODALS.contains(&prev)) {
            return None;
        }
        let joined = [a, b].concat();
        let span = Span::new(ta.start as usize, tb.end as usize);
        let shown = doc.slice(span);
        let text = crate::da::case::match_case(&joined, shown);
        let message = format!("«{shown}» skrives i ét ord: «{text}».");
        ctx.finding(
            SPLIT,
            span,
            message,
            vec![Suggestion::replace(span, text, Applicability::Unsafe)],
        )
    }
}

/// An adjective, in any form: the dictionary says so; or it has the adjective's -e and -t
/// forms ("god": "gode", "godt"; "privat": "private"), or is the -e form of such a word
/// ("gode"); or it is one of the irregular ones ("lille", "små", "ældre").
fn is_adjective(a: &str, bits: u64) -> bool {
    let regular = |a: &str| {
        dict::is_simple_word(&format!("{a}e"))
            && (a.ends_with('t') || dict::is_simple_word(&format!("{a}t")))
    };
    bits & dict::bits::ADJ != 0
        || IRREGULAR_ADJECTIVES.contains(&a)
        || regular(a)
        || a.strip_suffix('e')
            .is_some_and(|stem| stem.chars().count() >= 2 && regular(stem))
}

const IRREGULAR_ADJECTIVES: &[&str] = &[
    "lille",
    "små",
    "mindre",
    "mindste",
    "større",
    "største",
    "bedre",
    "bedste",
    "værre",
    "værste",
    "ældre",
    "ældste",
    "yngre",
    "yngste",
    "færre",
    "færreste",
    "gammel",
    "gamle",
    "anden",
];

/// The verb of a present form, for its infinitive ("sender" → "sende", "får" → "få", "gør" →
/// "gøre"), from the verb lexicon (dictionaries/verber.tsv). None when the form is also the
/// infinitive.
fn infinitive_of(present: &str) -> Option<&'static str> {
    let lex = crate::da::lexicon::Lexicon::get();
    let r = present.strip_suffix('r')?;
    [
        Some(r.to_string()),
        present.strip_suffix("er").map(str::to_string),
        Some(format!("{present}e")),
    ]
    .into_iter()
    .flatten()
    .find_map(|inf| {
        lex.verb(&inf)
            .filter(|v| v.present == present && v.infinitive != present)
            .map(|v| v.infinitive)
    })
}

/// The verb of an infinitive, for its present ("ønske" → "ønsker"), when they differ and the
/// infinitive is not also the past ("skulle", "ville", "kunne").
fn present_of(infinitive: &str) -> Option<&'static str> {
    crate::da::lexicon::Lexicon::get()
        .verb(infinitive)
        .filter(|v| v.present != v.infinitive && !v.present.is_empty() && v.past != v.infinitive)
        .map(|v| v.present)
}

/// Adverbs that may stand between a modal and its verb: "vil gerne", "kan ikke".
const BETWEEN: &[&str] = &[
    "ikke",
    "gerne",
    "også",
    "altid",
    "aldrig",
    "bare",
    "lige",
    "godt",
    "selv",
    "nok",
    "kun",
    "først",
    "derfor",
    "snart",
    "straks",
    "desværre",
    "muligvis",
    "sikkert",
    "stadig",
    "heller",
    "allerede",
    "endnu",
    "nu",
    "så",
    "da",
    "jo",
    "vel",
    "dog",
];

/// Subject pronouns that stand alone before their verb.
const PRONOUNS: &[&str] = &["jeg", "du", "han", "hun", "vi", "man"];

/// Words after which a clause (and its subject) begins.
const CLAUSE_OPENERS: &[&str] = &[
    ",", ";", "og", "men", "eller", "hvis", "når", "fordi", "at", "da", "mens", "selvom", "om",
    "hvor", "hvordan", "hvorfor", "hvornår", "som", "end", "så",
];

/// `stavning/nutids-r` in one sentence, whose tokens are `tokens` and `slots`: a present form
/// where the infinitive belongs ("du kan bestiller", "at sender") and an infinitive where the
/// present belongs ("du ønske", "vi sende").
fn check_tense(
    doc: &Document,
    ctx: &Context<'_>,
    tokens: Range<usize>,
    slots: &[Slot],
    out: &mut Vec<Finding>,
) {
    let lex = crate::da::lexicon::Lexicon::get();
    let view = doc.match_view();
    let tok = |i: usize| &doc.tokens[tokens.start + i];
    let is_word = |i: usize| tok(i).kind == TokenKind::Word;
    // Lower case, as the match view holds it.
    let lower = |i: usize| view.token_text(tokens.start + i);
    let n = tokens.len();
    for (i, slot) in slots.iter().enumerate() {
        if !is_word(i) {
            continue;
        }
        // A present form after a modal or "at", with adverbs between: "vil gerne inviterer".
        if let Some(inf) = slot.info.infinitive {
            let mut j = i;
            while j > 0 && is_word(j - 1) && BETWEEN.contains(&lower(j - 1)) && i - j < 2 {
                j -= 1;
            }
            let trigger = j.checked_sub(1).filter(|&k| is_word(k)).map(lower);
            // "efter at læger …", "siden at": a conjunction, and a subject follows.
            let conjunction =
                j >= 2 && is_word(j - 2) && matches!(lower(j - 2), "efter" | "siden" | "således");
            let after_modal = trigger.is_some_and(|t| t == "at" || MODALS.contains(&t))
                && !(trigger == Some("at") && conjunction);
            // "at ansøger opfylder …": the -er word is a noun subject when a verb follows;
            // "at lærer Hansen …": a title before a name.
            let next_is_verb = i + 1 < n && is_word(i + 1) && slots[i + 1].info.has(word::VERBAL);
            let next_is_name = i + 1 < n && tok(i + 1).has(flag::CAPITAL);
            if after_modal && !next_is_verb && !next_is_name && !tok(i).has(flag::CAPITAL) {
                let span = tok(i).span();
                let shown = doc.slice(span);
                let trig = trigger.unwrap_or("at");
                let message =
                    format!("«{shown}» skal stå i navneform efter «{trig}»: skriv «{inf}».");
                out.extend(ctx.finding(
                    TENSE,
                    span,
                    message,
                    vec![Suggestion::replace(span, inf, Applicability::Unsafe)],
                ));
                continue;
            }
        }
        // An infinitive right after a subject pronoun that opens a clause: "du ønske".
        if let Some(present) = slot.info.present
            && i >= 1
            && is_word(i - 1)
            && PRONOUNS.contains(&lower(i - 1))
            && (i == 1 || CLAUSE_OPENERS.contains(&lower(i - 2)))
            && lex.participle(lower(i)).is_none()
            && !is_past(lower(i))
            && !BETWEEN.contains(&lower(i))
            && !tok(i).has(flag::CAPITAL)
        {
            let span = tok(i).span();
            let shown = doc.slice(span);
            let pron = doc.slice(tok(i - 1).span());
            let message =
                format!("«{shown}» skal have nutids-r efter «{pron}»: skriv «{present}».");
            out.extend(ctx.finding(
                TENSE,
                span,
                message,
                vec![Suggestion::replace(span, present, Applicability::Unsafe)],
            ));
        }
    }
}

/// Is `w` the past of some verb ("gjorde" of gøre, "så" of se)? Built on first use from the
/// verb lexicon, borrowing its strings.
fn is_past(w: &str) -> bool {
    static PAST: OnceLock<HashSet<&'static str>> = OnceLock::new();
    PAST.get_or_init(|| {
        crate::da::lexicon::Lexicon::get()
            .verbs()
            .map(|v| v.past)
            .collect()
    })
    .contains(w)
}

/// Modal and other verbs that take a bare infinitive.
const MODALS: &[&str] = &[
    "kan", "kunne", "skal", "skulle", "vil", "ville", "må", "måtte", "bør", "burde", "lad", "lader",
];

/// Measures that stand in the genitive before a noun: "en måneds løn", "to ugers ferie".
const MEASURES: &[&str] = &[
    "dag", "døgn", "uge", "måned", "år", "time", "minut", "kvartal", "halvår", "sekund", "weekend",
];

const DIGRAPHS: &str = "ae, oe eller aa for æ, ø eller å";

/// How `w` differs from `right` when only æ ø å are at stake: "oe for ø", "o for ø".
fn danish_letters(w: &str, right: &str) -> Option<&'static str> {
    let lw = w.to_lowercase();
    let lr = right.to_lowercase();
    let digraphs = lr.replace('æ', "ae").replace('ø', "oe").replace('å', "aa");
    if digraphs == lw && lr != lw {
        return Some(DIGRAPHS);
    }
    let lost = lr.replace(['æ', 'å'], "a").replace('ø', "o");
    if lost == lw && lr != lw {
        return Some(
            "a eller o, hvor der skal stå æ, ø eller å (det sker, når tekst bliver konverteret)",
        );
    }
    None
}
