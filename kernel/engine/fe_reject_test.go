package engine

import (
	"errors"
	"strings"
	"testing"

	"github.com/sluice-dev/sluice/kernel"
)

// TestRejectUnsupported runs cells the front end refuses and checks the error's name,
// message and position, and that nothing of the cell ran.
func TestRejectUnsupported(t *testing.T) {
	cases := []struct {
		name, code string
		errName    string // "UnsupportedFeature" unless set
		want       []string
	}{
		{name: "dot import", code: "import . \"strings\"\nfmt.Println(\"ran\")",
			want: []string{`1:8: dot import of "strings" is not supported`, `import it by name (import "strings")`}},
		{name: "cgo", code: "// int one() { return 1; }\nimport \"C\"\n",
			want: []string{`2:8: cgo (import "C")`, "cannot call C"}},
		{name: "unsafe", code: "import \"unsafe\"\nvar x int\nfmt.Println(unsafe.Sizeof(x))",
			want: []string{"1:8: package unsafe is not supported", "reflect.TypeOf(x).Size()"}},
		{name: "unsafe for linkname", code: "import _ \"unsafe\"\n",
			want: []string{`1:8: //go:linkname (with import _ "unsafe")`}},
		{name: "embed", code: "import _ \"embed\"\n//go:embed data.txt\nvar data string",
			want: []string{"package embed (//go:embed)", `os.ReadFile("name")`}},
		{name: "package outside the symbol tables", code: "import \"os/exec\"\n", errName: "ImportError",
			want: []string{`1:8: package "os/exec" is not available in the interpreter`}},
		{name: "line directive", code: "fmt.Println(\"ran\")\n//line other.go:10\nx := 1\n_ = x",
			want: []string{"2:1: a line directive (//line)", "remove it"}},
		{name: "block line directive", code: "x := 1 /*line other.go:1:1*/ + 1\nfmt.Println(x)",
			want: []string{"1:8: a line directive (/*line)"}},
		{name: "linkname directive", code: "//go:linkname now time.now\nfunc now() (int64, int32, int64)",
			want: []string{`1:1: //go:linkname (with import _ "unsafe") is not supported`}},
		{name: "json of an embedded struct among fields", code: "type A struct{ X int }\ntype B struct {\n\tA\n\tY int\n}\nb, err := json.Marshal([]B{{A{1}, 2}})\nfmt.Println(string(b), err)",
			want: []string{"6:24: json.Marshal of B, a struct type with an embedded field among other fields"}},
		{name: "xml of a struct without XMLName", code: "type A struct{ X int }\nb, err := xml.MarshalIndent([]*A{{1}}, \"\", \" \")\nfmt.Println(string(b), err)",
			want: []string{"2:29: xml.MarshalIndent of A, a struct type without an XMLName field", "XMLName xml.Name `xml:\"A\"`"}},
		{name: "reflect method lookup with cell methods", code: "type P struct{ X int }\nfunc (p P) Norm() int { return p.X }\nt := reflect.TypeOf(P{})\nfmt.Println(t.NumMethod())",
			want: []string{"4:15: reflect's method lookup (NumMethod) in a session whose cell types have methods (P.Norm)", "call the method directly"}},
		{name: "package-level iota", code: "var iota = 5\nfmt.Println(iota)",
			want: []string{"1:5: a package-level variable named iota", "give the variable another name"}},
		{name: "session iota", code: "iota := 5\nfmt.Println(iota)",
			want: []string{"1:1: a package-level variable named iota"}},
		{name: "xml decoder into an embedded struct among fields", code: "type A struct{ X int }\ntype B struct {\n\tA\n\tY int\n}\nvar b B\nerr := xml.NewDecoder(strings.NewReader(\"<B></B>\")).Decode(&b)\nfmt.Println(err)",
			want: []string{"xml.Decoder.Decode of B"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := newEngine(t)
			o := run(t, e, c.code)
			var x *kernel.ExecError
			if !errors.As(o.err, &x) {
				t.Fatalf("want a refusal, got err=%v stdout=%q", o.err, o.stdout)
			}
			name := c.errName
			if name == "" {
				name = "UnsupportedFeature"
			}
			if x.Name != name {
				t.Fatalf("error %s, want %s: %s", x.Name, name, describe(o.err))
			}
			for _, w := range c.want {
				if !strings.Contains(x.Value, w) {
					t.Errorf("message %q does not contain %q", x.Value, w)
				}
			}
			if o.stdout != "" {
				t.Errorf("the refused cell printed %q", o.stdout)
			}
			// The refusal leaves a working session.
			if got := mustRun(t, e, `fmt.Println("after")`).stdout; got != "after\n" {
				t.Errorf("next cell printed %q", got)
			}
		})
	}
}

