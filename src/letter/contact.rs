//! `brev/kontakt`: can the reader reach a person? A named sender, a phone number, an e-mail
//! address (or Digital Post), telephone hours and an address. One finding lists what is missing.

use std::sync::LazyLock;

use super::lexicon::Cue;
use super::{Facts, LetterAnalyzer, join_da};
use crate::da::numbers::{self, Label};
use crate::finding::{Category, Finding, Severity};
use crate::rules::{Context, Example, RuleInfo};
use crate::text::segment::SentenceKind;
use crate::text::tokenize::{TokenKind, flag};

pub const ID: &str = "brev/kontakt";

pub fn rules() -> Vec<RuleInfo> {
    vec![RuleInfo::builtin(
        ID,
        Category::Required,
        Severity::Warning,
        "Brevet mangler {mangler}. Borgeren skal kunne se, hvem der har skrevet brevet, og hvordan man får fat i en person.",
        "En borger med spørgsmål skal kunne ringe eller skrive til den, der har skrevet brevet. \
         Skriv dit navn under brevet (ikke kun afdelingens), dit direkte telefonnummer, din e-mail, \
         hvornår man kan ringe, og kommunens adresse. Niveau: fejl, når der hverken er telefonnummer \
         eller e-mail; advarsel, når navn eller telefonnummer mangler; info, når kun e-mail, \
         telefontid eller adresse mangler.",
        vec![
            Example {
                bad: Some(
                    "Kære Anne\n\nVi har fået din ansøgning. Du får svar inden for fire uger.\n\n\
                     Med venlig hilsen\n\nBorgerservice"
                        .into(),
                ),
                ..Example::default()
            },
            Example {
                good: Some(
                    "Holbæk Kommune\nKanalstræde 2\n4300 Holbæk\n\nKære Anne\n\nVi har fået din ansøgning. \
                     Du får svar inden for fire uger. Ring til mig på 72 36 41 18 mandag-fredag kl. 9-12, \
                     eller skriv til bo.holm@holbaek.dk.\n\nMed venlig hilsen\n\nBo Holm\nSagsbehandler"
                        .into(),
                ),
                ..Example::default()
            },
        ],
    )]
}

/// Who signed the letter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sender {
    /// A person's name.
    Named,
    /// Only a department or the kommune.
    DepartmentOnly,
    /// No signature found.
    None,
}

/// What the letter offers the reader to get in touch.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Contact {
    pub sender: Sender,
    pub phone: bool,
    /// An e-mail address or Digital Post.
    pub written: bool,
    pub email: bool,
    pub hours: bool,
    pub address: bool,
}

impl Contact {
    pub fn find(f: &Facts<'_>, a: &LetterAnalyzer) -> Contact {
        let doc = f.doc;
        let mut buf = String::new();
        let phone = (0..doc.tokens.len()).any(|i| is_phone(f, i, &mut buf));
        // From the end: an e-mail address mostly stands in the signature.
        let email = doc.tokens.iter().rev().any(|t| t.kind == TokenKind::Email);
        let written = email || f.hits.iter().any(|h| h.cue == Cue::WrittenChannel);
        let hours = (0..doc.sentences.len()).any(|s| has_hours(f, s));
        Contact {
            sender: sender(f, &a.config.department_words),
            phone,
            written,
            email,
            hours,
            address: has_address(f, &a.config.department_words),
        }
    }

    /// What is missing, in Danish, and the severity it deserves.
    pub fn missing(&self) -> (Vec<&'static str>, Severity) {
        let mut items = Vec::new();
        match self.sender {
            Sender::Named => {}
            Sender::DepartmentOnly => {
                items.push("navnet på den, der har skrevet brevet (der står kun en afdeling)")
            }
            Sender::None => items.push("navnet på den, der har skrevet brevet"),
        }
        if !self.phone {
            items.push("et telefonnummer");
        }
        if !self.written {
            items.push("en e-mailadresse");
        }
        if self.phone && !self.hours {
            items.push("telefontid (hvornår man kan ringe)");
        }
        if !self.address {
            items.push("kommunens adresse");
        }
        let severity = if !self.phone && !self.written {
            Severity::Error
        } else if !self.phone || self.sender != Sender::Named {
            Severity::Warning
        } else {
            Severity::Info
        };
        (items, severity)
    }
}

