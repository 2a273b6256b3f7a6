// Package profiles builds the unified profile view: one row per person, the attributes
// of a profile dataset joined with enrichment datasets (such as propensity scores) keyed
// by the person's identity, keeping only the latest row per person from each. Audiences
// are rules over this view.
//
// The view is plain SQL that runs on the sandbox and on PostgreSQL:
//
//	SELECT p.<profile fields>, e1.<enrichment fields>, …
//	FROM (latest row per identity of the profile dataset) p
//	LEFT JOIN (latest row per identity of enrichment 1) e1 ON e1.key = p.identity …
//
// "Latest" is the highest value of the enrichment's Latest column (a scoring time, for
// example), ties and the default broken by the newest ingestion batch. Refresh records
// the view's definition in the sluice_profile_views table so later notebooks can Open it.
package profiles

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/sluice-dev/sluice/platform/catalog"
	"github.com/sluice-dev/sluice/platform/internal/sqltx"
	"github.com/sluice-dev/sluice/platform/qs"
	"github.com/sluice-dev/sluice/table"
)

// DefaultView is the name of the unified profile view when Spec.View is empty.
const DefaultView = "unified_profiles"

// Enrichment is a dataset joined into the unified profile by identity.
type Enrichment struct {
	// Dataset names a catalog dataset.
	Dataset string `json:"dataset"`
	// Key is its column holding the person's identity (default: its IdentityField).
	Key string `json:"key,omitempty"`
	// Latest orders a person's rows; the highest wins (default: the newest batch).
	Latest string `json:"latest,omitempty"`
	// Columns are the attributes brought into the view (default: every field but the
	// key). A name that clashes with an earlier column is prefixed with the dataset
	// name and an underscore.
	Columns []string `json:"columns,omitempty"`
}

// Spec defines a unified profile view.
type Spec struct {
	// View is the view's name (default DefaultView).
	View string `json:"view"`
	// Profile is the base dataset: one row per person in the view (its latest row).
	Profile string `json:"profile"`
	// Enrichments are joined in order. Nil means every other profile-enabled dataset in
	// the catalog.
	Enrichments []Enrichment `json:"enrichments"`
}

// View is a created unified profile view.
type View struct {
	Name string
	// Identity is the view's identity column (the profile dataset's identity field).
	Identity string
	Spec     Spec
	// Columns are the view's columns, in order.
	Columns []string
	// SQL is the view's defining query.
	SQL       string
	Refreshed time.Time

	db *qs.Client
}

var nameRE = regexp.MustCompile(`^[a-z_][a-z0-9_]{0,62}$`)

const viewsDDL = `CREATE TABLE IF NOT EXISTS sluice_profile_views (
	name TEXT PRIMARY KEY,
	identity_field TEXT NOT NULL,
	spec TEXT NOT NULL,
	columns TEXT NOT NULL,
	refreshed TIMESTAMP NOT NULL)`

