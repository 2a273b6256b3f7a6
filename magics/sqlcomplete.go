package magics

import (
	"context"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/sluice-dev/sluice/platform/qs"
)

// catalogTTL is how long completion trusts the cached table and column names of a
// connection; %sql statements that change the catalog (CREATE, DROP, ALTER…) clear it.
const catalogTTL = 5 * time.Minute

// catalogCache holds table and column names per connection for completion.
type catalogCache struct {
	mu sync.Mutex
	by map[*qs.Client]*catalog
}

type catalog struct {
	at      time.Time
	tables  []string
	columns map[string][]string // lower-cased table name → column names
	colAt   map[string]time.Time
}

func newCatalogCache() *catalogCache { return &catalogCache{by: map[*qs.Client]*catalog{}} }

// invalidate forgets what is cached for c.
func (cc *catalogCache) invalidate(c *qs.Client) {
	cc.mu.Lock()
	defer cc.mu.Unlock()
	delete(cc.by, c)
}

// tables returns c's table names, from the cache when fresh.
func (cc *catalogCache) tables(ctx context.Context, c *qs.Client) []string {
	cc.mu.Lock()
	cat := cc.by[c]
	if cat != nil && time.Since(cat.at) < catalogTTL {
		t := cat.tables
		cc.mu.Unlock()
		return t
	}
	cc.mu.Unlock()
	names, err := c.TableNames(ctx)
	if err != nil {
		return nil
	}
	cc.mu.Lock()
	defer cc.mu.Unlock()
	cat = cc.by[c]
	if cat == nil {
		cat = &catalog{columns: map[string][]string{}, colAt: map[string]time.Time{}}
		cc.by[c] = cat
	}
	cat.tables, cat.at = names, time.Now()
	return names
}

// columns returns the column names of table on c, from the cache when fresh.
func (cc *catalogCache) columns(ctx context.Context, c *qs.Client, table string) []string {
	key := strings.ToLower(strings.ReplaceAll(table, `"`, ""))
	cc.mu.Lock()
	if cat := cc.by[c]; cat != nil {
		if cols, ok := cat.columns[key]; ok && time.Since(cat.colAt[key]) < catalogTTL {
			cc.mu.Unlock()
			return cols
		}
	}
	cc.mu.Unlock()
	t, err := c.Columns(ctx, strings.ReplaceAll(table, `"`, ""))
	var cols []string
	if err == nil && t.Has("name") {
		cols = t.Strings("name")
	}
	cc.mu.Lock()
	defer cc.mu.Unlock()
	cat := cc.by[c]
	if cat == nil {
		cat = &catalog{columns: map[string][]string{}, colAt: map[string]time.Time{}}
		cc.by[c] = cat
	}
	cat.columns[key], cat.colAt[key] = cols, time.Now()
	return cols
}

// openClient returns the connection of reg a cell would use without opening one:
// completion never connects (or starts the sandbox) by itself.
func openClient(reg *qs.Registry, alias string) *qs.Client {
	if alias == "" {
		for _, ci := range reg.List() {
			if ci.Current {
				alias = ci.Alias
			}
		}
	}
	if alias == "" {
		return nil
	}
	c, err := reg.Get(alias)
	if err != nil {
		return nil
	}
	return c
}

var sqlKeywords = []string{
	"SELECT", "FROM", "WHERE", "GROUP BY", "ORDER BY", "HAVING", "LIMIT", "OFFSET", "JOIN",
	"LEFT JOIN", "INNER JOIN", "ON", "USING", "WITH", "AS", "DISTINCT", "COUNT", "SUM", "AVG",
	"MIN", "MAX", "CASE", "WHEN", "THEN", "ELSE", "END", "AND", "OR", "NOT", "IN", "IS NULL",
	"IS NOT NULL", "BETWEEN", "LIKE", "ILIKE", "INSERT INTO", "VALUES", "UPDATE", "SET",
	"DELETE FROM", "CREATE TABLE", "DROP TABLE", "UNION ALL", "OVER", "PARTITION BY",
	"WINDOW", "CAST", "COALESCE", "EXPLAIN",
}

