//! `klarsprog audit` and the formats caseworkers have, tested as a user runs them: the reports
//! (HTML, CSV, JSON), SARIF and CSV from `check`, DOCX/ODT/HTML letters, and broken or hostile
//! files that must fail alone while the batch goes on.

use std::io::Write;
use std::path::Path;
use std::process::Command;

struct Out {
    status: i32,
    stdout: String,
    stderr: String,
}

fn run(args: &[&str], dir: &Path) -> Out {
    let out = Command::new(env!("CARGO_BIN_EXE_klarsprog"))
        .current_dir(dir)
        .env("CI", "true")
        .env("NO_COLOR", "1")
        .env("SOURCE_DATE_EPOCH", "1764020640")
        .args(args)
        .output()
        .expect("klarsprog runs");
    let o = Out {
        status: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    assert!(!o.stderr.contains("panicked"), "panic: {}", o.stderr);
    o
}

fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in entries {
        w.start_file(*name, opts).unwrap();
        w.write_all(bytes).unwrap();
    }
    w.finish().unwrap().into_inner()
}

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

fn w_paragraph(text: &str) -> String {
    format!(r#"<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>"#)
}

/// A Word document with a header (the letterhead) and body paragraphs.
fn docx(header: &[&str], body: &[&str]) -> Vec<u8> {
    let hdr = format!(
        "<w:hdr {W}>{}</w:hdr>",
        header.iter().map(|p| w_paragraph(p)).collect::<String>()
    );
    let doc = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}><w:body>{}</w:body></w:document>"#,
        body.iter().map(|p| w_paragraph(p)).collect::<String>()
    );
    zip_of(&[
        ("[Content_Types].xml", b"<Types/>"),
        ("word/document.xml", doc.as_bytes()),
        ("word/header1.xml", hdr.as_bytes()),
    ])
}

const ODF: &str = r#"xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0""#;

fn odt(header: &[&str], body: &[&str]) -> Vec<u8> {
    let p = |t: &&str| format!("<text:p>{t}</text:p>");
    let styles = format!(
        "<office:document-styles {ODF}><office:master-styles><style:master-page style:name=\"Standard\"><style:header>{}</style:header></style:master-page></office:master-styles></office:document-styles>",
        header.iter().map(p).collect::<String>()
    );
    let content = format!(
        "<office:document-content {ODF}><office:body><office:text>{}</office:text></office:body></office:document-content>",
        body.iter().map(p).collect::<String>()
    );
    zip_of(&[
        ("mimetype", b"application/vnd.oasis.opendocument.text"),
        ("content.xml", content.as_bytes()),
        ("styles.xml", styles.as_bytes()),
    ])
}

const LONG: &str = "Vi har behandlet din ansøgning om boligstøtte, og vi har i den forbindelse kigget på din husleje, din indkomst, dine udgifter til varme og el og antallet af personer, der bor i boligen sammen med dig.";

/// A folder with letters in every format, plus broken ones.
fn corpus(dir: &Path) {
    std::fs::write(dir.join("klarsprog.toml"), "max-file-size = 1000000\n").unwrap();
    std::fs::write(
        dir.join("a-kort.txt"),
        "Kære Anne\n\nDu får hjælp fra 1. maj. Ring til os, hvis du har spørgsmål.\n",
    )
    .unwrap();
    std::fs::write(dir.join("b-lang.md"), format!("# Svar\n\n{LONG} {LONG}\n")).unwrap();
    std::fs::write(
        dir.join("c-word.docx"),
        docx(
            &["Holbæk Kommune", "Kanalstræde 2"],
            &["Du får boligstøtte", "Kære Anne", LONG],
        ),
    )
    .unwrap();
    std::fs::write(
        dir.join("d-libre.odt"),
        odt(&["Roskilde Kommune"], &["Kære Anne", LONG]),
    )
    .unwrap();
    std::fs::write(
        dir.join("e-web.html"),
        format!(
            "<html><head><title>Skjult titel</title><script>var x = 1;</script></head><body><h1>Du f&aring;r hj&aelig;lp</h1><p>{LONG}</p></body></html>"
        ),
    )
    .unwrap();
}

