// Command symgen regenerates the interpreter symbol tables in kernel/engine/symbols with
// yaegi's extract package. It reads the package list (one import path per line; "std"
// expands to the standard library packages cells may use; a path ending in "/..." expands
// to the packages that exist under it; a line starting with "-" excludes a path) and
// writes one sym_*.go file per package. Packages that do not exist or do not type-check
// yet are skipped with a warning, and files of packages no longer generated are removed,
// so the command can be rerun at any time while other packages are being written.
//
// Usage (from kernel/engine/symbols, as go:generate runs it):
//
//	go run ../internal/symgen -list packages.txt
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/traefik/yaegi/extract"
)

// stdExclude lists standard packages that cells must not or cannot use through symbols:
// low-level runtime hooks, packages with init side effects on shared state, and packages
// that only export generic or test-only API.
var stdExclude = map[string]bool{
	"embed": true, "plugin": true, "unsafe": true, "syscall": true,
	"runtime/cgo": true, "runtime/race": true, "runtime/msan": true, "runtime/asan": true,
	"runtime/coverage": true, "net/http/pprof": true, "time/tzdata": true,
	"testing/cryptotest": true, "crypto/mlkem/mlkemtest": true, "testing/synctest": true,
	"structs": true,
}

func main() {
	list := flag.String("list", "packages.txt", "file listing the packages to extract")
	out := flag.String("out", ".", "directory to write the sym_*.go files into")
	flag.Parse()
	if err := run(*list, *out); err != nil {
		fmt.Fprintln(os.Stderr, "symgen:", err)
		os.Exit(1)
	}
}

func run(listFile, outDir string) error {
	pkgs, err := readList(listFile)
	if err != nil {
		return err
	}
	ext := extract.Extractor{Dest: "symbols"}
	written := map[string]bool{}
	for _, p := range pkgs {
		var buf bytes.Buffer
		if _, err := ext.Extract(p, "", &buf); err != nil {
			slog.Warn("skipping package", "package", p, "err", firstLine(err.Error()))
			continue
		}
		name := fileName(p)
		src := fixBuildTags(buf.Bytes())
		if err := writeIfChanged(filepath.Join(outDir, name), src); err != nil {
			return err
		}
		written[name] = true
	}
	// Remove files of packages that are no longer listed or no longer exist.
	old, err := filepath.Glob(filepath.Join(outDir, "sym_*.go"))
	if err != nil {
		return err
	}
	for _, f := range old {
		if !written[filepath.Base(f)] {
			slog.Info("removing stale symbols", "file", f)
			if err := os.Remove(f); err != nil {
				return err
			}
		}
	}
	slog.Info("symbols generated", "packages", len(written))
	return nil
}

// readList parses the package list and expands "std" and "/..." patterns.
func readList(name string) ([]string, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, fmt.Errorf("read package list: %w", err)
	}
	defer f.Close()
	var pkgs []string
	exclude := map[string]bool{}
	seen := map[string]bool{}
	add := func(p string) {
		if !seen[p] {
			seen[p] = true
			pkgs = append(pkgs, p)
		}
	}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if i := strings.Index(line, "#"); i >= 0 {
			line = strings.TrimSpace(line[:i])
		}
		switch {
		case line == "":
		case strings.HasPrefix(line, "-"):
			exclude[strings.TrimSpace(line[1:])] = true
		case line == "std":
			std, err := goList("std")
			if err != nil {
				return nil, err
			}
			for _, p := range std {
				if strings.Contains(p, "internal") || strings.Contains(p, "vendor/") || strings.HasPrefix(p, "cmd/") || stdExclude[p] {
					continue
				}
				add(p)
			}
		case strings.HasSuffix(line, "/..."):
			found, err := goList(line)
			if err != nil {
				slog.Warn("skipping pattern", "pattern", line, "err", firstLine(err.Error()))
				continue
			}
			for _, p := range found {
				if !strings.Contains(p, "/internal/") && !strings.HasSuffix(p, "/internal") {
					add(p)
				}
			}
		default:
			add(line)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	var res []string
	for _, p := range pkgs {
		if !exclude[p] {
			res = append(res, p)
		}
	}
	sort.Strings(res)
	return res, nil
}

// goList returns the import paths matching pattern, ignoring packages with errors.
func goList(pattern string) ([]string, error) {
	cmd := exec.Command("go", "list", "-e", "-f", "{{if not .Error}}{{.ImportPath}}{{end}}", pattern)
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go list %s: %w", pattern, err)
	}
	return strings.Fields(string(out)), nil
}

var fileNameReplacer = strings.NewReplacer("/", "_", ".", "_", "-", "_", "~", "_")

// fileName names the generated file of an import path.
func fileName(importPath string) string {
	return "sym_" + fileNameReplacer.Replace(importPath) + ".go"
}

var buildTagLine = regexp.MustCompile(`(?m)^// \+build .*\n`)

// fixBuildTags drops the legacy "+build goX.Y" line extract writes for standard packages:
// the tables are regenerated for the Go release the module builds with.
func fixBuildTags(src []byte) []byte {
	return buildTagLine.ReplaceAll(src, nil)
}

func writeIfChanged(name string, src []byte) error {
	if old, err := os.ReadFile(name); err == nil && bytes.Equal(old, src) {
		return nil
	}
	if err := os.WriteFile(name, src, 0o644); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	return nil
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}
