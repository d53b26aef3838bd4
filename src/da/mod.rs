//! Danish language knowledge: abbreviations, inflection, casing, CPR and other numbers, spelling.

pub mod abbrev;
pub mod active;
pub mod case;
pub mod cpr;
pub mod inflect;
pub mod lexicon;
pub mod numbers;
pub mod passive;
pub mod spell;
