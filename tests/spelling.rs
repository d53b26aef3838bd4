//! The spelling check measured: misspellings found and the right word suggested
//! (tests/data/misspellings.tsv, written blind; tests/data/spelling_dev.tsv, written while the
//! checker was built), false alarms per 1,000 words on good letters, and the cases a user
//! notices (names, acronyms, numbers, URLs, case numbers, split compounds).
//!
//! `cargo test --release --test spelling -- --nocapture` prints the figures.

use std::path::Path;

use klarsprog::config::Settings;
use klarsprog::da::spell::suggest;
use klarsprog::document::Format;
use klarsprog::fix::apply_edits;
use klarsprog::rules::spelling::last_document_work;
use klarsprog::{Checker, Document, Finding, input};

fn checker() -> Checker {
    Checker::new(&Settings::default()).unwrap()
}

fn spelling(checker: &Checker, text: &str) -> Vec<Finding> {
    checker
        .findings(&Document::from_text("test.txt", text))
        .into_iter()
        .filter(|f| f.rule.starts_with("stavning/"))
        .collect()
}

/// Byte offset of `word` as a whole word in `s`.
fn find_word(s: &str, word: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = s[from..].find(word) {
        let at = from + i;
        let before = s[..at].chars().next_back();
        let after = s[at + word.len()..].chars().next();
        if !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric) {
            return Some(at);
        }
        from = at + word.len();
    }
    None
}

#[derive(Default)]
struct Score {
    n: usize,
    flagged: usize,
    first: usize,
    top3: usize,
}

impl Score {
    fn pct(a: usize, n: usize) -> f64 {
        100.0 * a as f64 / n.max(1) as f64
    }
    fn line(&self, name: &str) -> String {
        format!(
            "{name:<10} n={:>3}  flagged {:>5.1} %  right first {:>5.1} %  in top 3 {:>5.1} %",
            self.n,
            Self::pct(self.flagged, self.n),
            Self::pct(self.first, self.n),
            Self::pct(self.top3, self.n)
        )
    }
}

/// Scores a misspellings file: (total, per kind), and the lines missed, for the report.
fn score_file(checker: &Checker, file: &str) -> (Score, Vec<(String, Score)>, Vec<String>) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(file);
    let data = std::fs::read_to_string(path).unwrap();
    let mut total = Score::default();
    let mut kinds: Vec<(String, Score)> = Vec::new();
    let mut misses = Vec::new();
    for line in data.lines().filter(|l| !l.is_empty()) {
        let f: Vec<&str> = line.split('\t').collect();
        let (wrong, right, kind, sentence) = (f[0], f[1], f[2], f[3]);
        let at = find_word(sentence, wrong).unwrap_or_else(|| panic!("{wrong} in {sentence}"));
        let (start, end) = (at, at + wrong.len());
        let expected = format!("{}{right}{}", &sentence[..start], &sentence[end..]);
        let found: Vec<Finding> = spelling(checker, sentence)
            .into_iter()
            .filter(|f| f.span.start < end && start < f.span.end)
            .collect();
        let fixes: Vec<String> = found
            .iter()
            .flat_map(|f| f.suggestions.iter().take(3))
            .map(|s| apply_edits(sentence, &s.edits))
            .collect();
        let flagged = !found.is_empty();
        let first = fixes.first() == Some(&expected);
        let top3 = fixes.iter().take(3).any(|x| *x == expected);
        if !first {
            let got: Vec<&str> = found
                .iter()
                .flat_map(|f| f.suggestions.iter().take(3))
                .map(|s| &*s.replacement)
                .collect();
            misses.push(format!(
                "  {kind:<8} {wrong} → {right}: {}",
                if flagged {
                    format!("suggested {got:?}")
                } else {
                    "not flagged".to_string()
                }
            ));
        }
        let k = match kinds.iter().position(|(k, _)| k == kind) {
            Some(i) => i,
            None => {
                kinds.push((kind.to_string(), Score::default()));
                kinds.len() - 1
            }
        };
        for s in [&mut total, &mut kinds[k].1] {
            s.n += 1;
            s.flagged += flagged as usize;
            s.first += first as usize;
            s.top3 += top3 as usize;
        }
    }
    (total, kinds, misses)
}

