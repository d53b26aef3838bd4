//! Across many letters: one small row per letter (never the documents), the details of the
//! letters with the most findings, and the summary an audit reports.
//!
//! Memory stays flat: a row is a path, the statistics and counts per category and rule
//! (about 300 bytes), and details are kept for at most `detail_limit` letters.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};
use std::sync::Arc;

use crate::document::{Document, Format};
use crate::finding::{Applicability, Category, Finding, Severity};
use crate::report::Report;
use crate::rules::RuleInfo;
use crate::text::segment::SOFT_BREAK;
use crate::text::stats::{Band, Stats};

/// Does this finding say the letter lacks contact information? Only a warning or an error counts:
/// `brev/kontakt` at info level means only telephone hours, an address or an e-mail are missing.
pub fn is_missing_contact(f: &Finding) -> bool {
    f.rule.as_ref() == "brev/kontakt" && f.severity >= Severity::Warning
}

/// Does this finding say a decision letter lacks its klagevejledning altogether?
pub fn is_missing_complaint_guidance(f: &Finding) -> bool {
    f.rule.as_ref() == "brev/klagevejledning"
}

/// One letter in an audit.
#[derive(Clone, Debug)]
pub struct LetterRow {
    pub path: String,
    pub format: Option<Format>,
    pub stats: Option<Stats>,
    /// Findings per severity: info, warning, error.
    pub severity: [u32; 3],
    /// Findings per category, in `Category::ALL` order.
    pub category: [u32; 7],
    /// (index into `Audit::rules`, findings).
    pub rules: Vec<(u32, u32)>,
    pub missing_contact: bool,
    pub missing_complaint: bool,
    /// Findings at or above the fail level (the letter would fail `klarsprog check`).
    pub fails: bool,
    /// Why the letter could not be read.
    pub error: Option<String>,
}

impl LetterRow {
    pub fn findings(&self) -> u32 {
        self.severity.iter().sum()
    }

    pub fn lix(&self) -> Option<f64> {
        self.stats.as_ref().filter(|s| s.words > 0).map(|s| s.lix)
    }
}

/// A finding as the report shows it: where, what, the words around it and the suggestion.
#[derive(Clone, Debug)]
pub struct DetailFinding {
    /// Line (for .docx/.odt/.html: paragraph) and column, 1-based.
    pub line: u32,
    pub column: u32,
    pub rule: Arc<str>,
    pub severity: Severity,
    pub category: Category,
    pub message: Arc<str>,
    pub before: String,
    pub text: String,
    pub after: String,
    pub suggestion: Option<(String, Applicability)>,
}

/// The findings of one letter, for the report's detail section.
#[derive(Clone, Debug, Default)]
pub struct LetterDetail {
    pub findings: Vec<DetailFinding>,
    /// Findings left out (over `MAX_DETAIL_FINDINGS`).
    pub omitted: usize,
}

/// Findings shown per letter in the details.
pub const MAX_DETAIL_FINDINGS: usize = 40;
/// Characters of context on each side of a finding.
const CONTEXT: usize = 60;
/// The longest finding text shown (a whole long sentence is cut).
const MAX_TEXT: usize = 240;

/// What a worker thread makes of one report; the document is dropped after this.
pub struct LetterResult {
    pub row: LetterRow,
    rules: Vec<(Arc<str>, Category, u32)>,
    pub detail: Option<LetterDetail>,
}

fn clean(s: &str) -> String {
    s.chars()
        .map(|c| if c == '\t' || c == SOFT_BREAK { ' ' } else { c })
        .collect()
}

fn detail_finding(doc: &Document, f: &Finding) -> DetailFinding {
    let p = doc.lines.position(&doc.text, f.span.start);
    let line = doc.lines.line_span(&doc.text, p.line - 1);
    let end = f.span.end.min(line.end).max(f.span.start);
    let before = &doc.text[line.start..f.span.start];
    let skip = before.chars().count().saturating_sub(CONTEXT);
    let before: String = if skip > 0 {
        std::iter::once('…')
            .chain(before.chars().skip(skip))
            .collect()
    } else {
        before.to_string()
    };
    let text = &doc.text[f.span.start..end];
    let (text, cut) = match text.char_indices().nth(MAX_TEXT) {
        Some((i, _)) => (&text[..i], true),
        None => (text, end < f.span.end),
    };
    let after: String = if cut {
        "…".to_string()
    } else {
        let a = &doc.text[end..line.end];
        let mut s: String = a.chars().take(CONTEXT).collect();
        if a.chars().nth(CONTEXT).is_some() {
            s.push('…');
        }
        s
    };
    DetailFinding {
        line: p.line as u32,
        column: p.column as u32,
        rule: f.rule.clone(),
        severity: f.severity,
        category: f.category,
        message: f.message.clone(),
        before: clean(&before),
        text: clean(text),
        after: clean(&after),
        suggestion: f
            .suggestions
            .first()
            .map(|s| (clean(&s.replacement), s.applicability)),
    }
}