fn broken(dir: &Path) {
    std::fs::write(dir.join("x-ikke-zip.docx"), b"Dette er ikke en zip-fil").unwrap();
    let bad_xml = zip_of(&[(
        "word/document.xml",
        b"<w:document xmlns:w=\"x\"><w:body><w:p></w:body>",
    )]);
    std::fs::write(dir.join("y-forkert-xml.docx"), bad_xml).unwrap();
    // 2 MB of XML packs to a few kB; the limit is max-file-size (1 MB here).
    let bomb_xml = format!(
        "<office:document-content {ODF}><office:body><office:text><text:p>{}</text:p></office:text></office:body></office:document-content>",
        " ".repeat(2_000_000)
    );
    std::fs::write(
        dir.join("z-bombe.odt"),
        zip_of(&[("content.xml", bomb_xml.as_bytes())]),
    )
    .unwrap();
}

#[test]
fn audit_writes_csv_html_and_json_with_one_row_per_letter() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("breve");
    std::fs::create_dir(&dir).unwrap();
    corpus(&dir);
    let out = run(
        &[
            "audit", "breve", "--report", "r.html", "--csv", "r.csv", "--json", "r.json",
        ],
        tmp.path(),
    );
    assert_eq!(out.status, 0, "{}\n{}", out.stdout, out.stderr);
    assert!(out.stdout.contains("Revision af 5 breve"), "{}", out.stdout);
    assert!(out.stdout.contains("LIX: median"), "{}", out.stdout);
    assert!(out.stdout.contains("De hyppigste fund"), "{}", out.stdout);
    assert!(out.stdout.contains("Rapport: r.html"), "{}", out.stdout);

    // CSV for Danish Excel.
    let csv = std::fs::read(tmp.path().join("r.csv")).unwrap();
    assert!(csv.starts_with(b"\xEF\xBB\xBF"), "BOM");
    let csv = String::from_utf8(csv[3..].to_vec()).unwrap();
    let lines: Vec<&str> = csv.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(lines.len(), 1 + 5, "{csv}");
    assert!(
        lines[0].starts_with("Sti;Format;LIX;Bånd;Ord;"),
        "{}",
        lines[0]
    );
    let columns = lines[0].split(';').count();
    for l in &lines[1..] {
        assert_eq!(l.split(';').count(), columns, "{l}");
        let lix = l.split(';').nth(2).unwrap();
        assert!(
            lix.contains(',') && !lix.contains('.'),
            "decimal comma: {lix}"
        );
    }
    assert!(
        lines[3].starts_with("breve/c-word.docx;docx;"),
        "{}",
        lines[3]
    );

    // HTML report: charts and one table row per letter.
    let html = std::fs::read_to_string(tmp.path().join("r.html")).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains(r#"<html lang="da">"#));
    for id in ["lix-histogram", "band-bar", "rule-chart"] {
        assert!(html.contains(&format!(r#"<svg id="{id}""#)), "{id}");
    }
    assert!(
        html.contains(r#"class="limit""#),
        "band limits in the histogram"
    );
    assert!(html.contains("24. november 2025 kl. 21.44 UTC"));
    assert!(
        !html.contains("http://") || !html.contains("<link"),
        "no network"
    );
    assert!(
        !html.contains("<link ") && !html.contains(" src="),
        "self-contained"
    );
    let table = html.split(r#"<table id="letters""#).nth(1).unwrap();
    let body = table
        .split("<tbody>")
        .nth(1)
        .unwrap()
        .split("</tbody>")
        .next()
        .unwrap();
    assert_eq!(body.matches("<tr").count(), 5, "one row per letter");
    assert!(html.contains("laesbarhed/lange-saetninger"));
    assert!(
        html.contains(r#"<details class="letter""#),
        "per-letter details"
    );
    assert!(html.contains("<mark>"), "findings in context");

    // JSON summary.
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(tmp.path().join("r.json")).unwrap()).unwrap();
    assert_eq!(json["summary"]["letters"], 5);
    assert_eq!(json["summary"]["unreadable"], 0);
    assert!(json["summary"]["lix"]["median"].is_f64());
    assert_eq!(json["letters"].as_array().unwrap().len(), 5);
    let hash = json["rule_set_hash"].as_str().unwrap();
    assert_eq!(hash.len(), 16, "{hash}");
    assert!(html.contains(hash), "the report states the rule-set hash");
    assert_eq!(json["generated"], "2025-11-24T21:44:00Z");
    assert_eq!(
        json["summary"]["top_rules"][0]["rule"],
        "laesbarhed/lange-saetninger"
    );
}

#[test]
fn broken_and_hostile_files_fail_alone_and_the_audit_goes_on() {
    let tmp = tempfile::tempdir().unwrap();
    corpus(tmp.path());
    broken(tmp.path());
    let out = run(&["audit", ".", "--csv", "r.csv"], tmp.path());
    assert_eq!(out.status, 2, "{}\n{}", out.stdout, out.stderr);
    assert!(out.stdout.contains("Revision af 8 breve"), "{}", out.stdout);
    assert!(out.stdout.contains("kunne ikke læses: 3"), "{}", out.stdout);
    assert!(
        out.stderr
            .contains("x-ikke-zip.docx: filen er ikke et Word-dokument"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("y-forkert-xml.docx") && out.stderr.contains("ikke gyldig XML"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("z-bombe.odt") && out.stderr.contains("zip-bombe"),
        "{}",
        out.stderr
    );
    let csv = String::from_utf8(std::fs::read(tmp.path().join("r.csv")).unwrap()).unwrap();
    assert_eq!(csv.split("\r\n").filter(|l| !l.is_empty()).count(), 1 + 8);
    assert!(csv.contains("zip-bombe"));

    // check: the good letters are still checked and reported.
    let out = run(&["check", ".", "--format", "line"], tmp.path());
    assert_eq!(out.status, 2);
    assert!(out.stdout.contains("./c-word.docx:"), "{}", out.stdout);
    assert!(
        out.stdout.contains("./z-bombe.odt:1:1: error:"),
        "{}",
        out.stdout
    );
}

#[test]
fn docx_odt_and_html_findings_point_at_paragraphs() {
    let tmp = tempfile::tempdir().unwrap();
    corpus(tmp.path());
    let out = run(&["check", "c-word.docx", "--format", "json"], tmp.path());
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let file = &json["files"][0];
    assert_eq!(file["format"], "docx");
    let long = file["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "laesbarhed/lange-saetninger")
        .expect("a long sentence");
    // Header lines first: Holbæk Kommune, Kanalstræde 2, then the body's three paragraphs.
    assert_eq!(long["line"], 5, "{long}");
    assert_eq!(long["column"], 1);
    assert!(
        long["text"]
            .as_str()
            .unwrap()
            .starts_with("Vi har behandlet")
    );

    let human = run(&["check", "c-word.docx"], tmp.path());
    assert!(
        human.stdout.contains("c-word.docx (afsnit 5):"),
        "{}",
        human.stdout
    );

    let out = run(&["check", "d-libre.odt", "--format", "json"], tmp.path());
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let f = &json["files"][0]["findings"][0];
    assert_eq!(f["rule"], "laesbarhed/lange-saetninger");
    assert_eq!(
        f["line"], 3,
        "Roskilde Kommune, Kære Anne, then the sentence"
    );

    let out = run(&["check", "e-web.html", "--format", "json"], tmp.path());
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let file = &json["files"][0];
    assert_eq!(file["format"], "html");
    assert_eq!(
        file["findings"][0]["line"], 2,
        "heading, then the paragraph"
    );
    assert_eq!(
        file["stats"]["paragraphs"], 2,
        "the title and script are not text"
    );
}

#[test]
fn fix_refuses_docx_and_diff_is_allowed() {
    let tmp = tempfile::tempdir().unwrap();
    corpus(tmp.path());
    let before = std::fs::read(tmp.path().join("c-word.docx")).unwrap();
    let out = run(&["check", "c-word.docx", "--fix"], tmp.path());
    assert_eq!(out.status, 2);
    assert!(
        out.stderr
            .contains("--fix kan ikke rette .docx, .odt og .html; ret i det oprindelige program"),
        "{}",
        out.stderr
    );
    assert_eq!(
        std::fs::read(tmp.path().join("c-word.docx")).unwrap(),
        before
    );
    let out = run(&["check", "c-word.docx", "--diff"], tmp.path());
    assert_ne!(out.status, 2, "{}", out.stderr);
}

#[test]
fn check_writes_sarif_with_danish_rule_descriptions() {
    let tmp = tempfile::tempdir().unwrap();
    corpus(tmp.path());
    broken(tmp.path());
    let out = run(
        &[
            "check",
            "b-lang.md",
            "c-word.docx",
            "x-ikke-zip.docx",
            "--format",
            "sarif",
        ],
        tmp.path(),
    );
    assert_eq!(out.status, 2);
    let sarif: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    let run0 = &sarif["runs"][0];
    assert_eq!(run0["tool"]["driver"]["name"], "klarsprog");
    let rules = run0["tool"]["driver"]["rules"].as_array().unwrap();
    let long = rules
        .iter()
        .find(|r| r["id"] == "laesbarhed/lange-saetninger")
        .unwrap();
    let text = long["shortDescription"]["text"].as_str().unwrap();
    assert!(
        text.contains("Sætningen har") && text.contains("højst 25 ord"),
        "{text}"
    );
    assert!(long["fullDescription"]["text"].as_str().unwrap().len() > text.len());
    let results = run0["results"].as_array().unwrap();
    assert!(!results.is_empty());
    for r in results {
        let i = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[i]["id"], r["ruleId"]);
        let loc = &r["locations"][0]["physicalLocation"];
        assert!(loc["region"]["startLine"].as_u64().unwrap() >= 1);
        assert!(
            ["b-lang.md", "c-word.docx"]
                .contains(&loc["artifactLocation"]["uri"].as_str().unwrap())
        );
    }
    let inv = &run0["invocations"][0];
    assert_eq!(inv["executionSuccessful"], false);
    assert!(
        inv["toolExecutionNotifications"][0]["message"]["text"]
            .as_str()
            .unwrap()
            .contains("x-ikke-zip.docx")
    );
}

#[test]
fn check_writes_csv_with_one_row_per_finding() {
    let tmp = tempfile::tempdir().unwrap();
    corpus(tmp.path());
    let out = run(
        &["check", "b-lang.md", "a-kort.txt", "--format", "csv"],
        tmp.path(),
    );
    assert_eq!(out.status, 1);
    assert!(out.stdout.starts_with('\u{feff}'));
    let lines: Vec<&str> = out.stdout[3..]
        .split("\r\n")
        .filter(|l| !l.is_empty())
        .collect();
    assert_eq!(
        lines[0],
        "Sti;Linje;Kolonne;Niveau;Regel;Kategori;Besked;Tekst;Forslag"
    );
    assert!(lines.len() >= 3, "{lines:?}");
    assert!(
        lines[1].starts_with("b-lang.md;3;1;advarsel;laesbarhed/lange-saetninger;læsbarhed;"),
        "{}",
        lines[1]
    );
}

#[test]
fn glob_filters_the_walk() {
    let tmp = tempfile::tempdir().unwrap();
    corpus(tmp.path());
    let out = run(
        &["audit", ".", "--glob", "*.docx", "--glob", "*.odt"],
        tmp.path(),
    );
    assert!(out.stdout.contains("Revision af 2 breve"), "{}", out.stdout);
    let out = run(&["audit", ".", "--glob", "!*.html"], tmp.path());
    assert!(out.stdout.contains("Revision af 4 breve"), "{}", out.stdout);
    let out = run(
        &["check", ".", "--glob", "*.txt", "--format", "line"],
        tmp.path(),
    );
    assert!(!out.stdout.contains(".md"), "{}", out.stdout);
    let out = run(&["audit", ".", "--glob", "[z"], tmp.path());
    assert_eq!(out.status, 2);
    assert!(
        out.stderr.contains("--glob «[z» kan ikke bruges"),
        "{}",
        out.stderr
    );
}

#[test]
fn rule_set_hash_is_stable_and_follows_the_rules() {
    let tmp = tempfile::tempdir().unwrap();
    corpus(tmp.path());
    let hash = |extra: &[&str]| {
        let mut args = vec!["audit", "a-kort.txt", "--json", "-"];
        args.extend_from_slice(extra);
        let out = run(&args, tmp.path());
        let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
        json["rule_set_hash"].as_str().unwrap().to_string()
    };
    let a = hash(&[]);
    assert_eq!(a, hash(&[]));
    assert_ne!(a, hash(&["--disable", "laesbarhed/lix"]));
}

mod never_panics {
    use klarsprog::document::Format;
    use klarsprog::input::from_bytes;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        /// Damaged documents (cut short, a byte changed) are an error or text, never a panic.
        #[test]
        fn damaged_documents(cut in 0usize..4000, at in 0usize..4000, byte in any::<u8>()) {
            let docx = super::docx(&["Holbæk Kommune"], &["Kære Anne", super::LONG]);
            let odt = super::odt(&["Roskilde Kommune"], &["Kære Anne", super::LONG]);
            for (mut bytes, format) in [(docx, Format::Docx), (odt, Format::Odt)] {
                let n = bytes.len();
                bytes[at % n] = byte;
                bytes.truncate(cut.max(1).min(n));
                let _ = from_bytes("x", &bytes, format, 1 << 20);
            }
        }

        #[test]
        fn arbitrary_html(s in "[<>/!a-z&#;= \"'-]{0,200}") {
            let _ = from_bytes("x.html", s.as_bytes(), Format::Html, 1 << 20);
        }
    }
}
