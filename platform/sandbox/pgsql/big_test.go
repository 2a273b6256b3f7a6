package pgsql

import (
	"fmt"
	"strings"
	"testing"
)

// BenchmarkTranslateBigInsert measures a 5,000-row INSERT … VALUES, the shape bulk
// loaders send in the simple protocol, with casts in every row: no parse at all, and
// with a division in one row (the whole tree parsed, walked and written again).
func BenchmarkTranslateBigInsert(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("INSERT INTO events VALUES ")
	for i := range 5000 {
		if i > 0 {
			sb.WriteString(", ")
		}
		fmt.Fprintf(&sb, "(%d, 'user-%d', '2024-01-01 00:00:%02d'::timestamp, %d.5)", i, i, i%60, i)
	}
	plain := sb.String()
	for name, q := range map[string]string{"plain": plain, "division": plain + ", (1, 'x', NULL, 7 / 2)"} {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(q)))
			for b.Loop() {
				if st := Translate(q); st.Changed != (name == "division") {
					b.Fatalf("changed = %v", st.Changed)
				}
			}
		})
	}
}
