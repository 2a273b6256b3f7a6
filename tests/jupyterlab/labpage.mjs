// labpage.mjs: what the JupyterLab browser drivers share — the browser, watching a page
// for errors, opening a notebook, running its cells and closing it.
import { chromium } from '../browser/node_modules/playwright-core/index.mjs';

export const timeout = 120000;

// launch starts Debian's headless Chromium.
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-dev-shm-usage', '--no-first-run', '--disable-extensions'],
  });
}

// watch records the page's console errors, page errors, failed requests and HTTP errors
// in report.console, under the notebook's name.
export function watch(page, report, name) {
  page.on('console', (m) => { if (m.type() === 'error') report.console.push({ notebook: name, kind: 'console', text: m.text() }); });
  page.on('pageerror', (e) => report.console.push({ notebook: name, kind: 'pageerror', text: String(e) }));
  page.on('requestfailed', (r) => report.console.push({ notebook: name, kind: 'requestfailed', text: `${r.method()} ${r.url()} ${r.failure()?.errorText ?? ''}` }));
  page.on('response', (r) => { if (r.status() >= 400) report.console.push({ notebook: name, kind: 'http', text: `${r.status()} ${r.request().method()} ${r.url()}` }); });
}

// open opens notebook name in JupyterLab, keeps it as window.sluiceNotebook and waits
// for its kernel to go idle.
export async function open(page, base, token, name) {
  await page.goto(`${base}/lab/tree/${encodeURIComponent(name)}?token=${token}&reset`, { waitUntil: 'load', timeout });
  await page.waitForFunction((n) => {
    const w = window.jupyterapp?.shell?.currentWidget;
    return w && w.context?.path === n && w.context.isReady && w.sessionContext?.session?.kernel;
  }, name, { timeout });
  await page.evaluate(() => { window.sluiceNotebook = window.jupyterapp.shell.currentWidget; });
  await waitIdle(page);
}

// run runs cell i (and by default waits for the kernel to go idle, with idle).
export async function run(page, i, wait = true, idle = waitIdle) {
  await page.evaluate(async (i) => {
    const app = window.jupyterapp;
    app.shell.activateById(window.sluiceNotebook.id);
    const nb = window.sluiceNotebook.content;
    nb.mode = 'command';
    nb.activeCellIndex = i;
    void app.commands.execute('notebook:run-cell');
  }, i);
  if (wait) {
    await page.waitForFunction((i) => window.sluiceNotebook.content.widgets[i].model.executionCount !== null, i, { timeout });
    await idle(page);
  }
}

export async function waitIdle(page) {
  await page.waitForFunction(() => window.sluiceNotebook.sessionContext.session?.kernel?.status === 'idle',
    null, { timeout, polling: 200 });
}

// close shuts the notebook's kernel down and closes it without saving.
export async function close(page) {
  await page.evaluate(async () => {
    const w = window.sluiceNotebook;
    await w.sessionContext.shutdown();
    w.context.model.dirty = false;
    await w.close();
  });
}
