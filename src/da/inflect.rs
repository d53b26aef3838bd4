//! Inflection slots in rule phrases: `{v:fremsende/fremsendte/fremsendt}` stands for every form
//! of the verb, `{n:henvendelse/henvendelsen/henvendelser/henvendelserne}` for every form of the
//! noun, and a slot in a replacement takes the form its matched slot had.

use std::fmt;

/// Word class of a slot.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    Verb,
    Noun,
}

/// A form of a slot. Verbs: infinitive, present, past, participle, imperative, s-passive,
/// past s-passive. Nouns: indefinite and definite singular and plural, each with or without -s.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Form {
    Infinitive,
    Present,
    Past,
    Participle,
    Imperative,
    Passive,
    PastPassive,
    /// Noun form 0..4 (indefinite singular, definite singular, indefinite plural, definite plural).
    Noun(u8),
    /// The genitive of noun form 0..4.
    NounGenitive(u8),
}

/// A parsed slot: its class and its principal parts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Slot {
    pub class: Class,
    /// Verb: [infinitive, past, participle, present?], each with alternatives split by `|`.
    /// Noun: [indefinite sg, definite sg, indefinite pl, definite pl]; `-` for none.
    pub parts: Vec<Vec<String>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlotError(pub String);

impl fmt::Display for SlotError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A phrase split into literal text and slots.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece {
    Text(String),
    Slot(Slot),
}

/// Parses "{v:foretage/foretog/foretaget} en vurdering" into pieces.
pub fn parse(template: &str) -> Result<Vec<Piece>, SlotError> {
    let mut pieces = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        if open > 0 {
            pieces.push(Piece::Text(rest[..open].to_string()));
        }
        let close = rest[open..]
            .find('}')
            .ok_or_else(|| SlotError(format!("«{template}»: «{{» uden «}}»")))?
            + open;
        pieces.push(Piece::Slot(parse_slot(&rest[open + 1..close])?));
        rest = &rest[close + 1..];
    }
    if rest.contains('}') {
        return Err(SlotError(format!("«{template}»: «}}» uden «{{»")));
    }
    if !rest.is_empty() {
        pieces.push(Piece::Text(rest.to_string()));
    }
    Ok(pieces)
}

fn parse_slot(body: &str) -> Result<Slot, SlotError> {
    let (class, parts) = body.split_once(':').ok_or_else(|| {
        SlotError(format!(
            "«{{{body}}}»: skriv «v:» (verbum) eller «n:» (navneord) først"
        ))
    })?;
    let class = match class.trim() {
        "v" => Class::Verb,
        "n" => Class::Noun,
        other => {
            return Err(SlotError(format!(
                "«{{{body}}}»: ukendt ordklasse «{other}»; brug «v» eller «n»"
            )));
        }
    };
    let parts: Vec<Vec<String>> = parts
        .split('/')
        .map(|p| {
            p.split('|')
                .map(|a| a.trim().to_lowercase())
                .filter(|a| !a.is_empty())
                .collect()
        })
        .collect();
    let ok = match class {
        Class::Verb => (3..=4).contains(&parts.len()) && parts.iter().all(|p| !p.is_empty()),
        Class::Noun => parts.len() == 4 && parts.iter().all(|p| !p.is_empty()),
    };
    if !ok {
        let want = match class {
            Class::Verb => "navnemåde/datid/kort tillægsform, fx {v:sende/sendte/sendt}",
            Class::Noun => "4 former, fx {n:henvendelse/henvendelsen/henvendelser/henvendelserne}",
        };
        return Err(SlotError(format!("«{{{body}}}»: skriv {want}")));
    }
    Ok(Slot { class, parts })
}

