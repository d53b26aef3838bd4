//! The letter checks' vocabulary: every cue word and phrase in one Aho-Corasick automaton over
//! the document's match view (`automaton::Dfa`), built once per process; one scan per letter
//! finds them all.

use super::automaton::Dfa;

use crate::config::LetterConfig;
use crate::document::MatchView;
use crate::rules::phrases::phrase_key;

/// What a word or phrase tells about the letter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Cue {
    /// "Med venlig hilsen" (at the start of a line).
    Closing,
    /// "tlf.", "telefon", "ring" — a phone number is near.
    PhoneWord,
    /// "telefontid", "træffetid", "åbningstid".
    HoursWord,
    /// "mandag", "hverdage".
    Weekday,
    /// "Digital Post", "e-Boks": a written channel besides e-mail.
    WrittenChannel,
    /// "sagsnr.", "j.nr.", "journalnummer".
    CaseLabel,
    /// "Sagsbehandler:", "Kontaktperson:" — a name may follow.
    SenderLabel,
    /// "adresse", "besøgsadresse", "rådhuset".
    AddressWord,
    /// States the outcome: "du får", "bevilges", "afslag", "vi har besluttet".
    Answer,
    /// States an outcome only sometimes: "du får" (hjælp — or a new health card), "sættes ned";
    /// with an amount or a start date in the sentence it does.
    WeakAnswer,
    /// An offer or a possibility: "du kan få", "du kan låne". In a decision it may be the
    /// answer; it does not make a letter a decision.
    Offer,
    /// Names a decision without its outcome: "afgørelse", "beslutning".
    Topic,
    /// Names an outcome: "påbud", "bevilling", "tilladelse".
    OutcomeTopic,
    /// "meddeler", "giver" — with an outcome noun in the same sentence it states the outcome.
    GrantVerb,
    /// "påbud", "tilladelse", "tilskud" as objects of a grant verb.
    OutcomeNoun,
    /// The letter is a hearing or a notice before a decision: "partshøring", "påtænker".
    Hearing,
    /// A procedural right, not a decision: "ret til at se", "ret til aktindsigt".
    ProceduralRight,
    /// A reason: "fordi", "derfor", "lagt vægt på".
    Reason,
    /// A legal rule: "§", "serviceloven", "lov om".
    Legal,
    /// Any word of the family "klage", "påklage".
    KlageWord,
    /// The reader's right to complain: "kan klage", "klagevejledning".
    KlageAnchor,
    /// "klage over", "klage til": a klagevejledning unless the sentence is a receipt.
    KlageWeak,
    /// "modtaget", "tak for": with a klage word, a receipt of a complaint.
    Receipt,
    /// The klagevejledning as a document: "klagevejledning", "vejledning om klageadgang".
    KlageDoc,
    /// "vedlagt", "bilag".
    Attach,
    /// To whom: "Ankestyrelsen", "*klagenævnet", "til os".
    Recipient,
    /// How: "skriftligt", "Klageportalen", "Digital Post".
    How,
    /// "klagefrist", "frist".
    DeadlineWord,
}

impl Cue {
    pub const fn bit(self) -> u64 {
        1 << self as u8
    }
}

/// A cue found in the letter, in token terms.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    pub cue: Cue,
    /// First token and one past the last.
    pub first: u32,
    pub end: u32,
}

