//! The language server (`klarsprog lsp`, stdio): diagnostics, quick-fixes and hovers for every
//! text or Markdown document the editor sends, from the same `Checker` as `check`.
//!
//! Full-text sync. A document is checked when no message is waiting (so a burst of keystrokes
//! costs one check), and before any request about it. The last report is kept per document, so
//! code actions and hovers never check again. The library does not print: log lines go to the
//! `log` callback the caller passes (the CLI writes them to stderr).

mod convert;
pub mod transport;

use std::collections::HashMap;
use std::io::{self, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc;

use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument, DidSaveTextDocument,
    Notification as _, PublishDiagnostics,
};
use lsp_types::request::{CodeActionRequest, HoverRequest, Request as _};
use lsp_types::{
    CodeActionOptions, CodeActionParams, CodeActionProviderCapability, DiagnosticSeverity,
    DidChangeTextDocumentParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams,
    DidSaveTextDocumentParams, HoverParams, HoverProviderCapability, InitializeParams,
    InitializeResult, PositionEncodingKind, PublishDiagnosticsParams, SaveOptions,
    ServerCapabilities, ServerInfo, TextDocumentSyncCapability, TextDocumentSyncKind,
    TextDocumentSyncOptions, TextDocumentSyncSaveOptions, Uri,
};

pub use convert::{SOURCE, fix_all_kind, uri_to_path};

use crate::document::{Document, Encoding, Format};
use crate::report::Report;
use crate::{Checker, Span};
use transport::{Frame, read_frame};

/// The largest document checked in the editor (bytes); a lower `max-file-size` in
/// klarsprog.toml wins. A letter is 2–20 KB; a larger document gets one diagnostic saying so.
pub const MAX_DOCUMENT: usize = 1_000_000;

/// Where the server gets the checker for a document: one per klarsprog.toml, built once.
pub trait CheckerSource {
    /// The checker for a document at `path`, or for a document without a file (an unsaved
    /// buffer) when `path` is None. The error is a message for the user (a broken klarsprog.toml).
    fn checker_for(&mut self, path: Option<&Path>) -> Result<Arc<Checker>, String>;
}

/// One open document.
struct Doc {
    uri: Uri,
    version: Option<i32>,
    format: Format,
    text: String,
    /// The text changed since the last check.
    dirty: bool,
    state: State,
}

enum State {
    Unchecked,
    Checked {
        report: Box<Report>,
        checker: Arc<Checker>,
    },
    /// Not checked: the diagnostic says why (too large, klarsprog.toml broken, internal error).
    Problem(Box<lsp_types::Diagnostic>),
}

fn problem(code: &str, severity: DiagnosticSeverity, message: String) -> State {
    State::Problem(Box::new(convert::notice(code, severity, message)))
}

/// What the main loop does after a message.
#[derive(Debug, PartialEq, Eq)]
pub enum Flow {
    Continue,
    /// The client sent `exit`: stop with this code (0 after `shutdown`, else 1).
    Exit(i32),
}

/// The server's state: open documents and the checker source. Feed it messages with
/// [`Server::handle`]; [`Server::flush`] checks what changed and returns the diagnostics.
pub struct Server<S: CheckerSource> {
    source: S,
    /// The workspace folder, for documents without a file.
    root: Option<PathBuf>,
    docs: HashMap<String, Doc>,
    initialized: bool,
    shutdown: bool,
    outbox: Vec<Message>,
    log: Vec<String>,
}

fn key(uri: &Uri) -> String {
    uri.as_str().to_string()
}

fn format_of(uri: &Uri, language: &str) -> Format {
    if language.eq_ignore_ascii_case("markdown")
        || matches!(Format::from_path(uri.as_str()), Some(Format::Markdown))
    {
        Format::Markdown
    } else {
        Format::Text
    }
}

impl<S: CheckerSource> Server<S> {
    pub fn new(source: S) -> Self {
        Server {
            source,
            root: None,
            docs: HashMap::new(),
            initialized: false,
            shutdown: false,
            outbox: Vec::new(),
            log: Vec::new(),
        }
    }

    /// Log lines written since the last call.
    pub fn take_log(&mut self) -> Vec<String> {
        std::mem::take(&mut self.log)
    }

    /// Messages to send (responses, diagnostics) since the last call.
    pub fn take_outbox(&mut self) -> Vec<Message> {
        std::mem::take(&mut self.outbox)
    }

    /// Whether a document waits for a check.
    pub fn has_dirty(&self) -> bool {
        self.docs.values().any(|d| d.dirty)
    }

