//! klarsprog.toml: discovery (from the checked file's folder upwards, then the current folder)
//! and layering (built-in defaults < the file < command-line flags).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Error, Result};
use crate::finding::Severity;
use crate::rules::Overrides;

pub const FILE_NAME: &str = "klarsprog.toml";

/// The largest input klarsprog reads by default (bytes).
pub const DEFAULT_MAX_FILE_SIZE: u64 = 256 * 1024 * 1024;
/// The highest `max-file-size` accepted (1 GiB): positions are 32-bit inside a document.
pub const MAX_FILE_SIZE_LIMIT: u64 = 1 << 30;

/// klarsprog.toml as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ConfigFile {
    /// Extra rule packs, relative to the file.
    #[serde(default)]
    pub packs: Vec<PathBuf>,
    /// Load the default packs (true unless set to false).
    pub default_packs: Option<bool>,
    /// Rule ids, pack names or categories to switch off.
    #[serde(default)]
    pub disable: Vec<String>,
    /// Rule ids, pack names or categories to switch on again.
    #[serde(default)]
    pub enable: Vec<String>,
    pub fail_level: Option<Severity>,
    /// Largest file to read, in bytes.
    pub max_file_size: Option<u64>,
    /// Per-rule changes: `[rule."laesbarhed/lange-saetninger"] max = 30`.
    #[serde(default)]
    pub rule: BTreeMap<String, RuleOverride>,
    #[serde(default)]
    pub spelling: SpellingConfig,
    /// The letter checks: contact, decision, answer first, date and case number.
    #[serde(default)]
    pub letter: LetterConfig,
    #[serde(default)]
    pub personal_data: PersonalDataConfig,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RuleOverride {
    pub severity: Option<Severity>,
    pub max: Option<f64>,
    pub enabled: Option<bool>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct SpellingConfig {
    /// Words to accept.
    #[serde(default)]
    pub accept: Vec<String>,
    /// Word-list files (one word a line), relative to the config file.
    #[serde(default)]
    pub word_lists: Vec<PathBuf>,
}

/// `[letter]`: words and thresholds of the letter checks (`brev/…`). Words are matched whole and
/// case-insensitively; a `*` at the end matches any ending ("bevillig*"), at the start any
/// beginning ("*klagenævnet"). Lists add to the built-in words.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct LetterConfig {
    /// A text is a letter when it has a closing ("Med venlig hilsen"), or a salutation and at
    /// least this many words; the letter checks leave other texts alone.
    pub min_words: usize,
    /// brev/svar-foerst: the decision must come within this many paragraphs after the salutation.
    pub answer_first_paragraphs: usize,
    /// Words and phrases that state a decision ("vi tildeler dig").
    pub decision_words: Vec<String>,
    /// Words and phrases that mark a letter as not (yet) a decision, such as a hearing.
    pub not_decision_words: Vec<String>,
    /// Words that give a reason (begrundelse).
    pub reason_words: Vec<String>,
    /// Words that name a legal basis (hjemmel).
    pub legal_words: Vec<String>,
    /// Bodies a citizen can complain to (klageinstanser).
    pub appeal_bodies: Vec<String>,
    /// Labels of case numbers ("vores ref.").
    pub case_number_words: Vec<String>,
    /// Words that make a signature line a department rather than a person.
    pub department_words: Vec<String>,
    /// Words that give telephone hours ("telefontræffetid").
    pub hours_words: Vec<String>,
}

impl Default for LetterConfig {
    fn default() -> Self {
        LetterConfig {
            min_words: 80,
            answer_first_paragraphs: 2,
            decision_words: Vec::new(),
            not_decision_words: Vec::new(),
            reason_words: Vec::new(),
            legal_words: Vec::new(),
            appeal_bodies: Vec::new(),
            case_number_words: Vec::new(),
            department_words: Vec::new(),
            hours_words: Vec::new(),
        }
    }
}

impl LetterConfig {
    fn validate(&self) -> std::result::Result<(), String> {
        if self.answer_first_paragraphs == 0 {
            return Err("[letter] answer-first-paragraphs skal være mindst 1".into());
        }
        for (key, list) in [
            ("decision-words", &self.decision_words),
            ("not-decision-words", &self.not_decision_words),
            ("reason-words", &self.reason_words),
            ("legal-words", &self.legal_words),
            ("appeal-bodies", &self.appeal_bodies),
            ("case-number-words", &self.case_number_words),
            ("department-words", &self.department_words),
            ("hours-words", &self.hours_words),
        ] {
            if list.iter().any(|w| w.trim_matches(['*', ' ']).is_empty()) {
                return Err(format!("[letter] {key} har et tomt ord"));
            }
            if let Some(w) = list.iter().find(|w| w.trim_matches('*').contains('*')) {
                return Err(format!(
                    "[letter] {key}: «{w}» har * inde i ordet; * må kun stå først eller sidst"
                ));
            }
        }
        Ok(())
    }
}

/// `[personal-data]`: the CPR check.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PersonalDataConfig {
    /// Labels that make a ten-digit number something other than a CPR number ("medlemsnr").
    #[serde(default)]
    pub not_cpr_words: Vec<String>,
}