// TestRejectAllows runs cells close to the refused constructs that must run.
func TestRejectAllows(t *testing.T) {
	cases := []struct{ name, code, want string }{
		{"named and blank imports", "import (\n\ts \"strings\"\n\t_ \"unicode\"\n)\nfmt.Println(s.ToUpper(\"a\"))", "A\n"},
		{"other directives and comments", "//go:noinline\nfunc f() int { return 1 }\n// line 3 is not a directive\nfmt.Println(f()) // line\n", "1\n"},
		{"method values", "type P struct{ n int }\nfunc (p *P) Inc() { p.n++ }\nvar p P\ninc := p.Inc\ninc(); inc()\nfmt.Println(p.n)", "2\n"},
		{"interface method call", "var s fmt.Stringer = time.Second\nfmt.Println(s.String())", "1s\n"},
		{"json of a struct with only an embedded field", "type A struct{ X int }\ntype B struct{ A }\nb, _ := json.Marshal(B{A{1}})\nfmt.Println(string(b))", "{\"X\":1}\n"},
		{"json of a struct with a named struct field", "type A struct{ X int }\ntype B struct {\n\tIn A\n\tY  int\n}\nb, _ := json.Marshal(B{A{1}, 2})\nfmt.Println(string(b))", "{\"In\":{\"X\":1},\"Y\":2}\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := mustRun(t, newEngine(t), c.code).stdout; got != c.want {
				t.Errorf("printed %q, want %q", got, c.want)
			}
		})
	}
}

// TestHideUnexportedFields checks that encoding/json and encoding/xml skip unexported
// fields of cell types as Go does (yaegi exports them as Xname), whatever their tags.
func TestHideUnexportedFields(t *testing.T) {
	e := newEngine(t)
	mustRun(t, e, "type T struct {\n\tXMLName xml.Name `xml:\"T\"`\n\tPublic  string\n\tprivate string\n\tcount   int `json:\"count\" db:\"n\"`\n\tTagged  int `json:\"tagged,omitempty\"`\n\ta, b    int\n}")
	cases := []struct{ code, want string }{
		{`b, err := json.Marshal(T{Public: "p", private: "q", count: 2, Tagged: 3, a: 4, b: 5}); fmt.Println(string(b), err)`, "{\"XMLName\":{\"Space\":\"\",\"Local\":\"\"},\"Public\":\"p\",\"tagged\":3} <nil>\n"},
		{"var u T\nerr := json.Unmarshal([]byte(`{\"Public\":\"x\",\"Xprivate\":\"y\",\"private\":\"y\",\"count\":7,\"Xa\":1}`), &u)\nfmt.Printf(\"%+v %v\\n\", u, err)",
			"{XMLName:{Space: Local:} Public:x private: count:0 Tagged:0 a:0 b:0} <nil>\n"},
		{`b, err := xml.Marshal(T{Public: "p", private: "q", count: 2, Tagged: 3, a: 4, b: 5}); fmt.Println(string(b), err)`, "<T><Public>p</Public><Tagged>3</Tagged></T> <nil>\n"},
		// The tag the field declares is still there for other keys.
		{`f, _ := reflect.TypeOf(T{}).FieldByName("Xcount"); fmt.Println(f.Tag.Get("db"))`, "n\n"},
		// Generic instances get the tag too.
		{"type G[V any] struct {\n\tV V\n\tv V\n}\nb, _ := json.Marshal(G[int]{1, 2})\nfmt.Println(string(b))", "{\"V\":1}\n"},
	}
	for _, c := range cases {
		if got := mustRun(t, e, c.code).stdout; got != c.want {
			t.Errorf("%s\nprinted %q, want %q", c.code, got, c.want)
		}
	}
}

// TestReflectMethodsOfCompiledTypes: without cell types that have methods, reflect's
// method lookups run (on compiled types they see what Go sees).
func TestReflectMethodsOfCompiledTypes(t *testing.T) {
	e := newEngine(t)
	o := mustRun(t, e, "type P struct{ X int }\nt := reflect.TypeOf(&strings.Builder{})\nm, ok := t.MethodByName(\"WriteString\")\nfmt.Println(t.NumMethod() > 5, ok, m.Name)")
	if !strings.Contains(o.stdout, "true true WriteString") {
		t.Fatalf("stdout %q", o.stdout)
	}
}
