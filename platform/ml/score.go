package ml

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/sluice-dev/sluice/display"
	"github.com/sluice-dev/sluice/platform/storage"
	"github.com/sluice-dev/sluice/table"
)

// ScoreOptions control batch scoring.
type ScoreOptions struct {
	// IDColumn is the column copied to the output's userId column ["userId"].
	IDColumn string
	// BatchSize is the number of rows converted and scored at a time [65536].
	BatchSize int
	// ModelName and Version label the output rows; Registered.Score fills them in, and for
	// a bare Model they default to the model kind and 0.
	ModelName string
	Version   int
	// ScoredAt is the time written to every row [now, UTC].
	ScoredAt time.Time
	// Progress, when set, is called from the calling goroutine with rows done and total.
	// Without it a display.Progress shows rows scored, unless Quiet is set.
	Progress func(done, total int)
	Quiet    bool
}

// Score returns P(y=1) for every row of t as a table with columns userId, propensity,
// model, version and scoredAt. The model's input columns are read from t by name (a
// missing one is an error naming it) and prepared as in training; rows are converted and
// scored in batches across all cores.
func Score(ctx context.Context, m Model, t *table.Table, opts ScoreOptions) (*table.Table, error) {
	if m == nil {
		return nil, errors.New("ml: Score needs a model")
	}
	if t == nil {
		return nil, errors.New("ml: Score needs a table")
	}
	if err := checkColumns(t); err != nil {
		return nil, err
	}
	s, ok := m.(rowScorer)
	if !ok {
		return nil, fmt.Errorf("ml: model %s cannot score rows", m.Name())
	}
	if opts.IDColumn == "" {
		opts.IDColumn = "userId"
	}
	if opts.BatchSize <= 0 {
		opts.BatchSize = 65536
	}
	if opts.ModelName == "" {
		opts.ModelName = m.Name()
	}
	if opts.ScoredAt.IsZero() {
		opts.ScoredAt = time.Now().UTC()
	}
	if err := Validate(m); err != nil {
		return nil, err
	}
	prep := m.Prep()
	cols := make([]*table.Column, len(prep.Inputs))
	var lacking []string
	for j, name := range prep.Inputs {
		c, err := t.Column(name)
		if err != nil {
			lacking = append(lacking, name)
			continue
		}
		switch c.Kind() {
		case table.KindFloat, table.KindInt, table.KindBool:
		default:
			return nil, fmt.Errorf("ml: column %q is %s; the model needs it numeric", name, c.TypeName())
		}
		cols[j] = c
	}
	if len(lacking) > 0 {
		return nil, fmt.Errorf("ml: the data lacks feature column(s) %s that model %s needs (data columns: %s)",
			strings.Join(lacking, ", "), opts.ModelName, strings.Join(t.ColumnNames(), ", "))
	}
	idCol, err := t.Column(opts.IDColumn)
	if err != nil {
		return nil, fmt.Errorf("ml: id column: %w", err)
	}
	n := t.NumRows()
	if opts.Progress == nil && !opts.Quiet {
		bar := display.NewProgress(fmt.Sprintf("Scoring %d rows with %s", t.NumRows(), opts.ModelName), int64(t.NumRows()))
		defer bar.Done()
		opts.Progress = func(done, total int) { bar.Set(int64(done)) }
	}
	ind := make([]int, len(prep.Indicators))
	for k, name := range prep.Indicators {
		ind[k] = indexOf(prep.Inputs, name)
	}
	width := len(prep.Inputs) + len(ind)
	out := make([]float64, n)
	var done atomic.Int64
	var mu sync.Mutex
	var firstErr error
	progress := make(chan struct{}, 1)
	g := &group{where: "scoring"}
	var scoreErr error
	g.Go(func() {
		defer close(progress)
		scoreErr = parallelRows(n, opts.BatchSize, "scoring", func(lo, hi int) {
			if ctx.Err() != nil {
				mu.Lock()
				if firstErr == nil {
					firstErr = ctx.Err()
				}
				mu.Unlock()
				return
			}
			x := make([]float64, (hi-lo)*width)
			fillBatch(x, width, cols, ind, prep.FillValue, lo, hi)
			s.scoreRows(x, width, out[lo:hi])
			done.Add(int64(hi - lo))
			select {
			case progress <- struct{}{}:
			default:
			}
		})
	})
	for range progress {
		if opts.Progress != nil {
			opts.Progress(int(done.Load()), n)
		}
	}
	if err := errors.Join(g.Wait(), scoreErr); err != nil {
		return nil, err
	}
	if firstErr != nil {
		return nil, fmt.Errorf("ml: scoring stopped: %w", firstErr)
	}
	if opts.Progress != nil {
		opts.Progress(n, n)
	}
	ids := make([]string, n)
	if idCol.Kind() == table.KindString {
		copy(ids, idCol.Strings()) // NULL ids are ""
	} else {
		for i := range ids {
			v := idCol.Value(i)
			if v == nil {
				continue
			}
			ids[i] = fmt.Sprint(v)
		}
	}
	names := make([]string, n)
	versions := make([]int64, n)
	times := make([]time.Time, n)
	for i := range names {
		names[i] = opts.ModelName
		versions[i] = int64(opts.Version)
		times[i] = opts.ScoredAt
	}
	res := table.New(table.StringColumn("userId", ids), table.FloatColumn("propensity", out),
		table.StringColumn("model", names), table.IntColumn("version", versions), table.TimeColumn("scoredAt", times))
	res.Title = fmt.Sprintf("%d rows scored with %s v%d", n, opts.ModelName, opts.Version)
	return res, nil
}

