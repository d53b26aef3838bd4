//! The command line, tested as a user runs it. Cases in tests/cmd/*.toml give the arguments,
//! standard input, exit code and text that must appear; the rest are written out below.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_klarsprog"));
    c.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("NO_COLOR")
        .env("CI", "true");
    c
}

pub struct Out {
    pub status: i32,
    pub stdout: String,
    pub stderr: String,
}

pub fn run(args: &[&str], stdin: Option<&[u8]>, dir: Option<&Path>) -> Out {
    let mut c = bin();
    if let Some(d) = dir {
        c.current_dir(d);
    }
    c.args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = c.spawn().expect("klarsprog runs");
    let mut pipe = child.stdin.take().unwrap();
    let input = stdin.map(<[u8]>::to_vec);
    let writer = std::thread::spawn(move || {
        if let Some(bytes) = input {
            let _ = pipe.write_all(&bytes);
        }
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    let o = Out {
        status: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    assert!(!o.stderr.contains("panicked"), "panic: {}", o.stderr);
    o
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    args: Vec<String>,
    stdin: Option<String>,
    status: i32,
    #[serde(default)]
    stdout: Vec<String>,
    #[serde(default)]
    stderr: Vec<String>,
    #[serde(default)]
    stdout_not: Vec<String>,
}

#[test]
fn data_file_cases() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cmd");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    assert!(files.len() >= 5);
    let mut failures = Vec::new();
    for f in &files {
        let case: Case = toml::from_str(&std::fs::read_to_string(f).unwrap())
            .unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        let args: Vec<&str> = case.args.iter().map(String::as_str).collect();
        let out = run(&args, case.stdin.as_deref().map(str::as_bytes), None);
        let name = f.file_name().unwrap().to_string_lossy();
        if out.status != case.status {
            failures.push(format!(
                "{name}: exit {} (want {})\nstdout: {}\nstderr: {}",
                out.status, case.status, out.stdout, out.stderr
            ));
        }
        for s in &case.stdout {
            if !out.stdout.contains(s.as_str()) {
                failures.push(format!(
                    "{name}: stdout lacks «{s}»\nstdout: {}",
                    out.stdout
                ));
            }
        }
        for s in &case.stdout_not {
            if out.stdout.contains(s.as_str()) {
                failures.push(format!("{name}: stdout has «{s}»"));
            }
        }
        for s in &case.stderr {
            if !out.stderr.contains(s.as_str()) {
                failures.push(format!(
                    "{name}: stderr lacks «{s}»\nstderr: {}",
                    out.stderr
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

fn json(args: &[&str], stdin: Option<&[u8]>, dir: Option<&Path>) -> (i32, serde_json::Value) {
    let out = run(args, stdin, dir);
    let v = serde_json::from_str(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", out.stdout));
    (out.status, v)
}

#[test]
fn json_shape_is_exact() {
    let text = "Kære Anne\n\nVi har talt med din læge, og vi har kigget på din husleje, din indkomst, dine udgifter til varme og el og på antallet af personer, der bor i boligen sammen med dig i dag.\n";
    let (status, v) = json(
        &[
            "check",
            "-",
            "--stdin-filename",
            "brev.txt",
            "--format",
            "json",
            "--no-config",
        ],
        Some(text.as_bytes()),
        None,
    );
    assert_eq!(status, 1);
    assert_eq!(v["version"], 1);
    let file = &v["files"][0];
    for key in ["path", "encoding", "stats", "findings", "error"] {
        assert!(file.get(key).is_some(), "file lacks {key}");
    }
    assert_eq!(file["path"], "brev.txt");
    assert_eq!(file["encoding"], "utf-8");
    assert!(file["error"].is_null());
    for key in ["words", "long_words", "sentences", "lix", "band"] {
        assert!(file["stats"].get(key).is_some(), "stats lacks {key}");
    }
    let f = &file["findings"][0];
    for key in [
        "rule",
        "category",
        "severity",
        "message",
        "start",
        "end",
        "line",
        "column",
        "end_line",
        "end_column",
        "text",
        "suggestions",
    ] {
        assert!(f.get(key).is_some(), "finding lacks {key}");
    }
    let (start, end) = (
        f["start"].as_u64().unwrap() as usize,
        f["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(f["text"].as_str().unwrap(), &text[start..end]);
    assert_eq!(f["rule"], "laesbarhed/lange-saetninger");
    assert_eq!(
        (f["line"].as_u64(), f["column"].as_u64()),
        (Some(3), Some(1))
    );
}

#[test]
fn encodings_are_detected_and_reported() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Kære Søren\n\nDu får svar på din ansøgning om boligstøtte i næste uge.\n";
    let mut utf16le = vec![0xFF, 0xFE];
    utf16le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let mut utf16be = vec![0xFE, 0xFF];
    utf16be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    let (cp1252, _, _) = encoding_rs::WINDOWS_1252.encode(text);
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(text.as_bytes());
    let cases: [(&str, Vec<u8>, &str); 5] = [
        ("a.txt", text.as_bytes().to_vec(), "utf-8"),
        ("b.txt", bom, "utf-8"),
        ("c.txt", utf16le, "utf-16le"),
        ("d.txt", utf16be, "utf-16be"),
        ("e.txt", cp1252.into_owned(), "windows-1252"),
    ];
    for (name, bytes, _) in &cases {
        std::fs::write(dir.path().join(name), bytes).unwrap();
    }
    let (_, v) = json(
        &["check", "--format", "json", "--no-config", "."],
        None,
        Some(dir.path()),
    );
    let files = v["files"].as_array().unwrap();
    assert_eq!(files.len(), 5);
    let words = files[0]["stats"]["words"].clone();
    for (f, (name, _, enc)) in files.iter().zip(&cases) {
        assert!(f["path"].as_str().unwrap().ends_with(name));
        assert_eq!(f["encoding"], *enc, "{name}");
        assert_eq!(f["stats"]["words"], words, "{name}: same text, same counts");
    }
}

#[test]
fn binary_and_undecodable_files_are_errors_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a-binary.txt"),
        b"PK\x03\x04\x00\x00\x00binary",
    )
    .unwrap();
    std::fs::write(dir.path().join("b-garbage.txt"), b"abc \x81\x8d\x90 def").unwrap();
    std::fs::write(
        dir.path().join("c-good.txt"),
        "Kære Anne\n\nDu får svar i næste uge.\n",
    )
    .unwrap();
    let (status, v) = json(
        &["check", "--format", "json", "--no-config", "."],
        None,
        Some(dir.path()),
    );
    assert_eq!(status, 2);
    let files = v["files"].as_array().unwrap();
    assert!(files[0]["error"].as_str().unwrap().contains("binær"));
    assert!(files[1]["error"].as_str().unwrap().contains("UTF-8"));
    assert!(files[2]["error"].is_null());
    assert!(files[2]["stats"]["words"].as_u64().unwrap() > 0);
    // The human format names the file and the reason on stderr.
    let out = run(&["check", "--no-config", "."], None, Some(dir.path()));
    assert!(
        out.stderr.contains("a-binary.txt: binær fil"),
        "{}",
        out.stderr
    );
}

#[test]
fn crlf_positions_point_into_the_original_text() {
    let text = "Kære Anne\r\n\r\nVi har talt med din læge, og vi har kigget på din husleje, din indkomst, dine udgifter til varme og el og på antallet af personer, der bor i boligen sammen med dig i dag.\r\n";
    let (_, v) = json(
        &["check", "-", "--format", "json", "--no-config"],
        Some(text.as_bytes()),
        None,
    );
    let f = &v["files"][0]["findings"][0];
    let (start, end) = (
        f["start"].as_u64().unwrap() as usize,
        f["end"].as_u64().unwrap() as usize,
    );
    assert!(text[start..end].starts_with("Vi har talt"));
    assert_eq!(f["line"], 3);
}

#[test]
fn config_is_discovered_from_the_file_upwards() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("breve/2026");
    std::fs::create_dir_all(&sub).unwrap();
    let long = "Vi har talt med din læge, og vi har kigget på din husleje, din indkomst, dine udgifter til varme og el og på antallet af personer, der bor i boligen sammen med dig i dag.\n";
    std::fs::write(sub.join("brev.txt"), long).unwrap();
    let (status, _) = json(
        &["check", "--format", "json", "breve"],
        None,
        Some(dir.path()),
    );
    assert_eq!(status, 1);
    std::fs::write(
        dir.path().join("breve/klarsprog.toml"),
        "[rule.\"laesbarhed/lange-saetninger\"]\nmax = 40\n",
    )
    .unwrap();
    let (status, v) = json(
        &["check", "--format", "json", "breve"],
        None,
        Some(dir.path()),
    );
    assert_eq!(status, 0, "{v}");
    // --no-config ignores it again.
    let (status, _) = json(
        &["check", "--format", "json", "--no-config", "breve"],
        None,
        Some(dir.path()),
    );
    assert_eq!(status, 1);
    // A broken klarsprog.toml is a configuration error naming the file and line.
    std::fs::write(
        dir.path().join("breve/klarsprog.toml"),
        "disable = [\"stil\"\n",
    )
    .unwrap();
    let out = run(&["check", "breve"], None, Some(dir.path()));
    assert_eq!(out.status, 2);
    assert!(
        out.stderr.contains("klarsprog.toml") && out.stderr.contains("linje"),
        "{}",
        out.stderr
    );
}

#[test]
fn broken_pipe_ends_quietly() {
    let mut c = bin();
    c.args(["check", "--no-config", "samples"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = c.spawn().unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        !err.contains("panicked") && !err.contains("Broken pipe"),
        "{err}"
    );
}
