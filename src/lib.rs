//! klarsprog: a plain-language checker for Danish municipal letters.
//!
//! The library never prints and never exits. Build a [`Checker`] once, then check documents:
//!
//! ```
//! use klarsprog::{Checker, Document, config::Settings};
//! let checker = Checker::new(&Settings::default()).unwrap();
//! let report = checker.check(Document::from_text("brev.txt", "Såfremt De har spørgsmål, bedes De ringe."));
//! assert!(report.stats.unwrap().words > 0);
//! ```

pub mod audit;
pub mod config;
pub mod da;
pub mod document;
pub mod error;
pub mod finding;
pub mod fix;
pub mod input;
pub mod letter;
pub mod lsp;
pub mod output;
pub mod parallel;
pub mod report;
pub mod rules;
pub mod serve;
pub mod text;

pub use document::Document;
pub use error::{Error, Result};
pub use finding::{Applicability, Category, Edit, Finding, Severity, Suggestion};
pub use report::Report;
pub use text::span::Span;

use config::Settings;
use rules::{RuleInfo, RuleSet, builtin, pack};

/// Everything expensive, done once: rule packs parsed and compiled, analyzers built.
/// `Send + Sync`: share one by reference across threads and requests.
pub struct Checker {
    rules: RuleSet,
    settings: Settings,
}

impl Checker {
    pub fn new(settings: &Settings) -> Result<Checker> {
        let mut user = Vec::with_capacity(settings.packs.len());
        for path in &settings.packs {
            let source = std::fs::read_to_string(path).map_err(|source| Error::Io {
                path: path.clone(),
                source,
            })?;
            user.push(pack::parse_pack(&path.display().to_string(), &source)?);
        }
        Checker::with_packs(settings, user)
    }

    /// Like [`Checker::new`], with the user packs already parsed (`settings.packs` is not read):
    /// for packs that do not come from files, such as the fuzz targets'.
    pub fn with_packs(settings: &Settings, user: Vec<pack::Pack>) -> Result<Checker> {
        // The analyzers (word lists, the letter lexicon) are built on a second thread while
        // this one reads the packs, and that thread then reads the packs still left: on two
        // cores, a letter from stdin starts sooner.
        let queue = builtin::PackQueue::new(settings.default_packs);
        let (packs, analyzers) = std::thread::scope(|scope| {
            let second = scope.spawn(|| (builtin::analyzers(settings), queue.parse()));
            let mine = queue.parse();
            let (analyzers, theirs) = second
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (builtin::PackQueue::finish(mine, theirs), analyzers)
        });
        let (mut packs, analyzers) = (packs?, analyzers?);
        for user in user {
            // A user pack with a default pack's name replaces it (an edited copy of the default).
            packs.retain(|p| {
                !(p.name == user.name
                    && p.file.starts_with("rules/")
                    && builtin::PACKS
                        .iter()
                        .any(|(f, _)| p.file == format!("rules/{f}")))
            });
            packs.push(user);
        }
        let rules = RuleSet::new(packs, analyzers, &settings.overrides).map_err(|message| {
            Error::Config {
                path: settings
                    .config_path
                    .clone()
                    .unwrap_or_else(|| "klarsprog".into()),
                message,
            }
        })?;
        Ok(Checker {
            rules,
            settings: settings.clone(),
        })
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// Every rule, enabled or not, in pack order.
    pub fn rules(&self) -> &[RuleInfo] {
        &self.rules.rules
    }

    pub fn rule_set(&self) -> &RuleSet {
        &self.rules
    }

    /// A stable hash (16 hex digits) of the rules in use: ids, on/off, severities, thresholds,
    /// messages and phrases. Reports print it so two audits can be compared.
    pub fn rule_set_hash(&self) -> String {
        rules::fingerprint::fingerprint(&self.rules)
    }

    /// Findings for a document, sorted by position.
    pub fn findings(&self, doc: &Document) -> Vec<Finding> {
        self.rules.check(doc)
    }

    /// Checks a document and keeps it in the report, for printers that show context.
    pub fn check(&self, doc: Document) -> Report {
        let findings = self.findings(&doc);
        Report::new(doc, findings)
    }
}
