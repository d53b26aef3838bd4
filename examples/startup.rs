//! Where start-up time goes: `cargo run --release --example startup`.
use std::time::Instant;

use klarsprog::config::Settings;
use klarsprog::rules::builtin;

fn main() {
    let t = Instant::now();
    let packs = builtin::default_packs().unwrap();
    println!("parse packs: {:?}", t.elapsed());
    let t = Instant::now();
    let _ = klarsprog::da::lexicon::Lexicon::get();
    println!("verb lexicon: {:?}", t.elapsed());
    let t = Instant::now();
    let analyzers = builtin::analyzers(&Settings::default()).unwrap();
    println!("analyzers: {:?}", t.elapsed());
    let t = Instant::now();
    let set = klarsprog::rules::RuleSet::new(packs, analyzers, &Default::default()).unwrap();
    println!("compile rule set: {:?}", t.elapsed());
    let text = std::fs::read_to_string(
        std::env::args()
            .nth(1)
            .unwrap_or("samples/boligstoette-foer.txt".into()),
    )
    .unwrap();
    let t = Instant::now();
    let doc = klarsprog::Document::from_text("x", text);
    println!("document: {:?}", t.elapsed());
    let t = Instant::now();
    let f = set.check(&doc);
    println!("check: {:?} ({} findings)", t.elapsed(), f.len());
}
