package catalog

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/sluice-dev/sluice/platform/storage"
	"github.com/sluice-dev/sluice/table"
)

// IngestFile loads CSV or Parquet data from storage into dataset. path is one file
// (.csv, .csv.gz or .parquet) or a prefix whose CSV and Parquet files are loaded in path
// order. Each file is one batch (or several with opts.BatchRows); a failed batch stops
// the load and is returned with the run.
//
// mapping renames source columns to dataset fields (source → field); a source column
// mapped to "" is dropped. Columns neither mapped nor named like a field are an error
// that lists the fields. CSV values are read as text and parsed against the schema, so a
// bad value is reported with its file line (the header is line 1; a record spanning
// several lines shifts the count).
func (c *Catalog) IngestFile(ctx context.Context, st *storage.Store, path string, dataset string, mapping map[string]string, opts IngestOptions) (*IngestRun, error) {
	if st == nil {
		return nil, fmt.Errorf("ingest %s into %s: no storage (open one with storage.Open)", path, dataset)
	}
	files, err := sourceFiles(ctx, st, path)
	if err != nil {
		return nil, fmt.Errorf("ingest %s into %s: %w", path, dataset, err)
	}
	start := time.Now()
	run := &IngestRun{Dataset: dataset, Source: st.URL(path)}
	var total int64
	for _, f := range files {
		total += f.Size
	}
	prog := startProgress(fmt.Sprintf("ingest %s into %s", path, dataset), total, opts.Quiet || len(files) < 2)
	defer func() { prog.DoneWith(fmt.Sprintf("%d batches, %d failed", len(run.Batches), run.Failed)) }()
	for _, f := range files {
		t, firstLine, err := readSource(ctx, st, f.Path)
		if err != nil {
			run.Duration = time.Since(start)
			return run, fmt.Errorf("ingest into %s: %w", dataset, err)
		}
		if t, err = applyMapping(t, mapping); err != nil {
			run.Duration = time.Since(start)
			return run, fmt.Errorf("ingest %s into %s: %w", st.URL(f.Path), dataset, err)
		}
		o := opts
		o.FirstLine = firstLine
		o.Quiet = true
		if o.Source == "" {
			o.Source = st.URL(f.Path)
			if len(mapping) > 0 {
				o.Source += " (" + describeMapping(mapping) + ")"
			}
		}
		sub, err := c.IngestBatches(ctx, dataset, []*table.Table{t}, o)
		if sub != nil {
			run.Batches = append(run.Batches, sub.Batches...)
			run.Rows += sub.Rows
			run.Failed += sub.Failed
		}
		prog.Add(f.Size)
		if err != nil {
			run.Duration = time.Since(start)
			return run, err
		}
	}
	run.Duration = time.Since(start)
	return run, nil
}

// sourceFiles returns path itself when it is a file, else the CSV and Parquet files
// under it.
func sourceFiles(ctx context.Context, st *storage.Store, path string) ([]storage.Object, error) {
	p := strings.TrimLeft(path, "/")
	if ok, err := st.Exists(ctx, p); err != nil {
		return nil, err
	} else if ok {
		if _, err := formatOf(p); err != nil {
			return nil, err
		}
		return []storage.Object{{Path: p}}, nil
	}
	objs, err := st.Objects(ctx, strings.TrimSuffix(p, "/")+"/")
	if err != nil {
		return nil, err
	}
	var out []storage.Object
	for _, o := range objs {
		if _, err := formatOf(o.Path); err == nil {
			out = append(out, o)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no .csv, .csv.gz or .parquet file at %s or under it", st.URL(p))
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out, nil
}

func formatOf(p string) (string, error) {
	switch {
	case strings.HasSuffix(p, ".csv"), strings.HasSuffix(p, ".csv.gz"):
		return "csv", nil
	case strings.HasSuffix(p, ".parquet"):
		return "parquet", nil
	}
	return "", fmt.Errorf("%s is neither CSV (.csv, .csv.gz) nor Parquet (.parquet)", p)
}

// readSource reads one file; for CSV it also returns the line of the first record.
func readSource(ctx context.Context, st *storage.Store, p string) (*table.Table, int, error) {
	format, err := formatOf(p)
	if err != nil {
		return nil, 0, err
	}
	if format == "csv" {
		t, err := st.ReadCSV(ctx, p, storage.CSVOptions{NoInference: true})
		return t, 2, err
	}
	t, err := st.ReadParquet(ctx, p)
	return t, 0, err
}

// applyMapping renames (or drops) columns per mapping.
func applyMapping(t *table.Table, mapping map[string]string) (*table.Table, error) {
	if len(mapping) == 0 {
		return t, nil
	}
	have := map[string]bool{}
	for _, c := range t.Columns {
		have[c.Name] = true
	}
	var missing []string
	for src := range mapping {
		if !have[src] {
			missing = append(missing, src)
		}
	}
	if len(missing) > 0 {
		sort.Strings(missing)
		return nil, fmt.Errorf("the mapping names source columns %s that the file does not have (columns: %s)",
			strings.Join(missing, ", "), strings.Join(t.ColumnNames(), ", "))
	}
	out := &table.Table{Title: t.Title}
	for _, c := range t.Columns {
		name := c.Name
		if to, ok := mapping[c.Name]; ok {
			if to == "" {
				continue
			}
			name = to
		}
		cc := *c
		cc.Name = name
		out.Columns = append(out.Columns, &cc)
	}
	return out, nil
}
