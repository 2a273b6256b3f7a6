package magics

import (
	"context"
	"fmt"
	"image/color"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/sluice-dev/sluice/display"
	"github.com/sluice-dev/sluice/platform/qs"
	"github.com/sluice-dev/sluice/table"
)

func init() {
	mustRegister(Magic{Name: "sqlplot", Line: true, Run: sqlplotMagic, Complete: sqlComplete,
		Summary: "chart a table's column, aggregated by the query service (hist, bar, box, line)",
		Help: `%sqlplot KIND -t TABLE -c COLUMN [options]

Aggregates in SQL on the query service (only the aggregate comes back, so it works on
tables of any size) and draws the chart inline. TABLE may also be a query saved with
%%sql --save NAME.

  %sqlplot hist -t T -c COL [-b BINS]      histogram: bucket counts computed by the server
  %sqlplot bar  -t T -c COL [--top N]      the N most frequent values of COL (default 20);
                                           with -y COL2 --agg sum|avg|min|max: COL2 per COL
  %sqlplot box  -t T -c COL[,COL…]         box plot: quartiles, median and 1.5×IQR whiskers
  %sqlplot line -t T -x X [-c Y] [--agg F] Y aggregated per X (F: count, sum, avg, min, max;
                                           default count without -c, else sum), X in order;
                                           over 500 distinct X, per bucket of X (a time
                                           unit: hour, day…; or a round step of numbers)

Options: --where COND (a SQL condition on the rows), --title TEXT, --conn ALIAS,
-o VAR (also store the aggregated rows as a *table.Table in VAR).`})
}

// plotOptions are %sqlplot's parsed arguments.
type plotOptions struct {
	kind, table, where, title, conn, out, x, y, agg string
	cols                                            []string
	bins, top                                       int
}

func parsePlotArgs(args string) (plotOptions, error) {
	o := plotOptions{bins: 20, top: 20}
	words, err := splitArgs(args)
	if err != nil {
		return o, usageErrorf("%%sqlplot: %v", err)
	}
	if len(words) == 0 {
		return o, usageErrorf("%%sqlplot needs a chart kind: hist, bar, box or line (%%sqlplot? for help)")
	}
	switch k := strings.ToLower(words[0]); k {
	case "hist", "histogram":
		o.kind = "hist"
	case "bar":
		o.kind = "bar"
	case "box", "boxplot":
		o.kind = "box"
	case "line":
		o.kind = "line"
	default:
		msg := fmt.Sprintf("%%sqlplot: unknown chart kind %q (kinds: hist, bar, box, line)", k)
		return o, usageErrorf("%s", msg)
	}
	for i := 1; i < len(words); i++ {
		w := words[i]
		val := func() (string, error) {
			if i+1 >= len(words) {
				return "", usageErrorf("%%sqlplot: %s needs a value", w)
			}
			i++
			return words[i], nil
		}
		var v string
		var err error
		switch w {
		case "-t", "--table", "-c", "--column", "-b", "--bins", "--where", "--title", "--conn", "-o", "--out", "-x", "-y", "--agg", "--top", "-w", "--with":
			if v, err = val(); err != nil {
				return o, err
			}
		default:
			return o, usageErrorf("%%sqlplot: unexpected %q (%%sqlplot? for the options)", w)
		}
		switch w {
		case "-t", "--table", "-w", "--with":
			o.table = v
		case "-c", "--column":
			for _, c := range strings.Split(v, ",") {
				if c = strings.TrimSpace(c); c != "" {
					o.cols = append(o.cols, c)
				}
			}
		case "-b", "--bins", "--top":
			n, err := strconv.Atoi(v)
			if err != nil || n < 1 || n > 10000 {
				return o, usageErrorf("%%sqlplot: %s %s: want a whole number from 1 to 10000", w, v)
			}
			if w == "--top" {
				o.top = n
			} else {
				o.bins = n
			}
		case "--where":
			o.where = v
		case "--title":
			o.title = v
		case "--conn":
			o.conn = v
		case "-o", "--out":
			if !isGoIdent(v) {
				return o, usageErrorf("%%sqlplot: -o %s: not a Go variable name", v)
			}
			o.out = v
		case "-x":
			o.x = v
		case "-y":
			o.y = v
		case "--agg":
			o.agg = strings.ToLower(v)
			switch o.agg {
			case "count", "sum", "avg", "min", "max":
			default:
				return o, usageErrorf("%%sqlplot: --agg %s: want count, sum, avg, min or max", v)
			}
		}
	}
	if o.table == "" {
		return o, usageErrorf("%%sqlplot %s: missing -t TABLE", o.kind)
	}
	switch {
	case o.kind == "line" && o.x == "":
		return o, usageErrorf("%%sqlplot line: missing -x COLUMN (the horizontal axis)")
	case o.kind != "line" && len(o.cols) == 0:
		return o, usageErrorf("%%sqlplot %s: missing -c COLUMN", o.kind)
	case o.kind != "box" && len(o.cols) > 1:
		return o, usageErrorf("%%sqlplot %s: one column only (box plots take several)", o.kind)
	}
	return o, nil
}

