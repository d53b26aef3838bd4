//! Command-line definitions (clap) and one module per command.

pub mod audit;
pub mod check;
pub mod inputs;
pub mod lsp;
pub mod rules;
pub mod serve;

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use klarsprog::Severity;

/// Klarsprog: tjek danske breve fra kommunen for klart sprog.
///
/// Finder passiv, kancellisprog, De/Dem/Deres, lange sætninger og manglende indhold, og
/// beregner LIX. Alt kører lokalt; brevene forlader aldrig maskinen.
#[derive(Debug, Parser)]
#[command(name = "klarsprog", version, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Tjek breve: filer, mapper (rekursivt) eller - for standard input.
    ///
    /// Exitkode: 0 = ingen fund på eller over --fail-level, 1 = fund, 2 = fejl i brug,
    /// konfiguration eller en fil (de andre filer tjekkes stadig).
    Check(CheckArgs),
    /// Revidér mange breve: overblik i terminalen og en rapport i HTML, CSV eller JSON.
    ///
    /// Exitkode: 0 = alle breve kunne læses, 2 = et eller flere kunne ikke læses (de tælles
    /// med i rapporten), eller en fejl i brug eller konfiguration.
    Audit(AuditArgs),
    /// Vis, forklar og test reglerne.
    Rules(RulesArgs),
    /// Sprogserver (LSP) til editorer: fund, rettelser og forklaringer, mens du skriver.
    ///
    /// Taler LSP over standard input og output; se README for opsætning i VS Code, Neovim,
    /// Helix og Emacs. Log skrives til standard error.
    Lsp(LspArgs),
    /// Start en lokal webside til at tjekke breve i browseren (kun på denne computer).
    ///
    /// Siden og alt, den bruger, er bygget ind i programmet; intet hentes fra nettet, og
    /// brevene gemmes og logges ikke.
    Serve(ServeArgs),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Til mennesker: fund med sammenhæng og forslag, LIX pr. brev.
    Human,
    /// Maskinlæsbart JSON (se README for formatet).
    Json,
    /// Én linje pr. fund: sti:linje:kolonne: niveau: besked [regel].
    Line,
    /// SARIF 2.1.0 til code-scanning-oversigter (fx GitHub).
    Sarif,
    /// CSV til dansk Excel: én række pr. fund (UTF-8 med BOM, semikolon).
    Csv,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Level {
    Info,
    Warning,
    Error,
}

impl From<Level> for Severity {
    fn from(l: Level) -> Severity {
        match l {
            Level::Info => Severity::Info,
            Level::Warning => Severity::Warning,
            Level::Error => Severity::Error,
        }
    }
}

/// Settings shared by the commands that check letters.
#[derive(Debug, Args, Clone)]
pub struct ConfigArgs {
    /// Brug denne klarsprog.toml i stedet for at lede efter en.
    #[arg(long, global = true, value_name = "FIL", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// Brug ingen klarsprog.toml (kun de indbyggede regler).
    #[arg(long, global = true)]
    pub no_config: bool,
    /// Tilføj en regelpakke (TOML). Kan gentages.
    #[arg(long = "rules", global = true, value_name = "FIL")]
    pub rules: Vec<PathBuf>,
    /// Slå en regel, en pakke eller en kategori fra (fx kancellisprog/idet, stil). Kan gentages.
    #[arg(long, global = true, value_name = "REGEL")]
    pub disable: Vec<String>,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Filer og mapper at tjekke; - læser fra standard input.
    #[arg(value_name = "STI")]
    pub paths: Vec<PathBuf>,
    /// Uddataformat.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub format: OutputFormat,
    /// Navn på teksten fra standard input (i uddata, og filtypen vælges efter endelsen).
    #[arg(long, value_name = "NAVN")]
    pub stdin_filename: Option<String>,
    /// Laveste niveau, der giver exitkode 1.
    #[arg(long, value_enum)]
    pub fail_level: Option<Level>,
    /// Ret sikre fund direkte i filerne (med - skrives den rettede tekst til standard output).
    #[arg(long)]
    pub fix: bool,
    /// Ret også usikre fund (kræver --fix eller --diff).
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Vis rettelserne som diff uden at skrive noget.
    #[arg(long, conflicts_with = "fix")]
    pub diff: bool,
    /// Farver i uddata.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Antal tråde (standard: antal kerner). Filer tjekkes side om side; en fil på 1 MB eller
    /// mere deles desuden mellem trådene, med de samme fund som på én tråd.
    #[arg(short = 'j', long, value_name = "N")]
    pub threads: Option<usize>,
    /// Tjek kun filer i mapper, der passer til mønstret (fx '*.docx'; '!udkast/**' udelader).
    /// Kan gentages.
    #[arg(long, value_name = "MØNSTER")]
    pub glob: Vec<String>,
    #[command(flatten)]
    pub config: ConfigArgs,
}

