package sandbox

import (
	"context"
	"fmt"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/sluice-dev/sluice/internal/testenv"
)

// The formatting functions against PostgreSQL 15: every template × every value below is
// formatted (or read) by PostgreSQL and by the Go code DuckDB calls, and the texts must
// be equal, errors included.

var toCharNumTemplates = []string{"9999", "000", "S9999", "9999PR", "FM999,999.00", "FM999,999.99", "999,999.99", "9,999",
	"9G999D99", "FM9.99", "9.99", "0.99", "FM90.99", "99.99", "9990999.9", "FM9990999.9", "999", "9 9 9", "999.999",
	"FM999.990", "999S", "999MI", "FMMI999", "PL999", "SG999", "9SG99", "FM999PR", "L999", "RN", "FMRN", "rn", "999th",
	"FM999TH", `"Total: "999`, "99V999", "99V9", "9.99EEEE", "S9.99", "9.99S", "MI9.99", "FM0000", "00.00", "FMS999",
	"999PL", "$999,999", "FM$999,999.00", "9%", "FM999%", "0", "9", "", "FM9", "S0000.00", "FMSG00", "000.9", "9.0",
	"FM9.0", "PR", "99999999999999999999.99", "9.9.9", "S9S", "fm999", "9999.99 mi", "9,999,999.99", "SG9999",
	"99999999999999999999", "fm0.00", "FM9G999G999", "999D99S", "S999D99", "th999", "FM9,999.99th", "09", "90.09",
	"FM90.09", "l9", "FMPR999", "999.PR"}

var toCharNumValues = []string{"0", "1", "-1", "5", "-5", "12", "485", "-485", "1234", "-1234", "1234.5", "-1234.5",
	"0.5", "-0.5", "0.1", "-0.1", "0.004", "-0.004", "148.5", "3148.5", "12345", "99999", "999.995", "1000000",
	"0.0004859", "12.45", "2.5", "3.5", "11", "12", "13", "21", "22", "103", "-0.001", "123456789012", "1e3::float8",
	"1234.5::float8", "-0.001::float8", "0.1::float8", "2.5::float8", "1234567.891::float8", "0.125::float8", "3::int",
	"-7::int", "200000000::int", "9000000000::bigint", "1.5::real", "3.14159::real", "123456789012345678901234.5678",
	"-0.0", "0.00", "7.0", "-7.05", "1e-20::float8", "1e20::float8", "-1e15::float8", "123456789.123::float8",
	"0.5::float8", "1.5::float8"}

var toCharDTTemplates = []string{"YYYY-MM-DD", "YYYY-MM", "YYYY-MM-DD HH24:MI:SS", "Mon DD, YYYY", "Day", "FMDay", "DAY",
	"day", "Dy", "IW", "IYYY", "IYYY-IW", "Q", "DDD", "FMMonth", "Month", "MONTH", "month", "MON", "mon", "HH:MI AM",
	"HH12:MI:SS pm", "a.m.", "P.M.", "MS", "US", "FF3", "FF6", "TZ", "tz", "OF", "TZH:TZM", `"Week "IW" of "IYYY`,
	`YYYY"Q"Q`, "DDth", "FMDDth", "FMDDTH", "Dth", "J", "CC", "W", "WW", "D", "ID", "IDDD", "Y,YYY", "YYY", "YY", "Y",
	"RM", "rm", "FMRM", "SSSS", "SSSSS", "yyyy-mm-dd hh24:mi:ss", "FMHH12:MI", "HH24", "BC", "AD", "b.c.",
	"FMMM/FMDD/YYYY", "FXYYYY", "TMMonth", `YYYY "at" HH24`, "YYYYMMDD", "Mon-YY", `\"x\"`, "X YZ", "", "FMYYYY",
	"FMIW", "iyyy-iw", "Iyyy"}

var toCharDTValues = []string{"DATE '2024-03-10'", "DATE '2024-12-30'", "DATE '2021-01-01'", "DATE '0099-06-01'",
	"DATE '2023-11-11'", "TIMESTAMP '2024-03-10 13:04:05.123456'", "TIMESTAMP '2024-01-01 00:00:00'",
	"TIMESTAMP '2024-07-21 12:30:59.5'", "TIMESTAMP '1999-12-31 23:59:59.999'",
	"TIMESTAMPTZ '2024-03-10 13:04:05.123456+00'", "TIMESTAMPTZ '2024-06-30 23:30:00+00'"}

