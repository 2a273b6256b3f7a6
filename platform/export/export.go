// Package export writes a dataset, or the result of a query, from a query service
// to blob storage as Parquet or CSV files:
//
//	<root>/egress/<name>/exportTime=<YYYYmmddHHMMSS>/part-00000.parquet
//	                                                /part-00001.parquet …
//	                                                /_SUCCESS
//
// Rows are streamed from the query service in batches and written to the current
// part file, which is closed after Options.RowsPerFile rows; memory use depends on
// the batch and row-group sizes, not on the size of the dataset. A part file only
// becomes visible when it is complete, the _SUCCESS marker is written last, and a
// failed export deletes the parts it wrote, so Latest never returns a partial
// export. On stores other than file:// the folder also holds _STARTED, the claim that
// keeps a second export of the same name and second out of it.
package export

import (
	"context"
	"errors"
	"fmt"
	"html"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"

	"gocloud.dev/blob"
	"gocloud.dev/gcerrors"

	"github.com/sluice-dev/sluice/internal/progress"
	"github.com/sluice-dev/sluice/platform/qs"
	"github.com/sluice-dev/sluice/platform/storage"
	"github.com/sluice-dev/sluice/table"
)

// Options tunes an export.
type Options struct {
	// Format is "parquet" (default) or "csv".
	Format string
	// Compression is "snappy" (default for Parquet), "zstd", "gzip" or "none"; CSV
	// supports "gzip" (files end in .csv.gz) and "none".
	Compression string
	// RowsPerFile caps the rows of each part file (0: 1,000,000).
	RowsPerFile int
	// BatchRows is the number of rows fetched and written at a time (0: 16,384).
	BatchRows int
	// RowGroupRows is the Parquet row-group size (0: storage's default).
	RowGroupRows int
	// Prefix is the folder under the storage root (default "egress").
	Prefix string
	// Time names the export folder (default: now, UTC, to the second). When a
	// folder of that second exists already, the next free second is used.
	Time time.Time
	// Quiet turns off the progress display.
	Quiet bool
}

// Defaults of Options.
const (
	DefaultRowsPerFile = 1_000_000
	DefaultBatchRows   = 16_384
	DefaultPrefix      = "egress"
	// SuccessMarker is the file written last into a complete export folder.
	SuccessMarker = "_SUCCESS"
	timeLayout    = "20060102150405"
)

// Run is the record of one export.
type Run struct {
	Name        string
	Source      string // the dataset or the SQL
	Format      string
	Compression string
	// Prefix is the export folder relative to the storage root; pass it to
	// storage.Store.ReadParquet or ReadCSV to read the export back.
	Prefix     string
	URL        string // the export folder's full URL
	ExportTime time.Time
	Rows       int64
	Files      int
	Bytes      int64
	Duration   time.Duration
	Paths      []string // the part files, relative to the storage root
}

var namePattern = regexp.MustCompile(`^[A-Za-z0-9_][A-Za-z0-9_.\-]*$`)

// Dataset exports the table (or view) dataset; it may be schema-qualified
// ("analytics.training"). The export is named after it.
func Dataset(ctx context.Context, db *qs.Client, st *storage.Store, dataset string, opts Options) (*Run, error) {
	if strings.TrimSpace(dataset) == "" {
		return nil, errors.New("export: no dataset named")
	}
	parts := strings.Split(dataset, ".")
	for i, p := range parts {
		if p == "" {
			return nil, fmt.Errorf("export: bad dataset name %q", dataset)
		}
		parts[i] = qs.QuoteIdent(p)
	}
	rel := strings.Join(parts, ".")
	var total int64 = -1
	if !opts.Quiet {
		if t, err := db.Query(ctx, "SELECT count(*) FROM "+rel); err == nil && t.NumRows() == 1 {
			if c := t.Columns[0]; c.Kind() == table.KindInt {
				total = c.IntAt(0)
			}
		} else if err != nil {
			return nil, fmt.Errorf("export %s: %w", dataset, err)
		}
	}
	return run(ctx, db, st, dataset, dataset, "SELECT * FROM "+rel, total, opts)
}

// Query exports the result of sql under the name name (letters, digits, _ . -).
func Query(ctx context.Context, db *qs.Client, st *storage.Store, name, sql string, opts Options) (*Run, error) {
	return run(ctx, db, st, name, sql, sql, -1, opts)
}

