// Package hostile tries to break the real sluice binary the way a careless or malicious
// client, cell or local process could, one attack per row of the hardening table, and checks
// that the kernel survives (it still answers kernel_info and keeps a variable set before the
// attack), loses no data and gives away no secret.
//
// Each file registers its attacks with register; TestHostile runs them all and prints
// "hostile: N passed, N failed".
package hostile

import (
	"fmt"
	"sort"
	"sync"
	"testing"
)

// attack is one row of the hardening table.
type attack struct {
	row  int
	name string
	run  func(t *testing.T)
}

var attacks []attack

// register adds an attack; call it from an init function. Several attacks may share a row.
func register(row int, name string, run func(t *testing.T)) {
	attacks = append(attacks, attack{row, name, run})
}

func TestHostile(t *testing.T) {
	sort.SliceStable(attacks, func(i, j int) bool { return attacks[i].row < attacks[j].row })
	var mu sync.Mutex
	passed, failed := 0, 0
	t.Run("rows", func(t *testing.T) {
		for _, a := range attacks {
			t.Run(fmt.Sprintf("row%02d/%s", a.row, a.name), func(t *testing.T) {
				t.Cleanup(func() {
					mu.Lock()
					defer mu.Unlock()
					if t.Failed() {
						failed++
					} else if !t.Skipped() {
						passed++
					}
				})
				a.run(t)
			})
		}
	})
	fmt.Printf("hostile: %d passed, %d failed\n", passed, failed)
}