/// The settings a `Checker` is built from, after layering.
#[derive(Clone, Debug)]
pub struct Settings {
    /// The klarsprog.toml these settings came from, if any.
    pub config_path: Option<PathBuf>,
    pub default_packs: bool,
    /// Extra pack files (absolute, or relative to the current folder).
    pub packs: Vec<PathBuf>,
    pub overrides: Overrides,
    pub fail_level: Severity,
    pub max_file_size: u64,
    pub spelling_accept: Vec<String>,
    pub spelling_lists: Vec<PathBuf>,
    pub letter: LetterConfig,
    pub personal_data: PersonalDataConfig,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            config_path: None,
            default_packs: true,
            packs: Vec::new(),
            overrides: Overrides::default(),
            fail_level: Severity::Warning,
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            spelling_accept: Vec::new(),
            spelling_lists: Vec::new(),
            letter: LetterConfig::default(),
            personal_data: PersonalDataConfig::default(),
        }
    }
}

/// Finds the nearest klarsprog.toml from `start` (a folder) upwards, then in the current folder.
pub fn discover(start: &Path) -> Option<PathBuf> {
    let start = start.canonicalize().ok();
    let mut dir = start.as_deref();
    while let Some(d) = dir {
        let candidate = d.join(FILE_NAME);
        if candidate.is_file() {
            return Some(candidate);
        }
        dir = d.parent();
    }
    let cwd = std::env::current_dir().ok()?.join(FILE_NAME);
    cwd.is_file().then_some(cwd)
}

/// Reads a klarsprog.toml and layers it over the defaults.
pub fn load(path: &Path) -> Result<Settings> {
    let source = std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let file: ConfigFile = toml::from_str(&source).map_err(|e| Error::Config {
        path: path.to_path_buf(),
        message: format!(
            "linje {}: {}",
            e.span()
                .map_or(1, |s| crate::error::line_of(&source, s.start)),
            crate::error::toml_message(e.message())
        ),
    })?;
    let base = path.parent().unwrap_or(Path::new("."));
    let mut s = Settings {
        config_path: Some(path.to_path_buf()),
        ..Settings::default()
    };
    s.default_packs = file.default_packs.unwrap_or(true);
    s.packs = file.packs.iter().map(|p| base.join(p)).collect();
    s.overrides.disable = file.disable;
    s.overrides.enable = file.enable;
    for (id, o) in file.rule {
        if let Some(sev) = o.severity {
            s.overrides.severity.push((id.clone(), sev));
        }
        if let Some(max) = o.max {
            s.overrides.max.push((id.clone(), max));
        }
        match o.enabled {
            Some(false) => s.overrides.disable.push(id),
            Some(true) => s.overrides.enable.push(id),
            None => {}
        }
    }
    if let Some(level) = file.fail_level {
        s.fail_level = level;
    }
    if let Some(max) = file.max_file_size {
        if max == 0 || max > MAX_FILE_SIZE_LIMIT {
            let line = source
                .lines()
                .position(|l| l.trim_start().starts_with("max-file-size"))
                .map_or(1, |i| i + 1);
            return Err(Error::Config {
                path: path.to_path_buf(),
                message: format!(
                    "linje {line}: max-file-size = {max} kan ikke bruges; skriv et antal byte fra 1 til {MAX_FILE_SIZE_LIMIT} (1 GB)"
                ),
            });
        }
        s.max_file_size = max;
    }
    s.spelling_accept = file.spelling.accept;
    s.spelling_lists = file
        .spelling
        .word_lists
        .iter()
        .map(|p| base.join(p))
        .collect();
    file.letter.validate().map_err(|message| Error::Config {
        path: path.to_path_buf(),
        message,
    })?;
    s.letter = file.letter;
    s.personal_data = file.personal_data;
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_keys_are_errors_with_a_line() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join(FILE_NAME);
        std::fs::write(&p, "disable = [\"style\"]\nfail-levle = \"info\"\n").unwrap();
        let e = load(&p).unwrap_err().to_string();
        assert!(e.contains("linje 2") && e.contains("fail-levle"), "{e}");
    }

    #[test]
    fn letter_and_personal_data_sections() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join(FILE_NAME);
        std::fs::write(
            &p,
            "[letter]\nanswer-first-paragraphs = 3\nappeal-bodies = [\"Skatteankestyrelsen\"]\n\n[personal-data]\nnot-cpr-words = [\"medlemsnr\"]\n",
        )
        .unwrap();
        let s = load(&p).unwrap();
        assert_eq!(s.letter.answer_first_paragraphs, 3);
        assert_eq!(s.letter.min_words, 80, "unset keys keep their defaults");
        assert_eq!(s.letter.appeal_bodies, ["Skatteankestyrelsen"]);
        assert_eq!(s.personal_data.not_cpr_words, ["medlemsnr"]);
        std::fs::write(&p, "[letter]\nanswer-first = 3\n").unwrap();
        let e = load(&p).unwrap_err().to_string();
        assert!(e.contains("answer-first"), "{e}");
        std::fs::write(&p, "[letter]\nanswer-first-paragraphs = 0\n").unwrap();
        assert!(load(&p).unwrap_err().to_string().contains("mindst 1"));
    }

    #[test]
    fn rule_tables_become_overrides() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join(FILE_NAME);
        std::fs::write(
            &p,
            "[rule.\"laesbarhed/lange-saetninger\"]\nmax = 30\nseverity = \"info\"\n",
        )
        .unwrap();
        let s = load(&p).unwrap();
        assert_eq!(
            s.overrides.max,
            vec![("laesbarhed/lange-saetninger".to_string(), 30.0)]
        );
        assert_eq!(
            s.overrides.severity,
            vec![("laesbarhed/lange-saetninger".to_string(), Severity::Info)]
        );
    }
}