pub fn check(f: &Facts<'_>, a: &LetterAnalyzer, ctx: &Context<'_>, out: &mut Vec<Finding>) {
    if ctx.rule(ID).is_none() {
        return;
    }
    let c = Contact::find(f, a);
    let (items, severity) = c.missing();
    if items.is_empty() {
        return;
    }
    let message = if !c.phone && !c.written {
        let rest: Vec<&str> = items
            .iter()
            .copied()
            .filter(|i| *i != "et telefonnummer" && *i != "en e-mailadresse")
            .collect();
        let mut m = "Borgeren kan hverken ringe eller skrive til dig: brevet har intet telefonnummer og ingen e-mailadresse.".to_string();
        if !rest.is_empty() {
            m.push_str(&format!(" Der mangler også {}.", join_da(&rest)));
        }
        m.push_str(
            " Skriv dit navn, dit direkte telefonnummer, din e-mail og hvornår man kan ringe.",
        );
        m
    } else {
        format!(
            "Brevet mangler {}. Borgeren skal kunne se, hvem der har skrevet brevet, og hvordan man får fat i en person.",
            join_da(&items)
        )
    };
    a.emit(ctx, out, ID, Some(severity), f.doc.end_span(), message);
}

/// Is token `i` a phone number? A phone-shaped token ("72 36 00 00", "+45 7236 0000") that is
/// not part of a case or account number, or eight bare digits after "tlf.", "telefon", "ring".
pub fn is_phone(f: &Facts<'_>, i: usize, buf: &mut String) -> bool {
    let doc = f.doc;
    let t = &doc.tokens[i];
    let text = doc.text.as_str();
    match t.kind {
        TokenKind::Phone => {
            if numbers::inside_code(text, t) {
                return false;
            }
            // "2026 7236 0000": the tail of a longer run of digit groups.
            if i > 0 {
                let p = &doc.tokens[i - 1];
                let gap = &text[p.end as usize..t.start as usize];
                if p.kind == TokenKind::Number && gap.chars().all(|c| c == ' ' || c == '\u{A0}') {
                    return false;
                }
            }
            !matches!(
                numbers::label_before(doc, i, 4, &[], buf),
                Some(Label::Case | Label::OtherNumber | Label::Cpr)
            )
        }
        TokenKind::Number => {
            let s = t.text(text);
            let bare = s.bytes().all(|b| b.is_ascii_digit())
                && (s.len() == 8 || (s.len() == 12 && s.starts_with("0045")));
            bare && !numbers::inside_code(text, t)
                && numbers::label_before(doc, i, 4, &[], buf) == Some(Label::Phone)
        }
        _ => false,
    }
}

/// Telephone hours in sentence `s`: "telefontid", or a time range ("kl. 9-12", "10.00-14.00",
/// "mellem kl. 9 og 12") with a weekday or a phone word in the same sentence.
fn has_hours(f: &Facts<'_>, s: usize) -> bool {
    if f.has(s, Cue::HoursWord) {
        return true;
    }
    if !(f.has(s, Cue::Weekday) || f.has(s, Cue::PhoneWord)) {
        return false;
    }
    time_range(f, s)
}

fn hour(f: &Facts<'_>, t: usize) -> bool {
    let tok = &f.doc.tokens[t];
    tok.kind == TokenKind::Number
        && f.word(t)
            .split(['.', ':'])
            .next()
            .and_then(|h| h.parse::<u32>().ok())
            .is_some_and(|h| h <= 24)
}

fn time_range(f: &Facts<'_>, s: usize) -> bool {
    let r = f.doc.sentences[s].tokens.clone();
    let toks = &f.doc.tokens;
    for t in r.clone() {
        if !hour(f, t) || t + 2 >= r.end {
            continue;
        }
        let mid = f.word(t + 1);
        let dash = matches!(mid, "-" | "–" | "—") && toks[t + 1].kind == TokenKind::Punct;
        let word_between = matches!(mid, "til" | "og");
        if (dash || word_between) && hour(f, t + 2) {
            // A dash range needs no "kl."; "9 til 12" does.
            if dash || (t > r.start && matches!(f.word(t - 1), "kl." | "klokken")) {
                return true;
            }
        }
    }
    false
}

