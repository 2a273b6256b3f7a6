package magics

import (
	"fmt"
	"os"
	"testing"

	"github.com/sluice-dev/sluice/internal/testdb"
	"github.com/sluice-dev/sluice/internal/testenv"
)

// sandboxDSN is the DSN of the in-process sandbox the integration tests share ("" when
// it could not start).
var (
	sandboxDSN string
	sandboxErr error
)

func TestMain(m *testing.M) {
	srv, stop, err := testdb.SharedSandbox("magics")
	if err != nil {
		sandboxErr = err
	} else {
		sandboxDSN = srv.DSN()
	}
	code := m.Run()
	stop()
	os.Exit(code)
}

// backend is a query service the integration tests run against.
type backend struct {
	name  string
	dsn   func(t *testing.T) string
	sleep string // a statement that runs for many seconds
}

var backends = []backend{
	{"sandbox", func(t *testing.T) string {
		if sandboxDSN == "" {
			t.Fatalf("in-process sandbox did not start: %v", sandboxErr)
		}
		return sandboxDSN
	}, "SELECT count(*) FROM range(100000000000) a"},
	{"postgres", func(t *testing.T) string { return testenv.PostgresDSN(t) }, "SELECT pg_sleep(30)"},
}

// forBackends runs f against each backend as a subtest.
func forBackends(t *testing.T, f func(t *testing.T, b backend)) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) { f(t, b) })
	}
}

var aliasSeq int

// nextAlias returns a connection alias unique in this test process.
func nextAlias(name string) string {
	aliasSeq++
	return fmt.Sprintf("%s%d", name, aliasSeq)
}
