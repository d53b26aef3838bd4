//! Runs the checks on one letter many times, for a profiler:
//! `valgrind --tool=callgrind target/release/examples/profile_check samples/x.txt 500`.
use klarsprog::config::Settings;
use klarsprog::{Checker, Document};

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .unwrap_or("samples/boligstoette-efter.txt".into());
    let n: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(500);
    let text = std::fs::read_to_string(path).unwrap();
    let checker = Checker::new(&Settings::default()).unwrap();
    let mut total = 0;
    for _ in 0..n {
        total += checker
            .check(Document::from_text("p", text.as_str()))
            .findings
            .len();
    }
    println!("{total}");
}
