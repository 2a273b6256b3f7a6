package runner

import (
	"encoding/json"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/printer"
	"go/token"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// Param is one parameter declared in a notebook's parameters cell: its name, its Go type
// (as written, e.g. "int", "[]string", "time.Duration"; empty when it cannot be inferred),
// the source of its default value and the comment that documents it.
type Param struct {
	Name    string
	Type    string
	Default string
	Help    string
}

// ParseParams reads the declarations of a Go parameters cell: `name := value`,
// `var name T = value`, `var ( … )` and `const` forms. Types come from an explicit type,
// else from the value (literals, conversions like int64(5), composite literals,
// time.Duration expressions, time.Date).
func ParseParams(src string) ([]Param, error) {
	fset := token.NewFileSet()
	body := stripImports(src)
	wrapped := "package p\nfunc _() {\n" + body + "\n}\n"
	file, err := parser.ParseFile(fset, "parameters.go", wrapped, parser.ParseComments)
	if err != nil {
		return nil, fmt.Errorf("parameters cell: %v", err)
	}
	comments := lineComments(fset, file, strings.Split(wrapped, "\n"))
	fn, _ := file.Decls[0].(*ast.FuncDecl)
	var params []Param
	add := func(name *ast.Ident, typ ast.Expr, val ast.Expr) {
		if name.Name == "_" {
			return
		}
		p := Param{Name: name.Name}
		if typ != nil {
			p.Type = exprString(fset, typ)
		} else if val != nil {
			p.Type = inferType(fset, val)
		}
		if val != nil {
			p.Default = exprString(fset, val)
		}
		line := fset.Position(name.Pos()).Line
		p.Help = comments[line]
		if p.Help == "" {
			p.Help = comments[-line] // a comment on the line(s) above
		}
		params = append(params, p)
	}
	for _, st := range fn.Body.List {
		switch s := st.(type) {
		case *ast.AssignStmt:
			if s.Tok != token.DEFINE {
				continue
			}
			for i, l := range s.Lhs {
				id, ok := l.(*ast.Ident)
				if !ok {
					continue
				}
				var v ast.Expr
				if len(s.Rhs) == len(s.Lhs) {
					v = s.Rhs[i]
				}
				add(id, nil, v)
			}
		case *ast.DeclStmt:
			gd, ok := s.Decl.(*ast.GenDecl)
			if !ok || (gd.Tok != token.VAR && gd.Tok != token.CONST) {
				continue
			}
			for _, spec := range gd.Specs {
				vs := spec.(*ast.ValueSpec)
				for i, id := range vs.Names {
					var v ast.Expr
					if i < len(vs.Values) {
						v = vs.Values[i]
					}
					add(id, vs.Type, v)
				}
			}
		}
	}
	return params, nil
}

// stripImports blanks import declarations (which cannot appear inside the function the
// cell is parsed in), keeping line numbers.
func stripImports(src string) string {
	lines := strings.Split(src, "\n")
	inBlock := false
	for i, l := range lines {
		t := strings.TrimSpace(l)
		switch {
		case inBlock:
			if strings.HasPrefix(t, ")") {
				inBlock = false
			}
			lines[i] = ""
		case strings.HasPrefix(t, "import ("):
			inBlock = !strings.Contains(t, ")")
			lines[i] = ""
		case strings.HasPrefix(t, "import "), t == "package main":
			lines[i] = ""
		}
	}
	return strings.Join(lines, "\n")
}

// lineComments maps a source line to the text of the comment on that line; -line maps to
// the comment block on lines of its own that ends just above it. A comment that trails a
// declaration documents that declaration only, never the one on the next line.
func lineComments(fset *token.FileSet, f *ast.File, lines []string) map[int]string {
	out := map[int]string{}
	for _, cg := range f.Comments {
		text := strings.TrimSpace(cg.Text())
		pos := fset.Position(cg.Pos())
		end := fset.Position(cg.End()).Line
		out[pos.Line] = text
		if pos.Line-1 < len(lines) && pos.Column-1 <= len(lines[pos.Line-1]) &&
			strings.TrimSpace(lines[pos.Line-1][:pos.Column-1]) == "" {
			out[-(end + 1)] = text
		}
	}
	return out
}

func exprString(fset *token.FileSet, e ast.Expr) string {
	var b strings.Builder
	_ = printer.Fprint(&b, fset, e)
	return b.String()
}

var basicTypes = map[string]bool{
	"int": true, "int8": true, "int16": true, "int32": true, "int64": true,
	"uint": true, "uint8": true, "uint16": true, "uint32": true, "uint64": true,
	"float32": true, "float64": true, "string": true, "bool": true, "byte": true, "rune": true,
}

// inferType infers the type of a parameter's default value, or returns "".
func inferType(fset *token.FileSet, e ast.Expr) string {
	switch x := e.(type) {
	case *ast.BasicLit:
		switch x.Kind {
		case token.INT:
			return "int"
		case token.FLOAT:
			return "float64"
		case token.STRING:
			return "string"
		case token.CHAR:
			return "rune"
		}
	case *ast.Ident:
		if x.Name == "true" || x.Name == "false" {
			return "bool"
		}
	case *ast.ParenExpr:
		return inferType(fset, x.X)
	case *ast.UnaryExpr:
		return inferType(fset, x.X)
	case *ast.CompositeLit:
		if x.Type != nil {
			return exprString(fset, x.Type)
		}
	case *ast.SelectorExpr:
		if isTimeUnit(x) {
			return "time.Duration"
		}
	case *ast.BinaryExpr:
		l, r := inferType(fset, x.X), inferType(fset, x.Y)
		switch {
		case l == "time.Duration" || r == "time.Duration":
			return "time.Duration"
		case l == r:
			return l
		case (l == "int" && r == "float64") || (l == "float64" && r == "int"):
			return "float64"
		}
	case *ast.CallExpr:
		fun := exprString(fset, x.Fun)
		switch {
		case basicTypes[fun] || fun == "time.Duration":
			return fun
		case fun == "time.Date" || fun == "time.Now" || fun == "time.Unix":
			return "time.Time"
		case fun == "time.ParseDuration":
			return "time.Duration"
		}
	}
	return ""
}

func isTimeUnit(s *ast.SelectorExpr) bool {
	pkg, ok := s.X.(*ast.Ident)
	if !ok || pkg.Name != "time" {
		return false
	}
	switch s.Sel.Name {
	case "Nanosecond", "Microsecond", "Millisecond", "Second", "Minute", "Hour":
		return true
	}
	return false
}

// ParseValueArg splits a `-p name=value` argument.
func ParseValueArg(arg string) (name, value string, err error) {
	i := strings.IndexByte(arg, '=')
	if i <= 0 {
		return "", "", fmt.Errorf("parameter %q: want name=value", arg)
	}
	return strings.TrimSpace(arg[:i]), arg[i+1:], nil
}

// ParseParamsFile decodes a YAML or JSON parameters file (JSON is YAML).
func ParseParamsFile(data []byte) (map[string]any, error) {
	var m map[string]any
	if err := yaml.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("parameters file: %w", err)
	}
	return m, nil
}

