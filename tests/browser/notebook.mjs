// notebook.mjs opens a notebook served by Jupyter in headless Chromium and reports what
// a reader would see: the rendered tables, images and output texts, as JSON on stdout.
// It also saves a full-page screenshot.
//
// usage: node notebook.mjs <notebook-url> <screenshot.png>
import { chromium } from 'playwright-core';

const [url, shot] = process.argv.slice(2);
if (!url || !shot) {
  console.error('usage: node notebook.mjs <notebook-url> <screenshot.png>');
  process.exit(2);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-dev-shm-usage', '--no-first-run', '--disable-extensions'],
});
let exitCode = 0;
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const consoleErrors = [];
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  await page.goto(url, { waitUntil: 'load', timeout: 60000 });
  // Classic Notebook renders outputs after loading the notebook JSON.
  await page.waitForSelector('.output_area', { timeout: 60000 });
  await page.waitForFunction(() => Array.from(document.images).every((i) => i.complete), null, { timeout: 30000 });
  // Without the notebook's kernel installed for the server, Notebook asks which to use.
  const noKernel = page.locator('.modal-footer button', { hasText: 'Continue Without Kernel' });
  if (await noKernel.count()) await noKernel.first().click();
  await page.waitForTimeout(500);
  // The notebook scrolls inside #site: grow the viewport so the screenshot shows it all.
  const height = await page.evaluate(() => document.querySelector('#notebook-container')?.scrollHeight ?? 900);
  await page.setViewportSize({ width: 1280, height: Math.min(Math.max(height + 180, 900), 16000) });
  await page.waitForTimeout(300);
  const facts = await page.evaluate(() => {
    const box = (el) => { const r = el.getBoundingClientRect(); return { width: Math.round(r.width), height: Math.round(r.height) }; };
    const visible = (el) => { const b = box(el); return b.width > 0 && b.height > 0 && getComputedStyle(el).visibility !== 'hidden'; };
    return {
      title: document.title,
      trusted: document.querySelector('#notification_trusted')?.textContent?.trim() ?? '',
      tables: Array.from(document.querySelectorAll('.output_area .sluice-table')).filter(visible).map((t) => ({
        text: t.innerText.slice(0, 2000),
        rightAligned: Array.from(t.querySelectorAll('td.sl-num')).slice(0, 3).map((td) => getComputedStyle(td).textAlign),
        textAligned: Array.from(t.querySelectorAll('tbody td:not(.sl-num):not(.sl-null)')).slice(0, 3).map((td) => getComputedStyle(td).textAlign),
        nullCells: t.querySelectorAll('td.sl-null').length,
        ...box(t),
      })),
      images: Array.from(document.querySelectorAll('.output_area img, .output_area .output_svg > div > svg, .output_area .output_svg svg'))
        .filter((el) => !el.parentElement.closest('svg'))
        .filter(visible)
        .map((el) => ({ tag: el.tagName.toLowerCase(), natural: el.naturalWidth ?? null, naturalHeight: el.naturalHeight ?? null,
          mime: el.closest('.output_png') ? 'image/png' : (el.closest('.output_svg') ? 'image/svg+xml' : ''), ...box(el) })),
      htmlTables: Array.from(document.querySelectorAll('.output_area .output_html table')).filter(visible).map((t) => ({
        rows: t.querySelectorAll('tr').length, ...box(t) })),
      rawMarkup: Array.from(document.querySelectorAll('.output_area .output_text')).map((o) => o.innerText)
        .filter((s) => /<table|<svg|<img/i.test(s)).map((s) => s.slice(0, 300)),
      outputs: Array.from(document.querySelectorAll('.output_area')).map((o) => o.innerText.slice(0, 500)),
      errors: Array.from(document.querySelectorAll('.output_error')).map((o) => o.innerText.slice(0, 500)),
    };
  });
  facts.consoleErrors = consoleErrors;
  await page.screenshot({ path: shot, fullPage: true });
  console.log(JSON.stringify(facts));
} catch (err) {
  console.error(String(err && err.stack || err));
  exitCode = 1;
} finally {
  await browser.close();
}
process.exit(exitCode);
