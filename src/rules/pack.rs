//! Loading a rule pack: parse the TOML, validate every rule (errors name file, line and rule id)
//! and turn it into `RuleSpec`s ready to compile.

use std::sync::Arc;

use crate::da::inflect::{self, Piece};
use crate::error::{Error, Result, line_of, toml_message};
use crate::finding::{Applicability, Category, Severity};
use crate::rules::phrases::{self, Keyed};
use crate::rules::schema::{CompiledPack, Example, Kind, Metric, PackFile, PackHeader, RuleDef};

/// The largest compiled size of one regex (bytes); hostile packs get an error, not a hang.
pub const REGEX_SIZE_LIMIT: usize = 1 << 20;
/// The most concrete phrases (after inflection) one pack may expand to.
pub const MAX_PHRASES_PER_PACK: usize = 200_000;

/// What a rule is, for listing, explaining, testing and reporting.
#[derive(Clone, Debug)]
pub struct RuleInfo {
    /// "pack/id".
    pub id: Arc<str>,
    pub pack: String,
    pub kind: Kind,
    pub category: Category,
    pub severity: Severity,
    pub applicability: Option<Applicability>,
    /// The message template, Danish.
    pub message: String,
    pub why: Option<String>,
    pub examples: Vec<Example>,
    /// The pack file and line the rule comes from.
    pub file: String,
    pub line: usize,
    /// The phrases as written (for `rules explain`).
    pub phrases: Vec<String>,
    pub replace: Vec<String>,
    pub metric: Option<Metric>,
    pub max: Option<f64>,
}

impl RuleInfo {
    /// The info of a rule written in Rust (`Kind::Builtin`): id "pack/name", a Danish message
    /// template and explanation, and examples that `klarsprog rules test` runs.
    pub fn builtin(
        id: &str,
        category: Category,
        severity: Severity,
        message: &str,
        why: &str,
        examples: Vec<Example>,
    ) -> RuleInfo {
        RuleInfo {
            id: id.into(),
            pack: id.split('/').next().unwrap_or(id).to_string(),
            kind: Kind::Builtin,
            category,
            severity,
            applicability: None,
            message: message.to_string(),
            why: Some(why.to_string()),
            examples,
            file: "indbygget".to_string(),
            line: 0,
            phrases: Vec::new(),
            replace: Vec::new(),
            metric: None,
            max: None,
        }
    }
}

/// A validated rule with its templates parsed and its phrases inflected into match keys
/// (done here, on the thread that reads the pack, not when the rule set is built).
#[derive(Clone, Debug)]
pub struct RuleSpec {
    pub info: RuleInfo,
    pub phrases: Vec<Keyed>,
    pub regex: Option<String>,
    pub replace: Vec<Vec<Piece>>,
    pub once: bool,
    /// The `when` phrases, inflected.
    pub when: Vec<Keyed>,
    pub when_regex: Option<String>,
}

#[derive(Clone, Debug)]
pub struct Pack {
    pub name: String,
    pub description: String,
    pub file: String,
    pub rules: Vec<RuleSpec>,
}

fn valid_name(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
}

/// Parses and validates a pack. `file` names it in errors.
pub fn parse_pack(file: &str, source: &str) -> Result<Pack> {
    let parsed: PackFile = toml::from_str(source).map_err(|e| {
        let at = e.span().map_or(0, |s| s.start.min(source.len()));
        Error::Pack {
            file: file.to_string(),
            line: line_of(source, at),
            rule: rule_id_around(source, at),
            message: toml_message(e.message()),
        }
    })?;
    // Line starts, once, so each rule's line is a binary search (not a scan from the top).
    let lines = crate::text::span::LineIndex::new(source);
    let defs = parsed
        .rule
        .into_iter()
        .map(|spanned| {
            let start = spanned.span().start;
            let rest = &source[start..];
            let line = lines.line_of(start + rest.len() - rest.trim_start().len()) + 1;
            (line, spanned.into_inner())
        })
        .collect();
    validate_pack(file, parsed.pack, defs)
}

/// A default pack as build.rs compiled it: the same rules as JSON, each with its line.
/// `None` when the JSON does not hold a valid pack; the caller then parses the TOML, which
/// reports the error.
pub fn parse_compiled(file: &str, json: &str) -> Option<Pack> {
    let parsed: CompiledPack = serde_json::from_str(json).ok()?;
    let defs = parsed.rule.into_iter().map(|r| (r.line, r.def)).collect();
    validate_pack(file, parsed.pack, defs).ok()
}

