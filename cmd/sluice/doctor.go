package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/sluice-dev/sluice/kernel"
	"github.com/sluice-dev/sluice/platform/config"
	"github.com/sluice-dev/sluice/platform/qs"
	"github.com/sluice-dev/sluice/runner"
)

func init() {
	register("doctor", "show the kernelspecs, Jupyter paths, sandbox and query service, and what is missing", runDoctor)
}

// doctor collects what it finds and the problems, each with its fix.
type doctor struct {
	w        io.Writer
	problems []string
}

func (d *doctor) section(title string) { fmt.Fprintf(d.w, "\n%s\n", title) }
func (d *doctor) ok(format string, a ...any) {
	fmt.Fprintf(d.w, "  ok    %s\n", fmt.Sprintf(format, a...))
}
func (d *doctor) info(format string, a ...any) {
	fmt.Fprintf(d.w, "        %s\n", fmt.Sprintf(format, a...))
}

// problem records something missing or wrong and how to fix it.
func (d *doctor) problem(what, fix string) {
	fmt.Fprintf(d.w, "  MISSING %s\n          fix: %s\n", what, fix)
	d.problems = append(d.problems, what)
}

// runDoctor prints what this installation looks like. It starts nothing and changes
// nothing. Exit 0: nothing missing; 1: something is (each listed with its fix).
func runDoctor(args []string) int {
	fs := flag.NewFlagSet("sluice doctor", flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: sluice doctor\n\nShows the installed kernelspecs and the binary each points at, the Jupyter paths, SLUICE_HOME,\nthe sandbox's state and where the query service's DSN comes from (password redacted), and\nwhat is missing with the fix for each. It starts and changes nothing.\nExit codes: 0 nothing missing, 1 something is.")
	}
	if err := fs.Parse(args); err != nil {
		return flagExit(err)
	}
	d := &doctor{w: os.Stdout}
	self, _ := os.Executable()
	fmt.Fprintf(d.w, "sluice doctor: %s (%s)\n", self, versionLine())
	d.jupyter()
	d.kernelspecs(self)
	d.home()
	d.queryService()
	if len(d.problems) == 0 {
		fmt.Fprintln(d.w, "\nNothing missing.")
		return 0
	}
	fmt.Fprintf(d.w, "\n%d missing: %s\n", len(d.problems), strings.Join(d.problems, "; "))
	return 1
}

func versionLine() string { return "sluice " + kernel.Versions().Sluice }

// jupyter reports Jupyter itself and the directories kernelspecs are looked up in.
func (d *doctor) jupyter() {
	d.section("Jupyter")
	if p, err := exec.LookPath("jupyter"); err == nil {
		d.ok("jupyter: %s", p)
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		if out, err := exec.CommandContext(ctx, p, "--paths").Output(); err == nil {
			for _, l := range strings.Split(strings.TrimRight(string(out), "\n"), "\n") {
				d.info("%s", l)
			}
		}
	} else {
		d.problem("Jupyter (no jupyter command on PATH; sluice run and sluice check work without it)",
			"to use the kernel from Jupyter, install it: apt install jupyter-notebook (Debian), or pip install jupyterlab")
	}
	d.info("kernelspecs are looked up in:")
	for _, dir := range runner.KernelDirs() {
		state := "absent"
		if fi, err := os.Stat(dir); err == nil && fi.IsDir() {
			state = "present"
		}
		d.info("  %s (%s)", dir, state)
	}
}

// kernelspecs lists the installed kernelspecs and checks the binary the sluice one
// points at.
func (d *doctor) kernelspecs(self string) {
	d.section("Kernelspecs")
	names := runner.InstalledKernels()
	foundSluice := false
	for _, n := range names {
		if n == "none" {
			continue
		}
		ks, err := runner.FindKernelSpec(n)
		if err != nil {
			d.problem(fmt.Sprintf("kernelspec %s is broken: %v", n, err), "reinstall it (for Sluice: sluice install --user)")
			continue
		}
		bin := ks.Argv[0]
		isSluice := n == "sluice" || (len(ks.Argv) > 1 && ks.Argv[1] == "kernel" && strings.EqualFold(ks.Language, "go"))
		if !isSluice {
			d.ok("%s (%s): %s", n, ks.Dir, strings.Join(ks.Argv, " "))
			continue
		}
		foundSluice = true
		fi, err := os.Stat(bin)
		switch {
		case err != nil:
			d.problem(fmt.Sprintf("kernelspec %s (%s) points at %s, which does not exist", n, ks.Dir, bin),
				"install it again from the binary you use: "+self+" install --user")
		case fi.Mode()&0o111 == 0:
			d.problem(fmt.Sprintf("kernelspec %s points at %s, which is not executable", n, bin), "chmod +x "+bin)
		default:
			d.ok("%s (%s): %s", n, ks.Dir, bin)
			if sf, err := os.Stat(self); err == nil && !os.SameFile(fi, sf) {
				d.info("note: that is not this binary (%s); Jupyter runs %s. To use this one: %s install --user", self, bin, self)
			}
			if v := binaryVersion(bin); v != "" {
				d.info("%s", v)
			}
		}
	}
	if !foundSluice {
		d.problem("the Sluice kernelspec (Jupyter does not list Go (Sluice); sluice run still works, it serves the kernel itself)",
			self+" install --user")
	}
}

