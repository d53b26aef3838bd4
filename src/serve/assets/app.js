// klarsprog serve: the page's only script. Sends the letter to this server (never elsewhere),
// shows the findings and applies suggestions. Offsets from the server are UTF-8 bytes; the
// browser's strings are UTF-16, so every offset goes through byteMap().
"use strict";

const CATEGORY = {
  "readability": "læsbarhed",
  "passive": "passiv",
  "officialese": "kancellisprog",
  "required": "indhold",
  "spelling": "stavning",
  "personal-data": "persondata",
  "style": "stil",
};
const SEVERITY = { error: "fejl", warning: "advarsel", info: "info" };
const BANDS = ["meget let", "let", "middel", "svær", "meget svær"];
// Letter-level findings shown by the gauge, not as a highlight on the first line.
const NOT_HIGHLIGHTED = new Set(["laesbarhed/lix"]);
// Findings longer than this (UTF-16 units) are underlined instead of filled.
const LONG = 60;
const LIX_SCALE = 70;

const $ = (id) => document.getElementById(id);
const ui = {
  text: $("tekst"), check: $("tjek"), fixAll: $("ret-alle"), copy: $("kopier"), file: $("fil"),
  status: $("status"), view: $("visning"), viewPanel: $("visning-panel"), result: $("resultat"),
  lix: $("lix-tal"), band: $("lix-baand"), gauge: $("gauge"), marker: $("markor"),
  numbers: $("tal"), count: $("antal"), list: $("fund"), none: $("ingen"),
};

// The last answer and the exact text it is about.
let checked = null; // { text, file, map }
let sequence = 0;
let timer = 0;

function say(message, error) {
  ui.status.textContent = message;
  ui.status.classList.toggle("error", !!error);
}

function decimal(x) {
  return String(x).replace(".", ",");
}

function plural(n, one, many) {
  return n + " " + (n === 1 ? one : many);
}

/** UTF-8 byte offset → UTF-16 index, for every byte offset that starts a character. */
function byteMap(text) {
  const map = new Map();
  let bytes = 0;
  for (let i = 0; i < text.length; ) {
    map.set(bytes, i);
    const cp = text.codePointAt(i);
    bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    i += cp > 0xffff ? 2 : 1;
  }
  map.set(bytes, text.length);
  return (offset) => {
    const i = map.get(offset);
    if (i === undefined) throw new Error("forskydning " + offset + " er ikke et tegn");
    return i;
  };
}

function normalized() {
  // A byte-order mark would shift every offset; the server drops it, so drop it here too.
  return ui.text.value.replace(/^\uFEFF/, "");
}

async function check(reason) {
  const text = normalized();
  clearTimeout(timer);
  if (!text.trim()) {
    checked = null;
    ui.result.hidden = true;
    ui.viewPanel.hidden = true;
    ui.fixAll.disabled = true;
    say(reason === "button" ? "Indsæt et brev først." : "");
    return;
  }
  const mine = ++sequence;
  say("Tjekker …");
  let answer;
  try {
    const res = await fetch("/api/check", {
      method: "POST",
      headers: { "Content-Type": "text/plain; charset=utf-8" },
      body: text,
    });
    answer = await res.json();
    if (!res.ok && !(answer && answer.files)) throw new Error(answer.error || res.statusText);
  } catch (e) {
    if (mine === sequence) say("Brevet kunne ikke tjekkes: " + e.message, true);
    return;
  }
  if (mine !== sequence) return; // A newer check is under way.
  const file = answer.files[0];
  if (file.error) {
    say("Brevet kunne ikke tjekkes: " + file.error, true);
    return;
  }
  checked = { text, file, map: byteMap(text) };
  render();
  const n = file.findings.length;
  say(n === 0 ? "Tjekket: ingen fund." : "Tjekket: " + plural(n, "fund", "fund") + ".");
}

function schedule() {
  clearTimeout(timer);
  timer = setTimeout(() => check("input"), 700);
}

function render() {
  const { file, text, map } = checked;
  ui.result.hidden = false;
  ui.viewPanel.hidden = false;
  renderLix(file.stats);
  renderText(text, file.findings, map);
  renderList(file.findings, map);
  ui.fixAll.disabled = safeEdits(file.findings).length === 0;
}

