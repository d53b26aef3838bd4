//! The audit report as one self-contained HTML file in Danish: inline CSS, SVG charts and a
//! little script for sorting and filtering; nothing is fetched from the network.

use std::cmp::Reverse;
use std::fmt::Write as _;
use std::io::{self, Write};

use crate::audit::{Audit, AuditMeta, LetterRow, Summary, fmt_dec, fmt_int, fmt_pct, letters_n};
use crate::finding::{Category, Severity};
use crate::text::stats::Band;

/// Seconds with two decimals under 10 s, else one: "0,04", "12,3".
pub fn seconds(s: f64) -> String {
    if s < 10.0 {
        format!("{s:.2}").replace('.', ",")
    } else {
        fmt_dec(s)
    }
}

/// Escapes text for HTML content and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

pub fn band_color(b: Band) -> &'static str {
    match b {
        Band::VeryEasy => "#2e7d32",
        Band::Easy => "#7cb342",
        Band::Medium => "#f9a825",
        Band::Hard => "#ef6c00",
        Band::VeryHard => "#c62828",
    }
}

fn category_color(c: Category) -> &'static str {
    match c {
        Category::Readability => "#1565c0",
        Category::Passive => "#6a1b9a",
        Category::Officialese => "#ad1457",
        Category::Required => "#c62828",
        Category::Spelling => "#00838f",
        Category::PersonalData => "#4e342e",
        Category::Style => "#546e7a",
    }
}

