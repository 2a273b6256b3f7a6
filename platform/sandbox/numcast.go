package sandbox

import (
	"fmt"

	wire "github.com/jeroenrinzema/psql-wire"
	"github.com/jeroenrinzema/psql-wire/codes"
	"github.com/sluice-dev/sluice/platform/sandbox/pgsql"
)

// floatParamRange refuses (22003) a double precision or real parameter sent as text
// whose number is out of the type's range ('1e400', '1e-400'), as PostgreSQL's input
// function does; the decoders read Infinity or 0. Binary values are the client's own.
func floatParamRange(oid uint32, prm wire.Parameter) error {
	if prm.Format() != wire.TextFormat {
		return nil
	}
	bits, name := 64, "double precision"
	switch oid {
	case oidFloat8:
	case oidFloat4:
		bits, name = 32, "real"
	default:
		return nil
	}
	if s := string(prm.Value()); !pgsql.FloatInRange(s, bits) {
		return &sqlError{code: codes.NumericValueOutOfRange, msg: fmt.Sprintf("%q is out of range for type %s", s, name)}
	}
	return nil
}
