//! `klarsprog check`: read inputs, check them in parallel, print reports in input order,
//! and optionally fix or diff them.

use std::io::{self, Read, Write};
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;

use klarsprog::document::Format;
use klarsprog::fix::{self, FixLevel};
use klarsprog::input::{self, Loaded};
use klarsprog::output::{
    Printer, RunSummary, Style, csv::Csv, human::Human, json::Json, line::Line, sarif::Sarif,
};
use klarsprog::{Checker, Report};

use super::inputs::{Checkers, Input, expand};
use super::{CheckArgs, ColorChoice, OutputFormat};

/// Files checked together before their reports are printed (keeps memory flat on big runs).
const CHUNK: usize = 256;

/// Bytes gathered before a write to standard output: a file or a pipe, a terminal.
const OUT_BUFFER: usize = 64 * 1024;
const TERMINAL_BUFFER: usize = 8 * 1024;

/// Standard output without its line buffer: the locked `Stdout` searches every write for a
/// newline, which costs more than writing when the output is a gigabyte of JSON. On Unix the
/// descriptor is duplicated and written as a file, with the lock held so nothing else writes
/// in between. A terminal keeps its line buffer (findings appear as they are found), and
/// other systems use the lock.
#[cfg_attr(not(unix), allow(unused_variables))]
fn unbuffered(lock: io::StdoutLock<'static>, terminal: bool) -> Box<dyn Write> {
    #[cfg(unix)]
    if !terminal {
        use std::os::fd::AsFd;
        struct Raw(std::fs::File, io::StdoutLock<'static>);
        impl Write for Raw {
            fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
                self.0.write(bytes)
            }
            fn flush(&mut self) -> io::Result<()> {
                self.1.flush()
            }
        }
        if let Ok(fd) = lock.as_fd().try_clone_to_owned() {
            return Box::new(Raw(std::fs::File::from(fd), lock));
        }
    }
    Box::new(lock)
}

pub fn use_color(choice: ColorChoice, stream_is_terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            stream_is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    }
}

pub(super) struct Job {
    pub input: Input,
    pub checker: Result<Arc<Checker>, String>,
}

/// What a job produced: the report, and for fixing the loaded original.
struct Done {
    report: Report,
    loaded: Option<(Vec<u8>, bool)>,
    stdin: bool,
}

/// What the run's summary and exit code need from one report, counted on the worker thread.
struct Tally {
    summary: RunSummary,
    /// A finding at or above the checker's fail level.
    fails: bool,
}

impl Tally {
    fn of(report: &Report, job: &Job) -> Tally {
        let mut summary = RunSummary::default();
        summary.add(report);
        let fails = job
            .checker
            .as_ref()
            .is_ok_and(|c| report.count_at_least(c.settings().fail_level) > 0);
        Tally { summary, fails }
    }
}

/// An input error's message in Danish where the cause is common.
fn file_error(e: &klarsprog::Error) -> String {
    match e {
        klarsprog::Error::Io { source, .. } => super::inputs::io_message(source),
        other => other.to_string(),
    }
}