fn report(file: &str) -> Score {
    let checker = checker();
    let (total, kinds, misses) = score_file(&checker, file);
    println!("{file}:\n{}", total.line("all"));
    for (k, s) in &kinds {
        println!("{}", s.line(k));
    }
    if std::env::var_os("KLARSPROG_SHOW_MISSES").is_some() {
        println!("{}", misses.join("\n"));
    }
    total
}

#[test]
fn blind_misspellings_are_found_and_corrected() {
    let s = report("misspellings.tsv");
    assert!(s.n >= 170);
    assert!(Score::pct(s.flagged, s.n) >= 95.0, "flagged");
    assert!(Score::pct(s.first, s.n) >= 90.0, "right first");
    assert!(Score::pct(s.top3, s.n) >= 95.0, "top 3");
}

#[test]
fn development_misspellings_are_found_and_corrected() {
    let s = report("spelling_dev.tsv");
    assert!(s.n >= 100);
    assert!(Score::pct(s.flagged, s.n) >= 96.0, "flagged");
    assert!(Score::pct(s.first, s.n) >= 93.0, "right first");
    assert!(Score::pct(s.top3, s.n) >= 95.0, "top 3");
}

/// (findings, words) for the spelling rules over some texts; prints the findings.
fn false_alarms(checker: &Checker, docs: Vec<Document>) -> (usize, usize) {
    let (mut found, mut words) = (0, 0);
    for doc in docs {
        let source = doc.source.clone();
        let report = checker.check(doc);
        words += report.stats.as_ref().map_or(0, |s| s.words);
        for f in report
            .findings
            .iter()
            .filter(|f| f.rule.starts_with("stavning/"))
        {
            found += 1;
            println!(
                "  {source}: {} «{}»",
                f.rule,
                report.document.as_ref().map_or("", |d| d.slice(f.span))
            );
        }
    }
    (found, words)
}

fn load_dir(dir: &Path, keep: impl Fn(&str) -> bool) -> Vec<Document> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            keep(&name) && name != "README.md"
        })
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| input::load(p, u64::MAX).unwrap().document)
        .collect()
}

#[test]
fn good_letters_have_few_false_alarms() {
    let checker = checker();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (f1, w1) = false_alarms(&checker, load_dir(&root.join("tests/data/plain"), |_| true));
    let per1 = 1000.0 * f1 as f64 / w1 as f64;
    println!("plain letters: {f1} spelling findings in {w1} words = {per1:.2} per 1,000 words");
    let (f2, w2) = false_alarms(
        &checker,
        load_dir(&root.join("samples"), |n| n.contains("-efter.")),
    );
    let per2 = 1000.0 * f2 as f64 / w2 as f64;
    println!("samples (after): {f2} spelling findings in {w2} words = {per2:.2} per 1,000 words");
    assert!(per1 <= 0.5, "plain letters: {per1:.2} per 1,000 words");
    assert!(per2 <= 0.5, "samples: {per2:.2} per 1,000 words");
}

/// False alarms on a corpus of good letters, e.g. `python3 gen_letters.py 1000 /tmp/c1k`:
/// `KLARSPROG_CORPUS=/tmp/c1k cargo test --release --test spelling -- --ignored --nocapture`.
#[test]
#[ignore]
fn corpus_false_alarms() {
    let dir = std::env::var("KLARSPROG_CORPUS").expect("KLARSPROG_CORPUS=<folder of letters>");
    let checker = checker();
    let t = std::time::Instant::now();
    let (f, w) = false_alarms(&checker, load_dir(Path::new(&dir), |_| true));
    println!(
        "{dir}: {f} spelling findings in {w} words = {:.3} per 1,000 words ({:?})",
        1000.0 * f as f64 / w as f64,
        t.elapsed()
    );
}