/// The built-in words. A `*` at the end matches any ending of the last word, at the start any
/// beginning of the first word.
const WORDS: &[(Cue, &[&str])] = &[
    (
        Cue::Closing,
        &[
            "med venlig hilsen",
            "venlig hilsen",
            "med venlige hilsner",
            "venlige hilsner",
            "de bedste hilsner",
            "bedste hilsner",
            "bedste hilsen",
            "mange hilsner",
            "kærlig hilsen",
            "med hilsen",
            "hilsen",
            "mvh",
            "vh.",
        ],
    ),
    (
        Cue::PhoneWord,
        &[
            "tlf*",
            "telefon*",
            "mobil*",
            "ring",
            "ringe",
            "ringer",
            "direkte nummer",
            "mit nummer",
            "vores nummer",
        ],
    ),
    (
        Cue::HoursWord,
        &[
            "telefontid*",
            "træffetid*",
            "åbningstid*",
            "kontortid*",
            "telefonåbningstid*",
        ],
    ),
    (
        Cue::Weekday,
        &[
            "mandag*",
            "tirsdag*",
            "onsdag*",
            "torsdag*",
            "fredag*",
            "lørdag*",
            "søndag*",
            "hverdag*",
            "man.-fre.",
            "man-fre",
        ],
    ),
    (
        Cue::WrittenChannel,
        &[
            "digital post",
            "digitalpost",
            "e-boks",
            "eboks",
            "mit.dk",
            "sikker post",
            "sikker mail",
        ],
    ),
    (
        Cue::CaseLabel,
        &[
            "sagsnr*",
            "sagsnummer*",
            "sags-id",
            "sagsid",
            "sags id",
            "j.nr.",
            "j.nr",
            "j. nr.",
            "jnr*",
            "journalnr*",
            "journalnummer*",
            "journal nr.",
            "vores ref.",
            "vores reference",
            "ref.",
            "reference",
            "referencenummer",
            "dok.nr.",
            "dokumentnr*",
        ],
    ),
    (
        Cue::SenderLabel,
        &[
            "sagsbehandler",
            "din sagsbehandler",
            "kontaktperson",
            "kontakt",
            "afsender",
            "skrevet af",
            "underskrevet af",
            "rådgiver",
            "konsulent",
        ],
    ),
    (
        Cue::AddressWord,
        &[
            "adresse*",
            "besøgsadresse*",
            "postadresse*",
            "rådhus*",
            "borgerservice",
            "kom forbi",
            "mød op",
        ],
    ),
    (
        Cue::Answer,
        &[
            "har besluttet",
            "har derfor besluttet",
            "har truffet afgørelse",
            "har truffet følgende afgørelse",
            "er truffet afgørelse",
            "truffet afgørelse om",
            "træffer hermed afgørelse",
            "har afgjort",
            "bevilges",
            "bevilget",
            "bevilliges",
            "bevilliget",
            "bevilger",
            "bevilge",
            "imødekommes",
            "imødekommet",
            "imødekomme",
            "afslag",
            "afslaget",
            "afslås",
            "afslået",
            "afslår",
            "du har ret til",
            "du har ikke ret til",
            "i har ret til",
            "i har ikke ret til",
            "de har ret til",
            "de har ikke ret til",
            "er berettiget til",
            "ikke berettiget til",
            "er ikke berettiget",
            "har fået tilladelse",
            "har fået byggetilladelse",
            "har fået dispensation",
            "har fået lov",
            "får lov til",
            "meddeles dispensation",
            "meddeles påbud",
            "påbydes",
            "påbyder",
            "giver dig lov",
            "giver jer lov",
            "giver dig ret",
            "giver jer ret",
            "giver dig dispensation",
            "giver jer dispensation",
            "giver dig et påbud",
            "giver jer et påbud",
            "giver dig påbud",
            "giver jer påbud",
            "har godkendt",
            "ansøgning er godkendt",
            "ansøgningen er godkendt",
            "godkendes",
            "ansøgningen afvises",
            "ansøgning afvises",
            "afviser din",
            "afviser jeres",
            "afviser deres",
            "tildeles",
            "tildelt",
            "vi siger ja",
            "vi siger nej",
        ],
    ),
    (
        Cue::WeakAnswer,
        &[
            "du får",
            "du får ikke",
            "i får",
            "i får ikke",
            "de får",
            "de får ikke",
            "sat ned",
            "sættes ned",
            "nedsættes",
            "vi nedsætter",
            "forhøjes",
            "vi forhøjer",
            "sættes op",
            "stoppes",
            "vi stopper",
            "frakendes",
            "tilbagebetalingskrav",
            "krav om tilbagebetaling",
        ],
    ),
    (
        Cue::Offer,
        &[
            "du kan få",
            "du kan godt få",
            "du kan låne",
            "i kan få",
            "i kan låne",
            "de kan få",
            "vi tilbyder dig",
            "vi tilbyder jer",
        ],
    ),
    (
        Cue::Topic,
        &[
            "afgørelse",
            "afgørelsen",
            "afgørelser",
            "beslutning",
            "beslutningen",
            "ydes",
            "bortfalder",
            "ophører",
            "standses",
        ],
    ),
    (
        Cue::OutcomeTopic,
        &[
            "påbud",
            "påbuddet",
            "forbud",
            "forbuddet",
            "bevilling",
            "bevillingen",
            "*tilladelse",
            "*tilladelsen",
            "dispensation",
            "dispensationen",
            "tilsagn",
            "tilsagnet",
        ],
    ),
    (
        Cue::GrantVerb,
        &[
            "meddeler", "meddeles", "meddelt", "giver", "gives", "givet", "udsteder", "udstedes",
            "bevilger", "yder",
        ],
    ),
    (
        Cue::OutcomeNoun,
        &[
            "påbud",
            "forbud",
            "*tilladelse",
            "dispensation",
            "afslag",
            "*tilskud",
            "bevilling",
            "bevillingen",
            "lån",
            "lånet",
            "tilsagn",
        ],
    ),
    (
        Cue::Hearing,
        &[
            "partshøring*",
            "partshøre",
            "partshører",
            "påtænker",
            "påtænkt*",
            "overvejer",
            "agter at",
            "har ikke besluttet",
            "ikke truffet afgørelse",
            "ikke taget stilling",
            "inden vi træffer",
            "før vi træffer",
            "inden der træffes",
            "før der træffes",
            "inden vi beslutter",
            "før vi beslutter",
            "lejlighed til at",
            "varsel om",
            "varsler",
            "varslet",
            "varsling*",
        ],
    ),
    (
        Cue::ProceduralRight,
        &[
            "ret til at sige",
            "ret til at se",
            "ret til at klage",
            "ret til at kommentere",
            "ret til at udtale",
            "ret til at komme med",
            "ret til at lade",
            "ret til at få aktindsigt",
            "ret til aktindsigt",
            "ret til en bisidder",
            "ret til bisidder",
            "ret til at have en bisidder",
            "ret til at tage en bisidder",
            "ret til partshøring",
        ],
    ),
    (
        Cue::Reason,
        &[
            "fordi",
            "derfor",
            "begrund*",
            "lagt vægt på",
            "lægger vægt på",
            "lagt vægt",
            "vægt på",
            "på baggrund af",
            "idet",
            "hvorfor",
            "årsag*",
            "grunden",
            "på grund af",
            "pga.",
            "skyldes",
            "eftersom",
            "da du",
            "da i",
            "da de",
            "da vi",
            "da der",
            "da det",
            "da din",
            "da dit",
            "da dine",
            "da jeres",
            "da han",
            "da hun",
            "vurderet",
            "vurdering*",
            "vurderer",
            "betingelse*",
            "opfylder",
            "opfyldt",
            "overstiger",
            "overholder",
            "fremgår",
            "konstateret",
            "dokumenteret",
        ],
    ),
    (
        Cue::Legal,
        &[
            "§",
            "*loven",
            "*lovens",
            "lov om",
            "lov nr.",
            "lovbekendtgørelse*",
            "bekendtgørelse*",
            "*bekendtgørelsen",
            "*bekendtgørelsens",
            "forordning*",
            "*forordningen",
            "*forordningens",
            "lokalplan*",
            "bygningsreglement*",
            "*regulativ",
            "*regulativet",
            "cirkulære*",
        ],
    ),
    (Cue::KlageWord, &["klag*", "påklag*", "anke", "anken"]),
    (
        Cue::KlageAnchor,
        &[
            "kan klage",
            "kan du klage",
            "kan i klage",
            "kan de klage",
            "kan man klage",
            "kan ikke klage",
            "kan påklages",
            "kan ikke påklages",
            "kan indbringes",
            "kan ankes",
            "kan klages",
            "vil klage",
            "ønsker at klage",
            "klag til",
            "klag over",
            "klagevejledning*",
            "klageadgang*",
            "klagefrist*",
            "klageinstans*",
            "klagemulighed*",
            "ret til at klage",
            "du klager",
            "i klager",
            "man klager",
            "vejledning om klage*",
        ],
    ),
    (
        Cue::KlageWeak,
        &[
            "klage over",
            "klage til",
            "klagen",
            "en klage",
            "klagen sendes",
        ],
    ),
    (
        Cue::Receipt,
        &[
            "modtaget",
            "har fået",
            "tak for",
            "fik vi",
            "vi fik",
            "har vi fået",
        ],
    ),
    (
        Cue::KlageDoc,
        &[
            "klagevejledning*",
            "klageadgang*",
            "vejledning om klage*",
            "vejledning om klageadgang",
        ],
    ),
    (
        Cue::Attach,
        &[
            "vedlagt",
            "vedlagte",
            "vedhæftet",
            "vedhæftede",
            "bilag*",
            "medsendt",
            "medsendte",
        ],
    ),
    (
        Cue::Recipient,
        &[
            "ankestyrelsen",
            "ankestyrelsens",
            "*nævnet",
            "*nævnets",
            "*klageenheden",
            "klageinstans*",
            "til os",
            "til mig",
            "til kommunen",
            "til byrådet",
            "*udvalget",
            "kommune",
            "kommunen",
            "ombudsmand*",
            "klageportalen",
            "*styrelsen",
            "familieretshuset",
            "byretten",
            "retten",
            "domstolene",
            "sendes til",
            "fremsendes til",
            "sender vi",
            "skal sendes til",
        ],
    ),
    (
        Cue::How,
        &[
            "skriftligt",
            "skriftlig",
            "mundtligt",
            "mundtlig",
            "klageportalen",
            "digital post",
            "e-mail",
            "mail",
            "brev",
            "skriv",
            "skrive",
            "ring",
            "ringe",
            "send",
            "sende",
            "sendes",
            "fremsendes",
            "indgives",
            "indsendes",
            "via",
            "online",
            "formular",
            "blanket",
            "selvbetjening",
            "telefonisk",
            "kontakte",
            "henvende",
        ],
    ),
    (
        Cue::DeadlineWord,
        &["klagefrist*", "frist", "fristen", "fristens", "tidsfrist*"],
    ),
];

