//! The rule engine: packs are loaded and compiled once into a `RuleSet`, which checks a
//! `Document` and returns findings. Phrase rules share one automaton; built-in checks
//! (passive voice, formal address, spelling, letter content) plug in as `Analyzer`s.

pub mod builtin;
pub mod examples;
pub mod explain;
pub mod fingerprint;
pub mod formal_address;
pub mod pack;
pub mod passive;
pub mod personal_data;
pub mod phrases;
pub mod schema;
pub mod spelling;

use std::collections::HashSet;
use std::sync::Arc;

use regex::{Regex, RegexSet};

use crate::Span;
use crate::da::case::match_case_owned;
use crate::da::inflect;
use crate::document::Document;
use crate::finding::{Applicability, Finding, Suggestion};
use crate::text::tokenize::TokenKind;
pub use explain::explanation;
pub use pack::{Pack, RuleInfo, RuleSpec};
use phrases::{PhraseMatcher, Role};
pub use schema::{Example, Kind, Metric};

/// A check written in Rust. It owns some rules (listed by `rules`) and reports findings for them;
/// `enabled` says which of its rules are on, in the order `rules` gave them.
pub trait Analyzer: Send + Sync {
    fn rules(&self) -> Vec<RuleInfo>;
    fn check(&self, doc: &Document, ctx: &Context<'_>, out: &mut Vec<Finding>);

    /// About how long the analyzer takes on a document, next to the pack rules' phrase scan
    /// (4): the threads that check a long document start the longest tasks first, so no
    /// long one is left to run alone at the end.
    fn cost(&self) -> u32 {
        1
    }
}

/// What an analyzer may read besides the document: the rule set's view of its rules.
pub struct Context<'a> {
    pub set: &'a RuleSet,
}

impl Context<'_> {
    /// The rule's info when it is enabled (with its severity after overrides).
    pub fn rule(&self, id: &str) -> Option<&RuleInfo> {
        self.set.enabled_rule(id)
    }

    /// A finding for an enabled rule, or None when the rule is off.
    pub fn finding(
        &self,
        id: &str,
        span: Span,
        message: String,
        suggestions: Vec<Suggestion>,
    ) -> Option<Finding> {
        let info = self.rule(id)?;
        Some(Finding {
            rule: info.id.clone(),
            category: info.category,
            severity: info.severity,
            span,
            message: crate::finding::intern(&message),
            suggestions,
        })
    }
}

struct Compiled {
    rule: usize,
    regex: Regex,
}

/// A pack rule's replacement templates, and whether it reports only its first match.
struct Replacements {
    replace: Vec<Vec<inflect::Piece>>,
    once: bool,
}

struct Required {
    rule: usize,
    regex: Option<Regex>,
    when_regex: Option<Regex>,
    has_when: bool,
}

/// Every rule, compiled: build once per process, share by reference across threads.
pub struct RuleSet {
    pub rules: Vec<RuleInfo>,
    /// What check time needs of each pack rule besides its info (index = rule index).
    specs: Vec<Replacements>,
    enabled: Vec<bool>,
    phrases: PhraseMatcher,
    regexes: Vec<Compiled>,
    regex_set: Option<RegexSet>,
    required: Vec<Required>,
    readability: Vec<usize>,
    analyzers: Vec<Box<dyn Analyzer>>,
    /// Whether analyzer k has a rule switched on: one that has none is not run.
    analyzer_on: Vec<bool>,
    /// Rule ids of analyzers, mapped to indices in `rules`.
    by_id: foldhash::HashMap<Arc<str>, usize>,
}

/// The order of findings: by position, then by rule.
fn order(a: &Finding, b: &Finding) -> std::cmp::Ordering {
    a.span
        .start
        .cmp(&b.span.start)
        .then(a.span.end.cmp(&b.span.end))
        .then(a.rule.cmp(&b.rule))
}

/// Sorts findings as a stable sort by `order` would: by span with a stable sort that compares
/// only numbers (the tasks' findings come in a few sorted runs), then each run of findings at
/// one span by rule.
fn sort_findings(findings: &mut [Finding]) {
    findings.sort_by_key(|f| (f.span.start, f.span.end));
    sort_ties_by_rule(findings);
}

/// Sorts each run of findings at one span by rule, stably.
fn sort_ties_by_rule(findings: &mut [Finding]) {
    let mut rest = findings;
    while let Some(first) = rest.first() {
        let n = rest.iter().take_while(|f| f.span == first.span).count();
        let (same, after) = rest.split_at_mut(n);
        if n > 1 {
            same.sort_by(|a, b| a.rule.cmp(&b.rule));
        }
        rest = after;
    }
}