#[test]
fn names_in_layout_lines_are_not_checked() {
    let c = checker();
    let letter = "Frederikssund Kommune\nJobcenter Frederikssund\nTolderlundsvej 12\n3600 Frederikssund\n\nZlatan Wrzesniewski\nHjortevangen 7, 2. th.\n3650 Ølstykke\n\nKære Zlatan Wrzesniewski\n\nDu er velkommen til at ringe til mig, hvis du har spørgsmål. Zlatan kan også skrive til os.\n\nMed venlig hilsen\n\nMirjana Kowalczyk\nJobkonsulent\nTlf. 47 35 10 00";
    let f = spelling(&c, letter);
    assert!(f.is_empty(), "{f:#?}");
}

#[test]
fn unknown_names_mid_sentence_are_left_alone_but_repairable_words_are_not() {
    let c = checker();
    assert!(spelling(&c, "Du kan tale med Wrzesniewski om sagen.").is_empty());
    // A capitalised word mid-sentence that the dictionary knows in lower case.
    assert!(spelling(&c, "Du kan låne bøger på Biblioteket og i Borgerservice.").is_empty());
    // Scanner damage in a capitalised word is still a misspelling.
    let f = spelling(&c, "Det står i Iovgivningen om kommunal ferie.");
    assert_eq!(f.len(), 1, "{f:#?}");
}

#[test]
fn numbers_urls_case_numbers_and_acronyms_are_not_words_to_check() {
    let c = checker();
    for text in [
        "Sagsnr. 27.24.00-P20-3-24 og j.nr. 2026-004512.",
        "Læs mere på https://www.holbaek.dk/borger/affald?id=7xq eller skriv til bwqx@kommune.dk.",
        "Send det til KLE, SFO'en, PPR og BBR-registret.",
        "Du får 1.850 kr. den 3. i måneden kl. 9.30, 2. th.",
        "Log på med MitID og se din NemKonto i e-Boks.",
        "Du kan bruge borger.dk og sundhed.dk.",
    ] {
        let f = spelling(&c, text);
        assert!(f.is_empty(), "{text}: {f:#?}");
    }
}

#[test]
fn words_from_the_accept_list_and_word_lists_are_known() {
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("ord.txt");
    std::fs::write(&list, "# vores egne ord\nGrønhøjcentret\nbydelsmor\n").unwrap();
    let toml = dir.path().join("klarsprog.toml");
    std::fs::write(
        &toml,
        "[spelling]\naccept = [\"klimatilpasningsplan2030\", \"Fjordkvarteret\"]\nword-lists = [\"ord.txt\"]\n",
    )
    .unwrap();
    let settings = klarsprog::config::load(&toml).unwrap();
    let c = Checker::new(&settings).unwrap();
    let text = "Vi holder møde i Grønhøjcentret med en bydelsmor fra Fjordkvarteret.";
    let f = spelling(&c, text);
    assert!(f.is_empty(), "{f:#?}");
    assert_eq!(spelling(&checker(), "Vi taler med en bydelsmorr.").len(), 1);
    // A word list that cannot be read is an error that names the file.
    std::fs::write(&toml, "[spelling]\nword-lists = [\"mangler.txt\"]\n").unwrap();
    let settings = klarsprog::config::load(&toml).unwrap();
    let e = Checker::new(&settings).err().unwrap().to_string();
    assert!(e.contains("mangler.txt"), "{e}");
}

#[test]
fn verdicts_cached_for_one_checker_do_not_leak_into_another() {
    // Two checkers on one thread, taking turns: the word one of them accepts must stay unknown
    // to the other, however the per-thread cache was filled before.
    let settings = Settings {
        spelling_accept: vec!["flumsebog".to_string()],
        ..Settings::default()
    };
    let accepting = Checker::new(&settings).unwrap();
    let plain = checker();
    let text = "Vi taler med en flumsebog om sagen.";
    for _ in 0..2 {
        assert!(spelling(&accepting, text).is_empty());
        assert_eq!(spelling(&plain, text).len(), 1);
    }
    // The same letter twice gives the same findings (the second time from the cache).
    let letter =
        "Du kan bestiller en tid. Vi har sendt dig et nyt sundheds kort, og din henvendelsse.";
    assert_eq!(spelling(&plain, letter), spelling(&plain, letter));
    assert_eq!(spelling(&plain, letter).len(), 3);
}

