//! Spelling benchmarks: a 2.5 KB letter through the spelling rules alone, dictionary lookups
//! with and without the verdict cache, and ranked suggestions for unknown words.
//!
//! `cargo bench --bench spelling`

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use klarsprog::config::Settings;
use klarsprog::da::spell::{Speller, suggest};
use klarsprog::{Checker, Document};

/// samples/byggetilladelse-efter.txt: 2,500 bytes.
const LETTER: &str = include_str!("../samples/byggetilladelse-efter.txt");

fn spelling_only() -> Checker {
    let mut settings = Settings {
        default_packs: false,
        ..Settings::default()
    };
    settings.overrides.disable = ["passiv", "tiltale", "brev", "persondata"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    Checker::new(&settings).unwrap()
}

fn bench(c: &mut Criterion) {
    let checker = spelling_only();
    let doc = Document::from_text("brev.txt", LETTER);
    c.bench_function("letter 2.5 KB, spelling rules only", |b| {
        b.iter(|| black_box(checker.findings(black_box(&doc))))
    });
    let words: Vec<String> = doc
        .tokens
        .iter()
        .filter(|t| t.is_word())
        .map(|t| t.text(&doc.text).to_string())
        .collect();
    let speller = Speller::new(&[], &[] as &[&str]).unwrap();
    c.bench_function("letter's words, verdicts cached", |b| {
        b.iter(|| words.iter().filter(|w| speller.is_known(w)).count())
    });
    c.bench_function("letter's words, no cache", |b| {
        b.iter(|| {
            words
                .iter()
                .filter(|w| speller.is_known_uncached(w))
                .count()
        })
    });
    let mut group = c.benchmark_group("suggest");
    group.sample_size(20);
    for w in [
        "beregnign",
        "aarsopgoerelse",
        "kornrnunen",
        "sagsbehadlingstid",
        "iaften",
    ] {
        group.bench_function(w, |b| b.iter(|| suggest::suggest(black_box(w), 3)));
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
