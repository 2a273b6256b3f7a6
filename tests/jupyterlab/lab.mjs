// lab.mjs drives JupyterLab 4 in Debian's headless Chromium (playwright-core, installed
// under tests/browser) the way an analyst would: it opens each notebook, runs all its
// cells, and reports what the page shows; on the last notebook it also uses completion,
// the tooltip and the contextual-help inspector on a Go name and interrupts a long cell.
// It prints one JSON report on stdout and saves screenshots in the artifacts directory.
//
// usage: node lab.mjs <base-url> <token> <artifacts-dir> <interactive.ipynb> <notebook.ipynb>...
//
// A notebook named view:<name> is only opened, not run: the report says whether JupyterLab
// trusts it and which MIME type each output is shown as; on signed.ipynb it also hovers
// the Vega-Lite bar chart and reads its tooltip.
import path from 'node:path';
import { args, drive, watch, open, run, waitIdle, close } from './labpage.mjs';

const [base, token, artifacts, interactive, ...notebooks] = args(
  'node lab.mjs <base-url> <token> <artifacts-dir> <interactive.ipynb> <notebook.ipynb>...', 4);
const runAllTimeout = 5 * 60 * 1000;

const report = { notebooks: [], viewed: [], interactive: null, vegaTooltip: null, console: [] };
await drive(report, async (browser) => {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  // Everything the browser reports as wrong, tagged with the notebook open at the time.
  let current = '';
  watch(page, report, () => current);

  for (const name of notebooks.filter((n) => n.startsWith('view:')).map((n) => n.slice(5))) {
    current = name;
    await open(page, base, token, name);
    await page.waitForFunction(() => Array.from(document.images).every((i) => i.complete), null, { timeout: 30000 });
    await page.waitForTimeout(500);
    const facts = await page.evaluate(() => {
      const w = window.sluiceNotebook;
      return w.content.widgets.filter((c) => c.model.type === 'code').map((c) => ({
        trusted: c.model.trusted,
        shown: Array.from(c.node.querySelectorAll('.jp-OutputArea-output')).map((el) => ({
          // JupyterLab's Vega renderer leaves data-mime-type unset; its class names it.
          mime: el.getAttribute('data-mime-type') || (el.matches('.jp-RenderedVegaLite') || el.querySelector('.jp-RenderedVegaLite') ? 'application/vnd.vegalite.v5+json' : ''),
          headers: Array.from(el.querySelectorAll('th')).map((th) => th.innerText),
          styled: el.querySelectorAll('style').length > 0,
        })),
      }));
    });
    report.viewed.push({ name, cells: facts, screenshot: await shoot(page, name.replace(/\.ipynb$/, '.png')) });
    if (name === 'signed.ipynb') report.vegaTooltip = await hoverVega(page);
    await close(page);
  }
  for (const name of notebooks.filter((n) => !n.startsWith('view:'))) {
    current = name;
    const started = Date.now();
    await open(page, base, token, name);
    const ok = await page.evaluate((ms) => Promise.race([
      window.jupyterapp.commands.execute('notebook:run-all-cells'),
      new Promise((_, rej) => setTimeout(() => rej(new Error('Run All did not finish')), ms)),
    ]), runAllTimeout);
    await waitIdle(page, runAllTimeout);
    await page.waitForFunction(() => Array.from(document.images).every((i) => i.complete), null, { timeout: 30000 });
    await page.waitForTimeout(500); // let the last outputs lay out before measuring
    const facts = await notebookFacts(page);
    facts.name = name;
    facts.runAllOK = ok;
    facts.seconds = (Date.now() - started) / 1000;
    facts.screenshot = await shoot(page, name.replace(/\.ipynb$/, '.png'));
    report.notebooks.push(facts);
    await close(page);
  }

  current = interactive;
  report.interactive = await interact(page, interactive);
});

// hoverVega waits for the notebook's first Vega-Lite chart to be drawn, hovers its first
// bar and reports the tooltip vega-embed shows, with a screenshot of both.
async function hoverVega(page) {
  const r = { text: '', marks: 0 };
  const chart = page.locator('.jp-RenderedVegaLite').first();
  await page.waitForSelector('.jp-RenderedVegaLite svg.marks', { timeout: 30000 });
  r.marks = await page.locator('.jp-RenderedVegaLite svg.marks').count();
  const bar = chart.locator('svg .mark-rect path').first();
  await bar.scrollIntoViewIfNeeded();
  await bar.hover();
  await page.waitForSelector('#vg-tooltip-element.visible', { timeout: 10000 }).catch(() => {});
  r.text = await page.locator('#vg-tooltip-element').innerText().catch(() => '');
  const box = await chart.boundingBox();
  r.screenshot = path.join(artifacts, 'lab-vega-tooltip.png');
  await page.screenshot({ path: r.screenshot, clip: { x: Math.max(0, box.x - 20), y: Math.max(0, box.y - 20), width: Math.min(box.width + 40, 1400), height: box.height + 40 } });
  await page.mouse.move(0, 0);
  return r;
}

