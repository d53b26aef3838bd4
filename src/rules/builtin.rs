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
    PACKS
        .iter()
        .map(|(name, src)| {
            let file = format!("rules/{name}");
            match compiled(name).and_then(|json| pack::parse_compiled(&file, json)) {
                Some(pack) => Ok(pack),
                None => pack::parse_pack(&file, src),
            }
        })
        .collect()
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
