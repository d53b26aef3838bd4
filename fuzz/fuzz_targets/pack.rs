//! Arbitrary text as a rule pack: parse and validate it; when it loads, compile it, run its
//! examples and check a short letter with it. A hostile pack must give an error naming the file
//! and a line inside it, never a panic or a hang.

#![no_main]

use klarsprog::config::Settings;
use klarsprog::rules::{examples, pack};
use klarsprog::{Checker, Document, Error};
use libfuzzer_sys::fuzz_target;

const LETTER: &str = "Kære Anne\n\nI henhold til loven fremsendes hermed afgørelsen vedr. din ansøgning, jf. § 17, stk. 4. Såfremt De har spørgsmål, bedes De kontakte os på tlf. 72 36 00 00 osv.\n\nMed venlig hilsen\nSagsbehandler\n";

fuzz_target!(|data: &[u8]| {
    let Ok(source) = std::str::from_utf8(data) else {
        return;
    };
    let pack = match pack::parse_pack("fuzz.toml", source) {
        Ok(p) => p,
        Err(e) => {
            let Error::Pack { file, line, .. } = &e else {
                panic!("a pack error that is not Error::Pack: {e:?}");
            };
            assert_eq!(file, "fuzz.toml");
            let lines = source.split('\n').count();
            assert!(*line >= 1 && *line <= lines, "line {line} of {lines}: {e}");
            let _ = e.to_string();
            return;
        }
    };
    let name = pack.name.clone();
    let settings = Settings {
        default_packs: false,
        ..Settings::default()
    };
    let Ok(checker) = Checker::with_packs(&settings, vec![pack]) else {
        return;
    };
    for rule in checker.rules().iter().filter(|r| r.pack == name) {
        let _ = examples::failures(&checker, rule);
    }
    let doc = Document::from_text("brev.txt", LETTER);
    for f in checker.findings(&doc) {
        assert!(f.span.end <= LETTER.len() && LETTER.is_char_boundary(f.span.start));
    }
});