// Refresh creates (or replaces) the unified profile view described by spec and records
// it. Run it again after new enrichment datasets appear; it is idempotent.
func Refresh(ctx context.Context, db *qs.Client, spec Spec) (*View, error) {
	if spec.View == "" {
		spec.View = DefaultView
	}
	if !nameRE.MatchString(spec.View) {
		return nil, fmt.Errorf("profile view name %q is not valid: lower-case letters, digits and _", spec.View)
	}
	cat := catalog.New(db)
	base, err := cat.Dataset(ctx, spec.Profile)
	if err != nil {
		return nil, fmt.Errorf("profile view %s: base profile dataset: %w", spec.View, err)
	}
	if base.IdentityField == "" {
		return nil, fmt.Errorf("profile view %s: dataset %s has no identity field; create it with IdentityField set", spec.View, base.Name)
	}
	if spec.Enrichments == nil {
		spec.Enrichments, err = otherProfileDatasets(ctx, cat, base.Name)
		if err != nil {
			return nil, err
		}
	}
	sql, cols, err := buildSQL(ctx, cat, base, spec)
	if err != nil {
		return nil, fmt.Errorf("profile view %s: %w", spec.View, err)
	}
	v := &View{Name: spec.View, Identity: base.IdentityField, Spec: spec, Columns: cols, SQL: sql,
		Refreshed: time.Now().UTC().Truncate(time.Microsecond), db: db}
	specJSON, _ := json.Marshal(spec)
	colsJSON, _ := json.Marshal(cols)
	if _, err := db.Exec(ctx, viewsDDL); err != nil {
		return nil, fmt.Errorf("profile view %s: %w", spec.View, err)
	}
	err = sqltx.Exec(ctx, db,
		sqltx.Statement("DROP VIEW IF EXISTS "+spec.View),
		sqltx.Statement("CREATE VIEW "+spec.View+" AS "+sql),
		sqltx.Statement("DELETE FROM sluice_profile_views WHERE name = $1", spec.View),
		sqltx.Statement("INSERT INTO sluice_profile_views (name, identity_field, spec, columns, refreshed) VALUES ($1, $2, $3, $4, $5)",
			spec.View, v.Identity, string(specJSON), string(colsJSON), v.Refreshed))
	if err != nil {
		return nil, fmt.Errorf("profile view %s: %w", spec.View, err)
	}
	return v, nil
}

// Unified refreshes the default view over the profile dataset joined with every other
// profile-enabled dataset: the short form of Refresh.
func Unified(ctx context.Context, db *qs.Client, profile string) (*View, error) {
	return Refresh(ctx, db, Spec{Profile: profile})
}

// Open returns a view recorded by an earlier Refresh.
func Open(ctx context.Context, db *qs.Client, name string) (*View, error) {
	if name == "" {
		name = DefaultView
	}
	t, err := db.Query(ctx, `SELECT identity_field, spec, columns, refreshed FROM sluice_profile_views WHERE name = $1`, name)
	if err != nil {
		var qe *qs.Error
		if errors.As(err, &qe) && qe.Code == "42P01" {
			return nil, fmt.Errorf("profile view %s does not exist yet: build it with profiles.Refresh", name)
		}
		return nil, fmt.Errorf("profile view %s: %w", name, err)
	}
	if t.NumRows() == 0 {
		return nil, fmt.Errorf("profile view %s does not exist yet: build it with profiles.Refresh", name)
	}
	ids := t.Strings("identity_field")
	specs := t.Strings("spec")
	cols := t.Strings("columns")
	ref := t.Times("refreshed")
	v := &View{Name: name, Identity: ids[0], Refreshed: ref[0], db: db}
	if err := json.Unmarshal([]byte(specs[0]), &v.Spec); err != nil {
		return nil, fmt.Errorf("profile view %s: unreadable definition: %w", name, err)
	}
	if err := json.Unmarshal([]byte(cols[0]), &v.Columns); err != nil {
		return nil, fmt.Errorf("profile view %s: unreadable columns: %w", name, err)
	}
	return v, nil
}

func otherProfileDatasets(ctx context.Context, cat *catalog.Catalog, base string) ([]Enrichment, error) {
	list, err := cat.Datasets(ctx)
	if err != nil {
		return nil, err
	}
	names := list.Strings("dataset")
	var out []Enrichment
	for _, n := range names {
		if n == base {
			continue
		}
		d, err := cat.Dataset(ctx, n)
		if err != nil {
			return nil, err
		}
		if d.HasTag(catalog.TagProfile) && d.IdentityField != "" {
			out = append(out, Enrichment{Dataset: n})
		}
	}
	return out, nil
}