/// The automaton and what each of its patterns means.
pub struct Lexicon {
    /// Every key; the scan reports every match, overlapping ones too.
    dfa: Dfa,
    patterns: Vec<Pattern>,
    /// The keys of the closing phrases, to find the closing without a scan.
    closing: Vec<String>,
    /// The first bytes of the closing phrases.
    closing_starts: [bool; 256],
}

/// What a key stands for.
#[derive(Clone, Copy, Debug)]
struct Pattern {
    cue: Cue,
    /// The number of tokens the key spans.
    tokens: u32,
}

/// The automaton keys of the built-in words and the user's from `[letter]`, and what they mean.
fn keys(config: &LetterConfig) -> (Vec<String>, Vec<Pattern>) {
    let extra: [(Cue, &Vec<String>); 7] = [
        (Cue::Answer, &config.decision_words),
        (Cue::Hearing, &config.not_decision_words),
        (Cue::Reason, &config.reason_words),
        (Cue::Legal, &config.legal_words),
        (Cue::Recipient, &config.appeal_bodies),
        (Cue::CaseLabel, &config.case_number_words),
        (Cue::HoursWord, &config.hours_words),
    ];
    let mut keys = Vec::new();
    let mut patterns = Vec::new();
    let mut add = |cue: Cue, word: &str| {
        if let Some((key, tokens)) = key(word) {
            keys.push(key);
            patterns.push(Pattern { cue, tokens });
        }
    };
    for (cue, words) in WORDS {
        for w in *words {
            add(*cue, w);
        }
    }
    for (cue, words) in extra {
        for w in words {
            add(cue, w);
        }
    }
    (keys, patterns)
}

