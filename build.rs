//! Build step: turns dictionaries/verber.tsv into sorted static tables of offsets into one string (src/da/lexicon.rs), so the
//! verb lexicon costs nothing at start-up.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    verb_tables();
    compiled_packs();
}

/// A pack as build.rs reads it: no schema, only where each rule starts.
#[derive(serde::Deserialize)]
struct RawPack {
    pack: toml::Table,
    #[serde(default)]
    rule: Vec<toml::Spanned<toml::Table>>,
}

/// The default packs (rules/*.toml) as JSON with each rule's line: start-up reads JSON several
/// times faster than TOML and validates it with the same schema. A pack that does not parse
/// here is left out, and start-up parses its TOML and reports the error as for any pack.
fn compiled_packs() {
    println!("cargo::rerun-if-changed=rules");
    let mut names: Vec<_> = std::fs::read_dir("rules")
        .expect("rules/")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".toml"))
        .collect();
    names.sort();
    let mut out = String::from("/// A default pack as JSON, by file name.\n");
    out.push_str("pub fn compiled(name: &str) -> Option<&'static str> {\n    match name {\n");
    for name in &names {
        let source = std::fs::read_to_string(Path::new("rules").join(name)).expect("pack");
        let Ok(raw) = toml::from_str::<RawPack>(&source) else {
            continue;
        };
        let rules: Vec<serde_json::Value> = raw
            .rule
            .into_iter()
            .map(|spanned| {
                let start = spanned.span().start;
                let rest = &source[start..];
                let at = start + rest.len() - rest.trim_start().len();
                let line = source[..at].matches('\n').count() + 1;
                serde_json::json!({ "line": line, "def": spanned.into_inner() })
            })
            .collect();
        let json = serde_json::json!({ "pack": raw.pack, "rule": rules }).to_string();
        writeln!(out, "        {name:?} => Some({json:?}),").unwrap();
    }
    out.push_str("        _ => None,\n    }\n}\n");
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join("packs.rs");
    std::fs::write(dest, out).unwrap();
}

/// dictionaries/verber.tsv as sorted static tables.
fn verb_tables() {
    let src = Path::new("dictionaries/verber.tsv");
    println!("cargo::rerun-if-changed={}", src.display());
    println!("cargo::rerun-if-changed=src/da/fnv1a.rs");
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

    // One string holds every form; the tables hold byte offsets into it. Offsets, not `&str`s:
    // a table of 65,000 string pointers costs as many relocations when the program starts.
    let mut text = String::new();
    let mut at = std::collections::HashMap::<String, (usize, usize)>::new();
    let mut intern = |s: &str| -> (usize, usize) {
        *at.entry(s.to_string()).or_insert_with(|| {
            let start = text.len();
            text.push_str(s);
            (start, text.len())
        })
    };
    let mut out = String::new();
    writeln!(
        out,
        "pub static VERBS: [[(u32, u32); 4]; {}] = [",
        verbs.len()
    )
    .unwrap();
    for v in &verbs {
        let f: Vec<String> = v[..4].iter().map(|s| format!("{:?}", intern(s))).collect();
        writeln!(out, "    [{}],", f.join(", ")).unwrap();
    }
    writeln!(out, "];").unwrap();
    writeln!(
        out,
        "pub static S_FORMS: [((u32, u32), u32, u8); {}] = [",
        s_forms.len()
    )
    .unwrap();
    for (f, id, t, _) in &s_forms {
        writeln!(out, "    ({:?}, {id}, {t}),", intern(f)).unwrap();
    }
    writeln!(out, "];").unwrap();
    writeln!(
        out,
        "pub static PARTICIPLES: [((u32, u32), u32); {}] = [",
        participles.len()
    )
    .unwrap();
    for (f, id, _) in &participles {
        writeln!(out, "    ({:?}, {id}),", intern(f)).unwrap();
    }
    writeln!(out, "];").unwrap();
    writeln!(
        out,
        "pub static INFINITIVES: [((u32, u32), u32); {}] = [",
        infinitives.len()
    )
    .unwrap();
    for (f, id) in &infinitives {
        writeln!(out, "    ({:?}, {id}),", intern(f)).unwrap();
    }
    writeln!(out, "];").unwrap();
    // A hash table per table, filled here so nothing is built when the program starts: slots
    // hold 1 + the key's index in the sorted table, 0 when empty; linear probing from
    // `fnv1a(key)`, at most half full.
    let keys: [(&str, Vec<&str>); 3] = [
        ("S_FORM", s_forms.iter().map(|f| f.0.as_str()).collect()),
        (
            "PARTICIPLE",
            participles.iter().map(|f| f.0.as_str()).collect(),
        ),
        (
            "INFINITIVE",
            infinitives.iter().map(|f| f.0.as_str()).collect(),
        ),
    ];
    for (name, forms) in keys {
        let size = (forms.len() * 2).next_power_of_two();
        let mut slots = vec![0u32; size];
        for (i, f) in forms.iter().enumerate() {
            let mut at = fnv1a(f.as_bytes()) as usize & (size - 1);
            while slots[at] != 0 {
                at = (at + 1) & (size - 1);
            }
            slots[at] = i as u32 + 1;
        }
        writeln!(out, "pub static {name}_SLOTS: [u32; {size}] = {slots:?};").unwrap();
    }
    writeln!(out, "pub static TEXT: &str = {text:?};").unwrap();
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join("verbs.rs");
    std::fs::write(dest, out).unwrap();
}

include!("src/da/fnv1a.rs");
