// Package pkglist expands the kernel's package list (kernel/engine/symbols/packages.txt)
// into import paths, for the symbol table generator (internal/symgen) and the type data
// generator (typedata/internal/gen), and computes the source stamp of the type data. It
// runs the go command and is used only by the generators and by tests, never by the
// kernel at run time.
//
// The rules, in one place for both generators: "std" is the standard library without
// internal, vendored and cmd packages and without StdExclude; "path/..." is every package
// under path that is not internal; "-path" excludes a path; "#" starts a comment.
package pkglist

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
)

// StdExclude lists standard packages that cells must not or cannot use: low-level
// runtime hooks, packages with init side effects on shared state, and packages that only
// export generic or test-only API.
var StdExclude = map[string]bool{
	"embed": true, "plugin": true, "unsafe": true, "syscall": true,
	"runtime/cgo": true, "runtime/race": true, "runtime/msan": true, "runtime/asan": true,
	"runtime/coverage": true, "net/http/pprof": true, "time/tzdata": true,
	"testing/cryptotest": true, "crypto/mlkem/mlkemtest": true, "testing/synctest": true,
	"structs": true,
}

// Extra lists packages the typed front end needs whatever the list says: the generic
// standard packages whose API the interpreter's symbol tables cannot describe.
var Extra = []string{"cmp", "iter", "maps", "math/rand/v2", "slices", "unique"}

// GOOS and GOARCH are the target the type data is generated for. Type information of a
// few standard packages (syscall-dependent struct fields) differs between targets; the
// kernel ships for linux/amd64.
const (
	GOOS   = "linux"
	GOARCH = "amd64"
)

// Env returns the environment the go command runs with for the type data: the pinned
// target.
func Env() []string {
	return append(os.Environ(), "GOOS="+GOOS, "GOARCH="+GOARCH)
}

// Config says how Expand runs the go command.
type Config struct {
	Dir string   // the directory it runs in (inside the module)
	Env []string // its environment; nil: this process's
	// Skip, when set, is told of a "path/..." pattern the go command cannot list, and
	// the pattern is left out; when nil, such a pattern fails the expansion.
	Skip func(pattern string, err error)
}

// Read expands the package list in file for the type data: strictly, for the pinned
// target, with Extra added. dir is the directory the go command runs in.
func Read(file, dir string) ([]string, error) {
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("read package list: %w", err)
	}
	pkgs, err := Expand(b, Config{Dir: dir, Env: Env()})
	if err != nil {
		return nil, err
	}
	return union(pkgs, Extra), nil
}

// Expand expands the text of a package list into sorted, de-duplicated import paths.
func Expand(list []byte, c Config) ([]string, error) {
	seen := map[string]bool{}
	exclude := map[string]bool{}
	sc := bufio.NewScanner(bytes.NewReader(list))
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
			std, err := goList(c, "std")
			if err != nil {
				return nil, err
			}
			for _, p := range std {
				if !strings.Contains(p, "internal") && !strings.Contains(p, "vendor/") && !strings.HasPrefix(p, "cmd/") && !StdExclude[p] {
					seen[p] = true
				}
			}
		case strings.HasSuffix(line, "/..."):
			found, err := goList(c, line)
			if err != nil && c.Skip != nil {
				c.Skip(line, err)
				continue
			}
			if err != nil {
				return nil, err
			}
			for _, p := range found {
				if !strings.Contains(p, "/internal/") && !strings.HasSuffix(p, "/internal") {
					seen[p] = true
				}
			}
		default:
			seen[line] = true
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	var res []string
	for p := range seen {
		if !exclude[p] {
			res = append(res, p)
		}
	}
	sort.Strings(res)
	return res, nil
}

// union returns the sorted, de-duplicated paths of a and b.
func union(a, b []string) []string {
	res := append(append([]string(nil), a...), b...)
	sort.Strings(res)
	return slices.Compact(res)
}

// goList returns the import paths matching pattern, leaving out packages with errors.
func goList(c Config, pattern string) ([]string, error) {
	out, err := goCmd(c.Dir, c.Env, "list", "-e", "-f", "{{if not .Error}}{{.ImportPath}}{{end}}", pattern)
	if err != nil {
		return nil, err
	}
	return strings.Fields(string(out)), nil
}

