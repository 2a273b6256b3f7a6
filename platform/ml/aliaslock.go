package ml

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"gocloud.dev/blob"
	"gocloud.dev/gcerrors"

	"github.com/sluice-dev/sluice/platform/storage"
)

// aliases.json is read, changed and written back, so two writers (two cells, two kernels,
// a kernel and a batch run) setting aliases at once could each write the file without
// the other's change. SetAlias therefore holds a lock object, models/<name>/aliases.lock,
// created only if absent: with O_EXCL on a file:// store (fileblob's IfNotExist checks and
// then renames, which two writers can both pass), with the bucket's atomic if-not-exist
// write elsewhere. A lock older than staleAliasLock is left by a writer that died and is
// taken over.

const (
	staleAliasLock = 30 * time.Second
	aliasLockWait  = 20 * time.Second
)

// lockAliases takes the alias lock of model name and returns the function that releases
// it.
func (r *Registry) lockAliases(ctx context.Context, name string) (func(), error) {
	key := modelDir(name) + "/aliases.lock"
	deadline := time.Now().Add(aliasLockWait)
	pause := 2 * time.Millisecond
	for {
		ok, err := r.createLock(ctx, key)
		if err != nil {
			return nil, fmt.Errorf("ml: lock aliases of %s: %w", name, err)
		}
		if ok {
			return func() { _ = r.bucket.Delete(context.WithoutCancel(ctx), key) }, nil
		}
		if a, err := r.bucket.Attributes(ctx, key); err == nil && time.Since(a.ModTime) > staleAliasLock {
			_ = r.bucket.Delete(ctx, key) // its writer is gone
			continue
		}
		if time.Now().After(deadline) {
			return nil, fmt.Errorf("ml: aliases of %s stay locked by another writer; if none is running, delete %s/%s", name, r.root, key)
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("ml: lock aliases of %s: %w", name, ctx.Err())
		case <-time.After(pause):
		}
		pause = min(2*pause, 100*time.Millisecond)
	}
}

// createLock creates the object key only when it does not exist and reports whether it
// did.
func (r *Registry) createLock(ctx context.Context, key string) (bool, error) {
	stamp := []byte(time.Now().UTC().Format(time.RFC3339Nano) + "\n")
	if r.local != "" {
		p := filepath.Join(r.local, filepath.FromSlash(key))
		if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
			return false, err
		}
		f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if errors.Is(err, fs.ErrExist) {
			return false, nil
		}
		if err != nil {
			return false, err
		}
		_, werr := f.Write(stamp)
		if cerr := f.Close(); werr == nil {
			werr = cerr
		}
		return true, werr
	}
	err := r.bucket.WriteAll(ctx, key, stamp, storage.Private(&blob.WriterOptions{IfNotExist: true}))
	if gcerrors.Code(err) == gcerrors.FailedPrecondition {
		return false, nil
	}
	return err == nil, err
}