// Score scores t with the registered model, labelling rows with its name and version.
func (g *Registered) Score(ctx context.Context, t *table.Table, opts ScoreOptions) (*table.Table, error) {
	opts.ModelName, opts.Version = g.Info.Name, g.Info.Version
	return Score(ctx, g.Model, t, opts)
}

// ScoreParquet scores the Parquet file at path in st, or every .parquet file under the
// prefix path (an export folder such as egress/<dataset>/exportTime=…), one file at a
// time so memory holds one part file plus the scores, with progress in rows. The result
// has the columns of Score, in file and row order.
func ScoreParquet(ctx context.Context, m Model, st *storage.Store, path string, opts ScoreOptions) (*table.Table, error) {
	if m == nil {
		return nil, errors.New("ml: ScoreParquet needs a model")
	}
	files, err := parquetFiles(ctx, st, path)
	if err != nil {
		return nil, err
	}
	if opts.ModelName == "" {
		opts.ModelName = m.Name()
	}
	if opts.ScoredAt.IsZero() {
		opts.ScoredAt = time.Now().UTC()
	}
	var bar *display.Progress
	if !opts.Quiet {
		bar = display.NewProgress(fmt.Sprintf("Scoring %s with %s", st.URL(path), opts.ModelName), 0)
	}
	inner := opts
	inner.Quiet, inner.Progress = true, nil
	var out *table.Table
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("ml: scoring stopped: %w", err)
		}
		data, err := st.ReadAll(ctx, f)
		if err != nil {
			return nil, fmt.Errorf("ml: score %s: %w", st.URL(f), err)
		}
		t, err := storage.DecodeParquet(data)
		if err != nil {
			return nil, fmt.Errorf("ml: score %s: %w", st.URL(f), err)
		}
		part, err := Score(ctx, m, t, inner)
		if err != nil {
			return nil, fmt.Errorf("ml: score %s: %w", st.URL(f), err)
		}
		if out == nil {
			out = part
		} else if out, err = table.Concat(out, part); err != nil {
			return nil, fmt.Errorf("ml: score %s: %w", st.URL(f), err)
		}
		if bar != nil {
			bar.Add(int64(part.NumRows()))
		}
		if opts.Progress != nil {
			opts.Progress(out.NumRows(), 0)
		}
	}
	if bar != nil {
		bar.DoneWith(fmt.Sprintf("%d files", len(files)))
	}
	out.Title = fmt.Sprintf("%d rows from %s scored with %s v%d", out.NumRows(), st.URL(path), opts.ModelName, opts.Version)
	return out, nil
}

// ScoreParquet scores Parquet data in st with the registered model (see ScoreParquet).
func (g *Registered) ScoreParquet(ctx context.Context, st *storage.Store, path string, opts ScoreOptions) (*table.Table, error) {
	opts.ModelName, opts.Version = g.Info.Name, g.Info.Version
	return ScoreParquet(ctx, g.Model, st, path, opts)
}

// parquetFiles returns [path] when it is a file, else the .parquet files under path/.
func parquetFiles(ctx context.Context, st *storage.Store, path string) ([]string, error) {
	path = strings.Trim(path, "/")
	if ok, err := st.Exists(ctx, path); err != nil {
		return nil, fmt.Errorf("ml: %w", err)
	} else if ok && path != "" {
		return []string{path}, nil
	}
	prefix := path + "/"
	if path == "" {
		prefix = ""
	}
	objs, err := st.Objects(ctx, prefix)
	if err != nil {
		return nil, fmt.Errorf("ml: %w", err)
	}
	var files []string
	for _, o := range objs {
		if strings.HasSuffix(o.Path, ".parquet") {
			files = append(files, o.Path)
		}
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("ml: no .parquet file at %s or under it", st.URL(path))
	}
	return files, nil
}

// fillBatch writes rows [lo, hi) of cols into x (row-major, width columns), filling
// missing values and setting indicator columns.
func fillBatch(x []float64, width int, cols []*table.Column, ind []int, fill float64, lo, hi int) {
	p := len(cols)
	for j, c := range cols {
		switch c.Kind() {
		case table.KindFloat:
			for i, v := range c.Floats()[lo:hi] {
				if v != v { // NaN
					v = fill
				}
				x[i*width+j] = v
			}
		case table.KindInt:
			for i, v := range c.Ints()[lo:hi] {
				x[i*width+j] = float64(v)
			}
		case table.KindBool:
			for i := lo; i < hi; i++ {
				if c.BoolAt(i) {
					x[(i-lo)*width+j] = 1
				} else {
					x[(i-lo)*width+j] = 0
				}
			}
		}
		if c.HasNulls() {
			for i := lo; i < hi; i++ {
				if c.IsNull(i) {
					x[(i-lo)*width+j] = fill
				}
			}
		}
	}
	for k, j := range ind {
		c := cols[j]
		for i := lo; i < hi; i++ {
			missing := c.IsNull(i)
			if !missing && c.Kind() == table.KindFloat {
				missing = math.IsNaN(c.FloatAt(i))
			}
			if missing {
				x[(i-lo)*width+p+k] = 1
			} else {
				x[(i-lo)*width+p+k] = 0
			}
		}
	}
}
