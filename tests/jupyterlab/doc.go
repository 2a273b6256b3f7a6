// Package jupyterlab tests Sluice in JupyterLab 4, as analysts use it: a JupyterLab server
// from the PyPI test environment (.ci/venv) with the Sluice kernelspec, driven in Debian's
// headless Chromium by playwright-core (lab.mjs). It holds tests only.
package jupyterlab
