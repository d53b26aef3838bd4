//! The hot paths, one letter at a time: tokenizing and segmenting, phrase matching, passive
//! detection, the letter checks' vocabulary scan, and a whole check.
//! `cargo bench --bench hot_paths`.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use klarsprog::config::Settings;
use klarsprog::da::passive;
use klarsprog::letter::Facts;
use klarsprog::letter::lexicon::Lexicon;
use klarsprog::text::{segment, tokenize};
use klarsprog::{Checker, Document};

/// A 2.5 KB letter full of kancellisprog, and a plain one.
const LETTER: &str = include_str!("../samples/boligstoette-foer.txt");
const PLAIN: &str = include_str!("../samples/boligstoette-efter.txt");

fn benches(c: &mut Criterion) {
    let checker = Checker::new(&Settings::default()).unwrap();
    let mut g = c.benchmark_group("letter");
    g.throughput(Throughput::Bytes(LETTER.len() as u64));
    g.bench_function("tokenize+segment", |b| {
        b.iter(|| {
            let tokens = tokenize::tokenize(black_box(LETTER));
            segment::segment(LETTER, &tokens)
        })
    });
    g.bench_function("document (tokens, sentences, match view)", |b| {
        b.iter(|| {
            let d = Document::from_text("b", black_box(LETTER));
            d.match_view().text.len()
        })
    });
    let doc = Document::from_text("b", LETTER);
    doc.match_view();
    g.bench_function("passive detection", |b| {
        b.iter(|| passive::find(black_box(&doc)).len())
    });
    let lexicon = Lexicon::new(&Settings::default().letter);
    g.bench_function("letter facts (vocabulary scan, layout)", |b| {
        b.iter(|| Facts::new(black_box(&doc), &lexicon).hits.len())
    });
    g.bench_function("all rules (document built)", |b| {
        b.iter(|| checker.findings(black_box(&doc)).len())
    });
    g.bench_function("whole check (kancellisprog letter)", |b| {
        b.iter(|| {
            checker
                .check(Document::from_text("b", black_box(LETTER)))
                .findings
                .len()
        })
    });
    g.bench_function("whole check (plain letter)", |b| {
        b.iter(|| {
            checker
                .check(Document::from_text("b", black_box(PLAIN)))
                .findings
                .len()
        })
    });
    g.finish();

    let mut g = c.benchmark_group("start-up");
    g.sample_size(20);
    g.bench_function("Checker::new (default packs)", |b| {
        b.iter(|| Checker::new(&Settings::default()).unwrap())
    });
    g.bench_function("letter vocabulary (Lexicon::new)", |b| {
        b.iter(|| Lexicon::new(black_box(&Settings::default().letter)))
    });
    g.finish();
}

criterion_group!(hot, benches);
criterion_main!(hot);