impl Slot {
    /// Every form of the slot with its tag, in a fixed order.
    pub fn forms(&self) -> Vec<(Form, String)> {
        let mut out: Vec<(Form, String)> = Vec::new();
        // The same text may stand for two forms ("afholdt" is past and participle); both are
        // kept, and the matcher picks one from the context.
        let mut push = |form: Form, s: String| {
            if !s.is_empty() && s != "-" && !out.iter().any(|(f, x)| *x == s && *f == form) {
                out.push((form, s));
            }
        };
        match self.class {
            Class::Verb => {
                let inf = &self.parts[0][0];
                push(Form::Infinitive, inf.clone());
                for p in self.present() {
                    push(Form::Present, p);
                }
                for p in &self.parts[1] {
                    push(Form::Past, p.clone());
                }
                for p in &self.parts[2] {
                    push(Form::Participle, p.clone());
                }
                push(Form::Imperative, imperative(inf));
                push(Form::Passive, format!("{inf}s"));
                for p in &self.parts[1] {
                    push(Form::PastPassive, format!("{p}s"));
                }
            }
            Class::Noun => {
                for (i, p) in self.parts.iter().enumerate() {
                    for alt in p {
                        push(Form::Noun(i as u8), alt.clone());
                    }
                }
                for (i, p) in self.parts.iter().enumerate() {
                    for alt in p {
                        if alt != "-" {
                            push(Form::NounGenitive(i as u8), genitive(alt));
                        }
                    }
                }
            }
        }
        out
    }

    fn present(&self) -> Vec<String> {
        if let Some(p) = self.parts.get(3) {
            return p.clone();
        }
        vec![present(&self.parts[0][0])]
    }

    /// This slot in the given form, or None when the form does not fit the slot's class.
    pub fn form(&self, form: Form) -> Option<String> {
        let first = |i: usize| self.parts.get(i).and_then(|p| p.first()).cloned();
        match (self.class, form) {
            (Class::Verb, Form::Infinitive) => first(0),
            (Class::Verb, Form::Present) => self.present().into_iter().next(),
            (Class::Verb, Form::Past) => first(1),
            (Class::Verb, Form::Participle) => first(2),
            (Class::Verb, Form::Imperative) => first(0).map(|i| imperative(&i)),
            (Class::Verb, Form::Passive) => first(0).map(|i| format!("{i}s")),
            (Class::Verb, Form::PastPassive) => first(1).map(|p| format!("{p}s")),
            (Class::Noun, Form::Noun(i)) => first(i as usize).filter(|s| s != "-"),
            (Class::Noun, Form::NounGenitive(i)) => {
                first(i as usize).filter(|s| s != "-").map(|s| genitive(&s))
            }
            _ => None,
        }
    }
}

/// Present tense from the infinitive: "sende" → "sender", "gå" → "går", "afgøre" → "afgør".
pub fn present(inf: &str) -> String {
    if let Some(prefix) = inf.strip_suffix("gøre") {
        return format!("{prefix}gør");
    }
    match inf {
        "være" => "er".into(),
        "have" => "har".into(),
        "vide" => "ved".into(),
        "kunne" => "kan".into(),
        "skulle" => "skal".into(),
        "ville" => "vil".into(),
        "måtte" => "må".into(),
        "burde" => "bør".into(),
        "turde" => "tør".into(),
        _ => format!("{inf}r"),
    }
}

/// Imperative from the infinitive: "sende" → "send", "sætte" → "sæt", "gå" → "gå".
pub fn imperative(inf: &str) -> String {
    let Some(stem) = inf.strip_suffix('e') else {
        return inf.to_string();
    };
    if stem.chars().count() < 2 || !stem.chars().any(is_vowel) {
        return inf.to_string();
    }
    let mut chars: Vec<char> = stem.chars().collect();
    let n = chars.len();
    if n >= 2 && chars[n - 1] == chars[n - 2] && !is_vowel(chars[n - 1]) {
        chars.pop();
    }
    chars.into_iter().collect()
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'æ' | 'ø' | 'å')
}

/// The genitive: "-s", or nothing after s, x and z ("husets", "status'").
pub fn genitive(s: &str) -> String {
    if s.ends_with(['s', 'x', 'z']) {
        s.to_string()
    } else {
        format!("{s}s")
    }
}

/// An upper bound on the number of texts `expand` gives, without building them.
pub fn count_forms(pieces: &[Piece]) -> usize {
    pieces
        .iter()
        .map(|p| match p {
            Piece::Text(_) => 1,
            // Each part alternative gives at most two forms (plain and -s).
            Piece::Slot(s) => 3 + 2 * s.parts.iter().map(Vec::len).sum::<usize>(),
        })
        .fold(1usize, |a, b| a.saturating_mul(b))
}

