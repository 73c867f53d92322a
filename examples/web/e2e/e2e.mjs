// End-to-end test of the page in the system's Chromium, run by
// examples/web's Go test (TestBrowser):
//
//   node e2e.mjs PAGE_URL DOCUMENT BAD_DOCUMENT AT SHOT_DIR
//
// It opens DOCUMENT through the file picker, audits it on AT, opens one
// finding's evidence, draws the map and the timeline, downloads the JSON
// report, opens BAD_DOCUMENT, and prints what it saw as one JSON object
// for the Go test to check. Every request the page makes is recorded, so
// the test can check that none is made after the page has loaded.
import { chromium } from "playwright-core";
import fs from "node:fs";
import path from "node:path";

const [url, doc, bad, at, shots, big] = process.argv.slice(2);
const out = { requestsAfterReady: [] };
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
try {
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1200, height: 900 } });
  const page = await context.newPage();
  let ready = false;
  page.on("request", (r) => {
    const u = r.url();
    if (ready && !u.startsWith("blob:") && !u.startsWith("data:")) out.requestsAfterReady.push(u);
  });
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(url, { waitUntil: "load" });
  await page.waitForSelector("body[data-ready='1']", { timeout: 60000 });
  ready = true;

  // Open the document and audit it on the fixed date.
  await page.setInputFiles("#file", doc);
  await page.waitForSelector("body[data-findings]", { timeout: 60000 });
  await page.fill("#at", at);
  await page.evaluate(() => { delete document.body.dataset.findings; });
  await page.click("#audit-form button[type=submit]");
  await page.waitForSelector("body[data-findings]");
  out.findings = Number(await page.getAttribute("body", "data-findings"));
  out.auditMs = Number(await page.getAttribute("body", "data-audit-ms"));
  out.summary = await page.textContent("#summary");
  out.rules = await page.$$eval("#findings details.rule", (ds) => ds.map((d) => d.dataset.rule));

  // One finding's evidence: open its rule, pick its first record.
  const withEvidence = await page.$$eval("#findings details.rule", (ds) => ds.map((d) => d.dataset.rule));
  for (const rule of withEvidence) {
    await page.click(`#findings details[data-rule='${rule}'] summary`);
    const button = await page.$(`#findings details[data-rule='${rule}'] .evidence button`);
    if (button) {
      out.evidenceRule = rule;
      out.evidencePointer = await button.getAttribute("data-pointer");
      await button.click();
      await page.waitForSelector("#doc-view .mark");
      out.highlighted = await page.textContent("#doc-view .mark");
      break;
    }
  }
  await page.locator("#audit").screenshot({ path: path.join(shots, "findings.png") });
  if (out.highlighted) await page.locator("#doc").screenshot({ path: path.join(shots, "evidence.png") });

  // The pictures.
  await page.fill("#picture-at", at);
  await page.selectOption("#kind", "map");
  await page.waitForSelector("#picture svg");
  out.map = await page.$eval("#picture svg", (s) => s.outerHTML.length);
  await page.locator("#pictures").screenshot({ path: path.join(shots, "map.png") });
  await page.selectOption("#kind", "timeline");
  await page.waitForSelector("body[data-picture='timeline'] #picture svg");
  await page.locator("#pictures").screenshot({ path: path.join(shots, "timeline.png") });

  // A download, read back.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.click("#downloads button[data-download='json']"),
  ]);
  const file = await download.path();
  const report = JSON.parse(fs.readFileSync(file, "utf8"));
  out.downloadName = download.suggestedFilename();
  out.downloadFindings = report.findings.length;
  const [sarif] = await Promise.all([
    page.waitForEvent("download"),
    page.click("#downloads button[data-download='sarif']"),
  ]);
  const log = JSON.parse(fs.readFileSync(await sarif.path(), "utf8"));
  out.sarifName = sarif.suggestedFilename();
  out.sarifResults = log.runs[0].results.length;

  // A bad document: errors next to the fields they name, no audit.
  await page.setInputFiles("#file", bad);
  await page.waitForSelector("body[data-opened='error']");
  out.badErrors = await page.$$eval("#errors li", (lis) => lis.map((li) => li.textContent));
  out.auditHidden = await page.$eval("#audit", (s) => s.hidden);

  // Optionally, a national-scale document: the time from picking it to
  // its findings on screen, as the page measures it.
  if (big) {
    await page.evaluate(() => { delete document.body.dataset.findings; });
    const t0 = Date.now();
    await page.setInputFiles("#file", big);
    await page.waitForSelector("body[data-findings]", { timeout: 120000 });
    out.bigWallMs = Date.now() - t0;
    out.bigMs = Number(await page.getAttribute("body", "data-audit-ms"));
    out.bigFindings = Number(await page.getAttribute("body", "data-findings"));
    out.bigStages = await page.evaluate(() => ({ read: document.body.dataset.readMs, open: document.body.dataset.openMs, audit: document.body.dataset.checkMs }));
  }
  out.pageErrors = errors;
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(out) + "\n");