var plainIdentRE = regexp.MustCompile(`^[a-z_][a-z0-9_$]*$`)

// sqlName renders a table or column name given on the magic line: plain lower-case parts
// stay as they are, others (mixed case, spaces) are double-quoted part by part; a name
// the user already quoted is kept.
func sqlName(name string) (string, error) {
	if strings.HasPrefix(name, `"`) {
		toks, err := lexSQL(name)
		if err != nil {
			return "", err
		}
		for _, t := range toks {
			if t.kind != tkQIdent && !(t.kind == tkOp && t.text == ".") && t.kind != tkWord {
				return "", usageErrorf("%%sqlplot: %q is not a name", name)
			}
		}
		return name, nil
	}
	parts := strings.Split(name, ".")
	out := make([]string, len(parts))
	for i, p := range parts {
		if plainIdentRE.MatchString(p) {
			out[i] = p
			continue
		}
		q, err := quoteIdent([]string{p})
		if err != nil {
			return "", usageErrorf("%%sqlplot: %v", err)
		}
		out[i] = q
	}
	return strings.Join(out, "."), nil
}

func sqlplotMagic(ctx context.Context, env *Env, inv Invocation) (any, error) {
	o, err := parsePlotArgs(inv.Args)
	if err != nil {
		return nil, err
	}
	c, _, err := client(ctx, o.conn)
	if err != nil {
		return nil, err
	}
	// FROM clause: a saved query becomes a CTE, anything else is a table name.
	st := stateFor(env)
	st.mu.Lock()
	_, isSnippet := st.snippets[o.table]
	var ctes []cte
	if isSnippet {
		ctes, err = snippetOrder(st.snippets, []string{o.table})
	}
	st.mu.Unlock()
	if err != nil {
		return nil, err
	}
	from := o.table // a saved query is referenced by its CTE name as written
	if !isSnippet {
		if from, err = sqlName(o.table); err != nil {
			return nil, err
		}
	}
	// The values the chart queries compute are bound as $1, $2…: a placeholder of the
	// user's own could be mistaken for one of them.
	for _, src := range append([]cte{{"--where", o.where}}, ctes...) {
		if hasPlaceholder(src.sql) {
			return nil, usageErrorf("%%sqlplot: %s holds a $n placeholder; write values as {{expr}} templates instead", placeWhere(src.name))
		}
	}
	where := "TRUE"
	if strings.TrimSpace(o.where) != "" {
		where = "(" + o.where + ")"
	}
	p := &plotRun{ctx: ctx, env: env, sess: c.Session(), ctes: ctes, from: from, where: where, o: o}
	var chart *display.Chart
	var agg *table.Table
	switch o.kind {
	case "hist":
		chart, agg, err = p.hist()
	case "bar":
		chart, agg, err = p.bar()
	case "box":
		chart, agg, err = p.box()
	case "line":
		chart, agg, err = p.line()
	}
	if err != nil {
		return nil, err
	}
	if cerr := chart.Err(); cerr != nil {
		return nil, &Error{Name: "PlotError", Value: "%sqlplot " + o.kind + ": " + cerr.Error(), Err: cerr}
	}
	if o.out != "" {
		if err := store(env, o.out, agg); err != nil {
			return nil, err
		}
	}
	return chart, nil
}

// plotRun runs a chart's aggregate queries.
type plotRun struct {
	ctx         context.Context
	env         *Env
	sess        *qs.Session // the connection's session, so TEMP tables and search_path count
	ctes        []cte
	from, where string
	o           plotOptions
}

// hasPlaceholder reports whether sql holds a $n placeholder.
func hasPlaceholder(sql string) bool {
	toks, _ := lexSQL(sql)
	for _, t := range toks {
		if t.kind == tkParam {
			return true
		}
	}
	return false
}

