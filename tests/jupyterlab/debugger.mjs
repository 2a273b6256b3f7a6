// debugger.mjs drives JupyterLab 4's debugger panel on the Sluice kernel (Debian's
// headless Chromium through playwright-core): it turns the debugger on with the
// notebook's bug button, sets a breakpoint by clicking the gutter of cell 1 on line 4,
// runs cells 0 and 1, and reports what the panel shows while the cell is paused (call
// stack, variables), then continues and reports the cell's output; then the same for a
// breakpoint in the function a goroutine of cell 2 runs; then for a breakpoint in the
// function literal cell 3 made before the debugger was turned on, called by cell 4. One
// JSON report on stdout; screenshots in the artifacts dir.
//
// usage: node debugger.mjs <base-url> <token> <artifacts-dir> <debug.ipynb>
import path from 'node:path';
import { args, drive, watch, open, run, waitIdle, close } from './labpage.mjs';

const [base, token, artifacts, name] = args('node debugger.mjs <base-url> <token> <artifacts-dir> <debug.ipynb>', 4);

const report = { console: [] };
await drive(report, async (browser) => {
  const page = await browser.newPage({ viewport: { width: 1500, height: 1000 } });
  watch(page, report, name);

  await open(page, base, token, name);
  // Cell 3 makes a helper function value before the debugger is on.
  await run(page, 3);

  // The bug button appears when the kernelspec says the kernel has a debugger.
  const bug = await page.waitForSelector('.jp-DebuggerBugButton:not([disabled]), .jp-DebuggerBugButton button:not([disabled])', { timeout: 60000 });
  await bug.click();
  await page.waitForFunction(() => document.querySelector('.jp-DebuggerBugButton [aria-pressed="true"], .jp-DebuggerBugButton[aria-pressed="true"]') !== null,
    null, { timeout: 30000 }).catch(() => {});
  await page.evaluate(() => window.jupyterapp.shell.activateById('jp-debugger-sidebar'));
  await page.waitForTimeout(1000);

  await run(page, 0);
  // A breakpoint on line 4 of cell 1, set by clicking its gutter.
  await page.evaluate(() => { const nb = window.sluiceNotebook.content; nb.activeCellIndex = 1; nb.mode = 'command'; });
  const gutter = await page.waitForSelector('.jp-Cell:nth-child(2) .cm-breakpoint-gutter .cm-gutterElement:nth-child(5)', { timeout: 30000 });
  await gutter.click();
  await page.waitForTimeout(1000);
  report.breakpoints = await page.evaluate(() => Array.from(document.querySelectorAll('.jp-DebuggerBreakpoint')).map((e) => e.innerText.trim()));

  await run(page, 1, false);
  // Paused: the call stack shows the cell's frame, the variables panel its variables.
  await page.waitForFunction(() => document.querySelectorAll('.jp-DebuggerCallstackFrame').length > 0, null, { timeout: 60000, polling: 200 });
  await page.waitForTimeout(1500);
  report.frames = await page.evaluate(() => Array.from(document.querySelectorAll('.jp-DebuggerCallstackFrame')).map((e) => e.innerText.replace(/\s+/g, ' ').trim()));
  report.variables = await page.evaluate(() => {
    const el = document.querySelector('.jp-DebuggerVariables-body') || document.querySelector('.jp-DebuggerVariables');
    return el ? el.innerText : '';
  });
  // Expand m and pts in the tree: their entries and elements.
  for (const v of ['m', 'pts']) {
    await page.evaluate((v) => {
      const n = Array.from(document.querySelectorAll('.jp-DebuggerVariables-name')).find((e) => e.innerText.trim() === v);
      n?.click();
    }, v);
    await page.waitForTimeout(1000);
  }
  report.expanded = await page.evaluate(() => {
    const el = document.querySelector('.jp-DebuggerVariables-body') || document.querySelector('.jp-DebuggerVariables');
    return el ? el.innerText : '';
  });
  report.pausedShot = await shootPage(page, 'debugger-paused.png');

  await page.evaluate(() => window.jupyterapp.commands.execute('debugger:continue'));
  await waitIdle(page);
  await page.waitForTimeout(500);
  report.output = await page.evaluate(() => window.sluiceNotebook.content.widgets[1].outputArea.node.innerText.trim());
  report.doneShot = await shootPage(page, 'debugger-done.png');

  // Cell 2 starts a goroutine: a breakpoint in the function it runs (line 4) stops that
  // goroutine under a thread of its own, whose frame and locals the panel shows.
  await page.evaluate(() => { const nb = window.sluiceNotebook.content; nb.activeCellIndex = 2; nb.mode = 'command'; });
  const gutter2 = await page.waitForSelector('.jp-Cell:nth-child(3) .cm-breakpoint-gutter .cm-gutterElement:nth-child(5)', { timeout: 30000 });
  await gutter2.click();
  await page.waitForTimeout(1000);
  await run(page, 2, false);
  await page.waitForFunction(() => Array.from(document.querySelectorAll('.jp-DebuggerCallstackFrame')).some((e) => e.innerText.includes('anonymous')),
    null, { timeout: 60000, polling: 200 });
  await page.waitForTimeout(1500);
  report.goFrames = await page.evaluate(() => Array.from(document.querySelectorAll('.jp-DebuggerCallstackFrame')).map((e) => e.innerText.replace(/\s+/g, ' ').trim()));
  report.goVariables = await page.evaluate(() => {
    const el = document.querySelector('.jp-DebuggerVariables-body') || document.querySelector('.jp-DebuggerVariables');
    return el ? el.innerText : '';
  });
  report.goShot = await shootPage(page, 'debugger-goroutine.png');
  await page.evaluate(() => window.jupyterapp.commands.execute('debugger:continue'));
  await waitIdle(page);
  await page.waitForTimeout(500);
  report.goOutput = await page.evaluate(() => window.sluiceNotebook.content.widgets[2].outputArea.node.innerText.trim());

  // A breakpoint on line 2 of cell 3, whose function value was made before the debugger
  // was on; cell 4 calls it.
  await page.evaluate(() => { const nb = window.sluiceNotebook.content; nb.activeCellIndex = 3; nb.mode = 'command'; });
  const gutter3 = await page.waitForSelector('.jp-Cell:nth-child(4) .cm-breakpoint-gutter .cm-gutterElement:nth-child(3)', { timeout: 30000 });
  await gutter3.click();
  await page.waitForTimeout(1000);
  await run(page, 4, false);
  await page.waitForFunction(() => Array.from(document.querySelectorAll('.jp-DebuggerCallstackFrame')).some((e) => e.innerText.includes('anonymous')),
    null, { timeout: 60000, polling: 200 });
  await page.waitForTimeout(1500);
  report.valFrames = await page.evaluate(() => Array.from(document.querySelectorAll('.jp-DebuggerCallstackFrame')).map((e) => e.innerText.replace(/\s+/g, ' ').trim()));
  report.valVariables = await page.evaluate(() => {
    const el = document.querySelector('.jp-DebuggerVariables-body') || document.querySelector('.jp-DebuggerVariables');
    return el ? el.innerText : '';
  });
  report.valShot = await shootPage(page, 'debugger-value-made-before.png');
  await page.evaluate(() => window.jupyterapp.commands.execute('debugger:continue'));
  await waitIdle(page);
  await page.waitForTimeout(500);
  report.valOutput = await page.evaluate(() => window.sluiceNotebook.content.widgets[4].outputArea.node.innerText.trim());
  await close(page);
});

async function shootPage(page, file) {
  const p = path.join(artifacts, file);
  await page.screenshot({ path: p });
  return p;
}
