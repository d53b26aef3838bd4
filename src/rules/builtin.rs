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

/// Parses the embedded packs.
/// Parses the embedded packs, each on its own thread: TOML parsing is most of start-up, and
/// a letter checked from an editor should not wait for it on one core.
pub fn default_packs() -> Result<Vec<Pack>> {
    std::thread::scope(|scope| {
        let handles: Vec<_> = PACKS
            .iter()
            .map(|(name, src)| scope.spawn(move || pack::parse_pack(&format!("rules/{name}"), src)))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("pack parser thread"))
            .collect()
    })
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
