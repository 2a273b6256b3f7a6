package ml

import (
	"errors"
	"fmt"
	"math"
	"math/rand"
	"sort"
	"strings"

	"github.com/sluice-dev/sluice/display"
	"github.com/sluice-dev/sluice/table"
)

// DataOptions says how FromTable turns table columns into a feature matrix.
type DataOptions struct {
	// FillValue replaces a missing (NULL or NaN) feature value. The default is 0.
	FillValue float64
	// Indicators adds, for every feature that has a missing value in the training data, a
	// 0/1 column "<feature>_missing" right after the features, so a model can tell a filled
	// value from a real one.
	Indicators bool
	// IDColumn names a column carried along as row identifiers (for scoring output), such
	// as "userId". Empty means none.
	IDColumn string
}

// Prep records how raw feature columns become model inputs: the input columns in order,
// the fill value for missing values and which inputs get a missing-value indicator column.
// Every model keeps the Prep of the data it was trained on and applies it when scoring.
type Prep struct {
	Inputs     []string `json:"inputs"`
	FillValue  float64  `json:"fillValue"`
	Indicators []string `json:"indicators,omitempty"`
}

// Columns returns the model-input column names: the inputs, then one "<name>_missing"
// column per indicator.
func (p Prep) Columns() []string {
	out := append([]string(nil), p.Inputs...)
	for _, name := range p.Indicators {
		out = append(out, name+"_missing")
	}
	return out
}

// Dataset is a dense feature matrix with binary labels. X is row-major: row i's features
// are X[i*Cols : (i+1)*Cols]. Y holds 0 or 1 per row (nil for unlabelled data). IDs holds
// row identifiers when the source had an ID column.
type Dataset struct {
	Features []string
	X        []float64
	Y        []float64
	IDs      []string
	Rows     int
	Cols     int
	// Prep is how the features were derived from the source columns.
	Prep Prep
	// Nulls counts missing values per input column before filling.
	Nulls []int
	// Source describes where the data came from (a table title or storage path).
	Source string
}

// Row returns row i's features (a view into X, not a copy).
func (d *Dataset) Row(i int) []float64 { return d.X[i*d.Cols : (i+1)*d.Cols] }

// Positives returns the number of rows labelled 1.
func (d *Dataset) Positives() int {
	n := 0
	for _, y := range d.Y {
		if y == 1 {
			n++
		}
	}
	return n
}

// String summarizes the dataset on one line.
func (d *Dataset) String() string {
	if d.Y == nil {
		return fmt.Sprintf("Dataset: %d rows × %d features (unlabelled)", d.Rows, d.Cols)
	}
	pos := d.Positives()
	return fmt.Sprintf("Dataset: %d rows × %d features, %d positive (%.2f%%)", d.Rows, d.Cols, pos,
		100*float64(pos)/math.Max(1, float64(d.Rows)))
}

// FromTable builds a labelled dataset from the numeric columns features and the 0/1 column
// label of t. Integer and boolean columns convert to float64; NULL and NaN feature values
// become opts.FillValue (plus indicator columns when opts.Indicators is set). A missing or
// non-numeric column, a NULL/NaN or non-0/1 label, or a label with a single class is an
// error that says which.
func FromTable(t *table.Table, features []string, label string, opts DataOptions) (*Dataset, error) {
	if label == "" {
		return nil, errors.New("ml: FromTable needs a label column name (use Unlabelled for data to score)")
	}
	ds, err := buildDataset(t, features, label, opts, nil)
	if err != nil {
		return nil, err
	}
	if err := checkClasses(ds.Y); err != nil {
		return nil, err
	}
	return ds, nil
}

// Unlabelled builds a dataset to score from t using prep (a trained model's Prep): the same
// input columns, fill value and indicator columns as in training. A column the model needs
// that t lacks is an error naming it.
func Unlabelled(t *table.Table, prep Prep, idColumn string) (*Dataset, error) {
	return buildDataset(t, prep.Inputs, "", DataOptions{FillValue: prep.FillValue, IDColumn: idColumn}, &prep)
}

