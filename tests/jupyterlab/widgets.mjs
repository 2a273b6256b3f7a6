// widgets.mjs drives ipywidgets 8 on the Sluice kernel in JupyterLab 4 (Debian's headless
// Chromium through playwright-core): it runs the cells of widgets.ipynb, moves the slider
// of an Interact with the keyboard, and reports what the page showed before and after,
// the Go variable the slider's callback set, and whether a display progress bar was drawn
// as a widget while it ran. One JSON report on stdout; screenshots in the artifacts dir.
//
// usage: node widgets.mjs <base-url> <token> <artifacts-dir> <widgets.ipynb>
//
// Cells of widgets.ipynb, by index: 0 imports, 1 an IntSlider 500px wide with an OnChange
// callback and an Interact drawing a bar chart, 2 the Go variable the callback sets, 3 a
// display.NewProgress loop, 4 one widget of every kind, 5 a loop that runs until a check
// box is ticked and a button. Last the notebook is saved and the page reloaded.
import path from 'node:path';
import { args, drive, watch, open, adopt, run as runCell, waitIdle as labIdle, close, timeout } from './labpage.mjs';

const [base, token, artifacts, name] = args('node widgets.mjs <base-url> <token> <artifacts-dir> <widgets.ipynb>', 4);

const report = { console: [] };
await drive(report, async (browser) => {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1400 } });
  watch(page, report, name);

  await open(page, base, token, name);
  await waitIdle(page);

  await run(page, 0);
  await run(page, 1);
  await waitIdle(page);
  // The Interact: a slider above an output widget holding the chart.
  await page.waitForSelector('.jp-Cell:nth-child(2) .noUi-handle', { timeout });
  await page.waitForFunction(() => /drawn with 3 bars/.test(outputText()), null, { timeout, polling: 200 })
    .catch(() => {});
  await settleImages(page);
  report.before = await interactFacts(page);
  report.beforeShot = await shoot(page, 'widgets-before.png');

  // Move the slider from 3 to 7 with the keyboard, as a user tabbing to it would.
  await page.evaluate(() => window.sluiceNotebook.content.widgets[1].node.querySelector('.noUi-handle').focus());
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press('ArrowRight');
  }
  await page.waitForFunction(() => /drawn with 7 bars/.test(outputText()), null, { timeout: 60000, polling: 200 })
    .catch(() => {});
  await waitIdle(page);
  await settleImages(page);
  report.after = await interactFacts(page);
  report.afterShot = await shoot(page, 'widgets-after.png');

  // The Go variable the slider's OnChange callback set.
  await run(page, 2);
  await waitIdle(page);
  report.goValue = await page.evaluate(() => window.sluiceNotebook.content.widgets[2].node.querySelector('.jp-OutputArea-output')?.innerText.trim() ?? '');

  // A display progress bar: a widget while it runs, plain HTML when done.
  await run(page, 3, false);
  report.progressWidget = await page.waitForFunction(() => {
    const el = window.sluiceNotebook.content.widgets[3].node;
    return el.querySelector('.jp-OutputArea-output .widget-hprogress') !== null;
  }, null, { timeout: 60000, polling: 50 }).then(() => true, () => false);
  if (!report.progressWidget) {
    report.progressHTML = await page.evaluate(() => window.sluiceNotebook.content.widgets[3].outputArea.node.innerHTML.slice(0, 2000));
  }
  if (report.progressWidget) {
    report.progressShot = await shoot(page, 'widgets-progress.png');
  }
  await waitIdle(page);
  await page.waitForTimeout(300);
  report.progressFinal = await page.evaluate(() => {
    const c = window.sluiceNotebook.content.widgets[3];
    return {
      mimes: c.model.outputs.toJSON().map((o) => Object.keys(o.data || {}).sort().join(',')),
      shown: Array.from(c.node.querySelectorAll('.jp-OutputArea-output')).map((el) => el.getAttribute('data-mime-type') || ''),
      text: c.outputArea.node.innerText.slice(0, 300),
    };
  });
  report.finalShot = await shoot(page, 'widgets-final.png');

  // The gallery: every kind of widget, with its value.
  await run(page, 4);
  await page.waitForTimeout(1500);
  report.gallery = await page.evaluate(() => {
    const cell = window.sluiceNotebook.content.widgets[4].node;
    return {
      widgets: cell.querySelectorAll('.jupyter-widgets').length,
      errors: Array.from(cell.querySelectorAll('.jp-OutputArea-output')).map((e) => e.innerText).filter((t) => /error/i.test(t)),
      readouts: Array.from(cell.querySelectorAll('.widget-readout')).map((e) => e.innerText.trim()),
      inputs: Array.from(cell.querySelectorAll('input, textarea')).map((e) => e.value),
    };
  });
  report.galleryShot = await shootCell(page, 4, 'widgets-gallery.png');

  // A cell loops until the check box is ticked; then the button's callback sets a label.
  await run(page, 5, false);
  await page.waitForSelector('.jp-Cell:nth-child(6) .widget-checkbox input', { timeout });
  await page.waitForTimeout(500);
  await page.click('.jp-Cell:nth-child(6) .widget-checkbox input');
  await waitIdle(page);
  await page.waitForTimeout(300);
  const stopText = await page.evaluate(() => window.sluiceNotebook.content.widgets[5].outputArea.node.innerText);
  await page.click('.jp-Cell:nth-child(6) .widget-button');
  await page.waitForFunction(() => Array.from(window.sluiceNotebook.content.widgets[5].node.querySelectorAll('.widget-label'))
    .some((e) => e.innerText.trim() === 'clicked'), null, { timeout: 30000, polling: 200 }).catch(() => {});
  report.stop = {
    text: stopText,
    label: await page.evaluate(() => Array.from(window.sluiceNotebook.content.widgets[5].node.querySelectorAll('.widget-label'))
      .map((e) => e.innerText.trim()).filter((t) => t === 'clicked' || t === 'not clicked')[0] ?? ''),
  };
  report.stopShot = await shootCell(page, 5, 'widgets-stop.png');

  // Reload the page: the widget manager asks the kernel for every widget's state through
  // the control comm, and the slider and the chart come back as they were.
  await page.evaluate(() => window.jupyterapp.commands.execute('docmanager:save'));
  await page.waitForFunction(() => !window.sluiceNotebook.context.model.dirty, null, { timeout });
  await page.reload({ waitUntil: 'load', timeout });
  await adopt(page, name);
  await waitIdle(page);
  await page.waitForFunction(() => /drawn with 7 bars/.test(outputText()), null, { timeout: 60000, polling: 200 })
    .catch(() => {});
  await settleImages(page);
  report.reloaded = await interactFacts(page);
  report.reloadShot = await shoot(page, 'widgets-reloaded.png');
  await close(page);
});