/// Words of 6 to 14 random letters, the same on every run: what garbled text from a PDF looks
/// like to the speller.
fn garbage(n: usize) -> Vec<String> {
    let letters: Vec<char> = "abcdefghijklmnoprstuvyæøå".chars().collect();
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = |m: usize| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        (x % m as u64) as usize
    };
    (0..n)
        .map(|_| {
            (0..6 + next(9))
                .map(|_| letters[next(letters.len())])
                .collect()
        })
        .collect()
}

#[test]
fn the_work_for_one_word_is_bounded() {
    use suggest::{MAX_LETTERS, Suggestions, WORD_WORK, cheap_counted, suggest_counted};
    for w in garbage(12) {
        let s = suggest_counted(&w, 3);
        assert!(s.work <= WORD_WORK, "{w}: {}", s.work);
        assert_eq!(suggest_counted(&w, 3), s, "{w}: the same every time");
    }
    let long = "arbejdsmarkedsuddannelsescenterlederstillinger";
    assert!(long.chars().count() > MAX_LETTERS);
    assert_eq!(suggest_counted(long, 3), Suggestions::default());
    // "İ" is two letters in lower case.
    let capitals = "İ".repeat(MAX_LETTERS);
    assert_eq!(suggest_counted(&capitals, 3), Suggestions::default());
    assert_eq!(cheap_counted(&capitals, 45), Suggestions::default());
    // A real slip costs a small part of it.
    assert!(suggest_counted("beregnign", 3).work < WORD_WORK / 10);
}

/// The most suggestion work one letter may take: the budget, and the word that crosses it.
const LETTER_WORK: usize = klarsprog::da::spell::DOCUMENT_WORK + suggest::WORD_WORK;

#[test]
fn suggestions_have_a_budget_per_letter() {
    let words = garbage(300);
    let text = format!("{}.\n", words.join(" "));
    let c = checker();
    let found = spelling(&c, &text);
    let work = last_document_work();
    println!(
        "{} unknown words: suggestion work {work} (budget {})",
        words.len(),
        klarsprog::da::spell::DOCUMENT_WORK
    );
    assert!(work <= LETTER_WORK, "{work}");
    // Every word is still reported; once the budget is spent, without suggestions.
    assert_eq!(found.len(), words.len());
    let last = found.last().unwrap();
    assert!(last.suggestions.is_empty(), "{last:#?}");
    assert_eq!(
        *last.message,
        *format!(
            "«{}» står ikke i ordbogen. Tjek stavningen. Er ordet rigtigt, kan du tilføje det under [spelling] accept i klarsprog.toml.",
            words.last().unwrap()
        )
    );
    // The same findings and the same work whatever the caches hold: the letter again, and on a
    // new checker after a letter with the same words the other way round.
    assert_eq!(spelling(&c, &text), found);
    assert_eq!(last_document_work(), work);
    let fresh = checker();
    let backwards: Vec<&str> = words.iter().rev().map(String::as_str).collect();
    spelling(&fresh, &format!("{}.\n", backwards.join(" ")));
    assert_eq!(spelling(&fresh, &text), found);
    assert_eq!(last_document_work(), work);
    // A real slip in a normal letter costs a small part of the budget.
    assert_eq!(
        spelling(&checker(), "Tak for din henvendelsse om tandpleje.").len(),
        1
    );
    assert!(last_document_work() < suggest::WORD_WORK / 10);
}

/// tests/fixtures/fuzz/document-timeout-suggestions, run as the `document` fuzz target runs it.
#[test]
fn fuzz_input_that_timed_out_in_the_suggestion_search() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let data =
        std::fs::read(root.join("tests/fixtures/fuzz/document-timeout-suggestions")).unwrap();
    let (&selector, bytes) = data.split_first().unwrap();
    assert_eq!(selector % 5, 2, "the target reads it as HTML");
    let loaded = input::from_bytes("fuzz.txt", bytes, Format::Html, 1 << 20).unwrap();
    let c = checker();
    let found: Vec<Finding> = c
        .findings(&loaded.document)
        .into_iter()
        .filter(|f| f.rule.as_ref() == "stavning/ukendt-ord")
        .collect();
    let work = last_document_work();
    println!("{} unknown words: suggestion work {work}", found.len());
    assert!(!found.is_empty());
    assert!(work <= found.len() * suggest::WORD_WORK, "{work}");
    assert!(work <= LETTER_WORK, "{work}");
}

