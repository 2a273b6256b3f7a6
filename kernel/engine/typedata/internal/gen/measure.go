package main

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"sort"

	"github.com/klauspost/compress/zstd"

	"github.com/sluice-dev/sluice/kernel/engine/typedata/internal/format"
)

// measureAll prints the size of the export data under the encodings considered for the
// data file, to justify the choice made in run.
func measureAll(paths []string, raws [][]byte) {
	total := 0
	type size struct {
		path string
		n    int
	}
	var sizes []size
	for i, r := range raws {
		total += len(r)
		sizes = append(sizes, size{paths[i], len(r)})
	}
	sort.Slice(sizes, func(i, j int) bool { return sizes[i].n > sizes[j].n })
	fmt.Println("export data, uncompressed:", total)
	fmt.Println("largest:", sizes[:min(10, len(sizes))])
	gz := 0
	for _, r := range raws {
		var b bytes.Buffer
		w, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
		w.Write(r)
		w.Close()
		gz += b.Len()
	}
	fmt.Println("gzip, one stream per package:", gz)
	enc, _ := zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedBestCompression))
	z := 0
	for _, r := range raws {
		z += len(enc.EncodeAll(r, nil))
	}
	fmt.Println("zstd, one stream per package:", z)
	fmt.Println("zstd, one stream for all (not lazy):", len(enc.EncodeAll(bytes.Join(raws, nil), nil)))
	d := buildDict(paths, raws)
	e, _ := zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedBestCompression), zstd.WithEncoderDictRaw(format.DictID, d))
	z = 0
	for _, r := range raws {
		z += len(e.EncodeAll(r, nil))
	}
	dz := len(enc0(d))
	fmt.Println("zstd per package with the shared dictionary:", z, "+ dictionary", dz, "=", z+dz)
}
