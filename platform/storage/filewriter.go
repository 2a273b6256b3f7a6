package storage

import (
	"context"
	"fmt"

	"github.com/sluice-dev/sluice/table"
)

// fileWriter is what the CSV and Parquet writers share: the object, created with the
// first table, the rows written, and whether Close or Abort has ended the file.
type fileWriter struct {
	store  *Store
	ctx    context.Context
	path   string
	format string // "CSV" or "Parquet", for messages
	obj    *objectWriter
	rows   int64
	closed bool
}

// check refuses a write after Close or Abort, and a malformed table.
func (f *fileWriter) check(t *table.Table) error {
	if f.closed {
		return fmt.Errorf("storage: write to closed %s file %s", f.format, f.path)
	}
	return checkTable(f.path, t)
}

// Rows returns the number of rows written so far.
func (f *fileWriter) Rows() int64 { return f.rows }

// Bytes returns the number of bytes written to storage so far (all of them after
// Close).
func (f *fileWriter) Bytes() int64 {
	if f.obj == nil {
		return 0
	}
	return f.obj.n
}

// close ends the file once flush has written the format's last bytes, and returns its
// size. A file that never received a table is not written: it would lack its header
// (what) and close returns an error.
func (f *fileWriter) close(what string, flush func() error) (int64, error) {
	if f.closed {
		return f.Bytes(), nil
	}
	f.closed = true
	if f.obj == nil {
		return 0, fmt.Errorf("storage: %s: no table was written, so the file has no %s", f.path, what)
	}
	return f.obj.finish(f.path, flush())
}

// Abort discards the file.
func (f *fileWriter) Abort() {
	if !f.closed && f.obj != nil {
		f.obj.abort()
	}
	f.closed = true
}
