//! Just enough HTTP/1.1 for a local page: one request per connection, a capped head and body,
//! a deadline for the whole request, `Content-Length` bodies only, and responses that always
//! carry the security headers.

use std::io::{self, Read, Write};
use std::time::{Duration, Instant};

/// The Content-Security-Policy of every response: only this server's own script, style and
/// images; no inline code, no frames, no forms posting elsewhere.
pub const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

/// The largest request head (request line and headers).
pub const MAX_HEAD: usize = 16 * 1024;

#[derive(Debug)]
pub struct Request {
    pub method: String,
    /// The path without the query.
    pub path: String,
    pub query: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Request {
    /// The first header with this name (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// A query parameter, percent-decoded.
    pub fn query_param(&self, name: &str) -> Option<String> {
        self.query.split('&').find_map(|kv| {
            let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
            (k == name).then(|| crate::text::percent_decode(&v.replace('+', " ")))?
        })
    }
}

#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub content_type: &'static str,
    pub body: Vec<u8>,
    pub headers: Vec<(&'static str, String)>,
}

impl Response {
    pub fn new(status: u16, content_type: &'static str, body: impl Into<Vec<u8>>) -> Response {
        Response {
            status,
            content_type,
            body: body.into(),
            headers: Vec::new(),
        }
    }

    /// A JSON error `{"error": "…"}` with a Danish message.
    pub fn error(status: u16, message: &str) -> Response {
        let body = serde_json::json!({ "error": message }).to_string();
        Response::new(status, "application/json; charset=utf-8", body)
    }

    pub fn with_header(mut self, name: &'static str, value: impl Into<String>) -> Response {
        self.headers.push((name, value.into()));
        self
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        100 => "Continue",
        200 => "OK",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        411 => "Length Required",
        413 => "Content Too Large",
        415 => "Unsupported Media Type",
        422 => "Unprocessable Content",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "",
    }
}

/// Writes a response with the security headers and `Connection: close`.
pub fn write_response(w: &mut impl Write, r: &Response) -> io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nConnection: close\r\n\
         Content-Security-Policy: {CSP}\r\nX-Content-Type-Options: nosniff\r\n\
         X-Frame-Options: DENY\r\nReferrer-Policy: no-referrer\r\n\
         Cross-Origin-Opener-Policy: same-origin\r\nCross-Origin-Resource-Policy: same-origin\r\n\
         Cache-Control: no-store\r\n",
        r.status,
        reason(r.status),
        r.content_type,
        r.body.len()
    );
    for (name, value) in &r.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    w.write_all(head.as_bytes())?;
    w.write_all(&r.body)?;
    w.flush()
}

/// Why a request could not be read.
#[derive(Debug)]
pub enum ReadError {
    /// The client closed the connection before sending a request.
    Closed,
    /// Answer with this response (400, 408, 411, 413, 431) and close.
    Reply(Response),
    Io(io::Error),
}

impl From<io::Error> for ReadError {
    fn from(e: io::Error) -> Self {
        match e.kind() {
            io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut => timeout(),
            _ => ReadError::Io(e),
        }
    }
}

fn timeout() -> ReadError {
    ReadError::Reply(Response::error(
        408,
        "Forespørgslen kom ikke hurtigt nok; prøv igen.",
    ))
}

fn bad(message: &str) -> ReadError {
    ReadError::Reply(Response::error(400, message))
}

