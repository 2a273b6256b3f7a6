package install

import (
	"bytes"
	"encoding/json"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestInstallIntoPrefixAndUninstall(t *testing.T) {
	prefix := t.TempDir()
	exe := filepath.Join(t.TempDir(), "sluice")
	os.WriteFile(exe, []byte("#!/bin/sh\n"), 0o755)
	dir, err := Install(Options{Scope: Prefix, Prefix: prefix, Executable: exe})
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(prefix, "share", "jupyter", "kernels", "sluice"); dir != want {
		t.Fatalf("dir = %s, want %s", dir, want)
	}
	b, err := os.ReadFile(filepath.Join(dir, "kernel.json"))
	if err != nil {
		t.Fatal(err)
	}
	var spec map[string]any
	if err := json.Unmarshal(b, &spec); err != nil {
		t.Fatal(err)
	}
	argv := spec["argv"].([]any)
	if len(argv) != 4 || argv[0] != exe || argv[1] != "kernel" || argv[2] != "--connection-file" || argv[3] != "{connection_file}" {
		t.Errorf("argv = %v", argv)
	}
	if !filepath.IsAbs(argv[0].(string)) {
		t.Errorf("argv[0] %v is not absolute", argv[0])
	}
	if spec["interrupt_mode"] != "message" || spec["language"] != "go" || spec["display_name"] != "Go (Sluice)" {
		t.Errorf("spec = %v", spec)
	}
	if md, _ := spec["metadata"].(map[string]any); md["debugger"] != true || spec["kernel_protocol_version"] != "5.5" {
		t.Errorf("the spec does not announce the debugger (protocol 5.5): %v", spec)
	}
	for name, size := range map[string]int{"logo-32x32.png": 32, "logo-64x64.png": 64} {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if b := img.Bounds(); b.Dx() != size || b.Dy() != size {
			t.Errorf("%s is %v", name, b)
		}
	}
	// A second name and display name live side by side.
	dir2, err := Install(Options{Scope: Prefix, Prefix: prefix, Executable: exe, Name: "sluice-dev", DisplayName: "Go (dev)"})
	if err != nil {
		t.Fatal(err)
	}
	b, _ = os.ReadFile(filepath.Join(dir2, "kernel.json"))
	if !strings.Contains(string(b), `"Go (dev)"`) {
		t.Errorf("display name not written: %s", b)
	}
	if _, err := Uninstall(Options{Scope: Prefix, Prefix: prefix}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("kernelspec still there: %v", err)
	}
	if _, err := Uninstall(Options{Scope: Prefix, Prefix: prefix}); err == nil || !strings.Contains(err.Error(), "no kernelspec") {
		t.Errorf("second uninstall: %v", err)
	}
}

func TestInstallUserDir(t *testing.T) {
	data := t.TempDir()
	t.Setenv("JUPYTER_DATA_DIR", data)
	dir, err := Install(Options{Scope: User, Executable: "/bin/true"})
	if err != nil {
		t.Fatal(err)
	}
	if dir != filepath.Join(data, "kernels", "sluice") {
		t.Errorf("dir = %s", dir)
	}
}

func TestInstallNotWritable(t *testing.T) {
	if os.Geteuid() == 0 {
		// root may write anywhere; use a path below a regular file instead.
		f := filepath.Join(t.TempDir(), "file")
		os.WriteFile(f, nil, 0o644)
		_, err := Install(Options{Scope: Prefix, Prefix: f, Executable: "/bin/true"})
		if err == nil || !strings.Contains(err.Error(), "install: write kernelspec to") {
			t.Fatalf("err = %v", err)
		}
		return
	}
	ro := t.TempDir()
	os.Chmod(ro, 0o555)
	_, err := Install(Options{Scope: Prefix, Prefix: ro, Executable: "/bin/true"})
	if err == nil || !strings.Contains(err.Error(), "permission denied; use --user") {
		t.Fatalf("err = %v", err)
	}
}

func TestBadName(t *testing.T) {
	if _, err := Install(Options{Scope: Prefix, Prefix: t.TempDir(), Name: "../x", Executable: "/bin/true"}); err == nil {
		t.Fatal("path name accepted")
	}
}

func TestInstallSysPrefixUsesActiveEnvironment(t *testing.T) {
	venv := t.TempDir()
	t.Setenv("VIRTUAL_ENV", venv)
	dir, err := Install(Options{Scope: SysPrefix, Executable: "/bin/true", Name: "go"})
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(venv, "share", "jupyter", "kernels", "go"); dir != want {
		t.Errorf("dir = %s, want %s", dir, want)
	}
}

// Uninstall refuses a name that leads out of the kernels directory, as Install does: it
// must never remove another directory that happens to hold a kernel.json.
func TestUninstallRefusesPathNames(t *testing.T) {
	prefix := t.TempDir()
	other := filepath.Join(prefix, "share", "jupyter", "other")
	if err := os.MkdirAll(other, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(other, "kernel.json"), []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	if dir, err := Uninstall(Options{Scope: Prefix, Prefix: prefix, Name: "../other"}); err == nil {
		t.Fatalf("Uninstall of ../other removed %s", dir)
	}
	if _, err := os.Stat(filepath.Join(other, "kernel.json")); err != nil {
		t.Fatalf("the directory outside the kernels directory is gone: %v", err)
	}
}
