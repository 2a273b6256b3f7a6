// labrender.mjs measures how long JupyterLab 4 takes to open an executed notebook and
// render every output (pictures loaded, Vega-Lite charts drawn), in Debian's headless
// Chromium driven by playwright-core (installed under tests/browser). JupyterLab is
// loaded once; each notebook is then opened with docmanager:open, timed until its last
// output is drawn, and closed, `runs` times. Prints one JSON line per notebook with the
// median and all times in milliseconds.
//
// usage: node labrender.mjs <base-url> <token> <runs> <notebook path>...
import { chromium } from '../../tests/browser/node_modules/playwright-core/index.mjs';

const [base, token, runsArg, ...paths] = process.argv.slice(2);
const runs = Number(runsArg) || 3;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await page.goto(`${base}/lab?token=${token}&reset`, { waitUntil: 'load', timeout: 120000 });
  await page.waitForFunction(() => window.jupyterapp?.shell && window.jupyterapp.started, null, { timeout: 120000 });
  await page.waitForTimeout(2000);
  for (const p of paths) {
    const times = [];
    for (let i = 0; i < runs; i++) {
      const ms = await page.evaluate(async (p) => {
        const app = window.jupyterapp;
        const t0 = performance.now();
        const w = await app.commands.execute('docmanager:open', { path: p, factory: 'Notebook', kernel: { name: 'none' } });
        await w.context.ready;
        const done = () => {
          const cells = w.content.widgets.filter((c) => c.model.type === 'code');
          for (const c of cells) {
            if (c.outputArea.node.querySelectorAll('.jp-OutputArea-output').length < c.model.outputs.length) return false;
          }
          if (Array.from(w.node.querySelectorAll('img')).some((i) => !i.complete)) return false;
          return Array.from(w.node.querySelectorAll('.jp-RenderedVegaLite')).every((v) => v.querySelector('svg.marks, canvas.marks'));
        };
        while (!done()) {
          if (performance.now() - t0 > 120000) throw new Error('not rendered in 120 s: ' + p);
          await new Promise((r) => requestAnimationFrame(r));
        }
        const ms = performance.now() - t0;
        w.context.model.dirty = false;
        await w.close();
        return ms;
      }, p);
      times.push(Math.round(ms));
      await page.waitForTimeout(300);
    }
    const sorted = [...times].sort((a, b) => a - b);
    console.log(JSON.stringify({ notebook: p, medianMs: sorted[Math.floor(sorted.length / 2)], times }));
  }
} finally {
  await browser.close();
}