func run(ctx context.Context, db *qs.Client, st *storage.Store, name, source, sql string, total int64, opts Options) (_ *Run, err error) {
	began := time.Now()
	if !namePattern.MatchString(name) || strings.Contains(name, "..") {
		return nil, fmt.Errorf("export: bad name %q: use letters, digits, _ . and -", name)
	}
	if db == nil || st == nil {
		return nil, fmt.Errorf("export %s: no query service or no store", name)
	}
	format := strings.ToLower(opts.Format)
	if format == "" {
		format = "parquet"
	}
	if format != "parquet" && format != "csv" {
		return nil, fmt.Errorf("export %s: unknown format %q (use parquet or csv)", name, opts.Format)
	}
	comp := strings.ToLower(opts.Compression)
	if format == "csv" && comp != "" && comp != "none" && comp != "gzip" {
		return nil, fmt.Errorf("export %s: CSV supports gzip or none, not %q", name, opts.Compression)
	}
	if comp == "" && format == "parquet" {
		comp = "snappy"
	}
	perFile := opts.RowsPerFile
	if perFile <= 0 {
		perFile = DefaultRowsPerFile
	}
	batch := opts.BatchRows
	if batch <= 0 {
		batch = DefaultBatchRows
	}
	prefix := opts.Prefix
	if prefix == "" {
		prefix = DefaultPrefix
	}
	r := &Run{Name: name, Source: source, Format: format, Compression: comp}
	if comp == "" {
		r.Compression = "none"
	}
	r.ExportTime, r.Prefix, err = freeFolder(ctx, st, path.Join(strings.Trim(prefix, "/"), name), opts.Time)
	if err != nil {
		return nil, fmt.Errorf("export %s: %w", name, err)
	}
	r.URL = st.URL(r.Prefix)

	rs, err := db.Rows(ctx, sql)
	if err != nil {
		return nil, fmt.Errorf("export %s: %w", name, err)
	}
	defer rs.Close()

	prog := progress.Silent
	if !opts.Quiet {
		prog = progress.Start("export "+name+" → "+r.URL, total)
	}
	defer func() {
		if err != nil {
			// Remove what this run wrote, so no partial export is left behind.
			cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
			defer cancel()
			_, _ = st.DeletePrefix(cctx, r.Prefix+"/")
			err = fmt.Errorf("export %s: %w", name, err)
			prog.DoneWith("failed")
		}
	}()

	ext := "." + format
	if format == "csv" && comp == "gzip" {
		ext += ".gz"
	}
	sopts := storage.Options{Compression: comp, RowGroupRows: opts.RowGroupRows}
	var w writer
	var inFile int
	closeFile := func() error {
		n, err := w.Close()
		if err != nil {
			return err
		}
		r.Bytes += n
		r.Files++
		w, inFile = nil, 0
		return nil
	}
	for {
		want := min(batch, perFile-inFile)
		t, err := rs.NextBatch(want)
		if err != nil {
			if w != nil {
				w.Abort()
			}
			return nil, err
		}
		n := t.NumRows()
		if n == 0 && (r.Files > 0 || w != nil) {
			break
		}
		if w == nil {
			p := fmt.Sprintf("%s/part-%05d%s", r.Prefix, r.Files, ext)
			if w, err = newWriter(ctx, st, format, p, sopts); err != nil {
				return nil, err
			}
			r.Paths = append(r.Paths, p)
		}
		if err := w.Write(t); err != nil {
			w.Abort()
			return nil, err
		}
		inFile += n
		r.Rows += int64(n)
		prog.Add(int64(n))
		if n == 0 || inFile >= perFile {
			if err := closeFile(); err != nil {
				return nil, err
			}
		}
		if n < want {
			break // the result is exhausted
		}
	}
	if w != nil {
		if err := closeFile(); err != nil {
			return nil, err
		}
	}
	if err := rs.Err(); err != nil {
		return nil, err
	}
	if err := st.WriteAll(ctx, r.Prefix+"/"+SuccessMarker, nil); err != nil {
		return nil, err
	}
	r.Duration = time.Since(began)
	prog.DoneWith(r.Summary())
	return r, nil
}

// writer is what the Parquet and CSV streaming writers share.
type writer interface {
	Write(*table.Table) error
	Close() (int64, error)
	Abort()
}

func newWriter(ctx context.Context, st *storage.Store, format, p string, opts storage.Options) (writer, error) {
	if format == "csv" {
		return st.NewCSVWriter(ctx, p, opts)
	}
	return st.NewParquetWriter(ctx, p, opts)
}

// freeFolder returns the export time and folder base/exportTime=… for at (now when
// zero), moving on a second at a time while the folder is taken. It claims the folder
// for this export, so two exports of one name in the same second (two cells, two
// kernels) never write into the same folder.
func freeFolder(ctx context.Context, st *storage.Store, base string, at time.Time) (time.Time, string, error) {
	if at.IsZero() {
		at = time.Now()
	}
	at = at.UTC().Truncate(time.Second)
	for i := 0; i < 3600; i++ {
		p := base + "/exportTime=" + at.Format(timeLayout)
		objs, err := st.Objects(ctx, p+"/")
		if err != nil {
			return time.Time{}, "", err
		}
		if len(objs) == 0 {
			ok, err := claimFolder(ctx, st, p)
			if err != nil {
				return time.Time{}, "", err
			}
			if ok {
				return at, p, nil
			}
		}
		at = at.Add(time.Second)
	}
	return time.Time{}, "", fmt.Errorf("no free export folder under %s", base)
}

