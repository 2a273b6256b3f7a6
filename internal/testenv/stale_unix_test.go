//go:build unix

package testenv

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

func TestRemoveStaleBinaries(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	cmd := exec.Command("true")
	if err := cmd.Run(); err != nil {
		t.Skip("no true command:", err)
	}
	dead := filepath.Join(os.TempDir(), fmt.Sprintf("sluice-bin-%d-1", cmd.Process.Pid))
	mine := filepath.Join(os.TempDir(), fmt.Sprintf("sluice-bin-%d-2", os.Getpid()))
	for _, d := range []string{dead, mine} {
		if err := os.Mkdir(d, 0o700); err != nil {
			t.Fatal(err)
		}
	}
	removeStaleBinaries()
	if _, err := os.Stat(dead); !os.IsNotExist(err) {
		t.Errorf("the ended process's binary is still there: %v", err)
	}
	if _, err := os.Stat(mine); err != nil {
		t.Errorf("this process's binary was removed: %v", err)
	}
}