// binaryVersion is the first line of `bin version`, or "".
func binaryVersion(bin string) string {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, bin, "version").Output()
	if err != nil {
		return ""
	}
	line, _, _ := strings.Cut(strings.TrimSpace(string(out)), "\n")
	return line
}

// home reports SLUICE_HOME and the storage root.
func (d *doctor) home() {
	d.section("SLUICE_HOME")
	home := config.Home()
	src := "default"
	if os.Getenv("SLUICE_HOME") != "" {
		src = "$SLUICE_HOME"
	}
	fi, err := os.Stat(home)
	switch {
	case errors.Is(err, os.ErrNotExist):
		d.ok("%s (%s; created on first use)", home, src)
	case err != nil || !fi.IsDir():
		d.problem(fmt.Sprintf("SLUICE_HOME %s is not a usable directory (%v)", home, err), "point SLUICE_HOME at a writable directory")
	case !writable(home):
		d.problem(fmt.Sprintf("SLUICE_HOME %s is not writable", home), "point SLUICE_HOME at a writable directory, or fix its permissions")
	default:
		d.ok("%s (%s)", home, src)
	}
	d.info("storage root: %s", config.StorageRoot())
}

func writable(dir string) bool {
	f, err := os.CreateTemp(dir, ".doctor-*")
	if err != nil {
		return false
	}
	f.Close()
	os.Remove(f.Name())
	return true
}

// queryService tells where the DSN comes from, in qs.Resolve's order, without starting
// the sandbox, and the sandbox's state.
func (d *doctor) queryService() {
	d.section("Query service")
	src := dsnSource()
	if src != qs.SourceSandbox {
		dsn, from, err := qs.Resolve() // the sandbox is last: Resolve starts nothing here
		if err != nil {
			d.problem(fmt.Sprintf("the DSN from %s does not parse: %v", src, err), "fix "+src)
		} else {
			d.ok("DSN from %s: %s", from, qs.Redact(dsn))
		}
	} else {
		d.ok("no DSN set (SLUICE_DSN, ~/.jupysql/connections.ini [default], DATABASE_URL, PG* variables): cells use the sandbox")
	}
	dir := config.SandboxDir()
	st, err := qs.RunningSandbox(dir)
	if err == nil {
		d.ok("sandbox running (pid %d): %s", st.PID, qs.Redact(st.DSN()))
	} else {
		d.info("sandbox (%s) is not running: it starts when a notebook first needs it; to start it now: sluice sandbox start", dir)
	}
}

// dsnSource names where qs.Resolve would take the DSN from.
func dsnSource() string {
	switch {
	case config.DSN() != "":
		return qs.SourceEnv
	case jupysqlHasDefault():
		return qs.SourceJupySQL
	case os.Getenv("DATABASE_URL") != "":
		return qs.SourceDatabase
	}
	for _, k := range []string{"PGHOST", "PGPORT", "PGDATABASE", "PGUSER", "PGSERVICE"} {
		if os.Getenv(k) != "" {
			return qs.SourcePGEnv
		}
	}
	return qs.SourceSandbox
}

// jupysqlHasDefault reports whether ~/.jupysql/connections.ini has a [default] section.
func jupysqlHasDefault() bool {
	home, err := os.UserHomeDir()
	if err != nil {
		return false
	}
	f, err := os.Open(filepath.Join(home, ".jupysql", "connections.ini"))
	if err != nil {
		return false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if strings.TrimSpace(sc.Text()) == "[default]" {
			return true
		}
	}
	return false
}
