//! Rewriting a passive sentence to the active voice, where the sentence's shape makes it safe
//! to guess the actor: modal + s-passive with the reader as actor ("Skemaet skal udfyldes" →
//! "Du skal udfylde skemaet"), "bedes" ("Ansøgningen bedes sendt" → "Send ansøgningen"), and
//! s- or blive-passive with the kommune as actor ("Din ansøgning er blevet behandlet" → "Vi har
//! behandlet din ansøgning"). Anything else gets no rewrite; the message explains what to do.

use crate::da::case::{capitalize, decapitalize};
use crate::da::inflect::imperative;
use crate::da::lexicon::{Lexicon, STense};
use crate::da::passive::{GROUP_ADVERBS, Passive, PassiveKind};
use std::borrow::Cow;

use crate::document::Document;
use crate::text::tokenize::TokenKind;

/// Who acts in the rewrite.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Actor {
    /// The reader: "du".
    Reader,
    /// The kommune: "vi".
    Kommune,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rewrite {
    /// Byte span of the rewritten part of the sentence.
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub actor: Actor,
}

/// Words that begin a subject noun phrase we can move ("din ansøgning", "skemaet").
const NP_START: &[&str] = &[
    "din",
    "dit",
    "dine",
    "jeres",
    "den",
    "det",
    "de",
    "denne",
    "dette",
    "disse",
    "vores",
    "kommunens",
    "en",
    "et",
];

/// Words a subject noun phrase may hold after its first word.
fn np_word_ok(lower: &str) -> bool {
    !matches!(
        lower,
        "er" | "var"
            | "blev"
            | "bliver"
            | "blevet"
            | "skal"
            | "kan"
            | "må"
            | "bør"
            | "vil"
            | "ikke"
            | "at"
            | "og"
            | "der"
            | "som"
            | "hvis"
            | "når"
            | "de"
            | "dem"
            | "deres"
    )
}

/// Agents that mean the kommune: "af kommunen", "af os".
fn kommune_agent(words: &[String]) -> bool {
    match words {
        [w] => matches!(
            w.as_str(),
            "os" | "kommunen"
                | "forvaltningen"
                | "afdelingen"
                | "jobcentret"
                | "jobcenteret"
                | "borgerservice"
                | "sagsbehandleren"
        ),
        [.., last] => last == "kommune",
        [] => false,
    }
}

struct Sent<'d> {
    doc: &'d Document,
    start: usize,
    end: usize,
}

impl<'d> Sent<'d> {
    fn lower(&self, i: usize) -> Cow<'d, str> {
        self.doc.lower(i)
    }

    fn text(&self, i: usize) -> &str {
        self.doc.tokens[i].text(&self.doc.text)
    }

    fn is_word(&self, i: usize) -> bool {
        self.doc.tokens[i].kind == TokenKind::Word
    }

    /// Text from the end of token `i` to the end of the sentence (keeps the final punctuation).
    fn rest_after(&self, i: usize) -> &str {
        let from = self.doc.tokens[i].end as usize;
        let to = self.doc.tokens[self.end - 1].end as usize;
        &self.doc.text[from..to]
    }

    /// The subject noun phrase: tokens from the first word to `before`, if it looks like one.
    fn subject(&self, first: usize, before: usize) -> Option<String> {
        if before <= first || before - first > 6 {
            return None;
        }
        let lower: Vec<Cow<'_, str>> = (first..before).map(|i| self.lower(i)).collect();
        if (first..before).any(|i| !self.is_word(i)) || lower.iter().skip(1).any(|w| !np_word_ok(w))
        {
            return None;
        }
        // Formal address ("Deres ansøgning") is for the formal-address rule to rewrite.
        if (first..before).any(|i| matches!(self.text(i), "De" | "Dem" | "Deres")) {
            return None;
        }
        let single_noun = before - first == 1 && ends_like_definite_noun(&lower[0]);
        if !(NP_START.contains(&lower[0].as_ref())
            || single_noun
            || (before - first >= 2 && ends_like_definite_noun(&lower[0])))
        {
            return None;
        }
        let np = &self.doc.text
            [self.doc.tokens[first].start as usize..self.doc.tokens[before - 1].end as usize];
        Some(decapitalize(np))
    }
}

/// "ansøgningen", "skemaet", "ydelsen", "pengene", "beløbet": a definite noun.
fn ends_like_definite_noun(w: &str) -> bool {
    (w.ends_with("en") || w.ends_with("et") || w.ends_with("ne")) && w.chars().count() >= 5
}

/// First word of the sentence, skipping list markers.
fn first_word(doc: &Document, si: usize) -> Option<usize> {
    doc.sentences[si]
        .tokens
        .clone()
        .find(|&i| doc.tokens[i].kind == TokenKind::Word)
}