/// Reads one request. The stream's read timeout bounds each read; `deadline` bounds the whole
/// request, so a client sending a byte at a time is cut off too. A body over `max_body` is
/// refused before it is read (413); `Expect: 100-continue` is answered only when the body fits.
pub fn read_request<S: Read + Write>(
    stream: &mut S,
    max_body: usize,
    deadline: Instant,
) -> Result<Request, ReadError> {
    let mut buf = Vec::with_capacity(4096);
    let mut chunk = [0u8; 8192];
    let head_end = loop {
        let end = find_head_end(&buf);
        if end.map_or(buf.len(), |(n, _)| n) > MAX_HEAD {
            return Err(ReadError::Reply(Response::error(
                431,
                "Forespørgslens hoved er for stort.",
            )));
        }
        if let Some(end) = end {
            break end;
        }
        if Instant::now() > deadline {
            return Err(timeout());
        }
        let n = stream.read(&mut chunk)?;
        if n == 0 {
            return Err(if buf.is_empty() {
                ReadError::Closed
            } else {
                bad("Forespørgslen sluttede for tidligt.")
            });
        }
        buf.extend_from_slice(&chunk[..n]);
    };
    let (head_len, sep_len) = head_end;
    let head = std::str::from_utf8(&buf[..head_len])
        .map_err(|_| bad("Forespørgslens hoved er ikke gyldig tekst."))?;
    let mut lines = head.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l));
    let request_line = lines.next().unwrap_or("");
    let mut parts = request_line.split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(bad("Forespørgslens første linje er ugyldig."));
    };
    if !version.starts_with("HTTP/1.") || method.is_empty() || !target.starts_with('/') {
        return Err(bad("Forespørgslens første linje er ugyldig."));
    }
    let mut headers = Vec::new();
    for line in lines {
        let Some((name, value)) = line.split_once(':') else {
            return Err(bad("En header i forespørgslen er ugyldig."));
        };
        if name.is_empty() || name.contains(' ') {
            return Err(bad("En header i forespørgslen er ugyldig."));
        }
        headers.push((name.to_string(), value.trim().to_string()));
    }
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let mut req = Request {
        method: method.to_string(),
        path: path.to_string(),
        query: query.to_string(),
        headers,
        body: Vec::new(),
    };
    if req.header("transfer-encoding").is_some() {
        return Err(ReadError::Reply(Response::error(
            411,
            "Send brevet med Content-Length (chunked overførsel understøttes ikke).",
        )));
    }
    let lengths: Vec<&str> = req
        .headers
        .iter()
        .filter(|(n, _)| n.eq_ignore_ascii_case("content-length"))
        .map(|(_, v)| v.as_str())
        .collect();
    let length = match lengths.as_slice() {
        [] => 0,
        [v] => v
            .parse::<usize>()
            .map_err(|_| bad("Content-Length er ugyldig."))?,
        _ => return Err(bad("Content-Length står flere gange.")),
    };
    if length > max_body {
        return Err(ReadError::Reply(too_large(length, max_body)));
    }
    if length > 0
        && req
            .header("expect")
            .is_some_and(|e| e.eq_ignore_ascii_case("100-continue"))
    {
        stream.write_all(b"HTTP/1.1 100 Continue\r\n\r\n")?;
        stream.flush()?;
    }
    let mut body = buf.split_off(head_len + sep_len);
    body.truncate(length);
    body.reserve(length - body.len());
    while body.len() < length {
        if Instant::now() > deadline {
            return Err(timeout());
        }
        let want = (length - body.len()).min(chunk.len());
        let n = stream.read(&mut chunk[..want])?;
        if n == 0 {
            return Err(bad("Forespørgslen sluttede, før hele brevet var sendt."));
        }
        body.extend_from_slice(&chunk[..n]);
    }
    req.body = body;
    Ok(req)
}

/// The 413 response for a body of `length` bytes.
pub fn too_large(length: usize, max: usize) -> Response {
    Response::error(
        413,
        &format!(
            "Filen er for stor ({} MB). Klarsprog tager højst {} MB ad gangen.",
            crate::rules::fmt_num((length as f64 / 100_000.0).round() / 10.0),
            crate::rules::fmt_num((max as f64 / 100_000.0).round() / 10.0)
        ),
    )
}

/// Where the head ends: (its length, the length of the blank-line separator).
fn find_head_end(buf: &[u8]) -> Option<(usize, usize)> {
    let crlf = memchr::memmem::find(buf, b"\r\n\r\n").map(|i| (i, 4));
    let lf = memchr::memmem::find(buf, b"\n\n").map(|i| (i, 2));
    match (crlf, lf) {
        (Some(a), Some(b)) => Some(if a.0 <= b.0 { a } else { b }),
        (a, b) => a.or(b),
    }
}

/// Reads and drops what the client still sends (up to `limit` bytes or the read timeout), so
/// that closing the socket does not reset the connection before the client read our answer.
pub fn drain(stream: &mut impl Read, limit: usize, deadline: Instant) {
    let mut chunk = [0u8; 8192];
    let mut total = 0;
    while total < limit && Instant::now() < deadline {
        match stream.read(&mut chunk) {
            Ok(0) | Err(_) => break,
            Ok(n) => total += n,
        }
    }
}

/// One part of a `multipart/form-data` body.
#[derive(Debug, PartialEq)]
pub struct Part<'a> {
    pub name: Option<String>,
    pub filename: Option<String>,
    pub content_type: Option<String>,
    pub data: &'a [u8],
}

/// The boundary of a `multipart/form-data` content type.
pub fn boundary(content_type: &str) -> Option<String> {
    let (kind, params) = content_type.split_once(';')?;
    if !kind.trim().eq_ignore_ascii_case("multipart/form-data") {
        return None;
    }
    params.split(';').find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("boundary")
            .then(|| v.trim().trim_matches('"').to_string())
            .filter(|b| !b.is_empty() && b.len() <= 200)
    })
}

/// Splits a multipart body into its parts; None when it is malformed.
pub fn multipart<'a>(body: &'a [u8], boundary: &str) -> Option<Vec<Part<'a>>> {
    let delim = format!("--{boundary}");
    let delim = delim.as_bytes();
    let mut parts = Vec::new();
    let mut pos = memchr::memmem::find(body, delim)? + delim.len();
    loop {
        let rest = &body[pos..];
        if rest.starts_with(b"--") {
            return Some(parts);
        }
        let rest = rest.strip_prefix(b"\r\n")?;
        let head_end = memchr::memmem::find(rest, b"\r\n\r\n")?;
        let head = std::str::from_utf8(&rest[..head_end]).ok()?;
        let data_start = head_end + 4;
        let mut end_delim = b"\r\n".to_vec();
        end_delim.extend_from_slice(delim);
        let data_len = memchr::memmem::find(&rest[data_start..], &end_delim)?;
        let mut part = Part {
            name: None,
            filename: None,
            content_type: None,
            data: &rest[data_start..data_start + data_len],
        };
        for line in head.split("\r\n") {
            let Some((n, v)) = line.split_once(':') else {
                continue;
            };
            if n.trim().eq_ignore_ascii_case("content-disposition") {
                part.name = disposition_param(v, "name");
                part.filename = disposition_param(v, "filename");
            } else if n.trim().eq_ignore_ascii_case("content-type") {
                part.content_type = Some(v.trim().to_string());
            }
        }
        parts.push(part);
        pos += 2 + data_start + data_len + end_delim.len();
    }
}