    /// Handles one message; answers and diagnostics go to the outbox.
    pub fn handle(&mut self, msg: Message) -> Flow {
        match msg {
            Message::Request(req) => self.request(req),
            Message::Notification(n) => return self.notification(n),
            Message::Response(_) => {}
        }
        Flow::Continue
    }

    fn respond(&mut self, r: Response) {
        self.outbox.push(Message::Response(r));
    }

    fn error(&mut self, id: RequestId, code: ErrorCode, message: String) {
        self.respond(Response::new_err(id, code as i32, message));
    }

    fn request(&mut self, req: Request) {
        if !self.initialized && req.method != "initialize" {
            return self.error(
                req.id,
                ErrorCode::ServerNotInitialized,
                "the server is not initialized".into(),
            );
        }
        if self.shutdown {
            return self.error(
                req.id,
                ErrorCode::InvalidRequest,
                "the server is shutting down".into(),
            );
        }
        let id = req.id.clone();
        let method = req.method.clone();
        let result = match method.as_str() {
            "initialize" => self.initialize(req),
            "shutdown" => {
                self.shutdown = true;
                Ok(serde_json::Value::Null)
            }
            CodeActionRequest::METHOD => self.code_action(req),
            HoverRequest::METHOD => self.hover(req),
            _ => {
                return self.error(
                    id,
                    ErrorCode::MethodNotFound,
                    format!("klarsprog does not answer {method}"),
                );
            }
        };
        match result {
            Ok(v) => self.respond(Response::new_ok(id, v)),
            Err((code, message)) => {
                self.log.push(format!("{method}: {message}"));
                self.error(id, code, message)
            }
        }
    }

