package runner

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// checkOutput refuses what a rename would replace by a plain file, and directories no
// file can be created in (even for root); it accepts a missing or regular file.
func TestCheckOutputRefusesWhatIsNotARegularFile(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	regular := filepath.Join(dir, "regular.ipynb")
	os.WriteFile(regular, []byte("{}"), 0o644)
	link := filepath.Join(dir, "link.ipynb")
	if err := os.Symlink(regular, link); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ path, want string }{
		{"/dev/null", "/dev/null is a character device"},
		{fifo, "is a FIFO"},
		{link, "is a symbolic link to " + regular},
		{dir, "is a directory"},
		{filepath.Join(regular, "out.ipynb"), "not a directory"},
		{"/proc/self/out.ipynb", "cannot write /proc/self/out.ipynb"},
	} {
		err := checkOutput(c.path)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("checkOutput(%s) = %v, want %q", c.path, err, c.want)
		}
	}
	fi, err := os.Lstat("/dev/null")
	if err != nil || fi.Mode()&os.ModeCharDevice == 0 {
		t.Fatalf("/dev/null is no longer a character device: %v %v", fi.Mode(), err)
	}
	for _, ok := range []string{regular, filepath.Join(dir, "new", "sub", "out.ipynb")} {
		if err := checkOutput(ok); err != nil {
			t.Errorf("checkOutput(%s) = %v", ok, err)
		}
	}
	// The probe leaves nothing behind.
	if ents, _ := os.ReadDir(filepath.Join(dir, "new", "sub")); len(ents) != 0 {
		t.Errorf("the check left %v", ents)
	}
}

// WriteFile checks the destination again right before its rename: a FIFO that appeared
// after the run began is left alone, and no temporary file stays behind.
func TestWriteFileNeverReplacesAFIFO(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.ipynb")
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Fatal(err)
	}
	nb := &Notebook{Format: 4, Minor: 5, Metadata: map[string]any{}}
	if err := nb.WriteFile(path); err == nil || !strings.Contains(err.Error(), "FIFO") {
		t.Fatalf("WriteFile over a FIFO: %v", err)
	}
	if fi, err := os.Lstat(path); err != nil || fi.Mode()&os.ModeNamedPipe == 0 {
		t.Fatalf("the FIFO was replaced: %v %v", fi.Mode(), err)
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 1 {
		t.Fatalf("left behind: %v", ents)
	}
}

// Run refuses a bad destination before it starts any kernel: the notebook names a
// kernel that does not exist on purpose, so getting that far would fail differently.
func TestRunChecksTheOutputFirst(t *testing.T) {
	t.Setenv("JUPYTER_PATH", t.TempDir())
	in := testNotebook(t, "sluice", "go", "o", false, "x := 1")
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo.ipynb")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	opts := Options{Output: fifo, SelfBinary: "/nonexistent/sluice"}
	res, err := Run(context.Background(), in, opts)
	var ioErr *IOError
	if !errors.As(err, &ioErr) || ExitCode(err) != ExitIO || !strings.Contains(err.Error(), "FIFO") {
		t.Fatalf("err = %v (exit %d), want an I/O error naming the FIFO", err, ExitCode(err))
	}
	if res != nil {
		t.Fatalf("a refused run returned a result: %+v", res)
	}
	opts.Output = "-"
	opts.HTML = true
	if _, err := Run(context.Background(), in, opts); ExitCode(err) != ExitUsage {
		t.Fatalf("--html with --output -: %v", err)
	}
}

// --prepare-only with --output - writes the parameterized notebook to Stdout and no file.
func TestPrepareOnlyToStdout(t *testing.T) {
	in := testNotebook(t, "sluice", "go", "p", true, "users := 10", "fmt.Println(users)")
	var out bytes.Buffer
	res, err := Run(context.Background(), in, Options{Output: StdoutPath, Stdout: &out, PrepareOnly: true,
		Params: map[string]any{"users": "3"}, SelfBinary: "/nonexistent/sluice"})
	if err != nil || !res.Written {
		t.Fatalf("Run: %v (%+v)", err, res)
	}
	nb, err := ParseNotebook(out.Bytes())
	if err != nil {
		t.Fatalf("stdout is not a notebook: %v\n%s", err, out.String())
	}
	if len(nb.Cells) != 3 || !nb.Cells[1].HasTag("injected-parameters") || !strings.Contains(nb.Cells[1].Source, "users = 3") {
		t.Fatalf("cells: %+v", nb.Cells)
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(in), "-")); !os.IsNotExist(err) {
		t.Fatalf("a file named - was written: %v", err)
	}
}

// A failed write wins the exit code over the failure that stopped the run, and both
// errors stay in the message.
func TestExitCodeOfAFailedWrite(t *testing.T) {
	err := errors.Join(&CellError{Index: 1, EName: "panic", EValue: "boom"}, &IOError{errors.New("writing out.ipynb: read-only file system")})
	if ExitCode(err) != ExitIO || !strings.Contains(err.Error(), "boom") || !strings.Contains(err.Error(), "read-only") {
		t.Fatalf("exit %d for %q", ExitCode(err), err)
	}
	if ExitCode(errors.Join(ErrKernelDied, &IOError{errors.New("x")})) != ExitIO {
		t.Fatal("a dead kernel hid the failed write")
	}
}