/// Merges sorted parts into one sorted list; equal findings keep the order of the parts, so the
/// result is what a stable sort of the parts one after another gives. (Joining the parts and
/// sorting them on the thread pool took as long, in page faults for the sort's buffer, and
/// needed 10 % more memory for a 100 MB text.)
fn merge(parts: Vec<Vec<Finding>>) -> Vec<Finding> {
    let mut out = Vec::with_capacity(parts.iter().map(Vec::len).sum());
    crate::parallel::touch(out.spare_capacity_mut());
    // Each part's findings not yet merged; `as_slice` shows the next without taking it.
    let mut parts: Vec<std::vec::IntoIter<Finding>> = parts
        .into_iter()
        .filter(|p| !p.is_empty())
        .map(Vec::into_iter)
        .collect();
    while !parts.is_empty() {
        let mut best = 0;
        for i in 1..parts.len() {
            // Only a strictly smaller finding beats an earlier part's.
            if let (Some(f), Some(b)) =
                (parts[i].as_slice().first(), parts[best].as_slice().first())
                && order(f, b).is_lt()
            {
                best = i;
            }
        }
        out.extend(parts[best].next());
        if parts[best].as_slice().is_empty() {
            parts.remove(best);
        }
    }
    out
}

/// Which rules to switch off and how to change them; applied before compiling.
#[derive(Clone, Debug, Default)]
pub struct Overrides {
    /// Rule ids ("pack/id"), pack names or category names to switch off.
    pub disable: Vec<String>,
    /// Rule ids, packs or categories switched back on (beats `disable`).
    pub enable: Vec<String>,
    pub severity: Vec<(String, crate::finding::Severity)>,
    pub max: Vec<(String, f64)>,
}

impl Overrides {
    fn selects(list: &[String], info: &RuleInfo) -> bool {
        list.iter()
            .any(|s| s == info.id.as_ref() || *s == info.pack || s == info.category.as_str())
    }
}