// Literal returns Go source for v converted to the parameter's type. v is a string (from
// -p, parsed according to the type) or a decoded YAML/JSON value.
func (p Param) Literal(v any) (string, error) {
	if p.Type == "" {
		return "", fmt.Errorf("parameter %s: its type cannot be inferred from %q; declare it with a type (var %s T = …)", p.Name, p.Default, p.Name)
	}
	lit, err := goLiteral(p.Type, v)
	if err != nil {
		return "", fmt.Errorf("parameter %s (%s): %w", p.Name, p.Type, err)
	}
	return lit, nil
}

var intBits = map[string]int{"int": 64, "int8": 8, "int16": 16, "int32": 32, "rune": 32, "int64": 64}
var uintBits = map[string]int{"uint": 64, "uint8": 8, "byte": 8, "uint16": 16, "uint32": 32, "uint64": 64}

func goLiteral(typ string, v any) (string, error) {
	if v == nil {
		return "", fmt.Errorf("null has no value of type %s", typ)
	}
	switch {
	case intBits[typ] > 0:
		n, err := toInt(v, intBits[typ])
		if err != nil {
			return "", err
		}
		return strconv.FormatInt(n, 10), nil
	case uintBits[typ] > 0:
		n, err := toInt(v, 64)
		if err != nil {
			return "", err
		}
		if n < 0 || (uintBits[typ] < 64 && n >= 1<<uintBits[typ]) {
			return "", fmt.Errorf("%d does not fit %s", n, typ)
		}
		return strconv.FormatInt(n, 10), nil
	case typ == "float64" || typ == "float32":
		f, err := toFloat(v)
		if err != nil {
			return "", err
		}
		switch {
		case math.IsNaN(f):
			return typ + "(math.NaN())", nil
		case math.IsInf(f, 0):
			return fmt.Sprintf("%s(math.Inf(%d))", typ, map[bool]int{true: 1, false: -1}[f > 0]), nil
		case f == 0 && math.Signbit(f):
			// A constant -0.0 is zero in Go: only math gives the negative zero.
			return typ + "(math.Copysign(0, -1))", nil
		case typ == "float32" && math.Abs(f) > math.MaxFloat32:
			return "", fmt.Errorf("%v does not fit float32", f)
		}
		s := strconv.FormatFloat(f, 'g', -1, 64)
		if !strings.ContainsAny(s, ".eE") {
			s += ".0"
		}
		return s, nil
	case typ == "string":
		return strconv.Quote(toString(v)), nil
	case typ == "bool":
		switch x := v.(type) {
		case bool:
			return strconv.FormatBool(x), nil
		case string:
			b, err := strconv.ParseBool(strings.TrimSpace(x))
			if err != nil {
				return "", fmt.Errorf("%q is not a bool (true/false)", x)
			}
			return strconv.FormatBool(b), nil
		}
		return "", fmt.Errorf("%v is not a bool", v)
	case typ == "time.Duration":
		d, err := toDuration(v)
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("time.Duration(%d) /* %s */", int64(d), d), nil
	case typ == "time.Time":
		t, err := toTime(v)
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("time.Date(%d, %d, %d, %d, %d, %d, %d, time.UTC)", t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond()), nil
	case strings.HasPrefix(typ, "[]"):
		elems, err := toList(v)
		if err != nil {
			return "", err
		}
		parts := make([]string, len(elems))
		for i, e := range elems {
			if parts[i], err = goLiteral(typ[2:], e); err != nil {
				return "", fmt.Errorf("element %d: %w", i, err)
			}
		}
		return typ + "{" + strings.Join(parts, ", ") + "}", nil
	case strings.HasPrefix(typ, "map["):
		key, val, ok := splitMapType(typ)
		if !ok {
			return "", fmt.Errorf("unsupported map type")
		}
		m, err := toMap(v)
		if err != nil {
			return "", err
		}
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		parts := make([]string, 0, len(keys))
		for _, k := range keys {
			kl, err := goLiteral(key, k)
			if err != nil {
				return "", fmt.Errorf("key %q: %w", k, err)
			}
			vl, err := goLiteral(val, m[k])
			if err != nil {
				return "", fmt.Errorf("value of %q: %w", k, err)
			}
			parts = append(parts, kl+": "+vl)
		}
		return typ + "{" + strings.Join(parts, ", ") + "}", nil
	}
	return "", fmt.Errorf("values of type %s cannot be passed as parameters (supported: ints, floats, bool, string, time.Duration, time.Time, slices and maps of those)", typ)
}

