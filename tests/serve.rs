//! `klarsprog serve` over real sockets: the page with its CSP, the JSON API (the same JSON as
//! `check --format json`), uploads, limits, and the requests it refuses.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

struct Server {
    child: Child,
    port: u16,
    dir: tempfile::TempDir,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_klarsprog")
}

fn start(args: &[&str]) -> (Server, String) {
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(bin())
        .args(["serve", "--port", "0", "--no-config"])
        .args(args)
        .current_dir(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let url = line
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .to_string();
    let port = url
        .trim_end_matches('/')
        .rsplit(':')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    (Server { child, port, dir }, line)
}

struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
    fn text(&self) -> String {
        String::from_utf8(self.body.clone()).unwrap()
    }
    fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.text()))
    }
}

/// Sends raw bytes and reads the whole answer (the server closes after one response).
fn raw(port: u16, request: &[u8]) -> Reply {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    // The server may answer (413) before it read everything; a failed write is fine then.
    let _ = s.write_all(request);
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out);
    let end = out
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no head in {:?}", String::from_utf8_lossy(&out)));
    let head = String::from_utf8(out[..end].to_vec()).unwrap();
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers = lines
        .map(|l| {
            let (n, v) = l.split_once(':').unwrap();
            (n.to_string(), v.trim().to_string())
        })
        .collect();
    Reply {
        status,
        headers,
        body: out[end + 4..].to_vec(),
    }
}

