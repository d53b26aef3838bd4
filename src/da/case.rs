//! Case-preserving replacement: a suggestion copies the casing of the text it replaces.

/// Returns `replacement` cased like `matched`: all capitals stay all capitals, a capital first
/// letter stays a capital first letter; otherwise the replacement is left as written.
pub fn match_case(replacement: &str, matched: &str) -> String {
    match_case_owned(replacement.to_string(), matched)
}

/// Like [`match_case`], taking the replacement: left as written, it is returned as it came.
pub fn match_case_owned(replacement: String, matched: &str) -> String {
    let mut letters = matched.chars().filter(|c| c.is_alphabetic()).peekable();
    if !letters.next().is_some_and(char::is_uppercase) {
        return replacement;
    }
    // All capitals takes two letters at least.
    if letters.peek().is_some() && letters.all(char::is_uppercase) {
        return replacement.to_uppercase();
    }
    capitalize(&replacement)
}

/// Upper-cases the first letter.
pub fn capitalize(s: &str) -> String {
    recase_first(s, true)
}

/// Lower-cases the first letter.
pub fn decapitalize(s: &str) -> String {
    recase_first(s, false)
}

/// `s` with its first character upper- or lower-cased: one allocation, the rest copied whole.
fn recase_first(s: &str, upper: bool) -> String {
    let Some(c) = s.chars().next() else {
        return String::new();
    };
    let rest = &s[c.len_utf8()..];
    let mut out = String::with_capacity(s.len() + 2);
    if upper {
        out.extend(c.to_uppercase());
    } else {
        out.extend(c.to_lowercase());
    }
    out.push_str(rest);
    out
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

    #[test]
    fn recases_the_first_letter_only() {
        assert_eq!(capitalize("ønsker du"), "Ønsker du");
        assert_eq!(capitalize("ßtraße"), "SStraße");
        assert_eq!(capitalize(""), "");
        assert_eq!(decapitalize("Æbler og Pærer"), "æbler og Pærer");
        assert_eq!(decapitalize("İx"), "i\u{307}x");
        assert_eq!(decapitalize(""), "");
    }
}