// splitMapType splits "map[K]V" into K and V, minding nested brackets.
func splitMapType(typ string) (key, val string, ok bool) {
	depth := 0
	for i := len("map"); i < len(typ); i++ {
		switch typ[i] {
		case '[':
			depth++
		case ']':
			depth--
			if depth == 0 {
				return typ[4:i], typ[i+1:], true
			}
		}
	}
	return "", "", false
}

func toInt(v any, bits int) (int64, error) {
	var n int64
	switch x := v.(type) {
	case int:
		n = int64(x)
	case int64:
		n = x
	case float64:
		if x != math.Trunc(x) || math.IsInf(x, 0) {
			return 0, fmt.Errorf("%v is not an integer", x)
		}
		if x < math.MinInt64 || x >= math.MaxInt64 {
			return 0, fmt.Errorf("%v does not fit int%d", x, bits)
		}
		n = int64(x)
	case string:
		s := strings.ReplaceAll(strings.TrimSpace(x), "_", "")
		var err error
		n, err = strconv.ParseInt(s, 0, 64)
		if errors.Is(err, strconv.ErrRange) {
			return 0, fmt.Errorf("%s does not fit int%d", s, bits)
		}
		if err != nil {
			f, ferr := strconv.ParseFloat(s, 64)
			if ferr != nil || f != math.Trunc(f) || math.IsInf(f, 0) {
				return 0, fmt.Errorf("%q is not an integer", x)
			}
			if math.Abs(f) > 1<<62 {
				return 0, fmt.Errorf("%s does not fit int%d", s, bits)
			}
			n = int64(f)
		}
	default:
		return 0, fmt.Errorf("%v is not an integer", v)
	}
	if bits < 64 {
		lim := int64(1) << (bits - 1)
		if n < -lim || n >= lim {
			return 0, fmt.Errorf("%d does not fit int%d", n, bits)
		}
	}
	return n, nil
}

func toFloat(v any) (float64, error) {
	switch x := v.(type) {
	case int:
		return float64(x), nil
	case int64:
		return float64(x), nil
	case float64:
		return x, nil
	case string:
		f, err := strconv.ParseFloat(strings.TrimSpace(x), 64)
		if err != nil {
			return 0, fmt.Errorf("%q is not a number", x)
		}
		return f, nil
	}
	return 0, fmt.Errorf("%v is not a number", v)
}

