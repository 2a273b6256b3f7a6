package synth

import (
	"crypto/sha256"
	"fmt"
	"testing"
	"time"

	"github.com/sluice-dev/sluice/table"
)

// tableFingerprint hashes every column's name and type and every cell (NULL apart).
func tableFingerprint(t *table.Table) string {
	h := sha256.New()
	for _, c := range t.Columns {
		fmt.Fprintf(h, "%s %s %d\n", c.Name, c.Type, c.Len())
		for i := 0; i < c.Len(); i++ {
			if c.IsNull(i) {
				h.Write([]byte("NULL|"))
				continue
			}
			fmt.Fprintf(h, "%v|", c.Value(i))
		}
	}
	return fmt.Sprintf("%x", h.Sum(nil))[:16]
}

// TestEventsFingerprint pins the generated events, cell for cell, for a range large
// enough to be split across workers, in both simulator modes, and checks that one
// worker and several give the same table: the columnar assembly must not change a
// value.
func TestEventsFingerprint(t *testing.T) {
	end := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		cfg  Config
		want string
	}{
		{Config{Users: 9000, Seed: 3, End: end}, "15a11aa38d1edbf8"},
		{Config{Users: 5000, Seed: 4, End: end, KeepAllDraws: true, Tenant: "acme"}, "54dc3e74b7bd33ab"},
	} {
		cfg := tc.cfg.withDefaults()
		one := mustEvents(t, cfg, 100, cfg.Users, 1)
		many := mustEvents(t, cfg, 100, cfg.Users, 3)
		f1, fn := tableFingerprint(one), tableFingerprint(many)
		if f1 != fn {
			t.Errorf("%+v: one worker %s, three %s", tc.cfg, f1, fn)
		}
		if f1 != tc.want {
			t.Errorf("%+v: fingerprint %s, want %s (%d rows)", tc.cfg, f1, tc.want, one.NumRows())
		}
	}
}