impl RuleSet {
    /// Compiles packs and analyzers. Unknown names in `overrides` are an error, so a typo in
    /// klarsprog.toml does not pass silently.
    pub fn new(
        packs: Vec<Pack>,
        analyzers: Vec<Box<dyn Analyzer>>,
        overrides: &Overrides,
    ) -> Result<RuleSet, String> {
        let mut rules = Vec::new();
        let mut specs = Vec::new();
        // Each pack rule's phrases, regex, `when` phrases and regex, for the matchers below.
        let mut matching = Vec::new();
        let mut names = HashSet::new();
        for pack in packs {
            if !names.insert(pack.name.clone()) {
                return Err(format!(
                    "{}: pakken «{}» er indlæst to gange",
                    pack.file, pack.name
                ));
            }
            for spec in pack.rules {
                let RuleSpec {
                    info,
                    phrases,
                    regex,
                    replace,
                    once,
                    when,
                    when_regex,
                } = spec;
                rules.push(info);
                matching.push((phrases, regex, when, when_regex));
                specs.push(Replacements { replace, once });
            }
        }
        // The rules of analyzer k are rules[analyzer_rules[k]].
        let mut analyzer_rules = Vec::with_capacity(analyzers.len());
        for a in &analyzers {
            let first = rules.len();
            for info in a.rules() {
                if names.contains(&info.pack) {
                    return Err(format!(
                        "pakkenavnet «{}» er forbeholdt de indbyggede regler",
                        info.pack
                    ));
                }
                rules.push(info);
            }
            analyzer_rules.push(first..rules.len());
        }
        // Overrides.
        for name in overrides
            .disable
            .iter()
            .chain(&overrides.enable)
            .chain(overrides.severity.iter().map(|(n, _)| n))
            .chain(overrides.max.iter().map(|(n, _)| n))
        {
            // A category is known even when no rule of it is loaded (spelling without a
            // dictionary), so a klarsprog.toml that disables it stays valid.
            let known = crate::finding::Category::parse(name).is_some()
                || rules
                    .iter()
                    .any(|r| r.id.as_ref() == name || r.pack == *name);
            if !known {
                return Err(format!(
                    "ukendt regel, pakke eller kategori «{name}» (se «klarsprog rules list»)"
                ));
            }
        }
        let enabled: Vec<bool> = rules
            .iter()
            .map(|r| {
                !Overrides::selects(&overrides.disable, r)
                    || Overrides::selects(&overrides.enable, r)
            })
            .collect();
        for r in rules.iter_mut() {
            for (name, sev) in &overrides.severity {
                if Overrides::selects(std::slice::from_ref(name), r) {
                    r.severity = *sev;
                }
            }
            for (name, max) in &overrides.max {
                if Overrides::selects(std::slice::from_ref(name), r) && r.kind == Kind::Readability
                {
                    r.max = Some(*max);
                }
            }
        }
        let mut builder = phrases::Builder::default();
        let mut regexes = Vec::new();
        let mut required = Vec::new();
        let mut readability = Vec::new();
        for (i, (phrases, regex, when, when_regex)) in matching.into_iter().enumerate() {
            if !enabled[i] {
                continue;
            }
            let compile = |re: Option<String>| -> Result<Option<Regex>, String> {
                re.as_deref()
                    .map(|r| pack::compile_regex(r).map_err(|e| format!("{}: {e}", rules[i].id)))
                    .transpose()
            };
            match rules[i].kind {
                Kind::Substitution | Kind::Existence => {
                    for p in phrases {
                        builder.add(i, Role::Find, p);
                    }
                    if let Some(re) = compile(regex)? {
                        regexes.push(Compiled { rule: i, regex: re });
                    }
                }
                Kind::Required => {
                    for p in phrases {
                        builder.add(i, Role::Require, p);
                    }
                    let has_when = !when.is_empty() || when_regex.is_some();
                    for w in when {
                        builder.add(i, Role::When, w);
                    }
                    required.push(Required {
                        rule: i,
                        regex: compile(regex)?,
                        when_regex: compile(when_regex)?,
                        has_when,
                    });
                }
                Kind::Readability => readability.push(i),
                Kind::Builtin => {}
            }
        }
        let regex_set = if regexes.is_empty() {
            None
        } else {
            let pats: Vec<String> = regexes
                .iter()
                .map(|c| format!("(?i){}", c.regex.as_str()))
                .collect();
            Some(
                regex::RegexSetBuilder::new(pats)
                    .size_limit(pack::REGEX_SIZE_LIMIT * 8)
                    .build()
                    .map_err(|e| e.to_string())?,
            )
        };
        let by_id = rules
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id.clone(), i))
            .collect();
        let analyzer_on = analyzer_rules
            .into_iter()
            .map(|r| enabled[r].contains(&true))
            .collect();
        Ok(RuleSet {
            rules,
            specs,
            enabled,
            phrases: builder.build(),
            regexes,
            regex_set,
            required,
            readability,
            analyzer_on,
            analyzers,
            by_id,
        })
    }

    pub fn enabled_rule(&self, id: &str) -> Option<&RuleInfo> {
        let &i = self.by_id.get(id)?;
        self.enabled[i].then(|| &self.rules[i])
    }

    pub fn is_enabled(&self, index: usize) -> bool {
        self.enabled[index]
    }

    /// All findings for a document, sorted by position.
    ///
    /// A long document is checked by several threads, one task per analyzer, the costliest
    /// first; the findings are the same, in the same order, as when one thread checks it.
    pub fn check(&self, doc: &Document) -> Vec<Finding> {
        let ctx = Context { set: self };
        // Tasks 0–2 are the packs' phrases, regular expressions and readability rules; task
        // i from 3 on is analyzer i - 3.
        let task = |i: usize, out: &mut Vec<Finding>| match i {
            0 => self.check_phrases(doc, out),
            1 => self.check_regexes(doc, out),
            2 => self.check_readability(doc, out),
            i if self.analyzer_on[i - 3] => self.analyzers[i - 3].check(doc, &ctx, out),
            _ => {}
        };
        let tasks = 0..self.analyzers.len() + 3;
        if crate::parallel::worth_it(doc.text.len()) {
            // Each thread takes the next task left, the costliest first.
            let mut order: Vec<usize> = tasks.collect();
            order.sort_by_key(|&i| std::cmp::Reverse(self.task_cost(i)));
            let count = order.len();
            let queue = crate::parallel::Queue::new(order);
            let done = std::sync::Mutex::new(Vec::with_capacity(count));
            rayon::scope(|scope| {
                for _ in 0..rayon::current_num_threads().min(count) {
                    scope.spawn(|_| {
                        while let Some(i) = queue.take() {
                            crate::finding::share(true);
                            let mut part = Vec::new();
                            task(i, &mut part);
                            sort_findings(&mut part);
                            let mut done = done.lock().unwrap_or_else(|e| e.into_inner());
                            done.push((i, part));
                        }
                    });
                }
            });
            let mut parts = done.into_inner().unwrap_or_else(|e| e.into_inner());
            // Merged in task order, as one thread would have found them.
            parts.sort_unstable_by_key(|(i, _)| *i);
            merge(parts.into_iter().map(|(_, part)| part).collect())
        } else {
            // A long text shares its findings' texts on one thread too.
            crate::finding::share(doc.text.len() >= crate::parallel::MIN_BYTES);
            let mut out = Vec::new();
            for i in tasks {
                task(i, &mut out);
            }
            sort_findings(&mut out);
            out
        }
    }

    /// The cost of task `i` (see `Analyzer::cost`).
    fn task_cost(&self, i: usize) -> u32 {
        match i {
            0 => 4,
            1 | 2 => 1,
            i => self.analyzers[i - 3].cost(),
        }
    }

    fn finding(
        &self,
        rule: usize,
        span: Span,
        matched: &str,
        suggestions: Vec<Suggestion>,
    ) -> Finding {
        let info = &self.rules[rule];
        let replacement = suggestions.first().map_or("", |s| &*s.replacement);
        let message = crate::finding::intern_with(|out| {
            fill_into(
                out,
                &info.message,
                &[("match", matched), ("replacement", replacement)],
            )
        });
        Finding {
            rule: info.id.clone(),
            category: info.category,
            severity: info.severity,
            span,
            message,
            suggestions,
        }
    }

    /// The rule's replacements for `matched`, each once; `period` ends each with a period.
    fn suggestions(
        &self,
        rule: usize,
        span: Span,
        matched: &str,
        forms: &[inflect::Form],
        period: bool,
    ) -> Vec<Suggestion> {
        let spec = &self.specs[rule];
        let app = self.rules[rule]
            .applicability
            .unwrap_or(Applicability::DisplayOnly);
        // As many as there are templates: `push` on an empty list would make room for four.
        let mut out: Vec<Suggestion> = Vec::with_capacity(spec.replace.len());
        for r in &spec.replace {
            let Some(text) = inflect::render(r, forms) else {
                continue;
            };
            let mut text = match_case_owned(text, matched);
            if period && !text.ends_with('.') {
                text.push('.');
            }
            if !out.iter().any(|s| *s.replacement == *text) {
                out.push(Suggestion::replace(span, text, app));
            }
        }
        out
    }

    fn check_phrases(&self, doc: &Document, out: &mut Vec<Finding>) {
        let scan = self.phrases.scan(doc.match_view());
        let mut once_seen = HashSet::new();
        for m in &scan.found {
            let p = &self.phrases.patterns[m.pattern];
            let spec = &self.specs[p.rule];
            if spec.once && !once_seen.insert(p.rule) {
                continue;
            }
            let span = doc.token_span(m.first..m.end);
            let matched = doc.slice(span);
            let forms = choose_forms(doc, m.first, &p.forms);
            // "… osv." last in a sentence: the abbreviation's period also ends the sentence,
            // so a written-out replacement keeps it.
            let last = doc.tokens[m.end - 1];
            let period = last.has(crate::text::tokenize::flag::ABBREV) && ends_sentence(doc, m.end);
            let suggestions = self.suggestions(p.rule, span, matched, forms, period);
            out.push(self.finding(p.rule, span, matched, suggestions));
        }
        // Required content.
        let mut present = vec![false; self.rules.len()];
        let mut applies = vec![false; self.rules.len()];
        for &pi in &scan.present {
            let p = &self.phrases.patterns[pi];
            match p.role {
                Role::Require => present[p.rule] = true,
                Role::When => applies[p.rule] = true,
                Role::Find => {}
            }
        }
        for r in &self.required {
            let applies = !r.has_when
                || applies[r.rule]
                || r.when_regex
                    .as_ref()
                    .is_some_and(|re| re.is_match(&doc.text));
            let present =
                present[r.rule] || r.regex.as_ref().is_some_and(|re| re.is_match(&doc.text));
            if applies && !present && !doc.sentences.is_empty() {
                out.push(self.finding(r.rule, doc.end_span(), "", Vec::new()));
            }
        }
    }

    fn check_regexes(&self, doc: &Document, out: &mut Vec<Finding>) {
        let Some(set) = &self.regex_set else { return };
        for i in set.matches(&doc.text).iter() {
            let c = &self.regexes[i];
            let once = self.specs[c.rule].once;
            for m in c.regex.find_iter(&doc.text) {
                if m.is_empty() {
                    continue;
                }
                let span = Span::new(m.start(), m.end());
                let suggestions = self.suggestions(c.rule, span, m.as_str(), &[], false);
                out.push(self.finding(c.rule, span, m.as_str(), suggestions));
                if once {
                    break;
                }
            }
        }
    }

    fn check_readability(&self, doc: &Document, out: &mut Vec<Finding>) {
        for &i in &self.readability {
            let info = &self.rules[i];
            let (Some(metric), Some(max)) = (info.metric, info.max) else {
                continue;
            };
            let max_text = fmt_num(max);
            let render = |value: f64, band: &str, parts: &str| {
                fill(
                    &info.message,
                    &[
                        ("value", &fmt_num(value)),
                        ("max", &max_text),
                        ("band", band),
                        ("parts", parts),
                    ],
                )
            };
            let mut push = |span: Span, message: String| {
                out.push(crate::finding::Finding {
                    rule: info.id.clone(),
                    category: info.category,
                    severity: info.severity,
                    span,
                    message: crate::finding::intern(&message),
                    suggestions: Vec::new(),
                });
            };
            match metric {
                Metric::Lix => {
                    let words: usize = doc.sentences.iter().map(|s| s.words).sum();
                    let long: usize = doc.sentences.iter().map(|s| s.long_words).sum();
                    let lix = crate::text::stats::lix(words, long, doc.sentences.len());
                    if lix > max && words >= crate::text::stats::SHORT_TEXT_WORDS {
                        let band = crate::text::stats::Band::of(lix).label();
                        push(doc.sentences[0].span, render(lix, band, ""));
                    }
                }
                Metric::SentenceWords => {
                    for s in &doc.sentences {
                        if s.words as f64 > max {
                            push(s.span, render(s.words as f64, "", ""));
                        }
                    }
                }
                Metric::WordLetters => {
                    for t in &doc.tokens {
                        // A letter takes at least one byte: a short token cannot be long.
                        if t.kind == TokenKind::Word && (t.end - t.start) as f64 > max {
                            let n = t.letter_count(&doc.text);
                            if n as f64 > max {
                                // "{parts}": where the compound splits, so the writer sees
                                // which words to turn around ("boligstøtte" + "bekendtgørelsen").
                                let mut word = String::new();
                                t.lower_into(&doc.text, &mut word);
                                let parts = match crate::da::spell::dict::split_last_part(&word) {
                                    Some((head, last)) => format!("«{head}» + «{last}»"),
                                    None => format!("«{word}»"),
                                };
                                push(t.span(), render(n as f64, "", &parts));
                            }
                        }
                    }
                }
                Metric::ParagraphSentences => {
                    // Headings and other line units do not make a paragraph long.
                    for p in &doc.paragraphs {
                        let n = doc.sentences[p.sentences.clone()]
                            .iter()
                            .filter(|s| s.kind == crate::text::segment::SentenceKind::Running)
                            .count();
                        if n as f64 > max {
                            push(
                                doc.sentences[p.sentences.start].span,
                                render(n as f64, "", ""),
                            );
                        }
                    }
                }
            }
        }
    }
}

