//! Broken and hostile inputs, run as a user runs them: every case asserts the exit code, a
//! Danish message that names the file (for packs also the line and the rule id), and that no
//! panic text appears. Big inputs are written into a temporary folder by the test itself.
//!
//! Every run a case asserts on is also printed as one row of a markdown table,
//! `| case | exit code | message |` (the header comes once, before the first row), so
//! `cargo test --test bad_input -- --nocapture --test-threads=1 2>&1 | grep '^|'` prints the
//! matrix exactly as the tests saw it.

use std::io::{Read, Write};
use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Longer than any case takes in a debug build; a case that hangs fails instead of blocking.
const TIMEOUT: Duration = Duration::from_secs(300);

struct Out {
    status: i32,
    stdout: String,
    stderr: String,
    /// The folder klarsprog ran in; `row` writes it as `DIR`.
    dir: PathBuf,
}

/// Runs klarsprog in `dir`, optionally as another user (`setpriv` in front), with a timeout.
fn run_with(prefix: &[&str], dir: &Path, args: &[&str]) -> Out {
    let mut c = match prefix.split_first() {
        Some((first, rest)) => {
            let mut c = Command::new(first);
            c.args(rest).arg(env!("CARGO_BIN_EXE_klarsprog"));
            c
        }
        None => Command::new(env!("CARGO_BIN_EXE_klarsprog")),
    };
    let mut child = c
        .current_dir(dir)
        .args(args)
        .env("CI", "true")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("klarsprog runs");
    let mut stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let out_reader = std::thread::spawn(move || {
        let mut s = Vec::new();
        stdout.read_to_end(&mut s).unwrap();
        s
    });
    let err_reader = std::thread::spawn(move || {
        let mut s = Vec::new();
        stderr.read_to_end(&mut s).unwrap();
        s
    });
    let start = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if start.elapsed() > TIMEOUT {
            child.kill().unwrap();
            panic!("klarsprog {args:?} ran longer than {TIMEOUT:?} (a hang?)");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let out = Out {
        status: status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out_reader.join().unwrap()).into_owned(),
        stderr: String::from_utf8_lossy(&err_reader.join().unwrap()).into_owned(),
        dir: dir.to_path_buf(),
    };
    assert!(
        !out.stderr.contains("panicked") && !out.stdout.contains("panicked"),
        "panic: {}",
        out.stderr
    );
    out
}

fn run(dir: &Path, args: &[&str]) -> Out {
    run_with(&[], dir, args)
}

fn json(dir: &Path, args: &[&str]) -> (Out, serde_json::Value) {
    let out = run(dir, args);
    let v = serde_json::from_str(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}\n{}", out.stdout, out.stderr));
    (out, v)
}

/// Prints one row of the matrix, `| case | exit code | message |`, for a run the case
/// asserted on. The message is, for each of `lines`, the first line of standard error that
/// contains it, or else the first such line of standard output (a needle that matches
/// neither fails the test). Lines are joined with `<br>`, the run's folder is written `DIR`
/// and `|` is escaped.
fn row(case: &str, out: &Out, lines: &[&str]) {
    let picked: Vec<&str> = lines
        .iter()
        .map(|needle| {
            out.stderr
                .lines()
                .chain(out.stdout.lines())
                .find(|l| l.contains(needle))
                .unwrap_or_else(|| {
                    panic!(
                        "{case}: no line with «{needle}»:\n{}\n{}",
                        out.stderr, out.stdout
                    )
                })
                .trim()
        })
        .collect();
    row_message(case, out, &picked.join("\n"));
}

/// Prints a row with a message of the case's own making, for a run that writes what matters
/// only into JSON.
fn row_message(case: &str, out: &Out, message: &str) {
    static HEADER: std::sync::Once = std::sync::Once::new();
    let mut message = message.to_string();
    for dir in [out.dir.canonicalize().ok(), Some(out.dir.clone())]
        .into_iter()
        .flatten()
    {
        message = message.replace(&*dir.to_string_lossy(), "DIR");
    }
    let message = message.replace('|', "\\|").replace('\n', "<br>");
    // println!, not a write to io::stdout(): the test harness captures only the former. Each
    // row starts on a fresh line, as with --nocapture the harness has just written
    // `test name ... ` without one.
    HEADER.call_once(|| println!("\n| case | exit code | message |\n|---|---|---|"));
    println!("\n| {case} | {} | {message} |", out.status);
}