pub fn run(args: CheckArgs) -> anyhow::Result<i32> {
    if args.paths.is_empty() {
        eprintln!(
            "klarsprog check: angiv mindst én fil, én mappe eller - for standard input (se klarsprog check --help)"
        );
        return Ok(2);
    }
    if args.unsafe_fixes && !(args.fix || args.diff) {
        eprintln!("klarsprog check: --unsafe-fixes kræver --fix eller --diff");
        return Ok(2);
    }
    if let Some(n) = args.threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global()
            .ok();
    }
    let stdout = io::stdout();
    let terminal = io::IsTerminal::is_terminal(&stdout);
    let color = use_color(args.color, terminal);
    let inputs = match expand(&args.paths, args.stdin_filename.as_deref(), &args.glob) {
        Ok(i) => i,
        Err(e) => {
            eprintln!("klarsprog check: {e}");
            return Ok(2);
        }
    };
    let mut checkers = Checkers::new(args.config.clone(), args.fail_level.map(Into::into));
    let (jobs, config_errors) = jobs(inputs, &mut checkers);
    let mut printer: Box<dyn Printer + Sync> = match args.format {
        OutputFormat::Human => Box::new(Human {
            style: Style { color },
        }),
        OutputFormat::Json => Box::new(Json::default()),
        OutputFormat::Line => Box::new(Line),
        OutputFormat::Csv => Box::new(Csv::default()),
        OutputFormat::Sarif => {
            let used = distinct_checkers(&jobs);
            Box::new(Sarif::new(used.iter().flat_map(|c| {
                c.rules()
                    .iter()
                    .enumerate()
                    .map(|(i, r)| (r, c.rule_set().is_enabled(i)))
            })))
        }
    };
    let level = if args.unsafe_fixes {
        FixLevel::Unsafe
    } else {
        FixLevel::Safe
    };
    let capacity = if terminal {
        TERMINAL_BUFFER
    } else {
        OUT_BUFFER
    };
    let mut out = io::BufWriter::with_capacity(capacity, unbuffered(stdout.lock(), terminal));
    let mut summary = RunSummary::default();
    let mut exit = 0;
    let mut fail_level_hit = false;
    let mut stdin_fix: Option<String> = None;
    for chunk in jobs.chunks(CHUNK) {
        let rendering = !(args.fix || args.diff);
        let printer_ref = &*printer;
        let work = |job: &Job| {
            let mut d = check_job(job, &args);
            let rendered = if rendering {
                printer_ref.render(&d.report)
            } else {
                None
            };
            let tally = Tally::of(&d.report, job);
            if rendered.is_some() {
                // Printed already: free the document and findings on this worker thread, not
                // one by one on the thread that writes.
                d.report.document = None;
                d.report.findings = Vec::new();
            }
            (d, rendered, tally)
        };
        // One letter (stdin, an editor) is checked on this thread: starting a thread pool
        // would cost more than the check.
        let done: Vec<(Done, Option<Vec<u8>>, Tally)> = if chunk.len() == 1 {
            chunk.iter().map(work).collect()
        } else {
            chunk.par_iter().map(work).collect()
        };
        for ((d, rendered, mut tally), job) in done.into_iter().zip(chunk) {
            let mut report = d.report;
            if report.error.is_some() {
                exit = 2;
                if args.format == OutputFormat::Human {
                    eprintln!(
                        "klarsprog: {}: {}",
                        report.source,
                        report.error.as_deref().unwrap_or("")
                    );
                }
            }
            let checker = job.checker.as_ref().ok().cloned();
            if let (Some(checker), Some((bytes, bom)), true) =
                (&checker, &d.loaded, args.fix || args.diff)
            {
                match fix_one(
                    checker, &report, bytes, *bom, d.stdin, level, &args, &mut out,
                ) {
                    Ok(FixResult::Rechecked(r)) => {
                        // The fixed file's findings count, not the original's.
                        report = *r;
                        tally = Tally::of(&report, job);
                    }
                    Ok(FixResult::Stdout(text)) => stdin_fix = Some(text),
                    Ok(FixResult::Unchanged) => {}
                    Err(message) => {
                        eprintln!("klarsprog: {}: {message}", report.source);
                        exit = 2;
                    }
                }
            }
            fail_level_hit |= tally.fails;
            summary.merge(&tally.summary);
            if args.diff || stdin_fix.is_some() {
                continue;
            }
            let written = match &rendered {
                Some(bytes) => printer.write_rendered(&mut out, bytes),
                None => printer.file(&mut out, &report),
            };
            if let Err(e) = written {
                return broken_pipe_or(e);
            }
            // Freeing a long document's millions of findings takes a while: the pool does it
            // while this thread writes the next report (or the process ends).
            if report
                .document
                .as_ref()
                .is_some_and(|d| d.text.len() >= klarsprog::parallel::MIN_BYTES)
            {
                rayon::spawn(move || drop(report));
            }
        }
    }
    // The rule sets live until the process exits: freeing them piece by piece would cost more
    // than checking a short letter.
    std::mem::forget(jobs);
    std::mem::forget(checkers);
    if let Some(text) = stdin_fix {
        if let Err(e) = out.write_all(text.as_bytes()) {
            return broken_pipe_or(e);
        }
    } else if !args.diff
        && let Err(e) = printer.finish(&mut out, &summary)
    {
        return broken_pipe_or(e);
    }
    if let Err(e) = out.flush() {
        return broken_pipe_or(e);
    }
    if config_errors > 0 || exit == 2 {
        return Ok(2);
    }
    Ok(if fail_level_hit { 1 } else { 0 })
}

/// Pairs every input with the checker for its folder; reports the first configuration error
/// (they repeat) and counts them.
pub(super) fn jobs(inputs: Vec<Input>, checkers: &mut Checkers) -> (Vec<Job>, usize) {
    let mut config_errors = 0;
    let jobs: Vec<Job> = inputs
        .into_iter()
        .map(|input| {
            let dir = match &input {
                Input::File(p) => p.parent().map(Path::to_path_buf),
                _ => None,
            };
            let checker = checkers.for_dir(dir.as_deref()).map_err(|e| {
                config_errors += 1;
                e.to_string()
            });
            Job { input, checker }
        })
        .collect();
    if let Some(Job {
        checker: Err(e), ..
    }) = jobs.iter().find(|j| j.checker.is_err())
    {
        eprintln!("klarsprog: {e}");
    }
    (jobs, config_errors)
}