// buildSQL returns the view's query and its column names.
func buildSQL(ctx context.Context, cat *catalog.Catalog, base *catalog.Dataset, spec Spec) (string, []string, error) {
	q := qs.QuoteIdent
	id := base.IdentityField
	idField, _ := base.Field(id)
	var cols []string
	used := map[string]bool{}
	var sel []string
	for _, f := range base.Fields {
		sel = append(sel, "p."+q(f.Name))
		cols = append(cols, f.Name)
		used[strings.ToLower(f.Name)] = true
	}
	order := "1"
	if base.Managed {
		order = catalog.BatchColumn + " DESC"
	}
	from := fmt.Sprintf("(SELECT * FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY %s ORDER BY %s) AS _sluice_rn FROM %s) b WHERE _sluice_rn = 1) p",
		q(id), order, base.Name)
	var joins []string
	for i, e := range spec.Enrichments {
		d, err := cat.Dataset(ctx, e.Dataset)
		if err != nil {
			return "", nil, fmt.Errorf("enrichment %d: %w", i+1, err)
		}
		key := e.Key
		if key == "" {
			key = d.IdentityField
		}
		if key == "" {
			return "", nil, fmt.Errorf("enrichment %s: name its identity column (Key); the dataset has no identity field", d.Name)
		}
		keyField, ok := d.Field(key)
		if !ok {
			return "", nil, fmt.Errorf("enrichment %s: key %q is not a field (fields: %s)", d.Name, key, strings.Join(d.FieldNames(), ", "))
		}
		var orders []string
		if e.Latest != "" {
			if _, ok := d.Field(e.Latest); !ok {
				return "", nil, fmt.Errorf("enrichment %s: Latest column %q is not a field (fields: %s)", d.Name, e.Latest, strings.Join(d.FieldNames(), ", "))
			}
			orders = append(orders, q(e.Latest)+" DESC")
		}
		if d.Managed {
			orders = append(orders, catalog.BatchColumn+" DESC")
		}
		if len(orders) == 0 {
			orders = append(orders, "1")
		}
		attrs := e.Columns
		if attrs == nil {
			for _, f := range d.Fields {
				if f.Name != key {
					attrs = append(attrs, f.Name)
				}
			}
		}
		alias := fmt.Sprintf("e%d", i+1)
		var inner []string
		for _, a := range attrs {
			if _, ok := d.Field(a); !ok {
				return "", nil, fmt.Errorf("enrichment %s: column %q is not a field (fields: %s)", d.Name, a, strings.Join(d.FieldNames(), ", "))
			}
			name := a
			if used[strings.ToLower(name)] {
				name = d.Name + "_" + a
			}
			if used[strings.ToLower(name)] {
				return "", nil, fmt.Errorf("enrichment %s: column %s clashes with an earlier column even when prefixed", d.Name, a)
			}
			used[strings.ToLower(name)] = true
			inner = append(inner, q(a)+" AS "+q(name))
			sel = append(sel, alias+"."+q(name))
			cols = append(cols, name)
		}
		keyExpr, baseExpr := q(key), "p."+q(id)
		if keyField.Type != idField.Type {
			keyExpr, baseExpr = "CAST("+keyExpr+" AS TEXT)", "CAST("+baseExpr+" AS TEXT)"
		}
		inner = append(inner, keyExpr+" AS _sluice_key")
		joins = append(joins, fmt.Sprintf(
			"LEFT JOIN (SELECT * FROM (SELECT %s, ROW_NUMBER() OVER (PARTITION BY %s ORDER BY %s) AS _sluice_rn FROM %s) s WHERE _sluice_rn = 1) %s ON %s._sluice_key = %s",
			strings.Join(inner, ", "), q(key), strings.Join(orders, ", "), d.Name, alias, alias, baseExpr))
	}
	sql := "SELECT " + strings.Join(sel, ", ") + " FROM " + from
	if len(joins) > 0 {
		sql += " " + strings.Join(joins, " ")
	}
	return sql, cols, nil
}

// Count returns the number of profiles in the view.
func (v *View) Count(ctx context.Context) (int64, error) {
	t, err := v.db.Query(ctx, "SELECT COUNT(*) AS n FROM "+v.Name)
	if err != nil {
		return 0, fmt.Errorf("count %s: %w", v.Name, err)
	}
	n := t.Ints("n")
	return n[0], nil
}