fn has(hay: &str, needle: &str) {
    assert!(hay.contains(needle), "lacks «{needle}»:\n{hay}");
}

const LETTER: &str = "Kære Anne\n\nDu får svar på din ansøgning om boligstøtte i næste uge. Ring til os, hvis du har spørgsmål.\n";
const OFFICIALESE: &str = "Kære Anne\n\nI henhold til loven fremsendes hermed afgørelsen. Såfremt du har spørgsmål, kan du ringe.\n";

fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

#[test]
fn empty_file() {
    let d = tempdir();
    std::fs::write(d.path().join("tom.txt"), "").unwrap();
    let out = run(d.path(), &["check", "--no-config", "tom.txt"]);
    assert_eq!(out.status, 0);
    has(&out.stdout, "tom.txt: ingen ord at tjekke");
    row("empty file", &out, &["tom.txt"]);
}

#[test]
fn only_whitespace() {
    let d = tempdir();
    std::fs::write(d.path().join("blank.txt"), " \n\t\r\n\u{a0}\u{2028}  \n\n").unwrap();
    let out = run(d.path(), &["check", "--no-config", "blank.txt"]);
    assert_eq!(out.status, 0);
    has(&out.stdout, "blank.txt: ingen ord at tjekke");
    row("only whitespace", &out, &["blank.txt"]);
}

#[test]
fn nul_bytes() {
    let d = tempdir();
    std::fs::write(d.path().join("nul.txt"), b"Kaere Anne\0\0\0 hej\0").unwrap();
    let out = run(d.path(), &["check", "--no-config", "nul.txt"]);
    assert_eq!(out.status, 2);
    has(
        &out.stderr,
        "nul.txt: binær fil (indeholder NUL-bytes); den er ikke tjekket",
    );
    row("NUL bytes", &out, &["nul.txt"]);
}

#[test]
fn neither_utf8_nor_windows_1252() {
    let d = tempdir();
    // 0x81, 0x8D and 0x90 have no character in Windows-1252, and are not UTF-8.
    std::fs::write(d.path().join("rod.txt"), b"K\xe6re Anne \x81\x8d\x90 hej").unwrap();
    let out = run(d.path(), &["check", "--no-config", "rod.txt"]);
    assert_eq!(out.status, 2);
    has(
        &out.stderr,
        "rod.txt: kan ikke læses som UTF-8, UTF-16 eller Windows-1252; gem filen som UTF-8",
    );
    row("neither UTF-8 nor Windows-1252", &out, &["rod.txt"]);
}

#[test]
fn utf16_with_and_without_bom() {
    let d = tempdir();
    let le: Vec<u8> = LETTER.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let be: Vec<u8> = LETTER.encode_utf16().flat_map(u16::to_be_bytes).collect();
    let cases: [(&str, Vec<u8>, &str); 5] = [
        ("a-utf8.txt", LETTER.as_bytes().to_vec(), "utf-8"),
        (
            "b-le-bom.txt",
            [&[0xFF, 0xFE][..], &le].concat(),
            "utf-16le",
        ),
        (
            "c-be-bom.txt",
            [&[0xFE, 0xFF][..], &be].concat(),
            "utf-16be",
        ),
        ("d-le.txt", le.clone(), "utf-16le"),
        ("e-be.txt", be.clone(), "utf-16be"),
    ];
    for (name, bytes, _) in &cases {
        std::fs::write(d.path().join(name), bytes).unwrap();
    }
    let (out, v) = json(d.path(), &["check", "--no-config", "--format", "json", "."]);
    assert_eq!(out.status, 0, "{}", out.stderr);
    let files = v["files"].as_array().unwrap();
    assert_eq!(files.len(), 5);
    for (f, (name, _, enc)) in files.iter().zip(&cases) {
        assert!(f["path"].as_str().unwrap().ends_with(name));
        assert_eq!(f["encoding"], *enc, "{name}");
        assert_eq!(
            f["stats"], files[0]["stats"],
            "{name}: same text, same counts"
        );
    }
    // Nothing goes to standard error: the row lists the encoding each file was read as.
    let read_as: Vec<String> = files
        .iter()
        .map(|f| {
            format!(
                "{}: {}",
                f["path"].as_str().unwrap(),
                f["encoding"].as_str().unwrap()
            )
        })
        .collect();
    row_message(
        "UTF-16 with/without BOM (JSON)",
        &out,
        &format!("encoding {}", read_as.join(", ")),
    );
}

