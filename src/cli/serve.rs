//! `klarsprog serve`: the local web page on 127.0.0.1 (another address only with `--listen`,
//! and a warning).

use std::io::Write;
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::sync::Arc;

use klarsprog::serve::{self, Options};

use super::ServeArgs;
use super::inputs::Checkers;

/// The address to listen on: 127.0.0.1:PORT, or `--listen` as an address with or without a port.
fn address(args: &ServeArgs) -> Result<SocketAddr, String> {
    let Some(listen) = &args.listen else {
        return Ok(SocketAddr::from(([127, 0, 0, 1], args.port)));
    };
    if let Ok(a) = listen.parse::<SocketAddr>() {
        return Ok(a);
    }
    let ip = listen.trim_start_matches('[').trim_end_matches(']');
    ip.parse::<IpAddr>()
        .map(|ip| SocketAddr::new(ip, args.port))
        .map_err(|_| {
            format!("--listen «{listen}» er ikke en adresse (fx 0.0.0.0 eller 192.168.1.10:8080)")
        })
}

pub fn run(args: ServeArgs) -> anyhow::Result<i32> {
    let addr = match address(&args) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("klarsprog serve: {e}");
            return Ok(2);
        }
    };
    let checker = match Checkers::new(args.config.clone(), None).for_dir(None) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("klarsprog serve: {e}");
            return Ok(2);
        }
    };
    let listener = match TcpListener::bind(addr) {
        Ok(l) => l,
        Err(e) => {
            let hint = if e.kind() == std::io::ErrorKind::AddrInUse {
                " (porten er optaget; vælg en anden med --port)"
            } else {
                ""
            };
            eprintln!("klarsprog serve: kan ikke lytte på {addr}: {e}{hint}");
            return Ok(2);
        }
    };
    let bound = listener.local_addr()?;
    if serve::is_exposed(bound.ip()) {
        eprintln!(
            "klarsprog serve: ADVARSEL: siden lytter på {bound}, så andre på netværket kan åbne den og sende breve hertil. Brug kun det på et netværk, du stoler på; uden --listen lytter klarsprog kun på 127.0.0.1."
        );
    }
    let url = serve::url(bound);
    {
        let mut out = std::io::stdout().lock();
        writeln!(
            out,
            "Klarsprog kører på {url} — åbn adressen i din browser. Stop med Ctrl+C."
        )?;
        out.flush()?;
    }
    if args.open {
        open_browser(&url);
    }
    // A panic message can quote the text it failed on; letters must not reach the log.
    std::panic::set_hook(Box::new(|info| {
        let place = info
            .location()
            .map(|l| format!(" ({}:{})", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!("klarsprog serve: intern fejl{place}");
    }));
    let mut options = Options::for_address(bound);
    options.log = Arc::new(|line: &str| eprintln!("klarsprog serve: {line}"));
    serve::serve(listener, checker, options)?;
    Ok(0)
}

fn open_browser(url: &str) {
    let result = if cfg!(target_os = "windows") {
        std::process::Command::new("cmd")
            .args(["/C", "start", "", url])
            .spawn()
    } else if cfg!(target_os = "macos") {
        std::process::Command::new("open").arg(url).spawn()
    } else {
        std::process::Command::new("xdg-open").arg(url).spawn()
    };
    if let Err(e) = result {
        eprintln!("klarsprog serve: kunne ikke åbne browseren ({e}); åbn {url} selv.");
    }
}