impl Lexicon {
    /// The built-in words plus the user's from `[letter]`.
    pub fn new(config: &LetterConfig) -> Lexicon {
        let (keys, patterns) = keys(config);
        let closing: Vec<String> = keys
            .iter()
            .zip(&patterns)
            .filter(|(_, p)| p.cue == Cue::Closing)
            .map(|(k, _)| k.clone())
            .collect();
        let mut closing_starts = [false; 256];
        for k in &closing {
            closing_starts[usize::from(k.as_bytes()[1])] = true;
        }
        Lexicon {
            dfa: Dfa::new(&keys),
            patterns,
            closing,
            closing_starts,
        }
    }

    /// Does a closing phrase ("Med venlig hilsen") start at token `t`? The same as a scan
    /// finding a `Cue::Closing` hit whose first token is `t` (closing keys start with a space,
    /// so they match at token starts only), without the scan.
    pub fn closing_at(&self, view: &MatchView, t: usize) -> bool {
        let at = view.starts[t] as usize - 1;
        let rest = &view.text.as_bytes()[at..];
        // Closing keys start with " " and a letter: look at that letter first.
        let Some(&letter) = rest.get(1) else {
            return false;
        };
        self.closing_starts[usize::from(letter)]
            && self
                .closing
                .iter()
                .any(|k| k.as_bytes()[1] == letter && rest.starts_with(k.as_bytes()))
    }

