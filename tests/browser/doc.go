// Package browser holds Sluice's browser tests: notebooks with display output are
// opened in Debian's classic Jupyter Notebook in headless Chromium (driven by
// playwright-core through notebook.mjs), and the test asserts what a reader would see.
// Screenshots are kept under artifacts/ (git-ignored).
package browser
