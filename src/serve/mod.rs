//! The local web page (`klarsprog serve`): the page and its assets, embedded in the binary, and
//! a JSON API on the same `Checker` as `check`. Letters are checked in memory and never stored
//! or logged.
//!
//! Routes (nothing else; there are no files to traverse):
//! - `GET /`, `GET /app.js`, `GET /app.css`, `GET /favicon.svg`: the page.
//! - `POST /api/check`: the letter as the body (text/plain UTF-8, or a file's bytes with its
//!   name in `X-Filename` or `?name=`, or `multipart/form-data` with a file or a `text` field).
//!   Answers exactly what `klarsprog check --format json` prints for that file.
//! - `POST /api/extract`: the same bodies; answers `{"path","format","text"}` with the letter as
//!   plain text (for .docx/.odt/.html: one paragraph per block, blank lines between), which the
//!   page then edits and checks.

pub mod http;

use std::io;
use std::net::{IpAddr, SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use serde_json::json;

use crate::Checker;
use crate::document::Format;
use crate::input;
use crate::output::{Printer, RunSummary, json::Json};
use crate::report::Report;
use crate::text::segment::SOFT_BREAK;
use http::{ReadError, Request, Response};

const INDEX_HTML: &str = include_str!("assets/index.html");
const APP_JS: &str = include_str!("assets/app.js");
const APP_CSS: &str = include_str!("assets/app.css");
const FAVICON_SVG: &str = include_str!("assets/favicon.svg");

/// The largest request body by default (bytes).
pub const MAX_BODY: usize = 5 * 1024 * 1024;
/// Connections handled at once; more get 503.
pub const MAX_CONNECTIONS: usize = 16;

/// How the server runs.
#[derive(Clone)]
pub struct Options {
    /// The largest request body.
    pub max_body: usize,
    /// Accept only requests whose Host is this machine (127.0.0.1, localhost, [::1]): true when
    /// listening on a loopback address, which stops DNS-rebinding pages from reading answers.
    pub local_hosts_only: bool,
    /// Log lines (errors only; never a letter or its name).
    pub log: Arc<dyn Fn(&str) + Send + Sync>,
}

impl Options {
    pub fn for_address(addr: SocketAddr) -> Options {
        Options {
            max_body: MAX_BODY,
            local_hosts_only: addr.ip().is_loopback(),
            log: Arc::new(|_| {}),
        }
    }
}

/// Whether listening on `ip` exposes the page to other machines.
pub fn is_exposed(ip: IpAddr) -> bool {
    !ip.is_loopback()
}

/// Accepts connections until the listener fails for good; one thread per connection, at most
/// [`MAX_CONNECTIONS`] at once.
pub fn serve(listener: TcpListener, checker: Arc<Checker>, options: Options) -> io::Result<()> {
    let active = Arc::new(AtomicUsize::new(0));
    let port = listener.local_addr()?.port();
    for stream in listener.incoming() {
        let mut stream = match stream {
            Ok(s) => s,
            Err(e) => {
                (options.log)(&format!("accept: {e}"));
                std::thread::sleep(std::time::Duration::from_millis(50));
                continue;
            }
        };
        let _ = stream.set_read_timeout(Some(http::IO_TIMEOUT));
        let _ = stream.set_write_timeout(Some(http::IO_TIMEOUT));
        if active.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
            active.fetch_sub(1, Ordering::SeqCst);
            let _ = http::write_response(
                &mut stream,
                &Response::error(503, "Klarsprog har travlt lige nu; prøv igen om lidt."),
            );
            continue;
        }
        let checker = checker.clone();
        let opts = options.clone();
        let slot = Slot(active.clone());
        let spawned = std::thread::Builder::new()
            .name("klarsprog-serve".into())
            .spawn(move || {
                let _slot = slot;
                connection(stream, &checker, &opts, port);
            });
        if let Err(e) = spawned {
            (options.log)(&format!("thread: {e}"));
        }
    }
    Ok(())
}

/// A taken connection slot, given back when the connection's thread ends (also on a panic).
struct Slot(Arc<AtomicUsize>);

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

