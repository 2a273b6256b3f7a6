package runner

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// KernelSpec is an installed Jupyter kernelspec (kernel.json) and the directory it is in.
type KernelSpec struct {
	Name          string            `json:"-"`
	Dir           string            `json:"-"`
	Argv          []string          `json:"argv"`
	DisplayName   string            `json:"display_name"`
	Language      string            `json:"language"`
	InterruptMode string            `json:"interrupt_mode"`
	Env           map[string]string `json:"env"`
}

// KernelDirs returns the directories searched for kernelspecs, in Jupyter's order:
// $JUPYTER_PATH entries, the user data directory, then the system prefixes.
func KernelDirs() []string {
	var dirs []string
	for _, p := range filepath.SplitList(os.Getenv("JUPYTER_PATH")) {
		if p != "" {
			dirs = append(dirs, filepath.Join(p, "kernels"))
		}
	}
	if d := os.Getenv("JUPYTER_DATA_DIR"); d != "" {
		dirs = append(dirs, filepath.Join(d, "kernels"))
	} else if home, err := os.UserHomeDir(); err == nil {
		dirs = append(dirs, filepath.Join(home, ".local", "share", "jupyter", "kernels"))
	}
	if venv := os.Getenv("VIRTUAL_ENV"); venv != "" {
		dirs = append(dirs, filepath.Join(venv, "share", "jupyter", "kernels"))
	}
	return append(dirs, "/usr/local/share/jupyter/kernels", "/usr/share/jupyter/kernels")
}

// FindKernelSpec looks up the kernelspec called name. The error lists the kernels that
// are installed.
func FindKernelSpec(name string) (*KernelSpec, error) {
	for _, dir := range KernelDirs() {
		path := filepath.Join(dir, name, "kernel.json")
		data, err := os.ReadFile(path)
		if err != nil {
			continue
		}
		var ks KernelSpec
		if err := json.Unmarshal(data, &ks); err != nil {
			return nil, fmt.Errorf("kernelspec %s: %w", path, err)
		}
		if len(ks.Argv) == 0 {
			return nil, fmt.Errorf("kernelspec %s has no argv", path)
		}
		ks.Name, ks.Dir = name, filepath.Dir(path)
		return &ks, nil
	}
	return nil, fmt.Errorf("no kernel named %q is installed (installed: %s)", name, strings.Join(InstalledKernels(), ", "))
}

// InstalledKernels lists the names of the installed kernelspecs.
func InstalledKernels() []string {
	seen := map[string]bool{}
	for _, dir := range KernelDirs() {
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if _, err := os.Stat(filepath.Join(dir, e.Name(), "kernel.json")); err == nil {
				seen[e.Name()] = true
			}
		}
	}
	names := make([]string, 0, len(seen))
	for n := range seen {
		names = append(names, n)
	}
	sort.Strings(names)
	if len(names) == 0 {
		return []string{"none"}
	}
	return names
}

// SelfKernelSpec is the spec of the Sluice kernel in this very binary, used when the
// notebook asks for the sluice kernel: the runner and the kernel then always match.
func SelfKernelSpec() (*KernelSpec, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, fmt.Errorf("locating the sluice binary: %w", err)
	}
	return selfSpec(exe), nil
}

// selfSpec is the spec of the Sluice kernel served by the sluice binary exe.
func selfSpec(exe string) *KernelSpec {
	return &KernelSpec{
		Name:          "sluice",
		Argv:          []string{exe, "kernel", "--connection-file", "{connection_file}"},
		DisplayName:   "Go (Sluice)",
		Language:      "go",
		InterruptMode: "message",
	}
}
