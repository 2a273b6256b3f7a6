package sandbox

import "github.com/jeroenrinzema/psql-wire/codes"

// The SQLSTATEs of the errors the front end raises where PostgreSQL refuses what
// DuckDB would compute (pgsql/analytics*.go), matched on PostgreSQL's messages.
func init() {
	messageCodes = append(messageCodes, []struct {
		part string
		code codes.Code
	}{
		{`" is out of range for type`, codes.NumericValueOutOfRange}, // pgsql.ParseInt
		{"frame starting offset must not be negative", "22013"},
		{"frame ending offset must not be negative", "22013"},
		{"offset must not be null", codes.NullValueNotAllowed},
		{"argument of nth_value must be greater than zero", "22016"},
		{"argument of ntile must be greater than zero", "22014"},
		{"limit must not be negative", "2201W"},
		{"offset must not be negative", "2201X"},
	}...)
}