function renderLix(st) {
  const band = BANDS.indexOf(st.band);
  ui.lix.textContent = decimal(st.lix);
  ui.band.textContent = st.band + (st.short_text ? " (under 100 ord: LIX er usikker)" : "");
  ui.marker.style.left = (Math.min(st.lix, LIX_SCALE) / LIX_SCALE) * 100 + "%";
  ui.gauge.setAttribute("aria-label", "LIX " + decimal(st.lix) + ": " + st.band);
  document.querySelectorAll(".band, .band-names li").forEach((el) => {
    el.classList.toggle("current", el.classList.contains("b" + (band + 1)));
  });
  ui.numbers.textContent =
    plural(st.words, "ord", "ord") + " · " + plural(st.sentences, "sætning", "sætninger") +
    " · " + Math.round(st.long_word_share * 100) + " % lange ord · længste sætning " +
    plural(st.max_sentence_words, "ord", "ord");
}

/** The text with one <mark> per stretch covered by findings, coloured by the narrowest one. */
function renderText(text, findings, map) {
  const spans = [];
  findings.forEach((f, index) => {
    if (f.end > f.start && !NOT_HIGHLIGHTED.has(f.rule)) {
      spans.push({ start: map(f.start), end: map(f.end), f, index });
    }
  });
  const cuts = new Set([0, text.length]);
  spans.forEach((s) => { cuts.add(s.start); cuts.add(s.end); });
  const points = [...cuts].sort((a, b) => a - b);
  const out = document.createDocumentFragment();
  for (let k = 0; k + 1 < points.length; k++) {
    const a = points[k], b = points[k + 1];
    const piece = text.slice(a, b);
    const over = spans.filter((s) => s.start <= a && b <= s.end);
    if (over.length === 0) {
      out.append(piece);
      continue;
    }
    over.sort((x, y) => (x.end - x.start) - (y.end - y.start));
    const main = over[0];
    const mark = document.createElement("mark");
    mark.className = "hl cat-" + main.f.category;
    if (main.end - main.start > LONG) {
      mark.classList.add("long");
    } else {
      const outer = over.find((s) => s.end - s.start > LONG);
      if (outer) mark.classList.add("under-" + outer.f.category);
    }
    mark.dataset.finding = main.index;
    mark.title = over.map((s) => CATEGORY[s.f.category] + ": " + s.f.message).join("\n");
    mark.textContent = piece;
    out.append(mark);
  }
  ui.view.replaceChildren(out);
  const counts = {};
  findings.forEach((f) => { counts[f.category] = (counts[f.category] || 0) + 1; });
  document.querySelectorAll("#forklaring b[data-cat]").forEach((b) => {
    const n = counts[b.dataset.cat] || 0;
    b.textContent = n ? "(" + n + ")" : "";
    b.parentElement.classList.toggle("empty", n === 0);
  });
}

function renderList(findings, map) {
  ui.count.textContent = "(" + findings.length + ")";
  ui.none.hidden = findings.length !== 0;
  const items = findings.map((f, index) => {
    const li = document.createElement("li");
    li.className = "finding c-" + f.category;
    li.id = "fund-" + index;
    const meta = document.createElement("div");
    meta.className = "meta";
    const sev = document.createElement("span");
    sev.className = "sev-" + f.severity;
    sev.textContent = SEVERITY[f.severity] || f.severity;
    const cat = document.createElement("span");
    cat.textContent = CATEGORY[f.category] || f.category;
    const rule = document.createElement("code");
    rule.textContent = f.rule;
    meta.append(sev, cat, rule);
    const msg = document.createElement("p");
    msg.textContent = f.message;
    li.append(meta, msg);
    if (f.end > f.start && !NOT_HIGHLIGHTED.has(f.rule)) {
      const q = document.createElement("button");
      q.type = "button";
      q.className = "quote";
      q.textContent = "«" + shorten(f.text, 80) + "»";
      q.title = "Vis i teksten";
      q.addEventListener("click", () => focusFinding(index, true));
      li.append(q);
    }
    const buttons = document.createElement("div");
    buttons.className = "suggestions";
    f.suggestions.forEach((s) => {
      if (s.applicability === "display-only") {
        const idea = document.createElement("p");
        idea.className = "idea";
        const q = document.createElement("q");
        q.textContent = s.replacement;
        idea.append("Forslag: ", q);
        li.append(idea);
        return;
      }
      const b = document.createElement("button");
      b.type = "button";
      b.className = s.applicability;
      b.textContent = s.replacement === "" ? "Slet" : "Erstat med «" + shorten(s.replacement, 60) + "»";
      const tag = document.createElement("span");
      tag.className = "tag " + s.applicability;
      tag.textContent = s.applicability === "safe" ? "sikker" : "tjek rettelsen";
      b.append(tag);
      b.addEventListener("click", () => apply([s], "«" + shorten(f.text, 40) + "» → «" + s.replacement + "»"));
      buttons.append(b);
    });
    if (buttons.childElementCount) li.append(buttons);
    return li;
  });
  ui.list.replaceChildren(...items);
}

