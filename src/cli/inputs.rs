//! From command-line paths to inputs (directory walks with `ignore`), and from an input's folder
//! to the `Checker` built from its klarsprog.toml, built once per configuration.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use klarsprog::config::{self, Settings};
use klarsprog::{Checker, Severity};

use super::ConfigArgs;

#[derive(Debug, Clone)]
pub enum Input {
    /// Standard input, shown under this name.
    Stdin(String),
    File(PathBuf),
    /// A path that could not be walked or does not exist, with the reason.
    Broken(String, String),
}

impl Input {
    pub fn name(&self) -> String {
        match self {
            Input::Stdin(n) => n.clone(),
            Input::File(p) => p.display().to_string(),
            Input::Broken(n, _) => n.clone(),
        }
    }
}

/// Expands directories (recursively, respecting .gitignore and skipping hidden files) into the
/// files klarsprog reads; files named explicitly are always checked. `globs` filter the files
/// found in directories (ignore's override globs: `*.docx` keeps, `!udkast/**` leaves out);
/// an invalid glob is an error.
pub fn expand(
    paths: &[PathBuf],
    stdin_name: Option<&str>,
    globs: &[String],
) -> Result<Vec<Input>, String> {
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(Input::Stdin(stdin_name.unwrap_or("-").to_string()));
            continue;
        }
        match std::fs::metadata(p) {
            Err(e) => out.push(Input::Broken(p.display().to_string(), path_message(p, &e))),
            Ok(m) if m.is_dir() => walk(p, globs, &mut out)?,
            Ok(_) => out.push(Input::File(p.clone())),
        }
    }
    Ok(out)
}

fn walk(dir: &Path, globs: &[String], out: &mut Vec<Input>) -> Result<(), String> {
    let mut overrides = ignore::overrides::OverrideBuilder::new(dir);
    for g in globs {
        overrides
            .add(g)
            .map_err(|e| format!("--glob «{g}» kan ikke bruges: {e}"))?;
    }
    let overrides = overrides
        .build()
        .map_err(|e| format!("--glob kan ikke bruges: {e}"))?;
    let walker = ignore::WalkBuilder::new(dir)
        .sort_by_file_name(|a, b| a.cmp(b))
        .follow_links(false)
        .overrides(overrides)
        .build();
    for entry in walker {
        match entry {
            Ok(e) => {
                if e.file_type().is_some_and(|t| t.is_file())
                    && klarsprog::input::is_checkable(e.path())
                {
                    out.push(Input::File(e.path().to_path_buf()));
                }
            }
            Err(err) => {
                let path = match &err {
                    ignore::Error::WithPath { path, .. } => path.display().to_string(),
                    _ => dir.display().to_string(),
                };
                out.push(Input::Broken(path, err.to_string()));
            }
        }
    }
    Ok(())
}

/// Why a path named on the command line cannot be read: a symbolic link that leads nowhere
/// (a loop, or a target that is gone) says so; other errors as [`io_message`].
fn path_message(p: &Path, e: &std::io::Error) -> String {
    let is_link = std::fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_symlink());
    if !is_link {
        return io_message(e);
    }
    match e.kind() {
        std::io::ErrorKind::NotFound => {
            "er et symbolsk link til noget, der ikke findes; den er ikke tjekket".into()
        }
        _ if std::fs::read_link(p).is_ok() && is_loop(e) => {
            "er et symbolsk link, der peger i ring (en løkke); den er ikke tjekket".into()
        }
        _ => format!("er et symbolsk link, der ikke kan følges ({e})"),
    }
}

/// ELOOP: too many levels of symbolic links (40 on Linux, 62 on macOS and the BSDs).
fn is_loop(e: &std::io::Error) -> bool {
    let eloop = if cfg!(target_os = "linux") { 40 } else { 62 };
    e.raw_os_error() == Some(eloop)
}

/// A Danish message for common I/O errors.
pub fn io_message(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match e.kind() {
        NotFound => "findes ikke".into(),
        PermissionDenied => "adgang nægtet".into(),
        _ => e.to_string(),
    }
}

/// Builds checkers on demand, one per configuration file.
pub struct Checkers {
    args: ConfigArgs,
    fail_level: Option<Severity>,
    by_config: HashMap<Option<PathBuf>, Arc<Checker>>,
    by_dir: HashMap<PathBuf, Option<PathBuf>>,
}

impl Checkers {
    pub fn new(args: ConfigArgs, fail_level: Option<Severity>) -> Checkers {
        Checkers {
            args,
            fail_level,
            by_config: HashMap::new(),
            by_dir: HashMap::new(),
        }
    }

    fn config_for(&mut self, dir: &Path) -> Option<PathBuf> {
        if self.args.no_config {
            return None;
        }
        if let Some(c) = &self.args.config {
            return Some(c.clone());
        }
        if let Some(c) = self.by_dir.get(dir) {
            return c.clone();
        }
        let found = config::discover(dir);
        self.by_dir.insert(dir.to_path_buf(), found.clone());
        found
    }

    /// The settings for a config file, with the command-line flags layered on top.
    pub fn settings(&self, config_path: Option<&Path>) -> klarsprog::Result<Settings> {
        let mut s = match config_path {
            Some(p) => config::load(p)?,
            None => Settings::default(),
        };
        s.packs.extend(self.args.rules.iter().cloned());
        s.overrides
            .disable
            .extend(self.args.disable.iter().cloned());
        if let Some(level) = self.fail_level {
            s.fail_level = level;
        }
        Ok(s)
    }

    /// The klarsprog.toml that applies to an input in `dir` (None: the current folder).
    pub fn config_path(&mut self, dir: Option<&Path>) -> Option<PathBuf> {
        let dir = dir.map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        let dir = if dir.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            dir
        };
        self.config_for(&dir)
    }

    /// The checker for an input in `dir` (None: the current folder).
    pub fn for_dir(&mut self, dir: Option<&Path>) -> klarsprog::Result<Arc<Checker>> {
        let config = self.config_path(dir);
        if let Some(c) = self.by_config.get(&config) {
            return Ok(c.clone());
        }
        let checker = Arc::new(Checker::new(&self.settings(config.as_deref())?)?);
        self.by_config.insert(config, checker.clone());
        Ok(checker)
    }
}
