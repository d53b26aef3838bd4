//! Pure functions of the text: spans and line index, tokens, sentences and paragraphs, LIX.

pub mod segment;
pub mod span;
pub mod stats;
pub mod tokenize;
