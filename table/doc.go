// Package table is Sluice's columnar table: what queries return, what storage reads and
// writes, and what notebook cells slice and pass around. It imports nothing of Sluice's
// own; display renders tables, the platform packages produce and consume them.
//
// # Representation
//
// A Table is an ordered list of named, immutable Columns plus display settings (Title,
// Limit, TotalRows, Note). Each column has a Kind and, optionally, the source's type name
// (such as "int8" or "timestamptz") shown in headers. Five kinds are Apache Arrow arrays
// (github.com/apache/arrow-go/v18), reachable with Column.Arrow for zero-copy hand-off to
// DuckDB, Parquet or any Arrow consumer:
//
//	KindString  utf8 (or a dictionary of utf8, or 16-byte UUIDs read as text)
//	KindInt     int64
//	KindFloat   float64
//	KindBool    boolean
//	KindTime    timestamp[us, tz=UTC]
//
// A string column's text may be held dictionary-encoded (an index a row into a list of
// distinct strings, for text that repeats; see ArrowColumn) or, for UUIDs, as 16 bytes a
// row (UUIDColumn); every accessor and operation reads it as the same text.
//
// Arrow has no type for arbitrary Go values, so KindAny columns (JSON documents, arrays,
// numerics kept exact, anything else the query service returns) hold a []any with a
// NULL mask. Arrow memory here is owned by Go's garbage collector: nothing needs Release.
// Times are kept to the microsecond in UTC (PostgreSQL's precision).
//
// # NULLs
//
// NULL is distinct from every value: Column.IsNull and Column.Valid tell, and Value
// returns nil for it. Typed slices cannot hold NULL, so they hold a documented stand-in:
//
//	Floats   NaN (integer and boolean columns convert; NaN stored in data is a value)
//	Ints     0
//	Strings  ""
//	Bools    false
//	Times    the zero time.Time
//	Values   nil
//
// # Access from cells
//
// The typed accessors (Table.Strings, Ints, Floats, Bools, Times, Values, Col) return
// values without an error: a missing column or a column of another kind is a
// programming mistake, and it panics with a *ColumnError whose message names the
// column, its type and the table's columns, which fails the cell with that message.
// Table.Column returns the same error instead, for code that checks. Ints and Floats of
// a float or integer column return the column's own memory, and Strings, Bools and Times
// are made once and shared: read them, do not modify them.
//
// # Operations
//
// Head, Tail, Sample, Select, Drop, Rename, Filter (with a Row accessor), SortBy,
// WithColumn and the With… computed columns, Concat, ValueCounts, Dense/FromDense
// (gonum) return new tables and share unchanged columns. Record and FromRecord hand
// tables to and from Arrow record batches, for SQL engines and other Arrow consumers.
package table
