//! Danish language knowledge: abbreviations, inflection, casing.

pub mod abbrev;
pub mod active;
pub mod case;
pub mod inflect;
pub mod lexicon;
pub mod passive;
