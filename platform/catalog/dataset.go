package catalog

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/sluice-dev/sluice/platform/internal/sqltx"
	"github.com/sluice-dev/sluice/platform/qs"
	"github.com/sluice-dev/sluice/table"
)

// Field types a dataset schema may use.
const (
	TypeString    = "string"
	TypeInt       = "int"
	TypeFloat     = "float"
	TypeBool      = "bool"
	TypeTimestamp = "timestamp"
	TypeDate      = "date"
	TypeJSON      = "json"
)

// TagProfile marks a dataset whose rows are profile attributes keyed by its identity
// field: the unified profile view joins such datasets.
const TagProfile = "profile-enabled"

// BatchColumn is the column every managed dataset table carries: the id of the batch
// that loaded the row.
const BatchColumn = "_batch_id"

var sqlTypes = map[string]string{
	TypeString:    "TEXT",
	TypeInt:       "BIGINT",
	TypeFloat:     "FLOAT8",
	TypeBool:      "BOOLEAN",
	TypeTimestamp: "TIMESTAMP",
	TypeDate:      "DATE",
	TypeJSON:      "JSON",
}

// Field is one typed attribute of a dataset schema.
type Field struct {
	Name string `json:"name"`
	Type string `json:"type"`
	Doc  string `json:"doc,omitempty"`
}

// Dataset is a catalog entry: a table in the query service with its schema.
type Dataset struct {
	Name        string
	Description string
	Fields      []Field
	// Tags label the dataset, such as TagProfile.
	Tags []string
	// IdentityField names the field that identifies a person (required non-empty in
	// every ingested row when set).
	IdentityField string
	// Managed is true for datasets created by CreateDataset (loaded through batches)
	// and false for existing tables registered with Register.
	Managed bool
	Created time.Time
}

// HasTag reports whether the dataset carries tag.
func (d *Dataset) HasTag(tag string) bool {
	for _, t := range d.Tags {
		if t == tag {
			return true
		}
	}
	return false
}

// Field returns the field called name.
func (d *Dataset) Field(name string) (Field, bool) {
	for _, f := range d.Fields {
		if f.Name == name {
			return f, true
		}
	}
	return Field{}, false
}

// FieldNames returns the schema's field names in order.
func (d *Dataset) FieldNames() []string {
	out := make([]string, len(d.Fields))
	for i, f := range d.Fields {
		out[i] = f.Name
	}
	return out
}

// Schema returns the fields as a table (field, type, doc), identity marked.
func (d *Dataset) Schema() *table.Table {
	var names, types, docs []string
	for _, f := range d.Fields {
		n := f.Name
		if n == d.IdentityField {
			n += " (identity)"
		}
		names = append(names, n)
		types = append(types, f.Type)
		docs = append(docs, f.Doc)
	}
	t := table.New(table.StringColumn("field", names), table.StringColumn("type", types),
		table.StringColumn("doc", docs))
	t.Title = "schema of " + d.Name
	t.Limit = len(names)
	return t
}

// FlattenName joins the path of a nested field with underscores, the catalog's
// convention for nested objects: FlattenName("homeAddress", "city") is "homeAddress_city".
func FlattenName(path ...string) string { return strings.Join(path, "_") }

