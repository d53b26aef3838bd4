//! DOCX and ODT extraction on arbitrary bytes.
//!
//! First byte (modulo 3): 0 — the rest is a zip, read as DOCX and as ODT; 1 — the rest is XML,
//! stored as word/document.xml (and a header) of a zip read as DOCX; 2 — the rest is XML, stored
//! as content.xml and styles.xml of a zip read as ODT. Modes 1 and 2 let the fuzzer reach the
//! XML walk, which raw zip mutations rarely get past the CRC to.

#![no_main]

use std::io::Write;

use klarsprog::input::{docx, odt};
use libfuzzer_sys::fuzz_target;

/// Decompressed bytes allowed per file in the fuzzer (the CLI allows 50 MB).
const LIMIT: u64 = 4 << 20;

fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, bytes) in entries {
        w.start_file(*name, opts).unwrap();
        w.write_all(bytes).unwrap();
    }
    w.finish().unwrap().into_inner()
}

fn check(result: Result<String, String>) {
    match result {
        Ok(text) => {
            // Extracted text is one paragraph a line, trimmed, without control characters
            // other than the tab (and the newline between paragraphs).
            assert!(!text.starts_with('\n') && !text.ends_with('\n'), "{text:?}");
            assert!(
                !text
                    .chars()
                    .any(|c| c.is_control() && c != '\n' && c != '\t'),
                "{text:?}"
            );
        }
        Err(message) => assert!(!message.is_empty()),
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    match mode % 3 {
        0 => {
            check(docx::extract(rest, LIMIT));
            check(odt::extract(rest, LIMIT));
        }
        1 => {
            let bytes = zip_of(&[("word/document.xml", rest), ("word/header1.xml", rest)]);
            check(docx::extract(&bytes, LIMIT));
        }
        _ => {
            let bytes = zip_of(&[("content.xml", rest), ("styles.xml", rest)]);
            check(odt::extract(&bytes, LIMIT));
        }
    }
});