    /// Every cue in the view, sorted by first token.
    pub fn scan(&self, view: &MatchView) -> Vec<Hit> {
        let mut hits = Vec::with_capacity(view.starts.len() / 4);
        let starts = view.starts.as_slice();
        if starts.is_empty() {
            return hits;
        }
        // The token holding the last byte of the current match: match ends only grow, so it
        // only moves forward.
        let mut cursor = 0;
        self.dfa
            .for_each_match(view.text.as_bytes(), |pattern, _, end| {
                cursor += starts[cursor + 1..]
                    .iter()
                    .take_while(|&&s| (s as usize) < end)
                    .count();
                // A match covers whole tokens separated by two spaces (view tokens hold no
                // spaces, keys no empty tokens), except that a key without its leading space
                // starts inside its first token (a suffix pattern) and one without its
                // trailing space ends inside its last (a prefix pattern). Either way it ends
                // in the token at the cursor (or in the space just after it) and starts
                // `tokens - 1` tokens before.
                let p = self.patterns[pattern];
                let end = cursor as u32 + 1;
                insert(
                    &mut hits,
                    Hit {
                        cue: p.cue,
                        first: end - p.tokens,
                        end,
                    },
                );
            });
        hits
    }
}

/// Adds a hit to hits sorted by (first, end, cue), where hits come in order of their end (the
/// automaton reports matches by where they end). Of the patterns of one cue that start at one
/// token, only the longest stays ("du får ikke", not also "du får"): the later one, as it ends
/// no earlier. Only the few hits that start at or after the new one's first token are looked
/// at, so this is no sort of the whole list.
fn insert(hits: &mut Vec<Hit>, hit: Hit) {
    if hits.last().is_none_or(|h| h.first < hit.first) {
        hits.push(hit);
        return;
    }
    let key = |h: &Hit| (h.first, h.end, h.cue as u8);
    let tail = hits
        .iter()
        .rposition(|h| h.first < hit.first)
        .map_or(0, |i| i + 1);
    if let Some(i) = hits[tail..]
        .iter()
        .position(|h| h.first == hit.first && h.cue == hit.cue)
    {
        debug_assert!(hits[tail + i].end <= hit.end);
        hits.remove(tail + i);
    }
    let at = tail + hits[tail..].partition_point(|h| key(h) < key(&hit));
    hits.insert(at, hit);
}

