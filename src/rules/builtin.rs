//! The default rule packs embedded in the binary, and the list of built-in analyzers.

use crate::error::Result;
use crate::rules::{Analyzer, Pack, pack};

/// The default packs: (file name, TOML source).
pub const PACKS: &[(&str, &str)] = &[
    (
        "laesbarhed.toml",
        include_str!("../../rules/laesbarhed.toml"),
    ),
    (
        "kancellisprog.toml",
        include_str!("../../rules/kancellisprog.toml"),
    ),
    (
        "nominaliseringer.toml",
        include_str!("../../rules/nominaliseringer.toml"),
    ),
    (
        "forkortelser.toml",
        include_str!("../../rules/forkortelser.toml"),
    ),
    ("fagord.toml", include_str!("../../rules/fagord.toml")),
];

// `compiled(name)`: the pack as build.rs turned it into JSON.
include!(concat!(env!("OUT_DIR"), "/packs.rs"));

/// The embedded packs, read from the JSON build.rs compiled them to (several times faster than
/// TOML); a pack build.rs could not compile is parsed from its TOML, which reports the error.
pub fn default_packs() -> Result<Vec<Pack>> {
    let queue = PackQueue::new(true);
    PackQueue::finish(queue.parse(), Vec::new())
}

fn default_pack(i: usize) -> Result<Pack> {
    let (name, src) = PACKS[i];
    let file = format!("rules/{name}");
    match compiled(name).and_then(|json| pack::parse_compiled(&file, json)) {
        Some(pack) => Ok(pack),
        None => pack::parse_pack(&file, src),
    }
}

/// The default packs as work for the threads that start a checker: each thread parses the
/// next pack left (the largest first) until none are, so two threads share the work whatever
/// else one of them does first.
pub struct PackQueue(crate::parallel::Queue);

/// Packs a thread parsed, by index into `PACKS`.
pub type Parsed = Vec<(usize, Result<Pack>)>;

impl PackQueue {
    /// The default packs, or with `load` false none.
    pub fn new(load: bool) -> PackQueue {
        let mut order: Vec<usize> = if load {
            (0..PACKS.len()).collect()
        } else {
            Vec::new()
        };
        // Largest first.
        order.sort_by_key(|&i| std::cmp::Reverse(PACKS[i].1.len()));
        PackQueue(crate::parallel::Queue::new(order))
    }

    /// Parses packs until the queue is empty.
    pub fn parse(&self) -> Parsed {
        let mut out = Vec::new();
        while let Some(i) = self.0.take() {
            out.push((i, default_pack(i)));
        }
        out
    }

    /// The packs two threads parsed, in `PACKS` order; the first error if any.
    pub fn finish(mut mine: Parsed, theirs: Parsed) -> Result<Vec<Pack>> {
        mine.extend(theirs);
        mine.sort_unstable_by_key(|(i, _)| *i);
        mine.into_iter().map(|(_, pack)| pack).collect()
    }
}

/// The built-in analyzers, configured. Fails when a spelling word list cannot be read.
pub fn analyzers(settings: &crate::config::Settings) -> Result<Vec<Box<dyn Analyzer>>> {
    let letter = crate::letter::LetterAnalyzer::new(settings);
    let spelling = crate::rules::spelling::Spelling::new(settings, letter.lexicon.clone())?;
    Ok(vec![
        Box::new(crate::rules::passive::PassiveRules),
        Box::new(crate::rules::formal_address::FormalAddress),
        Box::new(letter),
        Box::new(crate::rules::personal_data::PersonalData::new(settings)),
        Box::new(spelling),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The JSON build.rs compiles is the TOML, rule for rule, line for line.
    #[test]
    fn compiled_packs_equal_their_toml() {
        for (name, src) in PACKS {
            let file = format!("rules/{name}");
            let json = compiled(name).unwrap_or_else(|| panic!("{name} is not compiled"));
            let compiled = pack::parse_compiled(&file, json).expect("compiled pack is valid");
            let parsed = pack::parse_pack(&file, src).unwrap();
            assert_eq!(format!("{compiled:?}"), format!("{parsed:?}"), "{name}");
        }
    }
}
