// WCAG 2.1 A and AA audit of HTML pages with axe-core, in headless Chromium, at each width.
//   node tests/a11y/audit.js PAGE.html [PAGE.html ...]   (widths: A11Y_WIDTHS, default 1280,390)
// Prints one line per violation and a summary per page and width; exits 1 on any violation.
const fs = require("fs");
const path = require("path");
const puppeteer = require("puppeteer-core");

const AXE = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const WIDTHS = (process.env.A11Y_WIDTHS || "1280,390").split(",").map(Number);
// No network: the page is self-contained, and Chromium's background services would only fail.
const FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
  "--disable-component-update", "--disable-sync"];

async function audit(browser, file, width) {
  const page = await browser.newPage();
  await page.setViewport({ width, height: 900 });
  await page.goto("file://" + path.resolve(file), { waitUntil: "load" });
  await page.evaluate(AXE);
  const result = await page.evaluate((tags) => axe.run(document, { runOnly: { type: "tag", values: tags } }), TAGS);
  await page.close();
  for (const violation of result.violations) {
    const where = violation.nodes.slice(0, 3).map((n) => n.target.join(" ")).join("; ");
    console.log(`OVERTREDING ${path.basename(file)} @${width}px ${violation.id}: ${violation.help} (${where})`);
  }
  console.log(`${path.basename(file)} @${width}px: ${result.violations.length} overtredingen, ` +
    `${result.passes.length} regels in orde, ${result.incomplete.length} onbeslist` +
    (result.incomplete.length ? ` (${result.incomplete.map((r) => r.id).join(", ")}: na te kijken)` : ""));
  return result.violations.length;
}

(async () => {
  const files = process.argv.slice(2);
  if (files.length === 0) {
    console.error("gebruik: node tests/a11y/audit.js PAGINA.html ...");
    process.exit(2);
  }
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium", headless: true, args: FLAGS,
  });
  let violations = 0;
  for (const file of files) {
    for (const width of WIDTHS) {
      violations += await audit(browser, file, width);
    }
  }
  await browser.close();
  process.exit(violations > 0 ? 1 : 0);
})();