// startedMarker claims an export folder on stores other than file://. It stays after
// the export (a writer that listed the folder while it was still empty must keep
// finding the claim taken); a failed export deletes it with its parts.
const startedMarker = "_STARTED"

// claimFolder takes the export folder p for this export and reports false when another
// export has it: with one atomic mkdir on a file:// store, else by writing startedMarker
// only if absent (an atomic check on memory and cloud buckets).
func claimFolder(ctx context.Context, st *storage.Store, p string) (bool, error) {
	if dir := st.LocalPath(p); dir != "" {
		if err := os.MkdirAll(filepath.Dir(dir), 0o700); err != nil {
			return false, err
		}
		err := os.Mkdir(dir, 0o700)
		if errors.Is(err, fs.ErrExist) {
			return false, nil
		}
		return err == nil, err
	}
	err := st.Bucket().WriteAll(ctx, p+"/"+startedMarker, nil, storage.Private(&blob.WriterOptions{IfNotExist: true}))
	if gcerrors.Code(err) == gcerrors.FailedPrecondition {
		return false, nil
	}
	return err == nil, err
}

// Latest returns the folder of the newest complete export named name under the
// default prefix ("egress/<name>/exportTime=…"), to read with storage.ReadParquet.
func Latest(ctx context.Context, st *storage.Store, name string) (string, error) {
	return LatestUnder(ctx, st, DefaultPrefix, name)
}

// LatestUnder is Latest for exports written under another Options.Prefix.
func LatestUnder(ctx context.Context, st *storage.Store, prefix, name string) (string, error) {
	base := path.Join(strings.Trim(prefix, "/"), name)
	objs, err := st.Objects(ctx, base+"/")
	if err != nil {
		return "", fmt.Errorf("export: latest %s: %w", name, err)
	}
	var done []string
	for _, o := range objs {
		dir, file := path.Split(o.Path)
		if file == SuccessMarker && strings.HasPrefix(path.Base(dir), "exportTime=") {
			done = append(done, strings.TrimSuffix(dir, "/"))
		}
	}
	if len(done) == 0 {
		return "", fmt.Errorf("export: no complete export of %s under %s", name, st.URL(base))
	}
	sort.Strings(done)
	return done[len(done)-1], nil
}

// Summary returns the one-line summary of the run.
func (r *Run) Summary() string {
	rate := 0.0
	if s := r.Duration.Seconds(); s > 0 {
		rate = float64(r.Rows) / s
	}
	return fmt.Sprintf("%d rows → %d %s file(s), %s in %s (%.0f rows/s)", r.Rows, r.Files, r.Format,
		humanBytes(r.Bytes), r.Duration.Round(time.Millisecond), rate)
}

// String is the summary with the export's URL.
func (r *Run) String() string { return "export " + r.Name + " → " + r.URL + ": " + r.Summary() }

// Table returns the run's metrics as a one-row table.
func (r *Run) Table() *table.Table {
	t := table.New(
		table.StringColumn("name", []string{r.Name}),
		table.StringColumn("url", []string{r.URL}),
		table.StringColumn("format", []string{r.Format}),
		table.StringColumn("compression", []string{r.Compression}),
		table.IntColumn("rows", []int64{r.Rows}),
		table.IntColumn("files", []int64{int64(r.Files)}),
		table.IntColumn("bytes", []int64{r.Bytes}),
		table.FloatColumn("seconds", []float64{r.Duration.Seconds()}),
		table.TimeColumn("export_time", []time.Time{r.ExportTime}),
	)
	t.Title = "Export run"
	return t
}

// HTML renders the run as a card: the metrics and the files written.
func (r *Run) HTML() string {
	var b strings.Builder
	e := html.EscapeString
	b.WriteString(`<div class="sluice-export" style="border:1px solid #ccc;border-radius:4px;padding:8px 12px;display:inline-block">`)
	fmt.Fprintf(&b, `<div style="font-weight:bold">Export %s</div><div style="font-family:monospace">%s</div>`, e(r.Name), e(r.URL))
	b.WriteString(`<table style="margin-top:6px">`)
	row := func(k, v string) {
		fmt.Fprintf(&b, "<tr><th style=\"text-align:left;padding-right:12px\">%s</th><td>%s</td></tr>", e(k), e(v))
	}
	row("rows", fmt.Sprint(r.Rows))
	row("files", fmt.Sprintf("%d × %s (%s)", r.Files, r.Format, r.Compression))
	row("bytes", humanBytes(r.Bytes))
	row("duration", r.Duration.Round(time.Millisecond).String())
	row("export time", r.ExportTime.Format(time.RFC3339))
	b.WriteString("</table>")
	if len(r.Paths) > 0 {
		b.WriteString(`<details><summary>files</summary><ul style="font-family:monospace">`)
		for _, p := range r.Paths {
			fmt.Fprintf(&b, "<li>%s</li>", e(p))
		}
		b.WriteString("</ul></details>")
	}
	b.WriteString("</div>")
	return b.String()
}

func humanBytes(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %ciB", float64(n)/float64(div), "KMGTPE"[exp])
}