/// A letter padded to 100 MB (as a broken export leaves a file): read, checked and reported
/// under the default limit; refused with the limit in the message when klarsprog.toml sets
/// a lower max-file-size; and a max-file-size above 1 GB is a configuration error.
#[test]
fn a_100_mb_file() {
    let d = tempdir();
    let path = d.path().join("stor.txt");
    {
        let mut f = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
        f.write_all(OFFICIALESE.as_bytes()).unwrap();
        let pad = format!("{}\n", " ".repeat(999));
        for _ in 0..100_000 {
            f.write_all(pad.as_bytes()).unwrap();
        }
    }
    assert!(std::fs::metadata(&path).unwrap().len() > 100_000_000);
    let out = run(d.path(), &["check", "--no-config", "stor.txt"]);
    assert_eq!(out.status, 1, "{}", out.stderr);
    has(
        &out.stdout,
        "stor.txt:3:1: advarsel [kancellisprog/i-henhold-til]",
    );
    has(&out.stdout, "Tjekkede 1 fil:");
    row(
        "100 MB file, default limit",
        &out,
        &["stor.txt:3:1:", "Tjekkede"],
    );

    std::fs::write(
        d.path().join("klarsprog.toml"),
        "max-file-size = 50000000\n",
    )
    .unwrap();
    let out = run(d.path(), &["check", "stor.txt"]);
    assert_eq!(out.status, 2);
    has(
        &out.stderr,
        "stor.txt: filen er 100 MB; grænsen er 50 MB (max-file-size i klarsprog.toml)",
    );
    row("100 MB file, max-file-size 50 MB", &out, &["stor.txt"]);

    std::fs::write(
        d.path().join("klarsprog.toml"),
        "# grænse\nmax-file-size = 5000000000\n",
    )
    .unwrap();
    let out = run(d.path(), &["check", "stor.txt"]);
    assert_eq!(out.status, 2);
    has(
        &out.stderr,
        "klarsprog.toml: linje 2: max-file-size = 5000000000 kan ikke bruges",
    );
    row("max-file-size over 1 GB", &out, &["klarsprog.toml"]);
}

/// 10 MB of running text in one line, with an officialese phrase every 100 sentences: the
/// positions and excerpts of its findings are found without rescanning the line.
#[test]
fn a_10_mb_line() {
    let d = tempdir();
    let sentence = "Du får svar i næste uge, og vi ringer til dig, hvis vi mangler noget. ";
    let mut line = String::with_capacity(10_100_000);
    let mut n = 0;
    while line.len() < 10_000_000 {
        line.push_str(if n % 100 == 99 {
            "Vi har behandlet sagen i henhold til loven. "
        } else {
            sentence
        });
        n += 1;
    }
    std::fs::write(d.path().join("lang.txt"), &line).unwrap();
    let out = run(d.path(), &["check", "--no-config", "lang.txt"]);
    assert_eq!(out.status, 1, "{}", out.stderr);
    let hits = out.stdout.matches("[kancellisprog/i-henhold-til]").count();
    assert_eq!(hits, n / 100);
    has(&out.stdout, "lang.txt:1:");
    // The excerpt is a window, not the 10 MB line.
    assert!(out.stdout.lines().all(|l| l.chars().count() < 400));
    row(
        "10 MB line",
        &out,
        &["[kancellisprog/i-henhold-til]", "Tjekkede"],
    );
}