// Enriched counts, for each enrichment, the profiles that have a matching row: columns
// enrichment, profiles, enriched and share (enriched / profiles).
func (v *View) Enriched(ctx context.Context) (*table.Table, error) {
	total, err := v.Count(ctx)
	if err != nil {
		return nil, err
	}
	cat := catalog.New(v.db)
	var names []string
	var tot, enr []int64
	var share []float64
	for _, e := range v.Spec.Enrichments {
		d, err := cat.Dataset(ctx, e.Dataset)
		if err != nil {
			return nil, err
		}
		key := e.Key
		if key == "" {
			key = d.IdentityField
		}
		cond := fmt.Sprintf("e.%s = v.%s", qs.QuoteIdent(key), qs.QuoteIdent(v.Identity))
		kf, _ := d.Field(key)
		if pf, ok := fieldType(ctx, cat, v.Spec.Profile, v.Identity); ok && pf != kf.Type {
			cond = fmt.Sprintf("CAST(e.%s AS TEXT) = CAST(v.%s AS TEXT)", qs.QuoteIdent(key), qs.QuoteIdent(v.Identity))
		}
		t, err := v.db.Query(ctx, fmt.Sprintf("SELECT COUNT(*) AS n FROM %s v WHERE EXISTS (SELECT 1 FROM %s e WHERE %s)", v.Name, d.Name, cond))
		if err != nil {
			return nil, fmt.Errorf("count enriched profiles: %w", err)
		}
		n := t.Ints("n")
		names = append(names, d.Name)
		tot = append(tot, total)
		enr = append(enr, n[0])
		s := 0.0
		if total > 0 {
			s = float64(n[0]) / float64(total)
		}
		share = append(share, s)
	}
	out := table.New(table.StringColumn("enrichment", names), table.IntColumn("profiles", tot),
		table.IntColumn("enriched", enr), table.FloatColumn("share", share))
	out.Title = "enriched profiles in " + v.Name
	return out, nil
}

func fieldType(ctx context.Context, cat *catalog.Catalog, dataset, field string) (string, bool) {
	d, err := cat.Dataset(ctx, dataset)
	if err != nil {
		return "", false
	}
	f, ok := d.Field(field)
	return f.Type, ok
}

// Sample returns n profiles of the view, enriched ones first, ordered by identity.
func (v *View) Sample(ctx context.Context, n int) (*table.Table, error) {
	order := qs.QuoteIdent(v.Identity)
	if len(v.Spec.Enrichments) > 0 && len(v.Columns) > 0 {
		last := v.Columns[len(v.Columns)-1]
		order = fmt.Sprintf("CASE WHEN %s IS NULL THEN 1 ELSE 0 END, %s", qs.QuoteIdent(last), order)
	}
	t, err := v.db.Query(ctx, fmt.Sprintf("SELECT * FROM %s ORDER BY %s LIMIT %d", v.Name, order, max(n, 0)))
	if err != nil {
		return nil, fmt.Errorf("sample %s: %w", v.Name, err)
	}
	t.Title = fmt.Sprintf("%d profiles of %s", t.NumRows(), v.Name)
	return t, nil
}

// String summarizes the view on one line.
func (v *View) String() string {
	var es []string
	for _, e := range v.Spec.Enrichments {
		es = append(es, e.Dataset)
	}
	s := fmt.Sprintf("profile view %s: %s keyed by %s, %d columns", v.Name, v.Spec.Profile, v.Identity, len(v.Columns))
	if len(es) > 0 {
		s += ", enriched with " + strings.Join(es, ", ")
	}
	return s
}

// HTML renders the view's summary; display.Render shows it with String as the plain text.
func (v *View) HTML() string {
	return "<p>" + strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(v.String()) + "</p>"
}