#[derive(Debug, Args)]
pub struct AuditArgs {
    /// Filer og mapper at revidere (mapper gennemgås rekursivt).
    #[arg(value_name = "STI")]
    pub paths: Vec<PathBuf>,
    /// Skriv en rapport i HTML (én fil, åbnes i en browser).
    #[arg(long, value_name = "FIL.html")]
    pub report: Option<PathBuf>,
    /// Skriv én række pr. brev som CSV til dansk Excel (- for standard output).
    #[arg(long, value_name = "FIL.csv")]
    pub csv: Option<PathBuf>,
    /// Skriv overblik og tal pr. brev som JSON (- for standard output).
    #[arg(long, value_name = "FIL.json")]
    pub json: Option<PathBuf>,
    /// Tag kun filer i mapper, der passer til mønstret (fx '*.docx'; '!udkast/**' udelader).
    /// Kan gentages.
    #[arg(long, value_name = "MØNSTER")]
    pub glob: Vec<String>,
    /// Vis fundene i HTML-rapporten for højst N breve (dem med flest advarsler og fejl).
    #[arg(long, value_name = "N", default_value_t = 200)]
    pub detail: usize,
    /// Antal tråde (standard: antal kerner).
    #[arg(short = 'j', long, value_name = "N")]
    pub threads: Option<usize>,
    /// Vis ingen statuslinje (den vises kun på en terminal og ikke, når CI er sat).
    #[arg(long)]
    pub no_progress: bool,
    #[command(flatten)]
    pub config: ConfigArgs,
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    #[command(subcommand)]
    pub command: RulesCommand,
    #[command(flatten)]
    pub config: ConfigArgs,
}

#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// List alle regler med id, kategori, niveau og om de er slået til.
    List,
    /// Forklar en regel: hvad, hvorfor, eksempler.
    Explain {
        /// Reglens id, fx kancellisprog/i-henhold-til.
        id: String,
    },
    /// Kør reglernes eksempler (bad, good, fixed) og meld fejl.
    Test {
        /// Pakkenavne eller TOML-filer; uden argumenter testes alle indlæste pakker.
        packs: Vec<String>,
    },
}

#[derive(Debug, Args)]
pub struct LspArgs {
    /// Ignoreres (nogle editorer sender det altid); klarsprog taler altid over stdio.
    #[arg(long, hide = true)]
    pub stdio: bool,
    #[command(flatten)]
    pub config: ConfigArgs,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Porten på 127.0.0.1 (0: vælg en ledig).
    #[arg(long, default_value_t = 8080)]
    pub port: u16,
    /// Lyt på en anden adresse end 127.0.0.1, fx 0.0.0.0 eller 0.0.0.0:8080. Så kan andre på
    /// netværket bruge siden; klarsprog advarer om det.
    #[arg(long, value_name = "ADRESSE")]
    pub listen: Option<String>,
    /// Åbn siden i browseren, når serveren kører.
    #[arg(long)]
    pub open: bool,
    #[command(flatten)]
    pub config: ConfigArgs,
}