/// Does a sentence end after token `end` (exclusive)? Sentences are in token order, so this is
/// a binary search, not a scan per match (a 10 MB text full of "osv." has many of both).
fn ends_sentence(doc: &Document, end: usize) -> bool {
    let i = doc.sentences.partition_point(|s| s.tokens.end < end);
    doc.sentences.get(i).is_some_and(|s| s.tokens.end == end)
}

/// Auxiliaries after which an inflected verb is a participle ("har afholdt", "er fremsendt").
const PERFECT_AUX: &[&str] = &[
    "har", "havde", "have", "haft", "er", "var", "være", "været", "blev", "blevet", "bliver",
    "blive",
];

/// Picks which forms a matched phrase stands for when its text is ambiguous: after an auxiliary
/// the participle ("har afholdt" → "har betalt"), otherwise the first (past: "afholdt" → "betalte").
fn choose_forms<'a>(
    doc: &Document,
    first: usize,
    alternatives: &'a [Vec<inflect::Form>],
) -> &'a [inflect::Form] {
    if alternatives.len() > 1 && first > 0 {
        let mut prev = String::new();
        doc.tokens[first - 1].lower_into(&doc.text, &mut prev);
        let wants_participle = PERFECT_AUX.contains(&prev.as_str());
        if let Some(alt) = alternatives
            .iter()
            .find(|a| a.contains(&inflect::Form::Participle) == wants_participle)
        {
            return alt;
        }
    }
    &alternatives[0]
}