// placeWhere names where a placeholder was found: the --where option or a saved query.
func placeWhere(name string) string {
	if name == "--where" {
		return name
	}
	return "the saved query " + name
}

// query runs an aggregate query (adding the saved-query CTEs and binding templates).
// The values the chart computed are bound, never written into the SQL: sql refers to
// vals as $1, $2…, and the templates of --where and the saved queries come after them.
func (p *plotRun) query(sql string, vals ...any) (*table.Table, error) {
	text, _, err := injectCTEs(sql, p.ctes)
	if err != nil {
		return nil, err
	}
	b, err := bindAfter(p.ctx, p.env, text, vals)
	if err != nil {
		return nil, err
	}
	r, err := p.sess.Run(withNotices(p.ctx, p.env), 0, b.sql, b.args...)
	if err != nil {
		return nil, sqlError(p.ctx, err, 0, 1, nil, 0)
	}
	return r.Table, nil
}

// finiteSQL is the condition that x (a double precision expression) is a finite number:
// x - x is NaN for ±Infinity and NaN, 0 for every finite x, on PostgreSQL and DuckDB.
func finiteSQL(x string) string { return "(" + x + " - " + x + " = 0)" }

// noteNonFinite says on the cell's stderr how many values a chart left out because they
// are not finite numbers.
func (p *plotRun) noteNonFinite(kind, col string, n float64) {
	if n > 0 {
		warn(p.env, "note: %%sqlplot %s: %s value%s of %s (±Infinity or NaN) left out", kind,
			table.FormatInt(int64(n)), plural(int64(n)), col)
	}
}

func (p *plotRun) title(def string) string {
	if p.o.title != "" {
		return p.o.title
	}
	return def
}

func (p *plotRun) hist() (*display.Chart, *table.Table, error) {
	col, err := sqlName(p.o.cols[0])
	if err != nil {
		return nil, nil, err
	}
	x := "CAST(" + col + " AS DOUBLE PRECISION)"
	fin := finiteSQL(x)
	// Only finite values are binned; ±Infinity and NaN are counted and reported.
	stats, err := p.query(fmt.Sprintf(`SELECT min(%[1]s) FILTER (WHERE %[2]s) AS lo, max(%[1]s) FILTER (WHERE %[2]s) AS hi,
  count(%[1]s) FILTER (WHERE %[2]s) AS n, count(%[1]s) AS total FROM %[3]s WHERE %[4]s`, x, fin, p.from, p.where))
	if err != nil {
		return nil, nil, err
	}
	lo, hi, n, total := cell(stats, 0), cell(stats, 1), cell(stats, 2), cell(stats, 3)
	if total == 0 || math.IsNaN(total) {
		return nil, nil, &Error{Name: "PlotError", Value: fmt.Sprintf("%%sqlplot hist: %s has no non-NULL values in %s", p.o.cols[0], p.o.table)}
	}
	if n == 0 || math.IsNaN(lo) {
		return nil, nil, &Error{Name: "PlotError", Value: fmt.Sprintf("%%sqlplot hist: %s has no finite values in %s (its %s non-NULL values are ±Infinity or NaN)",
			p.o.cols[0], p.o.table, table.FormatInt(int64(total)))}
	}
	p.noteNonFinite("hist", p.o.cols[0], total-n)
	if math.IsInf(hi-lo, 0) {
		// The bins could be computed, but no axis can span the range.
		return nil, nil, &Error{Name: "PlotError", Value: fmt.Sprintf("%%sqlplot hist: the values of %s span %g to %g, a range wider than a float holds; narrow them with --where",
			p.o.cols[0], lo, hi)}
	}
	bins := p.o.bins
	width := (hi - lo) / float64(bins)
	if width == 0 {
		bins, width = 1, 1
	}
	// bucket = floor(x/width - lo/width), clamped to the bins before the cast (a value at
	// hi lands in the last bin).
	q := fmt.Sprintf(`SELECT CAST(LEAST(GREATEST(FLOOR(%[1]s / $1::float8 - $2::float8), 0), $3::float8) AS INTEGER) AS bucket, count(*) AS n
FROM %[2]s WHERE %[3]s AND %[4]s GROUP BY 1 ORDER BY 1`, x, p.from, p.where, fin)
	t, err := p.query(q, width, lo/width, float64(bins-1))
	if err != nil {
		return nil, nil, err
	}
	idx := t.Floats("bucket")
	cnt := t.Floats("n")
	counts := make([]float64, bins)
	for i := range idx {
		if b := int(idx[i]); b >= 0 && b < bins {
			counts[b] += cnt[i]
		}
	}
	edges := make([]float64, bins+1)
	for i := range edges {
		edges[i] = lo + float64(i)*width
	}
	chart := display.BinnedHistogramChart(edges, counts, display.ChartOptions{
		Title: p.title(fmt.Sprintf("%s — distribution of %s", p.o.table, p.o.cols[0])), XLabel: p.o.cols[0], YLabel: "count"})
	agg := table.New(table.FloatColumn("bin_start", edges[:bins]), table.FloatColumn("bin_end", edges[1:]), table.FloatColumn("count", counts))
	return chart, agg, nil
}

