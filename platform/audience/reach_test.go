package audience

import (
	"context"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/sluice-dev/sluice/internal/testdb"
)

// TestReachInfiniteBounds: ±Inf bounds stand for the column's finite extremes, so the
// buckets stay finite, and infinite values in the column count as below or above. Before,
// the bounds were spliced into the SQL as Go's "+Inf", which no engine parses.
func TestReachInfiniteBounds(t *testing.T) {
	forEach(t, func(t *testing.T, ctx context.Context, b testdb.Backend) {
		s := setup(t, ctx, b, []float64{math.Inf(-1), 0.1, 0.2, 0.4, 0.6, 0.9, math.Inf(1), math.Inf(1), math.NaN()})
		inf := math.Inf(1)
		for _, c := range []struct {
			lo, hi                float64
			wantLo, wantHi        float64
			below, above, inRange int64
		}{
			{-inf, inf, 0.1, 0.9, 1, 2, 5},
			{-inf, 0.5, 0.1, 0.5, 1, 4, 3},
			{0.3, inf, 0.3, 0.9, 3, 2, 3},
			{0.5, 0.5, 0.1, 0.9, 1, 2, 5}, // lo == hi: the column's own extremes, finite ones
		} {
			r, err := s.Reach(ctx, "propensity", c.lo, c.hi, 4)
			if err != nil {
				t.Fatalf("Reach(%g, %g): %v", c.lo, c.hi, err)
			}
			var in int64
			for _, n := range r.Counts {
				in += n
			}
			for _, th := range r.Thresholds {
				if math.IsInf(th, 0) || math.IsNaN(th) {
					t.Fatalf("Reach(%g, %g): threshold %g", c.lo, c.hi, th)
				}
			}
			if r.Lo != c.wantLo || r.Hi != c.wantHi || r.Below != c.below || r.Above != c.above || in != c.inRange || r.Nulls != 1 {
				t.Errorf("Reach(%g, %g): range [%g, %g], below %d above %d in range %d nulls %d; want [%g, %g], %d, %d, %d, 1",
					c.lo, c.hi, r.Lo, r.Hi, r.Below, r.Above, in, r.Nulls, c.wantLo, c.wantHi, c.below, c.above, c.inRange)
			}
		}
		if _, err := s.Reach(ctx, "propensity", math.NaN(), 1, 4); err == nil || !strings.Contains(err.Error(), "NaN") {
			t.Errorf("NaN bound: %v", err)
		}
	})
}

// TestReachBucketLimit: a bucket count past MaxReachBuckets is refused with a message
// naming the limit (one SELECT of 100,000 SUM(CASE…) columns blocked the kernel for
// minutes); the limit itself works.
func TestReachBucketLimit(t *testing.T) {
	forEach(t, func(t *testing.T, ctx context.Context, b testdb.Backend) {
		s := setup(t, ctx, b, []float64{0.1, 0.5, 0.9})
		_, err := s.Reach(ctx, "propensity", 0, 1, 100000)
		if err == nil || !strings.Contains(err.Error(), fmt.Sprint(MaxReachBuckets)) {
			t.Fatalf("100000 buckets: %v", err)
		}
		r, err := s.Reach(ctx, "propensity", 0, 1, MaxReachBuckets)
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Counts) != MaxReachBuckets || r.Counts[100] != 1 || r.Counts[500] != 1 || r.Counts[900] != 1 {
			t.Fatalf("counts at 100, 500, 900: %d %d %d", r.Counts[100], r.Counts[500], r.Counts[900])
		}
	})
}
