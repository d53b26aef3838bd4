//! `klarsprog audit`: check many letters in parallel with a progress bar, keep one small row per
//! letter, print a summary and write the HTML, CSV and JSON reports.

use std::io::{self, IsTerminal, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};
use rayon::prelude::*;

use klarsprog::audit::{
    Audit, AuditMeta, LetterResult, Summary, fmt_dec, fmt_int, fmt_pct, format_time, letters_n,
};
use klarsprog::output::{csv, html, json};
use klarsprog::text::stats::Band;
use klarsprog::{Checker, Report};

use super::AuditArgs;
use super::check::{Job, distinct_checkers, jobs, load};
use super::inputs::{Checkers, Input};

fn progress_bar(len: usize, enabled: bool) -> ProgressBar {
    let ci = std::env::var_os("CI").is_some_and(|v| !v.is_empty());
    if !enabled || ci || !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let pb = ProgressBar::with_draw_target(Some(len as u64), ProgressDrawTarget::stderr());
    // Counts as Danes write them ("4.512/10.000 breve · 812 breve/s").
    if let Ok(style) = ProgressStyle::with_template(
        "{spinner} [{elapsed_precise}] {wide_bar} {done}/{total} breve · {rate} breve/s · {eta} tilbage",
    ) {
        pb.set_style(
            style
                .with_key("done", |s: &ProgressState, w: &mut dyn std::fmt::Write| {
                    let _ = w.write_str(&fmt_int(s.pos()));
                })
                .with_key("total", |s: &ProgressState, w: &mut dyn std::fmt::Write| {
                    let _ = w.write_str(&fmt_int(s.len().unwrap_or(0)));
                })
                .with_key("rate", |s: &ProgressState, w: &mut dyn std::fmt::Write| {
                    let _ = w.write_str(&fmt_int(s.per_sec().max(0.0) as u64));
                })
                .progress_chars("█▓░"),
        );
    }
    pb.enable_steady_tick(Duration::from_millis(200));
    pb
}

fn check_one(job: &Job, detail: bool) -> LetterResult {
    let name = job.input.name();
    let report = match &job.checker {
        Err(e) => Report::error(name, format!("konfigurationen kan ikke bruges: {e}")),
        Ok(checker) => match load(&job.input, checker.settings().max_file_size, false) {
            Ok((loaded, _)) => checker.check(loaded.document),
            Err(message) => Report::error(name, message),
        },
    };
    let fail_level = job
        .checker
        .as_ref()
        .map_or(klarsprog::Severity::Warning, |c| c.settings().fail_level);
    LetterResult::from_report(&report, fail_level, detail)
}

/// Opens an output file, or standard output for "-".
fn create(path: &Path) -> io::Result<Box<dyn Write>> {
    if path.as_os_str() == "-" {
        return Ok(Box::new(io::BufWriter::new(io::stdout().lock())));
    }
    Ok(Box::new(io::BufWriter::new(std::fs::File::create(path)?)))
}

fn size_of(path: &Path) -> String {
    match std::fs::metadata(path) {
        Ok(m) if m.len() >= 1_000_000 => format!("{} MB", fmt_dec(m.len() as f64 / 1e6)),
        Ok(m) => format!("{} kB", fmt_dec(m.len() as f64 / 1e3)),
        Err(_) => String::new(),
    }
}

pub fn run(args: AuditArgs) -> anyhow::Result<i32> {
    if args.paths.is_empty() {
        eprintln!("klarsprog audit: angiv mindst én fil eller mappe (se klarsprog audit --help)");
        return Ok(2);
    }
    if let Some(n) = args.threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global()
            .ok();
    }
    let started = Instant::now();
    let inputs = match super::inputs::expand(&args.paths, None, &args.glob) {
        Ok(i) => i,
        Err(e) => {
            eprintln!("klarsprog audit: {e}");
            return Ok(2);
        }
    };
    if inputs.iter().any(|i| matches!(i, Input::Stdin(_))) {
        eprintln!("klarsprog audit: læser ikke standard input; brug klarsprog check -");
        return Ok(2);
    }
    let mut checkers = Checkers::new(args.config.clone(), None);
    let (jobs, config_errors) = jobs(inputs, &mut checkers);
    let used = distinct_checkers(&jobs);
    let main_checker: Option<Arc<Checker>> = match used.first() {
        Some(c) => Some(c.clone()),
        None => checkers.for_dir(None).ok(),
    };
    let catalogue = main_checker
        .as_ref()
        .map(|c| c.rules().to_vec())
        .unwrap_or_default();
    let detail = args.report.is_some() && args.detail > 0;
    let audit = Mutex::new(Audit::new(&catalogue, args.detail));
    let pb = progress_bar(jobs.len(), !args.no_progress);
    jobs.par_iter().enumerate().for_each(|(i, job)| {
        let result = check_one(job, detail);
        if let Ok(mut a) = audit.lock() {
            a.add(i, result);
        }
        pb.inc(1);
    });
    pb.finish_and_clear();
    let mut audit = audit.into_inner().unwrap_or_else(|e| e.into_inner());
    audit.finish();
    let summary = audit.summary();
    let now = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.parse::<i64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() as i64)
        });
    let (date, date_iso) = format_time(now);
    let hashes: Vec<String> = if used.is_empty() {
        main_checker.iter().map(|c| c.rule_set_hash()).collect()
    } else {
        used.iter().map(|c| c.rule_set_hash()).collect()
    };
    let meta = AuditMeta {
        date,
        date_iso,
        rule_set_hash: hashes.join(", "),
        rules_total: catalogue.len(),
        rules_enabled: main_checker.as_ref().map_or(0, |c| {
            (0..c.rules().len())
                .filter(|&i| c.rule_set().is_enabled(i))
                .count()
        }),
        version: env!("CARGO_PKG_VERSION").to_string(),
        roots: args.paths.iter().map(|p| p.display().to_string()).collect(),
        seconds: started.elapsed().as_secs_f64(),
    };
    for r in &audit.letters {
        if let Some(e) = &r.error {
            eprintln!("klarsprog: {}: {e}", r.path);
        }
    }
    let mut exit = if summary.unreadable > 0 || config_errors > 0 {
        2
    } else {
        0
    };
    let mut written = Vec::new();
    let to_stdout = [&args.report, &args.csv, &args.json]
        .iter()
        .any(|p| p.as_deref().is_some_and(|p| p.as_os_str() == "-"));
    let outputs: [(&Option<std::path::PathBuf>, &str); 3] = [
        (&args.report, "Rapport"),
        (&args.csv, "CSV"),
        (&args.json, "JSON"),
    ];
    for (path, label) in outputs {
        let Some(path) = path else { continue };
        let result = create(path).and_then(|mut out| {
            match label {
                "Rapport" => html::write_report(&mut out, &audit, &summary, &meta)?,
                "CSV" => csv::write_audit(&mut out, &audit)?,
                _ => {
                    serde_json::to_writer(&mut out, &json::audit_json(&audit, &summary, &meta))?;
                    out.write_all(b"\n")?;
                }
            }
            out.flush()
        });
        match result {
            Ok(()) => written.push((label, path.clone())),
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {}
            Err(e) => {
                eprintln!("klarsprog audit: kan ikke skrive {}: {e}", path.display());
                exit = 2;
            }
        }
    }
    let text = summary_text(&audit, &summary, &meta, &written);
    let result = if to_stdout {
        io::stderr().write_all(text.as_bytes())
    } else {
        io::stdout().write_all(text.as_bytes())
    };
    if let Err(e) = result
        && e.kind() != io::ErrorKind::BrokenPipe
    {
        return Err(e.into());
    }
    Ok(exit)
}