// cell returns row 0, column i of t as a float (NaN when NULL or missing).
func cell(t *table.Table, i int) float64 {
	if t == nil || i >= t.NumCols() || t.NumRows() == 0 {
		return math.NaN()
	}
	c := t.Columns[i]
	if k := c.Kind(); k != table.KindFloat && k != table.KindInt && k != table.KindBool {
		return math.NaN()
	}
	return c.FloatAt(0)
}

// aggExpr returns the SQL aggregate of column y (or count(*)).
func aggExpr(agg, y string) (string, string, error) {
	if y == "" {
		if agg != "" && agg != "count" {
			return "", "", usageErrorf("%%sqlplot: --agg %s needs a column to aggregate (-y or -c)", agg)
		}
		return "count(*)", "count", nil
	}
	col, err := sqlName(y)
	if err != nil {
		return "", "", err
	}
	if agg == "" {
		agg = "sum"
	}
	if agg == "count" {
		return "count(" + col + ")", "count of " + y, nil
	}
	return agg + "(CAST(" + col + " AS DOUBLE PRECISION))", agg + " of " + y, nil
}

func (p *plotRun) bar() (*display.Chart, *table.Table, error) {
	col, err := sqlName(p.o.cols[0])
	if err != nil {
		return nil, nil, err
	}
	expr, ylabel, err := aggExpr(p.o.agg, p.o.y)
	if err != nil {
		return nil, nil, err
	}
	q := fmt.Sprintf(`SELECT COALESCE(CAST(%s AS VARCHAR), 'NULL') AS label, %s AS value
FROM %s WHERE %s GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT $1::bigint`, col, expr, p.from, p.where)
	t, err := p.query(q, int64(p.o.top))
	if err != nil {
		return nil, nil, err
	}
	if t.NumRows() == 0 {
		return nil, nil, &Error{Name: "PlotError", Value: fmt.Sprintf("%%sqlplot bar: %s has no rows", p.o.table)}
	}
	return display.BarChartTable(t, "label", "value", display.ChartOptions{
		Title: p.title(fmt.Sprintf("%s — %s by %s", p.o.table, ylabel, p.o.cols[0])), XLabel: p.o.cols[0], YLabel: ylabel}), t, nil
}

// maxLinePoints is the most points a line plot draws: an X with more distinct values is
// bucketed in SQL (time truncated to a unit, numbers to round steps) and Y aggregated per
// bucket, so a million rows come back as a few hundred points.
const maxLinePoints = 500