// waitIdle waits for the kernel to go idle and (again, after a reload) gives the page
// outputText, the Interact's output widget's text.
async function waitIdle(page) {
  await labIdle(page);
  await page.evaluate(() => {
    window.outputText = () => {
      const el = window.sluiceNotebook.content.widgets[1].node.querySelector('.widget-output');
      return el ? el.innerText : '';
    };
  });
}

async function settleImages(page) {
  await page.waitForFunction(() => Array.from(document.images).every((i) => i.complete), null, { timeout: 30000 });
  // Vega-Lite views draw asynchronously: wait until each has its marks.
  await page.waitForFunction(() => Array.from(document.querySelectorAll('.jp-RenderedVegaLite'))
    .every((v) => v.querySelector('.marks') !== null), null, { timeout: 30000 }).catch(() => {});
  await page.waitForTimeout(500);
}

// interactFacts is what the Interact cell shows: the slider's readout and the output
// widget's text and images.
async function interactFacts(page) {
  return page.evaluate(() => {
    const cell = window.sluiceNotebook.content.widgets[1].node;
    const out = cell.querySelector('.widget-output');
    return {
      readout: cell.querySelector('.widget-readout')?.innerText ?? '',
      sliderWidth: Math.round(cell.querySelector('.widget-slider')?.getBoundingClientRect().width ?? 0),
      sliders: cell.querySelectorAll('.widget-slider').length,
      text: out ? out.innerText.slice(0, 300) : '',
      // A chart is an image, or the Vega-Lite view JupyterLab draws from the chart's spec.
      images: out ? [
        ...Array.from(out.querySelectorAll('img')).map((im) => ({ natural: im.naturalWidth, width: Math.round(im.getBoundingClientRect().width) })),
        ...Array.from(out.querySelectorAll('.jp-RenderedVegaLite svg.marks, .jp-RenderedVegaLite canvas.marks')).map((v) => {
          const w = Math.round(v.getBoundingClientRect().width);
          return { natural: w, width: w };
        }),
      ] : [],
      outputs: out ? out.querySelectorAll('.jp-OutputArea-output').length : 0,
    };
  });
}

async function shoot(page, file) {
  await page.evaluate(() => { window.sluiceNotebook.content.node.scrollTop = 0; });
  await page.waitForTimeout(200);
  const p = path.join(artifacts, file);
  await page.screenshot({ path: p });
  return p;
}

async function shootCell(page, i, file) {
  const p = path.join(artifacts, file);
  await page.evaluate((i) => window.sluiceNotebook.content.widgets[i].node.scrollIntoView(), i);
  await page.waitForTimeout(300);
  const el = await page.evaluateHandle((i) => window.sluiceNotebook.content.widgets[i].node, i);
  await el.asElement().screenshot({ path: p });
  return p;
}

// run runs cell i with this driver's waitIdle.
function run(page, i, wait = true) {
  return runCell(page, i, wait, waitIdle);
}
