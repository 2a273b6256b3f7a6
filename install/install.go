// Package install writes and removes Sluice's Jupyter kernelspec: a kernels/<name>
// directory holding kernel.json (how Jupyter starts the kernel) and the 32 and 64 pixel
// logos, in the user's, the Python environment's, a prefix's or the system's Jupyter
// data directory.
package install

//go:generate go run gen_logos.go

import (
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
)

//go:embed logo-32x32.png
var logo32 []byte

//go:embed logo-64x64.png
var logo64 []byte

// Defaults for the kernelspec's directory name and the name Jupyter shows.
const (
	DefaultName        = "sluice"
	DefaultDisplayName = "Go (Sluice)"
)

// Scope says which Jupyter data directory receives the kernelspec.
type Scope int

const (
	// System is the machine-wide directory (/usr/local/share/jupyter), as
	// `jupyter kernelspec install` uses by default.
	System Scope = iota
	// User is the user's Jupyter data directory ($JUPYTER_DATA_DIR, or
	// ~/.local/share/jupyter on Linux).
	User
	// SysPrefix is the share/jupyter directory of the active Python environment
	// ($VIRTUAL_ENV, $CONDA_PREFIX, or python3's sys.prefix).
	SysPrefix
	// Prefix is PREFIX/share/jupyter for the Options.Prefix directory.
	Prefix
)

// Options selects where and what to install.
type Options struct {
	Scope       Scope
	Prefix      string // for Scope Prefix
	Name        string // kernelspec directory name; default DefaultName
	DisplayName string // default DefaultDisplayName
	Executable  string // the sluice binary; default the running executable
}

// Spec is the content of kernel.json.
type Spec struct {
	Argv                  []string       `json:"argv"`
	DisplayName           string         `json:"display_name"`
	Language              string         `json:"language"`
	InterruptMode         string         `json:"interrupt_mode"`
	KernelProtocolVersion string         `json:"kernel_protocol_version"`
	Metadata              map[string]any `json:"metadata"`
}

// NewSpec returns the kernelspec that starts executable as a kernel.
func NewSpec(executable, displayName string) Spec {
	return Spec{
		Argv:                  []string{executable, "kernel", "--connection-file", "{connection_file}"},
		DisplayName:           displayName,
		Language:              "go",
		InterruptMode:         "message",
		KernelProtocolVersion: "5.5",
		// The kernel answers debug_request (JupyterLab's debugger panel).
		Metadata: map[string]any{"debugger": true},
	}
}

// KernelsDir returns the Jupyter kernels directory of scope.
func KernelsDir(scope Scope, prefix string) (string, error) {
	switch scope {
	case User:
		d, err := userDataDir()
		if err != nil {
			return "", err
		}
		return filepath.Join(d, "kernels"), nil
	case SysPrefix:
		p, err := pythonPrefix()
		if err != nil {
			return "", err
		}
		return filepath.Join(p, "share", "jupyter", "kernels"), nil
	case Prefix:
		if prefix == "" {
			return "", errors.New("install: --prefix needs a directory")
		}
		abs, err := filepath.Abs(prefix)
		if err != nil {
			return "", fmt.Errorf("install: prefix %s: %w", prefix, err)
		}
		return filepath.Join(abs, "share", "jupyter", "kernels"), nil
	default:
		if runtime.GOOS == "windows" {
			if pd := os.Getenv("PROGRAMDATA"); pd != "" {
				return filepath.Join(pd, "jupyter", "kernels"), nil
			}
		}
		return "/usr/local/share/jupyter/kernels", nil
	}
}

// userDataDir is Jupyter's per-user data directory.
func userDataDir() (string, error) {
	if d := os.Getenv("JUPYTER_DATA_DIR"); d != "" {
		return d, nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("install: find the home directory: %w", err)
	}
	switch runtime.GOOS {
	case "darwin":
		return filepath.Join(home, "Library", "Jupyter"), nil
	case "windows":
		if a := os.Getenv("APPDATA"); a != "" {
			return filepath.Join(a, "jupyter"), nil
		}
		return filepath.Join(home, "AppData", "Roaming", "jupyter"), nil
	}
	if x := os.Getenv("XDG_DATA_HOME"); x != "" {
		return filepath.Join(x, "jupyter"), nil
	}
	return filepath.Join(home, ".local", "share", "jupyter"), nil
}

