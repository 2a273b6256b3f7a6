package sandbox

import (
	"bufio"
	"bytes"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgtype"
)

func TestParseCopyFrom(t *testing.T) {
	spec, ok, err := parseCopyFrom(`COPY "My Table" (a, "B") FROM STDIN WITH (FORMAT csv, HEADER true, DELIMITER ';', NULL 'NA')`)
	if !ok || err != nil {
		t.Fatalf("ok %v err %v", ok, err)
	}
	if spec.table != `"My Table"` || spec.columns[0] != `"a"` || len(spec.columns) != 2 || spec.columns[1] != `"B"` || !spec.csv || !spec.header || spec.delim != ";" || spec.null != "NA" {
		t.Errorf("spec %+v", spec)
	}
	spec, ok, _ = parseCopyFrom(`copy s.t from stdin`)
	if !ok || spec.table != `"s"."t"` || spec.csv || spec.delim != "\t" || spec.null != `\N` {
		t.Errorf("text spec %+v", spec)
	}
	spec, ok, _ = parseCopyFrom(`COPY t FROM STDIN CSV HEADER`)
	if !ok || !spec.csv || !spec.header || spec.delim != "," {
		t.Errorf("legacy csv spec %+v", spec)
	}
	spec, ok, _ = parseCopyFrom(`COPY t FROM STDIN DELIMITER '|' NULL 'NA' CSV QUOTE '''' ESCAPE '\'`)
	if !ok || !spec.csv || spec.delim != "|" || spec.null != "NA" || spec.quote != "'" || spec.escape != `\` {
		t.Errorf("legacy options spec %+v", spec)
	}
	spec, ok, err = parseCopyFrom(`COPY t (a, b) FROM STDIN (FORMAT csv, FORCE_NOT_NULL (a), FORCE_NULL (b), HEADER MATCH)`)
	if !ok || err != nil || len(spec.opts.ForceNotNull) != 1 || len(spec.opts.ForceNull) != 1 || !spec.opts.HeaderMatch {
		t.Errorf("force options %+v %v", spec, err)
	}
	if _, ok, _ := parseCopyFrom(`COPY t FROM 'file.csv'`); ok {
		t.Error("COPY from a file taken as FROM STDIN")
	}
	if _, ok, _ := parseCopyFrom(`COPY t TO STDOUT`); ok {
		t.Error("COPY TO taken as FROM STDIN")
	}
	if spec, ok, err := parseCopyFrom(`copy "t" ( "a" ) from stdin binary;`); !ok || err != nil || !spec.opts.Binary {
		t.Errorf("pgx's binary COPY: %+v %v", spec, err)
	}
	for _, bad := range []string{
		`COPY t FROM STDIN (FORMAT binary, DELIMITER ',')`,
		`COPY t FROM STDIN (FORCE_NULL (a))`,
		`COPY t FROM STDIN (FORMAT csv, FORCE_QUOTE (a))`,
	} {
		if _, ok, err := parseCopyFrom(bad); !ok || err == nil {
			t.Errorf("%s: accepted", bad)
		}
	}
}

// copyText runs the text-format parser over chunks for n text columns.
func copyText(t *testing.T, delim string, n int, chunks ...string) string {
	t.Helper()
	var out bytes.Buffer
	w := bufio.NewWriter(&out)
	l := &copyLoad{w: w, table: "t"}
	for i := 0; i < n; i++ {
		l.names, l.convs = append(l.names, "c"), append(l.convs, textConv)
	}
	p := &textParser{l: l, delim: delim[0], null: []byte(`\N`)}
	for _, c := range chunks {
		if err := p.write([]byte(c)); err != nil {
			t.Fatal(err)
		}
	}
	if err := p.finish(); err != nil {
		t.Fatal(err)
	}
	l.flush()
	w.Flush()
	return out.String()
}

func TestCopyTextFormat(t *testing.T) {
	// Chunks split mid-line; escapes, quotes, NULLs, the end marker.
	got := copyText(t, "\t", 2, "1\ta\\tb\\\\c\n2\t\\N", "\n3\tx\"y\\x41\\101\n\\.\n4\tignored\n")
	if want := "\"1\",\"a\tb\\c\"\n\"2\",\n\"3\",\"x\"\"yAA\"\n"; got != want {
		t.Errorf("csv =\n%q\nwant\n%q", got, want)
	}
	// A long line in small chunks.
	long := strings.Repeat("x", 1<<20)
	var chunks []string
	line := "1\t" + long + "\n2\ty\n"
	for i := 0; i < len(line); i += 1000 {
		chunks = append(chunks, line[i:min(i+1000, len(line))])
	}
	if got, want := copyText(t, "\t", 2, chunks...), "\"1\",\""+long+"\"\n\"2\",\"y\"\n"; got != want {
		t.Errorf("long line: %d bytes, want %d", len(got), len(want))
	}
	// A backslash-escaped delimiter (how PostgreSQL writes a custom delimiter inside a
	// value) stays in its field.
	if got, want := copyText(t, "|", 3, "1|a\\|b\\\\|\\N\n"), "\"1\",\"a|b\\\",\n"; got != want {
		t.Errorf("csv =\n%q\nwant\n%q", got, want)
	}
}

func TestCopyConversions(t *testing.T) {
	cases := []struct {
		typ, in, want string
	}{
		{"INTEGER[]", `{1,2,NULL}`, `["1", "2", NULL]`},
		{"VARCHAR[]", `{"a b","c,d",NULL,"NULL","x\"y",back\\slash, sp }`, `["a b", "c,d", NULL, "NULL", "x\"y", "back\\slash", "sp"]`},
		{"INTEGER[][]", `{{1,2},{3,4}}`, `[["1", "2"], ["3", "4"]]`},
		{"INTEGER[]", `{}`, `[]`},
		{"INTEGER[]", `[1:2]={5,6}`, `["5", "6"]`},
		{"INTEGER[]", `[1, 2]`, `[1, 2]`},
		{"BLOB[]", `{"\\x0102"}`, `["\\x01\\x02"]`},
		{"BLOB", `\x41ff`, `A\xFF`},
		{"BLOB", `a\\b\001`, `a\x5Cb\x01`},
		{"BOOLEAN", ` YES `, `true`},
		{"BOOLEAN", `of`, `false`},
		{"INTEGER", ` -12 `, `-12`},
		{"INTERVAL", `1 day 02:00:00`, `0 months 1 days 7200000000 microseconds`},
		{"INTERVAL", `-1 mons`, `-1 months 0 days 0 microseconds`},
		{"INTERVAL", `1 year 2 mons -3 days +04:05:06.5`, `14 months -3 days 14706500000 microseconds`},
		{"INTERVAL", `@ 1 hour ago`, `0 months 0 days -3600000000 microseconds`},
		{"INTERVAL", `P1Y2M3DT4H5M6S`, `14 months 3 days 14706000000 microseconds`},
		{"INTERVAL", `1.5 days`, `0 months 1 days 43200000000 microseconds`},
		{"DATE", `2024-01-01 BC`, `-2023-01-01`},
		{"DATE", `January 8, 1999`, `1999-01-08`},
		{"DATE", `1/8/1999`, `1999-01-08`},
		{"DATE", `8-Jan-99`, `1999-01-08`},
		{"DATE", `1999/01/08 BC`, `-1998-01-08`},
		{"TIMESTAMP", `Jan 8 2024 10:00:00+02`, `2024-01-08 10:00:00+02`},
		{"TIMESTAMP WITH TIME ZONE", `2024-01-01 00:00:00 +05`, `2024-01-01 00:00:00+05`},
		{"TIMESTAMP WITH TIME ZONE", `0001-06-01 10:00:00+00 BC`, `0000-06-01 10:00:00+00`},
		{"UUID", `{A0EEBC99-9C0B4EF8-BB6D6BB9-BD380A11}`, `a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11`},
		{"DECIMAL(10,2)", ` 1.5e2 `, `1.5e2`},
		{"DOUBLE", `-Infinity`, `-inf`},
	}
	for _, c := range cases {
		got, err := convFor(c.typ)(nil, []byte(c.in))
		if err != nil || string(got) != c.want {
			t.Errorf("%s %q: got %q, %v; want %q", c.typ, c.in, got, err, c.want)
		}
	}
	for _, c := range []struct{ typ, in, code string }{
		{"INTEGER", "1.5", "22P02"}, {"INTEGER", "99999999999", "22003"}, {"SMALLINT", "40000", "22003"},
		{"INTEGER[]", "{1,{2}}", "22P02"}, {"INTEGER[][]", "{{1},{2,3}}", "22P02"}, {"INTEGER[]", "{1,}", "22P02"},
		{"INTEGER[]", "1,2", "22P02"}, {"BOOLEAN", "o", "22P02"}, {"BLOB", `\x1`, "22023"}, {"BLOB", `a\b`, "22P02"},
		{"VARCHAR", "a\x00b", "22021"}, {"VARCHAR", "\xff", "22021"}, {"JSON", "{", "22P02"}, {"UUID", " a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "22P02"},
		{"INTERVAL", "1 fortnight", "22007"}, {"INTEGER[]", strings.Repeat("{", 100000), "54000"}, {"DECIMAL(10,2)", "1_000", "22P02"},
	} {
		_, err := convFor(c.typ)(nil, []byte(c.in))
		se, ok := err.(*sqlError)
		if !ok || string(se.code) != c.code {
			t.Errorf("%s %q: error %v, want %s", c.typ, c.in, err, c.code)
		}
	}
}

// BenchmarkCopyConvert reads 200,000 rows of text and CSV (bigint, text, double,
// timestamptz) into the load's CSV: the sandbox's own share of a COPY FROM.
func BenchmarkCopyConvert(b *testing.B) {
	var text, csv bytes.Buffer
	for i := range 200_000 {
		text.WriteString("12345\tname 12345\t1763.5714285714287\t2024-01-01 00:00:00+00\n")
		csv.WriteString("12345,\"name, 12345\",1763.5714285714287,2024-01-01 00:00:00+00\n")
		_ = i
	}
	types := []string{"BIGINT", "VARCHAR", "DOUBLE", "TIMESTAMP WITH TIME ZONE"}
	for _, format := range []string{"text", "csv"} {
		b.Run(format, func(b *testing.B) {
			for b.Loop() {
				var out bytes.Buffer
				l := &copyLoad{w: bufio.NewWriter(&out), table: "t"}
				for _, t := range types {
					l.names, l.types, l.convs = append(l.names, "c"), append(l.types, t), append(l.convs, convFor(t))
				}
				var p copyParser = &textParser{l: l, delim: '\t', null: []byte(`\N`)}
				data := text.Bytes()
				if format == "csv" {
					p, data = &csvParser{l: l, delim: ',', quote: '"', esc: '"'}, csv.Bytes()
				}
				for off := 0; off < len(data); off += 65536 {
					if err := p.write(data[off:min(off+65536, len(data))]); err != nil {
						b.Fatal(err)
					}
				}
				if err := p.finish(); err != nil {
					b.Fatal(err)
				}
				l.flush()
			}
		})
	}
}

// FuzzCopyParsers feeds arbitrary bytes to the text, CSV and binary readers of COPY
// FROM, whose values go through the array, bytea, interval, date and numeric
// conversions: they must refuse or convert, never panic.
func FuzzCopyParsers(f *testing.F) {
	for _, seed := range []string{
		"1\t{1,{2}}\t\\\\x41\t1 day\t2024-01-01 BC\t1.5\n",
		"1,\"{\"\"a\"\",NULL}\",\\x,@ 1 hour ago,Jan 8 99,-1e5\n",
		"PGCOPY\n\xff\r\n\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x06\x00\x00\x00\x04\x00\x00\x00\x01\xff\xff\xff\xff",
		"[1:2]={1,2}\t{}\t\\x\tP1Y\t1/8/1999\tNaN\n\\.\n",
		// An int[][] of 2^31-1 × 0 elements: empty, not two billion loops.
		"PGCOPY\n\xff\r\n\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x06\xff\xff\xff\xff" +
			"\x00\x00\x00\x1c\x00\x00\x00\x02\x00\x00\x00\x00\x00\x00\x00\x17\x7f\xff\xff\xff\x00\x00\x00\x01\x00\x00\x00\x00\x00\x00\x00\x01" +
			"\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff",
	} {
		f.Add([]byte(seed))
	}
	types := []string{"INTEGER", "INTEGER[][]", "BLOB", "INTERVAL", "DATE", "DECIMAL(10,2)"}
	oids := []uint32{23, 1007, 17, 1186, 1082, 1700}
	f.Fuzz(func(t *testing.T, data []byte) {
		for format := 0; format < 3; format++ {
			var out bytes.Buffer
			l := &copyLoad{w: bufio.NewWriter(&out), table: "t"}
			for _, ty := range types {
				l.names, l.types, l.convs = append(l.names, "c"), append(l.types, ty), append(l.convs, convFor(ty))
			}
			var p copyParser
			switch format {
			case 0:
				p = &textParser{l: l, delim: '\t', null: []byte(`\N`)}
			case 1:
				p = &csvParser{l: l, delim: ',', quote: '"', esc: '"'}
			default:
				tm := pgtype.NewMap()
				extendTypes(tm)
				p = &binaryParser{l: l, oids: oids, tm: tm}
			}
			for off := 0; off < len(data); off += 7 {
				if p.write(data[off:min(off+7, len(data))]) != nil {
					break
				}
			}
			_ = p.finish()
		}
	})
}
