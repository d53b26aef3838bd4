//! A real session with `klarsprog lsp`: spawn the server, initialize, open a letter, read the
//! diagnostics, ask for code actions and hovers, send garbage, shut down.

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use serde_json::{Value, json};

const TIMEOUT: Duration = Duration::from_secs(30);

struct Client {
    child: Child,
    stdin: ChildStdin,
    messages: mpsc::Receiver<Value>,
    stderr: mpsc::Receiver<String>,
    next_id: i64,
}

fn read_frame(r: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if r.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(v) = line.strip_prefix("Content-Length: ") {
            length = v.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    r.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

impl Client {
    fn start(dir: &std::path::Path) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_klarsprog"))
            .arg("lsp")
            .current_dir(dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let err = child.stderr.take().unwrap();
        let (tx, messages) = mpsc::channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            while let Some(v) = read_frame(&mut r) {
                if tx.send(v).is_err() {
                    break;
                }
            }
        });
        let (etx, stderr) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(err).lines().map_while(Result::ok) {
                let _ = etx.send(line);
            }
        });
        Client {
            child,
            stdin,
            messages,
            stderr,
            next_id: 1,
        }
    }

    fn send_raw(&mut self, bytes: &[u8]) {
        self.stdin.write_all(bytes).unwrap();
        self.stdin.flush().unwrap();
    }

    fn send(&mut self, v: &Value) {
        let body = serde_json::to_string(v).unwrap();
        self.send_raw(format!("Content-Length: {}\r\n\r\n{body}", body.len()).as_bytes());
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request and returns its response (other messages on the way are dropped).
    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.wait(|m| m["id"] == json!(id) && m.get("method").is_none())
    }

    fn wait(&mut self, want: impl Fn(&Value) -> bool) -> Value {
        loop {
            let m = self
                .messages
                .recv_timeout(TIMEOUT)
                .expect("the server answers in time");
            if want(&m) {
                return m;
            }
        }
    }

    fn diagnostics(&mut self, uri: &str) -> Value {
        self.wait(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri)
            ["params"]
            .clone()
    }

    /// Everything the server wrote to stderr (call after it exited).
    fn stderr_text(&self) -> String {
        self.stderr.iter().collect::<Vec<_>>().join("\n")
    }
}

fn file_uri(path: &std::path::Path) -> String {
    format!("file://{}", path.display())
}

const LETTER: &str = "Kære Anna\n\næøå 😀 I henhold til loven skal du sende skemaet.\nSåfremt du har spørgsmål, kan du ringe.\n";

fn initialize(c: &mut Client, root: &str) {
    let r = c.request(
        "initialize",
        json!({"processId": null, "rootUri": root, "capabilities": {}}),
    );
    let caps = &r["result"]["capabilities"];
    assert_eq!(caps["positionEncoding"], "utf-16");
    assert_eq!(caps["textDocumentSync"]["change"], 1, "full sync");
    assert_eq!(caps["hoverProvider"], true);
    assert_eq!(r["result"]["serverInfo"]["name"], "klarsprog");
    c.notify("initialized", json!({}));
}

