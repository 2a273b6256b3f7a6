// Package storage reads and writes tables in blob storage: a root URL opened with
// gocloud.dev/blob (file://, s3://, gs://, azblob://, mem://), and Parquet and CSV
// files under it.
//
// Paths are relative to the root and use forward slashes. Writes are atomic per
// object: a file appears under its name only once it is complete (fileblob writes a
// temporary file and renames it; the cloud stores commit on close), so a failed or
// cancelled write never leaves a truncated file behind.
//
// Parquet files keep each table column's kind: strings as UTF-8 byte arrays, ints as
// INT64, floats as DOUBLE, bools as BOOLEAN, times as TIMESTAMP(MICROS, UTC) (DATE
// when the column's Type is "date"), and other values as JSON strings. Every column
// is optional, so NULLs survive a round trip, and the table's column order and
// source type names are kept in the file's key-value metadata.
//
// CSV files have a header row; a NULL is an empty unquoted field and an empty string
// a quoted one (""), the convention of PostgreSQL's COPY … CSV.
package storage

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"path"
	"sort"
	"strings"
	"sync"
	"time"

	"gocloud.dev/blob"
	_ "gocloud.dev/blob/azureblob" // azblob://
	_ "gocloud.dev/blob/fileblob"  // file://
	_ "gocloud.dev/blob/gcsblob"   // gs://
	"gocloud.dev/blob/memblob"
	_ "gocloud.dev/blob/s3blob" // s3://
	"gocloud.dev/gcerrors"

	"github.com/sluice-dev/sluice/platform/config"
	"github.com/sluice-dev/sluice/table"
)

// Store is an open storage root.
type Store struct {
	bucket *blob.Bucket
	root   string
	shared bool // a process-wide mem:// bucket that Close must not close
}

// memBuckets holds the mem:// buckets of this process by name and path, so that opening
// "mem://name" (or "mem://name/path") twice gives the same contents (as a real bucket
// would).
var (
	memMu      sync.Mutex
	memBuckets = map[string]*blob.Bucket{}
)

// Open opens the storage root rootURL; "" means config.StorageRoot() (SLUICE_STORAGE,
// else file://$SLUICE_HOME/storage). A file:// root is created when missing. A path
// after a cloud bucket (s3://bucket/some/prefix) becomes a key prefix; mem://name/path
// is an in-process bucket of its own, apart from mem://name.
func Open(ctx context.Context, rootURL string) (*Store, error) {
	if rootURL == "" {
		rootURL = config.StorageRoot()
	}
	u, err := url.Parse(rootURL)
	if err != nil {
		return nil, fmt.Errorf("storage: bad root URL %q: %w", rootURL, err)
	}
	st := &Store{root: strings.TrimRight(rootURL, "/")}
	switch u.Scheme {
	case "file":
		dir := u.Path
		if dir == "" {
			return nil, fmt.Errorf("storage: file URL %q has no directory (use file:///absolute/dir)", rootURL)
		}
		if err := makePrivateRoot(dir); err != nil {
			return nil, err
		}
		q := u.Query()
		if q.Get("metadata") == "" {
			q.Set("metadata", "skip") // no .attrs sidecar files next to the data
		}
		// Temporary files beside their target: in os.TempDir() (another filesystem when
		// /tmp is a tmpfs or the root a mounted volume) the final rename fails with
		// "invalid cross-device link", and there they would sit outside the private tree.
		if q.Get("no_tmp_dir") == "" {
			q.Set("no_tmp_dir", "true")
		}
		if q.Get("dir_file_mode") == "" {
			q.Set("dir_file_mode", "0700")
		}
		u.RawQuery = q.Encode()
		st.bucket, err = blob.OpenBucket(ctx, u.String())
	case "mem":
		// Each name (with its path) is its own bucket: a prefixed view of a shared
		// bucket cannot be made, as blob.PrefixedBucket closes the bucket it wraps.
		name := u.Host
		if p := strings.Trim(u.Path, "/"); p != "" {
			name += "/" + p
		}
		memMu.Lock()
		b, ok := memBuckets[name]
		if !ok {
			b = memblob.OpenBucket(nil)
			memBuckets[name] = b
		}
		memMu.Unlock()
		st.bucket, st.shared = b, true
	case "s3", "gs", "azblob":
		prefix := strings.Trim(u.Path, "/")
		u.Path = ""
		st.bucket, err = blob.OpenBucket(ctx, u.String())
		if err == nil && prefix != "" {
			st.bucket = blob.PrefixedBucket(st.bucket, prefix+"/")
		}
	default:
		return nil, fmt.Errorf("storage: unsupported scheme %q in %q (use file://, s3://, gs://, azblob:// or mem://)", u.Scheme, rootURL)
	}
	if err != nil {
		return nil, fmt.Errorf("storage: open %s: %w", st.root, err)
	}
	return st, nil
}

