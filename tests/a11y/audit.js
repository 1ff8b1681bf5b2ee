// WCAG 2.1 A and AA audit of HTML pages with axe-core, in headless Chromium, at each width.
//   node tests/a11y/audit.js PAGE.html [PAGE.html ...]   (widths: A11Y_WIDTHS, default 1280,390,320)
// Prints one line per violation and a summary per page and width; exits 1 on any violation.
// axe does not check Reflow (WCAG 1.4.10: at 320 px no scrolling sideways), so this script measures
// it: a page wider than the screen is a violation, named with the elements that stick out.
const fs = require("fs");
const path = require("path");
const puppeteer = require("puppeteer-core");

const AXE = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const WIDTHS = (process.env.A11Y_WIDTHS || "1280,390,320").split(",").map(Number);
// No network: the page is self-contained, and Chromium's background services would only fail.
const FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
  "--disable-component-update", "--disable-sync"];

async function audit(browser, file, width) {
  const page = await browser.newPage();
  await page.setViewport({ width, height: 900 });
  await page.goto("file://" + path.resolve(file), { waitUntil: "load" });
  await page.evaluate(AXE);
  const result = await page.evaluate((tags) => axe.run(document, { runOnly: { type: "tag", values: tags } }), TAGS);
  const reflow = await page.evaluate(measureReflow);
  await page.close();
  for (const violation of result.violations) {
    const where = violation.nodes.slice(0, 3).map((n) => n.target.join(" ")).join("; ");
    console.log(`OVERTREDING ${path.basename(file)} @${width}px ${violation.id}: ${violation.help} (${where})`);
  }
  const tooWide = reflow.page > reflow.screen;
  if (tooWide) {
    console.log(`OVERTREDING ${path.basename(file)} @${width}px reflow: de pagina is ${reflow.page} px breed, ` +
      `het scherm ${reflow.screen} px, dus de pagina schuift opzij (WCAG 1.4.10); steekt uit: ` +
      (reflow.culprits.join("; ") || "onbekend"));
  }
  const violations = result.violations.length + (tooWide ? 1 : 0);
  console.log(`${path.basename(file)} @${width}px: ${violations} overtredingen, pagina ${reflow.page} px breed, ` +
    `${result.passes.length} regels in orde, ${result.incomplete.length} onbeslist` +
    (result.incomplete.length ? ` (${result.incomplete.map((r) => r.id).join(", ")}: na te kijken)` : ""));
  return violations;
}

// Runs in the page: its width against the screen's, and the innermost elements that stick out past
// the right edge of the screen outside a box that scrolls (or clips) on its own.
function measureReflow() {
  const screen = document.documentElement.clientWidth;
  const inOwnBox = (element) => {
    for (let up = element.parentElement; up && up !== document.body; up = up.parentElement) {
      if (getComputedStyle(up).overflowX !== "visible") return true;
    }
    return false;
  };
  const out = [...document.body.querySelectorAll("*")].filter(
    (e) => e.getBoundingClientRect().right > screen + 0.5 && !inOwnBox(e));
  const innermost = out.filter((e) => !out.some((other) => other !== e && e.contains(other)));
  const describe = (e) => {
    const text = (e.textContent || "").trim().replace(/\s+/g, " ");
    return `<${e.tagName.toLowerCase()}${e.className ? "." + String(e.className).split(" ")[0] : ""}> ` +
      `tot ${Math.round(e.getBoundingClientRect().right)} px` + (text ? ` "${text.slice(0, 50)}"` : "");
  };
  return { page: document.documentElement.scrollWidth, screen, culprits: innermost.slice(0, 3).map(describe) };
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