/// Runs of text without a space, each 200 KB: chains a tokenizer might follow from every word
/// (abbreviations, initials, URL characters, hyphens) and compound searches over one huge
/// token. Before the bounds in `tokenize` and `da::spell` some of these took hours.
#[test]
fn long_runs_without_spaces() {
    let d = tempdir();
    let shapes: [(&str, &str); 8] = [
        ("forkortelser", "ab."),
        ("prikker", "a.a."),
        ("initialer", "A."),
        ("store-forkortelser", "AB."),
        ("bindestreger", "ab-"),
        ("apostroffer", "ab'"),
        ("snabel-a", "a@b."),
        ("adresse", "a/"),
    ];
    for (name, unit) in shapes {
        let mut text = if name == "adresse" {
            "https://www.".to_string()
        } else {
            String::new()
        };
        text.push_str(&unit.repeat(200_000 / unit.len()));
        std::fs::write(d.path().join(format!("{name}.txt")), text).unwrap();
    }
    let out = run(d.path(), &["check", "--no-config", "."]);
    assert!(out.status == 0 || out.status == 1, "{}", out.stderr);
    has(&out.stdout, "Tjekkede 8 filer");
    row("8 runs of 200 KB without spaces", &out, &["Tjekkede"]);
}

/// Is this process root? (A file it creates is owned by its user.)
fn is_root(dir: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    let probe = dir.join(".uid");
    std::fs::write(&probe, "").unwrap();
    let uid = std::fs::metadata(&probe).unwrap().uid();
    std::fs::remove_file(probe).unwrap();
    uid == 0
}