// FromSlices builds a dataset from rows of features (all the same length) and 0/1 labels
// (nil for unlabelled data). NaN feature values become opts.FillValue.
func FromSlices(features []string, rows [][]float64, labels []float64, opts DataOptions) (*Dataset, error) {
	cols := make([]*table.Column, len(features))
	for j, name := range features {
		vals := make([]float64, len(rows))
		for i, r := range rows {
			if len(r) != len(features) {
				return nil, fmt.Errorf("ml: row %d has %d values, want %d (one per feature)", i, len(r), len(features))
			}
			vals[i] = r[j]
		}
		cols[j] = table.FloatColumn(name, vals)
	}
	label := ""
	if labels != nil {
		if len(labels) != len(rows) {
			return nil, fmt.Errorf("ml: %d labels for %d rows", len(labels), len(rows))
		}
		label = "label"
		for _, f := range features {
			if f == label {
				label = "__label"
			}
		}
		cols = append(cols, table.FloatColumn(label, labels))
	}
	t := table.New(cols...)
	if label == "" {
		return buildDataset(t, features, "", opts, nil)
	}
	return FromTable(t, features, label, opts)
}

// checkColumns rejects a table with a nil column or columns of different lengths, which
// would otherwise index out of range, in scoring's goroutines too.
func checkColumns(t *table.Table) error {
	for i, c := range t.Columns {
		if c == nil {
			return fmt.Errorf("ml: column %d of the table is nil", i)
		}
	}
	n := t.NumRows()
	for _, c := range t.Columns {
		if c.Len() != n {
			return fmt.Errorf("ml: column %q has %d rows, the table %d", c.Name, c.Len(), n)
		}
	}
	return nil
}

func buildDataset(t *table.Table, features []string, label string, opts DataOptions, prep *Prep) (*Dataset, error) {
	if t == nil || len(t.Columns) == 0 {
		return nil, errors.New("ml: the table is empty (no columns)")
	}
	if err := checkColumns(t); err != nil {
		return nil, err
	}
	if len(features) == 0 {
		return nil, errors.New("ml: no feature columns given")
	}
	seen := map[string]bool{}
	for _, f := range features {
		if seen[f] {
			return nil, fmt.Errorf("ml: feature %q is listed twice", f)
		}
		if f == label {
			return nil, fmt.Errorf("ml: column %q is both a feature and the label", f)
		}
		seen[f] = true
	}
	n := t.NumRows()
	if n == 0 {
		return nil, errors.New("ml: the table has no rows")
	}
	raw := make([][]float64, len(features))
	var missing []string
	for j, f := range features {
		c, err := t.Column(f)
		if err != nil {
			missing = append(missing, f)
			continue
		}
		v, err := floatsOf(c)
		if err != nil {
			return nil, fmt.Errorf("ml: feature %w", err)
		}
		raw[j] = v
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("ml: the data lacks feature column(s) %s that the model needs (data columns: %s)",
			strings.Join(missing, ", "), strings.Join(t.ColumnNames(), ", "))
	}
	ds := &Dataset{Rows: n, Source: t.Title, Nulls: make([]int, len(features))}
	for j := range features {
		for _, x := range raw[j] {
			if math.IsNaN(x) {
				ds.Nulls[j]++
			}
		}
	}
	if prep != nil {
		ds.Prep = *prep
	} else {
		ds.Prep = Prep{Inputs: append([]string(nil), features...), FillValue: opts.FillValue}
		if opts.Indicators {
			for j, f := range features {
				if ds.Nulls[j] > 0 {
					ds.Prep.Indicators = append(ds.Prep.Indicators, f)
				}
			}
		}
	}
	ind := make([]int, 0, len(ds.Prep.Indicators))
	for _, name := range ds.Prep.Indicators {
		k := indexOf(features, name)
		if k < 0 {
			return nil, fmt.Errorf("ml: indicator for unknown feature %q", name)
		}
		ind = append(ind, k)
	}
	ds.Features = ds.Prep.Columns()
	ds.Cols = len(ds.Features)
	ds.X = make([]float64, n*ds.Cols)
	fill := ds.Prep.FillValue
	for j := range features {
		col := raw[j]
		for i := 0; i < n; i++ {
			x := col[i]
			if math.IsNaN(x) {
				x = fill
			}
			ds.X[i*ds.Cols+j] = x
		}
	}
	for k, j := range ind {
		col := raw[j]
		off := len(features) + k
		for i := 0; i < n; i++ {
			if math.IsNaN(col[i]) {
				ds.X[i*ds.Cols+off] = 1
			}
		}
	}
	if label != "" {
		c, err := t.Column(label)
		if err != nil {
			return nil, fmt.Errorf("ml: label: %w", err)
		}
		y, err := floatsOf(c)
		if err != nil {
			return nil, fmt.Errorf("ml: label %w", err)
		}
		for i, v := range y {
			if math.IsNaN(v) {
				return nil, fmt.Errorf("ml: label column %q is NULL/NaN at row %d: drop or fix unlabelled rows before training", label, i)
			}
			if v != 0 && v != 1 {
				return nil, fmt.Errorf("ml: label column %q has value %v at row %d; labels must be 0 or 1", label, v, i)
			}
		}
		ds.Y = y
	}
	if opts.IDColumn != "" {
		c, err := t.Column(opts.IDColumn)
		if err != nil {
			return nil, fmt.Errorf("ml: id column: %w", err)
		}
		ds.IDs = make([]string, c.Len())
		for i := range ds.IDs {
			if v := c.Value(i); v != nil {
				ds.IDs[i] = fmt.Sprint(v)
			}
		}
	}
	return ds, nil
}

