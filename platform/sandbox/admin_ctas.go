package sandbox

import (
	"context"
	"database/sql/driver"

	"github.com/duckdb/duckdb-go/v2"
	"github.com/sluice-dev/sluice/platform/sandbox/pgsql"
)

// ctasTag is the internal command tag of a CREATE TABLE … AS or SELECT … INTO that
// writes rows: execTag answers SELECT n, as PostgreSQL does.
const ctasTag = "SELECT INTO"

// prepareCTAS gives CREATE TABLE … AS and SELECT … INTO PostgreSQL's command tags and
// makes a SELECT … INTO, which DuckDB does not read, the CREATE TABLE … AS it means.
// done says the statement is described (IF NOT EXISTS of an existing table: a notice).
func (ss *session) prepareCTAS(ctx context.Context, p *plan) (done bool) {
	c, ok := pgsql.ParseCTAS(p.sql)
	if !ok {
		return false
	}
	if c.SQL != "" {
		p.sql = c.SQL
	}
	switch {
	case c.IfNotExists && ss.relationKind(ctx, c.Rel) != "":
		p.kind, p.tag = kindAdmin, "CREATE TABLE AS"
		p.admin = &pgsql.Admin{Kind: pgsql.AdminNoop, Tag: p.tag, Code: "42P07",
			Msg: `relation "` + c.Rel.Name + `" already exists, skipping`}
		return true
	case c.NoData:
		p.tag = "CREATE TABLE AS"
	default:
		p.tag = ctasTag
	}
	return false
}

// ctasRows is the number of rows a CREATE TABLE … AS or SELECT … INTO that just ran
// wrote (DuckDB reports none): the new table's rows, counted in the same transaction.
func (ss *session) ctasRows(ctx context.Context, c *duckdb.Conn, p *plan) int64 {
	ct, ok := pgsql.ParseCTAS(p.sql)
	if !ok {
		return 0
	}
	name := quoteName(ct.Rel.Name)
	switch {
	case ct.Temp:
		name = "temp.main." + name
	case ct.Rel.Schema != "":
		name = quoteName(ct.Rel.Schema) + "." + name
	}
	var n int64
	ds, err := c.PrepareContext(ctx, "SELECT count(*) FROM "+name)
	if err != nil {
		return 0
	}
	defer ds.Close()
	rows, err := ds.(*duckdb.Stmt).QueryContext(ctx, nil)
	if err != nil {
		return 0
	}
	defer rows.Close()
	dst := make([]driver.Value, 1)
	if rows.Next(dst) == nil {
		n, _ = dst[0].(int64)
	}
	return n
}