#[test]
fn spelling_can_be_switched_off() {
    let mut settings = Settings::default();
    settings.overrides.disable = vec!["stavning".to_string()];
    let c = Checker::new(&settings).unwrap();
    assert!(spelling(&c, "Vi har modtgaet din besked.").is_empty());
    assert_eq!(spelling(&checker(), "Vi har modtgaet din besked.").len(), 1);
}

#[test]
fn split_compounds_are_reported_but_phrases_are_not() {
    let c = checker();
    let f = spelling(&c, "Du kan få et nyt sundheds kort i Borgerservice.");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].rule.as_ref(), "stavning/saerskrivning");
    assert_eq!(&*f[0].suggestions[0].replacement, "sundhedskort");
    for text in [
        "Vi bor i en stor by.",
        "Du skal søge hjælp hos din læge.",
        "Du får en måneds løn.",
        "Det er en god dag at flytte på.",
        "Du kan få hjælp en gang om ugen.",
    ] {
        let f = spelling(&c, text);
        assert!(f.is_empty(), "{text}: {f:#?}");
    }
}

/// The embedded dictionary (forms, compounds, CHECKCOMPOUNDREP) against spellbook, the Rust
/// port of Hunspell, on every word of the samples, the good letters and both misspelling files.
#[test]
fn the_dictionary_agrees_with_hunspell() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let read = |rel: &str| std::fs::read_to_string(root.join(rel)).unwrap();
    let dict = spellbook::Dictionary::new(
        &read("dictionaries/da_DK.aff"),
        &read("dictionaries/da_DK.dic"),
    )
    .unwrap();
    let mut text = String::new();
    for dir in ["samples", "tests/data/plain"] {
        for doc in load_dir(&root.join(dir), |_| true) {
            text.push_str(&doc.text);
            text.push('\n');
        }
    }
    for file in ["misspellings.tsv", "spelling_dev.tsv"] {
        text.push_str(&read(&format!("tests/data/{file}")).replace('\t', " "));
    }
    let doc = Document::from_text("all", text);
    let mut words: Vec<&str> = doc
        .tokens
        .iter()
        .filter(|t| t.is_word() && !t.text(&doc.text).contains('.'))
        .map(|t| t.text(&doc.text))
        .collect();
    words.sort();
    words.dedup();
    let mut differ = Vec::new();
    for w in &words {
        let ours = klarsprog::da::spell::dict_known(w);
        if ours != dict.check(w) {
            differ.push(format!("{w} (klarsprog {ours})"));
        }
    }
    println!(
        "{} distinct words: klarsprog and spellbook differ on {}: {}",
        words.len(),
        differ.len(),
        differ.join(", ")
    );
    assert!(differ.len() * 100 <= words.len(), "{differ:?}");
}

#[test]
fn the_embedded_dictionary_is_up_to_date() {
    // The FST records a hash of the files it was built from; a changed .dic, .aff or generator
    // without `python3 scripts/build_dictionary.py` fails here.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut h: u64 = 0xcbf29ce484222325;
    for rel in [
        "dictionaries/da_DK.aff",
        "dictionaries/da_DK.dic",
        "scripts/expand_dictionary.py",
        "scripts/build_dictionary.py",
        "examples/build_dictionary.rs",
    ] {
        let mut data = std::fs::read(root.join(rel)).unwrap();
        data.retain(|&b| b != b'\r');
        data.push(0xff);
        for b in data {
            h ^= b as u64;
            h = h.wrapping_mul(0x100000001b3);
        }
    }
    assert_eq!(
        klarsprog::da::spell::dict::sources_hash().as_deref(),
        Some(format!("{h:016x}").as_str()),
        "dictionaries/da_DK.fst is older than its sources: run python3 scripts/build_dictionary.py"
    );
}