func goCmd(dir string, env []string, args ...string) ([]byte, error) {
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = env
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go %s: %v: %s", strings.Join(args, " "), err, strings.TrimSpace(stderr.String()))
	}
	return out, nil
}

// GoVersion reports the version of the go command found on PATH, e.g. "go1.26.8".
func GoVersion(dir string) (string, error) {
	out, err := goCmd(dir, Env(), "env", "GOVERSION")
	if err != nil {
		return "", err
	}
	return strings.TrimSpace(string(out)), nil
}

// Stamp identifies everything the generated type data depends on.
type Stamp struct {
	GoVersion string // e.g. go1.26.8
	Target    string // GOOS/GOARCH
	Packages  int    // number of importable packages
	Digest    string // digest of the above, the package list and the sources of all dependencies
}

// String formats the stamp as one line, the form stored in the data file.
func (s Stamp) String() string {
	return fmt.Sprintf("%s %s %d %s", s.GoVersion, s.Target, s.Packages, s.Digest)
}

// ParseStamp parses the form written by String.
func ParseStamp(line string) (Stamp, error) {
	var s Stamp
	if _, err := fmt.Sscanf(line, "%s %s %d %s", &s.GoVersion, &s.Target, &s.Packages, &s.Digest); err != nil {
		return Stamp{}, fmt.Errorf("bad stamp %q: %v", line, err)
	}
	return s, nil
}

type listedPackage struct {
	ImportPath string
	Dir        string
	GoFiles    []string
	CgoFiles   []string
	Standard   bool
	Module     *struct {
		Path    string
		Version string
		Main    bool
		Replace *struct{ Path, Version string }
	}
	Error *struct{ Err string }
}

// GeneratorPath is the import path of the generator.
const GeneratorPath = "github.com/sluice-dev/sluice/kernel/engine/typedata/internal/gen"

// ComputeStamp digests the Go version, the target, the import paths and everything they
// and the generator depend on: a standard package is identified by the Go version, a package of a module
// dependency by the module's path and version, and any other package (this module's own,
// or a replaced module's) by its Go files' contents.
func ComputeStamp(dir string, pkgs []string) (Stamp, error) {
	ver, err := GoVersion(dir)
	if err != nil {
		return Stamp{}, err
	}
	// The generator's own dependencies count too: its code, and the versions of
	// x/tools (which writes the export data) and of the compressor.
	args := append([]string{"list", "-e", "-deps", "-json=ImportPath,Dir,GoFiles,CgoFiles,Standard,Module,Error", GeneratorPath}, pkgs...)
	out, err := goCmd(dir, Env(), args...)
	if err != nil {
		return Stamp{}, err
	}
	h := sha256.New()
	fmt.Fprintf(h, "typedata v1\n%s\n%s/%s\n", ver, GOOS, GOARCH)
	for _, p := range pkgs {
		fmt.Fprintln(h, "pkg", p)
	}
	var lines []string
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var p listedPackage
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			return Stamp{}, fmt.Errorf("parse go list output: %w", err)
		}
		switch {
		case p.Error != nil:
			lines = append(lines, "error "+p.ImportPath+" "+p.Error.Err)
		case p.Standard:
		case p.Module != nil && !p.Module.Main && p.Module.Replace == nil:
			lines = append(lines, "module "+p.Module.Path+"@"+p.Module.Version)
		default:
			fh := sha256.New()
			files := append(append([]string(nil), p.GoFiles...), p.CgoFiles...)
			sort.Strings(files)
			for _, f := range files {
				b, err := os.ReadFile(filepath.Join(p.Dir, f))
				if err != nil {
					return Stamp{}, err
				}
				fmt.Fprintln(fh, f, len(b))
				fh.Write(b)
			}
			lines = append(lines, "src "+p.ImportPath+" "+hex.EncodeToString(fh.Sum(nil)))
		}
	}
	sort.Strings(lines)
	prev := ""
	for _, l := range lines {
		if l != prev {
			fmt.Fprintln(h, l)
		}
		prev = l
	}
	return Stamp{
		GoVersion: ver,
		Target:    GOOS + "/" + GOARCH,
		Packages:  len(pkgs),
		Digest:    hex.EncodeToString(h.Sum(nil))[:24],
	}, nil
}
