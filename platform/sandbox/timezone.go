package sandbox

import (
	"context"
	"encoding/binary"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // zone names where the system has no zoneinfo

	"github.com/jackc/pgx/v5/pgtype"
	wire "github.com/jeroenrinzema/psql-wire"
	"github.com/jeroenrinzema/psql-wire/codes"
)

// DefaultTimeZone is the TimeZone a session starts with (SHOW TimeZone, the
// ParameterStatus at startup) unless its startup packet names another.
const DefaultTimeZone = "UTC"

// sessionZone is a session's TimeZone setting: the text SHOW gives, the zone
// timestamptz values are written in (nil: UTC) and the zone DuckDB's own functions
// (casts, date_trunc, extract, AT TIME ZONE) work in.
type sessionZone struct {
	show  string
	loc   *time.Location
	duck  string
	local bool // set by SET LOCAL: until the transaction ends
}

// zoneTx is what a transaction's SETs of TimeZone change: the zone before the first
// (restored by ROLLBACK) and the zone COMMIT keeps (SET LOCAL's lasts until then).
type zoneTx struct {
	before, commit *sessionZone
}

var utcZone = &sessionZone{show: DefaultTimeZone, duck: "UTC"}

// zoneSetRE recognises SET [SESSION|LOCAL] TimeZone {TO|=} v, SET TIME ZONE v and RESET
// TimeZone; v is the rest of the statement.
var zoneSetRE = regexp.MustCompile(`(?is)^\s*(?:(RESET)\s+"?timezone"?|SET\s+(?:(SESSION\s+|LOCAL\s+))?(?:"?timezone"?\s*(?:=|\bTO\b)|TIME\s+ZONE\b)\s*(.*?))\s*;?\s*$`)

// parseZoneSet returns the zone a SET or RESET of TimeZone asks for, ok false when q
// is no such statement.
func parseZoneSet(q string, canon func(string) string) (z *sessionZone, ok bool, err error) {
	m := zoneSetRE.FindStringSubmatch(q)
	if m == nil {
		return nil, false, nil
	}
	if m[1] != "" {
		return utcZone, true, nil
	}
	defer func() {
		if z != nil && strings.EqualFold(strings.TrimSpace(m[2]), "LOCAL") {
			c := *z
			c.local = true
			z = &c
		}
	}()
	v := strings.TrimSpace(m[3])
	up := strings.ToUpper(v)
	switch {
	case up == "DEFAULT" || up == "LOCAL":
		return utcZone, true, nil
	case strings.HasPrefix(up, "INTERVAL"):
		return intervalZone(v)
	}
	if len(v) >= 2 && v[0] == '\'' && v[len(v)-1] == '\'' {
		v = strings.ReplaceAll(v[1:len(v)-1], "''", "'")
	} else if len(v) >= 2 && v[0] == '"' && v[len(v)-1] == '"' {
		v = v[1 : len(v)-1]
	}
	z, err = zoneFor(v, canon)
	return z, true, err
}

// badZone is PostgreSQL's error for a TimeZone it does not know.
func badZone(v string) error {
	return &sqlError{code: codes.InvalidParameterValue, msg: fmt.Sprintf("invalid value for parameter \"TimeZone\": %q", v)}
}

// zoneFor reads a TimeZone value as PostgreSQL's check_timezone does: a number is
// hours east of UTC (ISO sign), anything else a zone name or a POSIX zone without
// daylight rules ("UTC+3" is three hours west).
func zoneFor(v string, canon func(string) string) (*sessionZone, error) {
	if strings.EqualFold(v, "UTC") {
		return &sessionZone{show: "UTC", duck: "UTC"}, nil
	}
	if h, err := strconv.ParseFloat(v, 64); err == nil && !strings.ContainsAny(v, "xXnN") {
		return offsetZone(int(h*3600), v)
	}
	if m := posixRE.FindStringSubmatch(v); m != nil {
		secs := atoi(m[3])*3600 + atoi(m[4])*60 + atoi(m[5])
		if m[2] != "-" {
			secs = -secs // POSIX: positive is west of Greenwich
		}
		if secs < -15*3600 || secs > 15*3600 {
			return nil, badZone(v)
		}
		return &sessionZone{show: v, loc: time.FixedZone(strings.Trim(m[1], "<>"), secs), duck: duckOffset(secs)}, nil
	}
	loc, err := time.LoadLocation(v)
	if err != nil && canon != nil {
		// PostgreSQL reads zone names in any case and shows them as spelled in
		// the zone database.
		if c := canon(v); c != "" && c != v {
			if loc, err = time.LoadLocation(c); err == nil {
				v = c
			}
		}
	}
	if err != nil || v == "" || v == "Local" {
		return nil, badZone(v)
	}
	z := &sessionZone{show: v, loc: loc, duck: v}
	if v == "Etc/UTC" || v == "Etc/GMT" || v == "GMT" || v == "Etc/UCT" {
		z.loc = nil
	}
	return z, nil
}