var (
	datasetNameRE = regexp.MustCompile(`^[a-z_][a-z0-9_]{0,62}$`)
	fieldNameRE   = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]{0,62}$`)
)

// validate checks the dataset definition and returns it with defaults applied.
func (d Dataset) validate() (Dataset, error) {
	if !datasetNameRE.MatchString(d.Name) {
		return d, fmt.Errorf("dataset name %q is not valid: use lower-case letters, digits and _ (starting with a letter or _), at most 63 characters", d.Name)
	}
	if strings.HasPrefix(d.Name, "sluice_") {
		return d, fmt.Errorf("dataset name %q is reserved: names starting with sluice_ are the catalog's own tables", d.Name)
	}
	if len(d.Fields) == 0 {
		return d, fmt.Errorf("dataset %s has no fields: give at least one Field{Name, Type}", d.Name)
	}
	seen := map[string]bool{}
	for i, f := range d.Fields {
		if !fieldNameRE.MatchString(f.Name) {
			return d, fmt.Errorf("dataset %s: field %d name %q is not valid: use letters, digits and _ (nested fields are flattened with _, e.g. homeAddress_city)", d.Name, i+1, f.Name)
		}
		if f.Name == BatchColumn {
			return d, fmt.Errorf("dataset %s: field name %s is reserved for the batch id", d.Name, BatchColumn)
		}
		low := strings.ToLower(f.Name)
		if seen[low] {
			return d, fmt.Errorf("dataset %s: field %q appears twice (names are compared without case)", d.Name, f.Name)
		}
		seen[low] = true
		t := strings.ToLower(strings.TrimSpace(f.Type))
		if _, ok := sqlTypes[t]; !ok {
			return d, fmt.Errorf("dataset %s: field %s has type %q; use one of string, int, float, bool, timestamp, date, json", d.Name, f.Name, f.Type)
		}
		d.Fields[i].Type = t
	}
	if d.IdentityField != "" {
		if _, ok := d.Field(d.IdentityField); !ok {
			return d, fmt.Errorf("dataset %s: identity field %q is not one of its fields %v", d.Name, d.IdentityField, d.FieldNames())
		}
	}
	if d.HasTag(TagProfile) && d.IdentityField == "" {
		return d, fmt.Errorf("dataset %s is tagged %s but has no IdentityField: name the field that identifies the person", d.Name, TagProfile)
	}
	tags := map[string]bool{}
	var clean []string
	for _, t := range d.Tags {
		t = strings.TrimSpace(t)
		if t == "" || tags[t] {
			continue
		}
		if strings.Contains(t, ",") {
			return d, fmt.Errorf("dataset %s: tag %q may not contain a comma", d.Name, t)
		}
		tags[t] = true
		clean = append(clean, t)
	}
	sort.Strings(clean)
	d.Tags = clean
	return d, nil
}

// ErrNotFound is returned (wrapped) when a dataset, batch or template does not exist.
var ErrNotFound = errors.New("not found")

// CreateDataset creates the dataset's table and catalog entry. It is idempotent: when a
// dataset of that name exists with the same fields, identity and tags, it is returned as
// it is; when it exists with a different definition, the error lists the differences.
func (c *Catalog) CreateDataset(ctx context.Context, spec Dataset) (*Dataset, error) {
	if err := c.init(ctx); err != nil {
		return nil, err
	}
	spec.Fields = append([]Field(nil), spec.Fields...)
	spec, err := spec.validate()
	if err != nil {
		return nil, fmt.Errorf("create dataset: %w", err)
	}
	if old, err := c.Dataset(ctx, spec.Name); err == nil {
		if diff := old.differences(spec); len(diff) > 0 {
			return nil, fmt.Errorf("create dataset %s: a dataset of that name exists with a different definition: %s; pick another name or drop it with DropDataset", spec.Name, strings.Join(diff, "; "))
		}
		return old, nil
	} else if !errors.Is(err, ErrNotFound) {
		return nil, fmt.Errorf("create dataset %s: %w", spec.Name, err)
	}
	cols := make([]string, 0, len(spec.Fields)+1)
	for _, f := range spec.Fields {
		cols = append(cols, qs.QuoteIdent(f.Name)+" "+sqlTypes[f.Type])
	}
	cols = append(cols, BatchColumn+" BIGINT NOT NULL")
	fields, _ := json.Marshal(spec.Fields)
	spec.Managed = true
	spec.Created = now()
	tx, err := c.db.Begin(ctx)
	if err != nil {
		return nil, fmt.Errorf("create dataset %s: %w", spec.Name, err)
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	if _, err := tx.Exec(ctx, fmt.Sprintf("CREATE TABLE %s (%s)", spec.Name, strings.Join(cols, ", "))); err != nil {
		return nil, fmt.Errorf("create dataset %s: %w", spec.Name, err)
	}
	if _, err := tx.Exec(ctx, `INSERT INTO sluice_datasets (name, fields, tags, identity_field, description, managed, created)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`,
		spec.Name, string(fields), strings.Join(spec.Tags, ","), spec.IdentityField, spec.Description, true, spec.Created); err != nil {
		return nil, fmt.Errorf("create dataset %s: record in catalog: %w", spec.Name, err)
	}
	if err := tx.Commit(ctx); err != nil {
		// Someone else may have created it at the same moment: accept theirs if equal.
		if old, err2 := c.Dataset(ctx, spec.Name); err2 == nil && len(old.differences(spec)) == 0 {
			return old, nil
		}
		return nil, fmt.Errorf("create dataset %s: %w", spec.Name, err)
	}
	out := spec
	return &out, nil
}

// differences lists how spec differs from d (fields, identity, tags).
func (d *Dataset) differences(spec Dataset) []string {
	var diff []string
	if !d.Managed {
		diff = append(diff, "it is a registered table, not a dataset created by CreateDataset")
	}
	a, b := fieldList(d.Fields), fieldList(spec.Fields)
	if a != b {
		diff = append(diff, fmt.Sprintf("fields are [%s], not [%s]", a, b))
	}
	if d.IdentityField != spec.IdentityField {
		diff = append(diff, fmt.Sprintf("identity field is %q, not %q", d.IdentityField, spec.IdentityField))
	}
	if strings.Join(d.Tags, ",") != strings.Join(spec.Tags, ",") {
		diff = append(diff, fmt.Sprintf("tags are %v, not %v", d.Tags, spec.Tags))
	}
	return diff
}

func fieldList(fs []Field) string {
	parts := make([]string, len(fs))
	for i, f := range fs {
		parts[i] = f.Name + " " + f.Type
	}
	return strings.Join(parts, ", ")
}

// Register records an existing table (for example one made with CREATE TABLE AS) as a
// dataset, with its columns' types read from the query service. Registering again
// refreshes the entry's fields and tags. Registered datasets are listed and described
// like created ones; they are not loaded through batches.
func (c *Catalog) Register(ctx context.Context, name, description string, tags ...string) (*Dataset, error) {
	if err := c.init(ctx); err != nil {
		return nil, err
	}
	if !datasetNameRE.MatchString(name) {
		return nil, fmt.Errorf("register %q: not a valid dataset name (lower-case letters, digits and _)", name)
	}
	if old, err := c.Dataset(ctx, name); err == nil && old.Managed {
		return old, nil
	}
	probe, err := c.db.Query(ctx, fmt.Sprintf("SELECT * FROM %s LIMIT 0", name))
	if err != nil {
		return nil, fmt.Errorf("register %s: %w", name, err)
	}
	d := Dataset{Name: name, Description: description, Tags: tags, Created: now()}
	for _, col := range probe.Columns {
		if col.Name == BatchColumn {
			continue
		}
		d.Fields = append(d.Fields, Field{Name: col.Name, Type: typeOfColumn(col)})
	}
	d, err = d.validate()
	if err != nil {
		return nil, fmt.Errorf("register: %w", err)
	}
	fields, _ := json.Marshal(d.Fields)
	err = sqltx.Exec(ctx, c.db,
		sqltx.Statement(`DELETE FROM sluice_datasets WHERE name = $1`, name),
		sqltx.Statement(`INSERT INTO sluice_datasets (name, fields, tags, identity_field, description, managed, created)
			VALUES ($1, $2, $3, $4, $5, $6, $7)`,
			name, string(fields), strings.Join(d.Tags, ","), "", description, false, d.Created))
	if err != nil {
		return nil, fmt.Errorf("register %s: %w", name, err)
	}
	return &d, nil
}

// typeOfColumn maps a result column to the nearest field type.
func typeOfColumn(col *table.Column) string {
	t := strings.ToLower(col.Type)
	switch {
	case col.Kind() == table.KindInt:
		return TypeInt
	case col.Kind() == table.KindFloat:
		return TypeFloat
	case col.Kind() == table.KindBool:
		return TypeBool
	case col.Kind() == table.KindTime && t == "date":
		return TypeDate
	case col.Kind() == table.KindTime:
		return TypeTimestamp
	case strings.Contains(t, "json"):
		return TypeJSON
	}
	return TypeString
}

// Dataset returns the catalog entry called name; the error wraps ErrNotFound when there
// is none.
func (c *Catalog) Dataset(ctx context.Context, name string) (*Dataset, error) {
	if err := c.init(ctx); err != nil {
		return nil, err
	}
	t, err := c.db.Query(ctx, `SELECT name, fields, tags, identity_field, description, managed, created
		FROM sluice_datasets WHERE name = $1`, name)
	if err != nil {
		return nil, fmt.Errorf("dataset %s: %w", name, err)
	}
	ds, err := datasetsFrom(t)
	if err != nil {
		return nil, err
	}
	if len(ds) == 0 {
		names, _ := c.datasetNames(ctx)
		return nil, fmt.Errorf("dataset %q: %w in the catalog (datasets: %s)", name, ErrNotFound, strings.Join(names, ", "))
	}
	return ds[0], nil
}

func (c *Catalog) datasetNames(ctx context.Context) ([]string, error) {
	t, err := c.db.Query(ctx, `SELECT name FROM sluice_datasets ORDER BY name`)
	if err != nil {
		return nil, err
	}
	return t.Strings("name"), nil
}

// datasetsFrom decodes rows of sluice_datasets.
func datasetsFrom(t *table.Table) ([]*Dataset, error) {
	names := t.Strings("name")
	fields := t.Strings("fields")
	tags := t.Strings("tags")
	ids := t.Strings("identity_field")
	descs := t.Strings("description")
	managed, _ := t.Column("managed")
	created := t.Times("created")
	var out []*Dataset
	for i := range names {
		d := &Dataset{Name: names[i], IdentityField: ids[i], Description: descs[i], Created: created[i]}
		if err := json.Unmarshal([]byte(fields[i]), &d.Fields); err != nil {
			return nil, fmt.Errorf("dataset %s: catalog entry has unreadable fields: %w", names[i], err)
		}
		if tags[i] != "" {
			d.Tags = strings.Split(tags[i], ",")
		}
		if managed != nil {
			if b, ok := managed.Value(i).(bool); ok {
				d.Managed = b
			}
		}
		out = append(out, d)
	}
	return out, nil
}

// Datasets lists the catalog: name, fields, identity, tags, rows, batches and created
// time, one row per dataset.
func (c *Catalog) Datasets(ctx context.Context) (*table.Table, error) {
	if err := c.init(ctx); err != nil {
		return nil, err
	}
	if _, err := c.Recover(ctx); err != nil {
		return nil, err
	}
	t, err := c.db.Query(ctx, `SELECT name, fields, tags, identity_field, description, managed, created
		FROM sluice_datasets ORDER BY name`)
	if err != nil {
		return nil, fmt.Errorf("list datasets: %w", err)
	}
	ds, err := datasetsFrom(t)
	if err != nil {
		return nil, err
	}
	counts, err := c.batchCounts(ctx)
	if err != nil {
		return nil, err
	}
	var (
		names, idents, tags, descs []string
		nFields, rows, batches     []int64
		created                    []time.Time
	)
	for _, d := range ds {
		n, err := c.rowCount(ctx, d.Name)
		if err != nil {
			return nil, err
		}
		names = append(names, d.Name)
		nFields = append(nFields, int64(len(d.Fields)))
		idents = append(idents, d.IdentityField)
		tags = append(tags, strings.Join(d.Tags, ", "))
		rows = append(rows, n)
		batches = append(batches, counts[d.Name])
		created = append(created, d.Created)
		descs = append(descs, d.Description)
	}
	out := table.New(table.StringColumn("dataset", names), table.IntColumn("fields", nFields),
		table.StringColumn("identity", idents), table.StringColumn("tags", tags),
		table.IntColumn("rows", rows), table.IntColumn("batches", batches),
		table.TimeColumn("created", created), table.StringColumn("description", descs))
	out.Title = "datasets"
	return out, nil
}

func (c *Catalog) rowCount(ctx context.Context, name string) (int64, error) {
	t, err := c.db.Query(ctx, fmt.Sprintf("SELECT COUNT(*) AS n FROM %s", name))
	if err != nil {
		return 0, fmt.Errorf("count rows of %s: %w", name, err)
	}
	n, err := t.Column("n")
	if err != nil || n.Kind() != table.KindInt || n.Len() != 1 {
		return 0, fmt.Errorf("count rows of %s: unexpected result", name)
	}
	return n.IntAt(0), nil
}

// RowCount returns the number of rows in dataset name.
func (c *Catalog) RowCount(ctx context.Context, name string) (int64, error) {
	if _, err := c.Dataset(ctx, name); err != nil {
		return 0, err
	}
	return c.rowCount(ctx, name)
}

func (c *Catalog) batchCounts(ctx context.Context) (map[string]int64, error) {
	t, err := c.db.Query(ctx, `SELECT dataset, COUNT(*) AS n FROM sluice_batches GROUP BY dataset`)
	if err != nil {
		return nil, fmt.Errorf("count batches: %w", err)
	}
	names := t.Strings("dataset")
	ns := t.Ints("n")
	out := map[string]int64{}
	for i, n := range names {
		out[n] = ns[i]
	}
	return out, nil
}

// Describe returns the dataset's schema as a table (field, type, doc) whose title says
// its row count and batches by status.
func (c *Catalog) Describe(ctx context.Context, name string) (*table.Table, error) {
	d, err := c.Dataset(ctx, name)
	if err != nil {
		return nil, err
	}
	if _, err := c.Recover(ctx); err != nil {
		return nil, err
	}
	n, err := c.rowCount(ctx, name)
	if err != nil {
		return nil, err
	}
	st, err := c.db.Query(ctx, `SELECT status, COUNT(*) AS n FROM sluice_batches WHERE dataset = $1 GROUP BY status ORDER BY status`, name)
	if err != nil {
		return nil, fmt.Errorf("describe %s: %w", name, err)
	}
	statuses := st.Strings("status")
	counts := st.Ints("n")
	var parts []string
	var total int64
	for i, s := range statuses {
		parts = append(parts, fmt.Sprintf("%d %s", counts[i], s))
		total += counts[i]
	}
	t := d.Schema()
	t.Title = fmt.Sprintf("%s — %s rows, %d fields", d.Name, groupDigits(n), len(d.Fields))
	if d.Managed {
		t.Title += fmt.Sprintf(", %d batches", total)
		if len(parts) > 0 {
			t.Title += " (" + strings.Join(parts, ", ") + ")"
		}
	} else {
		t.Title += ", registered table"
	}
	var notes []string
	if d.IdentityField != "" {
		notes = append(notes, "identity: "+d.IdentityField)
	}
	if len(d.Tags) > 0 {
		notes = append(notes, "tags: "+strings.Join(d.Tags, ", "))
	}
	if d.Description != "" {
		notes = append(notes, d.Description)
	}
	t.Note = strings.Join(notes, " · ")
	return t, nil
}

// DropDataset removes the dataset's table, catalog entry and batch records.
func (c *Catalog) DropDataset(ctx context.Context, name string) error {
	if err := c.init(ctx); err != nil {
		return err
	}
	if _, err := c.Dataset(ctx, name); err != nil {
		return err
	}
	err := sqltx.Exec(ctx, c.db,
		sqltx.Statement(fmt.Sprintf("DROP TABLE IF EXISTS %s", name)),
		sqltx.Statement("DELETE FROM sluice_batches WHERE dataset = $1", name),
		sqltx.Statement("DELETE FROM sluice_datasets WHERE name = $1", name))
	if err != nil {
		return fmt.Errorf("drop dataset %s: %w", name, err)
	}
	return nil
}

// groupDigits formats n with thousands separators: 1060000 → "1,060,000".
func groupDigits(n int64) string {
	s := fmt.Sprint(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, ch := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(ch)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// FieldsOf derives schema fields from a table's columns: integer, float, bool and string
// columns map to int, float, bool and string; time columns to date when their source
// type is "date", else timestamp; anything else to json. Use it to define a dataset from
// a sample of the rows it will hold.
func FieldsOf(t *table.Table) []Field {
	out := make([]Field, 0, t.NumCols())
	for _, c := range t.Columns {
		typ := typeOfColumn(c)
		if c.Kind() == table.KindAny && !strings.Contains(strings.ToLower(c.Type), "json") {
			typ = TypeJSON
		}
		out = append(out, Field{Name: c.Name, Type: typ})
	}
	return out
}
