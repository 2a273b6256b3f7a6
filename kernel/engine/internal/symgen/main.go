// Command symgen regenerates the interpreter symbol tables in kernel/engine/symbols. It
// reads the package list (one import path per line; "std" expands to the standard
// library packages cells may use; a path ending in "/..." expands to the packages that
// exist under it; a line starting with "-" excludes a path) and writes one sym_*.go file
// per package, in the format of yaegi's extract package (see generate.go). Packages that
// do not exist or do not type-check yet are skipped with a warning, and files of packages
// no longer generated are removed, so the command can be rerun at any time while other
// packages are being written.
//
// Type information comes from the compiler's export data, loaded once for all the
// packages to regenerate (load.go); yaegi's own extractor type-checks each package and
// all its dependencies from source, which took minutes per platform package.
//
// Usage (from kernel/engine/symbols, as go:generate runs it):
//
//	go run ../internal/symgen [-force] -list packages.txt
package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/sluice-dev/sluice/kernel/engine/internal/pkglist"
)

var force bool

func main() {
	list := flag.String("list", "packages.txt", "file listing the packages to generate symbols for")
	out := flag.String("out", ".", "directory to write the sym_*.go files into")
	flag.BoolVar(&force, "force", false, "regenerate every package, even those whose sources did not change")
	flag.Parse()
	if err := run(*list, *out); err != nil {
		fmt.Fprintln(os.Stderr, "symgen:", err)
		os.Exit(1)
	}
}

func run(listFile, outDir string) error {
	start := time.Now()
	pkgs, err := readList(listFile)
	if err != nil {
		return err
	}
	stamps, err := sourceStamps(pkgs)
	if err != nil {
		return err
	}
	written := map[string]bool{}
	var stale []string
	for _, p := range pkgs {
		stamp, ok := stamps[p]
		if !ok {
			slog.Warn("skipping package", "package", p, "err", "not found or does not build")
			continue
		}
		name := fileName(p)
		if !force && hasStamp(filepath.Join(outDir, name), stamp) {
			written[name] = true // unchanged since the last run
			continue
		}
		stale = append(stale, p)
	}
	loaded, failed, err := load(stale)
	if err != nil {
		return err
	}
	slog.Info("loaded type information", "packages", len(loaded), "took", time.Since(start).Round(time.Millisecond))
	for _, p := range stale {
		if err := failed[p]; err != nil {
			slog.Warn("skipping package", "package", p, "err", firstLine(err.Error()))
			continue
		}
		src, err := generate(p, loaded[p])
		if err != nil {
			return err
		}
		name := fileName(p)
		src = append(src, []byte("\n"+stampPrefix+stamps[p]+"\n")...)
		if err := writeIfChanged(filepath.Join(outDir, name), src); err != nil {
			return err
		}
		slog.Info("generated", "package", p)
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
	slog.Info("symbols generated", "packages", len(written), "regenerated", len(stale), "took", time.Since(start).Round(time.Millisecond))
	return nil
}

// readList expands the package list, leaving out with a warning the "path/..." patterns
// the go command cannot list yet.
func readList(name string) ([]string, error) {
	b, err := os.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("read package list: %w", err)
	}
	return pkglist.Expand(b, pkglist.Config{Skip: func(pattern string, err error) {
		slog.Warn("skipping pattern", "pattern", pattern, "err", firstLine(err.Error()))
	}})
}

// stampPrefix starts the last line of a generated file: a digest of the Go release and
// of the package's source files, so that unchanged packages are not loaded and written
// again. The digest covers the package's own files only: an API change in a dependency
// that shows in a wrapped interface needs -force.
const stampPrefix = "// symgen source stamp: "

// sourceStamps returns, for each package that exists, a digest of its Go files and of
// the Go release.
func sourceStamps(pkgs []string) (map[string]string, error) {
	args := append([]string{"list", "-e", "-f", "{{if not .Error}}{{.ImportPath}}\t{{.Dir}}\t{{join .GoFiles \" \"}}{{end}}"}, pkgs...)
	cmd := exec.Command("go", args...)
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go list: %w", err)
	}
	res := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Split(line, "\t")
		if len(f) != 3 {
			continue
		}
		h := sha256.New()
		fmt.Fprintln(h, runtime.Version())
		for _, name := range strings.Fields(f[2]) {
			b, err := os.ReadFile(filepath.Join(f[1], name))
			if err != nil {
				return nil, err
			}
			fmt.Fprintln(h, name, len(b))
			h.Write(b)
		}
		res[f[0]] = hex.EncodeToString(h.Sum(nil))[:24]
	}
	return res, nil
}

// hasStamp reports whether file was generated from sources with this stamp.
func hasStamp(file, stamp string) bool {
	b, err := os.ReadFile(file)
	return err == nil && bytes.Contains(b, []byte(stampPrefix+stamp))
}

var fileNameReplacer = strings.NewReplacer("/", "_", ".", "_", "-", "_", "~", "_")

// fileName names the generated file of an import path.
func fileName(importPath string) string {
	return "sym_" + fileNameReplacer.Replace(importPath) + ".go"
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
