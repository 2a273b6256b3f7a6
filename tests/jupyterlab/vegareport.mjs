// vegareport.mjs opens an HTML report written by `sluice run --html` in Debian's headless
// Chromium with every request that is not the file itself refused, waits for its
// Vega-Lite charts to be drawn, hovers a bar and reads the tooltip, clicks a legend
// entry of the line chart and zooms the scatter with the mouse wheel. It prints one JSON
// report on stdout and saves screenshots in the artifacts directory.
//
// usage: node vegareport.mjs <report.html> <artifacts-dir>
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { args, drive } from './labpage.mjs';

const [file, artifacts] = args('node vegareport.mjs <report.html> <artifacts-dir>', 2);
const url = pathToFileURL(file).href;
const r = { console: [], blocked: [] };
await drive(r, async (browser) => {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  // No network: the page may load itself and nothing else.
  await context.route('**/*', (route) => {
    const u = route.request().url();
    if (u === url) return route.continue();
    r.blocked.push(u);
    return route.abort();
  });
  const page = await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') r.console.push(`${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => r.console.push(`pageerror: ${e}`));
  await page.goto(url, { waitUntil: 'load' });
  r.charts = await page.locator('div.vega-chart').count();
  await page.waitForFunction((n) => document.querySelectorAll('div.vega-chart .vega-embed svg.marks').length >= n, r.charts, { timeout: 30000 })
    .catch(() => {});
  r.drawn = await page.locator('div.vega-chart .vega-embed svg.marks').count();
  r.staticLeft = await page.locator('div.vega-chart > img').count();
  r.shot = path.join(artifacts, 'report-vega.png');
  await page.screenshot({ path: r.shot, fullPage: true });

  // Hover the first bar of the first bar chart and read vega-tooltip's box.
  const bar = page.locator('div.vega-chart .vega-embed svg .mark-rect path').first();
  await bar.scrollIntoViewIfNeeded();
  await bar.hover();
  await page.waitForSelector('#vg-tooltip-element.visible', { timeout: 10000 }).catch(() => {});
  r.tooltip = await page.locator('#vg-tooltip-element').innerText().catch(() => '');
  r.tooltipShot = path.join(artifacts, 'report-vega-tooltip.png');
  const box = await bar.boundingBox();
  await page.screenshot({ path: r.tooltipShot, clip: { x: 0, y: Math.max(0, box.y - 250), width: 1200, height: 600 } });

  // Legend selection: clicking "web" in the line chart's legend fades the other series.
  const lines = page.locator('div.vega-chart').nth(1);
  const opacities = () => lines.locator('svg .mark-line path').evaluateAll((ps) => ps.map((p) => p.getAttribute('opacity') ?? '1'));
  r.lineOpacityBefore = await opacities();
  await lines.scrollIntoViewIfNeeded();
  await lines.locator('svg .role-legend-label text', { hasText: 'web' }).first().click();
  await page.waitForTimeout(300);
  r.lineOpacityAfter = await opacities();

  // Zoom: the mouse wheel over the scatter narrows its x axis.
  const cloud = page.locator('div.vega-chart').nth(3);
  const ticks = () => cloud.locator('svg .role-axis-label').first().locator('text').evaluateAll((ts) => ts.map((t) => t.textContent));
  r.ticksBefore = await ticks();
  await cloud.scrollIntoViewIfNeeded();
  const area = await cloud.locator('svg').first().boundingBox();
  await page.mouse.move(area.x + area.width / 2, area.y + area.height / 2);
  for (let i = 0; i < 5; i++) { await page.mouse.wheel(0, -200); await page.waitForTimeout(100); }
  await page.waitForTimeout(300);
  r.ticksAfter = await ticks();
});
