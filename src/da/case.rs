//! Case-preserving replacement: a suggestion copies the casing of the text it replaces.

/// Returns `replacement` cased like `matched`: all capitals stay all capitals, a capital first
/// letter stays a capital first letter; otherwise the replacement is left as written.
pub fn match_case(replacement: &str, matched: &str) -> String {
    let mut letters = matched.chars().filter(|c| c.is_alphabetic());
    let first_upper = letters.clone().next().is_some_and(char::is_uppercase);
    let all_upper = letters.clone().count() >= 2 && letters.all(char::is_uppercase);
    if all_upper {
        return replacement.to_uppercase();
    }
    if first_upper {
        return capitalize(replacement);
    }
    replacement.to_string()
}

/// Upper-cases the first letter.
pub fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Lower-cases the first letter.
pub fn decapitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_casing() {
        assert_eq!(match_case("efter", "I henhold til"), "Efter");
        assert_eq!(match_case("efter", "i henhold til"), "efter");
        assert_eq!(match_case("hvis", "SÅFREMT"), "HVIS");
        assert_eq!(match_case("øvrige", "Ydermere"), "Øvrige");
        assert_eq!(match_case("NemKonto", "nemkonto"), "NemKonto");
    }
}