/// Validates the rules of a pack, given with their lines.
fn validate_pack(file: &str, header: PackHeader, defs: Vec<(usize, RuleDef)>) -> Result<Pack> {
    let name = header.name.trim().to_string();
    if !valid_name(&name) {
        return Err(Error::Pack {
            file: file.into(),
            line: 1,
            rule: None,
            message: format!(
                "pakkens navn «{name}» må kun have små bogstaver a-z, tal og bindestreg"
            ),
        });
    }
    let mut rules: Vec<RuleSpec> = Vec::with_capacity(defs.len());
    let mut seen_ids: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut forms = 0usize;
    for (line, def) in defs {
        let id = def.id.clone();
        let err = |message: String| Error::Pack {
            file: file.into(),
            line,
            rule: Some(id.clone()),
            message,
        };
        if !valid_name(&def.id) {
            return Err(err("id må kun have små bogstaver a-z, tal og bindestreg (skriv ae, oe og aa for æ, ø og å)".into()));
        }
        if let Some(first_line) = seen_ids.get(def.id.as_str()) {
            return Err(err(format!(
                "id'et findes allerede i pakken (linje {first_line})"
            )));
        }
        seen_ids.insert(def.id.clone(), line);
        let spec = validate(&name, file, line, def, &mut forms).map_err(err)?;
        rules.push(spec);
    }
    Ok(Pack {
        name,
        description: header.description,
        file: file.to_string(),
        rules,
    })
}

/// The id of the `[[rule]]` table that holds byte `at` of a pack's source, read from its
/// `id = "…"` line, for errors the TOML parser reports before any rule is built.
fn rule_id_around(source: &str, at: usize) -> Option<String> {
    let is_header = |l: &str| l.trim_start().starts_with('[');
    let mut table_is_rule = false;
    let mut in_sub_table = false;
    let mut id = None;
    let mut offset = 0;
    for line in source.split_inclusive('\n') {
        let trimmed = line.trim();
        if is_header(line) {
            if offset > at {
                break;
            }
            // A rule's own sub-tables ([[rule.examples]]) stay inside the rule.
            let name = trimmed.trim_matches(['[', ']', ' ']);
            in_sub_table = name.starts_with("rule.");
            if name == "rule" {
                table_is_rule = true;
                id = None;
            } else if !in_sub_table {
                table_is_rule = false;
                id = None;
            }
        } else if table_is_rule
            && !in_sub_table
            && id.is_none()
            && let Some(rest) = trimmed.strip_prefix("id")
            && let Some(value) = rest.trim_start().strip_prefix('=')
        {
            let value = value.trim().trim_matches(['"', '\'']);
            if !value.is_empty() {
                id = Some(value.to_string());
            }
        }
        offset += line.len();
    }
    if table_is_rule { id } else { None }
}

