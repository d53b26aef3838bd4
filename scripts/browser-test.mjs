// The browser half of scripts/browser-test: drives the page with playwright-core.
//   node scripts/browser-test.mjs URL CHROMIUM SCREENSHOT.png LETTER.txt LETTER.docx
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import assert from "node:assert/strict";

const require = createRequire(import.meta.url);
const { chromium } = require("playwright-core");
const [url, executablePath, png, letterPath, docxPath] = process.argv.slice(2);

// An emoji and æøå before a finding on the same line: offsets must survive UTF-8 → UTF-16.
const letter = "Bemærk 😀: Såfremt du har spørgsmål, så ring til os.\n\n" + readFileSync(letterPath, "utf8");

const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
});
const failures = [];
try {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: "da-DK" });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: url });
  const page = await context.newPage();
  const origin = new URL(url).origin;
  page.on("request", (r) => {
    if (!r.url().startsWith(origin)) failures.push("request outside the server: " + r.url());
  });
  page.on("console", (m) => {
    if (m.type() === "error") failures.push("console error: " + m.text());
  });
  page.on("pageerror", (e) => failures.push("page error: " + e.message));

  const res = await page.goto(url);
  assert.ok(res.headers()["content-security-policy"].includes("default-src 'none'"));
  assert.equal(await page.locator("h1").innerText().then((t) => t.startsWith("Klarsprog")), true);

  // Paste the letter the way a caseworker does: clipboard, then Ctrl+V in the text field.
  await page.evaluate((t) => navigator.clipboard.writeText(t), letter);
  await page.locator("#tekst").focus();
  await page.keyboard.press("Control+V");
  await page.waitForFunction(() => document.querySelectorAll("#visning mark.hl").length > 0);
  assert.equal(await page.locator("#tekst").inputValue(), letter, "the paste arrived");

  const lix = await page.locator("#lix-tal").innerText();
  const band = await page.locator("#lix-baand").innerText();
  assert.match(lix, /^\d+(,\d)?$/, "LIX shown");
  assert.ok(["meget let", "let", "middel", "svær", "meget svær"].some((b) => band.startsWith(b)), band);
  assert.equal(await page.locator(".band.current").count(), 1, "one band marked");
  const marks = await page.locator("#visning mark.hl").count();
  const categories = await page.$$eval("#visning mark.hl", (ms) => [...new Set(ms.map((m) => m.className.match(/cat-([a-z-]+)/)[1]))]);
  assert.ok(categories.includes("officialese"), categories.join(","));
  const before = await page.locator("#fund > li").count();
  assert.ok(before > 5, "findings listed: " + before);
  // The highlighted text is the letter.
  assert.equal(await page.locator("#visning").innerText(), letter.replace(/\n$/, "") + (letter.endsWith("\n") ? "\n" : ""));
  console.log(`pasted: LIX ${lix} (${band}), ${marks} highlights in ${categories.length} categories (${categories.join(", ")}), ${before} findings`);

  // Click the suggestion for «Såfremt» after the emoji.
  const item = page.locator("#fund > li", { hasText: "Såfremt" }).first();
  await item.getByRole("button", { name: /Erstat med «Hvis»/ }).click();
  await page.waitForFunction(() => document.querySelector("#status").textContent.startsWith("Rettet"));
  const after = await page.locator("#tekst").inputValue();
  assert.ok(after.startsWith("Bemærk 😀: Hvis du har spørgsmål, så ring til os.\n"), after.slice(0, 80));
  assert.equal(after.slice(after.indexOf("\n")), letter.slice(letter.indexOf("\n")), "nothing else changed");
  const left = await page.locator("#fund > li").count();
  assert.equal(left, before - 1, "one finding fewer");
  console.log("applied «Såfremt» → «Hvis»: " + (await page.locator("#status").innerText()));

  // Copy the improved text.
  await page.getByRole("button", { name: "Kopiér teksten" }).click();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), after, "copied");

  // Fix all safe findings in one click.
  const safe = await page.locator("#ret-alle").isEnabled();
  if (safe) {
    await page.locator("#ret-alle").click();
    await page.waitForFunction(() => document.querySelector("#status").textContent.startsWith("Rettet"));
    const fixed = await page.locator("#fund > li").count();
    assert.ok(fixed < left, `fix all: ${left} → ${fixed}`);
    console.log(`fix all safe: ${left} → ${fixed} findings`);
  }

  // Upload a .docx: the extracted text replaces the letter and is checked.
  await page.locator("#fil").setInputFiles(docxPath);
  await page.waitForFunction(() => document.querySelector("#status").textContent.startsWith("Hentede"));
  const docxText = await page.locator("#tekst").inputValue();
  assert.ok(docxText.includes("\n\n"), "paragraphs separated");
  console.log("uploaded .docx: " + (await page.locator("#status").innerText()));

  // Back to the pasted letter for the screenshot; click a highlight to select its finding.
  await page.locator("#tekst").fill(letter);
  await page.getByRole("button", { name: "Tjek brevet" }).click();
  await page.waitForFunction((n) => document.querySelectorAll("#fund > li").length === n, before);
  await page.locator("#visning mark.cat-officialese").first().click();
  assert.equal(await page.locator("#fund > li.active").count(), 1, "clicking a highlight selects its finding");
  await page.locator("#visning").evaluate((el) => (el.scrollTop = 0));
  await page.screenshot({ path: png, fullPage: true });
  console.log("screenshot: " + png);
} catch (e) {
  failures.push(e.stack || String(e));
} finally {
  await browser.close();
}
if (failures.length) {
  console.error("browser-test FEJLEDE:\n" + failures.join("\n"));
  process.exit(1);
}
console.log("browser-test: ok");