func (p *plotRun) line() (*display.Chart, *table.Table, error) {
	x, err := sqlName(p.o.x)
	if err != nil {
		return nil, nil, err
	}
	y := p.o.y
	if y == "" && len(p.o.cols) > 0 {
		y = p.o.cols[0]
	}
	expr, ylabel, err := aggExpr(p.o.agg, y)
	if err != nil {
		return nil, nil, err
	}
	stats, err := p.query(fmt.Sprintf(`SELECT min(%[1]s) AS lo, max(%[1]s) AS hi, count(DISTINCT %[1]s) AS n FROM %[2]s WHERE %[3]s`, x, p.from, p.where))
	if err != nil {
		return nil, nil, err
	}
	if n := cell(stats, 2); n == 0 || math.IsNaN(n) {
		return nil, nil, &Error{Name: "PlotError", Value: fmt.Sprintf("%%sqlplot line: %s has no rows with %s set", p.o.table, p.o.x)}
	}
	lc, _ := stats.Column("lo")
	if lc.Kind() != table.KindInt && lc.Kind() != table.KindFloat && lc.Kind() != table.KindTime {
		return nil, nil, usageErrorf("%%sqlplot line: -x %s is %s; it must be numeric or a timestamp (use bar for categories)", p.o.x, lc.TypeName())
	}
	bucket, per, args := x, "", []any(nil)
	if cell(stats, 2) > maxLinePoints {
		if lc.Kind() == table.KindTime {
			ts := stats.Times("lo")
			te := stats.Times("hi")
			unit := timeBucket(te[0].Sub(ts[0]))
			bucket, per = "date_trunc('"+unit+"', "+x+")", unit
		} else {
			step := numberBucket(cell(stats, 0), cell(stats, 1))
			bucket, per, args = "floor(CAST("+x+" AS DOUBLE PRECISION) / $1::float8) * $1::float8", "step of "+table.FormatFloat(step), []any{step}
		}
	}
	q := fmt.Sprintf(`SELECT %s AS x, %s AS y FROM %s WHERE %s AND %s IS NOT NULL GROUP BY 1 ORDER BY 1`, bucket, expr, p.from, p.where, x)
	t, err := p.query(q, args...)
	if err != nil {
		return nil, nil, err
	}
	if t.NumRows() == 0 {
		return nil, nil, &Error{Name: "PlotError", Value: fmt.Sprintf("%%sqlplot line: %s has no rows with %s set", p.o.table, p.o.x)}
	}
	if per != "" {
		ylabel += " per " + per
	}
	title := fmt.Sprintf("%s — %s by %s", p.o.table, ylabel, p.o.x)
	t.Columns[0].Name, t.Columns[1].Name = p.o.x, ylabel
	return display.LineChartTable(t, p.o.x, []string{ylabel}, display.ChartOptions{
		Title: p.title(title), XLabel: p.o.x, YLabel: ylabel}), t, nil
}

// timeBucket returns the finest date_trunc unit that cuts span into at most
// maxLinePoints buckets.
func timeBucket(span time.Duration) string {
	for _, u := range []struct {
		name string
		d    time.Duration
	}{
		{"second", time.Second}, {"minute", time.Minute}, {"hour", time.Hour}, {"day", 24 * time.Hour},
		{"week", 7 * 24 * time.Hour}, {"month", 31 * 24 * time.Hour}, {"quarter", 92 * 24 * time.Hour},
	} {
		if span/u.d < maxLinePoints {
			return u.name
		}
	}
	return "year"
}

// numberBucket returns a round step (1, 2 or 5 times a power of ten) that cuts lo…hi
// into at most maxLinePoints buckets.
func numberBucket(lo, hi float64) float64 {
	raw := (hi - lo) / maxLinePoints
	if !(raw > 0) || math.IsInf(raw, 0) {
		return 1
	}
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 5, 10} {
		if m*mag >= raw {
			return m * mag
		}
	}
	return 10 * mag
}