var posixRE = regexp.MustCompile(`^([A-Za-z]{3,}|<[A-Za-z0-9+-]+>)([+-]?)(\d{1,2})(?::(\d{2})(?::(\d{2}))?)?$`)

func atoi(s string) int { n, _ := strconv.Atoi(s); return n }

// intervalZone reads SET TIME ZONE INTERVAL '+02:00' HOUR TO MINUTE.
func intervalZone(v string) (*sessionZone, bool, error) {
	i, j := strings.IndexByte(v, '\''), strings.LastIndexByte(v, '\'')
	if i < 0 || j <= i {
		return nil, true, badZone(v)
	}
	s := strings.TrimSpace(v[i+1 : j])
	sign := 1
	if s != "" && (s[0] == '+' || s[0] == '-') {
		if s[0] == '-' {
			sign = -1
		}
		s = s[1:]
	}
	parts := strings.Split(s, ":")
	secs := 0
	for k, unit := range []int{3600, 60, 1} {
		if k < len(parts) {
			n, err := strconv.Atoi(parts[k])
			if err != nil {
				return nil, true, badZone(v)
			}
			secs += n * unit
		}
	}
	z, err := offsetZone(sign*secs, v)
	return z, true, err
}

// offsetZone is a fixed zone east seconds east of UTC, named as PostgreSQL names it
// ("<+03>-03").
func offsetZone(east int, v string) (*sessionZone, error) {
	if east < -15*3600 || east > 15*3600 {
		return nil, &sqlError{code: codes.InvalidParameterValue, msg: fmt.Sprintf("invalid value for parameter \"TimeZone\": %q", v)}
	}
	off := string(appendOffset(nil, east))
	inv := string(appendOffset(nil, -east))
	return &sessionZone{show: "<" + off + ">" + inv, loc: time.FixedZone("", east), duck: duckOffset(-east)}, nil
}

// duckOffset is the zone DuckDB's ICU knows for a fixed offset (west seconds, POSIX
// sign): Etc/GMT+h for whole hours; ICU has no zone for other offsets, so DuckDB's
// functions then work in UTC (DIFFERENCES.md).
func duckOffset(west int) string {
	if west%3600 != 0 || west < -14*3600 || west > 12*3600 {
		return "UTC"
	}
	if west == 0 {
		return "UTC"
	}
	return fmt.Sprintf("Etc/GMT%+d", west/3600)
}

// appendOffset writes a UTC offset as PostgreSQL does: "+00", "-04", "+05:30",
// "+05:21:10".
func appendOffset(b []byte, east int) []byte {
	sign := byte('+')
	if east < 0 {
		sign, east = '-', -east
	}
	h, m, s := east/3600, east/60%60, east%60
	b = append(b, sign, byte('0'+h/10), byte('0'+h%10))
	if m != 0 || s != 0 {
		b = append(b, ':', byte('0'+m/10), byte('0'+m%10))
	}
	if s != 0 {
		b = append(b, ':', byte('0'+s/10), byte('0'+s%10))
	}
	return b
}

// setZone makes z the session's zone: DuckDB's TimeZone, the zone of the timestamptz
// values it sends, and a ParameterStatus telling the client.
func (ss *session) setZone(ctx context.Context, z *sessionZone) error {
	if _, err := ss.conn.ExecContext(ctx, "SET TimeZone = "+lit(z.duck)); err != nil {
		return badZone(z.show)
	}
	ss.zone = z
	if ss.wc != nil {
		_, _ = ss.wc.Write(paramFrame("TimeZone", z.show))
	}
	return nil
}

// runZone carries out a SET, RESET or SHOW of TimeZone.
func (ss *session) runZone(ctx context.Context, p *plan, w wire.DataWriter) error {
	if err := ss.abortedTx(); err != nil {
		return err
	}
	if p.zone == nil { // SHOW TimeZone
		show := DefaultTimeZone
		if ss.zone != nil {
			show = ss.zone.show
		}
		if err := w.Row([]any{show}); err != nil {
			return err
		}
		return w.Complete("SHOW")
	}
	ss.mu.Lock()
	inTx := ss.inTx
	ss.mu.Unlock()
	if p.zone.local && !inTx {
		ss.warn("25P01", "SET LOCAL can only be used in transaction blocks")
		return w.Complete(p.tag)
	}
	if inTx && ss.ztx == nil {
		ss.ztx = &zoneTx{before: ss.zone, commit: ss.zone}
	}
	if err := ss.setZone(ctx, p.zone); err != nil {
		return err
	}
	if inTx && !p.zone.local {
		ss.ztx.commit = p.zone
	}
	return w.Complete(p.tag)
}

