//! `klarsprog lsp`: the language server on standard input and output; log lines go to stderr.

use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use klarsprog::Checker;
use klarsprog::lsp::CheckerSource;

use super::ConfigArgs;
use super::LspArgs;
use super::inputs::Checkers;

pub fn run(args: LspArgs) -> anyhow::Result<i32> {
    let source = LspCheckers {
        checkers: Checkers::new(args.config.clone(), None),
        args: args.config,
        stamps: HashMap::new(),
    };
    let code = klarsprog::lsp::run(io::stdin(), io::stdout(), source, |line| {
        eprintln!("klarsprog lsp: {line}")
    })?;
    Ok(code)
}

/// One checker per klarsprog.toml (like `check`), built again when the file changes on disk.
struct LspCheckers {
    args: ConfigArgs,
    checkers: Checkers,
    /// When each config file was last modified, as seen when its checker was built.
    stamps: HashMap<PathBuf, Option<SystemTime>>,
}

impl CheckerSource for LspCheckers {
    fn checker_for(&mut self, path: Option<&Path>) -> Result<Arc<Checker>, String> {
        let dir = path.and_then(|p| if p.is_dir() { Some(p) } else { p.parent() });
        if let Some(config) = self.checkers.config_path(dir) {
            let stamp = std::fs::metadata(&config).and_then(|m| m.modified()).ok();
            if let Some(old) = self.stamps.insert(config, stamp)
                && old != stamp
            {
                self.checkers = Checkers::new(self.args.clone(), None);
            }
        }
        self.checkers.for_dir(dir).map_err(|e| e.to_string())
    }
}