#[test]
fn a_session_gives_diagnostics_code_actions_and_hovers() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("brev.txt");
    std::fs::write(&path, LETTER).unwrap();
    let uri = file_uri(&path);
    let mut c = Client::start(dir.path());
    initialize(&mut c, &file_uri(dir.path()));

    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": LETTER}}),
    );
    let d = c.diagnostics(&uri);
    assert_eq!(d["version"], 1);
    let diags = d["diagnostics"].as_array().unwrap();
    let found = diags
        .iter()
        .find(|d| d["code"] == "kancellisprog/i-henhold-til")
        .unwrap_or_else(|| panic!("{diags:#?}"));
    // "æøå 😀 " is 6 characters but 7 UTF-16 code units (the emoji is a surrogate pair).
    assert_eq!(
        found["range"],
        json!({"start": {"line": 2, "character": 7}, "end": {"line": 2, "character": 20}})
    );
    assert_eq!(found["severity"], 2, "warning");
    assert_eq!(found["source"], "klarsprog");
    assert!(
        found["message"].as_str().unwrap().contains("I henhold til"),
        "{found}"
    );
    assert_eq!(found["data"]["category"], "officialese");

    // Quick-fixes at the cursor inside the phrase.
    let r = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri},
               "range": {"start": {"line": 2, "character": 10}, "end": {"line": 2, "character": 10}},
               "context": {"diagnostics": [found]}}),
    );
    let actions = r["result"].as_array().unwrap();
    let fix = actions
        .iter()
        .find(|a| a["title"] == "Erstat med «Efter» (sikker)")
        .unwrap_or_else(|| panic!("{actions:#?}"));
    assert_eq!(fix["kind"], "quickfix");
    assert_eq!(fix["isPreferred"], true);
    assert_eq!(
        fix["edit"]["changes"][&uri],
        json!([{"range": found["range"], "newText": "Efter"}])
    );
    assert!(
        actions
            .iter()
            .any(|a| a["kind"] == "source.fixAll.klarsprog"
                && a["title"] == "Ret alle sikre fund (2)"),
        "{actions:#?}"
    );
    // Only source actions when the client asks for them.
    let r = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri},
               "range": {"start": {"line": 2, "character": 10}, "end": {"line": 2, "character": 10}},
               "context": {"diagnostics": [], "only": ["source.fixAll"]}}),
    );
    assert_eq!(r["result"].as_array().unwrap().len(), 1, "{r}");

    // Hover on the finding: message, suggestion and the rule's explanation.
    let r = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 2, "character": 9}}),
    );
    let text = r["result"]["contents"]["value"].as_str().unwrap();
    assert!(text.contains("kancellisprog/i-henhold-til"), "{text}");
    assert!(
        text.contains("Forslag: «Efter» (sikker rettelse)"),
        "{text}"
    );
    assert!(
        text.contains("Hvorfor:") && text.contains("Eksempler:"),
        "{text}"
    );
    assert_eq!(r["result"]["range"], found["range"]);
    // Hover on the first line: the LIX and its band.
    let r = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 1}}),
    );
    let text = r["result"]["contents"]["value"].as_str().unwrap();
    assert!(text.starts_with("**LIX "), "{text}");
    assert!(
        text.contains("(let)") || text.contains("(meget let)"),
        "{text}"
    );
    // Nothing to say on an empty line.
    let r = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 1, "character": 0}}),
    );
    assert_eq!(r["result"], Value::Null);

    // A change: the fixed text has no finding left for the phrase.
    let fixed = LETTER.replace("I henhold til", "Efter");
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": fixed}]}),
    );
    let d = c.diagnostics(&uri);
    assert_eq!(d["version"], 2);
    assert!(
        !d["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["code"] == "kancellisprog/i-henhold-til")
    );

    c.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    let d = c.diagnostics(&uri);
    assert_eq!(d["diagnostics"], json!([]));

    let r = c.request("shutdown", Value::Null);
    assert_eq!(r["result"], Value::Null);
    c.notify("exit", Value::Null);
    let status = c.child.wait().unwrap();
    assert_eq!(status.code(), Some(0));
}

