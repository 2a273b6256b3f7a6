package runner

import (
	"bufio"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/sluice-dev/sluice/internal/testenv"
)

// goNotebook writes a notebook for the sluice kernel with cells g0, g1…
func goNotebook(t *testing.T, params bool, srcs ...string) string {
	t.Helper()
	return testNotebook(t, "sluice", "go", "g", params, srcs...)
}

func sluiceOpts(t *testing.T, out string) Options {
	// A private JUPYTER_PATH so an installed kernelspec cannot stand in for this build.
	t.Setenv("JUPYTER_PATH", t.TempDir())
	t.Setenv("JUPYTER_DATA_DIR", t.TempDir())
	return Options{Output: out, SelfBinary: testenv.SluiceBinary(t)}
}

func streamText(c *Cell) string {
	var b strings.Builder
	for _, o := range c.Outputs {
		if o["output_type"] == "stream" {
			b.WriteString(o["text"].(string))
		}
	}
	return b.String()
}

func TestSluiceKernelTypedParameters(t *testing.T) {
	in := goNotebook(t, true,
		"import \"time\"\n\nusers := 100 // how many\nrate := 0.5\nname := \"x\"\nwait := 2 * time.Second\nvar tags = []string{\"a\"}",
		"fmt.Printf(\"%d %T %v %s %v %v\\n\", users*2, rate, rate, name, wait, tags)")
	out := filepath.Join(t.TempDir(), "out.ipynb")
	opts := sluiceOpts(t, out)
	opts.Params = map[string]any{"users": "21", "rate": "3", "name": "bob", "wait": "1m30s", "tags": "x,y"}
	if _, err := Run(context.Background(), in, opts); err != nil {
		t.Fatal(err)
	}
	nb := readOut(t, out)
	if got := streamText(cellByID(t, nb, "g1")); got != "42 float64 3 bob 1m30s [x y]\n" {
		t.Fatalf("output = %q", got)
	}
	li := nb.Metadata["language_info"].(map[string]any)
	if li["name"] != "go" || li["file_extension"] != ".go" {
		t.Fatalf("language_info = %v", li)
	}
	// A value that does not fit fails before the kernel starts.
	opts.Params = map[string]any{"users": "lots"}
	if _, err := Run(context.Background(), in, opts); ExitCode(err) != ExitUsage || !strings.Contains(err.Error(), `"lots" is not an integer`) {
		t.Fatalf("bad value: %v", err)
	}
}

func TestSluiceKernelAcceptsPapermillStyleInjection(t *testing.T) {
	in := goNotebook(t, true,
		"users := 100\nname := \"x\"",
		"#tag:injected-parameters\nusers := 7\nname = \"pm\"",
		"fmt.Println(users, name)")
	out := filepath.Join(t.TempDir(), "out.ipynb")
	if _, err := Run(context.Background(), in, sluiceOpts(t, out)); err != nil {
		t.Fatal(err)
	}
	if got := streamText(cellByID(t, readOut(t, out), "g2")); got != "7 pm\n" {
		t.Fatalf("output = %q", got)
	}
}

func TestSluiceKernelCellTimeoutAndKill(t *testing.T) {
	in := goNotebook(t, false, "import \"time\"\nfmt.Println(\"sleeping\")\ntime.Sleep(time.Hour)", "fmt.Println(\"after\")")
	out := filepath.Join(t.TempDir(), "out.ipynb")
	opts := sluiceOpts(t, out)
	opts.CellTimeout = time.Second
	start := time.Now()
	_, err := Run(context.Background(), in, opts)
	if ExitCode(err) != ExitTimeout || time.Since(start) > 20*time.Second {
		t.Fatalf("timeout: err %v after %s", err, time.Since(start))
	}
	c := cellByID(t, readOut(t, out), "g0")
	if streamText(c) != "sleeping\n" || c.Metadata["papermill"].(map[string]any)["status"] != "failed" {
		t.Fatalf("timed-out cell: %v %v", c.Outputs, c.Metadata["papermill"])
	}
}