impl LetterResult {
    /// Condenses a report. `fail_level` decides `fails`; `detail` keeps the findings in context.
    pub fn from_report(r: &Report, fail_level: Severity, detail: bool) -> LetterResult {
        let mut row = LetterRow {
            path: r.source.clone(),
            format: r.document.as_ref().map(|d| d.format),
            stats: r.stats.clone(),
            severity: [0; 3],
            category: [0; 7],
            rules: Vec::new(),
            missing_contact: false,
            missing_complaint: false,
            fails: r.count_at_least(fail_level) > 0,
            error: r.error.clone(),
        };
        let mut rules: Vec<(Arc<str>, Category, u32)> = Vec::new();
        for f in &r.findings {
            row.severity[f.severity as usize] += 1;
            if let Some(i) = Category::ALL.iter().position(|&c| c == f.category) {
                row.category[i] += 1;
            }
            match rules.iter_mut().find(|(id, _, _)| *id == f.rule) {
                Some(entry) => entry.2 += 1,
                None => rules.push((f.rule.clone(), f.category, 1)),
            }
            row.missing_contact |= is_missing_contact(f);
            row.missing_complaint |= is_missing_complaint_guidance(f);
        }
        let detail = match (&r.document, detail) {
            (Some(doc), true) if !r.findings.is_empty() => Some(LetterDetail {
                findings: r
                    .findings
                    .iter()
                    .take(MAX_DETAIL_FINDINGS)
                    .map(|f| detail_finding(doc, f))
                    .collect(),
                omitted: r.findings.len().saturating_sub(MAX_DETAIL_FINDINGS),
            }),
            _ => None,
        };
        LetterResult { row, rules, detail }
    }
}

/// A rule as the audit counts it.
#[derive(Clone, Debug)]
pub struct RuleCount {
    pub id: Arc<str>,
    pub category: Category,
    /// The rule's message template or explanation, Danish (empty when unknown).
    pub description: String,
    pub findings: u64,
    pub letters: u64,
}

/// Every letter of an audit, in input order once `finish` has run.
pub struct Audit {
    /// Does the rule set have a rule for missing contact information (brev/kontakt…)?
    pub checks_contact: bool,
    /// Does the rule set have a rule for a missing klagevejledning?
    pub checks_complaint: bool,
    pub letters: Vec<LetterRow>,
    pub rules: Vec<RuleCount>,
    /// Details by index in `letters`.
    pub details: HashMap<usize, LetterDetail>,
    order: Vec<usize>,
    rule_index: HashMap<Arc<str>, u32>,
    descriptions: HashMap<Arc<str>, String>,
    detail_limit: usize,
    /// Letters whose details are kept: those with the most warnings and errors…
    most_findings: TopN,
    /// …and the hardest ones (highest LIX), which the summary lists.
    hardest: TopN,
    /// How many of the two lists hold each kept detail.
    holders: HashMap<usize, u8>,
}

/// The `limit` largest keys offered, with their slots; on a tie the earlier slot wins.
struct TopN {
    limit: usize,
    /// Smallest on top, so the weakest is dropped first.
    heap: BinaryHeap<Reverse<(u32, i64, Reverse<usize>)>>,
}

impl TopN {
    fn new(limit: usize) -> TopN {
        TopN {
            limit,
            heap: BinaryHeap::new(),
        }
    }

    /// Offers a key for a slot: whether it was kept, and the slot it pushed out, if any.
    fn offer(&mut self, key: (u32, i64), slot: usize) -> (bool, Option<usize>) {
        let item = (key.0, key.1, Reverse(slot));
        if self.limit == 0 {
            return (false, None);
        }
        if self.heap.len() < self.limit {
            self.heap.push(Reverse(item));
            return (true, None);
        }
        match self.heap.peek() {
            Some(Reverse(weakest)) if item > *weakest => {
                let Some(Reverse((_, _, Reverse(out)))) = self.heap.pop() else {
                    return (false, None);
                };
                self.heap.push(Reverse(item));
                (true, Some(out))
            }
            _ => (false, None),
        }
    }
}