/// 2,000 letters in a folder, one unreadable and one binary: the other 1,998 are all reported,
/// the two bad ones name their file and reason, and the exit code is 2. Root can read any
/// file, so as root the run drops to the user nobody with `setpriv` (util-linux).
#[test]
fn a_folder_of_2000_files_with_one_unreadable_and_one_binary() {
    let d = tempdir();
    let breve = d.path().join("breve");
    std::fs::create_dir(&breve).unwrap();
    for i in 0..2000 {
        let name = breve.join(format!("brev-{i:04}.txt"));
        let text = match i {
            700 => b"PK\x03\x04\x00\x00\x00 binary".to_vec(),
            _ => format!("Kære borger nr. {i}\n\nDu får svar i næste uge.\n").into_bytes(),
        };
        std::fs::write(name, text).unwrap();
    }
    let locked = breve.join("brev-1300.txt");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let args = ["check", "--no-config", "--format", "json", "breve"];
    let prefix: &[&str] = if is_root(d.path()) {
        std::fs::set_permissions(d.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        &[
            "setpriv",
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
        ]
    } else {
        &[]
    };
    let out = run_with(prefix, d.path(), &args);
    let unreadable_tested = !out.stderr.contains("setpriv:");
    let out = if unreadable_tested {
        out
    } else {
        // No setpriv, or nobody cannot run the binary here: the one sub-case that needs a
        // non-root user is skipped, the rest is still checked.
        eprintln!(
            "NOTE: permission denied not tested (running as root, setpriv failed: {})",
            out.stderr.trim()
        );
        run(d.path(), &args)
    };
    assert_eq!(out.status, 2, "{}", out.stderr);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let files = v["files"].as_array().unwrap();
    assert_eq!(files.len(), 2000);
    for (i, f) in files.iter().enumerate() {
        let path = f["path"].as_str().unwrap();
        assert!(path.ends_with(&format!("brev-{i:04}.txt")), "{path}");
        match i {
            700 => has(f["error"].as_str().unwrap(), "binær fil"),
            1300 if unreadable_tested => assert_eq!(f["error"], "adgang nægtet"),
            _ => {
                assert!(f["error"].is_null(), "{path}: {}", f["error"]);
                assert!(f["stats"]["words"].as_u64().unwrap() > 0);
            }
        }
    }
    // The human format names both on standard error.
    let human = ["check", "--no-config", "breve"];
    let out = run_with(
        if unreadable_tested { prefix } else { &[] },
        d.path(),
        &human,
    );
    assert_eq!(out.status, 2);
    has(&out.stderr, "brev-0700.txt: binær fil");
    if unreadable_tested {
        has(&out.stderr, "brev-1300.txt: adgang nægtet");
    }
    has(&out.stdout, "Tjekkede 2000 filer, ");
    let lines: &[&str] = if unreadable_tested {
        &["brev-0700.txt", "brev-1300.txt", "Tjekkede"]
    } else {
        &["brev-0700.txt", "Tjekkede"]
    };
    row(
        if unreadable_tested {
            "2,000 files, one unreadable, one binary"
        } else {
            "2,000 files, one binary (unreadable skipped as root)"
        },
        &out,
        lines,
    );
}

#[test]
fn a_missing_path_beside_good_ones() {
    let d = tempdir();
    std::fs::write(d.path().join("a.txt"), LETTER).unwrap();
    std::fs::write(d.path().join("b.txt"), LETTER).unwrap();
    let (out, v) = json(
        d.path(),
        &[
            "check",
            "--no-config",
            "--format",
            "json",
            "a.txt",
            "findes-ikke.txt",
            "b.txt",
        ],
    );
    assert_eq!(out.status, 2);
    let files = v["files"].as_array().unwrap();
    assert_eq!(files.len(), 3);
    assert!(files[0]["error"].is_null() && files[2]["error"].is_null());
    assert_eq!(files[1]["path"], "findes-ikke.txt");
    assert_eq!(files[1]["error"], "findes ikke");
    let out = run(
        d.path(),
        &["check", "--no-config", "a.txt", "findes-ikke.txt"],
    );
    assert_eq!(out.status, 2);
    has(&out.stderr, "klarsprog: findes-ikke.txt: findes ikke");
    row("missing path beside good ones", &out, &["findes-ikke.txt"]);
}

/// A FIFO is refused before it is opened (opening one blocks until a writer comes), named on
/// the command line or met in a folder.
#[test]
fn a_fifo() {
    let d = tempdir();
    let made = Command::new("mkfifo")
        .arg(d.path().join("fifo.txt"))
        .status()
        .unwrap();
    assert!(made.success());
    std::fs::write(d.path().join("brev.txt"), LETTER).unwrap();
    let out = run(d.path(), &["check", "--no-config", "fifo.txt"]);
    assert_eq!(out.status, 2);
    has(
        &out.stderr,
        "fifo.txt: er ikke en almindelig fil (fx en FIFO eller en enhed); den er ikke tjekket",
    );
    row("FIFO named", &out, &["fifo.txt"]);
    // In a folder walk it is not a file to check; the letter beside it is.
    let out = run(d.path(), &["check", "--no-config", "."]);
    assert_eq!(out.status, 0, "{}", out.stderr);
    has(&out.stdout, "Tjekkede 1 fil:");
    row("FIFO in a folder", &out, &["Tjekkede"]);
}

#[test]
fn a_symlink_loop() {
    let d = tempdir();
    symlink("loop-b.txt", d.path().join("loop-a.txt")).unwrap();
    symlink("loop-a.txt", d.path().join("loop-b.txt")).unwrap();
    symlink("findes-ikke.txt", d.path().join("brudt.txt")).unwrap();
    std::fs::create_dir(d.path().join("sub")).unwrap();
    symlink("..", d.path().join("sub/op")).unwrap();
    std::fs::write(d.path().join("sub/brev.txt"), OFFICIALESE).unwrap();
    let out = run(
        d.path(),
        &["check", "--no-config", "loop-a.txt", "brudt.txt"],
    );
    assert_eq!(out.status, 2);
    has(
        &out.stderr,
        "loop-a.txt: er et symbolsk link, der peger i ring (en løkke); den er ikke tjekket",
    );
    has(
        &out.stderr,
        "brudt.txt: er et symbolsk link til noget, der ikke findes; den er ikke tjekket",
    );
    row(
        "symlink loop + broken link",
        &out,
        &["loop-a.txt", "brudt.txt"],
    );
    // A folder walk does not follow links, so loops end and the real letter is checked once.
    let out = run(d.path(), &["check", "--no-config", "."]);
    assert_eq!(out.status, 1, "{}", out.stderr);
    has(&out.stdout, "Tjekkede 1 fil:");
    has(&out.stdout, "brev.txt:3:1:");
    row("symlink loop in a folder", &out, &["Tjekkede"]);
}

fn zip_of(entries: &[(&str, &[u8])], method: zip::CompressionMethod) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(method)
        .compression_level(Some(1))
        .large_file(false);
    for (name, bytes) in entries {
        w.start_file(*name, opts).unwrap();
        w.write_all(bytes).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// A DOCX whose document.xml inflates to 60 MB from a few hundred KB: extraction stops at the
/// 50 MB cap, whatever sizes the zip declares.
#[test]
fn a_docx_zip_bomb() {
    let d = tempdir();
    let mut xml = b"<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>".to_vec();
    xml.resize(60_000_000, b' ');
    let bomb = zip_of(
        &[("word/document.xml", &xml)],
        zip::CompressionMethod::Deflated,
    );
    assert!(bomb.len() < 1_000_000, "{}", bomb.len());
    std::fs::write(d.path().join("bombe.docx"), &bomb).unwrap();
    std::fs::write(d.path().join("brev.txt"), LETTER).unwrap();
    let out = run(
        d.path(),
        &["check", "--no-config", "bombe.docx", "brev.txt"],
    );
    assert_eq!(out.status, 2);
    has(
        &out.stderr,
        "bombe.docx: filen fylder over 52 MB, når den pakkes ud (en zip-bombe?); den er ikke tjekket",
    );
    has(&out.stdout, "brev.txt: LIX");
    row("DOCX zip bomb", &out, &["bombe.docx"]);
}

#[test]
fn a_docx_with_malformed_xml() {
    let d = tempdir();
    let xml = b"<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>Hej</w:r></w:p>";
    let docx = zip_of(
        &[("word/document.xml", xml)],
        zip::CompressionMethod::Deflated,
    );
    std::fs::write(d.path().join("ødelagt.docx"), docx).unwrap();
    let out = run(d.path(), &["check", "--no-config", "ødelagt.docx"]);
    assert_eq!(out.status, 2);
    has(
        &out.stderr,
        "ødelagt.docx: word/document.xml er ikke gyldig XML",
    );
    has(&out.stderr, "filen er ødelagt");
    row("DOCX with malformed XML", &out, &["ødelagt.docx"]);
}

const PACK: &str = r#"[pack]
name = "kommune"
description = "Vores egne ord"

[[rule]]
id = "saafremt"
kind = "substitution"
category = "officialese"
message = "Skriv «{replacement}» i stedet for «{match}»."
phrases = ["såfremt"]
replace = ["hvis"]
applicability = "safe"

[[rule]]
id = "afgoerelsen"
kind = "existence"
category = "style"
message = "Skriv hellere «svaret»."
phrases = ["afgørelsen"]
"#;

/// Loads `pack` as pakke.toml beside a letter; returns what `check` printed.
fn with_pack(pack: &str) -> Out {
    let d = tempdir();
    std::fs::write(d.path().join("pakke.toml"), pack).unwrap();
    std::fs::write(d.path().join("brev.txt"), OFFICIALESE).unwrap();
    run(
        d.path(),
        &["check", "--no-config", "--rules", "pakke.toml", "brev.txt"],
    )
}

#[test]
fn a_good_pack_loads() {
    let out = with_pack(PACK);
    assert_eq!(out.status, 1, "{}", out.stderr);
    has(&out.stdout, "[kommune/afgoerelsen]");
    row("good pack (control)", &out, &["[kommune/afgoerelsen]"]);
}

#[test]
fn pack_with_a_syntax_error() {
    let out = with_pack(&PACK.replace("phrases = [\"afgørelsen\"]", "phrases = [\"afgørelsen\""));
    assert_eq!(out.status, 2);
    has(
        &out.stderr,
        "pakke.toml:19: regel «afgoerelsen»: TOML-fejl: unclosed array",
    );
    row("pack: syntax error", &out, &["pakke.toml"]);
}

#[test]
fn pack_with_an_unknown_key() {
    let out = with_pack(&PACK.replace("applicability", "applicabilty"));
    assert_eq!(out.status, 2);
    has(
        &out.stderr,
        "pakke.toml:12: regel «saafremt»: ukendt nøgle «applicabilty»; tilladt: id, kind,",
    );
    row("pack: unknown key", &out, &["pakke.toml"]);
}

#[test]
fn pack_with_a_bad_regex() {
    let out = with_pack(&PACK.replace("phrases = [\"afgørelsen\"]", "regex = \"(afgør|else\""));
    assert_eq!(out.status, 2);
    has(
        &out.stderr,
        "pakke.toml:14: regel «afgoerelsen»: ugyldig regex",
    );
    row(
        "pack: bad regex",
        &out,
        &["pakke.toml", "error: unclosed group"],
    );
}

#[test]
fn pack_with_a_huge_regex() {
    let out = with_pack(&PACK.replace(
        "phrases = [\"afgørelsen\"]",
        "regex = \"\\\\w{500}\\\\w{500}\\\\w{500}\"",
    ));
    assert_eq!(out.status, 2);
    has(
        &out.stderr,
        "pakke.toml:14: regel «afgoerelsen»: regex er for stor (over 1048576 byte kompileret)",
    );
    row("pack: huge regex", &out, &["pakke.toml"]);
}

#[test]
fn pack_with_a_duplicate_id() {
    let out = with_pack(&PACK.replace("id = \"afgoerelsen\"", "id = \"saafremt\""));
    assert_eq!(out.status, 2);
    has(
        &out.stderr,
        "pakke.toml:14: regel «saafremt»: id'et findes allerede i pakken (linje 5)",
    );
    row("pack: duplicate id", &out, &["pakke.toml"]);
}

#[test]
fn pack_over_the_phrase_cap() {
    let slots = "{n:a/b/c/d} ".repeat(6);
    let out = with_pack(&PACK.replace(
        "phrases = [\"afgørelsen\"]",
        &format!("phrases = [\"{slots}\"]"),
    ));
    assert_eq!(out.status, 2);
    has(
        &out.stderr,
        "pakke.toml:14: regel «afgoerelsen»: pakken giver over 200000 fraser efter bøjning",
    );
    row("pack: over the phrase cap", &out, &["pakke.toml"]);
}

#[test]
fn klarsprog_toml_that_disables_everything() {
    let d = tempdir();
    std::fs::write(d.path().join("brev.txt"), OFFICIALESE).unwrap();
    let out = run(d.path(), &["check", "brev.txt"]);
    assert_eq!(out.status, 1, "findings before: {}", out.stderr);
    std::fs::write(
        d.path().join("klarsprog.toml"),
        "disable = [\"readability\", \"passive\", \"officialese\", \"required\", \"spelling\", \"personal-data\", \"style\"]\n",
    )
    .unwrap();
    let (out, v) = json(d.path(), &["check", "--format", "json", "brev.txt"]);
    assert_eq!(out.status, 0, "{}", out.stderr);
    assert_eq!(v["files"][0]["findings"], serde_json::json!([]));
    let out = run(d.path(), &["check", "brev.txt"]);
    assert_eq!(out.status, 0);
    has(&out.stdout, "brev.txt: LIX");
    has(&out.stdout, "0 fejl, 0 advarsler, 0 info");
    row(
        "klarsprog.toml disables everything",
        &out,
        &["brev.txt: LIX", "Tjekkede"],
    );
}
