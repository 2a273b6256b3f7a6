// labpage.mjs: what the browser drivers share — their arguments, the browser and the
// report they print, watching a page for errors, and in JupyterLab opening a notebook,
// running its cells and closing it.
import { chromium } from '../browser/node_modules/playwright-core/index.mjs';

export const timeout = 120000;

// args returns the driver's arguments; without its first count ones it prints usage
// and exits with status 2.
export function args(usage, count) {
  const a = process.argv.slice(2);
  if (a.length < count || a.slice(0, count).some((x) => !x)) {
    console.error(`usage: ${usage}`);
    process.exit(2);
  }
  return a;
}

// drive launches the browser, runs body(browser), closes the browser and prints report
// as one line of JSON, then exits: with status 1 when body threw (its error on stderr).
export async function drive(report, body) {
  const browser = await launch();
  let exitCode = 0;
  try {
    await body(browser);
  } catch (err) {
    console.error(String(err && err.stack || err));
    exitCode = 1;
  } finally {
    await browser.close();
  }
  console.log(JSON.stringify(report));
  process.exit(exitCode);
}

// launch starts Debian's headless Chromium.
function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-dev-shm-usage', '--no-first-run', '--disable-extensions'],
  });
}

// watch records the page's console errors, page errors, failed requests and HTTP errors
// in report.console, under the notebook's name: name, or what name() returns at the time
// for a driver that opens several notebooks.
export function watch(page, report, name) {
  const at = typeof name === 'function' ? name : () => name;
  const add = (kind, text) => report.console.push({ notebook: at(), kind, text });
  page.on('console', (m) => { if (m.type() === 'error') add('console', m.text()); });
  page.on('pageerror', (e) => add('pageerror', String(e)));
  page.on('requestfailed', (r) => add('requestfailed', `${r.method()} ${r.url()} ${r.failure()?.errorText ?? ''}`));
  page.on('response', (r) => { if (r.status() >= 400) add('http', `${r.status()} ${r.request().method()} ${r.url()}`); });
}

// open opens notebook name in JupyterLab and waits for it as adopt does.
export async function open(page, base, token, name) {
  await page.goto(`${base}/lab/tree/${encodeURIComponent(name)}?token=${token}&reset`, { waitUntil: 'load', timeout });
  await adopt(page, name);
}

// adopt waits for notebook name to be JupyterLab's current widget with its kernel, keeps
// it as window.sluiceNotebook (other panels, the inspector, may become current later)
// and waits for its kernel to go idle. After a reload it finds the notebook again.
export async function adopt(page, name) {
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

// waitIdle waits (at most ms) for the notebook's kernel to be idle.
export async function waitIdle(page, ms = timeout) {
  await page.waitForFunction(() => window.sluiceNotebook.sessionContext.session?.kernel?.status === 'idle',
    null, { timeout: ms, polling: 200 });
}

// close closes the notebook without saving, then shuts its kernel down (a next notebook
// may read what it wrote), so that its outputs' widget views are disposed before their
// kernel goes. (This did not end the occasional "Could not add child view to box"
// console errors while a notebook runs: see the lead's notes on issue 17.)
export async function close(page) {
  await page.evaluate(async () => {
    const w = window.sluiceNotebook;
    const id = w.sessionContext.session?.id;
    w.context.model.dirty = false;
    await w.close();
    if (id) await window.jupyterapp.serviceManager.sessions.shutdown(id);
  });
}