fn request(port: u16, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Reply {
    let mut r = format!("{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n");
    for (n, v) in headers {
        r.push_str(&format!("{n}: {v}\r\n"));
    }
    if method == "POST" {
        r.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    r.push_str("\r\n");
    let mut bytes = r.into_bytes();
    bytes.extend_from_slice(body);
    raw(port, &bytes)
}

const LETTER: &str = "Kære Anna\n\næøå 😀 I henhold til loven skal du sende skemaet.\nSåfremt du har spørgsmål, kan du ringe.\n";

#[test]
fn the_page_is_served_with_its_security_headers() {
    let (s, line) = start(&[]);
    assert!(
        line.starts_with("Klarsprog kører på http://127.0.0.1:"),
        "{line}"
    );
    let r = request(s.port, "GET", "/", &[], b"");
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-type"), Some("text/html; charset=utf-8"));
    let csp = r.header("content-security-policy").unwrap();
    for part in [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "connect-src 'self'",
        "frame-ancestors 'none'",
    ] {
        assert!(csp.contains(part), "{csp}");
    }
    assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
    let page = r.text();
    assert!(page.contains("<html lang=\"da\">") && page.contains("Tjek brevet"));
    // No request leaves the machine: no absolute URLs, no inline script or style.
    assert!(
        !page.contains("http://") && !page.contains("https://"),
        "{page}"
    );
    assert!(!page.contains("<script>") && !page.contains("style="));
    for (path, ct) in [
        ("/app.js", "text/javascript; charset=utf-8"),
        ("/app.css", "text/css; charset=utf-8"),
        ("/favicon.svg", "image/svg+xml"),
    ] {
        let r = request(s.port, "GET", path, &[], b"");
        assert_eq!(
            (r.status, r.header("content-type")),
            (200, Some(ct)),
            "{path}"
        );
        assert!(
            !r.text().contains("https://"),
            "{path} fetches nothing from elsewhere"
        );
    }
    // Query strings do not change the route.
    assert_eq!(request(s.port, "GET", "/?x=1", &[], b"").status, 200);
}

#[test]
fn unknown_paths_traversal_and_wrong_methods_are_refused() {
    let (s, _) = start(&[]);
    for path in [
        "/nope",
        "/../Cargo.toml",
        "/%2e%2e/Cargo.toml",
        "/assets/../../etc/passwd",
        "/index.html",
        "/app.js/",
        "//app.js",
    ] {
        let r = request(s.port, "GET", path, &[], b"");
        assert_eq!(r.status, 404, "{path}");
        assert_eq!(r.json()["error"], "Siden findes ikke.");
    }
    let r = request(s.port, "GET", "/api/check", &[], b"");
    assert_eq!(r.status, 405);
    assert_eq!(r.header("allow"), Some("POST"));
    assert_eq!(request(s.port, "DELETE", "/", &[], b"").status, 405);
    // Garbage instead of HTTP.
    assert_eq!(raw(s.port, b"hello\r\n\r\n").status, 400);
    let chunked = format!(
        "POST /api/check HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
        s.port
    );
    assert_eq!(raw(s.port, chunked.as_bytes()).status, 411);
    assert_eq!(
        raw(s.port, b"GET / HTTP/1.1\r\n\r\n").status,
        403,
        "no Host header"
    );
}

#[test]
fn check_answers_the_same_json_as_check_format_json() {
    let (s, _) = start(&[]);
    let r = request(
        s.port,
        "POST",
        "/api/check",
        &[("Content-Type", "text/plain; charset=utf-8")],
        LETTER.as_bytes(),
    );
    assert_eq!(r.status, 200);
    assert_eq!(
        r.header("content-type"),
        Some("application/json; charset=utf-8")
    );
    let cli = Command::new(bin())
        .args(["check", "-", "--format", "json", "--no-config"])
        .current_dir(s.dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .and_then(|mut c| {
            c.stdin.take().unwrap().write_all(LETTER.as_bytes())?;
            c.wait_with_output()
        })
        .unwrap();
    assert_eq!(
        r.text(),
        String::from_utf8(cli.stdout).unwrap(),
        "byte for byte"
    );
    let json = r.json();
    assert_eq!(json["version"], 1);
    let file = &json["files"][0];
    assert_eq!(file["path"], "-");
    assert!(file["stats"]["lix"].is_number() && file["stats"]["band"].is_string());
    let f = file["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "kancellisprog/i-henhold-til")
        .unwrap();
    // Byte offsets: "Kære Anna\n\næøå 😀 " is 24 bytes.
    assert_eq!(
        (f["start"].as_u64(), f["end"].as_u64()),
        (Some(24), Some(37))
    );
    assert_eq!(f["suggestions"][0]["applicability"], "safe");

    // A name picks the format and is the path; only the file name is kept.
    let r = request(
        s.port,
        "POST",
        "/api/check",
        &[("X-Filename", "mappe%2Fbr%C3%A6v.md")],
        LETTER.as_bytes(),
    );
    assert_eq!(r.json()["files"][0]["path"], "bræv.md");
    assert_eq!(r.json()["files"][0]["format"], "markdown");
    let r = request(s.port, "POST", "/api/check?name=brev.pdf", &[], b"%PDF-1.4");
    assert_eq!(r.status, 415);
    assert!(r.json()["error"].as_str().unwrap().contains(".docx"));
}

fn docx(paragraphs: &[&str]) -> Vec<u8> {
    let w = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;
    let body: String = paragraphs
        .iter()
        .map(|p| format!(r#"<w:p><w:r><w:t xml:space="preserve">{p}</w:t></w:r></w:p>"#))
        .collect();
    let doc = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document {w}><w:body>{body}</w:body></w:document>"#
    );
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    z.start_file("word/document.xml", opts).unwrap();
    z.write_all(doc.as_bytes()).unwrap();
    z.finish().unwrap().into_inner()
}

#[test]
fn uploads_docx_as_raw_body_or_multipart_and_extract() {
    let (s, _) = start(&[]);
    let bytes = docx(&[
        "Kære Anna",
        "I henhold til loven skal du sende skemaet.",
        "Med venlig hilsen",
    ]);
    let r = request(
        s.port,
        "POST",
        "/api/check",
        &[("X-Filename", "brev.docx")],
        &bytes,
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let file = &r.json()["files"][0];
    assert_eq!(file["format"], "docx");
    assert!(
        file["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["rule"] == "kancellisprog/i-henhold-til")
    );
    // multipart/form-data, as `curl -F fil=@brev.docx` sends it.
    let mut body = b"--grense42\r\nContent-Disposition: form-data; name=\"fil\"; filename=\"brev.docx\"\r\nContent-Type: application/octet-stream\r\n\r\n".to_vec();
    body.extend_from_slice(&bytes);
    body.extend_from_slice(b"\r\n--grense42--\r\n");
    let r = request(
        s.port,
        "POST",
        "/api/check",
        &[("Content-Type", "multipart/form-data; boundary=grense42")],
        &body,
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["files"][0]["path"], "brev.docx");
    // A broken file: the same JSON with an error, status 422.
    let r = request(
        s.port,
        "POST",
        "/api/check",
        &[("X-Filename", "brev.docx")],
        b"not a zip",
    );
    assert_eq!(r.status, 422);
    assert!(r.json()["files"][0]["error"].is_string());
    // The page's upload: plain text with a blank line between paragraphs.
    let r = request(
        s.port,
        "POST",
        "/api/extract",
        &[("X-Filename", "brev.docx")],
        &bytes,
    );
    assert_eq!(r.status, 200);
    assert_eq!(
        r.json()["text"],
        "Kære Anna\n\nI henhold til loven skal du sende skemaet.\n\nMed venlig hilsen\n"
    );
    assert_eq!(r.json()["format"], "docx");
}

#[test]
fn oversized_bodies_get_413_without_being_read() {
    let (s, _) = start(&[]);
    let big = vec![b'a'; 5 * 1024 * 1024 + 1];
    let r = request(s.port, "POST", "/api/check", &[], &big);
    assert_eq!(r.status, 413);
    assert!(r.json()["error"].as_str().unwrap().contains("for stor"));
    // Only the header is needed to refuse.
    let r = raw(
        s.port,
        format!(
            "POST /api/check HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nContent-Length: 999999999999\r\nExpect: 100-continue\r\n\r\n",
            s.port
        )
        .as_bytes(),
    );
    assert_eq!(r.status, 413);
    // Still serving.
    assert_eq!(request(s.port, "GET", "/", &[], b"").status, 200);
}

#[test]
fn other_hosts_and_origins_are_refused() {
    let (s, _) = start(&[]);
    // DNS rebinding: a page on another name that resolves to 127.0.0.1.
    let r = raw(
        s.port,
        format!("GET / HTTP/1.1\r\nHost: evil.example:{}\r\n\r\n", s.port).as_bytes(),
    );
    assert_eq!(r.status, 403);
    let r = raw(
        s.port,
        format!("GET / HTTP/1.1\r\nHost: localhost:{}\r\n\r\n", s.port).as_bytes(),
    );
    assert_eq!(r.status, 200);
    let r = request(
        s.port,
        "POST",
        "/api/check",
        &[("Origin", "https://evil.example")],
        LETTER.as_bytes(),
    );
    assert_eq!(r.status, 403);
    let origin = format!("http://127.0.0.1:{}", s.port);
    let r = request(
        s.port,
        "POST",
        "/api/check",
        &[("Origin", &origin)],
        LETTER.as_bytes(),
    );
    assert_eq!(r.status, 200);
}

#[test]
fn listening_elsewhere_needs_listen_and_warns() {
    let (mut s, line) = start(&["--listen", "0.0.0.0"]);
    assert!(line.contains("http://127.0.0.1:"), "{line}");
    s.child.kill().unwrap();
    let mut err = String::new();
    s.child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    assert!(err.contains("ADVARSEL"), "{err}");
    let out = Command::new(bin())
        .args(["serve", "--listen", "ikke-en-adresse", "--no-config"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--listen"));
}
