//! Finding Danish passives: s-passive ("udfyldes", "afgjordes"), blive-passive ("er blevet
//! behandlet") and være + participle ("er modtaget"), told apart from deponents, reciprocals,
//! genitives and other words in -s by the verb lexicon and the words around them.

use crate::da::lexicon::{Deponent, Lexicon, STense, Verb};
use crate::document::Document;
use crate::text::tokenize::{TokenKind, flag};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PassiveKind {
    /// "behandles", "skal udfyldes", "afgjordes".
    S,
    /// "blev behandlet", "er blevet afgjort", "vil blive udbetalt".
    Blive,
    /// "er modtaget", "var afsluttet": often a state or a perfect, reported apart.
    Vaere,
}

#[derive(Clone, Debug)]
pub struct Passive {
    pub kind: PassiveKind,
    pub sentence: usize,
    /// First token of the verb group (the auxiliary for blive and være, else the verb).
    pub first: usize,
    /// The passive verb: the s-form or the participle.
    pub verb: usize,
    /// The blive or være token.
    pub aux: Option<usize>,
    /// A modal verb right before the group ("skal udfyldes", "vil blive udbetalt").
    pub modal: Option<usize>,
    pub lemma: Verb,
    /// For s-passives: present/infinitive or past.
    pub tense: STense,
}

const MODALS: &[&str] = &[
    "skal", "kan", "må", "bør", "vil", "skulle", "kunne", "måtte", "burde", "ville", "tør",
];

/// Adverbs that may stand inside a verb group ("skal ikke udfyldes", "er endnu ikke blevet behandlet").
pub const GROUP_ADVERBS: &[&str] = &[
    "ikke",
    "også",
    "gerne",
    "altid",
    "derfor",
    "dog",
    "normalt",
    "først",
    "nu",
    "kun",
    "aldrig",
    "snarest",
    "straks",
    "senere",
    "endnu",
    "allerede",
    "desværre",
    "endelig",
    "fortsat",
    "stadig",
    "automatisk",
    "løbende",
    "hurtigst",
    "muligt",
    "nok",
    "jo",
    "vel",
    "så",
    "heller",
    "hermed",
    "venligst",
    "ligeledes",
    "desuden",
    "endvidere",
    "samtidig",
    "igen",
    "fremover",
    "typisk",
];

/// Words after which a word in -s is a genitive noun, not a verb ("din sags", "en borgers").
const DETERMINERS: &[&str] = &[
    "en", "et", "din", "dit", "dine", "min", "mit", "mine", "sin", "sit", "sine", "vores", "jeres",
    "deres", "hans", "hendes", "dens", "dets", "denne", "dette", "disse", "hver", "hvert",
    "enhver", "ethvert", "nogle", "hele", "samme", "anden", "andet", "vor", "vort", "vore",
];

/// Words that end a blive-group search because a noun phrase with an article begins
/// ("blev en succes"); "den", "det" and "de" may be an inverted subject ("blev det besluttet").
const ARTICLES: &[&str] = &["en", "et"];

/// Forms of "blive" and "være" (a `match` on a few short strings: no memcmp per word).
fn is_blive(word: &str) -> bool {
    matches!(word, "blive" | "bliver" | "blev" | "blevet")
}

fn is_vaere(word: &str) -> bool {
    matches!(word, "er" | "var" | "være" | "været")
}

/// Participles that after "blive" are adjectives, not passives ("blive gift").
const ADJECTIVAL_BLIVE: &[&str] = &[
    "gift",
    "skilt",
    "nødt",
    "forelsket",
    "forlovet",
    "træt",
    "velkommen",
];

/// Participles that after "være" are adjectives or states, not passives ("er optaget").
const ADJECTIVAL: &[&str] = &[
    "gift",
    "skilt",
    "nødt",
    "forelsket",
    "forlovet",
    "interesseret",
    "uddannet",
    "ansat",
    "kendt",
    "bekendt",
    "optaget",
    "lukket",
    "født",
    "træt",
    "berettiget",
    "forpligtet",
    "velkommen",
];