// zoneTxEnd restores the zone when a transaction that set it ends: the zone before it
// after ROLLBACK (or a COMMIT of a failed one), the last SET without LOCAL after COMMIT.
func (ss *session) zoneTxEnd(ctx context.Context, verb string, failed bool) {
	ss.mu.Lock()
	inTx := ss.inTx
	ss.mu.Unlock()
	if ss.ztx == nil || inTx {
		return
	}
	z := ss.ztx.commit
	if verb != "commit" || failed {
		z = ss.ztx.before
	}
	ss.ztx = nil
	if z == nil {
		z = utcZone
	}
	if z != ss.zone {
		_ = ss.setZone(ctx, z)
	}
}

// startupZone applies the TimeZone of the startup packet (PGTZ) or of its options
// (`-c TimeZone=…`).
func (ss *session) startupZone(ctx context.Context) error {
	v := ""
	for k, val := range wire.ClientParameters(ctx) {
		switch strings.ToLower(string(k)) {
		case "timezone":
			v = val
		case "options":
			if o := optionZone(val); o != "" {
				v = o
			}
		}
	}
	if v == "" {
		return nil
	}
	z, err := zoneFor(v, ss.zoneName(ctx))
	if err == nil {
		err = ss.setZone(ctx, z)
	}
	if e, ok := err.(*sqlError); ok && ss.wc != nil {
		// psql-wire closes the connection without a word when the session
		// cannot start; tell the client why, as PostgreSQL does.
		_, _ = ss.wc.Write(fatalFrame(string(e.code), e.msg))
	}
	return err
}

// zoneName returns a function giving the zone database's spelling of a zone name
// written in another case ("" if there is none), from DuckDB's list.
func (ss *session) zoneName(ctx context.Context) func(string) string {
	return func(v string) string {
		var name string
		_ = ss.conn.QueryRowContext(ctx, "SELECT name FROM pg_timezone_names() WHERE lower(name) = lower($1) ORDER BY name LIMIT 1", v).Scan(&name)
		return name
	}
}

// fatalFrame builds an ErrorResponse of severity FATAL.
func fatalFrame(code, msg string) []byte {
	out := []byte{'E', 0, 0, 0, 0}
	for _, f := range [][2]string{{"S", "FATAL"}, {"V", "FATAL"}, {"C", code}, {"M", msg}} {
		out = append(out, f[0]...)
		out = append(out, f[1]...)
		out = append(out, 0)
	}
	out = append(out, 0)
	binary.BigEndian.PutUint32(out[1:5], uint32(len(out)-1))
	return out
}

// optionZone finds TimeZone in a startup options string ("-c TimeZone=X", "--timezone=X").
func optionZone(opts string) string {
	f := strings.Fields(opts)
	for i := 0; i < len(f); i++ {
		a := f[i]
		switch {
		case a == "-c" && i+1 < len(f):
			i++
			a = f[i]
		case strings.HasPrefix(a, "-c"):
			a = a[2:]
		case strings.HasPrefix(a, "--"):
			a = a[2:]
		default:
			continue
		}
		if k, v, ok := strings.Cut(a, "="); ok && strings.EqualFold(k, "timezone") {
			return strings.ReplaceAll(v, `\ `, " ")
		}
	}
	return ""
}

// zoneConv wraps the converter of a timestamptz or timestamptz[] column so that its
// values carry the session's zone, in which their text form is written (binary is
// the instant in UTC microseconds whatever the zone).
func (ss *session) zoneConv(oid uint32, conv converter) converter {
	switch oid {
	case oidTimestamptz:
		return func(v any) any {
			if conv != nil {
				v = conv(v)
			}
			if z := ss.zone; z != nil && z.loc != nil {
				if t, ok := v.(time.Time); ok {
					return t.In(z.loc)
				}
			}
			return v
		}
	case pgtype.TimestamptzArrayOID:
		return func(v any) any {
			if conv != nil {
				v = conv(v)
			}
			if z := ss.zone; z != nil && z.loc != nil {
				switch a := v.(type) {
				case []any:
					inZone(a, z.loc)
				case pgtype.Array[any]:
					inZone(a.Elements, z.loc)
				}
			}
			return v
		}
	}
	return conv
}

func inZone(list []any, loc *time.Location) {
	for i, x := range list {
		if t, ok := x.(time.Time); ok {
			list[i] = t.In(loc)
		}
	}
}
