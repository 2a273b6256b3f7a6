// Package typedata gives the typed front end complete go/types information for every
// package a cell can import, without GOROOT, the module cache or the go command at run
// time.
//
// The type information is the export data (golang.org/x/tools/go/gcexportdata) of each
// importable package, generated at build time into exportdata.bin and embedded. Each
// package's export data is self-contained (it declares every object of other packages it
// refers to) and compressed on its own, so importing a package decodes only that package.
//
// The importable packages are those of kernel/engine/symbols/packages.txt, expanded as
// symgen expands it, plus the generic standard packages cmp, iter, maps, math/rand/v2,
// slices and unique. The data describes linux/amd64.
//
// # Regenerating
//
// After changing the package list, the platform packages, the module's dependencies or
// the Go release, run
//
//	go generate ./kernel/engine/typedata/...
//
// which runs internal/gen. It does nothing when the stamp (a digest of the Go release,
// the target, the expanded list and the sources of everything the packages depend on) is
// unchanged; -force regenerates anyway. TestStampUpToDate fails when the committed file
// is stale.
package typedata

//go:generate go run ./internal/gen

import (
	"bytes"
	_ "embed"
	"fmt"
	"go/token"
	"go/types"
	"sort"
	"sync"

	"github.com/klauspost/compress/zstd"
	"golang.org/x/tools/go/gcexportdata"

	"github.com/sluice-dev/sluice/kernel/engine/typedata/internal/format"
)

//go:embed exportdata.bin
var data []byte

var (
	loadOnce sync.Once
	loaded   *format.File
	index    map[string]*format.Entry
	decoder  *zstd.Decoder
	loadErr  error
)

// load parses the embedded file's index and prepares the decoder; it decompresses only
// the shared dictionary.
func load() error {
	loadOnce.Do(func() {
		f, err := format.Decode(data)
		if err != nil {
			loadErr = err
			return
		}
		plain, err := zstd.NewReader(nil, zstd.WithDecoderConcurrency(1))
		if err != nil {
			loadErr = err
			return
		}
		dict, err := plain.DecodeAll(f.Dict, nil)
		plain.Close()
		if err != nil {
			loadErr = fmt.Errorf("typedata: dictionary: %w", err)
			return
		}
		// DecodeAll is safe for concurrent use, and decodes synchronously; the
		// concurrency bounds how many calls run at once.
		decoder, err = zstd.NewReader(nil, zstd.WithDecoderDictRaw(format.DictID, dict), zstd.WithDecoderConcurrency(2), zstd.WithDecoderLowmem(true))
		if err != nil {
			loadErr = err
			return
		}
		index = make(map[string]*format.Entry, len(f.Entries))
		for i := range f.Entries {
			index[f.Entries[i].Path] = &f.Entries[i]
		}
		loaded = f
	})
	return loadErr
}

// Has reports whether the embedded data describes the package with this import path,
// that is, whether a cell can import it.
func Has(path string) bool {
	if load() != nil {
		return false
	}
	_, ok := index[path]
	return ok
}

// Packages returns the import paths of all packages in the embedded data, sorted.
func Packages() []string {
	if load() != nil {
		return nil
	}
	res := make([]string, 0, len(index))
	for p := range index {
		res = append(res, p)
	}
	sort.Strings(res)
	return res
}

// Stamp returns the stamp of the embedded data: "<go version> <GOOS/GOARCH> <number of
// packages> <digest>".
func Stamp() string {
	if load() != nil {
		return ""
	}
	return loaded.Stamp
}

// exportData returns the decompressed export data of path.
func exportData(path string) ([]byte, error) {
	if err := load(); err != nil {
		return nil, err
	}
	e := index[path]
	if e == nil {
		return nil, fmt.Errorf("package %q is not available to cells", path)
	}
	raw, err := decoder.DecodeAll(e.Blob, make([]byte, 0, e.RawLen))
	if err != nil {
		return nil, fmt.Errorf("typedata: decompress %s: %w", path, err)
	}
	return raw, nil
}

// Importer returns an importer backed by the embedded export data. Packages are decoded
// on first use and cached in the importer, and it is safe for concurrent use. All
// packages it returns share their objects: a type that two packages refer to is one
// *types.Named, and there is one *types.Package per path. Positions of imported objects
// are not recorded (they are token.NoPos). fset receives the (empty) files the decoder
// creates; it may be nil.
//
// The importer ignores the directory and mode of ImportFrom, and fails for packages
// that Has does not report. "unsafe" is handled by go/types itself and never reaches
// an importer.
func Importer(fset *token.FileSet) types.ImporterFrom {
	if fset == nil {
		fset = token.NewFileSet()
	}
	return &dataImporter{fset: fset, pkgs: map[string]*types.Package{}, done: map[string]error{}}
}

type dataImporter struct {
	fset *token.FileSet
	mu   sync.Mutex
	// pkgs is the map gcexportdata.Read shares between imports. Decoding one package
	// adds the packages it refers to, with only the objects it refers to; a package is
	// complete once its own export data has been read (done).
	pkgs map[string]*types.Package
	done map[string]error // path → the error of reading its export data, nil if it worked
}

func (im *dataImporter) Import(path string) (*types.Package, error) {
	return im.ImportFrom(path, "", 0)
}

func (im *dataImporter) ImportFrom(path, dir string, mode types.ImportMode) (*types.Package, error) {
	im.mu.Lock()
	defer im.mu.Unlock()
	if err, ok := im.done[path]; ok {
		if err != nil {
			return nil, err
		}
		return im.pkgs[path], nil
	}
	pkg, err := im.read(path)
	im.done[path] = err
	return pkg, err
}

func (im *dataImporter) read(path string) (pkg *types.Package, err error) {
	raw, err := exportData(path)
	if err != nil {
		return nil, err
	}
	defer func() {
		// The decoder reports corrupt input by panicking in some versions.
		if r := recover(); r != nil {
			pkg, err = nil, fmt.Errorf("typedata: decode %s: %v", path, r)
		}
	}()
	pkg, err = gcexportdata.Read(bytes.NewReader(raw), im.fset, im.pkgs, path)
	if err != nil {
		return nil, fmt.Errorf("typedata: decode %s: %w", path, err)
	}
	return pkg, nil
}