// floatsOf returns a copy of a numeric column as float64s (NULLs are NaN).
func floatsOf(c *table.Column) ([]float64, error) {
	switch c.Kind() {
	case table.KindFloat, table.KindInt, table.KindBool:
		return append([]float64(nil), c.Floats()...), nil
	}
	return nil, fmt.Errorf("column %q is %s, not numeric", c.Name, c.TypeName())
}

func checkClasses(y []float64) error {
	pos := 0
	for _, v := range y {
		if v == 1 {
			pos++
		}
	}
	if pos == 0 || pos == len(y) {
		cls := 0
		if pos > 0 {
			cls = 1
		}
		return fmt.Errorf("ml: the label has a single class (all %d rows are %d); training needs both 0 and 1 rows", len(y), cls)
	}
	return nil
}

func indexOf(list []string, s string) int {
	for i, v := range list {
		if v == s {
			return i
		}
	}
	return -1
}

// subset returns the rows idx of d as a new dataset.
func (d *Dataset) subset(idx []int) *Dataset {
	out := &Dataset{Features: d.Features, Cols: d.Cols, Rows: len(idx), Prep: d.Prep, Source: d.Source}
	out.X = make([]float64, len(idx)*d.Cols)
	for k, i := range idx {
		copy(out.X[k*d.Cols:(k+1)*d.Cols], d.Row(i))
	}
	if d.Y != nil {
		out.Y = make([]float64, len(idx))
		for k, i := range idx {
			out.Y[k] = d.Y[i]
		}
	}
	if d.IDs != nil {
		out.IDs = make([]string, len(idx))
		for k, i := range idx {
			out.IDs[k] = d.IDs[i]
		}
	}
	return out
}

// Column returns feature j of every row as a new slice.
func (d *Dataset) Column(j int) []float64 {
	out := make([]float64, d.Rows)
	for i := range out {
		out[i] = d.X[i*d.Cols+j]
	}
	return out
}