/// A rule's description for reports: its explanation, or its message without placeholders.
pub fn rule_description(r: &RuleInfo) -> String {
    let message = r
        .message
        .replace("{match}", "…")
        .replace("{replacement}", "…")
        .replace("{value}", "…")
        .replace("{band}", "…")
        .replace(
            "{max}",
            &r.max.map_or("…".to_string(), crate::rules::fmt_num),
        );
    match &r.why {
        Some(why) if !why.is_empty() => format!("{message} {why}"),
        _ => message,
    }
}

impl Audit {
    /// `catalogue` gives the rules' descriptions; details are kept for the `detail_limit`
    /// letters with the most warnings and errors (then the highest LIX), and for the 10 letters
    /// with the highest LIX.
    pub fn new(catalogue: &[RuleInfo], detail_limit: usize) -> Audit {
        Audit {
            checks_contact: catalogue.iter().any(|r| r.id.as_ref() == "brev/kontakt"),
            checks_complaint: catalogue
                .iter()
                .any(|r| r.id.as_ref() == "brev/klagevejledning"),
            letters: Vec::new(),
            rules: Vec::new(),
            details: HashMap::new(),
            order: Vec::new(),
            rule_index: HashMap::new(),
            descriptions: catalogue
                .iter()
                .map(|r| (r.id.clone(), rule_description(r)))
                .collect(),
            detail_limit,
            most_findings: TopN::new(detail_limit),
            hardest: TopN::new(detail_limit.min(10)),
            holders: HashMap::new(),
        }
    }

    pub fn detail_limit(&self) -> usize {
        self.detail_limit
    }

    /// Adds the letter that was input number `index`.
    pub fn add(&mut self, index: usize, result: LetterResult) {
        let LetterResult {
            mut row,
            rules,
            detail,
        } = result;
        for (id, category, n) in rules {
            let i = match self.rule_index.get(&id) {
                Some(&i) => i,
                None => {
                    let i = self.rules.len() as u32;
                    self.rules.push(RuleCount {
                        description: self.descriptions.get(&id).cloned().unwrap_or_default(),
                        id: id.clone(),
                        category,
                        findings: 0,
                        letters: 0,
                    });
                    self.rule_index.insert(id, i);
                    i
                }
            };
            let rc = &mut self.rules[i as usize];
            rc.findings += u64::from(n);
            rc.letters += 1;
            row.rules.push((i, n));
        }
        let slot = self.letters.len();
        if let Some(d) = detail
            && self.detail_limit > 0
        {
            let lix = (row.lix().unwrap_or(0.0) * 10.0) as i64;
            let long = row.stats.as_ref().is_some_and(|s| !s.short_text);
            let mut holders = 0u8;
            let mut evicted = Vec::new();
            let offers = [
                (
                    &mut self.most_findings,
                    (row.severity[1] + row.severity[2], lix),
                ),
                (&mut self.hardest, (u32::from(long), lix)),
            ];
            for (top, key) in offers {
                let (kept, out) = top.offer(key, slot);
                holders += u8::from(kept);
                evicted.extend(out);
            }
            if holders > 0 {
                self.details.insert(slot, d);
                self.holders.insert(slot, holders);
            }
            for e in evicted {
                if let Some(h) = self.holders.get_mut(&e) {
                    *h -= 1;
                    if *h == 0 {
                        self.holders.remove(&e);
                        self.details.remove(&e);
                    }
                }
            }
        }
        self.letters.push(row);
        self.order.push(index);
    }

    /// Puts the letters in input order.
    pub fn finish(&mut self) {
        let mut idx: Vec<usize> = (0..self.letters.len()).collect();
        idx.sort_by_key(|&i| self.order[i]);
        let mut new_pos = vec![0; idx.len()];
        for (new, &old) in idx.iter().enumerate() {
            new_pos[old] = new;
        }
        let mut letters: Vec<Option<LetterRow>> = std::mem::take(&mut self.letters)
            .into_iter()
            .map(Some)
            .collect();
        self.letters = idx.iter().map(|&i| letters[i].take().unwrap()).collect();
        self.details = std::mem::take(&mut self.details)
            .into_iter()
            .map(|(k, v)| (new_pos[k], v))
            .collect();
        self.order = (0..self.letters.len()).collect();
        self.most_findings.heap.clear();
        self.hardest.heap.clear();
        self.holders.clear();
    }

    pub fn summary(&self) -> Summary {
        Summary::of(self)
    }
}

