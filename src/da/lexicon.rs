//! The Danish verb lexicon (dictionaries/verber.tsv, built from the Hunspell dictionary, the
//! UD treebank and a table of strong verbs) and the deponent list (dictionaries/deponenter.txt):
//! which words are s-forms and participles of which verb, and how to conjugate a verb.

use std::collections::HashMap;
use std::sync::OnceLock;

const VERBS: &str = include_str!("../../dictionaries/verber.tsv");
const DEPONENTS: &str = include_str!("../../dictionaries/deponenter.txt");

/// Which s-form a word is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum STense {
    /// Infinitive and present: "behandles", "ses".
    Present,
    /// Past: "behandledes", "sendtes", "afgjordes".
    Past,
}

/// How an s-verb listed as deponent behaves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Deponent {
    /// Never passive: synes, lykkes, skyldes, findes (exist) …
    Always,
    /// Reciprocal with a plural subject and no agent: mødes, ses, samles …
    Reciprocal,
}

#[derive(Clone, Debug)]
pub struct Verb {
    pub infinitive: String,
    pub present: String,
    pub past: String,
    pub participle: String,
}

pub struct Lexicon {
    pub verbs: Vec<Verb>,
    s_forms: HashMap<String, (u32, STense)>,
    participles: HashMap<String, u32>,
    infinitives: HashMap<String, u32>,
    deponents: HashMap<String, Deponent>,
    /// "tales ved", "hjælpes ad": deponent only with the particle that follows.
    with_particle: HashMap<String, Vec<String>>,
}

impl Lexicon {
    /// The lexicon, parsed once per process.
    pub fn get() -> &'static Lexicon {
        static LEXICON: OnceLock<Lexicon> = OnceLock::new();
        LEXICON.get_or_init(Lexicon::parse)
    }

    fn parse() -> Lexicon {
        let mut verbs = Vec::with_capacity(8500);
        let mut s_forms = HashMap::with_capacity(20_000);
        let mut participles = HashMap::with_capacity(10_000);
        let mut infinitives = HashMap::with_capacity(9000);
        for line in VERBS.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() < 4 {
                continue;
            }
            let first = |s: &str| s.split(',').next().unwrap_or("").trim().to_string();
            let id = verbs.len() as u32;
            let inf = cols[0].trim();
            infinitives.entry(inf.to_string()).or_insert(id);
            s_forms
                .entry(format!("{inf}s"))
                .or_insert((id, STense::Present));
            // Infinitives in -e also give "-es" from the stem for verbs such as "gøre" → "gøres".
            for past in cols[2].split(',').map(str::trim).filter(|p| !p.is_empty()) {
                // "sendte" → "sendtes"; strong pasts take -es: "vedtog" → "vedtoges".
                let form = if past.ends_with('e') {
                    format!("{past}s")
                } else {
                    format!("{past}es")
                };
                s_forms.entry(form).or_insert((id, STense::Past));
            }
            for part in cols[3].split(',').map(str::trim).filter(|p| !p.is_empty()) {
                participles.entry(part.to_string()).or_insert(id);
            }
            verbs.push(Verb {
                infinitive: inf.to_string(),
                present: first(cols[1]),
                past: first(cols[2]),
                participle: first(cols[3]),
            });
        }
        let mut deponents = HashMap::new();
        let mut with_particle: HashMap<String, Vec<String>> = HashMap::new();
        let mut group = Deponent::Always;
        for line in DEPONENTS.lines() {
            let l = line.trim();
            if l.starts_with("# --- Group A") {
                group = Deponent::Always;
            } else if l.starts_with("# --- Group B") {
                group = Deponent::Reciprocal;
            }
            if l.is_empty() || l.starts_with('#') {
                continue;
            }
            match l.split_once(' ') {
                Some((verb, particle)) => with_particle
                    .entry(verb.to_string())
                    .or_default()
                    .push(particle.trim().to_string()),
                None => {
                    deponents.insert(l.to_string(), group);
                }
            }
        }
        Lexicon {
            verbs,
            s_forms,
            participles,
            infinitives,
            deponents,
            with_particle,
        }
    }

    /// The verb and tense of an s-form ("udfyldes" → udfylde, present).
    pub fn s_form(&self, lower: &str) -> Option<(&Verb, STense)> {
        self.s_forms
            .get(lower)
            .map(|&(i, t)| (&self.verbs[i as usize], t))
    }

    pub fn participle(&self, lower: &str) -> Option<&Verb> {
        self.participles
            .get(lower)
            .map(|&i| &self.verbs[i as usize])
    }

    pub fn verb(&self, infinitive: &str) -> Option<&Verb> {
        self.infinitives
            .get(infinitive)
            .map(|&i| &self.verbs[i as usize])
    }

    pub fn deponent(&self, lower: &str) -> Option<Deponent> {
        self.deponents.get(lower).copied()
    }

    /// Particles with which the s-form is deponent ("tales" → ["ved"]).
    pub fn deponent_particles(&self, lower: &str) -> &[String] {
        self.with_particle.get(lower).map_or(&[], Vec::as_slice)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_lead_back_to_their_verb() {
        let lex = Lexicon::get();
        assert_eq!(lex.s_form("udfyldes").unwrap().0.infinitive, "udfylde");
        let (v, t) = lex.s_form("afgjordes").unwrap();
        assert_eq!((v.infinitive.as_str(), t), ("afgøre", STense::Past));
        assert_eq!(lex.participle("truffet").unwrap().infinitive, "træffe");
        assert_eq!(lex.verb("gøre").unwrap().present, "gør");
        assert_eq!(lex.deponent("synes"), Some(Deponent::Always));
        assert_eq!(lex.deponent("mødes"), Some(Deponent::Reciprocal));
        assert_eq!(lex.deponent_particles("tales"), ["ved"]);
        assert!(lex.s_form("hvis").is_none() && lex.s_form("kommunens").is_none());
    }
}