/// The automaton key of a word: its tokens lower-cased between spaces; `*` drops the space on
/// its side so the pattern matches inside a word. With the number of its tokens.
fn key(word: &str) -> Option<(String, u32)> {
    let prefix = word.ends_with('*');
    let suffix = word.starts_with('*');
    let core = word.trim_matches('*').trim();
    if core.contains('*') {
        return None;
    }
    let (mut key, n) = phrase_key(core);
    if n == 0 {
        return None;
    }
    if prefix {
        key.pop();
    }
    if suffix {
        key.remove(0);
    }
    Some((key, u32::try_from(n).ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;

    fn cues(text: &str) -> Vec<(Cue, String)> {
        let lex = Lexicon::new(&LetterConfig::default());
        let doc = Document::from_text("x", text);
        lex.scan(doc.match_view())
            .iter()
            .map(|h| {
                let span = doc.token_span(h.first as usize..h.end as usize);
                (h.cue, doc.slice(span).to_string())
            })
            .collect()
    }

    #[test]
    fn whole_words_prefixes_and_suffixes() {
        let c = cues("Reglerne står i Serviceloven. Klagevejledningen og Planklagenævnet.");
        assert!(c.contains(&(Cue::Legal, "Serviceloven".into())), "{c:?}");
        assert!(c.contains(&(Cue::KlageDoc, "Klagevejledningen".into())));
        assert!(c.contains(&(Cue::Recipient, "Planklagenævnet".into())));
        assert!(!c.contains(&(Cue::KlageWord, "Planklagenævnet".into())));
        // "lov" inside "lovlig" is no legal rule.
        let c = cues("Byggetilladelsen er lovlig.");
        assert!(!c.iter().any(|(k, _)| *k == Cue::Legal), "{c:?}");
        assert!(c.contains(&(Cue::OutcomeTopic, "Byggetilladelsen".into())));
    }

    #[test]
    fn phrases_span_their_tokens() {
        let c = cues("Vi har derfor besluttet, at du får hjælp.");
        assert!(
            c.contains(&(Cue::Answer, "har derfor besluttet".into())),
            "{c:?}"
        );
        assert!(c.contains(&(Cue::WeakAnswer, "du får".into())));
    }

    #[test]
    fn user_words_are_added() {
        let cfg = LetterConfig {
            appeal_bodies: vec!["Skatteankestyrelsen".into()],
            decision_words: vec!["vi tildeler*".into()],
            ..LetterConfig::default()
        };
        let lex = Lexicon::new(&cfg);
        let doc = Document::from_text(
            "x",
            "Vi tildeler dig en plads. Klag til Skatteankestyrelsen.",
        );
        let found: Vec<Cue> = lex.scan(doc.match_view()).iter().map(|h| h.cue).collect();
        assert!(found.contains(&Cue::Answer) && found.contains(&Cue::Recipient));
    }

    #[test]
    fn closing_at_agrees_with_the_scan() {
        let lex = Lexicon::new(&LetterConfig::default());
        let doc = Document::from_text(
            "x",
            "Hilsen fra os. Med venlig hilsen\nBo\n\nVenlige hilsner, mvh og vh. Bedste hilsner \
             og de bedste hilsner. Kærlig   hilsen. Med\nhilsen",
        );
        let view = doc.match_view();
        let hits = lex.scan(view);
        for t in 0..doc.tokens.len() {
            let scanned = hits
                .iter()
                .any(|h| h.cue == Cue::Closing && h.first as usize == t);
            assert_eq!(lex.closing_at(view, t), scanned, "token {t}");
        }
        assert!(hits.iter().filter(|h| h.cue == Cue::Closing).count() >= 8);
    }

    /// The scan as it was first written: an overlapping search with the `aho-corasick` crate,
    /// tokens found by binary search, then sorted and deduplicated. The fast scan must agree.
    fn reference_scan(config: &LetterConfig, view: &MatchView) -> Vec<Hit> {
        use aho_corasick::{AhoCorasickBuilder, MatchKind};
        let (keys, patterns) = keys(config);
        let ac = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .build(&keys)
            .unwrap();
        let token_at = |offset: usize| view.starts.partition_point(|&s| s as usize <= offset) - 1;
        let mut hits = Vec::new();
        for m in ac.find_overlapping_iter(&view.text) {
            if view.starts.is_empty() {
                break;
            }
            let bytes = view.text.as_bytes();
            let start = if bytes[m.start()] == b' ' {
                m.start() + 1
            } else {
                m.start()
            };
            let last = if bytes[m.end() - 1] == b' ' {
                m.end() - 2
            } else {
                m.end() - 1
            };
            if start >= view.text.len() || start > last || start < view.starts[0] as usize {
                continue;
            }
            hits.push(Hit {
                cue: patterns[m.pattern().as_usize()].cue,
                first: token_at(start) as u32,
                end: token_at(last) as u32 + 1,
            });
        }
        hits.sort_by_key(|h| (h.first, h.cue as u8, std::cmp::Reverse(h.end)));
        hits.dedup_by_key(|h| (h.first, h.cue as u8));
        hits.sort_by_key(|h| (h.first, h.end, h.cue as u8));
        hits
    }

    fn user_config() -> LetterConfig {
        LetterConfig {
            decision_words: vec!["vi tildeler*".into(), "*bevilg*".into()],
            legal_words: vec!["*vedtægt".into(), "kap.".into()],
            hours_words: vec!["åben hus".into()],
            ..LetterConfig::default()
        }
    }

    fn assert_same_as_reference(text: &str) {
        for config in [LetterConfig::default(), user_config()] {
            let lex = Lexicon::new(&config);
            let doc = Document::from_text("x", text);
            let view = doc.match_view();
            assert_eq!(lex.scan(view), reference_scan(&config, view), "{text:?}");
        }
    }

    #[test]
    fn scan_agrees_with_the_reference_on_the_samples() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut n = 0;
        for dir in ["samples", "tests/fixtures/letters"] {
            for entry in std::fs::read_dir(root.join(dir)).unwrap() {
                let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
                assert_same_as_reference(&text);
                n += 1;
            }
        }
        assert!(n > 10);
    }

    #[test]
    fn scan_agrees_with_the_reference_on_odd_texts() {
        for text in [
            "",
            " ",
            "§",
            "Du får, du får ikke og du får ikke ... Du  får\nikke.",
            "Ring på tlf. 72 36 00 00 (mandag-fredag kl. 9-12) eller mobil 2345 6789.",
            "Klage\u{AD}vejledning: klage-\nvejledningen, påklages, Klagevejledningen vedlagt.",
            "Afgørelsen kan påklages til Planklagenævnet, jf. planloven § 58, og lov nr. 12.",
            "Vi tildeler dig en plads; bevilges, genbevilget; Vedtægt, foreningsvedtægt, kap. 3",
            "j.nr. 12.34.56, J. nr. 7, sagsnr.: 8, Sags-id 9, ref. 10, vores ref. 11 dok.nr. 12",
            "Med venlig hilsen Med venlig hilsen\n\nmvh\nvh. Bo",
            "ﬁnd afgørelse\u{200B}n ÅBNINGSTID Telefontid: man.-fre. 9-12",
        ] {
            assert_same_as_reference(text);
        }
    }

    proptest::proptest! {
        #[test]
        fn scan_agrees_with_the_reference(
            words in proptest::collection::vec(
                "(du|får|ikke|klage|klag|til|over|lov|loven|§|tlf\\.|nr\\.|j|\\.|vh|med|venlig|hilsen|ret|at|se|\\-|mandag|kl|9|12|serviceloven|vi|tildeler|ﬁ|bevilges|\n|,)",
                0..40,
            ),
            seps in proptest::collection::vec("( |  |\n|\n\n|)", 40),
        ) {
            let text: String = words
                .iter()
                .zip(&seps)
                .flat_map(|(w, s)| [w.as_str(), s.as_str()])
                .collect();
            assert_same_as_reference(&text);
        }
    }
}
