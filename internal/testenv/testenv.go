// Package testenv lets tests find the external tools and servers they need (PostgreSQL,
// Debian's Jupyter clients, Chromium) and decides what happens when one is missing: the
// test skips, unless SLUICE_REQUIRE_ALL=1 (set by .ci/run), when it fails.
package testenv

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
)

// RequireAll reports whether missing tools must fail tests rather than skip them.
func RequireAll() bool { return os.Getenv("SLUICE_REQUIRE_ALL") == "1" }

// Missing skips the test (or fails it under SLUICE_REQUIRE_ALL=1) because what is absent.
func Missing(t testing.TB, what string) {
	t.Helper()
	if RequireAll() {
		t.Fatalf("%s is required (SLUICE_REQUIRE_ALL=1) but missing", what)
	}
	t.Skipf("skipping: %s is missing", what)
}

// PostgresDSN returns the DSN of the test PostgreSQL server from SLUICE_TEST_PG_DSN (set by
// .ci/run and by .ci/start-postgres), or skips/fails when it is not set.
func PostgresDSN(t testing.TB) string {
	t.Helper()
	dsn := os.Getenv("SLUICE_TEST_PG_DSN")
	if dsn == "" {
		Missing(t, "PostgreSQL (SLUICE_TEST_PG_DSN; start one with .ci/start-postgres)")
	}
	return dsn
}

// Python returns /usr/bin/python3 after checking that it can import every module named,
// or skips/fails.
func Python(t testing.TB, modules ...string) string {
	t.Helper()
	const py = "/usr/bin/python3"
	if _, err := os.Stat(py); err != nil {
		Missing(t, py)
	}
	if len(modules) > 0 {
		code := "import " + strings.Join(modules, ", ")
		if out, err := exec.Command(py, "-c", code).CombinedOutput(); err != nil {
			Missing(t, "python modules "+strings.Join(modules, ", ")+": "+strings.TrimSpace(string(out)))
		}
	}
	return py
}

// Command returns the path of an executable on PATH, or skips/fails.
func Command(t testing.TB, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		Missing(t, name)
	}
	return p
}

// RepoRoot returns the repository root (the directory holding go.mod).
func RepoRoot(t testing.TB) string {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	return filepath.Dir(filepath.Dir(filepath.Dir(file)))
}

var (
	buildOnce sync.Once
	buildPath string
	buildErr  error
	buildOut  []byte
)

// BuildFlags are the go build flags of the installed binary (README "Install into
// Jupyter"): no symbol table and no DWARF, which keep the binary under 180 MB
// (bench/build.md). Panics keep their function names and lines.
var BuildFlags = []string{"-ldflags=-s -w"}

// SluiceBinary builds cmd/sluice once per test process into a temporary directory and
// returns the binary's path. Tests that drive the real binary (kernel, runner, sandbox)
// use it. It is built as the README's install command builds it (BuildFlags).
func SluiceBinary(t testing.TB) string {
	t.Helper()
	buildOnce.Do(func() {
		removeStaleBinaries()
		dir, err := os.MkdirTemp("", fmt.Sprintf("sluice-bin-%d-", os.Getpid()))
		if err != nil {
			buildErr = err
			return
		}
		buildPath = filepath.Join(dir, "sluice")
		cmd := exec.Command("go", append(append([]string{"build"}, BuildFlags...), "-o", buildPath, "./cmd/sluice")...)
		cmd.Dir = RepoRoot(t)
		buildOut, buildErr = cmd.CombinedOutput()
	})
	if buildErr != nil {
		t.Fatalf("building sluice: %v\n%s", buildErr, buildOut)
	}
	return buildPath
}
