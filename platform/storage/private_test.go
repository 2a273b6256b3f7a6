package storage

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// writeEveryKind writes one file of every kind the package writes (Parquet, CSV, gzip CSV,
// raw bytes, streamed Parquet) under sub/dir and returns their paths.
func writeEveryKind(t *testing.T, st *Store) []string {
	t.Helper()
	ctx := context.Background()
	paths := []string{"sub/dir/a.parquet", "sub/dir/b.csv", "sub/c.csv.gz", "d/e.json", "f/g.parquet"}
	if _, err := st.WriteParquet(ctx, paths[0], allKinds(), Options{}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.WriteCSV(ctx, paths[1], allKinds(), Options{}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.WriteCSV(ctx, paths[2], allKinds(), Options{Compression: "gzip"}); err != nil {
		t.Fatal(err)
	}
	if err := st.WriteAll(ctx, paths[3], []byte(`{"x":1}`)); err != nil {
		t.Fatal(err)
	}
	w, err := st.NewParquetWriter(ctx, paths[4], Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Write(allKinds()); err != nil {
		t.Fatal(err)
	}
	if _, err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return paths
}

// TestRootOnAnotherFilesystem: a storage root on another filesystem than the temporary
// directory (a tmpfs, a mounted volume) takes writes; fileblob used to stage files in
// os.TempDir() and fail the final rename with "invalid cross-device link".
func TestRootOnAnotherFilesystem(t *testing.T) {
	var shm, tmp syscall.Stat_t
	if syscall.Stat("/dev/shm", &shm) != nil || syscall.Stat(os.TempDir(), &tmp) != nil || shm.Dev == tmp.Dev {
		t.Skip("needs /dev/shm on another filesystem than " + os.TempDir())
	}
	dir, err := os.MkdirTemp("/dev/shm", "sluice-storage-")
	if err != nil {
		t.Skip("cannot write /dev/shm: ", err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	root := filepath.Join(dir, "x")
	st, err := Open(context.Background(), "file://"+root)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for _, p := range writeEveryKind(t, st) {
		if _, err := os.Stat(filepath.Join(root, p)); err != nil {
			t.Errorf("%s: %v", p, err)
		}
	}
	got, err := st.ReadParquet(context.Background(), "sub/dir/a.parquet")
	if err != nil {
		t.Fatal(err)
	}
	sameTable(t, allKinds(), got)
}

// TestFilesArePrivate: under a file:// root every directory the store makes is 0700 and
// every file 0600, whatever the umask, and no temporary file is left or listed.
func TestFilesArePrivate(t *testing.T) {
	old := syscall.Umask(0o022)
	defer syscall.Umask(old)
	root := filepath.Join(t.TempDir(), "storage")
	st, err := Open(context.Background(), "file://"+root)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	writeEveryKind(t, st)
	var files int
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		want := fs.FileMode(0o600)
		if d.IsDir() {
			want = 0o700
		} else {
			files++
		}
		if fi.Mode().Perm() != want {
			t.Errorf("%s has mode %v, want %v", p, fi.Mode().Perm(), want)
		}
		if strings.HasSuffix(p, ".tmp") {
			t.Errorf("temporary file left: %s", p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files != 5 {
		t.Errorf("%d files under the root, want 5", files)
	}
	// a write in progress (fileblob's temporary file beside its target) is not listed
	if err := os.WriteFile(filepath.Join(root, "sub", "h.parquet.18a3f0c2d4e5b6a7.tmp"), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	objs, err := st.Objects(context.Background(), "sub/")
	if err != nil {
		t.Fatal(err)
	}
	if len(objs) != 3 {
		t.Errorf("listing shows %v", objs)
	}
}

// TestDefaultRootMadePrivate: the default root under SLUICE_HOME, left 0755 by an older
// version, is made 0700; a root the user chose keeps its mode.
func TestDefaultRootMadePrivate(t *testing.T) {
	home := t.TempDir()
	t.Setenv("SLUICE_HOME", home)
	t.Setenv("SLUICE_STORAGE", "")
	def := filepath.Join(home, "storage")
	mine := filepath.Join(home, "mine")
	for _, d := range []string{def, mine} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, u := range []string{"", "file://" + mine} {
		st, err := Open(context.Background(), u)
		if err != nil {
			t.Fatal(err)
		}
		st.Close()
	}
	for d, want := range map[string]fs.FileMode{def: 0o700, mine: 0o755} {
		fi, err := os.Stat(d)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != want {
			t.Errorf("%s: mode %v, want %v", d, fi.Mode().Perm(), want)
		}
	}
}

// TestListWhileWriting: listing a file:// root while files are written into it never
// fails (each write's temporary file beside its target vanishes when renamed, and
// fileblob's listing failed on a file that vanished under it), and never shows a
// temporary file.
func TestListWhileWriting(t *testing.T) {
	ctx := context.Background()
	st, err := Open(ctx, "file://"+t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	done := make(chan error, 1)
	go func() {
		for i := 0; i < 300; i++ {
			if err := st.WriteAll(ctx, fmt.Sprintf("d/f%03d.json", i%20), []byte(strings.Repeat("x", 4096))); err != nil {
				done <- err
				return
			}
		}
		done <- nil
	}()
	for {
		select {
		case err := <-done:
			if err != nil {
				t.Fatal(err)
			}
			return
		default:
		}
		objs, err := st.Objects(ctx, "d/")
		if err != nil {
			t.Fatalf("listing while writing: %v", err)
		}
		for _, o := range objs {
			if strings.HasSuffix(o.Path, ".tmp") {
				t.Fatalf("listing shows %s", o.Path)
			}
		}
	}
}
