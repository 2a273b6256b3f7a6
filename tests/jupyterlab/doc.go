// Package jupyterlab tests Sluice in JupyterLab 4, as analysts use it: a JupyterLab server
// from the PyPI test environment (.ci/venv) with the Sluice kernelspec, driven in Debian's
// headless Chromium by playwright-core. The drivers (lab.mjs: the notebooks, trust,
// completion, interrupt; debugger.mjs; widgets.mjs; vegareport.mjs: an HTML report) share
// labpage.mjs: their arguments, the browser and the JSON report they print, the page's
// error watch, and opening, running and closing a notebook. It holds tests only.
package jupyterlab