// Describe returns per-feature statistics of the input columns: count of non-missing
// values, mean, standard deviation, min and max (over non-missing values) and the number
// of missing values before filling.
func (d *Dataset) Describe() *table.Table {
	p := len(d.Prep.Inputs)
	names := make([]string, p)
	count := make([]int64, p)
	nulls := make([]int64, p)
	mean := make([]float64, p)
	std := make([]float64, p)
	mins := make([]float64, p)
	maxs := make([]float64, p)
	for j := 0; j < p; j++ {
		names[j] = d.Prep.Inputs[j]
		var nullsJ int
		if j < len(d.Nulls) {
			nullsJ = d.Nulls[j]
		}
		nulls[j] = int64(nullsJ)
		// With indicators the missing rows are known exactly; without them the filled value
		// is counted only when there were no missing values.
		ind := -1
		if k := indexOf(d.Prep.Indicators, names[j]); k >= 0 {
			ind = p + k
		}
		var n int64
		var s, s2 float64
		lo, hi := math.Inf(1), math.Inf(-1)
		for i := 0; i < d.Rows; i++ {
			if ind >= 0 && d.X[i*d.Cols+ind] == 1 {
				continue
			}
			x := d.X[i*d.Cols+j]
			if ind < 0 && nullsJ > 0 && x == d.Prep.FillValue {
				continue
			}
			n++
			s += x
			s2 += x * x
			lo = math.Min(lo, x)
			hi = math.Max(hi, x)
		}
		count[j] = n
		if n > 0 {
			mean[j] = s / float64(n)
			if n > 1 {
				std[j] = math.Sqrt(math.Max(0, (s2-s*s/float64(n))/float64(n-1)))
			}
			mins[j], maxs[j] = lo, hi
		} else {
			mean[j], std[j], mins[j], maxs[j] = math.NaN(), math.NaN(), math.NaN(), math.NaN()
		}
	}
	t := table.New(
		table.StringColumn("feature", names),
		table.IntColumn("count", count),
		table.FloatColumn("mean", mean),
		table.FloatColumn("std", std),
		table.FloatColumn("min", mins),
		table.FloatColumn("max", maxs),
		table.IntColumn("nulls", nulls),
	)
	t.Title = fmt.Sprintf("%d rows × %d features", d.Rows, p)
	t.Limit = p + 1
	return t
}

// Split divides d into a training and a test set. The test set gets about testFrac of the
// rows of each class (stratified), chosen at random from seed; the same seed always gives
// the same split.
func Split(d *Dataset, testFrac float64, seed int64) (train, test *Dataset, err error) {
	if testFrac <= 0 || testFrac >= 1 {
		return nil, nil, fmt.Errorf("ml: test fraction %v must be between 0 and 1", testFrac)
	}
	if d.Y == nil {
		return nil, nil, errors.New("ml: Split needs a labelled dataset")
	}
	tr, te := stratifiedSplit(d.Y, testFrac, seed)
	if len(te) == 0 || len(tr) == 0 {
		return nil, nil, fmt.Errorf("ml: %d rows are too few to split with test fraction %v", d.Rows, testFrac)
	}
	return d.subset(tr), d.subset(te), nil
}

// stratifiedSplit returns sorted train and test row indices.
func stratifiedSplit(y []float64, testFrac float64, seed int64) (train, test []int) {
	rng := rand.New(rand.NewSource(seed))
	var classes [2][]int
	for i, v := range y {
		c := 0
		if v == 1 {
			c = 1
		}
		classes[c] = append(classes[c], i)
	}
	for _, idx := range classes {
		rng.Shuffle(len(idx), func(a, b int) { idx[a], idx[b] = idx[b], idx[a] })
		nt := int(math.Round(testFrac * float64(len(idx))))
		test = append(test, idx[:nt]...)
		train = append(train, idx[nt:]...)
	}
	sort.Ints(train)
	sort.Ints(test)
	return train, test
}

