package typedata

import (
	"fmt"
	"runtime"
	"sync"
	"testing"
)

// BenchmarkLoad measures the one-time work of the first use in a process: parsing the
// index and decompressing the shared dictionary.
func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		loadOnce = sync.Once{}
		if err := load(); err != nil {
			b.Fatal(err)
		}
	}
}

func benchImport(b *testing.B, path string, warm bool) {
	if err := load(); err != nil {
		b.Fatal(err)
	}
	imp := Importer(nil)
	if warm {
		if _, err := imp.Import(path); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		if !warm {
			imp = Importer(nil)
		}
		if _, err := imp.Import(path); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkImportColdFmt(b *testing.B)    { benchImport(b, "fmt", false) }
func BenchmarkImportColdSlices(b *testing.B) { benchImport(b, "slices", false) }
func BenchmarkImportColdQs(b *testing.B) {
	benchImport(b, "github.com/sluice-dev/sluice/platform/qs", false)
}
func BenchmarkImportColdNetHTTP(b *testing.B) { benchImport(b, "net/http", false) }
func BenchmarkImportWarmFmt(b *testing.B)     { benchImport(b, "fmt", true) }

// BenchmarkImportAll imports every package through one importer.
func BenchmarkImportAll(b *testing.B) {
	paths := Packages()
	b.ReportAllocs()
	for b.Loop() {
		imp := Importer(nil)
		for _, p := range paths {
			if _, err := imp.Import(p); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// TestMemory logs the heap an importer retains (run with -v); it fails only if importing
// everything retains an unreasonable amount.
func TestMemory(t *testing.T) {
	if err := load(); err != nil {
		t.Fatal(err)
	}
	// The first decompression allocates the decoder's buffers, once per process.
	if _, err := Importer(nil).Import("errors"); err != nil {
		t.Fatal(err)
	}
	heap := func() uint64 {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapAlloc
	}
	for _, set := range [][]string{{"fmt"}, {"slices"}, {"github.com/sluice-dev/sluice/platform/qs"}, Packages()} {
		before := heap()
		imp := Importer(nil)
		for _, p := range set {
			if _, err := imp.Import(p); err != nil {
				t.Fatal(err)
			}
		}
		retained := int64(heap()) - int64(before)
		name := set[0]
		if len(set) > 1 {
			name = fmt.Sprintf("all %d packages", len(set))
		}
		t.Logf("%s: %d KB retained", name, retained>>10)
		if retained > 200<<20 {
			t.Errorf("%s retains %d MB", name, retained>>20)
		}
		runtime.KeepAlive(imp)
	}
}