#[test]
fn malformed_messages_and_huge_documents_do_not_kill_the_server() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = Client::start(dir.path());
    // Before initialize: requests get an error, the server stays.
    let r = c.request("textDocument/hover", json!({}));
    assert_eq!(r["error"]["code"], -32002);
    initialize(&mut c, &file_uri(dir.path()));

    c.send_raw(b"Content-Length: 9\r\n\r\n{not json");
    c.send_raw(b"Content-Length: abc\r\n\r\n");
    c.send_raw(b"this is not a header\r\n\r\n");
    c.send(&json!({"jsonrpc": "2.0", "id": 99, "method": 5}));
    let r = c.wait(|m| m["id"] == 99);
    assert_eq!(r["error"]["code"], -32600, "an invalid request is answered");
    // Bad params for a known method.
    let r = c.request("textDocument/hover", json!({"textDocument": 3}));
    assert_eq!(r["error"]["code"], -32602);
    c.notify("textDocument/didOpen", json!({"textDocument": "x"}));
    // Unknown methods.
    let r = c.request("klarsprog/nonsense", json!({}));
    assert_eq!(r["error"]["code"], -32601);
    c.notify("$/cancelRequest", json!({"id": 1}));

    // A document over the limit gets one diagnostic, not a check.
    let big_uri = file_uri(&dir.path().join("stor.txt"));
    let big = "Såfremt du vil. ".repeat(70_000);
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": big_uri, "languageId": "plaintext", "version": 1, "text": big}}),
    );
    let d = c.diagnostics(&big_uri);
    let diags = d["diagnostics"].as_array().unwrap();
    assert_eq!(diags.len(), 1, "{diags:#?}");
    assert_eq!(diags[0]["code"], "klarsprog/for-stort");
    assert!(diags[0]["message"].as_str().unwrap().contains("for stort"));

    // Still alive: a small document is checked.
    let uri = "untitled:Untitled-1";
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": LETTER}}),
    );
    let d = c.diagnostics(uri);
    assert!(
        d["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["code"] == "kancellisprog/saafremt"),
        "{d:#}"
    );
    let r = c.request("shutdown", Value::Null);
    assert_eq!(r["result"], Value::Null);
    c.notify("exit", Value::Null);
    assert_eq!(c.child.wait().unwrap().code(), Some(0));
    let log = c.stderr_text();
    assert!(log.contains("malformed JSON-RPC message"), "{log}");
    assert!(log.contains("Content-Length «abc»"), "{log}");
}

#[test]
fn klarsprog_toml_next_to_the_file_is_used_and_reloaded() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("afdeling");
    std::fs::create_dir(&sub).unwrap();
    let config = sub.join("klarsprog.toml");
    std::fs::write(&config, "disable = [\"kancellisprog/saafremt\"]\n").unwrap();
    let path = sub.join("brev.md");
    let uri = file_uri(&path);
    let mut c = Client::start(dir.path());
    initialize(&mut c, &file_uri(dir.path()));
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": LETTER}}),
    );
    let codes = |d: &Value| -> Vec<String> {
        d["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["code"].as_str().unwrap().to_string())
            .collect()
    };
    let d = c.diagnostics(&uri);
    assert!(
        !codes(&d).contains(&"kancellisprog/saafremt".into()),
        "{d:#}"
    );
    assert!(codes(&d).contains(&"kancellisprog/i-henhold-til".into()));

    // A broken klarsprog.toml is one error diagnostic; the server goes on.
    std::thread::sleep(Duration::from_millis(20));
    std::fs::write(&config, "disable = [\"kancellisprog/saafremt\"\n").unwrap();
    bump_mtime(&config);
    c.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": uri}, "text": LETTER}),
    );
    let d = c.diagnostics(&uri);
    assert_eq!(codes(&d), ["klarsprog/konfiguration"], "{d:#}");
    assert_eq!(d["diagnostics"][0]["severity"], 1);

    // Fixed again: the new settings are used.
    std::fs::write(&config, "disable = [\"kancellisprog\"]\n").unwrap();
    bump_mtime(&config);
    c.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": uri}}),
    );
    let d = c.diagnostics(&uri);
    assert!(
        !codes(&d).iter().any(|c| c.starts_with("kancellisprog/")),
        "{d:#}"
    );
    c.request("shutdown", Value::Null);
    c.notify("exit", Value::Null);
    assert_eq!(c.child.wait().unwrap().code(), Some(0));
}

/// Moves a file's modification time forward, so a rewrite within the same clock tick counts.
fn bump_mtime(path: &std::path::Path) {
    let f = std::fs::File::options().write(true).open(path).unwrap();
    let t = f.metadata().unwrap().modified().unwrap() + Duration::from_secs(2);
    f.set_modified(t).unwrap();
}

#[test]
fn exit_without_shutdown_is_code_1_and_eof_ends_the_server() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = Client::start(dir.path());
    initialize(&mut c, &file_uri(dir.path()));
    c.notify("exit", Value::Null);
    assert_eq!(c.child.wait().unwrap().code(), Some(1));

    let mut c = Client::start(dir.path());
    initialize(&mut c, &file_uri(dir.path()));
    drop(c.stdin);
    assert_eq!(c.child.wait().unwrap().code(), Some(1));
}