/// Verbs whose perfect takes "være": "Du er flyttet" is active.
const INTRANSITIVE: &[&str] = &[
    "flytte",
    "rejse",
    "gå",
    "komme",
    "blive",
    "dø",
    "falde",
    "forsvinde",
    "løbe",
    "køre",
    "vokse",
    "ophøre",
    "opstå",
    "ankomme",
    "stige",
    "synke",
    "vågne",
    "flygte",
    "begynde",
    "starte",
    "slutte",
    "ende",
    "udløbe",
    "stoppe",
    "ske",
    "hænde",
    "træde",
    "vende",
    "sejle",
    "flyve",
    "springe",
    "gro",
    "omkomme",
    "forulykke",
    "afgå",
    "indtræffe",
    "indtræde",
    "bortfalde",
    "udeblive",
    "fremkomme",
    "forekomme",
    "forløbe",
    "overgå",
    "fraflytte",
    "tilflytte",
    "udvandre",
    "indvandre",
    "lykkes",
    "mislykkes",
    "holde",
    "smelte",
    "fryse",
    "visne",
    "passere",
    "tiltræde",
    "fratræde",
    "afrejse",
    "bortrejse",
    "hjemrejse",
    "nedkomme",
    "svinde",
    "opvågne",
];

/// Words that end a blive-group search: a new clause or a noun phrase begins.
const GROUP_STOP: &[&str] = &[
    "at", "og", "eller", "men", "som", "der", "hvis", "når", "fordi", "da", "mens", "om", "end",
    "til", "for", "med",
];

/// Token `i` lower-cased and normalised, as the match view spells it (built once per document).
fn word_at(doc: &Document, i: usize) -> &str {
    doc.match_view().token_text(i)
}

/// All passives in the document, in text order.
pub fn find(doc: &Document) -> Vec<Passive> {
    let mut out = Vec::new();
    for_each(doc, |p| out.push(p));
    out
}

/// Hands `f` each passive in the document, in text order, without making a list of them (a
/// 100 MB text has 700,000).
pub fn for_each(doc: &Document, mut f: impl FnMut(Passive)) {
    let lex = Lexicon::get();
    for (si, s) in doc.sentences.iter().enumerate() {
        let range = s.tokens.clone();
        let first_word = range
            .clone()
            .find(|&i| doc.tokens[i].kind == TokenKind::Word);
        let mut i = range.start;
        while i < range.end {
            let t = doc.tokens[i];
            if t.kind != TokenKind::Word || t.has(flag::ALL_CAPS) || t.has(flag::ABBREV) {
                i += 1;
                continue;
            }
            let word = word_at(doc, i);
            if is_blive(word) {
                if let Some(p) = blive_group(doc, lex, si, i) {
                    i = p.verb + 1;
                    f(p);
                    continue;
                }
            } else if is_vaere(word) {
                if let Some(p) = vaere_group(doc, lex, si, i) {
                    i = p.verb + 1;
                    f(p);
                    continue;
                }
            } else if word.ends_with('s') && word.chars().count() >= 3 {
                // A capital inside a sentence is a name ("Hans", "Lars").
                let capital_inside = t.has(flag::CAPITAL) && Some(i) != first_word;
                if !capital_inside && let Some(p) = s_passive(doc, lex, si, i, word) {
                    f(p);
                }
            }
            i += 1;
        }
    }
}

/// The word index before `i` in the same sentence, skipping nothing.
fn prev_word(doc: &Document, si: usize, i: usize) -> Option<usize> {
    let start = doc.sentences[si].tokens.start;
    (start..i)
        .next_back()
        .filter(|&j| doc.tokens[j].kind == TokenKind::Word)
}

