package pkglist

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/sluice-dev/sluice/internal/testenv"
)

func TestExpand(t *testing.T) {
	testenv.Command(t, "go")
	list := `# comment
std
-os/exec
github.com/sluice-dev/sluice/platform/...
-github.com/sluice-dev/sluice/platform/sandbox
gonum.org/v1/gonum/mat # trailing comment
`
	got, err := Expand([]byte(list), Config{Dir: "."})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.IsSorted(got) {
		t.Error("not sorted")
	}
	for _, want := range []string{"fmt", "net/http", "slices", "iter", "math/rand/v2", "gonum.org/v1/gonum/mat", "github.com/sluice-dev/sluice/platform/qs"} {
		if !slices.Contains(got, want) {
			t.Errorf("missing %s", want)
		}
	}
	for _, no := range []string{"os/exec", "unsafe", "syscall", "internal/poll", "crypto/internal/fips140", "cmd/go", "github.com/sluice-dev/sluice/platform/sandbox"} {
		if slices.Contains(got, no) {
			t.Errorf("has %s", no)
		}
	}
}

// TestReadAddsExtra: the type data's list has the generic standard packages even when
// the file does not name them.
func TestReadAddsExtra(t *testing.T) {
	testenv.Command(t, "go")
	file := filepath.Join(t.TempDir(), "packages.txt")
	if err := os.WriteFile(file, []byte("fmt\nslices\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := Read(file, ".")
	if err != nil {
		t.Fatal(err)
	}
	want := append([]string{"fmt"}, Extra...)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("Read = %v, want %v", got, want)
	}
}

// TestExpandSkip: a "path/..." pattern the go command cannot list fails the expansion,
// or is left out after Skip hears of it.
func TestExpandSkip(t *testing.T) {
	testenv.Command(t, "go")
	list := []byte("example.com/a\nexample.com/b/...\n")
	dir := filepath.Join(t.TempDir(), "missing")
	if _, err := Expand(list, Config{Dir: dir}); err == nil {
		t.Fatal("Expand in a missing directory succeeded")
	}
	var skipped []string
	got, err := Expand(list, Config{Dir: dir, Skip: func(p string, err error) { skipped = append(skipped, p) }})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, []string{"example.com/a"}) || !slices.Equal(skipped, []string{"example.com/b/..."}) {
		t.Errorf("Expand = %v, skipped %v", got, skipped)
	}
}

func TestStampRoundTrip(t *testing.T) {
	s := Stamp{GoVersion: "go1.26.8", Target: "linux/amd64", Packages: 185, Digest: "0123456789abcdef01234567"}
	back, err := ParseStamp(s.String())
	if err != nil || back != s {
		t.Fatalf("ParseStamp(%q) = %v, %v", s.String(), back, err)
	}
	if _, err := ParseStamp("garbage"); err == nil {
		t.Error("ParseStamp accepted garbage")
	}
}
