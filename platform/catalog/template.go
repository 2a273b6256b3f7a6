package catalog

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/sluice-dev/sluice/platform/internal/sqltx"
	"github.com/sluice-dev/sluice/platform/qs"
	"github.com/sluice-dev/sluice/table"
)

// Reserved parameters of incremental templates, filled by RunIncremental: the last
// batch id already processed and the newest batch id to process now.
const (
	ParamSinceBatch = "since_batch"
	ParamUntilBatch = "until_batch"
)

// Param is a typed parameter of a query template, written :name in its SQL.
type Param struct {
	Name string `json:"name"`
	// Type is one of string, int, float, bool, timestamp, date.
	Type string `json:"type"`
	Doc  string `json:"doc,omitempty"`
	// Default is used when a run gives no value (nil: the value is required).
	Default any `json:"default,omitempty"`
}

// Template is a named SQL statement with typed parameters, stored in the catalog and run
// later with values bound as query parameters (never spliced into the SQL text).
//
// Parameters are written :name in SQL (a :: cast is left alone, as are string literals,
// quoted identifiers and comments). Each is sent as CAST($n AS type), so both engines
// see the declared type. A template with a Dataset is incremental: RunIncremental binds
// :since_batch and :until_batch so the statement processes only rows of that dataset's
// batches newer than the last run, e.g. WHERE _batch_id > :since_batch AND
// _batch_id <= :until_batch.
type Template struct {
	Name        string
	Description string
	SQL         string
	Params      []Param
	// Dataset, when set, makes the template incremental over that dataset's batches.
	Dataset string
	Created time.Time
	Updated time.Time
}

var paramSQLTypes = map[string]string{
	TypeString:    "TEXT",
	TypeInt:       "BIGINT",
	TypeFloat:     "FLOAT8",
	TypeBool:      "BOOLEAN",
	TypeTimestamp: "TIMESTAMP",
	TypeDate:      "DATE",
}