// Root returns the root URL the store was opened with.
func (s *Store) Root() string { return s.root }

// URL returns the full URL of path under the root (query parameters of the root
// dropped), for display and for tools that read the files directly.
func (s *Store) URL(p string) string {
	root := s.root
	if i := strings.IndexByte(root, '?'); i >= 0 {
		root = root[:i]
	}
	return strings.TrimRight(root, "/") + "/" + strings.TrimLeft(p, "/")
}

// LocalPath returns the filesystem path of p for a file:// store, or "" otherwise.
func (s *Store) LocalPath(p string) string {
	u, err := url.Parse(s.root)
	if err != nil || u.Scheme != "file" {
		return ""
	}
	return path.Join(u.Path, p)
}

// Bucket returns the underlying gocloud.dev bucket.
func (s *Store) Bucket() *blob.Bucket { return s.bucket }

// Close releases the store.
func (s *Store) Close() error {
	if s.shared {
		return nil
	}
	return s.bucket.Close()
}

// checkTable rejects what no file can hold: no table, no columns, a nil column, or
// columns of different lengths.
func checkTable(p string, t *table.Table) error {
	if t == nil || len(t.Columns) == 0 {
		return fmt.Errorf("storage: %s: the table has no columns", p)
	}
	for i, c := range t.Columns {
		if c == nil {
			return fmt.Errorf("storage: %s: column %d of the table is nil", p, i)
		}
		if c.Len() != t.Columns[0].Len() {
			return fmt.Errorf("storage: %s: column %s has %d rows, column %s has %d", p, c.Name, c.Len(), t.Columns[0].Name, t.Columns[0].Len())
		}
	}
	return nil
}

func cleanKey(p string) (string, error) {
	k := strings.TrimLeft(path.Clean("/"+p), "/")
	if k == "" || k == "." {
		return "", fmt.Errorf("storage: empty path %q", p)
	}
	return k, nil
}

// Object is one file in a listing.
type Object struct {
	Path     string
	Size     int64
	Modified time.Time
}