// pgTexts runs to_char(value, template) on PostgreSQL for every template; "ERR" for
// an error, "NULL" for NULL.
func pgTexts(t *testing.T, c *pgx.Conn, fn, value string, templates []string) []string {
	out := make([]string, len(templates))
	for i, tmpl := range templates {
		var v *string
		q := fmt.Sprintf("SELECT %s(%s, '%s')::text", fn, value, strings.ReplaceAll(tmpl, "'", "''"))
		switch err := c.QueryRow(context.Background(), q).Scan(&v); {
		case err != nil:
			out[i] = "ERR"
		case v == nil:
			out[i] = "NULL"
		default:
			out[i] = *v
		}
	}
	return out
}

func goText(s string, err error) string {
	if err != nil {
		return "ERR"
	}
	return s
}

// literalValue is the Go value DuckDB hands to_char for a literal of the corpus.
func literalValue(v string) any {
	lit, typ, _ := strings.Cut(v, "::")
	switch typ {
	case "float8":
		var f float64
		fmt.Sscan(lit, &f)
		return f
	case "real":
		var f float32
		fmt.Sscan(lit, &f)
		return f
	case "int":
		var n int32
		fmt.Sscan(lit, &n)
		return n
	case "bigint":
		var n int64
		fmt.Sscan(lit, &n)
		return n
	}
	if !strings.Contains(lit, ".") {
		var n int64
		fmt.Sscan(lit, &n)
		if n == int64(int32(n)) {
			return int32(n) // PostgreSQL reads the literal as integer
		}
		return n
	}
	neg := strings.HasPrefix(lit, "-")
	whole, frac, _ := strings.Cut(strings.TrimPrefix(lit, "-"), ".")
	u, _ := new(big.Int).SetString(whole+frac, 10)
	if neg {
		u.Neg(u)
	}
	return tcDecimal{u, len(frac)}
}

func connectPG(t *testing.T) *pgx.Conn {
	c, err := pgx.Connect(context.Background(), testenv.PostgresDSN(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close(context.Background()) })
	return c
}

func TestToCharNumbersAgainstPostgres(t *testing.T) {
	c := connectPG(t)
	bad := 0
	for _, v := range toCharNumValues {
		want := pgTexts(t, c, "to_char", v, toCharNumTemplates)
		for i, tmpl := range toCharNumTemplates {
			if got := goText(numToChar(literalValue(v), tmpl)); got != want[i] {
				bad++
				t.Errorf("to_char(%s, '%s'): PostgreSQL %q, sandbox %q", v, tmpl, want[i], got)
			}
		}
	}
	t.Logf("%d of %d differ", bad, len(toCharNumValues)*len(toCharNumTemplates))
}

func TestToCharDatetimesAgainstPostgres(t *testing.T) {
	c := connectPG(t)
	ctx := context.Background()
	for _, zone := range []string{"UTC", "America/New_York", "Asia/Kolkata"} {
		if _, err := c.Exec(ctx, "SET TimeZone = '"+zone+"'"); err != nil {
			t.Fatal(err)
		}
		loc := zoneLocation(zone)
		for _, v := range toCharDTValues {
			want := pgTexts(t, c, "to_char", v, toCharDTTemplates)
			kind, lit, _ := strings.Cut(v, " ")
			lit = strings.Trim(lit, "'")
			for i, tmpl := range toCharDTTemplates {
				var f dtFields
				switch kind {
				case "DATE":
					d, _ := time.Parse("2006-01-02", lit)
					f = timeFields(time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, loc), true)
				case "TIMESTAMP":
					ts, _ := time.Parse("2006-01-02 15:04:05.999999", lit)
					f = timeFields(ts, false)
				default:
					ts, _ := time.Parse("2006-01-02 15:04:05.999999-07", lit)
					f = timeFields(ts.In(loc), true)
				}
				got := "NULL"
				if tmpl != "" {
					got = goText(dtToChar(f, tmpl))
				}
				if got != want[i] {
					t.Errorf("%s: to_char(%s, '%s'): PostgreSQL %q, sandbox %q", zone, v, tmpl, want[i], got)
				}
			}
		}
	}
	intervals := map[string][3]int64{ // months, days, microseconds
		"INTERVAL '1 day 3 hours'":                       {0, 1, 3 * 3600e6},
		"INTERVAL '2 years 3 months 4 days 05:06:07.89'": {27, 4, (5*3600+6*60+7)*1e6 + 890000},
		"INTERVAL '-3 hours'":                            {0, 0, -3 * 3600e6},
		"INTERVAL '100 hours 5 minutes'":                 {0, 0, (100*3600 + 5*60) * 1e6},
	}
	templates := []string{"HH24:MI:SS", "HH:MI", "DD", "YYYY-MM", "MS", "FMHH24", "Mon", "Q", "D"}
	for v, iv := range intervals {
		want := pgTexts(t, c, "to_char", v, templates)
		for i, tmpl := range templates {
			if got := goText(dtToChar(intervalFields(int32(iv[0]), int32(iv[1]), iv[2]), tmpl)); got != want[i] {
				t.Errorf("to_char(%s, '%s'): PostgreSQL %q, sandbox %q", v, tmpl, want[i], got)
			}
		}
	}
}

