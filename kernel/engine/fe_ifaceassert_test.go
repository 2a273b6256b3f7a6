package engine

import (
	"context"
	"strings"
	"testing"

	"github.com/sluice-dev/sluice/kernel"
)

// ifaceAssertDecls declares the cell types of the benchmarks below.
const ifaceAssertDecls = `type AN int
func (n AN) String() string { return "n" }
type AE struct{ code int }
func (e AE) Error() string { return "e" }
type AW struct{ err error }
func (w AW) Error() string { return "w" }
func (w AW) Unwrap() error { return w.err }
type AL int
func (l AL) MarshalJSON() ([]byte, error) { return []byte("1"), nil }`

func ifaceBenchCell(b *testing.B, decls, cell string) {
	e := newEngine(b)
	cio := &kernel.CellIO{}
	if _, err := e.Execute(context.Background(), decls, cio); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := e.Execute(context.Background(), cell, cio); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAssertCompiledLoop measures 10,000 assertions of cell values in an any to
// fmt.Stringer and error (fe_ifaceassert.go), with the cell's lowering and compiling.
func BenchmarkAssertCompiledLoop(b *testing.B) {
	ifaceBenchCell(b, ifaceAssertDecls, `xs := []any{AN(1), AE{2}, 3, "s"}
n := 0
for i := range 10000 {
	if _, ok := xs[i%4].(fmt.Stringer); ok { n++ }
	if _, ok := xs[i%4].(error); ok { n++ }
}
n`)
}

// BenchmarkErrorsIsLoop measures 10,000 errors.Is calls through a cell error's Unwrap
// (fe_iface_errors.go).
func BenchmarkErrorsIsLoop(b *testing.B) {
	ifaceBenchCell(b, ifaceAssertDecls, `var target error = AE{1}
var err error = AW{AW{AE{1}}}
n := 0
for range 10000 { if errors.Is(err, target) { n++ } }
n`)
}

// BenchmarkJSONAnyChecked measures json.Marshal of a map[string]any in a session with a
// cell type that has MarshalJSON: the values in interface positions are checked
// (fe_iface_encoding.go).
func BenchmarkJSONAnyChecked(b *testing.B) {
	ifaceBenchCell(b, ifaceAssertDecls, `m := map[string]any{"a": 1, "b": []any{"x", 2.5, map[string]any{"c": true}}}
n := 0
for range 1000 { bs, _ := json.Marshal(m); n += len(bs) }
n`)
}

// BenchmarkStringerDeclCell measures a cell declaring a type with a String method (its
// registration with fmt's table, fe_ifaceassert.go registerDeclared).
func BenchmarkStringerDeclCell(b *testing.B) {
	ifaceBenchCell(b, "x := 1", "type BN int\nfunc (n BN) String() string { return \"bn\" }")
}

// TestIfaceAssertBenchCells checks that the benchmarks' cells run and answer as Go does.
func TestIfaceAssertBenchCells(t *testing.T) {
	e := newEngine(t)
	var out strings.Builder
	cio := &kernel.CellIO{Stdout: &out}
	if _, err := e.Execute(context.Background(), ifaceAssertDecls, cio); err != nil {
		t.Fatal(err)
	}
	for cell, want := range map[string]string{
		`xs := []any{AN(1), AE{2}, 3, "s"}
k := 0
for i := range 8 {
	if _, ok := xs[i%4].(fmt.Stringer); ok { k++ }
	if _, ok := xs[i%4].(error); ok { k += 10 }
}
fmt.Println(k)`: "22\n",
		`fmt.Println(errors.Is(AW{AW{AE{1}}}, AE{1}), errors.Is(AW{AE{2}}, AE{1}))`: "true false\n",
	} {
		out.Reset()
		if _, err := e.Execute(context.Background(), cell, cio); err != nil {
			t.Fatalf("%s: %v", cell, err)
		}
		if out.String() != want {
			t.Errorf("%s: got %q, want %q", cell, out.String(), want)
		}
	}
}
