//! Danish language knowledge: abbreviations, inflection, casing, CPR and other numbers.

pub mod abbrev;
pub mod case;
pub mod cpr;
pub mod inflect;
pub mod numbers;
