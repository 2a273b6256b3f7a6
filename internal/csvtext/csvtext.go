// Package csvtext writes the fields of the CSV text Sluice produces, in one place for the
// files platform/storage writes and the COPY data platform/qs sends PostgreSQL.
package csvtext

import (
	"math"
	"strconv"
)

// AppendFloat appends f as PostgreSQL writes a float8 in text: the shortest form that
// reads back the same, and NaN, Infinity and -Infinity.
func AppendFloat(b []byte, f float64) []byte {
	switch {
	case math.IsNaN(f):
		return append(b, "NaN"...)
	case math.IsInf(f, 1):
		return append(b, "Infinity"...)
	case math.IsInf(f, -1):
		return append(b, "-Infinity"...)
	}
	return strconv.AppendFloat(b, f, 'g', -1, 64)
}

// AppendQuoted appends s as a quoted field, doubling the quotes inside it.
func AppendQuoted(b []byte, s string) []byte {
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		if s[i] == '"' {
			b = append(b, '"')
		}
		b = append(b, s[i])
	}
	return append(b, '"')
}
