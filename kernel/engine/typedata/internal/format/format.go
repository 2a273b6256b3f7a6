package format

import (
	"encoding/binary"
	"errors"
	"fmt"
	"strings"
)

// The data file holds the export data of every importable package, each compressed on
// its own with zstd against one shared raw dictionary, so that a package can be read
// without decompressing the others:
//
//	magic     "sluice-typedata-1\n"
//	stamp     one line, see pkglist.Stamp, ending in "\n"
//	dict      uvarint length, bytes (a raw zstd dictionary; its id is dictID)
//	count     uvarint
//	index     count times: uvarint path length, path, uvarint raw length, uvarint compressed length
//	blobs     the compressed blobs, in index order
//
// A blob is the output of gcexportdata.Write for one package, without positions.

// Magic starts every data file.
const Magic = "sluice-typedata-1\n"

// DictID is the id of the shared raw dictionary.
const DictID = 0x51ce

// Entry is one package in a data file.
type Entry struct {
	Path   string
	RawLen int
	Blob   []byte // compressed export data
}

// File is a parsed data file. Blobs alias the parsed bytes.
type File struct {
	Stamp   string
	Dict    []byte
	Entries []Entry
}

// Encode writes f in the data file format.
func (f *File) Encode() []byte {
	var b []byte
	b = append(b, Magic...)
	b = append(b, f.Stamp...)
	b = append(b, '\n')
	b = binary.AppendUvarint(b, uint64(len(f.Dict)))
	b = append(b, f.Dict...)
	b = binary.AppendUvarint(b, uint64(len(f.Entries)))
	for _, e := range f.Entries {
		b = binary.AppendUvarint(b, uint64(len(e.Path)))
		b = append(b, e.Path...)
		b = binary.AppendUvarint(b, uint64(e.RawLen))
		b = binary.AppendUvarint(b, uint64(len(e.Blob)))
	}
	for _, e := range f.Entries {
		b = append(b, e.Blob...)
	}
	return b
}

// Decode parses a data file. It does not decompress anything.
func Decode(data []byte) (*File, error) {
	if !strings.HasPrefix(string(data), Magic) {
		return nil, errors.New("typedata: not a type data file")
	}
	r := reader{b: data[len(Magic):]}
	nl := strings.IndexByte(string(r.b), '\n')
	if nl < 0 {
		return nil, errors.New("typedata: missing stamp")
	}
	f := &File{Stamp: string(r.b[:nl])}
	r.b = r.b[nl+1:]
	f.Dict = r.bytes(r.uvarint())
	n := r.uvarint()
	if r.err == nil && n > uint64(len(r.b)) {
		r.err = errors.New("bad count")
	}
	lens := make([]int, 0, n)
	for i := uint64(0); i < n && r.err == nil; i++ {
		path := string(r.bytes(r.uvarint()))
		raw := r.uvarint()
		f.Entries = append(f.Entries, Entry{Path: path, RawLen: int(raw)})
		lens = append(lens, int(r.uvarint()))
	}
	for i, l := range lens {
		if r.err != nil {
			break
		}
		f.Entries[i].Blob = r.bytes(uint64(l))
	}
	if r.err == nil && len(r.b) != 0 {
		r.err = errors.New("trailing bytes")
	}
	if r.err != nil {
		return nil, fmt.Errorf("typedata: corrupt data file: %w", r.err)
	}
	return f, nil
}

type reader struct {
	b   []byte
	err error
}

func (r *reader) uvarint() uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.err = errors.New("bad varint")
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *reader) bytes(n uint64) []byte {
	if r.err != nil {
		return nil
	}
	if n > uint64(len(r.b)) {
		r.err = errors.New("short data")
		return nil
	}
	v := r.b[:n:n]
	r.b = r.b[n:]
	return v
}