// notebookFacts reports, per code cell, what the model holds and what the page shows.
async function notebookFacts(page) {
  return page.evaluate(() => {
    const w = window.sluiceNotebook;
    const box = (el) => { const r = el.getBoundingClientRect(); return { width: Math.round(r.width), height: Math.round(r.height) }; };
    const cells = w.content.widgets.filter((c) => c.model.type === 'code').map((c, i) => {
      const outputs = c.model.outputs.toJSON();
      const shown = Array.from(c.node.querySelectorAll('.jp-OutputArea-output')).map((el) => ({
        mime: el.getAttribute('data-mime-type') || '',
        text: el.innerText.slice(0, 300),
        tables: el.querySelectorAll('table').length,
        images: Array.from(el.querySelectorAll('img, svg')).filter((im) => !im.parentElement.closest('svg')).map((im) => ({
          tag: im.tagName.toLowerCase(), natural: im.naturalWidth ?? null, ...box(im) })),
        ...box(el),
      }));
      return {
        index: i,
        source: c.model.sharedModel.getSource().slice(0, 120),
        executionCount: c.model.executionCount,
        outputs: outputs.map((o) => ({ type: o.output_type, mimes: Object.keys(o.data || {}), ename: o.ename || '', evalue: o.evalue || '' })),
        shown,
      };
    });
    return { cells };
  });
}

// shoot grows the viewport to the notebook's height (JupyterLab's panels fill the
// window), scrolls to the top and saves a screenshot.
async function shoot(page, file) {
  const height = await page.evaluate(() => {
    const nb = window.sluiceNotebook.content.node;
    return Array.from(nb.querySelectorAll('.jp-Cell')).reduce((h, c) => h + c.getBoundingClientRect().height, 0);
  });
  await page.setViewportSize({ width: 1400, height: Math.min(Math.max(Math.ceil(height) + 300, 1000), 16000) });
  await page.waitForTimeout(300);
  await page.evaluate(() => {
    for (const el of [window.sluiceNotebook.content.node, ...window.sluiceNotebook.content.node.querySelectorAll('.jp-WindowedPanel-outer')]) el.scrollTop = 0;
  });
  await page.waitForTimeout(200);
  const p = path.join(artifacts, file);
  await page.screenshot({ path: p });
  await page.setViewportSize({ width: 1400, height: 1000 });
  return p;
}

// interact uses completion, the tooltip and the inspector on a Go name, then interrupts a
// long cell and checks the session kept its variables.
async function interact(page, name) {
  const r = {};
  await open(page, base, token, name);
  const cellText = (i) => page.evaluate((i) => window.sluiceNotebook.content.widgets[i].outputArea.node.innerText, i);
  await run(page, 0);
  await run(page, 1);
  r.greeting = await cellText(1);

  // Completion: the cursor after "strings.ToU" in cell 2, then Tab.
  const cursor = async (column) => page.evaluate((column) => {
    window.jupyterapp.shell.activateById(window.sluiceNotebook.id);
    const nb = window.sluiceNotebook.content;
    nb.activeCellIndex = 2;
    nb.mode = 'edit';
    const ed = nb.widgets[2].editor;
    ed.focus();
    ed.setCursorPosition({ line: 0, column });
  }, column);
  await cursor('strings.ToU'.length);
  await page.keyboard.press('Tab');
  await page.waitForSelector('.jp-Completer .jp-Completer-item', { timeout: 30000 });
  r.completions = await page.$$eval('.jp-Completer .jp-Completer-item', (els) => els.map((e) => e.innerText.trim()));
  r.completionShot = await shoot(page, 'completion.png');
  await page.keyboard.press('Escape');

  // Tooltip (Shift+Tab) at the end of "strings.ToUpper".
  await cursor('strings.ToUpper'.length);
  await page.keyboard.press('Shift+Tab');
  await page.waitForSelector('.jp-Tooltip', { timeout: 30000 });
  r.tooltip = (await page.innerText('.jp-Tooltip')).slice(0, 1000);
  r.tooltipShot = await shoot(page, 'tooltip.png');
  await page.keyboard.press('Escape');

  // Contextual help follows the cursor.
  await page.evaluate(() => window.jupyterapp.commands.execute('inspector:open'));
  await cursor('strings.ToUpper'.length);
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => /ToUpper/.test(document.querySelector('.jp-Inspector-content')?.innerText ?? ''), null, { timeout: 30000 })
    .catch(() => {});
  r.inspector = ((await page.$eval('.jp-Inspector-content', (e) => e.innerText).catch(() => '')) || '').slice(0, 1000);
  r.inspectorShot = await shoot(page, 'inspector.png');
  await page.evaluate(() => {
    const app = window.jupyterapp;
    for (const w of Array.from(app.shell.widgets('main'))) if (w !== window.sluiceNotebook) w.close();
    app.shell.activateById(window.sluiceNotebook.id);
  });

  // Interrupt: run the endless cell 3, wait for it to be running, interrupt the kernel.
  await run(page, 3, false);
  await page.waitForFunction(() => window.sluiceNotebook.sessionContext.session.kernel.status === 'busy', null, { timeout: 30000, polling: 50 });
  await page.waitForTimeout(1000); // the cell is well into its loop
  const interruptedAt = Date.now();
  await page.evaluate(() => window.jupyterapp.commands.execute('kernelmenu:interrupt'));
  await waitIdle(page);
  r.interruptSeconds = (Date.now() - interruptedAt) / 1000;
  r.interrupted = await page.evaluate(() => window.sluiceNotebook.content.widgets[3].model.outputs.toJSON());
  await run(page, 4);
  r.afterInterrupt = await cellText(4);
  r.interruptShot = await shoot(page, 'interrupt.png');
  await close(page);
  return r;
}
