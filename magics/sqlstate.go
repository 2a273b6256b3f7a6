package magics

import (
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/sluice-dev/sluice/display"
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
	snippets     map[string]snippet
}

var (
	statesMu sync.Mutex
	states   = map[any]*sqlState{}
)

// stateFor returns the %sql state of env's session (one shared state when the session
// cannot be told apart).
func stateFor(env *Env) *sqlState {
	var key any = "shared"
	if env != nil && env.Session != nil && reflect.TypeOf(env.Session).Comparable() {
		key = env.Session
	}
	statesMu.Lock()
	defer statesMu.Unlock()
	st, ok := states[key]
	if !ok {
		st = &sqlState{displayLimit: DefaultDisplayLimit, snippets: map[string]snippet{}}
		states[key] = st
	}
	return st
}

// configure applies --config KEY=VALUE settings.
func (st *sqlState) configure(kvs []string) error {
	st.mu.Lock()
	defer st.mu.Unlock()
	for _, kv := range kvs {
		k, v, ok := strings.Cut(kv, "=")
		k = strings.ToLower(strings.TrimSpace(k))
		if !ok {
			return usageErrorf("--config %s: write KEY=VALUE (keys: displaylimit, timeout)", kv)
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
		default:
			msg := fmt.Sprintf("--config: unknown setting %q (settings: displaylimit, timeout)", k)
			return usageErrorf("%s", msg)
		}
	}
	return nil
}

// configText shows the current settings.
func (st *sqlState) configText() textResult {
	st.mu.Lock()
	defer st.mu.Unlock()
	to := "none"
	if st.timeout > 0 {
		to = st.timeout.String()
	}
	return textResult(fmt.Sprintf("displaylimit=%d\ntimeout=%s", st.displayLimit, to))
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
	t := display.NewTable(display.StringColumn("name", names), display.StringColumn("with", with), display.StringColumn("sql", sqls))
	t.Limit = -1
	return t
}
