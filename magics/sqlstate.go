package magics

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/sluice-dev/sluice/platform/qs"
	"github.com/sluice-dev/sluice/table"
)

// DefaultDisplayLimit is how many rows a %sql result shows unless --limit or
// %sql --config displaylimit=N says otherwise.
const DefaultDisplayLimit = 20

// sqlState is what %sql remembers for one session: its display defaults and the queries
// saved with --save.
type sqlState struct {
	mu           sync.Mutex
	displayLimit int
	timeout      time.Duration
	budget       *qs.ResultBudget // set by --config maxrows/maxbytes; nil: qs's default (environment)
	snippets     map[string]snippet
}

func newSQLState() *sqlState {
	return &sqlState{displayLimit: DefaultDisplayLimit, snippets: map[string]snippet{}}
}

// stateFor returns the %sql state of env's session (see sessionOf).
func stateFor(env *Env) *sqlState { return sessionOf(env).sql }

// configure applies --config KEY=VALUE settings.
func (st *sqlState) configure(kvs []string) error {
	st.mu.Lock()
	defer st.mu.Unlock()
	for _, kv := range kvs {
		k, v, ok := strings.Cut(kv, "=")
		k = strings.ToLower(strings.TrimSpace(k))
		if !ok {
			return usageErrorf("--config %s: write KEY=VALUE (keys: %s)", kv, configKeys)
		}
		switch k {
		case "displaylimit":
			n, err := strconv.Atoi(strings.TrimSpace(v))
			if err != nil || n < 0 {
				return usageErrorf("--config displaylimit=%s: want a number of rows (0 shows all)", v)
			}
			st.displayLimit = n
		case "timeout":
			if v = strings.TrimSpace(v); v == "0" || v == "" {
				st.timeout = 0
				continue
			}
			d, err := parseTimeout(v)
			if err != nil {
				return usageErrorf("--config timeout=%s: %v", v, err)
			}
			st.timeout = d
		case "maxrows", "maxbytes":
			b := qs.DefaultResultBudget()
			if st.budget != nil {
				b = *st.budget
			}
			v = strings.TrimSpace(v)
			if k == "maxrows" {
				n, err := strconv.ParseInt(strings.ReplaceAll(v, "_", ""), 10, 64)
				if err != nil || n < 0 {
					return usageErrorf("--config maxrows=%s: want a number of rows (0: no bound)", v)
				}
				b.Rows = n
			} else {
				n, err := qs.ParseSize(v)
				if err != nil {
					return usageErrorf("--config maxbytes=%s: %v (0: no bound)", v, err)
				}
				b.Bytes = n
			}
			st.budget = &b
		default:
			msg := fmt.Sprintf("--config: unknown setting %q (settings: %s)", k, configKeys)
			return usageErrorf("%s", msg)
		}
	}
	return nil
}

// configKeys lists the --config settings.
const configKeys = "displaylimit, timeout, maxrows, maxbytes"

// configText shows the current settings.
func (st *sqlState) configText() textResult {
	st.mu.Lock()
	defer st.mu.Unlock()
	to := "none"
	if st.timeout > 0 {
		to = st.timeout.String()
	}
	b := st.resultBudget()
	bound := func(n int64, f func(int64) string) string {
		if n == 0 {
			return "0 (no bound)"
		}
		return f(n)
	}
	return textResult(fmt.Sprintf("displaylimit=%d\ntimeout=%s\nmaxrows=%s\nmaxbytes=%s", st.displayLimit, to,
		bound(b.Rows, func(n int64) string { return strconv.FormatInt(n, 10) }), bound(b.Bytes, func(n int64) string { return fmt.Sprintf("%d (%s)", n, table.FormatBytes(n)) })))
}

// resultBudget is what a fetch of a whole result may keep: the --config settings, else
// qs's default (SLUICE_MAX_RESULT_ROWS, SLUICE_MAX_RESULT_BYTES). The caller holds st.mu.
func (st *sqlState) resultBudget() qs.ResultBudget {
	if st.budget != nil {
		return *st.budget
	}
	return qs.DefaultResultBudget()
}

// save remembers a query for --with.
func (st *sqlState) save(name, sql string, with []string) {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.snippets[name] = snippet{name: name, sql: strings.TrimSpace(sql), with: append([]string(nil), with...)}
}

// snippetTable lists the saved queries.
func (st *sqlState) snippetTable() any {
	st.mu.Lock()
	defer st.mu.Unlock()
	if len(st.snippets) == 0 {
		return textResult("No saved queries. %%sql --save NAME saves one.")
	}
	var names []string
	for n := range st.snippets {
		names = append(names, n)
	}
	sort.Strings(names)
	var with, sqls []string
	for _, n := range names {
		with = append(with, strings.Join(st.snippets[n].with, ", "))
		sqls = append(sqls, st.snippets[n].sql)
	}
	t := table.New(table.StringColumn("name", names), table.StringColumn("with", with), table.StringColumn("sql", sqls))
	t.Limit = -1
	return t
}
