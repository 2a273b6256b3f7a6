package pgsql

import (
	"math"

	pg "github.com/pganalyze/pg_query_go/v6"
)

// CursorKind says which cursor statement a Cursor is.
type CursorKind int

// The cursor statements.
const (
	Declare CursorKind = iota + 1
	Fetch
	Move
	Close
)

// Direction is where a FETCH or MOVE goes.
type Direction int

// FETCH directions, as PostgreSQL's FetchStmt has them (NEXT is FORWARD 1, PRIOR is
// BACKWARD 1, FIRST is ABSOLUTE 1, LAST is ABSOLUTE -1).
const (
	Forward Direction = iota + 1
	Backward
	Absolute
	Relative
)

// All is a FETCH count meaning every remaining row (FETCH ALL).
const All = math.MaxInt64

// Cursor is a parsed DECLARE, FETCH, MOVE or CLOSE.
type Cursor struct {
	Kind CursorKind
	// Name is the cursor's name ("" for CLOSE ALL).
	Name string
	// Query is a DECLARE's query (PostgreSQL SQL).
	Query string
	// Hold, Scroll, NoScroll and Binary are a DECLARE's options.
	Hold, Scroll, NoScroll, Binary bool
	// Direction and Count are a FETCH's or MOVE's.
	Direction Direction
	Count     int64
}

// PostgreSQL's cursor option bits (DeclareCursorStmt.options).
const (
	cursorBinary   = 0x0001
	cursorScroll   = 0x0002
	cursorNoScroll = 0x0004
	cursorHold     = 0x0020
)

// ParseCursor recognises the cursor statements DECLARE, FETCH, MOVE and CLOSE.
func ParseCursor(sql string) (Cursor, bool) {
	if !startsWithWord(sql, "declare") && !startsWithWord(sql, "fetch") &&
		!startsWithWord(sql, "move") && !startsWithWord(sql, "close") {
		return Cursor{}, false
	}
	res, err := pg.Parse(sql)
	if err != nil || len(res.Stmts) != 1 {
		return Cursor{}, false
	}
	switch n := res.Stmts[0].Stmt.GetNode().(type) {
	case *pg.Node_DeclareCursorStmt:
		d := n.DeclareCursorStmt
		q, err := deparseNode(res.Version, d.Query)
		if err != nil {
			return Cursor{}, false
		}
		return Cursor{Kind: Declare, Name: d.Portalname, Query: q, Hold: d.Options&cursorHold != 0,
			Scroll: d.Options&cursorScroll != 0, NoScroll: d.Options&cursorNoScroll != 0,
			Binary: d.Options&cursorBinary != 0}, true
	case *pg.Node_FetchStmt:
		f := n.FetchStmt
		c := Cursor{Kind: Fetch, Name: f.Portalname, Direction: Direction(f.Direction), Count: f.HowMany}
		if f.Ismove {
			c.Kind = Move
		}
		if c.Direction == 0 {
			c.Direction = Forward
		}
		return c, true
	case *pg.Node_ClosePortalStmt:
		return Cursor{Kind: Close, Name: n.ClosePortalStmt.Portalname}, true
	}
	return Cursor{}, false
}