/// A modal before token `i`, allowing group adverbs between ("skal ikke udfyldes").
fn modal_before(doc: &Document, si: usize, i: usize) -> Option<usize> {
    let start = doc.sentences[si].tokens.start;
    let mut j = i;
    while j > start {
        j -= 1;
        if doc.tokens[j].kind != TokenKind::Word {
            return None;
        }
        let word = word_at(doc, j);
        if MODALS.contains(&word) {
            return Some(j);
        }
        if !GROUP_ADVERBS.contains(&word) {
            return None;
        }
    }
    None
}

/// Does "af" (an agent) follow the verb, directly or after one word?
fn agent_follows(doc: &Document, si: usize, i: usize) -> bool {
    let end = doc.sentences[si].tokens.end;
    (i + 1..end.min(i + 3)).any(|j| word_at(doc, j) == "af")
}

/// A personal subject pronoun before `i` ("vi ses", "de mødes").
fn plural_pronoun_before(doc: &Document, si: usize, i: usize) -> bool {
    let start = doc.sentences[si].tokens.start;
    (start..i).any(|j| {
        let word = word_at(doc, j);
        matches!(word, "vi" | "i" | "de" | "man")
            && !(word == "de" && doc.tokens[j].has(flag::CAPITAL) && j != start)
    })
}

fn s_passive(
    doc: &Document,
    lex: &'static Lexicon,
    si: usize,
    i: usize,
    lower: &str,
) -> Option<Passive> {
    let (verb, tense) = lex.s_form(lower)?;
    let end = doc.sentences[si].tokens.end;
    let modal = modal_before(doc, si, i);
    // Short words in -s are mostly other words ("vis", "gås" the goose) unless a modal precedes;
    // "ses", "fås" and "nås" are the common exceptions.
    if lower.chars().count() < 4 && modal.is_none() && !matches!(lower, "ses" | "fås" | "nås") {
        return None;
    }
    // Deponent only with a particle: "vi tales ved", "hjælpes ad".
    let particles = lex.deponent_particles(lower);
    if !particles.is_empty() && i + 1 < end {
        let word = word_at(doc, i + 1);
        if particles.contains(&word) {
            return None;
        }
    }
    match lex.deponent(lower) {
        Some(Deponent::Always) => {
            // "findes" is "exist" except after a modal: "kan findes på hjemmesiden".
            let found_at = matches!(lower, "findes" | "fandtes") && modal.is_some();
            if !found_at {
                return None;
            }
        }
        Some(Deponent::Reciprocal) => {
            let passive = agent_follows(doc, si, i)
                || (modal.is_some() && !plural_pronoun_before(doc, si, i));
            if !passive {
                return None;
            }
        }
        None => {}
    }
    // A genitive noun after a determiner: "din sags", "en borgers".
    if let Some(p) = prev_word(doc, si, i) {
        let word = word_at(doc, p);
        if DETERMINERS.contains(&word) {
            return None;
        }
    }
    Some(Passive {
        kind: PassiveKind::S,
        sentence: si,
        first: modal.map_or(i, |_| i),
        verb: i,
        aux: None,
        modal,
        lemma: verb,
        tense,
    })
}

fn blive_group(doc: &Document, lex: &'static Lexicon, si: usize, b: usize) -> Option<Passive> {
    let s = &doc.sentences[si];
    let mut j = b + 1;
    let mut seen = 0;
    while j < s.tokens.end && seen < 5 {
        let t = doc.tokens[j];
        if t.kind != TokenKind::Word {
            return None;
        }
        let word = word_at(doc, j);
        if GROUP_STOP.contains(&word) || ARTICLES.contains(&word) {
            return None;
        }
        if let Some(verb) = lex.participle(word)
            && !ADJECTIVAL_BLIVE.contains(&word)
        {
            // "er blevet", "var endnu ikke blevet": the group starts at the finite auxiliary.
            let mut first = b;
            let aux_word = word_at(doc, b);
            if aux_word == "blevet" {
                let mut k = b;
                while k > s.tokens.start && doc.tokens[k - 1].kind == TokenKind::Word {
                    k -= 1;
                    let word = word_at(doc, k);
                    if matches!(word, "er" | "var" | "være" | "har" | "havde") {
                        first = k;
                        break;
                    }
                    if !GROUP_ADVERBS.contains(&word) {
                        break;
                    }
                }
            }
            let modal = modal_before(doc, si, first);
            return Some(Passive {
                kind: PassiveKind::Blive,
                sentence: si,
                first,
                verb: j,
                aux: Some(b),
                modal,
                lemma: verb,
                tense: STense::Present,
            });
        }
        seen += 1;
        j += 1;
    }
    None
}

