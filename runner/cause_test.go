package runner

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sluice-dev/sluice/internal/testenv"
)

// The runtime prints a fatal error's cause to descriptor 2, which the kernel captures
// into the cell, and freezes every goroutine before it writes the crash report: the
// kernel copies the cause lines to its own standard error at once, so `sluice run`
// names the cause itself instead of inferring it from the report's frames.
func TestSluiceRunStackOverflowCause(t *testing.T) {
	in := goNotebook(t, false, "import \"os\"\nfmt.Fprint(os.Stderr, \"no newline\")", stackOverflowCell)
	sluiceOpts(t, "") // a private JUPYTER_PATH
	cmd := exec.Command(testenv.SluiceBinary(t), "run", in, "--output", filepath.Join(t.TempDir(), "out.ipynb"), "--quiet")
	out, err := cmd.CombinedOutput()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != ExitKernelDied {
		t.Fatalf("exit: %v\n%s", err, out)
	}
	want := "cause: runtime: goroutine stack exceeds 32768-byte limit; fatal error: stack overflow\n"
	if !strings.Contains(string(out), want) || strings.Contains(string(out), "the crash report shows") {
		t.Fatalf("sluice run did not name the cause; output:\n%s", out)
	}
}