/// Who signed: the lines after the closing, a line after "Sagsbehandler:", or (without a
/// closing) the lines of the last paragraph.
fn sender(f: &Facts<'_>, extra: &[String]) -> Sender {
    let doc = f.doc;
    let mut candidates: Vec<(usize, usize)> = Vec::new();
    let sig = f.layout.signature.clone();
    if let Some(c) = f.layout.closing {
        // "Med venlig hilsen Bo Holm" on one line: the words after the closing phrase.
        let closing_end = f
            .hits_in(c)
            .iter()
            .filter(|h| h.cue == Cue::Closing)
            .map(|h| h.end as usize)
            .max();
        if let Some(e) = closing_end
            && e < doc.sentences[c].tokens.end
        {
            candidates.push((e, doc.sentences[c].tokens.end));
        }
        for s in sig.clone().take(8) {
            candidates.push((doc.sentences[s].tokens.start, doc.sentences[s].tokens.end));
        }
    } else if let Some(last) = doc.paragraphs.last() {
        for s in last.sentences.clone() {
            if doc.sentences[s].kind == SentenceKind::Line {
                candidates.push((doc.sentences[s].tokens.start, doc.sentences[s].tokens.end));
            }
        }
    }
    // "Sagsbehandler: Bo Holm" in the header or the contact paragraph.
    for s in 0..doc.sentences.len().saturating_sub(1) {
        if f.has(s, Cue::SenderLabel) && f.ends_with_colon(s) && doc.sentences[s].words <= 3 {
            let n = &doc.sentences[s + 1];
            candidates.push((n.tokens.start, n.tokens.end));
        }
    }
    let mut department = false;
    for (a, b) in candidates {
        match name_line(f, a, b, extra) {
            Some(true) => return Sender::Named,
            Some(false) => department = true,
            None => {}
        }
    }
    if department {
        Sender::DepartmentOnly
    } else {
        Sender::None
    }
}

/// Particles that may stand in lower case inside a name.
const PARTICLES: &[&str] = &[
    "van", "von", "der", "den", "de", "la", "le", "du", "af", "bin", "al",
];

/// Reads tokens `a..b` up to the first comma or parenthesis: Some(true) for a person's name
/// (two to five capitalised words, no department word), Some(false) for a department or the
/// kommune, None for anything else (a title, a phone line).
fn name_line(f: &Facts<'_>, a: usize, b: usize, extra: &[String]) -> Option<bool> {
    let doc = f.doc;
    let mut words = 0;
    let mut dept = false;
    let mut name_ok = true;
    for t in a..b {
        let tok = &doc.tokens[t];
        let w = f.word(t);
        match tok.kind {
            TokenKind::Word => {
                if is_department_word(w, extra) || w == "og" {
                    dept = true;
                }
                if !(tok.has(flag::CAPITAL) || PARTICLES.contains(&w)) {
                    name_ok = false;
                }
                words += 1;
            }
            TokenKind::Punct if matches!(w, "," | "(" | "/" | "|" | "–" | "-") && words > 0 => {
                break;
            }
            // Markdown emphasis and list marks around a name: "**Bo Holm**", "- Bo Holm".
            TokenKind::Punct if matches!(w, "." | "*" | "_" | "#" | "-" | "•" | ">") => {}
            _ => {
                name_ok = false;
                break;
            }
        }
    }
    if words == 0 {
        return None;
    }
    if dept {
        return Some(false);
    }
    (name_ok && (2..=5).contains(&words)).then_some(true)
}

/// Words that make a line a department or an authority rather than a person: "Kommune",
/// "Borgerservice", "Jobcenter", "Pladsanvisningen", "Teknik og Miljø" (checked elsewhere by
/// its "og"). Matched on the end of the lower-cased word, so compounds count too. `extra`
/// (lower case) uses the `*` patterns of `[letter]`.
pub fn is_department_word(w: &str, extra: &[String]) -> bool {
    /// The endings, by their last byte: a word is compared only with those that may fit.
    static BY_LAST_BYTE: LazyLock<Vec<Vec<&str>>> = LazyLock::new(|| {
        let mut by_last = vec![Vec::new(); 256];
        for e in DEPARTMENT_ENDINGS {
            by_last[usize::from(e.as_bytes()[e.len() - 1])].push(*e);
        }
        by_last
    });
    w.as_bytes()
        .last()
        .is_some_and(|&b| BY_LAST_BYTE[usize::from(b)].iter().any(|e| w.ends_with(e)))
        || extra.iter().any(|e| {
            let core = e.trim_matches('*');
            match (e.starts_with('*'), e.ends_with('*')) {
                (true, true) => w.contains(core),
                (true, false) => w.ends_with(core),
                (false, true) => w.starts_with(core),
                (false, false) => w == core,
            }
        })
}

