package export

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sluice-dev/sluice/platform/storage"
)

// TestSameNameSameSecond: exports of one name started in the same second (two cells, two
// kernels) each get a folder of their own and each reads back whole; before, both saw the
// folder free and wrote part files over each other's.
func TestSameNameSameSecond(t *testing.T) {
	ctx := context.Background()
	db := sandboxClient(t)
	for _, root := range []string{"file://" + t.TempDir(), "mem://same-second"} {
		t.Run(strings.SplitN(root, ":", 2)[0], func(t *testing.T) {
			st, err := storage.Open(ctx, root)
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			at := time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC)
			const n = 6
			runs := make([]*Run, n)
			errs := make([]error, n)
			var wg sync.WaitGroup
			for i := 0; i < n; i++ {
				wg.Add(1)
				go func() {
					defer wg.Done()
					// each export holds rows of its own: i*1000 … i*1000+499
					sql := fmt.Sprintf("SELECT x FROM generate_series(%d, %d) AS g(x)", i*1000, i*1000+499)
					runs[i], errs[i] = Query(ctx, db, st, "twins", sql, Options{Time: at, RowsPerFile: 100, Quiet: true})
				}()
			}
			wg.Wait()
			folders := map[string]bool{}
			for i := 0; i < n; i++ {
				if errs[i] != nil {
					t.Fatalf("export %d: %v", i, errs[i])
				}
				if folders[runs[i].Prefix] {
					t.Fatalf("two exports wrote into %s", runs[i].Prefix)
				}
				folders[runs[i].Prefix] = true
				back, err := st.ReadParquet(ctx, runs[i].Prefix)
				if err != nil {
					t.Fatal(err)
				}
				xs := back.Ints("x")
				if len(xs) == 0 {
					t.Fatal("no rows read back")
				}
				if len(xs) != 500 {
					t.Fatalf("export %d in %s reads back %d rows, want 500", i, runs[i].Prefix, len(xs))
				}
				for _, x := range xs {
					if x/1000 != int64(i) {
						t.Fatalf("export %d in %s holds row %d of another export", i, runs[i].Prefix, x)
					}
				}
			}
		})
	}
}