/// The summary printed at the end, in Danish.
fn summary_text(
    a: &Audit,
    s: &Summary,
    meta: &AuditMeta,
    written: &[(&str, std::path::PathBuf)],
) -> String {
    use std::fmt::Write as _;
    let mut t = String::new();
    let read = s.letters - s.unreadable;
    let _ = writeln!(
        t,
        "Revision af {} på {} s (regelsæt {}).",
        letters_n(s.letters as u64),
        html::seconds(meta.seconds),
        meta.rule_set_hash
    );
    let _ = writeln!(
        t,
        "  Tjekket: {} · med advarsler eller fejl: {} ({}) · kunne ikke læses: {}",
        fmt_int(read as u64),
        fmt_int(s.failing as u64),
        fmt_pct(s.failing, read),
        fmt_int(s.unreadable as u64)
    );
    if let (Some(m), Some(q1), Some(q3)) = (s.lix_median, s.lix_q1, s.lix_q3) {
        let _ = writeln!(
            t,
            "  LIX: median {} · kvartiler {} og {} · gennemsnit {}{}",
            fmt_dec(m),
            fmt_dec(q1),
            fmt_dec(q3),
            s.lix_mean.map_or("–".into(), fmt_dec),
            if s.short_texts > 0 {
                format!(
                    " ({} under 100 ord: usikker LIX)",
                    letters_n(s.short_texts as u64)
                )
            } else {
                String::new()
            }
        );
        let bands: Vec<String> = Band::ALL
            .iter()
            .enumerate()
            .map(|(i, b)| format!("{} {}", b.label(), fmt_pct(s.bands[i], s.with_lix)))
            .collect();
        let _ = writeln!(t, "  Bånd: {}", bands.join(" · "));
    }
    let count = |checked: bool, n: usize| {
        if checked {
            letters_n(n as u64)
        } else {
            "– (ingen regel for det i regelsættet)".to_string()
        }
    };
    let _ = writeln!(
        t,
        "  Mangler kontaktoplysninger: {} · mangler klagevejledning: {}",
        count(a.checks_contact, s.missing_contact),
        count(a.checks_complaint, s.missing_complaint)
    );
    let _ = writeln!(
        t,
        "  Fund: {} ({} fejl, {} advarsler, {} info)",
        fmt_int(s.findings),
        fmt_int(s.severity[2]),
        fmt_int(s.severity[1]),
        fmt_int(s.severity[0])
    );
    if !s.top_rules.is_empty() {
        let _ = writeln!(t, "\nDe hyppigste fund:");
        let width = s
            .top_rules
            .iter()
            .map(|&i| a.rules[i].id.chars().count())
            .max()
            .unwrap_or(0);
        for (k, &i) in s.top_rules.iter().enumerate() {
            let r = &a.rules[i];
            let _ = writeln!(
                t,
                "  {:>2}. {:<width$}  {:>9} fund i {}",
                k + 1,
                r.id,
                fmt_int(r.findings),
                letters_n(r.letters)
            );
        }
    }
    if !s.hardest.is_empty() {
        let _ = writeln!(t, "\nDe sværeste breve (højest LIX):");
        for (k, &i) in s.hardest.iter().enumerate() {
            let r = &a.letters[i];
            let Some(st) = &r.stats else { continue };
            let _ = writeln!(
                t,
                "  {:>2}. {:>5}  {:<10}  {}",
                k + 1,
                fmt_dec(st.lix),
                st.band.label(),
                r.path
            );
        }
    }
    if !written.is_empty() {
        t.push('\n');
        for (label, path) in written {
            if path.as_os_str() == "-" {
                continue;
            }
            let _ = writeln!(t, "{label}: {} ({})", path.display(), size_of(path));
        }
    }
    t
}