/// One rule, validated; `forms` counts the pack's inflected phrases so far.
fn validate(
    pack: &str,
    file: &str,
    line: usize,
    def: RuleDef,
    forms: &mut usize,
) -> Result<RuleSpec, String> {
    let has_match = !def.phrases.is_empty() || def.regex.is_some();
    match def.kind {
        Kind::Substitution | Kind::Existence | Kind::Required if !has_match => {
            return Err(format!(
                "kind = \"{}\" skal have «phrases» eller «regex»",
                def.kind.as_str()
            ));
        }
        Kind::Substitution if def.replace.is_empty() => {
            return Err("kind = \"substitution\" skal have «replace»".into());
        }
        Kind::Existence | Kind::Required | Kind::Readability if !def.replace.is_empty() => {
            return Err(format!(
                "«replace» hører kun til kind = \"substitution\", ikke \"{}\"",
                def.kind.as_str()
            ));
        }
        Kind::Readability if def.metric.is_none() || def.max.is_none() => {
            return Err("kind = \"readability\" skal have «metric» og «max»".into());
        }
        Kind::Readability if has_match => {
            return Err("kind = \"readability\" har ingen «phrases» eller «regex»".into());
        }
        Kind::Builtin => return Err("kind = \"builtin\" er forbeholdt de indbyggede regler".into()),
        _ => {}
    }
    if def.kind != Kind::Readability && (def.metric.is_some() || def.max.is_some()) {
        return Err("«metric» og «max» hører kun til kind = \"readability\"".into());
    }
    if def.kind != Kind::Required && (!def.when.is_empty() || def.when_regex.is_some()) {
        return Err("«when» og «when-regex» hører kun til kind = \"required\"".into());
    }
    if def.message.trim().is_empty() {
        return Err("«message» må ikke være tom".into());
    }
    check_placeholders(&def.message, def.kind)?;
    let mut phrases = Vec::with_capacity(def.phrases.len());
    for p in &def.phrases {
        if p.trim().is_empty() {
            return Err("en frase er tom".into());
        }
        phrases.push(inflect::parse(p).map_err(|e| e.to_string())?);
    }
    let mut when = Vec::with_capacity(def.when.len());
    for w in &def.when {
        if w.trim().is_empty() {
            return Err("en frase i «when» er tom".into());
        }
        when.push(inflect::parse(w).map_err(|e| format!("«when»: {e}"))?);
    }
    let mut replace = Vec::with_capacity(def.replace.len());
    for r in &def.replace {
        let pieces = inflect::parse(r).map_err(|e| e.to_string())?;
        let classes = inflect::classes(&pieces);
        if !classes.is_empty() {
            // Each replacement slot follows the phrase slot in the same position, of the same class.
            for phrase in &phrases {
                let pc = inflect::classes(phrase);
                if classes.len() > pc.len() || classes.iter().zip(&pc).any(|(a, b)| a != b) {
                    return Err(format!(
                        "erstatningen «{r}» har bøjningsfelter, der ikke svarer til frasens felter i samme rækkefølge"
                    ));
                }
            }
            if def.regex.is_some() {
                return Err("bøjningsfelter i «replace» kræver «phrases», ikke «regex»".into());
            }
        }
        replace.push(pieces);
    }
    for re in def.regex.iter().chain(def.when_regex.iter()) {
        compile_regex(re)?;
    }
    let applicability = match def.kind {
        Kind::Substitution => Some(def.applicability.unwrap_or(Applicability::Unsafe)),
        _ if def.applicability.is_some() => {
            return Err("«applicability» hører kun til kind = \"substitution\"".into());
        }
        _ => None,
    };
    for (i, ex) in def.examples.iter().enumerate() {
        if ex.bad.is_none() && ex.good.is_none() {
            return Err(format!("eksempel {} har hverken «bad» eller «good»", i + 1));
        }
        if ex.fixed.is_some() && ex.bad.is_none() {
            return Err(format!("eksempel {} har «fixed» uden «bad»", i + 1));
        }
        if ex.fixed.is_some() && def.kind != Kind::Substitution {
            return Err(format!(
                "eksempel {}: «fixed» hører kun til kind = \"substitution\"",
                i + 1
            ));
        }
    }
    // Saturating: a phrase with many slots counts usize::MAX forms, and two of them must not
    // overflow past the cap. Checked before anything is inflected.
    *forms = phrases
        .iter()
        .chain(&when)
        .map(|p| inflect::count_forms(p))
        .fold(*forms, usize::saturating_add);
    if *forms > MAX_PHRASES_PER_PACK {
        return Err(format!(
            "pakken giver over {MAX_PHRASES_PER_PACK} fraser efter bøjning"
        ));
    }
    Ok(RuleSpec {
        info: RuleInfo {
            id: format!("{pack}/{}", def.id).into(),
            pack: pack.to_string(),
            kind: def.kind,
            category: def.category,
            severity: def.severity,
            applicability,
            message: def.message,
            why: def.why,
            examples: def.examples,
            file: file.to_string(),
            line,
            phrases: def.phrases,
            replace: def.replace,
            metric: def.metric,
            max: def.max,
        },
        phrases: phrases.iter().map(|p| phrases::keyed(p)).collect(),
        regex: def.regex,
        replace,
        once: def.once,
        when: when.iter().map(|p| phrases::keyed(p)).collect(),
        when_regex: def.when_regex,
    })
}

fn check_placeholders(message: &str, kind: Kind) -> Result<(), String> {
    let allowed: &[&str] = match kind {
        Kind::Substitution => &["match", "replacement"],
        Kind::Existence => &["match"],
        Kind::Readability => &["value", "max", "band", "parts"],
        _ => &[],
    };
    let mut rest = message;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else {
            return Err("«message» har «{» uden «}»".into());
        };
        let name = &rest[open + 1..open + close];
        if !allowed.contains(&name) {
            let list = if allowed.is_empty() {
                "ingen".to_string()
            } else {
                allowed
                    .iter()
                    .map(|a| format!("{{{a}}}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            return Err(format!(
                "«message» bruger {{{name}}}; her kan du bruge: {list}"
            ));
        }
        rest = &rest[open + close + 1..];
    }
    Ok(())
}

