package kernel

import (
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
)

// debugHashSeed is the seed of the cell hash the kernel announces in debugInfo.
const debugHashSeed = 0x5A1C3E

// murmur2 is the 32-bit MurmurHash2 of data with seed, the hash JupyterLab's debugger
// computes over a cell's text to name its source file (JupyterLab 4.6 hashes the
// text's UTF-8 bytes).
func murmur2(data []byte, seed uint32) uint32 {
	const m = 0x5bd1e995
	h := seed ^ uint32(len(data))
	for len(data) >= 4 {
		k := binary.LittleEndian.Uint32(data)
		k *= m
		k ^= k >> 24
		k *= m
		h = h*m ^ k
		data = data[4:]
	}
	switch len(data) {
	case 3:
		h ^= uint32(data[2]) << 16
		fallthrough
	case 2:
		h ^= uint32(data[1]) << 8
		fallthrough
	case 1:
		h ^= uint32(data[0])
		h *= m
	}
	h ^= h >> 13
	h *= m
	h ^= h >> 15
	return h
}

// debugFilePrefix is where dumpCell writes cells: a directory of this process.
func debugFilePrefix() string {
	return filepath.Join(os.TempDir(), fmt.Sprintf("sluice_%d", os.Getpid())) + string(filepath.Separator)
}

// debugFileSuffix ends every cell's source path.
const debugFileSuffix = ".go"

// cellSourcePath is the source path of a cell: the one JupyterLab computes from the
// prefix, seed and suffix the kernel announces.
func cellSourcePath(prefix, code string) string {
	return prefix + strconv.FormatUint(uint64(murmur2([]byte(code), debugHashSeed)), 10) + debugFileSuffix
}
