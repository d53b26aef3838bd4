//! Measures the spelling check on a folder of letters: false alarms per 1,000 words (every
//! letter is taken to be spelt right), words per second, and what the verdict cache saves.
//!
//! `cargo run --release --example spelling_measure -- FOLDER`
//! (e.g. after `python3 ../shared/bench/gen_letters.py 1000 /tmp/c1k`).

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use klarsprog::config::Settings;
use klarsprog::da::spell::{Speller, suggest};
use klarsprog::{Checker, Document, input};

fn main() {
    let dir = std::env::args()
        .nth(1)
        .expect("usage: spelling_measure FOLDER | --suggest TSV|TXT");
    if dir == "--suggest" {
        return suggest_times(
            &std::env::args()
                .nth(2)
                .expect("a misspellings .tsv or a text file"),
        );
    }
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p
                .file_name()
                .map_or(String::new(), |n| n.to_string_lossy().into());
            p.is_file() && name != "README.md" && !name.starts_with('.')
        })
        .collect();
    paths.sort();
    let docs: Vec<Document> = paths
        .iter()
        .filter_map(|p| input::load(p, u64::MAX).ok().map(|l| l.document))
        .collect();
    // Only the spelling rules: no packs, the other built-in checks off.
    let mut settings = Settings {
        default_packs: false,
        ..Settings::default()
    };
    settings.overrides.disable = ["passiv", "tiltale", "brev", "persondata"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let t = Instant::now();
    let checker = Checker::new(&settings).unwrap();
    let new = t.elapsed();
    let words: usize = docs
        .iter()
        .map(|d| d.sentences.iter().map(|s| s.words).sum::<usize>())
        .sum();
    let mut per_rule: BTreeMap<String, usize> = BTreeMap::new();
    let mut shown: BTreeMap<String, usize> = BTreeMap::new();
    let mut pass = |label: &str| -> Duration {
        let t = Instant::now();
        let mut n = 0;
        for d in &docs {
            for f in checker.findings(d) {
                n += 1;
                if label == "first" {
                    *per_rule.entry(f.rule.to_string()).or_default() += 1;
                    *shown
                        .entry(format!("{} «{}»", f.rule, d.slice(f.span)))
                        .or_default() += 1;
                }
            }
        }
        let el = t.elapsed();
        println!(
            "{label} pass: {n} findings, {:?}, {:.0} words/s",
            el,
            words as f64 / el.as_secs_f64()
        );
        el
    };
    println!(
        "{} letters, {words} words; Checker::new {new:?}",
        docs.len()
    );
    pass("first");
    pass("second (verdicts cached)");
    let total: usize = per_rule.values().sum();
    println!(
        "spelling findings: {total} = {:.3} per 1,000 words {per_rule:?}",
        1000.0 * total as f64 / words as f64
    );
    let mut top: Vec<_> = shown.into_iter().collect();
    top.sort_by_key(|t| std::cmp::Reverse(t.1));
    for (f, n) in top.iter().take(25) {
        println!("  {n:>5}  {f}");
    }
    // The verdict cache, at the dictionary level: every word token through is_known (cached)
    // and through is_known_uncached.
    let speller = Speller::new(&[], &[] as &[&str]).unwrap();
    let mut tokens = Vec::new();
    let mut buf = String::new();
    for d in &docs {
        for t in d.tokens.iter().filter(|t| t.is_word()) {
            t.normalized_into(&d.text, &mut buf);
            tokens.push(buf.clone());
        }
    }
    let time = |f: &dyn Fn(&str) -> bool| {
        let t = Instant::now();
        let known = tokens.iter().filter(|w| f(w)).count();
        (t.elapsed(), known)
    };
    let (cold, _) = time(&|w| speller.is_known(w));
    let (warm, known) = time(&|w| speller.is_known(w));
    let (uncached, _) = time(&|w| speller.is_known_uncached(w));
    let rate = |d: Duration| tokens.len() as f64 / d.as_secs_f64();
    println!(
        "lookups of {} word tokens ({} distinct, {known} known): cache cold {cold:?} ({:.0}/s), warm {warm:?} ({:.0}/s), no cache {uncached:?} ({:.0}/s)",
        tokens.len(),
        speller.cached(),
        rate(cold),
        rate(warm),
        rate(uncached)
    );
}

/// Time and work (steps of the dictionary walk, the same on every machine) to rank suggestions
/// for each misspelt word of a misspellings file (wrong, right, kind, sentence), or each unknown
/// word of a text file, each word once on a fresh cache.
fn suggest_times(file: &str) {
    let speller = Speller::new(&[], &[] as &[&str]).unwrap();
    let text = std::fs::read_to_string(file).unwrap();
    let words: Vec<&str> = if file.ends_with(".tsv") {
        text.lines()
            .filter_map(|l| l.split('\t').next())
            .filter(|w| !w.contains(' '))
            .collect()
    } else {
        text.split(|c: char| !c.is_alphabetic())
            .filter(|w| !w.is_empty())
            .collect()
    };
    let mut times = Vec::new();
    let mut work = Vec::new();
    for w in words {
        if speller.is_known(w) {
            continue;
        }
        let t = Instant::now();
        let s = suggest::suggest_counted(w, 3);
        times.push((
            t.elapsed(),
            w.to_string(),
            s.candidates.first().map(|c| c.text.clone()),
        ));
        work.push(s.work);
    }
    work.sort();
    let n = work.len();
    println!(
        "{n} unknown words: work median {}, 90th percentile {}, max {} (at most {}), total {}",
        work[n / 2],
        work[n * 9 / 10],
        work[n - 1],
        suggest::WORD_WORK,
        work.iter().sum::<usize>()
    );
    times.sort();
    let n = times.len();
    let total: Duration = times.iter().map(|t| t.0).sum();
    println!(
        "{n} unknown words: median {:?}, 90th percentile {:?}, max {:?} ({}), total {total:?}",
        times[n / 2].0,
        times[n * 9 / 10].0,
        times[n - 1].0,
        times[n - 1].1
    );
}