/// Compiles a user regex: case-insensitive, Unicode, with a size limit.
pub fn compile_regex(pattern: &str) -> Result<regex::Regex, String> {
    regex::RegexBuilder::new(pattern)
        .case_insensitive(true)
        .size_limit(REGEX_SIZE_LIMIT)
        .dfa_size_limit(REGEX_SIZE_LIMIT * 2)
        .build()
        .map_err(|e| match e {
            regex::Error::CompiledTooBig(limit) => {
                format!("regex er for stor (over {limit} byte kompileret)")
            }
            other => format!("ugyldig regex: {other}"),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"
[pack]
name = "test"
description = "x"

[[rule]]
id = "saafremt"
kind = "substitution"
category = "officialese"
message = "Skriv «{replacement}» i stedet for «{match}»."
phrases = ["såfremt"]
replace = ["hvis"]
applicability = "safe"
"#;

    #[test]
    fn a_good_pack_loads() {
        let p = parse_pack("test.toml", GOOD).unwrap();
        assert_eq!(p.rules[0].info.id.as_ref(), "test/saafremt");
        assert_eq!(p.rules[0].info.line, 6);
    }

    /// Phrases (and `when` phrases) whose forms overflow a usize are an error naming the rule,
    /// not an arithmetic overflow.
    #[test]
    fn the_phrase_cap_counts_without_overflow() {
        let slots = "{n:a/b/c/d} ".repeat(20);
        let many = GOOD.replace(
            "phrases = [\"såfremt\"]",
            &format!("phrases = [\"{slots}\", \"{slots}\"]"),
        );
        let e = parse_pack("p.toml", &many).unwrap_err().to_string();
        assert_eq!(
            e,
            "p.toml:6: regel «saafremt»: pakken giver over 200000 fraser efter bøjning"
        );
        let when = GOOD
            .replace("kind = \"substitution\"", "kind = \"required\"")
            .replace(
                "replace = [\"hvis\"]\napplicability = \"safe\"",
                &format!("when = [\"{slots}\"]"),
            )
            .replace("{replacement}", "x")
            .replace("{match}", "y");
        let e = parse_pack("p.toml", &when).unwrap_err().to_string();
        assert!(e.contains("pakken giver over"), "{e}");
    }

    #[test]
    fn toml_errors_inside_a_rule_name_the_rule() {
        let unknown = GOOD.replace("applicability", "applicabilty");
        let e = parse_pack("p.toml", &unknown).unwrap_err().to_string();
        assert!(
            e.starts_with("p.toml:13: regel «saafremt»: ukendt nøgle «applicabilty»; tilladt: id,"),
            "{e}"
        );
        let syntax = GOOD.replace("kind = \"substitution\"", "kind = \"substitution");
        let e = parse_pack("p.toml", &syntax).unwrap_err().to_string();
        assert!(e.starts_with("p.toml:8: regel «saafremt»:"), "{e}");
        let header = GOOD.replace("description = \"x\"", "descripton = \"x\"");
        let e = parse_pack("p.toml", &header).unwrap_err().to_string();
        assert!(e.starts_with("p.toml:4: ukendt nøgle «descripton»"), "{e}");
    }

    #[test]
    fn errors_name_file_line_and_rule() {
        let dup = format!(
            "{GOOD}\n[[rule]]\nid = \"saafremt\"\nkind = \"existence\"\ncategory = \"style\"\nmessage = \"x\"\nphrases = [\"x\"]\n"
        );
        let e = parse_pack("p.toml", &dup).unwrap_err().to_string();
        assert!(e.starts_with("p.toml:15: regel «saafremt»"), "{e}");
        let unknown = GOOD.replace("applicability", "applicabilty");
        let e = parse_pack("p.toml", &unknown).unwrap_err().to_string();
        assert!(e.contains("p.toml:") && e.contains("applicabilty"), "{e}");
        let bad_re = GOOD.replace("phrases = [\"såfremt\"]", "regex = \"(unclosed\"");
        let e = parse_pack("p.toml", &bad_re).unwrap_err().to_string();
        assert!(e.contains("ugyldig regex"), "{e}");
        let huge = GOOD.replace(
            "phrases = [\"såfremt\"]",
            "regex = \"\\\\w{1000}\\\\w{1000}\\\\w{1000}\"",
        );
        let e = parse_pack("p.toml", &huge).unwrap_err().to_string();
        assert!(e.contains("for stor"), "{e}");
        let placeholder = GOOD.replace("{match}", "{macth}");
        assert!(
            parse_pack("p.toml", &placeholder)
                .unwrap_err()
                .to_string()
                .contains("{macth}")
        );
    }
}