    fn initialize(&mut self, req: Request) -> Result<serde_json::Value, (ErrorCode, String)> {
        if self.initialized {
            return Err((ErrorCode::InvalidRequest, "already initialized".into()));
        }
        let params: InitializeParams = params(req.params)?;
        #[allow(deprecated)]
        let root = params
            .workspace_folders
            .as_ref()
            .and_then(|f| f.first())
            .map(|f| &f.uri)
            .or(params.root_uri.as_ref())
            .and_then(uri_to_path);
        self.root = root;
        self.initialized = true;
        let caps = ServerCapabilities {
            position_encoding: Some(PositionEncodingKind::UTF16),
            text_document_sync: Some(TextDocumentSyncCapability::Options(
                TextDocumentSyncOptions {
                    open_close: Some(true),
                    change: Some(TextDocumentSyncKind::FULL),
                    save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                        include_text: Some(true),
                    })),
                    ..TextDocumentSyncOptions::default()
                },
            )),
            code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
                code_action_kinds: Some(vec![lsp_types::CodeActionKind::QUICKFIX, fix_all_kind()]),
                ..CodeActionOptions::default()
            })),
            hover_provider: Some(HoverProviderCapability::Simple(true)),
            ..ServerCapabilities::default()
        };
        let result = InitializeResult {
            capabilities: caps,
            server_info: Some(ServerInfo {
                name: "klarsprog".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
        };
        Ok(serde_json::to_value(result).expect("InitializeResult serializes"))
    }

    fn notification(&mut self, n: Notification) -> Flow {
        if n.method == "exit" {
            return Flow::Exit(if self.shutdown { 0 } else { 1 });
        }
        if !self.initialized {
            return Flow::Continue;
        }
        let method = n.method.clone();
        let outcome = match method.as_str() {
            DidOpenTextDocument::METHOD => params(n.params).map(|p| self.did_open(p)),
            DidChangeTextDocument::METHOD => params(n.params).map(|p| self.did_change(p)),
            DidSaveTextDocument::METHOD => params(n.params).map(|p| self.did_save(p)),
            DidCloseTextDocument::METHOD => params(n.params).map(|p| self.did_close(p)),
            _ => Ok(()), // initialized, $/cancelRequest, $/setTrace, configuration …
        };
        if let Err((_, message)) = outcome {
            self.log.push(format!("{method}: {message}"));
        }
        Flow::Continue
    }

    fn did_open(&mut self, p: DidOpenTextDocumentParams) {
        let d = p.text_document;
        let format = format_of(&d.uri, &d.language_id);
        self.docs.insert(
            key(&d.uri),
            Doc {
                uri: d.uri,
                version: Some(d.version),
                format,
                text: d.text,
                dirty: true,
                state: State::Unchecked,
            },
        );
    }

    fn did_change(&mut self, p: DidChangeTextDocumentParams) {
        let Some(doc) = self.docs.get_mut(&key(&p.text_document.uri)) else {
            self.log.push(format!(
                "didChange for a document that is not open: {}",
                p.text_document.uri.as_str()
            ));
            return;
        };
        for change in p.content_changes {
            match change.range {
                None => doc.text = change.text,
                // Clients should send full text (we ask for it); apply ranges anyway.
                Some(r) => {
                    let lines = crate::text::span::LineIndex::new(&doc.text);
                    let start = lines.offset_utf16(
                        &doc.text,
                        r.start.line as usize,
                        r.start.character as usize,
                    );
                    let end = lines
                        .offset_utf16(&doc.text, r.end.line as usize, r.end.character as usize)
                        .max(start);
                    doc.text.replace_range(start..end, &change.text);
                }
            }
        }
        doc.version = Some(p.text_document.version);
        doc.dirty = true;
    }

    fn did_save(&mut self, p: DidSaveTextDocumentParams) {
        if let Some(doc) = self.docs.get_mut(&key(&p.text_document.uri)) {
            if let Some(text) = p.text {
                doc.text = text;
            }
            // Checked again even when unchanged: klarsprog.toml may have changed.
            doc.dirty = true;
        }
    }

    fn did_close(&mut self, p: DidCloseTextDocumentParams) {
        if let Some(doc) = self.docs.remove(&key(&p.text_document.uri)) {
            self.publish_raw(doc.uri, Vec::new(), None);
        }
    }

    fn publish_raw(
        &mut self,
        uri: Uri,
        diagnostics: Vec<lsp_types::Diagnostic>,
        version: Option<i32>,
    ) {
        let params = PublishDiagnosticsParams {
            uri,
            diagnostics,
            version,
        };
        self.outbox.push(Message::Notification(Notification::new(
            PublishDiagnostics::METHOD.into(),
            params,
        )));
    }

    /// Checks every changed document and queues its diagnostics.
    pub fn flush(&mut self) {
        let keys: Vec<String> = self
            .docs
            .iter()
            .filter(|(_, d)| d.dirty)
            .map(|(k, _)| k.clone())
            .collect();
        for k in keys {
            self.check(&k);
        }
    }

    /// Checks one document if it changed, and queues its diagnostics.
    fn check(&mut self, k: &str) {
        let Some(doc) = self.docs.get_mut(k) else {
            return;
        };
        if !doc.dirty {
            return;
        }
        doc.dirty = false;
        let path = uri_to_path(&doc.uri);
        let lookup = path.as_deref().or(self.root.as_deref());
        let state = match self.source.checker_for(lookup) {
            Err(message) => problem(
                "klarsprog/konfiguration",
                DiagnosticSeverity::ERROR,
                message,
            ),
            Ok(checker) => {
                let max = MAX_DOCUMENT.min(checker.settings().max_file_size as usize);
                if doc.text.len() > max {
                    problem(
                        "klarsprog/for-stort",
                        DiagnosticSeverity::WARNING,
                        format!(
                            "Dokumentet er for stort til at blive tjekket i editoren ({} KB; grænsen er {} KB). Brug «klarsprog check» i en terminal.",
                            doc.text.len().div_ceil(1000),
                            max / 1000
                        ),
                    )
                } else {
                    let name = path
                        .as_ref()
                        .map_or_else(|| doc.uri.as_str().to_string(), |p| p.display().to_string());
                    let document =
                        Document::new(name, doc.text.clone(), Encoding::Utf8, doc.format);
                    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        checker.check(document)
                    })) {
                        Ok(report) => State::Checked {
                            report: Box::new(report),
                            checker,
                        },
                        Err(_) => {
                            self.log.push(format!(
                                "internal error while checking {}",
                                doc.uri.as_str()
                            ));
                            problem(
                                "klarsprog/intern-fejl",
                                DiagnosticSeverity::ERROR,
                                "klarsprog kunne ikke tjekke dokumentet (en intern fejl). Skriv gerne til os med teksten.".into(),
                            )
                        }
                    }
                }
            }
        };
        let diagnostics = match &state {
            State::Checked { report, .. } => match &report.document {
                Some(d) => report
                    .findings
                    .iter()
                    .map(|f| convert::diagnostic(d, f))
                    .collect(),
                None => Vec::new(),
            },
            State::Problem(d) => vec![(**d).clone()],
            State::Unchecked => Vec::new(),
        };
        doc.state = state;
        let (uri, version) = (doc.uri.clone(), doc.version);
        self.publish_raw(uri, diagnostics, version);
    }

    /// The report of a document, checked first if it changed.
    fn report(&mut self, uri: &Uri) -> Option<(&Report, &Arc<Checker>)> {
        let k = key(uri);
        self.check(&k);
        match &self.docs.get(&k)?.state {
            State::Checked { report, checker } => Some((report, checker)),
            _ => None,
        }
    }

    fn code_action(&mut self, req: Request) -> Result<serde_json::Value, (ErrorCode, String)> {
        let p: CodeActionParams = params(req.params)?;
        let uri = p.text_document.uri.clone();
        let Some((report, _)) = self.report(&uri) else {
            return Ok(serde_json::Value::Null);
        };
        let Some(doc) = report.document.as_ref() else {
            return Ok(serde_json::Value::Null);
        };
        let span = Span::new(
            convert::offset(doc, p.range.start),
            convert::offset(doc, p.range.end),
        );
        let span = Span::new(span.start.min(span.end), span.end.max(span.start));
        let actions =
            convert::actions(&uri, doc, &report.findings, span, p.context.only.as_deref());
        Ok(serde_json::to_value(actions).expect("actions serialize"))
    }

    fn hover(&mut self, req: Request) -> Result<serde_json::Value, (ErrorCode, String)> {
        let p: HoverParams = params(req.params)?;
        let pos = p.text_document_position_params;
        let Some((report, checker)) = self.report(&pos.text_document.uri) else {
            return Ok(serde_json::Value::Null);
        };
        let Some(doc) = report.document.as_ref() else {
            return Ok(serde_json::Value::Null);
        };
        let at = convert::offset(doc, pos.position);
        Ok(serde_json::to_value(convert::hover(report, checker, at)).expect("hover serializes"))
    }
}

