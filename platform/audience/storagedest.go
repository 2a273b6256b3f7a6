package audience

import (
	"context"
	"fmt"
	"strings"

	"github.com/sluice-dev/sluice/platform/storage"
)

// StorageDestination writes an activation's members, with the chosen attributes, as one
// CSV (with a header) or Parquet file in blob storage:
// <Path>/<audience>/activation=<id>/members.<csv|parquet>. The file appears whole or
// not at all.
type StorageDestination struct {
	Store *storage.Store
	// Path is the folder under the store's root (default "activations").
	Path string
	// Format is "csv" or "parquet" (default "parquet").
	Format string
	// Include lists the attributes written besides the identity (nil: every column).
	Include []string
	// Compression is passed to storage ("snappy", "zstd", "gzip", "none").
	Compression string
}

// NewStorageDestination returns a storage destination writing format ("csv" or
// "parquet") under path with the attributes named.
func NewStorageDestination(st *storage.Store, path, format string, attributes ...string) *StorageDestination {
	return &StorageDestination{Store: st, Path: path, Format: format, Include: attributes}
}

// Attributes returns the attributes written besides the identity.
func (s *StorageDestination) Attributes() []string { return s.Include }

func (s *StorageDestination) format() string {
	if s.Format == "" {
		return "parquet"
	}
	return strings.ToLower(s.Format)
}

func (s *StorageDestination) dir() string {
	if s.Path == "" {
		return "activations"
	}
	return strings.Trim(s.Path, "/")
}

// Describe names the destination by its storage URL and format.
func (s *StorageDestination) Describe() string {
	if s.Store == nil {
		return "storage (none)"
	}
	return fmt.Sprintf("storage %s (%s)", s.Store.URL(s.dir()), s.format())
}

// Deliver writes the members file.
func (s *StorageDestination) Deliver(ctx context.Context, d *Delivery) (*Outcome, error) {
	if s.Store == nil {
		return nil, fmt.Errorf("storage destination: no store (open one with storage.Open)")
	}
	f := s.format()
	if f != "csv" && f != "parquet" {
		return nil, fmt.Errorf("storage destination: format %q is not csv or parquet", s.Format)
	}
	p := fmt.Sprintf("%s/%s/activation=%d/members.%s", s.dir(), d.Audience, d.ActivationID, f)
	opts := storage.Options{Compression: s.Compression}
	var n int64
	var err error
	if f == "csv" {
		n, err = s.Store.WriteCSV(ctx, p, d.Members, opts)
	} else {
		n, err = s.Store.WriteParquet(ctx, p, d.Members, opts)
	}
	if err != nil {
		return nil, fmt.Errorf("storage destination: %w", err)
	}
	rows := int64(d.Members.NumRows())
	return &Outcome{Batches: 1, Delivered: rows, Location: s.Store.URL(p), Bytes: n}, nil
}
