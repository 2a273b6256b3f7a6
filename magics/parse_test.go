package magics

import (
	"reflect"
	"testing"
)

func TestIsMagic(t *testing.T) {
	cases := []struct {
		code string
		want bool
	}{
		{"%lsmagic", true},
		{"\n\n  %%sql\nSELECT 1", true},
		{"!ls -l", true},
		{"x := 1\nfmt.Println(x)", false},
		{"x := 1\n%time f()", true},
		{"df := %sql SELECT 1", true},
		{"s := `\n%not a magic\n`", false},
		{"/*\n%not a magic\n*/", false},
		{"f(1,\n%2)", false},
		{"x := a &&\n!b", false},
		{"x := 10 % 3", false},
		{"", false},
	}
	for _, c := range cases {
		if got := IsMagic(c.code); got != c.want {
			t.Errorf("IsMagic(%q) = %v, want %v", c.code, got, c.want)
		}
	}
}

func TestParseCell(t *testing.T) {
	p, err := parseCell("\n%%sql df << --limit 5\nSELECT 1\n-- two\n")
	if err != nil {
		t.Fatal(err)
	}
	want := &Invocation{Name: "sql", Cell: true, Args: "df << --limit 5", Body: "SELECT 1\n-- two\n"}
	if !reflect.DeepEqual(p.cell, want) {
		t.Fatalf("cell = %+v, want %+v", p.cell, want)
	}

	code := "x := 1\ny := 2\n%time f(x)\n!echo hi\nt := %sql SELECT 1\nraw := `\n%inside\n`\n%who"
	p, err = parseCell(code)
	if err != nil {
		t.Fatal(err)
	}
	got := []segment{}
	got = append(got, p.segs...)
	wantSegs := []segment{
		{kind: segGo, text: "x := 1\ny := 2", line: 1},
		{kind: segLine, inv: Invocation{Name: "time", Args: "f(x)"}, line: 3},
		{kind: segShell, text: "echo hi", line: 4},
		{kind: segLine, inv: Invocation{Name: "sql", Args: "SELECT 1"}, assign: "t", line: 5},
		{kind: segGo, text: "raw := `\n%inside\n`", line: 6},
		{kind: segLine, inv: Invocation{Name: "who"}, line: 9},
	}
	if !reflect.DeepEqual(got, wantSegs) {
		t.Fatalf("segments:\n got %+v\nwant %+v", got, wantSegs)
	}

	if _, err := parseCell("x := 1\n%%sql\nSELECT 1"); err == nil {
		t.Fatal("a cell magic on line 2 must be an error")
	}
	if p, _ := parseCell("%sql?"); p.segs[0].inv.Args != "?" {
		t.Fatalf("%%sql? args = %q, want ?", p.segs[0].inv.Args)
	}
}

func TestSplitArgs(t *testing.T) {
	cases := []struct {
		in   string
		want []string
	}{
		{`a b  c`, []string{"a", "b", "c"}},
		{`-a 'my file.txt'`, []string{"-a", "my file.txt"}},
		{`"say \"hi\"" x\ y`, []string{`say "hi"`, "x y"}},
		{`''`, []string{""}},
	}
	for _, c := range cases {
		got, err := splitArgs(c.in)
		if err != nil || !reflect.DeepEqual(got, c.want) {
			t.Errorf("splitArgs(%q) = %q, %v; want %q", c.in, got, err, c.want)
		}
	}
	if _, err := splitArgs(`'open`); err == nil {
		t.Error("unterminated quote must fail")
	}
}