fn disposition_param(value: &str, key: &str) -> Option<String> {
    value.split(';').find_map(|p| {
        let (k, v) = p.split_once('=')?;
        (k.trim() == key).then(|| v.trim().trim_matches('"').to_string())
    })
}

/// The socket timeouts: each read or write may wait this long.
pub const IO_TIMEOUT: Duration = Duration::from_secs(10);
/// The whole request must arrive within this.
pub const REQUEST_DEADLINE: Duration = Duration::from_secs(60);

#[cfg(test)]
mod tests {
    use super::*;

    /// A stream that reads from a byte string and records what is written.
    struct Fake {
        input: io::Cursor<Vec<u8>>,
        output: Vec<u8>,
    }

    impl Read for Fake {
        fn read(&mut self, b: &mut [u8]) -> io::Result<usize> {
            self.input.read(b)
        }
    }
    impl Write for Fake {
        fn write(&mut self, b: &[u8]) -> io::Result<usize> {
            self.output.extend_from_slice(b);
            Ok(b.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    fn read(input: &str, max: usize) -> (Result<Request, ReadError>, String) {
        let mut f = Fake {
            input: io::Cursor::new(input.as_bytes().to_vec()),
            output: Vec::new(),
        };
        let r = read_request(&mut f, max, Instant::now() + Duration::from_secs(5));
        (r, String::from_utf8(f.output).unwrap())
    }

    fn status(r: Result<Request, ReadError>) -> u16 {
        match r {
            Ok(_) => 200,
            Err(ReadError::Reply(r)) => r.status,
            Err(ReadError::Closed) => 0,
            Err(ReadError::Io(_)) => 1,
        }
    }

    #[test]
    fn requests_are_read_and_bad_ones_answered() {
        let (r, out) = read(
            "POST /api/check?x=1&name=br%C3%A6v.txt HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\nhej!!tail",
            10,
        );
        let r = r.unwrap();
        assert_eq!((r.method.as_str(), r.path.as_str()), ("POST", "/api/check"));
        assert_eq!(r.body, b"hej!!");
        assert_eq!(r.query_param("name").as_deref(), Some("bræv.txt"));
        assert_eq!(r.header("HOST"), Some("a"));
        assert_eq!(out, "HTTP/1.1 100 Continue\r\n\r\n");
        let (r, out) = read(
            "POST / HTTP/1.1\r\nContent-Length: 11\r\nExpect: 100-continue\r\n\r\n",
            10,
        );
        assert_eq!(status(r), 413);
        assert_eq!(out, "", "no 100 Continue for a body that is too large");
        assert_eq!(status(read("GET / HTTP/1.1\n\n", 10).0), 200);
        assert_eq!(status(read("", 10).0), 0);
        assert_eq!(status(read("GET /\r\n\r\n", 10).0), 400);
        assert_eq!(
            status(read("GET / HTTP/1.1\r\nbad header\r\n\r\n", 10).0),
            400
        );
        assert_eq!(
            status(read("POST / HTTP/1.1\r\nContent-Length: x\r\n\r\n", 10).0),
            400
        );
        assert_eq!(
            status(
                read(
                    "POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab",
                    10
                )
                .0
            ),
            400
        );
        assert_eq!(
            status(read("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n", 10).0),
            411
        );
        assert_eq!(
            status(read("POST / HTTP/1.1\r\nContent-Length: 9\r\n\r\nab", 10).0),
            400
        );
        let long = format!("GET / HTTP/1.1\r\nX: {}\r\n\r\n", "a".repeat(MAX_HEAD));
        assert_eq!(status(read(&long, 10).0), 431);
    }

    #[test]
    fn multipart_bodies_are_split() {
        let body = b"preamble\r\n--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"br\xc3\xa6v.docx\"\r\nContent-Type: application/octet-stream\r\n\r\nPK\x03\x04\r\n--XyZ\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\nhej\r\n--XyZ--\r\n";
        let parts = multipart(body, "XyZ").unwrap();
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[0].filename.as_deref(), Some("bræv.docx"));
        assert_eq!(parts[0].data, b"PK\x03\x04");
        assert_eq!(parts[1].name.as_deref(), Some("text"));
        assert_eq!(parts[1].data, b"hej");
        assert_eq!(
            boundary("multipart/form-data; boundary=\"XyZ\"").as_deref(),
            Some("XyZ")
        );
        assert_eq!(boundary("text/plain"), None);
        assert!(multipart(b"--XyZ\r\nno end", "XyZ").is_none());
    }
}