// Objects lists the files under prefix (recursively), sorted by path.
func (s *Store) Objects(ctx context.Context, prefix string) ([]Object, error) {
	prefix = strings.TrimLeft(prefix, "/")
	objs, err := ListObjects(ctx, s.bucket, &blob.ListOptions{Prefix: prefix})
	if err != nil {
		return nil, fmt.Errorf("storage: list %s: %w", s.URL(prefix), err)
	}
	var out []Object
	for _, o := range objs {
		if o.IsDir || isPartial(o.Key) {
			continue
		}
		out = append(out, Object{Path: o.Key, Size: o.Size, Modified: o.ModTime.UTC()})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out, nil
}

// List lists the files under prefix as a table of path, size and modified.
func (s *Store) List(ctx context.Context, prefix string) (*table.Table, error) {
	objs, err := s.Objects(ctx, prefix)
	if err != nil {
		return nil, err
	}
	paths, sizes, mods := make([]string, len(objs)), make([]int64, len(objs)), make([]time.Time, len(objs))
	for i, o := range objs {
		paths[i], sizes[i], mods[i] = o.Path, o.Size, o.Modified
	}
	t := table.New(table.StringColumn("path", paths), table.IntColumn("size", sizes),
		table.TimeColumn("modified", mods))
	t.Title = s.URL(prefix)
	return t, nil
}

// Exists reports whether the file p exists.
func (s *Store) Exists(ctx context.Context, p string) (bool, error) {
	k, err := cleanKey(p)
	if err != nil {
		return false, err
	}
	ok, err := s.bucket.Exists(ctx, k)
	if err != nil {
		return false, fmt.Errorf("storage: stat %s: %w", s.URL(k), err)
	}
	return ok, nil
}

// Delete removes the file p; a missing file is not an error.
func (s *Store) Delete(ctx context.Context, p string) error {
	k, err := cleanKey(p)
	if err != nil {
		return err
	}
	if err := s.bucket.Delete(ctx, k); err != nil && gcerrors.Code(err) != gcerrors.NotFound {
		return fmt.Errorf("storage: delete %s: %w", s.URL(k), err)
	}
	return nil
}

// DeletePrefix removes every file under prefix and returns how many it removed.
func (s *Store) DeletePrefix(ctx context.Context, prefix string) (int, error) {
	if strings.Trim(prefix, "/") == "" {
		return 0, errors.New("storage: refusing to delete the whole root; name a prefix")
	}
	objs, err := s.Objects(ctx, prefix)
	if err != nil {
		return 0, err
	}
	for i, o := range objs {
		if err := s.Delete(ctx, o.Path); err != nil {
			return i, err
		}
	}
	return len(objs), nil
}

// ReadAll returns the contents of file p.
func (s *Store) ReadAll(ctx context.Context, p string) ([]byte, error) {
	k, err := cleanKey(p)
	if err != nil {
		return nil, err
	}
	b, err := s.bucket.ReadAll(ctx, k)
	if err != nil {
		if gcerrors.Code(err) == gcerrors.NotFound {
			return nil, fmt.Errorf("storage: %s does not exist", s.URL(k))
		}
		return nil, fmt.Errorf("storage: read %s: %w", s.URL(k), err)
	}
	return b, nil
}

// WriteAll writes data to file p, replacing it.
func (s *Store) WriteAll(ctx context.Context, p string, data []byte) error {
	k, err := cleanKey(p)
	if err != nil {
		return err
	}
	if err := s.bucket.WriteAll(ctx, k, data, Private(nil)); err != nil {
		return fmt.Errorf("storage: write %s: %w", s.URL(k), err)
	}
	return nil
}

// objectWriter is an open blob writer that counts bytes and aborts on failure.
type objectWriter struct {
	w      *blob.Writer
	cancel context.CancelFunc
	n      int64
	url    string
}

func (s *Store) newObjectWriter(ctx context.Context, p, contentType string) (*objectWriter, error) {
	k, err := cleanKey(p)
	if err != nil {
		return nil, err
	}
	// Cancelling the writer's context before Close discards the object.
	wctx, cancel := context.WithCancel(ctx)
	w, err := s.bucket.NewWriter(wctx, k, Private(&blob.WriterOptions{ContentType: contentType}))
	if err != nil {
		cancel()
		return nil, fmt.Errorf("storage: create %s: %w", s.URL(k), err)
	}
	return &objectWriter{w: w, cancel: cancel, url: s.URL(k)}, nil
}

func (o *objectWriter) Write(p []byte) (int, error) {
	n, err := o.w.Write(p)
	o.n += int64(n)
	return n, err
}

// commit closes the object, making it visible.
func (o *objectWriter) commit() error {
	defer o.cancel()
	if err := o.w.Close(); err != nil {
		return fmt.Errorf("storage: write %s: %w", o.url, err)
	}
	return nil
}

// finish ends a file whose encoder has flushed with flushErr: it commits the object when
// the flush succeeded, else discards it, and returns the object's size.
func (o *objectWriter) finish(path string, flushErr error) (int64, error) {
	if flushErr != nil {
		o.abort()
		return 0, fmt.Errorf("storage: write %s: %w", path, flushErr)
	}
	if err := o.commit(); err != nil {
		return 0, err
	}
	return o.n, nil
}

// abort discards the object.
func (o *objectWriter) abort() {
	o.cancel()
	_ = o.w.Close()
}