fn connection(mut stream: TcpStream, checker: &Checker, options: &Options, port: u16) {
    let deadline = Instant::now() + http::REQUEST_DEADLINE;
    let response = match http::read_request(&mut stream, options.max_body, deadline) {
        Ok(req) => std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            respond(&req, checker, options, port)
        }))
        .unwrap_or_else(|_| {
            (options.log)("intern fejl under et tjek (brevet er ikke logget)");
            Response::error(
                500,
                "Der skete en fejl i klarsprog. Prøv igen, eller tjek brevet med klarsprog check.",
            )
        }),
        Err(ReadError::Closed) => return,
        Err(ReadError::Io(_)) => return,
        Err(ReadError::Reply(r)) => r,
    };
    let refused = response.status == 413 || response.status == 408;
    if http::write_response(&mut stream, &response).is_err() {
        return;
    }
    if refused {
        // Let the client read the answer before the socket closes.
        let _ = stream.shutdown(std::net::Shutdown::Write);
        http::drain(
            &mut stream,
            options.max_body,
            Instant::now() + std::time::Duration::from_secs(2),
        );
    }
}

/// Is `host` (a Host header) this machine on `port`?
fn local_host(host: &str, port: u16) -> bool {
    let (name, p) = match host.rsplit_once(':') {
        Some((n, p)) if !n.ends_with(':') && (n.starts_with('[') || !n.contains(':')) => {
            (n, p.parse::<u16>().ok())
        }
        _ => (host, Some(80)),
    };
    p == Some(port)
        && matches!(
            name.to_ascii_lowercase().as_str(),
            "127.0.0.1" | "localhost" | "[::1]"
        )
}

/// The answer to one request. Pure apart from checking: tests call it directly.
pub fn respond(req: &Request, checker: &Checker, options: &Options, port: u16) -> Response {
    if options.local_hosts_only && !req.header("host").is_some_and(|h| local_host(h, port)) {
        return Response::error(
            403,
            "Siden må kun åbnes som http://127.0.0.1 eller http://localhost på denne computer.",
        );
    }
    let page = |ct: &'static str, body: &'static str| Response::new(200, ct, body);
    let allowed = match req.path.as_str() {
        "/" => "GET",
        "/app.js" | "/app.css" | "/favicon.svg" => "GET",
        "/api/check" | "/api/extract" => "POST",
        _ => return Response::error(404, "Siden findes ikke."),
    };
    if req.method != allowed {
        return Response::error(405, "Metoden kan ikke bruges her.").with_header("Allow", allowed);
    }
    match req.path.as_str() {
        "/" => page("text/html; charset=utf-8", INDEX_HTML),
        "/app.js" => page("text/javascript; charset=utf-8", APP_JS),
        "/app.css" => page("text/css; charset=utf-8", APP_CSS),
        "/favicon.svg" => page("image/svg+xml", FAVICON_SVG),
        path => {
            // A page elsewhere may send a form here, but not with our origin.
            if let Some(origin) = req.header("origin") {
                let host = req.header("host").unwrap_or("");
                if origin != format!("http://{host}") {
                    return Response::error(403, "Forespørgsler fra andre sider afvises.");
                }
            }
            let letter = match letter(req) {
                Ok(l) => l,
                Err(r) => return r,
            };
            if path == "/api/check" {
                check(&letter, checker)
            } else {
                extract(&letter, checker)
            }
        }
    }
}

/// A letter as sent: its name (for the format and the `path` key), its format and bytes.
struct Letter<'a> {
    name: Option<String>,
    format: Format,
    bytes: &'a [u8],
}

fn format_of_type(content_type: &str) -> Format {
    let t = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    match t.as_str() {
        "text/markdown" => Format::Markdown,
        "text/html" => Format::Html,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => Format::Docx,
        "application/vnd.oasis.opendocument.text" => Format::Odt,
        _ => Format::Text,
    }
}

fn letter(req: &Request) -> Result<Letter<'_>, Response> {
    let content_type = req.header("content-type").unwrap_or("text/plain");
    let (mut name, mut ctype, bytes) = match http::boundary(content_type) {
        Some(b) => {
            let parts = http::multipart(&req.body, &b)
                .ok_or_else(|| Response::error(400, "Formularen kunne ikke læses."))?;
            let part = parts
                .iter()
                .find(|p| p.filename.as_deref().is_some_and(|f| !f.is_empty()))
                .or_else(|| parts.iter().find(|p| p.name.as_deref() == Some("text")))
                .ok_or_else(|| {
                    Response::error(400, "Formularen har hverken en fil eller en tekst.")
                })?;
            (
                part.filename.clone().filter(|f| !f.is_empty()),
                part.content_type.clone(),
                part.data,
            )
        }
        None => (None, Some(content_type.to_string()), req.body.as_slice()),
    };
    if name.is_none() {
        name = req
            .header("x-filename")
            .and_then(crate::text::percent_decode)
            .or_else(|| req.query_param("name"))
            .filter(|n| !n.is_empty());
    }
    // Only the file's own name, never a path the client made up.
    name = name.map(|n| n.rsplit(['/', '\\']).next().unwrap_or("").to_string());
    let format = match &name {
        Some(n) if n.contains('.') => Format::from_path(n).ok_or_else(|| {
            Response::error(
                415,
                "Klarsprog kan læse .txt, .md, .docx, .odt og .html. Gem brevet i et af dem (fx .docx) og prøv igen.",
            )
        })?,
        _ => format_of_type(ctype.get_or_insert_with(String::new)),
    };
    Ok(Letter {
        name,
        format,
        bytes,
    })
}