// pythonPrefix is the prefix of the active Python environment.
func pythonPrefix() (string, error) {
	for _, v := range []string{"VIRTUAL_ENV", "CONDA_PREFIX"} {
		if p := os.Getenv(v); p != "" {
			return p, nil
		}
	}
	for _, py := range []string{"python3", "python"} {
		out, err := exec.Command(py, "-c", "import sys; print(sys.prefix)").Output()
		if err == nil && strings.TrimSpace(string(out)) != "" {
			return strings.TrimSpace(string(out)), nil
		}
	}
	return "", errors.New("install: --sys-prefix needs an active Python environment ($VIRTUAL_ENV or $CONDA_PREFIX) or python3 on PATH")
}

func (o *Options) defaults() error {
	if o.Name == "" {
		o.Name = DefaultName
	}
	if o.DisplayName == "" {
		o.DisplayName = DefaultDisplayName
	}
	if err := checkName(o.Name); err != nil {
		return err
	}
	if o.Executable == "" {
		exe, err := os.Executable()
		if err != nil {
			return fmt.Errorf("install: find the sluice executable: %w", err)
		}
		o.Executable = exe
	}
	exe, err := filepath.Abs(o.Executable)
	if err != nil {
		return fmt.Errorf("install: %w", err)
	}
	if resolved, err := filepath.EvalSymlinks(exe); err == nil {
		exe = resolved
	}
	o.Executable = exe
	return nil
}

// checkName refuses a kernelspec name that is not one path element: it must not reach
// outside the kernels directory.
func checkName(name string) error {
	if strings.ContainsAny(name, `/\ `) || name == "." || name == ".." {
		return fmt.Errorf("install: kernel name %q must be one path element without spaces", name)
	}
	return nil
}

// Install writes the kernelspec and returns its directory. It replaces an existing
// kernelspec of the same name.
func Install(opts Options) (string, error) {
	if err := opts.defaults(); err != nil {
		return "", err
	}
	kernels, err := KernelsDir(opts.Scope, opts.Prefix)
	if err != nil {
		return "", err
	}
	dir := filepath.Join(kernels, opts.Name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", notWritable(dir, err)
	}
	spec, err := json.MarshalIndent(NewSpec(opts.Executable, opts.DisplayName), "", "  ")
	if err != nil {
		return "", fmt.Errorf("install: encode kernel.json: %w", err)
	}
	for name, data := range map[string][]byte{
		"kernel.json":    append(spec, '\n'),
		"logo-32x32.png": logo32,
		"logo-64x64.png": logo64,
	} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			return "", notWritable(dir, err)
		}
	}
	return dir, nil
}

// Uninstall removes the kernelspec and returns the directory it removed.
func Uninstall(opts Options) (string, error) {
	if opts.Name == "" {
		opts.Name = DefaultName
	}
	if err := checkName(opts.Name); err != nil {
		return "", err
	}
	kernels, err := KernelsDir(opts.Scope, opts.Prefix)
	if err != nil {
		return "", err
	}
	dir := filepath.Join(kernels, opts.Name)
	if _, err := os.Stat(filepath.Join(dir, "kernel.json")); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return "", fmt.Errorf("install: no kernelspec %q in %s", opts.Name, kernels)
		}
		return "", fmt.Errorf("install: %w", err)
	}
	if err := os.RemoveAll(dir); err != nil {
		return "", notWritable(dir, err)
	}
	return dir, nil
}

func notWritable(dir string, err error) error {
	if errors.Is(err, fs.ErrPermission) {
		return fmt.Errorf("install: cannot write %s: permission denied; use --user (your own Jupyter directory) or --prefix DIR, or run as a user who may write there", dir)
	}
	return fmt.Errorf("install: write kernelspec to %s: %w", dir, err)
}
