package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sluice-dev/sluice/internal/testenv"
)

// writeCheckNotebook writes a Go notebook whose cells have ids c0, c1…; a source
// starting with "#tag:NAME\n" gets that tag.
func writeCheckNotebook(t *testing.T, srcs ...string) string {
	t.Helper()
	var cells []map[string]any
	for i, s := range srcs {
		md := map[string]any{}
		if tag, rest, ok := strings.Cut(s, "\n"); ok && strings.HasPrefix(tag, "#tag:") {
			md["tags"] = []string{tag[5:]}
			s = rest
		}
		cells = append(cells, map[string]any{"cell_type": "code", "id": "c" + string(rune('0'+i)), "metadata": md,
			"source": s, "outputs": []any{}, "execution_count": nil})
	}
	data, _ := json.Marshal(map[string]any{"nbformat": 4, "nbformat_minor": 5, "cells": cells,
		"metadata": map[string]any{"kernelspec": map[string]any{"name": "sluice", "display_name": "Go", "language": "go"}}})
	path := filepath.Join(t.TempDir(), "nb.ipynb")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func sluiceCheck(t *testing.T, args ...string) (int, string) {
	t.Helper()
	out, err := exec.Command(testenv.SluiceBinary(t), append([]string{"check"}, args...)...).CombinedOutput()
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.ExitCode(), string(out)
	} else if err != nil {
		t.Fatal(err)
	}
	return 0, string(out)
}

// sluice check type-checks each cell against what earlier cells declare (functions,
// types, variables, a %%sql result, the injected parameters), reports every cell that
// does not check with its position, and runs nothing.
func TestCheckNotebook(t *testing.T) {
	marker := filepath.Join(t.TempDir(), "ran")
	nb := writeCheckNotebook(t,
		"#tag:parameters\nusers := 100 // how many",
		"import \"os\"\ntype point struct{ X, Y int }\nfunc norm(p point) int { return p.X*p.X + p.Y*p.Y }\nx := norm(point{3, 4})\nos.WriteFile("+strconvQuote(marker)+", nil, 0o644)",
		"var s string = x",
		"%%sql top <<\nSELECT 1 AS one",
		"fmt.Println(top.NumRows(), users+x)\nfmt.Println(norm(point{1, 2}).Foo)",
		"fmt.Println(undefinedThing)",
		"#tag:skip-execution\nthis is not Go")
	code, out := sluiceCheck(t, nb, "-p", "users=5000")
	if code != 1 {
		t.Fatalf("exit %d, want 1:\n%s", code, out)
	}
	for _, want := range []string{
		"cell 3 (c2): 1:16: cannot use x (variable of type int) as string value in variable declaration",
		"cell 5 (c4): 2:31: norm(point{…}).Foo undefined (type int has no field or method Foo)",
		"cell 6 (c5): 1:13: undefined: undefinedThing",
		"3 of 7 code cells do not check",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in:\n%s", want, out)
		}
	}
	if strings.Count(out, ": cell ") != 3 {
		t.Errorf("errors reported:\n%s", out)
	}
	if _, err := os.Stat(marker); err == nil {
		t.Fatal("sluice check ran a cell")
	}

	// A parameter that does not fit its declared type, an unknown one, a missing file.
	for _, args := range [][]string{{nb, "-p", "users=lots"}, {nb, "-p", "nobody=1"}, {filepath.Join(t.TempDir(), "none.ipynb")}} {
		if code, out := sluiceCheck(t, args...); code != 2 {
			t.Errorf("%v: exit %d, want 2:\n%s", args, code, out)
		}
	}
}

// The seven example notebooks check.
func TestCheckExampleNotebooks(t *testing.T) {
	nbs, _ := filepath.Glob(filepath.Join(testenv.RepoRoot(t), "notebooks", "*.ipynb"))
	if len(nbs) != 7 {
		t.Fatalf("example notebooks: %v", nbs)
	}
	if code, out := sluiceCheck(t, nbs...); code != 0 {
		t.Fatalf("exit %d:\n%s", code, out)
	}
}

func strconvQuote(s string) string { b, _ := json.Marshal(s); return string(b) }