/// Adverbs between two tokens, all from the group list; None if anything else stands there.
fn adverbs_between<'d>(s: &Sent<'d>, from: usize, to: usize) -> Option<Vec<Cow<'d, str>>> {
    (from..to)
        .map(|i| Some(s.lower(i)).filter(|w| GROUP_ADVERBS.contains(&w.as_ref()) && w != "hermed"))
        .collect()
}

/// Removes a leading "af <agent>" from `rest` when it names the kommune; returns None when it
/// names someone else (then we cannot guess the actor).
fn strip_agent(rest: &str) -> Option<String> {
    let trimmed = rest.trim_start();
    let Some(after) = trimmed.strip_prefix("af ") else {
        return Some(rest.to_string());
    };
    let end = after
        .find([',', '.', '!', '?', ';', ':'])
        .unwrap_or(after.len());
    let words: Vec<String> = after[..end]
        .split_whitespace()
        .map(str::to_lowercase)
        .collect();
    if kommune_agent(&words) {
        Some(after[end..].to_string())
    } else {
        None
    }
}

fn join(parts: &[&str]) -> String {
    parts
        .iter()
        .filter(|p| !p.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The active rewrite of a passive, or None when the sentence is not of a shape we rewrite.
pub fn rewrite(doc: &Document, p: &Passive) -> Option<Rewrite> {
    let lex = Lexicon::get();
    let sent = &doc.sentences[p.sentence];
    let s = Sent {
        doc,
        start: sent.tokens.start,
        end: sent.tokens.end,
    };
    let first = first_word(doc, p.sentence)?;
    let _ = s.start;
    let verb_lower = s.lower(p.verb);
    let start_byte = doc.tokens[first].start as usize;
    let end_byte = doc.tokens[s.end - 1].end as usize;
    let make = |text: String, actor| {
        Some(Rewrite {
            start: start_byte,
            end: end_byte,
            text: capitalize(&text),
            actor,
        })
    };
    match p.kind {
        PassiveKind::S if verb_lower == "bedes" => {
            // "NP bedes [adv] PARTICIPLE REST" → "Imp np REST"; "Du/De bedes INF REST" → "Imp REST".
            let mut i = p.verb + 1;
            while i < s.end && s.lower(i) == "venligst" {
                i += 1;
            }
            if i >= s.end || !s.is_word(i) {
                return None;
            }
            let w = s.lower(i);
            let subject_is_reader =
                p.verb == first + 1 && matches!(s.lower(first).as_ref(), "du" | "de");
            if subject_is_reader {
                lex.verb(&w)?;
                return make(
                    format!("{}{}", imperative(&w), s.rest_after(i)),
                    Actor::Reader,
                );
            }
            let verb = lex.participle(&w)?;
            let np = s.subject(first, p.verb)?;
            // "accepteret eller afvist": every coordinated participle becomes an imperative.
            let mut verbs = imperative(verb.infinitive);
            let mut last = i;
            while last + 2 < s.end && matches!(s.lower(last + 1).as_ref(), "og" | "eller") {
                let Some(next) = lex.participle(&s.lower(last + 2)) else {
                    break;
                };
                verbs = format!(
                    "{verbs} {} {}",
                    s.lower(last + 1),
                    imperative(next.infinitive)
                );
                last += 2;
            }
            make(format!("{verbs} {np}{}", s.rest_after(last)), Actor::Reader)
        }
        PassiveKind::S => {
            let is_der = s.lower(first) == "der";
            // "Det bemærkes, at …" has no actor to name: the writer just comments.
            if s.lower(first) == "det" && (p.verb == first + 1 || p.modal == Some(first + 1)) {
                return None;
            }
            if let Some(m) = p.modal {
                // "NP modal [adv] V-s [og V-s] REST" → "Du modal [adv] inf [og inf] np REST".
                let advs = adverbs_between(&s, m + 1, p.verb)?;
                let np = if is_der && m == first + 1 {
                    String::new()
                } else {
                    s.subject(first, m)?
                };
                let mut verbs = vec![p.lemma.infinitive.to_string()];
                let mut last = p.verb;
                // Coordinated s-passives: "udfyldes og returneres".
                while last + 2 < s.end && s.lower(last + 1) == "og" {
                    let Some((v, STense::Present)) = lex.s_form(&s.lower(last + 2)) else {
                        break;
                    };
                    verbs.push(v.infinitive.to_string());
                    last += 2;
                }
                let advs: Vec<&str> = advs.iter().map(AsRef::as_ref).collect();
                let text = join(&[
                    &join(&["du", &s.lower(m)]),
                    &advs.join(" "),
                    &verbs.join(" og "),
                    &np,
                ]);
                return make(format!("{text}{}", s.rest_after(last)), Actor::Reader);
            }
            // "NP V-s REST" → "Vi V-pres np REST"; "Der V-s REST" → "Vi V-pres REST".
            let finite = match p.tense {
                STense::Present => &p.lemma.present,
                STense::Past => &p.lemma.past,
            };
            let np = if is_der {
                String::new()
            } else {
                s.subject(first, p.verb)?
            };
            let rest = strip_agent(s.rest_after(p.verb))?;
            make(
                format!("{}{rest}", join(&["vi", finite, &np])),
                Actor::Kommune,
            )
        }
        PassiveKind::Blive => {
            let aux = p.aux?;
            let aux_lower = s.lower(aux);
            // The group: [modal] [er/var] blive-form [adv] participle.
            let group_start = p.modal.unwrap_or(p.first);
            let np = s.subject(first, group_start)?;
            let mut advs = adverbs_between(&s, p.first + 1, aux)?;
            advs.extend(adverbs_between(&s, aux + 1, p.verb)?);
            let advs: Vec<&str> = advs.iter().map(AsRef::as_ref).collect();
            let rest = strip_agent(s.rest_after(p.verb))?;
            let finite_and_verb: Vec<String> = match (p.modal, aux_lower.as_ref(), p.first < aux) {
                (Some(m), "blive", _) => {
                    vec![s.lower(m).into_owned(), p.lemma.infinitive.to_string()]
                }
                (None, "blevet", true) => {
                    let have = if s.lower(p.first) == "var" {
                        "havde"
                    } else {
                        "har"
                    };
                    vec![have.into(), p.lemma.participle.to_string()]
                }
                (None, "blev", _) => vec![p.lemma.past.to_string()],
                (None, "bliver", _) => vec![p.lemma.present.to_string()],
                _ => return None,
            };
            let text = match finite_and_verb.as_slice() {
                [finite, verb] => join(&["vi", finite, &advs.join(" "), verb, &np]),
                [finite] => join(&["vi", finite, &advs.join(" "), &np]),
                _ => return None,
            };
            make(format!("{text}{rest}"), Actor::Kommune)
        }
        PassiveKind::Vaere => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::da::passive;

    fn active(text: &str) -> Vec<String> {
        let doc = Document::from_text("t", text);
        passive::find(&doc)
            .iter()
            .filter_map(|p| rewrite(&doc, p))
            .map(|r| r.text)
            .collect()
    }

    #[test]
    fn rewrites_read_as_correct_danish() {
        assert_eq!(
            active("Skemaet skal udfyldes."),
            ["Du skal udfylde skemaet."]
        );
        assert_eq!(
            active("Skemaet skal udfyldes og returneres inden 1. maj.")[0],
            "Du skal udfylde og returnere skemaet inden 1. maj."
        );
        assert_eq!(
            active("Kopien kan ses på borger.dk."),
            ["Du kan se kopien på borger.dk."]
        );
        assert_eq!(
            active("Ansøgningen bedes sendt inden fredag."),
            ["Send ansøgningen inden fredag."]
        );
        assert_eq!(
            active("Tilbuddet bedes accepteret eller afvist senest fredag."),
            ["Accepter eller afvis tilbuddet senest fredag."]
        );
        assert_eq!(
            active("Du bedes venligst sende lønsedlerne."),
            ["Send lønsedlerne."]
        );
        assert_eq!(
            active("Din ansøgning er blevet behandlet."),
            ["Vi har behandlet din ansøgning."]
        );
        assert_eq!(
            active("Din sag er endnu ikke blevet behandlet af kommunen."),
            ["Vi har endnu ikke behandlet din sag."]
        );
        assert_eq!(
            active("Ydelsen udbetales den første hverdag i måneden."),
            ["Vi udbetaler ydelsen den første hverdag i måneden."]
        );
        assert_eq!(
            active("Ydelsen vil blive udbetalt den 1. juni."),
            ["Vi vil udbetale ydelsen den 1. juni."]
        );
        assert_eq!(
            active("Sagen blev afgjort i går."),
            ["Vi afgjorde sagen i går."]
        );
        assert_eq!(
            active("Der lægges vægt på dine lønsedler."),
            ["Vi lægger vægt på dine lønsedler."]
        );
        assert_eq!(
            active("Der skal betales husleje hver måned."),
            ["Du skal betale husleje hver måned."]
        );
    }

    #[test]
    fn no_rewrite_when_the_actor_or_shape_is_unclear() {
        assert!(active("Din klage er blevet behandlet af Ankestyrelsen.").is_empty());
        assert!(active("I dag er din ansøgning blevet behandlet.").is_empty());
        assert!(active("Deres ansøgning er blevet behandlet.").is_empty());
        assert!(active("Det bemærkes, at fristen er kort.").is_empty());
    }
}