/// The endings of `is_department_word`.
const DEPARTMENT_ENDINGS: &[&str] = &[
    "kommune",
    "kommunes",
    "afdeling",
    "afdelingen",
    "center",
    "centeret",
    "centret",
    "service",
    "sekretariat",
    "sekretariatet",
    "forvaltning",
    "forvaltningen",
    "enhed",
    "enheden",
    "team",
    "teamet",
    "kontor",
    "kontoret",
    "visitation",
    "visitationen",
    "anvisning",
    "anvisningen",
    "styrelse",
    "styrelsen",
    "region",
    "regionen",
    "udvalg",
    "udvalget",
    "myndighed",
    "myndigheden",
    "rådhus",
    "rådhuset",
    "direktion",
    "direktionen",
    "byråd",
    "byrådet",
    "staben",
    "funktionen",
    "ydelser",
    "plejen",
    "skolen",
    "institution",
    "institutionen",
    "tilsyn",
    "tilsynet",
    "sektion",
    "sektionen",
    "jobcenter",
    "jobcentret",
    "jobcenteret",
    "borgerservice",
    "byggeri",
    "miljø",
    "teknik",
    "sundhed",
    "omsorg",
    "familie",
    "kultur",
    "fritid",
    "uddannelse",
    "beskæftigelse",
    "økonomi",
    "opkrævning",
    "opkrævningen",
    "administration",
    "administrationen",
    "rådgivning",
    "rådgivningen",
    "forsyning",
    "genbrug",
    "affald",
    "handicap",
    "psykiatri",
    "ældre",
    "kommunen",
];

/// A street ("Kanalstræde 2"), a postcode and town ("4300 Holbæk") or "Postboks 12".
fn address_at(f: &Facts<'_>, t: usize) -> bool {
    const STREET: &[&str] = &[
        "vej",
        "vejen",
        "gade",
        "gaden",
        "torv",
        "torvet",
        "plads",
        "pladsen",
        "allé",
        "alle",
        "vænget",
        "stræde",
        "strædet",
        "boulevard",
        "bakken",
        "parken",
        "toften",
        "haven",
        "vang",
        "vangen",
        "stien",
        "løkke",
        "marken",
        "høj",
        "lunden",
        "kaj",
        "kajen",
        "havn",
    ];
    let doc = f.doc;
    let toks = &doc.tokens;
    let Some(next) = toks.get(t + 1) else {
        return false;
    };
    let tok = &toks[t];
    // A number and a word, or a word and a number: most tokens are neither.
    if !matches!(
        (tok.kind, next.kind),
        (TokenKind::Number, TokenKind::Word) | (TokenKind::Word, TokenKind::Number)
    ) {
        return false;
    }
    let gap = &doc.text[tok.end as usize..next.start as usize];
    if gap != " " && gap != "\u{A0}" {
        return false;
    }
    let w = f.word(t);
    match tok.kind {
        TokenKind::Number => {
            w.len() == 4
                && w.bytes().all(|b| b.is_ascii_digit())
                && w.parse::<u32>().is_ok_and(|n| (800..=9999).contains(&n))
                && next.has(flag::CAPITAL)
        }
        TokenKind::Word => {
            (tok.has(flag::CAPITAL) && STREET.iter().any(|s| w.ends_with(s))) || w == "postboks"
        }
        _ => false,
    }
}

