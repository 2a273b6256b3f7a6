package kernel

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/sluice-dev/sluice/internal/testenv"
)

// Cells the hash is checked on: ASCII, accents, symbols outside the BMP (two UTF-16 code
// units), every tail length, and the empty cell.
var hashCells = []string{"", "x", "ab", "abc", "abcd", "x := 1\nx + 2", `name := "café ☕"`,
	"s := \"🦫 gopher\"\nfmt.Println(s)", "日本語のセル", "\t\r\n"}

// TestMurmur2Distinct checks the degenerate case and that the cells above get distinct
// hashes (the values themselves are checked against JupyterLab below).
func TestMurmur2Distinct(t *testing.T) {
	if murmur2(nil, 0) != 0 {
		t.Errorf("murmur2(empty, 0) = %d, want 0", murmur2(nil, 0))
	}
	seen := map[uint32]string{}
	for _, c := range hashCells {
		h := murmur2([]byte(c), debugHashSeed)
		if prev, ok := seen[h]; ok {
			t.Errorf("%q and %q hash alike", prev, c)
		}
		seen[h] = c
	}
}

// TestCellPathsAsJupyterLab checks cellSourcePath against the hash function of the
// JupyterLab installed in the PyPI test environment, run by node: the debugger panel
// finds a cell's breakpoints and stack frames by that path.
func TestCellPathsAsJupyterLab(t *testing.T) {
	node := testenv.Command(t, "node")
	bundles, _ := filepath.Glob(filepath.Join(testenv.VenvDir(t), "share", "jupyter", "lab", "static", "jlab_core.*.js"))
	var fn []byte
	for _, b := range bundles {
		src, err := os.ReadFile(b)
		if err != nil {
			continue
		}
		if fn = jupyterLabMurmur2(src); fn != nil {
			break
		}
	}
	if fn == nil {
		testenv.Missing(t, "JupyterLab 4's static bundle with its murmur2 (create the environment with .ci/venv)")
		return
	}
	script := string(fn) + `
const fs = require("fs");
const cells = JSON.parse(fs.readFileSync(0, "utf8"));
console.log(cells.map(c => String(__hash(c, ` + strconv.Itoa(debugHashSeed) + `))).join("\n"));`
	cmd := exec.Command(node, "-e", script)
	cells, err := json.Marshal(hashCells)
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stdin = bytes.NewReader(cells)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, out)
	}
	got := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(got) != len(hashCells) {
		t.Fatalf("node printed %d hashes for %d cells:\n%s", len(got), len(hashCells), out)
	}
	for i, c := range hashCells {
		want := "/p/" + got[i] + debugFileSuffix
		if p := cellSourcePath("/p/", c); p != want {
			t.Errorf("cell %q: path %s, JupyterLab computes %s", c, p, want)
		}
	}
}

// jupyterLabMurmur2 cuts JupyterLab's murmur2 out of its minified bundle: the
// declaration of its constants (`let d=0x5bd1e995,c=new TextEncoder;`) and the function
// after it, renamed __hash. nil when the bundle has none.
func jupyterLabMurmur2(src []byte) []byte {
	i := bytes.Index(src, []byte("0x5bd1e995"))
	if i < 0 {
		return nil
	}
	start := bytes.LastIndex(src[:i], []byte("let "))
	fi := bytes.Index(src[i:], []byte("function "))
	if start < 0 || fi < 0 {
		return nil
	}
	fi += i
	open := bytes.IndexByte(src[fi:], '{')
	if open < 0 {
		return nil
	}
	depth, end := 0, -1
	for j := fi + open; j < len(src); j++ {
		switch src[j] {
		case '{':
			depth++
		case '}':
			depth--
		}
		if depth == 0 {
			end = j + 1
			break
		}
	}
	if end < 0 {
		return nil
	}
	name := src[fi+len("function ") : fi+bytes.IndexByte(src[fi:], '(')]
	var b bytes.Buffer
	b.Write(src[start:end])
	b.WriteString(";const __hash=" + string(name) + ";")
	return b.Bytes()
}