var templateNameRE = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_.-]{0,99}$`)

// params returns the declared parameters plus the reserved incremental ones.
func (t *Template) params() []Param {
	ps := append([]Param(nil), t.Params...)
	if t.Dataset != "" {
		ps = append(ps, Param{Name: ParamSinceBatch, Type: TypeInt, Doc: "last batch id already processed"},
			Param{Name: ParamUntilBatch, Type: TypeInt, Doc: "newest batch id to process"})
	}
	return ps
}

func (t *Template) param(name string) (Param, bool) {
	for _, p := range t.params() {
		if p.Name == name {
			return p, true
		}
	}
	return Param{}, false
}

// validate checks names, types and that the SQL's placeholders and the declared
// parameters match.
func (t *Template) validate() error {
	if !templateNameRE.MatchString(t.Name) {
		return fmt.Errorf("template name %q is not valid: letters, digits, _, . and -", t.Name)
	}
	if strings.TrimSpace(t.SQL) == "" {
		return fmt.Errorf("template %s has no SQL", t.Name)
	}
	seen := map[string]bool{}
	for i, p := range t.Params {
		if !fieldNameRE.MatchString(p.Name) {
			return fmt.Errorf("template %s: parameter %d name %q is not valid", t.Name, i+1, p.Name)
		}
		if t.Dataset != "" && (p.Name == ParamSinceBatch || p.Name == ParamUntilBatch) {
			return fmt.Errorf("template %s: parameter %s is reserved for incremental runs; do not declare it", t.Name, p.Name)
		}
		if seen[p.Name] {
			return fmt.Errorf("template %s: parameter %s is declared twice", t.Name, p.Name)
		}
		seen[p.Name] = true
		typ := strings.ToLower(p.Type)
		if _, ok := paramSQLTypes[typ]; !ok {
			return fmt.Errorf("template %s: parameter %s has type %q; use string, int, float, bool, timestamp or date", t.Name, p.Name, p.Type)
		}
		t.Params[i].Type = typ
		if p.Default != nil {
			if _, err := bindValue(t.Params[i], p.Default); err != nil {
				return fmt.Errorf("template %s: default of %s: %w", t.Name, p.Name, err)
			}
		}
	}
	_, used := placeholders(t.SQL)
	usedSet := map[string]bool{}
	for _, u := range used {
		usedSet[u] = true
		if _, ok := t.param(u); !ok {
			return fmt.Errorf("template %s: the SQL uses :%s but no parameter of that name is declared (declared: %s)", t.Name, u, strings.Join(paramNames(t.params()), ", "))
		}
	}
	for _, p := range t.Params {
		if !usedSet[p.Name] {
			return fmt.Errorf("template %s: parameter %s is declared but the SQL never uses :%s", t.Name, p.Name, p.Name)
		}
	}
	if t.Dataset != "" && !usedSet[ParamSinceBatch] {
		return fmt.Errorf("template %s is incremental over %s but its SQL never uses :%s, so every run would reprocess all batches; filter with %s > :%s",
			t.Name, t.Dataset, ParamSinceBatch, BatchColumn, ParamSinceBatch)
	}
	return nil
}

func paramNames(ps []Param) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = ":" + p.Name
	}
	return out
}

// placeholders finds :name placeholders in sql outside literals, quoted identifiers and
// comments. It returns the byte spans [start, end) of each and the names in order.
func placeholders(sql string) (spans [][2]int, names []string) {
	isStart := func(c byte) bool { return c == '_' || (c|0x20) >= 'a' && (c|0x20) <= 'z' }
	isPart := func(c byte) bool { return isStart(c) || c >= '0' && c <= '9' }
	for i := 0; i < len(sql); i++ {
		switch c := sql[i]; {
		case c == '\'' || c == '"':
			j := i + 1
			for j < len(sql) {
				if sql[j] == c {
					if j+1 < len(sql) && sql[j+1] == c {
						j += 2
						continue
					}
					break
				}
				j++
			}
			i = j
		case c == '-' && i+1 < len(sql) && sql[i+1] == '-':
			for i < len(sql) && sql[i] != '\n' {
				i++
			}
		case c == '/' && i+1 < len(sql) && sql[i+1] == '*':
			end := strings.Index(sql[i+2:], "*/")
			if end < 0 {
				return spans, names
			}
			i += end + 3
		case c == ':':
			if i+1 < len(sql) && sql[i+1] == ':' {
				i++
				continue
			}
			if i > 0 && sql[i-1] == ':' {
				continue
			}
			if i+1 < len(sql) && isStart(sql[i+1]) {
				j := i + 1
				for j < len(sql) && isPart(sql[j]) {
					j++
				}
				spans = append(spans, [2]int{i, j})
				names = append(names, sql[i+1:j])
				i = j - 1
			}
		}
	}
	return spans, names
}

// compile rewrites the template's :name placeholders to CAST($n AS type) and returns the
// SQL and the bound arguments, in order, for values (merged with defaults).
func (t *Template) compile(values map[string]any) (string, []any, error) {
	spans, names := placeholders(t.SQL)
	for name := range values {
		if _, ok := t.param(name); !ok {
			return "", nil, fmt.Errorf("template %s has no parameter %q (parameters: %s)", t.Name, name, strings.Join(paramNames(t.params()), ", "))
		}
	}
	index := map[string]int{}
	var args []any
	var b strings.Builder
	last := 0
	for k, sp := range spans {
		name := names[k]
		p, _ := t.param(name)
		n, ok := index[name]
		if !ok {
			v, given := values[name]
			if !given || v == nil {
				v = p.Default
			}
			if v == nil {
				return "", nil, fmt.Errorf("template %s: no value for parameter %s (%s%s)", t.Name, name, p.Type, docSuffix(p.Doc))
			}
			bound, err := bindValue(p, v)
			if err != nil {
				return "", nil, fmt.Errorf("template %s: parameter %s: %w", t.Name, name, err)
			}
			args = append(args, bound)
			n = len(args)
			index[name] = n
		}
		b.WriteString(t.SQL[last:sp[0]])
		fmt.Fprintf(&b, "CAST($%d AS %s)", n, paramSQLTypes[p.Type])
		last = sp[1]
	}
	b.WriteString(t.SQL[last:])
	return b.String(), args, nil
}

func docSuffix(doc string) string {
	if doc == "" {
		return ""
	}
	return ": " + doc
}

// bindValue converts v to the Go value sent for a parameter of p's type.
func bindValue(p Param, v any) (any, error) {
	switch p.Type {
	case TypeString:
		if s, ok := v.(string); ok {
			return s, nil
		}
		return textOf(v), nil
	case TypeInt:
		if i, ok := toInt(v); ok {
			return i, nil
		}
		return nil, fmt.Errorf("%v is not an integer", v)
	case TypeFloat:
		if f, ok := toFloat(v); ok {
			return f, nil
		}
		return nil, fmt.Errorf("%v is not a number", v)
	case TypeBool:
		if b, ok := toBool(v); ok {
			return b, nil
		}
		return nil, fmt.Errorf("%v is not a boolean", v)
	case TypeTimestamp:
		if tm, ok := toTime(v); ok {
			return tm, nil
		}
		return nil, fmt.Errorf("%v is not a timestamp (use a time.Time or RFC 3339 text)", v)
	case TypeDate:
		if tm, ok := toTime(v); ok {
			return tm.Format("2006-01-02"), nil
		}
		return nil, fmt.Errorf("%v is not a date (use YYYY-MM-DD)", v)
	}
	return nil, fmt.Errorf("unknown parameter type %q", p.Type)
}

// SaveTemplate stores t (replacing a template of the same name) after checking that its
// placeholders and declared parameters match. Saving the same template again is a
// no-op apart from its updated time; its watermark is kept.
func (c *Catalog) SaveTemplate(ctx context.Context, t Template) (*Template, error) {
	if err := c.init(ctx); err != nil {
		return nil, err
	}
	t.Params = append([]Param(nil), t.Params...)
	if err := t.validate(); err != nil {
		return nil, fmt.Errorf("save template: %w", err)
	}
	if t.Dataset != "" {
		if _, err := c.Dataset(ctx, t.Dataset); err != nil {
			return nil, fmt.Errorf("save template %s: %w", t.Name, err)
		}
	}
	params, err := json.Marshal(t.Params)
	if err != nil {
		return nil, fmt.Errorf("save template %s: %w", t.Name, err)
	}
	t.Updated = now()
	t.Created = t.Updated
	if old, err := c.Template(ctx, t.Name); err == nil {
		t.Created = old.Created
	}
	err = sqltx.Exec(ctx, c.db,
		sqltx.Statement(`DELETE FROM sluice_templates WHERE name = $1`, t.Name),
		sqltx.Statement(`INSERT INTO sluice_templates (name, sql_text, params, dataset, description, created, updated)
			VALUES ($1, $2, $3, $4, $5, $6, $7)`, t.Name, t.SQL, string(params), t.Dataset, t.Description, t.Created, t.Updated))
	if err != nil {
		return nil, fmt.Errorf("save template %s: %w", t.Name, err)
	}
	return &t, nil
}

// Template returns the stored template called name.
func (c *Catalog) Template(ctx context.Context, name string) (*Template, error) {
	if err := c.init(ctx); err != nil {
		return nil, err
	}
	ts, err := c.queryTemplates(ctx, `WHERE name = $1`, name)
	if err != nil {
		return nil, err
	}
	if len(ts) == 0 {
		return nil, fmt.Errorf("template %q: %w", name, ErrNotFound)
	}
	return ts[0], nil
}

func (c *Catalog) queryTemplates(ctx context.Context, where string, args ...any) ([]*Template, error) {
	t, err := c.db.Query(ctx, `SELECT name, sql_text, params, dataset, description, created, updated FROM sluice_templates `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("read templates: %w", err)
	}
	names := t.Strings("name")
	sqls := t.Strings("sql_text")
	params := t.Strings("params")
	ds := t.Strings("dataset")
	descs := t.Strings("description")
	created := t.Times("created")
	updated := t.Times("updated")
	out := make([]*Template, len(names))
	for i := range names {
		tp := &Template{Name: names[i], SQL: sqls[i], Dataset: ds[i], Description: descs[i], Created: created[i], Updated: updated[i]}
		if err := json.Unmarshal([]byte(params[i]), &tp.Params); err != nil {
			return nil, fmt.Errorf("template %s: unreadable parameters: %w", names[i], err)
		}
		out[i] = tp
	}
	return out, nil
}

// Templates lists the stored templates: name, parameters, dataset, watermark,
// description and updated time.
func (c *Catalog) Templates(ctx context.Context) (*table.Table, error) {
	if err := c.init(ctx); err != nil {
		return nil, err
	}
	ts, err := c.queryTemplates(ctx, `ORDER BY name`)
	if err != nil {
		return nil, err
	}
	var names, params, ds, descs []string
	var wms []int64
	var updated []time.Time
	for _, t := range ts {
		var ps []string
		for _, p := range t.Params {
			ps = append(ps, ":"+p.Name+" "+p.Type)
		}
		wm, err := c.Watermark(ctx, t.Name)
		if err != nil {
			return nil, err
		}
		names = append(names, t.Name)
		params = append(params, strings.Join(ps, ", "))
		ds = append(ds, t.Dataset)
		wms = append(wms, wm)
		descs = append(descs, t.Description)
		updated = append(updated, t.Updated)
	}
	out := table.New(table.StringColumn("template", names), table.StringColumn("parameters", params),
		table.StringColumn("dataset", ds), table.IntColumn("watermark", wms),
		table.StringColumn("description", descs), table.TimeColumn("updated", updated))
	out.Title = "query templates"
	return out, nil
}

// TemplateRun is the record of one template run.
type TemplateRun struct {
	Template string
	Values   map[string]any
	// Result holds the rows a query returned (nil for statements that return none).
	Result *table.Table
	// RowsAffected is the command's row count (rows inserted, updated, or returned).
	RowsAffected int64
	// Incremental runs: the batch range processed (Since, Until], the number of new
	// successful batches in it, and Skipped when there was nothing new.
	Since, Until int64
	Batches      int64
	Skipped      bool
	Duration     time.Duration
}

// String summarizes the run on one line.
func (r *TemplateRun) String() string {
	if r.Skipped {
		return fmt.Sprintf("template %s: nothing new after batch %d — 0 rows", r.Template, r.Since)
	}
	s := fmt.Sprintf("template %s: %s rows in %s", r.Template, groupDigits(r.RowsAffected), roundDuration(r.Duration))
	if r.Until > 0 {
		s += fmt.Sprintf(" (batches %d–%d, %d new)", r.Since+1, r.Until, r.Batches)
	}
	return s
}

// DisplayParts shows the run's summary line above its result rows, if any
// (display.Composite).
func (r *TemplateRun) DisplayParts() []any {
	if r.Result == nil || r.Result.NumCols() == 0 {
		return []any{r.String()}
	}
	return []any{r.String(), r.Result}
}

// runner is what runs SQL: the client or a transaction.
type runner interface {
	Run(ctx context.Context, limit int, sql string, args ...any) (*qs.Result, error)
}

// RunTemplate runs the stored template name with values (a map from parameter name to
// value; parameters with a default may be left out).
func (c *Catalog) RunTemplate(ctx context.Context, name string, values map[string]any) (*TemplateRun, error) {
	t, err := c.Template(ctx, name)
	if err != nil {
		return nil, err
	}
	if t.Dataset != "" {
		if _, ok := values[ParamSinceBatch]; !ok {
			return nil, fmt.Errorf("template %s is incremental: run it with RunIncremental, or give %s and %s", name, ParamSinceBatch, ParamUntilBatch)
		}
	}
	return c.runTemplate(ctx, c.db, t, values)
}

func (c *Catalog) runTemplate(ctx context.Context, r runner, t *Template, values map[string]any) (*TemplateRun, error) {
	sql, args, err := t.compile(values)
	if err != nil {
		return nil, err
	}
	start := time.Now()
	res, err := r.Run(ctx, 0, sql, args...)
	if err != nil {
		return nil, fmt.Errorf("run template %s: %w", t.Name, err)
	}
	run := &TemplateRun{Template: t.Name, Values: values, RowsAffected: res.RowsAffected, Duration: time.Since(start)}
	if res.HasRows() {
		run.Result = res.Table
		if run.RowsAffected == 0 {
			run.RowsAffected = int64(res.Table.NumRows())
		}
	}
	return run, nil
}

// Watermark returns the last batch id an incremental template has processed (0 when it
// never ran).
func (c *Catalog) Watermark(ctx context.Context, name string) (int64, error) {
	if err := c.init(ctx); err != nil {
		return 0, err
	}
	t, err := c.db.Query(ctx, `SELECT batch_id FROM sluice_watermarks WHERE name = $1`, name)
	if err != nil {
		return 0, fmt.Errorf("watermark of %s: %w", name, err)
	}
	ids := t.Ints("batch_id")
	if len(ids) == 0 {
		return 0, nil
	}
	return ids[0], nil
}

// ResetWatermark forgets what an incremental template has processed, so its next run
// starts from the first batch.
func (c *Catalog) ResetWatermark(ctx context.Context, name string) error {
	if err := c.init(ctx); err != nil {
		return err
	}
	if _, err := c.db.Exec(ctx, `DELETE FROM sluice_watermarks WHERE name = $1`, name); err != nil {
		return fmt.Errorf("reset watermark of %s: %w", name, err)
	}
	return nil
}

// RunIncremental runs an incremental template over the successful batches of its
// dataset that are newer than its watermark: :since_batch is the watermark, :until_batch
// the newest batch id such that no older batch is still loading. The statement and the
// new watermark commit in one transaction, so re-running adds nothing and a failed run
// can simply be repeated. With nothing new it does not run the SQL and reports Skipped.
func (c *Catalog) RunIncremental(ctx context.Context, name string, values map[string]any) (*TemplateRun, error) {
	t, err := c.Template(ctx, name)
	if err != nil {
		return nil, err
	}
	if t.Dataset == "" {
		return nil, fmt.Errorf("template %s is not incremental (it has no Dataset); use RunTemplate", name)
	}
	if _, err := c.Recover(ctx); err != nil {
		return nil, err
	}
	since, err := c.Watermark(ctx, name)
	if err != nil {
		return nil, err
	}
	rng, err := c.db.Query(ctx, `SELECT
			(SELECT MAX(id) FROM sluice_batches WHERE dataset = $1 AND status = 'success') AS done,
			(SELECT MIN(id) FROM sluice_batches WHERE dataset = $1 AND status = 'loading') AS pending`, t.Dataset)
	if err != nil {
		return nil, fmt.Errorf("run %s: find new batches: %w", name, err)
	}
	done := rng.Ints("done")
	pending := rng.Ints("pending")
	until := done[0]
	if pc, _ := rng.Column("pending"); pc != nil && !pc.IsNull(0) && pending[0]-1 < until {
		until = pending[0] - 1
	}
	start := time.Now()
	if until <= since {
		return &TemplateRun{Template: name, Values: values, Since: since, Until: since, Skipped: true, Duration: time.Since(start)}, nil
	}
	vals := map[string]any{}
	for k, v := range values {
		vals[k] = v
	}
	vals[ParamSinceBatch], vals[ParamUntilBatch] = since, until
	tx, err := c.db.Begin(ctx)
	if err != nil {
		return nil, fmt.Errorf("run template %s: %w", name, err)
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	run, err := c.runTemplate(ctx, tx, t, vals)
	if err != nil {
		return nil, err
	}
	// Only a run that still sees the watermark it started from may advance it.
	n, err := tx.Exec(ctx, `UPDATE sluice_watermarks SET batch_id = $1, updated = $2 WHERE name = $3 AND batch_id = $4`, until, now(), name, since)
	if err != nil {
		return nil, fmt.Errorf("run template %s: store watermark: %w", name, err)
	}
	if n == 0 {
		if since != 0 {
			return nil, fmt.Errorf("run template %s: another run advanced the watermark past %d meanwhile; run again", name, since)
		}
		if _, err := tx.Exec(ctx, `INSERT INTO sluice_watermarks (name, batch_id, updated) VALUES ($1, $2, $3)`, name, until, now()); err != nil {
			return nil, fmt.Errorf("run template %s: store watermark: %w", name, err)
		}
	}
	cnt, err := tx.Query(ctx, `SELECT COUNT(*) AS n FROM sluice_batches WHERE dataset = $1 AND status = 'success' AND id > $2 AND id <= $3`, t.Dataset, since, until)
	if err != nil {
		return nil, fmt.Errorf("run template %s: %w", name, err)
	}
	if ns := cnt.Ints("n"); len(ns) == 1 {
		run.Batches = ns[0]
	}
	if err := tx.Commit(ctx); err != nil {
		return nil, fmt.Errorf("run template %s: %w", name, err)
	}
	run.Since, run.Until, run.Values = since, until, values
	run.Duration = time.Since(start)
	return run, nil
}

// String summarizes the template on one line.
func (t *Template) String() string {
	s := fmt.Sprintf("template %s(%s)", t.Name, strings.Join(paramNames(t.Params), ", "))
	if t.Dataset != "" {
		s += " incremental over " + t.Dataset
	}
	if t.Description != "" {
		s += " — " + t.Description
	}
	return s
}

// DisplayParts shows the template: its parameters as a table above its SQL
// (display.Composite).
func (t *Template) DisplayParts() []any {
	var names, types, docs []string
	for _, p := range t.params() {
		names, types, docs = append(names, ":"+p.Name), append(types, p.Type), append(docs, p.Doc)
	}
	tab := table.New(table.StringColumn("parameter", names), table.StringColumn("type", types), table.StringColumn("doc", docs))
	tab.Title = t.String()
	return []any{tab, preformatted(t.SQL)}
}