// TestRunCommandInterruptAndDeadKernel drives the sluice binary as a user would: SIGINT
// while a cell sleeps exits 130 with the partial notebook written; kill -9 of the kernel
// exits 4.
func TestRunCommandInterruptAndDeadKernel(t *testing.T) {
	bin := testenv.SluiceBinary(t)
	t.Setenv("JUPYTER_PATH", t.TempDir())
	for _, tc := range []struct {
		name string
		act  func(runner *os.Process, kernelPid int)
		code int
	}{
		{"sigint", func(r *os.Process, _ int) { _ = r.Signal(os.Interrupt) }, ExitInterrupted},
		{"sigterm", func(r *os.Process, _ int) { _ = r.Signal(syscall.SIGTERM) }, ExitInterrupted},
		{"kill -9 kernel", func(_ *os.Process, k int) { _ = syscall.Kill(k, syscall.SIGKILL) }, ExitKernelDied},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := goNotebook(t, false, "fmt.Println(\"first\")", "import (\"os\"; \"time\")\nfmt.Println(\"pid\", os.Getpid())\ntime.Sleep(time.Hour)", "fmt.Println(\"never\")")
			out := filepath.Join(t.TempDir(), "out.ipynb")
			cmd := exec.Command(bin, "run", in, "--output", out, "--log-output")
			stderr, _ := cmd.StderrPipe()
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			kernelPid := 0
			sc := bufio.NewScanner(stderr)
			for sc.Scan() {
				if f := strings.Fields(sc.Text()); len(f) == 2 && f[0] == "pid" {
					kernelPid, _ = strconv.Atoi(f[1])
					break
				}
			}
			if kernelPid == 0 {
				cmd.Process.Kill()
				t.Fatal("the sleeping cell never started")
			}
			go func() {
				for sc.Scan() {
				}
			}()
			start := time.Now()
			tc.act(cmd.Process, kernelPid)
			err := cmd.Wait()
			code := 0
			if ee, ok := err.(*exec.ExitError); ok {
				code = ee.ExitCode()
			}
			if code != tc.code {
				t.Fatalf("exit code %d, want %d (%v)", code, tc.code, err)
			}
			if time.Since(start) > 20*time.Second {
				t.Fatalf("took %s", time.Since(start))
			}
			nb := readOut(t, out)
			if streamText(cellByID(t, nb, "g0")) != "first\n" {
				t.Fatal("partial notebook lacks the first cell's output")
			}
			if syscall.Kill(kernelPid, 0) == nil {
				t.Fatalf("kernel %d still running after the runner exited", kernelPid)
			}
		})
	}
}

// stackOverflowCell makes the kernel die of Go's fatal stack overflow: a recursion far
// below any recursion limit, under a 32 KiB stack limit.
const stackOverflowCell = "import \"runtime/debug\"\ndebug.SetMaxStack(32 << 10)\nfunc deep(n int) int {\n\tif n == 0 {\n\t\treturn 0\n\t}\n\treturn deep(n-1) + 1\n}\ndeep(200)"

// A kernel that dies of a stack overflow is reported by its cause, and the cell that was
// running shows it.
func TestSluiceKernelDeathNamesTheCause(t *testing.T) {
	in := goNotebook(t, false, "x := 1", stackOverflowCell, "fmt.Println(\"never\")")
	out := filepath.Join(t.TempDir(), "out.ipynb")
	res, err := Run(context.Background(), in, sluiceOpts(t, out))
	if ExitCode(err) != ExitKernelDied || !strings.Contains(err.Error(), "stack overflow") {
		t.Fatalf("err = %v (exit %d)", err, ExitCode(err))
	}
	if !res.Written {
		t.Fatal("the partial notebook was not written")
	}
	c := cellByID(t, readOut(t, out), "g1")
	last := c.Outputs[len(c.Outputs)-1]
	if last["output_type"] != "error" || last["ename"] != "KernelDied" || !strings.Contains(last["evalue"].(string), "stack overflow") {
		t.Fatalf("the dying cell's outputs: %v", c.Outputs)
	}
}

// --output - sends the executed notebook to Stdout, and only there.
func TestSluiceRunToStdout(t *testing.T) {
	in := goNotebook(t, false, "fmt.Println(6 * 7)")
	var stdout, log strings.Builder
	opts := sluiceOpts(t, StdoutPath)
	opts.Stdout, opts.Log, opts.LogOutput = &stdout, &log, true
	res, err := Run(context.Background(), in, opts)
	if err != nil || !res.Written || res.Output != StdoutPath {
		t.Fatalf("Run: %v %+v", err, res)
	}
	nb, err := ParseNotebook([]byte(stdout.String()))
	if err != nil {
		t.Fatalf("stdout is not a notebook: %v\n%s", err, stdout.String())
	}
	if got := streamText(cellByID(t, nb, "g0")); got != "42\n" {
		t.Fatalf("output %q", got)
	}
	if !strings.Contains(log.String(), "42") || strings.Contains(log.String(), "nbformat") {
		t.Fatalf("the log: %q", log.String())
	}
}