/// The checkers the jobs use, each once, in order of first use.
pub(super) fn distinct_checkers(jobs: &[Job]) -> Vec<Arc<Checker>> {
    let mut out: Vec<Arc<Checker>> = Vec::new();
    for c in jobs.iter().filter_map(|j| j.checker.as_ref().ok()) {
        if !out.iter().any(|o| Arc::ptr_eq(o, c)) {
            out.push(c.clone());
        }
    }
    out
}

fn broken_pipe_or(e: io::Error) -> anyhow::Result<i32> {
    if e.kind() == io::ErrorKind::BrokenPipe {
        Ok(0)
    } else {
        Err(e.into())
    }
}

fn check_job(job: &Job, args: &CheckArgs) -> Done {
    let name = job.input.name();
    let checker = match &job.checker {
        Ok(c) => c,
        Err(e) => {
            return Done {
                report: Report::error(name, format!("konfigurationen kan ikke bruges: {e}")),
                loaded: None,
                stdin: false,
            };
        }
    };
    let stdin = matches!(job.input, Input::Stdin(_));
    let keep = args.fix || args.diff;
    match load(&job.input, checker.settings().max_file_size, keep) {
        Ok((Loaded { document, bom }, bytes)) => {
            let keep = bytes.map(|b| (b, bom));
            Done {
                report: checker.check(document),
                loaded: keep,
                stdin,
            }
        }
        Err(message) => Done {
            report: Report::error(name, message),
            loaded: None,
            stdin,
        },
    }
}

/// Reads and decodes one input (at most `max` bytes); with `keep`, the original bytes come
/// back too (`--fix` and `--diff` write them back), otherwise UTF-8 text is decoded without a
/// copy. The error is a message without the path.
pub(super) fn load(
    input: &Input,
    max: u64,
    keep: bool,
) -> Result<(Loaded, Option<Vec<u8>>), String> {
    let name = input.name();
    let decode = |n: &str, bytes: Vec<u8>| {
        let format = Format::from_path(n).unwrap_or(Format::Text);
        if keep {
            input::from_bytes(n, &bytes, format, max).map(|l| (l, Some(bytes)))
        } else {
            input::from_vec(n, bytes, format, max).map(|l| (l, None))
        }
        .map_err(|e| e.to_string())
    };
    let loaded = match input {
        Input::Broken(_, reason) => return Err(reason.clone()),
        Input::Stdin(n) => read_stdin(max).and_then(|bytes| decode(n, bytes)),
        Input::File(p) => input::read(p, max)
            .map_err(|e| file_error(&e))
            .and_then(|bytes| decode(&name, bytes)),
    };
    // Errors from `input` already name the path.
    loaded.map_err(|message| {
        message
            .strip_prefix(&format!("{name}: "))
            .unwrap_or(&message)
            .to_string()
    })
}

fn read_stdin(max: u64) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    io::stdin()
        .lock()
        .take(max + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| e.to_string())?;
    Ok(bytes)
}

enum FixResult {
    /// The file was fixed and checked again.
    Rechecked(Box<Report>),
    /// Fixed text of standard input, to print.
    Stdout(String),
    Unchanged,
}

#[allow(clippy::too_many_arguments)]
fn fix_one(
    checker: &Checker,
    report: &Report,
    original: &[u8],
    bom: bool,
    is_stdin: bool,
    level: FixLevel,
    args: &CheckArgs,
    out: &mut dyn Write,
) -> Result<FixResult, String> {
    let Some(doc) = &report.document else {
        return Ok(FixResult::Unchanged);
    };
    if doc.format.is_extracted() && args.fix {
        return Err("--fix kan ikke rette .docx, .odt og .html; ret i det oprindelige program (--diff viser ændringerne)".into());
    }
    let outcome = fix::fix_text(checker, &report.source, &doc.text, doc.format, level);
    if args.diff {
        if outcome.text != doc.text {
            let diff = similar::TextDiff::from_lines(&doc.text, &outcome.text);
            let udiff = diff
                .unified_diff()
                .header(&report.source, &report.source)
                .to_string();
            out.write_all(udiff.as_bytes()).map_err(|e| e.to_string())?;
        }
        return Ok(FixResult::Unchanged);
    }
    if is_stdin {
        return Ok(FixResult::Stdout(outcome.text));
    }
    if outcome.text == doc.text {
        return Ok(FixResult::Unchanged);
    }
    let path = Path::new(&report.source);
    let bytes = input::decode::encode(&outcome.text, doc.encoding, bom);
    fix::write_atomically(path, original, &bytes)?;
    eprintln!(
        "klarsprog: {}: rettede {} fund",
        report.source, outcome.applied
    );
    let fixed = klarsprog::Document::new(
        report.source.clone(),
        outcome.text,
        doc.encoding,
        doc.format,
    );
    Ok(FixResult::Rechecked(Box::new(checker.check(fixed))))
}