function shorten(s, n) {
  const one = s.replace(/\s+/g, " ");
  return one.length > n ? one.slice(0, n - 1) + "…" : one;
}

function focusFinding(index, fromList) {
  document.querySelectorAll(".active").forEach((el) => el.classList.remove("active"));
  const item = $("fund-" + index);
  const marks = ui.view.querySelectorAll('mark[data-finding="' + index + '"]');
  marks.forEach((m) => m.classList.add("active"));
  if (item) item.classList.add("active");
  if (fromList && marks.length) marks[0].scrollIntoView({ block: "center", behavior: "smooth" });
  if (!fromList && item) {
    item.scrollIntoView({ block: "nearest", behavior: "smooth" });
    const first = item.querySelector("button");
    if (first) first.focus({ preventScroll: true });
  }
}

/** The first safe suggestion of every finding, without overlaps (like `check --fix`). */
function safeEdits(findings) {
  const chosen = [];
  for (const f of findings) {
    const s = f.suggestions.find((x) => x.applicability === "safe" && x.edits.length);
    if (!s) continue;
    const clash = s.edits.some((e) => chosen.some((c) => c.edits.some((t) =>
      (t.start < e.end && e.start < t.end) || (t.start === t.end && t.start === e.start))));
    if (!clash) chosen.push(s);
  }
  return chosen;
}

/** Applies suggestions to the checked text, then checks again. */
function apply(suggestions, what) {
  if (!checked || normalized() !== checked.text) {
    say("Teksten er ændret siden tjekket; den bliver tjekket igen. Vælg forslaget igen bagefter.");
    check("input");
    return;
  }
  const { text, map } = checked;
  const edits = suggestions.flatMap((s) => s.edits).map((e) => ({
    start: map(e.start), end: map(e.end), replacement: e.replacement,
  }));
  edits.sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const e of edits) out = out.slice(0, e.start) + e.replacement + out.slice(e.end);
  const scroll = ui.view.scrollTop;
  ui.text.value = out;
  check("apply").then(() => {
    ui.view.scrollTop = scroll;
    if (checked) say("Rettet: " + what + ". " + plural(checked.file.findings.length, "fund", "fund") + " tilbage.");
  });
}

async function copyText() {
  const text = ui.text.value;
  try {
    await navigator.clipboard.writeText(text);
  } catch (_) {
    // Not a secure context (e.g. another machine via --listen): the old way.
    ui.text.focus();
    ui.text.select();
    document.execCommand("copy");
  }
  say("Teksten er kopieret. Sæt den ind i dit brev.");
}

async function loadFile() {
  const f = ui.file.files[0];
  if (!f) return;
  say("Henter " + f.name + " …");
  try {
    const res = await fetch("/api/extract", {
      method: "POST",
      headers: { "X-Filename": encodeURIComponent(f.name), "Content-Type": "application/octet-stream" },
      body: f,
    });
    const answer = await res.json();
    if (!res.ok) throw new Error(answer.error || res.statusText);
    ui.text.value = answer.text;
    await check("file");
    if (checked) say("Hentede " + f.name + ". " + plural(checked.file.findings.length, "fund", "fund") + ".");
  } catch (e) {
    say(f.name + " kunne ikke læses: " + e.message, true);
  } finally {
    ui.file.value = "";
  }
}

ui.check.addEventListener("click", () => check("button"));
ui.text.addEventListener("input", schedule);
ui.text.addEventListener("paste", () => setTimeout(() => check("paste"), 0));
ui.copy.addEventListener("click", copyText);
ui.file.addEventListener("change", loadFile);
ui.fixAll.addEventListener("click", () => {
  if (!checked) return;
  const all = safeEdits(checked.file.findings);
  apply(all, plural(all.length, "sikkert fund", "sikre fund"));
});
ui.view.addEventListener("click", (ev) => {
  const mark = ev.target.closest("mark[data-finding]");
  if (mark) focusFinding(Number(mark.dataset.finding), false);
});
