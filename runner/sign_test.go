package runner

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sluice-dev/sluice/internal/testenv"
)

func TestPyFloat(t *testing.T) {
	// Python 3.11's repr of each float.
	for lit, want := range map[string]string{
		"0.5": "0.5", "1.0": "1.0", "1e16": "1e+16", "1e15": "1000000000000000.0",
		"0.0001": "0.0001", "0.00001": "1e-05", "123456789012345678.0": "1.2345678901234568e+17",
		"-2.5e-7": "-2.5e-07", "0.30000000000000004": "0.30000000000000004", "1e22": "1e+22",
		"5e-324": "5e-324", "1.7976931348623157e308": "1.7976931348623157e+308", "1E2": "100.0",
		"123.456": "123.456", "-0.0": "-0.0", "9999999999999998.0": "9999999999999998.0",
		"1e400": "inf", "-1e400": "-inf",
		// ints stay ints, at any size
		"-0": "0", "42": "42", "123456789012345678901234567890": "123456789012345678901234567890",
	} {
		if got, err := pyNumber(lit); err != nil || got != want {
			t.Errorf("pyNumber(%s) = %q, %v; want %q", lit, got, err, want)
		}
	}
}

// signNotebook is a notebook with what nbformat's reader changes before signing: split
// lines in sources, streams and MIME bundles (not in JSON types), a trusted flag,
// orig_nbformat, numbers of both kinds, non-ASCII keys and a null.
const signNotebook = `{
 "cells": [
  {"cell_type": "markdown", "id": "m1", "metadata": {"trusted": true}, "source": ["# Tïtle\n", "text"]},
  {"cell_type": "code", "execution_count": 3, "id": "c1", "metadata": {"tags": ["parameters"], "ç": 1.0, "a": 1e-7},
   "outputs": [
    {"name": "stdout", "output_type": "stream", "text": ["line 1\n", "line 2\n"]},
    {"output_type": "display_data", "metadata": {"image/png": {"width": 640}},
     "data": {"text/html": ["<table>\n", "<tr><th>name</th></tr>\n", "</table>"], "text/plain": "t",
              "application/json": {"k": ["a", "b"], "n": null, "big": 12345678901234567890}, "image/svg+xml": ["<svg>\n", "</svg>"]}},
    {"output_type": "execute_result", "execution_count": 3, "metadata": {}, "data": {"text/plain": ["4.5"]}}
   ],
   "source": ["x := 1\n", "x"]}
 ],
 "metadata": {"kernelspec": {"name": "sluice", "display_name": "Go (Sluice)", "language": "go"}, "orig_nbformat": 3,
              "papermill": {"duration": 0.25, "exception": null, "ok": true}},
 "nbformat": 4,
 "nbformat_minor": 5
}`

// TestSignatureAgreesWithNbformat signs notebooks with a Notary and checks nbformat's
// NotebookNotary.check_signature (from the PyPI test environment) finds them trusted, and
// the other way round; a changed output makes both untrusted.
func TestSignatureAgreesWithNbformat(t *testing.T) {
	py := testenv.VenvPython(t, "nbformat")
	dir := t.TempDir()
	n := &Notary{DataDir: filepath.Join(dir, "jdata")}
	signed := filepath.Join(dir, "signed.ipynb")
	changed := filepath.Join(dir, "changed.ipynb")
	byPython := filepath.Join(dir, "by-python.ipynb")
	write := func(p, s string) {
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(signed, signNotebook)
	write(changed, strings.Replace(signNotebook, "line 2", "line 3", 1))
	write(byPython, strings.Replace(signNotebook, "x := 1", "x := 2", 1))
	if err := n.SignFile(signed); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(filepath.Join(n.DataDir, "notebook_secret")); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("notebook_secret: %v %v, want mode 0600", fi, err)
	}
	script := `
import sys
import nbformat
from nbformat.sign import NotebookNotary
with NotebookNotary(data_dir=sys.argv[1]) as notary:
    notary.sign(nbformat.read(sys.argv[4], as_version=4))
    print(notary.check_signature(nbformat.read(sys.argv[2], as_version=4)),
          notary.check_signature(nbformat.read(sys.argv[3], as_version=4)))
`
	cmd := exec.Command(py, "-c", script, n.DataDir, signed, changed, byPython)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("nbformat: %v\n%s", err, out)
	}
	if got := strings.TrimSpace(string(out)); got != "True False" {
		t.Errorf("nbformat check_signature(signed, changed) = %s, want True False", got)
	}
	for _, c := range []struct {
		path string
		want bool
	}{{signed, true}, {changed, false}, {byPython, true}} {
		data, err := os.ReadFile(c.path)
		if err != nil {
			t.Fatal(err)
		}
		if ok, err := n.Check(data); err != nil || ok != c.want {
			t.Errorf("Check(%s) = %v, %v; want %v", filepath.Base(c.path), ok, err, c.want)
		}
	}
	// Signing again keeps one row per signature.
	if err := n.SignFile(signed); err != nil {
		t.Fatal(err)
	}
	db, err := n.open()
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var rows int
	if err := db.QueryRow(`SELECT count(*) FROM nbsignatures`).Scan(&rows); err != nil || rows != 2 {
		t.Errorf("nbsignatures holds %d rows (%v), want 2", rows, err)
	}
}

func TestSignRefusesOldFormats(t *testing.T) {
	if _, err := Signature([]byte("k"), []byte(`{"nbformat": 3, "metadata": {}, "worksheets": []}`)); err == nil {
		t.Error("nbformat 3 notebook signed")
	}
	if _, err := Signature([]byte("k"), []byte(`{"cells": [`)); err == nil {
		t.Error("broken JSON signed")
	}
}

// TestSignConcurrently signs from several goroutines into a fresh data directory: they
// must agree on one secret and all find their signature afterwards.
func TestSignConcurrently(t *testing.T) {
	n := &Notary{DataDir: filepath.Join(t.TempDir(), "jdata")}
	const k = 8
	errs := make(chan error, k)
	for i := 0; i < k; i++ {
		go func(i int) {
			errs <- n.Sign([]byte(strings.Replace(signNotebook, "x := 1", "x := "+strings.Repeat("1", i+1), 1)))
		}(i)
	}
	for i := 0; i < k; i++ {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	for i := 0; i < k; i++ {
		ok, err := n.Check([]byte(strings.Replace(signNotebook, "x := 1", "x := "+strings.Repeat("1", i+1), 1)))
		if err != nil || !ok {
			t.Errorf("notebook %d signed concurrently is not found: %v %v", i, ok, err)
		}
	}
}