/// Every concrete text of a template, with the forms its slots took.
pub fn expand(pieces: &[Piece]) -> Vec<(String, Vec<Form>)> {
    let mut out = vec![(String::new(), Vec::new())];
    for piece in pieces {
        match piece {
            Piece::Text(t) => {
                for (s, _) in &mut out {
                    s.push_str(t);
                }
            }
            Piece::Slot(slot) => {
                let forms = slot.forms();
                let mut next = Vec::with_capacity(out.len() * forms.len());
                for (s, tags) in &out {
                    for (form, text) in &forms {
                        let mut joined = String::with_capacity(s.len() + text.len());
                        joined.push_str(s);
                        joined.push_str(text);
                        let mut with = Vec::with_capacity(tags.len() + 1);
                        with.extend_from_slice(tags);
                        with.push(*form);
                        next.push((joined, with));
                    }
                }
                out = next;
            }
        }
    }
    out
}

/// Renders a replacement template with its slots in the given forms (in order).
/// Returns None when a slot cannot take its form.
pub fn render(pieces: &[Piece], forms: &[Form]) -> Option<String> {
    let mut out = String::new();
    let mut slot = 0;
    for piece in pieces {
        match piece {
            Piece::Text(t) => out.push_str(t),
            Piece::Slot(s) => {
                out.push_str(&s.form(*forms.get(slot)?)?);
                slot += 1;
            }
        }
    }
    Some(out)
}

/// The slot classes of a template, in order.
pub fn classes(pieces: &[Piece]) -> Vec<Class> {
    pieces
        .iter()
        .filter_map(|p| match p {
            Piece::Slot(s) => Some(s.class),
            Piece::Text(_) => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verb_slot_covers_the_forms_and_the_replacement_follows() {
        let phrase = parse("{v:fremsende/fremsendte/fremsendt}").unwrap();
        let repl = parse("{v:sende/sendte/sendt}").unwrap();
        let forms: Vec<String> = expand(&phrase).into_iter().map(|(s, _)| s).collect();
        assert_eq!(
            forms,
            [
                "fremsende",
                "fremsender",
                "fremsendte",
                "fremsendt",
                "fremsend",
                "fremsendes",
                "fremsendtes"
            ]
        );
        for (text, tags) in expand(&phrase) {
            let r = render(&repl, &tags).unwrap();
            assert_eq!(r, text.replacen("frem", "", 1));
        }
    }

    #[test]
    fn multi_word_template_with_tense() {
        let phrase = parse("{v:foretage/foretog/foretaget} en vurdering af").unwrap();
        let repl = parse("{v:vurdere/vurderede/vurderet}").unwrap();
        let all = expand(&phrase);
        let (_, tags) = all
            .iter()
            .find(|(s, _)| s == "foretaget en vurdering af")
            .unwrap();
        assert_eq!(render(&repl, tags).unwrap(), "vurderet");
    }

    #[test]
    fn irregular_present_and_imperative() {
        assert_eq!(present("afgøre"), "afgør");
        assert_eq!(present("gå"), "går");
        assert_eq!(imperative("sætte"), "sæt");
        assert_eq!(imperative("kontakte"), "kontakt");
        assert_eq!(imperative("gå"), "gå");
        assert_eq!(imperative("se"), "se");
    }

    #[test]
    fn noun_slot_adds_genitives() {
        let p = parse("{n:henvendelse/henvendelsen/henvendelser/henvendelserne}").unwrap();
        let forms: Vec<String> = expand(&p).into_iter().map(|(s, _)| s).collect();
        assert!(forms.contains(&"henvendelsens".to_string()));
        assert_eq!(forms.len(), 8);
    }

    #[test]
    fn bad_slots_are_errors() {
        assert!(parse("{x:sende}").is_err());
        assert!(parse("{v:sende}").is_err());
        assert!(parse("{v:sende/sendte/sendt").is_err());
    }
}
