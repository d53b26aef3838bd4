//! The language server's re-check of a 3 KB letter: a `didChange` with the full text, the check,
//! and the `publishDiagnostics` message serialized as it goes to the editor.
//!
//! cargo bench --bench lsp

use std::path::Path;
use std::sync::Arc;

use criterion::{Criterion, criterion_group, criterion_main};
use lsp_server::{Message, Notification, Request};
use serde_json::json;

use klarsprog::lsp::{CheckerSource, Server};
use klarsprog::{Checker, config::Settings};

struct One(Arc<Checker>);

impl CheckerSource for One {
    fn checker_for(&mut self, _: Option<&Path>) -> Result<Arc<Checker>, String> {
        Ok(self.0.clone())
    }
}

/// About 3 KB of letter text (3,169 bytes): two sample letters cut at the last line end
/// before 3,200 bytes.
pub fn letter_3kb() -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let mut text = std::fs::read_to_string(root.join("byggetilladelse-foer.txt")).unwrap();
    text.push('\n');
    text.push_str(&std::fs::read_to_string(root.join("hjemmehjaelp-foer.txt")).unwrap());
    let cut = text.as_bytes()[..3200]
        .iter()
        .rposition(|&b| b == b'\n')
        .unwrap()
        + 1;
    text.truncate(cut);
    text
}

fn bench(c: &mut Criterion) {
    let checker = Arc::new(Checker::new(&Settings::default()).unwrap());
    let mut server = Server::new(One(checker.clone()));
    server.handle(Message::Request(Request::new(
        1.into(),
        "initialize".into(),
        json!({"capabilities": {}}),
    )));
    let text = letter_3kb();
    let uri = "file:///tmp/brev.txt";
    server.handle(Message::Notification(Notification::new(
        "textDocument/didOpen".into(),
        json!({"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": text}}),
    )));
    server.flush();
    let published = server.take_outbox();
    eprintln!(
        "letter: {} bytes, {} messages after open",
        text.len(),
        published.len()
    );
    let mut version = 1;
    c.bench_function(
        "lsp re-check of a 3 KB letter (didChange → publishDiagnostics JSON)",
        |b| {
            b.iter(|| {
                version += 1;
                server.handle(Message::Notification(Notification::new(
                    "textDocument/didChange".into(),
                    json!({"textDocument": {"uri": uri, "version": version},
                       "contentChanges": [{"text": text}]}),
                )));
                server.flush();
                let out = server.take_outbox();
                let mut bytes = Vec::new();
                for m in out {
                    m.write(&mut bytes).unwrap();
                }
                std::hint::black_box(bytes)
            })
        },
    );
    c.bench_function("check only, the same letter", |b| {
        b.iter(|| {
            std::hint::black_box(
                checker.findings(&klarsprog::Document::from_text("brev.txt", text.clone())),
            )
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
