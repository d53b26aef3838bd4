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
            e.message().trim()
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
        s.max_file_size = max;
    }
    s.spelling_accept = file.spelling.accept;
    s.spelling_lists = file
        .spelling
        .word_lists
        .iter()
        .map(|p| base.join(p))
        .collect();
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
