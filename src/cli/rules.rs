//! `klarsprog rules list | explain ID | test [PACK…]`.

use std::collections::BTreeMap;
use std::path::PathBuf;

use klarsprog::Checker;
use klarsprog::rules::explanation;

use super::inputs::Checkers;
use super::{RulesArgs, RulesCommand};

pub fn run(mut args: RulesArgs) -> anyhow::Result<i32> {
    // Packs named as files in `rules test` are loaded like --rules.
    let mut selected: Vec<String> = Vec::new();
    if let RulesCommand::Test { packs } = &args.command {
        for p in packs {
            if p.ends_with(".toml") {
                args.config.rules.push(PathBuf::from(p));
                let stem = std::path::Path::new(p)
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default();
                selected.push(pack_name_of_file(p).unwrap_or(stem));
            } else {
                selected.push(p.clone());
            }
        }
    }
    let mut checkers = Checkers::new(args.config.clone(), None);
    let checker = match checkers.for_dir(None) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("klarsprog: {e}");
            return Ok(2);
        }
    };
    match &args.command {
        RulesCommand::List => list(&checker),
        RulesCommand::Explain { id } => explain(&checker, id),
        RulesCommand::Test { .. } => test(&checker, &selected),
    }
}

fn pack_name_of_file(path: &str) -> Option<String> {
    let src = std::fs::read_to_string(path).ok()?;
    let v: toml::Value = toml::from_str(&src).ok()?;
    Some(v.get("pack")?.get("name")?.as_str()?.to_string())
}

fn list(checker: &Checker) -> anyhow::Result<i32> {
    let set = checker.rule_set();
    println!(
        "{:<44} {:<14} {:<9} {:<13} SLÅET TIL",
        "REGEL", "KATEGORI", "NIVEAU", "TYPE"
    );
    for (i, r) in checker.rules().iter().enumerate() {
        println!(
            "{:<44} {:<14} {:<9} {:<13} {}",
            r.id,
            r.category.label(),
            r.severity.label(),
            r.kind.as_str(),
            if set.is_enabled(i) { "ja" } else { "nej" }
        );
    }
    let mut per_pack: BTreeMap<&str, usize> = BTreeMap::new();
    for r in checker.rules() {
        *per_pack.entry(&r.pack).or_default() += 1;
    }
    let packs: Vec<String> = per_pack.iter().map(|(p, n)| format!("{p} ({n})")).collect();
    println!(
        "\n{} regler i {} pakker: {}",
        checker.rules().len(),
        per_pack.len(),
        packs.join(", ")
    );
    Ok(0)
}

fn explain(checker: &Checker, id: &str) -> anyhow::Result<i32> {
    let Some(r) = checker.rules().iter().find(|r| r.id.as_ref() == id) else {
        let close: Vec<&str> = checker
            .rules()
            .iter()
            .map(|r| r.id.as_ref())
            .filter(|r| r.contains(id) || id.contains(*r))
            .take(5)
            .collect();
        eprintln!(
            "klarsprog: ingen regel hedder «{id}»{}",
            if close.is_empty() {
                String::new()
            } else {
                format!("; mente du: {}?", close.join(", "))
            }
        );
        return Ok(2);
    };
    print!("{}", explanation(r));
    Ok(0)
}

fn test(checker: &Checker, selected: &[String]) -> anyhow::Result<i32> {
    let set = checker.rule_set();
    let mut failed = 0;
    let mut rules = 0;
    let mut examples = 0;
    for (i, r) in checker.rules().iter().enumerate() {
        if !selected.is_empty() && !selected.contains(&r.pack) {
            continue;
        }
        if !set.is_enabled(i) {
            continue;
        }
        rules += 1;
        examples += r.examples.len();
        let fails = klarsprog::rules::examples::failures(checker, r);
        if !fails.is_empty() {
            failed += 1;
            let place = if r.file.is_empty() {
                String::new()
            } else if r.line == 0 {
                format!(" ({})", r.file)
            } else {
                format!(" ({}:{})", r.file, r.line)
            };
            println!("FEJL {}{place}", r.id);
            for f in fails {
                println!("  - {f}");
            }
        }
    }
    if rules == 0 {
        eprintln!(
            "klarsprog: ingen regler at teste{}",
            if selected.is_empty() {
                String::new()
            } else {
                format!(" i {}", selected.join(", "))
            }
        );
        return Ok(2);
    }
    println!(
        "{rules} regler, {examples} eksempler: {} bestået, {failed} fejlet.",
        rules - failed
    );
    Ok(if failed > 0 { 1 } else { 0 })
}
