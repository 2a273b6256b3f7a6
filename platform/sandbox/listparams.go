package sandbox

import (
	"context"
	"fmt"
	"reflect"
	"unsafe"

	duckdb "github.com/duckdb/duckdb-go/v2"
	"github.com/duckdb/duckdb-go/v2/mapping"
	"github.com/jackc/pgx/v5/pgtype"
	wire "github.com/jeroenrinzema/psql-wire"

	"github.com/sluice-dev/sluice/platform/sandbox/pgsql"
)

// Array parameters. DuckDB types a parameter as a list (an INSERT into a list column,
// $1::bigint[], list_contains($1, id)); the sandbox announces it as the PostgreSQL array
// of the list's element type, so that drivers which encode by the announced type (pgx
// binding a []int64 in binary) can send it, and binds what arrives, in either format,
// as DuckDB's list text. DuckDB infers no type at all for x = ANY($1): a probe with
// list_contains($1, x) in its place finds the element type, and the statement runs
// with ANY(CAST($1 AS type[])).

// listParamElem returns the element type of parameter n (1-based) of s when DuckDB
// types it as a list. duckdb-go v2 tells a parameter's type id but not its element
// type; the prepared-statement handle it keeps (unexported) answers through the C
// API's logical type, read here by reflection. A duckdb-go whose Stmt no longer has
// that field makes this report no element type (the parameter is then announced as
// text, as before).
func listParamElem(s *duckdb.Stmt, n int) (duckdb.Type, bool) {
	f := reflect.ValueOf(s).Elem().FieldByName("preparedStmt")
	if !f.IsValid() || f.Type() != reflect.TypeOf((*mapping.PreparedStatement)(nil)) {
		return 0, false
	}
	ps := *(**mapping.PreparedStatement)(unsafe.Pointer(f.UnsafeAddr()))
	if ps == nil || n < 1 || n > s.NumInput() {
		return 0, false
	}
	lt := mapping.ParamLogicalType(*ps, mapping.IdxT(n))
	defer mapping.DestroyLogicalType(&lt)
	if mapping.GetTypeId(lt) != mapping.TypeList {
		return 0, false
	}
	child := mapping.ListTypeChildType(lt)
	defer mapping.DestroyLogicalType(&child)
	return mapping.GetTypeId(child), true
}

// arrayOIDs are PostgreSQL's array types by element type, for the element types whose
// text DuckDB's list cast reads as PostgreSQL writes it.
var arrayOIDs = map[uint32]uint32{
	oidBool: pgtype.BoolArrayOID, oidInt2: pgtype.Int2ArrayOID, oidInt4: pgtype.Int4ArrayOID,
	oidInt8: pgtype.Int8ArrayOID, oidFloat4: pgtype.Float4ArrayOID, oidFloat8: pgtype.Float8ArrayOID,
	oidText: pgtype.TextArrayOID, oidNumeric: pgtype.NumericArrayOID, oidDate: pgtype.DateArrayOID,
	oidTimestamp: pgtype.TimestampArrayOID, oidTimestamptz: pgtype.TimestamptzArrayOID,
	oidUUID: pgtype.UUIDArrayOID, oidTime: pgtype.TimeArrayOID,
}

// elemOIDs maps an array OID back to its element's OID.
var elemOIDs = func() map[uint32]uint32 {
	m := map[uint32]uint32{}
	for e, a := range arrayOIDs {
		m[a] = e
	}
	return m
}()

// listParamOID is the array OID to announce for list parameter n of s, 0 when the
// element type has none.
func listParamOID(s *duckdb.Stmt, n int) uint32 {
	elem, ok := listParamElem(s, n)
	if !ok {
		return 0
	}
	return arrayOIDs[paramOID(elem)]
}

// typeAnyParams re-prepares a statement with x op ANY($n) or ALL($n) whose $n DuckDB
// could not type, casting $n to the list type a probe finds (or to the array type the
// client named); nil when nothing changed.
func (ss *session) typeAnyParams(ctx context.Context, c *duckdb.Conn, p *plan) *duckdb.Stmt {
	untyped := false
	for i := 1; i <= p.stmt.NumInput(); i++ {
		if t, err := p.stmt.ParamType(i); err == nil && t == duckdb.TYPE_INVALID {
			untyped = true
		}
	}
	if !untyped {
		return nil
	}
	probe, nums := pgsql.ListParamProbe(p.duck)
	if probe == "" {
		return nil
	}
	casts := map[int]string{}
	var ps *duckdb.Stmt
	if ds, err := c.PrepareContext(ctx, probe); err == nil {
		ps = ds.(*duckdb.Stmt)
		defer ps.Close()
	}
	for _, n := range nums {
		if n <= len(p.clientP) && elemOIDs[p.clientP[n-1]] != 0 {
			if name := duckTypeName(elemOIDs[p.clientP[n-1]]); name != "" {
				casts[n] = name + "[]"
				continue
			}
		}
		if ps == nil {
			continue
		}
		if elem, ok := listParamElem(ps, n); ok {
			if name := duckTypeName(paramOID(elem)); name != "" && arrayOIDs[paramOID(elem)] != 0 {
				casts[n] = name + "[]"
			}
		}
	}
	return recastParams(ctx, c, p, casts)
}

// listParamText returns a list parameter's value as DuckDB's list text: PostgreSQL's
// array text as it arrived in text format, or the array pgx decodes from the binary
// format written as that text first.
func listParamText(prm wire.Parameter, oid uint32) (string, error) {
	if prm.Format() == wire.TextFormat {
		return pgArrayToList(string(prm.Value())), nil
	}
	if elemOIDs[oid] == 0 {
		return "", fmt.Errorf("binary format of type %d is not supported for a list", oid)
	}
	v, err := prm.Scan(oid)
	if err != nil {
		return "", err
	}
	buf, err := pgtype.NewMap().Encode(oid, pgtype.TextFormatCode, v, nil)
	if err != nil {
		return "", err
	}
	return pgArrayToList(string(buf)), nil
}
