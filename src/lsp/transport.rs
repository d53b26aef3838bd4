//! Reading and writing LSP frames (`Content-Length` headers and a JSON body) so that a bad
//! frame costs one message, never the server.
//!
//! lsp-server's own stdio transport ends its reader thread at the first malformed payload and
//! allocates whatever `Content-Length` claims; this reader skips what it cannot use, caps the
//! body size, and tells the caller why.

use std::io::{self, BufRead, Read, Write};

use lsp_server::{ErrorCode, Message, RequestId, Response};

/// The largest frame read into memory; larger bodies are read and dropped.
pub const MAX_FRAME: usize = 64 * 1024 * 1024;
/// The longest header line kept; longer ones are malformed.
const MAX_HEADER_LINE: u64 = 8 * 1024;

/// One frame from the client.
#[derive(Debug)]
pub enum Frame {
    Message(Message),
    /// A request whose body was JSON with an id but not a valid message: answer with this error.
    Invalid(Response),
    /// Nothing to act on; the text says why (for the log).
    Skipped(String),
}

/// Reads the next frame. `Ok(None)` at the end of the input; `Err` only when reading fails.
pub fn read_frame(r: &mut impl BufRead) -> io::Result<Option<Frame>> {
    let mut length: Option<usize> = None;
    let mut bad_headers = Vec::new();
    let mut saw_header = false;
    let mut line = Vec::with_capacity(64);
    loop {
        line.clear();
        let n = r
            .by_ref()
            .take(MAX_HEADER_LINE)
            .read_until(b'\n', &mut line)?;
        if n == 0 {
            return Ok(if saw_header {
                Some(Frame::Skipped("input ended inside a header".into()))
            } else {
                None
            });
        }
        if line.last() != Some(&b'\n') {
            // An overlong line: drop the rest of it.
            skip_line(r)?;
            bad_headers.push("(a header line over 8 KB)".to_string());
            saw_header = true;
            continue;
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            if saw_header {
                break;
            }
            continue; // Blank lines between frames are harmless.
        }
        saw_header = true;
        match text.split_once(':') {
            Some((name, value)) if name.trim().eq_ignore_ascii_case("content-length") => {
                match value.trim().parse::<usize>() {
                    Ok(v) => length = Some(v),
                    Err(_) => bad_headers.push(format!("Content-Length «{}»", value.trim())),
                }
            }
            Some(_) => {}
            None => bad_headers.push(format!("header «{}»", shorten(text))),
        }
    }
    let Some(length) = length else {
        let why = if bad_headers.is_empty() {
            "no Content-Length".to_string()
        } else {
            bad_headers.join(", ")
        };
        return Ok(Some(Frame::Skipped(format!("malformed header: {why}"))));
    };
    if length > MAX_FRAME {
        let skipped = io::copy(&mut r.by_ref().take(length as u64), &mut io::sink())?;
        return Ok(Some(Frame::Skipped(format!(
            "a message of {length} bytes is over the limit of {MAX_FRAME} bytes; {skipped} bytes skipped"
        ))));
    }
    let mut body = vec![0; length];
    r.read_exact(&mut body)?;
    Ok(Some(parse_body(&body)))
}

fn skip_line(r: &mut impl BufRead) -> io::Result<()> {
    loop {
        let buf = r.fill_buf()?;
        if buf.is_empty() {
            return Ok(());
        }
        if let Some(i) = memchr::memchr(b'\n', buf) {
            r.consume(i + 1);
            return Ok(());
        }
        let n = buf.len();
        r.consume(n);
    }
}

fn shorten(s: &str) -> String {
    match s.char_indices().nth(60) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

/// A body to a message, or what to answer / log instead.
pub fn parse_body(body: &[u8]) -> Frame {
    match serde_json::from_slice::<Message>(body) {
        Ok(m) => Frame::Message(m),
        Err(e) => {
            // A request with an id deserves an error answer; anything else is only logged.
            if let Ok(serde_json::Value::Object(o)) = serde_json::from_slice(body) {
                let id = match o.get("id") {
                    Some(serde_json::Value::Number(n)) => n
                        .as_i64()
                        .and_then(|n| i32::try_from(n).ok())
                        .map(RequestId::from),
                    Some(serde_json::Value::String(s)) => Some(RequestId::from(s.clone())),
                    _ => None,
                };
                if let Some(id) = id
                    && o.contains_key("method")
                {
                    return Frame::Invalid(Response::new_err(
                        id,
                        ErrorCode::InvalidRequest as i32,
                        format!("invalid request: {e}"),
                    ));
                }
            }
            Frame::Skipped(format!("malformed JSON-RPC message: {e}"))
        }
    }
}

/// Writes one message as a frame and flushes.
pub fn write_message(w: &mut impl Write, m: &Message) -> io::Result<()> {
    m.write(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(input: &[u8]) -> Vec<String> {
        let mut r = io::BufReader::new(input);
        let mut out = Vec::new();
        while let Some(f) = read_frame(&mut r).unwrap() {
            out.push(match f {
                Frame::Message(Message::Notification(n)) => format!("note {}", n.method),
                Frame::Message(Message::Request(q)) => format!("req {}", q.method),
                Frame::Message(Message::Response(_)) => "response".into(),
                Frame::Invalid(r) => format!("invalid {}", r.id),
                Frame::Skipped(why) => format!("skip {why}"),
            });
        }
        out
    }

    fn frame(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    #[test]
    fn bad_frames_cost_one_message_each() {
        let good = r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#;
        let input = [
            frame("{not json"),
            "Content-Type: x\r\n\r\n".to_string(),
            "Content-Length: abc\r\n\r\n".to_string(),
            frame(r#"{"jsonrpc":"2.0","id":7,"method":3}"#),
            frame(good),
            format!("Content-Length: {}\n\n{good}", good.len()),
            frame(r#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#),
        ]
        .concat();
        let got = frames(input.as_bytes());
        assert_eq!(got.len(), 7, "{got:?}");
        assert!(got[0].starts_with("skip malformed JSON-RPC"), "{got:?}");
        assert!(got[1].starts_with("skip malformed header: no Content-Length"));
        assert!(got[2].contains("Content-Length «abc»"));
        assert_eq!(got[3], "invalid 7", "a request with an id is answered");
        assert_eq!(got[4], "note initialized");
        assert_eq!(got[5], "note initialized", "LF-only headers are accepted");
        assert_eq!(got[6], "req shutdown");
    }

    #[test]
    fn huge_lengths_are_skipped_without_allocating() {
        let input = format!("Content-Length: {}\r\n\r\nabc", usize::MAX);
        let got = frames(input.as_bytes());
        assert_eq!(got.len(), 1);
        assert!(got[0].contains("over the limit"), "{got:?}");
    }

    #[test]
    fn broken_json_is_only_logged() {
        match parse_body(
            br#"{"jsonrpc":"2.0","id":4,"method":"textDocument/hover","params":7,"x":[}"#,
        ) {
            Frame::Skipped(_) => {}
            other => panic!("{other:?}"),
        }
    }
}