/// The numbers at the top of the report and in the terminal.
#[derive(Clone, Debug, Default)]
pub struct Summary {
    pub letters: usize,
    /// Letters that could not be read.
    pub unreadable: usize,
    /// Letters with findings at or above the fail level.
    pub failing: usize,
    /// Letters with a LIX (read, with words).
    pub with_lix: usize,
    pub lix_median: Option<f64>,
    pub lix_q1: Option<f64>,
    pub lix_q3: Option<f64>,
    pub lix_mean: Option<f64>,
    /// Letters per LIX band, in `Band::ALL` order.
    pub bands: [usize; 5],
    /// Letters under 100 words (their LIX is unstable).
    pub short_texts: usize,
    pub findings: u64,
    pub severity: [u64; 3],
    pub category: [u64; 7],
    /// Indices into `Audit::rules`, most findings first (at most 10).
    pub top_rules: Vec<usize>,
    pub missing_contact: usize,
    pub missing_complaint: usize,
    /// Indices into `Audit::letters`, highest LIX first (at most 10; letters under 100 words
    /// only when there are not enough longer ones).
    pub hardest: Vec<usize>,
}

/// The `p`-quantile (0–1) of sorted values, interpolating between neighbours.
pub fn quantile(sorted: &[f64], p: f64) -> Option<f64> {
    if sorted.is_empty() {
        return None;
    }
    let pos = p.clamp(0.0, 1.0) * (sorted.len() - 1) as f64;
    let lo = pos.floor() as usize;
    let hi = pos.ceil() as usize;
    Some(sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo as f64))
}

impl Summary {
    fn of(a: &Audit) -> Summary {
        let mut s = Summary {
            letters: a.letters.len(),
            ..Summary::default()
        };
        let mut lix = Vec::with_capacity(a.letters.len());
        for r in &a.letters {
            if r.error.is_some() {
                s.unreadable += 1;
            }
            if r.fails {
                s.failing += 1;
            }
            if let Some(st) = &r.stats
                && st.words > 0
            {
                lix.push(st.lix);
                s.bands[Band::ALL.iter().position(|&b| b == st.band).unwrap_or(0)] += 1;
                if st.short_text {
                    s.short_texts += 1;
                }
            }
            for (i, n) in r.severity.iter().enumerate() {
                s.severity[i] += u64::from(*n);
            }
            for (i, n) in r.category.iter().enumerate() {
                s.category[i] += u64::from(*n);
            }
            s.missing_contact += usize::from(r.missing_contact);
            s.missing_complaint += usize::from(r.missing_complaint);
        }
        s.findings = s.severity.iter().sum();
        lix.sort_by(f64::total_cmp);
        s.with_lix = lix.len();
        s.lix_median = quantile(&lix, 0.5);
        s.lix_q1 = quantile(&lix, 0.25);
        s.lix_q3 = quantile(&lix, 0.75);
        s.lix_mean = (!lix.is_empty()).then(|| lix.iter().sum::<f64>() / lix.len() as f64);
        let mut rules: Vec<usize> = (0..a.rules.len()).collect();
        rules.sort_by(|&x, &y| {
            a.rules[y]
                .findings
                .cmp(&a.rules[x].findings)
                .then_with(|| a.rules[x].id.cmp(&a.rules[y].id))
        });
        rules.truncate(10);
        s.top_rules = rules;
        let mut hard: Vec<usize> = (0..a.letters.len())
            .filter(|&i| a.letters[i].lix().is_some())
            .collect();
        hard.sort_by(|&x, &y| {
            let (lx, ly) = (&a.letters[x], &a.letters[y]);
            let short = |r: &LetterRow| r.stats.as_ref().is_some_and(|s| s.short_text);
            short(lx)
                .cmp(&short(ly))
                .then_with(|| ly.lix().unwrap_or(0.0).total_cmp(&lx.lix().unwrap_or(0.0)))
                .then_with(|| lx.path.cmp(&ly.path))
        });
        hard.truncate(10);
        s.hardest = hard;
        s
    }
}

/// Facts about the run that the report states, so two audits can be compared.
#[derive(Clone, Debug)]
pub struct AuditMeta {
    /// When, in Danish ("24. november 2025 kl. 21.44 UTC").
    pub date: String,
    /// The same moment as ISO 8601 (for JSON).
    pub date_iso: String,
    pub rule_set_hash: String,
    pub rules_total: usize,
    pub rules_enabled: usize,
    pub version: String,
    /// The paths given on the command line.
    pub roots: Vec<String>,
    pub seconds: f64,
}