// sqlComplete completes %sql options, connection aliases, saved-query names, and in the
// SQL, table names, column names (qualified "t.col" too, through aliases) and keywords.
func sqlComplete(ctx context.Context, env *Env, cell string, cursor int) ([]string, int) {
	// The word being typed.
	start := cursor
	for start > 0 {
		c := cell[start-1]
		if c == '_' || c == '.' || c == '"' || c == '-' || c == '$' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' {
			start--
			continue
		}
		break
	}
	word := cell[start:cursor]
	lineStart := strings.LastIndexByte(cell[:cursor], '\n') + 1
	line := cell[lineStart:cursor]
	onMagicLine := strings.HasPrefix(strings.TrimLeft(line, " \t"), "%") || strings.Contains(line, ":= %") || strings.Contains(line, "= %")

	// Options and their values on the magic line.
	var prev string
	if onMagicLine {
		f := strings.Fields(cell[lineStart:start])
		if len(f) > 0 {
			prev = f[len(f)-1]
		}
		if strings.HasPrefix(word, "-") {
			var out []string
			for _, fl := range sqlFlags {
				for _, n := range fl.names {
					if strings.HasPrefix(n, word) && strings.HasPrefix(n, "--") {
						out = append(out, n)
					}
				}
			}
			return out, start
		}
		switch prev {
		case "-c", "--conn", "--close", "-x", "--use":
			var out []string
			for _, ci := range qs.RegistryOf(ctx).List() {
				if strings.HasPrefix(ci.Alias, word) {
					out = append(out, ci.Alias)
				}
			}
			return out, start
		case "--with", "-w":
			st := stateFor(env)
			st.mu.Lock()
			defer st.mu.Unlock()
			var out []string
			for n := range st.snippets {
				if strings.HasPrefix(n, word) {
					out = append(out, n)
				}
			}
			sort.Strings(out)
			return out, start
		}
	}
	conn := ""
	if f := strings.Fields(firstLine(cell)); len(f) > 0 {
		for i := 0; i+1 < len(f); i++ {
			if f[i] == "-c" || f[i] == "--conn" {
				conn = f[i+1]
			}
		}
	}
	c := openClient(qs.RegistryOf(ctx), conn)
	catalogs := sessionOf(env).catalogs
	cctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()

	if prev == "--columns" || prev == "-t" {
		if c == nil {
			return nil, start
		}
		return prefixed(catalogs.tables(cctx, c), word), start
	}

	// "alias.col" or "table.col": complete the column after the dot.
	if i := strings.LastIndexByte(word, '.'); i >= 0 {
		if c == nil {
			return nil, start + i + 1
		}
		qual := strings.Trim(word[:i], `"`)
		table := resolveAlias(cell, qual)
		cols := catalogs.columns(cctx, c, table)
		if len(cols) == 0 {
			// Maybe qual is a schema: complete table names in it.
			var out []string
			for _, t := range catalogs.tables(cctx, c) {
				if strings.HasPrefix(strings.ToLower(t), strings.ToLower(qual)+".") {
					out = append(out, t[len(qual)+1:])
				}
			}
			return prefixed(out, word[i+1:]), start + i + 1
		}
		return prefixed(cols, word[i+1:]), start + i + 1
	}

	var cands []string
	if c != nil {
		tables := catalogs.tables(cctx, c)
		cands = append(cands, tables...)
		// Columns of the tables the cell mentions.
		toks, _ := lexSQL(cell)
		seen := map[string]bool{}
		for _, t := range tables {
			if seen[t] || !mentions(toks, t) {
				continue
			}
			seen[t] = true
			cands = append(cands, catalogs.columns(cctx, c, t)...)
		}
	}
	up := strings.ToUpper(word)
	for _, k := range sqlKeywords {
		if word != "" && strings.HasPrefix(k, up) {
			cands = append(cands, k)
		}
	}
	return prefixed(cands, word), start
}

// prefixed returns the distinct names starting with prefix (case-insensitive), sorted.
func prefixed(names []string, prefix string) []string {
	lp := strings.ToLower(strings.TrimLeft(prefix, `"`))
	seen := map[string]bool{}
	var out []string
	for _, n := range names {
		if seen[n] || !strings.HasPrefix(strings.ToLower(n), lp) {
			continue
		}
		seen[n] = true
		out = append(out, n)
	}
	sort.SliceStable(out, func(i, j int) bool { return strings.ToLower(out[i]) < strings.ToLower(out[j]) })
	return out
}

// mentions reports whether the tokens name table (its last part, unquoted or quoted).
func mentions(toks []token, table string) bool {
	name := table
	if i := strings.LastIndexByte(table, '.'); i >= 0 {
		name = table[i+1:]
	}
	return references(toks, name)
}

// resolveAlias maps a qualifier to a table name using "FROM table [AS] alias" and "JOIN
// table [AS] alias" in the cell; an unknown qualifier is returned as is.
func resolveAlias(cell, qual string) string {
	toks, err := lexSQL(cell)
	if err != nil {
		return qual
	}
	var sig []token
	for _, t := range toks {
		if t.significant() {
			sig = append(sig, t)
		}
	}
	for i := 0; i+1 < len(sig); i++ {
		if !(sig[i].isWord("FROM") || sig[i].isWord("JOIN") || sig[i].kind == tkOp && sig[i].text == ",") {
			continue
		}
		// table name, possibly schema-qualified
		j := i + 1
		name := sig[j].text
		for j+2 < len(sig) && sig[j+1].kind == tkOp && sig[j+1].text == "." {
			name += "." + sig[j+2].text
			j += 2
		}
		k := j + 1
		if k < len(sig) && sig[k].isWord("AS") {
			k++
		}
		if k < len(sig) && (sig[k].kind == tkWord || sig[k].kind == tkQIdent) && strings.EqualFold(strings.Trim(sig[k].text, `"`), qual) {
			return strings.ReplaceAll(name, `"`, "")
		}
	}
	return qual
}

func firstLine(s string) string {
	s = strings.TrimLeft(s, " \t\r\n")
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}