func TestToDateTimestampNumberAgainstPostgres(t *testing.T) {
	c := connectPG(t)
	if _, err := c.Exec(context.Background(), "SET TimeZone = 'America/New_York'"); err != nil {
		t.Fatal(err)
	}
	loc := zoneLocation("America/New_York")
	cases := [][2]string{
		{"2024-03-10", "YYYY-MM-DD"}, {"10/03/2024", "DD/MM/YYYY"}, {"20240310", "YYYYMMDD"}, {"Mar 10, 2024", "Mon DD, YYYY"},
		{"March 10 2024", "Month DD YYYY"}, {"2024-03-10 13:04:05", "YYYY-MM-DD HH24:MI:SS"},
		{"2024-03-10 01:04:05 PM", "YYYY-MM-DD HH:MI:SS AM"}, {"2024-03-10 12:00 am", "YYYY-MM-DD HH12:MI am"},
		{"2024-03-10 13:04:05.123", "YYYY-MM-DD HH24:MI:SS.MS"}, {"2024-03-10 13:04:05.123456", "YYYY-MM-DD HH24:MI:SS.US"},
		{"05 Dec 2000", "DD Mon YYYY"}, {"2024/3/5", "YYYY/MM/DD"}, {"24-03-10", "YY-MM-DD"}, {"99-03-10", "YY-MM-DD"},
		{"2024-070", "YYYY-DDD"}, {"2024-03-10 13:04:05 +05:30", "YYYY-MM-DD HH24:MI:SS TZH:TZM"},
		{"2024-03-10 13:04:05 -03", "YYYY-MM-DD HH24:MI:SS TZH"}, {"2024-02-30", "YYYY-MM-DD"}, {"2024-13-01", "YYYY-MM-DD"},
		{"x", "YYYY"}, {"2024 03 10", "YYYY MM DD"}, {`2024-03-10T13:04`, `YYYY-MM-DD"T"HH24:MI`},
		{"Sunday, March 10, 2024", "Day, Month DD, YYYY"}, {"2,024-03-10", "Y,YYY-MM-DD"}, {"2460380", "J"},
	}
	for _, tc := range cases {
		for _, fn := range []string{"to_date", "to_timestamp"} {
			want := pgTexts(t, c, fn, "'"+tc[0]+"'", []string{tc[1]})[0]
			got := "ERR"
			if p, err := parseDatetime(tc[0], tc[1]); err == nil {
				if fn == "to_date" {
					if d, err := p.date(); err == nil {
						got = d.Format("2006-01-02")
					}
				} else if ts, err := p.timestamp(loc); err == nil {
					got = ts.In(loc).Format("2006-01-02 15:04:05.999999-07")
				}
			}
			if got != want {
				t.Errorf("%s('%s', '%s'): PostgreSQL %q, sandbox %q", fn, tc[0], tc[1], want, got)
			}
		}
	}
	numbers := [][2]string{{"1,234.56", "9G999D99"}, {"1,234.56", "9,999.99"}, {"$1,234.56", "L9,999.99"},
		{"12,454.8-", "99G999D9S"}, {"-12", "99"}, {"12345", "99999"}, {" 42", "999"}, {"<123>", "999PR"}, {"0.5", "9.99"},
		{"1.50", "9.99"}, {"-1,234", "S9,999"}, {"5%", "9%"}, {"1234", "9999"}, {"abc", "999"}, {"12.3", "99.9"}}
	for _, tc := range numbers {
		want := pgTexts(t, c, "to_number", "'"+tc[0]+"'", []string{tc[1]})[0]
		if got := goText(parseToNumber(tc[0], tc[1])); got != want {
			t.Errorf("to_number('%s', '%s'): PostgreSQL %q, sandbox %q", tc[0], tc[1], want, got)
		}
	}
}