// Fold is one k-fold cross-validation round: a training and a validation dataset.
type Fold struct {
	Index int
	Train *Dataset
	Valid *Dataset
}

// KFold splits d into k stratified folds from seed and returns the k rounds, each holding
// one fold out for validation.
func KFold(d *Dataset, k int, seed int64) ([]Fold, error) {
	if k < 2 {
		return nil, fmt.Errorf("ml: k-fold needs k ≥ 2, got %d", k)
	}
	if d.Y == nil {
		return nil, errors.New("ml: KFold needs a labelled dataset")
	}
	if d.Rows < k {
		return nil, fmt.Errorf("ml: %d rows are too few for %d folds", d.Rows, k)
	}
	rng := rand.New(rand.NewSource(seed))
	assign := make([]int, d.Rows)
	var classes [2][]int
	for i, v := range d.Y {
		c := 0
		if v == 1 {
			c = 1
		}
		classes[c] = append(classes[c], i)
	}
	next := 0
	for _, idx := range classes {
		rng.Shuffle(len(idx), func(a, b int) { idx[a], idx[b] = idx[b], idx[a] })
		for _, i := range idx {
			assign[i] = next % k
			next++
		}
	}
	folds := make([]Fold, k)
	for f := 0; f < k; f++ {
		var tr, va []int
		for i, a := range assign {
			if a == f {
				va = append(va, i)
			} else {
				tr = append(tr, i)
			}
		}
		folds[f] = Fold{Index: f, Train: d.subset(tr), Valid: d.subset(va)}
	}
	return folds, nil
}

// checkFeatures reports a clear error when data's feature columns differ from a model's.
func checkFeatures(model string, want []string, got []string) error {
	if len(want) == len(got) {
		same := true
		for i := range want {
			if want[i] != got[i] {
				same = false
				break
			}
		}
		if same {
			return nil
		}
	}
	var lacking, extra []string
	for _, w := range want {
		if indexOf(got, w) < 0 {
			lacking = append(lacking, w)
		}
	}
	for _, g := range got {
		if indexOf(want, g) < 0 {
			extra = append(extra, g)
		}
	}
	msg := fmt.Sprintf("ml: model %s was trained on features [%s] but the data has [%s]", model,
		strings.Join(want, ", "), strings.Join(got, ", "))
	if len(lacking) > 0 {
		msg += "; missing: " + strings.Join(lacking, ", ")
	}
	if len(extra) > 0 {
		msg += "; unexpected: " + strings.Join(extra, ", ")
	}
	if len(lacking) == 0 && len(extra) == 0 {
		msg += "; same names in a different order"
	}
	return errors.New(msg + " (build the data with the model's Prep, e.g. ml.Unlabelled)")
}

// Table returns the first n rows of the feature matrix (with the label and ids when
// present) as a table; n ≤ 0 means all rows.
func (d *Dataset) Table(n int) *table.Table {
	if n <= 0 || n > d.Rows {
		n = d.Rows
	}
	var cols []*table.Column
	if d.IDs != nil {
		cols = append(cols, table.StringColumn("id", append([]string(nil), d.IDs[:n]...)))
	}
	for j, name := range d.Features {
		v := make([]float64, n)
		for i := range v {
			v[i] = d.X[i*d.Cols+j]
		}
		cols = append(cols, table.FloatColumn(name, v))
	}
	if d.Y != nil {
		cols = append(cols, table.FloatColumn("label", append([]float64(nil), d.Y[:n]...)))
	}
	t := table.New(cols...)
	t.Title = d.String()
	t.TotalRows = int64(d.Rows)
	return t
}

// Bundle renders a summary line and the first rows.
func (d *Dataset) Bundle() display.Bundle {
	t := d.Table(10)
	t.Limit = 10
	return display.TableBundle(t)
}
