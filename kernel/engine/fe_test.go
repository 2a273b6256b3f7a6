package engine

import (
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// TestFrontEndCells checks front-end behaviours that span cells: declarations waiting
// for names a later cell defines, the unchecked-err rule following the variable, the
// select and method-value lowerings, func main and top-level defer.
func TestFrontEndCells(t *testing.T) {
	type step struct {
		code, out, errSub string
	}
	cases := []struct {
		name  string
		steps []step
	}{
		{"declarations wait for later names", []step{
			{code: "func even(n int) bool { if n == 0 { return true }; return odd(n - 1) }"},
			{code: "even(4)", errSub: "even is declared by a cell that is not defined yet"},
			{code: "func odd(n int) bool { if n == 0 { return false }; return even(n - 1) }"},
			{code: "fmt.Println(even(10), odd(7))", out: "true true\n"},
		}},
		{"methods declared after their use", []step{
			{code: "type Bag[T any] struct{ xs []T }"},
			{code: "func Of[T any](xs ...T) *Bag[T] { b := &Bag[T]{}; for _, x := range xs { b.Add(x) }; return b }"},
			{code: "func (b *Bag[T]) Add(x T) { b.xs = append(b.xs, x) }"},
			{code: "fmt.Println(Of(1, 2, 3).xs)", out: "[1 2 3]\n"},
		}},
		{"unchecked err stops at its line even when an inner err is read", []step{
			{code: "_, err := strconv.Atoi(\"x\")\nif err := error(nil); err != nil { fmt.Println(\"never\") }\nfmt.Println(\"ran on\")", errSub: "assigned at line 1"},
		}},
		{"select assigning to existing variables", []step{
			{code: "c := make(chan int, 1)\nc <- 5\nv := 0\nselect {\ncase v = <-c:\n}\nfmt.Println(v)", out: "5\n"},
		}},
		{"a method value copies a value receiver", []step{
			{code: "type P struct{ n int }\nfunc (p P) Get() int { return p.n }\nfunc (p *P) Inc() { p.n++ }"},
			{code: "p := P{1}\nget := p.Get\np.Inc()\nfmt.Println(get(), p.Get())", out: "1 2\n"},
		}},
		{"method expressions", []step{
			{code: "type P struct{ n int }\nfunc (p P) Add(k int, more ...int) (int, error) { for _, m := range more { k += m }; return p.n + k, nil }"},
			{code: "f := P.Add\nfmt.Println(f(P{1}, 2, 3, 4))", out: "10 <nil>\n"},
			{code: "type B[T any] struct{ v T }\nfunc (b *B[T]) Set(v T) { b.v = v }\nset := (*B[string]).Set\nb := &B[string]{}\nset(b, \"x\")\nfmt.Println(b.v)", out: "x\n"},
			{code: "w := (*strings.Builder).WriteString\nvar sb strings.Builder\nw(&sb, \"hi\")\nfmt.Println(sb.String())", out: "hi\n"},
		}},
		{"func main runs once, when declared", []step{
			{code: "n := 0\nfunc main() { n++; fmt.Println(\"main\", n) }", out: "main 1\n"},
			{code: "fmt.Println(n)", out: "1\n"},
			{code: "main()", out: "main 2\n"},
		}},
		{"a top-level defer runs when its cell ends", []step{
			{code: "defer fmt.Println(\"deferred\")\nfmt.Println(\"body\")", out: "body\ndeferred\n"},
			{code: "fmt.Println(\"next\")", out: "next\n"},
		}},
		{"a variable keeps working when its type changes", []step{
			{code: "a, err := strconv.Atoi(\"1\")\n_ = err"},
			{code: "a, err := strconv.ParseFloat(\"1.5\", 64)\n_ = err\nfmt.Println(a)", out: "1.5\n"},
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := newEngine(t)
			for i, s := range c.steps {
				o := run(t, e, s.code)
				if s.errSub != "" {
					if o.err == nil || !strings.Contains(describe(o.err), s.errSub) {
						t.Fatalf("step %d: err = %v, want one containing %q", i, o.err, s.errSub)
					}
					continue
				}
				if o.err != nil {
					t.Fatalf("step %d: %s", i, describe(o.err))
				}
				if s.out != "" && o.stdout != s.out {
					t.Fatalf("step %d: stdout %q, want %q", i, o.stdout, s.out)
				}
			}
		})
	}
}

// buildGoPrograms builds each program (name → source of package main) with the go
// toolchain, in one go build, and returns the sorted names and the directory holding
// the binaries. Without go on PATH the test is skipped, or fails when
// SLUICE_REQUIRE_ALL=1.
func buildGoPrograms(t *testing.T, programs map[string]string) ([]string, string) {
	t.Helper()
	goBin, err := exec.LookPath("go")
	if err != nil {
		if os.Getenv("SLUICE_REQUIRE_ALL") == "1" {
			t.Fatalf("go not on PATH: %v", err)
		}
		t.Skipf("go not on PATH: %v", err)
	}
	var names []string
	for n := range programs {
		names = append(names, n)
	}
	sort.Strings(names)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module difftest\n\ngo 1.26\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, n := range names {
		if err := os.MkdirAll(filepath.Join(dir, "src", n), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "src", n, "main.go"), []byte(programs[n]), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	build := exec.Command(goBin, "build", "-o", filepath.Join(dir, "bin")+string(filepath.Separator), "./src/...")
	build.Dir = dir
	build.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return names, filepath.Join(dir, "bin")
}
