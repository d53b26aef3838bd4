//! Build step: turns dictionaries/verber.tsv into sorted static tables (src/da/lexicon.rs), so the
//! verb lexicon costs nothing at start-up.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let src = Path::new("dictionaries/verber.tsv");
    println!("cargo::rerun-if-changed={}", src.display());
    let text = std::fs::read_to_string(src).expect("dictionaries/verber.tsv");
    // (infinitive, present, past, participle, all pasts, all participles)
    let mut verbs: Vec<[String; 6]> = Vec::new();
    for line in text.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
        if cols.len() < 4 || cols[0].is_empty() {
            continue;
        }
        let first = |s: &str| s.split(',').next().unwrap_or("").trim().to_string();
        verbs.push([
            cols[0].into(),
            first(cols[1]),
            first(cols[2]),
            first(cols[3]),
            cols[2].into(),
            cols[3].into(),
        ]);
    }
    // s-forms: infinitive + s (present), each past + s / -es (past). First verb in file order wins.
    let mut s_forms: Vec<(String, usize, u8, usize)> = Vec::new();
    let mut participles: Vec<(String, usize, usize)> = Vec::new();
    let mut infinitives: Vec<(String, usize)> = Vec::new();
    for (id, v) in verbs.iter().enumerate() {
        let order = s_forms.len();
        s_forms.push((format!("{}s", v[0]), id, 0, order));
        for past in v[4].split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let form = if past.ends_with('e') {
                format!("{past}s")
            } else {
                format!("{past}es")
            };
            s_forms.push((form, id, 1, s_forms.len()));
        }
        for part in v[5].split(',').map(str::trim).filter(|p| !p.is_empty()) {
            participles.push((part.to_string(), id, participles.len()));
        }
        infinitives.push((v[0].clone(), id));
    }
    s_forms.sort_by(|a, b| a.0.cmp(&b.0).then(a.3.cmp(&b.3)));
    s_forms.dedup_by(|b, a| a.0 == b.0);
    participles.sort_by(|a, b| a.0.cmp(&b.0).then(a.2.cmp(&b.2)));
    participles.dedup_by(|b, a| a.0 == b.0);
    infinitives.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
    infinitives.dedup_by(|b, a| a.0 == b.0);

    let mut out = String::new();
    writeln!(out, "pub static VERBS: [Verb; {}] = [", verbs.len()).unwrap();
    for v in &verbs {
        writeln!(
            out,
            "    Verb {{ infinitive: {:?}, present: {:?}, past: {:?}, participle: {:?} }},",
            v[0], v[1], v[2], v[3]
        )
        .unwrap();
    }
    writeln!(out, "];").unwrap();
    writeln!(
        out,
        "pub static S_FORMS: [(&str, u32, u8); {}] = [",
        s_forms.len()
    )
    .unwrap();
    for (f, id, t, _) in &s_forms {
        writeln!(out, "    ({f:?}, {id}, {t}),").unwrap();
    }
    writeln!(out, "];").unwrap();
    writeln!(
        out,
        "pub static PARTICIPLES: [(&str, u32); {}] = [",
        participles.len()
    )
    .unwrap();
    for (f, id, _) in &participles {
        writeln!(out, "    ({f:?}, {id}),").unwrap();
    }
    writeln!(out, "];").unwrap();
    writeln!(
        out,
        "pub static INFINITIVES: [(&str, u32); {}] = [",
        infinitives.len()
    )
    .unwrap();
    for (f, id) in &infinitives {
        writeln!(out, "    ({f:?}, {id}),").unwrap();
    }
    writeln!(out, "];").unwrap();
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join("verbs.rs");
    std::fs::write(dest, out).unwrap();
}
