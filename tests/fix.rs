//! Fixing: text outside applied edits is never touched (property test over random texts),
//! fixing converges and removes the findings it fixed, a second --fix changes nothing, and the
//! CLI writes files atomically, keeps permissions, refuses extracted formats and prints diffs.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::OnceLock;

use klarsprog::config::Settings;
use klarsprog::document::Format;
use klarsprog::fix::{FixLevel, apply_edits, fix_text, select_edits};
use klarsprog::{Checker, Document};
use proptest::prelude::*;

fn checker() -> &'static Checker {
    static C: OnceLock<Checker> = OnceLock::new();
    C.get_or_init(|| Checker::new(&Settings::default()).unwrap())
}

/// Pieces of letters: plain words, officialese that has fixes, punctuation and awkward characters.
const PIECES: &[&str] = &[
    "Du",
    "får",
    "svar",
    "i henhold til",
    "Såfremt",
    "såfremt",
    "fremsendes",
    "har fremsendt",
    "vedrørende",
    "jf.",
    "iht.",
    "De",
    "Dem",
    "Deres ansøgning",
    "osv.",
    "endvidere",
    "med henblik på",
    "loven",
    "æøå",
    "😀",
    "\u{AD}",
    "\u{A0}",
    ",",
    ".",
    "\n",
    "\r\n",
    "\n\n",
    " ",
    "  ",
    "1. januar",
    "7.038,25 kr.",
    "borger.dk",
    "ansøg-\nning",
    "I henhold\ntil",
    "fx",
    "pga.",
    "hermed",
    "Skemaet skal udfyldes.",
    "-",
    "«",
    "»",
];

fn text_strategy() -> impl Strategy<Value = String> {
    prop::collection::vec((0..PIECES.len(), prop::bool::ANY), 0..60).prop_map(|v| {
        let mut s = String::new();
        for (i, space) in v {
            s.push_str(PIECES[i]);
            if space {
                s.push(' ');
            }
        }
        s
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// Every byte of the original outside the selected edits survives, in order, unchanged.
    #[test]
    fn edits_touch_only_their_spans(text in text_strategy(), unsafe_fixes in prop::bool::ANY) {
        let level = if unsafe_fixes { FixLevel::Unsafe } else { FixLevel::Safe };
        let doc = Document::from_text("p", text.clone());
        let (edits, _) = select_edits(&checker().findings(&doc), level);
        // Sorted, non-overlapping, inside the text, on char boundaries.
        for w in edits.windows(2) {
            prop_assert!(w[0].span.end <= w[1].span.start);
        }
        for e in &edits {
            prop_assert!(e.span.end <= text.len() && text.is_char_boundary(e.span.start) && text.is_char_boundary(e.span.end));
        }
        let fixed = apply_edits(&text, &edits);
        // Walk the original: the gaps between edits must appear verbatim in the output.
        let mut pos_in = 0;
        let mut pos_out = 0;
        for e in &edits {
            let gap = &text[pos_in..e.span.start];
            prop_assert_eq!(&fixed[pos_out..pos_out + gap.len()], gap);
            pos_out += gap.len();
            prop_assert_eq!(&fixed[pos_out..pos_out + e.replacement.len()], &*e.replacement);
            pos_out += e.replacement.len();
            pos_in = e.span.end;
        }
        prop_assert_eq!(&fixed[pos_out..], &text[pos_in..]);
    }

    /// Fixing converges: a second fix changes nothing and no allowed fix is left.
    #[test]
    fn fixing_converges(text in text_strategy()) {
        let once = fix_text(checker(), "p", &text, Format::Text, FixLevel::Safe);
        prop_assert!(once.passes < klarsprog::fix::MAX_PASSES, "no convergence for {:?}", text);
        let twice = fix_text(checker(), "p", &once.text, Format::Text, FixLevel::Safe);
        prop_assert_eq!(&twice.text, &once.text);
        prop_assert_eq!(twice.applied, 0);
    }
}

#[test]
fn fixing_removes_the_findings_it_fixed() {
    let text = "Såfremt De har spørgsmål, kan De ringe. Vi har i henhold til loven fremsendt brevet til Dem.";
    let before = checker().findings(&Document::from_text("t", text));
    let fixed = fix_text(checker(), "t", text, Format::Text, FixLevel::Safe);
    assert_eq!(
        fixed.text,
        "Hvis du har spørgsmål, kan du ringe. Vi har efter loven sendt brevet til dig."
    );
    let after = checker().findings(&Document::from_text("t", fixed.text.as_str()));
    let safe = |f: &klarsprog::Finding| {
        f.suggestions
            .iter()
            .any(|s| s.applicability == klarsprog::Applicability::Safe)
    };
    assert!(before.iter().filter(|f| safe(f)).count() >= 5);
    assert_eq!(after.iter().filter(|f| safe(f)).count(), 0, "{after:#?}");
}

fn bin(dir: &Path, args: &[&str], stdin: Option<&str>) -> (i32, String, String) {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_klarsprog"))
        .current_dir(dir)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut pipe = child.stdin.take().unwrap();
    if let Some(s) = stdin {
        pipe.write_all(s.as_bytes()).unwrap();
    }
    drop(pipe);
    let out = child.wait_with_output().unwrap();
    let (o, e) = (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    );
    assert!(!e.contains("panicked"), "{e}");
    (out.status.code().unwrap(), o, e)
}

#[test]
fn cli_fix_writes_atomically_keeps_permissions_and_is_idempotent() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("brev.txt");
    std::fs::write(&path, "Såfremt du har spørgsmål, kan du ringe.\n").unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    let (_, _, err) = bin(
        dir.path(),
        &["check", "--no-config", "--fix", "brev.txt"],
        None,
    );
    assert!(err.contains("rettede 1 fund"), "{err}");
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "Hvis du har spørgsmål, kan du ringe.\n"
    );
    assert_eq!(
        std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o640
    );
    // No temporary files left behind.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    // A second --fix has nothing to do and does not rewrite the file.
    let inode = std::os::unix::fs::MetadataExt::ino(&std::fs::metadata(&path).unwrap());
    let (_, _, err) = bin(
        dir.path(),
        &["check", "--no-config", "--fix", "brev.txt"],
        None,
    );
    assert!(!err.contains("rettede"), "{err}");
    assert_eq!(
        std::os::unix::fs::MetadataExt::ino(&std::fs::metadata(&path).unwrap()),
        inode
    );
}