const MONTHS: [&str; 12] = [
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
];

/// A Unix time as (Danish text, ISO 8601), both UTC.
pub fn format_time(unix: i64) -> (String, String) {
    let days = unix.div_euclid(86_400);
    let secs = unix.rem_euclid(86_400);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    let (h, m, s) = (secs / 3600, secs % 3600 / 60, secs % 60);
    (
        format!(
            "{day}. {} {year} kl. {h:02}.{m:02} UTC",
            MONTHS[(month - 1) as usize]
        ),
        format!("{year:04}-{month:02}-{day:02}T{h:02}:{m:02}:{s:02}Z"),
    )
}

/// A count as Danes write it: "10.000".
pub fn fmt_int(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// A number of letters: "1 brev", "10.000 breve".
pub fn letters_n(n: u64) -> String {
    format!("{} {}", fmt_int(n), if n == 1 { "brev" } else { "breve" })
}

/// A decimal as Danes write it, with one decimal: "45,3".
pub fn fmt_dec(x: f64) -> String {
    format!("{x:.1}").replace('.', ",")
}

/// A share (0–1) as a percentage with Danish decimal comma: "12,5 %".
pub fn fmt_pct(part: usize, whole: usize) -> String {
    if whole == 0 {
        return "0 %".into();
    }
    let p = 100.0 * part as f64 / whole as f64;
    if (p - p.round()).abs() < 0.05 {
        format!("{} %", p.round() as i64)
    } else {
        format!("{} %", fmt_dec(p))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Checker;
    use crate::config::Settings;

    #[test]
    fn quantiles_interpolate() {
        let v = [10.0, 20.0, 30.0, 40.0];
        assert_eq!(quantile(&v, 0.5), Some(25.0));
        assert_eq!(quantile(&v, 0.25), Some(17.5));
        assert_eq!(quantile(&[], 0.5), None);
    }

    #[test]
    fn danish_numbers_and_dates() {
        assert_eq!(fmt_int(10_000), "10.000");
        assert_eq!(fmt_int(999), "999");
        assert_eq!(letters_n(1), "1 brev");
        assert_eq!(letters_n(2000), "2.000 breve");
        assert_eq!(fmt_int(1_234_567), "1.234.567");
        assert_eq!(fmt_dec(45.25), "45,2");
        assert_eq!(fmt_pct(1, 8), "12,5 %");
        assert_eq!(
            format_time(1_764_020_640).0,
            "24. november 2025 kl. 21.44 UTC"
        );
        assert_eq!(format_time(0).1, "1970-01-01T00:00:00Z");
    }

    #[test]
    fn rows_count_rules_and_keep_details_for_the_worst_letters() {
        let checker = Checker::new(&Settings::default()).unwrap();
        let long = "Vi har behandlet din ansøgning om boligstøtte, og vi har i den forbindelse kigget på din husleje, din indkomst, dine udgifter til varme og el og antallet af personer, der bor i boligen sammen med dig.";
        let mut audit = Audit::new(checker.rules(), 1);
        for (i, text) in [long, "Du får hjælp.", &format!("{long} {long}")]
            .iter()
            .enumerate()
        {
            let r = checker.check(Document::from_text(format!("b{i}.txt"), *text));
            audit.add(
                2 - i,
                LetterResult::from_report(&r, Severity::Warning, true),
            );
        }
        audit.add(
            3,
            LetterResult::from_report(&Report::error("x.docx", "ødelagt"), Severity::Warning, true),
        );
        audit.finish();
        let paths: Vec<&str> = audit.letters.iter().map(|l| l.path.as_str()).collect();
        assert_eq!(paths, ["b2.txt", "b1.txt", "b0.txt", "x.docx"]);
        // b2 has the most findings; b0 and b2 tie on the highest LIX, and the first added wins.
        let mut kept: Vec<usize> = audit.details.keys().copied().collect();
        kept.sort();
        assert_eq!(kept, [0, 2]);
        let s = audit.summary();
        assert_eq!((s.letters, s.unreadable, s.failing), (4, 1, 2));
        assert_eq!(s.top_rules.len(), 1);
        let top = &audit.rules[s.top_rules[0]];
        assert_eq!(
            (top.id.as_ref(), top.findings, top.letters),
            ("laesbarhed/lange-saetninger", 3, 2)
        );
        assert!(
            top.description.contains("højst 25 ord"),
            "{}",
            top.description
        );
    }
}
