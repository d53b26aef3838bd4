//! Pure functions of the text: spans and line index, tokens, sentences and paragraphs, LIX.

pub mod segment;
pub mod span;
pub mod stats;
pub mod tokenize;

/// Decodes %XX escapes (a `%` not followed by two hex digits stays); None when the result is
/// not UTF-8.
pub fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        if b[i] == b'%'
            && i + 2 < b.len()
            && let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2]))
        {
            out.push((h * 16 + l) as u8);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Texts for property tests: up to `max_parts` of `parts` joined, in any order and number.
#[cfg(test)]
pub(crate) fn texts_of(
    parts: &'static [&'static str],
    max_parts: usize,
) -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::strategy::Strategy;
    proptest::collection::vec(proptest::sample::select(parts), 0..max_parts)
        .prop_map(|parts| parts.concat())
}

#[cfg(test)]
mod tests {
    #[test]
    fn percent_escapes() {
        assert_eq!(
            super::percent_decode("br%C3%A6v%201"),
            Some("bræv 1".into())
        );
        assert_eq!(super::percent_decode("a%2"), Some("a%2".into()));
        assert_eq!(super::percent_decode("%ff"), None);
        assert_eq!(super::percent_decode("100%.txt"), Some("100%.txt".into()));
    }
}