func (p *plotRun) box() (*display.Chart, *table.Table, error) {
	opts := display.ChartOptions{Title: p.title(fmt.Sprintf("%s — %s", p.o.table, strings.Join(p.o.cols, ", "))),
		YLabel: "value (dots: extremes beyond the whiskers)"}
	pl := display.NewPlot(opts)
	grid := plotter.NewGrid()
	grid.Vertical.Color = nil
	grid.Horizontal.Color = color.RGBA{R: 0xe4, G: 0xe4, B: 0xe4, A: 0xff}
	grid.Horizontal.Width = vg.Points(0.6)
	pl.Add(grid)
	var names []string
	var boxes []display.BoxStats
	var q1s, meds, q3s, los, his, mins, maxs, outs []float64
	for i, name := range p.o.cols {
		col, err := sqlName(name)
		if err != nil {
			return nil, nil, err
		}
		x := "CAST(" + col + " AS DOUBLE PRECISION)"
		fin := finiteSQL(x)
		// The statistics are of the finite values; ±Infinity and NaN are reported.
		q := fmt.Sprintf(`SELECT percentile_cont(0.25) WITHIN GROUP (ORDER BY %[1]s) AS q1,
  percentile_cont(0.5) WITHIN GROUP (ORDER BY %[1]s) AS med,
  percentile_cont(0.75) WITHIN GROUP (ORDER BY %[1]s) AS q3,
  min(%[1]s) AS lo, max(%[1]s) AS hi, (SELECT count(%[1]s) FROM %[2]s WHERE %[3]s) - count(*) AS skipped
FROM %[2]s WHERE %[3]s AND %[4]s`, x, p.from, p.where, fin)
		t, err := p.query(q)
		if err != nil {
			return nil, nil, err
		}
		q1, med, q3, mn, mx := cell(t, 0), cell(t, 1), cell(t, 2), cell(t, 3), cell(t, 4)
		if math.IsNaN(med) {
			if skipped := cell(t, 5); skipped > 0 {
				return nil, nil, &Error{Name: "PlotError", Value: fmt.Sprintf("%%sqlplot box: %s has no finite values in %s (its %s non-NULL values are ±Infinity or NaN)",
					name, p.o.table, table.FormatInt(int64(skipped)))}
			}
			return nil, nil, &Error{Name: "PlotError", Value: fmt.Sprintf("%%sqlplot box: %s has no non-NULL values in %s", name, p.o.table)}
		}
		p.noteNonFinite("box", name, cell(t, 5))
		iqr := q3 - q1
		fl, fh := max(q1-1.5*iqr, -math.MaxFloat64), min(q3+1.5*iqr, math.MaxFloat64) // finite even when they overflow
		// The whiskers end at the most extreme values inside the fences.
		inside := fmt.Sprintf("%[1]s >= $1::float8 AND %[1]s <= $2::float8", x)
		w, err := p.query(fmt.Sprintf(`SELECT min(%[1]s) FILTER (WHERE %[2]s) AS lo, max(%[1]s) FILTER (WHERE %[2]s) AS hi,
  count(%[1]s) FILTER (WHERE NOT (%[2]s)) AS outside
FROM %[3]s WHERE %[4]s AND %[5]s`, x, inside, p.from, p.where, fin), fl, fh)
		if err != nil {
			return nil, nil, err
		}
		adjLo, adjHi, out := mn, mx, cell(w, 2)
		if v := cell(w, 0); !math.IsNaN(v) {
			adjLo = v
		}
		if v := cell(w, 1); !math.IsNaN(v) {
			adjHi = v
		}
		b, err := plotter.NewBoxPlot(vg.Points(30), float64(i), plotter.Values{mn, q1, med, q3, mx})
		if err != nil {
			return nil, nil, &Error{Name: "PlotError", Value: "%sqlplot box: " + err.Error(), Err: err}
		}
		b.Median, b.Quartile1, b.Quartile3 = med, q1, q3
		b.AdjLow, b.AdjHigh, b.Min, b.Max = adjLo, adjHi, mn, mx
		b.Outside = nil
		b.FillColor = display.SeriesColor(i)
		pl.Add(b)
		// Mark the extremes beyond the whiskers (the outliers' range).
		var ext plotter.XYs
		if mn < adjLo {
			ext = append(ext, plotter.XY{X: float64(i), Y: mn})
		}
		if mx > adjHi {
			ext = append(ext, plotter.XY{X: float64(i), Y: mx})
		}
		if len(ext) > 0 {
			sc, err := plotter.NewScatter(ext)
			if err == nil {
				sc.GlyphStyle.Shape = draw.CircleGlyph{}
				sc.GlyphStyle.Radius = vg.Points(2.5)
				pl.Add(sc)
			}
		}
		names = append(names, name)
		boxes = append(boxes, display.BoxStats{Name: name, Min: mn, WhiskerLow: adjLo, Q1: q1, Median: med, Q3: q3, WhiskerHigh: adjHi, Max: mx})
		q1s, meds, q3s = append(q1s, q1), append(meds, med), append(q3s, q3)
		los, his, mins, maxs, outs = append(los, adjLo), append(his, adjHi), append(mins, mn), append(maxs, mx), append(outs, out)
	}
	pl.NominalX(names...)
	pl.X.Min, pl.X.Max = -0.6, float64(len(names))-0.4
	pl.Y.Label.Text = opts.YLabel
	agg := table.New(table.StringColumn("column", names), table.FloatColumn("min", mins), table.FloatColumn("whisker_low", los),
		table.FloatColumn("q1", q1s), table.FloatColumn("median", meds), table.FloatColumn("q3", q3s),
		table.FloatColumn("whisker_high", his), table.FloatColumn("max", maxs), table.FloatColumn("outliers", outs))
	// The interactive form: the same boxes as a Vega-Lite box plot.
	return display.Plot(pl).WithBoxPlotSpec(boxes, opts), agg, nil
}