/// The kommune's address: in the letterhead (a header paragraph that names the kommune or a
/// department), in the signature, or in a sentence about where to come ("Borgerservice på
/// Rådhuspladsen 1").
fn has_address(f: &Facts<'_>, extra: &[String]) -> bool {
    let doc = f.doc;
    let sig = f.layout.signature.clone();
    for p in &doc.paragraphs {
        let sents = p.sentences.clone();
        let in_header = p.span.start < f.layout.body_start;
        let tokens = || sents.clone().flat_map(|s| doc.sentences[s].tokens.clone());
        // Tokens outside sentences (a line with only "4300 Holbæk" has a word, so it is one).
        let has_unit = || tokens().any(|t| address_at(f, t));
        if in_header && tokens().any(|t| is_department_word(f.word(t), extra)) && has_unit() {
            return true;
        }
        for s in sents.clone() {
            if (sig.contains(&s) || f.has(s, Cue::AddressWord))
                && doc.sentences[s].tokens.clone().any(|t| address_at(f, t))
            {
                return true;
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Settings;
    use crate::document::Document;

    fn contact(text: &str) -> Contact {
        let a = LetterAnalyzer::new(&Settings::default());
        let doc = Document::from_text("x", text);
        let f = Facts::new(&doc, &a.lexicon);
        Contact::find(&f, &a)
    }

    const HEAD: &str = "Holbæk Kommune\nSocialafdelingen\nKanalstræde 2\n4300 Holbæk\n\nAnne Jensen\nEgevej 3\n4300 Holbæk\n\nKære Anne\n\nDu får hjælp.\n\n";

    #[test]
    fn a_full_signature() {
        let c = contact(&format!(
            "{HEAD}Ring til mig på tlf. 72360000 mandag-fredag kl. 9-12, eller skriv til bo@holb.dk.\n\nMed venlig hilsen\n\nBo Holm\nSagsbehandler"
        ));
        assert_eq!(
            c,
            Contact {
                sender: Sender::Named,
                phone: true,
                written: true,
                email: true,
                hours: true,
                address: true
            }
        );
    }

    #[test]
    fn names_in_markdown_and_with_titles() {
        for sig in [
            "**Bo Holm**",
            "Bo Holm, sagsbehandler",
            "BO HOLM",
            "Bo Holm (sagsbehandler)",
        ] {
            let c = contact(&format!("{HEAD}Med venlig hilsen\n\n{sig}"));
            assert_eq!(c.sender, Sender::Named, "{sig}");
        }
    }

    #[test]
    fn a_department_alone_is_not_a_named_sender() {
        let c = contact(&format!(
            "{HEAD}Ring på 72 36 00 00.\n\nMed venlig hilsen\n\nBorgerservice\nHolbæk Kommune"
        ));
        assert_eq!(c.sender, Sender::DepartmentOnly);
        let c = contact(&format!("{HEAD}Med venlig hilsen\n\nKultur og Fritid"));
        assert_eq!(c.sender, Sender::DepartmentOnly);
        let (items, sev) = c.missing();
        assert_eq!(sev, Severity::Error, "{items:?}");
    }

    #[test]
    fn a_phone_number_inside_a_case_number_is_no_phone() {
        for case in [
            "Sagsnr.: 27.24.00-72360000-24",
            "Sagsnr. 72 36 00 00-17",
            "J.nr. 2026 7236 0000",
            "Sagsnummer 72360000",
        ] {
            let c = contact(&format!(
                "{case}\n\n{HEAD}Med venlig hilsen\n\nBo Holm\nbo@holb.dk"
            ));
            assert!(!c.phone, "{case}");
        }
    }

    #[test]
    fn phone_forms() {
        for phone in [
            "72 36 00 00",
            "+45 72360000",
            "7236 0000",
            "tlf. 72360000",
            "+45 72 36 00 00",
        ] {
            let c = contact(&format!(
                "{HEAD}Ring til mig på {phone}.\n\nMed venlig hilsen\nBo Holm"
            ));
            assert!(c.phone, "{phone}");
        }
        let c = contact(&format!(
            "{HEAD}Beløbet er 72360000 kr.\n\nMed venlig hilsen\nBo Holm"
        ));
        assert!(!c.phone);
    }

    #[test]
    fn hours_need_a_range_near_a_weekday_or_phone() {
        let with = |s: &str| contact(&format!("{HEAD}{s}\n\nMed venlig hilsen\nBo Holm")).hours;
        assert!(with("Telefontid: mandag kl. 9."));
        assert!(with("Du kan ringe mellem kl. 9 og 12."));
        assert!(with("Vi har åbent mandag-torsdag 10.00–14.00."));
        assert!(!with("Mødet er den 3. marts kl. 10.00-12.00."));
        assert!(!with("Støjen om natten kl. 22-07 er for høj."));
    }

    #[test]
    fn the_recipients_address_is_not_the_kommunes() {
        let c = contact(
            "Anne Jensen\nEgevej 3\n4300 Holbæk\n\nKære Anne\n\nDu får hjælp.\n\nMed venlig hilsen\nBo Holm",
        );
        assert!(!c.address);
        let c = contact(
            "Kære Anne\n\nDu kan hente passet i Borgerservice på Rådhuspladsen 1.\n\nMed venlig hilsen\nBo Holm",
        );
        assert!(c.address);
    }

    #[test]
    fn digital_post_is_a_written_channel() {
        let c = contact(&format!(
            "{HEAD}Skriv til os med Digital Post.\n\nMed venlig hilsen\nBo Holm"
        ));
        assert!(c.written && !c.email);
    }
}
