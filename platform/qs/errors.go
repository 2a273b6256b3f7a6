package qs

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/sluice-dev/sluice/internal/textdist"
)

// Error is an error reported by the query service: its SQLSTATE code, message, detail and
// hint, the 1-based character position in SQL where it was found (0 when unknown), the
// SQL that failed, and for a missing table (42P01) the catalog's nearest table names.
type Error struct {
	Code        string
	Message     string
	Detail      string
	Hint        string
	Position    int
	SQL         string
	Suggestions []string
	cause       error
}

// Error returns "ERROR: message (SQLSTATE code)" plus a hint when there is one.
func (e *Error) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "ERROR: %s (SQLSTATE %s)", e.Message, e.Code)
	if e.Detail != "" {
		fmt.Fprintf(&b, "; %s", e.Detail)
	}
	if h := e.hint(); h != "" {
		fmt.Fprintf(&b, "; HINT: %s", h)
	}
	return b.String()
}

// Unwrap returns the underlying pgx error (or the context's error for a cancelled query).
func (e *Error) Unwrap() error { return e.cause }

// hint is the server's hint followed by the suggestions it does not already name (the
// sandbox's own hint often suggests the same table), so nothing is said twice. When the
// server already suggests a name, that suggestion stands alone: ours, from a catalog
// read earlier, could name another table.
func (e *Error) hint() string {
	h := e.Hint
	if strings.Contains(strings.ToLower(h), "did you mean") {
		return h
	}
	var fresh []string
	for _, s := range e.Suggestions {
		if !strings.Contains(strings.ToLower(h), strings.ToLower(s)) {
			fresh = append(fresh, s)
		}
	}
	if len(fresh) > 0 {
		s := "did you mean " + strings.Join(fresh, ", ") + "?"
		if h != "" {
			h += " " + s
		} else {
			h = s
		}
	}
	return h
}

// Pretty renders the error the way psql does: the message, the failing SQL line with a
// caret under the position, then detail and hint lines.
func (e *Error) Pretty() string {
	var b strings.Builder
	fmt.Fprintf(&b, "ERROR:  %s (SQLSTATE %s)\n", e.Message, e.Code)
	if e.Position > 0 && e.SQL != "" {
		line, col, num := locate(e.SQL, e.Position)
		prefix := fmt.Sprintf("LINE %d: ", num)
		fmt.Fprintf(&b, "%s%s\n%s^\n", prefix, line, strings.Repeat(" ", utf8.RuneCountInString(prefix)+col))
	}
	if e.Detail != "" {
		fmt.Fprintf(&b, "DETAIL:  %s\n", e.Detail)
	}
	if h := e.hint(); h != "" {
		fmt.Fprintf(&b, "HINT:  %s\n", h)
	}
	return strings.TrimRight(b.String(), "\n")
}

// locate finds the line holding the 1-based character position pos of sql and returns
// it (tabs as spaces), the 0-based column of pos in it, and the 1-based line number.
func locate(sql string, pos int) (line string, col, num int) {
	runes := []rune(sql)
	if pos > len(runes) {
		pos = len(runes)
	}
	if pos < 1 {
		pos = 1
	}
	start, num := 0, 1
	for i := 0; i < pos-1; i++ {
		if runes[i] == '\n' {
			start, num = i+1, num+1
		}
	}
	end := start
	for end < len(runes) && runes[end] != '\n' {
		end++
	}
	line = strings.ReplaceAll(strings.TrimRight(string(runes[start:end]), "\r"), "\t", " ")
	return line, pos - 1 - start, num
}

// wrapCtx is wrap, and when ctx ended it says so: a cancelled query reports
// 57014 query_canceled and unwraps to the context's error.
func (c *Client) wrapCtx(ctx context.Context, err error, sql string) error {
	if ctx.Err() != nil {
		var pg *pgconn.PgError
		msg := "canceling statement due to user request"
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			msg = "canceling statement due to statement timeout"
		}
		if errors.As(err, &pg) {
			msg = pg.Message
		}
		return &Error{Code: "57014", Message: msg, SQL: sql, cause: ctx.Err()}
	}
	return c.wrap(err, sql)
}

// wrap converts a pgx server error into *Error (adding table suggestions for 42P01) and
// leaves other errors as they are (pgx's connection errors name the user and
// database, never the password).
func (c *Client) wrap(err error, sql string) error {
	var pg *pgconn.PgError
	if !errors.As(err, &pg) {
		return err
	}
	e := &Error{Code: pg.Code, Message: pg.Message, Detail: pg.Detail, Hint: pg.Hint,
		Position: int(pg.Position), SQL: sql, cause: err}
	if e.Code == "42P01" && c != nil && c.pool != nil {
		if name := missingName(e.Message); name != "" {
			// A pool connection's first catalog query sets up the sandbox's catalog views
			// (0.2–1 s on a loaded machine): the bound only keeps a hung lookup from
			// holding the error back.
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			e.Suggestions = c.suggestTables(ctx, name)
		}
	}
	return e
}

var missingRE = []*regexp.Regexp{
	regexp.MustCompile(`relation "([^"]+)" does not exist`),
	regexp.MustCompile(`Table with name ([^ ]+) does not exist`),
	regexp.MustCompile(`table "([^"]+)" does not exist`),
}

// missingName extracts the table name from a 42P01 message.
func missingName(msg string) string {
	for _, re := range missingRE {
		if m := re.FindStringSubmatch(msg); m != nil {
			return strings.Trim(m[1], `"!`)
		}
	}
	return ""
}

// suggestTables returns up to three table names close to name.
func (c *Client) suggestTables(ctx context.Context, name string) []string {
	names, err := c.tableNames(ctx)
	if err != nil {
		return nil
	}
	return nearest(name, names, 3)
}

// nearest returns up to n candidates within a small edit distance of name, closest first.
func nearest(name string, candidates []string, n int) []string {
	type scored struct {
		s string
		d int
	}
	lname := strings.ToLower(name)
	if i := strings.LastIndexByte(lname, '.'); i >= 0 {
		lname = lname[i+1:]
	}
	var out []scored
	for _, cand := range candidates {
		lc := strings.ToLower(cand)
		short := lc
		if i := strings.LastIndexByte(lc, '.'); i >= 0 {
			short = lc[i+1:]
		}
		d := textdist.Levenshtein(lname, short)
		limit := max(2, len(lname)/3)
		if d <= limit || strings.Contains(short, lname) || strings.Contains(lname, short) {
			out = append(out, scored{cand, d})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].d < out[j].d })
	var res []string
	for i := 0; i < len(out) && i < n; i++ {
		res = append(res, out[i].s)
	}
	return res
}
