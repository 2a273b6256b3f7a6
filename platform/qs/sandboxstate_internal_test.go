package qs

import (
	"os"
	"path/filepath"
	"testing"
)

// The port file holds a port and the address file host:port; a directory written by an
// older sluice (host:port in port, no address) still reads.
func TestSandboxStateFiles(t *testing.T) {
	dir := t.TempDir()
	st := SandboxState{Host: "127.0.0.1", Port: 54321, PID: 42, Password: "pw"}
	if err := WriteSandboxState(dir, st); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{"port": "54321\n", "address": "127.0.0.1:54321\n"} {
		if b, err := os.ReadFile(filepath.Join(dir, name)); err != nil || string(b) != want {
			t.Errorf("%s = %q, %v; want %q", name, b, err, want)
		}
	}
	if got, err := ReadSandboxState(dir); err != nil || got != st {
		t.Errorf("read %+v, %v; want %+v", got, err, st)
	}
	os.Remove(filepath.Join(dir, "address"))
	os.WriteFile(filepath.Join(dir, "port"), []byte("127.0.0.1:54322\n"), 0o600)
	if got, err := ReadSandboxState(dir); err != nil || got.Port != 54322 || got.Host != "127.0.0.1" {
		t.Errorf("old layout: %+v, %v", got, err)
	}
	RemoveSandboxState(dir)
	if _, err := ReadSandboxState(dir); err == nil {
		t.Error("state still readable after RemoveSandboxState")
	}
}