#[test]
fn cli_fix_keeps_the_encoding() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("gammel.txt");
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode("Såfremt du har spørgsmål, så ring.\n");
    std::fs::write(&path, &bytes).unwrap();
    bin(
        dir.path(),
        &["check", "--no-config", "--fix", "gammel.txt"],
        None,
    );
    let (expected, _, _) = encoding_rs::WINDOWS_1252.encode("Hvis du har spørgsmål, så ring.\n");
    assert_eq!(std::fs::read(&path).unwrap(), expected.as_ref());
}

#[test]
fn cli_diff_prints_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("brev.txt");
    let original = "Kære Anne\n\nSåfremt du har spørgsmål, kan du ringe.\n";
    std::fs::write(&path, original).unwrap();
    let (_, out, _) = bin(
        dir.path(),
        &["check", "--no-config", "--diff", "brev.txt"],
        None,
    );
    assert!(
        out.contains("-Såfremt du har spørgsmål") && out.contains("+Hvis du har spørgsmål"),
        "{out}"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), original);
}

#[test]
fn cli_fix_from_stdin_writes_stdout() {
    let dir = tempfile::tempdir().unwrap();
    let (_, out, _) = bin(
        dir.path(),
        &["check", "--no-config", "--fix", "-"],
        Some("I henhold til loven skal du svare.\n"),
    );
    assert_eq!(out, "Efter loven skal du svare.\n");
}

#[test]
fn cli_fix_refuses_extracted_formats() {
    let dir = tempfile::tempdir().unwrap();
    let html = "<html><body><p>Såfremt du har spørgsmål, kan du ringe.</p></body></html>";
    std::fs::write(dir.path().join("brev.html"), html).unwrap();
    let (code, _, err) = bin(
        dir.path(),
        &["check", "--no-config", "--fix", "brev.html"],
        None,
    );
    assert_eq!(code, 2);
    assert!(err.contains("--fix kan ikke rette"), "{err}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("brev.html")).unwrap(),
        html
    );
}