func toString(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	return fmt.Sprint(v)
}

var bareNumber = regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?$`)

func toDuration(v any) (time.Duration, error) {
	switch x := v.(type) {
	case string:
		s := strings.TrimSpace(x)
		if bareNumber.MatchString(s) {
			return 0, fmt.Errorf("%q has no unit: write e.g. %ss or %sm", x, s, s)
		}
		d, err := time.ParseDuration(s)
		if err != nil {
			return 0, fmt.Errorf("%q is not a duration (e.g. 90s, 5m, 1h30m)", x)
		}
		return d, nil
	case int, int64, float64:
		return 0, fmt.Errorf("%v has no unit: write a duration such as \"90s\" or \"5m\"", v)
	}
	return 0, fmt.Errorf("%v is not a duration", v)
}

func toTime(v any) (time.Time, error) {
	if t, ok := v.(time.Time); ok {
		return t.UTC(), nil
	}
	s, ok := v.(string)
	if !ok {
		return time.Time{}, fmt.Errorf("%v is not a time", v)
	}
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a time (use RFC 3339, e.g. 2024-03-01T12:00:00Z, or 2024-03-01)", s)
}

func toList(v any) ([]any, error) {
	switch x := v.(type) {
	case []any:
		return x, nil
	case string:
		s := strings.TrimSpace(x)
		if strings.HasPrefix(s, "[") {
			var l []any
			if err := yaml.Unmarshal([]byte(s), &l); err != nil {
				return nil, fmt.Errorf("%q is not a list: %v", x, err)
			}
			return l, nil
		}
		if s == "" {
			return []any{}, nil
		}
		parts := strings.Split(s, ",")
		l := make([]any, len(parts))
		for i, p := range parts {
			l[i] = strings.TrimSpace(p)
		}
		return l, nil
	}
	return nil, fmt.Errorf("%v is not a list", v)
}

func toMap(v any) (map[string]any, error) {
	switch x := v.(type) {
	case map[string]any:
		return x, nil
	case string:
		var m map[string]any
		if err := yaml.Unmarshal([]byte(x), &m); err != nil || m == nil {
			return nil, fmt.Errorf("%q is not a map (write JSON or YAML, e.g. {\"a\": 1})", x)
		}
		return m, nil
	}
	return nil, fmt.Errorf("%v is not a map", v)
}

// InjectedSource returns the source of the injected-parameters cell that assigns values
// to the declared params, or an error naming an unknown parameter or a value that does not
// fit its type. Nothing runs before this succeeds.
func InjectedSource(params []Param, values map[string]any) (string, error) {
	byName := map[string]Param{}
	for _, p := range params {
		byName[p.Name] = p
	}
	names := make([]string, 0, len(values))
	for n := range values {
		names = append(names, n)
	}
	sort.Strings(names)
	var lines []string
	needTime, needMath := false, false
	for _, n := range names {
		p, ok := byName[n]
		switch {
		case !ok && token.IsKeyword(n):
			return "", fmt.Errorf("parameter %q is a Go keyword: no variable can have that name", n)
		case !ok && !token.IsIdentifier(n):
			return "", fmt.Errorf("parameter %q is not a Go identifier (letters, digits and _, not starting with a digit)", n)
		}
		if !ok {
			known := make([]string, 0, len(params))
			for _, q := range params {
				known = append(known, q.Name)
			}
			if len(known) == 0 {
				return "", fmt.Errorf("unknown parameter %q: the notebook has no parameters cell (a code cell tagged \"parameters\")", n)
			}
			return "", fmt.Errorf("unknown parameter %q (the notebook's parameters: %s)", n, strings.Join(known, ", "))
		}
		lit, err := p.Literal(values[n])
		if err != nil {
			return "", err
		}
		needTime = needTime || strings.Contains(lit, "time.")
		needMath = needMath || strings.Contains(lit, "math.")
		lines = append(lines, fmt.Sprintf("%s = %s", n, lit))
	}
	var b strings.Builder
	b.WriteString("// Parameters injected by sluice run\n")
	if needTime {
		b.WriteString("import \"time\"\n")
	}
	if needMath {
		b.WriteString("import \"math\"\n")
	}
	b.WriteString(strings.Join(lines, "\n"))
	return b.String(), nil
}

// jsonValue converts a -p string value for the notebook's metadata.papermill.parameters
// record: numbers, bools and JSON lists/maps are kept typed, everything else as a string.
func jsonValue(v any) any {
	s, ok := v.(string)
	if !ok {
		return v
	}
	var out any
	if err := json.Unmarshal([]byte(s), &out); err == nil {
		return out
	}
	return s
}
