package storage

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"

	"gocloud.dev/blob"
	"gocloud.dev/gcerrors"

	"github.com/sluice-dev/sluice/platform/config"
)

// Exports, activation files (names and e-mail addresses) and models are as private as
// the sandbox's files: on a file:// root, directories are made 0700 (fileblob's
// dir_file_mode) and files 0600 (Private, before the first byte is written).

// makePrivateRoot creates the root directory dir with mode 0700 when missing. The
// default root under SLUICE_HOME is ours and is made 0700 when it was left open; a root
// the user chose keeps the mode it has.
func makePrivateRoot(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("storage: create %s: %w", dir, err)
	}
	if filepath.Clean(dir) != filepath.Join(config.Home(), "storage") {
		return nil
	}
	fi, err := os.Stat(dir)
	if err != nil {
		return fmt.Errorf("storage: %w", err)
	}
	if fi.Mode().Perm()&0o077 != 0 {
		if err := os.Chmod(dir, 0o700); err != nil && !errors.Is(err, fs.ErrPermission) {
			return fmt.Errorf("storage: make %s private: %w", dir, err)
		}
	}
	return nil
}

// Private returns opts (a new value when nil) with a BeforeWrite hook that makes the file
// being written on a file:// bucket mode 0600 before anything is written to it (fileblob
// creates it 0666 less the umask). Other buckets are unaffected. Every writer that goes
// straight to a Store's Bucket should pass its options through Private.
func Private(opts *blob.WriterOptions) *blob.WriterOptions {
	o := blob.WriterOptions{}
	if opts != nil {
		o = *opts
	}
	next := o.BeforeWrite
	o.BeforeWrite = func(as func(any) bool) error {
		var f *os.File
		if as(&f) && f != nil {
			if err := f.Chmod(0o600); err != nil {
				return fmt.Errorf("make %s private: %w", f.Name(), err)
			}
		}
		if next != nil {
			return next(as)
		}
		return nil
	}
	return &o
}

// partialRE matches the temporary file fileblob writes beside its target before
// renaming it: <name>.<nanoseconds in hex>.tmp.
var partialRE = regexp.MustCompile(`\.[0-9a-f]{8,16}\.tmp$`)

// isPartial reports whether key is a write still in progress (or left by a process that
// died while writing), which listings skip.
func isPartial(key string) bool { return partialRE.MatchString(key) }

// ListObjects returns every object b.List(opts) yields. A listing of a file:// bucket
// fails when a file it saw vanishes before it is examined — a write in progress renaming
// its temporary file, a concurrent delete — so a listing that fails with NotFound is
// started again, a few times.
func ListObjects(ctx context.Context, b *blob.Bucket, opts *blob.ListOptions) ([]*blob.ListObject, error) {
	for attempt := 0; ; attempt++ {
		var out []*blob.ListObject
		it := b.List(opts)
		var err error
		for {
			var o *blob.ListObject
			o, err = it.Next(ctx)
			if err != nil {
				break
			}
			out = append(out, o)
		}
		if err == io.EOF {
			return out, nil
		}
		if gcerrors.Code(err) != gcerrors.NotFound || attempt == 10 || ctx.Err() != nil {
			return nil, err
		}
	}
}
