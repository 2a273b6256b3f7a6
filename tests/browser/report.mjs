// report.mjs opens a `sluice run --html` report in headless Chromium at a given width and
// reports its layout as JSON on stdout: the width of every output column, whether wide
// outputs scroll inside their column, the page's own horizontal overflow, the table of
// contents, the exit status and the parameters. It also saves a full-page screenshot.
//
// usage: node report.mjs <report-url> <screenshot.png> <width>
import { chromium } from 'playwright-core';

const [url, shot, widthArg] = process.argv.slice(2);
if (!url || !shot || !widthArg) {
  console.error('usage: node report.mjs <report-url> <screenshot.png> <width>');
  process.exit(2);
}
const width = Number(widthArg);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-dev-shm-usage', '--no-first-run', '--disable-extensions'],
});
try {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  await page.goto(url, { waitUntil: 'load', timeout: 60000 });
  await page.waitForFunction(() => Array.from(document.images).every((i) => i.complete), null, { timeout: 30000 });
  const facts = await page.evaluate(() => {
    const w = (el) => Math.round(el.getBoundingClientRect().width);
    return {
      outputColumns: Array.from(document.querySelectorAll('.out > .body')).map(w),
      sourceColumns: Array.from(document.querySelectorAll('.input > pre.src')).map(w),
      prompts: Array.from(document.querySelectorAll('.out > .prompt')).map(w),
      wide: Array.from(document.querySelectorAll('.out > .body')).filter((b) => b.querySelector('table'))
        .map((b) => ({ scrollWidth: b.scrollWidth, clientWidth: b.clientWidth, overflowX: getComputedStyle(b).overflowX })),
      images: Array.from(document.querySelectorAll('.out img, .out svg')).filter((el) => !el.parentElement.closest('svg')).map(w),
      pageScrollWidth: document.documentElement.scrollWidth,
      toc: Array.from(document.querySelectorAll('nav.toc a')).map((a) => ({ text: a.textContent, href: a.getAttribute('href'),
        target: !!document.getElementById(a.getAttribute('href').slice(1)) })),
      status: document.querySelector('#exit-status')?.textContent ?? '',
      params: Array.from(document.querySelectorAll('#parameters tr')).slice(1).map((tr) => Array.from(tr.cells).map((c) => c.textContent)),
      times: Array.from(document.querySelectorAll('.input .prompt .time')).map((s) => s.textContent),
    };
  });
  await page.screenshot({ path: shot, fullPage: true });
  console.log(JSON.stringify(facts));
} finally {
  await browser.close();
}