/// The letter as a document, or (its name, why it could not be read).
fn load(letter: &Letter<'_>, checker: &Checker) -> Result<crate::Document, (String, String)> {
    let source = letter.name.clone().unwrap_or_else(|| "-".into());
    input::from_bytes(
        &source,
        letter.bytes,
        letter.format,
        checker.settings().max_file_size,
    )
    .map(|l| l.document)
    .map_err(|e| {
        let message = match e {
            crate::Error::Input { message, .. } => message,
            other => other.to_string(),
        };
        (source, message)
    })
}

/// `{"version":1,"files":[…]}`, byte for byte what `check --format json` prints.
fn check_json(report: &Report) -> Vec<u8> {
    let mut out = Vec::new();
    let mut printer = Json::default();
    let mut summary = RunSummary::default();
    summary.add(report);
    printer
        .file(&mut out, report)
        .and_then(|_| printer.finish(&mut out, &summary))
        .expect("writing to a Vec does not fail");
    out
}

fn check(letter: &Letter<'_>, checker: &Checker) -> Response {
    let json_type = "application/json; charset=utf-8";
    match load(letter, checker) {
        Ok(doc) => Response::new(200, json_type, check_json(&checker.check(doc))),
        Err((source, message)) => {
            Response::new(422, json_type, check_json(&Report::error(source, message)))
        }
    }
}

/// The letter as plain text the page can edit: extracted formats get a blank line between
/// paragraphs (so text-mode checking sees the same paragraphs) and line breaks for soft breaks.
pub fn plain_text(doc: &crate::Document) -> String {
    if !doc.format.is_extracted() {
        return doc.text.clone();
    }
    let mut out = String::with_capacity(doc.text.len() + doc.text.len() / 20);
    for line in doc.text.split('\n') {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(&line.replace(SOFT_BREAK, "\n"));
    }
    out.push('\n');
    out
}

fn extract(letter: &Letter<'_>, checker: &Checker) -> Response {
    let json_type = "application/json; charset=utf-8";
    match load(letter, checker) {
        Ok(doc) => {
            let body = json!({
                "path": doc.source,
                "format": doc.format,
                "text": plain_text(&doc),
            });
            Response::new(200, json_type, body.to_string())
        }
        Err((source, message)) => Response::new(
            422,
            json_type,
            json!({"path": source, "error": message}).to_string(),
        ),
    }
}

/// The page's address for a listening socket (0.0.0.0 and :: become 127.0.0.1 and [::1], which
/// a browser on this machine can open).
pub fn url(addr: SocketAddr) -> String {
    let ip = match addr.ip() {
        IpAddr::V4(v4) if v4.is_unspecified() => IpAddr::V4(std::net::Ipv4Addr::LOCALHOST),
        IpAddr::V6(v6) if v6.is_unspecified() => IpAddr::V6(std::net::Ipv6Addr::LOCALHOST),
        ip => ip,
    };
    format!("http://{}/", SocketAddr::new(ip, addr.port()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_this_machine_is_a_local_host() {
        assert!(local_host("127.0.0.1:8080", 8080));
        assert!(local_host("localhost:8080", 8080));
        assert!(local_host("[::1]:8080", 8080));
        assert!(local_host("LOCALHOST:8080", 8080));
        assert!(!local_host("127.0.0.1:8081", 8080));
        assert!(!local_host("evil.example:8080", 8080));
        assert!(!local_host("127.0.0.1.evil.example:8080", 8080));
        assert!(local_host("localhost", 80));
        assert!(!local_host("localhost", 8080));
    }

    #[test]
    fn extracted_text_gets_blank_lines_between_paragraphs() {
        let doc = crate::Document::new(
            "b.docx",
            "Vesterå Kommune\nKære Anna\u{2028}Hansen\n\nTekst.".into(),
            crate::document::Encoding::Utf8,
            Format::Docx,
        );
        assert_eq!(
            plain_text(&doc),
            "Vesterå Kommune\n\nKære Anna\nHansen\n\nTekst.\n"
        );
    }
}