fn vaere_group(doc: &Document, lex: &'static Lexicon, si: usize, v: usize) -> Option<Passive> {
    let s = &doc.sentences[si];
    let mut j = v + 1;
    while j < s.tokens.end && j <= v + 3 {
        if doc.tokens[j].kind != TokenKind::Word {
            return None;
        }
        let word = word_at(doc, j);
        if word == "blevet" {
            return None;
        }
        if let Some(verb) = lex.participle(word) {
            if ADJECTIVAL.contains(&word) || INTRANSITIVE.contains(&verb.infinitive) {
                return None;
            }
            // A participle before a noun is attributive: "er godkendt byggeri" is rare; "er
            // modtaget" ends the group or is followed by a preposition or punctuation.
            return Some(Passive {
                kind: PassiveKind::Vaere,
                sentence: si,
                first: v,
                verb: j,
                aux: Some(v),
                modal: None,
                lemma: verb,
                tense: STense::Present,
            });
        }
        if !GROUP_ADVERBS.contains(&word) {
            return None;
        }
        j += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(PassiveKind, String)> {
        let doc = Document::from_text("t", text);
        find(&doc)
            .into_iter()
            .map(|p| {
                (
                    p.kind,
                    doc.slice(doc.token_span(p.first..p.verb + 1)).to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn finds_the_passives() {
        assert_eq!(
            kinds("Skemaet skal udfyldes og returneres."),
            [
                (PassiveKind::S, "udfyldes".into()),
                (PassiveKind::S, "returneres".into())
            ]
        );
        assert_eq!(
            kinds("Din ansøgning er blevet behandlet."),
            [(PassiveKind::Blive, "er blevet behandlet".into())]
        );
        assert_eq!(
            kinds("Sagen blev i går endelig afgjort."),
            [(PassiveKind::Blive, "blev i går endelig afgjort".into())]
        );
        assert_eq!(
            kinds("Ydelsen vil blive udbetalt den 1."),
            [(PassiveKind::Blive, "blive udbetalt".into())]
        );
        assert_eq!(
            kinds("Sagen afgjordes i går."),
            [(PassiveKind::S, "afgjordes".into())]
        );
        assert_eq!(
            kinds("Kopien kan ses på borger.dk."),
            [(PassiveKind::S, "ses".into())]
        );
        assert_eq!(
            kinds("Ansøgningen er modtaget."),
            [(PassiveKind::Vaere, "er modtaget".into())]
        );
    }

    #[test]
    fn leaves_look_alikes_alone() {
        for text in [
            "Jeg synes, det lykkes.",
            "Der findes mange tilbud.",
            "Vi ses i morgen.",
            "Udvalget samles fem gange om året.",
            "Kommunens afgørelse skyldes din indkomst.",
            "Hvis du vil, kan du dels ringe, dels skrive.",
            "Du kan blive boende, og du bliver ikke syg.",
            "Du er flyttet til Holbæk.",
            "Hans Jensen ringer straks.",
            "Du er gift og har to børn.",
            "Vi tales ved i næste uge.",
        ] {
            assert!(kinds(text).is_empty(), "{text}: {:?}", kinds(text));
        }
    }
}