fn params<T: serde::de::DeserializeOwned>(v: serde_json::Value) -> Result<T, (ErrorCode, String)> {
    serde_json::from_value(v)
        .map_err(|e| (ErrorCode::InvalidParams, format!("invalid params: {e}")))
}

/// Runs the server over `input` and `output` (stdin and stdout for `klarsprog lsp`) until the
/// client sends `exit` or closes the input. Returns the exit code: 0 after shutdown and exit, 1
/// otherwise. Bad frames are logged through `log` and skipped; only a failing output ends the
/// server early (with the error).
pub fn run<S: CheckerSource>(
    input: impl Read + Send + 'static,
    mut output: impl Write,
    source: S,
    mut log: impl FnMut(&str),
) -> io::Result<i32> {
    let (tx, rx) = mpsc::sync_channel::<io::Result<Frame>>(64);
    std::thread::Builder::new()
        .name("klarsprog-lsp-reader".into())
        .spawn(move || {
            let mut r = BufReader::with_capacity(64 * 1024, input);
            loop {
                let frame = match read_frame(&mut r) {
                    Ok(Some(f)) => Ok(f),
                    Ok(None) => break,
                    Err(e) => Err(e),
                };
                let stop = frame.is_err()
                    || matches!(&frame, Ok(Frame::Message(Message::Notification(n))) if n.method == "exit");
                if tx.send(frame).is_err() || stop {
                    break;
                }
            }
        })?;
    let mut server = Server::new(source);
    let mut code = 1;
    loop {
        // Check changed documents only when no message is waiting.
        let next = if server.has_dirty() {
            match rx.try_recv() {
                Ok(f) => Some(f),
                Err(mpsc::TryRecvError::Empty) => {
                    server.flush();
                    None
                }
                Err(mpsc::TryRecvError::Disconnected) => break,
            }
        } else {
            match rx.recv() {
                Ok(f) => Some(f),
                Err(_) => break,
            }
        };
        let mut flow = Flow::Continue;
        match next {
            None => {}
            Some(Ok(Frame::Message(m))) => flow = server.handle(m),
            Some(Ok(Frame::Invalid(r))) => {
                log(&format!("invalid request {}: answered with an error", r.id));
                server.outbox.push(Message::Response(r));
            }
            Some(Ok(Frame::Skipped(why))) => log(&format!("skipped a message: {why}")),
            Some(Err(e)) => {
                log(&format!("reading from the client failed: {e}"));
                break;
            }
        }
        for line in server.take_log() {
            log(&line);
        }
        for m in server.take_outbox() {
            m.write(&mut output)?;
        }
        if let Flow::Exit(c) = flow {
            code = c;
            break;
        }
    }
    output.flush()?;
    Ok(code)
}