/// A message template with its placeholders ("{match}") filled in, in one pass: text put in
/// is never read again as a placeholder. A `{name}` not in `vars` is kept as written.
pub fn fill(template: &str, vars: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    fill_into(&mut out, template, vars);
    out
}

/// `fill`, appending to `out`.
pub fn fill_into(out: &mut String, template: &str, vars: &[(&str, &str)]) {
    let mut rest = template;
    // Braces are ASCII, so the byte searches (memchr, without `str::find`'s set-up on every
    // call) land on character boundaries.
    while let Some(open) = memchr::memchr(b'{', rest.as_bytes()) {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = memchr::memchr(b'}', after.as_bytes()).and_then(|close| {
            let name = &after[..close];
            vars.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (*v, close))
        });
        match value {
            Some((v, close)) => {
                out.push_str(v);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
}

/// A number as Danes write it: "45", "45,3".
pub fn fmt_num(x: f64) -> String {
    if (x - x.round()).abs() < 1e-9 {
        format!("{}", x.round() as i64)
    } else {
        format!("{:.1}", x).replace('.', ",")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// `sort_findings` gives what a stable sort by `order` gives: ties in span and rule keep
    /// their order (told apart here by their message).
    #[test]
    fn findings_are_sorted_as_a_stable_sort_sorts_them() {
        let rules: Vec<Arc<str>> = ["b/x", "a/y", "a/x"].map(Arc::from).into();
        let mut seed = 7u32;
        let mut next = |n: u32| {
            seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            (seed >> 16) % n
        };
        for len in [0, 1, 2, 5, 40, 300] {
            let mut findings: Vec<Finding> = (0..len)
                .map(|i| {
                    let start = next(12) as usize;
                    Finding {
                        rule: rules[next(3) as usize].clone(),
                        category: crate::finding::Category::Style,
                        severity: crate::finding::Severity::Info,
                        span: Span::new(start, start + next(3) as usize),
                        message: i.to_string().into(),
                        suggestions: Vec::new(),
                    }
                })
                .collect();
            let mut want = findings.clone();
            want.sort_by(order);
            sort_findings(&mut findings);
            assert_eq!(findings, want, "{len} findings");
        }
    }

    /// An analyzer with two rules that counts how often it is run.
    struct Counted(Arc<AtomicUsize>);

    impl Analyzer for Counted {
        fn rules(&self) -> Vec<RuleInfo> {
            ["test/a", "test/b"]
                .map(|id| {
                    RuleInfo::builtin(
                        id,
                        crate::finding::Category::Style,
                        crate::finding::Severity::Info,
                        "Besked.",
                        "Forklaring.",
                        Vec::new(),
                    )
                })
                .into()
        }

        fn check(&self, _: &Document, _: &Context<'_>, _: &mut Vec<Finding>) {
            self.0.fetch_add(1, Ordering::Relaxed);
        }
    }

    /// How often the analyzer runs on one document with `disable` switched off.
    fn runs_with(disable: &[&str]) -> usize {
        let runs = Arc::new(AtomicUsize::new(0));
        let overrides = Overrides {
            disable: disable.iter().map(|s| s.to_string()).collect(),
            ..Overrides::default()
        };
        let set = RuleSet::new(
            Vec::new(),
            vec![Box::new(Counted(runs.clone()))],
            &overrides,
        )
        .unwrap();
        set.check(&Document::from_text("x", "Et brev."));
        runs.load(Ordering::Relaxed)
    }

    /// An analyzer runs while one of its rules is on, and not at all when all are off.
    #[test]
    fn an_analyzer_with_every_rule_off_is_not_run() {
        assert_eq!(runs_with(&[]), 1);
        assert_eq!(runs_with(&["test/a"]), 1);
        assert_eq!(runs_with(&["test/a", "test/b"]), 0);
        assert_eq!(runs_with(&["test"]), 0);
    }

    #[test]
    fn fill_replaces_placeholders_once() {
        let vars = [("match", "{replacement}"), ("replacement", "ud fra")];
        assert_eq!(
            fill("Skriv «{replacement}» for «{match}».", &vars),
            "Skriv «ud fra» for «{replacement}»."
        );
        assert_eq!(fill("{ukendt} og {", &vars), "{ukendt} og {");
        assert_eq!(fill("LIX {value}", &[("value", "45")]), "LIX 45");
    }
}