fn capitalized(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

const CSS: &str = r#"
:root{--ink:#1d2733;--muted:#5b6675;--line:#d9dee5;--bg:#f6f7f9;--card:#fff;--accent:#1565c0}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--ink);background:var(--bg)}
header.top{background:#14324f;color:#fff;padding:20px 32px}
header.top h1{margin:0 0 4px;font-size:26px}
header.top .meta{margin:0;color:#c9d6e3;font-size:13px}
header.top code{color:#fff;background:rgba(255,255,255,.12);padding:1px 5px;border-radius:3px}
nav{position:sticky;top:0;z-index:2;background:#fff;border-bottom:1px solid var(--line);padding:8px 32px;font-size:14px}
nav a{margin-right:18px;color:var(--accent);text-decoration:none}
main{padding:8px 32px 40px;max-width:1240px}
section{margin-top:28px}
h2{font-size:20px;margin:0 0 10px;border-bottom:2px solid var(--line);padding-bottom:4px}
p.note{color:var(--muted);font-size:13px;margin:6px 0}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(180px,1fr));gap:12px}
.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:12px 14px}
.card .label{font-size:13px;color:var(--muted)}
.card .value{font-size:28px;font-weight:650;line-height:1.2}
.card .sub{font-size:12.5px;color:var(--muted)}
.card.warn .value{color:#b71c1c}
.chart{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:10px}
.chart svg{display:block;width:100%;height:auto}
svg text{font-family:inherit;fill:#333}
.legend{display:flex;flex-wrap:wrap;gap:6px 18px;font-size:13px;margin:8px 2px}
.legend i{display:inline-block;width:12px;height:12px;border-radius:2px;margin-right:6px;vertical-align:-1px}
table{border-collapse:collapse;background:var(--card);font-size:13.5px;width:100%}
th,td{border-bottom:1px solid var(--line);padding:5px 8px;text-align:left;vertical-align:top}
th{background:#eef1f5;position:sticky;top:38px;z-index:1;font-weight:600}
th.n,th.c{padding-left:4px;padding-right:6px}
td code{white-space:nowrap}
#letters td:first-child{min-width:22em;overflow-wrap:anywhere}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
td.z{color:#b8bfc8;text-align:right}
table.sortable th{cursor:pointer;user-select:none}
table.sortable th:after{content:" \2195";color:#9aa4b1;font-size:11px}
table.sortable th[aria-sort=ascending]:after{content:" \2191";color:var(--ink)}
table.sortable th[aria-sort=descending]:after{content:" \2193";color:var(--ink)}
tr.err td{background:#fff3f3}
.errmsg{color:#b71c1c;font-size:12.5px}
.band{display:inline-block;padding:0 7px;border-radius:9px;color:#fff;font-size:12px;white-space:nowrap}
.path{overflow-wrap:anywhere}
.filter{margin:6px 0 8px;padding:6px 10px;width:340px;max-width:100%;border:1px solid var(--line);border-radius:6px;font:inherit}
details.letter{background:var(--card);border:1px solid var(--line);border-radius:8px;margin:8px 0;padding:6px 12px}
details.letter summary{cursor:pointer;font-weight:600}
ol.findings{padding-left:22px;margin:8px 0}
ol.findings li{margin:0 0 10px}
.sev{font-size:12px;font-weight:600;padding:0 6px;border-radius:3px;color:#fff}
.sev-error{background:#c62828}.sev-warning{background:#ef6c00}.sev-info{background:#0277bd}
.pos{color:var(--muted);font-size:12.5px}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px}
.ctx{margin:3px 0;padding:4px 8px;background:#f7f7f2;border-left:3px solid #d8d2b4;font-size:13.5px}
.ctx mark{background:#ffe082;padding:0 1px}
.sug{margin:2px 0;font-size:13.5px}
.sug ins{text-decoration:none;background:#d7f5dc;padding:0 3px}
.two{display:grid;grid-template-columns:1fr 1fr;gap:16px}
@media (max-width:900px){.two{grid-template-columns:1fr}}
footer{color:var(--muted);font-size:12.5px;padding:12px 32px 30px}
"#;

const SCRIPT: &str = r#"
(function(){
  function key(row, col, num){
    var c = row.cells[col]; if(!c) return num ? -Infinity : '';
    var v = c.getAttribute('data-v'); if(v === null) v = c.textContent;
    if(num){ var f = parseFloat(v); return isNaN(f) ? -Infinity : f; }
    return v.toLowerCase();
  }
  document.querySelectorAll('table.sortable').forEach(function(table){
    var ths = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(ths, function(th, col){
      th.setAttribute('tabindex', '0');
      function sort(){
        var num = th.getAttribute('data-type') === 'num';
        var asc = th.getAttribute('aria-sort') !== 'ascending';
        if(num && !th.hasAttribute('aria-sort')) asc = false;
        Array.prototype.forEach.call(ths, function(h){ h.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        var keyed = rows.map(function(r, i){ return [key(r, col, num), i, r]; });
        keyed.sort(function(a, b){
          if(a[0] < b[0]) return asc ? -1 : 1;
          if(a[0] > b[0]) return asc ? 1 : -1;
          return a[1] - b[1];
        });
        var frag = document.createDocumentFragment();
        keyed.forEach(function(k){ frag.appendChild(k[2]); });
        body.appendChild(frag);
      }
      th.addEventListener('click', sort);
      th.addEventListener('keydown', function(e){ if(e.key === 'Enter' || e.key === ' '){ e.preventDefault(); sort(); } });
    });
  });
  var input = document.getElementById('filter');
  if(input){
    var table = document.getElementById('letters');
    var count = document.getElementById('shown');
    input.addEventListener('input', function(){
      var q = input.value.trim().toLowerCase(), n = 0;
      Array.prototype.forEach.call(table.tBodies[0].rows, function(r){
        var show = !q || r.cells[0].textContent.toLowerCase().indexOf(q) >= 0;
        r.hidden = !show; if(show) n++;
      });
      count.textContent = n.toLocaleString('da-DK');
    });
  }
})();
"#;

/// A "nice" step for an axis from 0 to `max` with about `ticks` ticks.
fn nice_step(max: f64, ticks: f64) -> f64 {
    let raw = (max / ticks).max(1.0);
    let mag = 10f64.powf(raw.log10().floor());
    let norm = raw / mag;
    let nice = if norm <= 1.0 {
        1.0
    } else if norm <= 2.0 {
        2.0
    } else if norm <= 5.0 {
        5.0
    } else {
        10.0
    };
    nice * mag
}

/// The LIX histogram: bars coloured by band, the band limits (25, 35, 45, 55) marked.
fn histogram(a: &Audit) -> String {
    let values: Vec<f64> = a.letters.iter().filter_map(LetterRow::lix).collect();
    let (w, h) = (960.0, 300.0);
    let (ml, mr, mt, mb) = (52.0, 16.0, 28.0, 44.0);
    let min = values.iter().copied().fold(f64::INFINITY, f64::min);
    let max = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let lo = if min.is_finite() {
        ((min / 10.0).floor() * 10.0).clamp(0.0, 20.0)
    } else {
        20.0
    };
    let hi = if max.is_finite() {
        ((max / 10.0).ceil() * 10.0).clamp(70.0, 120.0)
    } else {
        70.0
    };
    let width = if hi - lo <= 50.0 { 1.0 } else { 2.0 };
    let bins = ((hi - lo) / width).round() as usize;
    let mut counts = vec![0usize; bins];
    for v in &values {
        let i = (((v - lo) / width).floor().max(0.0) as usize).min(bins - 1);
        counts[i] += 1;
    }
    let top = counts.iter().copied().max().unwrap_or(0).max(1) as f64;
    let step = nice_step(top, 5.0);
    let ymax = (top / step).ceil() * step;
    let pw = w - ml - mr;
    let ph = h - mt - mb;
    let x = |lix: f64| ml + (lix - lo) / (hi - lo) * pw;
    let y = |n: f64| mt + ph - n / ymax * ph;
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg id="lix-histogram" viewBox="0 0 {w} {h}" role="img" aria-labelledby="hist-title"><title id="hist-title">Histogram over LIX for {}</title>"#,
        letters_n(values.len() as u64)
    );
    // Band areas behind the bars.
    let limits = [f64::MIN, 25.0, 35.0, 45.0, 55.0, f64::MAX];
    for (i, band) in Band::ALL.iter().enumerate() {
        let (a, b) = (limits[i].max(lo), limits[i + 1].min(hi));
        if a >= b {
            continue;
        }
        let _ = write!(
            s,
            r#"<rect x="{:.1}" y="{mt}" width="{:.1}" height="{ph}" fill="{}" opacity="0.07"/>"#,
            x(a),
            x(b) - x(a),
            band_color(*band)
        );
        let _ = write!(
            s,
            r#"<text x="{:.1}" y="{}" text-anchor="middle" font-size="12" fill="{}">{}</text>"#,
            (x(a) + x(b)) / 2.0,
            mt - 10.0,
            band_color(*band),
            band.label()
        );
    }
    // Grid and y axis.
    let mut t = 0.0;
    while t <= ymax + 1e-9 {
        let _ = write!(
            s,
            r##"<line x1="{ml}" x2="{:.1}" y1="{:.1}" y2="{:.1}" stroke="#e3e7ec"/><text x="{:.1}" y="{:.1}" text-anchor="end" font-size="12">{}</text>"##,
            w - mr,
            y(t),
            y(t),
            ml - 6.0,
            y(t) + 4.0,
            fmt_int(t as u64)
        );
        t += step;
    }
    for (i, &n) in counts.iter().enumerate() {
        if n == 0 {
            continue;
        }
        let from = lo + i as f64 * width;
        let band = Band::of(from);
        let _ = write!(
            s,
            r#"<rect class="bar" x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="{}"><title>LIX {}–{}: {}</title></rect>"#,
            x(from) + 0.5,
            y(n as f64),
            (x(from + width) - x(from) - 1.0).max(1.0),
            y(0.0) - y(n as f64),
            band_color(band),
            fmt_int(from as u64),
            fmt_int((from + width) as u64),
            letters_n(n as u64)
        );
    }
    // Band limits.
    for limit in [25.0, 35.0, 45.0, 55.0] {
        if limit <= lo || limit >= hi {
            continue;
        }
        let _ = write!(
            s,
            r##"<line class="limit" x1="{0:.1}" x2="{0:.1}" y1="{mt}" y2="{1:.1}" stroke="#37474f" stroke-width="1.5" stroke-dasharray="5 4"/>"##,
            x(limit),
            mt + ph
        );
    }
    // X axis.
    let _ = write!(
        s,
        r##"<line x1="{ml}" x2="{:.1}" y1="{:.1}" y2="{:.1}" stroke="#607d8b"/>"##,
        w - mr,
        mt + ph,
        mt + ph
    );
    let mut tick = lo;
    while tick <= hi + 1e-9 {
        let bold = [25.0, 35.0, 45.0, 55.0].contains(&tick);
        let _ = write!(
            s,
            r#"<text x="{:.1}" y="{:.1}" text-anchor="middle" font-size="12"{}>{}</text>"#,
            x(tick),
            mt + ph + 16.0,
            if bold { r#" font-weight="700""# } else { "" },
            tick as i64
        );
        tick += 5.0;
    }
    let _ = write!(
        s,
        r#"<text x="{:.1}" y="{:.1}" text-anchor="middle" font-size="12.5">LIX (søjlebredde {})</text><text transform="translate(14 {:.1}) rotate(-90)" text-anchor="middle" font-size="12.5">Breve</text></svg>"#,
        ml + pw / 2.0,
        h - 6.0,
        fmt_int(width as u64),
        mt + ph / 2.0
    );
    s
}

/// The band shares as one stacked bar.
fn band_bar(s: &Summary) -> String {
    let total: usize = s.bands.iter().sum();
    let (w, h) = (960.0, 34.0);
    let mut out = format!(
        r#"<svg id="band-bar" viewBox="0 0 {w} {h}" role="img" aria-label="Andel af breve i hvert LIX-bånd">"#
    );
    let mut x = 0.0;
    for (i, band) in Band::ALL.iter().enumerate() {
        if total == 0 || s.bands[i] == 0 {
            continue;
        }
        let bw = w * s.bands[i] as f64 / total as f64;
        let _ = write!(
            out,
            r#"<rect x="{x:.1}" y="0" width="{bw:.1}" height="{h}" fill="{}"><title>{}: {} ({})</title></rect>"#,
            band_color(*band),
            band.label(),
            letters_n(s.bands[i] as u64),
            fmt_pct(s.bands[i], total)
        );
        if bw > 60.0 {
            let _ = write!(
                out,
                r##"<text x="{:.1}" y="22" text-anchor="middle" font-size="13" style="fill:#fff" font-weight="600">{}</text>"##,
                x + bw / 2.0,
                fmt_pct(s.bands[i], total)
            );
        }
        x += bw;
    }
    out.push_str("</svg>");
    out
}

/// The most frequent rules as horizontal bars.
fn rule_bars(a: &Audit, s: &Summary) -> String {
    let n = s.top_rules.len();
    let row = 30.0;
    let (w, ml, mr, mt) = (960.0, 300.0, 90.0, 8.0);
    let h = mt * 2.0 + row * n.max(1) as f64;
    let max = s
        .top_rules
        .iter()
        .map(|&i| a.rules[i].findings)
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    let mut out = format!(
        r#"<svg id="rule-chart" viewBox="0 0 {w} {h}" role="img" aria-label="De hyppigste fund">"#
    );
    if n == 0 {
        let _ = write!(
            out,
            r#"<text x="{}" y="24" text-anchor="middle" font-size="14">Ingen fund.</text>"#,
            w / 2.0
        );
    }
    for (k, &i) in s.top_rules.iter().enumerate() {
        let r = &a.rules[i];
        let y = mt + k as f64 * row;
        let bw = (w - ml - mr) * r.findings as f64 / max;
        let _ = write!(
            out,
            r#"<text x="{:.1}" y="{:.1}" text-anchor="end" font-size="13">{}</text><rect class="bar" x="{ml}" y="{:.1}" width="{:.1}" height="{:.1}" fill="{}" rx="2"><title>{}: {} fund i {}. {}</title></rect><text x="{:.1}" y="{:.1}" font-size="13">{}</text>"#,
            ml - 8.0,
            y + row / 2.0 + 4.0,
            esc(&r.id),
            y + 4.0,
            bw.max(1.0),
            row - 8.0,
            category_color(r.category),
            esc(&r.id),
            fmt_int(r.findings),
            letters_n(r.letters),
            esc(&r.description),
            ml + bw + 6.0,
            y + row / 2.0 + 4.0,
            fmt_int(r.findings)
        );
    }
    out.push_str("</svg>");
    out
}

fn band_chip(b: Band) -> String {
    format!(
        r#"<span class="band" style="background:{}">{}</span>"#,
        band_color(b),
        b.label()
    )
}

/// A count cell; zeros are grey. Unquoted classes keep 10,000 rows small.
fn num_cell(n: u64) -> String {
    if n == 0 {
        "<td class=z>0</td>".to_string()
    } else {
        format!("<td class=n>{}</td>", fmt_int(n))
    }
}

fn letter_link(a: &Audit, i: usize) -> String {
    let path = esc(&a.letters[i].path);
    if a.details.contains_key(&i) {
        format!(r##"<a class="path" href="#d{i}">{path}</a>"##)
    } else {
        format!(r#"<span class="path">{path}</span>"#)
    }
}

fn card(out: &mut String, label: &str, value: &str, sub: &str, warn: bool) {
    let _ = write!(
        out,
        r#"<div class="card{}"><div class="label">{}</div><div class="value">{}</div><div class="sub">{}</div></div>"#,
        if warn { " warn" } else { "" },
        esc(label),
        esc(value),
        sub
    );
}

/// Writes the report.
pub fn write_report(
    out: &mut dyn Write,
    a: &Audit,
    s: &Summary,
    meta: &AuditMeta,
) -> io::Result<()> {
    let mut h = String::with_capacity(64 * 1024);
    let _ = write!(
        h,
        r##"<!DOCTYPE html>
<html lang="da">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="klarsprog {version}">
<meta name="klarsprog-rule-set" content="{hash}">
<title>Klarsprog-rapport: {n} breve</title>
<style>{CSS}</style>
</head>
<body>
<header class="top">
<h1>Klarsprog-rapport</h1>
<p class="meta">{n} breve fra {roots} · lavet {date} med klarsprog {version} på {secs} s · regelsæt <code>{hash}</code> ({rules_on} af {rules} regler slået til)</p>
</header>
<nav><a href="#overblik">Overblik</a><a href="#lix">LIX</a><a href="#fund">Hyppigste fund</a><a href="#svaereste">Sværeste breve</a><a href="#breve">Alle breve</a><a href="#detaljer">Detaljer</a></nav>
<main>
"##,
        version = esc(&meta.version),
        hash = esc(&meta.rule_set_hash),
        n = fmt_int(s.letters as u64),
        roots = esc(&meta.roots.join(", ")),
        date = esc(&meta.date),
        secs = seconds(meta.seconds),
        rules_on = meta.rules_enabled,
        rules = meta.rules_total,
    );
    // Overview.
    h.push_str(r#"<section id="overblik"><h2>Overblik</h2><div class="cards">"#);
    let read = s.letters - s.unreadable;
    card(
        &mut h,
        "Breve tjekket",
        &fmt_int(s.letters as u64),
        &if s.unreadable > 0 {
            format!("{} kunne ikke læses", fmt_int(s.unreadable as u64))
        } else {
            "alle kunne læses".into()
        },
        s.unreadable > 0,
    );
    card(
        &mut h,
        "Med advarsler eller fejl",
        &fmt_int(s.failing as u64),
        &format!("{} af de læste breve", fmt_pct(s.failing, read)),
        false,
    );
    card(
        &mut h,
        "LIX, median",
        &s.lix_median.map_or("–".into(), fmt_dec),
        &match (s.lix_q1, s.lix_q3) {
            (Some(a), Some(b)) => format!("kvartiler {} og {}", fmt_dec(a), fmt_dec(b)),
            _ => String::new(),
        },
        false,
    );
    let (contact, contact_sub) = if a.checks_contact {
        (fmt_int(s.missing_contact as u64), "breve".to_string())
    } else {
        ("–".into(), "regelsættet har ingen regel for kontakt".into())
    };
    card(
        &mut h,
        "Mangler kontaktoplysninger",
        &contact,
        &contact_sub,
        s.missing_contact > 0,
    );
    let (complaint, complaint_sub) = if a.checks_complaint {
        (
            fmt_int(s.missing_complaint as u64),
            "afgørelser uden klagevejledning".to_string(),
        )
    } else {
        (
            "–".into(),
            "regelsættet har ingen regel for klagevejledning".into(),
        )
    };
    card(
        &mut h,
        "Mangler klagevejledning",
        &complaint,
        &complaint_sub,
        s.missing_complaint > 0,
    );
    card(
        &mut h,
        "Fund i alt",
        &fmt_int(s.findings),
        &format!(
            "{} fejl · {} advarsler · {} info",
            fmt_int(s.severity[2]),
            fmt_int(s.severity[1]),
            fmt_int(s.severity[0])
        ),
        false,
    );
    h.push_str("</div>");
    let _ = write!(
        h,
        r#"<h3>Andel af breve i hvert LIX-bånd</h3><div class="chart">{}</div><div class="legend">"#,
        band_bar(s)
    );
    let with_lix: usize = s.bands.iter().sum();
    for (i, b) in Band::ALL.iter().enumerate() {
        let _ = write!(
            h,
            r#"<span><i style="background:{}"></i>{} ({}): {}, {}</span>"#,
            band_color(*b),
            b.label(),
            ["under 25", "25–34", "35–44", "45–54", "55 og derover"][i],
            letters_n(s.bands[i] as u64),
            fmt_pct(s.bands[i], with_lix)
        );
    }
    h.push_str("</div>");
    let _ = write!(
        h,
        r#"<p class="note">LIX = ord pr. sætning + procent lange ord (over 6 bogstaver). Et brev til borgere bør have LIX 40 eller mindre; mange kommuner sigter efter 35. {} under 100 ord har en usikker LIX.</p></section>"#,
        letters_n(s.short_texts as u64)
    );
    // Histogram.
    let _ = write!(
        h,
        r#"<section id="lix"><h2>LIX-fordeling</h2><div class="chart">{}</div><p class="note">Stiplede linjer: båndgrænserne 25, 35, 45 og 55. Gennemsnit {}, median {}.</p></section>"#,
        histogram(a),
        s.lix_mean.map_or("–".into(), fmt_dec),
        s.lix_median.map_or("–".into(), fmt_dec)
    );
    // Frequent rules.
    let _ = write!(
        h,
        r#"<section id="fund"><h2>De hyppigste fund</h2><div class="chart">{}</div><div class="legend">"#,
        rule_bars(a, s)
    );
    for c in Category::ALL {
        let _ = write!(
            h,
            r#"<span><i style="background:{}"></i>{}: {} fund</span>"#,
            category_color(c),
            capitalized(c.label()),
            fmt_int(s.category[Category::ALL.iter().position(|&x| x == c).unwrap_or(0)])
        );
    }
    h.push_str(r#"</div><table class="rules"><thead><tr><th>#</th><th>Regel</th><th>Kategori</th><th class="n">Fund</th><th class="n">Breve</th><th>Hvad reglen finder</th></tr></thead><tbody>"#);
    for (k, &i) in s.top_rules.iter().enumerate() {
        let r = &a.rules[i];
        let _ = write!(
            h,
            r#"<tr><td class="n">{}</td><td><code>{}</code></td><td>{}</td><td class="n">{}</td><td class="n">{}</td><td>{}</td></tr>"#,
            k + 1,
            esc(&r.id),
            r.category.label(),
            fmt_int(r.findings),
            fmt_int(r.letters),
            esc(&r.description)
        );
    }
    h.push_str("</tbody></table></section>");
    // Hardest letters.
    h.push_str(r#"<section id="svaereste"><h2>De 10 sværeste breve</h2><table><thead><tr><th>#</th><th>Brev</th><th class="n">LIX</th><th>Bånd</th><th class="n">Ord</th><th class="n">Ord pr. sætning</th><th class="n">Fund</th></tr></thead><tbody>"#);
    for (k, &i) in s.hardest.iter().enumerate() {
        let r = &a.letters[i];
        let Some(st) = &r.stats else { continue };
        let _ = write!(
            h,
            r#"<tr><td class="n">{}</td><td>{}</td><td class="n">{}</td><td>{}</td><td class="n">{}</td><td class="n">{}</td><td class="n">{}</td></tr>"#,
            k + 1,
            letter_link(a, i),
            fmt_dec(st.lix),
            band_chip(st.band),
            fmt_int(st.words as u64),
            fmt_dec(st.mean_sentence_words),
            fmt_int(u64::from(r.findings()))
        );
    }
    h.push_str("</tbody></table></section>");
    out.write_all(h.as_bytes())?;
    h.clear();
    // All letters.
    let _ = write!(
        h,
        r#"<section id="breve"><h2>Alle breve</h2><p class="note">Klik på en kolonne for at sortere. Viser <span id="shown">{}</span> af {} breve.</p><input id="filter" class="filter" type="search" placeholder="Filtrér på sti …" aria-label="Filtrér på sti"><table id="letters" class="sortable"><thead><tr><th>Brev</th><th class="n" data-type="num">LIX</th><th data-type="num">Bånd</th><th class="n" data-type="num">Ord</th><th class="n" data-type="num">Fund</th><th class="n" data-type="num">Fejl</th><th class="n" data-type="num">Advarsler</th><th class="n" data-type="num">Info</th>"#,
        fmt_int(s.letters as u64),
        fmt_int(s.letters as u64)
    );
    for c in Category::ALL {
        // Soft hyphens let the long category names wrap in narrow columns.
        let label = match c {
            Category::Officialese => "Kancelli\u{ad}sprog".to_string(),
            Category::PersonalData => "Person\u{ad}data".to_string(),
            c => capitalized(c.label()),
        };
        let _ = write!(h, r#"<th class="n c" data-type="num">{label}</th>"#);
    }
    h.push_str("</tr></thead><tbody>\n");
    for (i, r) in a.letters.iter().enumerate() {
        let (lix, band, words) = match &r.stats {
            Some(st) => (
                format!(
                    r#"<td class="n" data-v="{}">{}</td>"#,
                    st.lix,
                    fmt_dec(st.lix)
                ),
                format!(
                    r#"<td data-v="{}">{}</td>"#,
                    Band::ALL.iter().position(|&b| b == st.band).unwrap_or(0),
                    band_chip(st.band)
                ),
                num_cell(st.words as u64),
            ),
            None => (
                r#"<td class="n" data-v="-1">–</td>"#.to_string(),
                r#"<td data-v="-1"><span class="sev sev-error">ulæst</span></td>"#.to_string(),
                r#"<td class="n" data-v="-1">–</td>"#.to_string(),
            ),
        };
        let _ = write!(
            h,
            r#"<tr{}><td>{}{}</td>{lix}{band}{words}{}{}{}{}"#,
            if r.error.is_some() {
                r#" class="err""#
            } else {
                ""
            },
            letter_link(a, i),
            r.error.as_deref().map_or(String::new(), |e| format!(
                r#"<div class="errmsg">Kunne ikke læses: {}</div>"#,
                esc(e)
            )),
            num_cell(u64::from(r.findings())),
            num_cell(u64::from(r.severity[Severity::Error as usize])),
            num_cell(u64::from(r.severity[Severity::Warning as usize])),
            num_cell(u64::from(r.severity[Severity::Info as usize])),
        );
        for n in r.category {
            h.push_str(&num_cell(u64::from(n)));
        }
        h.push_str("</tr>\n");
        if h.len() > 256 * 1024 {
            out.write_all(h.as_bytes())?;
            h.clear();
        }
    }
    h.push_str("</tbody></table></section>\n");
    // Details.
    let mut with_detail: Vec<usize> = a.details.keys().copied().collect();
    with_detail.sort_unstable();
    let with_findings = a.letters.iter().filter(|r| r.findings() > 0).count();
    let _ = write!(
        h,
        r#"<section id="detaljer"><h2>Detaljer pr. brev</h2><p class="note">{}</p>"#,
        if with_detail.len() < with_findings {
            format!(
                "Fundene vises for {} af {} breve med fund: dem med flest advarsler og fejl (højst {}) og de 10 sværeste. Kør <code>klarsprog check STI</code> for at se et andet brev, eller <code>--detail N</code> for at tage flere med.",
                fmt_int(with_detail.len() as u64),
                fmt_int(with_findings as u64),
                fmt_int(a.detail_limit() as u64)
            )
        } else {
            "Fundene i hvert brev med deres sammenhæng og forslag. Afsnit tælles i .docx, .odt og .html fra brevhovedet; i andre filer er det linjer.".to_string()
        }
    );
    // The letter with the most warnings and errors is open, to show what a detail looks like.
    let open = with_detail.iter().copied().max_by_key(|&i| {
        let r = &a.letters[i];
        (r.severity[1] + r.severity[2], r.findings(), Reverse(i))
    });
    for i in with_detail {
        let first = Some(i) == open;
        let r = &a.letters[i];
        let d = &a.details[&i];
        let extracted = r.format.is_some_and(|f| f.is_extracted());
        let _ = write!(
            h,
            r#"<details class="letter" id="d{i}"{}><summary><span class="path">{}</span> — {} · {} fund</summary><ol class="findings">"#,
            if first { " open" } else { "" },
            esc(&r.path),
            r.stats.as_ref().map_or(String::new(), |st| format!(
                "LIX {} ({})",
                fmt_dec(st.lix),
                st.band.label()
            )),
            fmt_int(u64::from(r.findings()))
        );
        for f in &d.findings {
            let place = if extracted {
                format!("afsnit {}", f.line)
            } else {
                format!("linje {}, kolonne {}", f.line, f.column)
            };
            let _ = write!(
                h,
                r#"<li><span class="sev sev-{}">{}</span> <code>{}</code> <span class="pos">{}</span><div>{}</div><div class="ctx">{}<mark>{}</mark>{}</div>"#,
                f.severity.as_str(),
                f.severity.label(),
                esc(&f.rule),
                place,
                esc(&f.message),
                esc(&f.before),
                esc(&f.text),
                esc(&f.after)
            );
            if let Some((sug, app)) = &f.suggestion {
                let _ = write!(
                    h,
                    r#"<div class="sug">Forslag: <ins>{}</ins> <span class="pos">({})</span></div>"#,
                    if sug.is_empty() {
                        "(slet)".to_string()
                    } else {
                        esc(sug)
                    },
                    app.label()
                );
            }
            h.push_str("</li>");
        }
        h.push_str("</ol>");
        if d.omitted > 0 {
            let _ = write!(
                h,
                r#"<p class="note">… og {} fund mere. Kør <code>klarsprog check {}</code> for at se dem alle.</p>"#,
                fmt_int(d.omitted as u64),
                esc(&r.path)
            );
        }
        h.push_str("</details>\n");
        if h.len() > 256 * 1024 {
            out.write_all(h.as_bytes())?;
            h.clear();
        }
    }
    let _ = writeln!(
        h,
        r#"</section></main><footer>Lavet af klarsprog {} · regelsæt {} · {}. Rapporten er én fil uden eksterne filer; den kan sendes videre og åbnes uden net.</footer><script>{SCRIPT}</script></body></html>"#,
        esc(&meta.version),
        esc(&meta.rule_set_hash),
        esc(&meta.date)
    );
    out.write_all(h.as_bytes())
}
