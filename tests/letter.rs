//! The letter checks (`brev/…`) and the CPR check (`persondata/cpr`) on whole letters: the hard
//! cases, a complete letter with one element removed at a time, the sample letters, and every
//! line of tests/data/cpr.tsv. `cargo test --test letter -- --ignored --nocapture` also prints
//! the figures over the samples and 1,000 generated letters.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use klarsprog::config::Settings;
use klarsprog::{Checker, Document, Finding, Severity, input};

fn checker() -> Checker {
    Checker::new(&Settings::default()).unwrap()
}

fn ours(f: &Finding) -> bool {
    f.rule.starts_with("brev/") || f.rule.starts_with("persondata/")
}

fn findings(c: &Checker, text: &str) -> Vec<Finding> {
    let doc = Document::from_text("brev.txt", text);
    c.findings(&doc).into_iter().filter(ours).collect()
}

fn rules_of(fs: &[Finding]) -> Vec<String> {
    let mut r: Vec<String> = fs.iter().map(|f| f.rule.to_string()).collect();
    r.sort();
    r.dedup();
    r
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixture(name: &str) -> String {
    std::fs::read_to_string(root().join("tests/fixtures/letters").join(name)).unwrap()
}

/// One element of a complete letter, how to take it away, and the rule that must notice.
struct Removal {
    element: &'static str,
    from: &'static str,
    to: &'static str,
    rule: &'static str,
    severity: Severity,
}

const REMOVALS: &[Removal] = &[
    Removal {
        element: "afsenderens navn",
        from: "Birgitte Ravn\n",
        to: "",
        rule: "brev/kontakt",
        severity: Severity::Warning,
    },
    Removal {
        element: "telefonnummer",
        from: "Mit direkte nummer er 72 36 41 18. ",
        to: "",
        rule: "brev/kontakt",
        severity: Severity::Warning,
    },
    Removal {
        element: "e-mail",
        from: " Du kan også skrive til bira@vestera.dk.",
        to: "",
        rule: "brev/kontakt",
        severity: Severity::Info,
    },
    Removal {
        element: "telefontid",
        from: " Du kan ringe mandag-fredag kl. 9-12.",
        to: "",
        rule: "brev/kontakt",
        severity: Severity::Info,
    },
    Removal {
        element: "kommunens adresse",
        from: "Rådhustorvet 1\n4720 Vesterå\n",
        to: "",
        rule: "brev/kontakt",
        severity: Severity::Info,
    },
    Removal {
        element: "dato",
        from: "24. november 2026\n",
        to: "",
        rule: "brev/dato-og-sagsnummer",
        severity: Severity::Info,
    },
    Removal {
        element: "sagsnummer",
        from: "Sagsnr.: 03.22.08-P20-117-26\n",
        to: "",
        rule: "brev/dato-og-sagsnummer",
        severity: Severity::Info,
    },
    Removal {
        element: "begrundelse",
        from: "Hvorfor får du lånet?\nDin husstand har en indkomst under grænsen, og du har ikke selv penge til indskuddet. Derfor får du lånet.\n\n",
        to: "",
        rule: "brev/begrundelse",
        severity: Severity::Warning,
    },
    Removal {
        element: "hjemmel",
        from: "Hvilke regler gælder?\nReglerne står i lov om individuel boligstøtte § 55.\n\n",
        to: "",
        rule: "brev/hjemmel",
        severity: Severity::Warning,
    },
    Removal {
        element: "klagevejledning",
        from: "Hvis du vil klage\nDu kan klage over afgørelsen. Klagen skal være hos os inden 4 uger efter, at du har fået brevet. Klagen går til Ankestyrelsen, men vi ser først på sagen igen. Du klager skriftligt, fx med et brev eller en e-mail.\n\n",
        to: "",
        rule: "brev/klagevejledning",
        severity: Severity::Error,
    },
    Removal {
        element: "klagefrist",
        from: " Klagen skal være hos os inden 4 uger efter, at du har fået brevet.",
        to: "",
        rule: "brev/klagevejledning-ufuldstaendig",
        severity: Severity::Warning,
    },
    Removal {
        element: "klageinstans",
        from: " Klagen går til Ankestyrelsen, men vi ser først på sagen igen.",
        to: "",
        rule: "brev/klagevejledning-ufuldstaendig",
        severity: Severity::Warning,
    },
    Removal {
        element: "hvordan man klager",
        from: " Du klager skriftligt, fx med et brev eller en e-mail.",
        to: "",
        rule: "brev/klagevejledning-ufuldstaendig",
        severity: Severity::Info,
    },
    Removal {
        element: "svaret først",
        from: "Du får et lån på 19.800 kr. til beboerindskud i Egeparken. Vi betaler pengene direkte til boligselskabet, så snart vi har gældsbrevet tilbage fra dig.\n\nHvad skal du gøre nu?\nSkriv under på gældsbrevet, og send det tilbage til os senest 8. december 2026.\n\nHvorfor får du lånet?\nDin husstand har en indkomst under grænsen, og du har ikke selv penge til indskuddet. Derfor får du lånet.\n\n",
        to: "Hvorfor får du lånet?\nDin husstand har en indkomst under grænsen, og du har ikke selv penge til indskuddet.\n\nHvad skal du gøre nu?\nSkriv under på gældsbrevet, og send det tilbage til os senest 8. december 2026.\n\nDu får derfor et lån på 19.800 kr. til beboerindskud i Egeparken. Vi betaler pengene direkte til boligselskabet, så snart vi har gældsbrevet tilbage fra dig.\n\n",
        rule: "brev/svar-foerst",
        severity: Severity::Warning,
    },
    Removal {
        element: "intet CPR-nummer (et tilføjet)",
        from: "Anne Jensen\nKastanjevej",
        to: "Anne Jensen, CPR-nr. 070892-1457\nKastanjevej",
        rule: "persondata/cpr",
        severity: Severity::Warning,
    },
];

/// Runs every removal on the complete letter; returns (element, findings) rows.
fn removal_rows(c: &Checker) -> Vec<(&'static str, Vec<Finding>)> {
    let complete = fixture("afgoerelse-komplet.txt");
    REMOVALS
        .iter()
        .map(|r| {
            assert!(
                complete.contains(r.from),
                "{}: the fixture has no «{}»",
                r.element,
                r.from
            );
            (r.element, findings(c, &complete.replacen(r.from, r.to, 1)))
        })
        .collect()
}

#[test]
fn complete_letters_have_no_findings() {
    let c = checker();
    for name in ["afgoerelse-komplet.txt", "invitation-komplet.txt"] {
        let fs = findings(&c, &fixture(name));
        assert!(fs.is_empty(), "{name}: {:#?}", fs);
    }
}

#[test]
fn each_removed_element_is_caught_by_its_rule() {
    let c = checker();
    let mut failures = Vec::new();
    for (r, (_, fs)) in REMOVALS.iter().zip(removal_rows(&c)) {
        let hit = fs
            .iter()
            .find(|f| f.rule.as_ref() == r.rule && f.severity == r.severity);
        let others: Vec<&Finding> = fs
            .iter()
            .filter(|f| f.rule.as_ref() != r.rule && f.severity >= Severity::Warning)
            .collect();
        if hit.is_none() || !others.is_empty() {
            failures.push(format!(
                "{}: wanted {} ({:?}), got {:?}",
                r.element,
                r.rule,
                r.severity,
                fs.iter()
                    .map(|f| (f.rule.to_string(), f.severity))
                    .collect::<Vec<_>>()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn findings_name_what_is_missing() {
    let c = checker();
    let rows = removal_rows(&c);
    let msg = |element: &str| {
        rows.iter()
            .find(|(e, _)| *e == element)
            .unwrap()
            .1
            .iter()
            .map(|f| f.message.clone())
            .collect::<Vec<_>>()
            .join(" ")
    };
    assert!(msg("klagevejledning").contains("klagevejledning"));
    assert!(msg("klagefrist").contains("frist"));
    assert!(msg("klageinstans").contains("klageinstansen"));
    assert!(msg("telefonnummer").contains("telefonnummer"));
    assert!(msg("telefontid").contains("telefontid"));
    assert!(msg("dato").contains("ingen dato"));
}

// Hard cases.

const HEAD: &str =
    "Vesterå Kommune\nYdelsesservice\nRådhustorvet 1\n4720 Vesterå\n\n24. november 2026\n";

#[test]
fn a_phone_number_inside_a_case_number_is_not_a_phone_number() {
    let c = checker();
    let letter = |case: &str| {
        format!(
            "{HEAD}{case}\n\nKære Anne\n\nVi har fået din ansøgning om pas. Skriv til bira@vestera.dk, hvis du har spørgsmål.\n\nMed venlig hilsen\n\nBirgitte Ravn"
        )
    };
    for case in [
        "Sagsnr.: 27.24.00-72360000-24",
        "Sagsnr. 72 36 00 00-17",
        "J.nr. 2026 7236 0000",
    ] {
        let fs = findings(&c, &letter(case));
        let kontakt = fs
            .iter()
            .find(|f| f.rule.as_ref() == "brev/kontakt")
            .unwrap_or_else(|| panic!("{case}: no brev/kontakt in {fs:?}"));
        assert!(
            kontakt.message.contains("et telefonnummer"),
            "{case}: {}",
            kontakt.message
        );
        assert_eq!(kontakt.severity, Severity::Warning);
        assert!(
            !fs.iter()
                .any(|f| f.rule.as_ref() == "brev/dato-og-sagsnummer"
                    || f.rule.as_ref() == "persondata/cpr"),
            "{case}: {fs:?}"
        );
    }
}

#[test]
fn klage_in_another_sense_is_no_klagevejledning() {
    let c = checker();
    // A decision that answers a complaint, but has no klagevejledning of its own.
    let decision = format!(
        "{HEAD}Sagsnr. 03.22.08-P20-117-26\n\nKære Anne\n\nVi har modtaget din klage over afgørelsen om hjemmehjælp. Vi har set på sagen igen, og du får nu hjælp til rengøring hver uge fra 1. maj 2026, fordi dit knæ er blevet dårligere. Reglerne står i serviceloven § 83.\n\nRing til mig på 72 36 41 18 mandag-fredag kl. 9-12, eller skriv til bira@vestera.dk.\n\nMed venlig hilsen\n\nBirgitte Ravn"
    );
    let fs = findings(&c, &decision);
    let missing = fs
        .iter()
        .find(|f| f.rule.as_ref() == "brev/klagevejledning")
        .unwrap_or_else(|| panic!("{fs:?}"));
    assert!(missing.message.contains("klagevejledning"));
    assert_eq!(missing.severity, Severity::Error);
    // A receipt of a complaint is not a decision: no klagevejledning is asked for.
    let receipt = format!(
        "{HEAD}Sagsnr. 03.22.08-P20-117-26\n\nKære Anne\n\nVi har modtaget din klage. Vi ser på den og skriver til dig inden 4 uger.\n\nRing til mig på 72 36 41 18 mandag-fredag kl. 9-12, eller skriv til bira@vestera.dk.\n\nMed venlig hilsen\n\nBirgitte Ravn"
    );
    let fs = findings(&c, &receipt);
    assert!(fs.is_empty(), "{fs:?}");
}

#[test]
fn a_signature_with_only_a_department_has_no_named_sender() {
    let c = checker();
    for signature in [
        "Ydelsesservice\nVesterå Kommune",
        "Kultur og Fritid",
        "Jobcenter Vesterå",
    ] {
        let fs = findings(
            &c,
            &format!(
                "{HEAD}Sagsnr. 03.22.08-P20-117-26\n\nKære Anne\n\nVi har fået din ansøgning. Ring på 72 36 41 18 mandag-fredag kl. 9-12, eller skriv til post@vestera.dk.\n\nMed venlig hilsen\n\n{signature}"
            ),
        );
        assert_eq!(rules_of(&fs), ["brev/kontakt"], "{signature}");
        assert!(
            fs[0].message.contains("der står kun en afdeling"),
            "{}",
            fs[0].message
        );
        assert_eq!(fs[0].severity, Severity::Warning);
    }
}

#[test]
fn a_klagevejledning_in_an_attachment_is_accepted_with_a_note() {
    let c = checker();
    let complete = fixture("afgoerelse-komplet.txt");
    let klage = "Hvis du vil klage\nDu kan klage over afgørelsen. Klagen skal være hos os inden 4 uger efter, at du har fået brevet. Klagen går til Ankestyrelsen, men vi ser først på sagen igen. Du klager skriftligt, fx med et brev eller en e-mail.\n\n";
    for instead in [
        "Klagevejledning er vedlagt.\n\n",
        "Du kan læse om, hvordan du klager, i den vedlagte klagevejledning.\n\n",
    ] {
        let fs = findings(&c, &complete.replace(klage, instead));
        assert_eq!(
            rules_of(&fs),
            ["brev/klagevejledning-bilag"],
            "{instead}: {fs:?}"
        );
        assert_eq!(fs[0].severity, Severity::Info);
        assert!(fs[0].message.contains("vedlagt"));
    }
    // Named only in the list of attachments.
    let fs = findings(
        &c,
        &format!("{}\nBilag: Klagevejledning", complete.replace(klage, "")),
    );
    assert_eq!(rules_of(&fs), ["brev/klagevejledning-bilag"], "{fs:?}");
}

#[test]
fn fragments_are_not_letters() {
    let c = checker();
    let fs = findings(
        &c,
        "Kære Anne\n\nDu får hjælp fra 1. maj. Ring til os, hvis du har spørgsmål.\n",
    );
    assert!(fs.is_empty(), "{fs:?}");
}

#[test]
fn configuration_changes_words_limits_and_severities() {
    let complete = fixture("afgoerelse-komplet.txt");
    // A klageinstans the built-in words do not know.
    let letter = complete.replace(
        " Klagen går til Ankestyrelsen, men vi ser først på sagen igen.",
        " Klagen behandles af Borgerrådgiveren.",
    );
    assert_eq!(
        rules_of(&findings(&checker(), &letter)),
        ["brev/klagevejledning-ufuldstaendig"]
    );
    let mut s = Settings::default();
    s.letter.appeal_bodies = vec!["borgerrådgiver*".into()];
    let c = Checker::new(&s).unwrap();
    assert!(findings(&c, &letter).is_empty());
    // A stricter limit for the answer, and a fixed severity.
    let mut s = Settings::default();
    s.overrides.severity = vec![("brev/kontakt".into(), Severity::Error)];
    let c = Checker::new(&s).unwrap();
    let fs = findings(
        &c,
        &complete.replace(" Du kan ringe mandag-fredag kl. 9-12.", ""),
    );
    assert_eq!(fs.len(), 1);
    assert_eq!(
        fs[0].severity,
        Severity::Error,
        "the configured severity wins"
    );
    // Switched off.
    let mut s = Settings::default();
    s.overrides.disable = vec!["brev".into()];
    let c = Checker::new(&s).unwrap();
    assert!(findings(&c, &complete.replace("Birgitte Ravn\n", "")).is_empty());
}

// The samples.

fn sample_findings(c: &Checker, path: &Path) -> Vec<Finding> {
    let doc = input::load(path, u64::MAX).unwrap().document;
    c.findings(&doc).into_iter().filter(ours).collect()
}

#[test]
fn after_versions_have_no_letter_warnings_and_before_versions_lack_what_the_readme_says() {
    let c = checker();
    let dir = root().join("samples");
    let expected: &[(&str, &[&str])] = &[
        (
            "boligstoette",
            &[
                "brev/klagevejledning-ufuldstaendig",
                "brev/kontakt",
                "persondata/cpr",
            ],
        ),
        ("borgerservice", &["brev/kontakt"]),
        (
            "byggetilladelse",
            &["brev/klagevejledning-ufuldstaendig", "brev/kontakt"],
        ),
        ("dagtilbud", &["brev/kontakt"]),
        ("erhverv", &["brev/kontakt", "brev/svar-foerst"]),
        (
            "hjemmehjaelp",
            &["brev/klagevejledning-ufuldstaendig", "brev/kontakt"],
        ),
        ("sygedagpenge", &["brev/kontakt"]),
        (
            "tilskud-forening",
            &["brev/klagevejledning", "brev/kontakt"],
        ),
    ];
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let Some((stem, _)) = name.split_once("-efter.") else {
            continue;
        };
        let after = sample_findings(&c, &path);
        assert!(after.is_empty(), "{name}: {after:#?}");
        let before_path = dir.join(name.replace("-efter.", "-foer."));
        let before = sample_findings(&c, &before_path);
        let want = expected
            .iter()
            .find(|(s, _)| *s == stem)
            .unwrap_or_else(|| panic!("no expectation for {stem}"))
            .1;
        assert_eq!(rules_of(&before), want, "{stem}-foer: {before:#?}");
        seen += 1;
    }
    assert_eq!(seen, expected.len());
}

#[test]
fn before_versions_get_the_right_details() {
    let c = checker();
    let dir = root().join("samples");
    let get = |name: &str, rule: &str| -> Finding {
        sample_findings(&c, &dir.join(name))
            .into_iter()
            .find(|f| f.rule.as_ref() == rule)
            .unwrap_or_else(|| panic!("{name}: no {rule}"))
    };
    // No deadline, recipient or way to complain ("Afgørelsen kan påklages, jf. …").
    let f = get(
        "boligstoette-foer.txt",
        "brev/klagevejledning-ufuldstaendig",
    );
    assert!(f.message.contains("klageinstansen") && f.message.contains("frist"));
    let f = get(
        "byggetilladelse-foer.txt",
        "brev/klagevejledning-ufuldstaendig",
    );
    assert!(f.message.contains("frist") && !f.message.contains("klageinstansen"));
    // Signed by a department only, no phone and no e-mail.
    let f = get("hjemmehjaelp-foer.txt", "brev/kontakt");
    assert_eq!(f.severity, Severity::Error);
    assert!(f.message.contains("kun en afdeling"));
    let f = get("tilskud-forening-foer.txt", "brev/kontakt");
    assert_eq!(f.severity, Severity::Error);
    let f = get("borgerservice-foer.md", "brev/kontakt");
    assert!(f.message.contains("kun en afdeling") && f.message.contains("telefonnummer"));
    let f = get("sygedagpenge-foer.txt", "brev/kontakt");
    assert!(f.message.contains("e-mail") && f.message.contains("telefontid"));
    let f = get("boligstoette-foer.txt", "persondata/cpr");
    assert!(f.message.contains("120385-xxxx"));
}

// CPR numbers: every line of tests/data/cpr.tsv.

fn cpr_lines() -> Vec<(String, bool)> {
    let data = std::fs::read_to_string(root().join("tests/data/cpr.tsv")).unwrap();
    data.lines()
        .filter(|l| !l.is_empty())
        .map(|l| {
            let (text, label) = l.rsplit_once('\t').unwrap();
            (text.to_string(), label == "cpr")
        })
        .collect()
}

fn cpr_flagged(c: &Checker, text: &str) -> bool {
    let doc = Document::from_text("cpr.txt", text);
    c.findings(&doc)
        .iter()
        .any(|f| f.rule.as_ref() == "persondata/cpr")
}

#[test]
fn every_line_of_cpr_tsv_gets_its_label() {
    let c = checker();
    let lines = cpr_lines();
    let wrong: Vec<String> = lines
        .iter()
        .filter(|(text, cpr)| cpr_flagged(&c, text) != *cpr)
        .map(|(text, cpr)| format!("{} {text}", if *cpr { "missed:" } else { "false alarm:" }))
        .collect();
    assert!(lines.len() >= 70);
    assert!(
        wrong.is_empty(),
        "{}/{} wrong:\n{}",
        wrong.len(),
        lines.len(),
        wrong.join("\n")
    );
}

// Figures for the closing note (ignored: they read many files and print).

fn count(reports: &[Vec<Finding>]) -> BTreeMap<String, BTreeMap<Severity, usize>> {
    let mut m: BTreeMap<String, BTreeMap<Severity, usize>> = BTreeMap::new();
    for fs in reports {
        for f in fs {
            *m.entry(f.rule.to_string())
                .or_default()
                .entry(f.severity)
                .or_default() += 1;
        }
    }
    m
}

fn print_table(title: &str, letters: usize, reports: &[Vec<Finding>]) {
    println!("\n{title}: {letters} letters");
    println!(
        "{:<38} {:>6} {:>8} {:>6} {:>8}",
        "rule", "error", "warning", "info", "letters"
    );
    for (rule, sev) in count(reports) {
        let n_letters = reports
            .iter()
            .filter(|fs| fs.iter().any(|f| *f.rule == *rule))
            .count();
        println!(
            "{rule:<38} {:>6} {:>8} {:>6} {:>8}",
            sev.get(&Severity::Error).unwrap_or(&0),
            sev.get(&Severity::Warning).unwrap_or(&0),
            sev.get(&Severity::Info).unwrap_or(&0),
            n_letters
        );
    }
}

fn letters_in(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| input::is_checkable(p))
        .collect();
    v.sort();
    v
}

#[test]
#[ignore = "prints figures; set KLARSPROG_LETTERS to a folder of letters, or have python3"]
fn measure() {
    let c = checker();
    let samples = letters_in(&root().join("samples"));
    let (before, after): (Vec<&PathBuf>, Vec<&PathBuf>) = samples
        .iter()
        .filter(|p| !p.ends_with("README.md"))
        .partition(|p| p.to_string_lossy().contains("-foer."));
    for (title, set) in [("samples, before", &before), ("samples, after", &after)] {
        let reports: Vec<Vec<Finding>> = set.iter().map(|p| sample_findings(&c, p)).collect();
        print_table(title, set.len(), &reports);
    }
    let plain = letters_in(&root().join("tests/data/plain"));
    let reports: Vec<Vec<Finding>> = plain.iter().map(|p| sample_findings(&c, p)).collect();
    print_table(
        "tests/data/plain (good letters without letterhead)",
        plain.len(),
        &reports,
    );

    let dir = match std::env::var_os("KLARSPROG_LETTERS") {
        Some(d) => PathBuf::from(d),
        None => {
            let out = std::env::temp_dir().join("klarsprog-letters-1000");
            let status = std::process::Command::new("python3")
                .arg(root().join("../shared/bench/gen_letters.py"))
                .arg("1000")
                .arg(&out)
                .status()
                .expect("python3");
            assert!(status.success());
            out
        }
    };
    let generated = letters_in(&dir);
    let reports: Vec<Vec<Finding>> = generated.iter().map(|p| sample_findings(&c, p)).collect();
    print_table(
        &format!("generated ({})", dir.display()),
        generated.len(),
        &reports,
    );
    let clean = reports
        .iter()
        .filter(|fs| fs.iter().all(|f| f.severity == Severity::Info))
        .count();
    println!("generated letters with no letter warning or error: {clean}");

    println!("\ncomplete letter, one element removed at a time:");
    let complete = findings(&c, &fixture("afgoerelse-komplet.txt"));
    println!("{:<32} {:?}", "(complete)", rules_sev(&complete));
    for (element, fs) in removal_rows(&c) {
        println!("{element:<32} {:?}", rules_sev(&fs));
    }

    let lines = cpr_lines();
    let right = lines
        .iter()
        .filter(|(t, cpr)| cpr_flagged(&c, t) == *cpr)
        .count();
    let pos = lines.iter().filter(|(_, cpr)| *cpr).count();
    let tp = lines
        .iter()
        .filter(|(t, cpr)| *cpr && cpr_flagged(&c, t))
        .count();
    let fp = lines
        .iter()
        .filter(|(t, cpr)| !*cpr && cpr_flagged(&c, t))
        .count();
    println!(
        "\ncpr.tsv: {right}/{} right; {tp}/{pos} CPR numbers found, {fp}/{} false alarms",
        lines.len(),
        lines.len() - pos
    );
}

fn rules_sev(fs: &[Finding]) -> Vec<String> {
    fs.iter()
        .map(|f| format!("{} ({})", f.rule, f.severity.as_str()))
        .collect()
}
